/*
 * search.c - pattern matching over blocks.
 *
 * A block is folded as it is read, into a buffer with, for every folded
 * byte, the offset of the character it came from; matches are found in
 * the folded buffer with memmem and mapped back to the text.
 */
#include "autoconf.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "load.h"
#include "index.h"
#include "search.h"
#include "utf8.h"
#include "util.h"

/* Fold one character: as utf8_fold, but a capital stays a capital when
 * case matters. */
static size_t
fold_char(uint32_t cp, bool exact, char *out)
{
	size_t n;

	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0) {
		out[0] = ' ';
		return 1;
	}
	n = utf8_fold(cp, out);
	if (exact && n > 0 && utf8_is_upper(cp) && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
	return n;
}

static bool
has_capital(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (utf8_is_upper(cp))
			return true;
	}
	return false;
}

/* Split the folded pattern into its words (letters and digits; a hyphen
 * splits, as in the index), for the index. */
static void
pattern_words(struct pattern *p)
{
	const char *s = p->fold;
	size_t i = 0, n = p->len;
	char *low = xstrdup(s);

	for (size_t k = 0; k < n; k++)
		if (low[k] >= 'A' && low[k] <= 'Z')
			low[k] = (char)(low[k] + 32);
	while (i < n) {
		size_t j = i;
		uint32_t cp;

		while (j < n) {
			size_t len = utf8_decode(low + j, n - j, &cp);

			/* Hyphens split words here: the index may hold "IOM–UN"
			 * as two words and "High-level" as one, and a part is
			 * found inside either. */
			if (!utf8_is_word(cp))
				break;
			j += len;
		}
		if (j > i) {
			p->words = xreallocarray(p->words, p->nwords + 1, sizeof(*p->words));
			p->words[p->nwords++] = xstrndup(low + i, j - i);
			i = j;
		} else
			i += utf8_decode(low + i, n - i, &cp);
	}
	free(low);
}

bool
search_compile(const char *s, struct pattern *p)
{
	struct buf b;
	size_t n = strlen(s), i = 0;
	char tmp[UTF8_FOLD_MAX];
	bool space = false;

	memset(p, 0, sizeof(*p));
	p->exact_case = has_capital(s);
	buf_init(&b);
	while (i < n) {
		uint32_t cp;
		size_t k;

		i += utf8_decode(s + i, n - i, &cp);
		k = fold_char(cp, p->exact_case, tmp);
		if (k == 1 && tmp[0] == ' ') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		buf_add(&b, tmp, k);
	}
	p->len = b.len;
	p->fold = buf_take(&b);
	if (p->len == 0) {
		search_pattern_free(p);
		return false;
	}
	pattern_words(p);
	return true;
}

void
search_pattern_free(struct pattern *p)
{
	for (size_t i = 0; i < p->nwords; i++)
		free(p->words[i]);
	free(p->words);
	free(p->fold);
	memset(p, 0, sizeof(*p));
}

struct folded {
	struct buf text;
	uint32_t *src;              /* text offset of each folded byte */
	size_t cap;
	bool track;                 /* keep src (not to count matches) */
};

static void
add_folded(struct folded *f, const char *s, size_t n, uint32_t src)
{
	if (f->track) {
		GROW(f->src, f->cap, f->text.len + n + 1);
		for (size_t i = 0; i < n; i++)
			f->src[f->text.len + i] = src;
	}
	buf_add(&f->text, s, n);
}

/* What an ASCII byte folds to: white space to a space, and (in the
 * first table) capitals to small letters. */
static char fold_ascii[2][128];

