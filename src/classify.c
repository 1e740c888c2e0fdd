/*
 * classify.c - the line classifier shared by every recogniser.
 *
 * It reads one line at a time and describes it: its indentation and
 * width in columns, how it starts (a paragraph number, an item marker, a
 * section number, a Markdown heading, a bullet) and how it ends (a full
 * stop, a colon, a hyphen after a letter ...), whether it is in capitals,
 * a table-of-contents line, a table row or a figure.  Recognisers decide
 * from these facts what the line is; nothing here decides structure.
 *
 * Line ends are LF, CRLF and lone CR; a form feed ends a line too but
 * not a line number, and flags the line after it (LN_BREAK).
 */
#include "autoconf.h"

#include <string.h>

#include "parse_impl.h"
#include "utf8.h"
#include "util.h"

#define MAX_COLUMNS 60000

uint16_t
classify_columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n && cols < MAX_COLUMNS; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
	return (uint16_t)cols;
}

/* The class of the character at s (UTF-8). */
static inline uint8_t
char_class(const char *s, size_t n)
{
	uint32_t cp;
	unsigned char c;

	if (n == 0)
		return C_NONE;
	/* ASCII, as most lines start and end, needs no decoding: the same
	 * answers as below. */
	c = (unsigned char)s[0];
	if (c < 0x80) {
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if (c >= 'a' && c <= 'z')
			return C_LOWER;
		return c >= 'A' && c <= 'Z' ? C_UPPER : C_OTHER;
	}
	utf8_decode(s, n, &cp);
	if (cp >= '0' && cp <= '9')
		return C_DIGIT;
	if (!utf8_is_word(cp))
		return C_OTHER;
	/* A letter without case (Chinese, Arabic ...) may start a
	 * sentence, as a capital does. */
	return utf8_is_lower(cp) ? C_LOWER : C_UPPER;
}

/* How the content s[0..n) ends. */
static uint8_t
end_class(const char *s, size_t n)
{
	size_t i = n;
	char c;

	if (n == 0)
		return E_NONE;
	c = s[n - 1];
	/* Look through closing quotes and brackets: 'said.”' ends a
	 * sentence. */
	while (i > 0 && (s[i - 1] == ')' || s[i - 1] == '"' || s[i - 1] == '\'' ||
	    s[i - 1] == ']' || ((unsigned char)s[i - 1] >= 0x80 &&
	    ((unsigned char)s[i - 1] & 0xC0) == 0x80 && i >= 3 &&
	    (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
	    ((unsigned char)s[i - 1] == 0x9D || (unsigned char)s[i - 1] == 0x99))))
		i -= (unsigned char)s[i - 1] >= 0x80 ? 3 : 1;
	if (i > 0)
		c = s[i - 1];
	switch (c) {
	case '.': case '?': case '!':
		return E_STOP;
	case ':':
		return E_COLON;
	case ';':
		return E_SEMI;
	case ',':
		return E_COMMA;
	case '-':
		if (n >= 2 && is_space(s[n - 2]))
			return E_DASH;
		return n >= 2 && char_class(s + n - 2, 1) != C_OTHER &&
		    !is_digit(s[n - 2]) ? E_HYPHEN : E_OTHER;
	}
	/* An en or em dash ends a clause, not a word. */
	if (ends_with_dash(s, n))
		return E_DASH;
	return char_class(s + n - 1, 1) == C_OTHER &&
	    ((unsigned char)c < 0x80) ? E_OTHER : E_WORD;
}

size_t
classify_paren(const char *s, size_t n, const char **lab, size_t *lablen)
{
	size_t i = 1;

	if (n < 3 || s[0] != '(')
		return 0;
	if (is_digit(s[1])) {
		while (i < n && i < 4 && is_digit(s[i]))
			i++;
	} else if (s[1] >= 'a' && s[1] <= 'z') {
		while (i < n && i < 8 && s[i] >= 'a' && s[i] <= 'z')
			i++;
		/* More than two letters: only a roman numeral. */
		if (i > 3)
			for (size_t k = 1; k < i; k++)
				if (!strchr("ivxlc", s[k]))
					return 0;
		if (i == 3 && s[1] != s[2] && !(strchr("ivxlc", s[1]) &&
		    strchr("ivxlc", s[2])))
			return 0;
	} else if (s[1] >= 'A' && s[1] <= 'Z') {
		i = 2;
	} else
		return 0;
	if (i >= n || s[i] != ')')
		return 0;
	/* "(a)" must be followed by a space, the end, or a letter glued to
	 * it ("(a)in defence"), never by more punctuation. */
	if (i + 1 < n && !is_space(s[i + 1]) && char_class(s + i + 1, n - i - 1) == C_OTHER)
		return 0;
	*lab = s + 1;
	*lablen = i - 1;
	return i + 1;
}

size_t
classify_dotted(const char *s, size_t i, size_t n, unsigned *parts)
{
	while (i + 1 < n && s[i] == '.' && is_digit(s[i + 1]) && *parts < 8) {
		i++;
		while (i < n && is_digit(s[i]))
			i++;
		(*parts)++;
	}
	return i;
}

/* "5." or "5.  " (or "5.To") at s: the marker's length, and its value. */
static size_t
mark_num(const char *s, size_t n, uint32_t *num, uint8_t *depth, bool *secnum)
{
	size_t i = 0;
	uint32_t v = 0;
	unsigned parts = 1;

	while (i < n && is_digit(s[i]) && i < 9)
		v = v * 10 + (uint32_t)(s[i++] - '0');
	if (i == 0 || (i < n && is_digit(s[i])))
		return 0;
	*num = v;
	/* Section numbers: "3.2", "3.2.1." */
	i = classify_dotted(s, i, n, &parts);
	*depth = (uint8_t)parts;
	if (i < n && s[i] == '.') {
		i++;
		*secnum = parts > 1;
	} else {
		/* "3.2 Title" and "3  Title" are sections; "3 Title" is
		 * not a number of anything. */
		if (parts == 1 && !(i + 1 < n && is_space(s[i]) && is_space(s[i + 1])))
			return 0;
		*secnum = true;
	}
	/* "1.To maintain": a paragraph's number glued to its first word,
	 * as some sources write them; not "1.5" or "3.x". */
	if (i < n && !is_space(s[i]) && !(parts == 1 && !*secnum && i + 1 < n &&
	    s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] >= 'a' && s[i + 1] <= 'z'))
		return 0;
	return i;
}

