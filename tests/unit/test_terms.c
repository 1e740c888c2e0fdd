/*
 * test_terms.c - the term index: acronyms, capitalised names, quoted
 * terms and defined phrases, on small documents and on the bundled one;
 * the nodes that mention each term and its first mention in the body
 * (the title does not count); terms_find with a leading article; the
 * spans terms_mentions reports.
 */
#include "autoconf.h"

#include <pthread.h>
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
#include "load.h"
#include "model.h"
#include "terms.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

static struct lexicon *lexicon;        /* an empty one, for every model */

static int
setup(void **state)
{
	(void)state;
	lexicon = lexicon_parse("", 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	lexicon_free(lexicon);
	return 0;
}

/* The term with exactly this text and kind, or TERMS_NONE. */
static uint32_t
find_exact(const struct model *m, const char *text, enum term_kind kind)
{
	for (uint32_t t = 0; t < terms_count(m->terms); t++)
		if (strcmp(terms_text(m->terms, t), text) == 0 &&
		    terms_kind(m->terms, t) == kind)
			return t;
	return TERMS_NONE;
}

/* "1 2 8": the labels of the nodes that mention term t. */
static const char *
nodes_of(const struct model *m, uint32_t t)
{
	size_t n;
	const uint32_t *nodes = terms_nodes(m->terms, t, &n);

	return fixture_labels(m, nodes, n);
}

static bool
mentions(const struct model *m, uint32_t t, const char *lab)
{
	size_t n;
	const uint32_t *nodes = terms_nodes(m->terms, t, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(fixture_label(m, nodes[i]), lab) == 0)
			return true;
	return false;
}

/* Term text of this kind exists, first mentioned in node first. */
static uint32_t
expect_term(const struct model *m, const char *text, enum term_kind kind,
    const char *first)
{
	uint32_t t = find_exact(m, text, kind);

	if (t == TERMS_NONE)
		fail_msg("no %s term \"%s\"", terms_kind_name(kind), text);
	if (strcmp(fixture_label(m, terms_first(m->terms, t)), first) != 0)
		fail_msg("\"%s\": first mention in %s, want %s", text,
		    fixture_label(m, terms_first(m->terms, t)), first);
	/* The first mention is the first node mentioning it. */
	{
		size_t n;
		const uint32_t *nodes = terms_nodes(m->terms, t, &n);

		assert_true(n >= 1);
		assert_int_equal(nodes[0], terms_first(m->terms, t));
	}
	return t;
}

static void
expect_nodes(const struct model *m, const char *text, enum term_kind kind,
    const char *nodes)
{
	uint32_t t = find_exact(m, text, kind);

	if (t == TERMS_NONE)
		fail_msg("no %s term \"%s\"", terms_kind_name(kind), text);
	if (strcmp(nodes_of(m, t), nodes) != 0)
		fail_msg("\"%s\" is mentioned in %s, want %s", text, nodes_of(m, t),
		    nodes);
}

static void
expect_no_term(const struct model *m, const char *text)
{
	for (uint32_t t = 0; t < terms_count(m->terms); t++)
		if (strcmp(terms_text(m->terms, t), text) == 0)
			fail_msg("unexpected %s term \"%s\"",
			    terms_kind_name(terms_kind(m->terms, t)), text);
}

/* -------------------------------------------------------- small documents */

static const char small[] =
    "Report of the Working Group on Testing\n"
    "\n"
    "1. The Working Group met twice. IOM and UNHCR attended, with UN DESA,\n"
    "the UNCTs and ECOSOC, under item III.\n"
    "\n"
    "2. The Global Migration Group and the Working Group on Budget Reform\n"
    "consulted the High-level Dialogue and the Second Committee.\n"
    "\n"
    "3. What is called \xE2\x80\x9CMember State proprietorship\xE2\x80\x9D matters, and so\n"
    "does \"UN Migration\". They adopted a draft resolution on a good day.\n"
    "\n"
    "4. The members discussed that draft resolution with the Second Committee. Then IOM spoke.\n"
    "\n"
    "5. The draft resolution was adopted, and the Global Migration Group agreed.\n";

static void
test_acronyms(void **state)
{
	struct model *m = fixture_build(small, lexicon);

	(void)state;
	expect_term(m, "IOM", TERM_ACRONYM, "1");
	expect_nodes(m, "IOM", TERM_ACRONYM, "1 4");
	expect_term(m, "UNHCR", TERM_ACRONYM, "1");
	/* A run of acronyms is one term. */
	expect_term(m, "UN DESA", TERM_ACRONYM, "1");
	expect_no_term(m, "DESA");
	expect_no_term(m, "UN DESA ECOSOC");
	/* Capitals and a plural "s". */
	expect_term(m, "UNCTs", TERM_ACRONYM, "1");
	expect_term(m, "ECOSOC", TERM_ACRONYM, "1");
	/* Roman numerals are not acronyms. */
	expect_no_term(m, "III");
	model_free(m);
}

static void
test_names(void **state)
{
	struct model *m = fixture_build(small, lexicon);

	(void)state;
	/* "The Working Group" at a sentence's start: "The" is left out. */
	expect_term(m, "Working Group", TERM_NAME, "1");
	expect_no_term(m, "The Working Group");
	/* Connectors join capitalised words. */
	expect_term(m, "Working Group on Budget Reform", TERM_NAME, "2");
	expect_term(m, "Global Migration Group", TERM_NAME, "2");
	expect_nodes(m, "Global Migration Group", TERM_NAME, "2 5");
	expect_no_term(m, "The Global Migration Group");
	expect_term(m, "High-level Dialogue", TERM_NAME, "2");
	expect_term(m, "Second Committee", TERM_NAME, "2");
	expect_nodes(m, "Second Committee", TERM_NAME, "2 4");
	/* A lone capitalised word at a sentence's start is no name. */
	expect_no_term(m, "Then");
	expect_no_term(m, "They");
	model_free(m);
}

/* The columns of a table are not one name, nor a term and the
 * definition beside it; a name wrapped at a line end still is one
 * (preformatted lines too: an RFC's references wrap names). */
static void
test_names_not_across_columns(void **state)
{
	struct model *m = fixture_build("Report of the Working Group on Testing\n\n"
	    "1. The Committee was given the following figures for the Central\n"
	    "Support Services, by category:\n\n"
	    "      Category        Budgeted     Actual   Budgeted\n"
	    "      Civilian         1 035.0      998.1    1 011.4\n\n"
	    "2. Terms used:\n\n"
	    "      Timestamp   This term is used for a moment in time.\n\n"
	    "3. The Central Support Services reported again.\n", lexicon);

	(void)state;
	expect_term(m, "Central Support Services", TERM_NAME, "1");
	for (uint32_t t = 0; t < terms_count(m->terms); t++)
		if (strstr(terms_text(m->terms, t), "Actual") ||
		    strstr(terms_text(m->terms, t), "Timestamp"))
			fail_msg("unexpected %s term \"%s\"",
			    terms_kind_name(terms_kind(m->terms, t)), terms_text(m->terms, t));
	model_free(m);
}

static void
test_quoted(void **state)
{
	struct model *m = fixture_build(small, lexicon);

	(void)state;
	/* Curly and straight quotes. */
	expect_term(m, "Member State proprietorship", TERM_QUOTED, "3");
	expect_term(m, "UN Migration", TERM_QUOTED, "3");
	model_free(m);
}

static void
test_quoted_limits(void **state)
{
	struct model *m = fixture_build("QUOTES\n\n"
	    "1. A \xE2\x80\x9Cshort term\xE2\x80\x9D and a \xE2\x80\x9C"
	    "very long quotation that goes on and on and on\xE2\x80\x9D here.\n",
	    lexicon);

	(void)state;
	expect_term(m, "short term", TERM_QUOTED, "1");
	/* More than six words is a quotation, not a term. */
	for (uint32_t t = 0; t < terms_count(m->terms); t++)
		if (terms_kind(m->terms, t) == TERM_QUOTED &&
		    strstr(terms_text(m->terms, t), "quotation") != NULL)
			fail_msg("a quotation taken for a term: \"%s\"",
			    terms_text(m->terms, t));
	model_free(m);
}

static void
test_defined(void **state)
{
	struct model *m = fixture_build(small, lexicon);
	uint32_t t;

	(void)state;
	/* "a draft resolution" in 3, "that draft resolution" in 4, "the
	 * draft resolution" in 5. */
	t = expect_term(m, "draft resolution", TERM_DEFINED, "3");
	expect_nodes(m, "draft resolution", TERM_DEFINED, "3 4 5");
	assert_string_equal(terms_kind_name(terms_kind(m->terms, t)), "defined");
	/* "a good day" is never taken up again. */
	expect_no_term(m, "good day");
	model_free(m);
	/* Introduced again later with "a": that paragraph mentions it too
	 * (, goes there). */
	m = fixture_build("PHRASES\n\n"
	    "1. The Committee considered a draft resolution on water.\n\n"
	    "2. The draft resolution was adopted by the members.\n\n"
	    "3. Nothing here but other words.\n\n"
	    "4. Later the delegates tabled a draft resolution again.\n", lexicon);
	expect_nodes(m, "draft resolution", TERM_DEFINED, "1 2 4");
	model_free(m);
}

static void
test_defined_needs_definite(void **state)
{
	struct model *m = fixture_build("PHRASES\n\n"
	    "1. We need a new approach to this.\n\n"
	    "2. Another new approach was tried.\n\n"
	    "3. This new approach worked.\n", lexicon);

	(void)state;
	/* Taken up with "this". */
	expect_term(m, "new approach", TERM_DEFINED, "1");
	expect_nodes(m, "new approach", TERM_DEFINED, "1 2 3");
	model_free(m);
	m = fixture_build("PHRASES\n\n"
	    "1. We need a new approach to this.\n\n"
	    "2. Another new approach was tried.\n", lexicon);
	/* Never with a definite article: not a term. */
	expect_no_term(m, "new approach");
	model_free(m);
}

static void
test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(terms_kind_name(TERM_ACRONYM), "acronym");
	assert_string_equal(terms_kind_name(TERM_NAME), "name");
	assert_string_equal(terms_kind_name(TERM_QUOTED), "quoted");
	assert_string_equal(terms_kind_name(TERM_DEFINED), "defined");
}

