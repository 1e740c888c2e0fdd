/*
 * test_terminal.c - the reader on a real terminal emulator (libvterm,
 * tests/e2e/vt.h) with documents that try to reach the terminal, and
 * with too little memory to index.  tests/e2e/test_reader.c covers the
 * bundled escapes.txt; here: OSC 8 hyperlinks, DCS and APC strings, C1
 * controls as UTF-8 and as raw bytes in a Latin-1 or Windows-1252 file,
 * direction overrides and isolates, zero-width characters -- through the
 * text, the outline, a search, the index, the lists, the peek window,
 * the related passages and the help.  The screen shows placeholders;
 * nothing of the document is written raw; the title, the modes and the
 * screen are the terminal's own again afterwards.  And when indexing runs
 * out of memory, the terminal is given back before lectern says so.
 */
#include "autoconf.h"

#include <sys/types.h>

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "e2e.h"
#include "hostile.h"
#include "run.h"
#include "vt.h"

#define SANITIZED TEST_SANITIZED

#define T 15000         /* ms: "surely", on a loaded machine */

static char dir[4096];
static char env_home[4200], env_state[4200], env_config[4200];

static char **
make_env(void)
{
	static char *env[16];
	size_t n = 0;

	env[n++] = env_home;
	env[n++] = env_state;
	env[n++] = env_config;
	env[n++] = "LECTERN_CONFIG=/dev/null";
	env[n++] = "LC_ALL=C.UTF-8";
	env[n++] = "NO_COLOR=";
	env[n] = NULL;
	return env;
}

/* sh -c SCRIPT with $1 the document and $2 lectern, in a 24x80 pty. */
static struct vt *
spawn_sh(const char *script, const char *doc)
{
	return e2e_spawn_sh(24, 80, make_env(), script, doc);
}

static const char *
write_doc(const char *name, const char *text, size_t n)
{
	static char path[4][4300];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	test_write(p, text, n);
	return p;
}

/* Nothing of the document's reaches the terminal raw: no OSC (lectern
 * sends none of its own), DCS, APC, PM or SOS string, no C1 control as
 * UTF-8, no direction control, no zero-width character, no BEL; none of
 * the document's own CSI sequences. */
static void
assert_raw_clean(struct vt *vt)
{
	static const struct {
		const char *bytes, *what;
	} bad[] = {
		{ "\033]", "OSC" }, { "\033P", "DCS" }, { "\033_", "APC" },
		{ "\033^", "PM" }, { "\033X", "SOS" }, { "\007", "BEL" },
		{ "\033[31mred", "the document's CSI" },
		{ "\033[?25l;", "the document's DECTCEM" },
		{ "\xE2\x80\xAE", "U+202E" }, { "\xE2\x80\xAC", "U+202C" },
		{ "\xE2\x81\xA6", "U+2066" }, { "\xE2\x81\xA9", "U+2069" },
		{ "\xE2\x80\x8B", "U+200B" }, { "\xE2\x80\x8C", "U+200C" },
		{ "\xE2\x80\x8D", "U+200D" }, { "\xE2\x80\x8F", "U+200F" },
		{ "\xE2\x81\xA0", "U+2060" }, { "\xEF\xBB\xBF", "U+FEFF" },
	};
	size_t len;
	const char *raw = vt_raw(vt, &len);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (memmem(raw, len, bad[i].bytes, strlen(bad[i].bytes)))
			fprintf(stderr, "written raw: %s\n", bad[i].what);
		assert_null(memmem(raw, len, bad[i].bytes, strlen(bad[i].bytes)));
	}
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)raw[i] == 0xC2 && (unsigned char)raw[i + 1] >= 0x80 &&
		    (unsigned char)raw[i + 1] <= 0x9F) {
			fprintf(stderr, "written raw: U+%04X\n", (unsigned char)raw[i + 1]);
			fail();
		}
}

