/*
 * token.c - the tokenizer.  ASCII words are read and folded a byte at a
 * time; anything else goes through utf8_decode and utf8_fold.
 */
#include "autoconf.h"

#include <string.h>

#include "doc.h"
#include "token.h"
#include "utf8.h"

void
tok_init(struct tokit *it, const struct doc *d, uint32_t b)
{
	const struct block *bl = doc_block(d, b);

	memset(it, 0, sizeof(*it));
	it->d = d;
	it->s = doc_data(d);
	it->piece = bl->first_piece;
	it->end_piece = bl->end_piece;
	if (it->piece < it->end_piece) {
		it->pos = doc_piece(d, it->piece)->off;
		it->pend = it->pos + doc_piece(d, it->piece)->len;
	}
	it->sentence = true;
}

/* Move to the next piece; true if it is glued to the one before. */
static bool
next_piece(struct tokit *it, bool *glued)
{
	const struct piece *p;

	if (++it->piece >= it->end_piece)
		return false;
	p = doc_piece(it->d, it->piece);
	it->pos = p->off;
	it->pend = p->off + p->len;
	*glued = p->join == JOIN_GLUE;
	return true;
}

static bool
ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Is the character at s[i] (n bytes left) a word character? */
static bool
word_at(const char *s, size_t n, uint32_t *cp, size_t *len)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x80) {
		*cp = c;
		*len = 1;
		return ascii_word(c);
	}
	*len = utf8_decode(s, n, cp);
	return utf8_is_word(*cp);
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

/* Skip to the next word character, noting sentence ends and quotes. */
static bool
skip_to_word(struct tokit *it)
{
	for (;;) {
		while (it->pos < it->pend) {
			uint32_t cp;
			size_t len;

			if (word_at(it->s + it->pos, it->pend - it->pos, &cp, &len))
				return true;
			if (cp == '.' || cp == '?' || cp == '!' || cp == ':' || cp == ';')
				it->sentence = cp != ':' && cp != ';' ? true : it->sentence;
			if (is_open_quote(cp))
				it->quote = true;
			if (cp != ' ' && cp != '\t')
				it->gap = true;
			it->pos += (uint32_t)len;
		}
		bool glued;

		if (!next_piece(it, &glued))
			return false;
	}
}

static void
add_fold(struct token *t, uint32_t cp)
{
	char f[UTF8_FOLD_MAX];
	size_t n;

	if (cp < 0x80) {
		if (t->flen < TOKEN_MAX)
			t->fold[t->flen++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return;
	}
	n = utf8_fold(cp, f);
	if (t->flen + n <= TOKEN_MAX) {
		memcpy(t->fold + t->flen, f, n);
		t->flen = (uint8_t)(t->flen + n);
	}
}

/* Facts about a token's letters, gathered as it is read. */
struct shape {
	unsigned letters, uppers;
	uint32_t last;              /* the last letter */
};

static void
shape_add(struct shape *sh, struct token *t, uint32_t cp, bool first)
{
	if (cp >= '0' && cp <= '9') {
		if (first)
			t->flags |= TOK_DIGIT;
		return;
	}
	sh->letters++;
	sh->last = cp;
	if (utf8_is_upper(cp)) {
		sh->uppers++;
		if (first)
			t->flags |= TOK_UPPER;
	}
}

/* All capitals ("ECOSOC"), or capitals and a plural "s" ("UNCTs"). */
static bool
shape_caps(const struct shape *sh)
{
	return sh->uppers >= 2 && (sh->uppers == sh->letters ||
	    (sh->uppers + 1 == sh->letters && sh->last == 's'));
}

/* What follows the token: a closing quote, punctuation. */
static void
look_after(struct tokit *it, struct token *t)
{
	uint32_t cp;

	t->after = ' ';
	if (it->pos >= it->pend)
		return;
	utf8_decode(it->s + it->pos, it->pend - it->pos, &cp);
	if (is_close_quote(cp))
		t->flags |= TOK_QCLOSE;
	if (cp < 0x80 && cp != ' ' && cp != '\t')
		t->after = (char)cp;
	else if (cp == 0x2013 || cp == 0x2014)
		t->after = '-';
	else if (cp >= 0x80)
		t->after = '"';
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
	    word_at(it->s + p->off, p->len, &cp, &len);
}

/* Read word characters (and inner hyphens) from the current piece;
 * false when the token ended inside it. */
static bool
read_word(struct tokit *it, struct token *t, struct shape *sh)
{
	while (it->pos < it->pend) {
		const char *p = it->s + it->pos;
		uint32_t cp, c2;
		size_t len, l2;

		if (!word_at(p, it->pend - it->pos, &cp, &len)) {
			/* A hyphen inside the word, or a kept one at the end of
			 * a line whose word goes on in the next piece. */
			if (cp == '-' && ((it->pos + 1 < it->pend &&
			    word_at(p + 1, it->pend - it->pos - 1, &c2, &l2)) ||
			    (it->pos + 1 == it->pend && glued_next(it)))) {
				t->flags |= TOK_HYPHEN;
				add_fold(t, '-');
				it->pos++;
				continue;
			}
			return false;
		}
		shape_add(sh, t, cp, t->end == 0);
		add_fold(t, cp);
		it->pos += (uint32_t)len;
		t->end = it->pos;
	}
	return true;
}

bool
tok_next(struct tokit *it, struct token *t)
{
	struct shape sh = { 0, 0, 0 };
	bool glued;

	if (!skip_to_word(it))
		return false;
	memset(t, 0, sizeof(*t));
	t->off = it->pos;
	t->gap = it->gap;
	if (it->sentence)
		t->flags |= TOK_SENTENCE;
	if (it->quote)
		t->flags |= TOK_QOPEN;
	it->sentence = it->quote = it->gap = false;
	/* A word rejoined at a line end goes on in the next piece. */
	while (read_word(it, t, &sh) && next_piece(it, &glued) && glued)
		;
	if (shape_caps(&sh))
		t->flags |= TOK_CAPS;
	look_after(it, t);
	return true;
}
