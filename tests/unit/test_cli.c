/*
 * test_cli.c - the command line as a user meets it: options, messages
 * and exit statuses, encodings, escape sequences in --dump.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "run.h"

#define RUN(r, ...) run_lectern((r), NULL, 0, NULL, __VA_ARGS__, (char *)NULL)

static void
test_help_and_version(void **state)
{
	struct run r;

	RUN(&r, "--help");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Usage: lectern"));
	assert_string_equal(r.err, "");
	run_done(&r);
	RUN(&r, "--version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "lectern " PACKAGE_VERSION "\n");
	run_done(&r);
	/* Output that cannot be written is an error, said once. */
	{
		char *argv[] = { getenv("LECTERN"), "-c",
			"\"$0\" --help >/dev/full; echo \"help $?\"; "
			"\"$0\" --version >/dev/full; echo \"version $?\"", NULL };
		char *sh[] = { "/bin/sh", argv[1], argv[2], argv[0], NULL };

		run_argv(&r, sh, NULL, 0, NULL);
		assert_string_equal(r.out, "help 2\nversion 2\n");
		assert_string_equal(r.err, "lectern: standard output: No space left on device\n"
		    "lectern: standard output: No space left on device\n");
		run_done(&r);
	}
}

/* Each bad command line gets exactly one line on standard error that
 * points to --help, nothing on standard output, and status 2. */
static void
expect_usage_error(const char *want, ...)
{
	char *argv[8] = { getenv("LECTERN") };
	va_list ap;
	struct run r;
	int n = 1;

	va_start(ap, want);
	while ((argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	run_argv(&r, argv, NULL, 0, NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, want);
	run_done(&r);
}

static void
test_bad_options(void **state)
{
	expect_usage_error("lectern: unknown option '--bogus' (try 'lectern --help')\n",
	    "--bogus", (char *)NULL);
	expect_usage_error("lectern: unknown option '-Z' (try 'lectern --help')\n",
	    "-Z", (char *)NULL);
	expect_usage_error("lectern: option '--width' needs a value (try 'lectern --help')\n",
	    "--width", (char *)NULL);
	expect_usage_error("lectern: invalid width 'wide': expected a number from 1 to 1000 (try 'lectern --help')\n",
	    "--width", "wide", (char *)NULL);
	expect_usage_error("lectern: invalid width '0': expected a number from 1 to 1000 (try 'lectern --help')\n",
	    "--width=0", (char *)NULL);
	/* Options that would change nothing. */
	expect_usage_error("lectern: --json goes with --outline, --lists, --xrefs, --terms, "
	    "--search or --resolve (try 'lectern --help')\n", "--json", "--dump", (char *)NULL);
	expect_usage_error("lectern: --all goes with --resolve (try 'lectern --help')\n",
	    "--all", "--lists", (char *)NULL);
	/* What was typed is shown, its controls as placeholders. */
	expect_usage_error("lectern: unknown option '--^[[2J' (try 'lectern --help')\n",
	    "--\033[2J", (char *)NULL);
	expect_usage_error("lectern: invalid width '^[]0;x^G': expected a number from 1 to 1000 (try 'lectern --help')\n",
	    "-w", "\033]0;x\007", (char *)NULL);
}

/* A query that finds nothing names the words as typed, controls and all
 * shown as placeholders, and exits 1. */
static void
test_not_found_shows_words_safely(void **state)
{
	const char *doc = test_bundled();
	char want[4096];
	struct run r;

	(void)state;
	RUN(&r, "--search=\033[2Jzz", doc);
	snprintf(want, sizeof(want), "lectern: %s: nothing matches '^[[2Jzz'\n", doc);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, want);
	run_done(&r);
	RUN(&r, "--resolve=\033]52;c;eA==\007", doc);
	snprintf(want, sizeof(want), "lectern: %s: nothing answers to '^[]52;c;eA==^G'\n", doc);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, want);
	run_done(&r);
	RUN(&r, "--print=\302\233""31m", doc);
	assert_int_equal(r.status, 1);
	assert_null(strstr(r.err, "\302\233"));
	assert_null(strchr(r.err, '\033'));
	run_done(&r);
}

