/*
 * recog_markdown.c - Markdown, as legislation and treaties are often
 * published in repositories: "#" headings ("### Article 1" followed by
 * "####- Title of the article"), numbered paragraphs "1. ", items
 * "(a)", indented or fenced code, tables.  Lines are soft-wrapped, and
 * a blank line always ends a paragraph.  HTML tags on lines of their own
 * are dropped.
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
	.blank_breaks = true,
	.ragged = true,
};
