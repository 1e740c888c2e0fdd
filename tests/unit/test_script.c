/*
 * test_script.c - the reader as a user drives it, through the headless
 * script mode (--script, src/script.c): keys go in, the screen and the
 * view's state come out as text, and that text is compared with what is
 * expected, kept here inline (as tig's tests do).  The real binary runs
 * ($LECTERN), on the bundled document ($TOPSRC/resources) at 80x24 unless
 * a test says otherwise, always with a private HOME, state and
 * configuration so that nothing of the user's leaks in.
 */
#include "autoconf.h"

#include <errno.h>
#include <setjmp.h>
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

#include "run.h"

/* ------------------------------------------------------------ helpers */

/* Everything a test allocates through these helpers is freed after it. */
static char **garbage;
static size_t ngarbage, capgarbage;

static char *
keep(char *p)
{
	if (ngarbage == capgarbage) {
		capgarbage = capgarbage ? capgarbage * 2 : 64;
		garbage = realloc(garbage, capgarbage * sizeof(*garbage));
		assert_non_null(garbage);
	}
	garbage[ngarbage++] = p;
	return p;
}

static char *
xstrdup_(const char *s)
{
	char *p = strdup(s);

	assert_non_null(p);
	return keep(p);
}

static char *
xstrndup_(const char *s, size_t n)
{
	char *p = strndup(s, n);

	assert_non_null(p);
	return keep(p);
}

static char *
fmt(const char *f, ...)
{
	va_list ap;
	char *p;

	va_start(ap, f);
	if (vasprintf(&p, f, ap) < 0)
		p = NULL;
	va_end(ap);
	assert_non_null(p);
	return keep(p);
}

static int
teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < ngarbage; i++)
		free(garbage[i]);
	ngarbage = 0;
	return 0;
}

/* A growing string. */
struct str {
	char *s;
	size_t len, cap;
};

static void
str_add(struct str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static char *
str_done(struct str *b)
{
	if (b->s == NULL)
		str_add(b, "", 0);
	return keep(b->s);
}

static const char *home_dir;

/* How to run the reader. */
struct opt {
	const char *doc;                /* NULL: the bundled document */
	const char *const *env;         /* NAME=value overriding the defaults */
	const char *const *args;        /* before the file, NULL-terminated */
	bool state;                     /* remember positions (no --no-state) */
	bool may_fail;                  /* do not insist on status 0, no stderr */
};

/* Run script (its text) with lectern --script; returns standard output
 * (kept) and fills *r when r is not NULL (then the caller run_done()s
 * it). */
static char *
script_opt(const struct opt *o, const char *script, struct run *r)
{
	static int serial;
	static const char *const defaults[] = { "COLUMNS=80", "LINES=24",
		"LECTERN_CONFIG=/dev/null", "LC_ALL=C.UTF-8", NULL };
	const char *path = xstrdup_(test_tmp(fmt("script%d", serial++)));
	const char *env[32], *argv[32];
	size_t ne = 0, na = 0;
	struct run own;
	char *out;

	test_write_str(path, script);
	if (o->env)
		for (size_t i = 0; o->env[i] && ne < 20; i++)
			env[ne++] = o->env[i];
	for (size_t i = 0; defaults[i]; i++) {
		size_t nl = strcspn(defaults[i], "=") + 1;
		bool shadowed = false;

		for (size_t k = 0; k < ne; k++)
			if (strncmp(env[k], defaults[i], nl) == 0)
				shadowed = true;
		if (!shadowed)
			env[ne++] = defaults[i];
	}
	{
		bool have_state = false, have_config = false, have_home = false;

		for (size_t k = 0; k < ne; k++) {
			have_state |= strncmp(env[k], "XDG_STATE_HOME=", 15) == 0;
			have_config |= strncmp(env[k], "XDG_CONFIG_HOME=", 16) == 0;
			have_home |= strncmp(env[k], "HOME=", 5) == 0;
		}
		if (!have_home)
			env[ne++] = fmt("HOME=%s", home_dir);
		if (!have_state)
			env[ne++] = fmt("XDG_STATE_HOME=%s/state", home_dir);
		if (!have_config)
			env[ne++] = fmt("XDG_CONFIG_HOME=%s/config", home_dir);
	}
	env[ne] = NULL;
	argv[na++] = getenv("LECTERN") ? getenv("LECTERN") : "../../src/lectern";
	if (!o->state)
		argv[na++] = "--no-state";
	argv[na++] = "--script";
	argv[na++] = path;
	if (o->args)
		for (size_t i = 0; o->args[i] && na < 28; i++)
			argv[na++] = o->args[i];
	argv[na++] = o->doc ? o->doc : test_bundled();
	argv[na] = NULL;
	if (r == NULL)
		r = &own;
	run_argv(r, (char *const *)argv, NULL, 0, (char *const *)env);
	unlink(path);
	out = xstrdup_(r->out);
	if (!o->may_fail && (r->status != 0 || r->errlen != 0)) {
		int status = r->status;

		fprintf(stderr, "lectern --script: status %d%s, stderr: %s\n", status,
		    status == 128 + 11 ? " (SIGSEGV)" : "", r->err);
		run_done(r);
		fail_msg("lectern --script failed (status %d)", status);
	}
	if (r == &own)
		run_done(&own);
	return out;
}

/* The common case: the bundled document, 80x24, no state. */
static char *
script(const char *text)
{
	return script_opt(&(struct opt){ 0 }, text, NULL);
}

/* The same at another size. */
static char *
script_at(int cols, int rows, const char *text)
{
	const char *env[] = { fmt("COLUMNS=%d", cols), fmt("LINES=%d", rows), NULL };

	return script_opt(&(struct opt){ .env = env }, text, NULL);
}

/* The output with the "top:" lines' " (offset N)" taken out. */
static char *
norm(const char *out)
{
	struct str b = { 0 };
	const char *p = out;

	while (*p) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl + 1 : p + strlen(p);
		const char *o;

		if (strncmp(p, "top: ", 5) == 0 && (o = strstr(p, " (offset ")) != NULL &&
		    o < end) {
			str_add(&b, p, (size_t)(o - p));
			str_add(&b, "\n", 1);
		} else
			str_add(&b, p, (size_t)(end - p));
		p = end;
	}
	return str_done(&b);
}

/* Every value of the state lines "NAME: value", in order, joined with
 * " | "; the top without its offset. */
static char *
values(const char *out, const char *name)
{
	struct str b = { 0 };
	const char *n = norm(out), *p = n;
	size_t len = strlen(name);
	bool first = true;

	while (*p) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);

		if (strncmp(p, name, len) == 0 && p[len] == ':' && p[len + 1] == ' ') {
			if (!first)
				str_add(&b, " | ", 3);
			str_add(&b, p + len + 2, (size_t)(end - (p + len + 2)));
			first = false;
		}
		p = nl ? nl + 1 : end;
	}
	return str_done(&b);
}

/* The n-th (0-based) value of a state line, "(none)" if there are
 * fewer. */
static char *
value(const char *out, const char *name, int n)
{
	const char *p = out;
	size_t len = strlen(name);

	while (*p) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);

		if (strncmp(p, name, len) == 0 && p[len] == ':' && p[len + 1] == ' ' &&
		    n-- == 0)
			return xstrndup_(p + len + 2, (size_t)(end - (p + len + 2)));
		p = nl ? nl + 1 : end;
	}
	return xstrdup_("(none)");
}

/* The n-th (0-based) block printed by "state": from its "top:" line to
 * the next "top:" or screen; "" if there are fewer. */
static char *
state_block(const char *out, int n)
{
	const char *p = out, *start = NULL;

	while (*p) {
		if (strncmp(p, "top: ", 5) == 0 && n-- == 0) {
			start = p;
			break;
		}
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
	}
	if (start == NULL)
		return xstrdup_("");
	for (p = strchr(start, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
		if (strncmp(p + 1, "top: ", 5) == 0 || strncmp(p + 1, "--- screen", 10) == 0)
			return xstrndup_(start, (size_t)(p + 1 - start));
	return xstrdup_(start);
}

/* A field of the n-th state block, "(none)" if it has none. */
static char *
field(const char *out, int n, const char *name)
{
	return value(state_block(out, n), name, 0);
}

/* The offset of the n-th "top:" line. */
static long
top_offset(const char *out, int n)
{
	const char *v = value(out, "top", n), *o;

	assert_non_null(v);
	o = strstr(v, "(offset ");
	assert_non_null(o);
	return atol(o + 8);
}

/* The rows of the n-th screen printed (0-based), each ending in '\n',
 * without the frame; fails the test if there is no such screen. */
static char *
screen(const char *out, int n)
{
	const char *p = out, *start, *end;

	for (;;) {
		p = strstr(p, "--- screen ");
		assert_non_null(p);
		if (p != out && p[-1] != '\n') {
			p++;
			continue;
		}
		if (n-- == 0)
			break;
		p++;
	}
	start = strchr(p, '\n');
	assert_non_null(start);
	start++;
	end = strstr(start, "\n---\n");
	assert_non_null(end);
	if (end == start - 1)
		return xstrdup_("");
	return xstrndup_(start, (size_t)(end - start) + 1);
}

/* Row r of a screen (as screen() gives it), without its newline. */
static char *
row(const char *scr, int r)
{
	const char *p = scr;

	while (r-- > 0) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	return xstrndup_(p, strcspn(p, "\n"));
}

static int
nrows(const char *scr)
{
	int n = 0;

	for (const char *p = scr; *p; p++)
		n += *p == '\n';
	return n;
}

/* The screen without its first (breadcrumb) and last (status) rows. */
static char *
text_rows(const char *scr)
{
	const char *from = strchr(scr, '\n'), *to;

	assert_non_null(from);
	from++;
	to = scr + strlen(scr) - 1;             /* the last newline */
	while (to > from && to[-1] != '\n')
		to--;
	return xstrndup_(from, (size_t)(to - from));
}

/* Columns of a UTF-8 row (the documents here have no wide characters). */
static int
width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

#define assert_contains(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (strstr(h_, n_) == NULL) { \
		fprintf(stderr, "--- in:\n%s\n---\n", h_); \
		fail_msg("expected \"%s\" in the text above", n_); \
	} \
} while (0)

