/*
 * layout.h - the layout engine: a document's blocks as lines of a given
 * width, ready to be drawn.
 *
 * Prose is reflowed (greedy word wrap, with hanging indents for items),
 * preformatted text is kept line for line (wrapped only where it is
 * wider than the window), the title is centred, headings stand apart,
 * paragraph numbers go in a left margin and item markers before their
 * text.  Each glyph remembers the offset of the character it shows in
 * the document's text, so that the front end can highlight search
 * matches and cross-references and map a screen row back to a place in
 * the document.
 *
 * Text comes out in the display's character set, with every control and
 * invisible character as a placeholder (display.h): a line's string can
 * be written to the terminal as it is.
 *
 * No curses here.  The layout borrows the document (which must outlive
 * it) and the display (which is not thread-safe: one layout per thread).
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;
struct display;
struct buf;

enum lstyle {
	LS_TEXT,
	LS_TITLE,
	LS_HEADING,
	LS_NUMBER,              /* a paragraph or section number, in the margin */
	LS_MARKER,              /* an item's marker: "(a)" */
	LS_PRE,                 /* preformatted text */
	LS_PLACEHOLDER,         /* a control character shown as "^[" */
	LS_RULE                 /* a page break */
};

#define LAYOUT_NOSRC UINT32_MAX

struct lglyph {
	uint32_t src;           /* offset of its character in the text, or
	                           LAYOUT_NOSRC for decoration */
	uint32_t pos;           /* where its bytes start in the line's string */
	uint16_t col;           /* its column */
	uint8_t len;            /* bytes in the string */
	uint8_t width;          /* columns: 0 for a combining mark */
	uint8_t style;          /* enum lstyle */
};

enum {
	LL_FIRST = 1,           /* the first line of its block */
	LL_BLANK = 2,           /* a blank line between blocks */
	LL_RULE = 4             /* a page break */
};

struct lline {
	uint32_t first;         /* its glyphs: [first, first + n) */
	uint32_t n;
	uint32_t str;           /* its string: [str, str + len) in lblock.str */
	uint32_t len;
	uint32_t off;           /* text offset of its first character (the
	                           block's start for blank lines) */
	uint16_t width;         /* columns used */
	uint8_t flags;          /* LL_* */
};

/* The lines of one block. */
struct lblock {
	uint32_t block;
	uint32_t node;
	struct lline *lines;
	size_t nlines;
	struct lglyph *glyphs;
	size_t nglyphs;
	char *str;
	size_t nstr;
};

struct layout;

enum {
	LAYOUT_PAGEBREAKS = 1,  /* show page breaks as rules */
	LAYOUT_BLANKS = 2       /* blank lines between blocks */
};

/* A layout of d at width columns (at least 1), with LAYOUT_* flags. */
struct layout *layout_new(const struct doc *d, struct display *disp,
    int width, unsigned flags);
void layout_free(struct layout *l);
/* Keep the margin for paragraph numbers at least cols + 2 columns wide
 * (a window on a large document, laid out as the whole will be); before
 * any block is laid out. */
void layout_min_margin(struct layout *l, int cols);
int layout_width(const struct layout *l);

/* Lay out block b.  The caller owns the result (lblock_free). */
struct lblock *layout_block(struct layout *l, uint32_t b);
void lblock_free(struct lblock *lb);

/* Append line i of lb to out as plain text: indentation as spaces, no
 * trailing space, no newline. */
void lblock_line_text(const struct lblock *lb, size_t i, struct buf *out);

/* The line of lb showing text offset off: the last line whose first
 * character is at or before it. */
size_t lblock_line_at(const struct lblock *lb, uint32_t off);

#endif
