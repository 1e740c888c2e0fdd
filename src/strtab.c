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

/* The last 1 to 7 bytes of a key as one word (its length is in the
 * hash already), read with fixed-size loads that may overlap: a memcpy
 * of variable length would be a call to the C library. */
static uint64_t
tail_bytes(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t a, b;

	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return (uint64_t)b << 32 | a;
	}
	return (uint64_t)u[0] << 16 | (uint64_t)u[n / 2] << 8 | u[n - 1];
}

/* Eight bytes at a time: most keys are words of a few letters, and this
 * is in the indexer's inner loop. */
static inline uint32_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	if (i < n) {
		w = tail_bytes(s + i, n - i);
		h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	}
	h ^= h >> 29;
	h *= 0x94D049BB133111EBull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Equal keys of length n: short ones compared in place.  Below eight
 * bytes, with the overlapping loads of tail_bytes() rather than a loop
 * over the bytes, whose length the branch predictor cannot guess: most
 * words are that short. */
static bool
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
	return n == 0 || tail_bytes(a, n) == tail_bytes(b, n);
}

static void
rehash(struct strtab *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 256;

	free(t->slots);
	t->slots = xcalloc(n, SLOT);
	t->nslots = n;
	for (uint32_t id = 0; id < t->n; id++) {
		uint32_t h = hash_bytes(t->pool + t->off[id],
		    t->off[id + 1] - t->off[id] - 1), v = id + 1;
		size_t i = h & (n - 1);

		while (slot_id(t->slots + i * SLOT))
			i = (i + 1) & (n - 1);
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

static inline uint32_t
lookup(const struct strtab *t, const char *s, size_t n, uint32_t h,
    size_t *slot)
{
	size_t mask = t->nslots - 1, i = h & mask;
	uint8_t tag = hash_tag(h);
	uint32_t id;

	for (; (id = slot_id(t->slots + i * SLOT)) != 0; i = (i + 1) & mask) {
		const uint32_t *off;

		if (t->slots[i * SLOT + 4] != tag)
			continue;
		off = &t->off[id - 1];
		if (off[1] - off[0] - 1 == n && same_bytes(t->pool + off[0], s, n))
			return id - 1;
	}
	*slot = i;
	return STRTAB_NONE;
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t n, bool *added)
{
	uint32_t h = hash_bytes(s, n), id;
	size_t slot;

	if (added)
		*added = false;
	if ((id = lookup(t, s, n, h, &slot)) != STRTAB_NONE)
		return id;
	/* Up to three quarters full: a miss mostly stops at a slot's byte,
	 * so the longer runs cost little, and the slots of a long
	 * document's dictionary take half the room they took at half full
	 * (2 MB less for its 143 000 words). */
	if ((t->n + 1) * 4 > t->nslots * 3) {
		rehash(t);
		lookup(t, s, n, h, &slot);
	}
	if (t->npool + n + 1 > UINT32_MAX || t->n + 1 >= UINT32_MAX)
		die("too many distinct words");
	GROW(t->off, t->cap, t->n + 2);
	GROW(t->pool, t->cappool, t->npool + n + 1);
	t->off[t->n] = (uint32_t)t->npool;
	memcpy(t->pool + t->npool, s, n);
	t->pool[t->npool + n] = '\0';
	t->npool += n + 1;
	t->off[t->n + 1] = (uint32_t)t->npool;
	id = (uint32_t)t->n + 1;
	memcpy(t->slots + slot * SLOT, &id, 4);
	t->slots[slot * SLOT + 4] = hash_tag(h);
	if (added)
		*added = true;
	return (uint32_t)t->n++;
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t n)
{
	size_t slot;

	return lookup(t, s, n, hash_bytes(s, n), &slot);
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
	SHRINK(t->pool, t->cappool, t->npool);
}

size_t
strtab_memory(const struct strtab *t)
{
	return sizeof(*t) + t->cap * sizeof(*t->off) + t->nslots * SLOT +
	    t->cappool;
}
