/*
 * screen.h - the grid of cells the views draw into.
 *
 * Views never talk to the terminal: they fill a screen, and the terminal
 * layer (term.c) copies it to curses, or the script mode prints it.
 * Cells hold text already in the display's character set (display.h),
 * with every control character made a placeholder, so a screen can be
 * written to a terminal as it is.
 */
#ifndef LECTERN_SCREEN_H
#define LECTERN_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct display;
struct buf;

/* What a cell shows: the element decides its colour and attributes. */
enum element {
	EL_TEXT, EL_TITLE, EL_HEADING, EL_NUMBER, EL_MARKER, EL_LINK,
	EL_LINK_SELECTED, EL_MATCH, EL_MATCH_CURRENT, EL_LIST_ITEM,
	EL_BREADCRUMB, EL_STATUS, EL_MESSAGE, EL_ERROR, EL_PANEL,
	EL_PANEL_SELECTED, EL_PLACEHOLDER, EL_RULE, EL_PROMPT, EL_PRE,
	EL_NELEMENTS
};

struct cell {
	char s[24];             /* one character and its combining marks */
	uint8_t len;
	uint8_t width;          /* 0 for the right half of a wide character */
	uint8_t el;             /* enum element */
};

struct screen {
	int rows, cols;
	struct cell *c;
	int cursor_row, cursor_col;     /* -1: no cursor */
};

/* An element by its name in the config ("link", "match-current" ...),
 * -1 if there is none. */
int screen_element_from_name(const char *name);

void screen_init(struct screen *s, int rows, int cols);
void screen_done(struct screen *s);
void screen_resize(struct screen *s, int rows, int cols);
/* Blank every cell (element EL_TEXT). */
void screen_clear(struct screen *s);
/* Fill a row from col to the end with spaces of element el. */
void screen_fill(struct screen *s, int row, int col, int end, uint8_t el);
/* Put one glyph (bytes in the display's set, width columns) at row,
 * col; a glyph of width 0 joins the cell before it.  Returns the column
 * after it; nothing is written outside the screen or past limit. */
int screen_put(struct screen *s, int row, int col, const char *g, size_t len,
    int width, uint8_t el, int limit);
/* Put UTF-8 text (converted and made safe by d), stopping at limit
 * (exclusive); returns the column after the last glyph. */
int screen_text(struct screen *s, struct display *d, int row, int col,
    const char *utf8, size_t n, uint8_t el, int limit);
/* Columns the UTF-8 text would take. */
int screen_text_width(struct display *d, const char *utf8, size_t n);
/* Append row r as plain text (trailing spaces dropped) to out. */
void screen_row_text(const struct screen *s, int r, struct buf *out);

#endif
