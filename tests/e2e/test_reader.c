/*
 * test_reader.c - the reader in a real pseudo-terminal, rendered by a
 * real terminal emulator (tests/e2e/vt.h): only what a terminal shows is
 * checked here, the rest is test_script.c's.  That the document's escape
 * sequences never reach the terminal; that the terminal is given back as
 * it was on q, on ^C and on SIGTERM, SIGINT and SIGHUP; that a resize
 * reflows at once; Ctrl-Z; keys from /dev/tty when the document comes
 * down a pipe; plain output when the terminal cannot be used; NO_COLOR;
 * a very small terminal.
 *
 * Where a screen is compared whole, the expected one is what the same
 * binary prints in its script mode (--script) at the same size: the
 * terminal must show exactly what the program drew.
 *
 * Every wait returns as soon as its condition holds; the timeouts are
 * generous because the machine may be busy.
 */
#include "autoconf.h"

#include <sys/types.h>

#include <dirent.h>
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
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "e2e.h"
#include "run.h"
#include "vt.h"

#define T 15000         /* ms: "surely", on a loaded machine */

static char home[4000], state_dir[4096], config_dir[4096];
static char env_home[4200], env_state[4200], env_config[4200], env_data[4200];

/* The environment every run gets, plus up to 8 more (NULL-terminated). */
static char **
make_env(char *const extra[])
{
	static char *env[32];
	size_t n = 0;

	if (extra)
		for (size_t i = 0; extra[i] && n < 16; i++)
			env[n++] = extra[i];
	env[n++] = env_home;
	env[n++] = env_state;
	env[n++] = env_config;
	env[n++] = env_data;
	env[n++] = "LECTERN_CONFIG=/dev/null";
	env[n++] = "LC_ALL=C.UTF-8";
	env[n] = NULL;
	/* A name given in extra wins over the same name later on. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			size_t len = strcspn(env[i], "=") + 1;

			if (env[k] && strncmp(env[i], env[k], len) == 0) {
				memmove(&env[k], &env[k + 1], (n - k) * sizeof(*env));
				n--;
				k--;
			}
		}
	return env;
}

/* lectern ARGS... in a pty of rows x cols. */
static struct vt *
spawn(int rows, int cols, char *const extra_env[], ...)
{
	char *argv[16];
	int n = 0;
	va_list ap;
	struct vt *vt;

	argv[n++] = (char *)test_lectern();
	va_start(ap, extra_env);
	while (n < 15 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	vt = vt_spawn(argv, make_env(extra_env), rows, cols);
	assert_non_null(vt);
	return vt;
}

/* sh -c SCRIPT with $1 the document and $2 lectern. */
static struct vt *
spawn_sh(int rows, int cols, char *const extra_env[], const char *script,
    const char *doc)
{
	return e2e_spawn_sh(rows, cols, make_env(extra_env), script, doc);
}

static char *
row(struct vt *vt, int r)
{
	static char *last;

	free(last);
	last = vt_row(vt, r);
	return last;
}

/* The last screen the script mode draws at cols x rows after the script
 * lines (NULL: none), rows joined with '\n' as vt_screen() gives them
 * (caller frees). */
static char *
script_screen(int cols, int rows, const char *lines, const char *doc)
{
	char script[4096], envc[32], envl[32];
	const char *path = test_tmp("e2e-script");
	char *argv[] = { (char *)test_lectern(), "--no-state", "--script", (char *)path,
		(char *)doc, NULL };
	char *env[] = { envc, envl, env_home, env_state, env_config, env_data,
		"LECTERN_CONFIG=/dev/null", "LC_ALL=C.UTF-8", NULL };
	struct run r;
	char *start, *end, *s;

	snprintf(envc, sizeof(envc), "COLUMNS=%d", cols);
	snprintf(envl, sizeof(envl), "LINES=%d", rows);
	snprintf(script, sizeof(script), "%sscreen\n", lines ? lines : "");
	test_write_str(path, script);
	run_argv(&r, argv, NULL, 0, env);
	unlink(path);
	assert_int_equal(r.status, 0);
	start = r.out;
	while (strstr(start + 1, "\n--- screen "))
		start = strstr(start + 1, "\n--- screen ");
	start = strstr(start, "--- screen ");
	assert_non_null(start);
	start = strchr(start, '\n') + 1;
	end = strstr(start, "\n---\n");
	assert_non_null(end);
	s = strndup(start, (size_t)(end - start));
	run_done(&r);
	return s;
}

/* Wait until the terminal shows exactly want; on a timeout, show both. */
static bool
wait_screen(struct vt *vt, const char *want, int timeout_ms)
{
	long long deadline = test_now_ms() + timeout_ms;
	char *got;

	for (;;) {
		got = vt_screen(vt);
		if (strcmp(got, want) == 0) {
			free(got);
			return true;
		}
		if (test_now_ms() > deadline || !vt_running(vt))
			break;
		free(got);
		vt_wait_idle(vt, 50, 500);
	}
	fprintf(stderr, "--- wanted:\n%s\n--- got:\n%s\n---\n", want, got);
	free(got);
	return false;
}

/* Started, drawn, in the alternate screen with the cursor hidden. */
static void
assert_started(struct vt *vt, const char *text)
{
	struct vt_state st;

	assert_true(vt_wait_text(vt, text, T));
	vt_wait_idle(vt, 100, 3000);            /* the rest of the frame */
	vt_state(vt, &st);
	assert_true(st.altscreen);
	assert_false(st.cursor_visible);
}

/* The state letter of /proc/PID/stat ('R', 'S', 'T', 'Z'...), or 0. */
static char
proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	char st = 0;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL &&
	    p[1] == ' ')
		st = p[2];
	fclose(f);
	return st;
}

