/*
 * test_xref.c - the cross-reference graph: every explicit form
 * ("paragraph 5 (b)", "para. 3", ranges, enumerations, "subparagraph (c)
 * above", "section 3.2", "Article 12", "Annex I", numbering that restarts
 * in each article), references to other documents, references to
 * labels the document lacks, references to lists, term edges and
 * backlinks, and related passages -- on the bundled document, and
 * bounded on a generated document of five megabytes.
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
#include "load.h"
#include "model.h"
#include "run.h"
#include "terms.h"
#include "util.h"
#include "xref.h"

static struct lexicon *shipped;

static int
setup(void **state)
{
	(void)state;
	shipped = fixture_lexicon();
	return shipped ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	lexicon_free(shipped);
	return 0;
}

/* One edge as "from kind [words] -> to", "-> NONE!" when unresolved. */
static void
describe(const struct model *m, const struct xref *x, struct buf *out)
{
	buf_printf(out, "%s %s [", fixture_label(m, x->from),
	    xrefs_kind_name(x->kind));
	if (x->kind != XREF_RELATED)
		xrefs_words(m->xrefs, x, out);
	buf_printf(out, "] -> %s%s", fixture_label(m, x->to),
	    x->unresolved ? "!" : "");
}

/* All explicit, external and list edges, one a line, checking that they
 * come in document order. */
static char *
edges(const struct model *m)
{
	static struct buf out;

	buf_done(&out);
	buf_init(&out);
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		if (i > 0)
			assert_true(x->off >= xrefs_get(m->xrefs, i - 1).off);
		assert_true(x->off < x->end);
		assert_int_equal(x->unresolved, x->kind == XREF_EXPLICIT && x->to == DOC_NONE);
		if (x->kind == XREF_EXTERNAL)
			assert_int_equal(x->to, DOC_NONE);
		/* from: the deepest node holding the words. */
		assert_int_equal(x->from, doc_node_at(m->doc, x->off));
		describe(m, x, &out);
		buf_addc(&out, '\n');
	}
	return out.data;
}

/* Does the graph hold this edge (a line of edges())? */
static bool
has_edge(const struct model *m, const char *line)
{
	const char *all = edges(m), *p = all;
	size_t n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == all || p[-1] == '\n') && p[n] == '\n')
			return true;
		p += n;
	}
	return false;
}

static void
expect_edge(const struct model *m, const char *line)
{
	if (!has_edge(m, line))
		fail_msg("no edge \"%s\" among:\n%s", line, edges(m));
}

static void
expect_no_edge(const struct model *m, const char *line)
{
	if (has_edge(m, line))
		fail_msg("unexpected edge \"%s\" among:\n%s", line, edges(m));
}

static size_t
count_edges(const struct model *m, enum xref_kind kind, const char *from)
{
	size_t n = 0;

	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		if (x->kind == kind && (from == NULL ||
		    strcmp(fixture_label(m, x->from), from) == 0))
			n++;
	}
	return n;
}

/* ------------------------------------------------------------ explicit */

static const char refs[] =
    "CROSS-REFERENCES\n"
    "\n"
    "1. This paragraph refers to paragraph 5 (b), to para. 3 and to paragraph 6(b).\n"
    "\n"
    "2. As noted in paragraphs 2 to 4, and in paragraphs 2, 3 and 5, the matter is\n"
    "open; see also paras. 3-4 and paragraphs 5 and 6.\n"
    "\n"
    "3. The Council took three decisions:\n"
    "(a) to act;\n"
    "(b) to wait;\n"
    "(c) to report;\n"
    "(d) to review what subparagraph (c) above requires.\n"
    "\n"
    "4. Recall resolution 68/4, document C/105/INF/1 and RFC 2119. See\n"
    "paragraph 3 of resolution 58/318, and paragraph 12, which does not exist.\n"
    "\n"
    "5. The Board had several reasons:\n"
    "(a) cost;\n"
    "(b) time, see subparagraph (a) above;\n"
    "(c) risk.\n"
    "\n"
    "6. These three reasons and the reasons above are cited in paragraph 3 of the present\n"
    "report.\n"
    "(a) one;\n"
    "(b) two.\n";

static void
test_explicit_forms(void **state)
{
	struct model *m = fixture_build(refs, shipped);

	(void)state;
	expect_edge(m, "1 explicit [paragraph 5 (b)] -> 5(b)");
	expect_edge(m, "1 explicit [para. 3] -> 3");
	expect_edge(m, "1 explicit [paragraph 6(b)] -> 6(b)");
	/* "of the present report" stays in the document. */
	expect_edge(m, "6 explicit [paragraph 3] -> 3");
	assert_int_equal(count_edges(m, XREF_EXPLICIT, "1"), 3);
	model_free(m);
}

