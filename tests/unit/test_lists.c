/*
 * test_lists.c - named lists: the four lists of the bundled document
 * (where, how many items, the stated count, the noun, the lead-in), a
 * stated count the items contradict, vague counts ("several"), finding
 * lists by a reader's words and synonyms (a lexicon of our own and the
 * shipped one), a long document that repeats its lists, and the lists
 * that words in the text refer to.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "fixture.h"
#include "lexicon.h"
#include "lists.h"
#include "model.h"
#include "resolve.h"
#include "util.h"

static struct lexicon *shipped, *empty;

static int
setup(void **state)
{
	(void)state;
	shipped = fixture_lexicon();
	empty = lexicon_parse("", 0);
	return shipped && empty ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	lexicon_free(shipped);
	lexicon_free(empty);
	return 0;
}

/* A node's own label, "" when it has none: not fixture_label, which
 * prints "title" or "-" for that, so that what these tests compare with
 * is the label the document gives a list's holder or item. */
static const char *
label(const struct model *m, uint32_t node)
{
	if (node == DOC_NONE)
		return "NONE";
	return fixture_doc_label(m->doc, node);
}

/* "5(a) 5(b) 5(c)": the items of list i. */
static const char *
items_of(const struct model *m, uint32_t i)
{
	static char out[4096];
	size_t n, len = 0;
	const uint32_t *items = lists_items(m->lists, i, &n);

	out[0] = '\0';
	for (size_t k = 0; k < n; k++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    k ? " " : "", label(m, items[k]));
	return out;
}

/* The text between a list's span, line ends as spaces. */
static const char *
span_of(const struct model *m, uint32_t i)
{
	static char out[256];
	uint32_t a, b;
	const char *s = doc_data(m->doc);
	size_t k = 0;

	lists_span(m->lists, i, &a, &b);
	assert_true(a <= b);
	for (uint32_t p = a; p < b && k < sizeof(out) - 1; p++)
		out[k++] = s[p] == '\n' ? ' ' : s[p];
	out[k] = '\0';
	return out;
}

/* "5 6": the holders of the lists lists_match gives for phrase. */
static const char *
match(const struct model *m, const char *phrase, bool lead)
{
	static char out[4096];
	uint32_t ids[64];
	size_t n = lists_match(m->lists, phrase, lead, ids, 64), len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && i < 64; i++) {
		if (i > 0)
			assert_true(ids[i] > ids[i - 1]);       /* document order */
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    i ? " " : "", label(m, lists_at(m->lists, ids[i])));
	}
	return out;
}

/* List i's lead-in. */
static const char *
lead_of(const struct model *m, uint32_t i)
{
	static char out[4096];
	struct buf b;

	buf_init(&b);
	lists_lead(m->lists, i, &b);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_done(&b);
	return out;
}

static void
expect_list(const struct model *m, uint32_t i, const char *at, int stated,
    const char *noun, const char *items, const char *lead, const char *span)
{
	size_t n;

	assert_string_equal(label(m, lists_at(m->lists, i)), at);
	assert_int_equal(lists_stated(m->lists, i), stated);
	assert_string_equal(lists_noun(m->lists, i), noun);
	assert_string_equal(items_of(m, i), items);
	assert_string_equal(lead_of(m, i), lead);
	assert_string_equal(span_of(m, i), span);
	lists_items(m->lists, i, &n);
	assert_int_equal(lists_mismatch(m->lists, i), stated > 0 && (size_t)stated != n);
	assert_int_equal(lists_held_by(m->lists, lists_at(m->lists, i)), i);
}

/* ------------------------------------------------------ bundled document */

