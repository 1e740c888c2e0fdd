/*
 * recog_markdown.c - Markdown, as legislation and treaties are often
 * published in repositories: "#" headings ("### Article 1" followed by
 * "####- Title of the article"), numbered paragraphs "1. ", items
 * "(a)", indented or fenced code, tables.  Lines are soft-wrapped, and
 * a blank line always ends a paragraph.  HTML tags on lines of their own
 * are dropped, and a link reads as its text, a tag inside a line as
 * nothing.
 */
#include "autoconf.h"

#include <string.h>

#include "parse_impl.h"
#include "util.h"

static int
score(const struct pctx *p, const struct line *l, size_t n)
{
	int hashes = 0;

	for (size_t i = 0; i < n; i++)
		if (l[i].mark == MK_HASH && l[i].indent == 0)
			hashes++;
	return hashes >= 2 ? 60 + MIN(hashes, 30) : 0;
}

static void
role(struct pctx *p, struct line *l, const struct line *prev,
    unsigned blanks)
{
	const char *s = p->s + l->off;

	l->role = R_TEXT;
	/* A code fence, and everything up to the closing one. */
	if (l->len >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0)) {
		p->fence = !p->fence;
		l->role = R_PRE;
		return;
	}
	if (p->fence) {
		l->role = R_PRE;
		return;
	}
	if (s[0] == '<' && s[l->len - 1] == '>') {
		l->role = R_SKIP;
		return;
	}
	if (l->indent >= 4 || s[0] == '|') {
		l->role = R_PRE;
		return;
	}
	switch (l->mark) {
	case MK_HASH: {
		char label[64];
		uint8_t level;

		/* The level is the number of hashes, whatever the keyword. */
		l->role = R_HEADING;
		l->level = l->mdepth;
		/* "####- Title": the dash is decoration. */
		while (l->mlen < l->len && (s[l->mlen] == '-' || s[l->mlen] == ' '))
			l->mlen++;
		l->kw = recog_keyword(s + l->mlen, l->len - l->mlen, label,
		    sizeof(label), &level) ? 1 : 0;
		break;
	}
	case MK_NUM:
		l->role = R_NUM;
		break;
	case MK_PAREN:
		l->role = R_ITEM;
		break;
	default:
		break;
	}
}

/* An HTML tag inside a line, "<sup>" or "</sup>": its length, or 0. */
static uint32_t
html_tag(const char *s, uint32_t i, uint32_t end)
{
	uint32_t k = i + 1;
	const char *c;

	if (k < end && s[k] == '/')
		k++;
	if (k >= end || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		return 0;
	if ((c = memchr(s + k, '>', MIN(end - k, 200u))) == NULL ||
	    memchr(s + k, '<', (size_t)(c - s) - k) != NULL)
		return 0;
	return (uint32_t)(c - s) + 1 - i;
}

/* A link, "[text](target)", or an image, "![text](source)", on one
 * line: its text is read, the rest is left out.  An HTML tag inside a
 * line ("<sup>1)</sup>") is left out, what it encloses kept.  The next
 * "]" and ")" are looked for once and kept while they lie ahead, and a
 * line without one has no link after that point: a line of a megabyte
 * of "[" is read once, not once for each. */
static bool
markup(const char *s, uint32_t from, uint32_t end, uint32_t *a, uint32_t *b,
    uint32_t *ta, uint32_t *tb)
{
	const char *close = NULL, *paren = NULL;
	bool links = true;

	for (uint32_t i = from; i < end; i++) {
		const char *c, *q;
		uint32_t n;

		if (s[i] == '<' && (n = html_tag(s, i, end)) > 0) {
			*a = *ta = *tb = i;
			*b = i + n;
			return true;
		}
		if (s[i] != '[' || !links)
			continue;
		if (close == NULL || close <= s + i) {
			if ((close = memchr(s + i + 1, ']', end - i - 1)) == NULL) {
				links = false;
				continue;
			}
		}
		c = close;
		/* "[" again before the "]": a link starts there, if any (the
		 * look stops at the next "[", where the loop goes on). */
		if (c == s + i + 1 || memchr(s + i + 1, '[', (size_t)(c - s) - i - 1) != NULL ||
		    (uint32_t)(c - s) + 1 >= end || c[1] != '(')
			continue;
		if (paren == NULL || paren < c + 2) {
			if ((paren = memchr(c + 2, ')', end - (uint32_t)(c - s) - 2)) == NULL) {
				links = false;
				continue;
			}
		}
		q = paren;
		*a = i > from && s[i - 1] == '!' ? i - 1 : i;
		*ta = i + 1;
		*tb = (uint32_t)(c - s);
		*b = (uint32_t)(q - s) + 1;
		return true;
	}
	return false;
}

static bool
heading_label(struct pctx *p, const struct line *l, char *out, size_t size)
{
	uint8_t level;

	return recog_keyword(p->s + l->off + l->mlen, l->len - l->mlen, out,
	    size, &level);
}

const struct recog recog_markdown = {
	.name = "markdown",
	.score = score,
	.role = role,
	.heading_label = heading_label,
	.markup = markup,
	.blank_breaks = true,
	.ragged = true,
};