static bool
edge_to(const struct model *m, const char *from, const char *to,
    enum xref_kind kind, const char *words)
{
	struct buf w;
	bool found = false;

	buf_init(&w);
	for (uint32_t i = 0; i < xrefs_count(m->xrefs) && !found; i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		buf_reset(&w);
		xrefs_words(m->xrefs, x, &w);
		found = x->kind == kind && strcmp(fixture_label(m, x->from), from) == 0 &&
		    strcmp(fixture_label(m, x->to), to) == 0 &&
		    (words == NULL || strstr(w.data, words) != NULL);
	}
	buf_done(&w);
	return found;
}

static void
test_ranges_and_enumerations(void **state)
{
	struct model *m = fixture_build(refs, shipped);
	size_t to[7] = { 0 };

	(void)state;
	/* "paragraphs 2 to 4": one edge per target. */
	assert_true(edge_to(m, "2", "2", XREF_EXPLICIT, "paragraphs 2"));
	assert_true(edge_to(m, "2", "3", XREF_EXPLICIT, "paragraphs 2 to 4"));
	assert_true(edge_to(m, "2", "4", XREF_EXPLICIT, "paragraphs 2 to 4"));
	/* "paragraphs 2, 3 and 5". */
	assert_true(edge_to(m, "2", "5", XREF_EXPLICIT, "paragraphs 2, 3 and 5"));
	/* "paras. 3-4", "paragraphs 5 and 6". */
	assert_true(edge_to(m, "2", "4", XREF_EXPLICIT, "paras. 3-4"));
	assert_true(edge_to(m, "2", "6", XREF_EXPLICIT, "paragraphs 5 and 6"));
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		if (x->kind == XREF_EXPLICIT &&
		    strcmp(fixture_label(m, x->from), "2") == 0) {
			int t = atoi(fixture_label(m, x->to));

			assert_true(t >= 2 && t <= 6);
			to[t]++;
		}
	}
	/* 2 (twice), 3 (three times), 4 (twice), 5 (twice), 6. */
	assert_int_equal(to[2], 2);
	assert_int_equal(to[3], 3);
	assert_int_equal(to[4], 2);
	assert_int_equal(to[5], 2);
	assert_int_equal(to[6], 1);
	assert_int_equal(count_edges(m, XREF_EXPLICIT, "2"), 10);
	model_free(m);
}

static void
test_relative(void **state)
{
	struct model *m = fixture_build(refs, shipped);

	(void)state;
	/* "(c) above" in 3(d) is 3(c); "(a) above" in 5(b) is 5(a). */
	expect_edge(m, "3(d) explicit [subparagraph (c)] -> 3(c)");
	expect_edge(m, "5(b) explicit [subparagraph (a)] -> 5(a)");
	model_free(m);
}

static void
test_present_across_line_end(void **state)
{
	struct model *m = fixture_build("REFS\n\n"
	    "1. First.\n\n"
	    "2. As paragraph 1 of the\n"
	    "present report says, and paragraph 1 of this\n"
	    "report too.\n", shipped);

	(void)state;
	/* "of the present report" broken at a line end is still this
	 * document. */
	assert_int_equal(count_edges(m, XREF_EXTERNAL, NULL), 0);
	assert_int_equal(count_edges(m, XREF_EXPLICIT, "2"), 2);
	expect_edge(m, "2 explicit [paragraph 1] -> 1");
	model_free(m);
}

static void
test_unresolved(void **state)
{
	struct model *m = fixture_build(refs, shipped);
	size_t n = 0;

	(void)state;
	/* Kept, marked, without a target. */
	expect_edge(m, "4 explicit [paragraph 12] -> NONE!");
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++)
		n += xrefs_get(m->xrefs, i).unresolved;
	assert_int_equal(n, 1);
	model_free(m);
	/* "(c) above" where there is no (c). */
	m = fixture_build("REFS\n\n1. The items:\n(a) one;\n"
	    "(b) two, unlike subparagraph (c) above.\n", shipped);
	expect_edge(m, "1(b) explicit [subparagraph (c)] -> NONE!");
	model_free(m);
}

static void
test_external(void **state)
{
	struct model *m = fixture_build(refs, shipped);

	(void)state;
	expect_edge(m, "4 external [resolution 68/4] -> NONE");
	expect_edge(m, "4 external [document C/105/INF/1] -> NONE");
	expect_edge(m, "4 external [RFC 2119] -> NONE");
	/* A paragraph of another document is not one of ours. */
	expect_edge(m, "4 external [paragraph 3] -> NONE");
	expect_edge(m, "4 external [resolution 58/318] -> NONE");
	expect_no_edge(m, "4 explicit [paragraph 3] -> 3");
	model_free(m);
}

