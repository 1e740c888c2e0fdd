/*
 * test_config.c - the configuration file: every directive, every kind of
 * bad line reported with its file and line, names refused by the
 * caller's checks, no file, /dev/null, an unreadable file, long lines,
 * and the shipped resources/config.example.  Files are written under
 * $TMPDIR (or /tmp).
 */
#include "autoconf.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf.h"
#include "run.h"

/* The names the reader's front end accepts: the actions straight from
 * src/action.def, as src/action.c reads them (so that a new action is
 * in this list too), and the element names of src/screen.c. */
static const char *const actions[] = {
#define X(id, name, keys, help) name,
#include "action.def"
#undef X
};

static const char *const elements[] = {
	"text", "title", "heading", "number", "marker", "link",
	"link-selected", "match", "match-current", "list-item", "breadcrumb",
	"status", "message", "error", "panel", "panel-selected",
	"placeholder", "rule", "prompt", "pre"
};

static const char *const special_keys[] = {
	"<Enter>", "<Tab>", "<S-Tab>", "<BS>", "<Esc>", "<Up>", "<Down>",
	"<Left>", "<Right>", "<Home>", "<End>", "<PgUp>", "<PgDn>", "<Space>"
};

static bool
in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool
ok_action(const char *name)
{
	return in_list(actions, sizeof(actions) / sizeof(actions[0]), name);
}

static bool
ok_element(const char *name)
{
	return in_list(elements, sizeof(elements) / sizeof(elements[0]), name);
}

/* One printable character (one UTF-8 sequence), ^X, or a <name>. */
static bool
ok_key(const char *k)
{
	size_t n = strlen(k);
	int f;

	if (n == 1)
		return k[0] > ' ' && k[0] < 0x7F;
	if (n == 2 && k[0] == '^')
		return (k[1] >= '@' && k[1] <= '_') || k[1] == '?' ||
		    (k[1] >= 'a' && k[1] <= 'z');
	if (n >= 2 && n <= 4 && ((unsigned char)k[0] & 0xC0) == 0xC0) {
		for (size_t i = 1; i < n; i++)
			if (((unsigned char)k[i] & 0xC0) != 0x80)
				return false;
		return true;
	}
	if (sscanf(k, "<F%d>", &f) == 1 && f >= 1 && f <= 12) {
		char want[8];

		snprintf(want, sizeof(want), "<F%d>", f);
		return strcmp(want, k) == 0;
	}
	return in_list(special_keys,
	    sizeof(special_keys) / sizeof(special_keys[0]), k);
}

static const struct config_check check = { ok_action, ok_key, ok_element };

static const char *
write_conf(const char *name, const char *text)
{
	const char *path = test_tmp(name);

	test_write_str(path, text);
	return path;
}

/* Load text; the errors, joined by newlines with the file name replaced
 * by "F", go in *errs (caller frees). */
static int
load_text(const char *text, struct config *c, char **errs)
{
	const char *path = write_conf("config", text);
	size_t plen = strlen(path), len = 0;
	int rc = config_load(path, &check, c);

	*errs = calloc(1, 1);
	for (size_t i = 0; i < c->nerrors; i++) {
		const char *e = c->errors[i];

		assert_int_equal(strncmp(e, path, plen), 0);
		*errs = realloc(*errs, len + strlen(e) + 3);
		len += (size_t)sprintf(*errs + len, "F%s\n", e + plen);
	}
	unlink(path);
	return rc;
}

/* Load text and expect exactly the errors want (as load_text gives). */
static void
expect_errors(const char *text, const char *want)
{
	struct config c;
	char *errs;

	assert_int_equal(load_text(text, &c, &errs), 0);
	assert_string_equal(errs, want);
	free(errs);
	config_free(&c);
}

