/*
 * test_index.c - the word index: words folded for case and accents
 * (Unicode-aware), postings in document order and once per block, the
 * substring scan of the dictionary, stems grouping the forms of a word,
 * stop words without a stem, block term counts, words rejoined at a
 * line-end hyphen indexed whole, words of every length told apart,
 * long lists read from their resume points, and the tokens the index
 * reads.  Small documents are built here as bytes; the bundled document
 * is read from $TOPSRC/resources.
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
#include "model.h"
#include "token.h"

/* Each model here has an empty lexicon of its own: done() frees both. */
static struct model *
build(const char *s, struct lexicon **lx)
{
	*lx = lexicon_parse("", 0);
	return fixture_build(s, *lx);
}

static void
done(struct model *m, struct lexicon *lx)
{
	model_free(m);
	lexicon_free(lx);
}

static struct model *
build_bundled(struct lexicon **lx)
{
	*lx = lexicon_parse("", 0);
	return fixture_build_bundled(*lx);
}

static uint32_t
word(const struct index *ix, const char *w)
{
	return index_lookup(ix, w, strlen(w));
}

/* The labels of the nodes owning the blocks in w's postings, "1 3 4",
 * and a check that the blocks come in increasing order. */
static char *
posting_labels(const struct model *m, const char *w)
{
	static char out[4096];
	uint32_t id = word(m->index, w), b, last = 0;
	struct postings it;
	size_t len = 0, count = 0;

	out[0] = '\0';
	if (id == INDEX_NONE)
		return out;
	index_postings(m->index, id, &it);
	while (index_next(&it, &b)) {
		const char *l;

		assert_true(b < doc_nblocks(m->doc));
		if (count > 0)
			assert_true(b > last);
		last = b;
		count++;
		l = fixture_doc_label(m->doc, doc_block(m->doc, b)->node);
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    len ? " " : "", *l ? l : "-");
	}
	assert_int_equal(count, index_df(m->index, id));
	return out;
}

/* -------------------------------------------------------------- folding */

static void
test_fold_case(void **state)
{
	struct lexicon *lx;
	struct model *m = build("WORDS\n\n"
	    "1. Migration MIGRATION migration MiGrAtIoN.\n", &lx);
	uint32_t id = word(m->index, "migration");
	uint32_t ids[8];

	(void)state;
	assert_int_not_equal(id, INDEX_NONE);
	assert_string_equal(index_word(m->index, id), "migration");
	assert_int_equal(index_df(m->index, id), 1);
	/* One word only, whatever its case. */
	assert_int_equal(index_containing(m->index, "migra", 5, ids, 8), 1);
	assert_int_equal(ids[0], id);
	assert_int_equal(word(m->index, "MIGRATION"), INDEX_NONE);
	done(m, lx);
}

static void
test_fold_accents(void **state)
{
	struct lexicon *lx;
	/* "Café", "CAFÉ", "cafe" with a combining acute, and "cafe". */
	struct model *m = build("WORDS\n\n"
	    "1. Caf\xC3\xA9 and CAF\xC3\x89 and cafe\xCC\x81 and cafe.\n\n"
	    "2. Na\xC3\xAFve and NAIVE; Stra\xC3\x9F" "e and STRASSE.\n", &lx);
	uint32_t ids[8];
	uint32_t cafe = word(m->index, "cafe");

	(void)state;
	assert_int_not_equal(cafe, INDEX_NONE);
	assert_int_equal(index_containing(m->index, "caf", 3, ids, 8), 1);
	assert_int_equal(ids[0], cafe);
	assert_int_equal(index_df(m->index, cafe), 1);
	assert_int_equal(word(m->index, "caf\xC3\xA9"), INDEX_NONE);
	assert_int_not_equal(word(m->index, "naive"), INDEX_NONE);
	assert_int_equal(index_containing(m->index, "naive", 5, ids, 8), 1);
	assert_int_not_equal(word(m->index, "strasse"), INDEX_NONE);
	assert_int_equal(index_containing(m->index, "stras", 5, ids, 8), 1);
	done(m, lx);
}

