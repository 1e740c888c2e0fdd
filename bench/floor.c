/*
 * bench/floor.c - the reference of the backend benchmark: a bare word
 * index over the document, in code of its own (libc only; nothing of
 * lectern's is linked into it or called by it).
 *
 * It does the least that any word index must: scan every byte, cut the
 * text into words, fold them to lower case and hash them as it goes,
 * find each word in a hash table (interning the new ones), and append
 * one posting per (word, block) -- the block's distance from the word's
 * last block, as a varint.  No parsing, no terms, no lists, no
 * cross-references, no places of words within a block.  What it takes is
 * the least a word index costs on this machine, not a target: the
 * backend benchmark prints it next to lectern's pipeline, measured in
 * the same run on the same CPU, because the machine's speed changes from
 * hour to hour.
 *
 * It is meant as the best case, so it is written to be fast: a word is
 * read, classified and folded 8 bytes at a time in a 64-bit register,
 * and hashed and compared in those 8-byte chunks; the open-addressing
 * table (linear probing, power-of-two size, grows at 3/4 full) keeps a
 * 32-bit tag of the hash beside each word's number in an 8-byte slot,
 * so that most mismatches never touch the words.  Measured on the 100 MB
 * document: reading, folding and hashing a byte at a time gave 190-200
 * MB/s where this gives 220-240 (the scan alone 430 against 640); the
 * first 8 bytes of each word kept beside its postings, so that a short
 * word is compared without the pool, gave nothing measurable.
 *
 * The same scan without the table (tokenize, fold, hash) is timed as
 * well: what the table and the postings add is the difference.
 */
#define BENCH_NAME "bench"
#include "common.h"
#include "floor.h"

#include <unistd.h>

#define CHUNK 8                 /* bytes read, hashed, compared at once */
#define WORD_MAX 64             /* longer words are cut, as lectern's are */
#define CHUNKS (WORD_MAX / CHUNK)
#define VARINT_MAX 5            /* bytes of a 32-bit varint */
#define TABLE_MIN 4096          /* slots at first; doubled at 3/4 full */
#define POOL_MIN 65536          /* chunks of the string pool at first */
#define POSTINGS_MIN 8          /* bytes of a word's first posting buffer */
#define LOW7 0x7f7f7f7f7f7f7f7full
#define HIGH 0x8080808080808080ull
#define BYTES(b) (0x0101010101010101ull * (b))      /* b in each byte */
#define HASH_SEED 0x9e3779b97f4a7c15ull
#define HASH_MUL 0xff51afd7ed558ccdull      /* odd constants of murmur3's */
#define HASH_MUL2 0xc4ceb9fe1a85ec53ull     /* finalizer, to mix the bits */

/* is_word[c]: whether the byte c is a word byte, an ASCII letter or
 * digit (word_bytes() below tests 8 at a time).  Bytes of 0x80 and up
 * separate words: mkdoc's documents hold no other non-ASCII
 * characters than curly quotation marks, which must not cling to the
 * word they enclose (“term”); an accented letter would split a word,
 * which costs no more than keeping it whole. */
static bool is_word[256];

struct slot {                   /* 8 bytes: 8 slots to a cache line */
	uint32_t tag;               /* the hash's high half */
	uint32_t id;                /* the word's number + 1; 0 when empty */
};

struct word {
	uint32_t off;               /* its first chunk in the pool */
	uint32_t nchunks;
	uint32_t hash;              /* the hash's low half, to grow the table */
	uint32_t last;              /* the last block posted in (0: none) */
	uint32_t len, cap;          /* bytes of postings used and allocated */
	unsigned char *post;
};

struct floor {
	struct slot *slot;
	uint32_t mask;              /* slots - 1 */
	struct word *word;
	uint32_t nwords, capwords;
	uint64_t *pool;             /* the words, zero-padded to whole chunks */
	uint32_t npool, cappool;
	bool failed;                /* out of memory */
	uint64_t tokens, sink;
	uint32_t blocks;
};

static void
is_word_init(void)
{
	for (int c = '0'; c <= '9'; c++)
		is_word[c] = true;
	for (int c = 'a'; c <= 'z'; c++)
		is_word[c] = is_word[c - 'a' + 'A'] = true;
}

/* 0x80 in each byte of x that is a word byte (as is_word[] has them), 0
 * in the others.  With the high bits cleared no sum below carries into
 * the next byte: y + (0x80 - lo) has 0x80 set when y >= lo, and
 * y + (0x7f - hi) when y > hi. */
static inline uint64_t
word_bytes(uint64_t x)
{
	uint64_t y = x & LOW7, l = y | BYTES(0x20);
	uint64_t digit = (y + BYTES(0x80 - '0')) & ~(y + BYTES(0x7f - '9'));
	uint64_t letter = (l + BYTES(0x80 - 'a')) & ~(l + BYTES(0x7f - 'z'));

	return (digit | letter) & ~x & HIGH;
}

