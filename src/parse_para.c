/*
 * parse_para.c - the paragraph builder: classified lines in, paragraphs
 * out.
 *
 * It joins hard-wrapped lines into paragraphs and decides where a
 * paragraph ends.  Text extracted from PDF needs judgement here: a blank
 * line may fall inside a sentence ("... for IOM Member", blank, "States
 * to decide"), and a paragraph may end without one.  The rule is the
 * typesetter's: a line that was filled to the margin (the next line's
 * first word would not have fitted on it) was wrapped, and the sentence
 * goes on; a line that stopped short ended something, unless the next
 * line carries on in lower case.  Documents whose lines are not filled
 * (RFCs, Markdown: the recogniser says "ragged") break at blank lines
 * instead.
 *
 * Words split at a line end are rejoined here too, with or without
 * their hyphen as hyphen.c's evidence says.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "parse_impl.h"
#include "util.h"

#define MAX_PRE_BLANKS 2

struct pbuild {
	struct para cur;
	bool open;
	struct line last;       /* the last line added to cur */
	struct line prev;       /* the last line that was not blank */
	bool have_prev;
	unsigned blanks;        /* blank lines since prev */
	bool brk;               /* a page break since prev */
	size_t furn_at;         /* where furn_is() last looked */
};

void
para_init(struct pctx *p)
{
	p->pb = xcalloc(1, sizeof(*p->pb));
}

void
para_done(struct pctx *p)
{
	if (p->pb == NULL)
		return;
	free(p->pb->cur.pieces);
	free(p->pb);
	p->pb = NULL;
}

static void
add_piece(struct para *pa, uint32_t off, uint32_t len, uint32_t lineno,
    uint16_t indent, uint8_t join)
{
	GROW(pa->pieces, pa->cap, pa->npieces + 1);
	pa->pieces[pa->npieces++] = (struct ppiece){ off, len, lineno, indent, join };
}

/* A line's prose [off, off + len) as pieces: the markup the recogniser
 * knows left out, its text kept ("[text](target)" reads "text"). */
static void
add_prose(const struct pctx *p, struct para *pa, uint32_t off, uint32_t len,
    const struct line *l, uint8_t join)
{
	const char *s = p->s;
	uint32_t end = off + len, a, b, ta, tb;

	while (p->rec->markup && off < end &&
	    p->rec->markup(s, off, end, &a, &b, &ta, &tb)) {
		if (a > off) {
			add_piece(pa, off, a - off, l->lineno, l->indent, join);
			join = is_space(s[a - 1]) ? JOIN_SPACE : JOIN_GLUE;
		}
		if (tb > ta) {
			add_piece(pa, ta, tb - ta, l->lineno, l->indent, join);
			join = is_space(s[tb - 1]) ? JOIN_SPACE : JOIN_GLUE;
		}
		off = b;
		if (off < end && is_space(s[off]))
			join = JOIN_SPACE;
	}
	if (off < end)
		add_piece(pa, off, end - off, l->lineno, l->indent, join);
}

static void
close_para(struct pctx *p)
{
	struct pbuild *pb = p->pb;

	if (!pb->open)
		return;
	tree_para(p, &pb->cur);
	pb->open = false;
	pb->cur.npieces = 0;
}