static void
test_fold_unicode_scripts(void **state)
{
	struct lexicon *lx;
	/* Cyrillic and Greek capitals fold to their small letters, and the
	 * Greek tonos goes with the accents. */
	struct model *m = build("WORDS\n\n"
	    "1. \xD0\x9C\xD0\x98\xD0\x93\xD0\xA0\xD0\x90\xD0\xA6\xD0\x98\xD0\xAF "
	    "\xD0\xBC\xD0\xB8\xD0\xB3\xD1\x80\xD0\xB0\xD1\x86\xD0\xB8\xD1\x8F "
	    "\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91 "
	    "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1.\n", &lx);
	uint32_t ids[8];
	const char *cyr = "\xD0\xBC\xD0\xB8\xD0\xB3\xD1\x80\xD0\xB0\xD1\x86\xD0\xB8\xD1\x8F";
	const char *greek = "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1";

	(void)state;
	assert_int_not_equal(word(m->index, cyr), INDEX_NONE);
	assert_int_equal(index_containing(m->index, cyr, strlen(cyr), ids, 8), 1);
	assert_int_not_equal(word(m->index, greek), INDEX_NONE);
	assert_int_equal(index_containing(m->index, greek, strlen(greek), ids, 8), 1);
	/* Paragraph 1's block (the title's is 0): four significant
	 * tokens, of two words. */
	assert_int_equal(doc_block(m->doc, 1)->node, doc_find_label(m->doc, "1"));
	assert_int_equal(index_block_terms(m->index, 1), 4);
	done(m, lx);
}

/* ------------------------------------------------------------- postings */

static void
test_postings_order_once(void **state)
{
	struct lexicon *lx;
	struct model *m = build("POSTINGS\n\n"
	    "1. Alpha beta alpha; alpha again.\n\n"
	    "2. Beta only here.\n\n"
	    "3. Gamma and ALPHA.\n\n"
	    "4. Alpha, finally, and beta.\n", &lx);

	(void)state;
	assert_int_equal(index_nblocks(m->index), doc_nblocks(m->doc));
	assert_string_equal(posting_labels(m, "alpha"), "1 3 4");
	assert_int_equal(index_df(m->index, word(m->index, "alpha")), 3);
	assert_string_equal(posting_labels(m, "beta"), "1 2 4");
	assert_string_equal(posting_labels(m, "gamma"), "3");
	assert_string_equal(posting_labels(m, "postings"), "-");
	assert_int_equal(word(m->index, "delta"), INDEX_NONE);
	assert_int_equal(word(m->index, ""), INDEX_NONE);
	done(m, lx);
}

