/*
 * test_state.c - the state file: its name, a round trip, files that are
 * missing, corrupt, truncated, binary, huge or saved for another
 * document, the modes of what is created, a symbolic link in the way, a
 * read-only directory, a file size limit, no HOME, and two processes
 * saving at once.  Everything is written under $TMPDIR (or /tmp), in a
 * directory of this process's own that is removed at the end.
 */
#include "autoconf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "state.h"
#include "run.h"

#define DOC "/srv/docs/report.txt"
#define HASH UINT64_C(0x0123456789ABCDEF)
#define MIN(a, b) ((a) < (b) ? (a) : (b))

static char base[4096];             /* this run's own directory */
static char errbuf[256];

static const char *
path_in(const char *name)
{
	static char p[4][4200];
	static int next;
	char *s = p[next++ % 4];

	snprintf(s, sizeof(p[0]), "%s/%s", base, name);
	return s;
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");
	char cwd[2048];

	if (t == NULL || *t == '\0')
		t = "/tmp";
	if (*t != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(base, sizeof(base), "%s/%s/state-%ld", cwd, t,
		    (long)getpid());
	else
		snprintf(base, sizeof(base), "%s/state-%ld", t, (long)getpid());
	mkdir(t, 0755);
	if (mkdir(base, 0755) != 0 && errno != EEXIST)
		return -1;
	umask(022);
	setenv("HOME", path_in("home"), 1);
	setenv("XDG_STATE_HOME", path_in("xdg-state"), 1);
	return 0;
}

static int
remove_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(p) != 0 && errno != ENOENT;
	return unlink(p) != 0 && errno != ENOENT;
}

static int
teardown(void **state)
{
	return nftw(base, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0;
}

static struct state_data
sample(uint32_t top)
{
	struct state_data d;

	memset(&d, 0, sizeof(d));
	d.have_top = true;
	d.top.off = top;
	d.top.sub = 2;
	d.marks[0].off = 11;                    /* a */
	d.marks[25].off = UINT32_MAX;           /* z */
	d.marks[25].sub = UINT16_MAX;
	d.marks[26].off = 0;                    /* A */
	d.marks[51].off = 4242;                 /* Z */
	d.marks[51].sub = 1;
	d.marks_set = (UINT64_C(1) << 0) | (UINT64_C(1) << 25) |
	    (UINT64_C(1) << 26) | (UINT64_C(1) << 51);
	return d;
}

static void
assert_same(const struct state_data *a, const struct state_data *b)
{
	assert_int_equal(a->have_top, b->have_top);
	assert_int_equal(a->top.off, b->top.off);
	assert_int_equal(a->top.sub, b->top.sub);
	assert_int_equal(a->marks_set, b->marks_set);
	for (int i = 0; i < HISTORY_NMARKS; i++)
		if (a->marks_set & (UINT64_C(1) << i)) {
			assert_int_equal(a->marks[i].off, b->marks[i].off);
			assert_int_equal(a->marks[i].sub, b->marks[i].sub);
		}
}

static bool
is_empty(const struct state_data *d)
{
	static const struct state_data zero;

	return memcmp(d, &zero, sizeof(zero)) == 0;
}

/* The number of entries in directory dir. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
assert_file_is(const char *path, const char *want)
{
	size_t n;
	char *got = test_read(path, &n);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(got, want, n);
	free(got);
}

static void
test_file_name(void **state)
{
	char *a = state_file(DOC, HASH), *b, *c, *d, *e;
	char want[4200];
	const char *slash;

	snprintf(want, sizeof(want), "%s/lectern/", path_in("xdg-state"));
	assert_non_null(a);
	assert_int_equal(strncmp(a, want, strlen(want)), 0);
	slash = strrchr(a, '/');
	assert_int_equal(strlen(slash + 1), 16);
	assert_int_equal(strspn(slash + 1, "0123456789abcdef"), 16);
	b = state_file(DOC, HASH);
	assert_string_equal(a, b);                  /* stable */
	c = state_file("/srv/docs/other.txt", HASH);
	d = state_file(DOC, HASH + 1);
	e = state_file(NULL, HASH);
	assert_string_not_equal(a, c);
	assert_string_not_equal(a, d);
	assert_string_not_equal(a, e);
	/* Standard input: the content hash alone. */
	assert_string_equal(strrchr(e, '/') + 1, "0123456789abcdef");
	free(a), free(b), free(c), free(d), free(e);

	/* Without XDG_STATE_HOME: under HOME. */
	unsetenv("XDG_STATE_HOME");
	a = state_file(DOC, HASH);
	snprintf(want, sizeof(want), "%s/.local/state/lectern/",
	    path_in("home"));
	assert_non_null(a);
	assert_int_equal(strncmp(a, want, strlen(want)), 0);
	free(a);
	setenv("XDG_STATE_HOME", path_in("xdg-state"), 1);
}