static void
test_title_not_first(void **state)
{
	struct model *m = fixture_build(small, lexicon);

	(void)state;
	/* "Working Group" stands in the title: its first mention is still
	 * paragraph 1, and no term is first mentioned in the title. */
	assert_string_equal(doc_title(m->doc), "Report of the Working Group on Testing");
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		uint32_t f = terms_first(m->terms, t);

		assert_int_not_equal(f, DOC_NONE);
		if (doc_node(m->doc, f)->kind == NODE_TITLE)
			fail_msg("\"%s\" first mentioned in the title",
			    terms_text(m->terms, t));
		assert_false(mentions(m, t, "title"));
	}
	expect_no_term(m, "Working Group on Testing");
	model_free(m);
	/* A name only in the title is no term. */
	m = fixture_build("The Steering Committee Report\n\n1. Nothing here.\n\n"
	    "2. Nor here.\n", lexicon);
	expect_no_term(m, "Steering Committee Report");
	expect_no_term(m, "Steering Committee");
	model_free(m);
}

static void
test_title_preformatted_not_first(void **state)
{
	/* An RFC's header is a preformatted title block: what stands there
	 * is not a first mention either. */
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
	    "   This document describes a small protocol of the Network Working\n"
	    "   Group.\n"
	    "\n"
	    "1.  Introduction\n"
	    "\n"
	    "   The protocol has two parts, and Example Org uses both.\n"
	    "\n"
	    "2.  Terminology\n"
	    "\n"
	    "   Nothing more.\n";
	struct model *m = fixture_build(rfc, lexicon);

	(void)state;
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		uint32_t f = terms_first(m->terms, t);

		if (f != DOC_NONE && doc_node(m->doc, f)->kind == NODE_TITLE)
			fail_msg("\"%s\" first mentioned in the title",
			    terms_text(m->terms, t));
	}
	expect_term(m, "Example Org", TERM_NAME, "1");
	model_free(m);
}

