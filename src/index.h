/*
 * index.h - the word index: every normalised word of the document (case
 * folded, accents removed, Unicode-aware), with the blocks it occurs in.
 *
 * Postings are kept per block, delta-encoded, so the index costs little
 * more than a byte per distinct word of each block; positions inside a
 * block are found by scanning it, which is cheap because a block is a
 * paragraph.  The dictionary can be scanned for substrings, so that a
 * search for "duplicat" finds "duplicate" and "duplicative" and follows
 * their postings.  Each word also has its Porter stem and a stop-word
 * flag, for related passages.
 *
 * The index borrows the document, which must outlive it.  Once built it
 * is read-only and may be shared between threads.
 */
#ifndef LECTERN_INDEX_H
#define LECTERN_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;
struct index;

#define INDEX_NONE UINT32_MAX

void index_free(struct index *ix);

/* Built in steps, in the model's single pass (model.c): index_begin(),
 * then index_add() for every piece of tokens in document order (it fills in
 * each token's word id), then index_end() (stems).  The words of enum
 * index_word have the ids given there from index_begin() on, so that
 * the other passes can compare ids instead of strings. */
struct token;
struct index *index_begin(const struct doc *d);
void index_add(struct index *ix, uint32_t block, struct token *tk, size_t n);
void index_end(struct index *ix);
/* After the last index_add(), before the other passes end: frees what
 * only index_add() needed, so that their temporaries do not come on
 * top of it (index_end() does it too). */
void index_pass_end(struct index *ix);

enum index_word {
	W_A, W_AN, W_THE, W_THAT, W_THIS, W_THESE, W_THOSE, W_SUCH, W_OF,
	W_ON, W_FOR, W_DE, W_AND, W_OR, W_TO, W_IN, W_ABOVE, W_BELOW,
	W_LISTED, W_THROUGH,
	/* reference words, in the order of xref.c's table */
	W_PARAGRAPH, W_PARAGRAPHS, W_PARA, W_PARAS, W_SUBPARAGRAPH,
	W_SUBPARAGRAPHS, W_SECTION, W_SECTIONS, W_ARTICLE, W_ARTICLES, W_ART,
	W_ANNEX, W_ANNEXES, W_CHAPTER, W_CHAPTERS, W_PART, W_APPENDIX,
	W_RESOLUTION, W_RESOLUTIONS, W_DECISION, W_DECISIONS, W_DOCUMENT,
	W_DOCUMENTS, W_RFC,
	W_NFIXED
};

/* Is word w a stop word (as stem_is_stop)? */
bool index_is_stop(const struct index *ix, uint32_t w);

uint32_t index_nwords(const struct index *ix);
/* The word (folded, NUL-terminated) with id w. */
const char *index_word(const struct index *ix, uint32_t w);
/* Blocks it occurs in. */
uint32_t index_df(const struct index *ix, uint32_t w);
/* The id of a folded word, or INDEX_NONE. */
uint32_t index_lookup(const struct index *ix, const char *w, size_t n);
/* The ids of the words that contain the folded string pat, at most max
 * of them, in id order; returns how many there are in all. */
size_t index_containing(const struct index *ix, const char *pat, size_t n,
    uint32_t *ids, size_t max);

/* The blocks a word occurs in, in document order. */
struct postings {
	const uint8_t *p, *end;
	uint32_t last;
};
void index_postings(const struct index *ix, uint32_t w, struct postings *it);
bool index_next(struct postings *it, uint32_t *block);
/* The same, starting a little before block (up to a few hundred
 * postings before it) instead of at the start: for reading a long list
 * near one place in the document. */
void index_postings_from(const struct index *ix, uint32_t w, uint32_t block,
    struct postings *it);

/* Stems: every word belongs to a stem (words that are stop words, or
 * hold digits, have the stem INDEX_NONE). */
uint32_t index_stem_of(const struct index *ix, uint32_t w);
uint32_t index_nstems(const struct index *ix);
const char *index_stem(const struct index *ix, uint32_t s);
/* Blocks holding any word of the stem (a sum over its words). */
uint32_t index_stem_df(const struct index *ix, uint32_t s);
/* The words of stem s: *n of them. */
const uint32_t *index_stem_words(const struct index *ix, uint32_t s,
    size_t *n);
/* Significant words (not stop words) in block b: its length for
 * weighting (at most UINT16_MAX, which a block of BLOCK_MAX bytes
 * hardly reaches). */
uint32_t index_block_terms(const struct index *ix, uint32_t b);
uint32_t index_nblocks(const struct index *ix);

/* Bytes of memory the index holds (for the benchmark). */
size_t index_memory(const struct index *ix);

#endif
