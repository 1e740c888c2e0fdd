/*
 * hyphen.c - evidence for rejoining words broken at a line end.
 *
 * "institu-" + "tionalization" lost a typesetter's hyphen and must be
 * rejoined without it; "High-" + "level" kept a real one.  The text
 * itself says which: if the hyphenated form occurs somewhere whole (not
 * broken at a line end), the hyphen is part of the word.  This module
 * collects every hyphenated word the text spells whole, case-folded,
 * into a set; it reads only the places where a hyphen stands, found with
 * memchr, so it costs little even on a large text.  On the way it notes
 * the few hyphens that PDF extraction may have cut from their word
 * ("Secretary -General"), so that the text is not searched for them
 * again, line by line, when it is emitted.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "parse_impl.h"
#include "strtab.h"
#include "utf8.h"
#include "util.h"

#define MAXWORD 64
#define SPLIT_EVERY 256         /* at most one split noted in so many
                                   bytes (and at least SPLIT_MIN) */
#define SPLIT_MIN 64

struct hyph {
	struct strtab *words;
	/* The hyphens that follow a space between word bytes, in order:
	 * the only ones hyph_rejoin() may rejoin.  A text with more than
	 * it is worth keeping has none kept (unlisted), and they are looked
	 * for where they are asked for. */
	uint32_t *splits;
	size_t nsplits, capsplits;
	bool unlisted;
	/* The text scanned, s[start, end): split_at() reads it. */
	const char *s;
	uint32_t start, end;
};

static bool
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

/* Is p inside a General Punctuation character (U+2000-U+207F: curly
 * quotes, dashes), which ends a word although its bytes are not ASCII? */
static bool
in_punct(const char *lo, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	int back = 0;

	while (back < 2 && (u[-back] & 0xC0) == 0x80 && p - back > lo)
		back++;
	u -= back;
	return u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81);
}

static bool
word_at(const char *lo, const char *p)
{
	return word_byte((unsigned char)*p) && !in_punct(lo, p);
}

/* Fold w[0..n) into out (ASCII lower case; other bytes as they are, for
 * a set that only needs to compare like with like). */
static size_t
fold(const char *w, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
	return n;
}

/* Is the hyphen s[q] one hyph_rejoin() may rejoin, for some part of
 * the text [h->start, h->end): after a space, between word bytes? */
static bool
split_at(const struct hyph *h, uint32_t q)
{
	const char *s = h->s;

	return q >= h->start + 2 && q + 1 < h->end && s[q - 1] == ' ' &&
	    word_byte((unsigned char)s[q - 2]) && word_byte((unsigned char)s[q + 1]);
}

static void
note_split(struct hyph *h, uint32_t q)
{
	if (h->unlisted || !split_at(h, q))
		return;
	if (h->nsplits >= MAX((h->end - h->start) / SPLIT_EVERY, (uint32_t)SPLIT_MIN)) {
		h->unlisted = true;
		free(h->splits);
		h->splits = NULL;
		h->nsplits = 0;
		return;
	}
	GROW(h->splits, h->capsplits, h->nsplits + 1);
	h->splits[h->nsplits++] = q;
}

struct hyph *
hyph_scan(struct load_pass *lp)
{
	const char *s = lp->t->data;
	uint32_t start = (uint32_t)lp->start, end = (uint32_t)lp->end;
	struct hyph *h = xcalloc(1, sizeof(*h));
	const char *p = s + start, *e = s + end;
	char buf[MAXWORD];

	h->words = strtab_new();
	h->s = s;
	h->start = start;
	h->end = end;
	while ((p = load_pass_memchr(lp, p, '-', e)) != NULL) {
		const char *a = p, *b = p + 1;

		note_split(h, (uint32_t)(p - s));
		p++;
		/* A hyphen between word characters, not at a line end. */
		if (a == s + start || !word_at(s, a - 1) || b >= e ||
		    !word_at(s, b))
			continue;
		while (a > s + start && (word_at(s, a - 1) || (a[-1] == '-' &&
		    a - 1 > s + start && word_at(s, a - 2))) && p - a < MAXWORD)
			a--;
		while (b < e && (word_at(s, b) || (*b == '-' && b + 1 < e &&
		    word_at(s, b + 1))) && b - a < MAXWORD)
			b++;
		if (b - a < MAXWORD)
			strtab_intern(h->words, buf, fold(a, (size_t)(b - a), buf), NULL);
		p = b;
	}
	load_pass_end(lp);
	return h;
}

/* Does the text spell a-b, with its hyphen, somewhere?  1 or 0, or -1
 * when a or b is empty or the whole is longer than any word kept. */
static int
spelt(const struct hyph *h, const char *a, size_t alen, const char *b,
    size_t blen)
{
	char buf[2 * MAXWORD + 1];
	size_t n;

	if (alen == 0 || blen == 0 || alen + blen + 1 > sizeof(buf))
		return -1;
	n = fold(a, alen, buf);
	buf[n++] = '-';
	n += fold(b, blen, buf + n);
	return strtab_find(h->words, buf, n) != STRTAB_NONE;
}

bool
hyph_keep(const struct hyph *h, const char *a, size_t alen, const char *b,
    size_t blen)
{
	return spelt(h, a, alen, b, blen) != 0;         /* unsure: keep it */
}

bool
hyph_rejoin(const struct hyph *h, const char *s, uint32_t lo, uint32_t q,
    uint32_t hi)
{
	const char *base = s + lo, *end = s + hi, *a = s + q, *b = s + q + 2;

	if (q <= lo || q + 2 >= hi || s[q] != ' ' || s[q + 1] != '-' ||
	    !word_at(base, a - 1) || !word_at(base, b))
		return false;
	while (a > base && word_at(base, a - 1) && s + q - a < MAXWORD)
		a--;
	while (b < end && word_at(base, b) && b - (s + q + 2) < MAXWORD)
		b++;
	/* A word longer than any the scan kept is no evidence. */
	if ((a > base && word_at(base, a - 1)) || (b < end && word_at(base, b)))
		return false;
	return spelt(h, a, (size_t)(s + q - a), s + q + 2,
	    (size_t)(b - (s + q + 2))) == 1;
}

uint32_t
hyph_next_split(const struct hyph *h, uint32_t from, uint32_t to)
{
	size_t i;

	if (h->unlisted) {
		const char *q;

		for (; from < to && (q = memchr(h->s + from, '-', to - from)) != NULL;
		    from = (uint32_t)(q - h->s) + 1)
			if (split_at(h, (uint32_t)(q - h->s)))
				return (uint32_t)(q - h->s);
		return to;
	}
	i = lower_bound_u32(h->splits, 0, h->nsplits, from);
	return i < h->nsplits && h->splits[i] < to ? h->splits[i] : to;
}

void
hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	strtab_free(h->words);
	free(h->splits);
	free(h);
}
