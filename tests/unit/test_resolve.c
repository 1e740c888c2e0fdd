/*
 * test_resolve.c - what a reader's phrase means (resolve: labels in
 * every forgiving spelling, "line N", named lists in the reader's own
 * words, terms, the words themselves, nothing) and finding a pattern
 * (search_compile, search_block, search_candidates, search_nodes):
 * matches inside words, smart case, quotes, dashes and accents alike,
 * runs of white space, matches across line ends, and the index
 * narrowing the blocks without losing a match.
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
#include "index.h"
#include "lexicon.h"
#include "lists.h"
#include "model.h"
#include "resolve.h"
#include "search.h"
#include "terms.h"
#include "util.h"

static struct lexicon *shipped;
static struct model *iom;           /* the bundled document */

static int
setup(void **state)
{
	(void)state;
	shipped = fixture_lexicon();
	if (shipped == NULL)
		return -1;
	iom = fixture_build_bundled(shipped);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	model_free(iom);
	lexicon_free(shipped);
	return 0;
}

/* "6(a) 6(b) 6(c)": what resolve gives, all of it; checks that every
 * target was found the way `how` says (-1: any). */
static const char *
res(const struct model *m, const char *phrase, int how)
{
	struct target t[64];
	uint32_t nodes[64];
	size_t n = resolve(m, phrase, t, 64), k;

	/* resolve counts the targets it had no room for: print those it
	 * gave. */
	for (k = 0; k < n && k < 64; k++) {
		if (how >= 0 && t[k].how != how)
			fail_msg("\"%s\" -> %s found as %d, want %d", phrase,
			    fixture_label(m, t[k].node), t[k].how, how);
		nodes[k] = t[k].node;
	}
	return fixture_labels(m, nodes, k);
}

/* ---------------------------------------------------------------- labels */

static void
test_labels(void **state)
{
	static const char *const b6[] = { "6(b)", "6 (b)", "6b", "6B", "6 b",
		" 6(b) ", "paragraph 6 (b)", "Paragraph 6(b)", "para 6b",
		"para. 6 (b)", "paragraph 6b" };
	static const char *const bii[] = { "5(b)(ii)", "5 (b) (ii)", "5bii",
		"5 b ii", "5(b)ii", "paragraph 5 (b) (ii)" };

	(void)state;
	for (size_t i = 0; i < sizeof(b6) / sizeof(b6[0]); i++)
		if (strcmp(res(iom, b6[i], RES_LABEL), "6(b)") != 0)
			fail_msg("\"%s\" -> \"%s\", want 6(b)", b6[i], res(iom, b6[i], -1));
	for (size_t i = 0; i < sizeof(bii) / sizeof(bii[0]); i++)
		if (strcmp(res(iom, bii[i], RES_LABEL), "5(b)(ii)") != 0)
			fail_msg("\"%s\" -> \"%s\", want 5(b)(ii)", bii[i],
			    res(iom, bii[i], -1));
	assert_string_equal(res(iom, "5", RES_LABEL), "5");
	assert_string_equal(res(iom, "paragraph 8", RES_LABEL), "8");
	assert_string_equal(res(iom, "3(d)", RES_LABEL), "3(d)");
}

static void
test_labels_headings(void **state)
{
	char mk[DOC_MARKER_MAX];
	struct model *m = fixture_build("# Convention on Testing\n\n"
	    "### Article 1\n\n#### Purpose\n\n1. The purpose.\n\n2. More.\n\n"
	    "### Article 2\n\n#### Scope\n\n1. The scope.\n\n"
	    "## Annex I\n\n1. A list of tests.\n", shipped);
	struct target t[4];
	const struct node *n;

	(void)state;
	assert_string_equal(res(m, "Article 2", RES_LABEL), "Article 2");
	assert_string_equal(res(m, "article 2", RES_LABEL), "Article 2");
	assert_string_equal(res(m, "Annex I", RES_LABEL), "Annex I");
	assert_string_equal(res(m, "annex i 1", RES_LABEL), "Annex I 1");
	assert_string_equal(res(m, "Article 1 1", RES_LABEL), "Article 1 1");
	/* Paragraph 2 of Article 1, qualified as its neighbour "Article 1 1"
	 * is, whatever label it was given. */
	assert_int_equal(resolve(m, "Article 1 2", t, 4), 1);
	assert_int_equal(t[0].how, RES_LABEL);
	n = doc_node(m->doc, t[0].node);
	assert_string_equal(doc_marker(m->doc, t[0].node, mk), "2.");
	assert_string_equal(fixture_label(m, n->parent), "Article 1");
	model_free(m);
}