/* A child of pid whose command line's first word ends in name. */
static pid_t
find_child(pid_t parent, const char *name)
{
	char path[300], buf[512], *p;
	long ppid;
	pid_t found = 0;
	struct dirent *de;
	DIR *dir = opendir("/proc");
	FILE *f;

	if (dir == NULL)
		return 0;
	while (found == 0 && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		p = fgets(buf, sizeof(buf), f);
		fclose(f);
		if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
		    sscanf(p + 2, "%*c %ld", &ppid) != 1 || ppid != (long)parent)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		p = fgets(buf, sizeof(buf), f);
		fclose(f);
		if (p != NULL) {
			size_t n = strlen(buf), k = strlen(name);

			if (n >= k && strcmp(buf + n - k, name) == 0)
				found = (pid_t)atol(de->d_name);
		}
	}
	closedir(dir);
	return found;
}

/* ---------------------------------------------------------------- tests */

static void
test_first_screen_and_quit(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", (char *)NULL);
	char *want = script_screen(80, 24, NULL, test_bundled());

	(void)state;
	/* No FILE and a terminal on standard input: the bundled document. */
	assert_started(vt, "I wish to thank");
	assert_true(wait_screen(vt, want, T));
	assert_string_equal(row(vt, 0), " title");
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	free(want);
	vt_free(vt);
}

static void
test_keys_move(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_bundled(), (char *)NULL);
	char *want = script_screen(80, 24, "keys :6b<Enter>\n", test_bundled());

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, "]]]"));
	assert_true(vt_wait_text(vt, "\n3.  I would recall", T));
	assert_true(vt_send(vt, ":6b\r"));
	assert_true(wait_screen(vt, want, T));
	/* The arrow keys as the terminal sends them, in whichever mode. */
	assert_true(vt_key(vt, "Down"));
	assert_true(vt_wait_text(vt, "\n        and the creation of new", T));
	assert_true(vt_key(vt, "<C-c>"));       /* raw: a key, quit */
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	free(want);
	vt_free(vt);
}

/* Letters beyond Latin-1 are typed as letters: curses numbers its key
 * codes from U+0101 up, and 'ő', 'š' or 'ć' must not read as keys. */
