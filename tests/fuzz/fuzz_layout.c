/*
 * fuzz_layout.c - libFuzzer target: the layout engine on arbitrary text
 * at arbitrary widths.
 *
 * The input is two bytes of width (1 to 500), one byte of options, and
 * the text.  The options choose the layout flags (page-break rules,
 * blank lines between blocks) and the display: UTF-8, or a locale's
 * character set that needs transliteration (ASCII, Latin-1), as lectern
 * shows text in a non-UTF-8 terminal.  The text is loaded with the
 * encoding rules (so whatever the bytes, the layout sees UTF-8, with
 * controls, invisible characters, combining marks, wide characters and
 * U+FFFD in it), parsed, and every block laid out.
 *
 * What a laid-out block promises is checked, since the front end trusts
 * it without looking: lines and glyphs tile the block's string and
 * glyph arrays exactly; glyphs on a line do not overlap and sit at
 * sane columns; each glyph points into the text or is decoration; and
 * lblock_line_text and lblock_line_at agree with the lines.
 */
#include "autoconf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "doc.h"
#include "layout.h"
#include "load.h"
#include "parse.h"
#include "util.h"

#include "fuzz.h"

#define FLAY_MAX_INPUT (1024u * 1024u)
#define FLAY_MAX_WIDTH 500
/* A bound on the columns of a paragraph number or an item marker. */
#define FLAY_MAX_MARKER 4096
/* The widest glyph: what struct glyph holds (a placeholder such as
 * "<U+10FFFF>" or a transliteration). */
#define FLAY_WIDEST ((int)sizeof(((struct glyph *)0)->s) - 1)

static struct display *flay_disp[3];

static void
flay_cleanup(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(flay_disp); i++) {
		display_free(flay_disp[i]);
		flay_disp[i] = NULL;
	}
}

static void
flay_init(void)
{
	if (flay_disp[0] != NULL)
		return;
	flay_disp[0] = display_new("UTF-8");
	flay_disp[1] = display_new("ANSI_X3.4-1968");
	flay_disp[2] = display_new("ISO-8859-1");
	atexit(flay_cleanup);
}

/* The promises of one laid-out block. */
static void
flay_check(const struct doc *d, const struct lblock *lb, uint32_t b,
    int width, struct buf *tmp)
{
	const struct block *bl = doc_block(d, b);
	size_t textlen = doc_text(d)->len, glyphs = 0, bytes = 0;

	FUZZ_CHECK(lb->block == b && lb->node == bl->node);
	FUZZ_CHECK(lb->nlines >= 1);
	FUZZ_CHECK(lb->nstr == 0 || lb->str[lb->nstr] == '\0');
	for (size_t i = 0; i < lb->nlines; i++) {
		const struct lline *ln = &lb->lines[i];
		int col = 0;

		/* Lines tile the glyphs and the string, in order. */
		FUZZ_CHECK(ln->first == glyphs && ln->str == bytes);
		glyphs += ln->n;
		bytes += ln->len;
		FUZZ_CHECK(glyphs <= lb->nglyphs && bytes <= lb->nstr);
		FUZZ_CHECK(ln->off == LAYOUT_NOSRC || ln->off <= textlen);
		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &lb->glyphs[k];

			FUZZ_CHECK(g->len > 0);
			FUZZ_CHECK(g->pos >= ln->str &&
			    g->pos + g->len <= ln->str + ln->len);
			FUZZ_CHECK(k == ln->first || g->pos ==
			    lb->glyphs[k - 1].pos + lb->glyphs[k - 1].len);
			FUZZ_CHECK(g->src == LAYOUT_NOSRC || g->src < textlen);
			FUZZ_CHECK(g->style <= LS_RULE);
			FUZZ_CHECK(g->width <= FLAY_WIDEST);
			/* No glyph over the one before it, and none
			 * starting past the right edge (a glyph wider than
			 * the room may end past it).  Numbers and markers
			 * are not cut: a long one runs on, but no column
			 * may come from a negative one (uint16_t). */
			FUZZ_CHECK(g->col >= col);
			if (g->style == LS_NUMBER || g->style == LS_MARKER)
				FUZZ_CHECK(g->col < FLAY_MAX_MARKER);
			else
				FUZZ_CHECK(g->col < width + FLAY_WIDEST + 16);
			col = g->col + g->width;
		}
		FUZZ_CHECK(!(ln->flags & (LL_BLANK)) || ln->n == 0);
		/* The plain text of a line is as wide as its glyphs say. */
		buf_reset(tmp);
		lblock_line_text(lb, i, tmp);
		FUZZ_CHECK(tmp->len <= (size_t)col + ln->len);
		FUZZ_CHECK(ln->width == col);
		(void)lblock_line_at(lb, ln->off);
	}
	FUZZ_CHECK(glyphs == lb->nglyphs && bytes == lb->nstr);
	if (lb->nglyphs > 0) {
		uint32_t src = lb->glyphs[lb->nglyphs / 2].src;

		if (src != LAYOUT_NOSRC)
			FUZZ_CHECK(lblock_line_at(lb, src) < lb->nlines);
	}
}

static void
flay_one(const uint8_t *data, size_t n)
{
	struct load_opts o = { .force = true };
	struct load_error e;
	struct display *disp;
	struct layout *l;
	struct text *t;
	struct doc *d;
	struct buf tmp;
	unsigned flags;
	int width;

	if (n < 3 || n > FLAY_MAX_INPUT)
		return;
	flay_init();
	width = 1 + (int)(((unsigned)data[0] << 8 | data[1]) % FLAY_MAX_WIDTH);
	flags = data[2] & (LAYOUT_PAGEBREAKS | LAYOUT_BLANKS);
	switch ((data[2] >> 2) & 3) {
	case 2:
		disp = flay_disp[1];
		break;
	case 3:
		disp = flay_disp[2];
		break;
	default:
		disp = flay_disp[0];
		break;
	}
	data += 3;
	n -= 3;

	if ((t = load_bytes("fuzz", data, n, &o, &e)) == NULL)
		FUZZ_FAIL("load_bytes --force: %s\n", e.reason);
	d = parse_text(t);
	load_unref(t);
	FUZZ_CHECK(d != NULL);
	l = layout_new(d, disp, width, flags);
	FUZZ_CHECK(layout_width(l) == width);
	buf_init(&tmp);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct lblock *lb = layout_block(l, b);

		flay_check(d, lb, b, width, &tmp);
		lblock_free(lb);
	}
	buf_done(&tmp);
	layout_free(l);
	doc_free(d);
}

FUZZ_ENTRY_POINTS(flay_init, flay_one)
