/*
 * view_panel.c - the panels that list places to go: the named lists (L),
 * the passages related to the current one and those that refer to it
 * (r), the term index with type-ahead (i), every search match (&), and
 * the help screen (h), which is generated from the action table.
 *
 * A panel is a list of rows over the text area; Enter goes to the row's
 * place, Esc closes.  The rows are listed when the panel opens; the text
 * of a long panel's row is made when it is drawn.
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "keys.h"
#include "lists.h"
#include "model.h"
#include "search.h"
#include "terms.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"
#include "xref.h"

#define SNIPPET 60
#define HITS_MAX 5000

/* A row's text may be NULL: made when the row is drawn (row_text()),
 * for a panel of 100,000 rows that opens at once. */
static void
add_row(struct panel *p, const char *text, size_t n, uint32_t node,
    uint32_t off, uint32_t aux)
{
	GROW(p->rows, p->cap, p->nrows + 1);
	p->rows[p->nrows].text = text ? xstrndup(text, n) : NULL;
	p->rows[p->nrows].node = node;
	p->rows[p->nrows].off = off;
	p->rows[p->nrows].aux = aux;
	p->nrows++;
}

static void
add_header(struct panel *p, const char *text)
{
	add_row(p, text, strlen(text), DOC_NONE, UINT32_MAX, 0);
}

/* "LABEL  first words" */
static void
node_row(struct app *a, struct panel *p, uint32_t node, const char *extra)
{
	const struct doc *d = a->model->doc;
	char lb[DOC_LABEL_MAX];
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%-8s  ", ui_node_name(d, node, lb));
	doc_node_snippet(d, node, &b, SNIPPET);
	if (extra)
		buf_adds(&b, extra);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\t')
			b.data[i] = ' ';
	add_row(p, b.data, b.len, node, UINT32_MAX, 0);
	buf_done(&b);
}

/* ------------------------------------------------------------- kinds */

/* "LABEL  4 points  5(a)-5(d)  I have consistently made four points" */
static char *
list_row(const struct app *a, uint32_t i)
{
	const struct lists *ls = a->model->lists;
	const struct doc *d = a->model->doc;
	size_t n;
	const uint32_t *items = lists_items(ls, i, &n);
	char lb[DOC_LABEL_MAX], lb2[DOC_LABEL_MAX];
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%-8s  %zu %s", ui_node_name(d, lists_at(ls, i), lb), n,
	    *lists_noun(ls, i) ? lists_noun(ls, i) : "items");
	if (n > 0)
		buf_printf(&b, "  %s\xE2\x80\x93%s", ui_node_name(d, items[0], lb),
		    ui_node_name(d, items[n - 1], lb2));
	if (lists_mismatch(ls, i))
		buf_printf(&b, " (the text says %d)", lists_stated(ls, i));
	buf_adds(&b, "  ");
	lists_lead(ls, i, &b);
	return buf_take(&b);
}

/* "Second Committee  (name; 4 places, first 2)" */
static char *
term_row(const struct app *a, uint32_t t)
{
	const struct terms *tm = a->model->terms;
	uint32_t first = terms_first(tm, t);
	size_t n;
	char lb[DOC_LABEL_MAX];
	struct buf b;

	terms_nodes(tm, t, &n);
	buf_init(&b);
	buf_printf(&b, "%s  (%s; %zu place%s, first %s)", terms_text(tm, t),
	    terms_kind_name(terms_kind(tm, t)), n, n == 1 ? "" : "s",
	    first == DOC_NONE ? "-" : ui_node_name(a->model->doc, first, lb));
	return buf_take(&b);
}

/* "5(b)      ...the words around a match" (the match [off, end)). */
static char *
hit_row(const struct app *a, uint32_t node, uint32_t off, uint32_t end)
{
	const struct doc *d = a->model->doc;
	const struct node *n = doc_node(d, node);
	char lb[DOC_LABEL_MAX];
	struct buf b;
	uint32_t from = off > n->start + 24 ? off - 24 : n->start;

	while (from > n->start && ((unsigned char)doc_data(d)[from] & 0xC0) == 0x80)
		from--;
	buf_init(&b);
	buf_printf(&b, "%-8s  \xE2\x80\xA6", ui_node_name(d, node, lb));
	doc_text_span(d, from, MIN(end + 40, n->end), &b);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\t')
			b.data[i] = ' ';
	return buf_take(&b);
}