static void
test_round_trip(void **state)
{
	static const char *const docs[] = {
		DOC, NULL, "/odd/new\nline\\and\ttab \x7f\xC3\xA9", "relative"
	};
	struct state_data in = sample(123456), out;
	char *file;

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		file = state_file(docs[i], HASH);
		assert_int_equal(state_save(file, docs[i], HASH, &in, errbuf,
		    sizeof(errbuf)), 0);
		assert_string_equal(errbuf, "");
		assert_int_equal(state_load(file, docs[i], HASH, &out, errbuf,
		    sizeof(errbuf)), 0);
		assert_same(&in, &out);
		free(file);
	}
	/* No top, no marks. */
	memset(&in, 0, sizeof(in));
	file = state_file(DOC, 7);
	assert_int_equal(state_save(file, DOC, 7, &in, NULL, 0), 0);
	out = sample(1);
	assert_int_equal(state_load(file, DOC, 7, &out, NULL, 0), 0);
	assert_true(is_empty(&out));
	/* Saving again replaces. */
	in = sample(99);
	assert_int_equal(state_save(file, DOC, 7, &in, NULL, 0), 0);
	assert_int_equal(state_load(file, DOC, 7, &out, NULL, 0), 0);
	assert_same(&in, &out);
	free(file);
}

static void
test_format(void **state)
{
	struct state_data in;
	const char *file = path_in("format");

	memset(&in, 0, sizeof(in));
	in.have_top = true;
	in.top.off = 48213;
	in.marks[1].off = 5;                    /* b */
	in.marks[27].off = 6;                   /* B */
	in.marks[27].sub = 1;
	in.marks_set = (UINT64_C(1) << 1) | (UINT64_C(1) << 27);
	assert_int_equal(state_save(file, "/a\nb", HASH, &in, NULL, 0), 0);
	assert_file_is(file, "lectern-state 1\npath /a\\x0ab\n"
	    "hash 0123456789abcdef\ntop 48213 0\nmark b 5 0\nmark B 6 1\n");
	assert_int_equal(state_save(file, NULL, HASH, &in, NULL, 0), 0);
	assert_file_is(file, "lectern-state 1\n"
	    "hash 0123456789abcdef\ntop 48213 0\nmark b 5 0\nmark B 6 1\n");
}

static void
test_missing(void **state)
{
	struct state_data out = sample(5);

	assert_int_equal(state_load(path_in("no-such-file"), DOC, HASH, &out,
	    errbuf, sizeof(errbuf)), 1);
	assert_true(is_empty(&out));
	assert_int_equal(state_load(path_in("no-such-dir/file"), DOC, HASH,
	    &out, errbuf, sizeof(errbuf)), 1);
	assert_int_equal(state_load(NULL, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), 1);
}