static void
test_bundled_lists(void **state)
{
	struct model *m = fixture_build_bundled(shipped);

	(void)state;
	assert_int_equal(lists_count(m->lists), 4);
	expect_list(m, 0, "3", 4, "provisions", "3(a) 3(b) 3(c) 3(d)",
	    "I would recall for you the four provisions of that draft resolution "
	    "which are as follows", "four provisions");
	expect_list(m, 1, "5", 4, "points", "5(a) 5(b) 5(c) 5(d)",
	    "I have consistently made four points", "four points");
	expect_list(m, 2, "5(b)", 2, "developments", "5(b)(i) 5(b)(ii)",
	    "Second, I have also said that one or the other of two developments "
	    "might well, ultimately, require us, as a matter of self-defence, to "
	    "consider the possibility of a more formal association with the UN "
	    "system", "two developments");
	expect_list(m, 3, "6", LISTS_SEVERAL, "reasons", "6(a) 6(b) 6(c)",
	    "The Second Committee draft resolution should be of concern to you, "
	    "as it is to us, for several reasons", "several reasons");
	for (uint32_t i = 0; i < 4; i++)
		assert_false(lists_mismatch(m->lists, i));
	model_free(m);
}

static void
test_bundled_items_and_holders(void **state)
{
	struct model *m = fixture_build_bundled(shipped);

	(void)state;
	assert_int_equal(lists_of_item(m->lists, fixture_node(m, "3(c)")), 0);
	assert_int_equal(lists_of_item(m->lists, fixture_node(m, "5(b)")), 1);
	assert_int_equal(lists_of_item(m->lists, fixture_node(m, "5(b)(ii)")), 2);
	assert_int_equal(lists_of_item(m->lists, fixture_node(m, "6(a)")), 3);
	assert_int_equal(lists_of_item(m->lists, fixture_node(m, "4")), LISTS_NONE);
	assert_int_equal(lists_of_item(m->lists, doc_title_node(m->doc)), LISTS_NONE);
	assert_int_equal(lists_held_by(m->lists, fixture_node(m, "5(b)")), 2);
	assert_int_equal(lists_held_by(m->lists, fixture_node(m, "4")), LISTS_NONE);
	assert_int_equal(lists_held_by(m->lists, fixture_node(m, "5(a)")), LISTS_NONE);
	model_free(m);
}

/* ------------------------------------------------------ stated counts */

static const char counts[] =
    "COUNTS\n"
    "\n"
    "1. I wish to make four points:\n"
    "(a) the first;\n"
    "(b) the second;\n"
    "(c) the third.\n"
    "\n"
    "2. There are various options open to us:\n"
    "(a) to wait;\n"
    "(b) to act.\n"
    "\n"
    "3. The Council considered the matter for several reasons, which are these:\n"
    "(a) cost;\n"
    "(b) time;\n"
    "(c) risk.\n"
    "\n"
    "4. Each Party shall:\n"
    "(a) test;\n"
    "(b) report.\n"
    "\n"
    "5. It adopted the following measures:\n"
    "(a) a first measure;\n"
    "(b) a second measure.\n"
    "\n"
    "6. The two 2 steps are taken in 3 stages:\n"
    "(a) one;\n"
    "(b) two;\n"
    "(c) three.\n";

static void
test_mismatch(void **state)
{
	struct model *m = fixture_build(counts, shipped);
	size_t n;

	(void)state;
	/* "four points" and three items: the items win, and the list says
	 * so. */
	assert_string_equal(label(m, lists_at(m->lists, 0)), "1");
	assert_int_equal(lists_stated(m->lists, 0), 4);
	assert_string_equal(lists_noun(m->lists, 0), "points");
	lists_items(m->lists, 0, &n);
	assert_int_equal(n, 3);
	assert_string_equal(items_of(m, 0), "1(a) 1(b) 1(c)");
	assert_true(lists_mismatch(m->lists, 0));
	/* The reader who counts the items finds it best; the one who
	 * counts as the text does finds it too. */
	assert_string_equal(match(m, "the three points", false), "1");
	assert_string_equal(match(m, "the four points", false), "1");
	model_free(m);
}