static void
test_names_across_line_end(void **state)
{
	struct model *m = fixture_build("NAMES\n\n"
	    "1. The Working Group met.\n\n"
	    "2. The report on the Working\n"
	    "Group is timely, says the Global\n"
	    "Migration Group.\n\n"
	    "3. The Global Migration Group agreed.\n", lexicon);

	(void)state;
	/* A name broken by a line end is the same name. */
	expect_nodes(m, "Working Group", TERM_NAME, "1 2");
	expect_term(m, "Global Migration Group", TERM_NAME, "2");
	expect_nodes(m, "Global Migration Group", TERM_NAME, "2 3");
	expect_no_term(m, "Global");
	model_free(m);
}

/* ------------------------------------------------------------ terms_find */

static void
test_find(void **state)
{
	struct model *m = fixture_build(small, lexicon);
	uint32_t wg = find_exact(m, "Working Group", TERM_NAME);
	uint32_t dr = find_exact(m, "draft resolution", TERM_DEFINED);
	uint32_t eco = find_exact(m, "ECOSOC", TERM_ACRONYM);

	(void)state;
	assert_int_not_equal(wg, TERMS_NONE);
	assert_int_equal(terms_find(m->terms, "Working Group"), wg);
	assert_int_equal(terms_find(m->terms, "the Working Group"), wg);
	assert_int_equal(terms_find(m->terms, "The working group"), wg);
	assert_int_equal(terms_find(m->terms, "  THE WORKING GROUP"), wg);
	assert_int_equal(terms_find(m->terms, "ecosoc"), eco);
	assert_int_equal(terms_find(m->terms, "the ECOSOC"), eco);
	assert_int_equal(terms_find(m->terms, "a draft resolution"), dr);
	assert_int_equal(terms_find(m->terms, "that draft resolution"), dr);
	assert_int_equal(terms_find(m->terms, "this draft resolution"), dr);
	assert_int_equal(terms_find(m->terms, "the draft resolution"), dr);
	assert_int_equal(terms_find(m->terms, "Member State proprietorship"),
	    find_exact(m, "Member State proprietorship", TERM_QUOTED));
	assert_int_equal(terms_find(m->terms, "the Working"), TERMS_NONE);
	assert_int_equal(terms_find(m->terms, "Working Group Reform"), TERMS_NONE);
	assert_int_equal(terms_find(m->terms, "xyzzy"), TERMS_NONE);
	assert_int_equal(terms_find(m->terms, ""), TERMS_NONE);
	assert_int_equal(terms_find(m->terms, "the"), TERMS_NONE);
	model_free(m);
}