/* Press keys (vt_key names, NULL-terminated) and let the screen settle. */
static void
keys(struct vt *vt, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, vt);
	while ((k = va_arg(ap, const char *)) != NULL)
		assert_true(vt_key(vt, k));
	va_end(ap);
	vt_wait_idle(vt, 100, 2000);
}

static void
type(struct vt *vt, const char *s)
{
	assert_true(vt_send(vt, s));
	vt_wait_idle(vt, 100, 2000);
}

/* Through every view of the reader, then q: it exits 0, the terminal
 * is as it was and nothing raw came through.  Frees vt. */
static void
tour(struct vt *vt)
{
	keys(vt, "o", NULL);
	keys(vt, "Down", "Down", "Right", "Escape", NULL);
	type(vt, "/desrever\r");
	keys(vt, "&", NULL);
	keys(vt, "Escape", NULL);
	keys(vt, "i", NULL);
	type(vt, "link");
	keys(vt, "Escape", NULL);
	keys(vt, "L", NULL);
	keys(vt, "Escape", NULL);
	type(vt, ":3\r");
	keys(vt, "Tab", "p", NULL);
	keys(vt, "Escape", NULL);
	keys(vt, "r", NULL);
	keys(vt, "Escape", NULL);
	keys(vt, "h", NULL);
	keys(vt, "Escape", NULL);
	type(vt, ":2b\r");
	keys(vt, "G", "g", NULL);
	vt_resize(vt, 12, 40);
	vt_wait_idle(vt, 100, 2000);
	vt_resize(vt, 24, 80);
	vt_wait_idle(vt, 100, 2000);
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	assert_raw_clean(vt);
	vt_free(vt);
}

static void
test_hostile_utf8(void **state)
{
	const char *doc = write_doc("hostile.txt", hostile_utf8, sizeof(hostile_utf8) - 1);
	struct vt *vt = spawn_sh("exec \"$2\" --no-state \"$1\"", doc);

	(void)state;
	assert_true(vt_wait_text(vt, "^[]8;;http://evil.example/^[\\click", T));
	assert_true(vt_wait_text(vt, "<U+202E>desrever<U+202C>", T));
	assert_true(vt_wait_text(vt, "zero<U+200B>width", T));
	assert_true(vt_wait_text(vt, "<U+009B>31m", T));
	tour(vt);
}

static void
test_hostile_latin1(void **state)
{
	const char *doc = write_doc("latin1.txt", hostile_latin1, sizeof(hostile_latin1) - 1);
	struct vt *vt;

	(void)state;
	/* Read as Latin-1, where 0x80-0x9F are C1 controls. */
	vt = spawn_sh("exec \"$2\" --no-state --encoding=ISO-8859-1 \"$1\"", doc);
	assert_true(vt_wait_text(vt, "<U+009B>31mred<U+009B>0m", T));
	assert_true(vt_wait_text(vt, "<U+009D>0;pwn<U+009C>", T));
	tour(vt);
	/* Detected: Windows-1252, where they are punctuation or U+FFFD. */
	vt = spawn_sh("exec \"$2\" --no-state \"$1\"", doc);
	assert_true(vt_wait_text(vt, "caf\xC3\xA9", T));
	tour(vt);
}

/* lectern said it ran out of memory.  Looked for in what the terminal
 * received without any 'q' (in neither the message nor the document's
 * path): the q the test types to quit may be echoed in the middle of the
 * message once lectern has given the terminal back. */
static bool
said_out_of_memory(struct vt *vt)
{
	static const char want[] = ": out of memory";
	size_t len, n = 0;
	const char *raw = vt_raw(vt, &len);
	char *s = malloc(len + 1);
	bool found;

	assert_non_null(s);
	for (size_t i = 0; i < len; i++)
		if (raw[i] != 'q')
			s[n++] = raw[i];
	found = memmem(s, n, want, sizeof(want) - 1) != NULL;
	free(s);
	return found;
}