static void
test_vague_counts(void **state)
{
	struct model *m = fixture_build(counts, shipped);

	(void)state;
	assert_int_equal(lists_count(m->lists), 6);
	expect_list(m, 1, "2", LISTS_SEVERAL, "options", "2(a) 2(b)",
	    "There are various options open to us", "various options");
	expect_list(m, 2, "3", LISTS_SEVERAL, "reasons", "3(a) 3(b) 3(c)",
	    "The Council considered the matter for several reasons, which are these",
	    "several reasons");
	expect_list(m, 4, "5", LISTS_SEVERAL, "measures", "5(a) 5(b)",
	    "It adopted the following measures", "following measures");
	/* A vague count never contradicts the items. */
	for (uint32_t i = 1; i <= 4; i++)
		assert_false(lists_mismatch(m->lists, i));
	/* No count and no noun: a list all the same. */
	expect_list(m, 3, "4", 0, "", "4(a) 4(b)", "Each Party shall", "");
	model_free(m);
}

static void
test_last_count_word(void **state)
{
	struct model *m = fixture_build(counts, shipped);

	(void)state;
	/* "The two 2 steps are taken in 3 stages": the last count with a
	 * noun names the list. */
	assert_string_equal(label(m, lists_at(m->lists, 5)), "6");
	assert_int_equal(lists_stated(m->lists, 5), 3);
	assert_string_equal(lists_noun(m->lists, 5), "stages");
	assert_string_equal(span_of(m, 5), "3 stages");
	assert_false(lists_mismatch(m->lists, 5));
	model_free(m);
}

/* The noun is the head of the phrase after the count, not its first
 * word; and a name ("the Working Group") is found as a term before the
 * lists whose noun one of its words is. */
static const char heads[] =
    "HEADS\n"
    "\n"
    "1. The Working Group has met. I have made four key points:\n"
    "(a) one;\n"
    "(b) two;\n"
    "(c) three;\n"
    "(d) four.\n"
    "\n"
    "2. A number of Working Group members raised objections:\n"
    "(a) cost;\n"
    "(b) time.\n"
    "\n"
    "3. There are two provisions contained in the text:\n"
    "(a) the first;\n"
    "(b) the second.\n";

static void
test_head_noun(void **state)
{
	struct model *m = fixture_build(heads, shipped);
	struct target t[8];

	(void)state;
	assert_int_equal(lists_count(m->lists), 3);
	assert_string_equal(lists_noun(m->lists, 0), "points");
	assert_string_equal(lists_noun(m->lists, 1), "members");
	assert_string_equal(lists_noun(m->lists, 2), "provisions");
	assert_int_equal(resolve(m, "the key points", t, 8), 4);
	assert_int_equal(t[0].how, RES_LIST);
	assert_int_equal(resolve(m, "the Working Group", t, 8), 1);
	assert_int_equal(t[0].how, RES_TERM);
	model_free(m);
}

/* ------------------------------------------------------------ matching */

static void
test_match_shipped_lexicon(void **state)
{
	struct model *m = fixture_build_bundled(shipped);

	(void)state;
	/* The text's own words. */
	assert_string_equal(match(m, "the four points", false), "5");
	assert_string_equal(match(m, "the four provisions", false), "3");
	assert_string_equal(match(m, "the two developments", false), "5(b)");
	assert_string_equal(match(m, "the several reasons", false), "6");
	assert_string_equal(match(m, "reasons", false), "6");
	/* Synonyms, with the count of the items. */
	assert_string_equal(match(m, "the four positions", false), "5");
	assert_string_equal(match(m, "the three concerns", false), "6");
	assert_string_equal(match(m, "these three concerns", false), "6");
	assert_string_equal(match(m, "the 3 worries", false), "6");
	assert_string_equal(match(m, "the four clauses", false), "3");
	assert_string_equal(match(m, "the two scenarios", false), "5(b)");
	assert_string_equal(match(m, "The Four Positions", false), "5");
	/* Nothing of the kind. */
	assert_string_equal(match(m, "the four bananas", false), "");
	assert_string_equal(match(m, "", false), "");
	/* Lead-in words, when asked for. */
	assert_string_equal(match(m, "the association", true), "5(b)");
	assert_string_equal(match(m, "the consistently made ones", true), "5");
	assert_string_equal(match(m, "the bananas", true), "");
	model_free(m);
}