/* -------------------------------------------------------- terms_mentions */

struct seen {
	const struct model *m;
	uint32_t term[64], off[64], end[64];
	size_t n;
};

static void
note(void *arg, uint32_t term, uint32_t off, uint32_t end)
{
	struct seen *s = arg;

	assert_true(term < terms_count(s->m->terms));
	assert_true(off < end);
	if (s->n < 64) {
		/* Kept in text order (the finders report by kind). */
		size_t k = s->n;

		while (k > 0 && s->off[k - 1] > off) {
			s->term[k] = s->term[k - 1];
			s->off[k] = s->off[k - 1];
			s->end[k] = s->end[k - 1];
			k--;
		}
		s->term[k] = term;
		s->off[k] = off;
		s->end[k] = end;
	}
	s->n++;
}

/* A long paragraph is read in pieces of tokens; a name that falls where
 * one piece would end is found all the same, by the build and by the
 * reader's marking (terms_mentions), for every place it can fall. */
static void
test_long_paragraph_pieces(void **state)
{
	(void)state;
	for (int shift = -4; shift <= 4; shift++) {
		size_t words = TOKEN_CHUNK - 4 + (size_t)(shift + 4);
		struct seen seen = { 0 };
		struct model *m;
		uint32_t t, found = 0;
		struct buf b;
		uint32_t p2;

		/* Paragraph 2: sentences of eight words, then the name. */
		buf_init(&b);
		buf_adds(&b, "1. The Working Group met.\n\n2.");
		for (size_t w = 0; w < words; w++)
			buf_adds(&b, w % 8 == 7 || w + 1 == words ? " word." :
			    w % 8 == 0 ? " Word" : " word");
		buf_adds(&b, " The Working Group met again.\n");
		m = fixture_build(b.data, lexicon);
		buf_done(&b);
		t = find_exact(m, "Working Group", TERM_NAME);
		assert_int_not_equal(t, TERMS_NONE);
		assert_true(mentions(m, t, "2"));
		seen.m = m;
		p2 = fixture_node(m, "2");
		for (uint32_t blk = doc_node(m->doc, p2)->first_block;
		    blk < doc_node(m->doc, p2)->end_block; blk++)
			terms_mentions(m->terms, blk, note, &seen);
		for (size_t k = 0; k < seen.n; k++)
			found += seen.term[k] == t;
		assert_int_equal(found, 1);
		model_free(m);
	}
}

