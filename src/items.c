/*
 * items.c - lettered items, roman sub-items and the like.
 *
 * Enumerations nest: "(a)" items, "(i)" sub-items inside them, now and
 * then "(A)" or "(1)".  The state is a stack of open levels, each with
 * its style and the last value seen.  A new marker continues the deepest
 * level whose next value it is; "(i)" after "(h)" is therefore a letter,
 * and "(i)" under "(b)" starts a level of roman numerals.  A marker that
 * continues nothing may start a level only with a first value ("(a)",
 * "(i)", "(A)", "(1)").  A marker at the start of a line is trusted
 * further (a skip in the numbering is reported, not refused); one inside
 * a sentence must fit, and must stand after a list separator (":", ";",
 * "and", "or" ...), never after a word that makes it a reference
 * ("paragraph 5 (b)", "subparagraph (c) above").
 */
#include "autoconf.h"

#include <string.h>

#include "parse_impl.h"
#include "util.h"

struct interp {
	uint8_t style;
	uint32_t value;
};

static uint32_t
roman_value(const char *s, size_t n)
{
	static const char *const small[] = { "i", "ii", "iii", "iv", "v", "vi",
		"vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
		"xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv" };

	/* Most labels are letters that start none of these ("(a)",
	 * "(b)"): their first byte tells, before any string is read. */
	if (n == 0 || n > 5 || (s[0] != 'i' && s[0] != 'v' && s[0] != 'x'))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(small); i++)
		if (small[i][0] == s[0] && strlen(small[i]) == n &&
		    memcmp(small[i], s, n) == 0)
			return (uint32_t)i + 1;
	return 0;
}

/* The ways a label can be read: at most three. */
static size_t
interpret(const char *lab, size_t n, struct interp *out)
{
	size_t k = 0;
	uint32_t r;

	if (n == 0)
		return 0;
	if (lab[0] >= '0' && lab[0] <= '9') {
		uint32_t v = 0;

		for (size_t i = 0; i < n; i++)
			v = v * 10 + (uint32_t)(lab[i] - '0');
		out[k++] = (struct interp){ IS_DIGIT, v };
		return k;
	}
	if (lab[0] >= 'A' && lab[0] <= 'Z') {
		out[k++] = (struct interp){ IS_UPPER, (uint32_t)(lab[0] - 'A') + 1 };
		return k;
	}
	if (n == 1)
		out[k++] = (struct interp){ IS_LOWER, (uint32_t)(lab[0] - 'a') + 1 };
	else if (n == 2 && lab[0] == lab[1])
		out[k++] = (struct interp){ IS_LOWER, 26u + (uint32_t)(lab[0] - 'a') + 1 };
	if ((r = roman_value(lab, n)) > 0)
		out[k++] = (struct interp){ IS_ROMAN, r };
	return k;
}

void
items_reset(struct items *st)
{
	st->n = 0;
}

void
items_push(struct items *st, int level, uint8_t style, uint32_t value,
    uint32_t node)
{
	if (level < 0 || level >= ITEMS_MAXDEPTH)
		return;
	st->n = level + 1;
	st->lv[level].style = style;
	st->lv[level].value = value;
	st->lv[level].node = node;
}

/* A first value starts a new level; roman "i" wins over letter "i". */
static bool
first_value(const struct interp *in, size_t k, struct interp *pick)
{
	for (size_t j = k; j-- > 0;)
		if (in[j].value == 1) {
			*pick = in[j];
			return true;
		}
	return false;
}

int
items_place(const struct items *st, const char *lab, size_t n, bool strict,
    uint8_t *style, uint32_t *value, bool *skip)
{
	struct interp in[3], pick;
	size_t k = interpret(lab, n, in);
	int lv;

	*skip = false;
	if (k == 0)
		return -1;
	/* Continues an open level: the deepest that it fits. */
	for (lv = st->n - 1; lv >= 0; lv--)
		for (size_t j = 0; j < k; j++)
			if (st->lv[lv].style == in[j].style &&
			    in[j].value == st->lv[lv].value + 1) {
				*style = in[j].style;
				*value = in[j].value;
				return lv;
			}
	if (first_value(in, k, &pick)) {
		*style = pick.style;
		*value = 1;
		/* A list of the same style starting again. */
		for (lv = st->n - 1; lv >= 0; lv--)
			if (st->lv[lv].style == pick.style) {
				*skip = true;
				return lv;
			}
		return st->n < ITEMS_MAXDEPTH ? st->n : -1;
	}
	if (strict)
		return -1;
	/* A skip in the numbering: trust the line start. */
	*skip = true;
	*style = in[0].style;
	*value = in[0].value;
	for (lv = st->n - 1; lv >= 0; lv--)
		for (size_t j = 0; j < k; j++)
			if (st->lv[lv].style == in[j].style &&
			    in[j].value > st->lv[lv].value) {
				*style = in[j].style;
				*value = in[j].value;
				return lv;
			}
	return st->n < ITEMS_MAXDEPTH ? st->n : -1;
}

