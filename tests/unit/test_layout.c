/*
 * test_layout.c - the layout engine: blocks to lines of glyphs.
 *
 * Prose reflowed at 20, 40 and 80 columns with nothing past the width
 * and every character kept, in order; paragraph numbers in the margin
 * and items with hanging indents; the title centred; wide characters
 * taking two columns and never straddling the edge; combining marks
 * taking none and staying after their base; controls as placeholders,
 * never as raw bytes; very narrow and very wide layouts; preformatted
 * lines kept as they are (cut, never reflowed, when too wide);
 * lblock_line_at; and the glyphs' offsets into the text.
 *
 * Every line of every block laid out here goes through check_lblock(),
 * which checks what layout.h promises of any line at any width.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "display.h"
#include "doc.h"
#include "fixture.h"
#include "layout.h"
#include "load.h"
#include "parse.h"
#include "util.h"

static struct display *disp;
/* Check that wide glyphs never straddle the edge (off only in
 * test_narrow_and_wide_widths: test_wide_characters_narrow does that). */
static bool straddle_check;

/* What a test allocates is held (fixture_hold) and released after it,
 * passed or failed; here a NULL to hold fails the test (every layout,
 * laid-out block and document the tests ask for must exist). */
static void *
hold(void *p, void (*release)(void *))
{
	assert_non_null(p);
	return fixture_hold(p, release);
}

static void
release_doc(void *p)
{
	doc_free(p);
}

static void
release_layout(void *p)
{
	layout_free(p);
}

static void
release_lblock(void *p)
{
	lblock_free(p);
}

static void
release_buf(void *p)
{
	buf_done(p);
	free(p);
}

static struct buf *
held_buf(void)
{
	struct buf *b = hold(xmalloc(sizeof(*b)), release_buf);

	buf_init(b);
	return b;
}

static struct layout *
new_layout(const struct doc *d, int width, unsigned flags)
{
	return hold(layout_new(d, disp, width, flags), release_layout);
}

static struct lblock *
lay(struct layout *l, uint32_t b)
{
	return hold(layout_block(l, b), release_lblock);
}

static int
setup(void **state)
{
	(void)state;
	disp = display_new("UTF-8");
	return disp == NULL;
}

static int
reset(void **state)
{
	(void)state;
	straddle_check = true;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	display_free(disp);
	return 0;
}

/* ------------------------------------------------------------ documents */

static const char report[] =
    "ANNUAL REPORT OF THE\n"
    "WORKING GROUP ON TESTING\n"
    "\n"
    "1. The first paragraph of the report explains the purpose of the exercise and\n"
    "the reasons why the Working Group was convened in the first place this year.\n"
    "\n"
    "2. The second paragraph sets out the four provisions, which are as follows:\n"
    "(a) the convening of a dialogue every three years (the earlier interval was\n"
    "seven years); (b) an annual debate on testing; (c) an annual coordination\n"
    "meeting (e.g. UNCTs, IASC and others); and (d) exploration of a convention.\n"
    "\n"
    "3. The third paragraph lists things at the start of lines, as follows:\n"
    "(a) First, something that matters a great deal to all of the Member States\n"
    "concerned, with an extraordinarily long word: internationalization-related;\n"
    "(b) Second, something else, which comes with sub-items of its own:\n"
    "(i) a sub-item that comes first, and that goes on for long enough to need\n"
    "more than one line at any width that is narrower than eighty columns;\n"
    "(ii) a sub-item that comes second.\n"
    "(c) Third, a final item (i.e. the last one) of the list.\n"
    "\n"
    "10. The tenth paragraph has a wider number, so the margin must hold it.\n";

/* 日本語の文章はスペースなしで長く続きますので、どこで折り返すかが問題になります */
#define JA "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB" \
    "\xA0\xE3\x81\xAF\xE3\x82\xB9\xE3\x83\x9A\xE3\x83\xBC\xE3\x82\xB9\xE3\x81" \
    "\xAA\xE3\x81\x97\xE3\x81\xA7\xE9\x95\xB7\xE3\x81\x8F\xE7\xB6\x9A\xE3\x81" \
    "\x8D\xE3\x81\xBE\xE3\x81\x99\xE3\x81\xAE\xE3\x81\xA7\xE3\x80\x81\xE3\x81" \
    "\xA9\xE3\x81\x93\xE3\x81\xA7\xE6\x8A\x98\xE3\x82\x8A\xE8\xBF\x94\xE3\x81" \
    "\x99\xE3\x81\x8B\xE3\x81\x8C\xE5\x95\x8F\xE9\xA1\x8C\xE3\x81\xAB\xE3\x81" \
    "\xAA\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x99"
#define JA_CHARS 39

