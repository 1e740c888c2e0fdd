/*
 * run.h - run the lectern binary from a test and capture what it does.
 */
#ifndef LECTERN_TEST_RUN_H
#define LECTERN_TEST_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

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
/* The parent's half, for a child started some other way: feed it input
 * on in, gather out and err into r until it closes them, kill it after
 * timeout seconds, reap it.  Closes the three descriptors. */
void run_collect(struct run *r, pid_t pid, int in, int out, int err,
    const char *input, size_t inlen, int timeout);

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
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
#define TEST_SANITIZED 1
#endif
#endif
#ifndef TEST_SANITIZED
#define TEST_SANITIZED 0
#endif
const char *test_tmp(const char *name);
/* Write n bytes (or a string) to path; read a whole file (caller
 * frees). */
void test_write(const char *path, const void *p, size_t n);
void test_write_str(const char *path, const char *s);
char *test_read(const char *path, size_t *n);

/* A field of /proc/self/status in kB ("RssFile", "VmHWM"), or -1 where
 * there is none; test_peak_reset() starts VmHWM again from the resident
 * set now, false where it cannot. */
long test_status_kb(const char *field);
bool test_peak_reset(void);

/* Milliseconds on the monotonic clock; sleep that long. */
long long test_now_ms(void);
void test_sleep_ms(int ms);
/* Remove dir and everything in it, read-only directories too; does not
 * follow symbolic links. */
void test_rmtree(const char *dir);

/* As root, file permissions stop nothing: CAP_DAC_OVERRIDE,
 * CAP_DAC_READ_SEARCH and CAP_FOWNER bypass them.  The tests of what a
 * permission refuses give them up, so that they hold as root too (CI
 * runs as root).  Capabilities belong to a thread, and what a thread
 * spawns or forks inherits its own.
 *
 * test_drop_dac() gives them up in the calling thread for good: lowered
 * in its effective set (its own system calls are held to permissions)
 * and dropped from its bounding set (so are the programs it executes
 * from then on).  For a forked child about to exec.
 *
 * test_without_dac() calls fn(arg) in a new thread that has given them
 * up, and waits for it; the rest of the process keeps them.  fn must
 * not use cmocka's assertions (they cannot fail from another thread):
 * it records what happened for the caller to assert on.
 *
 * Both return NULL when permissions now apply (always, for a user other
 * than root), else why they do not (and then fn was not called). */
const char *test_drop_dac(void);

/* A test that does not finish is a failure, not a hang: unless
 * test_watchdog(0, NULL) comes first, after `seconds` the program says
 * that `what` did not finish and exits with status 1.  A test that sets
 * it stops it in a teardown too, in case an assertion ends the test
 * early (test_watchdog_stop() is one). */
void test_watchdog(unsigned seconds, const char *what);
int test_watchdog_stop(void **state);
const char *test_without_dac(void (*fn)(void *), void *arg);

#endif