static void
open_para(struct pctx *p, struct line *l)
{
	struct pbuild *pb = p->pb;
	struct para *pa = &pb->cur;
	/* The marker is set apart, but a numbered heading keeps its number
	 * in its text ("1. Military personnel"), as a lettered one does. */
	uint32_t mlen = l->role == R_TEXT || l->role == R_PRE ||
	    (l->role == R_HEADING && l->mark == MK_NUM) ? 0 : l->mlen;

	close_para(p);
	pa->role = l->role;
	pa->level = l->level;
	pa->kw = l->kw;
	pa->mdepth = l->mdepth;
	pa->num = l->num;
	pa->start = l->off;
	pa->lineno = l->lineno;
	pa->marker = p->s + l->off;
	pa->mlen = mlen;
	while (pa->mlen > 0 && (pa->marker[pa->mlen - 1] == ' ' ||
	    pa->marker[pa->mlen - 1] == '\t'))
		pa->mlen--;
	pa->npieces = 0;
	pa->first = *l;
	if (l->mark == MK_BULLET)
		pa->first.hang = 1;
	pb->open = true;
	if (l->role == R_PRE)
		add_piece(pa, l->off, l->len, l->lineno, l->indent, JOIN_LINE);
	else if (l->len > mlen)
		add_prose(p, pa, l->off + mlen, l->len - mlen, l, JOIN_SPACE);
	pb->last = *l;
}

/* Is the break between lines a and b (blanks blank lines and perhaps a
 * page break between them) inside a paragraph? */
static bool
continues(const struct pctx *p, const struct line *a, const struct line *b,
    unsigned blanks, bool brk)
{
	const struct recog *r = p->rec;
	bool wrap;

	/* A resolution's preambular paragraphs, one after another with no
	 * blank line between them: "..., Recognizing the ...". */
	if (blanks == 0 && !brk && !r->ragged && (a->last == E_COMMA ||
	    a->last == E_SEMI) && b->mark == MK_NONE &&
	    recog_preamble_opener(p->s + b->off, b->len))
		return false;
	/* A long line that ends in a word, not a sentence: the next
	 * line's capital starts a name ("by the General" / "Assembly in
	 * its resolution"), not a paragraph. */
	if (blanks == 0 && !brk && !r->ragged && a->last == E_WORD &&
	    b->mark == MK_NONE && a->width * 10 >= (unsigned)p->width * 7)
		return true;
	if (blanks == 0 && !brk)
		return r->ragged || b->first == C_LOWER || classify_wraps(p, a, b);
	if (r->blank_breaks || a->last == E_STOP || a->last == E_COLON)
		return false;
	if (r->ragged && !brk)
		return false;
	if (b->first == C_LOWER)
		return true;
	/* After a blank line, a comma or a semicolon then a capital ends
	 * a paragraph: a resolution's preambular paragraphs ("Recognizing
	 * ...,", then "Noting ..."). */
	if (a->last == E_SEMI || a->last == E_COMMA)
		return false;
	wrap = r->ragged || classify_wraps(p, a, b);
	return wrap && (a->last == E_WORD || a->last == E_COMMA ||
	    a->last == E_HYPHEN || a->last == E_DASH);
}

/* The word before the hyphen ending line a, and the first word of b. */
static void
edge_words(const char *s, const struct line *a, const struct line *b,
    const char **w1, size_t *n1, const char **w2, size_t *n2)
{
	uint32_t e = a->off + a->len - 1, i = e;   /* e: the hyphen */
	uint32_t j = b->off, be = b->off + b->len;

	while (i > a->off && s[i - 1] != ' ' && s[i - 1] != '\t')
		i--;
	*w1 = s + i;
	*n1 = e - i;
	while (j < be && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
	    (unsigned char)s[j] >= 0x80))
		j++;
	*w2 = s + b->off;
	*n2 = j - b->off;
}

/* Add line l to the open paragraph, rejoining a broken word. */
static void
extend(struct pctx *p, const struct line *l)
{
	struct pbuild *pb = p->pb;
	struct para *pa = &pb->cur;
	uint8_t join = JOIN_SPACE;

	if (pa->npieces > 0 && pb->last.last == E_HYPHEN) {
		const char *w1, *w2;
		size_t n1, n2;

		edge_words(p->s, &pb->last, l, &w1, &n1, &w2, &n2);
		join = JOIN_GLUE;
		if (l->first == C_LOWER && !hyph_keep(p->hyph, w1, n1, w2, n2))
			pa->pieces[pa->npieces - 1].len--;     /* drop it */
	}
	add_prose(p, pa, l->off, l->len, l, join);
	pb->last = *l;
}

