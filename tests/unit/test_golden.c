/*
 * test_golden.c - what the command line prints, byte for byte, against
 * the files in tests/golden: every query on the bundled document, and
 * the outline and the dump of small documents of each kind (an RFC, a
 * Markdown law text, a UN resolution with preambular paragraphs).
 *
 * On a difference the test prints a unified diff and fails.  With
 * LECTERN_UPDATE_GOLDEN=1 in the environment it writes what lectern
 * prints now into $TOPSRC/tests/golden instead, and passes (the checks
 * that have no golden file of their own are skipped): review the change
 * with git diff.  A few golden files hold what lectern should print
 * where it does not yet; updating overwrites them too.
 *
 * make check unsets LECTERN_UPDATE_GOLDEN (TEST_ENV in Makefile.am), so
 * that a variable left in a shell cannot turn the test into a rewrite.
 * To update, run the program itself, from the build directory's
 * tests/unit:
 *
 *	LECTERN_UPDATE_GOLDEN=1 TOPSRC=$srcdir TESTDATA=$srcdir/tests/data \
 *	    ./test_golden
 *
 * The document's path is replaced by its file name in what lectern
 * prints (lint messages name the file), so the golden files do not
 * depend on where the tree is.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "run.h"

#define MAXARGS 12

static char *const env[] = { "LC_ALL=C.UTF-8", "TERM=dumb", NULL };

static bool
updating(void)
{
	const char *u = getenv("LECTERN_UPDATE_GOLDEN");

	return u && *u && strcmp(u, "0") != 0;
}

/* $TESTDATA/index/NAME (static buffer). */
static const char *
small_doc(const char *name)
{
	static char path[4096];
	char rel[256];

	snprintf(rel, sizeof(rel), "index/%s", name);
	snprintf(path, sizeof(path), "%s", test_data(rel));
	return path;
}