static void
test_defaults(void **state)
{
	struct config c;

	assert_int_equal(config_load(NULL, &check, &c), 0);
	assert_int_equal(c.nbinds + c.ncolors + c.nerrors, 0);
	assert_int_equal(c.width, 0);
	assert_int_equal(c.mouse, -1);
	assert_int_equal(c.state, -1);
	config_free(&c);

	/* /dev/null is no configuration (not even opened). */
	assert_int_equal(config_load("/dev/null", &check, &c), 0);
	assert_int_equal(c.nbinds + c.ncolors + c.nerrors, 0);
	assert_int_equal(c.mouse, -1);
	config_free(&c);

	/* A missing file is no configuration either. */
	assert_int_equal(config_load(test_tmp("no-such-config"), &check, &c),
	    0);
	assert_int_equal(c.nerrors, 0);
	assert_int_equal(c.state, -1);
	config_free(&c);

	/* An empty file, comments and blank lines. */
	expect_errors("", "");
	expect_errors("\n\n   \n\t\n# comment\n   # indented comment\n#\n", "");
}

static void
test_directives(void **state)
{
	struct config c;
	char *errs;

	assert_int_equal(load_text(
	    "bind j scroll-down\n"
	    "  bind\t^F   page-down   # trailing comment\n"
	    "bind <F12> help\n"
	    "unbind <Tab>\n"
	    "bind \xC3\xA9 quit\n"
	    "color title default default bold\n"
	    "color link blue\n"
	    "color match 16 bright-yellow underline reverse dim italic\n"
	    "color status 255 bold\n"
	    "width 72\n"
	    "mouse on\n"
	    "state off\r\n"
	    "mouse off\n", &c, &errs), 0);
	assert_string_equal(errs, "");
	free(errs);

	assert_int_equal(c.nbinds, 5);
	assert_string_equal(c.binds[0].key, "j");
	assert_string_equal(c.binds[0].action, "scroll-down");
	assert_string_equal(c.binds[1].key, "^F");
	assert_string_equal(c.binds[1].action, "page-down");
	assert_string_equal(c.binds[2].key, "<F12>");
	assert_string_equal(c.binds[3].key, "<Tab>");
	assert_string_equal(c.binds[3].action, "");     /* unbind */
	assert_string_equal(c.binds[4].key, "\xC3\xA9");

	assert_int_equal(c.ncolors, 4);
	assert_string_equal(c.colors[0].element, "title");
	assert_string_equal(c.colors[0].fg, "default");
	assert_string_equal(c.colors[0].bg, "default");
	assert_int_equal(c.colors[0].attrs, CONFIG_BOLD);
	assert_string_equal(c.colors[1].fg, "blue");
	assert_string_equal(c.colors[1].bg, "");
	assert_int_equal(c.colors[1].attrs, 0);
	assert_string_equal(c.colors[2].fg, "16");
	assert_string_equal(c.colors[2].bg, "bright-yellow");
	assert_int_equal(c.colors[2].attrs, CONFIG_UNDERLINE | CONFIG_REVERSE |
	    CONFIG_DIM | CONFIG_ITALIC);
	assert_string_equal(c.colors[3].fg, "255");
	assert_string_equal(c.colors[3].bg, "");
	assert_int_equal(c.colors[3].attrs, CONFIG_BOLD);

	assert_int_equal(c.width, 72);
	assert_int_equal(c.mouse, 0);                   /* the later line */
	assert_int_equal(c.state, 0);
	config_free(&c);
	assert_null(c.binds);
	assert_int_equal(c.nerrors, 0);

	/* Limits of width, auto, and every colour name. */
	assert_int_equal(load_text("width 1\nwidth 1000\nstate on\n", &c,
	    &errs), 0);
	assert_int_equal(c.width, 1000);
	assert_int_equal(c.state, 1);
	free(errs);
	config_free(&c);
	assert_int_equal(load_text("width 50\nwidth auto\n", &c, &errs), 0);
	assert_int_equal(c.width, 0);
	free(errs);
	config_free(&c);
	expect_errors(
	    "color text black red\ncolor text green yellow\n"
	    "color text blue magenta\ncolor text cyan white\n"
	    "color text bright-black bright-red\n"
	    "color text bright-green bright-yellow\n"
	    "color text bright-blue bright-magenta\n"
	    "color text bright-cyan bright-white\n"
	    "color text 0 255\ncolor text 007 default\n", "");
}

