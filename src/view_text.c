/*
 * view_text.c - the reading view: the document laid out to the window,
 * scrolled, searched, and walked by its structure and its
 * cross-references.
 *
 * Blocks are laid out only when they come into view, into a small cache
 * (least recently used out), together with the links and search matches
 * they hold; nothing here is proportional to the document's size except
 * what the backend's indexes answer.  The reading position is the top
 * row: a block and a line of its layout.  Jumps record it in the history
 * as a text offset (history.h), which stays valid when the window is
 * resized or a newer model replaces this one.
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "display.h"
#include "doc.h"
#include "index.h"
#include "layout.h"
#include "lists.h"
#include "load.h"
#include "model.h"
#include "terms.h"
#include "ui.h"
#include "util.h"
#include "xref.h"

#define LINK_SEARCH_BLOCKS 2000
#define COUNT_LIMIT 20000

static const struct doc *
doc(const struct app *a)
{
	return a->model->doc;
}

/* ------------------------------------------------------------- cache */

static void
entry_free(struct bentry *e)
{
	lblock_free(e->lb);
	free(e->links);
	free(e->matches);
	memset(e, 0, sizeof(*e));
	e->block = DOC_NONE;
}

void
text_reset_layout(struct app *a)
{
	for (size_t i = 0; i < CACHE_BLOCKS; i++)
		if (a->cache[i].block != DOC_NONE || a->cache[i].lb)
			entry_free(&a->cache[i]);
		else
			a->cache[i].block = DOC_NONE;
}

static struct bentry *
text_entry(struct app *a, uint32_t block)
{
	struct bentry *victim = &a->cache[0];

	for (size_t i = 0; i < CACHE_BLOCKS; i++) {
		struct bentry *e = &a->cache[i];

		if (e->block == block && e->lb) {
			e->stamp = ++a->clock;
			return e;
		}
		if (e->lb == NULL)
			victim = e;
		else if (victim->lb && e->stamp < victim->stamp)
			victim = e;
	}
	entry_free(victim);
	victim->block = block;
	victim->lb = layout_block(a->lay, block);
	victim->stamp = ++a->clock;
	victim->match_gen = 0;
	return victim;
}

/* ------------------------------------------------------------- links */

static int
cmp_link(const void *x, const void *y)
{
	const struct link *a = x, *b = y;

	if (a->off != b->off)
		return (a->off > b->off) - (a->off < b->off);
	return (a->kind > b->kind) - (a->kind < b->kind);
}

struct mention_ctx {
	struct app *a;
	struct bentry *e;
	size_t cap;
	uint32_t node;
	uint32_t *seen;             /* terms already linked in this block */
	size_t nseen, capseen;
};

static void
add_link(struct bentry *e, size_t *cap, const struct link *l)
{
	GROW(e->links, *cap, e->nlinks + 1);
	e->links[e->nlinks++] = *l;
}

/* Terms worth a link: those the document introduces (names and defined
 * phrases), once per block, not at their own first mention.  Acronyms
 * are reached through the index instead. */
static void
on_mention(void *arg, uint32_t term, uint32_t off, uint32_t end)
{
	struct mention_ctx *mc = arg;
	const struct terms *tm = mc->a->model->terms;
	enum term_kind k = terms_kind(tm, term);
	uint32_t first = terms_first(tm, term);
	struct link l = { off, end, first, LISTS_NONE, LINK_TERM, false };

	if ((k != TERM_NAME && k != TERM_DEFINED) || first == DOC_NONE ||
	    first == mc->node || terms_first_off(tm, term) == off)
		return;
	for (size_t i = 0; i < mc->nseen; i++)
		if (mc->seen[i] == term)
			return;
	GROW(mc->seen, mc->capseen, mc->nseen + 1);
	mc->seen[mc->nseen++] = term;
	add_link(mc->e, &mc->cap, &l);
}

static void
compute_links(struct app *a, struct bentry *e)
{
	const struct doc *d = doc(a);
	const struct block *bl = doc_block(d, e->block);
	uint32_t start = doc_block_start(d, e->block), end = start;
	struct mention_ctx mc = { .a = a, .e = e, .node = bl->node };
	const struct xrefs *xr = a->model->xrefs;

	if (block_end_piece(bl) > bl->first_piece) {
		const struct piece *p = doc_piece(d, block_end_piece(bl) - 1);

		end = p->off + p->len;
	}
	for (uint32_t i = xrefs_from_off(xr, start); i < xrefs_count(xr); i++) {
		struct xref x = xrefs_get(xr, i);
		struct link l = { x.off, x.end, x.to, LISTS_NONE, LINK_XREF,
			x.kind == XREF_EXTERNAL };

		if (x.off >= end)
			break;
		if (x.kind == XREF_LIST)
			l.list = x.aux;
		if (e->nlinks == 0 || e->links[e->nlinks - 1].off != x.off)
			add_link(e, &mc.cap, &l);
	}
	if (bl->kind == BLOCK_TEXT)
		terms_mentions(a->model->terms, e->block, on_mention, &mc);
	free(mc.seen);
	if (e->nlinks > 1)
		qsort(e->links, e->nlinks, sizeof(*e->links), cmp_link);
	/* A term inside an explicit reference's words is not a link too. */
	size_t k = 0;

	for (size_t i = 0; i < e->nlinks; i++)
		if (k == 0 || e->links[i].off >= e->links[k - 1].end)
			e->links[k++] = e->links[i];
	e->nlinks = k;
	e->have_links = true;
}