static void
extend_pre(struct pctx *p, const struct line *l)
{
	struct pbuild *pb = p->pb;
	struct para *pa = &pb->cur;
	unsigned k = MIN(pb->blanks, (unsigned)MAX_PRE_BLANKS);

	for (unsigned i = 0; i < k; i++)
		add_piece(pa, l->start, 0, l->lineno - (uint32_t)(k - i), 0, JOIN_LINE);
	add_piece(pa, l->off, l->len, l->lineno, l->indent, JOIN_LINE);
	pb->last = *l;
}

static void
feed_text(struct pctx *p, struct line *l)
{
	struct pbuild *pb = p->pb;
	struct para *pa = &pb->cur;

	if (pb->open && pa->role != R_PRE && pa->role != R_HEADING &&
	    pa->role != R_SECTION && !(l->mark == MK_BULLET &&
	    recog_boundary(p, l, &pb->last, pb->blanks)) &&
	    (pa->npieces == 0 || continues(p, &pb->last, l, pb->blanks, pb->brk)))
		extend(p, l);
	else
		open_para(p, l);
}

/* Is item line l the next marker of an inline list in the open
 * paragraph, wrapped to the start of a line? */
static bool
inline_next(const struct pctx *p, const struct line *l)
{
	const struct pbuild *pb = p->pb;
	const struct para *pa = &pb->cur;
	const char *lab;
	size_t lablen;

	if (!pb->open || pb->blanks > 0 || pb->brk || pa->npieces == 0 ||
	    (pa->role != R_TEXT && pa->role != R_NUM && pa->role != R_ITEM) ||
	    l->mark != MK_PAREN ||
	    classify_paren(p->s + l->off, l->mlen, &lab, &lablen) == 0)
		return false;
	return items_follows_inline(p->s, pa->pieces, pa->npieces, lab, lablen);
}

static void
feed(struct pctx *p, struct line *l)
{
	struct pbuild *pb = p->pb;
	struct para *pa = &pb->cur;

	switch (l->role) {
	case R_PRE:
		if (pb->open && pa->role == R_PRE && !pb->brk)
			extend_pre(p, l);
		else
			open_para(p, l);
		break;
	case R_TEXT:
		feed_text(p, l);
		break;
	case R_ITEM:
		if (inline_next(p, l))
			extend(p, l);
		else
			open_para(p, l);
		break;
	case R_HEADING:
		/* A heading set on two lines, both in capitals. */
		if (pb->open && pa->role == R_HEADING && pb->blanks == 0 &&
		    (pb->last.flags & LN_CAPS) && (l->flags & LN_CAPS)) {
			add_piece(pa, l->off, l->len, l->lineno, l->indent, JOIN_SPACE);
			pb->last = *l;
		} else
			open_para(p, l);
		break;
	default:
		open_para(p, l);
		break;
	}
}

void
para_feed(struct pctx *p, struct line *l)
{
	struct pbuild *pb = p->pb;

	if (l->flags & LN_BREAK) {
		docb_pagebreak(p->db, l->start, l->lineno);
		pb->brk = true;
		p->notes = 0;
	}
	if (l->flags & LN_BLANK) {
		pb->blanks++;
		return;
	}
	if (p->furn && furn_is(p->furn, &pb->furn_at, l->start)) {
		pb->brk = true;
		return;
	}
	classify_letter_context(p->s, l, pb->have_prev ? &pb->prev : NULL,
	    pb->blanks);
	p->rec->role(p, l, pb->have_prev ? &pb->prev : NULL, pb->blanks);
	if (l->role == R_SKIP) {
		pb->brk = true;
		return;
	}
	feed(p, l);
	pb->prev = *l;
	pb->have_prev = true;
	pb->blanks = 0;
	pb->brk = false;
}

void
para_end(struct pctx *p)
{
	close_para(p);
}