static void
test_errors(void **state)
{
	expect_errors(
	    "frobnicate yes\n"                      /* 1 */
	    "bind j\n"                              /* 2 */
	    "bind j scroll-down extra\n"            /* 3 */
	    "bind\n"                                /* 4 */
	    "unbind\n"                              /* 5 */
	    "unbind a b\n"                          /* 6 */
	    "color text\n"                          /* 7 */
	    "color\n"                               /* 8 */
	    "width\n"                               /* 9 */
	    "width 0\n"                             /* 10 */
	    "width 1001\n"                          /* 11 */
	    "width -50\n"                           /* 12 */
	    "width 80x\n"                           /* 13 */
	    "width 99999999999999999999\n"          /* 14 */
	    "width 80 90\n"                         /* 15 */
	    "mouse yes\n"                           /* 16 */
	    "mouse\n"                               /* 17 */
	    "state On\n"                            /* 18 */
	    "state on off\n"                        /* 19 */
	    "Bind j quit\n",                        /* 20 */
	    "F:1: unknown directive 'frobnicate'\n"
	    "F:2: usage: bind KEY ACTION\n"
	    "F:3: usage: bind KEY ACTION\n"
	    "F:4: usage: bind KEY ACTION\n"
	    "F:5: usage: unbind KEY\n"
	    "F:6: usage: unbind KEY\n"
	    "F:7: usage: color ELEMENT FG [BG] [ATTRIBUTE]...\n"
	    "F:8: usage: color ELEMENT FG [BG] [ATTRIBUTE]...\n"
	    "F:9: usage: width N|auto\n"
	    "F:10: width must be 1 to 1000 or auto, not '0'\n"
	    "F:11: width must be 1 to 1000 or auto, not '1001'\n"
	    "F:12: width must be 1 to 1000 or auto, not '-50'\n"
	    "F:13: width must be 1 to 1000 or auto, not '80x'\n"
	    "F:14: width must be 1 to 1000 or auto, not "
	    "'99999999999999999999'\n"
	    "F:15: usage: width N|auto\n"
	    "F:16: mouse must be on or off, not 'yes'\n"
	    "F:17: usage: mouse on|off\n"
	    "F:18: state must be on or off, not 'On'\n"
	    "F:19: usage: state on|off\n"
	    "F:20: unknown directive 'Bind'\n");

	/* Colours. */
	expect_errors(
	    "color text purple\n"
	    "color text 256\n"
	    "color text -1\n"
	    "color text 1000\n"
	    "color text bright-default\n"
	    "color text bold\n"
	    "color text red green blue\n"
	    "color text red bold green\n"
	    "color text red green blink\n"
	    "color text Red\n",
	    "F:1: 'purple' is not a colour\n"
	    "F:2: '256' is not a colour\n"
	    "F:3: '-1' is not a colour\n"
	    "F:4: '1000' is not a colour\n"
	    "F:5: 'bright-default' is not a colour\n"
	    "F:6: 'bold' is not a colour\n"
	    "F:7: 'blue': at most two colours, before the attributes\n"
	    "F:8: 'green': at most two colours, before the attributes\n"
	    "F:9: unknown attribute 'blink'\n"
	    "F:10: 'Red' is not a colour\n");

	/* Bad lines change nothing; good ones around them still count. */
	{
		struct config c;
		char *errs;

		assert_int_equal(load_text("width 60\nwidth 0\nmouse on\n"
		    "mouse maybe\ncolor text red blink\nbind j nothing\n",
		    &c, &errs), 0);
		assert_int_equal(c.width, 60);
		assert_int_equal(c.mouse, 1);
		assert_int_equal(c.ncolors, 0);
		assert_int_equal(c.nbinds, 0);
		assert_int_equal(c.nerrors, 4);
		free(errs);
		config_free(&c);
	}
}

