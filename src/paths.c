/*
 * paths.c - data, configuration and state locations.
 */
#include "autoconf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

static char *
join(const char *dir, const char *rest)
{
	size_t n = strlen(dir) + strlen(rest) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, rest);
	return p;
}

static char *
existing(const char *dir, const char *name)
{
	struct stat st;
	char *p;

	if (dir == NULL || *dir == '\0')
		return NULL;
	p = join(dir, name);
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

/* Is this program the one in the build tree (not an installed copy)? */
static int
in_build_tree(void)
{
	char exe[PATH_MAX], want[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	if (realpath(LECTERN_BUILDDIR "/src", want) == NULL)
		return 0;
	return strcmp(exe, want) == 0;
}

char *
paths_data(const char *name)
{
	const char *env = getenv("LECTERN_DATADIR");
	char *p;

	if (env && *env)
		return existing(env, name);
	/* The source tree's only for the binary built there: an installed
	 * one that lacks its files says so rather than hiding it. */
	if (in_build_tree() && (p = existing(LECTERN_SRCRESDIR, name)))
		return p;
	return existing(LECTERN_PKGDATADIR, name);
}

static char *
xdg(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var), *home;
	char *dir, *p;

	if (base && *base == '/')
		return join(base, leaf);
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return NULL;
	dir = join(home, fallback);
	p = join(dir, leaf);
	free(dir);
	return p;
}

char *
paths_config(void)
{
	const char *env = getenv("LECTERN_CONFIG");

	if (env && *env)
		return xstrdup(env);
	return xdg("XDG_CONFIG_HOME", ".config", "lectern/config");
}

char *
paths_state_dir(void)
{
	return xdg("XDG_STATE_HOME", ".local/state", "lectern");
}