static uint32_t
block_of(const struct model *m, const char *lab)
{
	for (uint32_t b = 0; b < doc_nblocks(m->doc); b++)
		if (strcmp(fixture_label(m, doc_block(m->doc, b)->node), lab) == 0)
			return b;
	fail_msg("no block of %s", lab);
	return DOC_NONE;
}

/* The text of a span, with the line end of a broken name as a space. */
static char *
span_text(const struct model *m, uint32_t off, uint32_t end)
{
	static char out[512];
	const char *s = doc_data(m->doc);
	size_t k = 0;

	for (uint32_t i = off; i < end && k < sizeof(out) - 1; i++) {
		char c = s[i] == '\n' ? ' ' : s[i];

		if (c == ' ' && k > 0 && out[k - 1] == ' ')
			continue;
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

static void
test_mentions(void **state)
{
	struct model *m = fixture_build(small, lexicon);
	struct seen s = { .m = m };
	uint32_t dr = find_exact(m, "draft resolution", TERM_DEFINED);
	uint32_t sc = find_exact(m, "Second Committee", TERM_NAME);
	uint32_t iom = find_exact(m, "IOM", TERM_ACRONYM);

	(void)state;
	/* Paragraph 4: "that draft resolution", "Second Committee", "IOM". */
	terms_mentions(m->terms, block_of(m, "4"), note, &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.term[0], dr);
	assert_string_equal(span_text(m, s.off[0], s.end[0]), "draft resolution");
	assert_int_equal(s.term[1], sc);
	assert_string_equal(span_text(m, s.off[1], s.end[1]), "Second Committee");
	assert_int_equal(s.term[2], iom);
	assert_string_equal(span_text(m, s.off[2], s.end[2]), "IOM");
	/* Paragraph 3 introduces the phrase: its first mention is marked,
	 * and so are the quoted terms, with their spans inside the quotes. */
	memset(&s, 0, sizeof(s));
	s.m = m;
	terms_mentions(m->terms, block_of(m, "3"), note, &s);
	{
		bool saw_dr = false, saw_q = false;

		for (size_t i = 0; i < s.n && i < 64; i++) {
			const char *txt = span_text(m, s.off[i], s.end[i]);

			if (s.term[i] == dr) {
				saw_dr = true;
				assert_string_equal(txt, "draft resolution");
				assert_int_equal(s.off[i], terms_first_off(m->terms, dr));
			}
			if (s.term[i] == find_exact(m, "Member State proprietorship",
			    TERM_QUOTED)) {
				saw_q = true;
				assert_string_equal(txt, "Member State proprietorship");
			}
		}
		assert_true(saw_dr);
		assert_true(saw_q);
	}
	/* The title mentions "Working Group" but the mark starts in the
	 * body. */
	memset(&s, 0, sizeof(s));
	s.m = m;
	terms_mentions(m->terms, 0, note, &s);
	assert_int_equal(doc_block(m->doc, 0)->kind, BLOCK_TITLE);
	assert_int_equal(s.n, 0);
	model_free(m);
}

static void
test_first_off(void **state)
{
	struct model *m = fixture_build(small, lexicon);
	const char *s = doc_data(m->doc);

	(void)state;
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		const char *text = terms_text(m->terms, t);
		uint32_t off = terms_first_off(m->terms, t);
		uint32_t node = terms_first(m->terms, t);

		/* The first word of the term stands at first_off, inside the
		 * first node's text. */
		assert_true(off >= doc_node(m->doc, node)->start);
		assert_true(off < doc_node(m->doc, node)->end);
		assert_int_equal(strncmp(s + off, text, strcspn(text, " ")), 0);
	}
	model_free(m);
}

/* "an" introduces a phrase as "a" does (a fixed word of the index, whose
 * role terms.c works out once). */
static void
test_defined_after_an(void **state)
{
	struct model *m = fixture_build("PHRASES\n\n"
	    "1. They set up an expert panel on water.\n\n"
	    "2. The expert panel met twice.\n", lexicon);

	(void)state;
	expect_term(m, "expert panel", TERM_DEFINED, "1");
	expect_nodes(m, "expert panel", TERM_DEFINED, "1 2");
	model_free(m);
}

/* A phrase introduced and taken up in the same piece of tokens: the
 * marks made before the piece was read do not say that "new" begins a
 * phrase, and the finder must look again (terms.c, struct scan). */
static void
test_defined_same_piece(void **state)
{
	struct model *m = fixture_build("PHRASES\n\n"
	    "1. We need a new approach, and the new approach works.\n\n"
	    "2. Nothing else.\n", lexicon);

	(void)state;
	expect_term(m, "new approach", TERM_DEFINED, "1");
	expect_nodes(m, "new approach", TERM_DEFINED, "1");
	model_free(m);
}

/* Paragraph 1 of both tests below: the Working Group in its text, in
 * its item (i), and in its text again after the items (BLOCK_CONT). */
#define GROUP_PARA \
	"1. The Working Group weighed two developments, which might well, in\n" \
	"the end, require it to act: (i) should the Working Group form an\n" \
	"entity; or (ii) other agencies would duplicate its mandate. Here, as\n" \
	"an illustration, recall that the Working Group met again in 2003.\n\n"

/* A node's text after its items (BLOCK_CONT) mentions a term again:
 * its nodes arrive out of order (1, 1(i), 1) and are sorted, each once,
 * at the end. */
static void
test_nodes_out_of_order(void **state)
{
	struct model *m = fixture_build("NODES\n\n" GROUP_PARA
	    "2. The Working Group met again.\n", lexicon);
	uint32_t b;

	(void)state;
	/* The text after the items is node 1's. */
	b = doc_block_at(m->doc, (uint32_t)(strstr(doc_data(m->doc), "Here") -
	    doc_data(m->doc)));
	assert_true(doc_block(m->doc, b)->flags & BLOCK_CONT);
	assert_string_equal(fixture_label(m, doc_block(m->doc, b)->node), "1");
	expect_term(m, "Working Group", TERM_NAME, "1");
	expect_nodes(m, "Working Group", TERM_NAME, "1 1(i) 2");
	model_free(m);
}

/* A term's nodes go from the term into an array of their own and grow
 * by doubling (add_node()); the same node again at once is dropped, and
 * again later (text after its children) only by terms_end(), which may
 * bring the nodes back into the term. */
static void
test_nodes_many(void **state)
{
	struct buf b;
	struct model *m;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "MANY\n\n" GROUP_PARA);
	for (int i = 2; i <= 10; i++) {
		char para[128];

		snprintf(para, sizeof(para), "%d. The Working Party met, and the "
		    "Working Party met again.\n\n", i);
		buf_adds(&b, para);
	}
	m = fixture_build(b.data, lexicon);
	/* Three mentions, in two nodes: back in the term. */
	expect_nodes(m, "Working Group", TERM_NAME, "1 1(i)");
	/* Nine nodes, each mentioned twice: through two doublings. */
	expect_nodes(m, "Working Party", TERM_NAME, "2 3 4 5 6 7 8 9 10");
	model_free(m);
	buf_done(&b);
}

