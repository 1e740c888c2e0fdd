/*
 * index.c - building and reading the word index.
 *
 * One pass over every block's tokens.  The dictionary is an open
 * addressing hash table of words interned in a pool; each word keeps the
 * last block it was seen in, so a block is added to its postings once,
 * as the varint-coded difference from the block before.  Stems are
 * computed once per distinct word at the end.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "index.h"
#include "stem.h"
#include "strtab.h"
#include "token.h"
#include "util.h"

/* A word's postings are varint deltas.  Most words of a long document
 * occur in a block or two (131 000 of the 143 000 of the benchmark's
 * 100 MB have 8 bytes of postings or fewer): those are kept in the word
 * itself, in place of the pointer, and the others in an array of their
 * own: those with more than POST_INLINE bytes.  While building, u.cap
 * is that array's size (0 while they are in the word); index_end()
 * trims every array to its npost bytes, and the room is the word's stem
 * after. */
#define POST_INLINE 8

/* 24 bytes: the last block added is needed only while building, and
 * where its resume points start only after (make_skips()); how many it
 * has follows from its df (skips_of()).  Likewise the room of its
 * postings, then its stem (8 bytes less a word: 1.1 MB of the
 * benchmark's 100 MB). */
struct word {
	union {
		uint32_t last;      /* building: the last block added, + 1 */
		uint32_t skip;      /* after index_end(): its first entry in
		                       skips */
	} at;
	uint32_t df;
	union {
		uint32_t cap;       /* building: the postings' array's size */
		uint32_t stem;      /* after index_end() */
	} u;
	uint32_t npost : 31;
	uint32_t stop : 1;
	union {
		uint8_t *post;      /* npost > POST_INLINE */
		uint8_t in[POST_INLINE];
	} p;
};

_Static_assert(sizeof(struct word) == 24, "a word is 24 bytes");

/* Every SKIP_EVERY-th posting of a long list: where to resume reading
 * it, so that a reader can start near a block without walking the list
 * from its start. */
#define SKIP_EVERY 128
#define SKIP_MIN (2 * SKIP_EVERY)      /* postings a list needs to have any */

struct skip {
	uint32_t off;               /* bytes into post */
	uint32_t last;              /* the block before it, + 1 */
};

struct stem {
	uint32_t df;
	uint32_t first;             /* its words: [first, the next stem's
	                               first) in stem_words (a stem after
	                               the last ends them) */
};

/* Words of up to 16 bytes, nearly all of a text's tokens, are
 * remembered by their bytes while building, in a direct-mapped memo
 * (4096 entries, 96 KB, in the model's pass, where the peak of memory
 * lies): a look there is a multiply and two compares where the
 * dictionary's is a call, a hash and a probe.  A token's fold
 * is read as two 8-byte words, the second zero for a word of 8 bytes or
 * fewer, with the zeros after its end (token.h); no fold holds a NUL
 * byte, so that a shorter word's zeros make its key its own; nor does
 * one start with eight 0xFF bytes (UTF-8 has none), which mark an empty
 * entry. */
#define MEMO_BITS 12
#define MEMO_EMPTY UINT64_MAX

struct memo {
	uint64_t key[2];
	uint32_t id;
};

struct index {
	struct strtab *dict;        /* the words: ids are word ids */
	struct memo *memo;          /* 1 << MEMO_BITS, until index_pass_end() */
	struct word *words;
	size_t capwords;
	struct strtab *stemtab;     /* the stems: ids are stem ids */
	struct stem *stems;
	uint32_t *stem_words;
	uint16_t *block_terms;      /* a block holds at most BLOCK_MAX bytes,
	                               so nearly always fewer terms than
	                               that (else UINT16_MAX): 2 bytes a
	                               block, not 4 (1.1 MB of the
	                               benchmark's 100 MB) */
	uint32_t nblocks;
	struct skip *skips;
	size_t nskips, capskips;
};

_Static_assert((TOKEN_MAX + 7) / 8 * 8 <= sizeof(((struct token *)0)->fold),
    "a token's fold may be read to the end of its last 8-byte word");

/* A word new to the dictionary: id, s[0..n). */
static void
new_word(struct index *ix, uint32_t id, const char *s, size_t n)
{
	GROW(ix->words, ix->capwords, (size_t)id + 1);
	memset(&ix->words[id], 0, sizeof(ix->words[id]));
	ix->words[id].stop = stem_is_stop(s, n);
}

static uint32_t
intern(struct index *ix, const char *s, size_t n)
{
	bool added;
	uint32_t id = strtab_intern(ix->dict, s, n, &added);

	if (added)
		new_word(ix, id, s, n);
	return id;
}

static const uint8_t *
postings_of(const struct word *w)
{
	return w->npost > POST_INLINE ? w->p.post : w->p.in;
}