static void
test_typed_letters(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_bundled(), (char *)NULL);

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, "/Erd\xC5\x91s \xC5\xA1\xC4\x87\xCE\xB1"));
	assert_true(vt_wait_text(vt, "/Erd\xC5\x91s \xC5\xA1\xC4\x87\xCE\xB1", T));
	assert_true(vt_key(vt, "Escape"));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

/* Matches in many blocks: the message comes at once, and "n of m" is
 * added when no key is waiting (counting reads every candidate). */
static void
test_search_count_later(void **state)
{
	const char *doc = test_tmp("e2e-many.txt");
	static char text[150 * 64];
	size_t n = (size_t)snprintf(text, sizeof(text), "MANY MATCHES\n\n");
	struct vt *vt;

	(void)state;
	for (int i = 1; i <= 150; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "%d. Paragraph %d says alpha once.\n\n", i, i);
	test_write(doc, text, n);
	vt = spawn(24, 80, NULL, "--no-state", doc, (char *)NULL);
	assert_started(vt, "MANY MATCHES");
	assert_true(vt_send(vt, "/alpha\r"));
	assert_true(vt_wait_text(vt, "match 1 of 150, in 1", T));
	assert_true(vt_send(vt, "n"));
	assert_true(vt_wait_text(vt, "match 2 of 150, in 2", T));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
	unlink(doc);
}

/* A document too large to read before the first screen, whose rest
 * holds what is not UTF-8: a character cut short at its very end, or a
 * byte that makes it Windows-1252 with one it cannot map.  Only the
 * builder's thread finds them, behind the first screen; the count is
 * said when it hands over the model. */
static void
test_replaced_found_later(void **state)
{
	static const char *const ends[] = { "the end \xE2\x80",
		"a byte \x81 not mapped\n" };
	const char *doc = test_tmp("e2e-replaced.txt");
	size_t cap = 3u << 20, n;
	char *text = malloc(cap + 64);

	(void)state;
	assert_non_null(text);
	for (size_t k = 0; k < sizeof(ends) / sizeof(*ends); k++) {
		struct vt *vt;

		n = (size_t)snprintf(text, cap, "FOUND LATER\n\n");
		for (int i = 1; n < cap - 200; i++)
			n += (size_t)snprintf(text + n, cap - n,
			    "%d. Paragraph %d is plain ASCII text, like the rest.\n\n",
			    i, i);
		n += (size_t)snprintf(text + n, 64, "%s", ends[k]);
		test_write(doc, text, n);
		vt = spawn(24, 80, NULL, "--no-state", doc, (char *)NULL);
		assert_started(vt, "FOUND LATER");
		assert_true(vt_wait_text(vt,
		    "1 invalid or unmappable character shown as U+FFFD", T));
		assert_true(vt_key(vt, "q"));
		assert_int_equal(vt_wait_exit(vt, T), 0);
		vt_free(vt);
	}
	unlink(doc);
	free(text);
}