static const char wide[] =
    "WIDE CHARACTERS\n"
    "\n"
    "1. Note: " JA JA "\n"
    "\n"
    "2. Mixed: abc " JA " def " JA " ghi\n"
    "(a) an item: " JA "\n"
    "(b) another item, " JA "\n";

/* "é" as e + U+0301, and two marks on one base. */
#define E_ "e\xCC\x81"
static const char combining[] =
    "1. Caf" E_ " na\xC3\xAFve r" E_ "sum" E_ " d" E_ "j\xC3\xA0 vu " E_ "\xCC\x81"
    " r" E_ "sum" E_ "s r" E_ "sum" E_ "s caf" E_ "s d" E_ "cor d" E_ "cor "
    "r" E_ "sum" E_ "-r" E_ "sum" E_ "-r" E_ "sum" E_ "-r" E_ "sum" E_ " end.\n";

static const char controls[] =
    "1. An escape \x1B[31m red\x1B[0m, a bell \x07, a delete \x7F, a C1 CSI "
    "\xC2\x9B" "2J, a right-to-left override \xE2\x80\xAE" "abc, a zero "
    "width space \xE2\x80\x8B" "here, a tab\there, a vertical tab \x0B" "there,"
    " a backspace \x08 and a NUL-free end.\n";

static struct doc *
parse_str(const char *s)
{
	struct load_error e;
	struct text *t = load_bytes("test", s, strlen(s), NULL, &e);
	struct doc *d;

	assert_non_null(t);
	d = parse_text(t);
	load_unref(t);
	return hold(d, release_doc);
}

static struct doc *
parse_bundled(void)
{
	size_t n;
	char *p = hold(fixture_bundled_text(&n), free);
	struct load_error e;
	struct text *t;
	struct doc *d;

	t = load_bytes("iom", p, n, NULL, &e);
	assert_non_null(t);
	d = parse_text(t);
	load_unref(t);
	fixture_drop(p);
	return hold(d, release_doc);
}

static const char rfc[] =
    "Network Working Group                                          A. Author\n"
    "Request for Comments: 9999                                   Example Inc.\n"
    "Category: Informational                                       April 2024\n"
    "\n"
    "\n"
    "                    The Example Protocol for Testing\n"
    "\n"
    "Abstract\n"
    "\n"
    "   This document describes a protocol used only for testing the parser of\n"
    "   a terminal reader.  It has no other purpose, and it is not meant to be\n"
    "   implemented by anyone, anywhere, at any time.\n"
    "\n"
    "1.  Introduction\n"
    "\n"
    "   The protocol is simple.  Messages are lines of text, sent one at a\n"
    "   time by the client and answered one at a time by the server, which\n"
    "   never sends anything it was not asked for.\n"
    "\n"
    "2.  Grammar\n"
    "\n"
    "   The grammar of a message, in ABNF, is the following one, which is\n"
    "   short enough to be read at a glance:\n"
    "\n"
    "      message  = command SP argument CRLF\n"
    "      command  = 1*ALPHA\n"
    "      argument = *VCHAR\n"
    "\n"
    "   Each message is answered at once, and the answer is a single line of\n"
    "   text that starts with a three-digit code.\n"
    "\n"
    "2.1.  Examples\n"
    "\n"
    "   A client may send the following messages to a server and expect the\n"
    "   answers shown in the figure below, which is wider than most windows:\n"
    "\n"
    "      +--------+          +--------+          +--------+          +--------+\n"
    "      | client | -------> | proxy  | -------> | cache  | -------> | server |\n"
    "      +--------+          +--------+          +--------+          +--------+\n"
    "\n"
    "3.  Security Considerations\n"
    "\n"
    "   None.\n";

/* ------------------------------------------------------------ checks */

static bool
is_space_glyph(const struct lblock *lb, const struct lglyph *g)
{
	return g->len == 1 && lb->str[g->pos] == ' ';
}

static bool
is_text_style(uint8_t style)
{
	return style == LS_TEXT || style == LS_TITLE || style == LS_HEADING ||
	    style == LS_PRE || style == LS_PLACEHOLDER;
}