/* While building: the room w's postings have, and where they are (in
 * the word until they need an array of their own). */
static uint32_t
post_room(const struct word *w)
{
	return w->u.cap ? w->u.cap : POST_INLINE;
}

static uint8_t *
post_base(struct word *w)
{
	return w->u.cap ? w->p.post : w->p.in;
}

/* Append the varint delta to w's postings, making room for it. */
static void
post_varint(struct word *w, uint32_t delta)
{
	uint32_t n = 1;
	uint8_t *to;

	for (uint32_t d = delta; d >= 0x80; d >>= 7)
		n++;
	if (w->npost + n > post_room(w)) {
		/* A quarter more (and room for this posting): doubling left
		 * a third of the room of the 12 000 arrays of the
		 * benchmark's 100 MB unused until index_end() (6 MB), half
		 * as much again 2.5 MB, and what index_end() trims stays a
		 * hole in the heap, resident, where nothing as large comes
		 * after it. */
		size_t cap = w->u.cap ? (size_t)w->u.cap + w->u.cap / 4 :
		    2 * POST_INLINE;

		cap = MAX(cap, (size_t)w->npost + n);

		if (cap > INT32_MAX)
			die("too many postings");
		if (w->u.cap)
			w->p.post = xrealloc(w->p.post, cap);
		else {
			uint8_t *p = xmalloc(cap);

			memcpy(p, w->p.in, w->npost);
			w->p.post = p;
		}
		w->u.cap = (uint32_t)cap;
	}
	to = post_base(w) + w->npost;
	w->npost += n;
	while (delta >= 0x80) {
		*to++ = (uint8_t)(delta | 0x80);
		delta >>= 7;
	}
	*to = (uint8_t)delta;
}

static void
post(struct word *w, uint32_t block)
{
	uint32_t delta = block + 1 - w->at.last;

	if (w->at.last == block + 1)
		return;
	/* Mostly a block not far after the last, with room for it. */
	if (delta < 0x80 && w->npost < post_room(w))
		post_base(w)[w->npost++] = (uint8_t)delta;
	else
		post_varint(w, delta);
	w->at.last = block + 1;
	w->df++;
}

static const char *const fixed[W_NFIXED] = {
	"a", "an", "the", "that", "this", "these", "those", "such", "of", "on",
	"for", "de", "and", "or", "to", "in", "above", "below", "listed",
	"through",
	"paragraph", "paragraphs", "para", "paras", "subparagraph",
	"subparagraphs", "section", "sections", "article", "articles", "art",
	"annex", "annexes", "chapter", "chapters", "part", "appendix",
	"resolution", "resolutions", "decision", "decisions", "document",
	"documents", "rfc",
};

/* The word id of a token's fold, from the dictionary. */
static uint32_t
intern_fold(struct index *ix, const struct token *t)
{
	bool added;
	/* A token's fold has room to be read a word at a time. */
	uint32_t id = strtab_intern_padded(ix->dict, t->fold, t->flen, &added);

	if (added)
		new_word(ix, id, t->fold, t->flen);
	return id;
}

/* The word id of a token's fold: for a word of up to 16 bytes from the
 * memo, where it is there (else put there).  test_memo_collisions
 * (test_index.c) has words that share a slot under this hash: new ones
 * are needed if it changes. */
static ALWAYS_INLINE uint32_t
word_id(struct index *ix, const struct token *t)
{
	struct memo *m;
	uint64_t k0, k1 = 0;

	if (t->flen > 16)
		return intern_fold(ix, t);
	memcpy(&k0, t->fold, 8);
	if (t->flen > 8)
		memcpy(&k1, t->fold + 8, 8);
	m = &ix->memo[(k0 ^ k1 * 0xFF51AFD7ED558CCDull) *
	    0x9E3779B97F4A7C15ull >> (64 - MEMO_BITS)];
	if (m->key[0] != k0 || m->key[1] != k1) {
		m->key[0] = k0;
		m->key[1] = k1;
		m->id = intern_fold(ix, t);
	}
	return m->id;
}

void
index_add(struct index *ix, uint32_t block, struct token *tk, size_t n)
{
	uint32_t terms = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t id = word_id(ix, &tk[i]);
		struct word *w = &ix->words[id];

		tk[i].word = id;
		post(w, block);
		terms += !w->stop;
	}
	terms += ix->block_terms[block];
	ix->block_terms[block] = (uint16_t)MIN(terms, (uint32_t)UINT16_MAX);
}

bool
index_is_stop(const struct index *ix, uint32_t w)
{
	return w < strtab_count(ix->dict) && ix->words[w].stop;
}

