/*
 * view_outline.c - the outline: the document's tree of labels and first
 * words, beside the text when the window is wide enough, over it when
 * not.  It follows the reading position; the arrows move in it, Enter
 * goes, Left and Right fold and unfold, z folds or unfolds everything,
 * and / narrows it to the nodes whose label or words match.
 *
 * The visible rows are the nodes in document order, skipping the
 * subtrees of folded nodes (a folded node's subtree is one jump: a node's
 * subtree is the range of ids [id, id + size)).
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "keys.h"
#include "model.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"

#define FOLD_ABOVE 5000         /* larger documents open folded */
#define SNIPPET 80

static const struct doc *
doc(const struct app *a)
{
	return a->model->doc;
}

static bool
has_children(const struct doc *d, uint32_t n)
{
	return doc_first_child(d, n) != DOC_NONE;
}

/* Does node n pass the filter? */
static bool
passes(struct app *a, uint32_t n)
{
	char lb[DOC_LABEL_MAX];
	struct buf b;
	char *f, *t;
	size_t nf, nt;
	bool ok;

	if (a->outline.filter[0] == '\0')
		return true;
	buf_init(&b);
	buf_printf(&b, "%s ", doc_label(doc(a), n, lb));
	doc_node_snippet(doc(a), n, &b, SNIPPET);
	f = utf8_fold_str(a->outline.filter, strlen(a->outline.filter), &nf);
	t = utf8_fold_str(b.data, b.len, &nt);
	ok = strstr(t, f) != NULL;
	free(f);
	free(t);
	buf_done(&b);
	return ok;
}

/* The visible rows: node ids (caller frees). */
static size_t
rows(struct app *a, uint32_t **out)
{
	const struct doc *d = doc(a);
	uint32_t n = doc_nnodes(d), *r = NULL;
	size_t k = 0, cap = 0;

	for (uint32_t i = 0; i < n;) {
		bool filtered = a->outline.filter[0] != '\0';

		if (!filtered || passes(a, i)) {
			GROW(r, cap, k + 1);
			r[k++] = i;
		}
		if (!filtered && a->outline.folded[i])
			i += doc_node(d, i)->size;
		else
			i++;
	}
	*out = r;
	return k;
}

static size_t
find_row(const uint32_t *r, size_t n, uint32_t node)
{
	/* The row of node, or of its nearest visible ancestor. */
	size_t best = 0;

	for (size_t i = 0; i < n; i++)
		if (r[i] <= node)
			best = i;
	return best;
}

void
outline_free(struct app *a)
{
	free(a->outline.folded);
	memset(&a->outline, 0, sizeof(a->outline));
}

void
outline_open(struct app *a)
{
	struct outline *o = &a->outline;
	uint32_t n;

	if (!a->complete)       /* action.c waits for the index */
		return;
	n = doc_nnodes(doc(a));
	if (o->folded == NULL) {
		o->folded = xcalloc(n + 1, 1);
		if (n > FOLD_ABOVE)
			for (uint32_t i = 0; i < n; i++)
				o->folded[i] = has_children(doc(a), i);
	}
	o->side = a->cols >= 70;
	o->width = MIN(MAX(a->cols / 3, 24), 48);
	o->sel = text_current_node(a);
	o->filtering = false;
	a->mode = MODE_OUTLINE;
	app_resize(a, a->rows, a->cols);
}

static void
outline_close(struct app *a)
{
	a->mode = MODE_TEXT;
	app_resize(a, a->rows, a->cols);
}

static void
go(struct app *a)
{
	if (a->outline.sel == DOC_NONE)
		return;
	text_jump_node(a, a->outline.sel);
	if (!a->outline.side)
		outline_close(a);
}

static void
fold_all(struct app *a)
{
	const struct doc *d = doc(a);
	uint32_t n = doc_nnodes(d);
	bool any = false;

	for (uint32_t i = 0; i < n; i++)
		any |= a->outline.folded[i];
	for (uint32_t i = 0; i < n; i++)
		a->outline.folded[i] = !any && has_children(d, i);
}

static void
filter_key(struct app *a, int key)
{
	struct outline *o = &a->outline;
	size_t n = strlen(o->filter);

	if (key == K_ENTER || key == K_ESC) {
		o->filtering = false;
		if (key == K_ESC)
			o->filter[0] = '\0';
		return;
	}
	if (key == K_BS) {
		while (n > 0 && ((unsigned char)o->filter[--n] & 0xC0) == 0x80)
			;
		o->filter[n] = '\0';
		return;
	}
	if (key >= 0x20 && key < 0x110000 && key != 0x7F) {
		char buf[4];
		size_t k = utf8_encode((uint32_t)key, buf);

		if (n + k < sizeof(o->filter)) {
			memcpy(o->filter + n, buf, k);
			o->filter[n + k] = '\0';
		}
	}
}