static void
test_external_once(void **state)
{
	struct model *m = fixture_build(refs, shipped);

	(void)state;
	/* "document C/105/INF/1" is one reference to one document: its
	 * symbol is not read again as a bare symbol ("INF/1"). */
	assert_int_equal(count_edges(m, XREF_EXTERNAL, "4"), 5);
	expect_no_edge(m, "4 external [INF/1] -> NONE");
	model_free(m);
}

static void
test_external_symbols(void **state)
{
	struct model *m = fixture_build("SYMBOLS\n\n"
	    "1. See A/73/334 and E/CN.4/2005/1 and also A/RES/68/4.\n",
	    shipped);

	(void)state;
	/* Bare document symbols, wherever they stand. */
	expect_edge(m, "1 external [A/73/334] -> NONE");
	expect_edge(m, "1 external [E/CN.4/2005/1] -> NONE");
	expect_edge(m, "1 external [A/RES/68/4] -> NONE");
	assert_int_equal(count_edges(m, XREF_EXTERNAL, "1"), 3);
	model_free(m);
}

/* A paragraph cited right after another document's symbol is that
 * document's ("A/79/724, para. 16"); one cited after other words is
 * ours. */
static void
test_external_citations(void **state)
{
	struct model *m = fixture_build("CITATIONS\n\n"
	    "1. See the report (A/80/5 (Vol. II), chap. II, paras. 2 and 3).\n\n"
	    "2. The Committee recalls its view (see A/79/724, para. 1).\n\n"
	    "3. It recalls resolution 58/318 and paragraph 1 above.\n\n"
	    "4. It adopted the draft resolution (para. 1 above) and noted\n"
	    "A/79/724, annex, para. 3.\n\n"
	    "5. The Board reviewed the cash shortage (A/80/5 (Vol. II),\n"
	    "chap. II, paras. 1-4, and chap. IV, para. 2). It proposes a post\n"
	    "(ibid., para. 3) and recalls A/79/724 and paragraph 2 above.\n\n"
	    "6. By article 12, paragraph 3, of the Rome Statute, a State may accept,\n"
	    "as paragraph 1, in particular, and paragraph 2, in which it is said, show.\n\n"
	    "II.\n\nResources\nA.\n\nOverall\n"
	    "7. Gains are in section II.C of the report of the Secretary-General\n"
	    "and the needs in section II.A above; see also Annex I. The end.\n",
	    shipped);

	(void)state;
	/* One edge for another document's paragraphs, however many. */
	expect_edge(m, "1 external [paras. 2 and 3] -> NONE");
	expect_no_edge(m, "1 external [paras. 2] -> NONE");
	/* A citation goes on across a line end and after "and chap.". */
	expect_edge(m, "5 external [paras. 1-4] -> NONE");
	expect_no_edge(m, "5 explicit [paras. 1-4] -> 3");
	expect_edge(m, "5 external [para. 2] -> NONE");
	expect_no_edge(m, "5 explicit [para. 2] -> 2");
	/* "ibid." names the document cited before. */
	expect_edge(m, "5 external [para. 3] -> NONE");
	expect_no_edge(m, "5 explicit [para. 3] -> 3");
	/* "and" right before the reference: this document again. */
	expect_edge(m, "5 explicit [paragraph 2] -> 2");
	/* An article's paragraph "of" another instrument, after a comma. */
	expect_edge(m, "6 external [article 12, paragraph 3] -> NONE");
	/* "in" after a comma does not leave the document. */
	expect_edge(m, "6 explicit [paragraph 1] -> 1");
	expect_edge(m, "6 explicit [paragraph 2] -> 2");
	/* A report's parts: "II.C" of another report, "II.A" of this one;
	 * "Annex I." ends a sentence. */
	expect_edge(m, "7 external [section II.C] -> NONE");
	expect_edge(m, "7 explicit [section II.A] -> II.A");
	expect_edge(m, "7 explicit [Annex I] -> NONE!");
	expect_edge(m, "2 external [para. 1] -> NONE");
	expect_no_edge(m, "2 explicit [para. 1] -> 1");
	expect_edge(m, "3 explicit [paragraph 1] -> 1");
	/* "resolution" with no symbol after it names no document. */
	expect_edge(m, "4 explicit [para. 1] -> 1");
	expect_edge(m, "4 external [para. 3] -> NONE");
	model_free(m);
	/* In an annex numbered afresh, "paragraph 1 above" is the annex's. */
	{
		struct buf b;

		buf_init(&b);
		buf_adds(&b, "REPORT\n\nI. BODY\n\n");
		for (int i = 1; i <= 20; i++)
			buf_printf(&b, "%d. The Committee met for the %d time.\n\n", i, i);
		buf_adds(&b, "Annex I\n\n1. The first.\n\n2. The second, as in paragraph 1 above.\n");
		m = fixture_build(b.data, shipped);
		buf_done(&b);
		expect_edge(m, "Annex I 2 explicit [paragraph 1] -> Annex I 1");
		model_free(m);
	}
}