static struct bentry *
entry_links(struct app *a, uint32_t block)
{
	struct bentry *e = text_entry(a, block);

	if (!e->have_links)
		compute_links(a, e);
	return e;
}

/* ----------------------------------------------------------- matches */

static void
on_match(void *arg, uint32_t off, uint32_t end)
{
	struct bentry *e = arg;

	e->matches = xreallocarray(e->matches, e->nmatches + 1, sizeof(*e->matches));
	e->matches[e->nmatches].off = off;
	e->matches[e->nmatches].end = end;
	e->nmatches++;
}

static struct bentry *
entry_matches(struct app *a, uint32_t block)
{
	struct bentry *e = text_entry(a, block);

	if (e->match_gen != a->gen) {
		free(e->matches);
		e->matches = NULL;
		e->nmatches = 0;
		if (a->have_pat)
			search_block(doc(a), block, &a->pat, on_match, e);
		e->match_gen = a->gen;
	}
	return e;
}

/* --------------------------------------------------------- positions */

int
text_rows(const struct app *a)
{
	return MAX(a->rows - 2, 1);
}

static bool
vpos_next(struct app *a, struct vpos *p)
{
	if (p->line + 1 < text_entry(a, p->block)->lb->nlines) {
		p->line++;
		return true;
	}
	if (p->block + 1 >= doc_nblocks(doc(a)))
		return false;
	p->block++;
	p->line = 0;
	return true;
}

static bool
vpos_prev(struct app *a, struct vpos *p)
{
	if (p->line > 0) {
		p->line--;
		return true;
	}
	if (p->block == 0)
		return false;
	p->block--;
	p->line = (uint32_t)text_entry(a, p->block)->lb->nlines - 1;
	return true;
}

static int
vpos_cmp(struct vpos x, struct vpos y)
{
	if (x.block != y.block)
		return x.block < y.block ? -1 : 1;
	return (x.line > y.line) - (x.line < y.line);
}

/* The first line of a block that shows text (not a blank or a rule). */
static uint32_t
first_text_line(struct app *a, uint32_t block)
{
	const struct lblock *lb = text_entry(a, block)->lb;

	for (uint32_t i = 0; i < lb->nlines; i++)
		if (lb->lines[i].flags & LL_FIRST)
			return i;
	return 0;
}

static struct vpos
node_vpos(struct app *a, uint32_t node)
{
	struct vpos p = { doc_node(doc(a), node)->first_block, 0 };

	if (p.block >= doc_nblocks(doc(a)))
		p.block = doc_nblocks(doc(a)) ? doc_nblocks(doc(a)) - 1 : 0;
	p.line = first_text_line(a, p.block);
	return p;
}

static struct vpos
off_vpos(struct app *a, uint32_t off)
{
	struct vpos p = { doc_block_at(doc(a), off), 0 };

	if (p.block == DOC_NONE)
		return (struct vpos){ 0, 0 };
	p.line = (uint32_t)lblock_line_at(text_entry(a, p.block)->lb, off);
	return p;
}

/* The last top row that still fills the screen. */
static struct vpos
max_top(struct app *a)
{
	uint32_t nb = doc_nblocks(doc(a));
	struct vpos p;

	if (nb == 0)
		return (struct vpos){ 0, 0 };
	p.block = nb - 1;
	p.line = (uint32_t)text_entry(a, p.block)->lb->nlines - 1;
	for (int i = 1; i < text_rows(a) && vpos_prev(a, &p); i++)
		;
	return p;
}

struct pos
text_pos(struct app *a)
{
	struct pos p = { 0, 0 };
	const struct lblock *lb;
	uint32_t off;

	if (doc_nblocks(doc(a)) == 0)
		return p;
	lb = text_entry(a, a->top.block)->lb;
	off = lb->lines[a->top.line].off;
	p.off = off;
	/* Lines that share the offset (a blank line and the line after
	 * it): which one. */
	for (uint32_t i = a->top.line; i > 0 && lb->lines[i - 1].off == off; i--)
		p.sub++;
	return p;
}

