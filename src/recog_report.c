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

/* Is s[0..n) worded as a heading: a word of four letters or more, no
 * figure in parentheses?  A line of acronyms and grades ("ASG D-1 P-4
 * P-2", "NPO") or of figures ("MINURSO (3.4), UNMIK (3.8)") is a
 * table's, not a heading in capitals ("FINAL PROVISIONS"). */
static bool
heading_words(const char *s, size_t n)
{
	size_t run = 0;
	bool word = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(' && i + 1 < n && is_digit(s[i + 1]))
			return false;
		run = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] & 0x80) ? run + 1 : 0;
		word |= run >= 4;
	}
	return word;
}

static bool
caps_heading(const struct pctx *p, const struct line *l)
{
	return (l->flags & LN_CAPS) && l->width >= 3 &&
	    l->width * 5 <= (unsigned)p->width * 4 &&
	    l->last != E_COMMA && l->last != E_SEMI && !(l->flags & LN_COLUMNS) &&
	    heading_words(p->s + l->off, l->len);
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

/* A table of contents starts at a line "Contents" before the first
 * numbered paragraph.  Extracted from PDF without its layout, an entry
 * comes apart into lines of its own: "IV.", the title with its dot
 * leaders, the page number; a long title wraps.  All of it is kept line
 * for line until a line of prose with no dot leaders after it, or until
 * TOC_GAP lines pass without any. */
#define TOC_GAP 40

/* Dot leaders (". . . ." or "....") in the next few lines? */
static bool
leaders_ahead(const struct pctx *p)
{
	uint32_t n = p->end - p->rd.pos > RECOG_AHEAD ? RECOG_AHEAD : p->end - p->rd.pos;
	const char *s = p->s + p->rd.pos;

	return memmem(s, n, ". . . .", 7) != NULL || memmem(s, n, ".....", 5) != NULL;
}

static bool
contents_heading(const struct pctx *p, const struct line *l)
{
	const char *s = p->s + l->off;

	return !p->seen_num && ((l->len == 8 && strncasecmp(s, "contents", 8) == 0) ||
	    (l->len == 17 && strncasecmp(s, "table of contents", 17) == 0));
}

/* The width in columns of the next line that holds anything. */
static unsigned
next_width(const struct pctx *p)
{
	uint32_t at, n;
	bool blank;

	n = recog_next_line(p, &at, &blank);
	return classify_columns(p->s + at, n);
}

static bool
prose_width(const struct pctx *p, unsigned width)
{
	return width * 10 >= (unsigned)p->width * 6;
}

/* Does line l belong to the table of contents being read?  When the
 * contents end at a short line before prose ("Summary"), that line is
 * the heading of what follows. */
static bool
in_contents(struct pctx *p, struct line *l)
{
	if (l->flags & LN_TOC) {
		p->toc = l->lineno;
		return true;
	}
	if (l->lineno <= p->toc + TOC_GAP && leaders_ahead(p))
		return true;
	if (l->lineno <= p->toc + TOC_GAP && !prose_width(p, l->width) &&
	    !prose_width(p, next_width(p)))
		return true;            /* "24", "Annex": more entries */
	p->toc = 0;
	/* (A numbered one, "I. Introduction", is left to the rules that
	 * give it its label.) */
	if (!prose_width(p, l->width) && l->first == C_UPPER && l->mark == MK_NONE &&
	    l->last == E_WORD && !lettered_heading(p, l)) {
		l->role = R_HEADING;
		l->level = 2;
	}
	return false;
}

/* "B." or "IV." alone on its line before a short line that starts with
 * a capital: a heading whose title extraction put on the next line. */
static bool
lettered_alone(const struct pctx *p, struct line *l)
{
	const char *s = p->s + l->off;
	uint32_t at, n, i = 0;
	bool blank;

	while (i < l->len && i < 6 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i == 0 || i + 1 != l->len || s[i] != '.' || (i > 1 && !is_roman_upper(s, i)))
		return false;
	n = recog_next_line(p, &at, &blank);
	if (n == 0 || !(p->s[at] >= 'A' && p->s[at] <= 'Z') ||
	    prose_width(p, classify_columns(p->s + at, n)) || p->s[at + n - 1] == '.')
		return false;
	l->level = (uint8_t)(i > 1 || s[0] == 'I' || s[0] == 'V' || s[0] == 'X' ? 2 : 3);
	return true;
}

/* Short for a line: under 40% of the document's lines, and under 50
 * columns (a document of unwrapped lines has long ones). */
static bool
cell_width(const struct pctx *p, unsigned width)
{
	return width * 10 < (unsigned)p->width * 4 && width < 50;
}

/* A short line between blank lines, before another short line: a cell
 * of a table that extraction from PDF laid out one cell a line
 * ("Authorized", "2024/25", "Actual as at"), kept line for line with
 * its row rather than made a paragraph of its own. */
static bool
cell(const struct pctx *p, const struct line *l, const struct line *prev,
    unsigned blanks)
{
	uint32_t at, n;
	bool blank;

	/* Not in the title block, whose short lines are centred. */
	if (!p->body || !cell_width(p, l->width) ||
	    (prev != NULL && blanks == 0))
		return false;
	n = recog_next_line(p, &at, &blank);
	return n > 0 && blank && cell_width(p, classify_columns(p->s + at, n));
}

/* A number that does not go forward, before a short title rather than
 * prose: a sub-heading numbered like a paragraph ("1." then "Military
 * and police personnel" in a section of paragraphs 14 to 20, on the
 * same line or, extracted without the layout, on the next), not
 * paragraph 1 again. */
static bool
numbered_heading(const struct pctx *p, const struct line *l,
    const struct line *prev)
{
	struct line next;
	uint32_t at, n;
	bool blank;

	if (!p->seen_num || l->num > p->last_num)
		return false;
	if (l->len <= l->mlen)
		return !prose_width(p, next_width(p));
	if (prose_width(p, l->width) || l->last != E_WORD || l->first != C_UPPER)
		return false;
	/* Not a run of short numbered lines, numbered afresh after a
	 * heading (an annex's agenda: "1. Opening of the session", "2.
	 * Adoption of the agenda"): a sub-heading is not followed, nor
	 * preceded, by the next or the last number. */
	if (prev != NULL && prev->role == R_NUM && prev->num + 1 == l->num)
		return false;
	n = recog_next_line(p, &at, &blank);
	classify_line(p->s, at, at + n, &next);
	return !(next.mark == MK_NUM && next.num == l->num + 1);
}

#define NOTES_MAX 40

/* "__________________" alone: the rule above a page's footnotes. */
static bool
footnote_rule(const char *s, uint32_t n)
{
	uint32_t i = 0;

	while (i < n && s[i] == '_')
		i++;
	return i >= 10 && i == n;
}

static void
line_role(struct pctx *p, struct line *l, const struct line *prev,
    unsigned blanks)
{
	char label[64];
	uint8_t kwlevel;

	l->role = R_TEXT;
	if (p->title_level) {
		/* The title of "B." on the line before. */
		l->level = p->title_level;
		p->title_level = 0;
		if (l->mark == MK_NONE && l->first == C_UPPER &&
		    !prose_width(p, l->width) && l->last != E_STOP) {
			l->role = R_HEADING;
			l->flags |= LN_TITLE;
			return;
		}
	}
	if (p->toc && in_contents(p, l)) {
		l->role = R_PRE;
		return;
	}
	if (l->role == R_HEADING)
		return;
	/* A page's footnotes, under their rule down to the page's end, are
	 * text of the paragraph they interrupt, never paragraphs, items or
	 * headings of their own.  Without page breaks, NOTES_MAX lines at
	 * most, or up to the next paragraph in sequence, or up to a heading
	 * with a keyword ("Annex I") after a blank line: the rule at the
	 * end of a text's body, before its annexes. */
	if (p->notes && (l->lineno - p->notes > NOTES_MAX ||
	    (l->mark == MK_NUM && number_fits(p, l, prev, blanks)) ||
	    (blanks > 0 && l->width * 4 <= (unsigned)p->width * 3 &&
	    recog_keyword(p->s + l->off, l->len, label, sizeof(label), &kwlevel))))
		p->notes = 0;
	if (!p->notes && footnote_rule(p->s + l->off, l->len)) {
		p->notes = l->lineno;
		l->role = R_PRE;
		l->note = 1;
		return;
	}
	if (p->notes) {
		l->note = 1;
		return;
	}
	if (contents_heading(p, l)) {
		l->role = R_HEADING;
		l->level = 2;
		p->toc = l->lineno;
		return;
	}
	if (l->flags & (LN_TOC | LN_SYMBOLS)) {
		l->role = R_PRE;
		return;
	}
	if (l->mark == MK_NUM && number_fits(p, l, prev, blanks)) {
		l->role = numbered_heading(p, l, prev) ? R_HEADING : R_NUM;
		l->level = 4;
		l->kw = l->role == R_HEADING;
		if (l->kw && l->len <= l->mlen)
			p->title_level = 5;     /* "1." alone: its title follows */
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
	if (lettered_alone(p, l) && recog_boundary(p, l, prev, blanks)) {
		l->role = R_HEADING;
		l->kw = 1;
		p->title_level = (uint8_t)(l->level + 1);
		return;
	}
	if (l->mark == MK_NONE && cell(p, l, prev, blanks)) {
		l->role = R_PRE;
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

static void
role(struct pctx *p, struct line *l, const struct line *prev,
    unsigned blanks)
{
	line_role(p, l, prev, blanks);
	if (l->role == R_NUM || l->role == R_HEADING || l->role == R_SECTION)
		p->body = true;
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