/* In an RFC, sections are labelled by their numbers: "Section 3.2", as
 * the text says it, is section 3.2. */
static void
test_labels_sections(void **state)
{
	struct model *m = fixture_build("\n\n\nNetwork Working Group                                          A. Tester\n"
	    "Request for Comments: 9999                                   Example Org\n"
	    "Category: Informational                                     January 2024\n\n\n"
	    "                      A Small Protocol for Testing\n\n"
	    "1.  Introduction\n\n   See Section 3.2 for the errors.\n\n"
	    "3.  Protocol\n\n   The protocol.\n\n"
	    "3.2.  Errors\n\n   The errors.\n", shipped);

	(void)state;
	assert_string_equal(res(m, "3.2", RES_LABEL), "3.2");
	assert_string_equal(res(m, "Section 3.2", RES_LABEL), "3.2");
	assert_string_equal(res(m, "section 3", RES_LABEL), "3");
	model_free(m);
	/* Where parts are numbered paragraphs, not sections, "Section 2"
	 * is not paragraph 2. */
	m = fixture_build("REPORT\n\n1. The first.\n\n2. The second.\n", shipped);
	assert_int_equal(doc_find_label(m->doc, "Section 2"), DOC_NONE);
	assert_int_equal(doc_find_label(m->doc, "paragraph 2"), fixture_node(m, "2"));
	model_free(m);
}

/* ------------------------------------------------------------------ lines */

static void
test_lines(void **state)
{
	struct target t[4];

	(void)state;
	assert_string_equal(res(iom, "line 56", RES_LINE), "5(b)(ii)");
	assert_string_equal(res(iom, "Line 7", RES_LINE), "1");
	assert_string_equal(res(iom, "  line 30 ", RES_LINE), "3(c)");
	/* A line inside a paragraph: the paragraph. */
	assert_string_equal(res(iom, "line 20", RES_LINE), "2");
	assert_string_equal(res(iom, "line 1", RES_LINE), "title");
	/* The text after a paragraph's items belongs to it. */
	assert_string_equal(res(iom, "line 60", RES_LINE), "5(b)");
	assert_int_equal(resolve(iom, "line 56", t, 4), 1);
	assert_int_equal(t[0].list, LISTS_NONE);
	/* Not line numbers ("line" is a word of "underline" in 1). */
	assert_true(resolve(iom, "line", t, 4) == 0 || t[0].how != RES_LINE);
	assert_true(resolve(iom, "line 0", t, 4) == 0 || t[0].how != RES_LINE);
	assert_true(resolve(iom, "line 5b", t, 4) == 0 || t[0].how != RES_LINE);
}

/* ------------------------------------------------------------------ lists */

static void
test_lists(void **state)
{
	struct target t[64];
	size_t n;

	(void)state;
	assert_string_equal(res(iom, "the four positions", RES_LIST),
	    "5(a) 5(b) 5(c) 5(d)");
	assert_string_equal(res(iom, "the three concerns", RES_LIST),
	    "6(a) 6(b) 6(c)");
	assert_string_equal(res(iom, "the four provisions", RES_LIST),
	    "3(a) 3(b) 3(c) 3(d)");
	assert_string_equal(res(iom, "the two developments", RES_LIST),
	    "5(b)(i) 5(b)(ii)");
	assert_string_equal(res(iom, "these several reasons", RES_LIST),
	    "6(a) 6(b) 6(c)");
	n = resolve(iom, "the three concerns", t, 64);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(t[i].list,
		    lists_held_by(iom->lists, fixture_node(iom, "6")));
	/* Fewer places than targets: the count of them all. */
	assert_int_equal(resolve(iom, "the four positions", t, 2), 4);
	assert_string_equal(fixture_label(iom, t[0].node), "5(a)");
	assert_string_equal(fixture_label(iom, t[1].node), "5(b)");
}

static void
test_lists_synonyms(void **state)
{
	(void)state;
	/* Synonyms of the shipped lexicon, whatever the noun's stem. */
	assert_string_equal(res(iom, "the three worries", RES_LIST),
	    "6(a) 6(b) 6(c)");
	assert_string_equal(res(iom, "the two scenarios", RES_LIST),
	    "5(b)(i) 5(b)(ii)");
	/* "provisions" stems to "provis": its synonyms are clauses. */
	assert_string_equal(res(iom, "the four clauses", RES_LIST),
	    "3(a) 3(b) 3(c) 3(d)");
	assert_string_equal(res(iom, "the four stipulations", RES_LIST),
	    "3(a) 3(b) 3(c) 3(d)");
}