void
text_goto_pos(struct app *a, struct pos p)
{
	if (doc_nblocks(doc(a)) == 0)
		return;
	a->top = off_vpos(a, p.off);
	/* lblock_line_at gives the last line at that offset: back to the
	 * first, then forward by sub. */
	{
		const struct lblock *lb = text_entry(a, a->top.block)->lb;
		uint32_t l = a->top.line;

		while (l > 0 && lb->lines[l - 1].off == lb->lines[l].off)
			l--;
		a->top.line = MIN(l + p.sub, (uint32_t)lb->nlines - 1);
	}
}

void
text_goto_node(struct app *a, uint32_t node)
{
	if (node != DOC_NONE && doc_nblocks(doc(a)) > 0)
		a->top = node_vpos(a, node);
}

void
text_goto_off(struct app *a, uint32_t off)
{
	if (doc_nblocks(doc(a)) > 0)
		a->top = off_vpos(a, off);
}

/* The node whose text is on the top row (the next line's, for a blank
 * line between blocks). */
uint32_t
text_current_node(struct app *a)
{
	struct vpos p = a->top;

	if (doc_nblocks(doc(a)) == 0)
		return DOC_NONE;
	for (int i = 0; i < 3; i++) {
		const struct lline *ln = &text_entry(a, p.block)->lb->lines[p.line];

		if (!(ln->flags & (LL_BLANK | LL_RULE)))
			break;
		if (!vpos_next(a, &p))
			break;
	}
	return doc_block(doc(a), p.block)->node;
}

uint32_t
text_row_off(struct app *a, int row)
{
	struct vpos p = a->top;

	for (int r = 1; r < row; r++)
		if (!vpos_next(a, &p))
			return UINT32_MAX;
	return text_entry(a, p.block)->lb->lines[p.line].off;
}

/* ----------------------------------------------------------- drawing */

static uint8_t
style_element(uint8_t style)
{
	switch (style) {
	case LS_TITLE: return EL_TITLE;
	case LS_HEADING: return EL_HEADING;
	case LS_NUMBER: return EL_NUMBER;
	case LS_MARKER: return EL_MARKER;
	case LS_PRE: return EL_PRE;
	case LS_PLACEHOLDER: return EL_PLACEHOLDER;
	case LS_RULE: return EL_RULE;
	default: return EL_TEXT;
	}
}

static bool
in_span(const struct span *s, size_t n, uint32_t src, size_t *at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].end <= src)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return lo < n && s[lo].off <= src && src < s[lo].end;
}

static const struct link *
link_at(const struct bentry *e, uint32_t src)
{
	for (size_t i = 0; i < e->nlinks; i++)
		if (e->links[i].off <= src && src < e->links[i].end)
			return &e->links[i];
	return NULL;
}

static bool
list_highlighted(struct app *a, uint32_t node)
{
	size_t n;
	const uint32_t *items;

	if (a->hl_list == LISTS_NONE)
		return false;
	items = lists_items(a->model->lists, a->hl_list, &n);
	for (size_t i = 0; i < n; i++)
		if (items[i] == node)
			return true;
	return false;
}

static uint8_t
glyph_element(struct app *a, const struct bentry *e, const struct lglyph *g,
    bool listed)
{
	const struct link *l;
	size_t at;

	if (g->src == LAYOUT_NOSRC)
		return style_element(g->style);
	if (a->have_pat && in_span(e->matches, e->nmatches, g->src, &at))
		return a->have_cur && e->matches[at].off == a->cur.off ?
		    EL_MATCH_CURRENT : EL_MATCH;
	if ((l = link_at(e, g->src)) != NULL)
		return a->have_sel && l->off == a->sel.off ? EL_LINK_SELECTED : EL_LINK;
	if (listed && g->style == LS_MARKER)
		return EL_LIST_ITEM;
	return style_element(g->style);
}

static void
draw_line(struct app *a, int row, int col0, int limit, struct vpos p)
{
	struct bentry *e = entry_matches(a, p.block);
	const struct lline *ln;
	bool listed;

	e = entry_links(a, p.block);
	ln = &e->lb->lines[p.line];
	listed = list_highlighted(a, e->lb->node);
	for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
		const struct lglyph *g = &e->lb->glyphs[k];

		screen_put(&a->scr, row, col0 + g->col, e->lb->str + g->pos, g->len,
		    g->width, glyph_element(a, e, g, listed), limit);
	}
}

void
text_draw(struct app *a, int col0, int cols)
{
	struct vpos p = a->top;
	int rows = text_rows(a), limit = col0 + cols;
	int left = col0 + (cols > a->lay_width ? (cols - a->lay_width) / 2 : 0);

	a->left = left;
	if (doc_nblocks(doc(a)) == 0) {
		screen_text(&a->scr, a->disp, 1, col0, "(empty document)", 16,
		    EL_RULE, limit);
		return;
	}
	for (int r = 0; r < rows; r++) {
		draw_line(a, 1 + r, left, limit, p);
		if (!vpos_next(a, &p))
			break;
	}
}