/* The length of the UTF-8 sequence at s. */
static size_t
cp_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* What layout.h promises of any block at any width. */
static void
check_lblock(const struct doc *d, const struct lblock *lb, int width)
{
	const char *text = doc_data(d);
	size_t len = doc_text(d)->len;
	const struct block *bl = doc_block(d, lb->block);
	bool prose = bl->kind != BLOCK_PRE;
	uint32_t last_src = 0;

	assert_int_equal(lb->node, bl->node);
	/* No control byte reaches the terminal. */
	for (size_t i = 0; i < lb->nstr; i++) {
		unsigned char c = (unsigned char)lb->str[i];

		if (c < 0x20 || c == 0x7F)
			fail_msg("byte 0x%02X in the string of block %u", c, lb->block);
		/* Nor a C1 control as UTF-8 (U+0080..U+009F). */
		if (c == 0xC2 && i + 1 < lb->nstr &&
		    (unsigned char)lb->str[i + 1] >= 0x80 &&
		    (unsigned char)lb->str[i + 1] <= 0x9F)
			fail_msg("a C1 control in the string of block %u", lb->block);
	}
	for (size_t i = 0; i < lb->nlines; i++) {
		const struct lline *ln = &lb->lines[i];
		uint32_t used = 0, end = 0;

		assert_true((size_t)ln->first + ln->n <= lb->nglyphs);
		assert_true((size_t)ln->str + ln->len <= lb->nstr);
		if (ln->flags & LL_BLANK)
			assert_int_equal(ln->n, 0);
		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &lb->glyphs[k];

			/* Glyphs lie in order in the line's string, and side
			 * by side on the screen. */
			assert_int_equal(g->pos, ln->str + used);
			used += g->len;
			if (g->col < end)
				fail_msg("width %d, block %u line %zu: glyph '%.*s' at column "
				    "%u overlaps the one before, which ends at %u", width,
				    lb->block, i, g->len, lb->str + g->pos, g->col, end);
			end = g->col + g->width;
			assert_true(g->width <= 10);
			if (g->src == LAYOUT_NOSRC) {
				continue;
			}
			assert_true(g->src < len);
			/* A glyph shown as is is the character at its offset. */
			if (g->style != LS_PLACEHOLDER && !is_space_glyph(lb, g))
				assert_memory_equal(lb->str + g->pos, text + g->src, g->len);
			if (g->style == LS_NUMBER || g->style == LS_MARKER)
				continue;
			/* Offsets go forward along the lines of prose. */
			if (prose) {
				assert_true(g->src >= last_src);
				if (!is_space_glyph(lb, g) && k > ln->first &&
				    lb->glyphs[k - 1].src != LAYOUT_NOSRC &&
				    lb->glyphs[k - 1].style != LS_NUMBER &&
				    lb->glyphs[k - 1].style != LS_MARKER &&
				    !is_space_glyph(lb, &lb->glyphs[k - 1]))
					assert_true(g->src > lb->glyphs[k - 1].src);
			}
			last_src = g->src;
		}
		assert_int_equal(used, ln->len);
		assert_int_equal(ln->width, end);
		/* A wide character (or a two-column placeholder, "^["), where
		 * the width has room for it, never straddles the edge.  (A
		 * wider placeholder, "<U+009B>", may.) */
		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &lb->glyphs[k];

			if (straddle_check && g->width == 2 && width >= 2 &&
			    g->col < width &&
			    g->col + g->width > width)
				fail_msg("width %d, block %u line %zu: a glyph of width %u "
				    "at column %u straddles the edge", width, lb->block, i,
				    g->width, g->col);
		}
	}
}

/* Nothing goes past the width. */
static void
check_fits(const struct lblock *lb, int width)
{
	for (size_t i = 0; i < lb->nlines; i++) {
		if (lb->lines[i].width > width) {
			struct buf *s = held_buf();

			lblock_line_text(lb, i, s);
			fail_msg("width %d, block %u line %zu is %u wide: '%s'", width,
			    lb->block, i, lb->lines[i].width, s->data);
		}
	}
}

/* Every character of the block's text is shown, once, in order: the
 * offsets of its characters that are not white space, against the
 * offsets of the glyphs that show text. */
static void
check_coverage(const struct doc *d, const struct lblock *lb)
{
	const struct block *bl = doc_block(d, lb->block);
	const char *text = doc_data(d);
	size_t k = 0;

	for (uint32_t p = bl->first_piece; p < block_end_piece(bl); p++) {
		const struct piece *pc = doc_piece(d, p);

		for (uint32_t i = pc->off; i < pc->off + pc->len; i += (uint32_t)cp_len(text + i)) {
			const struct lglyph *g;

			if (text[i] == ' ' || text[i] == '\t' ||
			    ((unsigned char)text[i] == 0xC2 && (unsigned char)text[i + 1] == 0xA0))
				continue;
			/* The next glyph that shows text. */
			while (k < lb->nglyphs && (lb->glyphs[k].src == LAYOUT_NOSRC ||
			    !is_text_style(lb->glyphs[k].style) ||
			    is_space_glyph(lb, &lb->glyphs[k])))
				k++;
			if (k == lb->nglyphs)
				fail_msg("block %u: the character at %u (%.8s) is not shown",
				    lb->block, i, text + i);
			g = &lb->glyphs[k];
			if (g->src != i)
				fail_msg("block %u: the character at %u (%.8s) is shown as "
				    "the one at %u", lb->block, i, text + i, g->src);
			k++;
		}
	}
	while (k < lb->nglyphs && (lb->glyphs[k].src == LAYOUT_NOSRC ||
	    !is_text_style(lb->glyphs[k].style) || is_space_glyph(lb, &lb->glyphs[k])))
		k++;
	assert_int_equal(k, lb->nglyphs);
}