static void
test_lists_repeated(void **state)
{
	struct model *m = fixture_build("REPEATED\n\n"
	    "1. The Board made two points:\n(a) one;\n(b) two.\n\n"
	    "2. Nothing here.\n\n"
	    "3. The Board again made two points:\n(a) three;\n(b) four.\n",
	    shipped);
	struct target t[8];

	(void)state;
	/* Both lists, in document order, one target per item. */
	assert_string_equal(res(m, "the two positions", RES_LIST),
	    "1(a) 1(b) 3(a) 3(b)");
	assert_int_equal(resolve(m, "the two positions", t, 8), 4);
	assert_int_not_equal(t[0].list, t[2].list);
	assert_int_equal(t[0].list, t[1].list);
	model_free(m);
}

/* ------------------------------------------------------------------ terms */

static void
test_terms(void **state)
{
	struct target t[4];

	(void)state;
	assert_string_equal(res(iom, "the Working Group", RES_TERM), "1");
	assert_int_equal(resolve(iom, "the Working Group", t, 4), 1);
	assert_int_equal(t[0].term, terms_find(iom->terms, "Working Group"));
	assert_string_equal(res(iom, "ECOSOC", RES_TERM), "3(b)");
	assert_string_equal(res(iom, "ecosoc", RES_TERM), "3(b)");
	assert_string_equal(res(iom, "UN DESA", RES_TERM), "3(c)");
	assert_string_equal(res(iom, "the draft resolution", RES_TERM), "2");
	assert_string_equal(res(iom, "the Global Migration Group", RES_TERM), "5(b)");
	assert_string_equal(res(iom, "Member State proprietorship", RES_TERM), "1");
}

/* ------------------------------------------------------------------ words */

static void
test_words(void **state)
{
	struct target t[4];

	(void)state;
	/* The deepest nodes whose own text holds every word. */
	assert_string_equal(res(iom, "migration governance", RES_WORDS), "2 7");
	assert_string_equal(res(iom, "duplicat", RES_WORDS), "5(b)(ii) 6(b)");
	assert_string_equal(res(iom, "neutrality", RES_WORDS), "5(a)");
	/* The text after 5(b)'s sub-items is 5(b)'s own. */
	assert_string_equal(res(iom, "UNHCR Geneva", RES_WORDS), "5(b)");
	/* Nothing. */
	assert_int_equal(resolve(iom, "xyzzy", t, 4), 0);
	assert_int_equal(resolve(iom, "migration xyzzy", t, 4), 0);
	assert_int_equal(resolve(iom, "the four bananas", t, 4), 0);
	assert_int_equal(resolve(iom, "", t, 4), 0);
	assert_int_equal(resolve(iom, "   ", t, 4), 0);
	assert_int_equal(resolve(iom, "paragraph 99", t, 4), 0);
}

/* ---------------------------------------------------------------- search */

struct spans {
	const struct doc *d;
	char text[16][128];
	uint32_t off[16], end[16];
	size_t n;
};

static void
note_span(void *arg, uint32_t off, uint32_t end)
{
	struct spans *s = arg;

	assert_true(off < end);
	if (s->n > 0)
		assert_true(off >= s->end[s->n - 1]);
	if (s->n < 16) {
		size_t len = end - off < 127 ? end - off : 127;

		memcpy(s->text[s->n], doc_data(s->d) + off, len);
		s->text[s->n][len] = '\0';
		s->off[s->n] = off;
		s->end[s->n] = end;
	}
	s->n++;
}

static uint32_t
block_of(const struct model *m, const char *lab)
{
	uint32_t n = fixture_node(m, lab);

	return doc_node(m->doc, n)->first_block;
}

/* Matches of pattern in the (first) block of node lab. */
static size_t
find_in(const struct model *m, const char *lab, const char *pattern,
    struct spans *s)
{
	struct pattern p;
	size_t n;

	memset(s, 0, sizeof(*s));
	s->d = m->doc;
	assert_true(search_compile(pattern, &p));
	n = search_block(m->doc, block_of(m, lab), &p, note_span, s);
	assert_int_equal(n, s->n);
	assert_int_equal(search_block(m->doc, block_of(m, lab), &p, NULL, NULL), n);
	search_pattern_free(&p);
	return n;
}