/* The document's escape sequences never reach the terminal. */
static void
test_escapes_not_passed(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_data("escapes.txt"),
	    (char *)NULL);
	struct vt_state st;
	const char *raw;
	size_t len;
	char *s;

	(void)state;
	assert_started(vt, "TITLE WITH ESCAPES");
	assert_true(vt_wait_text(vt, "3.  Bell ^G backspace ^H delete ^?.", T));
	assert_true(vt_wait_text(vt, " escapes.txt ", T));
	vt_wait_idle(vt, 200, 2000);
	s = vt_screen(vt);
	assert_non_null(strstr(s, "1.  Plain start ^[]0;owned^G then ^[[2J^[[31mred^[[0m end."));
	assert_non_null(strstr(s, "2.  OSC 52 ^[]52;c;ZXZpbA==^[\\ and DCS ^[P1$r^[\\ and C1 "));
	free(s);
	vt_state(vt, &st);
	assert_string_equal(st.title, "");
	raw = vt_raw(vt, &len);
	assert_null(memmem(raw, len, "\033]0;", 4));            /* title */
	assert_null(memmem(raw, len, "\033]2;", 4));
	assert_null(memmem(raw, len, "\033]52", 4));            /* clipboard */
	assert_null(memmem(raw, len, "\033]0;owned", 9));
	assert_null(memmem(raw, len, "\033]52;c;ZXZpbA==", 16));
	assert_null(memmem(raw, len, "\033P", 2));              /* DCS */
	assert_null(memmem(raw, len, "\033P1$r", 6));
	assert_null(memmem(raw, len, "\xC2\x9B", 2));           /* C1 CSI */
	assert_null(memmem(raw, len, "\x9B" "31m", 4));
	assert_null(memmem(raw, len, "\xE2\x80\xAE", 3));       /* RLO */
	assert_null(memmem(raw, len, "\033[31mred", 8));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	/* And nothing of the kind from lectern itself, start to end. */
	raw = vt_raw(vt, &len);
	assert_null(memmem(raw, len, "\033]", 2));
	assert_null(memchr(raw, '\007', len));
	vt_free(vt);
}

static void
signal_restores(int sig)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_bundled(), (char *)NULL);

	assert_started(vt, "I wish to thank");
	vt_wait_idle(vt, 100, 2000);
	vt_kill(vt, sig);
	assert_int_equal(vt_wait_exit(vt, T), 128 + sig);
	e2e_assert_restored(vt);
	vt_free(vt);
}

static void
test_sigterm(void **state)
{
	(void)state;
	signal_restores(SIGTERM);
}

static void
test_sigint(void **state)
{
	(void)state;
	signal_restores(SIGINT);
}

static void
test_sighup(void **state)
{
	(void)state;
	signal_restores(SIGHUP);
}

/* A signal while a panel and a prompt are open: the same. */
static void
test_signal_in_prompt(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_bundled(), (char *)NULL);

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, "h"));
	assert_true(vt_wait_text(vt, "keys (Esc closes)", T));
	assert_true(vt_send(vt, "\033"));
	assert_true(vt_send(vt, "/migra"));
	assert_true(vt_wait_text(vt, "/migra", T));
	vt_kill(vt, SIGTERM);
	assert_int_equal(vt_wait_exit(vt, T), 128 + SIGTERM);
	e2e_assert_restored(vt);
	vt_free(vt);
}

/* The terminal changes size: the text is laid out again at once. */
static void
test_resize_reflows(void **state)
{
	struct vt *vt = spawn(24, 80, NULL, "--no-state", test_bundled(), (char *)NULL);
	char *big = script_screen(80, 24, "keys :5b<Enter>2j\n", test_bundled());
	char *small = script_screen(80, 24, "keys :5b<Enter>2j\nresize 40 12\n", test_bundled());
	char *back = script_screen(80, 24,
	    "keys :5b<Enter>2j\nresize 40 12\nresize 80 24\n", test_bundled());
	char *s;

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, ":5b\r2j"));
	assert_true(wait_screen(vt, big, T));
	assert_non_null(strstr(row(vt, 23), "¶5(b)"));
	vt_resize(vt, 12, 40);
	assert_true(wait_screen(vt, small, T));
	assert_string_equal(row(vt, 11), " iom-dg-response.txt  ¶5(b)");
	assert_string_equal(row(vt, 1), "        consider the possibility of a");
	s = vt_screen(vt);
	for (char *p = s, *nl; p; p = nl ? nl + 1 : NULL) {
		int w = 0;

		nl = strchr(p, '\n');
		for (char *q = p; *q && q != nl; q++)
			w += ((unsigned char)*q & 0xC0) != 0x80;
		assert_true(w <= 40);
	}
	free(s);
	vt_resize(vt, 24, 80);
	assert_true(wait_screen(vt, back, T));
	assert_string_equal(back, big);
	assert_non_null(strstr(row(vt, 23), "¶5(b)"));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	free(big);
	free(small);
	free(back);
	vt_free(vt);
}