/* A file for another path or content (a collision) is no file. */
static void
test_other_document(void **state)
{
	struct state_data in = sample(10), out;
	const char *file = path_in("other");

	assert_int_equal(state_save(file, DOC, HASH, &in, NULL, 0), 0);
	assert_int_equal(state_load(file, "/srv/docs/report.tx", HASH, &out,
	    NULL, 0), 1);
	assert_true(is_empty(&out));
	assert_int_equal(state_load(file, DOC "x", HASH, &out, NULL, 0), 1);
	assert_int_equal(state_load(file, DOC, HASH ^ 1, &out, NULL, 0), 1);
	assert_int_equal(state_load(file, NULL, HASH, &out, NULL, 0), 1);
	assert_int_equal(state_save(file, NULL, HASH, &in, NULL, 0), 0);
	assert_int_equal(state_load(file, DOC, HASH, &out, NULL, 0), 1);
	assert_int_equal(state_load(file, NULL, HASH, &out, NULL, 0), 0);
	/* Upper-case hexadecimal digits are the same hash. */
	test_write_str(file, "lectern-state 1\nhash 0123456789ABCDEF\n");
	assert_int_equal(state_load(file, NULL, HASH, &out, NULL, 0), 0);
}

#define HEAD "lectern-state 1\npath " DOC "\nhash 0123456789abcdef\n"

static const char *const corrupt[] = {
	"",
	"\n",
	"lectern-state 1\n",                                /* no hash */
	"lectern-state 1",
	"lectern-state 2\nhash 0123456789abcdef\n",
	"lectern-state\nhash 0123456789abcdef\n",
	"Lectern-state 1\nhash 0123456789abcdef\n",
	" lectern-state 1\nhash 0123456789abcdef\n",
	"lectern-state 1 \nhash 0123456789abcdef\n",
	"lectern-state 1\r\nhash 0123456789abcdef\n",
	HEAD "top 1 0",                                     /* truncated */
	HEAD "top 1",
	HEAD "top 1 0 \n",
	HEAD "top  1 0\n",
	HEAD "top 1  0\n",
	HEAD "top -1 0\n",
	HEAD "top +1 0\n",
	HEAD "top 1 -0\n",
	HEAD "top 4294967296 0\n",                          /* > UINT32_MAX */
	HEAD "top 99999999999999999999999 0\n",             /* ERANGE */
	HEAD "top 1 65536\n",                               /* > UINT16_MAX */
	HEAD "top 1x 0\n",
	HEAD "top 0x10 0\n",
	HEAD "top 1 0\ntop 2 0\n",                          /* twice */
	HEAD "top\n",
	HEAD "top \n",
	HEAD "mark\n",
	HEAD "mark \n",
	HEAD "mark a\n",
	HEAD "mark a \n",
	HEAD "mark a 1\n",
	HEAD "mark 1 1 0\n",
	HEAD "mark aa 1 0\n",
	HEAD "mark \xC3\xA9 1 0\n",
	HEAD "mark a 1 0\nmark a 2 0\n",                    /* twice */
	HEAD "mark a 1 0 0\n",
	HEAD "mark a 1 65536\n",
	HEAD "\n",                                          /* empty line */
	HEAD "colour red\n",                                /* unknown */
	HEAD "hash 0123456789abcdef\n",                     /* twice */
	HEAD "path /x\n",                                   /* twice */
	"lectern-state 1\nhash 0123456789abcde\n",           /* 15 digits */
	"lectern-state 1\nhash 0123456789abcdef0\n",         /* 17 digits */
	"lectern-state 1\nhash 0123456789abcdeg\n",
	"lectern-state 1\nhash -123456789abcdef\n",
	"lectern-state 1\nhash  0123456789abcdef\n",
	"lectern-state 1\nhash\n",
	"lectern-state 1\nhash 0123456789abcdef",
	"garbage\n",
	"top 1 0\n",
};