static void
test_compile(void **state)
{
	struct pattern p;

	(void)state;
	assert_false(search_compile("", &p));
	assert_false(search_compile("   \t ", &p));
	assert_true(search_compile("duplicat", &p));
	assert_false(p.exact_case);
	assert_string_equal(p.fold, "duplicat");
	assert_int_equal(p.len, 8);
	assert_int_equal(p.nwords, 1);
	assert_string_equal(p.words[0], "duplicat");
	search_pattern_free(&p);
	/* Smart case: a capital makes case matter. */
	assert_true(search_compile("Duplicat", &p));
	assert_true(p.exact_case);
	assert_string_equal(p.words[0], "duplicat");
	search_pattern_free(&p);
	/* White space runs are one space, at the ends none. */
	assert_true(search_compile("  member \t\n  states ", &p));
	assert_string_equal(p.fold, "member states");
	assert_int_equal(p.nwords, 2);
	assert_string_equal(p.words[0], "member");
	assert_string_equal(p.words[1], "states");
	search_pattern_free(&p);
	/* Accents, curly quotes and dashes fold. */
	assert_true(search_compile("caf\xC3\xA9 \xE2\x80\x9Cit\xE2\x80\x99s\xE2\x80\x9D a\xE2\x80\x93" "b", &p));
	assert_string_equal(p.fold, "cafe \"it's\" a-b");
	search_pattern_free(&p);
}

static void
test_substring_in_words(void **state)
{
	struct spans s;

	(void)state;
	assert_int_equal(find_in(iom, "5(b)(ii)", "duplicat", &s), 1);
	assert_string_equal(s.text[0], "duplicat");
	assert_int_equal(find_in(iom, "6(b)", "duplicat", &s), 1);
	assert_int_equal(find_in(iom, "6(b)", "plicati", &s), 1);
	assert_string_equal(s.text[0], "plicati");
	assert_int_equal(find_in(iom, "6(b)", "xyzzy", &s), 0);
}

static void
test_smart_case(void **state)
{
	struct spans s;

	(void)state;
	/* 6(a): "IOM is indisputably ... IOM serves States in the same way as
	 * UN agencies." */
	assert_int_equal(find_in(iom, "6(a)", "iom", &s), 2);
	assert_string_equal(s.text[0], "IOM");
	assert_int_equal(find_in(iom, "6(a)", "IOM", &s), 2);
	assert_int_equal(find_in(iom, "6(a)", "Iom", &s), 0);
	assert_int_equal(find_in(iom, "6(a)", "states", &s), 1);
	assert_int_equal(find_in(iom, "6(a)", "States", &s), 1);
	assert_int_equal(find_in(iom, "6(a)", "STATES", &s), 0);
	/* "un" is inside "universal" too; "UN" only the capitals. */
	assert_int_equal(find_in(iom, "6(a)", "UN", &s), 2);
	assert_true(find_in(iom, "6(a)", "un", &s) > 2);
}

static void
test_quotes_dashes_accents(void **state)
{
	struct spans s;

	(void)state;
	/* Straight quotes find curly ones. */
	assert_int_equal(find_in(iom, "1", "\"Member State proprietorship\"", &s), 1);
	/* (the line ends after "State ") */
	assert_string_equal(s.text[0],
	    "\xE2\x80\x9CMember State \nproprietorship\xE2\x80\x9D");
	assert_int_equal(find_in(iom, "2", "IOM's future", &s), 1);
	assert_string_equal(s.text[0], "IOM\xE2\x80\x99s future");
	assert_int_equal(find_in(iom, "2", "IOM\xE2\x80\x99s future", &s), 1);
	/* A hyphen finds an en dash, and an en dash a hyphen. */
	assert_int_equal(find_in(iom, "5", "IOM-UN relations", &s), 1);
	assert_string_equal(s.text[0], "IOM\xE2\x80\x93UN relations");
	assert_int_equal(find_in(iom, "5(b)", "self\xE2\x80\x94" "defence", &s), 1);
	assert_string_equal(s.text[0], "self-defence");
	/* Accents: the span covers the whole accented letter. */
	assert_int_equal(find_in(iom, "5", "vis-a-vis", &s), 1);
	assert_string_equal(s.text[0], "vis-\xC3\xA0-vis");
	assert_int_equal(find_in(iom, "5", "VIS-\xC3\x80-VIS", &s), 0);
	assert_int_equal(find_in(iom, "5", "vis-\xC3\xA0", &s), 1);
	assert_string_equal(s.text[0], "vis-\xC3\xA0");
}