/* ----------------------------------------------- sections and articles */

static const char rfc[] =
    "Network Working Group                                          A. Tester\n"
    "Request for Comments: 9999                                   Example Org\n"
    "Category: Informational                                     January 2024\n"
    "\n"
    "\n"
    "                      A Small Protocol for Testing\n"
    "\n"
    "Abstract\n"
    "\n"
    "   This document describes a small protocol.  It uses the key words of\n"
    "   RFC 2119.  See Section 3.2 for the details.\n"
    "\n"
    "1.  Introduction\n"
    "\n"
    "   The protocol has two parts, described in Section 2 and section 3.\n"
    "\n"
    "2.  Terminology\n"
    "\n"
    "   The key words are to be interpreted as described in RFC 2119.  Names\n"
    "   are as in Section 3.5 of [RFC1034]; times as in Annex B.2 of ISO 8601.\n"
    "\n"
    "3.  Protocol\n"
    "\n"
    "3.1.  Messages\n"
    "\n"
    "   A message is a line of text.\n"
    "\n"
    "3.2.  Errors\n"
    "\n"
    "   An error is reported as described in Section 3.1 and in section 4,\n"
    "   which does not exist.\n";

static void
test_sections(void **state)
{
	struct model *m = fixture_build(rfc, shipped);

	(void)state;
	assert_string_equal(doc_kind(m->doc), "rfc");
	expect_edge(m, "Abstract explicit [Section 3.2] -> 3.2");
	expect_edge(m, "1 explicit [Section 2] -> 2");
	expect_edge(m, "1 explicit [section 3] -> 3");
	expect_edge(m, "3.2 explicit [Section 3.1] -> 3.1");
	expect_edge(m, "3.2 explicit [section 4] -> NONE!");
	expect_edge(m, "Abstract external [RFC 2119] -> NONE");
	expect_edge(m, "2 external [RFC 2119] -> NONE");
	/* Another document's section, named in brackets or by name. */
	expect_edge(m, "2 external [Section 3.5] -> NONE");
	expect_edge(m, "2 external [Annex B.2] -> NONE");
	model_free(m);
}

static const char law[] =
    "# Convention on Testing\n"
    "\n"
    "## Chapter I\n"
    "\n"
    "### Article 1\n"
    "\n"
    "#### Purpose\n"
    "\n"
    "1. The purpose of this Convention is set out in Article 2 and Annex I.\n"
    "\n"
    "2. Nothing in Article 4, paragraph 2, shall affect the rights of a Party.\n"
    "\n"
    "### Article 2\n"
    "\n"
    "#### Definitions\n"
    "\n"
    "1. For the purposes of this Convention, a check is a test.\n"
    "\n"
    "2. The definitions in paragraph 1 apply throughout, and Article 12 does not exist.\n"
    "\n"
    "### Article 3\n"
    "\n"
    "#### Scope\n"
    "\n"
    "1. This Convention applies to tests as defined in Article 2, paragraph 1.\n"
    "\n"
    "### Article 4\n"
    "\n"
    "#### Obligations\n"
    "\n"
    "1. Each Party shall:\n"
    "\n"
    "(a) test;\n"
    "\n"
    "(b) report, as subparagraph (a) above requires.\n"
    "\n"
    "2. A Party may refer to Annex I and to Chapter I.\n"
    "\n"
    "## Annex I\n"
    "\n"
    "1. A list of tests, as Article 3 says.\n";

static void
test_articles_annexes(void **state)
{
	struct model *m = fixture_build(law, shipped);

	(void)state;
	assert_string_equal(doc_kind(m->doc), "markdown");
	expect_edge(m, "Article 1 1 explicit [Article 2] -> Article 2");
	expect_edge(m, "Article 1 1 explicit [Annex I] -> Annex I");
	expect_edge(m, "Article 2 2 explicit [Article 12] -> NONE!");
	expect_edge(m, "Article 4 2 explicit [Annex I] -> Annex I");
	expect_edge(m, "Article 4 2 explicit [Chapter I] -> Chapter I");
	expect_edge(m, "Annex I 1 explicit [Article 3] -> Article 3");
	/* Numbering restarts in each article: "paragraph 1" in Article 2 is
	 * Article 2's. */
	expect_edge(m, "Article 2 2 explicit [paragraph 1] -> Article 2 1");
	expect_edge(m, "Article 4 1(b) explicit [subparagraph (a)] -> Article 4 1(a)");
	model_free(m);
}