static void
test_match_custom_lexicon(void **state)
{
	static const char text[] =
	    "# our own synonyms\n"
	    "point argument\n"
	    "reason worry grievance\n";
	struct lexicon *lx = lexicon_parse(text, sizeof(text) - 1);
	struct model *m = fixture_build_bundled(lx);

	(void)state;
	assert_string_equal(match(m, "the four arguments", false), "5");
	assert_string_equal(match(m, "the three grievances", false), "6");
	assert_string_equal(match(m, "the worries", false), "6");
	/* Not synonyms in this lexicon. */
	assert_string_equal(match(m, "the four positions", false), "");
	assert_string_equal(match(m, "the three concerns", false), "");
	/* Own words still work. */
	assert_string_equal(match(m, "the four points", false), "5");
	model_free(m);
	lexicon_free(lx);
	/* An empty lexicon: only the text's own words. */
	m = fixture_build_bundled(empty);
	assert_string_equal(match(m, "the four points", false), "5");
	assert_string_equal(match(m, "the four positions", false), "");
	assert_string_equal(match(m, "the three reasons", false), "6");
	model_free(m);
}

static void
test_lexicon_same(void **state)
{
	(void)state;
	assert_true(lexicon_same(shipped, "points", 6, "positions", 9));
	assert_true(lexicon_same(shipped, "concerns", 8, "reasons", 7));
	assert_true(lexicon_same(shipped, "point", 5, "points", 6));
	assert_false(lexicon_same(shipped, "points", 6, "reasons", 7));
	assert_false(lexicon_same(empty, "points", 6, "positions", 9));
	assert_true(lexicon_stem_equal("duplicate", 9, "duplicative", 11));
	assert_false(lexicon_stem_equal("points", 6, "positions", 9));
}

/* A long document that states its lists again and again. */
static char *
repeating(int paras)
{
	char *s = malloc((size_t)paras * 200 + 100);
	size_t len = 0;

	len += (size_t)sprintf(s + len, "REPEATING LISTS\n\n");
	for (int i = 1; i <= paras; i++) {
		if (i % 50 == 10)
			len += (size_t)sprintf(s + len,
			    "%d. The Board made four points:\n(a) one;\n(b) two;\n"
			    "(c) three;\n(d) four.\n\n", i);
		else if (i % 50 == 30)
			len += (size_t)sprintf(s + len,
			    "%d. It declined for several reasons:\n(a) cost;\n(b) time;\n"
			    "(c) risk.\n\n", i);
		else if (i == 45)
			len += (size_t)sprintf(s + len,
			    "%d. The Board also made four points, of which three are:\n"
			    "(a) one;\n(b) two;\n(c) three.\n\n", i);
		else
			len += (size_t)sprintf(s + len,
			    "%d. An ordinary paragraph about the budget of the year.\n\n", i);
	}
	return s;
}