static void
expect_corrupt(const char *file, const void *p, size_t n)
{
	struct state_data out = sample(3);
	int rc;

	test_write(file, p, n);
	errbuf[0] = 'x';
	rc = state_load(file, DOC, HASH, &out, errbuf, sizeof(errbuf));
	if (rc != -1)
		print_error("loaded (%d): \"%.*s\"\n", rc, (int)MIN(n, 200),
		    (const char *)p);
	assert_int_equal(rc, -1);
	assert_true(errbuf[0] != '\0' && errbuf[0] != 'x');
	assert_true(is_empty(&out));
}

static void
test_corrupt(void **state)
{
	const char *file = path_in("corrupt");
	struct state_data out;
	char big[STATE_MAX_SIZE + 100];
	size_t n;

	/* The header itself is valid. */
	test_write_str(file, HEAD "top 1 0\nmark a 1 0\n");
	assert_int_equal(state_load(file, DOC, HASH, &out, NULL, 0), 0);

	for (size_t i = 0; i < sizeof(corrupt) / sizeof(corrupt[0]); i++)
		expect_corrupt(file, corrupt[i], strlen(corrupt[i]));
	expect_corrupt(file, HEAD "top 1\0 0\n", sizeof(HEAD "top 1\0 0\n") - 1);
	expect_corrupt(file, HEAD "\0", sizeof(HEAD));
	/* Another version is reported as such. */
	test_write_str(file, "lectern-state 2\nhash 0123456789abcdef\n");
	assert_int_equal(state_load(file, NULL, HASH, &out, errbuf,
	    sizeof(errbuf)), -1);
	assert_non_null(strstr(errbuf, "version"));
	/* An error message never overflows a small buffer. */
	test_write_str(file, "garbage\n");
	memset(errbuf, 'x', sizeof(errbuf));
	assert_int_equal(state_load(file, DOC, HASH, &out, errbuf, 5), -1);
	assert_string_equal(errbuf, "corr");
	assert_int_equal(errbuf[5], 'x');

	/* Huge: valid lines beyond 64 KiB. */
	n = strlen(HEAD);
	memcpy(big, HEAD, n);
	while (n + 12 < sizeof(big)) {
		memcpy(big + n, "top 1 0\n", 8);
		n += 8;
	}
	expect_corrupt(file, big, n);
	assert_non_null(strstr(errbuf, "too large"));
	/* One line longer than the limit. */
	n = strlen(HEAD "path ");
	memcpy(big, HEAD "path ", n);
	memset(big + n, 'p', sizeof(big) - n - 1);
	big[sizeof(big) - 1] = '\n';
	expect_corrupt(file, big, sizeof(big));
}

/* Every prefix of a valid file, and random damage to it: never a crash,
 * and whatever loads is within range and saves and loads back the same.
 * Both outcomes must occur (damage to a digit of a number leaves a valid
 * file; most damage does not), or the loop tested less than it seems. */