void
outline_key(struct app *a, int key)
{
	struct outline *o = &a->outline;
	const struct doc *d = doc(a);
	uint32_t *r;
	size_t n, at;
	long page = MAX(a->rows - 3, 1);

	if (o->filtering) {
		filter_key(a, key);
		return;
	}
	n = rows(a, &r);
	at = find_row(r, n, o->sel);
	if (n == 0 && key != K_ESC && key != 'q' && key != 'o' && key != '/' && key != 'z') {
		app_message(a, false, o->filter[0] ? "nothing matches the filter" :
		    "the document has no parts");
		free(r);
		return;
	}
	switch (key) {
	case K_ESC: case 'q': case 'o':
		outline_close(a);
		break;
	case K_ENTER:
		go(a);
		break;
	case K_DOWN: case 'j': if (at + 1 < n) o->sel = r[at + 1]; break;
	case K_UP: case 'k': if (at > 0) o->sel = r[at - 1]; break;
	case K_PGDN: case ' ': o->sel = r[MIN(at + (size_t)page, n ? n - 1 : 0)]; break;
	case K_PGUP: case 'b': o->sel = r[at > (size_t)page ? at - (size_t)page : 0]; break;
	case K_HOME: case 'g': if (n) o->sel = r[0]; break;
	case K_END: case 'G': if (n) o->sel = r[n - 1]; break;
	case K_LEFT: case 'h':
		if (o->sel != DOC_NONE && has_children(d, o->sel) && !o->folded[o->sel])
			o->folded[o->sel] = 1;
		else if (o->sel != DOC_NONE && doc_node(d, o->sel)->parent != DOC_NONE)
			o->sel = doc_node(d, o->sel)->parent;
		break;
	case K_RIGHT: case 'l':
		if (o->sel != DOC_NONE && o->folded[o->sel])
			o->folded[o->sel] = 0;
		else if (o->sel != DOC_NONE && has_children(d, o->sel))
			o->sel = doc_first_child(d, o->sel);
		break;
	case 'z':
		fold_all(a);
		break;
	case '/':
		o->filtering = true;
		o->filter[0] = '\0';
		break;
	default:
		if (n > 0 && !action_key(a, key))
			app_message(a, false, "in the outline: arrows move, Enter goes, Esc closes");
		break;
	}
	free(r);
}

void
outline_click(struct app *a, int row, int col)
{
	struct outline *o = &a->outline;
	uint32_t *r;
	size_t n = rows(a, &r);

	if (o->side && col > o->width) {
		free(r);
		text_click(a, row, col);
		return;
	}
	if (row >= 1 && o->top + (size_t)(row - 1) < n) {
		o->sel = r[o->top + (size_t)(row - 1)];
		go(a);
	}
	free(r);
}

void
outline_draw(struct app *a)
{
	char lb[DOC_LABEL_MAX];
	struct outline *o = &a->outline;
	const struct doc *d = doc(a);
	int width = o->side ? o->width : a->cols, h = MAX(a->rows - 2, 1);
	uint32_t *r;
	size_t n = rows(a, &r), at;
	uint32_t cur = text_current_node(a);

	if (o->sel == DOC_NONE)
		o->sel = cur;
	at = find_row(r, n, o->sel);
	if (at < o->top)
		o->top = at;
	if (at >= o->top + (size_t)h)
		o->top = at - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t k = o->top + (size_t)i;
		uint8_t el = k == at ? EL_PANEL_SELECTED : EL_PANEL;
		struct buf b;
		const struct node *nd;
		const char *l;

		screen_fill(&a->scr, 1 + i, 0, width, el);
		if (k >= n)
			continue;
		nd = doc_node(d, r[k]);
		buf_init(&b);
		buf_printf(&b, "%*s%s ", 2 * MIN((int)nd->depth, 10), "",
		    has_children(d, r[k]) ? (o->folded[r[k]] ? "+" : "-") : " ");
		if (nd->kind != NODE_HEADING && *(l = doc_label(d, r[k], lb)))
			buf_printf(&b, "%s  ", l);
		doc_node_snippet(d, r[k], &b, SNIPPET);
		screen_text(&a->scr, a->disp, 1 + i, 0, b.data, b.len,
		    r[k] == cur && k != at ? EL_LINK : el, width);
		buf_done(&b);
	}
	if (o->side)
		for (int i = 0; i < h; i++)
			screen_put(&a->scr, 1 + i, width, "|", 1, 1, EL_RULE, a->cols);
	if (o->filtering || o->filter[0]) {
		char line[200];
		int len = snprintf(line, sizeof(line), "/%s", o->filter);

		screen_fill(&a->scr, a->rows - 1, 0, a->cols, EL_PROMPT);
		screen_text(&a->scr, a->disp, a->rows - 1, 0, line, (size_t)len,
		    EL_PROMPT, a->cols);
		if (o->filtering) {
			a->scr.cursor_row = a->rows - 1;
			a->scr.cursor_col = MIN(screen_text_width(a->disp, line, (size_t)len),
			    a->cols - 1);
		}
	}
	free(r);
}