static void
test_repeated_lists(void **state)
{
	char *s = repeating(200);
	struct model *m = fixture_build(s, shipped);
	uint32_t ids[2];
	size_t n;

	(void)state;
	free(s);
	/* 10, 60, 110, 160 hold "four points"; 30, 80, 130, 180 "several
	 * reasons"; 45 "four points" with three items. */
	assert_int_equal(lists_count(m->lists), 9);
	assert_true(lists_mismatch(m->lists,
	    lists_held_by(m->lists, fixture_node(m, "45"))));
	/* Every list with the best score, in document order. */
	assert_string_equal(match(m, "the four points", false), "10 60 110 160");
	assert_string_equal(match(m, "the four positions", false), "10 60 110 160");
	assert_string_equal(match(m, "the three concerns", false), "30 80 130 180");
	/* Three points: the one whose items are three. */
	assert_string_equal(match(m, "the three points", false), "45");
	/* All of them counted, the first in document order given first. */
	n = lists_match(m->lists, "the four points", false, ids, 2);
	assert_int_equal(n, 4);
	assert_string_equal(label(m, lists_at(m->lists, ids[0])), "10");
	assert_string_equal(label(m, lists_at(m->lists, ids[1])), "60");
	model_free(m);
}

static void
test_repeated_lists_large(void **state)
{
	/* Ten thousand paragraphs, 600 lists: still every match. */
	char *s = repeating(10000);
	struct model *m = fixture_build(s, shipped);
	uint32_t *ids = calloc(1000, sizeof(*ids));
	size_t n;

	(void)state;
	free(s);
	n = lists_match(m->lists, "the four positions", false, ids, 1000);
	assert_int_equal(n, 200);
	assert_string_equal(label(m, lists_at(m->lists, ids[0])), "10");
	assert_string_equal(label(m, lists_at(m->lists, ids[199])), "9960");
	for (size_t i = 1; i < n; i++)
		assert_true(ids[i] > ids[i - 1]);
	free(ids);
	model_free(m);
}

/* ------------------------------------------------------------ referring */

static void
test_refer_bundled(void **state)
{
	struct model *m = fixture_build_bundled(shipped);
	uint32_t at7 = doc_node(m->doc, fixture_node(m, "7"))->start;
	uint32_t at1 = doc_node(m->doc, fixture_node(m, "1"))->start;
	uint32_t a, b;

	(void)state;
	/* "these three reasons" in 7: the list before it. */
	assert_int_equal(lists_refer(m->lists, "reasons", 7, 3, at7), 3);
	assert_int_equal(lists_refer(m->lists, "reasons", 7, 0, at7), 3);
	/* A synonym, and the count of the items. */
	assert_int_equal(lists_refer(m->lists, "concerns", 8, 3, at7), 3);
	assert_int_equal(lists_refer(m->lists, "points", 6, 4, at7), 1);
	assert_int_equal(lists_refer(m->lists, "positions", 9, 4, at7), 1);
	assert_int_equal(lists_refer(m->lists, "provisions", 10, 4, at7), 0);
	/* A count that fits no list of that noun. */
	assert_int_equal(lists_refer(m->lists, "points", 6, 7, at7), LISTS_NONE);
	assert_int_equal(lists_refer(m->lists, "bananas", 7, 0, at7), LISTS_NONE);
	/* Before any list: the nearest after. */
	assert_int_equal(lists_refer(m->lists, "points", 6, 0, at1), 1);
	/* The list's own lead-in does not refer to it. */
	lists_span(m->lists, 1, &a, &b);
	assert_int_equal(lists_refer(m->lists, "points", 6, 4, a), LISTS_NONE);
	model_free(m);
}

static void
test_refer_nearest(void **state)
{
	char *s = repeating(200);
	struct model *m = fixture_build(s, shipped);
	uint32_t at70 = doc_node(m->doc, fixture_node(m, "70"))->start;
	uint32_t at5 = doc_node(m->doc, fixture_node(m, "5"))->start;

	(void)state;
	free(s);
	/* In 70: the "four points" of 60, not those of 10 or 110. */
	assert_string_equal(label(m, lists_at(m->lists,
	    lists_refer(m->lists, "points", 6, 4, at70))), "60");
	assert_string_equal(label(m, lists_at(m->lists,
	    lists_refer(m->lists, "points", 6, 3, at70))), "45");
	assert_string_equal(label(m, lists_at(m->lists,
	    lists_refer(m->lists, "reasons", 7, 0, at70))), "30");
	/* In 5, before any: the first after. */
	assert_string_equal(label(m, lists_at(m->lists,
	    lists_refer(m->lists, "points", 6, 4, at5))), "10");
	model_free(m);
}

