/*
 * token.c - the tokenizer, the inner loop of indexing.  ASCII, nearly
 * all of most documents, is classified by a table and folded in place;
 * other characters go through utf8_decode and utf8_fold.  A token of
 * ASCII letters and digits alone, nearly every one, is read by a path
 * of its own (plain_token()); any other by the general one.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

enum { A_OTHER, A_SPACE, A_LOWER, A_UPPER, A_DIGIT, A_STOP, A_PAUSE,
	A_QUOTE, A_HYPHEN, A_HIGH };

static const uint8_t ascii[256] = {
	[' '] = A_SPACE, ['\t'] = A_SPACE, ['\n'] = A_SPACE, ['\r'] = A_SPACE,
	['.'] = A_STOP, ['?'] = A_STOP, ['!'] = A_STOP,
	[':'] = A_PAUSE, [';'] = A_PAUSE,
	['"'] = A_QUOTE, ['-'] = A_HYPHEN,
	['a'] = A_LOWER, ['b'] = A_LOWER, ['c'] = A_LOWER, ['d'] = A_LOWER,
	['e'] = A_LOWER, ['f'] = A_LOWER, ['g'] = A_LOWER, ['h'] = A_LOWER,
	['i'] = A_LOWER, ['j'] = A_LOWER, ['k'] = A_LOWER, ['l'] = A_LOWER,
	['m'] = A_LOWER, ['n'] = A_LOWER, ['o'] = A_LOWER, ['p'] = A_LOWER,
	['q'] = A_LOWER, ['r'] = A_LOWER, ['s'] = A_LOWER, ['t'] = A_LOWER,
	['u'] = A_LOWER, ['v'] = A_LOWER, ['w'] = A_LOWER, ['x'] = A_LOWER,
	['y'] = A_LOWER, ['z'] = A_LOWER,
	['A'] = A_UPPER, ['B'] = A_UPPER, ['C'] = A_UPPER, ['D'] = A_UPPER,
	['E'] = A_UPPER, ['F'] = A_UPPER, ['G'] = A_UPPER, ['H'] = A_UPPER,
	['I'] = A_UPPER, ['J'] = A_UPPER, ['K'] = A_UPPER, ['L'] = A_UPPER,
	['M'] = A_UPPER, ['N'] = A_UPPER, ['O'] = A_UPPER, ['P'] = A_UPPER,
	['Q'] = A_UPPER, ['R'] = A_UPPER, ['S'] = A_UPPER, ['T'] = A_UPPER,
	['U'] = A_UPPER, ['V'] = A_UPPER, ['W'] = A_UPPER, ['X'] = A_UPPER,
	['Y'] = A_UPPER, ['Z'] = A_UPPER,
	['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT,
	['4'] = A_DIGIT, ['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT,
	['8'] = A_DIGIT, ['9'] = A_DIGIT,
#define H8(x) [x] = A_HIGH, [x + 1] = A_HIGH, [x + 2] = A_HIGH, [x + 3] = A_HIGH, \
	[x + 4] = A_HIGH, [x + 5] = A_HIGH, [x + 6] = A_HIGH, [x + 7] = A_HIGH
	H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0),
	H8(0xB8), H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8),
	H8(0xF0), H8(0xF8),
#undef H8
};

void
tok_init(struct tokit *it, const struct doc *d, uint32_t b)
{
	const struct block *bl = doc_block(d, b);

	memset(it, 0, sizeof(*it));
	it->d = d;
	it->s = doc_data(d);
	it->piece = bl->first_piece;
	it->end_piece = block_end_piece(bl);
	if (it->piece < it->end_piece) {
		const struct piece *p = doc_piece(d, it->piece);

		it->pos = p->off;
		it->pend = p->off + p->len;
	}
	it->flags = TOK_SENTENCE;
}

/* Move to the next piece; false at the end of the block. */
static bool
next_piece(struct tokit *it)
{
	const struct piece *p;

	if (++it->piece >= it->end_piece)
		return false;
	p = doc_piece(it->d, it->piece);
	it->pos = p->off;
	it->pend = p->off + p->len;
	return true;
}