static void
test_truncated_and_damaged(void **state)
{
	const char *file = path_in("damaged"), *again = path_in("damaged-again");
	struct state_data in = sample(777), out, back;
	char *good;
	size_t n;
	unsigned seed = 12345;
	int ok = 0, bad = 0;

	assert_int_equal(state_save(file, DOC, HASH, &in, NULL, 0), 0);
	good = test_read(file, &n);
	for (size_t k = 0; k < n; k++) {
		test_write(file, good, k);
		int rc = state_load(file, DOC, HASH, &out, errbuf,
		    sizeof(errbuf));
		/* A cut at a line end after the hash line is a valid file
		 * with fewer lines; any other cut is corrupt. */
		if (k > 0 && good[k - 1] == '\n' && k >= strlen(HEAD))
			assert_int_equal(rc, 0);
		else
			assert_int_equal(rc, -1);
	}
	for (int round = 0; round < 3000; round++) {
		char copy[512];
		int rc;

		assert_true(n < sizeof(copy));
		memcpy(copy, good, n);
		for (int j = 0; j < 1 + round % 4; j++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % n] = (char)(seed >> 20);
		}
		size_t len = n - (round % 7 == 0 ? (seed >> 4) % n : 0);

		test_write(file, copy, len);
		rc = state_load(file, DOC, HASH, &out, errbuf, sizeof(errbuf));
		assert_true(rc == 0 || rc == 1 || rc == -1);
		if (len == n && memcmp(copy, good, n) == 0) {
			/* The damage wrote the bytes that were there. */
			assert_int_equal(rc, 0);
			assert_same(&in, &out);
		}
		if (rc == 0) {
			ok++;
			assert_int_equal(out.marks_set >> HISTORY_NMARKS, 0);
			assert_int_equal(state_save(again, DOC, HASH, &out, NULL, 0), 0);
			assert_int_equal(state_load(again, DOC, HASH, &back, NULL, 0), 0);
			assert_same(&out, &back);
		} else {
			bad++;
			assert_true(is_empty(&out));
		}
	}
	assert_true(ok > 0);
	assert_true(bad > 0);
	free(good);

	/* Binary: random bytes. */
	{
		unsigned char bin[4096];

		for (size_t i = 0; i < sizeof(bin); i++) {
			seed = seed * 1103515245 + 12345;
			bin[i] = (unsigned char)(seed >> 16);
		}
		expect_corrupt(file, bin, sizeof(bin));
	}
}

/* The names in dir that hold ".tmp" (a temporary file left behind). */
static int
temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp") != NULL) {
			print_error("left behind: %s/%s\n", dir, e->d_name);
			n++;
		}
	closedir(d);
	return n;
}

/* path is still what lstat() found before: the same type, inode and
 * size. */
static void
assert_unchanged(const char *path, const struct stat *before)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & S_IFMT, before->st_mode & S_IFMT);
	assert_int_equal(st.st_ino, before->st_ino);
	assert_int_equal(st.st_size, before->st_size);
}

/* Not a regular file: a directory, a FIFO (which must not block) and a
 * symbolic link to a directory.  Neither loading nor saving works, each
 * stays what it was, nothing is written into or through it, and no
 * temporary file is left next to it. */
