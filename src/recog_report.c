/*
 * recog_report.c - reports, resolutions, council papers: the United
 * Nations genre, mostly text extracted from PDF.
 *
 * Numbered paragraphs ("5."), lettered items and roman sub-items,
 * headings in capitals or with a keyword ("Article 3", "ANNEX I") or a
 * roman or capital-letter number ("II. Mandate", "A. Overall"), and
 * unnumbered paragraphs (a resolution's preamble).  Lines are filled to a
 * margin, so their length tells a wrap from a paragraph's end.  This is
 * the recogniser for anything no other one claims.
 */
#include "autoconf.h"

#include <stdio.h>
#include <string.h>

#include "parse_impl.h"
#include "util.h"

static int
score(const struct pctx *p, const struct line *l, size_t n)
{
	return 40;
}

static bool
is_roman_upper(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLC", s[i]))
			return false;
	return n > 0;
}

/* "IV. Title" or "A. Title": a numbered heading, not a sentence. */
static bool
lettered_heading(const struct pctx *p, struct line *l)
{
	const char *s = p->s + l->off;
	size_t i = 0;

	while (i < l->len && i < 6 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i == 0 || i + 2 >= l->len || s[i] != '.' || s[i + 1] != ' ')
		return false;
	if (i > 1 && !is_roman_upper(s, i))
		return false;
	if (l->last == E_STOP || l->last == E_COMMA || l->last == E_SEMI ||
	    l->width * 4 > p->width * 3)
		return false;
	l->level = (uint8_t)(i > 1 || s[0] == 'I' || s[0] == 'V' || s[0] == 'X' ? 2 : 3);
	return true;
}

static bool
caps_heading(const struct pctx *p, const struct line *l)
{
	return (l->flags & LN_CAPS) && l->width >= 3 &&
	    l->width * 5 <= (unsigned)p->width * 4 &&
	    l->last != E_COMMA && l->last != E_SEMI && !(l->flags & LN_COLUMNS);
}

static bool
number_fits(const struct pctx *p, const struct line *l,
    const struct line *prev, unsigned blanks)
{
	/* First lines of paragraphs are often indented in print; deeper
	 * than that is a table or a figure. */
	if (l->num == 0 || l->indent > p->body_indent + 12)
		return false;
	if (p->seen_num && l->num == p->last_num + 1)
		return true;
	if (!recog_boundary(p, l, prev, blanks))
		return false;
	/* After a paragraph ends, any number goes (a skip is linted). */
	return l->first != C_LOWER;
}

static void
role(struct pctx *p, struct line *l, const struct line *prev,
    unsigned blanks)
{
	char label[64];

	l->role = R_TEXT;
	if (l->flags & (LN_TOC | LN_SYMBOLS)) {
		l->role = R_PRE;
		return;
	}
	if (l->mark == MK_NUM && number_fits(p, l, prev, blanks)) {
		l->role = R_NUM;
		return;
	}
	if (l->mark == MK_PAREN && !(prev && blanks == 0 &&
	    recog_ref_word_at_end(p->s, prev)) && !recog_table_cell(p, l, prev)) {
		l->role = R_ITEM;
		return;
	}
	if (l->mark == MK_SECNUM && l->mdepth > 1 && l->last != E_STOP &&
	    l->first == C_UPPER && recog_boundary(p, l, prev, blanks) &&
	    l->width * 4 <= p->width * 3) {
		l->role = R_SECTION;
		return;
	}
	if (l->width * 4 <= (unsigned)p->width * 3 &&
	    recog_keyword(p->s + l->off, l->len, label, sizeof(label), &l->level) &&
	    recog_boundary(p, l, prev, blanks)) {
		l->role = R_HEADING;
		l->kw = 1;
		return;
	}
	if (lettered_heading(p, l) && recog_boundary(p, l, prev, blanks)) {
		l->role = R_HEADING;
		l->kw = 1;
		return;
	}
	if (caps_heading(p, l) && (prev == NULL || blanks > 0 ||
	    prev->role == R_HEADING || prev->last != E_WORD)) {
		l->role = R_HEADING;
		l->level = 3;
		return;
	}
	if ((l->flags & LN_COLUMNS) && l->width >= 20)
		l->role = R_PRE;
}

static bool
heading_label(struct pctx *p, const struct line *l, char *out, size_t size)
{
	const char *s = p->s + l->off;
	uint8_t level;
	size_t i = 0;

	if (recog_keyword(s, l->len, out, size, &level))
		return true;
	while (i < l->len && s[i] != '.')
		i++;
	snprintf(out, size, "%.*s", (int)i, s);
	return i > 0;
}

const struct recog recog_report = {
	.name = "report",
	.score = score,
	.role = role,
	.heading_label = heading_label,
	.blank_breaks = false,
	.ragged = false,
};