/* "a. text", or "a.text" as the Charter's source writes its items: a
 * letter and a dot, not an abbreviation ("e.g.", "a.m."). */
static size_t
mark_letter(const char *s, size_t n)
{
	if (n < 3 || s[0] < 'a' || s[0] > 'z' || s[1] != '.')
		return 0;
	if (is_space(s[2]))
		return 2;
	if (s[2] >= 'a' && s[2] <= 'z' && !(n > 3 && s[3] == '.'))
		return 2;
	return 0;
}

static size_t
mark_bullet(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == 'o') && is_space(s[1]))
		return 1;
	/* "•", but not a dash: a line that starts with "– " carries on a
	 * sentence more often than it starts a list. */
	if (n >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0xA2 && is_space(s[3]))
		return 3;
	return 0;
}

static void
find_mark(const char *s, struct line *l)
{
	const char *c = s + l->off, *lab;
	size_t n = l->len, m = 0, lablen;
	bool secnum = false;

	l->mark = MK_NONE;
	if ((m = mark_num(c, n, &l->num, &l->mdepth, &secnum)) > 0)
		l->mark = secnum ? MK_SECNUM : MK_NUM;
	else if ((c[0] == '(' &&       /* most lines are spared the call */
	    (m = classify_paren(c, n, &lab, &lablen)) > 0) ||
	    (m = mark_letter(c, n)) > 0)
		l->mark = MK_PAREN;
	else if (c[0] == '#') {
		while (m < n && m < 6 && c[m] == '#')
			m++;
		l->mark = MK_HASH;
		l->mdepth = (uint8_t)m;
	} else if ((m = mark_bullet(c, n)) > 0)
		l->mark = MK_BULLET;
	while (m < n && is_space(c[m]))
		m++;
	l->mlen = (uint8_t)MIN(m, 255u);
	if (m > 255)
		l->mark = MK_NONE, l->mlen = 0;
}

enum { S_OTHER, S_UPPER, S_LOWER, S_DIGIT, S_SPACE, S_DOT, S_CONT, S_LEAD };