#define assert_not_contains(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (strstr(h_, n_) != NULL) { \
		fprintf(stderr, "--- in:\n%s\n---\n", h_); \
		fail_msg("did not expect \"%s\" in the text above", n_); \
	} \
} while (0)

/* ------------------------------------------------------------- opening */

static const char first_screen[] =
    " title\n"
    "DIRECTOR GENERAL’S RESPONSE TO THE CHAIRPERSON’S REPORT ON THE WORKING GROUP ON\n"
    "                     IOM–UN RELATIONS AND THE IOM STRATEGY\n"
    "\n"
    "1.  I wish to thank the outgoing Chairperson for the Report on the Working\n"
    "    Group on IOM–UN Relations and the IOM Strategy and for his leadership of\n"
    "    the Working Group. It is important to underline that this Working Group –\n"
    "    and the Working Group on Budget Reform – are Member State initiatives.\n"
    "    These initiatives are the best examples of “Member State proprietorship” of\n"
    "    the Organization – one of the three “Ps” (together with “partnerships” and\n"
    "    “professionalism”). You will recall that this is one of the three\n"
    "    priorities that I set for the Organization when I assumed office in October\n"
    "    2008.\n"
    "\n"
    "2.  Building on last year’s UNGA Second High-level Dialogue on International\n"
    "    Migration and Development, the UN General Assembly’s Second Committee\n"
    "    discussions have given substantial momentum to the idea that migration\n"
    "    should be institutionalized in the UN system in one way or another. Over\n"
    "    the past few weeks, as UN Member States have debated the issue of migration\n"
    "    and development in the Second Committee, it has become abundantly clear\n"
    "    that we may be reaching a significant juncture – one that could have\n"
    "    far-reaching implications for IOM’s future and for migration governance. In\n"
    "    a very real sense, the report on the Working Group is proving to be very\n"
    " iom-dg-response.txt    h help  : go  / search  Tab link  q quit    20%  line 1\n";

static const char para3_screen[] =
    " title › 3\n"
    "3.  I would recall for you the four provisions of that draft resolution which\n"
    "    are as follows:\n"
    "\n"
    "    (a) the convening of a UNGA High-level Dialogue on Migration and\n"
    "        Development every three years (the earlier interval was seven years);\n"
    "    (b) an annual debate on migration and development in ECOSOC;\n"
    "    (c) an annual UN DESA coordination meeting on migration to assess progress\n"
    "        in implementing the Secretary-General’s 8-point agenda from the 2013\n"
    "        High-level Dialogue; and\n"
    "    (d) exploration of the possibility of a legally binding convention on\n"
    "        migration and development.\n"
    "\n"
    "4.  Although IOM does not take a position on whether or not this\n"
    "    institutionalization should take place, we have begun to reflect on what\n"
    "    the implications of such a change might mean for the Organization.\n"
    "\n"
    "5.  The purpose of my bringing the Second Committee draft resolution to your\n"
    "    attention at this Council is to share with you my initial thinking in\n"
    "    respect of my responsibility on IOM–UN relations vis-à-vis you, the Member\n"
    "    States – who elected me and to whom I am accountable. My position on the\n"
    "    matter is well known to you and has remained consistent since I took\n"
    "    office, and there is nothing in the draft resolution that has caused me to\n"
    " iom-dg-response.txt  ¶3              h help  q quit               43%  line 27\n";

static void
test_open_bundled(void **state)
{
	char *out = script("screen\nstate\n");

	(void)state;
	assert_string_equal(norm(out),
	    "--- screen 80x24\n"
	    " title\n"
	    "DIRECTOR GENERAL’S RESPONSE TO THE CHAIRPERSON’S REPORT ON THE WORKING GROUP ON\n"
	    "                     IOM–UN RELATIONS AND THE IOM STRATEGY\n"
	    "\n"
	    "1.  I wish to thank the outgoing Chairperson for the Report on the Working\n"
	    "    Group on IOM–UN Relations and the IOM Strategy and for his leadership of\n"
	    "    the Working Group. It is important to underline that this Working Group –\n"
	    "    and the Working Group on Budget Reform – are Member State initiatives.\n"
	    "    These initiatives are the best examples of “Member State proprietorship” of\n"
	    "    the Organization – one of the three “Ps” (together with “partnerships” and\n"
	    "    “professionalism”). You will recall that this is one of the three\n"
	    "    priorities that I set for the Organization when I assumed office in October\n"
	    "    2008.\n"
	    "\n"
	    "2.  Building on last year’s UNGA Second High-level Dialogue on International\n"
	    "    Migration and Development, the UN General Assembly’s Second Committee\n"
	    "    discussions have given substantial momentum to the idea that migration\n"
	    "    should be institutionalized in the UN system in one way or another. Over\n"
	    "    the past few weeks, as UN Member States have debated the issue of migration\n"
	    "    and development in the Second Committee, it has become abundantly clear\n"
	    "    that we may be reaching a significant juncture – one that could have\n"
	    "    far-reaching implications for IOM’s future and for migration governance. In\n"
	    "    a very real sense, the report on the Working Group is proving to be very\n"
	    " iom-dg-response.txt    h help  : go  / search  Tab link  q quit    20%  line 1\n"
	    "---\n"
	    "top: title\n"
	    "mode: text\n"
	    "selected: none\n"
	    "indexed: yes\n");
}

/* ------------------------------------------------------------ structure */

static void
test_next_unit(void **state)
{
	char *out = script("keys ]]]\nscreen\nstate\n");

	(void)state;
	assert_string_equal(value(out, "top", 0), "3 (offset 1720)");
	assert_true(starts_with(row(screen(out, 0), 1), "3.  I would recall"));
	assert_string_equal(screen(out, 0), para3_screen);
	/* One at a time. */
	out = script("keys ]\nstate\nkeys ]\nstate\nkeys ]\nstate\n");
	assert_string_equal(values(out, "top"), "1 | 2 | 3");
}

static void
test_next_unit_count(void **state)
{
	char *out = script("keys 3]\nscreen\nstate\n");

	(void)state;
	assert_string_equal(values(out, "top"), "3");
	assert_string_equal(screen(out, 0), para3_screen);
	/* Beyond the last paragraph: stays at 8, says so. */
	out = script("keys 20]\nstate\n");
	assert_string_equal(values(out, "top"), "8");
	assert_string_equal(values(out, "message"), "no further part below");
}

static void
test_prev_unit(void **state)
{
	/* [ inside a paragraph: its start; at the start: the one before. */
	char *out = script(
	    "keys :5<Enter>\nstate\n"
	    "keys 3j\nstate\n"
	    "keys [\nstate\n"
	    "keys [\nstate\n"
	    "keys [\nstate\n");

	(void)state;
	assert_string_equal(values(out, "top"), "5 | 5 | 5 | 4 | 3");
	assert_true(top_offset(out, 1) > top_offset(out, 0));
	assert_int_equal(top_offset(out, 2), top_offset(out, 0));
	/* From an item: the start of its paragraph. */
	out = script("keys :5b<Enter>[\nstate\nkeys :6(c)<Enter>[[\nstate\n");
	assert_string_equal(values(out, "top"), "5 | 5");
	/* At the first paragraph: nothing before it. */
	out = script("keys ][\nstate\nkeys [\nstate\n");
	assert_string_equal(values(out, "top"), "1 | 1");
	assert_string_equal(value(out, "message", 0), "at the start");
}