/* A row's text, made now if it was left for later. */
static const char *
row_text(const struct app *a, struct prow *r)
{
	if (r->text != NULL)
		return r->text;
	switch (a->panel.kind) {
	case PANEL_LISTS: r->text = list_row(a, r->aux); break;
	case PANEL_INDEX: r->text = term_row(a, r->aux); break;
	case PANEL_HITS: r->text = hit_row(a, r->node, r->off, r->aux); break;
	default: r->text = xstrdup(""); break;
	}
	return r->text;
}

/* What the filter matches in a row: in the index, the term itself (not
 * its kind nor its places); elsewhere the row's text. */
static const char *
row_key(const struct app *a, struct prow *r)
{
	if (a->panel.kind == PANEL_INDEX && r->node != DOC_NONE)
		return terms_text(a->model->terms, r->aux);
	return row_text(a, r);
}

/* The rows are made as they are drawn: a large document has 100,000
 * lists, and the panel shows a screenful. */
static void
fill_lists(struct app *a, struct panel *p)
{
	const struct lists *ls = a->model->lists;

	snprintf(p->title, sizeof(p->title), "Named lists (%u): Enter goes to one",
	    lists_count(ls));
	for (uint32_t i = 0; i < lists_count(ls); i++)
		add_row(p, NULL, 0, lists_at(ls, i), UINT32_MAX, i);
	if (lists_count(ls) == 0)
		add_header(p, "(this document has no named lists)");
}

struct backs {
	struct app *a;
	struct panel *p;
	uint32_t *seen;
	size_t n, cap;
};

static void
on_backlink(void *arg, const struct xref *x)
{
	struct backs *bk = arg;
	struct buf words, extra;

	for (size_t i = 0; i < bk->n; i++)
		if (bk->seen[i] == x->from)
			return;
	GROW(bk->seen, bk->cap, bk->n + 1);
	bk->seen[bk->n++] = x->from;
	buf_init(&words);
	buf_init(&extra);
	xrefs_words(bk->a->model->xrefs, x, &words);
	buf_printf(&extra, "  (%s: %s)", xrefs_kind_name(x->kind), words.data);
	node_row(bk->a, bk->p, x->from, extra.data);
	buf_done(&words);
	buf_done(&extra);
}

static void
fill_related(struct app *a, struct panel *p)
{
	uint32_t node = text_current_node(a);
	const struct doc *d = a->model->doc;
	struct xref rel[XREF_RELATED_MAX];
	struct backs bk = { a, p, NULL, 0, 0 };
	size_t n, before;
	char head[160], lb[DOC_LABEL_MAX];

	if (node == DOC_NONE) {
		snprintf(p->title, sizeof(p->title), "Related passages");
		add_header(p, "(the document is empty)");
		return;
	}
	snprintf(p->title, sizeof(p->title), "Related to %s: Enter goes there",
	    ui_node_name(d, node, lb));
	snprintf(head, sizeof(head), "Passages like %s", ui_node_name(d, node, lb));
	add_header(p, head);
	n = xrefs_related(a->model->xrefs, node, rel);
	for (size_t i = 0; i < n; i++)
		node_row(a, p, rel[i].to, NULL);
	if (n == 0)
		add_header(p, "  (none found)");
	snprintf(head, sizeof(head), "Passages that refer to %s", ui_node_name(d, node, lb));
	add_header(p, head);
	before = p->nrows;
	xrefs_backlinks(a->model->xrefs, node, on_backlink, &bk);
	free(bk.seen);
	if (p->nrows == before)
		add_header(p, "  (none)");
}

/* The rows are made as they are drawn: a large document has 100,000
 * terms. */
static void
fill_index(struct app *a, struct panel *p)
{
	const struct terms *tm = a->model->terms;

	snprintf(p->title, sizeof(p->title), "Index of terms: type to narrow, Enter goes");
	for (uint32_t t = 0; t < terms_count(tm); t++)
		add_row(p, NULL, 0, terms_first(tm, t), terms_first_off(tm, t), t);
	if (terms_count(tm) == 0)
		add_header(p, "(no terms found)");
}

struct hits {
	struct app *a;
	struct panel *p;
	uint32_t node;
};

/* A match's row: its words are read when it is drawn (hit_row()). */
static void
on_hit(void *arg, uint32_t off, uint32_t end)
{
	struct hits *h = arg;

	if (h->p->nrows < HITS_MAX)
		add_row(h->p, NULL, 0, h->node, off, end);
}