static void
test_not_regular(void **state)
{
	struct state_data in = sample(1), out;
	const char *dir = path_in("a-directory"), *fifo = path_in("a-fifo");
	const char *link = path_in("a-link");
	struct stat sdir, sfifo, slink;
	char got[4200];
	ssize_t n;
	int before = entries(base), rfd;

	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink(dir, link), 0);
	assert_int_equal(lstat(dir, &sdir), 0);
	assert_int_equal(lstat(fifo, &sfifo), 0);
	assert_int_equal(lstat(link, &slink), 0);
	assert_true(S_ISDIR(sdir.st_mode));
	assert_true(S_ISFIFO(sfifo.st_mode));
	assert_true(S_ISLNK(slink.st_mode));
	assert_int_equal(entries(base), before + 3);
	/* A reader on the FIFO, so that a writer would not fail to open it
	 * and whatever it wrote could be read back. */
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);

	assert_int_equal(state_load(dir, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(is_empty(&out));
	assert_int_equal(state_save(dir, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(errbuf[0] != '\0');
	assert_int_equal(state_load(fifo, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(is_empty(&out));
	assert_int_equal(state_save(fifo, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(errbuf[0] != '\0');
	assert_int_equal(state_load(link, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(is_empty(&out));
	assert_int_equal(state_save(link, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(errbuf[0] != '\0');

	/* Nothing came down the FIFO. */
	n = read(rfd, got, sizeof(got));
	assert_true(n == 0 || (n < 0 && errno == EAGAIN));
	close(rfd);
	/* Each is what it was; the directory is still empty (nothing was
	 * written into it, through the link either); the link still points
	 * there. */
	assert_unchanged(dir, &sdir);
	assert_unchanged(fifo, &sfifo);
	assert_unchanged(link, &slink);
	assert_int_equal(entries(dir), 0);
	n = readlink(link, got, sizeof(got) - 1);
	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, dir);
	/* No new entry (a temporary file) next to them. */
	assert_int_equal(entries(base), before + 3);
	assert_int_equal(temporaries(base), 0);
	assert_int_equal(temporaries(dir), 0);
}

static void
test_modes(void **state)
{
	struct state_data in = sample(1);
	struct stat st;
	char *file;
	char dir[4200];

	setenv("XDG_STATE_HOME", path_in("modes/deep/state"), 1);
	file = state_file(DOC, HASH);
	assert_int_equal(state_save(file, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(dir, sizeof(dir), "%s", file);
	*strrchr(dir, '/') = '\0';                  /* .../state/lectern */
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	*strrchr(dir, '/') = '\0';                  /* .../state */
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	/* Only the state file: no temporary left behind. */
	*strrchr(file, '/') = '\0';
	assert_int_equal(entries(file), 1);
	free(file);

	/* Even with a permissive umask the file is private. */
	umask(0);
	file = state_file(DOC, HASH + 1);
	assert_int_equal(state_save(file, DOC, HASH + 1, &in, NULL, 0), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(022);
	free(file);
	setenv("XDG_STATE_HOME", path_in("xdg-state"), 1);

	/* A directory that cannot be made: a file in the way. */
	test_write_str(path_in("plain-file"), "x");
	assert_int_equal(state_save(path_in("plain-file/sub/state"), DOC, HASH,
	    &in, errbuf, sizeof(errbuf)), -1);
	assert_true(errbuf[0] != '\0');
}

static void
test_symlink(void **state)
{
	struct state_data in = sample(5), out;
	const char *target = path_in("precious"), *link = path_in("linked");
	char got[4200];
	ssize_t n;

	test_write_str(target, "precious data\n");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(state_save(link, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), -1);
	assert_string_equal(errbuf, "is a symbolic link; not written");
	n = readlink(link, got, sizeof(got) - 1);
	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, target);
	assert_file_is(target, "precious data\n");
	/* Loading does not follow it either. */
	assert_int_equal(state_save(target, DOC, HASH, &in, NULL, 0), 0);
	assert_int_equal(state_load(link, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(is_empty(&out));
	/* A dangling link: not written, nothing created. */
	assert_int_equal(symlink(path_in("nowhere"), path_in("dangling")), 0);
	assert_int_equal(state_save(path_in("dangling"), DOC, HASH, &in,
	    errbuf, sizeof(errbuf)), -1);
	assert_int_equal(access(path_in("nowhere"), F_OK), -1);
}

/* state_save() in a thread held to file permissions even as root. */
struct save_call {
	const char *file;
	const struct state_data *data;
	int rc;
	char err[256];
};

static void
save_call(void *p)
{
	struct save_call *c = p;

	c->rc = state_save(c->file, DOC, HASH, c->data, c->err, sizeof(c->err));
}

static void
test_readonly_dir(void **state)
{
	struct state_data in = sample(1), again = sample(2), out;
	const char *dir = path_in("ro"), *file = path_in("ro/state");
	struct save_call c = { file, &again, 0, "" };
	const char *why;
	size_t n;
	char *old;

	assert_int_equal(state_save(file, DOC, HASH, &in, NULL, 0), 0);
	old = test_read(file, &n);
	assert_int_equal(chmod(dir, 0500), 0);
	why = test_without_dac(save_call, &c);
	chmod(dir, 0700);
	if (why != NULL) {
		free(old);
		print_message("skipped: %s\n", why);
		skip();
	}
	assert_int_equal(c.rc, -1);
	assert_non_null(strstr(c.err, strerror(EACCES)));
	assert_file_is(file, old);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(state_load(file, DOC, HASH, &out, NULL, 0), 0);
	assert_same(&in, &out);
	free(old);
}

/* Writing fails half-way: RLIMIT_FSIZE below the file's size (in a child
 * process, so that the limit does not outlive the test). */
static void
test_file_size_limit(void **state)
{
	struct state_data in = sample(1), again = sample(2);
	const char *file = path_in("fsize/state");
	size_t n;
	char *old;
	pid_t pid;
	int st;

	assert_int_equal(state_save(file, DOC, HASH, &in, NULL, 0), 0);
	old = test_read(file, &n);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 20, 20 };
		char e[256] = "";
		int rc;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		rc = state_save(file, DOC, HASH, &again, e, sizeof(e));
		_exit(rc == -1 && strcmp(e, strerror(EFBIG)) == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_file_is(file, old);
	assert_int_equal(entries(path_in("fsize")), 1);
	free(old);
}

static void
test_no_home(void **state)
{
	struct state_data in = sample(1), out;
	char *saved_home = strdup(getenv("HOME"));

	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	assert_null(state_file(DOC, HASH));
	assert_null(state_file(NULL, HASH));
	assert_int_equal(state_save(NULL, DOC, HASH, &in, errbuf,
	    sizeof(errbuf)), -1);
	assert_true(errbuf[0] != '\0');
	assert_int_equal(state_load(NULL, DOC, HASH, &out, errbuf,
	    sizeof(errbuf)), 1);
	/* An empty HOME is no HOME; a relative XDG_STATE_HOME is ignored. */
	setenv("HOME", "", 1);
	setenv("XDG_STATE_HOME", "relative/dir", 1);
	assert_null(state_file(DOC, HASH));
	setenv("HOME", saved_home, 1);
	setenv("XDG_STATE_HOME", path_in("xdg-state"), 1);
	free(saved_home);
}

/* Save 200 times and check after each save that the file loads; the
 * exit status says whether every load did. */
static void
saver(const char *file, uint32_t who)
{
	struct state_data in = sample(0), out;
	char e[256];
	int bad = 0;

	for (uint32_t i = 0; i < 200; i++) {
		in.top.off = who * 1000 + i;
		in.marks[0].off = who;
		if (state_save(file, DOC, HASH, &in, e, sizeof(e)) != 0)
			bad |= 1;
		if (state_load(file, DOC, HASH, &out, e, sizeof(e)) != 0 ||
		    out.marks_set != in.marks_set)
			bad |= 2;
	}
	_exit(bad);
}

static void
test_concurrent(void **state)
{
	const char *file = path_in("race/state");
	struct state_data in = sample(0), out;
	pid_t pid[2];
	int st, running = 2, loads = 0;

	assert_int_equal(state_save(file, DOC, HASH, &in, NULL, 0), 0);
	fflush(NULL);
	for (uint32_t k = 0; k < 2; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0)
			saver(file, k + 1);
	}
	while (running > 0) {
		int rc = state_load(file, DOC, HASH, &out, errbuf,
		    sizeof(errbuf));

		assert_int_equal(rc, 0);
		assert_true(out.top.off == 0 || out.top.off / 1000 ==
		    out.marks[0].off);
		loads++;
		for (int k = 0; k < 2; k++)
			if (pid[k] > 0 && waitpid(pid[k], &st, WNOHANG) == pid[k]) {
				assert_true(WIFEXITED(st));
				assert_int_equal(WEXITSTATUS(st), 0);
				pid[k] = 0;
				running--;
			}
	}
	assert_true(loads > 0);
	assert_int_equal(state_load(file, DOC, HASH, &out, NULL, 0), 0);
	assert_int_equal(out.top.off % 1000, 199);
	assert_int_equal(entries(path_in("race")), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_other_document),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_truncated_and_damaged),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_readonly_dir),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_no_home),
		cmocka_unit_test(test_concurrent),
	};

	return cmocka_run_group_tests_name("state", tests, setup, teardown);
}
