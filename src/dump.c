/*
 * dump.c - plain text output of a loaded document.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "display.h"
#include "dump.h"
#include "load.h"

#define TABSTOP 8

int
dump_text(const struct text *t, struct display *d, FILE *out)
{
	const char *s = t->data;
	size_t n = t->len, i = 0, col = 0;
	struct glyph g;

	while (i < n) {
		size_t len = display_glyph(d, s + i, n - i, &g);

		if (g.kind == GLYPH_BREAK) {
			/* CRLF is one line end. */
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				len++;
			putc('\n', out);
			col = 0;
		} else if (g.kind == GLYPH_TAB) {
			do
				putc(' ', out);
			while (++col % TABSTOP != 0);
		} else {
			fwrite(g.s, 1, g.len, out);
			col += g.width;
		}
		i += len;
	}
	if (col > 0)
		putc('\n', out);
	if (fflush(out) == EOF || ferror(out))
		return -1;
	return 0;
}