static void
fill_hits(struct app *a, struct panel *p)
{
	struct hits h = { a, p, 0 };

	for (size_t i = 0; i < a->ncands && p->nrows < HITS_MAX; i++) {
		h.node = doc_block(a->model->doc, a->cands[i])->node;
		search_block(a->model->doc, a->cands[i], &a->pat, on_hit, &h);
	}
	snprintf(p->title, sizeof(p->title), "%zu match%s of \"%s\": Enter goes to one",
	    p->nrows, p->nrows == 1 ? "" : "es", a->search_src ? a->search_src : "");
	if (p->nrows == 0)
		add_header(p, "(no match)");
}

/* Text in rows of at most the panel's width, words kept whole and the
 * spaces between them as they are: the first row starts with head in a
 * column of indent, the others are indented as far. */
static void
add_wrapped(struct app *a, struct panel *p, const char *head, int indent,
    const char *text)
{
	int width = MAX(a->cols - 2, 10);
	size_t gap = 0;
	struct buf row;

	indent = MIN(indent, width / 3);
	buf_init(&row);
	buf_printf(&row, "%-*s", indent, head);
	if (*head && screen_text_width(a->disp, head, strlen(head)) >= indent)
		buf_addc(&row, ' ');
	while (*text) {
		size_t n = strcspn(text, " ");
		int used = screen_text_width(a->disp, row.data, row.len);
		int w = screen_text_width(a->disp, text, n);

		/* A word that does not fit starts a new row (unless the row
		 * holds nothing else). */
		if (used > indent && used + (int)gap + w > width) {
			add_row(p, row.data, row.len, DOC_NONE, UINT32_MAX, 0);
			buf_reset(&row);
			buf_printf(&row, "%*s", indent, "");
		} else if (used > indent)
			buf_printf(&row, "%*s", (int)gap, "");
		buf_add(&row, text, n);
		text += n;
		gap = strspn(text, " ");
		text += gap;
	}
	add_row(p, row.data, row.len, DOC_NONE, UINT32_MAX, 0);
	buf_done(&row);
}

static void
fill_help(struct app *a, struct panel *p)
{
	struct buf b, text;
	char *line, *save = NULL;

	snprintf(p->title, sizeof(p->title), "lectern %s: keys (Esc closes)", PACKAGE_VERSION);
	buf_init(&b);
	buf_init(&text);
	action_help(&b);
	for (line = strtok_r(b.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), *tab2;

		if (tab == NULL)
			continue;
		*tab = '\0';
		if ((tab2 = strchr(tab + 1, '\t')) != NULL)
			*tab2 = '\0';
		buf_reset(&text);
		buf_adds(&text, tab + 1);
		if (tab2)
			buf_printf(&text, "  (%s)", tab2 + 1);
		add_wrapped(a, p, line, 19, text.data);
	}
	buf_done(&text);
	buf_done(&b);
	add_header(p, "");
	add_wrapped(a, p, "", 0, "A count before a key repeats it: 5j, 3]. In panels: j/k or "
	    "the arrows move, Enter goes, Esc closes. In the outline: Left and Right "
	    "fold and unfold, z folds or unfolds all, / narrows it.");
	add_wrapped(a, p, "", 0, "The manual says more: man lectern.");
}

/* The help is laid out for the window's width: again after a resize. */
void
panel_resized(struct app *a)
{
	struct panel *p = &a->panel;
	size_t top = p->top;

	if (a->mode != MODE_PANEL || p->kind != PANEL_HELP)
		return;
	panel_open(a, PANEL_HELP);
	p->top = p->sel = MIN(top, p->nshown > 0 ? p->nshown - 1 : 0);
}

/* ------------------------------------------------------------ filter */

/* Every row's key, folded (case and accents aside), in one buffer:
 * made once, when the filter first needs it. */
static void
fold_keys(const struct app *a, struct panel *p)
{
	struct buf b;

	if (p->keys != NULL)
		return;
	buf_init(&b);
	p->key_at = xcalloc(p->nrows + 1, sizeof(*p->key_at));
	for (size_t i = 0; i < p->nrows; i++) {
		const char *k = row_key(a, &p->rows[i]);

		p->key_at[i] = b.len;
		utf8_fold_buf(k, strlen(k), &b);
		buf_addc(&b, '\0');
	}
	p->keys = buf_take(&b);
}

