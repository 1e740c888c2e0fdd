/*
 * screen.c - the cell grid.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "screen.h"
#include "util.h"

static const char *const element_names[EL_NELEMENTS] = {
	"text", "title", "heading", "number", "marker", "link",
	"link-selected", "match", "match-current", "list-item", "breadcrumb",
	"status", "message", "error", "panel", "panel-selected",
	"placeholder", "rule", "prompt", "pre"
};

int
screen_element_from_name(const char *name)
{
	for (int i = 0; i < EL_NELEMENTS; i++)
		if (strcmp(element_names[i], name) == 0)
			return i;
	return -1;
}

void
screen_init(struct screen *s, int rows, int cols)
{
	memset(s, 0, sizeof(*s));
	screen_resize(s, rows, cols);
}

void
screen_done(struct screen *s)
{
	free(s->c);
	s->c = NULL;
}

void
screen_resize(struct screen *s, int rows, int cols)
{
	s->rows = MAX(rows, 1);
	s->cols = MAX(cols, 1);
	free(s->c);
	s->c = xcalloc((size_t)s->rows * (size_t)s->cols, sizeof(*s->c));
	screen_clear(s);
}

static void
blank(struct cell *c, uint8_t el)
{
	c->s[0] = ' ';
	c->s[1] = '\0';
	c->len = 1;
	c->width = 1;
	c->el = el;
}

void
screen_clear(struct screen *s)
{
	for (int i = 0; i < s->rows * s->cols; i++)
		blank(&s->c[i], EL_TEXT);
	s->cursor_row = s->cursor_col = -1;
}

void
screen_fill(struct screen *s, int row, int col, int end, uint8_t el)
{
	if (row < 0 || row >= s->rows)
		return;
	for (int c = MAX(col, 0); c < MIN(end, s->cols); c++)
		blank(&s->c[row * s->cols + c], el);
}

int
screen_put(struct screen *s, int row, int col, const char *g, size_t len,
    int width, uint8_t el, int limit)
{
	struct cell *c;

	limit = MIN(limit, s->cols);
	if (row < 0 || row >= s->rows || col < 0)
		return col;
	if (width == 0) {
		/* A combining mark: onto the cell before. */
		if (col == 0)
			return col;
		c = &s->c[row * s->cols + col - 1];
		if (c->width == 0 && col >= 2)
			c--;
		if (c->len + len < sizeof(c->s)) {
			memcpy(c->s + c->len, g, len);
			c->len = (uint8_t)(c->len + len);
			c->s[c->len] = '\0';
		}
		return col;
	}
	if (col + width > limit)
		return col;
	c = &s->c[row * s->cols + col];
	len = MIN(len, sizeof(c->s) - 1);
	memcpy(c->s, g, len);
	c->s[len] = '\0';
	c->len = (uint8_t)len;
	c->width = (uint8_t)width;
	c->el = el;
	for (int k = 1; k < width; k++) {
		c[k].len = 0;
		c[k].s[0] = '\0';
		c[k].width = 0;
		c[k].el = el;
	}
	return col + width;
}

int
screen_text(struct screen *s, struct display *d, int row, int col,
    const char *utf8, size_t n, uint8_t el, int limit)
{
	size_t i = 0;

	while (i < n) {
		struct glyph g;
		size_t len = display_glyph(d, utf8 + i, n - i, &g);
		uint8_t e = g.kind == GLYPH_PLACEHOLDER ? EL_PLACEHOLDER : el;
		int next;

		if (g.kind == GLYPH_TAB || g.kind == GLYPH_BREAK)
			g.s[0] = ' ', g.len = 1, g.width = 1;
		next = screen_put(s, row, col, g.s, g.len, g.width, e, limit);
		if (next == col && g.width > 0)
			break;
		col = next;
		i += len;
	}
	return col;
}

int
screen_text_width(struct display *d, const char *utf8, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		struct glyph g;

		i += display_glyph(d, utf8 + i, n - i, &g);
		w += g.kind == GLYPH_TAB || g.kind == GLYPH_BREAK ? 1 : g.width;
	}
	return w;
}

void
screen_row_text(const struct screen *s, int r, struct buf *out)
{
	size_t start = out->len;

	if (r < 0 || r >= s->rows)
		return;
	for (int c = 0; c < s->cols; c++) {
		const struct cell *cl = &s->c[r * s->cols + c];

		if (cl->width > 0)
			buf_add(out, cl->s, cl->len);
	}
	while (out->len > start && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}