static void
test_accents_small(void **state)
{
	struct model *m = fixture_build("ACCENTS\n\n"
	    "1. Caf\xC3\xA9, CAF\xC3\x89, cafe and cafe\xCC\x81 and Cafe.\n\n"
	    "2. It's the \"best\" year \xE2\x80\x94 so far.\n", shipped);
	struct spans s;

	(void)state;
	/* Curly quotes and dashes in the pattern find straight ones. */
	assert_int_equal(find_in(m, "2", "it\xE2\x80\x99s the \xE2\x80\x9C" "best\xE2\x80\x9D", &s), 1);
	assert_string_equal(s.text[0], "It's the \"best\"");
	assert_int_equal(find_in(m, "2", "year - so", &s), 1);
	assert_int_equal(find_in(m, "2", "year \xE2\x80\x93 so", &s), 1);
	assert_int_equal(find_in(m, "1", "cafe", &s), 5);
	assert_int_equal(find_in(m, "1", "caf\xC3\xA9", &s), 5);
	/* The combining accent belongs to the match. */
	assert_string_equal(s.text[3], "cafe\xCC\x81");
	/* A capital: case matters, accents still do not. */
	assert_int_equal(find_in(m, "1", "Caf\xC3\xA9", &s), 2);
	assert_string_equal(s.text[0], "Caf\xC3\xA9");
	assert_string_equal(s.text[1], "Cafe");
	model_free(m);
}

static void
test_whitespace_and_line_ends(void **state)
{
	struct spans s;

	(void)state;
	/* 5(d): "ever more Member States", "the Member \nStates, decide",
	 * "157 Member States". */
	assert_int_equal(find_in(iom, "5(d)", "Member States", &s), 3);
	assert_string_equal(s.text[0], "Member States");
	assert_non_null(strchr(s.text[1], '\n'));
	assert_int_equal(find_in(iom, "5(d)", "member    states", &s), 3);
	assert_int_equal(find_in(iom, "5(d)", "the Member States, decide", &s), 1);
	/* "2013 High-\nlevel Dialogue": a word rejoined at a line end. */
	assert_int_equal(find_in(iom, "3(c)", "High-level Dialogue", &s), 1);
	assert_int_equal(find_in(iom, "3(c)", "2013 High-level", &s), 1);
}

static void
test_line_end_hyphen_small(void **state)
{
	struct model *m = fixture_build("HYPHENS\n\n"
	    "1. The question of the institu-\ntionalization of migration.\n",
	    shipped);
	struct spans s;

	(void)state;
	assert_int_equal(find_in(m, "1", "institutionalization", &s), 1);
	assert_int_equal(find_in(m, "1", "tutional", &s), 1);
	assert_int_equal(find_in(m, "1", "institu-", &s), 0);
	assert_string_equal(res(m, "institutionalization", RES_WORDS), "1");
	model_free(m);
}

/* Every block that matches is a candidate, and candidates are blocks in
 * order.  Returns how many blocks match (those checked): a caller that
 * expects matches asserts it is above 0, or the check checked nothing. */
static size_t
check_candidates(const struct model *m, const char *pattern)
{
	struct pattern p;
	uint32_t *c;
	size_t n, k = 0, matching = 0;
	uint32_t nb = doc_nblocks(m->doc);

	assert_true(search_compile(pattern, &p));
	n = search_candidates(m->doc, m->index, &p, &c);
	assert_true(n <= nb);
	for (size_t i = 0; i < n; i++) {
		assert_true(c[i] < nb);
		if (i > 0)
			assert_true(c[i] > c[i - 1]);
	}
	for (uint32_t b = 0; b < nb; b++) {
		if (search_block(m->doc, b, &p, NULL, NULL) == 0)
			continue;
		matching++;
		while (k < n && c[k] < b)
			k++;
		if (k >= n || c[k] != b)
			fail_msg("\"%s\" matches block %u (%s) but it is no candidate",
			    pattern, b, fixture_label(m, doc_block(m->doc, b)->node));
	}
	free(c);
	search_pattern_free(&p);
	return matching;
}

static void
count_span(void *arg, uint32_t off, uint32_t end)
{
	(void)off;
	(void)end;
	++*(size_t *)arg;
}

/* search_count(): each block's matches in its own slot, as
 * search_block() finds them one by one (which folds the text another
 * way, keeping each byte's offset); spaces, tabs and capitals in every
 * arrangement around the words. */