static void
expect_file_error(const char *path, const char *reason)
{
	char want[4096];
	struct run r;

	snprintf(want, sizeof(want), "lectern: %s: %s\n", path, reason);
	RUN(&r, "--dump", path);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, want);
	assert_string_equal(r.out, "");
	run_done(&r);
}

static void
test_file_errors(void **state)
{
	const char *bin = test_tmp("binary.dat");
	const char *dir = getenv("TMPDIR");

	expect_file_error("/nonexistent/doc.txt", "No such file or directory");
	expect_file_error(dir, "Is a directory");
	test_write(bin, "\x7F" "ELF\0\0\1", 7);
	expect_file_error(bin, "binary file (use --force to read it anyway)");
	unlink(bin);
}

/* lectern --dump PATH from a thread without the capabilities that let
 * root read anything, so that lectern runs without them too. */
struct dump_call {
	const char *path;
	struct run r;
};

static void
dump_call(void *p)
{
	struct dump_call *d = p;

	RUN(&d->r, "--dump", d->path);
}

static void
test_unreadable(void **state)
{
	const char *path = test_tmp("secret.txt");
	struct dump_call d = { .path = path };
	const char *why;
	char want[4096];

	test_write_str(path, "x\n");
	chmod(path, 0);
	why = test_without_dac(dump_call, &d);
	unlink(path);
	if (why != NULL) {
		print_message("skipped: %s\n", why);
		skip();
	}
	snprintf(want, sizeof(want), "lectern: %s: Permission denied\n", path);
	assert_int_equal(d.r.status, 2);
	assert_string_equal(d.r.err, want);
	assert_string_equal(d.r.out, "");
	run_done(&d.r);
}

static void
test_force_binary(void **state)
{
	const char *bin = test_tmp("forced.dat");
	struct run r;

	test_write(bin, "ab\0cd\n", 6);
	RUN(&r, "--dump", "--force", bin);
	assert_int_equal(r.status, 0);
	assert_int_equal(strlen(r.out), r.outlen);     /* no NUL came out */
	assert_non_null(strstr(r.out, "ab^@cd\n"));
	run_done(&r);
	unlink(bin);
}

/* Run lectern with one option on a document made of text; returns the
 * document's path (removed by then), which messages name. */
static const char *
run_doc(struct run *r, const char *name, const char *text, const char *opt)
{
	const char *path = test_tmp(name);

	test_write_str(path, text);
	RUN(r, opt, path);
	unlink(path);
	return path;
}

static void
test_empty_file(void **state)
{
	char want[4096];
	struct run r;
	const char *path = run_doc(&r, "empty.txt", "", "--dump");

	(void)state;
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	snprintf(want, sizeof(want), "lectern: %s: empty document\n", path);
	assert_string_equal(r.err, want);
	run_done(&r);
}

/* --lint: one line per finding, in line order, in the form compilers
 * use; one line for a reference however many targets it misses. */
static void
test_lint_messages(void **state)
{
	char want[4096];
	struct run r;
	const char *path = run_doc(&r, "lint.txt", "REPORT\n\n"
	    "1. I make four points:\n(a) one;\n(b) two;\n(c) three.\n\n"
	    "2. See paragraphs 3 to 9 and paragraph 12.\n\n"
	    "3. It recalls paras. 40-60 of A/79/724.\n\n"
	    "5. The last.\n", "--lint");

	(void)state;
	assert_int_equal(r.status, 1);
	snprintf(want, sizeof(want),
	    "%1$s:3: warning: the lead-in says 4 points but the list has 3 items\n"
	    "%1$s:8: warning: reference to paragraphs 3 to 9: 5 of its 7 targets are not in the document\n"
	    "%1$s:8: warning: reference to paragraph 12, which the document does not have\n"
	    "%1$s:12: warning: paragraph 5 follows paragraph 3\n", path);
	assert_string_equal(r.out, want);
	run_done(&r);
}

/* --outline: a heading's label before its title, unless the title
 * starts with it as a word of its own ("B" before "Budget" is no such
 * word; "Article 3" before "Article 3" is). */