const char *
ui_node_name(const struct doc *d, uint32_t node, char *buf)
{
	const char *l = doc_label(d, node, buf);

	return *l ? l : doc_node(d, node)->kind == NODE_TITLE ? "title" : "\xC2\xB6";
}

/* A node's piece of the breadcrumb: "5", "(b)", a heading's label. */
static void
crumb(struct app *a, uint32_t node, struct buf *out)
{
	const struct node *n = doc_node(doc(a), node);
	char m[DOC_LABEL_MAX];
	const char *s = (n->kind == NODE_ITEM || n->kind == NODE_SUBITEM) ?
	    doc_marker(doc(a), node, m) : doc_label(doc(a), node, m);

	if (n->kind == NODE_TITLE)
		s = "title";
	if (*s == '\0')
		s = "\xC2\xB6";         /* ¶ */
	buf_adds(out, s);
}

void
text_draw_breadcrumb(struct app *a)
{
	uint32_t chain[64], node = text_current_node(a);
	size_t n = 0;
	struct buf b;
	int w, skip = 0;

	screen_fill(&a->scr, 0, 0, a->cols, EL_BREADCRUMB);
	if (node == DOC_NONE)
		return;
	if (doc_title_node(doc(a)) != DOC_NONE && doc_title_node(doc(a)) != node &&
	    doc_node(doc(a), node)->parent == DOC_NONE)
		chain[n++] = doc_title_node(doc(a));
	else if (doc_title_node(doc(a)) != DOC_NONE && node != doc_title_node(doc(a)))
		chain[n++] = doc_title_node(doc(a));
	{
		uint32_t path[64];
		size_t np = 0;

		for (uint32_t x = node; x != DOC_NONE && np < 64; x = doc_node(doc(a), x)->parent)
			path[np++] = x;
		while (np > 0 && n < 64)
			chain[n++] = path[--np];
	}
	buf_init(&b);
	/* Drop leading parts until it fits: "… › (b) › (ii)". */
	for (;;) {
		buf_reset(&b);
		if (skip > 0)
			buf_adds(&b, "\xE2\x80\xA6 \xE2\x80\xBA ");
		for (size_t i = (size_t)skip; i < n; i++) {
			if (i > (size_t)skip)
				buf_adds(&b, " \xE2\x80\xBA ");
			crumb(a, chain[i], &b);
		}
		w = screen_text_width(a->disp, b.data, b.len);
		if (w <= a->cols - 1 || (size_t)skip + 1 >= n)
			break;
		skip++;
	}
	screen_text(&a->scr, a->disp, 0, 1, b.data, b.len, EL_BREADCRUMB, a->cols);
	buf_done(&b);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

void
text_draw_status(struct app *a)
{
	char lbl[DOC_LABEL_MAX];
	const char *l;
	const struct doc *d = doc(a);
	struct buf left, right;
	uint32_t node = text_current_node(a), off = 0, total;
	struct vpos p = a->top;
	int wl, wr, row = a->rows - 1;

	screen_fill(&a->scr, row, 0, a->cols, EL_STATUS);
	buf_init(&left);
	buf_init(&right);
	buf_printf(&left, " %s", strcmp(a->name, "-") == 0 ? "(stdin)" : base_name(a->name));
	if (node != DOC_NONE && *(l = doc_label(d, node, lbl)))
		buf_printf(&left, "  \xC2\xB6%s", l);
	/* The position: how far the bottom row is, and the top row's line. */
	for (int r = 1; r < text_rows(a) && doc_nblocks(d) > 0 && vpos_next(a, &p); r++)
		;
	if (doc_nblocks(d) > 0) {
		const struct lblock *lb = text_entry(a, p.block)->lb;

		off = lb->lines[p.line].off;
		if (!vpos_next(a, &p))
			off = a->text->raw_len;
	}
	total = (uint32_t)MAX(a->text->raw_len, (size_t)1);
	if (!a->complete)
		buf_printf(&right, "[indexing %d%%]  ", a->builder ? builder_percent(a->builder) : 0);
	if (doc_nblocks(d) > 0 && doc_lines_known(d))
		buf_printf(&right, "%u%%  line %u ", (unsigned)((uint64_t)MIN(off, total) * 100 / total),
		    doc_line_of(d, text_entry(a, a->top.block)->lb->lines[a->top.line].off));
	else if (doc_nblocks(d) > 0)
		buf_printf(&right, "%u%%  line ? ", (unsigned)((uint64_t)MIN(off, total) * 100 / total));
	wl = screen_text(&a->scr, a->disp, row, 0, left.data, left.len, EL_STATUS, a->cols);
	wr = screen_text_width(a->disp, right.data, right.len);
	/* A message that does not fit beside the position takes its room
	 * while it lasts: it says something new, the position does not. */
	if (a->msg[0] && wl + 3 + screen_text_width(a->disp, a->msg, strlen(a->msg)) >
	    a->cols - wr - 1) {
		buf_reset(&right);
		wr = 0;
	}
	if (a->msg[0]) {
		int at = MIN(wl + 3, a->cols);

		screen_text(&a->scr, a->disp, row, at, a->msg, strlen(a->msg),
		    a->msg_error ? EL_ERROR : EL_MESSAGE, MAX(at, a->cols - wr - 1));
	} else {
		static const char *const hints[] = {
			"h help  : go  / search  Tab link  q quit",
			"h help  q quit",
		};

		for (size_t i = 0; i < ARRAY_SIZE(hints); i++) {
			int hw = (int)strlen(hints[i]), room = a->cols - wl - wr - 4;

			if (hw <= room) {
				screen_text(&a->scr, a->disp, row, wl + 2 + (room - hw) / 2,
				    hints[i], (size_t)hw, EL_STATUS, a->cols - wr - 2);
				break;
			}
		}
	}
	if (a->cols - wr > wl)
		screen_text(&a->scr, a->disp, row, a->cols - wr, right.data, right.len,
		    EL_STATUS, a->cols);
	buf_done(&left);
	buf_done(&right);
}

/* --------------------------------------------------------- scrolling */

void
text_scroll(struct app *a, long lines)
{
	struct vpos mx;

	long i = 0;

	if (doc_nblocks(doc(a)) == 0)
		return;
	for (int shifts = 0; shifts < 64; shifts++) {
		if (lines > 0) {
			mx = max_top(a);
			for (; i < lines && vpos_cmp(a->top, mx) < 0; i++)
				if (!vpos_next(a, &a->top))
					break;
		} else {
			for (; i < -lines; i++)
				if (!vpos_prev(a, &a->top))
					break;
		}
		/* At the edge of a window on a document still being
		 * indexed: move the window and go on. */
		if (i >= labs(lines) || !app_window_edge(a, lines > 0 ? 1 : -1))
			break;
	}
}

void
text_top(struct app *a)
{
	a->top = (struct vpos){ 0, 0 };
}

void
text_bottom(struct app *a)
{
	if (doc_nblocks(doc(a)) > 0)
		a->top = max_top(a);
}

/* ---------------------------------------------------------- structure */

/* Is node a navigation unit: a numbered paragraph or a section (or,
 * with any_node, any node with text of its own)? */
static bool
unit(const struct doc *d, uint32_t n, bool any_node, bool numbered)
{
	const struct node *nd = doc_node(d, n);

	if (any_node)
		return nd->kind != NODE_TITLE;
	if (!numbered)
		return nd->kind == NODE_HEADING || nd->kind == NODE_PARAGRAPH;
	return nd->kind == NODE_SECTION || (nd->kind == NODE_PARAGRAPH && nd->label);
}

/* Asked once per model. */
static bool
has_numbered(struct app *a)
{
	const struct doc *d = doc(a);

	if (a->numbered < 0) {
		a->numbered = 0;
		for (uint32_t i = 0; i < doc_nnodes(d) && !a->numbered; i++)
			a->numbered = unit(d, i, false, true);
	}
	return a->numbered;
}

bool
text_unit(struct app *a, int dir, bool any_node)
{
	const struct doc *d = doc(a);
	bool numbered = any_node || has_numbered(a);
	uint32_t n = doc_nnodes(d), best = DOC_NONE;

	if (n == 0)
		return false;
	if (dir > 0) {
		for (uint32_t i = text_current_node(a); i < n; i++)
			if (unit(d, i, any_node, numbered) &&
			    vpos_cmp(node_vpos(a, i), a->top) > 0) {
				best = i;
				break;
			}
	} else {
		uint32_t i = text_current_node(a);

		for (i = MIN(i + 1, n); i-- > 0;) {
			if (!unit(d, i, any_node, numbered))
				continue;
			int c = vpos_cmp(node_vpos(a, i), a->top);

			if (c < 0) {
				best = i;
				break;
			}
		}
	}
	if (best == DOC_NONE)
		return false;
	a->top = node_vpos(a, best);
	return true;
}

bool
text_parent(struct app *a)
{
	uint32_t n = text_current_node(a), p;

	if (n == DOC_NONE)
		return false;
	/* At the node's own start: its parent; inside it: its start. */
	if (vpos_cmp(node_vpos(a, n), a->top) < 0) {
		a->top = node_vpos(a, n);
		return true;
	}
	if ((p = doc_node(doc(a), n)->parent) == DOC_NONE)
		return false;
	a->top = node_vpos(a, p);
	return true;
}

void
text_jump_node(struct app *a, uint32_t node)
{
	history_jump(a->hist, text_pos(a));
	text_goto_node(a, node);
}

void
text_jump_off(struct app *a, uint32_t off)
{
	history_jump(a->hist, text_pos(a));
	text_goto_off(a, off);
}

/* ------------------------------------------------------------- links */

static bool
text_visible_off(struct app *a, uint32_t off)
{
	struct vpos p = a->top, last = a->top;
	uint32_t b = doc_block_at(doc(a), off);

	for (int r = 1; r < text_rows(a) && vpos_next(a, &p); r++)
		last = p;
	if (b == DOC_NONE || b < a->top.block || b > last.block)
		return false;
	{
		const struct lblock *lb = text_entry(a, b)->lb;
		uint32_t l = (uint32_t)lblock_line_at(lb, off);
		struct vpos q = { b, l };

		return vpos_cmp(q, a->top) >= 0 && vpos_cmp(q, last) <= 0;
	}
}

/* The next (dir > 0) or previous link after or before offset from,
 * looking at most LINK_SEARCH_BLOCKS blocks away. */
static bool
find_link(struct app *a, uint32_t from, int dir, bool inclusive, struct link *out)
{
	uint32_t nb = doc_nblocks(doc(a)), b = doc_block_at(doc(a), from);

	if (b == DOC_NONE)
		return false;
	for (uint32_t k = 0; k < LINK_SEARCH_BLOCKS && b < nb; k++) {
		struct bentry *e = entry_links(a, b);

		if (dir > 0) {
			for (size_t i = 0; i < e->nlinks; i++)
				if (e->links[i].off > from || (inclusive && e->links[i].off == from)) {
					*out = e->links[i];
					return true;
				}
			b++;
		} else {
			for (size_t i = e->nlinks; i-- > 0;)
				if (e->links[i].off < from) {
					*out = e->links[i];
					return true;
				}
			if (b == 0)
				break;
			b--;
		}
	}
	return false;
}

bool
text_link(struct app *a, int dir)
{
	struct link l;
	uint32_t from;
	bool inclusive = false;

	if (doc_nblocks(doc(a)) == 0)
		return false;
	if (a->have_sel && text_visible_off(a, a->sel.off))
		from = a->sel.off;
	else {
		/* From the top row (or the bottom, going back). */
		from = text_row_off(a, dir > 0 ? 1 : text_rows(a));
		if (from == UINT32_MAX)
			from = (uint32_t)a->text->raw_len;
		if (dir < 0) {
			struct vpos p = a->top;

			for (int r = 1; r < text_rows(a) && vpos_next(a, &p); r++)
				;
			from = UINT32_MAX;
			if (vpos_next(a, &p))
				from = text_entry(a, p.block)->lb->lines[p.line].off;
		}
		inclusive = dir > 0;
	}
	if (!find_link(a, from, dir, inclusive, &l))
		return false;
	a->sel = l;
	a->have_sel = true;
	if (!text_visible_off(a, l.off))
		text_goto_off(a, l.off);
	return true;
}

bool
text_follow(struct app *a)
{
	if (!a->have_sel) {
		app_message(a, false, "no cross-reference selected (Tab selects one)");
		return false;
	}
	if (a->sel.external) {
		app_message(a, false, "a reference to another document");
		return false;
	}
	if (a->sel.target == DOC_NONE) {
		app_message(a, true, "unresolved reference: the document has no such part");
		return false;
	}
	history_jump(a->hist, text_pos(a));
	a->hl_list = a->sel.list;
	text_goto_node(a, a->sel.target);
	a->have_sel = false;
	return true;
}

void
text_click(struct app *a, int row, int col)
{
	struct vpos p = a->top;

	if (row < 1 || row > text_rows(a))
		return;
	for (int r = 1; r < row; r++)
		if (!vpos_next(a, &p))
			return;
	{
		struct bentry *e = entry_links(a, p.block);
		const struct lline *ln = &e->lb->lines[p.line];

		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &e->lb->glyphs[k];
			const struct link *l;

			if (col < a->left + g->col || col >= a->left + g->col + MAX(g->width, 1))
				continue;
			if (g->src != LAYOUT_NOSRC && (l = link_at(e, g->src)) != NULL) {
				a->sel = *l;
				a->have_sel = true;
				text_follow(a);
			}
			return;
		}
	}
}

