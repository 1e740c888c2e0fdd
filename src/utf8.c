/*
 * utf8.c - UTF-8 coding and Unicode properties over the generated tables
 * of unitab.c.  The ASCII cases, which are most of every document, are
 * answered without touching the tables.
 */
#include "autoconf.h"

#include <string.h>
#include <strings.h>

#include "unitab.h"
#include "utf8.h"
#include "util.h"

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else
		goto bad;
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		/* Skip runs of ASCII eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && len == 1)
			return i;
		i += len;
	}
	return n;
}

size_t
utf8_boundary(const char *s, size_t n)
{
	size_t i = n;

	/* Find the lead byte of the last sequence, at most 4 bytes back. */
	while (i > 0 && n - i < 4) {
		unsigned char c = (unsigned char)s[--i];
		size_t want;

		if ((c & 0xC0) == 0x80)
			continue;
		want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return want > n - i ? i : n;
	}
	return n;
}

size_t
utf8_boundary_start(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static uint8_t
flags(uint32_t cp)
{
	unsigned lo = 0, hi = unitab_nranges;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (cp < unitab_ranges[mid].lo)
			hi = mid;
		else if (cp > unitab_ranges[mid].hi)
			lo = mid + 1;
		else
			return unitab_ranges[mid].flags;
	}
	return 0;
}

int
utf8_width(uint32_t cp)
{
	uint8_t f;

	if (cp < 0x300)
		return 1;
	f = flags(cp);
	if (f & (UNI_ZERO | UNI_INVIS))
		return 0;
	return (f & UNI_WIDE) ? 2 : 1;
}

bool
utf8_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	return (flags(cp) & UNI_WORD) != 0;
}

bool
utf8_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return (flags(cp) & UNI_UPPER) != 0;
}

bool
utf8_is_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

bool
utf8_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return (flags(cp) & UNI_LOWER) != 0;
}

bool
utf8_is_invisible(uint32_t cp)
{
	if (cp < 0xA0)
		return false;
	return (flags(cp) & UNI_INVIS) != 0;
}

size_t
utf8_fold(uint32_t cp, char *out)
{
	unsigned lo = 0, hi = unitab_nfolds;

	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (cp < unitab_folds[mid].cp)
			hi = mid;
		else if (cp > unitab_folds[mid].cp)
			lo = mid + 1;
		else {
			memcpy(out, unitab_folds[mid].s, unitab_folds[mid].len);
			return unitab_folds[mid].len;
		}
	}
	return utf8_encode(cp, out);
}

void
utf8_fold_buf(const char *s, size_t n, struct buf *b)
{
	char tmp[UTF8_FOLD_MAX];
	size_t i = 0;
	uint32_t cp;

	buf_reserve(b, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {         /* ASCII, most of it: in place */
			if (b->len + 1 >= b->cap)   /* room for it and the NUL */
				buf_reserve(b, n - i);
			b->data[b->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		buf_add(b, tmp, utf8_fold(cp, tmp));
	}
	b->data[b->len] = '\0';
}

char *
utf8_fold_str(const char *s, size_t n, size_t *outlen)
{
	struct buf b;

	buf_init(&b);
	utf8_fold_buf(s, n, &b);
	if (outlen)
		*outlen = b.len;
	return buf_take(&b);
}