/* Terms whose folded texts share their first bytes, or are shorter than
 * four bytes, or start with a byte above 127, met in an order that is
 * not the alphabet's: terms_end() orders them as strcmp() does. */
static void
test_order_shared_first_bytes(void **state)
{
	static const char *const want[] = {
		"UN", "UNDP", "UNDPA", "UNEP", "Working Party",
		"Working Party on Rules", "Working Plan",
		"\xD0\x95\xD0\x9F\xD0\x9A", "\xD0\x9E\xD0\x9E\xD0\x9D",
	};
	struct model *m = fixture_build("ORDER\n\n"
	    "1. The \xD0\x9E\xD0\x9E\xD0\x9D met the Working Plan and the"
	    " Working Party on Rules, then the \xD0\x95\xD0\x9F\xD0\x9A.\n\n"
	    "2. UNEP, UNDPA, UNDP and UN came with the Working Party.\n", lexicon);

	(void)state;
	assert_int_equal(terms_count(m->terms), ARRAY_SIZE(want));
	for (uint32_t t = 0; t < terms_count(m->terms); t++)
		assert_string_equal(terms_text(m->terms, t), want[t]);
	model_free(m);
}

/* ------------------------------------------------------ bundled document */

static void
test_bundled(void **state)
{
	struct model *m = fixture_build_bundled(lexicon);

	(void)state;
	/* Acronyms. */
	expect_term(m, "IOM", TERM_ACRONYM, "1");
	expect_term(m, "UNGA", TERM_ACRONYM, "2");
	expect_nodes(m, "UNGA", TERM_ACRONYM, "2 3(a) 7");
	expect_term(m, "ECOSOC", TERM_ACRONYM, "3(b)");
	expect_nodes(m, "ECOSOC", TERM_ACRONYM, "3(b)");
	expect_term(m, "UN DESA", TERM_ACRONYM, "3(c)");
	expect_term(m, "UNHCR", TERM_ACRONYM, "5(b)");
	expect_term(m, "UNCTs", TERM_ACRONYM, "7");
	expect_term(m, "UN", TERM_ACRONYM, "1");
	/* Names. */
	expect_term(m, "Working Group", TERM_NAME, "1");
	assert_true(mentions(m, find_exact(m, "Working Group", TERM_NAME), "8"));
	expect_term(m, "Second Committee", TERM_NAME, "2");
	expect_nodes(m, "Second Committee", TERM_NAME, "2 5 6 7");
	expect_term(m, "Global Migration Group", TERM_NAME, "5(b)");
	{
		uint32_t hl = find_exact(m, "High-level Dialogue", TERM_NAME);

		assert_int_not_equal(hl, TERMS_NONE);
		/* "the 2013 High-\nlevel Dialogue" in 3(c), "the High-level
		 * Dialogue" in 6(c). */
		assert_true(mentions(m, hl, "3(c)"));
		assert_true(mentions(m, hl, "6(c)"));
	}
	/* Quoted terms. */
	expect_term(m, "Member State proprietorship", TERM_QUOTED, "1");
	expect_term(m, "UN Migration", TERM_QUOTED, "7");
	/* The defined phrase: "a draft resolution" in 2, "that draft
	 * resolution" in 3, "the ... draft resolution" in 5 and 6. */
	{
		uint32_t dr = expect_term(m, "draft resolution", TERM_DEFINED, "2");

		assert_true(mentions(m, dr, "3"));
		assert_true(mentions(m, dr, "5"));
		assert_true(mentions(m, dr, "6"));
		assert_false(mentions(m, dr, "1"));
		assert_int_equal(terms_find(m->terms, "the draft resolution"), dr);
	}
	/* Nothing from the title, which is in capitals. */
	expect_no_term(m, "DIRECTOR GENERAL");
	expect_no_term(m, "WORKING GROUP");
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		uint32_t f = terms_first(m->terms, t);

		assert_int_not_equal(doc_node(m->doc, f)->kind, NODE_TITLE);
		assert_false(mentions(m, t, "title"));
	}
	assert_int_equal(terms_find(m->terms, "the Working Group"),
	    find_exact(m, "Working Group", TERM_NAME));
	model_free(m);
}