/* ------------------------------------------------------------ search */

void
text_search_clear(struct app *a)
{
	if (a->have_pat)
		search_pattern_free(&a->pat);
	a->have_pat = a->have_cur = a->counted = a->recount = false;
	free(a->recount_prefix);
	a->recount_prefix = NULL;
	free(a->search_src);
	a->search_src = NULL;
	free(a->cands);
	free(a->counts);
	a->cands = a->counts = NULL;
	a->ncands = 0;
	a->gen++;
}

/* The first match at or after (dir > 0) or before off. */
static bool
find_match(struct app *a, uint32_t off, int dir, bool inclusive, struct span *out)
{
	size_t lo;
	uint32_t b = doc_block_at(doc(a), off);

	if (a->ncands == 0 || b == DOC_NONE)
		return false;
	lo = lower_bound_u32(a->cands, 0, a->ncands, b);
	if (dir > 0) {
		for (size_t i = lo; i < a->ncands; i++) {
			struct bentry *e = entry_matches(a, a->cands[i]);

			for (size_t k = 0; k < e->nmatches; k++)
				if (e->matches[k].off > off || (inclusive && e->matches[k].off == off)) {
					*out = e->matches[k];
					return true;
				}
		}
	} else {
		for (size_t i = MIN(lo + 1, a->ncands); i-- > 0;) {
			struct bentry *e = entry_matches(a, a->cands[i]);

			for (size_t k = e->nmatches; k-- > 0;)
				if (e->matches[k].off < off) {
					*out = e->matches[k];
					return true;
				}
		}
	}
	return false;
}