static bool
stemmable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] < 'a' || s[i] > 'z') && s[i] != '-')
			return false;
	return n >= 3;
}

/* Give every significant word its stem, then list each stem's words
 * (a counting sort by stem). */
static void
make_stems(struct index *ix)
{
	uint32_t nwords = strtab_count(ix->dict), nstems;
	uint32_t *fill;

	ix->stemtab = strtab_new();
	for (uint32_t w = 0; w < nwords; w++) {
		const char *str = strtab_str(ix->dict, w);
		size_t len = strtab_len(ix->dict, w);
		char buf[TOKEN_MAX + 8];

		ix->words[w].u.stem = INDEX_NONE;
		if (ix->words[w].stop || !stemmable(str, len))
			continue;
		memcpy(buf, str, len);
		len = stem_word(buf, len);
		ix->words[w].u.stem = strtab_intern(ix->stemtab, buf, len, NULL);
	}
	nstems = strtab_count(ix->stemtab);
	ix->stems = xcalloc(nstems + 1, sizeof(*ix->stems));
	ix->stem_words = xcalloc(nwords + 1, sizeof(*ix->stem_words));
	fill = xcalloc(nstems + 1, sizeof(*fill));
	for (uint32_t w = 0; w < nwords; w++)
		if (ix->words[w].u.stem != INDEX_NONE) {
			fill[ix->words[w].u.stem]++;
			ix->stems[ix->words[w].u.stem].df += ix->words[w].df;
		}
	for (uint32_t s = 1; s <= nstems; s++)
		ix->stems[s].first = ix->stems[s - 1].first + fill[s - 1];
	memset(fill, 0, (nstems + 1) * sizeof(*fill));
	for (uint32_t w = 0; w < nwords; w++) {
		uint32_t s = ix->words[w].u.stem;

		if (s != INDEX_NONE)
			ix->stem_words[ix->stems[s].first + fill[s]++] = w;
	}
	free(fill);
}

struct index *
index_begin(const struct doc *d)
{
	struct index *ix = xcalloc(1, sizeof(*ix));

	ix->dict = strtab_new();
	ix->memo = xreallocarray(NULL, (size_t)1 << MEMO_BITS,
	    sizeof(*ix->memo));
	for (size_t i = 0; i < (size_t)1 << MEMO_BITS; i++)
		ix->memo[i].key[0] = ix->memo[i].key[1] = MEMO_EMPTY;
	ix->nblocks = doc_nblocks(d);
	ix->block_terms = xcalloc(ix->nblocks + 1, sizeof(*ix->block_terms));
	for (int i = 0; i < W_NFIXED; i++)
		if (intern(ix, fixed[i], strlen(fixed[i])) != (uint32_t)i)
			abort();
	return ix;
}

/* How many resume points a word has: make_skips() takes one before its
 * first posting and after every SKIP_EVERY-th, the last after the df-th
 * if df is a multiple. */
static uint32_t
skips_of(const struct word *w)
{
	return w->df < SKIP_MIN ? 0 : w->df / SKIP_EVERY + 1;
}

/* Are the eight bytes at p eight postings of a byte each (none with
 * its high bit set)?  Their sum, then, in *sum: in 16-bit lanes, then
 * those added in the top lane. */
static bool
short8(const uint8_t *p, uint32_t *sum)
{
	uint64_t w, lanes = 0x00FF00FF00FF00FFull;

	memcpy(&w, p, 8);
	if (w & 0x8080808080808080ull)
		return false;
	w = (w & lanes) + (w >> 8 & lanes);
	*sum = (uint32_t)(w * 0x0001000100010001ull >> 48);
	return true;
}

static void
make_skips(struct index *ix)
{
	uint32_t nwords = strtab_count(ix->dict);

	for (uint32_t w = 0; w < nwords; w++) {
		struct word *wd = &ix->words[w];
		struct postings it;
		uint32_t b, k = 0;

		wd->at.skip = (uint32_t)ix->nskips;
		if (wd->df < SKIP_MIN)
			continue;
		index_postings(ix, w, &it);
		for (;;) {
			uint32_t sum;

			if (k % SKIP_EVERY == 0) {
				GROW(ix->skips, ix->capskips, ix->nskips + 1);
				ix->skips[ix->nskips++] = (struct skip){
				    (uint32_t)(it.p - postings_of(wd)), it.last };
			}
			/* A frequent word's blocks are mostly less than 128
			 * apart: eight postings of a byte each are taken at
			 * once where no resume point falls among them. */
			if (SKIP_EVERY - k % SKIP_EVERY >= 8 &&
			    it.end - it.p >= 8 && short8(it.p, &sum)) {
				it.last += sum;
				it.p += 8;
				k += 8;
			} else if (index_next(&it, &b))
				k++;
			else
				break;
		}
	}
	SHRINK(ix->skips, ix->capskips, ix->nskips);
}