static void
test_outline_labels(void **state)
{
	struct run r;

	(void)state;
	run_doc(&r, "outline.txt", "REPORT\n\n"
	    "Summary text here that is prose and runs for a good while, as a body does.\n\n"
	    "A.\n\nAnnual review\n"
	    "1. The mandate of the Force was established by the Security Council.\n"
	    "B.\n\nBudget implementation\n"
	    "2. During the period, the security situation changed a great deal.\n\n"
	    "Article 3\n\n"
	    "3. Each Party shall report once a year on the measures it has taken.\n",
	    "--outline");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nA  Annual review  (line 5)\n"));
	assert_non_null(strstr(r.out, "\nB  Budget implementation  (line 9)\n"));
	assert_non_null(strstr(r.out, " Article 3  (line 14)\n"));
	run_done(&r);
}

static void
test_dump_neutralises_escapes(void **state)
{
	struct run r;
	size_t i;

	RUN(&r, "--dump", test_data("escapes.txt"));
	assert_int_equal(r.status, 0);
	for (i = 0; i < r.outlen; i++) {
		unsigned char c = (unsigned char)r.out[i];

		/* No C0 control but the line end, no C1 in UTF-8. */
		assert_true(c >= 0x20 || c == '\n');
		assert_true(c != 0x7F);
		if (c == 0xC2 && i + 1 < r.outlen)
			assert_true((unsigned char)r.out[i + 1] >= 0xA0);
	}
	assert_non_null(strstr(r.out, "^[]0;owned^G"));
	assert_non_null(strstr(r.out, "^[[31mred^[[0m"));
	assert_non_null(strstr(r.out, "<U+009B>31m"));
	assert_non_null(strstr(r.out, "<U+202E>"));
	assert_non_null(strstr(r.out, "zero<U+200B>width"));
	run_done(&r);
}

static void
test_encodings_dump_alike(void **state)
{
	static const char *files[] = { "same.cp1252.txt", "same.utf16le.txt",
		"same.utf16be.txt" };
	struct run ref, r;

	RUN(&ref, "--dump", test_data("same.utf8.txt"));
	assert_int_equal(ref.status, 0);
	assert_non_null(strstr(ref.out, "caf\xC3\xA9"));
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		RUN(&r, "--dump", test_data(files[i]));
		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, ref.out);
		assert_string_equal(r.err, "");
		run_done(&r);
	}
	run_done(&ref);
}