static void
init_fold_ascii(void)
{
	for (int c = 0; c < 128; c++) {
		char to = c == '\t' || c == '\n' || c == '\r' || c == '\f' ?
		    ' ' : (char)c;

		fold_ascii[1][c] = to;
		fold_ascii[0][c] = to >= 'A' && to <= 'Z' ? (char)(to + 32) : to;
	}
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Do the eight ASCII bytes at s fold to themselves: no control
 * character, no capital unless exact, and no space after a space
 * (after_space: the byte before them was one)? */
static bool
ascii_as_is(const char *s, bool exact, bool after_space)
{
	uint64_t w, x, sp;

	memcpy(&w, s, 8);
	/* A byte under 0x20 (there is none over 0x7F). */
	if ((w - ONES * 0x20) & ~w & HIGHS)
		return false;
	/* A capital: adding 0x80 - 'A' sets its high bit and adding
	 * 0x80 - 'Z' - 1 does not. */
	if (!exact && ((w + ONES * (0x80 - 'A')) & ~(w + ONES * (0x80 - 'Z' - 1)) &
	    HIGHS))
		return false;
	/* The spaces, one high bit each (exactly: no carry crosses a byte),
	 * and none right after another (little-endian: the next byte is the
	 * higher one). */
	x = w ^ (ONES * ' ');
	sp = ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (sp & (sp << 8)) == 0 && !(after_space && (sp & 0x80));
#else
	(void)sp;
	(void)after_space;
	return false;
#endif
}

/* Fold ASCII s[0..n) (text offset src) straight into f, which has room:
 * the bulk of most documents, without a decode and a lookup a byte. */
static void
add_ascii(struct folded *f, const char *s, size_t n, uint32_t src, bool exact)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *to;
	char *out = f->text.data;
	size_t len = f->text.len;

	pthread_once(&once, init_fold_ascii);
	to = fold_ascii[exact];
	for (size_t i = 0; i < n; i++) {
		char c;

		/* Eight bytes that fold to themselves, copied at once. */
		if (!f->track && i + 8 <= n && ascii_as_is(s + i, exact,
		    len > 0 && out[len - 1] == ' ')) {
			memcpy(out + len, s + i, 8);
			len += 8;
			i += 7;
			continue;
		}
		c = to[(unsigned char)s[i]];

		if (c == ' ' && len > 0 && out[len - 1] == ' ')
			continue;
		if (f->track)
			f->src[len] = src + (uint32_t)i;
		out[len++] = c;
	}
	out[len] = '\0';
	f->text.len = len;
}

/* How many bytes from s[0..n) are ASCII, eight at a time where it can. */
static size_t
ascii_run(const char *s, size_t n)
{
	size_t k = 0;

	for (; k + 8 <= n; k += 8) {
		uint64_t w;

		memcpy(&w, s + k, 8);
		if (w & HIGHS)
			break;
	}
	while (k < n && (unsigned char)s[k] < 0x80)
		k++;
	return k;
}

static void
fold_block(const struct doc *d, uint32_t b, bool exact, struct folded *f)
{
	const struct block *bl = doc_block(d, b);
	char tmp[UTF8_FOLD_MAX], peek[LOAD_PEEK_MAX];
	uint32_t end = block_end_piece(bl), base = 0, from = 0, to = 0;
	const char *s = doc_data(d);

	/* The block's bytes (s[x] stands for the text's byte base + x), read
	 * rather than touched where the text is mapped (load.h). */
	if (end > bl->first_piece) {
		const struct piece *pn = doc_piece(d, end - 1);

		from = doc_piece(d, bl->first_piece)->off;
		to = pn->off + pn->len;
		s = load_peek(doc_text(d), from, to - from, peek);
		if (s == peek)
			base = from;
		else
			s = doc_data(d);
	}
	for (uint32_t i = bl->first_piece; i < end; i++) {
		const struct piece *p = doc_piece(d, i);
		const char *ps = s + (p->off - base);
		size_t k = 0;

		if (i > bl->first_piece && p->join != JOIN_GLUE && f->text.len > 0 &&
		    f->text.data[f->text.len - 1] != ' ')
			add_folded(f, " ", 1, p->off);
		while (k < p->len) {
			uint32_t cp;
			size_t len, m, run = ascii_run(ps + k, p->len - k);

			if (run > 0) {
				if (f->track)
					GROW(f->src, f->cap, f->text.len + run + 1);
				buf_reserve(&f->text, run);
				add_ascii(f, ps + k, run, p->off + (uint32_t)k, exact);
				k += run;
				continue;
			}
			len = utf8_decode(ps + k, p->len - k, &cp);
			m = fold_char(cp, exact, tmp);
			if (!(m == 1 && tmp[0] == ' ' && f->text.len > 0 &&
			    f->text.data[f->text.len - 1] == ' '))
				add_folded(f, tmp, m, p->off + (uint32_t)k);
			k += len;
		}
	}
	if (f->track) {
		GROW(f->src, f->cap, f->text.len + 1);
		f->src[f->text.len] = to;
	}
	/* A block too long to be read apart was touched where it is
	 * mapped: its pages leave memory again. */
	if (s != peek)
		load_release(doc_text(d), from, to);
}

#define RAW_MISSES 64

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* The first place in s[0..n) where pattern stands as typed, in lower case
 * or capitalised.  The three differ at most in case, and for what is
 * typed in lower case only in the first letter: then one scan for the
 * rest, in lower case, and a look at the letter before each place found
 * do instead of three scans of the whole text.  (Below three letters
 * of rest, memmem is no quicker for one needle than for two; and where
 * the rest is common after other letters, two scans are quicker.) */
