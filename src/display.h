/*
 * display.h - how each character of a document is shown on the user's
 * terminal, in the user's character set.
 *
 * This is where the promise "no byte of a document reaches the terminal
 * as a control sequence" is kept: every C0 and C1 control character
 * (tab and line ends aside) becomes a visible placeholder in caret
 * notation ("^[") or as "<U+009B>", and so do invisible and
 * direction-changing characters (U+202E, U+200B ...).  Where the locale's
 * character set is not UTF-8, text is transliterated with iconv ("–" as
 * "-", "’" as "'") and what the set lacks shows as '?'.
 *
 * No curses here: the layout engine and --dump use it, and the terminal
 * front end writes what it produced.
 */
#ifndef LECTERN_DISPLAY_H
#define LECTERN_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum glyph_kind {
	GLYPH_TEXT,         /* printable text, shown as s */
	GLYPH_SPACE,        /* a space (or a no-break space) */
	GLYPH_TAB,          /* a tab: the layout expands it */
	GLYPH_BREAK,        /* LF, CR or FF (the parser's business) */
	GLYPH_PLACEHOLDER   /* a control or invisible character, shown as s */
};

/* One code point, ready to be written.  s is in the output character set
 * and NUL-terminated; width is the number of columns it takes (0 for a
 * combining mark, which joins the character before it). */
struct glyph {
	char s[24];
	uint8_t len;
	uint8_t width;
	uint8_t kind;
};

struct display;

/* A display for the character set `codeset` (as nl_langinfo(CODESET)
 * names it), or for the current locale's when codeset is NULL. */
struct display *display_new(const char *codeset);
void display_free(struct display *d);
bool display_is_utf8(const struct display *d);

/* Describe the character at s (n > 0 bytes of UTF-8) in g; return how
 * many bytes of s it took.  Not thread-safe: one display per thread. */
size_t display_glyph(struct display *d, const char *s, size_t n,
    struct glyph *g);

/* Append to out the UTF-8 string s converted for display, controls as
 * placeholders and tabs as single spaces (for short strings: labels,
 * messages, snippets). */
struct buf;
void display_string(struct display *d, const char *s, size_t n,
    struct buf *out);

#endif