static void
test_postings_many_blocks(void **state)
{
	struct lexicon *lx;
	struct model *m;
	char *s = malloc(400000);
	size_t len = 0;
	uint32_t id, b, expect = 0, n = 0;
	struct postings it;

	(void)state;
	/* Enough blocks for deltas of several varint bytes. */
	len += (size_t)sprintf(s + len, "MANY BLOCKS\n\n");
	for (int i = 1; i <= 3000; i++)
		len += (size_t)sprintf(s + len, "%d. Filler text %s.\n\n", i,
		    i % 1000 == 1 || i == 3000 ? "needle" : "hay");
	m = build(s, &lx);
	free(s);
	id = word(m->index, "needle");
	assert_int_not_equal(id, INDEX_NONE);
	assert_int_equal(index_df(m->index, id), 4);
	index_postings(m->index, id, &it);
	while (index_next(&it, &b)) {
		const char *l = fixture_doc_label(m->doc, doc_block(m->doc, b)->node);
		static const char *const want[] = { "1", "1001", "2001", "3000" };

		assert_true(n < 4);
		assert_string_equal(l, want[n]);
		assert_true(b >= expect);
		expect = b + 1;
		n++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(index_df(m->index, word(m->index, "hay")), 2996);
	done(m, lx);
}

/* Words of up to 16 bytes are found by their bytes in a memo while
 * building, and longer ones in the dictionary: words that agree up to
 * 8 or 16 bytes, or up to the 64 a token keeps, are different words
 * (or, past those 64, one). */
static void
test_word_lengths(void **state)
{
	struct lexicon *lx;
	struct model *m = build("LENGTHS\n\n"
	    "1. Short abcdefg abcdefgh abcdefghi.\n\n"
	    "2. Long abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnopr.\n\n"
	    "3. Abcdefgh ABCDEFGHIJKLMNOPQ abcdefghijklmnopr abcdefg.\n\n"
	    "4. Longest xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxa "
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxb\n", &lx);
	char x64[65];

	(void)state;
	assert_string_equal(posting_labels(m, "abcdefg"), "1 3");
	assert_string_equal(posting_labels(m, "abcdefgh"), "1 3");
	assert_string_equal(posting_labels(m, "abcdefghi"), "1");
	assert_string_equal(posting_labels(m, "abcdefghijklmnop"), "2");
	assert_string_equal(posting_labels(m, "abcdefghijklmnopq"), "2 3");
	assert_string_equal(posting_labels(m, "abcdefghijklmnopr"), "2 3");
	/* A token keeps 64 bytes: the two long ones are one word. */
	memset(x64, 'x', 64);
	x64[64] = '\0';
	assert_string_equal(posting_labels(m, x64), "4");
	assert_int_equal(index_df(m->index, word(m->index, x64)), 1);
	done(m, lx);
}

/* Words that share a slot of the memo of short words (with its hash
 * as it is: "alpha", "aewu" and "ahlh"; "abcdefghijklmnop" and
 * "abcdefghijklalak", the same first 8 bytes; "abcdefgh" and
 * "abcdefghamf"), each evicting the other and seen again after: every
 * one keeps its own postings. */
static void
test_memo_collisions(void **state)
{
	struct lexicon *lx;
	struct model *m = build("MEMO\n\n"
	    "1. Alpha aewu alpha aewu.\n\n"
	    "2. Aewu ahlh aewu.\n\n"
	    "3. Abcdefghijklmnop abcdefghijklalak abcdefgh abcdefghamf "
	    "abcdefghijklmnop.\n\n"
	    "4. Alpha abcdefghijklalak abcdefghamf ahlh.\n\n"
	    "5. Abcdefgh abcdefghijklmnop.\n", &lx);

	(void)state;
	assert_string_equal(posting_labels(m, "alpha"), "1 4");
	assert_string_equal(posting_labels(m, "aewu"), "1 2");
	assert_string_equal(posting_labels(m, "ahlh"), "2 4");
	assert_string_equal(posting_labels(m, "abcdefghijklmnop"), "3 5");
	assert_string_equal(posting_labels(m, "abcdefghijklalak"), "3 4");
	assert_string_equal(posting_labels(m, "abcdefgh"), "3 5");
	assert_string_equal(posting_labels(m, "abcdefghamf"), "3 4");
	done(m, lx);
}

/* Resume points of a long list, read where its blocks are one byte
 * apart and where they are more: reading from any block finds what
 * reading from the start does.  "phasea" to "phaseh" have a posting of
 * two bytes after 0 to 7 of one, so that the postings taken eight at a
 * time come to each resume point from each of its eight sides; each is
 * followed (in word ids, and so in the resume points) by a "tail" word
 * of blocks far after its own, so that a word short of its resume
 * points is read from another's and goes wrong. */
static void
test_postings_from(void **state)
{
	static const char *const words[] = { "needle", "phasea", "phaseb",
	    "phasec", "phased", "phasee", "phasef", "phaseg", "phaseh" };
	struct lexicon *lx;
	struct model *m;
	char *s = malloc(1000000);
	size_t len = 0;
	uint32_t b;
	struct postings it;

	(void)state;
	len += (size_t)sprintf(s + len, "RESUME\n\n");
	for (int i = 1; i <= 3000; i++) {
		len += (size_t)sprintf(s + len, "%d. Filler %s", i,
		    (i < 1000 && i % 3 == 0) || (i > 1300 && i % 200 != 7) ||
		    i == 1150 ? "needle" : "hay");
		for (int k = 0; k < 8; k++) {
			if (i <= k || (i >= k + 200 && i < k + 900))
				len += (size_t)sprintf(s + len, " phase%c",
				    'a' + k);
			if (i == (k > 0 ? 1 : 200) || i >= 2000)
				len += (size_t)sprintf(s + len, " tail%c",
				    'a' + k);
		}
		len += (size_t)sprintf(s + len, ".\n\n");
	}
	m = build(s, &lx);
	free(s);
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		uint32_t id = word(m->index, words[w]);

		assert_int_not_equal(id, INDEX_NONE);
		assert_true(index_df(m->index, id) >= 700);
		for (uint32_t at = 0; at < index_nblocks(m->index); at++) {
			uint32_t want = UINT32_MAX, got = UINT32_MAX;

			index_postings(m->index, id, &it);
			while (index_next(&it, &b))
				if (b >= at) {
					want = b;
					break;
				}
			index_postings_from(m->index, id, at, &it);
			while (index_next(&it, &b))
				if (b >= at) {
					got = b;
					break;
				}
			assert_int_equal(got, want);
		}
	}
	done(m, lx);
}

/* Read the tokens of paragraph 1's first block, which must be its own. */
static void
tok_init_para1(struct tokit *it, const struct model *m)
{
	uint32_t b = doc_node(m->doc, fixture_node(m, "1"))->first_block;

	assert_true(b < doc_nblocks(m->doc));
	assert_int_equal(doc_block(m->doc, b)->node, fixture_node(m, "1"));
	tok_init(it, m->doc, b);
}

/* The tokens the index reads: folded to 64 bytes with zeros after
 * their NUL (token.h), their shape and what follows them, across a
 * line end too. */
static void
test_tokens(void **state)
{
	static const struct {
		const char *fold;
		uint8_t flags;
		char after;
	} want[] = {
		{ "the", TOK_UPPER | TOK_SENTENCE, ' ' },
		{ "uncts", TOK_UPPER | TOK_CAPS | TOK_QOPEN | TOK_QCLOSE, '"' },
		{ "and", TOK_QOPEN, ' ' },      /* a straight quote opens */
		{ "ecosoc", TOK_UPPER | TOK_CAPS, ' ' },
		{ "met", 0, ',' },
		{ "2024", TOK_DIGIT, ' ' },
		{ "x9", 0, ' ' },
		{ "follow-up", TOK_HYPHEN, '.' },
		{ "abc", TOK_UPPER | TOK_SENTENCE, ' ' },
		{ "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
		    0, '.' },
	};
	struct lexicon *lx;
	struct model *m = build("TOKENS\n\n"
	    "1. The \"UNCTs\" and ECOSOC met, 2024 x9\nfollow-up. Abc "
	    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy.\n",
	    &lx);
	struct tokit it;
	struct token t;
	uint32_t n = 0;

	(void)state;
	tok_init_para1(&it, m);
	while (tok_next(&it, &t)) {
		assert_true(n < sizeof(want) / sizeof(want[0]));
		assert_string_equal(t.fold, want[n].fold);
		assert_int_equal(t.flen, strlen(want[n].fold));
		assert_memory_equal(t.fold + t.flen, "\0\0\0\0\0\0\0\0", 8);
		assert_int_equal(t.flags, want[n].flags);
		assert_int_equal(t.after, want[n].after);
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	done(m, lx);
}

/* Tokens of 8 and 16 lower-case letters, read eight bytes at a time,
 * that end exactly at a line end: there the word ends, or goes on in
 * the next line when a hyphen broke it there. */
static void
test_tokens_line_ends(void **state)
{
	static const char *const want[] = {
		"abcdefgh", "abcdefghijklmnop", "abcdefghijklmnop",
		"abcdefghijklmnopabcdefgh", "qrstuvwx", "x1234567", "end",
	};
	struct lexicon *lx;
	struct model *m = build("LINES\n\n"
	    "1. Abcdefgh\nabcdefghijklmnop\nABCDEFGHIJKLMNOP\n"
	    "abcdefghijklmnop-\nabcdefgh qrstuvwx\nx1234567\nend\n", &lx);
	struct tokit it;
	struct token t;
	uint32_t n = 0;

	(void)state;
	tok_init_para1(&it, m);
	while (tok_next(&it, &t)) {
		assert_true(n < sizeof(want) / sizeof(want[0]));
		assert_string_equal(t.fold, want[n]);
		assert_memory_equal(t.fold + t.flen, "\0\0\0\0\0\0\0\0", 8);
		assert_int_equal(t.after, ' ');
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	done(m, lx);
}

/* ----------------------------------------------------------- substrings */

static void
test_containing(void **state)
{
	struct lexicon *lx;
	struct model *m = build("CONTAINING\n\n"
	    "1. They would duplicate our work.\n\n"
	    "2. Duplicative arrangements and a duplicate.\n\n"
	    "3. Nothing of the kind: replication.\n", &lx);
	uint32_t ids[8], one[1];
	uint32_t dup = word(m->index, "duplicate"), dupv = word(m->index, "duplicative");
	size_t n;

	(void)state;
	assert_int_not_equal(dup, INDEX_NONE);
	assert_int_not_equal(dupv, INDEX_NONE);
	n = index_containing(m->index, "duplicat", 8, ids, 8);
	assert_int_equal(n, 2);
	/* In id order. */
	assert_true(ids[0] < ids[1]);
	assert_true((ids[0] == dup && ids[1] == dupv) ||
	    (ids[0] == dupv && ids[1] == dup));
	/* Inside words, not just at their start. */
	n = index_containing(m->index, "plicat", 6, ids, 8);
	assert_int_equal(n, 3);     /* duplicate, duplicative, replication */
	/* The count is of all of them, even past max. */
	assert_int_equal(index_containing(m->index, "plicat", 6, one, 1), 3);
	assert_int_equal(one[0], ids[0]);
	assert_int_equal(index_containing(m->index, "plicat", 6, NULL, 0), 3);
	assert_int_equal(index_containing(m->index, "xyzzy", 5, ids, 8), 0);
	/* A whole word is contained in itself. */
	assert_int_equal(index_containing(m->index, "duplicative", 11, ids, 8), 1);
	assert_int_equal(ids[0], dupv);
	done(m, lx);
}

/* ---------------------------------------------------------------- stems */

static bool
stem_has(const struct index *ix, uint32_t s, uint32_t w)
{
	size_t n;
	const uint32_t *words = index_stem_words(ix, s, &n);

	for (size_t i = 0; i < n; i++)
		if (words[i] == w)
			return true;
	return false;
}

static void
test_stems(void **state)
{
	struct lexicon *lx;
	struct model *m = build("STEMS\n\n"
	    "1. They would duplicate our work.\n\n"
	    "2. Duplicative arrangements, and a duplicate.\n\n"
	    "3. Migration and migrations, migrants.\n", &lx);
	const struct index *ix = m->index;
	uint32_t dup = word(ix, "duplicate"), dupv = word(ix, "duplicative");
	uint32_t s = index_stem_of(ix, dup);
	uint32_t mig = word(ix, "migration"), migs = word(ix, "migrations");
	size_t n;

	(void)state;
	assert_int_not_equal(s, INDEX_NONE);
	assert_int_equal(index_stem_of(ix, dupv), s);
	assert_true(s < index_nstems(ix));
	assert_string_equal(index_stem(ix, s), "duplic");
	index_stem_words(ix, s, &n);
	assert_int_equal(n, 2);
	assert_true(stem_has(ix, s, dup));
	assert_true(stem_has(ix, s, dupv));
	/* A sum over its words: duplicate in 1 and 2, duplicative in 2. */
	assert_int_equal(index_stem_df(ix, s), 3);
	assert_int_equal(index_stem_of(ix, mig), index_stem_of(ix, migs));
	assert_int_not_equal(index_stem_of(ix, mig), s);
	/* Every stem's words have that stem. */
	for (uint32_t st = 0; st < index_nstems(ix); st++) {
		const uint32_t *w = index_stem_words(ix, st, &n);

		assert_true(n >= 1);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(index_stem_of(ix, w[i]), st);
	}
	done(m, lx);
}

static void
test_stop_words(void **state)
{
	struct lexicon *lx;
	struct model *m = build("STOP WORDS\n\n"
	    "1. The migration of the migrants and the policy on it in 2013.\n", &lx);
	const struct index *ix = m->index;
	static const char *const stop[] = { "the", "of", "and", "on", "it", "in" };

	(void)state;
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++) {
		uint32_t w = word(ix, stop[i]);

		assert_int_not_equal(w, INDEX_NONE);       /* indexed ... */
		assert_int_equal(index_stem_of(ix, w), INDEX_NONE); /* ... no stem */
	}
	/* Words holding digits have no stem either. */
	assert_int_not_equal(word(ix, "2013"), INDEX_NONE);
	assert_int_equal(index_stem_of(ix, word(ix, "2013")), INDEX_NONE);
	assert_int_not_equal(index_stem_of(ix, word(ix, "migration")), INDEX_NONE);
	assert_int_not_equal(index_stem_of(ix, word(ix, "policy")), INDEX_NONE);
	done(m, lx);
}

static void
test_block_terms(void **state)
{
	struct lexicon *lx;
	struct model *m = build("BLOCK TERMS\n\n"
	    "1. The migration of migrants and the migration policy.\n\n"
	    "2. The and of it.\n", &lx);
	uint32_t b1 = DOC_NONE, b2 = DOC_NONE;

	(void)state;
	for (uint32_t b = 0; b < doc_nblocks(m->doc); b++) {
		const char *l = fixture_doc_label(m->doc, doc_block(m->doc, b)->node);

		if (strcmp(l, "1") == 0)
			b1 = b;
		else if (strcmp(l, "2") == 0)
			b2 = b;
	}
	assert_int_not_equal(b1, DOC_NONE);
	assert_int_not_equal(b2, DOC_NONE);
	/* migration, migrants, migration, policy: its length in
	 * significant words. */
	assert_int_equal(index_block_terms(m->index, b1), 4);
	assert_int_equal(index_block_terms(m->index, b2), 0);
	assert_true(index_memory(m->index) > 0);
	done(m, lx);
}

/* ------------------------------------------------------------ line ends */

static void
test_line_end_hyphen(void **state)
{
	struct lexicon *lx;
	struct model *m = build("HYPHENS\n\n"
	    "1. The question of the institu-\n"
	    "tionalization of migration, a long-\n"
	    "standing one, is a long-standing matter for co-\n"
	    "operation.\n", &lx);
	const struct index *ix = m->index;

	(void)state;
	assert_string_equal(posting_labels(m, "institutionalization"), "1");
	assert_int_equal(word(ix, "institu"), INDEX_NONE);
	assert_int_equal(word(ix, "tionalization"), INDEX_NONE);
	/* Spelt with a hyphen elsewhere: the hyphen is kept, one word. */
	assert_string_equal(posting_labels(m, "long-standing"), "1");
	assert_int_equal(word(ix, "standing"), INDEX_NONE);
	assert_int_not_equal(word(ix, "cooperation"), INDEX_NONE);
	assert_int_equal(word(ix, "operation"), INDEX_NONE);
	done(m, lx);
}

/* ------------------------------------------------------ bundled document */

static void
test_bundled(void **state)
{
	struct lexicon *lx;
	struct model *m = build_bundled(&lx);
	const struct index *ix = m->index;
	uint32_t ids[16];
	size_t n;

	(void)state;
	assert_string_equal(posting_labels(m, "duplicate"), "5(b)(ii)");
	assert_string_equal(posting_labels(m, "duplicative"), "6(b)");
	n = index_containing(ix, "duplicat", 8, ids, 16);
	assert_int_equal(n, 2);
	assert_int_equal(index_stem_of(ix, ids[0]), index_stem_of(ix, ids[1]));
	/* "institu-tionalization" is not split in this document, but
	 * "High-\nlevel" in 3(c) is a word broken at a line end, kept
	 * whole with the hyphen the document uses elsewhere. */
	assert_string_equal(posting_labels(m, "high-level"), "2 3(a) 3(c) 6(c)");
	assert_int_equal(word(ix, "high"), INDEX_NONE);
	assert_int_equal(word(ix, "level"), INDEX_NONE);
	/* The title is indexed too (its own blocks). */
	assert_string_equal(posting_labels(m, "chairperson"), "- 1");
	/* "Member States" in 2, 5, 5(a), 5(c), 5(d) (three times: one
	 * posting) and 8; "IOM serves States" in 6(a). */
	assert_string_equal(posting_labels(m, "states"),
	    "2 5 5(a) 5(c) 5(d) 6(a) 8");
	/* "IOM–UN": the en dash separates two words. */
	assert_int_not_equal(word(ix, "iom"), INDEX_NONE);
	assert_int_not_equal(word(ix, "un"), INDEX_NONE);
	assert_int_equal(index_stem_of(ix, word(ix, "the")), INDEX_NONE);
	/* "vis-à-vis": accents folded, hyphens kept. */
	assert_string_equal(posting_labels(m, "vis-a-vis"), "5");
	done(m, lx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_case),
		cmocka_unit_test(test_fold_accents),
		cmocka_unit_test(test_fold_unicode_scripts),
		cmocka_unit_test(test_postings_order_once),
		cmocka_unit_test(test_postings_many_blocks),
		cmocka_unit_test(test_word_lengths),
		cmocka_unit_test(test_memo_collisions),
		cmocka_unit_test(test_postings_from),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_tokens_line_ends),
		cmocka_unit_test(test_containing),
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_stop_words),
		cmocka_unit_test(test_block_terms),
		cmocka_unit_test(test_line_end_hyphen),
		cmocka_unit_test(test_bundled),
	};

	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}
