/*
 * layout.c - blocks to lines.
 *
 * A block's text is first turned into a stream of glyphs (display.h does
 * the characters; white space collapses to single spaces in prose), then
 * broken into lines: greedy word wrap for prose, the source's own lines
 * for preformatted text, both cut by character where a word or a line is
 * wider than the room there is.  Indentation follows the tree: numbers
 * of paragraphs and sections sit in a margin as wide as the widest of
 * them, and an item's text hangs after its marker, one level further in
 * at each depth.  At narrow widths the indentation gives way first, so
 * that some text always fits.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "doc.h"
#include "layout.h"
#include "util.h"

#define TABSTOP 8
#define MAX_MARGIN 8
#define MIN_TEXT 16             /* columns of text kept at any indentation */

struct layout {
	const struct doc *d;
	struct display *disp;
	int width;
	unsigned flags;
	int margin;
};

/* A glyph on its way into a line. */
struct tglyph {
	struct glyph g;
	uint32_t src;
	uint8_t style;
	bool space;
};

struct stream {
	struct tglyph *g;
	size_t n, cap;
};

static int
marker_columns(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/* The columns of node i's marker, read where it is stored: a '.' after
 * its string is one more (doc_marker() would copy them together, and
 * this is asked of every paragraph whenever a layout is made). */
static int
node_marker_columns(const struct doc *d, uint32_t i)
{
	const struct node *nd = doc_node(d, i);

	return marker_columns(doc_str(d, nd->marker)) +
	    ((nd->flags & NODE_MARKER_DOT) != 0);
}

struct layout *
layout_new(const struct doc *d, struct display *disp, int width,
    unsigned flags)
{
	struct layout *l = xcalloc(1, sizeof(*l));
	uint32_t n = doc_nnodes(d);

	l->d = d;
	l->disp = disp;
	l->width = MAX(width, 1);
	l->flags = flags;
	for (uint32_t i = 0; i < n; i++) {
		const struct node *nd = doc_node(d, i);

		if ((nd->kind == NODE_PARAGRAPH || nd->kind == NODE_SECTION) && nd->marker)
			l->margin = MAX(l->margin, node_marker_columns(d, i) + 2);
	}
	l->margin = MIN(l->margin, MAX_MARGIN);
	return l;
}

void
layout_min_margin(struct layout *l, int cols)
{
	if (cols > 0)
		l->margin = MAX(l->margin, MIN(cols + 2, MAX_MARGIN));
}

void
layout_free(struct layout *l)
{
	free(l);
}

int
layout_width(const struct layout *l)
{
	return l->width;
}

/* ---------------------------------------------------------- geometry */

static int
clamp_col(const struct layout *l, int col)
{
	/* At least two columns for the text (a wide character), at most
	 * the width. */
	int room = MIN(l->width, MAX(2, MIN(MIN_TEXT, l->width / 2)));

	return MAX(0, MIN(col, l->width - room));
}

/* The room an item's marker takes: as much as the widest marker among
 * its first siblings, so that their texts line up. */
static int
marker_room(const struct layout *l, uint32_t node)
{
	const struct node *n = doc_node(l->d, node);
	uint32_t c = n->parent == DOC_NONE ? node : doc_first_child(l->d, n->parent);
	char m[DOC_MARKER_MAX];
	int w = marker_columns(doc_marker(l->d, node, m));

	for (int k = 0; c != DOC_NONE && k < 64; k++, c = doc_next_sibling(l->d, c))
		if (doc_node(l->d, c)->kind == n->kind)
			w = MAX(w, marker_columns(doc_marker(l->d, c, m)));
	return MAX(4, w + 1);
}

/* The column where a node's text starts (before clamping). */
static int
text_col(const struct layout *l, uint32_t node)
{
	const struct node *n = doc_node(l->d, node);

	switch (n->kind) {
	case NODE_TITLE:
	case NODE_HEADING:
		return n->parent == DOC_NONE ? l->margin : text_col(l, n->parent);
	case NODE_ITEM:
	case NODE_SUBITEM: {
		int base = n->parent == DOC_NONE ? l->margin : text_col(l, n->parent);

		return base + marker_room(l, node);
	}
	default:
		return l->margin;
	}
}

/* Where the marker of an item stands: its parent's text column. */
static int
marker_col(const struct layout *l, uint32_t node)
{
	const struct node *n = doc_node(l->d, node);

	if (n->kind == NODE_ITEM || n->kind == NODE_SUBITEM)
		return n->parent == DOC_NONE ? l->margin : text_col(l, n->parent);
	return 0;
}

/* ----------------------------------------------------------- glyphs */

static void
push(struct stream *st, const struct glyph *g, uint32_t src, uint8_t style,
    bool space)
{
	GROW(st->g, st->cap, st->n + 1);
	st->g[st->n].g = *g;
	st->g[st->n].src = src;
	st->g[st->n].style = style;
	st->g[st->n].space = space;
	st->n++;
}

static void
push_space(struct stream *st, uint32_t src, uint8_t style)
{
	struct glyph g = { .s = " ", .len = 1, .width = 1, .kind = GLYPH_SPACE };

	push(st, &g, src, style, true);
}

/* Prose: the pieces' characters, white space collapsed. */
static void
stream_prose(const struct layout *l, const struct block *b, uint8_t style,
    struct stream *st)
{
	const char *s = doc_data(l->d);

	for (uint32_t i = b->first_piece; i < block_end_piece(b); i++) {
		const struct piece *p = doc_piece(l->d, i);
		size_t k = 0;

		if (st->n > 0 && p->join != JOIN_GLUE && !st->g[st->n - 1].space)
			push_space(st, p->off, style);
		while (k < p->len) {
			struct glyph g;
			size_t len = display_glyph(l->disp, s + p->off + k, p->len - k, &g);
			bool space = g.kind == GLYPH_SPACE || g.kind == GLYPH_TAB ||
			    g.kind == GLYPH_BREAK;

			if (space) {
				if (st->n > 0 && !st->g[st->n - 1].space)
					push_space(st, p->off + (uint32_t)k, style);
			} else
				push(st, &g, p->off + (uint32_t)k,
				    g.kind == GLYPH_PLACEHOLDER ? LS_PLACEHOLDER : style, false);
			k += len;
		}
	}
	while (st->n > 0 && st->g[st->n - 1].space)
		st->n--;
}

/* ------------------------------------------------------------ lines */

struct builder {
	struct lblock *lb;
	size_t capl, capg, caps;
	struct lline *cur;
	int col;
};

static void
new_line(struct builder *bd, uint32_t off, uint8_t flags)
{
	struct lblock *lb = bd->lb;

	GROW(lb->lines, bd->capl, lb->nlines + 1);
	bd->cur = &lb->lines[lb->nlines++];
	memset(bd->cur, 0, sizeof(*bd->cur));
	bd->cur->first = (uint32_t)lb->nglyphs;
	bd->cur->str = (uint32_t)lb->nstr;
	bd->cur->off = off;
	bd->cur->flags = flags;
	bd->col = 0;
}

static void
put(struct builder *bd, const struct glyph *g, uint32_t src, uint8_t style,
    int col)
{
	struct lblock *lb = bd->lb;
	struct lglyph *o;

	GROW(lb->glyphs, bd->capg, lb->nglyphs + 1);
	GROW(lb->str, bd->caps, lb->nstr + g->len + 1);
	o = &lb->glyphs[lb->nglyphs++];
	o->src = src;
	o->pos = (uint32_t)lb->nstr;
	o->col = (uint16_t)MIN(col, 65535);
	o->len = g->len;
	o->width = g->width;
	o->style = style;
	memcpy(lb->str + lb->nstr, g->s, g->len);
	lb->nstr += g->len;
	lb->str[lb->nstr] = '\0';
	bd->cur->n++;
	bd->cur->len += g->len;
	if (bd->cur->n == 1 && src != LAYOUT_NOSRC && style != LS_NUMBER &&
	    style != LS_MARKER)
		bd->cur->off = src;
	bd->col = col + g->width;
	bd->cur->width = (uint16_t)MIN(bd->col, 65535);
}

/* Put a glyph at col and return the column after it.  A combining mark
 * with nothing to combine with gets a space first, which takes a
 * column too. */
static int
put_glyph(struct builder *bd, const struct tglyph *t, int col)
{
	if (t->g.width == 0 && bd->cur->n == 0) {
		struct glyph sp = { .s = " ", .len = 1, .width = 1 };

		put(bd, &sp, LAYOUT_NOSRC, t->style, col);
		col++;
	}
	put(bd, &t->g, t->src, t->style, col);
	return col + t->g.width;
}

static void
put_string(struct builder *bd, struct display *disp, const char *s,
    uint32_t src, uint8_t style, int col)
{
	size_t n = strlen(s), k = 0;

	while (k < n) {
		struct glyph g;
		size_t len = display_glyph(disp, s + k, n - k, &g);

		put(bd, &g, src == LAYOUT_NOSRC ? src : src + (uint32_t)k, style, col);
		col += g.width;
		k += len;
	}
}

static int
word_width(const struct stream *st, size_t i, size_t *end)
{
	int w = 0;

	while (i < st->n && !st->g[i].space)
		w += st->g[i++].g.width;
	*end = i;
	return w;
}

/* The columns a block's opening marker ("o", "A.") and the space after
 * it take: where its other lines start. */
static int
hang_width(const struct stream *st)
{
	size_t i = 0, end;

	while (i < st->n && st->g[i].space)
		i++;
	return i < st->n ? MIN(word_width(st, i, &end) + 1, MAX_MARGIN) : 0;
}

static void
centre_line(struct builder *bd, size_t from, int width, int col)
{
	int shift = MAX(0, (width - col) / 2);    /* a glyph wider than the line */

	for (size_t k = from; k < bd->lb->nglyphs; k++)
		bd->lb->glyphs[k].col = (uint16_t)(bd->lb->glyphs[k].col + shift);
	bd->cur->width = (uint16_t)(bd->cur->width + shift);
}

/* Greedy word wrap of st: the first line starts at col0, the others at
 * col1; nothing goes past the layout's width.  A word wider than a line
 * is cut where the line ends. */
static void
wrap(const struct layout *l, struct builder *bd, const struct stream *st,
    int col0, int col1, bool centre)
{
	size_t i = 0, from = bd->lb->nglyphs;
	int col = col0, width = l->width;
	bool empty = true;

	while (i < st->n) {
		size_t end;
		int w;

		if (st->g[i].space) {
			i++;
			continue;
		}
		w = word_width(st, i, &end);
		if (!empty && col + 1 + w > width) {
			if (centre)
				centre_line(bd, from, width, col);
			new_line(bd, st->g[i].src, 0);
			from = bd->lb->nglyphs;
			col = col1;
			empty = true;
		}
		if (!empty) {
			col = put_glyph(bd, &st->g[i - 1], col);  /* the space */
		}
		for (; i < end; i++) {
			int gw = st->g[i].g.width;

			/* Never cut before a combining mark: it stays with
			 * its base. */
			if (gw > 0 && col + gw > width && col > col1) {
				new_line(bd, st->g[i].src, 0);
				from = bd->lb->nglyphs;
				col = col1;
			}
			col = put_glyph(bd, &st->g[i], col);
		}
		empty = false;
	}
	if (centre && !empty)
		centre_line(bd, from, width, col);
}

/* Preformatted: one line per piece, at its own indentation, tabs
 * expanded; cut where wider than the width. */
static void
lay_pre(const struct layout *l, struct builder *bd, const struct block *b,
    int base)
{
	const char *s = doc_data(l->d);
	uint16_t least = UINT16_MAX;

	for (uint32_t i = b->first_piece; i < block_end_piece(b); i++) {
		const struct piece *p = doc_piece(l->d, i);

		if (p->len > 0)
			least = MIN(least, p->indent);
	}
	for (uint32_t i = b->first_piece; i < block_end_piece(b); i++) {
		const struct piece *p = doc_piece(l->d, i);
		int start = base + (p->len ? p->indent - least : 0), col;
		size_t k = 0;

		start = MIN(start, MAX(0, l->width - MIN_TEXT));
		if (i > b->first_piece)
			new_line(bd, p->off, 0);
		col = start;
		bd->cur->off = p->off;
		while (k < p->len) {
			struct tglyph t;
			size_t len = display_glyph(l->disp, s + p->off + k, p->len - k, &t.g);

			t.src = p->off + (uint32_t)k;
			t.style = t.g.kind == GLYPH_PLACEHOLDER ? LS_PLACEHOLDER : LS_PRE;
			if (t.g.kind == GLYPH_TAB || t.g.kind == GLYPH_BREAK) {
				int to = t.g.kind == GLYPH_TAB ?
				    start + ((col - start) / TABSTOP + 1) * TABSTOP : col + 1;

				t.g.s[0] = ' ';
				t.g.len = 1;
				t.g.width = 1;
				while (col < to && col < l->width)
					col = put_glyph(bd, &t, col);
			} else {
				if (col + t.g.width > l->width && col > start) {
					new_line(bd, t.src, 0);
					col = start;
				}
				col = put_glyph(bd, &t, col);
			}
			k += len;
		}
	}
}

/* The node's marker before its first line: a number in the margin, or
 * an item's marker in front of its hanging text. */
static void
lay_marker(const struct layout *l, struct builder *bd, uint32_t node)
{
	const struct node *n = doc_node(l->d, node);
	char mbuf[DOC_MARKER_MAX];
	const char *m = doc_marker(l->d, node, mbuf);
	bool item = n->kind == NODE_ITEM || n->kind == NODE_SUBITEM;

	if (*m == '\0')
		return;
	put_string(bd, l->disp, m, n->start, item ? LS_MARKER : LS_NUMBER,
	    item ? clamp_col(l, marker_col(l, node)) : 0);
}

static bool
wants_blank(const struct layout *l, uint32_t b)
{
	const struct block *bl = doc_block(l->d, b);

	if (!(l->flags & LAYOUT_BLANKS) || b == 0)
		return false;
	if (bl->kind == BLOCK_TITLE && doc_block(l->d, b - 1)->kind == BLOCK_TITLE)
		return false;
	if (doc_node(l->d, bl->node)->flags & NODE_INLINE)
		return false;
	if (bl->flags & BLOCK_MORE)     /* the same paragraph goes on */
		return false;
	if ((bl->flags & BLOCK_CONT) &&
	    (doc_node(l->d, doc_block(l->d, b - 1)->node)->flags & NODE_INLINE))
		return false;
	return true;
}

static bool
page_break_before(const struct layout *l, uint32_t b)
{
	uint32_t lo = 0, hi = doc_npagebreaks(l->d);

	if (!(l->flags & LAYOUT_PAGEBREAKS))
		return false;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (doc_pagebreak(l->d, mid)->block < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc_npagebreaks(l->d) && doc_pagebreak(l->d, lo)->block == b;
}

static void
lay_rule(const struct layout *l, struct builder *bd, uint32_t off)
{
	struct glyph g;
	int w = MIN(l->width, 24), start = (l->width - w) / 2;

	new_line(bd, off, LL_RULE);
	display_glyph(l->disp, "\xE2\x94\x84", 3, &g);      /* ┄ */
	if (g.width != 1 || g.s[0] == '?')
		g = (struct glyph){ .s = "-", .len = 1, .width = 1 };
	for (int i = 0; i < w; i++)
		put(bd, &g, LAYOUT_NOSRC, LS_RULE, start + i);
}

struct lblock *
layout_block(struct layout *l, uint32_t b)
{
	const struct block *bl = doc_block(l->d, b);
	const struct node *n = doc_node(l->d, bl->node);
	struct lblock *lb = xcalloc(1, sizeof(*lb));
	struct builder bd = { .lb = lb };
	struct stream st = { 0 };
	uint32_t start = doc_block_start(l->d, b);
	bool first_of_node = bl->node != DOC_NONE && !(bl->flags & BLOCK_CONT) &&
	    n->first_block == b;
	int col = clamp_col(l, text_col(l, bl->node));

	lb->block = b;
	lb->node = bl->node;
	if (wants_blank(l, b))
		new_line(&bd, start, LL_BLANK);
	if (page_break_before(l, b)) {
		lay_rule(l, &bd, start);
		if (l->flags & LAYOUT_BLANKS)
			new_line(&bd, start, LL_BLANK);
	}
	new_line(&bd, start, LL_FIRST);
	switch (bl->kind) {
	case BLOCK_PRE:
		lay_pre(l, &bd, bl, col);
		break;
	case BLOCK_TITLE:
		stream_prose(l, bl, LS_TITLE, &st);
		wrap(l, &bd, &st, 0, 0, true);
		break;
	case BLOCK_HEADING:
		if (n->kind == NODE_SECTION && first_of_node)
			lay_marker(l, &bd, bl->node);
		stream_prose(l, bl, LS_HEADING, &st);
		col = n->kind == NODE_SECTION ? clamp_col(l, l->margin) : 0;
		wrap(l, &bd, &st, MAX(col, bd.col + (bd.col ? 1 : 0)), col, false);
		break;
	default:
		if (first_of_node && (n->kind == NODE_PARAGRAPH || n->kind == NODE_ITEM ||
		    n->kind == NODE_SUBITEM))
			lay_marker(l, &bd, bl->node);
		stream_prose(l, bl, LS_TEXT, &st);
		wrap(l, &bd, &st, MAX(col, bd.col + (bd.col ? 1 : 0)),
		    (bl->flags & BLOCK_HANG) ? clamp_col(l, col + hang_width(&st)) : col,
		    false);
		break;
	}
	free(st.g);
	return lb;
}

void
lblock_free(struct lblock *lb)
{
	if (lb == NULL)
		return;
	free(lb->lines);
	free(lb->glyphs);
	free(lb->str);
	free(lb);
}

void
lblock_line_text(const struct lblock *lb, size_t i, struct buf *out)
{
	const struct lline *ln = &lb->lines[i];
	int col = 0;

	for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
		const struct lglyph *g = &lb->glyphs[k];

		while (col < g->col) {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, lb->str + g->pos, g->len);
		col += g->width;
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

size_t
lblock_line_at(const struct lblock *lb, uint32_t off)
{
	size_t best = 0;

	for (size_t i = 0; i < lb->nlines; i++)
		if (!(lb->lines[i].flags & (LL_BLANK | LL_RULE)) && lb->lines[i].off <= off)
			best = i;
	return best;
}