static void
append(char **out, size_t *len, const char *s, size_t n)
{
	*out = realloc(*out, *len + n + 1);
	assert_non_null(*out);
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

/* Append s to out with every occurrence of path replaced by its file
 * name. */
static void
add_normalised(char **out, size_t *len, const char *s, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t pl = strlen(path);

	for (;;) {
		const char *p = strstr(s, path);

		append(out, len, s, p ? (size_t)(p - s) : strlen(s));
		if (p == NULL)
			break;
		append(out, len, base, strlen(base));
		s = p + pl;
	}
}

/* Run lectern with args (NULL-terminated). */
static void
run(struct run *r, const char *const *args)
{
	char *argv[MAXARGS + 2];
	const char *lectern = getenv("LECTERN");
	int n = 0;

	argv[n++] = (char *)(lectern ? lectern : "../../src/lectern");
	for (int i = 0; args[i] && i < MAXARGS; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	run_argv(r, argv, NULL, 0, env);
}

/* Compare got with tests/golden/name: print a unified diff and fail on
 * a difference; rewrite the file when updating. */
static void
compare(const char *name, const char *got, size_t len)
{
	char path[4096];
	const char *tmp;
	size_t wlen;
	char *want;
	struct run d;
	char *argv[] = { "/usr/bin/diff", "-u", path, NULL, NULL };

	snprintf(path, sizeof(path), "tests/golden/%s", name);
	snprintf(path, sizeof(path), "%s", test_src(path));
	if (updating()) {
		test_write(path, got, len);
		fprintf(stderr, "golden: wrote %s\n", path);
		return;
	}
	if (access(path, R_OK) != 0)
		fail_msg("no golden file %s (run with LECTERN_UPDATE_GOLDEN=1 to "
		    "make it)", path);
	want = test_read(path, &wlen);
	if (wlen == len && memcmp(want, got, len) == 0) {
		free(want);
		return;
	}
	free(want);
	tmp = test_tmp(name);
	test_write(tmp, got, len);
	argv[3] = (char *)tmp;
	run_argv(&d, argv, NULL, 0, NULL);
	fprintf(stderr, "%s differs from what lectern prints (- golden, + now):\n%s%s",
	    name, d.out, d.err);
	run_done(&d);
	unlink(tmp);
	fail_msg("%s: output differs (LECTERN_UPDATE_GOLDEN=1 rewrites it)", name);
}

/* One query whose output must match: status 0, nothing on stderr. */
static void
golden(const char *name, const char *doc, ...)
{
	const char *args[MAXARGS + 1];
	struct run r;
	char *out = NULL;
	size_t len = 0, n = 0;
	va_list ap;
	const char *a;

	va_start(ap, doc);
	while ((a = va_arg(ap, const char *)) != NULL && n < MAXARGS - 1)
		args[n++] = a;
	va_end(ap);
	args[n++] = doc;
	args[n] = NULL;
	run(&r, args);
	if (r.status != 0 || r.errlen != 0)
		fail_msg("%s: exit status %d, stderr: %s", name, r.status, r.err);
	add_normalised(&out, &len, r.out, doc);
	compare(name, out, len);
	free(out);
	run_done(&r);
}

/* Append one run to a transcript: the command, its output, its
 * messages and its exit status. */
static void
transcript(char **out, size_t *len, const char *doc, const char *const *args)
{
	const char *all[MAXARGS + 1];
	struct run r;
	size_t n = 0;
	char line[1024];
	size_t k = 0;

	for (; args[n] && n < MAXARGS - 1; n++)
		all[n] = args[n];
	all[n++] = doc;
	all[n] = NULL;
	run(&r, all);
	k += (size_t)snprintf(line + k, sizeof(line) - k, "$ lectern");
	for (size_t i = 0; args[i]; i++)
		k += (size_t)snprintf(line + k, sizeof(line) - k, " '%s'", args[i]);
	snprintf(line + k, sizeof(line) - k, " %s\n", strrchr(doc, '/') ?
	    strrchr(doc, '/') + 1 : doc);
	add_normalised(out, len, line, doc);
	add_normalised(out, len, r.out, doc);
	if (r.errlen) {
		add_normalised(out, len, "stderr: ", doc);
		add_normalised(out, len, r.err, doc);
	}
	snprintf(line, sizeof(line), "[exit %d]\n", r.status);
	add_normalised(out, len, line, doc);
	run_done(&r);
}

/* ------------------------------------------------------ bundled document */

static void
test_outline(void **state)
{
	(void)state;
	golden("iom.outline.txt", test_bundled(), "--outline", NULL);
}

static void
test_outline_json(void **state)
{
	(void)state;
	golden("iom.outline.json", test_bundled(), "--outline", "--json", NULL);
}

static void
test_lists_json(void **state)
{
	(void)state;
	golden("iom.lists.json", test_bundled(), "--lists", "--json", NULL);
}

static void
test_terms_json(void **state)
{
	(void)state;
	golden("iom.terms.json", test_bundled(), "--terms", "--json", NULL);
}

static void
test_xrefs_json(void **state)
{
	(void)state;
	golden("iom.xrefs.json", test_bundled(), "--xrefs", "--json", NULL);
}

static void
test_dump80(void **state)
{
	(void)state;
	golden("iom.dump80.txt", test_bundled(), "--dump", "--width=80", NULL);
}

static void
test_dump40(void **state)
{
	(void)state;
	golden("iom.dump40.txt", test_bundled(), "--dump", "--width=40", NULL);
}

static void
test_search_json(void **state)
{
	(void)state;
	golden("iom.search.json", test_bundled(), "--search=duplicat", "--json", NULL);
}

static void
test_lint(void **state)
{
	static const char *const a[] = { "--lint", NULL };
	char *out = NULL;
	size_t len = 0;

	(void)state;
	transcript(&out, &len, test_bundled(), a);
	compare("iom.lint.txt", out, len);
	free(out);
}

static void
test_resolve(void **state)
{
	static const char *const phrases[][4] = {
		{ "--resolve=the four positions", NULL },
		{ "--resolve=the three concerns", NULL },
		{ "--resolve=paragraph 6 (b)", NULL },
		{ "--resolve=5bii", NULL },
		{ "--resolve=the Working Group", NULL },
		{ "--resolve=the draft resolution", NULL },
		{ "--resolve=line 56", NULL },
		{ "--resolve=migration governance", NULL },
		{ "--resolve=migration governance", "--all", NULL },
		{ "--resolve=the two developments", "--json", NULL },
		{ "--resolve=xyzzy", NULL },
	};
	char *out = NULL;
	size_t len = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		transcript(&out, &len, test_bundled(), phrases[i]);
	compare("iom.resolve.txt", out, len);
	free(out);
}

/* ------------------------------------------------------- small documents */

static void
test_rfc(void **state)
{
	(void)state;
	golden("rfc-small.outline.txt", small_doc("rfc-small.txt"), "--outline", NULL);
	golden("rfc-small.dump.txt", small_doc("rfc-small.txt"), "--dump",
	    "--width=80", NULL);
}

static void
test_law(void **state)
{
	(void)state;
	golden("law.outline.txt", small_doc("law.md"), "--outline", NULL);
	golden("law.dump.txt", small_doc("law.md"), "--dump", "--width=80", NULL);
}

static void
test_resolution(void **state)
{
	(void)state;
	golden("resolution.outline.txt", small_doc("resolution.txt"), "--outline",
	    NULL);
	golden("resolution.dump.txt", small_doc("resolution.txt"), "--dump",
	    "--width=80", NULL);
}

static void
test_resolution_indented(void **state)
{
	(void)state;
	/* The same resolution with its paragraphs' first lines indented, as
	 * resolutions are printed: the same structure, the same dump. */
	if (updating())
		skip();         /* compares with another document's files */
	golden("resolution.outline.txt", small_doc("resolution-indented.txt"),
	    "--outline", NULL);
	golden("resolution.dump.txt", small_doc("resolution-indented.txt"),
	    "--dump", "--width=80", NULL);
}

static void
test_small_lint(void **state)
{
	const char *docs[] = { "law.md", "resolution.txt" };

	(void)state;
	/* Numbering that starts again in each article or annex is how such
	 * documents are numbered: nothing to flag. */
	if (updating())
		skip();         /* no golden file */
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		const char *args[] = { "--lint", small_doc(docs[i]), NULL };
		struct run r;

		run(&r, args);
		if (r.status != 0 || r.outlen != 0)
			fail_msg("%s: lint exit %d:\n%s", docs[i], r.status, r.out);
		run_done(&r);
	}
}

static void
test_fenced_code(void **state)
{
	const char *args[] = { "--dump", "--width=80", small_doc("fenced.md"), NULL };
	struct run r;

	(void)state;
	if (updating())
		skip();         /* no golden file */
	run(&r, args);
	assert_int_equal(r.status, 0);
	/* Fenced and indented code is kept line for line. */
	assert_non_null(strstr(r.out, "  tests run: 12\n"));
	assert_non_null(strstr(r.out, "  failures:   0\n"));
	assert_non_null(strstr(r.out, "Example: a test report\n"));
	assert_non_null(strstr(r.out, "total   12\n"));
	assert_non_null(strstr(r.out, "  passed 12\n"));
	run_done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outline),
		cmocka_unit_test(test_outline_json),
		cmocka_unit_test(test_lists_json),
		cmocka_unit_test(test_terms_json),
		cmocka_unit_test(test_xrefs_json),
		cmocka_unit_test(test_dump80),
		cmocka_unit_test(test_dump40),
		cmocka_unit_test(test_search_json),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_rfc),
		cmocka_unit_test(test_law),
		cmocka_unit_test(test_resolution),
		cmocka_unit_test(test_resolution_indented),
		cmocka_unit_test(test_small_lint),
		cmocka_unit_test(test_fenced_code),
	};

	return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
