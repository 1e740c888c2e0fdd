/*
 * strtab.c - interned strings.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "util.h"

/* A slot is five bytes, not eight: the string's id + 1 (0 for a free
 * slot) and the top byte of its hash, so that nearly every miss stops
 * there without reading the string, 1 in 256 of the others reading its
 * length.  A rehash hashes the strings again from the pool, as a slot
 * no longer holds the whole hash (0.75 MB less for the 143 000 words of
 * the benchmark's 100 MB, whose table is 55% full). */
#define SLOT 5

static inline uint32_t
slot_id(const unsigned char *slot)
{
	uint32_t id;

	memcpy(&id, slot, 4);
	return id;
}

static inline uint8_t
hash_tag(uint32_t h)
{
	return (uint8_t)(h >> 24);
}

/* A string is where it starts in the pool: its length is up to where
 * the next one starts, less its NUL (off[n] is the end of the pool).
 * Four bytes a string, where an offset, a length and a hash took
 * twelve. */
struct strtab {
	uint32_t *off;              /* n + 1 of them, once n > 0 */
	size_t n, cap;
	unsigned char *slots;       /* nslots of SLOT bytes */
	size_t nslots;              /* a power of two */
	char *pool;
	size_t npool, cappool;
};

/* Keys are hashed and compared as 8-byte words, the last one padded
 * with zero bytes (the length is in the hash, so the padding is no
 * ambiguity).  The pool keeps PAD bytes readable after its last string,
 * so that a stored key's last word is one load and a mask; so may a
 * caller's key (strtab_intern_padded()), which is then hashed and
 * compared without a byte-wise loop: the index's words, every token of
 * the document, are nearly all one word. */
#define PAD 7

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LOW_FIRST 1
#else
#define LOW_FIRST 0
#endif

/* A mask of the first r bytes (1 to 8) of a word loaded from memory. */
static inline uint64_t
first_bytes(size_t r)
{
	if (LOW_FIRST)
		return ~0ull >> (64 - 8 * r);
	return ~0ull << (64 - 8 * r);
}

static inline uint64_t
load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* The last word of a key that may not be read past its r bytes (1 to
 * 7), padded with zero bytes: put together with fixed-size loads that may overlap (a memcpy of
 * variable length would be a call to the C library). */
static ALWAYS_INLINE uint64_t
tail_word(const char *s, size_t r)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b[8] = { 0 };
	uint64_t w;

	if (LOW_FIRST) {
		uint32_t x, y;

		if (r >= 4) {
			memcpy(&x, s, 4);
			memcpy(&y, s + r - 4, 4);
			return x | (uint64_t)y << (8 * (r - 4));
		}
		return u[0] | (uint64_t)u[r / 2] << (8 * (r / 2)) |
		    (uint64_t)u[r - 1] << (8 * (r - 1));
	}
	for (size_t i = 0; i < r; i++)
		b[i] = u[i];
	memcpy(&w, b, 8);
	return w;
}

static inline uint64_t
mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	return h ^ h >> 32;
}

static inline uint32_t
finish(uint64_t h)
{
	h ^= h >> 29;
	h *= 0x94D049BB133111EBull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Eight bytes at a time: most keys are words of a few letters, and this
 * is in the inner loop of every pass that interns strings.  Inlined,
 * with tail_word() and same_bytes(), in the few callers: for a short
 * key a call cost as much as the hash. */
static ALWAYS_INLINE uint32_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = mix(h, w);
	}
	if (i < n)
		h = mix(h, tail_word(s + i, n - i));
	return finish(h);
}

/* A key readable to its last word's end, taken apart once for its
 * hash and its comparisons: its last word, of 1 to 8 bytes, starts at
 * last, and tail is its bytes alone. */
struct pkey {
	const char *s;
	size_t n, last;
	uint64_t mask, tail;
};

static inline void
pkey_init(struct pkey *k, const char *s, size_t n)
{
	k->s = s;
	k->n = n;
	k->last = n > 0 ? (n - 1) & ~(size_t)7 : 0;
	k->mask = n > 0 ? first_bytes(n - k->last) : 0;
	k->tail = load8(s + k->last) & k->mask;
}

/* hash_bytes() of the key. */
static inline uint32_t
pkey_hash(const struct pkey *k)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ k->n;

	for (size_t i = 0; i < k->last; i += 8)
		h = mix(h, load8(k->s + i));
	if (k->n > 0)
		h = mix(h, k->tail);
	return finish(h);
}

/* Is a, stored in the pool with the key's length, the key? */
static inline bool
pkey_same(const struct pkey *k, const char *a)
{
	for (size_t i = 0; i < k->last; i += 8)
		if (load8(a + i) != load8(k->s + i))
			return false;
	return (load8(a + k->last) & k->mask) == k->tail;
}

/* Is the stored key a (in the pool) the key b, both of length n?  Short
 * ones compared in place, below eight bytes with tail_word() rather
 * than a loop over the bytes, whose length the branch predictor cannot
 * guess: most words are that short. */
static ALWAYS_INLINE bool
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	return n == 0 || (load8(a) & first_bytes(n)) == tail_word(b, n);
}

/* The first free slot for hash h (its key known to be absent). */
static size_t
free_slot(const struct strtab *t, uint32_t h)
{
	size_t mask = t->nslots - 1, i = h & mask;

	while (slot_id(t->slots + i * SLOT))
		i = (i + 1) & mask;
	return i;
}

