/*
 * bench/common.h - what the two benchmarks (bench.c, readbench.c) share:
 * the clock, sorting samples, reading /proc, and the documents mkdoc
 * makes (each with an info file: "bytes: N", "last-paragraph: N",
 * "unique-word: W").  Included by each program; nothing else uses it.
 */
#ifndef LECTERN_BENCH_COMMON_H
#define LECTERN_BENCH_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

/* "PROGRAM: message" on standard error, and exit 2 (each program names
 * itself in BENCH_NAME before including this file). */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
bench_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", BENCH_NAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A field of a /proc/.../status file in bytes ("VmHWM", "VmRSS"), 0 if
 * unknown. */
static inline uint64_t
bench_proc_status(const char *status_file, const char *field)
{
	FILE *f = fopen(status_file, "r");
	char line[256];
	size_t n = strlen(field);
	uint64_t kb = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			kb = strtoull(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb * 1024;
}

/* What mkdoc said of a document it made. */
struct bench_doc {
	uint64_t bytes;
	unsigned last_para;
	char unique[64];            /* stands only in the last paragraph */
};

static inline bool
bench_read_info(const char *info, struct bench_doc *d)
{
	FILE *f = fopen(info, "r");
	char line[256];
	int got = 0;

	if (f == NULL)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long v;

		if (sscanf(line, "bytes: %llu", &v) == 1) {
			d->bytes = v;
			got |= 1;
		} else if (sscanf(line, "last-paragraph: %llu", &v) == 1) {
			d->last_para = (unsigned)v;
			got |= 2;
		} else if (sscanf(line, "unique-word: %63s", d->unique) == 1)
			got |= 4;
	}
	fclose(f);
	return got == 7;
}

/* The document of size spec ("100M") at path, with its info file at
 * path.info: reused when it is whole and not older than mkdoc, else made
 * again (*made says which).  Returns 0, or mkdoc's wait status (-1 if it
 * could not be started, errno set). */
static inline int
bench_make_doc(const char *mkdoc, const char *spec, const char *path,
    struct bench_doc *d, bool *made)
{
	char info[4200], tmp[4200];
	char *argv[] = { (char *)mkdoc, "--size", (char *)spec, "--out", tmp, NULL };
	posix_spawn_file_actions_t fa;
	struct stat st, si, sm;
	pid_t pid;
	int status = -1, e;

	snprintf(info, sizeof(info), "%s.info", path);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	*made = false;
	if (stat(path, &st) == 0 && stat(info, &si) == 0 &&
	    (stat(mkdoc, &sm) != 0 || si.st_mtime >= sm.st_mtime) &&
	    bench_read_info(info, d) && (uint64_t)st.st_size == d->bytes)
		return 0;
	*made = true;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, info, O_WRONLY | O_CREAT | O_TRUNC,
	    0644);
	e = posix_spawn(&pid, mkdoc, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		errno = e;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (status == 0 && (rename(tmp, path) != 0 || !bench_read_info(info, d)))
		status = -1;
	return status;
}

#endif