/* The first n lists state no count, so none disagrees with its items. */
static void
expect_unstated(const struct model *m, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (lists_stated(m->lists, i) != 0)
			fail_msg("list at %s: stated %d, noun '%s'", label(m, lists_at(m->lists, i)),
			    lists_stated(m->lists, i), lists_noun(m->lists, i));
		assert_false(lists_mismatch(m->lists, i));
	}
}

/* A lead-in as the model reads it: a word split at a line end whole
 * again, the page's running header and footer left out, one line. */
static void
test_lead_as_read(void **state)
{
	struct buf b;
	struct model *m;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "REPORT ON PAGES\n\n");
	for (int page = 1; page <= 4; page++) {
		buf_printf(&b, "A/79/350\n\n");
		for (int i = 1; i <= 5; i++)
			buf_printf(&b, "%d. Paragraph %d of page %d, which says little of note.\n\n",
			    (page - 1) * 6 + i, i, page);
		if (page == 2)
			buf_adds(&b, "12. The Board made four impor-\ntant\n\n");
		else
			buf_printf(&b, "%d. Paragraph six of page %d.\n\n", (page - 1) * 6 + 6, page);
		buf_printf(&b, "%d\n\f", page);
		if (page == 2)
			buf_adds(&b, "A/79/350\n\nrecommendations, as follows:\n"
			    "(a) one;\n(b) two;\n(c) three;\n(d) four.\n\n");
	}
	m = fixture_build(b.data, shipped);
	buf_done(&b);
	assert_int_equal(lists_count(m->lists), 1);
	assert_string_equal(label(m, lists_at(m->lists, 0)), "12");
	assert_string_equal(lead_of(m, 0),
	    "The Board made four important recommendations, as follows");
	model_free(m);
}

/* Numbers that do not count a list: a paragraph's own number, a part
 * of "2024/25", a percentage, a date; one that does. */
static void
test_digit_counts(void **state)
{
	struct model *m = fixture_build("NUMBERS\n\n"
	    "26. The decrease is attributable to:\n(a) one;\n(b) two.\n\n"
	    "27. For the 2024/25 period, the increase reflects:\n(a) one;\n(b) two;\n(c) three.\n\n"
	    "28. The rate was 7 per cent, which reflects:\n(a) one;\n(b) two.\n\n"
	    "29. For the period from 1 July 2024 to 30 June 2025, it comprised:\n(a) one;\n(b) two.\n\n"
	    "30. It took the following 3 steps:\n(a) one;\n(b) two;\n(c) three.\n\n"
	    "31. In 2024, 3 priorities were set:\n(a) one;\n(b) two.\n", shipped);

	(void)state;
	assert_int_equal(lists_count(m->lists), 6);
	expect_unstated(m, 4);
	assert_int_equal(lists_stated(m->lists, 4), 3);
	assert_string_equal(lists_noun(m->lists, 4), "steps");
	/* After a comma, a number counts again: two items for "3
	 * priorities", which the list says. */
	assert_int_equal(lists_stated(m->lists, 5), 3);
	assert_true(lists_mismatch(m->lists, 5));
	model_free(m);
}

/* What counts nothing: a heading's number ("Article 5" over "There are
 * established as the organs:"), the number of a reference ("Article 33
 * of the Constitution"), a number before punctuation ("35 [Red:"), and
 * a count that points back ("These three reasons").  Each list keeps
 * its items and says nothing it does not state. */