static void
rehash(struct strtab *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 256;

	free(t->slots);
	t->slots = xcalloc(n, SLOT);
	t->nslots = n;
	for (uint32_t id = 0; id < t->n; id++) {
		struct pkey k;
		uint32_t h, v = id + 1;
		size_t i;

		pkey_init(&k, t->pool + t->off[id], t->off[id + 1] - t->off[id] - 1);
		h = pkey_hash(&k);
		i = free_slot(t, h);

		memcpy(t->slots + i * SLOT, &v, 4);
		t->slots[i * SLOT + 4] = hash_tag(h);
	}
}

struct strtab *
strtab_new(void)
{
	struct strtab *t = xcalloc(1, sizeof(*t));

	rehash(t);
	return t;
}

void
strtab_free(struct strtab *t)
{
	if (t == NULL)
		return;
	free(t->off);
	free(t->slots);
	free(t->pool);
	free(t);
}

/* The id of s[0..n), whose hash is h, or STRTAB_NONE with *slot the
 * free slot where it would go; k is the key taken apart, if it is
 * padded, else NULL.  Inlined in each caller, k constant there: a call
 * cost the indexer more than a probe did (its registers saved and
 * restored, for every token). */
static ALWAYS_INLINE uint32_t
lookup(const struct strtab *t, const char *s, size_t n, uint32_t h,
    const struct pkey *k, size_t *slot)
{
	size_t mask = t->nslots - 1, i = h & mask;
	uint8_t tag = hash_tag(h);
	uint32_t id;

	for (; (id = slot_id(t->slots + i * SLOT)) != 0; i = (i + 1) & mask) {
		const uint32_t *off;

		if (t->slots[i * SLOT + 4] != tag)
			continue;
		off = &t->off[id - 1];
		if (off[1] - off[0] - 1 == n && (k ?
		    pkey_same(k, t->pool + off[0]) :
		    same_bytes(t->pool + off[0], s, n)))
			return id - 1;
	}
	*slot = i;
	return STRTAB_NONE;
}

/* Add s[0..n), new, at the free slot for its hash h. */
static uint32_t
add(struct strtab *t, const char *s, size_t n, uint32_t h, size_t slot)
{
	uint32_t v;

	/* Up to three quarters full: a miss mostly stops at a slot's byte,
	 * so the longer runs cost little, and the slots of a long
	 * document's dictionary take half the room they took at half full
	 * (2 MB less for its 143 000 words). */
	if ((t->n + 1) * 4 > t->nslots * 3) {
		rehash(t);
		slot = free_slot(t, h);
	}
	if (t->npool + n + 1 + PAD > UINT32_MAX || t->n + 1 >= UINT32_MAX)
		die("too many distinct words");
	GROW(t->off, t->cap, t->n + 2);
	GROW(t->pool, t->cappool, t->npool + n + 1 + PAD);
	t->off[t->n] = (uint32_t)t->npool;
	memcpy(t->pool + t->npool, s, n);
	t->pool[t->npool + n] = '\0';
	t->npool += n + 1;
	memset(t->pool + t->npool, 0, PAD);     /* read, never used */
	t->off[t->n + 1] = (uint32_t)t->npool;
	v = (uint32_t)t->n + 1;
	memcpy(t->slots + slot * SLOT, &v, 4);
	t->slots[slot * SLOT + 4] = hash_tag(h);
	return (uint32_t)t->n++;
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t n, bool *added)
{
	uint32_t h = hash_bytes(s, n), id;
	size_t slot;

	if (added)
		*added = false;
	if ((id = lookup(t, s, n, h, NULL, &slot)) != STRTAB_NONE)
		return id;
	if (added)
		*added = true;
	return add(t, s, n, h, slot);
}

uint32_t
strtab_intern_padded(struct strtab *t, const char *s, size_t n, bool *added)
{
	struct pkey k;
	uint32_t h, id;
	size_t slot;

	pkey_init(&k, s, n);
	h = pkey_hash(&k);
	*added = false;
	if ((id = lookup(t, s, n, h, &k, &slot)) != STRTAB_NONE)
		return id;
	*added = true;
	return add(t, s, n, h, slot);
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t n)
{
	size_t slot;

	return lookup(t, s, n, hash_bytes(s, n), NULL, &slot);
}

const char *
strtab_str(const struct strtab *t, uint32_t id)
{
	return t->pool + t->off[id];
}

size_t
strtab_len(const struct strtab *t, uint32_t id)
{
	return t->off[id + 1] - t->off[id] - 1;
}

uint32_t
strtab_count(const struct strtab *t)
{
	return (uint32_t)t->n;
}

size_t
strtab_containing(const struct strtab *t, const char *pat, size_t n,
    uint32_t *ids, size_t max)
{
	const char *pool = t->pool, *end = t->pool + t->npool, *hit;
	size_t found = 0, lo = 0;

	if (n == 0 || t->n == 0)
		return 0;
	/* Strings lie in the pool in id order, each ended by a NUL that
	 * no match can span. */
	for (const char *p = pool; p < end &&
	    (hit = memmem(p, (size_t)(end - p), pat, n)) != NULL; ) {
		uint32_t off = (uint32_t)(hit - pool);
		size_t hi = t->n;

		while (lo < hi) {       /* the last string starting at or before off */
			size_t mid = lo + (hi - lo) / 2;

			if (t->off[mid] <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (found < max)
			ids[found] = (uint32_t)(lo - 1);
		found++;
		p = pool + t->off[lo];  /* past its NUL */
	}
	return found;
}

void
strtab_trim(struct strtab *t)
{
	SHRINK(t->off, t->cap, t->n + 1);
	SHRINK(t->pool, t->cappool, t->npool + PAD);
}

size_t
strtab_memory(const struct strtab *t)
{
	return sizeof(*t) + t->cap * sizeof(*t->off) + t->nslots * SLOT +
	    t->cappool;
}