static void
test_count(void **state)
{
	static const char *const seps[] = { " ", "  ", "\t", " \t ", "   " };
	/* In 300 paragraphs each of 1, 2 and 3 repeats: "Transport and
	 * transports", then "TRANSPORT and transports", and so on; the
	 * title has one more "TRANSPORT". */
	static const struct { const char *s; size_t total; } pats[] = {
		{ "transport", 1 + 2 * 300 * 6 },
		{ "transport and", 300 * 6 },           /* across the spaces */
		{ "TRANSPORT", 1 + 300 * (0 + 1 + 1) }, /* capitals: as typed */
	};
	struct buf b;
	struct model *m;
	struct pattern p;
	uint32_t *c, *counts;
	size_t n;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "REPORT ON TRANSPORT\n\n");
	for (int i = 1; i <= 1200; i++) {
		buf_printf(&b, "%d. Paragraph %d on", i, i);
		for (int k = 0; k < i % 4; k++)
			buf_printf(&b, "%s%s and%stransports", seps[(i + k) % 5],
			    k % 2 ? "TRANSPORT" : "Transport", seps[i % 5]);
		buf_adds(&b, " roads.\n\n");
	}
	m = fixture_build(b.data, shipped);
	buf_done(&b);
	for (size_t k = 0; k < sizeof(pats) / sizeof(pats[0]); k++) {
		size_t total = 0;

		assert_true(search_compile(pats[k].s, &p));
		n = search_candidates(m->doc, m->index, &p, &c);
		assert_true(n >= 901);
		counts = calloc(n, sizeof(*counts));
		search_count(m->doc, c, n, &p, counts);
		for (size_t i = 0; i < n; i++) {
			size_t one = 0;

			assert_int_equal(counts[i],
			    search_block(m->doc, c[i], &p, NULL, NULL));
			search_block(m->doc, c[i], &p, count_span, &one);
			assert_int_equal(counts[i], one);
			total += counts[i];
		}
		assert_int_equal(total, pats[k].total);
		free(counts);
		free(c);
		search_pattern_free(&p);
	}
	model_free(m);
}

static void
test_candidates(void **state)
{
	static const char *const pats[] = { "duplicat", "migration governance",
		"Member States", "member", "high-level dialogue", "vis-a-vis",
		"IOM's future", "e.g.", "UN", "un", "tion", "2013", "a",
		"the Member States, decide", "\"UN Migration\"", "xyzzy" };
	struct pattern p;
	uint32_t *c;
	size_t n;

	(void)state;
	/* Each pattern but the last matches somewhere. */
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		size_t matching = check_candidates(iom, pats[i]);

		if (strcmp(pats[i], "xyzzy") == 0)
			assert_int_equal(matching, 0);
		else if (matching == 0)
			fail_msg("\"%s\" matches no block: nothing checked", pats[i]);
	}
	/* The index narrows. */
	assert_true(search_compile("duplicat", &p));
	n = search_candidates(iom->doc, iom->index, &p, &c);
	assert_int_equal(n, 2);
	assert_string_equal(fixture_label(iom, doc_block(iom->doc, c[0])->node),
	    "5(b)(ii)");
	assert_string_equal(fixture_label(iom, doc_block(iom->doc, c[1])->node),
	    "6(b)");
	free(c);
	/* No index: every block. */
	n = search_candidates(iom->doc, NULL, &p, &c);
	assert_int_equal(n, doc_nblocks(iom->doc));
	free(c);
	search_pattern_free(&p);
	assert_true(search_compile("xyzzy", &p));
	n = search_candidates(iom->doc, iom->index, &p, &c);
	assert_int_equal(n, 0);
	free(c);
	search_pattern_free(&p);
	/* A pattern with no word in it: every block. */
	assert_true(search_compile("\xE2\x80\x93", &p));
	n = search_candidates(iom->doc, iom->index, &p, &c);
	assert_int_equal(n, doc_nblocks(iom->doc));
	free(c);
	search_pattern_free(&p);
}

static void
test_candidates_dashes(void **state)
{
	(void)state;
	/* "IOM–UN" is written with an en dash (two words in the index);
	 * the pattern's hyphen must not lose it. */
	assert_true(check_candidates(iom, "IOM-UN") > 0);
	assert_true(check_candidates(iom, "IOM\xE2\x80\x93UN") > 0);
	assert_true(check_candidates(iom, "iom-un relations") > 0);
}