/* Show the current match: at the top unless it is on screen already. */
static void
show_match(struct app *a)
{
	if (!text_visible_off(a, a->cur.off))
		text_goto_off(a, a->cur.off);
}

bool
text_search_start(struct app *a, const char *pattern, bool backward)
{
	struct span m;
	uint32_t from;

	text_search_clear(a);
	if (!search_compile(pattern, &a->pat))
		return false;
	free(a->search_src);
	a->search_src = xstrdup(pattern);
	a->have_pat = true;
	a->backward = backward;
	a->ncands = search_candidates(doc(a), a->model->index, &a->pat, &a->cands);
	text_goto_pos(a, a->search_start);
	from = text_pos(a).off;
	if (!find_match(a, from, backward ? -1 : 1, true, &m) &&
	    !find_match(a, backward ? UINT32_MAX : 0, backward ? -1 : 1, true, &m))
		return false;
	a->cur = m;
	a->have_cur = true;
	show_match(a);
	return true;
}

bool
text_search_next(struct app *a, int dir)
{
	struct span m;
	uint32_t from;

	if (!a->have_pat)
		return false;
	if (a->backward)
		dir = -dir;
	from = a->have_cur && text_visible_off(a, a->cur.off) ? a->cur.off :
	    text_pos(a).off;
	if (!find_match(a, from, dir, !a->have_cur || !text_visible_off(a, a->cur.off), &m)) {
		/* A window on the text while it is indexed: the next match
		 * may be beyond it; the caller looks (app_window_search). */
		if (!a->complete)
			return false;
		if (!find_match(a, dir > 0 ? 0 : UINT32_MAX, dir, true, &m))
			return false;
		app_message(a, false, dir > 0 ? "search wrapped to the top" :
		    "search wrapped to the bottom");
	}
	a->cur = m;
	a->have_cur = true;
	show_match(a);
	return true;
}