/* Ctrl-Z: the terminal is given back and lectern stops; fg resumes it
 * and it draws again.  A shell with job control runs it, as a user's
 * does: lectern spawned on its own would lead an orphaned process group,
 * which the kernel does not stop on SIGTSTP. */
static void
test_suspend(void **state)
{
	struct vt *vt;
	struct vt_state st;
	pid_t pid = 0;
	long long deadline;

	(void)state;
	if (access("/proc/self/stat", R_OK) != 0)
		skip();
	vt = spawn_sh(24, 80, NULL,
	    "set -m; \"$2\" --no-state \"$1\"; echo \"[stopped $?]\"; read x; "
	    "fg >/dev/null; echo \"[done $?]\"; read x", test_bundled());
	assert_started(vt, "I wish to thank");
	deadline = test_now_ms() + T;
	while ((pid = find_child(vt_pid(vt), "lectern")) == 0 && test_now_ms() < deadline)
		test_sleep_ms(20);
	assert_true(pid > 0);
	assert_true(vt_key(vt, "C-z"));
	assert_true(vt_wait_text(vt, "[stopped ", T));
	assert_true(vt_wait_text(vt, "[stopped 148]", T));       /* 128 + SIGTSTP */
	assert_int_equal(proc_state(pid), 'T');
	vt_state(vt, &st);
	assert_false(st.altscreen);
	assert_true(st.cursor_visible);
	/* fg: it takes the terminal again and draws the same screen. */
	assert_true(vt_send(vt, "\r"));
	deadline = test_now_ms() + T;
	while (proc_state(pid) == 'T' && test_now_ms() < deadline)
		test_sleep_ms(20);
	assert_true(vt_wait_text(vt, "I wish to thank", T));
	vt_state(vt, &st);
	assert_true(st.altscreen);
	assert_true(vt_send(vt, "]]]"));
	assert_true(vt_wait_text(vt, "\n3.  I would recall", T));
	assert_true(vt_key(vt, "q"));
	assert_true(vt_wait_text(vt, "[done 0]", T));
	e2e_assert_restored(vt);
	assert_true(vt_send(vt, "\r"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

/* The document down a pipe: the keys come from /dev/tty. */
static void
test_stdin_pipe(void **state)
{
	struct vt *vt = spawn_sh(24, 80, NULL, "cat \"$1\" | \"$2\" --no-state", test_bundled());

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_wait_text(vt, " (stdin) ", T));
	assert_true(strncmp(row(vt, 23), " (stdin) ", 9) == 0);
	assert_true(vt_send(vt, "]]]"));
	assert_true(vt_wait_text(vt, "\n3.  I would recall", T));
	assert_true(vt_send(vt, "/ECOSOC\r"));
	assert_true(vt_wait_text(vt, "match 1 of 1", T));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	vt_free(vt);
}

/* The --dump output, at 80 columns, as lines. */
static char *
dump(void)
{
	struct run r;
	char *s;

	run_lectern(&r, NULL, 0, make_env(NULL), "--dump", "--width=80", test_bundled(),
	    (char *)NULL);
	assert_int_equal(r.status, 0);
	s = strdup(r.out);
	run_done(&r);
	return s;
}

/* The last rows of the screen are the last lines of text. */
static void
assert_ends_with_dump(struct vt *vt, const char *text)
{
	const char *end = text + strlen(text);
	int rows, cols, r;

	vt_size(vt, &rows, &cols);
	while (end > text && end[-1] == '\n')
		end--;
	/* Skip the empty rows at the bottom (the cursor's, after the text). */
	for (r = rows - 1; r > 0 && row(vt, r)[0] == '\0'; r--)
		;
	for (int k = 0; k < 5; k++, r--) {
		const char *start = end;
		char *line;

		while (start > text && start[-1] != '\n')
			start--;
		line = strndup(start, (size_t)(end - start));
		while (*line && line[strlen(line) - 1] == ' ')
			line[strlen(line) - 1] = '\0';
		assert_string_equal(row(vt, r), line);
		free(line);
		end = start > text ? start - 1 : start;
	}
}

/* What the terminal received is text exactly: the --dump output, its
 * line ends made "\r\n" by the terminal's line discipline. */
static void
assert_raw_is_dump(struct vt *vt, const char *text)
{
	size_t len, n = 0;
	const char *raw = vt_raw(vt, &len);
	char *want = malloc(2 * strlen(text) + 1);

	assert_non_null(want);
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			want[n++] = '\r';
		want[n++] = *p;
	}
	want[n] = '\0';
	if (len != n || memcmp(raw, want, n) != 0)
		fprintf(stderr, "the terminal received %zu bytes, the dump is %zu "
		    "(with CRs)\n", len, n);
	assert_int_equal(len, n);
	assert_memory_equal(raw, want, n);
	free(want);
}

static void
test_dumb_terminal(void **state)
{
	char *env[] = { "TERM=dumb", NULL };
	struct vt *vt = spawn(24, 80, env, "--no-state", test_bundled(), (char *)NULL);
	char *text = dump();
	const char *raw;
	size_t len;

	(void)state;
	assert_int_equal(vt_wait_exit(vt, T), 0);
	raw = vt_raw(vt, &len);
	assert_null(memchr(raw, '\033', len));
	assert_non_null(memmem(raw, len, "I would provide regular feedback", 32));
	assert_raw_is_dump(vt, text);
	assert_ends_with_dump(vt, text);
	e2e_assert_restored(vt);
	vt_free(vt);

	/* A TERM terminfo does not know: the same, after one line saying so. */
	{
		char *unknown[] = { "TERM=no-such-terminal", NULL };

		vt = spawn(24, 80, unknown, "--no-state", test_bundled(), (char *)NULL);
		assert_int_equal(vt_wait_exit(vt, T), 0);
		raw = vt_raw(vt, &len);
		assert_null(memchr(raw, '\033', len));
		assert_non_null(memmem(raw, len, "lectern: cannot use the terminal "
		    "(TERM=no-such-terminal): printing the text instead", 83));
		assert_ends_with_dump(vt, text);
		e2e_assert_restored(vt);
		vt_free(vt);
	}

	/* Standard output not a terminal: the same, whatever TERM says. */
	vt = spawn_sh(24, 80, NULL, "\"$2\" --no-state \"$1\" | cat", test_bundled());
	assert_int_equal(vt_wait_exit(vt, T), 0);
	raw = vt_raw(vt, &len);
	assert_null(memchr(raw, '\033', len));
	assert_non_null(memmem(raw, len, "I would provide regular feedback", 32));
	assert_raw_is_dump(vt, text);
	assert_ends_with_dump(vt, text);
	e2e_assert_restored(vt);
	vt_free(vt);
	free(text);
}

/* Every cell of the screen in the terminal's default colours. */
static void
assert_no_colour(struct vt *vt)
{
	int rows, cols;

	vt_size(vt, &rows, &cols);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			struct vt_cell_attr a;

			vt_attr(vt, r, c, &a);
			if (!a.fg_default || !a.bg_default)
				fail_msg("colour at row %d column %d (fg %d, bg %d): %s", r, c,
				    a.fg, a.bg, row(vt, r));
		}
}

