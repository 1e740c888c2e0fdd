/*
 * recog_rfc.c - RFCs and documents shaped like them.
 *
 * Section headings stand at the left margin, numbered ("3.", "3.2.",
 * "3.2.1", and in an appendix "D.1.") or not ("Abstract", "Status of
 * This Memo"); the body is
 * indented (three columns in RFCs); anything indented deeper that is not
 * the hanging indent of a list item -- grammar rules, examples, figures,
 * tables -- is preformatted.  Lines are ragged, so paragraphs end at
 * blank lines.  Page footers ("[Page 3]") and headers are furniture.
 */
#include "autoconf.h"

#include <stdio.h>
#include <string.h>

#include "parse_impl.h"
#include "util.h"

static int
score(const struct pctx *p, const struct line *l, size_t n)
{
	int pages = 0, sections = 0, rfc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = p->s + l[i].off;

		if (l[i].len > 8 && memcmp(s + l[i].len - 1, "]", 1) == 0 &&
		    memmem(s, l[i].len, "[Page ", 6))
			pages++;
		if (i < 40 && (memmem(s, l[i].len, "Request for Comments:", 21) ||
		    memmem(s, l[i].len, "Internet-Draft", 14)))
			rfc = 1;
		if (l[i].indent == 0 && (l[i].mark == MK_SECNUM ||
		    l[i].mark == MK_NUM) && l[i].last != E_STOP)
			sections++;
	}
	return rfc * 50 + (pages >= 2 ? 30 : 0) +
	    (sections >= 3 && p->body_indent >= 2 ? 20 : 0);
}

/* A step lettered as RFC 3986 letters the steps of its algorithms,
 * "A.  If the input ...": the length of "A.  ", or 0. */
static unsigned
step_mark(const char *s, uint32_t n)
{
	uint32_t i = 2;

	if (n < 5 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) ||
	    s[1] != '.' || s[2] != ' ' || s[3] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? i : 0;
}

/* The column where the text of the list item or step on line prev
 * starts. */
static unsigned
hanging(const struct pctx *p, const struct line *prev)
{
	if (prev == NULL)
		return 0;
	if (prev->mark == MK_NUM || prev->mark == MK_PAREN || prev->mark == MK_BULLET ||
	    prev->mark == MK_SECNUM)
		return (unsigned)prev->indent + prev->mlen;
	return prev->indent + step_mark(p->s + prev->off, prev->len);
}

/* An appendix's section number, "D.1." or "A.2.3" then two spaces or
 * a title: its length with the spaces after it, and its depth (the
 * letter counts as a part, as the appendix it belongs to does), or 0. */
static size_t
appendix_secnum(const char *s, size_t n, uint8_t *depth)
{
	size_t i;
	unsigned parts = 1;

	if (n < 4 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	i = classify_dotted(s, 1, n, &parts);
	if (parts < 2)
		return 0;
	if (i < n && s[i] == '.')
		i++;
	if (i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	*depth = (uint8_t)parts;
	return i < n && i <= 255 ? i : 0;
}

static void
role(struct pctx *p, struct line *l, const struct line *prev,
    unsigned blanks)
{
	const char *s = p->s + l->off;
	char label[64];

	/* ABNF: "rule = definition" (or "rule =/ more"). */
	bool rule = l->len > 3 && memchr(s, '=', MIN(l->len, (uint32_t)40)) &&
	    (l->first == C_LOWER || l->first == C_UPPER) && l->last != E_STOP &&
	    (memmem(s, MIN(l->len, (uint32_t)40), " = ", 3) ||
	    memmem(s, MIN(l->len, (uint32_t)40), " =/ ", 4));

	l->role = R_TEXT;
	l->hang = step_mark(s, l->len) > 0;    /* as prose, hangs after "A." */
	if (l->flags & (LN_TOC | LN_SYMBOLS | LN_COLUMNS)) {
		/* Quotes and dots in an item's text where it hangs ("o  ...
		 * will" then "represent years as ":0", ":1", ... ":9", ...",
		 * dots enough for a contents line): the item goes on. */
		if (!(l->flags & LN_COLUMNS) && prev && blanks == 0 &&
		    prev->role != R_PRE && l->indent >= p->body_indent + 2 &&
		    hanging(p, prev) == l->indent)
			return;
		l->role = R_PRE;
		p->grammar = rule;
		return;
	}
	if (l->indent == 0) {
		size_t m;
		uint8_t depth;

		if ((l->mark == MK_SECNUM || l->mark == MK_NUM) && l->last != E_STOP) {
			l->role = R_SECTION;
			return;
		}
		/* "D.1.  Additions", in Appendix D. */
		if (l->mark == MK_NONE && l->last != E_STOP &&
		    (m = appendix_secnum(s, l->len, &depth)) > 0) {
			l->mark = MK_SECNUM;
			l->mdepth = depth;
			l->mlen = (uint8_t)m;
			l->role = R_SECTION;
			return;
		}
		if (recog_keyword(s, l->len, label, sizeof(label), &l->level)) {
			l->role = R_HEADING;
			l->kw = 1;
			l->level = 1;
			return;
		}
		/* A title; not "Time:", which introduces the rules below it. */
		if (l->last != E_STOP && l->last != E_COMMA && l->last != E_COLON &&
		    l->width * 4 < p->width * 3) {
			l->role = R_HEADING;
			l->level = 1;
			return;
		}
		return;
	}
	if ((l->mark == MK_NUM || l->mark == MK_PAREN) &&
	    l->indent <= p->body_indent + 2 && recog_boundary(p, l, prev, blanks)) {
		l->role = R_ITEM;
		return;
	}
	/* A rule opens a block after a blank line, or goes on in a block of
	 * rules (not in any preformatted block: prose may follow a
	 * figure). */
	if (rule && (blanks > 0 || (prev && prev->role == R_PRE && p->grammar))) {
		l->role = R_PRE;
		p->grammar = true;
		return;
	}
	if (blanks > 0 || l->indent < p->body_indent + 2)
		p->grammar = false;     /* only a rule's deeper lines go on */
	if (l->indent >= p->body_indent + 2) {
		/* The hanging indent of a list item, or text going on at
		 * the same indentation, is prose; the rest is not. */
		if (prev && blanks == 0 && prev->role != R_PRE &&
		    (hanging(p, prev) == l->indent || prev->indent == l->indent))
			return;
		if (prev && blanks > 0 && prev->role == R_ITEM &&
		    hanging(p, prev) == l->indent && l->first == C_UPPER)
			return;
		/* A lettered step or a bullet after prose: the first
		 * ("... as follows:" then "A.  If the input ...", "...
		 * 2-digit years:" then "o  Internet Protocols ..."), or the
		 * next (after the text of the one before). */
		if (prev && blanks > 0 && prev->role != R_PRE &&
		    (step_mark(s, l->len) > 0 || l->mark == MK_BULLET) &&
		    l->indent <= hanging(p, prev) + 8)
			return;
		l->role = R_PRE;
	}
}

static bool
heading_label(struct pctx *p, const struct line *l, char *out, size_t size)
{
	uint8_t level;

	return recog_keyword(p->s + l->off, l->len, out, size, &level);
}

const struct recog recog_rfc = {
	.name = "rfc",
	.score = score,
	.role = role,
	.heading_label = heading_label,
	.blank_breaks = false,
	.ragged = true,
};