static const char *
nodes_str(const struct model *m, const char *words)
{
	uint32_t *nodes;
	struct pattern first;
	size_t n = search_nodes(m->doc, m->index, words, &nodes, &first);
	const char *out;

	for (size_t i = 1; i < n; i++)
		assert_true(nodes[i] > nodes[i - 1]);
	out = fixture_labels(m, nodes, n);
	free(nodes);
	search_pattern_free(&first);
	return out;
}

static void
test_nodes(void **state)
{
	uint32_t *nodes;
	struct pattern first;
	size_t n;

	(void)state;
	assert_string_equal(nodes_str(iom, "duplicat"), "5(b)(ii) 6(b)");
	assert_string_equal(nodes_str(iom, "Duplicat"), "");
	assert_string_equal(nodes_str(iom, "migration governance"), "2 7");
	assert_string_equal(nodes_str(iom, "  governance   migration "), "2 7");
	assert_string_equal(nodes_str(iom, "ECOSOC"), "3(b)");
	assert_string_equal(nodes_str(iom, "vis-a-vis"), "5");
	assert_string_equal(nodes_str(iom, "UNHCR"), "5(b)");
	assert_string_equal(nodes_str(iom, "neutrality xyzzy"), "");
	/* The first word, compiled, for the caller's snippets. */
	n = search_nodes(iom->doc, iom->index, "Governance migration", &nodes, &first);
	assert_int_equal(n, 0);
	assert_true(first.exact_case);
	assert_string_equal(first.fold, "Governance");
	free(nodes);
	search_pattern_free(&first);
	n = search_nodes(iom->doc, iom->index, "", &nodes, NULL);
	assert_int_equal(n, 0);
	assert_non_null(nodes);
	free(nodes);
}

static void
test_nodes_dashes(void **state)
{
	(void)state;
	/* The title, 1, 5 and 5(a) say "IOM–UN". */
	assert_string_equal(nodes_str(iom, "IOM-UN"), "title 1 5 5(a)");
	assert_string_equal(nodes_str(iom, "IOM\xE2\x80\x93UN"), "title 1 5 5(a)");
	assert_string_equal(nodes_str(iom, "iom-un relations"), "title 1 5 5(a)");
}

/* The byte search the reader uses before the index is ready: the first
 * place where the pattern stands as typed, in lower case or capitalised,
 * never beyond n. */
static long
raw(const char *s, size_t n, const char *pattern)
{
	const char *hit = search_raw(s, n, pattern);

	if (hit != NULL)
		assert_true(hit >= s && hit + strlen(pattern) <= s + n);
	return hit ? (long)(hit - s) : -1;
}

static void
test_raw(void **state)
{
	const char *s = "xx Migration migration MIGRATION nigration";

	(void)state;
	assert_int_equal(raw(s, strlen(s), "migration"), 3);
	assert_int_equal(raw(s + 4, strlen(s + 4), "migration"), 9);
	assert_int_equal(raw(s, strlen(s), "MIGRATION"), 3);
	assert_int_equal(raw(s + 4, strlen(s + 4), "MIGRATION"), 9);
	assert_int_equal(raw(s + 14, strlen(s + 14), "MIGRATION"), 9);
	assert_int_equal(raw(s + 14, strlen(s + 14), "migration"), -1);
	/* Another first letter is not a match; the rest alone neither. */
	assert_int_equal(raw(s + 34, strlen(s + 34), "migration"), -1);
	assert_int_equal(raw("igration", 8, "migration"), -1);
	/* At the very start, and at the very end, and not one byte past. */
	assert_int_equal(raw("migration x", 11, "migration"), 0);
	assert_int_equal(raw("x Migration", 11, "migration"), 2);
	assert_int_equal(raw("x Migration", 10, "migration"), -1);
	/* Short patterns, typed in capitals. */
	assert_int_equal(raw("iom IOM Iom", 11, "IOM"), 0);
	assert_int_equal(raw("xx IOM Iom", 10, "IOM"), 3);
	assert_int_equal(raw("xx IoM Iom", 10, "iom"), 7);
	assert_int_equal(raw("xx IoM Iom", 10, "IoM"), 3);
	/* Not a letter first; nothing; longer than the text. */
	assert_int_equal(raw("a (b) (c)", 9, "(c)"), 6);
	assert_int_equal(raw("a 5(b) of it", 12, "5(B) OF"), 2);
	assert_int_equal(raw("abc", 3, ""), -1);
	assert_int_equal(raw("abc", 3, "abcd"), -1);
}