/* Lay out every block of d at width, check each, and hand each to fn. */
static void
each_block(const struct doc *d, int width, unsigned flags,
    void (*fn)(const struct doc *, struct lblock *, int, void *), void *arg)
{
	struct layout *l = new_layout(d, width, flags);

	assert_int_equal(layout_width(l), width < 1 ? 1 : width);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct lblock *lb = lay(l, b);

		assert_int_equal(lb->block, b);
		check_lblock(d, lb, width);
		check_coverage(d, lb);
		if (fn)
			fn(d, lb, width, arg);
		fixture_drop(lb);
	}
	fixture_drop(l);
}

static void
fits(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	(void)d;
	(void)arg;
	check_fits(lb, width);
}

/* The first glyph of a line that is not a marker or a number. */
static const struct lglyph *
first_text(const struct lblock *lb, size_t line)
{
	const struct lline *ln = &lb->lines[line];

	for (uint32_t k = ln->first; k < ln->first + ln->n; k++)
		if (lb->glyphs[k].style != LS_NUMBER && lb->glyphs[k].style != LS_MARKER)
			return &lb->glyphs[k];
	return NULL;
}

/* The line of the block's own first text (after any blank line or
 * rule before it). */
static size_t
first_line(const struct lblock *lb)
{
	for (size_t i = 0; i < lb->nlines; i++)
		if (lb->lines[i].flags & LL_FIRST)
			return i;
	fail_msg("block %u has no first line", lb->block);
	return 0;
}

/* The text of the glyphs of one style on a line. */
static void
style_text(const struct lblock *lb, size_t line, uint8_t style, char *out,
    size_t size)
{
	const struct lline *ln = &lb->lines[line];
	size_t n = 0;

	for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
		const struct lglyph *g = &lb->glyphs[k];

		if (g->style == style && n + g->len < size) {
			memcpy(out + n, lb->str + g->pos, g->len);
			n += g->len;
		}
	}
	out[n] = '\0';
}

/* ------------------------------------------------------------ tests */

static void
test_reflow_widths(void **state)
{
	static const int widths[] = { 20, 40, 80 };
	struct doc *docs[] = { parse_str(report), parse_bundled(), parse_str(wide),
		parse_str(combining), parse_str(controls) };

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		for (size_t w = 0; w < 3; w++)
			each_block(docs[i], widths[w], LAYOUT_BLANKS, fits, NULL);
		fixture_drop(docs[i]);
	}
}

/* Paragraph numbers stand in the margin, at column 0, and the text of
 * every numbered paragraph starts at one column; an item's marker
 * stands at its parent's text column, and every line of the item after
 * the first starts where the item's text starts. */
struct geometry {
	int margin;             /* text column of numbered paragraphs */
	int text[64];           /* text column of each node (-1: unknown) */
	bool narrow;
};

static void
geometry(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	char mk[DOC_MARKER_MAX];
	struct geometry *g = arg;
	const struct block *bl = doc_block(d, lb->block);
	const struct node *n = doc_node(d, bl->node);
	size_t f = first_line(lb);
	const struct lglyph *t = first_text(lb, f);
	int col;
	char m[32];

	(void)width;
	assert_true(bl->node < 64);
	if (t == NULL || bl->kind == BLOCK_TITLE || bl->kind == BLOCK_HEADING)
		return;
	col = t->col;
	if (!(bl->flags & BLOCK_CONT) && n->first_block == lb->block &&
	    *doc_marker(d, bl->node, mk)) {
		bool item = n->kind == NODE_ITEM || n->kind == NODE_SUBITEM;
		const struct lline *ln = &lb->lines[f];

		style_text(lb, f, item ? LS_MARKER : LS_NUMBER, m, sizeof(m));
		assert_string_equal(m, doc_marker(d, bl->node, mk));
		assert_int_equal(lb->glyphs[ln->first].style, item ? LS_MARKER : LS_NUMBER);
		if (!item) {
			assert_int_equal(lb->glyphs[ln->first].col, 0);
			if (g->margin < 0)
				g->margin = col;
			assert_int_equal(col, g->margin);
		} else if (!g->narrow) {
			/* The marker at the parent's text column. */
			assert_int_equal(lb->glyphs[ln->first].col, g->text[n->parent]);
		}
		assert_true(col > lb->glyphs[ln->first + strlen(m) - 1].col);
		g->text[bl->node] = col;
	} else if (g->text[bl->node] >= 0) {
		/* Text after the node's children: at the node's text column. */
		if (!g->narrow)
			assert_int_equal(col, g->text[bl->node]);
	} else {
		g->text[bl->node] = col;
	}
	/* Every further line hangs at the text column (at narrow widths,
	 * where indentation gives way, at least at one column). */
	for (size_t i = f + 1; i < lb->nlines; i++) {
		const struct lglyph *h = first_text(lb, i);

		assert_non_null(h);
		if (g->narrow)
			assert_int_equal(h->col, first_text(lb, f + 1)->col);
		else if (h->col != col)
			fail_msg("block %u (%s) line %zu starts at column %u, not %d",
			    lb->block, fixture_doc_label(d, bl->node), i, h->col, col);
	}
}