/* Count the matches of every candidate block, once per search. */
static void
count_matches(struct app *a)
{
	if (a->counted)
		return;
	a->counted = true;
	if (a->ncands > COUNT_LIMIT)
		return;
	a->counts = xcalloc(a->ncands + 1, sizeof(*a->counts));
	search_count(doc(a), a->cands, a->ncands, &a->pat, a->counts);
}

/* ", in 5(b)": where a match is, when its node has a label. */
static void
add_where(const struct doc *d, uint32_t node, struct buf *out)
{
	char lbl[DOC_LABEL_MAX];
	const char *l = doc_label(d, node, lbl);

	if (*l)
		buf_printf(out, ", in %s", l);
}

static void
describe(struct app *a, struct buf *out, bool count)
{
	uint32_t b, node;
	size_t before = 0, total = 0;
	struct bentry *e;

	if (!a->have_cur)
		return;
	if (!count) {
		b = doc_block_at(doc(a), a->cur.off);
		node = doc_block(doc(a), b)->node;
		buf_adds(out, "match");
		add_where(doc(a), node, out);
		return;
	}
	count_matches(a);
	b = doc_block_at(doc(a), a->cur.off);
	node = doc_block(doc(a), b)->node;
	e = entry_matches(a, b);
	if (a->counts) {
		for (size_t i = 0; i < a->ncands; i++) {
			if (a->cands[i] < b)
				before += a->counts[i];
			total += a->counts[i];
		}
		for (size_t k = 0; k < e->nmatches && e->matches[k].off < a->cur.off; k++)
			before++;
		buf_printf(out, "match %zu of %zu", before + 1, total);
	} else
		buf_adds(out, "match (of many)");
	add_where(doc(a), node, out);
	if (!a->complete)
		buf_adds(out, " (in the part indexed so far)");
}