static void
test_article_paragraph(void **state)
{
	struct model *m = fixture_build(law, shipped);

	(void)state;
	/* "Article 4, paragraph 2" written in Article 1 is paragraph 2 of
	 * Article 4, not of Article 1. */
	assert_true(edge_to(m, "Article 1 2", "Article 4 2", XREF_EXPLICIT, NULL));
	assert_false(edge_to(m, "Article 1 2", "Article 1 2", XREF_EXPLICIT, NULL));
	/* The same from Article 3: "Article 2, paragraph 1". */
	assert_true(edge_to(m, "Article 3 1", "Article 2 1", XREF_EXPLICIT, NULL));
	assert_false(edge_to(m, "Article 3 1", "Article 3 1", XREF_EXPLICIT, NULL));
	model_free(m);
}

/* The words after a label are read in any case: "OF ARTICLE 4", "Of This
 * Article" (accept_word() tries the first letter before the rest). */
static void
test_article_paragraph_case(void **state)
{
	struct model *m = fixture_build("# Convention on Testing\n\n"
	    "### Article 1\n\n"
	    "1. NOTHING IN PARAGRAPH 2 OF ARTICLE 4 SHALL AFFECT A PARTY.\n\n"
	    "2. Nothing in Paragraph 1 Of This Article shall apply.\n\n"
	    "### Article 4\n\n"
	    "1. Each Party shall test.\n\n"
	    "2. Each Party shall report.\n", shipped);

	(void)state;
	assert_true(edge_to(m, "Article 1 1", "Article 4 2", XREF_EXPLICIT,
	    "PARAGRAPH 2 OF ARTICLE 4"));
	assert_true(edge_to(m, "Article 1 2", "Article 1 1", XREF_EXPLICIT,
	    "Paragraph 1 Of This Article"));
	model_free(m);
}

static void
test_headings_are_not_references(void **state)
{
	struct model *m = fixture_build(law, shipped);

	(void)state;
	/* "### Article 1" is the article itself, not a reference to it. */
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;
		uint32_t b = doc_block_at(m->doc, x->off);

		if (doc_block(m->doc, b)->kind == BLOCK_HEADING) {
			struct buf w;

			buf_init(&w);
			describe(m, x, &w);
			fail_msg("an edge from a heading's own text: %s", w.data);
		}
	}
	expect_no_edge(m, "Article 1 explicit [Article 1] -> Article 1");
	expect_no_edge(m, "Chapter I explicit [Chapter I] -> Chapter I");
	model_free(m);
}

/* ------------------------------------------------------- list references */

static void
test_list_references(void **state)
{
	struct model *m = fixture_build(refs, shipped);

	(void)state;
	/* "These three reasons", "the reasons above": the list of 5. */
	expect_edge(m, "6 list [These three reasons] -> 5");
	expect_edge(m, "6 list [the reasons above] -> 5");
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		if (x->kind == XREF_LIST) {
			assert_int_equal(x->aux, lists_held_by(m->lists, x->to));
			assert_int_equal(lists_at(m->lists, x->aux), x->to);
		}
	}
	/* A list's own lead-in is no reference to it. */
	expect_no_edge(m, "5 list [several reasons] -> 5");
	assert_int_equal(count_edges(m, XREF_LIST, "3"), 0);
	assert_int_equal(count_edges(m, XREF_LIST, "5"), 0);
	model_free(m);
}

static void
test_list_reference_nouns(void **state)
{
	struct model *m = fixture_build("LISTS\n\n"
	    "1. The draft has four provisions:\n(a) one;\n(b) two;\n(c) three;\n"
	    "(d) four.\n\n"
	    "2. The Council took three decisions:\n(a) to act;\n(b) to wait;\n"
	    "(c) to report.\n\n"
	    "3. These four provisions matter, and so do the three decisions\n"
	    "and the points above.\n\n"
	    "4. It made four points:\n(a) one;\n(b) two;\n(c) three;\n(d) four.\n\n"
	    "5. The four provisions and these three decisions, as the four\n"
	    "positions above, stand.\n", shipped);

	(void)state;
	expect_edge(m, "3 list [These four provisions] -> 1");
	expect_edge(m, "3 list [the three decisions] -> 2");
	/* "the points above" before any list of points: the one after. */
	expect_edge(m, "3 list [the points above] -> 4");
	expect_edge(m, "5 list [The four provisions] -> 1");
	expect_edge(m, "5 list [these three decisions] -> 2");
	/* A synonym. */
	expect_edge(m, "5 list [the four positions above] -> 4");
	model_free(m);
}

