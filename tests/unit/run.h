/*
 * run.h - run the lectern binary from a test and capture what it does.
 */
#ifndef LECTERN_TEST_RUN_H
#define LECTERN_TEST_RUN_H

#include <stdbool.h>
#include <stddef.h>

struct run {
	char *out;          /* standard output, NUL-terminated */
	size_t outlen;
	char *err;          /* standard error, NUL-terminated */
	size_t errlen;
	int status;         /* exit status, or 128 + signal */
};

/* Run argv (argv[0] is a path) with `input` (may be NULL: /dev/null) on
 * standard input and env (NULL-terminated "NAME=value" strings, may be
 * NULL) added to the environment.  Kills it after 20 seconds. */
void run_argv(struct run *r, char *const argv[], const char *input,
    size_t inlen, char *const env[]);
/* The same for the lectern under test ($LECTERN) with a NULL-terminated
 * argument list. */
void run_lectern(struct run *r, const char *input, size_t inlen,
    char *const env[], ...);
void run_done(struct run *r);

/* $TESTDATA/name (static buffer) and a fresh temporary path. */
const char *test_data(const char *name);
/* $TOPSRC/rel (the last four results stay valid; "." without $TOPSRC),
 * the bundled document, and the lectern under test ($LECTERN). */
const char *test_src(const char *rel);
const char *test_bundled(void);
const char *test_lectern(void);
bool test_starts_with(const char *s, const char *prefix);
bool test_ends_with(const char *s, const char *suffix);

/* Sanitizers reserve terabytes of address space: tests that set
 * RLIMIT_AS skip under them. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define TEST_SANITIZED 1
#endif
#endif
#ifndef TEST_SANITIZED
#define TEST_SANITIZED 0
#endif
const char *test_tmp(const char *name);
/* Write n bytes to path; read a whole file (caller frees). */
void test_write(const char *path, const void *p, size_t n);
char *test_read(const char *path, size_t *n);

#endif