/* 8 bytes of text, the first in the low byte (as word_bytes() and the
 * count of leading word bytes below want them) whatever the machine. */
static inline uint64_t
load8(const unsigned char *s)
{
	uint64_t x;

	memcpy(&x, s, sizeof(x));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

static inline uint64_t
mix(uint64_t h, uint64_t chunk)
{
	return (h ^ chunk) * HASH_MUL;
}

static inline uint64_t
finish(uint64_t h)
{
	h ^= h >> 32;
	h *= HASH_MUL2;
	return h ^ (h >> 29);
}

static void
floor_free(struct floor *f)
{
	if (f->word != NULL)
		for (uint32_t i = 0; i < f->nwords; i++)
			free(f->word[i].post);
	free(f->word);
	free(f->slot);
	free(f->pool);
	memset(f, 0, sizeof(*f));
}

/* Double the table: every word goes to its new slot, with its tag. */
static bool
grow_table(struct floor *f)
{
	uint32_t mask = f->mask * 2 + 1;
	struct slot *s = calloc((size_t)mask + 1, sizeof(*s));

	if (s == NULL)
		return false;
	for (uint32_t j = 0; j <= f->mask; j++) {
		uint32_t i;

		if (f->slot[j].id == 0)
			continue;
		i = f->word[f->slot[j].id - 1].hash & mask;
		while (s[i].id != 0)
			i = (i + 1) & mask;
		s[i] = f->slot[j];
	}
	free(f->slot);
	f->slot = s;
	f->mask = mask;
	return true;
}

/* A new word, in slot i; its number, or UINT32_MAX when out of memory. */
static uint32_t
intern(struct floor *f, uint32_t i, uint64_t h, const uint64_t *chunk,
    uint32_t nchunks)
{
	struct word *w;

	if (f->nwords == f->capwords) {
		uint32_t cap = f->capwords ? f->capwords * 2 : TABLE_MIN;
		struct word *nw = realloc(f->word, cap * sizeof(*nw));

		if (nw == NULL)
			return UINT32_MAX;
		f->word = nw;
		f->capwords = cap;
	}
	if (f->cappool - f->npool < nchunks) {
		uint32_t cap = f->cappool ? f->cappool * 2 : POOL_MIN;
		uint64_t *np = realloc(f->pool, cap * sizeof(*np));

		if (np == NULL)
			return UINT32_MAX;
		f->pool = np;
		f->cappool = cap;
	}
	w = &f->word[f->nwords];
	*w = (struct word){ .off = f->npool, .nchunks = nchunks,
		.hash = (uint32_t)h };
	memcpy(f->pool + f->npool, chunk, nchunks * sizeof(*chunk));
	f->npool += nchunks;
	f->slot[i].tag = (uint32_t)(h >> 32);
	f->slot[i].id = ++f->nwords;
	/* grow at 3/4 full */
	if (f->nwords > (f->mask + 1) / 4 * 3 && !grow_table(f))
		return UINT32_MAX;
	return f->nwords - 1;
}

/* The number of a word, interned if new; UINT32_MAX when out of memory. */
static inline uint32_t
lookup(struct floor *f, uint64_t h, const uint64_t *chunk, uint32_t nchunks)
{
	uint32_t tag = (uint32_t)(h >> 32), i = (uint32_t)h & f->mask;

	for (;; i = (i + 1) & f->mask) {
		const struct slot *s = &f->slot[i];
		const struct word *w;
		uint32_t k;

		if (s->id == 0)
			return intern(f, i, h, chunk, nchunks);
		if (s->tag != tag)
			continue;
		w = &f->word[s->id - 1];
		if (w->nchunks != nchunks)
			continue;
		for (k = 0; k < nchunks && f->pool[w->off + k] == chunk[k]; k++)
			;
		if (k == nchunks)
			return s->id - 1;
	}
}

/* Append the block's distance from the word's last one, as a varint:
 * 7 bits a byte, the high bit set on all but the last. */
static inline bool
post(struct word *w, uint32_t block)
{
	uint32_t d = block - w->last;

	if (w->cap - w->len < VARINT_MAX) {
		uint32_t cap = w->cap ? w->cap * 2 : POSTINGS_MIN;
		unsigned char *p = realloc(w->post, cap);

		if (p == NULL)
			return false;
		w->post = p;
		w->cap = cap;
	}
	w->last = block;
	while (d >= 0x80) {
		w->post[w->len++] = (unsigned char)(d | 0x80);
		d >>= 7;
	}
	w->post[w->len++] = (unsigned char)d;
	return true;
}

/* The scan, with the table (index) or without.  text is followed by at
 * least CHUNK 0 bytes from end on, so that a word is read 8 bytes at a
 * time and the loops need no bounds check.  Inlined into its two
 * callers, so that "index" costs nothing per word. */
static inline __attribute__((always_inline)) void
scan(struct floor *f, const unsigned char *text, const unsigned char *end,
    bool index)
{
	const unsigned char *s = text;
	uint64_t chunk[CHUNKS];
	bool blank = true;          /* a blank line since the last word */

	for (;;) {
		uint64_t h = HASH_SEED;
		uint32_t nc = 0;
		unsigned char c = *s;

		if (!is_word[c]) {
			if (c == '\n') {
				/* a line holding blanks only ends the block */
				const unsigned char *p = s + 1;

				while (*p == ' ' || *p == '\t' || *p == '\r' ||
				    *p == '\f')
					p++;
				if (*p == '\n')
					blank = true;
				s = p;
			} else if (c == '\0' && s == end)
				break;
			else
				s++;
			continue;
		}
		/* A word, 8 bytes at a time: k word bytes lead the 8 read. */
		for (;;) {
			uint64_t x, c8;
			uint32_t k;

			x = load8(s);
			c8 = word_bytes(x);
			k = c8 == HIGH ? CHUNK :
			    (uint32_t)__builtin_ctzll(~c8 & HIGH) / 8;
			if (k == 0)
				break;
			/* folded: 0x20 set in each word byte (0x80 >> 2), which
			 * lowers capitals and leaves digits as they are; then
			 * the bytes after the word cleared */
			x |= c8 >> 2;
			if (k < CHUNK)
				x &= (1ull << (8 * k)) - 1;
			if (nc < CHUNKS) {
				chunk[nc++] = x;
				h = mix(h, x);
			}
			s += k;
			if (k < CHUNK)
				break;
		}
		h = finish(h);
		f->tokens++;
		if (blank) {
			f->blocks++;
			blank = false;
		}
		if (index) {
			uint32_t id = lookup(f, h, chunk, nc);
			struct word *w;

			if (id == UINT32_MAX) {
				f->failed = true;
				return;
			}
			w = &f->word[id];
			if (w->last != f->blocks && !post(w, f->blocks)) {
				f->failed = true;
				return;
			}
		} else
			f->sink ^= h;
	}
}

static void __attribute__((noinline))
scan_index(struct floor *f, const unsigned char *text, const unsigned char *end)
{
	scan(f, text, end, true);
}

static void __attribute__((noinline))
scan_only(struct floor *f, const unsigned char *text, const unsigned char *end)
{
	scan(f, text, end, false);
}

/* The file, read whole into memory with CHUNK 0 bytes after it; NULL with
 * r->err set when it cannot be. */
static unsigned char *
read_file(const char *path, size_t *len, struct floor_result *r)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	unsigned char *buf;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(r->err, sizeof(r->err), "%.200s: %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if ((buf = calloc(1, (size_t)st.st_size + CHUNK)) == NULL) {
		snprintf(r->err, sizeof(r->err), "%.200s: out of memory", path);
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(r->err, sizeof(r->err), "%.200s: %s", path,
			    n < 0 ? strerror(errno) : "shorter than it was");
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

void
floor_measure(const char *path, struct floor_result *r)
{
	unsigned char *text;
	size_t len;

	memset(r, 0, sizeof(*r));
	is_word_init();
	/* Read, not mapped: the text is in memory before the clock starts
	 * (as the page cache has it for lectern's load), and the 0 bytes
	 * after it end the last word without a bounds check. */
	if ((text = read_file(path, &len, r)) == NULL)
		return;
	r->bytes = len;
	for (int run = 0; run < FLOOR_RUNS; run++) {
		struct floor f = { 0 };
		double t;

		/* the scan alone */
		t = bench_now();
		scan_only(&f, text, text + len);
		t = bench_now() - t;
		if (run == 0 || t < r->scan)
			r->scan = t;
		/* the index, from its first allocation to its last posting */
		memset(&f, 0, sizeof(f));
		t = bench_now();
		f.slot = calloc(TABLE_MIN, sizeof(*f.slot));
		f.mask = TABLE_MIN - 1;
		if (f.slot != NULL)
			scan_index(&f, text, text + len);
		t = bench_now() - t;
		if (f.slot == NULL || f.failed) {
			snprintf(r->err, sizeof(r->err), "out of memory");
			floor_free(&f);
			free(text);
			return;
		}
		if (run == 0 || t < r->index)
			r->index = t;
		r->tokens = f.tokens;
		r->words = f.nwords;
		r->blocks = f.blocks;
		r->postings = 0;
		for (uint32_t i = 0; i < f.nwords; i++)
			r->postings += f.word[i].len;
		floor_free(&f);
	}
	free(text);
	r->ok = true;
}