static void
test_no_color(void **state)
{
	char *env[] = { "NO_COLOR=1", NULL };
	struct vt *vt = spawn(24, 80, env, "--no-state", test_bundled(), (char *)NULL);
	struct vt_cell_attr a;

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, ":6\r"));
	/* "6.  The Second Committee draft resolution": two links. */
	assert_true(vt_wait_text(vt, "\n6.  The Second Committee draft resolution", T));
	vt_wait_idle(vt, 200, 2000);
	assert_no_colour(vt);
	vt_attr(vt, 1, 4, &a);                  /* "The": plain text */
	assert_false(a.underline || a.reverse);
	vt_attr(vt, 1, 8, &a);                  /* "Second Committee": a link */
	assert_true(a.underline || a.reverse);
	assert_true(a.fg_default);
	vt_attr(vt, 1, 25, &a);                 /* "draft resolution" */
	assert_true(a.underline || a.reverse);
	/* Selected, it is marked too, and still without colour. */
	assert_true(vt_key(vt, "Tab"));
	vt_wait_idle(vt, 200, 2000);
	vt_attr(vt, 1, 8, &a);
	assert_true(a.reverse || a.bold);
	assert_no_colour(vt);
	/* A search match, the status row, a panel: no colour either. */
	assert_true(vt_send(vt, "/migration\r"));
	assert_true(vt_wait_text(vt, "match ", T));
	vt_wait_idle(vt, 200, 2000);
	assert_no_colour(vt);
	assert_true(vt_send(vt, "L"));
	assert_true(vt_wait_text(vt, "Named lists", T));
	vt_wait_idle(vt, 200, 2000);
	assert_no_colour(vt);
	assert_true(vt_key(vt, "q"));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