/* Names the caller's checks refuse. */
static void
test_checks(void **state)
{
	struct config c;

	expect_errors(
	    "bind j fly\n"
	    "bind <Nope> quit\n"
	    "bind jj quit\n"
	    "unbind <F13>\n"
	    "color background red\n"
	    "bind ^ quit\n"
	    "bind " "abcdefghijklmnopqrstuvwxyzabcdefghij" " quit\n"
	    "bind j " "scroll-down-scroll-down-scroll-down-scroll-down-x" "\n"
	    "color " "abcdefghijklmnopqrstuvwxyzabcdefghij" " red\n",
	    "F:1: unknown action 'fly'\n"
	    "F:2: unknown key '<Nope>'\n"
	    "F:3: unknown key 'jj'\n"
	    "F:4: unknown key '<F13>'\n"
	    "F:5: unknown colour element 'background'\n"
	    "F:7: unknown key 'abcdefghijklmnopqrstuvwxyzabcdefghij'\n"
	    "F:8: unknown action "
	    "'scroll-down-scroll-down-scroll-down-scro...'\n"
	    "F:9: unknown colour element "
	    "'abcdefghijklmnopqrstuvwxyzabcdefghij'\n");

	/* Without checks every name that fits is taken. */
	write_conf("nocheck", "bind anything at-all\ncolor whatever red\n"
	    "bind " "abcdefghijklmnopqrstuvwxyzabcdefghij" " quit\n");
	assert_int_equal(config_load(test_tmp("nocheck"), NULL, &c), 0);
	assert_int_equal(c.nbinds, 1);
	assert_string_equal(c.binds[0].action, "at-all");
	assert_int_equal(c.ncolors, 1);
	assert_int_equal(c.nerrors, 1);                 /* key too long */
	config_free(&c);
	{
		const struct config_check some = { NULL, NULL, ok_element };

		assert_int_equal(config_load(test_tmp("nocheck"), &some, &c), 0);
		assert_int_equal(c.nbinds, 1);
		assert_int_equal(c.ncolors, 0);
		assert_int_equal(c.nerrors, 2);
		config_free(&c);
	}
	unlink(test_tmp("nocheck"));
}

/* '#' starts a comment only at the start of a word. */
static void
test_comments(void **state)
{
	struct config c;
	char *errs;

	assert_int_equal(load_text("bind j quit#not-a-comment\n"
	    "bind k quit #a comment\n"
	    "bind # quit\n"
	    "#bind l quit\n", &c, &errs), 0);
	assert_string_equal(errs,
	    "F:1: unknown action 'quit#not-a-comment'\n"
	    "F:3: usage: bind KEY ACTION\n");
	assert_int_equal(c.nbinds, 1);
	assert_string_equal(c.binds[0].key, "k");
	free(errs);
	config_free(&c);
}

static void
test_long_lines_and_junk(void **state)
{
	struct buf_s { char *p; size_t n; } b = { NULL, 0 };
	struct config c;
	char *errs;
	char line[2048];
	FILE *f;

	/* 1024 bytes is allowed, 1025 is not; the line after still counts. */
	f = open_memstream(&b.p, &b.n);
	memset(line, ' ', sizeof(line));
	memcpy(line, "width 40", 8);
	fprintf(f, "%.*s\n", 1024, line);
	memcpy(line, "width 41", 8);
	fprintf(f, "%.*s\n", 1025, line);
	fprintf(f, "bind q quit\n");
	memset(line, 'x', sizeof(line));
	fprintf(f, "%.*s", 2000, line);                 /* no final newline */
	fclose(f);
	assert_int_equal(load_text(b.p, &c, &errs), 0);
	assert_string_equal(errs,
	    "F:2: line longer than 1024 bytes\n"
	    "F:4: line longer than 1024 bytes\n");
	assert_int_equal(c.width, 40);
	assert_int_equal(c.nbinds, 1);
	free(errs);
	free(b.p);
	config_free(&c);

	/* A last line without a newline; control characters are quoted
	 * safely; too many words. */
	expect_errors("mouse \x1b[31m\nwidth 30 30 30 30 30 30 30 30 30 30\n"
	    "state on",
	    "F:1: mouse must be on or off, not '?[31m'\n"
	    "F:2: too many words\n");

	/* NUL bytes. */
	{
		static const char nul[] = "width 30\nwidth\0 40\nstate on\n";
		const char *path = test_tmp("nul");
		size_t plen = strlen(path);

		test_write(path, nul, sizeof(nul) - 1);
		assert_int_equal(config_load(path, &check, &c), 0);
		assert_int_equal(c.nerrors, 1);
		assert_string_equal(c.errors[0] + plen, ":2: NUL byte in line");
		assert_int_equal(c.width, 30);
		assert_int_equal(c.state, 1);
		config_free(&c);
		unlink(path);
	}
}