/* An 8 MiB document under address-space limits too low to index it
 * (but enough to show its beginning): the reader either goes on (q quits
 * it) or stops with one message -- and in both cases the terminal is
 * given back first: not left in the alternate screen, raw, without a
 * cursor.  At least one of the limits must really run out of memory
 * (status 2, "out of memory"), or the test tested nothing; both do on
 * x86_64 with glibc.  (Skipped under sanitizers and valgrind only, which
 * need address space of their own.) */
static void
test_out_of_memory_restores_terminal(void **state)
{
	static const int limits_mib[] = { 24, 28 };
	const char *pre = getenv("LD_PRELOAD");
	int out_of_memory = 0;
	char *doc;
	FILE *f;

	(void)state;
	/* Sanitizers reserve terabytes of address space; valgrind its own. */
	if (SANITIZED || (pre && strstr(pre, "vgpreload")) ||
	    getenv("FAULT_NO_LIMITS")) {
		print_message("skipped: %s\n", SANITIZED ? "built with sanitizers"
		    : "running under valgrind");
		skip();
		return;
	}
	doc = strdup(write_doc("large.txt", "", 0));
	f = fopen(doc, "w");
	assert_non_null(f);
	for (int n = 1; ftell(f) < 8L * 1024 * 1024; n++)
		fprintf(f, "%d. The Member States considered item %d of the agenda, "
		    "on the report of the Working Group on matter w%d, and decided "
		    "(a) to note it; (b) to return to it at session s%d; and (c) to "
		    "ask for a further report.\n\n", n, n, n % 997, n % 89);
	assert_int_equal(fclose(f), 0);
	for (size_t i = 0; i < sizeof(limits_mib) / sizeof(limits_mib[0]); i++) {
		char script[256];
		struct vt *vt;
		int status;

		snprintf(script, sizeof(script),
		    "ulimit -v %d || exit 99; exec \"$2\" --no-state \"$1\"",
		    limits_mib[i] * 1024);
		vt = spawn_sh(script, doc);
		if (!vt_wait_text(vt, "The Member States considered item 2 ", T)) {
			char *s = vt_screen(vt);

			fprintf(stderr, "limit %d MiB: no first screen:\n%s\n",
			    limits_mib[i], s);
			free(s);
			fail();
		}
		/* Indexing runs out of memory, or finishes. */
		for (int k = 0; k < 100 && vt_running(vt) &&
		    !vt_wait_text(vt, "lectern: ", 100); k++)
			;
		if (vt_running(vt))
			assert_true(vt_key(vt, "q"));
		status = vt_wait_exit(vt, T);
		if (status != 0) {
			char *s = vt_screen(vt);

			fprintf(stderr, "limit %d MiB: status %d; the screen:\n%s\n",
			    limits_mib[i], status, s);
			free(s);
		}
		assert_true(status == 0 || status == 2);
		e2e_assert_restored(vt);
		if (status == 2) {
			assert_true(vt_wait_text(vt, "lectern: ", T));
			assert_true(said_out_of_memory(vt));
			out_of_memory++;
		}
		vt_free(vt);
	}
	free(doc);
	/* Else the limits no longer make lectern run out of memory (it
	 * needs less now, or they were not applied): lower them. */
	if (out_of_memory == 0)
		fail_msg("no limit made lectern run out of memory");
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/fault-terminal-%ld", t ? t : "/tmp",
	    (long)getpid());
	mkdir(t ? t : "/tmp", 0755);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	snprintf(env_home, sizeof(env_home), "HOME=%s", dir);
	snprintf(env_state, sizeof(env_state), "XDG_STATE_HOME=%s/state", dir);
	snprintf(env_config, sizeof(env_config), "XDG_CONFIG_HOME=%s/config", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	test_rmtree(dir);
	return access(dir, F_OK) == 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_utf8),
		cmocka_unit_test(test_hostile_latin1),
		cmocka_unit_test(test_out_of_memory_restores_terminal),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("terminal", tests, setup, teardown);
}
