/*
 * fuzz.h - what the libFuzzer targets in tests/fuzz share: finding the
 * bundled files, a sink for output, per-process temporary files, and
 * the checks that turn a broken promise into a crash libFuzzer reports.
 *
 * Every target is written as two static functions, NAME_init() and
 * NAME_one(data, size), with the libFuzzer entry points around them.
 * tests/regress/test_regress.c includes the four target sources with
 * FUZZ_EMBEDDED defined, so that the saved inputs run through exactly
 * the code that found them, in a normal build, as a cmocka test; it
 * defines FUZZ_FAIL to fail the test instead of aborting.
 *
 * Everything here is static: a target is one translation unit.
 */
#ifndef LECTERN_FUZZ_H
#define LECTERN_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(...) do {						\
	fprintf(stderr, __VA_ARGS__);					\
	abort();							\
} while (0)
#endif

/* A promise of the API that does not hold: report it and stop. */
#define FUZZ_CHECK(e) do {						\
	if (!(e))							\
		FUZZ_FAIL("%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #e);					\
} while (0)

#if defined(__GNUC__)
#define FUZZ_UNUSED __attribute__((unused))
#else
#define FUZZ_UNUSED
#endif

/*
 * Where the bundled data is: $LECTERN_DATADIR, else $TOPSRC/resources
 * (make check sets TOPSRC), else the source tree's resources/ as the
 * build knows it (FUZZ_TOPSRC in a fuzzing build, LECTERN_SRCRESDIR in
 * any other), else ./resources.  The test documents: the same places'
 * tests/data.
 */
#if defined(FUZZ_TOPSRC)
#define FUZZ_BUILT_TOP FUZZ_TOPSRC
#elif defined(LECTERN_SRCRESDIR)
#define FUZZ_BUILT_TOP LECTERN_SRCRESDIR "/.."
#else
#define FUZZ_BUILT_TOP "."
#endif

/* a, b and c joined (the caller frees). */
static FUZZ_UNUSED char *
fuzz_path(const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
	char *p = malloc(na + nb + nc + 1);

	if (p == NULL)
		abort();
	memcpy(p, a, na);
	memcpy(p + na, b, nb);
	memcpy(p + na + nb, c, nc + 1);
	return p;
}

static FUZZ_UNUSED char *
fuzz_data_file(const char *name)
{
	const char *env = getenv("LECTERN_DATADIR");

	if (env != NULL && *env != '\0')
		return fuzz_path(env, "/", name);
	env = getenv("TOPSRC");
	return fuzz_path(env != NULL && *env != '\0' ? env : FUZZ_BUILT_TOP,
	    "/resources/", name);
}

static FUZZ_UNUSED char *
fuzz_test_file(const char *name)
{
	const char *env = getenv("TOPSRC");

	return fuzz_path(env != NULL && *env != '\0' ? env : FUZZ_BUILT_TOP,
	    "/tests/data/", name);
}

/* The whole of a file, NUL-terminated (NULL if it cannot be read). */
static FUZZ_UNUSED char *
fuzz_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 4096) {
			char *q = realloc(p, cap = cap * 2 + 8192);

			if (q == NULL)
				abort();
			p = q;
		}
		r = fread(p + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

/* A stream that swallows what the queries print. */
static FUZZ_UNUSED FILE *
fuzz_sink(void)
{
	static FILE *sink;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	return sink;
}

/* The directory for temporary files: $TMPDIR, else /tmp. */
static FUZZ_UNUSED const char *
fuzz_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && *t == '/' ? t : "/tmp";
}

/* Create (or empty) the file at path for fuzz_rewrite(). */
static FUZZ_UNUSED int
fuzz_open_tmp(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0) {
		perror(path);
		abort();
	}
	return fd;
}

/* Make the file open on fd hold n bytes: written over what it held and
 * cut to size, never closed (emptying a file and closing it makes some
 * file systems write it out at once, which is slow). */
static FUZZ_UNUSED void
fuzz_rewrite(int fd, const void *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t k = pwrite(fd, (const char *)p + done, n - done,
		    (off_t)done);

		if (k <= 0) {
			perror("pwrite");
			abort();
		}
		done += (size_t)k;
	}
	if (ftruncate(fd, (off_t)n) != 0) {
		perror("ftruncate");
		abort();
	}
}

/* Write n bytes to path, replacing what it held. */
static FUZZ_UNUSED void
fuzz_write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		perror(path);
		abort();
	}
	if (n > 0 && fwrite(p, 1, n, f) != n) {
		perror(path);
		abort();
	}
	if (fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* A copy of the input as a C string, cut at its first NUL. */
static FUZZ_UNUSED char *
fuzz_cstring(const uint8_t *data, size_t n)
{
	const uint8_t *z = memchr(data, '\0', n);
	size_t len = z ? (size_t)(z - data) : n;
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* libFuzzer's entry points, calling init() once and one(data, n) for
 * each input (not in tests/regress, which includes the targets). */
#ifndef FUZZ_EMBEDDED
#define FUZZ_ENTRY_POINTS(init, one)					\
int LLVMFuzzerInitialize(int *, char ***);				\
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);			\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	init();								\
	return 0;							\
}									\
int									\
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)			\
{									\
	one(data, n);							\
	return 0;							\
}
#else
#define FUZZ_ENTRY_POINTS(init, one)
#endif

#endif