/* A word never seen before: "q", i's digits in letters, then end. */
static void
add_new_word(struct buf *b, unsigned i, const char *end)
{
	buf_addc(b, 'q');
	for (unsigned k = i; k > 0; k /= 26)
		buf_addc(b, (char)('a' + k % 26));
	buf_adds(b, end);
}

/* What the lists and the references work out once a word is kept in
 * caches of a few thousand slots by word id, and a noun's keys in a
 * few hundred by its stem (lists.c, xref.c): the words of the last
 * lists and of the references to them come after thousands of other
 * nouns referred to and thousands of other lead-ins have taken every
 * slot, and are worked out on their own. */
static void
test_list_words_evicted(void **state)
{
	enum { NOUNS = 10000, LISTS = 2500 };
	struct buf b;
	struct model *m;
	char want[64];
	uint32_t n;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "LISTS\n\n1.");
	for (unsigned i = 0; i < NOUNS; i++) {
		buf_adds(&b, i % 4 == 0 ? "\nthe two " : " the two ");
		add_new_word(&b, i, "bs,");
	}
	buf_adds(&b, ".\n\n");
	for (unsigned i = 0; i < LISTS; i++) {
		buf_printf(&b, "%u. It has two ", i + 2);
		add_new_word(&b, NOUNS + i, "bs:\n(a) one;\n(b) two.\n\n");
	}
	buf_printf(&b, "%u. The draft has four provisions:\n(a) one;\n(b) two;\n"
	    "(c) three;\n(d) four.\n\n", LISTS + 2);
	buf_printf(&b, "%u. The Council took three decisions:\n(a) to act;\n"
	    "(b) to wait;\n(c) to report.\n\n", LISTS + 3);
	buf_printf(&b, "%u. These four provisions matter, and so do the three "
	    "decisions.\n", LISTS + 4);
	m = fixture_build(b.data, shipped);
	n = lists_count(m->lists);
	assert_int_equal(n, LISTS + 2);
	assert_int_equal(lists_stated(m->lists, n - 2), 4);
	assert_string_equal(lists_noun(m->lists, n - 2), "provisions");
	assert_int_equal(lists_stated(m->lists, n - 1), 3);
	assert_string_equal(lists_noun(m->lists, n - 1), "decisions");
	snprintf(want, sizeof(want), "%u list [These four provisions] -> %u",
	    LISTS + 4, LISTS + 2);
	expect_edge(m, want);
	snprintf(want, sizeof(want), "%u list [the three decisions] -> %u",
	    LISTS + 4, LISTS + 3);
	expect_edge(m, want);
	model_free(m);
	buf_done(&b);
}

static void
test_from_off(void **state)
{
	struct model *m = fixture_build(refs, shipped);
	uint32_t n = xrefs_count(m->xrefs);

	(void)state;
	assert_true(n > 10);
	assert_int_equal(xrefs_from_off(m->xrefs, 0), 0);
	assert_int_equal(xrefs_from_off(m->xrefs, UINT32_MAX), n);
	for (uint32_t i = 0; i < n; i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;
		uint32_t k = xrefs_from_off(m->xrefs, x->off);

		assert_true(k <= i);
		assert_int_equal(xrefs_get(m->xrefs, k).off, x->off);
		assert_true(xrefs_from_off(m->xrefs, x->off + 1) > i);
	}
	assert_string_equal(xrefs_kind_name(XREF_EXPLICIT), "explicit");
	assert_string_equal(xrefs_kind_name(XREF_LIST), "list");
	assert_string_equal(xrefs_kind_name(XREF_TERM), "term");
	assert_string_equal(xrefs_kind_name(XREF_RELATED), "related");
	assert_string_equal(xrefs_kind_name(XREF_EXTERNAL), "external");
	model_free(m);
}

/* ------------------------------------------------- terms and backlinks */

struct collect {
	const struct model *m;
	struct buf out;
	size_t n;
};

static void
collect(void *arg, const struct xref *x)
{
	struct collect *c = arg;

	describe(c->m, x, &c->out);
	buf_addc(&c->out, '\n');
	c->n++;
}

