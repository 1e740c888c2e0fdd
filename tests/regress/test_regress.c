/*
 * test_regress.c - the inputs the fuzzers found, kept: every file in
 * tests/regress/inputs goes through the code of the fuzz target that
 * found it, in a normal build, and must come through (no crash, no
 * failed check, no hang; leaks and sanitizer reports in a sanitizer
 * build).  The seed corpora in tests/fuzz/seeds are run the same way.
 *
 * A file's name says which target it is for: load-*, layout-*,
 * resolve-*, state-* (tests/regress/inputs/README).  The targets'
 * sources (tests/fuzz/fuzz_*.c) are included here with FUZZ_EMBEDDED,
 * which leaves out the libFuzzer entry points, and with FUZZ_FAIL
 * failing the test instead of aborting.  An input that takes longer
 * than REGRESS_TIMEOUT seconds fails the whole program, naming it.
 * Each file is one cmocka test, named after it.
 *
 * The files are found under $TOPSRC (make check sets it), else the
 * source tree the build was configured from.
 */
#include "autoconf.h"

#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define FUZZ_EMBEDDED 1
#define FUZZ_FAIL(...) fail_msg(__VA_ARGS__)

#include "../fuzz/fuzz.h"
#include "../fuzz/fuzz_load.c"
#include "../fuzz/fuzz_layout.c"
#include "../fuzz/fuzz_resolve.c"
#include "../fuzz/fuzz_state.c"

#define REGRESS_TIMEOUT 60

typedef void regress_fn(const uint8_t *, size_t);

struct regress_target {
	const char *name;
	regress_fn *one;
};

static const struct regress_target regress_targets[] = {
	{ "load", fload_one },
	{ "layout", flay_one },
	{ "resolve", fres_one },
	{ "state", fstate_one }
};

/* One test: a file and the target it goes through. */
struct regress_case {
	const struct regress_target *target;
	char *path;
	char *name;
};

static char regress_current[4096];

static void
regress_alarm(int sig)
{
	static const char msg[] = "test_regress: timed out on ";

	(void)sig;
	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)!write(STDERR_FILENO, regress_current, strlen(regress_current));
	(void)!write(STDERR_FILENO, "\n", 1);
	_exit(1);
}

static void
test_file(void **state)
{
	const struct regress_case *c = *state;
	char *bytes;
	size_t len;

	if ((bytes = fuzz_read_file(c->path, &len)) == NULL)
		fail_msg("cannot read %s", c->path);
	snprintf(regress_current, sizeof(regress_current), "%s", c->name);
	alarm(REGRESS_TIMEOUT);
	c->target->one((const uint8_t *)bytes, len);
	alarm(0);
	free(bytes);
}

static int
regress_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct regress_case *regress_cases;
static size_t regress_ncases, regress_capcases;

static void
regress_add(const struct regress_target *t, const char *dir, const char *file,
    const char *label)
{
	struct regress_case *c;

	if (regress_ncases == regress_capcases) {
		regress_capcases = regress_capcases * 2 + 64;
		regress_cases = realloc(regress_cases,
		    regress_capcases * sizeof(*regress_cases));
		if (regress_cases == NULL)
			abort();
	}
	c = &regress_cases[regress_ncases++];
	c->target = t;
	c->path = fuzz_path(dir, "/", file);
	c->name = fuzz_path(label, "", file);
}

/* A test for each file of dir, in name order, named label + the file's
 * name: through t, or when t is NULL through the target the name
 * starts with ("load-", ...).  Returns how many. */
static size_t
regress_scan(const char *dir, const struct regress_target *t,
    const char *label)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, added = 0;

	if (dp == NULL) {
		fprintf(stderr, "test_regress: cannot open %s\n", dir);
		exit(1);
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "README") == 0)
			continue;
		if (n == cap) {
			cap = cap * 2 + 16;
			names = realloc(names, cap * sizeof(*names));
			if (names == NULL)
				abort();
		}
		if ((names[n++] = strdup(de->d_name)) == NULL)
			abort();
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), regress_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct regress_target *to = t;

		for (size_t k = 0; to == NULL &&
		    k < ARRAY_SIZE(regress_targets); k++) {
			const char *tn = regress_targets[k].name;
			size_t len = strlen(tn);

			if (strncmp(names[i], tn, len) == 0 &&
			    names[i][len] == '-')
				to = &regress_targets[k];
		}
		if (to == NULL) {
			fprintf(stderr, "test_regress: %s/%s: the name says no "
			    "target (load-, layout-, resolve-, state-)\n", dir,
			    names[i]);
			exit(1);
		}
		regress_add(to, dir, names[i], label);
		added++;
		free(names[i]);
	}
	free(names);
	return added;
}

static const char *
regress_top(void)
{
	const char *top = getenv("TOPSRC");

	return top != NULL && *top != '\0' ? top : FUZZ_BUILT_TOP;
}

int
main(void)
{
	struct CMUnitTest *tests;
	struct sigaction sa;
	char *dir;
	int rc;

	dir = fuzz_path(regress_top(), "/", "tests/regress/inputs");
	regress_scan(dir, NULL, "");
	free(dir);
	for (size_t k = 0; k < ARRAY_SIZE(regress_targets); k++) {
		char *label = fuzz_path("seeds/", regress_targets[k].name, "/");

		dir = fuzz_path(regress_top(), "/tests/fuzz/seeds/",
		    regress_targets[k].name);
		if (regress_scan(dir, &regress_targets[k], label) == 0) {
			fprintf(stderr, "test_regress: no seeds in %s\n", dir);
			return 1;
		}
		free(dir);
		free(label);
	}
	if ((tests = calloc(regress_ncases, sizeof(*tests))) == NULL)
		abort();
	for (size_t i = 0; i < regress_ncases; i++) {
		tests[i].name = regress_cases[i].name;
		tests[i].test_func = test_file;
		tests[i].initial_state = &regress_cases[i];
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = regress_alarm;
	sigaction(SIGALRM, &sa, NULL);
	rc = _cmocka_run_group_tests("test_regress", tests, regress_ncases,
	    NULL, NULL);
	fload_cleanup();
	flay_cleanup();
	fres_cleanup();
	fstate_cleanup();
	for (size_t i = 0; i < regress_ncases; i++) {
		free(regress_cases[i].path);
		free(regress_cases[i].name);
	}
	free(regress_cases);
	free(tests);
	return rc;
}