static void
test_forced_encoding_option(void **state)
{
	struct run r;

	RUN(&r, "--dump", "--encoding", "UTF-16LE", test_data("same.utf16le.txt"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "caf\xC3\xA9"));
	run_done(&r);
	RUN(&r, "--dump", "--encoding=KLINGON-8", test_data("same.utf8.txt"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown encoding 'KLINGON-8'"));
	run_done(&r);
}

static void
test_replacements_reported(void **state)
{
	const char *path = test_tmp("bad16.txt");
	char want[4096];
	struct run r;

	test_write(path, "\xFF\xFE" "a\0\x00\xD8" "b\0", 8);
	RUN(&r, "--dump", path);
	assert_int_equal(r.status, 0);
	snprintf(want, sizeof(want), "lectern: %s: 1 invalid or unmappable "
	    "character shown as U+FFFD\n", path);
	assert_string_equal(r.err, want);
	run_done(&r);
	unlink(path);
}

static void
test_standard_input(void **state)
{
	static const char doc[] = "PIPED TITLE\n\n1. From a pipe.\n";
	/* The title centred in 80 columns, the number in the margin. */
	static const char want[] = "                                  PIPED TITLE\n"
	    "\n1.  From a pipe.\n";
	struct run r;

	/* No file and standard input not a terminal: read it. */
	run_lectern(&r, doc, sizeof(doc) - 1, NULL, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
	run_done(&r);
	run_lectern(&r, doc, sizeof(doc) - 1, NULL, "--dump", "-", (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
	run_done(&r);
}

static void
test_c_locale_transliterates(void **state)
{
	char *env[] = { "LC_ALL=C", NULL };
	struct run r;
	size_t i;

	run_lectern(&r, NULL, 0, env, "--dump", test_data("same.utf8.txt"),
	    (char *)NULL);
	assert_int_equal(r.status, 0);
	for (i = 0; i < r.outlen; i++)
		assert_true((unsigned char)r.out[i] < 0x80);
	assert_non_null(strstr(r.out, "\"Quoted\" words - with a dash, cafe"));
	assert_non_null(strstr(r.out, "it's"));
	run_done(&r);
}

/* Collect the long options named in text: "--name" tokens. */
static void
long_options(const char *text, const char *prefix, char names[][32], int *n)
{
	const char *p = text;
	size_t plen = strlen(prefix);

	while ((p = strstr(p, prefix)) != NULL) {
		char name[32];
		size_t k = 0;

		p += plen;
		while (k < sizeof(name) - 1 && ((*p >= 'a' && *p <= 'z') ||
		    (*p == '-' && p[1] >= 'a' && p[1] <= 'z')))
			name[k++] = *p++;
		name[k] = '\0';
		if (k < 2)
			continue;
		int seen = 0;
		for (int i = 0; i < *n; i++)
			seen |= strcmp(names[i], name) == 0;
		if (!seen && *n < 64)
			strcpy(names[(*n)++], name);
	}
}

static int
has(char names[][32], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* --help and the man page document the same options. */
static void
test_help_matches_manual(void **state)
{
	char help[64][32], man[64][32], path[4096];
	int nhelp = 0, nman = 0, i;
	const char *top = getenv("TOPSRC");
	size_t len;
	struct run r;
	char *page;

	snprintf(path, sizeof(path), "%s/man/lectern.1", top ? top : "../..");
	page = test_read(path, &len);
	RUN(&r, "--help");
	long_options(r.out, "--", help, &nhelp);
	long_options(page, "Fl -", man, &nman);
	assert_true(nhelp >= 6);
	for (i = 0; i < nhelp; i++)
		if (!has(man, nman, help[i]))
			fail_msg("--%s is in --help but not in the man page", help[i]);
	for (i = 0; i < nman; i++)
		if (!has(help, nhelp, man[i]))
			fail_msg("--%s is in the man page but not in --help", man[i]);
	free(page);
	run_done(&r);
}

/* Every action of the key table (src/action.def) is in the man page,
 * with its name, as the help screen shows it. */
static void
test_actions_in_manual(void **state)
{
	char path[4096], *def, *page, *p;
	const char *top = getenv("TOPSRC");
	size_t len;
	int n = 0;

	snprintf(path, sizeof(path), "%s/src/action.def", top ? top : "../..");
	def = test_read(path, &len);
	snprintf(path, sizeof(path), "%s/man/lectern.1", top ? top : "../..");
	page = test_read(path, &len);
	for (p = def; (p = strstr(p, "\nX(")) != NULL; p++) {
		char name[64], want[80];
		const char *q = strchr(p, '"');

		if (q == NULL || sscanf(q + 1, "%63[^\"]", name) != 1)
			continue;
		snprintf(want, sizeof(want), ".Pq %s\n", name);
		if (strstr(page, want) == NULL)
			fail_msg("action %s is not in the man page's Keys", name);
		n++;
	}
	assert_true(n >= 30);
	free(def);
	free(page);
}

/* The open file descriptors of this process. */
static int
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* The runner itself (run.c): more input than a pipe holds, to a child
 * that writes as much without reading any, neither deadlocks nor loses
 * output, and leaves no descriptor open. */
static void
test_runner_large_input(void **state)
{
	size_t size = 4u << 20;
	char *input = malloc(size);
	char *argv[] = { "/bin/sh", "-c", "head -c 4194304 /dev/zero; exit 3", NULL };
	int fds = open_fds();
	struct run r;

	(void)state;
	assert_non_null(input);
	memset(input, 'x', size);
	run_argv(&r, argv, input, size, NULL);
	free(input);
	assert_int_equal(r.status, 3);
	assert_int_equal(r.outlen, size);
	assert_int_equal(open_fds(), fds);
	run_done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runner_large_input),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_not_found_shows_words_safely),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_force_binary),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_lint_messages),
		cmocka_unit_test(test_outline_labels),
		cmocka_unit_test(test_dump_neutralises_escapes),
		cmocka_unit_test(test_encodings_dump_alike),
		cmocka_unit_test(test_forced_encoding_option),
		cmocka_unit_test(test_replacements_reported),
		cmocka_unit_test(test_standard_input),
		cmocka_unit_test(test_c_locale_transliterates),
		cmocka_unit_test(test_help_matches_manual),
		cmocka_unit_test(test_actions_in_manual),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