#define R4(x, k) [x] = k, [x + 1] = k, [x + 2] = k, [x + 3] = k
#define R16(x, k) R4(x, k), R4(x + 4, k), R4(x + 8, k), R4(x + 12, k)
static const uint8_t shape_class[256] = {
	[' '] = S_SPACE, ['\t'] = S_SPACE, ['.'] = S_DOT,
	R16('A', S_UPPER), R4('Q', S_UPPER), R4('U', S_UPPER), ['Y'] = S_UPPER,
	['Z'] = S_UPPER,
	R16('a', S_LOWER), R4('q', S_LOWER), R4('u', S_LOWER), ['y'] = S_LOWER,
	['z'] = S_LOWER,
	R4('0', S_DIGIT), R4('4', S_DIGIT), ['8'] = S_DIGIT, ['9'] = S_DIGIT,
	R16(0x80, S_CONT), R16(0x90, S_CONT), R16(0xA0, S_CONT), R16(0xB0, S_CONT),
	R16(0xC0, S_LEAD), R16(0xD0, S_LEAD), R16(0xE0, S_LEAD), R16(0xF0, S_LEAD),
};
#undef R4
#undef R16

#define ONES 0x0101010101010101ull
#define LOW7 0x7F7F7F7F7F7F7F7Full
#define HIGH 0x8080808080808080ull

/* The eight bytes at p, the first in the lowest bits whatever the
 * machine's byte order (compilers make this one load where they can). */