/* The rows whose key holds the filter, a row that starts with it
 * selected first.  With no filter, every row, and nothing folded: the
 * index of a large document has 100,000 rows.  narrow: the filter only
 * grew, so only the rows shown can still pass. */
static void
refilter(const struct app *a, struct panel *p, bool narrow)
{
	size_t best = SIZE_MAX, nf = 0, from = 0;
	char *f = *p->filter ? utf8_fold_str(p->filter, strlen(p->filter), &nf) : NULL;

	if (f != NULL)
		fold_keys(a, p);
	if (!narrow || p->shown == NULL) {
		free(p->shown);
		p->shown = xcalloc(p->nrows + 1, sizeof(*p->shown));
		for (size_t i = 0; i < p->nrows; i++)
			p->shown[i] = i;
		from = p->nrows;
	} else
		from = p->nshown;
	p->nshown = 0;
	for (size_t k = 0; k < from; k++) {
		size_t i = p->shown[k];

		if (f != NULL) {
			const char *t = p->keys + p->key_at[i];

			if (strstr(t, f) == NULL)
				continue;
			if (best == SIZE_MAX && strncmp(t, f, nf) == 0)
				best = p->nshown;
		}
		p->shown[p->nshown++] = i;
	}
	free(f);
	p->sel = best != SIZE_MAX ? best : 0;
	/* Skip headers. */
	while (p->sel < p->nshown && p->rows[p->shown[p->sel]].node == DOC_NONE &&
	    p->kind != PANEL_HELP)
		p->sel++;
	if (p->sel >= p->nshown)
		p->sel = 0;
	p->top = 0;
}

/* ------------------------------------------------------------ opening */

void
panel_free(struct app *a)
{
	struct panel *p = &a->panel;

	for (size_t i = 0; i < p->nrows; i++)
		free(p->rows[i].text);
	free(p->rows);
	free(p->shown);
	free(p->keys);
	free(p->key_at);
	memset(p, 0, sizeof(*p));
}

void
panel_close(struct app *a)
{
	panel_free(a);
	if (a->mode == MODE_PANEL)
		a->mode = MODE_TEXT;
}

void
panel_open(struct app *a, enum panel_kind kind)
{
	struct panel *p = &a->panel;

	if (kind != PANEL_HELP && !a->complete)   /* action.c waits for it */
		return;
	panel_free(a);
	p->kind = kind;
	switch (kind) {
	case PANEL_LISTS: fill_lists(a, p); break;
	case PANEL_RELATED: fill_related(a, p); break;
	case PANEL_INDEX: fill_index(a, p); break;
	case PANEL_HITS: fill_hits(a, p); break;
	case PANEL_HELP: fill_help(a, p); break;
	}
	refilter(a, p, false);
	a->mode = MODE_PANEL;
}

/* -------------------------------------------------------------- keys */

static size_t
panel_height(const struct app *a)
{
	return (size_t)MAX(a->rows - 4, 1);
}

static void
move_sel(struct app *a, long delta)
{
	struct panel *p = &a->panel;
	long s = (long)p->sel;

	if (p->nshown == 0)
		return;
	for (long step = delta > 0 ? 1 : -1, left = labs(delta); left > 0; left--) {
		long t = s + step;

		/* Headers are passed over, except in the help. */
		while (t >= 0 && t < (long)p->nshown && p->kind != PANEL_HELP &&
		    p->rows[p->shown[t]].node == DOC_NONE)
			t += step;
		if (t < 0 || t >= (long)p->nshown)
			break;
		s = t;
	}
	p->sel = (size_t)s;
}

static void
go(struct app *a)
{
	struct panel *p = &a->panel;
	struct prow *r;
	enum panel_kind kind = p->kind;

	if (p->nshown == 0)
		return;
	r = &p->rows[p->shown[p->sel]];
	if (r->node == DOC_NONE)
		return;
	a->mode = MODE_TEXT;
	switch (kind) {
	case PANEL_LISTS: {
		size_t n;

		text_jump_node(a, r->node);
		a->hl_list = r->aux;
		lists_items(a->model->lists, r->aux, &n);
		app_message(a, false, "%zu items: ) and ( step through them", n);
		break;
	}
	case PANEL_INDEX:
		text_jump_off(a, r->off);
		a->mention_term = r->aux;
		a->mention_off = r->off;
		app_message(a, false, "%s: , goes to the next mention",
		    terms_text(a->model->terms, r->aux));
		break;
	case PANEL_HITS:
		text_jump_off(a, r->off);
		a->cur.off = r->off;
		a->have_cur = true;
		break;
	default:
		text_jump_node(a, r->node);
		break;
	}
	panel_free(a);
}

