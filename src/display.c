/*
 * display.c - characters to glyphs.  ASCII is answered inline; other
 * characters go through the Unicode tables, and, in a non-UTF-8 locale,
 * through iconv's transliteration, whose answers are cached per code
 * point (iconv is far too slow to call for every character of a page).
 */
#include "autoconf.h"

#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "display.h"
#include "utf8.h"
#include "util.h"

#define CACHE_SIZE 512          /* a power of two */

struct display {
	bool utf8;
	iconv_t cd;                 /* UTF-8 to the locale's set, or -1 */
	struct {
		uint32_t cp;
		struct glyph g;
	} cache[CACHE_SIZE];
};

struct display *
display_new(const char *codeset)
{
	struct display *d = xcalloc(1, sizeof(*d));
	size_t i;

	if (codeset == NULL)
		codeset = nl_langinfo(CODESET);
	d->utf8 = utf8_is_name(codeset);
	d->cd = (iconv_t)-1;
	if (!d->utf8) {
		char to[128];

		snprintf(to, sizeof(to), "%s//TRANSLIT", codeset);
		d->cd = iconv_open(to, "UTF-8");
	}
	for (i = 0; i < CACHE_SIZE; i++)
		d->cache[i].cp = UINT32_MAX;
	return d;
}

void
display_free(struct display *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d);
}

bool
display_is_utf8(const struct display *d)
{
	return d->utf8;
}

static void
set(struct glyph *g, enum glyph_kind kind, const char *s, size_t len,
    int width)
{
	if (len >= sizeof(g->s))
		len = sizeof(g->s) - 1;
	memcpy(g->s, s, len);
	g->s[len] = '\0';
	g->len = (uint8_t)len;
	g->width = (uint8_t)width;
	g->kind = (uint8_t)kind;
}

static void
placeholder(struct glyph *g, uint32_t cp)
{
	char tmp[16];
	int n;

	if (cp < 0x20)
		n = snprintf(tmp, sizeof(tmp), "^%c", (char)(cp + '@'));
	else if (cp == 0x7F)
		n = snprintf(tmp, sizeof(tmp), "^?");
	else
		n = snprintf(tmp, sizeof(tmp), "<U+%04X>", (unsigned)cp);
	set(g, GLYPH_PLACEHOLDER, tmp, (size_t)n, n);
}

/* Width of a converted string in a non-UTF-8 locale. */
static int
local_width(const char *s, size_t n)
{
	wchar_t wc;
	mbstate_t st;
	int w = 0;

	memset(&st, 0, sizeof(st));
	while (n > 0) {
		size_t r = mbrtowc(&wc, s, n, &st);
		int cw;

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
			return w + (int)n;
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		s += r;
		n -= r;
	}
	return w;
}

/* What iconv could not transliterate (in the C locale it knows no
 * accents): the folded form when that is plain ASCII ("é" as "e", "É" as
 * "E"), else '?'. */
static void
ascii_fallback(uint32_t cp, struct glyph *g)
{
	char f[UTF8_FOLD_MAX];
	size_t n = utf8_fold(cp, f), i;

	for (i = 0; i < n; i++)
		if ((unsigned char)f[i] < 0x20 || (unsigned char)f[i] > 0x7E)
			break;
	if (n == 0 || i < n) {
		set(g, GLYPH_TEXT, "?", 1, 1);
		return;
	}
	if (utf8_is_upper(cp) && f[0] >= 'a' && f[0] <= 'z')
		f[0] = (char)(f[0] - 32);
	set(g, GLYPH_TEXT, f, n, (int)n);
}

/* Convert one printable non-ASCII character for a non-UTF-8 locale. */
static void
transliterate(struct display *d, uint32_t cp, const char *src, size_t n,
    struct glyph *g)
{
	char out[sizeof(g->s)], *op = out, *ip = (char *)src;
	size_t oleft = sizeof(out) - 1, ileft = n;
	unsigned h = (cp * 2654435761u) & (CACHE_SIZE - 1);

	if (d->cache[h].cp == cp) {
		*g = d->cache[h].g;
		return;
	}
	if (d->cd == (iconv_t)-1 ||
	    iconv(d->cd, &ip, &ileft, &op, &oleft) == (size_t)-1 || op == out)
		op = out;
	if (d->cd != (iconv_t)-1)
		iconv(d->cd, NULL, NULL, NULL, NULL);
	if (op == out || (op - out == 1 && out[0] == '?'))
		ascii_fallback(cp, g);
	else {
		size_t len = (size_t)(op - out);

		set(g, GLYPH_TEXT, out, len, local_width(out, len));
	}
	d->cache[h].cp = cp;
	d->cache[h].g = *g;
}

size_t
display_glyph(struct display *d, const char *s, size_t n, struct glyph *g)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;
	size_t len;

	if (c >= 0x20 && c < 0x7F) {
		g->s[0] = (char)c;
		g->s[1] = '\0';
		g->len = 1;
		g->width = 1;
		g->kind = c == ' ' ? GLYPH_SPACE : GLYPH_TEXT;
		return 1;
	}
	len = utf8_decode(s, n, &cp);
	if (cp == '\t')
		set(g, GLYPH_TAB, " ", 1, 1);
	else if (cp == '\n' || cp == '\r' || cp == '\f')
		set(g, GLYPH_BREAK, " ", 1, 1);
	else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
	    utf8_is_invisible(cp))
		placeholder(g, cp);
	else if (cp == 0xA0)
		set(g, GLYPH_SPACE, " ", 1, 1);
	else if (!d->utf8)
		transliterate(d, cp, s, len, g);
	else if (cp == UTF8_REPLACEMENT)
		set(g, GLYPH_TEXT, "\xEF\xBF\xBD", 3, 1);  /* never the raw bytes */
	else
		set(g, GLYPH_TEXT, s, len, utf8_width(cp));
	return len;
}

void
display_string(struct display *d, const char *s, size_t n, struct buf *out)
{
	struct glyph g;
	size_t i = 0;

	while (i < n) {
		i += display_glyph(d, s + i, n - i, &g);
		buf_add(out, g.s, g.len);
	}
}