static void
test_next_prev_node(void **state)
{
	char *out = script(
	    "keys :5<Enter>\nstate\n"
	    "keys }\nstate\nkeys }\nstate\nkeys }\nstate\nkeys }\nstate\n"
	    "keys }\nstate\nkeys }\nstate\nkeys }\nstate\n"
	    "keys {\nstate\nkeys {\nstate\nkeys {\nstate\nkeys {\nstate\n");

	(void)state;
	assert_string_equal(values(out, "top"),
	    "5 | 5(a) | 5(b) | 5(b)(i) | 5(b)(ii) | 5(c) | 5(d) | 6 | "
	    "5(d) | 5(c) | 5(b)(ii) | 5(b)(i)");
	out = script("keys :3<Enter>2}\nstate\nkeys 3{\nstate\n");
	assert_string_equal(values(out, "top"), "3(b) | 2");
}

static void
test_parent(void **state)
{
	char *out = script(
	    "keys :5(b)(i)<Enter>\nstate\n"
	    "keys ^\nstate\n"
	    "keys ^\nstate\n"
	    "keys ^\nstate\n");

	(void)state;
	assert_string_equal(values(out, "top"), "5(b)(i) | 5(b) | 5 | 5");
	assert_string_equal(value(out, "message", 0), "at the top level");
	/* Inside a part, ^ goes to its start first. */
	out = script("keys :6a<Enter>\nstate\nkeys 2j^\nstate\nkeys ^\nstate\n");
	assert_string_equal(values(out, "top"), "6(a) | 6(a) | 6");
	assert_int_equal(top_offset(out, 1), top_offset(out, 0));
}

/* ----------------------------------------------------------------- goto */

static void
test_goto_label(void **state)
{
	char *out = script("keys :6b<Enter>\nscreen\nstate\n");

	(void)state;
	assert_string_equal(norm(out),
	    "--- screen 80x24\n"
	    " title › 6 › (b)\n"
	    "    (b) The resolution, as currently drafted, risks the marginalization of IOM\n"
	    "        and the creation of new, additional and duplicative arrangements within\n"
	    "        the UN.\n"
	    "\n"
	    "    (c) Pressing so far and so fast in the current drive to pass this\n"
	    "        resolution also risks undoing the achievements and consensus of the\n"
	    "        High-level Dialogue.\n"
	    "\n"
	    "7.  Given the resolution now before the Second Committee, I believe that the\n"
	    "    time may have come for me – unless there are objections – as the most\n"
	    "    senior elected official of the Organization, to hold non-binding, strictly\n"
	    "    informal discussions with senior levels of the UN Secretariat in New York\n"
	    "    in order to understand more clearly the UN’s intentions in regard to\n"
	    "    migration. In other words, how does the UN see the future of migration\n"
	    "    governance? Is the UN Secretariat satisfied with the current relationship,\n"
	    "    in which IOM participates in all UN bodies (e.g. UNCTs, IASC, UNDSS,\n"
	    "    UNJSPF, Multi-donor Trust Funds) – except the policy bodies. Are there\n"
	    "    longer-term plans to create a migration unit, however small, within the\n"
	    "    Secretariat (e.g. “UN Migration”), and what role, if any, does the\n"
	    "    Secretariat envisage for IOM in terms of implementing the current UNGA\n"
	    "    draft resolution should it be approved?\n"
	    "\n"
	    " iom-dg-response.txt  ¶6(b)             h help  q quit             97%  line 88\n"
	    "---\n"
	    "top: 6(b)\n"
	    "mode: text\n"
	    "selected: none\n"
	    "indexed: yes\n");
}

static void
test_goto_forms(void **state)
{
	char *out = script(
	    "keys :5(b)(ii)<Enter>\nstate\nscreen\n"
	    "keys :paragraph 3 (c)<Enter>\nstate\n"
	    "keys :5 b<Enter>\nstate\n"
	    "keys :line 60<Enter>\nstate\nscreen\n");
	char *s;

	(void)state;
	assert_string_equal(values(out, "top"), "5(b)(ii) | 3(c) | 5(b) | 5(b)");
	assert_true(starts_with(row(screen(out, 0), 1), "        (ii) UN and other agencies"));
	/* Line 60 of the file ("the Geneva Migration Group, now has 18
	 * members") is in 5(b), which starts on line 53: 5(b) comes to the
	 * top, line 60 on the screen. */
	s = screen(out, 1);
	assert_contains(text_rows(s), "as the Geneva Migration Group, now has 18 members");
	assert_contains(row(s, 23), "line 53");
}

static void
test_goto_list_phrase(void **state)
{
	char *out = script(
	    "keys :the three concerns<Enter>\nstate\nscreen\n"
	    "keys )\nstate\nkeys )\nstate\nkeys )\nstate\n"
	    "keys (\nstate\nkeys (\nstate\nkeys (\nstate\n");

	(void)state;
	assert_string_equal(norm(value(out, "top", 0)), "6(a) (offset 4853)");
	assert_string_equal(value(out, "list", 0), "6");
	assert_string_equal(value(out, "message", 0), "3 items: ) and ( step through them");
	assert_true(starts_with(row(screen(out, 0), 1), "    (a) IOM is indisputably"));
	assert_string_equal(values(out, "top"),
	    "6(a) | 6(b) | 6(c) | 6(c) | 6(b) | 6(a) | 6(a)");
	assert_string_equal(values(out, "list"), "6 | 6 | 6 | 6 | 6 | 6 | 6");
	assert_string_equal(field(out, 3, "message"), "the last item of the list");
	assert_string_equal(field(out, 6, "message"), "the first item of the list");
}

static void
test_goto_nonsense(void **state)
{
	char *out = script(
	    "keys :4<Enter>\nstate\n"
	    "keys :xyzzy plugh<Enter>\nstate\nscreen\n");

	(void)state;
	assert_string_equal(values(out, "top"), "4 | 4");
	assert_int_equal(top_offset(out, 1), top_offset(out, 0));
	assert_string_equal(value(out, "message", 0), "nothing answers to xyzzy plugh");
	assert_contains(row(screen(out, 0), 23), "nothing answers to xyzzy plugh");
	/* Nothing to go back to: it was not a jump. */
	out = script("keys :4<Enter>:xyzzy<Enter><BS>\nstate\n");
	assert_string_equal(values(out, "top"), "title");
}

/* -------------------------------------------------------------- outline */

