/*
 * fuzz_state.c - libFuzzer target: the state file reader.
 *
 * state_load() reads only files (it takes a path: it must refuse
 * symbolic links and other kinds of file itself), so the input is
 * written to a file in a directory of this process's own under $TMPDIR
 * (else /tmp), removed at exit, and read as the state of three
 * documents: /home/user/report.txt, a path that needs escaping, and
 * standard input (no path), all with content hash 0123456789abcdef
 * (the seeds use these).
 *
 * Checked: the result is 0, 1 or -1; -1 says why and the others do
 * not complain; *out is cleared unless the result is 0; a short or
 * missing error buffer changes nothing.  A state that was read (0) is
 * saved with state_save() and read back: the same state must come out.
 *
 * state_save() fsyncs the file and its directory; this program replaces
 * fsync() with a no-op (a fuzzer saves thousands of times a second, and
 * the data is thrown away) -- except when included by test_regress.c.
 */
#include "autoconf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"
#include "state.h"
#include "util.h"

#include "fuzz.h"

#define FSTATE_MAX_INPUT (256u * 1024u)
#define FSTATE_HASH UINT64_C(0x0123456789abcdef)

static const char *const fstate_paths[] = {
	"/home/user/report.txt",
	"/home/user/a\\b\x01 \x7f\xc3\xa9.txt",
	NULL
};

static char *fstate_dir, *fstate_in, *fstate_out;
static int fstate_fd = -1;

static void
fstate_cleanup(void)
{
	if (fstate_dir == NULL)
		return;
	close(fstate_fd);
	fstate_fd = -1;
	unlink(fstate_in);
	unlink(fstate_out);
	rmdir(fstate_dir);
	free(fstate_in);
	free(fstate_out);
	free(fstate_dir);
	fstate_dir = fstate_in = fstate_out = NULL;
}

static void
fstate_init(void)
{
	char pid[32];

	if (fstate_dir != NULL)
		return;
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	fstate_dir = fuzz_path(fuzz_tmpdir(), "/lectern-fuzz-state.", pid);
	fstate_in = fuzz_path(fstate_dir, "/", "in");
	fstate_out = fuzz_path(fstate_dir, "/", "out");
	if (mkdir(fstate_dir, 0700) != 0 && access(fstate_dir, W_OK) != 0) {
		perror(fstate_dir);
		abort();
	}
	fstate_fd = fuzz_open_tmp(fstate_in);
	atexit(fstate_cleanup);
}

static bool
fstate_cleared(const struct state_data *s)
{
	static const struct state_data zero;

	return memcmp(s, &zero, sizeof(zero)) == 0;
}

static bool
fstate_equal(const struct state_data *a, const struct state_data *b)
{
	if (a->have_top != b->have_top || a->marks_set != b->marks_set)
		return false;
	if (a->have_top &&
	    (a->top.off != b->top.off || a->top.sub != b->top.sub))
		return false;
	for (int i = 0; i < HISTORY_NMARKS; i++)
		if ((a->marks_set & (UINT64_C(1) << i)) &&
		    (a->marks[i].off != b->marks[i].off ||
		    a->marks[i].sub != b->marks[i].sub))
			return false;
	return true;
}

/* Save what was read, read it back. */
static void
fstate_round_trip(const char *path, const struct state_data *sd)
{
	struct state_data back;
	char err[256];
	int rc;

	rc = state_save(fstate_out, path, FSTATE_HASH, sd, err, sizeof(err));
	if (rc != 0)
		FUZZ_FAIL("state_save: %s\n", err);
	rc = state_load(fstate_out, path, FSTATE_HASH, &back, err, sizeof(err));
	if (rc != 0)
		FUZZ_FAIL("state_load of a saved state: %d %s\n", rc, err);
	FUZZ_CHECK(fstate_equal(sd, &back));
	/* Saved for this path and content only. */
	rc = state_load(fstate_out, path, FSTATE_HASH ^ 1, &back, err,
	    sizeof(err));
	FUZZ_CHECK(rc == 1 && fstate_cleared(&back) && err[0] == '\0');
	rc = state_load(fstate_out, path ? NULL : "/", FSTATE_HASH, &back,
	    NULL, 0);
	FUZZ_CHECK(rc == 1 && fstate_cleared(&back));
}

static void
fstate_one(const uint8_t *data, size_t n)
{
	if (n > FSTATE_MAX_INPUT)
		return;
	fstate_init();
	fuzz_rewrite(fstate_fd, data, n);
	for (size_t i = 0; i < ARRAY_SIZE(fstate_paths); i++) {
		struct state_data sd, again;
		char err[256], small[4];
		int rc, rc2;

		memset(&sd, 0xA5, sizeof(sd));
		memset(err, 'x', sizeof(err));
		rc = state_load(fstate_in, fstate_paths[i], FSTATE_HASH, &sd,
		    err, sizeof(err));
		FUZZ_CHECK(rc == 0 || rc == 1 || rc == -1);
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		FUZZ_CHECK((rc == -1) == (err[0] != '\0'));
		if (rc != 0)
			FUZZ_CHECK(fstate_cleared(&sd));
		else
			FUZZ_CHECK(sd.marks_set >> HISTORY_NMARKS == 0);
		/* No error buffer, or a tiny one: the same answer. */
		rc2 = state_load(fstate_in, fstate_paths[i], FSTATE_HASH,
		    &again, NULL, 0);
		FUZZ_CHECK(rc2 == rc && (rc != 0 || fstate_equal(&sd, &again)));
		memset(small, 'x', sizeof(small));
		rc2 = state_load(fstate_in, fstate_paths[i], FSTATE_HASH,
		    &again, small, sizeof(small));
		FUZZ_CHECK(rc2 == rc && memchr(small, '\0', sizeof(small)));
		if (rc == 0)
			fstate_round_trip(fstate_paths[i], &sd);
	}
}

FUZZ_ENTRY_POINTS(fstate_init, fstate_one)

#ifndef FUZZ_EMBEDDED
/* Durability is not what is fuzzed: without fsync() the target runs ten
 * times as fast. */
int fsync(int);

int
fsync(int fd)
{
	(void)fd;
	return 0;
}
#endif