/* What raw searches learned of a text that grows: the first match
 * after the place searched from, kept by offset, is the same as a search
 * of the whole text would find, however the text was read in pieces. */
static void
test_raw_memo(void **state)
{
	/* "Migration" straddles offset 20; "migration" again at 40. */
	const char *s = "aaaa bbbb cccc dddd Migration eeee ffff migration gggg";
	uint32_t n = (uint32_t)strlen(s);
	struct search_memo m = { NULL, 0, 0, false, false };

	(void)state;
	/* Read as far as the middle of the first match: not found, and no
	 * claim on what was cut off. */
	assert_false(search_memo_start(&m, "migration", 2));
	assert_false(search_memo_scan(&m, s, 24, false, 0));
	assert_false(m.done);
	assert_true(m.upto <= 20);
	/* More is read: the match that was cut off, not the later one. */
	assert_true(search_memo_scan(&m, s, 30, false, 0));
	assert_int_equal(m.upto, 20);
	/* The same search from anywhere between: known, nothing to read. */
	assert_true(search_memo_start(&m, "migration", 10));
	assert_true(search_memo_scan(&m, s, n, true, 0));
	assert_int_equal(m.upto, 20);
	assert_true(search_memo_start(&m, "migration", 20));
	/* Past the match, or another pattern: learned afresh. */
	assert_false(search_memo_start(&m, "migration", 21));
	assert_true(search_memo_scan(&m, s, n, true, 0));
	assert_int_equal(m.upto, 40);
	assert_false(search_memo_start(&m, "eeee", 21));
	/* A step at a time (of at least twice the pattern). */
	assert_false(search_memo_scan(&m, s, n, true, 3));
	assert_int_equal(m.upto, 26);
	assert_true(search_memo_scan(&m, s, n, true, 3));
	assert_int_equal(m.upto, 30);
	/* None to the end: done only when the end is the text's end. */
	assert_false(search_memo_start(&m, "zzzz", 0));
	assert_false(search_memo_scan(&m, s, n, false, 0));
	assert_false(m.done);
	assert_false(search_memo_scan(&m, s, n, true, 0));
	assert_true(m.done);
	assert_true(search_memo_start(&m, "zzzz", 30));
	/* The text is another: forgotten. */
	search_memo_clear(&m);
	assert_null(m.pattern);
	assert_false(search_memo_start(&m, "zzzz", 30));
	assert_false(m.done);
	search_memo_clear(&m);

	/* Texts read in random pieces and idle steps of random sizes, the
	 * search begun again at random places: always what search_raw()
	 * finds in the whole text. */
	srand(7);
	for (int round = 0; round < 300; round++) {
		char text[400];
		uint32_t len = 50 + (uint32_t)(rand() % 300), from = 0, read = 0;
		const char *want;
		long expect;

		for (uint32_t i = 0; i < len; i++)
			text[i] = "ab Ab"[rand() % 5];
		text[len] = '\0';
		while (read < len) {
			read = MIN(len, read + 1 + (uint32_t)(rand() % 60));
			if (rand() % 3 == 0 && m.pattern)
				from = MIN(m.upto, from + (uint32_t)(rand() % 10));
			search_memo_start(&m, "abab", from);
			search_memo_scan(&m, text, read, read == len, (size_t)(rand() % 20));
			if (m.found) {
				/* Found in what is read, it is the first there. */
				want = search_raw(text + from, read - from, "abab");
				assert_non_null(want);
				assert_int_equal(m.upto, want - text);
			}
		}
		while (!m.found && !m.done)
			search_memo_scan(&m, text, len, true, (size_t)(rand() % 20));
		want = search_raw(text + from, len - from, "abab");
		expect = want ? (long)(want - text) : -1;
		assert_int_equal(m.found ? (long)m.upto : -1, expect);
		assert_true(m.found || m.done);
		search_memo_clear(&m);
		from = 0;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_labels_headings),
		cmocka_unit_test(test_labels_sections),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_lists_synonyms),
		cmocka_unit_test(test_lists_repeated),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_compile),
		cmocka_unit_test(test_substring_in_words),
		cmocka_unit_test(test_smart_case),
		cmocka_unit_test(test_quotes_dashes_accents),
		cmocka_unit_test(test_accents_small),
		cmocka_unit_test(test_whitespace_and_line_ends),
		cmocka_unit_test(test_line_end_hyphen_small),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_candidates_dashes),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_nodes_dashes),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_raw_memo),
	};

	return cmocka_run_group_tests_name("resolve", tests, setup, teardown);
}