static void
test_outline(void **state)
{
	char *out = script(
	    "keys o\nscreen\nstate\n"
	    "keys jjjjjjjjj<Enter>\nstate\n"
	    "keys <Esc>\nstate\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(value(out, "mode", 0), "outline");
	/* Beside the text at 80 columns: the tree on the left. */
	assert_string_equal(row(s, 4), "- 3  I would recall for yo|");
	assert_string_equal(row(s, 12), "  - 5(b)  Second, I have a|    “Member State proprietorship” of the");
	assert_string_equal(row(s, 14), "      5(b)(ii)  UN and oth|    with “partnerships” and “professionalism”). You");
	assert_string_equal(values(out, "top"), "title | 5 | 5");
	assert_string_equal(values(out, "mode"), "outline | outline | text");
	/* Over the text in a narrow window; Enter closes it. */
	out = script_at(60, 20, "keys o\nstate\nkeys <Down><Down><Down><Enter>\nstate\n");
	assert_string_equal(values(out, "mode"), "outline | text");
	assert_string_equal(values(out, "top"), "title | 3");
}

/* Typing a filter in the outline shows it on the bottom row. */
static void
test_outline_filter_shown(void **state)
{
	char *out = script("keys o/5(b\nscreen\nkeys <Enter>\nscreen\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(row(s, 1), "  - 5(b)  Second, I have a|  DIRECTOR GENERAL’S RESPONSE TO THE CHAIRPERSON’S");
	assert_true(starts_with(row(s, 23), "/5(b"));
	assert_true(starts_with(row(screen(out, 1), 23), "/5(b"));
}

/* A filter that hides every row, then the page keys. */
static void
test_outline_filter_nothing(void **state)
{
	struct run r;
	char *out = script_opt(&(struct opt){ .may_fail = true },
	    "keys o/zzzz<Enter>\nstate\nkeys <PgDn>\nstate\nkeys <PgUp>\nstate\n"
	    "keys b\nstate\nkeys <Esc>\nstate\n", &r);
	int status = r.status;

	(void)state;
	if (status != 0)
		fprintf(stderr, "lectern exited with status %d: %s\n", status,
		    status == 128 + 11 ? "SIGSEGV" : r.err);
	run_done(&r);
	assert_int_equal(status, 0);
	assert_string_equal(values(out, "mode"), "outline | outline | outline | outline | text");
	assert_string_equal(values(out, "top"), "title | title | title | title | title");
}

/* ---------------------------------------------------------------- links */

static void
test_link_follow_back(void **state)
{
	char *out = script(
	    "keys :6<Enter>\nscreen\nstate\n"
	    "keys <Tab>\nstate\n"
	    "keys <Enter>\nstate\nscreen\n"
	    "keys <BS>\nscreen\nstate\n"
	    "keys F\nstate\n"
	    "keys <BS><BS>\nstate\n"
	    "keys <BS>\nstate\n");
	char *before = screen(out, 0), *after = screen(out, 2);

	(void)state;
	assert_string_equal(value(out, "selected", 1), "Second Committee -> 2");
	assert_string_equal(values(out, "top"), "6 | 6 | 2 | 6 | 2 | title | title");
	assert_string_equal(value(out, "selected", 2), "none");
	assert_true(starts_with(row(screen(out, 1), 1), "2.  Building on last year"));
	/* The very same screen, but for the breadcrumb and the status row. */
	assert_string_equal(text_rows(after), text_rows(before));
	assert_int_equal(top_offset(out, 3), top_offset(out, 0));
	assert_string_equal(value(out, "message", 0), "nothing to go back to");
}

/* Back to a place in the middle of a paragraph, on a blank line too. */
static void
test_back_exact(void **state)
{
	char *out = script(
	    "keys :5<Enter>7j\nscreen\nstate\n"
	    "keys <Tab><Enter>\nstate\n"
	    "keys <BS>\nscreen\nstate\n"
	    "keys :2<Enter>2j\nscreen\n"
	    "keys :8<Enter><BS>\nscreen\n");

	(void)state;
	/* Before the jump, at the link's target, and back exactly where
	 * the jump started (not merely in the same paragraph). */
	assert_string_equal(value(out, "top", 0), "5(a) (offset 3018)");
	assert_string_equal(value(out, "top", 1), "2 (offset 762)");
	assert_string_equal(value(out, "top", 2), "5(a) (offset 3018)");
	assert_string_equal(screen(out, 1), screen(out, 0));
	assert_string_equal(screen(out, 3), screen(out, 2));
}

static void
test_links_step(void **state)
{
	char *out = script(
	    "keys :6<Enter><Tab>\nstate\nkeys <Tab>\nstate\nkeys <S-Tab>\nstate\n");

	(void)state;
	assert_string_equal(values(out, "selected"),
	    "Second Committee -> 2 | draft resolution -> 2 | Second Committee -> 2");
	assert_string_equal(values(out, "top"), "6 | 6 | 6");
	/* Enter with nothing selected. */
	out = script("keys <Enter>\nstate\n");
	assert_string_equal(values(out, "message"),
	    "no cross-reference selected (Tab selects one)");
}

/* --------------------------------------------------------------- search */

static void
test_search_next(void **state)
{
	char *out = script(
	    "keys /duplicat<Enter>\nstate\n"
	    "keys n\nstate\n"
	    "keys n\nstate\n"
	    "keys N\nstate\n"
	    "keys N\nstate\n");

	(void)state;
	assert_string_equal(values(out, "search"),
	    "match 1 of 2, in 5(b)(ii) | match 2 of 2, in 6(b) | "
	    "match 1 of 2, in 5(b)(ii) | match 2 of 2, in 6(b) | "
	    "match 1 of 2, in 5(b)(ii)");
	assert_string_equal(values(out, "message"),
	    "match 1 of 2, in 5(b)(ii) | match 2 of 2, in 6(b) | "
	    "search wrapped to the top; match 1 of 2, in 5(b)(ii) | "
	    "search wrapped to the bottom; match 2 of 2, in 6(b) | "
	    "match 1 of 2, in 5(b)(ii)");
	assert_string_equal(values(out, "top"), "5(b)(ii) | 6(b) | 5(b)(ii) | 6(b) | 5(b)(ii)");
	/* The search was a jump: back goes to where it started. */
	out = script("keys /duplicat<Enter><BS>\nstate\n");
	assert_string_equal(values(out, "top"), "title");
}

static void
test_search_backward(void **state)
{
	char *out = script(
	    "keys G?duplicat<Enter>\nstate\n"
	    "keys n\nstate\n"
	    "keys N\nstate\n");

	(void)state;
	assert_string_equal(values(out, "search"),
	    "match 2 of 2, in 6(b) | match 1 of 2, in 5(b)(ii) | match 2 of 2, in 6(b)");
	/* From ¶4, ? finds the match before it, wrapping to the bottom. */
	out = script("keys :4<Enter>?duplicat<Enter>\nstate\n");
	assert_string_equal(values(out, "search"), "match 2 of 2, in 6(b)");
}

static void
test_search_escape(void **state)
{
	char *out = script(
	    "keys :2<Enter>2j\nstate\n"
	    "keys /duplicat\nstate\n"
	    "keys <Esc>\nstate\nscreen\n");

	(void)state;
	/* As you type, the view goes to the match; Esc goes back. */
	assert_string_equal(values(out, "mode"), "text | prompt | text");
	assert_string_equal(values(out, "top"), "2 | 5(b)(ii) | 2");
	assert_int_equal(top_offset(out, 2), top_offset(out, 0));
	assert_string_equal(field(out, 1, "search"), "match 1 of 2, in 5(b)(ii)");
	assert_string_equal(field(out, 2, "search"), "(none)");
	assert_string_equal(row(screen(out, 0), 1),
	    "    discussions have given substantial momentum to the idea that migration");
}

static void
test_search_smart_case(void **state)
{
	char *out = script(
	    "keys /member<Enter>\nstate\n"
	    "keys <Esc>/Member<Enter>\nstate\n"
	    "keys <Esc>/MEMBER<Enter>\nstate\n"
	    "keys <Esc>/IOM<Enter>\nstate\n"
	    "keys <Esc>/iom<Enter>\nstate\n"
	    "keys <Esc>/Iom<Enter>\nstate\n");

	(void)state;
	/* 10 "Member", 4 "member(ship)"; IOM is always in capitals. */
	assert_string_equal(values(out, "search"),
	    "match 1 of 14, in 1 | match 1 of 10, in 1 | "
	    "match 1 of 19 | match 1 of 19");
	assert_string_equal(field(out, 2, "message"), "not found: MEMBER");
	assert_string_equal(field(out, 5, "message"), "not found: Iom");
}

static void
test_all_matches(void **state)
{
	char *out = script("keys /duplicat<Enter>&\nscreen\nstate\nkeys j<Enter>\nstate\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(row(s, 1), " 2 matches of \"duplicat\": Enter goes to one");
	assert_string_equal(row(s, 2), " 5(b)(ii)  …d other agencies would duplicate aspects of our mandate to the poin");
	assert_string_equal(row(s, 3), " 6(b)      …of new, additional and duplicative arrangements within the UN.");
	assert_string_equal(row(s, 4), "");
	assert_string_equal(values(out, "mode"), "panel | text");
	assert_string_equal(values(out, "top"), "5(b)(ii) | 6(b)");
	assert_string_equal(value(out, "search", 1), "match 2 of 2, in 6(b)");
	/* Without a search. */
	out = script("keys &\nstate\n");
	assert_string_equal(values(out, "message"), "no search yet (/ searches)");
	assert_string_equal(values(out, "mode"), "text");
}

/* ---------------------------------------------------------------- index */

static void
test_index(void **state)
{
	char *out = script("keys i\nscreen\nkeys ECOSOC\nscreen\nkeys <Enter>\nstate\nscreen\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(row(s, 1), " Index of terms: type to narrow, Enter goes   []");
	assert_contains(s, "\n ECOSOC  (acronym; 1 place, first 3(b))\n");
	assert_contains(s, "\n Second Committee  (name; 4 places, first 2)\n");
	s = screen(out, 1);
	assert_string_equal(row(s, 1), " Index of terms: type to narrow, Enter goes   [ECOSOC]");
	assert_string_equal(row(s, 2), " ECOSOC  (acronym; 1 place, first 3(b))");
	assert_string_equal(row(s, 3), "");
	assert_string_equal(values(out, "top"), "3(b)");
	assert_string_equal(values(out, "message"), "ECOSOC: , goes to the next mention");
	assert_string_equal(row(screen(out, 2), 1),
	    "    (b) an annual debate on migration and development in ECOSOC;");
}

/* Type-ahead matches the terms themselves, not their kinds or places;
 * each letter narrows, Backspace widens again, and a term that starts
 * with what was typed is chosen before one that only holds it. */
static void
test_index_filter(void **state)
{
	char *out = script(
	    "keys iname\nscreen\n"
	    "keys <BS><BS><BS><BS>mi\nscreen\nkeys g\nscreen\nkeys <BS>\nscreen\n"
	    "keys <Esc>iun<Enter>\nstate\n");
	char *s;

	(void)state;
	/* "(name; ...)" is every name's row, but no term says "name". */
	assert_string_equal(row(screen(out, 0), 1),
	    " Index of terms: type to narrow, Enter goes   [name]");
	assert_string_equal(row(screen(out, 0), 2), "");
	/* "mi": Second Committee too. */
	s = screen(out, 1);
	assert_contains(s, "\n Geneva Migration Group  (name; 1 place, first 5(b))\n");
	assert_contains(s, "\n Second Committee  (name; 4 places, first 2)\n");
	assert_contains(s, "\n UN Migration  (quoted; 1 place, first 7)\n");
	assert_not_contains(s, "ECOSOC");
	/* "mig": not Second Committee. */
	s = screen(out, 2);
	assert_contains(s, "\n Geneva Migration Group  (name; 1 place, first 5(b))\n");
	assert_contains(s, "\n UN Migration  (quoted; 1 place, first 7)\n");
	assert_not_contains(s, "Second Committee");
	/* Backspace: "mi" again, Second Committee back. */
	assert_contains(screen(out, 3), "\n Second Committee  (name; 4 places, first 2)\n");
	/* "un": Multi-donor Trust Funds holds it, UN starts with it. */
	assert_string_equal(values(out, "top"), "1");
	assert_string_equal(values(out, "message"), "UN: , goes to the next mention");
}

/* ECOSOC is mentioned once: , has nowhere to go. */
static void
test_next_mention_single(void **state)
{
	char *out = script("keys iECOSOC<Enter>\nstate\nkeys ,\nstate\n");

	(void)state;
	assert_string_equal(values(out, "top"), "3(b) | 3(b)");
	assert_int_equal(top_offset(out, 1), top_offset(out, 0));
	assert_string_equal(field(out, 1, "message"), "no more mentions of ECOSOC");
	/* And , before choosing a term. */
	out = script("keys ,\nstate\n");
	assert_string_equal(values(out, "message"), "choose a term in the index first (i)");
}

/* "Second Committee" is in 2 (three times), 5, 6 and 7: , walks on. */
static void
test_next_mention(void **state)
{
	char *out = script(
	    "keys iSecond Committee<Enter>\nstate\nscreen\n"
	    "keys ,\nstate\nscreen\nkeys ,\nstate\nkeys ,\nstate\n"
	    "keys ,\nstate\nkeys ,\nstate\nkeys ,\nstate\nkeys ,\nstate\n");

	(void)state;
	assert_string_equal(value(out, "top", 0), "2 (offset 837)");
	assert_contains(row(screen(out, 0), 1), "Second Committee");
	/* The first , moves on to a later mention. */
	assert_true(top_offset(out, 1) > top_offset(out, 0));
	assert_contains(row(screen(out, 1), 1), "Second Committee");
	/* Each , goes further, and they reach 7, the last. */
	for (int i = 1; i < 7; i++)
		assert_true(top_offset(out, i) >= top_offset(out, i - 1));
	assert_contains(values(out, "top"), "| 7");
	assert_contains(values(out, "message"), "no more mentions of Second Committee");
}

/* -------------------------------------------------------- related, lists */

static void
test_related(void **state)
{
	char *out = script("keys :5b<Enter>r\nscreen\nstate\n");
	char *s = screen(out, 0), *p6, *p7;

	(void)state;
	assert_string_equal(row(s, 1), " Related to 5(b): Enter goes there");
	assert_string_equal(row(s, 2), " Passages like 5(b)");
	p6 = strstr(s, "\n 6(b)      The resolution, as currently drafted, risks the…\n");
	p7 = strstr(s, "\n 7         Given the resolution now before the Second Committee, I…\n");
	assert_non_null(p6);
	assert_non_null(p7);
	assert_contains(s, "\n Passages that refer to 5(b)\n");
	assert_string_equal(values(out, "mode"), "panel");
	assert_string_equal(values(out, "top"), "5(b)");
	/* Enter goes to the selected one, Esc closes without moving. */
	out = script("keys :5b<Enter>r<Enter>\nstate\nkeys :5b<Enter>r<Esc>\nstate\n");
	assert_string_equal(values(out, "mode"), "text | text");
	assert_string_equal(values(out, "top"), "7 | 5(b)");
}

static void
test_lists_panel(void **state)
{
	char *out = script("keys L\nscreen\nkeys <Down><Enter>\nstate\nkeys )\nstate\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(row(s, 1), " Named lists (4): Enter goes to one");
	assert_string_equal(row(s, 2), " 3         4 provisions  3(a)–3(d)  I would recall for you the four provisions");
	assert_string_equal(row(s, 3), " 5         4 points  5(a)–5(d)  I have consistently made four points");
	assert_true(starts_with(row(s, 5), " 6         3 reasons  6(a)–6(c)  "));
	assert_string_equal(values(out, "top"), "5 | 5(a)");
	assert_string_equal(values(out, "list"), "5 | 5");
	assert_string_equal(value(out, "message", 0), "4 items: ) and ( step through them");
	/* The reasons. */
	out = script("keys L<Down><Down><Down><Enter>\nstate\n");
	assert_string_equal(values(out, "top"), "6");
	assert_string_equal(values(out, "list"), "6");
}

/* ----------------------------------------------------------------- peek */

static void
test_peek(void **state)
{
	char *out = script(
	    "keys :6<Enter><Tab>\nstate\n"
	    "keys p\nstate\nscreen\n"
	    "keys <Esc>\nstate\n"
	    "keys p<Enter>\nstate\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(values(out, "mode"), "text | peek | text | text");
	assert_string_equal(values(out, "top"), "6 | 6 | 6 | 2");
	assert_int_equal(top_offset(out, 1), top_offset(out, 0));
	assert_string_equal(row(s, 1),
	    "6.  The Second Committee draft resolution should be of concern to you, as it is");
	assert_true(starts_with(row(s, 2), "    2  (Enter goes there, Esc closes)"));
	assert_true(starts_with(row(s, 3), "   2.  Building on last year’s UNGA Second High-level Dialogue on"));
	/* In a small window, j scrolls as far as the last line of the
	 * target and no further; k comes back. */
	out = script_opt(&(struct opt){ .env = (const char *const[]){ "LINES=9", NULL } },
	    "keys :6<Enter><Tab>p\nscreen\nkeys j\nscreen\nkeys jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\nscreen\n"
	    "keys jjj\nscreen\nkeys kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\nscreen\n", NULL);
	assert_true(starts_with(row(screen(out, 0), 3), "   2.  Building on"));
	assert_true(starts_with(row(screen(out, 1), 3), "       International Migration"));
	assert_string_equal(screen(out, 2), screen(out, 3));
	assert_contains(row(screen(out, 2), 6), "institutionalization of migration within");
	assert_true(starts_with(row(screen(out, 4), 3), "   2.  Building on"));
	/* Back from where peek's Enter went. */
	out = script("keys :6<Enter><Tab>p<Enter><BS>\nstate\n");
	assert_string_equal(values(out, "top"), "6");
	/* Nothing selected. */
	out = script("keys p\nstate\n");
	assert_string_equal(values(out, "mode"), "text");
	assert_string_equal(values(out, "message"), "no cross-reference selected (Tab selects one)");
}

/* ---------------------------------------------------------------- marks */

static void
test_marks(void **state)
{
	char *out = script(
	    "keys :5<Enter>2jma\nstate\n"
	    "keys G\nstate\n"
	    "keys 'a\nstate\n"
	    "keys ''\nstate\n"
	    "keys ''\nstate\n"
	    "keys 'b\nstate\n"
	    "keys m1\nstate\n");

	(void)state;
	assert_string_equal(value(out, "message", 0), "mark a set");
	assert_string_equal(values(out, "top"), "5 | 6(c) | 5 | 6(c) | 5 | 5 | 5");
	assert_int_equal(top_offset(out, 2), top_offset(out, 0));
	assert_int_equal(top_offset(out, 4), top_offset(out, 0));
	assert_string_equal(field(out, 5, "message"), "mark b is not set");
	assert_string_equal(field(out, 6, "message"), "marks are letters");
	/* '' after a jump: back to where it started. */
	out = script("keys :4<Enter>j:7<Enter>''\nstate\nkeys ''\nstate\n");
	assert_string_equal(values(out, "top"), "4 | 7");
	out = script("keys ''\nstate\n");
	assert_string_equal(values(out, "message"), "no jump yet");
}

/* --------------------------------------------------------------- scroll */

static void
test_count_scroll(void **state)
{
	char *out = script("screen\nkeys 5j\nscreen\nkeys 2k\nscreen\nkeys 12j\nscreen\n");
	char *s0 = screen(out, 0), *s1 = screen(out, 1), *s2 = screen(out, 2),
	    *s3 = screen(out, 3);

	(void)state;
	for (int r = 1; r + 5 <= 22; r++)
		assert_string_equal(row(s1, r), row(s0, r + 5));
	for (int r = 1; r + 3 <= 22; r++)
		assert_string_equal(row(s2, r), row(s0, r + 3));
	assert_string_equal(row(s3, 1), row(s0, 16));
	assert_string_equal(row(s1, 1),
	    "    the Working Group. It is important to underline that this Working Group –");
}

static void
test_pages(void **state)
{
	char *out = script("screen\nkeys <Space>\nscreen\nkeys b\nscreen\nkeys d\nscreen\n");
	char *s0 = screen(out, 0), *s1 = screen(out, 1);

	(void)state;
	/* A page is the text rows less one: the last row comes to the top. */
	assert_string_equal(row(s1, 1), row(s0, 22));
	assert_string_equal(screen(out, 2), s0);
	assert_string_equal(row(screen(out, 3), 1), row(s0, 11));
}

static void
test_top_bottom(void **state)
{
	char *out = script("keys G\nscreen\nstate\nkeys g\nstate\nscreen\nkeys G10j\nstate\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(values(out, "top"), "6(c) | title | 6(c)");
	/* The end: the last row of the document on the last text row. */
	assert_string_equal(row(s, 22), "    and relevant.");
	assert_contains(row(s, 23), "100%");
	assert_string_equal(screen(out, 1), first_screen);
	assert_int_equal(top_offset(out, 2), top_offset(out, 0));
	/* G and g are jumps. */
	out = script("keys G<BS>\nstate\nkeys :7<Enter>g<BS>\nstate\n");
	assert_string_equal(values(out, "top"), "title | 7");
}

/* ----------------------------------------------------------------- help */

struct action {
	char name[64], keys[64], help[160];
};

/* The rows of $TOPSRC/src/action.def. */
static size_t
read_actions(struct action *acts, size_t max)
{
	const char *top = getenv("TOPSRC");
	size_t len, n = 0;
	char *def = test_read(fmt("%s/src/action.def", top ? top : "."), &len), *save = NULL;

	keep(def);
	for (char *line = strtok_r(def, "\n", &save); line && n < max;
	    line = strtok_r(NULL, "\n", &save)) {
		char *q[8];
		int k = 0;

		if (strncmp(line, "X(", 2) != 0)
			continue;
		for (char *p = line; *p && k < 6; p++)
			if (*p == '"')
				q[k++] = p;
		assert_int_equal(k, 6);
		snprintf(acts[n].name, sizeof(acts[n].name), "%.*s", (int)(q[1] - q[0] - 1), q[0] + 1);
		snprintf(acts[n].keys, sizeof(acts[n].keys), "%.*s", (int)(q[3] - q[2] - 1), q[2] + 1);
		snprintf(acts[n].help, sizeof(acts[n].help), "%.*s", (int)(q[5] - q[4] - 1), q[4] + 1);
		n++;
	}
	return n;
}

/* "<Space> f <PgDn> ^F" as the help shows it: "Space f PgDn ^F". */
static char *
shown_keys(const char *keys)
{
	struct str b = { 0 };

	for (const char *p = keys; *p; p++)
		if (*p != '<' && *p != '>')
			str_add(&b, p, 1);
	return str_done(&b);
}

static void
test_help(void **state)
{
	const char *env[] = { "COLUMNS=120", "LINES=60", NULL };
	char *out = script_opt(&(struct opt){ .env = env },
	    "keys h\nscreen\nstate\nkeys <Esc>\nstate\nkeys <F1>q\nstate\n", NULL);
	char *s = screen(out, 0);
	struct action acts[100];
	size_t n = read_actions(acts, 100);

	(void)state;
	assert_true(n >= 30);
	assert_string_equal(row(s, 1), " lectern " PACKAGE_VERSION ": keys (Esc closes)");
	for (size_t i = 0; i < n; i++) {
		const char *keys = shown_keys(acts[i].keys);
		bool found = false;

		for (int r = 2; r < nrows(s) - 1 && !found; r++) {
			const char *line = row(s, r);

			found = line[0] == ' ' && starts_with(line + 1, keys) &&
			    line[1 + strlen(keys)] == ' ' && strstr(line, acts[i].help) != NULL;
		}
		if (!found) {
			fprintf(stderr, "--- help:\n%s---\n", s);
			fail_msg("the help has no row for %s (%s: %s)", acts[i].name,
			    keys, acts[i].help);
		}
	}
	/* A few, exactly. */
	assert_contains(s, "\n j Down ^E ^N       scroll down one line  (scroll-down)\n");
	assert_contains(s, "\n ]                  bring the next numbered paragraph or section to the top  (next-unit)\n");
	assert_contains(s, "\n BS ^O              go back to where you were before the last jump  (back)\n");
	assert_contains(s, "\n q Q ^C             quit  (quit)\n");
	assert_string_equal(values(out, "mode"), "panel | text | text");
	assert_string_equal(values(out, "top"), "title | title | title");
	/* At 80 columns a long entry wraps under its text, words whole,
	 * and is laid out again for a narrower window. */
	out = script("keys h\nscreen\nresize 40 12\nscreen\n");
	s = screen(out, 0);
	assert_contains(s, "\n ]                  bring the next numbered paragraph or section to the top\n"
	    "                    (next-unit)\n");
	for (int r = 0; r < nrows(s); r++)
		assert_true(strlen(row(s, r)) <= 80);
	s = screen(out, 1);
	assert_string_equal(row(s, 2), " j Down ^E ^N scroll down one line");
	assert_string_equal(row(s, 3), "             (scroll-down)");
}

/* The help names each action, as "bind KEY ACTION" in the configuration
 * wants it. */
static void
test_help_names(void **state)
{
	const char *env[] = { "COLUMNS=120", "LINES=60", NULL };
	char *s = screen(script_opt(&(struct opt){ .env = env }, "keys h\nscreen\n", NULL), 0);

	(void)state;
	assert_contains(s, "scroll-down");
	assert_contains(s, "next-unit");
	assert_contains(s, "follow-link");
	assert_contains(s, "quit");
}

/* --------------------------------------------------------------- resize */

static void
test_resize(void **state)
{
	char *out = script(
	    "keys :5b<Enter>2j\nstate\n"
	    "resize 40 12\nstate\nscreen\n"
	    "resize 80 24\nstate\nscreen\n");
	char *s = screen(out, 0);

	(void)state;
	assert_string_equal(value(out, "top", 0), value(out, "top", 1));
	assert_string_equal(value(out, "top", 0), value(out, "top", 2));
	assert_string_equal(norm(value(out, "top", 0)), "5(b) (offset 3381)");
	assert_int_equal(nrows(s), 12);
	for (int r = 0; r < 12; r++)
		assert_true(width(row(s, r)) <= 40);
	assert_string_equal(row(s, 0), " title › 5 › (b)");
	assert_string_equal(row(s, 1), "        consider the possibility of a");
	assert_string_equal(row(s, 11), " iom-dg-response.txt  ¶5(b)");
	/* Back at 80x24, the same as if it had never changed. */
	assert_string_equal(screen(out, 1), screen(script("keys :5b<Enter>2j\nscreen\n"), 0));
}

static void
test_tiny_window(void **state)
{
	char *out = script_at(20, 6,
	    "screen\nkeys ]]]\nscreen\nstate\n"
	    "keys :5(b)(ii)<Enter>\nscreen\n"
	    "keys o\nscreen\nkeys <Esc>h\nscreen\nkeys <Esc>i\nscreen\nkeys <Esc>L\nscreen\n"
	    "keys <Esc>/dup<Enter>&\nscreen\nkeys <Esc><Tab>p\nscreen\nkeys <Esc>r\nscreen\n"
	    "keys <Esc>:\nscreen\nkeys <Esc>\nstate\n");
	char *s;

	(void)state;
	assert_string_equal(screen(out, 0),
	    " title\n"
	    " DIRECTOR GENERAL’S\n"
	    "  RESPONSE TO THE\n"
	    "CHAIRPERSON’S REPORT\n"
	    "ON THE WORKING GROUP\n"
	    " iom-dg-response.txt\n");
	assert_string_equal(screen(out, 1),
	    " title › 3\n"
	    "3.  I would recall\n"
	    "    for you the four\n"
	    "    provisions of\n"
	    "    that draft\n"
	    " iom-dg-response.txt\n");
	assert_string_equal(value(out, "top", 0), "3 (offset 1720)");
	/* A breadcrumb row, text rows and a status row, in every mode. */
	for (int i = 2; i < 11; i++) {
		s = screen(out, i);
		assert_int_equal(nrows(s), 6);
		for (int r = 0; r < 6; r++)
			assert_true(width(row(s, r)) <= 20);
	}
	assert_string_equal(row(screen(out, 2), 0), " … › 5 › (b) › (ii)");
	/* The index's filter stays in view, before its title. */
	assert_string_equal(row(screen(out, 5), 1), " [] Index of terms:");
	assert_string_equal(value(out, "mode", 1), "text");
}

static void
test_very_small(void **state)
{
	/* Smaller than anything sensible: no crash, a screen all the same. */
	char *out = script_at(3, 3, "screen\nkeys ]]j}o<Esc>h<Esc>/IOM<Enter>n\nscreen\n"
	    "resize 1 1\nscreen\nresize 200 3\nscreen\n");

	(void)state;
	assert_int_equal(nrows(screen(out, 0)), 3);
	assert_int_equal(nrows(screen(out, 2)), 3);
	assert_int_equal(nrows(screen(out, 3)), 3);
}

/* ----------------------------------------------------------- odd keys */

static void
test_unknown_key(void **state)
{
	char *out = script("keys Z\nstate\nscreen\nkeys 5<F5>\nstate\n");

	(void)state;
	assert_string_equal(value(out, "message", 0), "Z does nothing here (h shows the keys)");
	assert_contains(row(screen(out, 0), 23), "Z does nothing here (h shows the keys)");
	assert_string_equal(field(out, 1, "message"), "F5 does nothing here (h shows the keys)");
	assert_string_equal(values(out, "top"), "title | title");
}

static void
test_escape_clears(void **state)
{
	char *out = script(
	    "keys :the four points<Enter>/duplicat<Enter><Tab>\nstate\n"
	    "keys <Esc>\nstate\n"
	    "keys n\nstate\n");

	(void)state;
	assert_string_equal(norm(out),
	    "top: 5(a)\n"
	    "mode: text\n"
	    "selected: Member States -> 2\n"
	    "search: match 1 of 2, in 5(b)(ii)\n"
	    "list: 5\n"
	    "indexed: yes\n"
	    "top: 5(a)\n"
	    "mode: text\n"
	    "selected: none\n"
	    "indexed: yes\n"
	    "top: 5(a)\n"
	    "mode: text\n"
	    "selected: none\n"
	    "indexed: yes\n"
	    "message: no search yet (/ searches)\n");
}

/* --------------------------------------------------------------- config */

static void
test_config(void **state)
{
	char cwd[4096], *name;
	const char *path = test_tmp("lectern.conf"), *slash;
	const char *conf = "# a comment\nbind x quit\nfrobnicate now\n";
	char *out;

	(void)state;
	test_write_str(path, conf);
	/* A short relative name, so that it fits on the status row. */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	slash = strrchr(path, '/');
	name = xstrdup_(slash ? slash + 1 : path);
	assert_int_equal(chdir(slash ? xstrndup_(path, (size_t)(slash - path)) : "."), 0);
	{
		const char *env[] = { fmt("LECTERN_CONFIG=%s", name), NULL };

		out = script_opt(&(struct opt){ .env = env },
		    "screen\nstate\nkeys j\nstate\nkeys x\nstate\n", NULL);
	}
	assert_int_equal(chdir(cwd), 0);
	unlink(path);
	assert_contains(row(screen(out, 0), 23), fmt("%s:3: unknown directive", name));
	assert_string_equal(value(out, "message", 0),
	    fmt("%s:3: unknown directive 'frobnicate' (skipped)", name));
	/* x quits: the last state is never printed. */
	assert_string_equal(values(out, "top"), "title | title");
	/* Without it, x is nothing. */
	out = script("keys x\nstate\n");
	assert_string_equal(values(out, "message"), "x does nothing here (h shows the keys)");
}

static void
test_config_unbind(void **state)
{
	const char *path = xstrdup_(test_tmp("unbind.conf"));
	const char *conf = "unbind q\nbind Q next-unit\n";
	const char *env[] = { fmt("LECTERN_CONFIG=%s", path), NULL };
	char *out;

	(void)state;
	test_write_str(path, conf);
	out = script_opt(&(struct opt){ .env = env }, "keys q\nstate\nkeys QQQ\nstate\n", NULL);
	unlink(path);
	assert_string_equal(values(out, "top"), "title | 3");
	assert_string_equal(value(out, "message", 0), "q does nothing here (h shows the keys)");
}

/* ---------------------------------------------------------------- state */

static void
test_state_remembered(void **state)
{
	const char *dir = xstrdup_(test_tmp("state-home"));
	const char *env[] = { fmt("XDG_STATE_HOME=%s", dir), NULL };
	struct opt on = { .env = env, .state = true };
	struct opt off = { .env = env, .state = false };
	char *out, cmd[8192];
	struct stat st;
	int found = 0;

	(void)state;
	mkdir(dir, 0700);
	out = script_opt(&on, "state\nkeys :6<Enter>q\n", NULL);
	assert_string_equal(values(out, "top"), "title");
	/* Opens where it was left. */
	out = script_opt(&on, "state\n", NULL);
	assert_string_equal(values(out, "top"), "6");
	/* --no-state neither reads nor writes it. */
	out = script_opt(&off, "state\nkeys :2<Enter>q\n", NULL);
	assert_string_equal(values(out, "top"), "title");
	out = script_opt(&on, "state\n", NULL);
	assert_string_equal(values(out, "top"), "6");
	/* The file is private. */
	snprintf(cmd, sizeof(cmd), "%s/lectern", dir);
	assert_int_equal(stat(cmd, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 077, 0);
	{
		char *list;
		size_t n;
		FILE *f;

		snprintf(cmd, sizeof(cmd), "find '%s/lectern' -type f", dir);
		f = popen(cmd, "r");
		assert_non_null(f);
		list = keep(calloc(1, 65536));
		n = fread(list, 1, 65535, f);
		pclose(f);
		list[n] = '\0';
		for (char *save = NULL, *p = strtok_r(list, "\n", &save); p;
		    p = strtok_r(NULL, "\n", &save)) {
			assert_int_equal(stat(p, &st), 0);
			assert_int_equal(st.st_mode & 0777, 0600);
			found++;
		}
	}
	assert_int_equal(found, 1);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_state_marks(void **state)
{
	const char *dir = xstrdup_(test_tmp("state-marks"));
	const char *env[] = { fmt("XDG_STATE_HOME=%s", dir), NULL };
	struct opt on = { .env = env, .state = true };
	char *out, cmd[4200];

	(void)state;
	out = script_opt(&on, "keys :5(b)(i)<Enter>mk:8<Enter>q\n", NULL);
	out = script_opt(&on, "state\nkeys 'k\nstate\n", NULL);
	assert_string_equal(values(out, "top"), "8 | 5(b)(i)");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ------------------------------------------------------ start commands */

static void
test_start_command(void **state)
{
	const char *label[] = { "+6b", NULL };
	const char *word[] = { "+/duplicat", NULL };
	const char *list[] = { "+the four points", NULL };
	const char *none[] = { "+xyzzy plugh", NULL };
	char *out;

	(void)state;
	out = script_opt(&(struct opt){ .args = label }, "state\nscreen\n", NULL);
	assert_string_equal(values(out, "top"), "6(b)");
	assert_true(starts_with(row(screen(out, 0), 1), "    (b) The resolution, as currently drafted"));
	out = script_opt(&(struct opt){ .args = word }, "state\nkeys n\nstate\n", NULL);
	assert_string_equal(values(out, "top"), "5(b)(ii) | 6(b)");
	assert_string_equal(value(out, "search", 0), "match 1 of 2, in 5(b)(ii)");
	out = script_opt(&(struct opt){ .args = list }, "state\n", NULL);
	assert_string_equal(values(out, "top"), "5(a)");
	assert_string_equal(values(out, "list"), "5");
	out = script_opt(&(struct opt){ .args = none }, "state\n", NULL);
	assert_string_equal(values(out, "top"), "title");
	assert_string_equal(values(out, "message"), "nothing answers to xyzzy plugh");
}

/* The start command wins over the remembered position. */
static void
test_start_command_over_state(void **state)
{
	const char *dir = xstrdup_(test_tmp("state-start"));
	const char *env[] = { fmt("XDG_STATE_HOME=%s", dir), NULL };
	const char *label[] = { "+3", NULL };
	char *out, cmd[4200];

	(void)state;
	script_opt(&(struct opt){ .env = env, .state = true }, "keys :7<Enter>q\n", NULL);
	out = script_opt(&(struct opt){ .env = env, .state = true, .args = label },
	    "state\n", NULL);
	assert_string_equal(values(out, "top"), "3");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* -------------------------------------------------------------- escapes */

static void
test_escapes_placeholder(void **state)
{
	struct run r;
	char *out = script_opt(&(struct opt){ .doc = test_data("escapes.txt") },
	    "screen\nkeys <Tab>/owned<Enter>\nscreen\nstate\n", &r);
	bool esc = memchr(r.out, '\033', r.outlen) != NULL;
	bool bel = memchr(r.out, '\007', r.outlen) != NULL;
	bool nul = strlen(r.out) != r.outlen;
	char *s;

	(void)state;
	run_done(&r);
	assert_false(esc);
	assert_false(bel);
	assert_false(nul);
	assert_null(strstr(out, "\xC2\x9B"));               /* C1 CSI */
	assert_null(strstr(out, "\xE2\x80\xAE"));           /* RLO */
	s = screen(out, 0);
	assert_string_equal(row(s, 1), "                              TITLE WITH ESCAPES");
	assert_string_equal(row(s, 3),
	    "1.  Plain start ^[]0;owned^G then ^[[2J^[[31mred^[[0m end.");
	assert_true(starts_with(row(s, 5), "2.  OSC 52 ^[]52;c;ZXZpbA==^[\\ and DCS ^[P1$r^[\\ and C1 "));
	assert_string_equal(row(s, 8), "3.  Bell ^G backspace ^H delete ^?.");
	assert_string_equal(value(out, "search", 0), "match 1 of 1, in 1");
}

/* --------------------------------------------------------- empty text */

/* A document with nothing in it (empty, or blank lines only): every key
 * is safe, each tried on its own. */
/* R reads the file again as it was read: in the encoding --encoding
 * named, not the one detection would choose. */
static void
test_reload_keeps_encoding(void **state)
{
	static const char *const args[] = { "--encoding=KOI8-R", NULL };
	const char *doc = xstrdup_(test_tmp("koi8.txt"));
	char *out;

	(void)state;
	/* "1. Привет, мир." in KOI8-R. */
	test_write_str(doc, "1. \xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2.\n");
	out = script_opt(&(struct opt){ .doc = doc, .args = args },
	    "keys R\nscreen\n", NULL);
	unlink(doc);
	assert_non_null(strstr(out, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, "
	    "\xD0\xBC\xD0\xB8\xD1\x80."));
}

/* A document of 40,000 numbered paragraphs (2.6 MB: the reader shows it
 * in windows while it is indexed), written to tmp/name; paragraphs a and
 * b (0: none) hold the word "zqxw".  Returns its path. */
static const char *
large_doc(const char *name, int a, int b)
{
	const char *doc = xstrdup_(test_tmp(name));
	struct str s = { NULL, 0, 0 };

	str_add(&s, "A LARGE DOCUMENT\n\n", 18);
	for (int i = 1; i <= 40000; i++) {
		const char *p = fmt("%d. Paragraph %d of a long report, with words of its "
		    "own%s.\n\n", i, i, i == a || i == b ? " and zqxw" : "");

		str_add(&s, p, strlen(p));
	}
	test_write(doc, s.s, s.len);
	free(s.s);
	return doc;
}

/* A large document read in windows before its index is ready: a search
 * for a word beyond the first window finds it there, and n, after g has
 * gone back to the first window, finds it again (the window search used
 * to read its pattern after the new window had freed it). */
static void
test_search_in_windows(void **state)
{
	const char *doc = large_doc("windows.txt", 9000, 9000);
	char *out;

	(void)state;
	out = script_opt(&(struct opt){ .doc = doc },
	    "keys /zqxw<Enter>\nstate\nkeys g\nkeys n\nstate\n"
	    "keys g\nkeys /zqxw<Enter>\nstate\nkeys G\nkeys /zqxw<Enter>\nstate\n"
	    "keys g\nkeys /Paragraph 9001 <Enter>\nstate\n", NULL);
	unlink(doc);
	assert_true(strncmp(value(out, "top", 0), "9000 ", 5) == 0);
	assert_true(strncmp(value(out, "top", 1), "9000 ", 5) == 0);
	/* The same search again from the top (the match remembered), and
	 * from past it (wrapping), and another search. */
	assert_true(strncmp(value(out, "top", 2), "9000 ", 5) == 0);
	assert_true(strncmp(value(out, "top", 3), "9000 ", 5) == 0);
	assert_true(strncmp(value(out, "top", 4), "9001 ", 5) == 0);
}

/* n while the index is built: past the last match in the window shown,
 * the next is looked for after it, not in the window again ("search
 * wrapped to the top" and the same match, as n used to say). */
static void
test_next_beyond_window(void **state)
{
	const char *doc = large_doc("nextwin.txt", 300, 9000);
	char *out;

	(void)state;
	out = script_opt(&(struct opt){ .doc = doc },
	    "keys /zqxw<Enter>\nstate\nkeys n\nstate\n", NULL);
	unlink(doc);
	assert_true(strncmp(value(out, "top", 0), "300 ", 4) == 0);
	assert_true(strncmp(value(out, "top", 1), "9000 ", 5) == 0);
	assert_null(strstr(value(out, "message", 1), "wrapped"));
}

/* While a large document is indexed: ":30000", beyond the part shown,
 * says it comes when the index is ready, and goes there then; R reads
 * the document again behind a window (it used to block until all of it
 * was indexed) and goes back to the place once it can. */
static void
test_goto_and_reload_while_indexing(void **state)
{
	const char *doc = large_doc("gowin.txt", 0, 0);
	char *out;

	(void)state;
	out = script_opt(&(struct opt){ .doc = doc },
	    "keys :30000<Enter>\nstate\nwait\nstate\n"
	    "keys :20000<Enter>R\nstate\nwait\nstate\n", NULL);
	unlink(doc);
	assert_string_equal(value(out, "indexed", 0), "no");
	assert_contains(value(out, "message", 0), "30000 comes when it is ready");
	assert_true(strncmp(value(out, "top", 1), "30000 ", 6) == 0);
	assert_string_equal(value(out, "indexed", 2), "no");
	assert_contains(value(out, "message", 2), "reloaded: the place you were at comes");
	assert_string_equal(value(out, "indexed", 3), "yes");
	assert_true(strncmp(value(out, "top", 3), "20000 ", 6) == 0);
}

/* A window that meets a very long line near its start still moves on:
 * scrolling from the top reaches into the long line (a window used to
 * end where that line began, and the view stuck at the top). */
static void
test_window_long_line(void **state)
{
	const char *doc = xstrdup_(test_tmp("longline.txt"));
	struct str b = { NULL, 0, 0 };
	char *out;

	(void)state;
	str_add(&b, "Short first line.\n", 18);
	for (int i = 0; i < 10000; i++)
		str_add(&b, "word word ", 10);
	str_add(&b, "\n\n", 2);
	for (int i = 1; i <= 60000; i++) {
		const char *p = fmt("%d. Paragraph %d of a long report.\n\n", i, i);

		str_add(&b, p, strlen(p));
	}
	test_write(doc, b.s, b.len);
	free(b.s);
	out = script_opt(&(struct opt){ .doc = doc }, "keys jjjjj<PgDn>\nstate\n", NULL);
	assert_true(top_offset(out, 0) > 18);
	unlink(doc);
}

static void
test_empty_document(void **state)
{
	static const char *const keys[] = {
		"j", "k", "<Space>", "b", "d", "u", "g", "G", "]", "[", "}", "{",
		"^", ":1<Enter>", ":line 1<Enter>", "o", "o<Down><Enter>",
		"o<PgDn>", "o<PgUp>", "o<Space>", "oz", "<Tab>", "<S-Tab>",
		"<Enter>", "<BS>", "F", "p", "L", "L<Enter>", ")", "(", "r",
		"r<Enter>", "i", "i<Enter>", ",", "/x<Enter>", "?x<Enter>", "n",
		"N", "&", "ma'a", "''", "h", "^L", "5j", "Z",
	};
	const char *empty = xstrdup_(test_tmp("empty.txt"));
	const char *blank = xstrdup_(test_tmp("blank.txt"));
	int bad = 0;

	(void)state;
	test_write_str(empty, "");
	test_write_str(blank, "\n  \n\n");
	for (int d = 0; d < 2; d++)
		for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
			struct run r;
			char *out = script_opt(&(struct opt){ .doc = d ? blank : empty,
			    .may_fail = true }, fmt("keys %s\nscreen\nstate\n", keys[i]), &r);

			if (r.status != 0 || strstr(out, "\ntop: ") == NULL) {
				fprintf(stderr, "%s document, keys %s: status %d%s\n",
				    d ? "blank" : "empty", keys[i], r.status,
				    r.status == 128 + 11 ? " (SIGSEGV)" : "");
				bad++;
			}
			run_done(&r);
		}
	unlink(empty);
	unlink(blank);
	assert_int_equal(bad, 0);
}

/* ---------------------------------------------------------------- main */

static int
setup_group(void **state)
{
	static char dir[4096];

	(void)state;
	snprintf(dir, sizeof(dir), "%s", test_tmp("home"));
	mkdir(dir, 0700);
	home_dir = dir;
	return 0;
}

static int
teardown_group(void **state)
{
	char cmd[4200];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home_dir);
	if (system(cmd) != 0)
		return -1;
	free(garbage);
	return 0;
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_bundled),
		T(test_next_unit),
		T(test_next_unit_count),
		T(test_prev_unit),
		T(test_next_prev_node),
		T(test_parent),
		T(test_goto_label),
		T(test_goto_forms),
		T(test_goto_list_phrase),
		T(test_goto_nonsense),
		T(test_outline),
		T(test_outline_filter_shown),
		T(test_outline_filter_nothing),
		T(test_link_follow_back),
		T(test_back_exact),
		T(test_links_step),
		T(test_search_next),
		T(test_search_backward),
		T(test_search_escape),
		T(test_search_smart_case),
		T(test_all_matches),
		T(test_index),
		T(test_index_filter),
		T(test_next_mention_single),
		T(test_next_mention),
		T(test_related),
		T(test_lists_panel),
		T(test_peek),
		T(test_marks),
		T(test_count_scroll),
		T(test_pages),
		T(test_top_bottom),
		T(test_help),
		T(test_help_names),
		T(test_resize),
		T(test_tiny_window),
		T(test_very_small),
		T(test_unknown_key),
		T(test_escape_clears),
		T(test_config),
		T(test_config_unbind),
		T(test_state_remembered),
		T(test_state_marks),
		T(test_start_command),
		T(test_start_command_over_state),
		T(test_escapes_placeholder),
		T(test_window_long_line),
		T(test_empty_document),
		T(test_search_in_windows),
		T(test_next_beyond_window),
		T(test_goto_and_reload_while_indexing),
		T(test_reload_keeps_encoding),
	};

	return cmocka_run_group_tests_name("script", tests, setup_group, teardown_group);
}