static void
test_not_counts(void **state)
{
	struct model *m = fixture_build("CONSTITUTION\n\n"
	    "Article 5\n\nThere are established as the organs of the Organization:\n"
	    "(a) the Council;\n(b) the Administration.\n\n"
	    "Article 6\n\nIn view of Article 33 of the Constitution, it shall come into force when:\n"
	    "(a) two-thirds have accepted it;\n(b) the funds suffice.\n\n"
	    "Article 7\n\nArticles 34 [Red: now 29] and 35 [Red: now 30] were implemented, and:\n"
	    "(a) one;\n(b) two.\n\n"
	    "Article 8\n\nThese three reasons were given, and the Council decided:\n"
	    "(a) to act;\n(b) to wait.\n", shipped);

	(void)state;
	assert_int_equal(lists_count(m->lists), 4);
	expect_unstated(m, 4);
	model_free(m);
}

/* A count counts what can be counted: a plural, an irregular one
 * ("criteria") or a noun of the lexicon ("step").  Dutch "artikel 34
 * ingediend", "Ten aanzien van" and "ten aanzien van arbeids- en ...",
 * in a bilingual treaty, state no count; "one step", "three criteria"
 * and "four member-states" do. */
static void
test_countable_nouns(void **state)
{
	struct model *m = fixture_build("VERDRAG\n\n"
	    "Article 28\n\nTer zake van een op grond van artikel 34 ingediend verzoekschrift kan het comite:\n"
	    "(a) het verzoekschrift afwijzen;\n(b) uitspraak doen.\n\n"
	    "Article 29\n\nTen aanzien van de Regeringen treedt dit Statuut in werking:\n"
	    "(a) op de dag;\n(b) daarna.\n\n"
	    "Article 30\n\nThe Council took one step only, which was to decide:\n"
	    "(a) to act;\n(b) to wait.\n\n"
	    "Article 31\n\nIt applies three criteria to each request:\n"
	    "(a) need;\n(b) merit;\n(c) urgency.\n\n"
	    "Article 32\n\nHet comite besluit ten aanzien van arbeids- en bestaansvoorwaarden:\n"
	    "(a) een;\n(b) twee.\n\n"
	    "Article 33\n\nThe four member-states agreed on:\n"
	    "(a) one;\n(b) two;\n(c) three;\n(d) four.\n", shipped);

	(void)state;
	assert_int_equal(lists_count(m->lists), 6);
	assert_int_equal(lists_stated(m->lists, 0), 0);
	assert_int_equal(lists_stated(m->lists, 1), 0);
	assert_int_equal(lists_stated(m->lists, 2), 1);
	assert_string_equal(lists_noun(m->lists, 2), "step");
	assert_true(lists_mismatch(m->lists, 2));
	assert_int_equal(lists_stated(m->lists, 3), 3);
	assert_string_equal(lists_noun(m->lists, 3), "criteria");
	assert_false(lists_mismatch(m->lists, 3));
	/* "arbeids-" is half a compound; "member-states" a whole one. */
	assert_int_equal(lists_stated(m->lists, 4), 0);
	assert_int_equal(lists_stated(m->lists, 5), 4);
	assert_string_equal(lists_noun(m->lists, 5), "member-states");
	model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_lists),
		cmocka_unit_test(test_bundled_items_and_holders),
		cmocka_unit_test(test_mismatch),
		cmocka_unit_test(test_digit_counts),
		cmocka_unit_test(test_lead_as_read),
		cmocka_unit_test(test_not_counts),
		cmocka_unit_test(test_countable_nouns),
		cmocka_unit_test(test_vague_counts),
		cmocka_unit_test(test_last_count_word),
		cmocka_unit_test(test_head_noun),
		cmocka_unit_test(test_match_shipped_lexicon),
		cmocka_unit_test(test_match_custom_lexicon),
		cmocka_unit_test(test_lexicon_same),
		cmocka_unit_test(test_repeated_lists),
		cmocka_unit_test(test_repeated_lists_large),
		cmocka_unit_test(test_refer_bundled),
		cmocka_unit_test(test_refer_nearest),
	};

	return cmocka_run_group_tests_name("lists", tests, setup, teardown);
}