static void
expect_geometry(const struct doc *d, int width)
{
	struct geometry g = { .margin = -1, .narrow = width < 40 };

	for (size_t i = 0; i < 64; i++)
		g.text[i] = -1;
	each_block(d, width, LAYOUT_BLANKS, geometry, &g);
	assert_true(g.margin >= 3);     /* "10." and a space */
}

static void
test_margin_and_hanging_indents(void **state)
{
	struct doc *d = parse_str(report), *iom = parse_bundled();
	struct layout *l;
	struct lblock *lb;
	uint32_t node;

	(void)state;
	expect_geometry(d, 80);
	expect_geometry(d, 40);
	expect_geometry(d, 20);
	expect_geometry(iom, 80);
	expect_geometry(iom, 40);
	expect_geometry(iom, 20);
	/* Sub-items hang deeper than items, items deeper than paragraphs. */
	l = new_layout(iom, 80, 0);
	node = doc_find_label(iom, "5(b)(i)");
	lb = lay(l, doc_node(iom, node)->first_block);
	assert_true(first_text(lb, 0)->col > 8);
	assert_int_equal(lb->glyphs[lb->lines[0].first].col, 8);
	fixture_drop(lb);
	lb = lay(l, doc_node(iom, doc_find_label(iom, "5"))->first_block);
	assert_int_equal(first_text(lb, 0)->col, 4);
	fixture_drop(lb);
	fixture_drop(l);
	fixture_drop(d);
	fixture_drop(iom);
}

static void
centred(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	const struct block *bl = doc_block(d, lb->block);

	(void)arg;
	if (bl->kind != BLOCK_TITLE)
		return;
	for (size_t i = 0; i < lb->nlines; i++) {
		const struct lline *ln = &lb->lines[i];
		int left, content;

		if (ln->n == 0)
			continue;
		left = lb->glyphs[ln->first].col;
		content = ln->width - left;
		if (left != (width - content) / 2)
			fail_msg("width %d: title line %zu at column %d, %d wide", width,
			    i, left, content);
		assert_int_equal(lb->glyphs[ln->first].style, LS_TITLE);
	}
	*(int *)arg += 1;
}

static void
test_title_centred(void **state)
{
	static const int widths[] = { 20, 40, 60, 80, 120 };
	struct doc *d = parse_bundled();

	(void)state;
	for (size_t w = 0; w < sizeof(widths) / sizeof(*widths); w++) {
		int titles = 0;

		each_block(d, widths[w], LAYOUT_BLANKS, centred, &titles);
		assert_true(titles >= 1);
	}
	fixture_drop(d);
}

/* Wide characters: two columns each, never straddling the edge. */
static void
count_wide(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	(void)d;
	(void)width;
	for (size_t k = 0; k < lb->nglyphs; k++) {
		const struct lglyph *g = &lb->glyphs[k];

		if (g->len == 3 && (unsigned char)lb->str[g->pos] >= 0xE3 &&
		    g->style == LS_TEXT) {
			assert_int_equal(g->width, 2);
			*(int *)arg += 1;
		}
	}
}

static void
test_wide_characters(void **state)
{
	static const int widths[] = { 9, 10, 20, 21, 40, 41, 80 };
	struct doc *d = parse_str(wide);

	(void)state;
	for (size_t w = 0; w < sizeof(widths) / sizeof(*widths); w++) {
		int n = 0;

		each_block(d, widths[w], 0, fits, NULL);
		each_block(d, widths[w], 0, count_wide, &n);
		assert_int_equal(n, 6 * JA_CHARS);
	}
	fixture_drop(d);
}

/* Combining marks: no column of their own, never first on a line,
 * always right after their base. */
static void
marks(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	(void)d;
	(void)width;
	for (size_t i = 0; i < lb->nlines; i++) {
		const struct lline *ln = &lb->lines[i];

		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &lb->glyphs[k], *base;

			if (g->len != 2 || memcmp(lb->str + g->pos, "\xCC\x81", 2) != 0)
				continue;
			*(int *)arg += 1;
			assert_int_equal(g->width, 0);
			if (k == ln->first)
				fail_msg("width %d: a combining mark starts line %zu",
				    width, i);
			base = &lb->glyphs[k - 1];
			if (base->src == LAYOUT_NOSRC)
				fail_msg("width %d: the combining mark at %u is cut off "
				    "from its base and starts line %zu (after a filler "
				    "space)", width, g->src, i);
			assert_true(base->src < g->src);
			/* Right after its base, taking no column. */
			assert_int_equal(g->col, base->col + base->width);
		}
	}
}