void
text_search_describe(struct app *a, struct buf *out)
{
	describe(a, out, true);
}

/* Counting reads every candidate block: a few are counted at once. */
#define COUNT_NOW 64

void
text_search_message(struct app *a, const char *prefix)
{
	struct buf b;
	bool later = a->term != NULL && !a->counted && a->ncands > COUNT_NOW;

	buf_init(&b);
	buf_adds(&b, prefix);
	describe(a, &b, !later);
	app_message(a, false, "%s", b.data);
	buf_done(&b);
	free(a->recount_prefix);
	a->recount_prefix = later ? xstrdup(prefix) : NULL;
	a->recount = later;
}

void
text_search_recount(struct app *a)
{
	char *prefix = a->recount_prefix;

	if (!a->recount || !a->have_cur)
		return;
	a->recount_prefix = NULL;
	count_matches(a);
	text_search_message(a, prefix ? prefix : "");
	free(prefix);
}

/* ------------------------------------------------------------- lists */

bool
text_list_item(struct app *a, int dir)
{
	const struct lists *ls = a->model->lists;
	uint32_t node = text_current_node(a), l = a->hl_list;
	const uint32_t *items;
	size_t n, i;

	if (node == DOC_NONE)
		return false;
	/* The list being read: the highlighted one, or the list of the
	 * item under the top row, or the list this node holds. */
	for (uint32_t x = node; l == LISTS_NONE && x != DOC_NONE; x = doc_node(doc(a), x)->parent)
		if ((l = lists_of_item(ls, x)) == LISTS_NONE)
			l = lists_held_by(ls, x);
	if (l == LISTS_NONE) {
		app_message(a, false, "not in a list");
		return false;
	}
	items = lists_items(ls, l, &n);
	a->hl_list = l;
	for (i = 0; i < n && !doc_contains(doc(a), items[i], node); i++)
		;
	if (i == n)             /* on the lead-in: ) goes to the first */
		i = dir > 0 ? (size_t)-1 : 0;
	if ((dir > 0 && i + 1 >= n && i != (size_t)-1) || (dir < 0 && i == 0)) {
		app_message(a, false, dir > 0 ? "the last item of the list" :
		    "the first item of the list");
		return false;
	}
	text_goto_node(a, items[dir > 0 ? i + 1 : i - 1]);
	return true;
}

/* ',': the next mention of the term chosen in the index. */
struct find_term {
	uint32_t term, after, found;
};

static void
on_term(void *arg, uint32_t term, uint32_t off, uint32_t end)
{
	struct find_term *ft = arg;

	(void)end;
	if (term == ft->term && off > ft->after && off < ft->found)
		ft->found = off;
}

bool
text_next_mention(struct app *a)
{
	struct find_term ft = { a->mention_term, 0, UINT32_MAX };
	const struct doc *d = doc(a);
	const uint32_t *nodes;
	uint32_t from, best = UINT32_MAX;
	size_t n;

	if (a->mention_term == TERMS_NONE) {
		app_message(a, false, "choose a term in the index first (i)");
		return false;
	}
	/* After the mention last gone to, if it is still in view; else
	 * after the top row. */
	ft.after = text_visible_off(a, a->mention_off) ? a->mention_off : text_pos(a).off;
	from = doc_block_at(d, ft.after);
	/* Only the blocks of the nodes that mention it.  They come in
	 * document order of their starts; a parent's text after its
	 * children comes later than theirs, so the nearest mention is the
	 * least found before a node starting after it. */
	nodes = terms_nodes(a->model->terms, a->mention_term, &n);
	for (size_t i = 0; from != DOC_NONE && i < n; i++) {
		const struct node *nd = doc_node(d, nodes[i]);

		if (nd->end_block <= from)
			continue;
		if (doc_block_start(d, nd->first_block) > best)
			break;
		for (uint32_t b = MAX(nd->first_block, from); b < nd->end_block &&
		    doc_block_start(d, b) < best; b++) {
			if (doc_block(d, b)->node != nodes[i])
				continue;
			ft.found = UINT32_MAX;
			terms_mentions(a->model->terms, b, on_term, &ft);
			if (ft.found != UINT32_MAX) {
				best = MIN(best, ft.found);
				break;
			}
		}
	}
	if (best != UINT32_MAX) {
		text_jump_off(a, best);
		a->mention_off = best;
		return true;
	}
	app_message(a, false, "no more mentions of %s",
	    terms_text(a->model->terms, a->mention_term));
	return false;
}