/* Many bad lines: the count is capped and the last error says so; a
 * file larger than the limit is read up to it. */
static void
test_caps(void **state)
{
	const char *path = test_tmp("caps");
	struct config c;
	FILE *f = fopen(path, "w");
	size_t n = 0;

	assert_non_null(f);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "nonsense %d\n", i);
	fclose(f);
	assert_int_equal(config_load(path, &check, &c), 0);
	assert_int_equal(c.nerrors, CONFIG_ERRORS_MAX);
	assert_non_null(strstr(c.errors[CONFIG_ERRORS_MAX - 1],
	    "too many errors"));
	config_free(&c);

	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "width 33\n");
	while (n < CONFIG_FILE_MAX + 100000) {
		n += (size_t)fprintf(f, "# %60s\n", "padding");
	}
	fprintf(f, "width 44\n");
	fclose(f);
	assert_int_equal(config_load(path, &check, &c), 0);
	assert_int_equal(c.width, 33);
	assert_int_equal(c.nerrors, 1);
	assert_non_null(strstr(c.errors[0], "larger than"));
	assert_int_equal(strncmp(c.errors[0], path, strlen(path)), 0);
	config_free(&c);
	unlink(path);
}

/* config_load() in a thread held to file permissions even as root. */
struct load_call {
	const char *path;
	struct config *c;
	int rc;
};

static void
load_call(void *p)
{
	struct load_call *l = p;

	l->rc = config_load(l->path, &check, l->c);
}

static void
test_unreadable(void **state)
{
	const char *dir = test_tmp("config-dir");
	const char *path = write_conf("locked", "width 50\n");
	char want[4200];
	struct config c;
	struct load_call call;
	const char *why;

	/* A directory: exists, cannot be read as a file. */
	mkdir(dir, 0700);
	assert_int_equal(config_load(dir, &check, &c), -1);
	assert_int_equal(c.nerrors, 1);
	snprintf(want, sizeof(want), "%s: %s", dir, strerror(EISDIR));
	assert_string_equal(c.errors[0], want);
	config_free(&c);
	rmdir(dir);

	/* Not allowed to read (as root too: the load runs without the
	 * capabilities that bypass file permissions). */
	chmod(path, 0);
	call.path = path;
	call.c = &c;
	why = test_without_dac(load_call, &call);
	if (why != NULL) {
		unlink(path);
		print_message("skipped: %s\n", why);
		skip();
	}
	assert_int_equal(call.rc, -1);
	assert_int_equal(c.nerrors, 1);
	snprintf(want, sizeof(want), "%s: %s", path, strerror(EACCES));
	assert_string_equal(c.errors[0], want);
	assert_int_equal(c.width, 0);
	config_free(&c);
	unlink(path);
}

/* The shipped example loads cleanly, binds every action and colours
 * every element, and says mouse off, state on, width auto. */
static void
test_example(void **state)
{
	const char *top = getenv("TOPSRC");
	char path[4096];
	struct config c;
	size_t i, j;

	snprintf(path, sizeof(path), "%s/resources/config.example",
	    top ? top : "../..");
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(config_load(path, &check, &c), 0);
	for (i = 0; i < c.nerrors; i++)
		print_error("%s\n", c.errors[i]);
	assert_int_equal(c.nerrors, 0);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		for (j = 0; j < c.nbinds; j++)
			if (strcmp(c.binds[j].action, actions[i]) == 0)
				break;
		if (j == c.nbinds)
			print_error("no bind for %s\n", actions[i]);
		assert_true(j < c.nbinds);
	}
	for (i = 0; i < sizeof(elements) / sizeof(elements[0]); i++) {
		for (j = 0; j < c.ncolors; j++)
			if (strcmp(c.colors[j].element, elements[i]) == 0)
				break;
		assert_true(j < c.ncolors);
	}
	/* Each key is bound once. */
	for (i = 0; i < c.nbinds; i++)
		for (j = i + 1; j < c.nbinds; j++)
			assert_string_not_equal(c.binds[i].key, c.binds[j].key);
	assert_int_equal(c.width, 0);
	assert_int_equal(c.mouse, 0);
	assert_int_equal(c.state, 1);
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_long_lines_and_junk),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_example),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