static void
test_combining_marks(void **state)
{
	struct doc *d = parse_str(combining);
	int want = 0;

	(void)state;
	for (const char *p = combining; (p = strstr(p, "\xCC\x81")) != NULL; p++)
		want++;
	for (int w = 1; w <= 40; w++) {
		struct layout *l = new_layout(d, w, 0);
		int n = 0;

		/* The marks first, then what holds for every layout. */
		for (uint32_t b = 0; b < doc_nblocks(d); b++) {
			struct lblock *lb = lay(l, b);

			marks(d, lb, w, &n);
			fixture_drop(lb);
		}
		fixture_drop(l);
		assert_int_equal(n, want);
		each_block(d, w, 0, w >= 20 ? fits : NULL, NULL);
	}
	fixture_drop(d);
}

static void
placeholders(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	struct buf s;

	(void)d;
	(void)width;
	buf_init(&s);
	for (size_t i = 0; i < lb->nlines; i++) {
		size_t at = s.len, sp = 0;

		lblock_line_text(lb, i, &s);
		while (at + sp < s.len && s.data[at + sp] == ' ')
			sp++;
		memmove(s.data + at, s.data + at + sp, s.len - at - sp + 1);
		s.len -= sp;
		buf_addc(&s, ' ');
	}
	buf_add(arg, s.data, s.len);
	buf_done(&s);
}

static void
test_control_placeholders(void **state)
{
	static const char *const want[] = { "escape ^[[31m red^[[0m,", "bell ^G,",
		"delete ^?,", "CSI <U+009B>2J,", "override <U+202E>abc,",
		"space <U+200B>here,", "tab ^Kthere,", "backspace ^H and" };
	struct doc *d = parse_str(controls);
	struct buf *all = held_buf();
	char *p;

	(void)state;
	each_block(d, 200, 0, placeholders, all);
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		if (strstr(all->data, want[i]) == NULL)
			fail_msg("'%s' not in '%s'", want[i], all->data);
	/* A tab in prose is a space. */
	assert_non_null(strstr(all->data, "a tab here"));
	for (p = all->data; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7F);
	fixture_drop(all);
	/* The placeholders are glyphs of their own style, two columns for
	 * "^[", as wide as their text otherwise. */
	{
		struct layout *l = new_layout(d, 80, 0);
		struct lblock *lb = lay(l, 0);
		int seen = 0;

		for (size_t k = 0; k < lb->nglyphs; k++) {
			const struct lglyph *g = &lb->glyphs[k];

			if (g->style != LS_PLACEHOLDER)
				continue;
			seen++;
			assert_int_equal(g->width, g->len);
			assert_true(lb->str[g->pos] == '^' || lb->str[g->pos] == '<');
		}
		assert_int_equal(seen, 9);
		fixture_drop(lb);
		fixture_drop(l);
	}
	fixture_drop(d);
}

/* Very narrow and very wide: no crash, and every character shown. */
static void
test_narrow_and_wide_widths(void **state)
{
	static const int widths[] = { 1, 2, 3, 4, 5, 6, 500, 0, -3 };
	/* (combining marks: test_combining_marks, at every width) */
	struct doc *docs[] = { parse_str(report), parse_bundled(), parse_str(wide),
		parse_str(controls), parse_str(rfc) };

	(void)state;
	straddle_check = false;
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		for (size_t w = 0; w < sizeof(widths) / sizeof(*widths); w++)
			each_block(docs[i], widths[w] < 1 ? 1 : widths[w],
			    LAYOUT_BLANKS | LAYOUT_PAGEBREAKS,
			    widths[w] == 500 ? fits : NULL, NULL);
		fixture_drop(docs[i]);
	}
	/* A layout asked for no width at all gets one column. */
	{
		struct doc *d = parse_str(report);
		struct layout *l = new_layout(d, 0, 0);

		assert_int_equal(layout_width(l), 1);
		fixture_drop(l);
		fixture_drop(d);
	}
}

/* At narrow widths too, a wide character (or a two-column placeholder)
 * moves to the next line rather than straddle the edge, as long as it
 * fits in the width at all: indentation gives way first. */
static void
test_wide_characters_narrow(void **state)
{
	struct doc *d = parse_str(wide), *c = parse_str(controls);

	(void)state;
	for (int w = 2; w <= 8; w++) {
		each_block(d, w, 0, NULL, NULL);
		each_block(c, w, 0, NULL, NULL);
	}
	fixture_drop(d);
	fixture_drop(c);
}