/* The word that ends at s[e) (letters only, lower-cased into w). */
static size_t
word_before(const char *s, size_t lo, size_t e, char *w, size_t wmax)
{
	size_t b = e, n;

	while (b > lo && ((s[b - 1] >= 'a' && s[b - 1] <= 'z') ||
	    (s[b - 1] >= 'A' && s[b - 1] <= 'Z') || s[b - 1] == '.'))
		b--;
	n = MIN(e - b, wmax - 1);
	for (size_t i = 0; i < n; i++)
		w[i] = (s[b + i] >= 'A' && s[b + i] <= 'Z') ? (char)(s[b + i] + 32) : s[b + i];
	w[n] = '\0';
	return n;
}

/* May an inline marker stand at s[pos], inside a piece that starts at
 * lo?  Its context must be a list separator, not a reference. */
static bool
list_context(const char *s, size_t lo, size_t pos, bool line_start)
{
	size_t e = pos;
	char w[24];
	unsigned char c;

	while (e > lo && is_space(s[e - 1]))
		e--;
	if (e == lo)
		return line_start;
	if (e == pos)
		return false;           /* "word(a)": glued, not a marker */
	c = (unsigned char)s[e - 1];
	if (c == ':' || c == ';' || c == ',' || c == '.')
		return true;
	if (ends_with_dash(s, e))
		return true;
	word_before(s, lo, e, w, sizeof(w));
	if (strcmp(w, "and") == 0 || strcmp(w, "or") == 0) {
		/* "paragraphs 5 (a) and (b)" is a reference. */
		size_t b = e - strlen(w);

		while (b > lo && is_space(s[b - 1]))
			b--;
		return !(b > lo && (s[b - 1] == ')' || (s[b - 1] >= '0' && s[b - 1] <= '9')));
	}
	return false;
}

size_t
items_find(const char *s, const struct ppiece *pc, size_t npc,
    struct imark *out, size_t max)
{
	size_t found = 0;
	uint32_t lo = UINT32_MAX, hi = 0;

	/* Most paragraphs have no '(' at all: one memchr() over the text
	 * they span says so (the line ends and indentation between their
	 * pieces are no markers, and are read over), and not one for each
	 * piece. */
	for (size_t i = 0; i < npc; i++) {
		lo = MIN(lo, pc[i].off);
		hi = MAX(hi, pc[i].off + pc[i].len);
	}
	if (lo >= hi || memchr(s + lo, '(', hi - lo) == NULL)
		return 0;
	for (size_t i = 0; i < npc && found < max; i++) {
		const char *p = s + pc[i].off, *e = p + pc[i].len, *q = p;

		while (q < e && (q = memchr(q, '(', (size_t)(e - q))) != NULL) {
			const char *lab;
			size_t lablen, m = classify_paren(q, (size_t)(e - q), &lab, &lablen);
			size_t pos = (size_t)(q - s), end;

			if (m == 0 || !list_context(s, pc[i].off, pos, i > 0 &&
			    pc[i].join != JOIN_GLUE)) {
				q++;
				continue;
			}
			end = pos + m;
			while (end < pc[i].off + pc[i].len && is_space(s[end]))
				end++;
			/* Something must follow the marker. */
			if (end == pc[i].off + pc[i].len && i + 1 == npc) {
				q++;
				continue;
			}
			out[found++] = (struct imark){ (uint32_t)i, (uint32_t)pos,
			    (uint32_t)end, lab, lablen };
			if (found == max)
				break;
			q = s + end;
		}
	}
	return found;
}

/* Does the line-start marker lab follow the last inline marker of the
 * paragraph pc[npc)?  "... four questions: (a) the first;\n(b) the
 * second" is one inline list whose "(b)" happens to wrap to the start
 * of a line: the line continues the paragraph rather than starting an
 * item of its own, whose "(a)" would be lost. */
bool
items_follows_inline(const char *s, const struct ppiece *pc, size_t npc,
    const char *lab, size_t n)
{
	struct imark m[32];
	struct interp a[3], b[3];
	size_t found = items_find(s, pc, npc, m, ARRAY_SIZE(m));
	size_t ka, kb;

	if (found == 0)
		return false;
	ka = interpret(m[found - 1].lab, m[found - 1].lablen, a);
	kb = interpret(lab, n, b);
	for (size_t i = 0; i < ka; i++)
		for (size_t j = 0; j < kb; j++)
			if (a[i].style == b[j].style && a[i].value + 1 == b[j].value)
				return true;
	return false;
}
