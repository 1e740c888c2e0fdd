/*
 * test_vt.c - the terminal test harness itself, driving sh, printf, stty
 * and friends in a pty: what they write must come out on libvterm's
 * screen, keys must reach them, signals and exits must be seen, and
 * nothing may hang.  Timeouts are generous (the machine may be busy);
 * every wait returns as soon as its condition holds.
 */
#include "autoconf.h"

#include <sys/types.h>

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "vt.h"

#define T 10000     /* ms: "surely", on a loaded machine */

static struct vt *
sh(const char *script, int rows, int cols)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };
	struct vt *vt = vt_spawn(argv, NULL, rows, cols);

	assert_non_null(vt);
	return vt;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
assert_row(struct vt *vt, int r, const char *want)
{
	char *got = vt_row(vt, r);

	assert_string_equal(got, want);
	free(got);
}

/* Whether process pid is gone (or a zombie waiting for init). */
static bool
dead(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;
	bool z = false;

	if (kill(pid, 0) == -1 && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return true;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL)
		z = p[1] == ' ' && p[2] == 'Z';
	fclose(f);
	return z;
}

static bool
dies(pid_t pid, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	while (!dead(pid)) {
		if (now_ms() > deadline)
			return false;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	return true;
}

static void
test_plain_text(void **state)
{
	char *argv[] = { "printf", "hello world", NULL };
	struct vt *vt = vt_spawn(argv, NULL, 24, 80);
	char *s;
	int r, c, n = 0;

	assert_non_null(vt);
	assert_true(vt_wait_text(vt, "hello world", T));
	assert_row(vt, 0, "hello world");
	assert_row(vt, 1, "");
	assert_row(vt, 99, "");
	vt_cursor(vt, &r, &c);
	assert_int_equal(r, 0);
	assert_int_equal(c, 11);
	s = vt_screen(vt);
	assert_memory_equal(s, "hello world\n\n", 13);
	for (r = 0; s[r] != '\0'; r++)
		n += s[r] == '\n';
	assert_int_equal(n, 23);
	free(s);
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_wide_combining(void **state)
{
	/* 中 (wide), then e + U+0301 (combining acute) */
	char *argv[] = { "printf", "\xE4\xB8\xAD" "x e\xCC\x81!", NULL };
	struct vt *vt = vt_spawn(argv, NULL, 24, 80);
	int r, c;

	assert_non_null(vt);
	assert_int_equal(vt_wait_exit(vt, T), 0);
	assert_row(vt, 0, "\xE4\xB8\xAD" "x e\xCC\x81!");
	vt_cursor(vt, &r, &c);
	assert_int_equal(c, 6);         /* 2 + 1 + 1 + 1 + 1 */
	vt_free(vt);
}

static void
test_attributes(void **state)
{
	char *argv[] = { "printf", "\033[1mB\033[0m \033[7mR\033[0m "
	    "\033[4;31mU\033[0m \033[38;5;200mI\033[0m N", NULL };
	struct vt *vt = vt_spawn(argv, NULL, 24, 80);
	struct vt_cell_attr a;

	assert_non_null(vt);
	assert_true(vt_wait_text(vt, "B R U I N", T));
	vt_attr(vt, 0, 0, &a);
	assert_true(a.bold);
	assert_false(a.reverse);
	assert_true(a.fg_default);
	vt_attr(vt, 0, 2, &a);
	assert_true(a.reverse);
	assert_false(a.bold);
	vt_attr(vt, 0, 4, &a);
	assert_true(a.underline);
	assert_false(a.fg_default);
	assert_int_equal(a.fg, 1);
	vt_attr(vt, 0, 6, &a);
	assert_false(a.fg_default);
	assert_int_equal(a.fg, 200);
	vt_attr(vt, 0, 8, &a);
	assert_false(a.bold || a.underline || a.reverse);
	assert_true(a.fg_default);
	assert_int_equal(a.fg, -1);
	vt_free(vt);
}

static void
test_title_and_raw(void **state)
{
	char *argv[] = { "printf", "\033]0;hello\007T1", NULL };
	char *argv2[] = { "printf", "\033]2;world\033\\T2", NULL };
	struct vt *vt = vt_spawn(argv, NULL, 24, 80);
	struct vt_state st;
	const char *raw;
	size_t len;

	assert_non_null(vt);
	vt_state(vt, &st);
	assert_string_equal(st.title, "");
	assert_true(vt_wait_text(vt, "T1", T));
	vt_state(vt, &st);
	assert_string_equal(st.title, "hello");
	raw = vt_raw(vt, &len);
	assert_int_equal(len, strlen("\033]0;hello\007T1"));
	assert_non_null(memmem(raw, len, "\033]0;hello\007", 10));
	assert_row(vt, 0, "T1");        /* the title is not on the screen */
	vt_free(vt);

	vt = vt_spawn(argv2, NULL, 24, 80);
	assert_non_null(vt);
	assert_true(vt_wait_text(vt, "T2", T));
	vt_state(vt, &st);
	assert_string_equal(st.title, "world");
	vt_free(vt);
}

static void
test_altscreen(void **state)
{
	struct vt *vt = sh("stty -echo; printf main; read x; "
	    "printf '\\033[?1049h\\033[Halt'; read x; "
	    "printf '\\033[?1049lback'; read x", 24, 80);
	struct vt_state st;
	char *s;

	assert_true(vt_wait_text(vt, "main", T));
	vt_state(vt, &st);
	assert_false(st.altscreen);
	assert_true(vt_send(vt, "\r"));
	assert_true(vt_wait_text(vt, "alt", T));
	vt_state(vt, &st);
	assert_true(st.altscreen);
	s = vt_screen(vt);
	assert_null(strstr(s, "main"));
	free(s);
	assert_true(vt_send(vt, "\r"));
	assert_true(vt_wait_text(vt, "back", T));
	vt_state(vt, &st);
	assert_false(st.altscreen);
	assert_row(vt, 0, "mainback");    /* screen and cursor restored */
	assert_true(vt_send(vt, "\r"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_modes(void **state)
{
	struct vt *vt = sh("stty -echo; "
	    "printf '\\033[?25l\\033[?1h\\033=\\033[?1000hon'; read x; "
	    "printf '\\033[?25h\\033[?1l\\033>\\033[?1000l off'; read x",
	    24, 80);
	struct vt_state st;

	vt_state(vt, &st);
	assert_true(st.cursor_visible);
	assert_false(st.appcursor || st.appkeypad || st.mouse);
	assert_true(vt_wait_text(vt, "on", T));
	vt_state(vt, &st);
	assert_false(st.cursor_visible);
	assert_true(st.appcursor);
	assert_true(st.appkeypad);
	assert_true(st.mouse);
	assert_true(vt_send(vt, "\r"));
	assert_true(vt_wait_text(vt, "off", T));
	vt_state(vt, &st);
	assert_true(st.cursor_visible);
	assert_false(st.appcursor || st.appkeypad || st.mouse);
	vt_free(vt);
}

static void
test_stty_size(void **state)
{
	struct vt *vt = sh("stty size", 30, 100);

	assert_int_equal(vt_wait_exit(vt, T), 0);
	assert_row(vt, 0, "30 100");
	vt_free(vt);
}

static void
test_resize_winch(void **state)
{
	struct vt *vt = sh("trap 'echo WINCH; stty size' WINCH; stty size; "
	    "while :; do sleep 0.05; done", 24, 80);
	int rows, cols;
	char *s;

	assert_true(vt_wait_text(vt, "24 80", T));
	vt_resize(vt, 30, 100);
	vt_size(vt, &rows, &cols);
	assert_int_equal(rows, 30);
	assert_int_equal(cols, 100);
	assert_true(vt_wait_text(vt, "WINCH\n30 100", T));
	s = vt_row(vt, 29);             /* the screen grew */
	assert_string_equal(s, "");
	free(s);
	vt_resize(vt, 10, 40);
	assert_true(vt_wait_text(vt, "10 40", T));
	vt_free(vt);
}

static void
test_read_keys(void **state)
{
	struct vt *vt = sh("read line; echo \"got:$line\"", 24, 80);

	assert_true(vt_send(vt, "hello"));
	assert_true(vt_sendn(vt, "\rXX", 1));
	assert_true(vt_wait_text(vt, "got:hello", T));
	assert_row(vt, 0, "hello");     /* the echo of the line discipline */
	assert_row(vt, 1, "got:hello");
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_key_names(void **state)
{
	struct vt *vt = sh("stty raw opost -echo; printf 'ONE\\n'; "
	    "dd bs=1 count=5 2>/dev/null | od -An -tx1; "
	    "printf '\\033[?1hTWO\\n'; "
	    "dd bs=1 count=6 2>/dev/null | od -An -tx1", 24, 80);

	assert_false(vt_key(vt, "NoSuchKey"));
	assert_false(vt_key(vt, "C-"));
	assert_true(vt_wait_text(vt, "ONE", T));
	assert_true(vt_key(vt, "Up"));
	assert_true(vt_key(vt, "<C-a>"));
	assert_true(vt_key(vt, "enter"));
	assert_true(vt_wait_text(vt, "1b 5b 41 01 0d", T));
	assert_true(vt_wait_text(vt, "TWO", T));
	assert_true(vt_key(vt, "<Up>"));    /* now in application mode */
	assert_true(vt_key(vt, "M-x"));
	assert_true(vt_key(vt, "q"));
	assert_true(vt_wait_text(vt, "1b 4f 41 1b 78 71", T));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_query_answered(void **state)
{
	/* A cursor position report: libvterm answers, we pass it on. */
	struct vt *vt = sh("stty raw opost -echo; "
	    "printf '\\033[5;10H\\033[6n'; "
	    "r=$(dd bs=1 count=7 2>/dev/null | tr '\\033' E); "
	    "printf '\\033[Hreply:%s\\n' \"$r\"", 24, 80);

	assert_true(vt_wait_text(vt, "reply:E[5;10R", T));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_exit_status(void **state)
{
	struct vt *vt = sh("exit 3", 24, 80);

	assert_int_equal(vt_wait_exit(vt, T), 3);
	assert_false(vt_running(vt));
	assert_int_equal(vt_wait_exit(vt, T), 3);
	vt_free(vt);

	vt = sh("printf bye", 24, 80);  /* the last output is taken in */
	assert_int_equal(vt_wait_exit(vt, T), 0);
	assert_row(vt, 0, "bye");
	vt_free(vt);
}

static void
test_exit_signal(void **state)
{
	struct vt *vt = sh("echo ready; exec sleep 60", 24, 80);

	assert_true(vt_wait_text(vt, "ready", T));
	assert_true(vt_running(vt));
	vt_kill(vt, SIGTERM);
	assert_int_equal(vt_wait_exit(vt, T), 128 + SIGTERM);
	vt_free(vt);
}

static void
test_interrupt_key(void **state)
{
	/* ^C raises SIGINT only in the pty's foreground process group:
	 * this holds if the pty is the controlling terminal. */
	struct vt *vt = sh("echo ready; exec cat", 24, 80);

	assert_true(vt_wait_text(vt, "ready", T));
	assert_true(vt_key(vt, "C-c"));
	assert_int_equal(vt_wait_exit(vt, T), 128 + SIGINT);
	vt_free(vt);
}

static void
test_wait_exit_timeout(void **state)
{
	struct vt *vt = sh("echo ready; exec sleep 60", 24, 80);
	long long t0;
	pid_t pid = vt_pid(vt);

	assert_true(vt_wait_text(vt, "ready", T));
	t0 = now_ms();
	assert_int_equal(vt_wait_exit(vt, 200), -1);
	assert_true(now_ms() - t0 < T);
	assert_false(vt_running(vt));   /* killed */
	vt_free(vt);
	assert_true(dies(pid, T));
}

static void
test_free_kills(void **state)
{
	struct vt *vt = sh("trap '' HUP INT TERM; sleep 60 & echo \"bg=$!=\"; "
	    "while :; do sleep 1; done", 24, 80);
	pid_t pid = vt_pid(vt), bg;
	long long t0;
	char *s, *p;

	assert_true(vt_wait_text(vt, "=\n", T));
	s = vt_screen(vt);
	assert_non_null(p = strstr(s, "bg="));
	bg = (pid_t)atol(p + 3);
	free(s);
	assert_true(bg > 0);
	t0 = now_ms();
	vt_free(vt);
	assert_true(now_ms() - t0 < T);
	assert_true(dead(pid));         /* reaped */
	assert_true(dies(bg, T));       /* the whole group */
}

static void
test_wait_text_gives_up(void **state)
{
	struct vt *vt = sh("echo something; sleep 60", 24, 80);
	long long t0 = now_ms();

	assert_false(vt_wait_text(vt, "never", 300));
	assert_true(now_ms() - t0 >= 250);
	assert_true(now_ms() - t0 < T);
	vt_free(vt);

	vt = sh("echo short", 24, 80);  /* output ends: no need to wait */
	t0 = now_ms();
	assert_false(vt_wait_text(vt, "never", 60000));
	assert_true(now_ms() - t0 < T);
	vt_free(vt);
}

static void
test_wait_idle(void **state)
{
	struct vt *vt = sh("echo first; while :; do echo y; sleep 0.02; done",
	    24, 80);
	long long t0;

	assert_true(vt_wait_text(vt, "first", T));
	t0 = now_ms();
	vt_wait_idle(vt, 500, 1000);    /* never quiet: the timeout ends it */
	assert_true(now_ms() - t0 >= 900);
	assert_true(now_ms() - t0 < T);
	vt_free(vt);

	vt = sh("echo done; exec sleep 60", 24, 80);
	assert_true(vt_wait_text(vt, "done", T));
	t0 = now_ms();
	vt_wait_idle(vt, 100, 60000);   /* quiet: returns soon */
	assert_true(now_ms() - t0 < T);
	vt_free(vt);
}

static void
test_environment(void **state)
{
	char *env[] = { "FOO_VT=new", "BAR_VT=bar", "HOME=", NULL };
	char *term[] = { "TERM=vt100", NULL };
	char *argv[] = { "sh", "-c", "echo \"[$TERM|$FOO_VT|$BAR_VT|"
	    "${HOME+set}|${LINES-none}|${COLUMNS-none}]\"", NULL };
	const char *saved = getenv("TERM");
	char *old = saved != NULL ? strdup(saved) : NULL;
	struct vt *vt;

	setenv("LINES", "99", 1);
	setenv("COLUMNS", "77", 1);
	setenv("FOO_VT", "old", 1);
	setenv("TERM", "dumb", 1);
	vt = vt_spawn(argv, env, 24, 80);
	assert_non_null(vt);
	assert_int_equal(vt_wait_exit(vt, T), 0);
	assert_row(vt, 0, "[xterm-256color|new|bar||none|none]");
	vt_free(vt);

	vt = vt_spawn(argv, term, 24, 80);
	assert_non_null(vt);
	assert_int_equal(vt_wait_exit(vt, T), 0);
	assert_row(vt, 0, "[vt100|old||set|none|none]");
	vt_free(vt);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	unsetenv("FOO_VT");
	if (old != NULL)
		setenv("TERM", old, 1);
	else
		unsetenv("TERM");
	free(old);
}

static void
test_spawn_fails(void **state)
{
	char *argv[] = { "/nonexistent/vt-test-program", NULL };

	errno = 0;
	assert_null(vt_spawn(argv, NULL, 24, 80));
	assert_int_equal(errno, ENOENT);
	vt_free(NULL);
}

static void
test_resize_altscreen(void **state)
{
	/* Resizing while the alternate screen is shown, both ways. */
	struct vt *vt = sh("stty -echo; printf '\\033[?1049hALT'; read x; "
	    "printf '\\033[?1049lMAIN'; read x", 24, 80);

	assert_true(vt_wait_text(vt, "ALT", T));
	vt_resize(vt, 10, 20);
	vt_resize(vt, 40, 120);
	assert_true(vt_send(vt, "\r"));
	assert_true(vt_wait_text(vt, "MAIN", T));
	assert_true(vt_send(vt, "\r"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_wide_combining),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_title_and_raw),
		cmocka_unit_test(test_altscreen),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_stty_size),
		cmocka_unit_test(test_resize_winch),
		cmocka_unit_test(test_read_keys),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_query_answered),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_exit_signal),
		cmocka_unit_test(test_interrupt_key),
		cmocka_unit_test(test_wait_exit_timeout),
		cmocka_unit_test(test_free_kills),
		cmocka_unit_test(test_wait_text_gives_up),
		cmocka_unit_test(test_wait_idle),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_spawn_fails),
		cmocka_unit_test(test_resize_altscreen),
	};

	return cmocka_run_group_tests_name("vt", tests, NULL, NULL);
}