void
index_pass_end(struct index *ix)
{
	free(ix->memo);
	ix->memo = NULL;
}

void
index_end(struct index *ix)
{
	uint32_t nwords = strtab_count(ix->dict);

	index_pass_end(ix);
	for (uint32_t w = 0; w < nwords; w++) {
		size_t cap = ix->words[w].u.cap;

		if (cap == 0)
			continue;
		SHRINK(ix->words[w].p.post, cap, ix->words[w].npost);
	}
	SHRINK(ix->words, ix->capwords, nwords);
	strtab_trim(ix->dict);
	make_skips(ix);
	make_stems(ix);
}

void
index_free(struct index *ix)
{
	if (ix == NULL)
		return;
	for (uint32_t w = 0; w < strtab_count(ix->dict); w++)
		if (ix->words[w].npost > POST_INLINE)
			free(ix->words[w].p.post);
	strtab_free(ix->dict);
	strtab_free(ix->stemtab);
	free(ix->memo);
	free(ix->words);
	free(ix->stems);
	free(ix->stem_words);
	free(ix->block_terms);
	free(ix->skips);
	free(ix);
}

uint32_t
index_nwords(const struct index *ix)
{
	return strtab_count(ix->dict);
}

const char *
index_word(const struct index *ix, uint32_t w)
{
	return strtab_str(ix->dict, w);
}

uint32_t
index_df(const struct index *ix, uint32_t w)
{
	return ix->words[w].df;
}

uint32_t
index_lookup(const struct index *ix, const char *w, size_t n)
{
	if (n == 0 || n > TOKEN_MAX)
		return INDEX_NONE;
	return strtab_find(ix->dict, w, n);
}

size_t
index_containing(const struct index *ix, const char *pat, size_t n,
    uint32_t *ids, size_t max)
{
	return strtab_containing(ix->dict, pat, n, ids, max);
}

void
index_postings(const struct index *ix, uint32_t w, struct postings *it)
{
	/* Words interned up front may have no postings at all. */
	it->p = postings_of(&ix->words[w]);
	it->end = it->p + ix->words[w].npost;
	it->last = 0;
}

void
index_postings_from(const struct index *ix, uint32_t w, uint32_t block,
    struct postings *it)
{
	const struct word *wd = &ix->words[w];
	const struct skip *sk = ix->skips;
	size_t lo = 0, hi = skips_of(wd);

	index_postings(ix, w, it);
	if (hi == 0)
		return;
	sk += wd->at.skip;
	/* The last resume point whose next posting is at or before block:
	 * its "last" (the block before, + 1) is at most block. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sk[mid].last <= block)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		it->p = it->p + sk[lo - 1].off;
		it->last = sk[lo - 1].last;
	}
}

bool
index_next(struct postings *it, uint32_t *block)
{
	uint32_t v = 0;
	int shift = 0;

	if (it->p >= it->end)
		return false;
	while (it->p < it->end) {
		uint8_t c = *it->p++;

		v |= (uint32_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			break;
		shift += 7;
	}
	it->last += v;
	*block = it->last - 1;
	return true;
}

uint32_t
index_stem_of(const struct index *ix, uint32_t w)
{
	return ix->words[w].u.stem;
}

uint32_t
index_nstems(const struct index *ix)
{
	return strtab_count(ix->stemtab);
}

const char *
index_stem(const struct index *ix, uint32_t s)
{
	return strtab_str(ix->stemtab, s);
}

uint32_t
index_stem_df(const struct index *ix, uint32_t s)
{
	return ix->stems[s].df;
}

const uint32_t *
index_stem_words(const struct index *ix, uint32_t s, size_t *n)
{
	*n = ix->stems[s + 1].first - ix->stems[s].first;
	return ix->stem_words + ix->stems[s].first;
}

uint32_t
index_block_terms(const struct index *ix, uint32_t b)
{
	return ix->block_terms[b];
}

uint32_t
index_nblocks(const struct index *ix)
{
	return ix->nblocks;
}

size_t
index_memory(const struct index *ix)
{
	uint32_t nwords = strtab_count(ix->dict);
	size_t m = sizeof(*ix) + strtab_memory(ix->dict) +
	    strtab_memory(ix->stemtab) + ix->capwords * sizeof(struct word) +
	    strtab_count(ix->stemtab) * sizeof(struct stem) +
	    (size_t)nwords * sizeof(uint32_t) + ix->nblocks * sizeof(*ix->block_terms);

	for (uint32_t w = 0; w < nwords; w++)
		m += ix->words[w].npost > POST_INLINE ? ix->words[w].npost : 0;
	return m + ix->capskips * sizeof(struct skip);
}