/* The same link with colours: the test above can tell the difference. */
static void
test_colour(void **state)
{
	char *env[] = { "NO_COLOR=", NULL };
	struct vt *vt = spawn(24, 80, env, "--no-state", test_bundled(), (char *)NULL);
	struct vt_cell_attr a;

	(void)state;
	assert_started(vt, "I wish to thank");
	assert_true(vt_send(vt, ":6\r"));
	assert_true(vt_wait_text(vt, "\n6.  The Second Committee draft resolution", T));
	vt_wait_idle(vt, 200, 2000);
	vt_attr(vt, 1, 8, &a);
	assert_true(a.underline || a.reverse);
	assert_false(a.fg_default);
	vt_attr(vt, 1, 4, &a);
	assert_true(a.fg_default);
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_narrow_terminal(void **state)
{
	const char *doc = test_bundled();
	struct vt *vt = spawn(6, 20, NULL, "--no-state", doc, (char *)NULL);
	char *want = script_screen(20, 6, NULL, doc);
	char *want3 = script_screen(20, 6, "keys ]]]\n", doc);
	char *outline = script_screen(20, 6, "keys ]]]o\n", doc);
	char *help = script_screen(20, 6, "keys ]]]o<Esc>h\n", doc);
	char *at5b = script_screen(20, 6, "keys ]]]o<Esc>h<Esc>:5b<Enter>\n", doc);

	(void)state;
	assert_started(vt, "DIRECTOR GENERAL");
	assert_true(wait_screen(vt, want, T));
	assert_true(vt_send(vt, "]]]"));
	assert_true(wait_screen(vt, want3, T));
	assert_string_equal(row(vt, 1), "3.  I would recall");
	/* Panels and the outline at that size: each drawn as the script
	 * mode draws it, the status line still at the bottom. */
	assert_true(vt_send(vt, "o"));
	assert_true(wait_screen(vt, outline, T));
	assert_string_equal(row(vt, 0), " title › 3");
	assert_string_equal(row(vt, 4), "- 3  I would recall");
	assert_string_equal(row(vt, 5), " iom-dg-response.txt");
	assert_true(vt_send(vt, "\033h"));
	assert_true(wait_screen(vt, help, T));
	assert_non_null(strstr(row(vt, 1), ": keys"));
	assert_string_equal(row(vt, 2), " j Down ^E ^N");
	assert_string_equal(row(vt, 5), " iom-dg-response.txt");
	assert_true(vt_send(vt, "\033:5b\r"));
	assert_true(wait_screen(vt, at5b, T));
	assert_string_equal(row(vt, 0), " title › 5 › (b)");
	assert_string_equal(row(vt, 1), "    (b) Second, I");
	assert_string_equal(row(vt, 5), " iom-dg-response.txt");
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	e2e_assert_restored(vt);
	free(want);
	free(want3);
	free(outline);
	free(help);
	free(at5b);
	vt_free(vt);
}

/* ----------------------------------------------------------------- main */

/* sh: into dir, then lectern --no-state on the document. */
static const char *
fmt_cd(const char *dir)
{
	static char script[4400];

	snprintf(script, sizeof(script), "cd '%s' && exec \"$2\" --no-state \"$1\"", dir);
	return script;
}

/* The bundled document opened in the home directory with env: message
 * on the status line, then q, and a clean exit.  The caller frees. */
static struct vt *
config_session(char **env, const char *message)
{
	struct vt *vt = spawn_sh(24, 120, env, fmt_cd(home), test_bundled());

	assert_started(vt, "I wish to thank");
	assert_true(vt_wait_text(vt, message, T));
	assert_true(vt_key(vt, "q"));
	assert_int_equal(vt_wait_exit(vt, T), 0);
	return vt;
}

/* Several bad lines in the configuration: the first on the status line,
 * with how many more; all of them on standard error once the screen is
 * back.  A configuration file named but missing is reported. */
static void
test_config_errors(void **state)
{
	char path[4300], envc[4400];
	char *env[] = { envc, NULL };
	const char *raw, *after;
	struct vt *vt;
	size_t len;

	(void)state;
	snprintf(path, sizeof(path), "%s/bad.conf", home);
	test_write_str(path, "frobnicate\nwidth 0\nbind j nothing\n");
	/* A short name, so that the message fits on the status line. */
	snprintf(envc, sizeof(envc), "LECTERN_CONFIG=bad.conf");
	vt = config_session(env, "(skipped), and 2 more, listed when you quit");
	e2e_assert_restored(vt);
	raw = vt_raw(vt, &len);
	after = memmem(raw, len, "\033[?1049l", 8);
	assert_non_null(after);
	len -= (size_t)(after - raw);
	assert_non_null(memmem(after, len, "bad.conf:1: unknown directive 'frobnicate' (skipped)", 52));
	assert_non_null(memmem(after, len, "bad.conf:2: width must be 1 to 1000 or auto", 43));
	assert_non_null(memmem(after, len, "bad.conf:3: ", 12));
	vt_free(vt);
	unlink(path);

	snprintf(envc, sizeof(envc), "LECTERN_CONFIG=no-such.conf");
	vt = config_session(env, "no-such.conf: No such file or directory (LECTERN_CONFIG)");
	vt_free(vt);
}

static int
setup(void **state)
{
	const char *data = getenv("TOPSRC");

	(void)state;
	snprintf(home, sizeof(home), "%s", test_tmp("e2e-home"));
	snprintf(state_dir, sizeof(state_dir), "%s/state", home);
	snprintf(config_dir, sizeof(config_dir), "%s/config", home);
	mkdir(home, 0700);
	snprintf(env_home, sizeof(env_home), "HOME=%s", home);
	snprintf(env_state, sizeof(env_state), "XDG_STATE_HOME=%s", state_dir);
	snprintf(env_config, sizeof(env_config), "XDG_CONFIG_HOME=%s", config_dir);
	snprintf(env_data, sizeof(env_data), "LECTERN_DATADIR=%s/resources",
	    data ? data : ".");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	test_rmtree(home);
	return access(home, F_OK) == 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen_and_quit),
		cmocka_unit_test(test_keys_move),
		cmocka_unit_test(test_search_count_later),
		cmocka_unit_test(test_replaced_found_later),
		cmocka_unit_test(test_typed_letters),
		cmocka_unit_test(test_escapes_not_passed),
		cmocka_unit_test(test_sigterm),
		cmocka_unit_test(test_sigint),
		cmocka_unit_test(test_sighup),
		cmocka_unit_test(test_signal_in_prompt),
		cmocka_unit_test(test_resize_reflows),
		cmocka_unit_test(test_suspend),
		cmocka_unit_test(test_stdin_pipe),
		cmocka_unit_test(test_dumb_terminal),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_no_color),
		cmocka_unit_test(test_colour),
		cmocka_unit_test(test_narrow_terminal),
	};

	return cmocka_run_group_tests_name("reader", tests, setup, teardown);
}