static void
test_bundled_name_across_line_end(void **state)
{
	struct model *m = fixture_build_bundled(lexicon);

	(void)state;
	/* "the report on the Working \nGroup is proving to be very timely"
	 * in 2 mentions the Working Group too. */
	expect_nodes(m, "Working Group", TERM_NAME, "1 2 8");
	model_free(m);
}

static void
test_bundled_order_and_nodes(void **state)
{
	struct model *m = fixture_build_bundled(lexicon);

	(void)state;
	assert_true(terms_count(m->terms) >= 15);
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		size_t n;
		const uint32_t *nodes = terms_nodes(m->terms, t, &n);

		/* Nodes in document order, each once. */
		assert_true(n >= 1);
		for (size_t i = 1; i < n; i++)
			assert_true(nodes[i] > nodes[i - 1]);
		/* Alphabetical, compared folded. */
		if (t > 0) {
			size_t la, lb;
			char *a = utf8_fold_str(terms_text(m->terms, t - 1),
			    strlen(terms_text(m->terms, t - 1)), &la);
			char *b = utf8_fold_str(terms_text(m->terms, t),
			    strlen(terms_text(m->terms, t)), &lb);

			assert_true(strcmp(a, b) <= 0);
			free(a);
			free(b);
		}
	}
	model_free(m);
}