/* A bullet or a lettered step in an RFC is prose, reflowed, its lines
 * after the first hanging after its marker ("o ", "A. "). */
static void
test_hanging_markers(void **state)
{
	static const char doc[] =
	    "Network Working Group                                          A. Author\n"
	    "Request for Comments: 9999                                   Example Inc.\n"
	    "\n"
	    "                    The Example Protocol for Testing\n"
	    "\n"
	    "1.  Introduction\n"
	    "\n"
	    "   The protocol is simple.  Messages are lines of text, sent one at a\n"
	    "   time by the client and answered one at a time by the server, which\n"
	    "   never sends anything it was not asked for, and the requirements\n"
	    "   are the following ones, which are not many, as we shall see now:\n"
	    "\n"
	    "      o  Protocols MUST generate four digit years in dates, and they\n"
	    "         MUST NOT generate two.\n"
	    "\n"
	    "      o  The use of two digit years is deprecated everywhere.\n"
	    "\n"
	    "   The routine goes as follows:\n"
	    "\n"
	    "   1.  While the input buffer is not empty, loop as follows:\n"
	    "\n"
	    "       A.  If the input begins with a prefix, then remove that\n"
	    "           prefix from the input buffer; otherwise,\n"
	    "\n"
	    "       B.  move the first path segment in the input buffer to the\n"
	    "           end of the output buffer.\n";
	struct doc *d = parse_str(doc);
	struct layout *l = new_layout(d, 40, 0);
	const char *want[] = { "o", "A.", "B." };
	size_t found = 0;

	(void)state;
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		const struct block *bl = doc_block(d, b);
		struct lblock *lb;
		const char *t = doc_data(d) + doc_piece(d, bl->first_piece)->off;
		size_t first, k;
		int col;

		if (bl->kind != BLOCK_TEXT)
			continue;
		for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
			if (strncmp(t, want[k], strlen(want[k])) == 0 && t[strlen(want[k])] == ' ')
				break;
		if (k == sizeof(want) / sizeof(want[0]))
			continue;
		assert_true(bl->flags & BLOCK_HANG);
		lb = lay(l, b);
		check_fits(lb, 40);
		first = first_line(lb);
		assert_true(lb->nlines > first + 1);    /* reflowed onto two lines */
		col = first_text(lb, first)->col;
		for (size_t i = first + 1; i < lb->nlines; i++)
			assert_int_equal(first_text(lb, i)->col, col + (int)strlen(want[k]) + 1);
		found++;
	}
	assert_int_equal(found, 4);
}

/* Preformatted lines are kept: one screen line per source line however
 * wide the window, and cut -- never reflowed -- where it is too narrow. */
static void
test_preformatted(void **state)
{
	struct doc *d = parse_str(rfc);
	uint32_t nb = doc_nblocks(d), pres = 0;
	struct buf *s = held_buf(), *t = held_buf();

	(void)state;
	for (uint32_t b = 0; b < nb; b++) {
		const struct block *bl = doc_block(d, b);
		struct layout *l200, *l20;
		struct lblock *lb, *cut;
		size_t line = 0;

		if (bl->kind != BLOCK_PRE)
			continue;
		pres++;
		l200 = new_layout(d, 200, 0);
		l20 = new_layout(d, 20, 0);
		lb = lay(l200, b);
		cut = lay(l20, b);
		check_lblock(d, lb, 200);
		check_lblock(d, cut, 20);
		check_fits(cut, 20);
		assert_int_equal(lb->nlines, block_end_piece(bl) - bl->first_piece);
		for (uint32_t p = bl->first_piece; p < block_end_piece(bl); p++, line++) {
			const struct piece *pc = doc_piece(d, p);
			const char *q;

			buf_reset(s);
			buf_reset(t);
			lblock_line_text(lb, line, s);
			q = s->data;
			while (*q == ' ')
				q++;
			buf_add(t, doc_data(d) + pc->off, pc->len);
			/* The line as it is, spaces inside it kept. */
			assert_string_equal(q, t->data);
			/* Cut at 20: its pieces, in order, make the line. */
			buf_reset(s);
			for (size_t i = 0; i < cut->nlines; i++)
				for (uint32_t k = cut->lines[i].first;
				    k < cut->lines[i].first + cut->lines[i].n; k++)
					if (cut->glyphs[k].src >= pc->off &&
					    cut->glyphs[k].src < pc->off + pc->len)
						buf_add(s, cut->str + cut->glyphs[k].pos,
						    cut->glyphs[k].len);
			assert_string_equal(s->data, t->data);
		}
		fixture_drop(lb);
		fixture_drop(cut);
		fixture_drop(l200);
		fixture_drop(l20);
	}
	assert_true(pres >= 2);
	/* Relative indentation is kept: the grammar's lines line up. */
	{
		struct layout *l = new_layout(d, 200, 0);
		uint32_t b = doc_block_at_line(d, 25);
		struct lblock *lb = lay(l, b);

		assert_int_equal(doc_block(d, b)->kind, BLOCK_PRE);
		assert_int_equal(lb->nlines, 3);
		assert_int_equal(lb->glyphs[lb->lines[0].first].col,
		    lb->glyphs[lb->lines[2].first].col);
		fixture_drop(lb);
		fixture_drop(l);
	}
	fixture_drop(d);
}