const char *
search_raw(const char *s, size_t n, const char *pattern)
{
	size_t len = strlen(pattern);
	char first[2], *low;
	const char *best = NULL, *p, *end = s + n, *from;
	unsigned misses = 0;
	bool typed_low;

	if (len == 0 || len > n)
		return NULL;
	low = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		low[i] = ascii_lower(pattern[i]);
	typed_low = strcmp(low + 1, pattern + 1) == 0;
	first[0] = low[0];
	first[1] = low[0] >= 'a' && low[0] <= 'z' ? (char)(low[0] - 32) : low[0];
	/* As typed, where it is not one of the others. */
	if (!typed_low)
		best = memmem(s, n, pattern, len);
	/* The rest, while it is rare enough: after RAW_MISSES places where
	 * it stands after another letter, the scans below are quicker. */
	from = s;
	for (p = s + 1; len >= 4 && p < end; p++) {
		/* Only what starts before the best so far. */
		const char *limit = best ? best + len - 1 : end;
		const char *hit = limit > p ? memmem(p, (size_t)(limit - p), low + 1,
		    len - 1) : NULL;

		if (hit == NULL) {
			from = NULL;
			break;
		}
		if (hit[-1] == first[0] || hit[-1] == first[1]) {
			best = hit - 1;
			from = NULL;
			break;
		}
		if (++misses == RAW_MISSES) {
			from = hit;     /* no match starts before it */
			break;
		}
		p = hit;
	}
	for (int k = 0; from && k < 2 && (k == 0 || first[1] != first[0]); k++) {
		const char *limit = best ? best + len - 1 : end;
		const char *hit;

		low[0] = first[k];
		if (limit > from && (hit = memmem(from, (size_t)(limit - from), low, len)))
			best = hit;
	}
	free(low);
	return best;
}

void
search_memo_clear(struct search_memo *m)
{
	free(m->pattern);
	memset(m, 0, sizeof(*m));
}

bool
search_memo_start(struct search_memo *m, const char *pattern, uint32_t off)
{
	if (m->pattern && strcmp(m->pattern, pattern) == 0 && m->from <= off &&
	    off <= m->upto)
		return true;
	search_memo_clear(m);
	m->pattern = xstrdup(pattern);
	m->from = m->upto = off;
	return false;
}

bool
search_memo_scan(struct search_memo *m, const char *s, uint32_t end, bool last,
    size_t max)
{
	size_t len;
	uint32_t stop = end;
	const char *hit;

	if (m->pattern == NULL || m->found || m->done)
		return m->found;
	if (m->upto >= end) {
		m->done = last;
		return false;
	}
	len = strlen(m->pattern);
	if (max > 0 && end - m->upto > MAX(max, 2 * len)) {
		stop = m->upto + (uint32_t)MAX(max, 2 * len);
		last = false;
	}
	if ((hit = search_raw(s + m->upto, stop - m->upto, m->pattern)) != NULL) {
		m->upto = (uint32_t)(hit - s);
		m->found = true;
	} else if (last) {
		m->upto = stop;
		m->done = true;
	} else if (stop - m->upto >= len)
		/* A match may still end in what is read next. */
		m->upto = stop - (uint32_t)len + 1;
	return m->found;
}

/* search_block() with f's room (emptied first, kept for the next). */
static size_t
block_matches(const struct doc *d, uint32_t b, const struct pattern *p,
    search_fn *fn, void *arg, struct folded *f)
{
	const char *h, *end;
	size_t count = 0;

	buf_reset(&f->text);
	fold_block(d, b, p->exact_case, f);
	h = f->text.data;
	end = h + f->text.len;
	while ((h = memmem(h, (size_t)(end - h), p->fold, p->len)) != NULL) {
		if (fn) {
			size_t at = (size_t)(h - f->text.data), to = at + p->len;
			uint32_t last = f->src[to - 1];

			/* The match ends after the character its last byte
			 * came from. */
			while (to < f->text.len && f->src[to] == last)
				to++;
			fn(arg, f->src[at], to < f->text.len ? f->src[to] :
			    f->src[f->text.len]);
		}
		count++;
		h += p->len;
	}
	return count;
}

size_t
search_block(const struct doc *d, uint32_t b, const struct pattern *p,
    search_fn *fn, void *arg)
{
	/* Counting needs no offsets. */
	struct folded f = { .src = NULL, .track = fn != NULL };
	size_t count;

	buf_init(&f.text);
	count = block_matches(d, b, p, fn, arg, &f);
	buf_done(&f.text);
	free(f.src);
	return count;
}

void
search_count(const struct doc *d, const uint32_t *blocks, size_t n,
    const struct pattern *p, uint32_t *counts)
{
	struct folded f = { .src = NULL, .track = false };

	/* One room for every block, rather than one each. */
	buf_init(&f.text);
	for (size_t i = 0; i < n; i++)
		counts[i] = (uint32_t)block_matches(d, blocks[i], p, NULL, NULL, &f);
	buf_done(&f.text);
}