/* Two models built at once, in two threads, as the reader does (a
 * window on the main thread while the whole document is indexed):
 * each has the terms, in the order, that one built alone has.  The
 * terms are ordered with qsort(), whose comparison once read the text
 * of the terms through a variable of the module's: the two sorts
 * overwrote it, and one crashed. */
struct racer {
	const char *text;
	const struct model *alone;
	int builds;
	bool same;
};

static bool
same_terms(const struct model *a, const struct model *b)
{
	if (terms_count(a->terms) != terms_count(b->terms))
		return false;
	for (uint32_t t = 0; t < terms_count(a->terms); t++)
		if (strcmp(terms_text(a->terms, t), terms_text(b->terms, t)) != 0)
			return false;
	return true;
}

/* No cmocka assertion here: it may not be called from a thread. */
static void *
build_again(void *arg)
{
	struct racer *r = arg;

	r->same = true;
	for (int i = 0; i < r->builds; i++) {
		struct load_error e;
		struct text *t = load_bytes("race", r->text, strlen(r->text), NULL, &e);
		struct model *m = t ? model_build(t, lexicon) : NULL;

		r->same &= m != NULL && same_terms(m, r->alone);
		model_free(m);
		load_unref(t);
	}
	return NULL;
}

static void
test_two_builds_at_once(void **state)
{
	struct buf b;
	struct model *alone;
	struct racer r[2];
	pthread_t th[2];

	(void)state;
	buf_init(&b);
	buf_adds(&b, "TERMS MADE IN TWO THREADS\n\n");
	for (int i = 1; i <= 600; i++) {
		char p[160];

		snprintf(p, sizeof(p), "%d. The Board of %c%c%c Affairs met the "
		    "%c%c Commission and the Council for %c%c%c.\n\n", i,
		    'A' + i % 26, 'a' + i / 26 % 26, 'a' + i % 7,
		    'A' + i / 26 % 26, 'a' + i % 26, 'A' + i % 13,
		    'a' + i / 13 % 26, 'a' + i % 5);
		buf_adds(&b, p);
	}
	alone = fixture_build(b.data, lexicon);
	assert_true(terms_count(alone->terms) > 500);
	for (int i = 0; i < 2; i++) {
		r[i] = (struct racer){ b.data, alone, 40, false };
		assert_int_equal(pthread_create(&th[i], NULL, build_again, &r[i]), 0);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_true(r[i].same);
	}
	model_free(alone);
	buf_done(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_two_builds_at_once),
		cmocka_unit_test(test_long_paragraph_pieces),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_names_not_across_columns),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_limits),
		cmocka_unit_test(test_defined),
		cmocka_unit_test(test_defined_needs_definite),
		cmocka_unit_test(test_defined_after_an),
		cmocka_unit_test(test_defined_same_piece),
		cmocka_unit_test(test_nodes_out_of_order),
		cmocka_unit_test(test_nodes_many),
		cmocka_unit_test(test_order_shared_first_bytes),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_title_not_first),
		cmocka_unit_test(test_title_preformatted_not_first),
		cmocka_unit_test(test_names_across_line_end),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_first_off),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_bundled_name_across_line_end),
		cmocka_unit_test(test_bundled_order_and_nodes),
	};

	return cmocka_run_group_tests_name("terms", tests, setup, teardown);
}