static void
line_at(const struct doc *d, struct lblock *lb, int width, void *arg)
{
	(void)d;
	(void)width;
	(void)arg;
	for (size_t i = 0; i < lb->nlines; i++) {
		const struct lline *ln = &lb->lines[i];

		if (ln->flags & (LL_BLANK | LL_RULE))
			continue;
		for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
			const struct lglyph *g = &lb->glyphs[k];

			if (g->src == LAYOUT_NOSRC || g->style == LS_NUMBER ||
			    g->style == LS_MARKER)
				continue;
			if (lblock_line_at(lb, g->src) != i)
				fail_msg("width %d block %u: offset %u is on line %zu, "
				    "lblock_line_at says %zu", width, lb->block, g->src, i,
				    lblock_line_at(lb, g->src));
		}
	}
	if (lb->nlines > 0 && doc_block(d, lb->block)->first_piece <
	    block_end_piece(doc_block(d, lb->block)))
		assert_int_equal(lblock_line_at(lb, doc_block_start(d, lb->block)),
		    first_line(lb));
}

static void
test_line_at(void **state)
{
	struct doc *docs[] = { parse_str(report), parse_bundled(), parse_str(rfc),
		parse_str(wide) };

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		each_block(docs[i], 20, LAYOUT_BLANKS, line_at, NULL);
		each_block(docs[i], 33, 0, line_at, NULL);
		each_block(docs[i], 80, LAYOUT_BLANKS, line_at, NULL);
		fixture_drop(docs[i]);
	}
}

/* Page breaks as rules, before the first block of the new page; blank
 * lines between blocks. */
static void
test_page_break_rules(void **state)
{
	static const char doc[] =
	    "1. The first paragraph, which is on the first page of the document.\n"
	    "\n"
	    "2. The second paragraph, which is on the first page of the document.\n"
	    "\f"
	    "3. The third paragraph, which is the first one on the second page.\n"
	    "\n"
	    "4. The fourth paragraph, which is on the second page of the document.\n";
	struct doc *d = parse_str(doc);
	struct layout *l = new_layout(d, 60, LAYOUT_PAGEBREAKS | LAYOUT_BLANKS);
	uint32_t rules = 0;

	(void)state;
	assert_int_equal(doc_npagebreaks(d), 1);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct lblock *lb = lay(l, b);

		check_lblock(d, lb, 60);
		for (size_t i = 0; i < lb->nlines; i++) {
			const struct lline *ln = &lb->lines[i];

			if (!(ln->flags & LL_RULE))
				continue;
			rules++;
			if (strcmp(fixture_doc_label(d, lb->node), "3") != 0)
				fail_msg("the page break is drawn before paragraph %s, "
				    "not 3", fixture_doc_label(d, lb->node));
			assert_true(ln->n > 0);
			for (uint32_t k = ln->first; k < ln->first + ln->n; k++) {
				assert_int_equal(lb->glyphs[k].src, LAYOUT_NOSRC);
				assert_int_equal(lb->glyphs[k].style, LS_RULE);
			}
		}
		/* A blank line before every block but the first. */
		assert_int_equal(!!(lb->lines[0].flags & LL_BLANK), b > 0);
		fixture_drop(lb);
	}
	assert_int_equal(rules, 1);
	fixture_drop(l);
	/* Without the flags: neither rules nor blank lines. */
	l = new_layout(d, 60, 0);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct lblock *lb = lay(l, b);

		for (size_t i = 0; i < lb->nlines; i++)
			assert_false(lb->lines[i].flags & (LL_RULE | LL_BLANK));
		fixture_drop(lb);
	}
	fixture_drop(l);
	fixture_drop(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reflow_widths, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_margin_and_hanging_indents, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_title_centred, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_wide_characters, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_combining_marks, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_control_placeholders, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_narrow_and_wide_widths, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_wide_characters_narrow, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_preformatted, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_hanging_markers, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_line_at, reset, fixture_release_all),
		cmocka_unit_test_setup_teardown(test_page_break_rules, reset, fixture_release_all),
	};

	return cmocka_run_group_tests_name("layout", tests, setup, teardown);
}
