/*
 * token.h - the words of a block, for the indexes.
 *
 * A token is a run of word characters (letters, digits, marks), with
 * hyphens inside it ("High-level", "Secretary-General") kept; it may
 * span two pieces when a line-end hyphen was rejoined.  Each token
 * comes with its folded form (lower case, no accents: utf8_fold), its
 * place in the text, and a few facts about its shape and its
 * surroundings that the term finder needs.  The model's single pass over
 * the text (model.c) reads each block's tokens once and hands the same
 * array to the word index (which fills in each token's word id), the
 * term finder and the cross-reference parser.
 */
#ifndef LECTERN_TOKEN_H
#define LECTERN_TOKEN_H

#include <stdbool.h>
#include <stdint.h>

struct doc;

#define TOKEN_MAX 64            /* longer tokens are cut (for the index) */
#define TOKEN_CHUNK 4096        /* tokens handed over at a time */

enum {
	TOK_UPPER = 1,          /* starts with a capital letter */
	TOK_CAPS = 2,           /* two or more letters, all capitals (an
	                           acronym may end in a lower-case "s") */
	TOK_DIGIT = 4,          /* starts with a digit */
	TOK_SENTENCE = 8,       /* first word of a sentence (or block) */
	TOK_QOPEN = 16,         /* an opening quotation mark just before */
	TOK_QCLOSE = 32,        /* a closing quotation mark just after */
	TOK_HYPHEN = 64         /* holds a hyphen */
};

struct token {
	uint32_t off;           /* where it starts in the text */
	uint32_t end;           /* just after its last byte */
	uint32_t word;          /* its word id in the index (index.h) */
	uint8_t flen;           /* bytes of fold */
	uint8_t flags;          /* TOK_* */
	char after;             /* the punctuation right after it: '.', ',',
	                           ';', ':', '-' (a dash), '(' ... or ' ' */
	bool gap;               /* not directly after the previous token
	                           (punctuation other than a space between) */
	char fold[TOKEN_MAX + 8];       /* NUL-terminated, and the seven
	                                   bytes after the NUL are zeros
	                                   too (the room after TOKEN_MAX
	                                   holds them): a reader may take
	                                   it 8 bytes at a time, the last
	                                   with its zeros (the bytes past
	                                   those hold anything) */
};

struct tokit {
	const struct doc *d;
	const char *s;
	uint32_t piece, end_piece;
	uint32_t pos;           /* next byte to read */
	uint32_t pend;          /* end of the current piece */
	uint8_t flags;          /* the next token's TOK_SENTENCE (it starts
	                           a sentence) and TOK_QOPEN (an opening
	                           quote was seen) */
	bool gap;
};

/* Iterate over the tokens of block b. */
void tok_init(struct tokit *it, const struct doc *d, uint32_t b);
bool tok_next(struct tokit *it, struct token *t);
/* Read up to max tokens; returns how many (0 at the end of the block). */
size_t tok_read(struct tokit *it, struct token *t, size_t max);

/* A block's tokens in pieces of at most TOKEN_CHUNK that end where a
 * sentence does (or, in a sentence longer than that, after a mark of
 * punctuation), so that no name, term or reference is cut in two:
 *
 *	struct tokchunks c;
 *	tok_chunks_init(&c);
 *	for each block b: tok_init(&it, d, b);
 *		while ((n = tok_chunk(&c, &it)) > 0) use c.tk[0..n);
 *	tok_chunks_done(&c);
 *
 * The tokens of a piece are the caller's to change (index_add() gives
 * them their word ids) until the next call, which may move them (c.tk
 * is read again after each call).  The room for them grows with the
 * longest piece: most blocks have a few dozen tokens, and a token is
 * 88 bytes. */
struct tokchunks {
	struct token *tk;
	size_t cap;             /* room in tk, up to TOKEN_CHUNK */
	size_t have;            /* tokens read */
	size_t given;           /* of which the last piece */
};
void tok_chunks_init(struct tokchunks *c);
size_t tok_chunk(struct tokchunks *c, struct tokit *it);
void tok_chunks_done(struct tokchunks *c);

#endif