static void
test_term_edges_bundled(void **state)
{
	struct model *m = fixture_build_bundled(shipped);
	struct collect c = { .m = m };
	uint32_t dr = terms_find(m->terms, "draft resolution");
	uint32_t wg = terms_find(m->terms, "Working Group");

	(void)state;
	buf_init(&c.out);
	xrefs_terms(m->xrefs, collect, &c);
	/* A later mention to the first. */
	assert_non_null(strstr(c.out.data, "8 term [Working Group] -> 1\n"));
	assert_non_null(strstr(c.out.data, "3 term [draft resolution] -> 2\n"));
	assert_non_null(strstr(c.out.data, "5 term [draft resolution] -> 2\n"));
	assert_non_null(strstr(c.out.data, "6 term [draft resolution] -> 2\n"));
	/* ECOSOC is mentioned once: no edge. */
	assert_null(strstr(c.out.data, "[ECOSOC]"));
	/* Never from the first mention to itself. */
	assert_null(strstr(c.out.data, "1 term [Working Group] -> 1\n"));
	assert_null(strstr(c.out.data, "2 term [draft resolution] -> 2\n"));
	buf_done(&c.out);
	/* One edge per term and later node. */
	{
		size_t n, want = 0;

		for (uint32_t t = 0; t < terms_count(m->terms); t++) {
			terms_nodes(m->terms, t, &n);
			want += n - 1;
		}
		assert_int_equal(c.n, want);
	}
	assert_int_not_equal(dr, TERMS_NONE);
	assert_int_not_equal(wg, TERMS_NONE);
	model_free(m);
}

struct back {
	const struct model *m;
	uint32_t node;
	bool term_from[64];
	size_t n;
};

static void
note_back(void *arg, const struct xref *x)
{
	struct back *b = arg;

	assert_int_equal(x->to, b->node);
	if (x->kind == XREF_TERM && x->from < 64 &&
	    strcmp(terms_text(b->m->terms, x->aux), "draft resolution") == 0)
		b->term_from[x->from] = true;
	b->n++;
}

static void
test_backlinks_bundled(void **state)
{
	struct model *m = fixture_build_bundled(shipped);
	struct back b = { .m = m, .node = fixture_node(m, "2") };

	(void)state;
	xrefs_backlinks(m->xrefs, b.node, note_back, &b);
	/* 2 gets the term edges from 3, 5 and 6 for "draft resolution". */
	assert_true(b.term_from[fixture_node(m, "3")]);
	assert_true(b.term_from[fixture_node(m, "5")]);
	assert_true(b.term_from[fixture_node(m, "6")]);
	assert_false(b.term_from[fixture_node(m, "2")]);
	assert_false(b.term_from[fixture_node(m, "1")]);
	assert_true(b.n >= 3);
	/* 1 gets "the Working Group" of 8. */
	{
		struct collect c = { .m = m };

		buf_init(&c.out);
		xrefs_backlinks(m->xrefs, fixture_node(m, "1"), collect, &c);
		assert_non_null(strstr(c.out.data, "8 term [Working Group] -> 1\n"));
		buf_done(&c.out);
	}
	model_free(m);
}

static void
test_backlinks_explicit(void **state)
{
	struct model *m = fixture_build(refs, shipped);
	struct collect c = { .m = m };

	(void)state;
	buf_init(&c.out);
	xrefs_backlinks(m->xrefs, fixture_node(m, "3"), collect, &c);
	/* para. 3 from 1, paragraphs 2 to 4 / 2, 3 and 5 / paras. 3-4 from
	 * 2, paragraph 3 from 6. */
	assert_non_null(strstr(c.out.data, "1 explicit [para. 3] -> 3\n"));
	assert_non_null(strstr(c.out.data, "6 explicit [paragraph 3] -> 3\n"));
	assert_null(strstr(c.out.data, "external"));
	assert_int_equal(c.n, 5);
	buf_reset(&c.out);
	c.n = 0;
	/* The list's holder gets the list references. */
	xrefs_backlinks(m->xrefs, fixture_node(m, "5"), collect, &c);
	assert_non_null(strstr(c.out.data, "6 list [These three reasons] -> 5\n"));
	assert_non_null(strstr(c.out.data, "6 list [the reasons above] -> 5\n"));
	buf_reset(&c.out);
	c.n = 0;
	xrefs_backlinks(m->xrefs, fixture_node(m, "1"), collect, &c);
	assert_int_equal(c.n, 0);
	buf_done(&c.out);
	model_free(m);
}

/* -------------------------------------------------------------- related */