static inline uint64_t
load_le64(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
	    (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 |
	    (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

/* The bytes of w equal to the ASCII c, as their high bits, when no byte
 * of w has its high bit set: then adding 0x7F to a byte of w ^ c sets
 * its high bit unless it is zero, and never carries into the next. */
static inline uint64_t
ascii_eq(uint64_t w, unsigned char c)
{
	return ~((w ^ (ONES * c)) + LOW7) & HIGH;
}

/* Does the word w hold a byte outside ASCII, or two spaces together or
 * dot leaders ("..", ". ."), counting the spaces and dots carried over
 * in *sp and *dot from the word before it (which become w's)?  With a
 * high bit set in w, the masks may be wrong, but are not used again. */
static inline bool
unusual_word(uint64_t w, uint64_t *sp, uint64_t *dot)
{
	uint64_t s = ascii_eq(w, ' '), d = ascii_eq(w, '.');
	/* The bytes after a space. */
	uint64_t s1 = s << 8 | *sp >> 56, odd = (w & HIGH) | (s & s1);

	/* The bytes after a dot and two after a dot, only where w has a
	 * dot (most words have none). */
	if (d != 0)
		odd |= d & ((d << 8 | *dot >> 56) | (s1 & (d << 16 | *dot >> 48)));
	*sp = s;
	*dot = d;
	return odd != 0;
}

/* Does the line need reading byte by byte?  Eight bytes at a time; the
 * spaces and dots at the end of one word are carried into the next, so
 * that no pair or triple across the seam is missed.  The last word is
 * the line's last eight bytes shifted down past those already read, with
 * zeros, which are neither spaces nor dots, in their place. */
static bool
unusual(const char *c, size_t n)
{
	uint64_t sp = 0, dot = 0;
	size_t i = 0;

	if (n < 8) {
		for (; i < n; i++) {
			unsigned char x = (unsigned char)c[i];

			if (x >= 0x80 || (i + 1 < n && x == c[i + 1] &&
			    (x == ' ' || x == '.')) || (x == '.' && i + 2 < n &&
			    c[i + 1] == ' ' && c[i + 2] == '.'))
				return true;
		}
		return false;
	}
	for (; i + 8 <= n; i += 8)
		if (unusual_word(load_le64(c + i), &sp, &dot))
			return true;
	return i < n &&
	    unusual_word(load_le64(c + n - 8) >> (8 * (i + 8 - n)), &sp, &dot);
}

static void find_shape_slow(const char *c, size_t n, struct line *l);

/* Columns, and flags from the content: capitals, dot leaders, columns,
 * symbols.  Most lines are prose: ASCII, a lower-case letter near the
 * start, no wide gap, no dot leaders; they are told apart eight bytes at
 * a time (unusual()), and only the others are read byte by byte.  True
 * for those prose lines, which are known to be ASCII. */
static bool
find_shape(const char *c, size_t n, struct line *l)
{
	size_t i = 0;

	while (i < n && i < 32 && !(c[i] >= 'a' && c[i] <= 'z'))
		i++;
	if (i == n || i == 32 || unusual(c, n)) {
		find_shape_slow(c, n, l);
		return false;
	}
	l->width = (uint16_t)MIN(n, (size_t)MAX_COLUMNS);
	return true;
}

/* The same, byte by byte. */
static void
find_shape_slow(const char *c, size_t n, struct line *l)
{
	size_t count[8] = { 0 }, gaps = 0, dots = 0, run = 0, widest = 0;
	size_t upper, lower;

	for (size_t i = 0; i < n; i++) {
		uint8_t k = shape_class[(unsigned char)c[i]];

		count[k]++;
		if (k == S_SPACE) {
			if (++run == 3 && i + 1 < n)
				gaps++;
			continue;
		}
		if (run > widest)
			widest = run;
		run = 0;
		if (k == S_DOT && i > 0 && (c[i - 1] == '.' || c[i - 1] == ' ') &&
		    i + 1 < n && (c[i + 1] == '.' || c[i + 1] == ' '))
			dots++;
		else if (k == S_LEAD) {
			uint32_t cp;

			utf8_decode(c + i, n - i, &cp);
			/* A capital is a letter, a part of a word: what is not
			 * (a curly quote, a dash) is told in one look-up. */
			if (!utf8_is_word(cp))
				count[S_OTHER]++;
			else if (utf8_is_upper(cp))
				count[S_UPPER]++;
			else
				count[S_LOWER]++;
		}
	}
	l->width = (uint16_t)MIN(n - count[S_CONT], (size_t)MAX_COLUMNS);
	upper = count[S_UPPER];
	lower = count[S_LOWER];
	if (upper >= 2 && lower == 0)
		l->flags |= LN_CAPS;
	if (dots >= 4)
		l->flags |= LN_TOC;
	/* Two gaps, or one very wide one ("Network Working Group    Y. Author"). */
	if (gaps >= 2 || (gaps == 1 && widest >= 8))
		l->flags |= LN_COLUMNS;
	if (n >= 4 && (count[S_OTHER] + count[S_DOT]) * 2 > n && upper + lower < n / 3)
		l->flags |= LN_SYMBOLS;
}

/* The length of the word that starts c[0, n): up to its first space or
 * tab.  In ASCII, eight bytes at a time (ascii_eq() is exact there). */
static inline size_t
word_len(const char *c, size_t n, bool ascii)
{
	size_t w = 0;

	if (ascii)
		for (; w + 8 <= n; w += 8) {
			uint64_t x = load_le64(c + w);
			uint64_t sp = ascii_eq(x, ' ') | ascii_eq(x, '\t');

			if (sp != 0)
				return w + (unsigned)__builtin_ctzll(sp) / 8;
		}
	while (w < n && !is_space(c[w]))
		w++;
	return w;
}

/* The class and the width of the first word of line l after its
 * marker. */
static inline void
find_first(const char *s, struct line *l, bool ascii)
{
	const char *c = s + l->off + l->mlen;
	size_t n = l->len - l->mlen, w = word_len(c, n, ascii);

	l->first = char_class(c, n);
	/* In ASCII a byte is a column. */
	l->firstw = ascii ? (uint16_t)MIN(w, (size_t)MAX_COLUMNS) :
	    classify_columns(c, w);
}

void
classify_line(const char *s, uint32_t start, uint32_t end, struct line *l)
{
	uint32_t i = start, e = end;
	unsigned col = 0;
	bool ascii;

	memset(l, 0, sizeof(*l));
	l->start = start;
	while (i < e && is_space(s[i])) {
		col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		i++;
	}
	while (e > i && (is_space(s[e - 1]) || s[e - 1] == '\v'))
		e--;
	l->off = i;
	l->len = e - i;
	l->indent = (uint16_t)MIN(col, (unsigned)MAX_COLUMNS);
	if (l->len == 0) {
		l->flags |= LN_BLANK;
		return;
	}
	find_mark(s, l);
	ascii = find_shape(s + i, l->len, l);
	find_first(s, l, ascii);
	l->last = end_class(s + i, l->len);
}

/* Does line l end in the word w (ASCII, lower case)? */
static bool
ends_in_word(const char *s, const struct line *l, const char *w)
{
	size_t n = strlen(w);
	const char *e = s + l->off + l->len;

	return l->len > n && memcmp(e - n, w, n) == 0 && is_space(e[-(long)n - 1]);
}

void
classify_letter_context(const char *s, struct line *l, const struct line *prev,
    unsigned blanks)
{
	if (l->mark != MK_PAREN || s[l->off] == '(' || prev == NULL || blanks > 0)
		return;
	switch (prev->last) {
	case E_STOP: case E_COLON: case E_SEMI: case E_COMMA:
		return;
	case E_WORD:
		if (ends_in_word(s, prev, "and") || ends_in_word(s, prev, "or"))
			return;
		break;
	}
	l->mark = MK_NONE;
	l->mlen = 0;
	find_first(s, l, false);
}

/* How far ahead classify_next() looks for the kinds of line end at a
 * time, any of which the text may not have: a look to the end of the
 * text at once would bring the whole of a mapped file into memory
 * (load.h). */
#define EOL_AHEAD (64u << 10)

/* The first byte c in [i, bound), or bound (at most the part's end).
 * *next remembers what a look found: where the next c is or, where the
 * byte is not c, how far there is none (0: not looked for yet). */
static uint32_t
next_byte(const struct pctx *p, uint32_t *next, uint32_t i, char c,
    uint32_t bound)
{
	uint32_t from = i, lim;
	const char *x;

	if (*next != 0 && *next >= i) {
		if (*next < p->end && p->s[*next] == c)
			return MIN(*next, bound);
		if (*next >= bound)
			return bound;
		from = *next;
	}
	lim = p->end - from > EOL_AHEAD ? from + EOL_AHEAD : p->end;
	lim = MAX(lim, bound);
	x = memchr(p->s + from, c, lim - from);
	*next = x ? (uint32_t)(x - p->s) : lim;
	return MIN(*next, bound);
}

bool
classify_next(struct pctx *p, struct line *l)
{
	const char *s = p->s;
	uint32_t i = p->rd.pos, e, bound;

	if (i >= p->end)
		return false;
	/* The line ends at LF, CR or FF, whichever comes first; memchr
	 * finds each far faster than a loop over the bytes.  What each
	 * look found is remembered: most texts have one kind of line end
	 * and few form feeds or none, and in a text whose lines end in CR
	 * alone, looking for an LF from every line would read to the end
	 * each time.  The three are looked for EOL_AHEAD bytes at a time,
	 * the next stretch only when none ends the line in this one: the
	 * first look for an LF in a text that has none would otherwise
	 * read all of it at once. */
	for (bound = i;;) {
		bound = p->end - bound > EOL_AHEAD ? bound + EOL_AHEAD : p->end;
		e = next_byte(p, &p->rd.next_lf, i, '\n', bound);
		e = next_byte(p, &p->rd.next_cr, i, '\r', e);
		e = next_byte(p, &p->rd.next_ff, i, '\f', e);
		if (e < bound || bound == p->end)
			break;
	}
	classify_line(s, i, e, l);
	l->lineno = p->rd.lineno;
	if (p->rd.pending_break)
		l->flags |= LN_BREAK;
	p->rd.pending_break = false;
	if (e < p->end) {
		if (s[e] == '\f') {
			p->rd.pending_break = true;
			e++;
			/* "\f\n": the form feed is the line's end. */
			if (e < p->end && s[e] == '\n')
				e++, p->rd.lineno++;
			else if (e < p->end && s[e] == '\r')
				e += (e + 1 < p->end && s[e + 1] == '\n') ? 2 : 1, p->rd.lineno++;
		} else {
			e += (s[e] == '\r' && e + 1 < p->end && s[e + 1] == '\n') ? 2 : 1;
			p->rd.lineno++;
		}
	}
	p->rd.pos = e;
	return true;
}

bool
classify_wraps(const struct pctx *p, const struct line *a,
    const struct line *b)
{
	unsigned need = (unsigned)a->indent + a->width + 1 + b->firstw;

	/* A line that ends with its last word at the margin was filled by
	 * the typesetter: the next line's first word did not fit.  Allow
	 * play for proportional type, where a full line of narrow letters
	 * holds more characters than one of wide letters. */
	return need + 2 + p->width / 10 > p->width;
}
