/*
 * view_peek.c - a look at where the selected cross-reference leads, in a
 * window over the text, without moving the reading position.  Enter
 * goes there, Esc closes, j and k scroll inside it.
 */
#include "autoconf.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "keys.h"
#include "layout.h"
#include "model.h"
#include "ui.h"
#include "util.h"

bool
peek_open(struct app *a)
{
	if (!a->have_sel) {
		app_message(a, false, "no cross-reference selected (Tab selects one)");
		return false;
	}
	if (a->sel.target == DOC_NONE) {
		app_message(a, false, a->sel.external ? "a reference to another document" :
		    "unresolved reference: the document has no such part");
		return false;
	}
	peek_close(a);
	a->peek.node = a->sel.target;
	a->peek.scroll = 0;
	a->mode = MODE_PEEK;
	return true;
}

void
peek_close(struct app *a)
{
	layout_free(a->peek.lay);
	a->peek.lay = NULL;
	if (a->mode == MODE_PEEK)
		a->mode = MODE_TEXT;
}

/* Where the window stands: its top row, left column, width and height
 * (the title row, then h - 1 rows of text, then a closing row). */
struct frame {
	int row, x, w, h;
};

static struct frame
frame(const struct app *a)
{
	struct frame f = { 2, 0, MIN(a->cols - 4, 76), MIN(a->rows - 4, 14) };

	if (f.w < 10 || f.h < 3)
		return (struct frame){ 1, 0, a->cols, a->rows - 2 };
	f.x = (a->cols - f.w) / 2;
	return f;
}

/* The target's lines from the scroll position on, at most max of them,
 * each given to fn (with its index among those shown); returns how many
 * there were, max + 1 if there are more.  The layout is kept while the
 * window is open and its width stays. */
typedef void line_fn(struct app *a, const struct frame *f, int i,
    const struct lblock *lb, const struct lline *ln);

static int
walk(struct app *a, const struct frame *f, int max, line_fn *fn)
{
	const struct doc *d = a->model->doc;
	const struct node *n = doc_node(d, a->peek.node);
	size_t skip = a->peek.scroll;
	int shown = 0;

	if (a->peek.lay == NULL || a->peek.lay_w != f->w) {
		layout_free(a->peek.lay);
		a->peek.lay = layout_new(d, a->disp, MAX(f->w - 2, 1), 0);
		a->peek.lay_w = f->w;
	}
	for (uint32_t b = n->first_block; b < n->end_block && shown <= max; b++) {
		struct lblock *lb = layout_block(a->peek.lay, b);

		for (size_t l = 0; l < lb->nlines && shown <= max; l++) {
			if (skip > 0)
				skip--;
			else if (shown++ < max && fn)
				fn(a, f, shown - 1, lb, &lb->lines[l]);
		}
		lblock_free(lb);
	}
	return shown;
}

void
peek_key(struct app *a, int key)
{
	struct frame f = frame(a);

	switch (key) {
	case K_ENTER:
		peek_close(a);
		text_follow(a);
		break;
	case 'j': case K_DOWN: case ' ':
		/* Not past the last line. */
		if (f.h > 1 && walk(a, &f, f.h - 1, NULL) > f.h - 1)
			a->peek.scroll++;
		break;
	case 'k': case K_UP:
		if (a->peek.scroll > 0)
			a->peek.scroll--;
		break;
	default:
		peek_close(a);
		break;
	}
}

static void
draw_line(struct app *a, const struct frame *f, int i, const struct lblock *lb,
    const struct lline *ln)
{
	for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
		const struct lglyph *g = &lb->glyphs[k];

		screen_put(&a->scr, f->row + 1 + i, f->x + 1 + g->col,
		    lb->str + g->pos, g->len, g->width,
		    g->style == LS_PLACEHOLDER ? EL_PLACEHOLDER : EL_PANEL, f->x + f->w - 1);
	}
}

void
peek_draw(struct app *a)
{
	const struct doc *d = a->model->doc;
	struct frame f = frame(a);
	char title[128], lb[DOC_LABEL_MAX];

	snprintf(title, sizeof(title), " %s  (Enter goes there, Esc closes) ",
	    ui_node_name(d, a->peek.node, lb));
	screen_fill(&a->scr, f.row, f.x, f.x + f.w, EL_BREADCRUMB);
	screen_text(&a->scr, a->disp, f.row, f.x + 1, title, strlen(title),
	    EL_BREADCRUMB, f.x + f.w);
	for (int i = 1; i < f.h; i++)
		screen_fill(&a->scr, f.row + i, f.x, f.x + f.w, EL_PANEL);
	/* A frame of one blank column and row, so the window stands apart. */
	if (f.x > 0)
		for (int i = 0; i <= f.h; i++) {
			screen_fill(&a->scr, f.row + i, f.x - 1, f.x, EL_RULE);
			screen_fill(&a->scr, f.row + i, f.x + f.w, f.x + f.w + 1, EL_RULE);
		}
	screen_fill(&a->scr, f.row + f.h, f.x, f.x + f.w, EL_BREADCRUMB);
	walk(a, &f, f.h - 1, draw_line);
}