static void
test_related_bundled(void **state)
{
	struct model *m = fixture_build_bundled(shipped);
	struct xref out[XREF_RELATED_MAX];
	uint32_t b5 = fixture_node(m, "5(b)");
	size_t n = xrefs_related(m->xrefs, b5, out);
	bool has6b = false, has7 = false;

	(void)state;
	assert_int_equal(n, XREF_RELATED_MAX);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(out[i].kind, XREF_RELATED);
		assert_int_equal(out[i].from, b5);
		assert_true(out[i].score > 0);
		if (i > 0)
			assert_true(out[i].score <= out[i - 1].score);
		/* Not itself, nor its own sub-items, nor what holds it. */
		assert_false(doc_contains(m->doc, b5, out[i].to));
		assert_false(doc_contains(m->doc, out[i].to, b5));
		has6b |= strcmp(fixture_label(m, out[i].to), "6(b)") == 0;
		has7 |= strcmp(fixture_label(m, out[i].to), "7") == 0;
	}
	assert_true(has6b);
	assert_true(has7);
	/* The title is related to nothing. */
	assert_int_equal(xrefs_related(m->xrefs, doc_title_node(m->doc), out), 0);
	/* Every node: at most five, each distinct. */
	for (uint32_t nd = 0; nd < doc_nnodes(m->doc); nd++) {
		n = xrefs_related(m->xrefs, nd, out);
		assert_true(n <= XREF_RELATED_MAX);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < i; j++)
				assert_int_not_equal(out[i].to, out[j].to);
	}
	model_free(m);
}

/* About `size` bytes of numbered paragraphs drawn from a small
 * vocabulary, so that every word has postings all through. */
static char *
generated(size_t size, size_t *len)
{
	static const char *const w[] = { "migration", "development",
		"resolution", "governance", "membership", "committee", "member",
		"states", "organization", "system", "mandate", "agency", "report",
		"dialogue", "convention", "partnership", "budget", "reform",
		"strategy", "council" };
	char *s = malloc(size + 4096);
	unsigned seed = 1;
	int p = 0;

	*len = (size_t)sprintf(s, "A GENERATED DOCUMENT\n\n");
	while (*len < size) {
		*len += (size_t)sprintf(s + *len, "%d.", ++p);
		for (int k = 0; k < 16; k++) {
			seed = seed * 1103515245u + 12345u;
			*len += (size_t)sprintf(s + *len, " %s", w[(seed >> 16) % 20]);
		}
		*len += (size_t)sprintf(s + *len, ".\n\n");
	}
	return s;
}

static void
test_related_bounded(void **state)
{
	size_t len;
	char *s;
	struct load_error e;
	struct text *t;
	struct model *m;
	struct xref out[XREF_RELATED_MAX];
	uint32_t nn;

	(void)state;
	/* Bounded means quick: a hang or a quadratic walk fails (in well
	 * under a second normally, a few under sanitizers). */
	test_watchdog(120, "test_xref's test_related_bounded");
	s = generated(5u * 1024 * 1024, &len);
	t = load_bytes("big", s, len, NULL, &e);
	free(s);
	assert_non_null(t);
	m = model_build(t, shipped);
	load_unref(t);
	nn = doc_nnodes(m->doc);
	assert_true(nn > 30000);
	/* Nodes at the start, in the middle and at the end. */
	for (uint32_t i = 1; i < nn; i += nn / 25) {
		size_t n = xrefs_related(m->xrefs, i, out);

		assert_int_equal(n, XREF_RELATED_MAX);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(out[k].from, i);
			assert_int_not_equal(out[k].to, i);
			assert_true(out[k].to < nn);
		}
	}
	assert_int_equal(xrefs_related(m->xrefs, nn - 1, out), XREF_RELATED_MAX);
	model_free(m);
	test_watchdog(0, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explicit_forms),
		cmocka_unit_test(test_ranges_and_enumerations),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_present_across_line_end),
		cmocka_unit_test(test_unresolved),
		cmocka_unit_test(test_external),
		cmocka_unit_test(test_external_once),
		cmocka_unit_test(test_external_symbols),
		cmocka_unit_test(test_external_citations),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_articles_annexes),
		cmocka_unit_test(test_article_paragraph),
		cmocka_unit_test(test_article_paragraph_case),
		cmocka_unit_test(test_headings_are_not_references),
		cmocka_unit_test(test_list_references),
		cmocka_unit_test(test_list_reference_nouns),
		cmocka_unit_test(test_list_words_evicted),
		cmocka_unit_test(test_from_off),
		cmocka_unit_test(test_term_edges_bundled),
		cmocka_unit_test(test_backlinks_bundled),
		cmocka_unit_test(test_backlinks_explicit),
		cmocka_unit_test(test_related_bundled),
		cmocka_unit_test_teardown(test_related_bounded, test_watchdog_stop),
	};

	return cmocka_run_group_tests_name("xref", tests, setup, teardown);
}