static void
filter_key(struct app *a, int key)
{
	struct panel *p = &a->panel;
	size_t n = strlen(p->filter);
	bool narrow = false;

	if (key == K_BS) {
		while (n > 0 && ((unsigned char)p->filter[--n] & 0xC0) == 0x80)
			;
		p->filter[n] = '\0';
	} else if (key >= 0x20 && key < 0x110000 && key != 0x7F) {
		char buf[4];
		size_t k = utf8_encode((uint32_t)key, buf);

		if (n + k < sizeof(p->filter)) {
			memcpy(p->filter + n, buf, k);
			p->filter[n + k] = '\0';
			narrow = true;
		}
	}
	refilter(a, p, narrow);
}

void
panel_key(struct app *a, int key)
{
	struct panel *p = &a->panel;
	long page = (long)panel_height(a) - 1;
	bool typing = p->kind == PANEL_INDEX;

	switch (key) {
	case K_ESC:
		panel_close(a);
		return;
	case K_ENTER:
		go(a);
		return;
	case K_DOWN: case K_CTRL('n'): move_sel(a, 1); return;
	case K_UP: case K_CTRL('p'): move_sel(a, -1); return;
	case K_PGDN: move_sel(a, page); return;
	case K_PGUP: move_sel(a, -page); return;
	case K_HOME: move_sel(a, -(long)p->nshown); return;
	case K_END: move_sel(a, (long)p->nshown); return;
	}
	if (typing && (key == K_BS || (key >= 0x20 && key != 0x7F && key < 0x110000))) {
		filter_key(a, key);
		return;
	}
	switch (key) {
	case 'q': case 'h': panel_close(a); return;
	case 'j': move_sel(a, 1); return;
	case 'k': move_sel(a, -1); return;
	case ' ': case 'f': move_sel(a, page); return;
	case 'b': move_sel(a, -page); return;
	case 'g': move_sel(a, -(long)p->nshown); return;
	case 'G': move_sel(a, (long)p->nshown); return;
	}
}

/* ----------------------------------------------------------- drawing */

void
panel_draw(struct app *a)
{
	struct panel *p = &a->panel;
	size_t h = panel_height(a);
	int row = 1, cols = a->cols;

	screen_fill(&a->scr, row, 0, cols, EL_BREADCRUMB);
	if (p->kind == PANEL_INDEX) {
		/* What is typed stays in view: after the title, or before it
		 * in a window too narrow for both. */
		char f[200];
		int n = snprintf(f, sizeof(f), "[%s]", p->filter);
		int tw = screen_text_width(a->disp, p->title, strlen(p->title));
		int fw = screen_text_width(a->disp, f, (size_t)n);

		if (1 + tw + 3 + fw <= cols) {
			screen_text(&a->scr, a->disp, row, 1, p->title, strlen(p->title),
			    EL_BREADCRUMB, cols);
			screen_text(&a->scr, a->disp, row, tw + 4, f, (size_t)n, EL_PROMPT, cols);
		} else {
			screen_text(&a->scr, a->disp, row, 1, f, (size_t)n, EL_PROMPT, cols);
			screen_text(&a->scr, a->disp, row, fw + 2, p->title, strlen(p->title),
			    EL_BREADCRUMB, cols);
		}
	} else
		screen_text(&a->scr, a->disp, row, 1, p->title, strlen(p->title),
		    EL_BREADCRUMB, cols);
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + h)
		p->top = p->sel - h + 1;
	for (size_t i = 0; i < h; i++) {
		size_t k = p->top + i;
		bool sel = k == p->sel && p->kind != PANEL_HELP;
		uint8_t el = sel ? EL_PANEL_SELECTED : EL_PANEL;

		screen_fill(&a->scr, row + 1 + (int)i, 0, cols, el);
		if (k >= p->nshown)
			continue;
		{
			struct prow *r = &p->rows[p->shown[k]];
			const char *text = row_text(a, r);

			if (r->node == DOC_NONE && p->kind != PANEL_HELP)
				el = EL_HEADING;
			screen_text(&a->scr, a->disp, row + 1 + (int)i, 1, text,
			    strlen(text), el, cols - 1);
		}
	}
	screen_fill(&a->scr, row + 1 + (int)h, 0, cols, EL_BREADCRUMB);
}
