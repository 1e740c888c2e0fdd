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
	a->peek.node = a->sel.target;
	a->peek.scroll = 0;
	a->mode = MODE_PEEK;
	return true;
}

void
peek_key(struct app *a, int key)
{
	switch (key) {
	case K_ENTER:
		a->mode = MODE_TEXT;
		text_follow(a);
		break;
	case 'j': case K_DOWN: case ' ':
		a->peek.scroll++;
		break;
	case 'k': case K_UP:
		if (a->peek.scroll > 0)
			a->peek.scroll--;
		break;
	default:
		a->mode = MODE_TEXT;
		break;
	}
}

void
peek_draw(struct app *a)
{
	const struct doc *d = a->model->doc;
	const struct node *n = doc_node(d, a->peek.node);
	int w = MIN(a->cols - 4, 76), h = MIN(a->rows - 4, 14), x = (a->cols - w) / 2;
	int row = 2, shown = 0;
	size_t skip = a->peek.scroll;
	struct layout *lay;
	char title[128];

	if (w < 10 || h < 3) {
		w = a->cols;
		h = a->rows - 2;
		x = 0;
		row = 1;
	}
	lay = layout_new(d, a->disp, MAX(w - 2, 1), 0);
	snprintf(title, sizeof(title), " %s  (Enter goes there, Esc closes) ",
	    *doc_label(d, a->peek.node) ? doc_label(d, a->peek.node) : "\xC2\xB6");
	screen_fill(&a->scr, row, x, x + w, EL_BREADCRUMB);
	screen_text(&a->scr, a->disp, row, x + 1, title, strlen(title), EL_BREADCRUMB, x + w);
	for (int i = 1; i < h; i++)
		screen_fill(&a->scr, row + i, x, x + w, EL_PANEL);
	/* A frame of one blank column and row, so the window stands apart. */
	if (x > 0)
		for (int i = 0; i <= h; i++) {
			screen_fill(&a->scr, row + i, x - 1, x, EL_RULE);
			screen_fill(&a->scr, row + i, x + w, x + w + 1, EL_RULE);
		}
	screen_fill(&a->scr, row + h, x, x + w, EL_BREADCRUMB);
	for (uint32_t b = n->first_block; b < n->end_block && shown < h - 1; b++) {
		struct lblock *lb = layout_block(lay, b);

		for (size_t l = 0; l < lb->nlines && shown < h - 1; l++) {
			const struct lline *ln = &lb->lines[l];

			if (skip > 0) {
				skip--;
				continue;
			}
			for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
				const struct lglyph *g = &lb->glyphs[k];

				screen_put(&a->scr, row + 1 + shown, x + 1 + g->col,
				    lb->str + g->pos, g->len, g->width,
				    g->style == LS_PLACEHOLDER ? EL_PLACEHOLDER : EL_PANEL, x + w - 1);
			}
			shown++;
		}
		lblock_free(lb);
	}
	layout_free(lay);
}