static bool
is_open_quote(uint32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

static bool
is_close_quote(uint32_t cp)
{
	return cp == '"' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

static inline bool
is_ascii_word(char c)
{
	uint8_t k = ascii[(unsigned char)c];

	return k == A_LOWER || k == A_UPPER || k == A_DIGIT;
}

/* Is the character at p (up to e) a word character? */
static bool
word_at(const char *p, const char *e, uint32_t *cp, size_t *len)
{
	unsigned char c = (unsigned char)*p;
	uint8_t k = ascii[c];

	if (k != A_HIGH) {
		*cp = c;
		*len = 1;
		return k == A_LOWER || k == A_UPPER || k == A_DIGIT;
	}
	*len = utf8_decode(p, (size_t)(e - p), cp);
	return utf8_is_word(*cp);
}

/* Skip to the next word character, noting sentence ends and quotes.
 * Two spaces or a tab inside a line are a gap too: the columns of a
 * table ("Budgeted     Actual"), a term and its definition. */
static bool
skip_to_word(struct tokit *it)
{
	const char *s = it->s;

	/* Nearly always: a space, then the next word; else mostly a mark
	 * of punctuation before the space, which makes a gap (as a second
	 * space would) and may end a sentence or open a quote. */
	if (it->pos + 1 < it->pend && s[it->pos] == ' ' &&
	    is_ascii_word(s[it->pos + 1])) {
		it->pos++;
		return true;
	}
	if (it->pos + 2 < it->pend && s[it->pos + 1] == ' ' &&
	    is_ascii_word(s[it->pos + 2])) {
		uint8_t k = ascii[(unsigned char)s[it->pos]];

		if (k != A_HIGH && !is_ascii_word(s[it->pos])) {
			it->flags |= k == A_STOP ? TOK_SENTENCE :
			    k == A_QUOTE ? TOK_QOPEN : 0;
			it->gap = true;
			it->pos += 2;
			return true;
		}
	}
	for (;;) {
		unsigned spaces = 0;

		while (it->pos < it->pend) {
			unsigned char c = (unsigned char)s[it->pos];
			uint8_t k = ascii[c];
			uint32_t cp;
			size_t len;

			if (k == A_LOWER || k == A_UPPER || k == A_DIGIT)
				return true;
			if (k != A_HIGH) {
				if (k == A_STOP)
					it->flags |= TOK_SENTENCE;
				else if (k == A_QUOTE)
					it->flags |= TOK_QOPEN;
				if (k != A_SPACE || c == '\t' || ++spaces == 2)
					it->gap = true;
				it->pos++;
				continue;
			}
			if (word_at(s + it->pos, s + it->pend, &cp, &len))
				return true;
			if (is_open_quote(cp))
				it->flags |= TOK_QOPEN;
			it->gap = true;
			it->pos += (uint32_t)len;
		}
		if (!next_piece(it))
			return false;
	}
}

/* Is the next piece glued to this one and does it start a word? */
static bool
glued_next(const struct tokit *it)
{
	const struct piece *p;
	uint32_t cp;
	size_t len;

	if (it->piece + 1 >= it->end_piece)
		return false;
	p = doc_piece(it->d, it->piece + 1);
	return p->join == JOIN_GLUE && p->len > 0 &&
	    word_at(it->s + p->off, it->s + p->off + p->len, &cp, &len);
}

/* Facts about a token's letters, gathered as it is read. */
struct shape {
	unsigned letters, uppers;
	uint32_t last;              /* the last letter */
};

static void
add_char(struct token *t, struct shape *sh, uint32_t cp, bool first)
{
	char f[UTF8_FOLD_MAX];
	size_t n;

	if (cp >= '0' && cp <= '9') {
		if (first)
			t->flags |= TOK_DIGIT;
	} else {
		sh->letters++;
		sh->last = cp;
		if (utf8_is_upper(cp)) {
			sh->uppers++;
			if (first)
				t->flags |= TOK_UPPER;
		}
	}
	n = utf8_fold(cp, f);
	if (t->flen + n <= TOKEN_MAX) {
		memcpy(t->fold + t->flen, f, n);
		t->flen = (uint8_t)(t->flen + n);
	}
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* How many of the eight bytes at p are lower-case ASCII letters before
 * the first that is not.  A byte is one when adding 0x80 - 'a' sets its
 * high bit and adding 0x80 - 'z' - 1 does not, and its own high bit is
 * clear; a byte at or above 0x80 is none, and the carry out of it can
 * only disturb the bytes above it, which come after it in memory on a
 * little-endian machine (elsewhere the bytes are counted one by one). */
static unsigned
lower_prefix(const char *p)
{
	uint64_t w, other;

	memcpy(&w, p, 8);
	other = ~((w + ONES * (0x80 - 'a')) & ~(w + ONES * (0x80 - 'z' - 1)) &
	    ~w) & HIGHS;
	if (other == 0)
		return 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (unsigned)__builtin_ctzll(other) / 8;
#else
	{
		unsigned k = 0;

		while (ascii[(unsigned char)p[k]] == A_LOWER)
			k++;
		return k;
	}
#endif
}

/* A run of lower-case ASCII letters, the bulk of any text: read eight
 * bytes at a time where the piece has them, and copied to the folded
 * form as it is (a run of up to 16 letters with one or two stores of
 * eight bytes, not a call to the C library: the room after TOKEN_MAX
 * allows the last to run past the run; what lies after it is
 * overwritten or after the token's end). */
static uint32_t
lower_run(const char *s, uint32_t pos, uint32_t pend, struct token *t,
    struct shape *sh)
{
	uint32_t start = pos;
	size_t len, room, copy;

	pos++;
	for (unsigned k = 8; k == 8 && pos + 8 <= pend; pos += k)
		k = lower_prefix(s + pos);
	while (pos < pend && ascii[(unsigned char)s[pos]] == A_LOWER)
		pos++;
	len = pos - start;
	room = (size_t)TOKEN_MAX - t->flen;
	copy = MIN(len, room);
	if (copy <= 8 && start + 8 <= pend)
		memcpy(t->fold + t->flen, s + start, 8);
	else if (copy <= 16 && start + 16 <= pend) {
		memcpy(t->fold + t->flen, s + start, 8);
		memcpy(t->fold + t->flen + 8, s + start + 8, 8);
	} else
		memcpy(t->fold + t->flen, s + start, copy);
	t->flen = (uint8_t)(t->flen + copy);
	sh->letters += (unsigned)len;
	sh->last = (unsigned char)s[pos - 1];
	return pos;
}

/* Read word characters (and inner hyphens) from the current piece;
 * false when the token ended inside it. */
static bool
read_word(struct tokit *it, struct token *t, struct shape *sh)
{
	const char *s = it->s;
	uint32_t pos = it->pos, pend = it->pend;
	bool first = t->end == 0, more = true;

	while (pos < pend) {
		unsigned char c = (unsigned char)s[pos];
		uint8_t k = ascii[c];
		uint32_t cp, c2;
		size_t len, l2;

		if (k == A_LOWER) {
			pos = lower_run(s, pos, pend, t, sh);
		} else if (k == A_UPPER || k == A_DIGIT) {
			if (k == A_DIGIT) {
				if (first)
					t->flags |= TOK_DIGIT;
			} else {
				sh->letters++;
				sh->uppers++;
				sh->last = c;
				if (first)
					t->flags |= TOK_UPPER;
				c |= 0x20;
			}
			if (t->flen < TOKEN_MAX)
				t->fold[t->flen++] = (char)c;
			pos++;
		} else if (k == A_HYPHEN && ((pos + 1 < pend &&
		    word_at(s + pos + 1, s + pend, &c2, &l2)) ||
		    (pos + 1 == pend && (it->pos = pos, glued_next(it))))) {
			/* A hyphen inside the word, or a kept one at the end of
			 * a line whose word goes on in the next piece. */
			t->flags |= TOK_HYPHEN;
			if (t->flen < TOKEN_MAX)
				t->fold[t->flen++] = '-';
			pos++;
			continue;
		} else if (k == A_HIGH && word_at(s + pos, s + pend, &cp, &len)) {
			add_char(t, sh, cp, first);
			pos += (uint32_t)len;
		} else {
			more = false;
			break;
		}
		t->end = pos;
		first = false;
	}
	it->pos = pos;
	return more;
}

/* The fold's NUL and the zeros after it (token.h): one store. */
static inline void
end_fold(struct token *t)
{
	memset(t->fold + t->flen, 0, 8);
}

/* All capitals ("ECOSOC"), or capitals and a plural "s" ("UNCTs"). */
static bool
shape_caps(const struct shape *sh)
{
	return sh->uppers >= 2 && (sh->uppers == sh->letters ||
	    (sh->uppers + 1 == sh->letters && sh->last == 's'));
}

/* The common token: ASCII letters and digits, ended by ASCII that is
 * neither a letter, a digit nor a hyphen, or by the end of its line
 * (nearly every token of most text); flags are those from before it.
 * Read whole, without the general path's bookkeeping of its shape (its
 * letters are counted only if it has two capitals), or not at all:
 * false leaves it to the general path, any_token(), which reads it
 * again (what this wrote in t is written again there). */
static ALWAYS_INLINE bool
plain_token(struct tokit *it, struct token *t, uint8_t flags)
{
	const char *s = it->s;
	uint32_t pos = it->pos, pend = it->pend, n = 0;
	unsigned uppers = 0;
	uint8_t k = ascii[(unsigned char)s[pos]];
	unsigned char c;

	flags |= k == A_UPPER ? TOK_UPPER : k == A_DIGIT ? TOK_DIGIT : 0;

	for (;;) {
		/* Lower-case letters, eight at a time where the piece has
		 * them (the room after TOKEN_MAX takes the eight bytes
		 * copied: what lies after the run is overwritten or after
		 * the token's end). */
		while (pos + 8 <= pend) {
			unsigned r = lower_prefix(s + pos);

			memcpy(t->fold + n, s + pos, 8);
			n = MIN(n + r, (uint32_t)TOKEN_MAX);
			pos += r;
			if (r < 8)
				break;
		}
		if (pos == pend) {
			/* At the end of its line, unless the next piece
			 * is glued to this one (any_token()). */
			if (it->piece + 1 < it->end_piece &&
			    doc_piece(it->d, it->piece + 1)->join == JOIN_GLUE)
				return false;
			c = ' ';
			break;
		}
		c = (unsigned char)s[pos];
		if (c == ' ')           /* what nearly every word ends with */
			break;
		k = ascii[c];
		if (k != A_LOWER && k != A_UPPER && k != A_DIGIT)
			break;
		if (k == A_UPPER) {
			c |= 0x20;
			uppers++;
		}
		t->fold[n] = (char)c;
		n += n < TOKEN_MAX;
		pos++;
	}
	if (c == '-' || c >= 0x80)
		return false;
	if (c == '"')
		flags |= TOK_QCLOSE;
	t->after = c == ' ' || c == '\t' ? ' ' : (char)c;
	if (uppers >= 2) {
		struct shape sh = { 0, uppers, 0 };

		for (uint32_t i = it->pos; i < pos; i++)
			if (ascii[(unsigned char)s[i]] != A_DIGIT) {
				sh.letters++;
				sh.last = (unsigned char)s[i];
			}
		if (shape_caps(&sh))
			flags |= TOK_CAPS;
	}
	t->flags = flags;
	t->end = pos;
	t->flen = (uint8_t)n;
	end_fold(t);
	it->pos = pos;
	return true;
}

/* What follows the token: a closing quote, punctuation. */
static void
look_after(struct tokit *it, struct token *t)
{
	unsigned char c;
	uint32_t cp;

	t->after = ' ';
	if (it->pos >= it->pend)
		return;
	c = (unsigned char)it->s[it->pos];
	if (c < 0x80) {
		if (c == '"')
			t->flags |= TOK_QCLOSE;
		if (c != ' ' && c != '\t')
			t->after = (char)c;
		return;
	}
	utf8_decode(it->s + it->pos, it->pend - it->pos, &cp);
	if (is_close_quote(cp))
		t->flags |= TOK_QCLOSE;
	t->after = cp == 0x2013 || cp == 0x2014 ? '-' : '"';
}

/* Any token, from its first character (t->off, its flags before it
 * set): the general path, kept out of tok_read()'s loop, whose
 * registers the common token needs. */
static NOINLINE void
any_token(struct tokit *it, struct token *t)
{
	struct shape sh = { 0, 0, 0 };

	t->end = 0;
	t->flen = 0;
	/* A word rejoined at a line end goes on in the next piece; one
	 * that ends at a line end is followed by a space. */
	for (;;) {
		if (!read_word(it, t, &sh)) {
			look_after(it, t);
			break;
		}
		if (it->piece + 1 >= it->end_piece ||
		    doc_piece(it->d, it->piece + 1)->join != JOIN_GLUE) {
			t->after = ' ';
			break;
		}
		next_piece(it);
	}
	if (shape_caps(&sh))
		t->flags |= TOK_CAPS;
	end_fold(t);
}

/* The one place a token is read, inlined in tok_read()'s loop with the
 * common token's path: a call per token, with the registers it saved
 * and restored, was a tenth of the cost of a token. */
static ALWAYS_INLINE bool
next_token(struct tokit *it, struct token *t)
{
	if (!skip_to_word(it))
		return false;
	t->off = it->pos;
	t->word = UINT32_MAX;
	t->gap = it->gap;
	it->gap = false;
	if (!plain_token(it, t, it->flags)) {
		t->flags = it->flags;
		any_token(it, t);
	}
	it->flags = 0;
	return true;
}

size_t
tok_read(struct tokit *it, struct token *t, size_t max)
{
	size_t n = 0;

	while (n < max && next_token(it, &t[n]))
		n++;
	return n;
}

bool
tok_next(struct tokit *it, struct token *t)
{
	return tok_read(it, t, 1) == 1;
}

/* The room a piece starts with: more only for a longer block. */
#define CHUNK_FIRST 128

void
tok_chunks_init(struct tokchunks *c)
{
	c->cap = CHUNK_FIRST;
	c->tk = xreallocarray(NULL, c->cap, sizeof(*c->tk));
	c->have = c->given = 0;
}

void
tok_chunks_done(struct tokchunks *c)
{
	free(c->tk);
	c->tk = NULL;
}

size_t
tok_chunk(struct tokchunks *c, struct tokit *it)
{
	size_t n, cut = 0;

	/* What the last piece left over goes first. */
	if (c->given > 0) {
		memmove(c->tk, c->tk + c->given, (c->have - c->given) * sizeof(*c->tk));
		c->have -= c->given;
		c->given = 0;
	}
	/* Up to TOKEN_CHUNK tokens, in the room there is, and more room
	 * while the block goes on. */
	for (;;) {
		size_t want = c->cap - c->have;

		c->have += tok_read(it, c->tk + c->have, want);
		if (c->have < c->cap || c->cap == TOKEN_CHUNK)
			break;
		c->cap = MIN(c->cap * 2, (size_t)TOKEN_CHUNK);
		c->tk = xreallocarray(c->tk, c->cap, sizeof(*c->tk));
	}
	n = c->have;
	/* A full buffer may go on: end the piece before the last sentence
	 * it starts, else after the last punctuation. */
	if (n == TOKEN_CHUNK) {
		for (size_t k = n - 1; k > 0 && cut == 0; k--)
			if (c->tk[k].flags & TOK_SENTENCE)
				cut = k;
		for (size_t k = n - 1; k > 0 && cut == 0; k--)
			if (c->tk[k].gap)
				cut = k;
		if (cut > 0)
			n = cut;
	}
	c->given = n;
	return n;
}