/* The blocks holding some dictionary word that contains w: sorted,
 * without duplicates.  A fragment as common as "t" is in most blocks
 * through a hundred thousand words: then every block is a candidate
 * (the search reads the text from where it stands and soon finds one),
 * rather than millions of postings merged before the first match. */
static size_t
word_blocks(const struct index *ix, const char *w, uint32_t **out)
{
	size_t len = strlen(w), cap = 256, nids, n = 0;
	uint32_t *ids = xreallocarray(NULL, cap, sizeof(*ids)), *b;
	uint32_t nb = index_nblocks(ix);
	uint64_t *seen, total = 0;

	/* One scan of the dictionary, a second only when there are more
	 * words than room for them. */
	if ((nids = index_containing(ix, w, len, ids, cap)) > cap) {
		ids = xreallocarray(ids, nids, sizeof(*ids));
		index_containing(ix, w, len, ids, nids);
	}
	for (size_t i = 0; i < nids; i++)
		total += index_df(ix, ids[i]);
	b = xcalloc((size_t)(total < nb / 4 ? total : nb) + 1, sizeof(*b));
	if (total >= nb / 4) {
		for (uint32_t k = 0; k < nb; k++)
			b[n++] = k;
		free(ids);
		*out = b;
		return n;
	}
	/* The union of the postings, in block order, through a bitmap. */
	seen = xcalloc((size_t)nb / 64 + 1, sizeof(*seen));
	for (size_t i = 0; i < nids; i++) {
		struct postings it;
		uint32_t blk;

		index_postings(ix, ids[i], &it);
		while (index_next(&it, &blk))
			seen[blk / 64] |= 1ull << (blk % 64);
	}
	for (uint32_t k = 0; k < nb; k += 64)
		for (uint32_t j = 0; j < 64 && (seen[k / 64] >> j) != 0; j++)
			if ((seen[k / 64] >> j) & 1)
				b[n++] = k + j;
	free(seen);
	free(ids);
	*out = b;
	return n;
}

static size_t
intersect(uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			a[k++] = a[i];
			i++;
			j++;
		}
	}
	return k;
}

size_t
search_candidates(const struct doc *d, const struct index *ix,
    const struct pattern *p, uint32_t **blocks)
{
	uint32_t *acc = NULL;
	size_t n = 0;

	if (ix == NULL || p->nwords == 0) {
		n = doc_nblocks(d);
		acc = xcalloc(n + 1, sizeof(*acc));
		for (size_t i = 0; i < n; i++)
			acc[i] = (uint32_t)i;
		*blocks = acc;
		return n;
	}
	for (size_t w = 0; w < p->nwords; w++) {
		uint32_t *b;
		size_t nb = word_blocks(ix, p->words[w], &b);

		if (w == 0) {
			acc = b;
			n = nb;
		} else {
			n = intersect(acc, n, b, nb);
			free(b);
		}
		if (n == 0)
			break;
	}
	*blocks = acc ? acc : xcalloc(1, sizeof(*acc));
	return n;
}

/* The nodes whose own text holds a match of p: sorted, unique. */
static size_t
nodes_matching(const struct doc *d, const struct index *ix,
    const struct pattern *p, uint32_t **out)
{
	uint32_t *blocks, *nodes = NULL;
	size_t nb = search_candidates(d, ix, p, &blocks), n = 0, cap = 0;

	for (size_t i = 0; i < nb; i++) {
		uint32_t node = doc_block(d, blocks[i])->node;

		if ((n > 0 && nodes[n - 1] == node) ||
		    search_block(d, blocks[i], p, NULL, NULL) == 0)
			continue;
		GROW(nodes, cap, n + 1);
		nodes[n++] = node;
	}
	free(blocks);
	*out = nodes;
	return sort_unique_u32(nodes, n);
}

size_t
search_nodes(const struct doc *d, const struct index *ix, const char *words,
    uint32_t **nodes, struct pattern *first)
{
	char *copy = xstrdup(words), *save = NULL;
	uint32_t *acc = NULL;
	size_t n = 0;
	bool any = false;

	if (first)
		memset(first, 0, sizeof(*first));
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		struct pattern p;
		uint32_t *found;
		size_t k;

		if (!search_compile(w, &p))
			continue;
		k = nodes_matching(d, ix, &p, &found);
		if (!any) {
			acc = found;
			n = k;
		} else {
			n = intersect(acc, n, found, k);
			free(found);
		}
		if (!any && first)
			*first = p;
		else
			search_pattern_free(&p);
		any = true;
	}
	free(copy);
	*nodes = acc ? acc : xcalloc(1, sizeof(*acc));
	return n;
}
