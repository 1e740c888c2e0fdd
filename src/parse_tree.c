/*
 * parse_tree.c - the structure builder: paragraphs in, the node tree out.
 *
 * It keeps the open containers -- headings by level, numbered sections
 * by depth, the current numbered paragraph, the stack of open item
 * levels -- and places each paragraph the paragraph builder hands it:
 * a heading closes what it outranks, a numbered paragraph closes the
 * last one, an item goes where items.c says, and unmarked text goes to
 * the innermost open container (or, when there is none, becomes an
 * unnumbered paragraph of its own, as a resolution's preamble does).
 *
 * The leading paragraphs that look like a title (headings, short lines)
 * become the title node.  Inline enumerations are split out of a
 * paragraph's text here: "... as follows: (a) the convening ...; (b) an
 * annual debate ..." becomes items (a) and (b), and the text after the
 * last item's sentence goes back to its parent.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "parse_impl.h"
#include "utf8.h"
#include "util.h"

#define NLEVELS 8
#define MAX_MARKS 256
#define MAX_NESTED_LOOK 32      /* markers passed over inside a first item */
#define TITLE_MAX 600
#define TITLE_LINES 60
#define LABEL_MAX 60

struct tree {
	uint32_t heading[NLEVELS];  /* open heading by level (1-7) */
	bool heading_kw[NLEVELS];   /* ... and whether it has a keyword */
	char heading_label[NLEVELS][16]; /* ... and its label, if short */
	uint32_t section[NLEVELS + 1]; /* open section by depth (1-8) */
	uint32_t para;              /* the open numbered paragraph */
	uint32_t owner;             /* where unmarked text goes */
	uint32_t prose;             /* the last unnumbered paragraph made
	                               where nothing owns text (a preamble) */
	uint32_t items_root;        /* what level-0 items hang from */
	struct items items;
	uint32_t title;             /* the title node */
	bool title_done;
	uint32_t header_end;        /* the last line of a preformatted title
	                               block (an RFC's header), or 0 */
	struct buf title_text;
	uint32_t bare_heading;      /* a keyword heading with nothing under
	                               it yet */
	int bare_level;
	struct imark marks[MAX_MARKS];
	struct placed {             /* select_marks()'s choice for each */
		int8_t lv;          /* its level, or -1: not an item */
		uint8_t style;
		uint32_t value;
	} placed[MAX_MARKS];
};

_Static_assert(ITEMS_MAXDEPTH <= INT8_MAX, "an item's level fits in placed.lv");

struct tree *
tree_new(struct pctx *p)
{
	struct tree *t = xcalloc(1, sizeof(*t));

	for (int i = 0; i < NLEVELS; i++)
		t->heading[i] = DOC_NONE;
	for (int i = 0; i <= NLEVELS; i++)
		t->section[i] = DOC_NONE;
	t->para = t->owner = t->items_root = DOC_NONE;
	t->title = t->bare_heading = t->prose = DOC_NONE;
	buf_init(&t->title_text);
	return t;
}

void
tree_free(struct tree *t)
{
	if (t == NULL)
		return;
	buf_done(&t->title_text);
	free(t);
}

/* ---------------------------------------------------------- containers */

static uint32_t
innermost(const struct tree *t)
{
	for (int d = NLEVELS; d >= 1; d--)
		if (t->section[d] != DOC_NONE)
			return t->section[d];
	for (int l = NLEVELS - 1; l >= 1; l--)
		if (t->heading[l] != DOC_NONE)
			return t->heading[l];
	return DOC_NONE;
}

static bool
in_section(const struct tree *t)
{
	for (int d = 1; d <= NLEVELS; d++)
		if (t->section[d] != DOC_NONE)
			return true;
	return false;
}

static void
close_para(struct tree *t)
{
	t->para = DOC_NONE;
	t->owner = innermost(t);
	t->items_root = t->owner;
	items_reset(&t->items);
}

static void
close_sections(struct tree *t, int depth)
{
	for (int d = MAX(depth, 1); d <= NLEVELS; d++)
		t->section[d] = DOC_NONE;
	close_para(t);
}

static void
close_headings(struct tree *t, int level)
{
	for (int l = MAX(level, 1); l < NLEVELS; l++)
		t->heading[l] = DOC_NONE;
	close_sections(t, 1);
}

/* ---------------------------------------------------------- emitting */

/* Prose s[a..b) as pieces, a word that PDF extraction cut into "Secretary
 * -General" rejoined where the document spells it "Secretary-General"
 * elsewhere: the space before the hyphen is left out. */
static void
emit_prose(struct pctx *p, uint32_t a, uint32_t b, uint16_t indent, uint8_t join)
{
	const char *s = p->s;

	for (uint32_t from = a + 1, q; (q = hyph_next_split(p->hyph, from, b)) < b;
	    from = q + 1) {
		uint32_t at = q - 1;

		if (!hyph_rejoin(p->hyph, s, a, at, b))
			continue;
		docb_piece(p->db, a, at - a, indent, join);
		a = at + 1;
		join = JOIN_GLUE;
	}
	docb_piece(p->db, a, b - a, indent, join);
}

/* Emit the paragraph's text between offsets from and to, piece by
 * piece, into the current block. */
static void
emit_range(struct pctx *p, const struct para *pa, uint32_t from, uint32_t to)
{
	bool first = true;

	for (size_t i = 0; i < pa->npieces; i++) {
		const struct ppiece *pc = &pa->pieces[i];
		uint32_t a = MAX(pc->off, from), b = MIN(pc->off + pc->len, to);

		if (pc->len == 0 && pc->off >= from && pc->off < to && pa->role == R_PRE) {
			docb_piece(p->db, pc->off, 0, 0, JOIN_LINE);
			continue;
		}
		while (a < b && is_space(p->s[a]))
			a++;
		while (b > a && is_space(p->s[b - 1]))
			b--;
		if (a >= b)
			continue;
		if (pa->role == R_PRE)
			docb_piece(p->db, a, b - a, pc->indent, pc->join);
		else
			emit_prose(p, a, b, pc->indent, first ? JOIN_SPACE : pc->join);
		first = false;
	}
}

static uint32_t
text_end(const struct para *pa)
{
	const struct ppiece *pc = &pa->pieces[pa->npieces - 1];

	return pc->off + pc->len;
}

static uint32_t
line_at(const struct para *pa, uint32_t off)
{
	for (size_t i = pa->npieces; i-- > 0;)
		if (pa->pieces[i].off <= off)
			return pa->pieces[i].lineno;
	return pa->lineno;
}

static bool
abbreviation(const char *s, uint32_t lo, uint32_t dot)
{
	static const char *const abbr[] = { "e.g", "i.e", "etc", "no", "nos",
		"vol", "art", "para", "paras", "mr", "mrs", "ms", "dr", "st",
		"cf", "p", "pp", "op", "cit", "al", "viz", "vs", "inc", "ltd",
		"co", "corr", "rev", "add" };
	uint32_t b = dot;
	char w[8];
	size_t n;

	while (b > lo && b > dot - 6 && (s[b - 1] == '.' ||
	    (s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z')))
		b--;
	n = dot - b;
	if (n == 1 && s[b] >= 'A' && s[b] <= 'Z')
		return true;            /* an initial: "J. Smith" */
	if (n == 0 || n >= sizeof(w))
		return false;
	for (size_t i = 0; i < n; i++)
		w[i] = (s[b + i] >= 'A' && s[b + i] <= 'Z') ? (char)(s[b + i] + 32) : s[b + i];
	w[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(abbr); i++)
		if (strcmp(w, abbr[i]) == 0)
			return true;
	return false;
}

/* The end of the first sentence in [from, to): just after ". " before a
 * capital letter; to when there is none. */
static uint32_t
sentence_end(const char *s, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i + 2 < to; i++) {
		char c = s[i];

		if ((c != '.' && c != '?' && c != '!') || !is_space(s[i + 1]))
			continue;
		uint32_t j = i + 1;

		while (j < to && is_space(s[j]))
			j++;
		if (j < to && ((s[j] >= 'A' && s[j] <= 'Z') ||
		    (unsigned char)s[j] == 0xE2) && !(c == '.' && abbreviation(s, from, i)))
			return j;
	}
	return to;
}

/* Is the first item marks[i], at level lv, followed by its second, once
 * the markers of items nested in it are passed over ("(a) ... (i) ...
 * (ii) ... (b)")? */
static bool
continued(const struct tree *t, const struct items *st, size_t i, size_t n,
    int lv, uint8_t style)
{
	struct items st2 = *st;

	items_push(&st2, lv, style, 1, 0);
	for (size_t j = i + 1; j < n && j <= i + MAX_NESTED_LOOK; j++) {
		uint8_t style2;
		uint32_t value2;
		bool skip;
		int lv2 = items_place(&st2, t->marks[j].lab, t->marks[j].lablen,
		    true, &style2, &value2, &skip);

		if (lv2 < 0)            /* fits nowhere: not an item */
			continue;
		if (lv2 == lv)
			return value2 == 2;
		if (lv2 < lv)
			return false;
		items_push(&st2, lv2, style2, value2, 0);
	}
	return false;
}

/* Choose which inline markers are items, on a copy of the item state:
 * each must fit, and a marker that starts a level must be followed by
 * one that continues it.  Where each goes is kept, to be used as it is:
 * the text is a mapped file, and a file changed while it is read may
 * not read the same the second time. */
static size_t
select_marks(struct tree *t, size_t n)
{
	struct items st = t->items;
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t style;
		uint32_t value;
		bool skip;
		int lv = items_place(&st, t->marks[i].lab, t->marks[i].lablen,
		    true, &style, &value, &skip);

		t->placed[i].lv = -1;
		if (lv < 0)
			continue;
		if (value == 1 && !continued(t, &st, i, n, lv, style))
			continue;
		items_push(&st, lv, style, value, 0);
		t->placed[i] = (struct placed){ (int8_t)lv, style, value };
		count++;
	}
	return count;
}

static uint32_t
item_parent(const struct tree *t, int lv)
{
	return lv == 0 ? t->items_root : t->items.lv[lv - 1].node;
}

/* An item: its label is "(x)" whatever its marker looks like ("x." in
 * an RFC's list), so that its full label reads "2(1)". */
static uint32_t
new_item(struct pctx *p, int lv, uint32_t start, uint32_t line,
    const char *lab, size_t lablen, const char *marker, size_t mlen)
{
	struct tree *t = p->tree;
	char own[16];
	/* "(" and at most 12 bytes of the label and ")", put together by
	 * hand: snprintf() cost more than the rest of making an item.  Its
	 * strings are shared: "(a)" and "(b)" come again and again. */
	size_t n = strnlen(lab, MIN(lablen, 12u));
	uint32_t label, mark;

	own[0] = '(';
	memcpy(own + 1, lab, n);
	own[n + 1] = ')';
	own[n + 2] = '\0';
	label = docb_str_shared(p->db, own, n + 2);
	/* Its marker is mostly the label as it was written. */
	mark = marker == NULL || (mlen == n + 2 && memcmp(marker, own, mlen) == 0) ?
	    label : docb_str_shared(p->db, marker, mlen);

	return docb_node(p->db, lv == 0 ? NODE_ITEM : NODE_SUBITEM,
	    item_parent(t, lv), start, line, mark, label);
}

/* Emit a paragraph's text as blocks of owner, splitting out the inline
 * items it holds. */
static void
emit_text(struct pctx *p, const struct para *pa, uint32_t owner,
    enum block_kind kind, uint8_t flags)
{
	struct tree *t = p->tree;
	uint32_t pos, end;
	size_t n = 0;

	if (pa->npieces == 0) {
		docb_block(p->db, kind, owner, pa->lineno, flags);
		return;
	}
	pos = pa->pieces[0].off;
	end = text_end(pa);
	if (kind == BLOCK_TEXT)
		n = items_find(p->s, pa->pieces, pa->npieces, t->marks, MAX_MARKS);
	if (kind == BLOCK_TEXT && pa->first.hang)
		flags |= BLOCK_HANG;
	if (n == 0 || select_marks(t, n) == 0) {
		docb_block(p->db, kind, owner, pa->pieces[0].lineno, flags);
		emit_range(p, pa, pos, end);
		return;
	}
	docb_block(p->db, kind, owner, pa->pieces[0].lineno, flags);
	for (size_t i = 0; i < n; i++) {
		const struct imark *m = &t->marks[i];
		uint32_t node, line = line_at(pa, m->pos);
		bool last = true;
		int lv = t->placed[i].lv;

		if (lv < 0)
			continue;
		emit_range(p, pa, pos, m->pos);
		node = new_item(p, lv, m->pos, line, m->lab, m->lablen, NULL, 0);
		docb_set_flags(p->db, node, NODE_INLINE);
		items_push(&t->items, lv, t->placed[i].style, t->placed[i].value, node);
		docb_block(p->db, BLOCK_TEXT, node, line, 0);
		pos = m->end;
		for (size_t j = i + 1; j < n; j++)
			last = last && t->placed[j].lv < 0;
		if (last) {
			uint32_t e = sentence_end(p->s, pos, end);

			/* The rest of the sentence goes back to the list's
			 * holder, if there is one. */
			if (e < end && item_parent(t, lv) != DOC_NONE) {
				emit_range(p, pa, pos, e);
				docb_block(p->db, BLOCK_TEXT, item_parent(t, lv),
				    line_at(pa, e), BLOCK_CONT);
				pos = e;
			}
		}
	}
	emit_range(p, pa, pos, end);
}

/* ------------------------------------------------------------- title */

/* Does pa continue a preformatted title block, on the very next line
 * ("Category: Standards Track" under an RFC's columns)? */
static bool
in_header(const struct tree *t, const struct para *pa)
{
	return t->header_end != 0 && pa->first.lineno == t->header_end + 1;
}

static bool
title_like(const struct pctx *p, const struct para *pa)
{
	const struct tree *t = p->tree;
	uint8_t last;

	if (pa->first.lineno > TITLE_LINES || t->title_text.len > TITLE_MAX)
		return false;
	if (pa->role == R_PRE || in_header(t, pa))
		return true;
	if (pa->role == R_HEADING)
		return !pa->kw && ((pa->first.flags & LN_CAPS) ||
		    pa->first.mark == MK_HASH);
	if (pa->role != R_TEXT || pa->npieces > 3)
		return false;
	last = pa->npieces == 1 ? pa->first.last : E_NONE;
	if (pa->npieces > 1) {
		const struct ppiece *pc = &pa->pieces[pa->npieces - 1];
		struct line l;

		classify_line(p->s, pc->off, pc->off + pc->len, &l);
		last = l.last;
	}
	return last != E_COMMA && last != E_SEMI &&
	    !(last == E_STOP && pa->npieces > 1) && text_end(pa) - pa->pieces[0].off < 300;
}

/* Is the line pc centred on the page, one run of words? */
static bool
centred(const struct pctx *p, const struct ppiece *pc)
{
	int left = pc->indent, right = (int)p->width - left - (int)pc->len;

	if (pc->len == 0 || left < 4 || right < 0 || abs(left - right) > 6)
		return false;
	for (uint32_t i = 0; i + 2 < pc->len; i++)
		if (p->s[pc->off + i] == ' ' && p->s[pc->off + i + 1] == ' ' &&
		    p->s[pc->off + i + 2] == ' ')
			return false;
	return true;
}

static void
title_add(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	bool header = pa->role == R_PRE || in_header(t, pa);

	if (t->title == DOC_NONE)
		t->title = docb_node(p->db, NODE_TITLE, DOC_NONE, pa->start,
		    pa->lineno, 0, 0);
	emit_text(p, pa, t->title, header ? BLOCK_PRE : BLOCK_TITLE, 0);
	if (header && pa->npieces > 0)
		t->header_end = pa->pieces[pa->npieces - 1].lineno;
	for (size_t i = 0; i < pa->npieces; i++) {
		const struct ppiece *pc = &pa->pieces[i];

		/* Of a preformatted title block (an RFC's header), only the
		 * centred lines: the columns of names and dates are not. */
		if (header && !centred(p, pc))
			continue;
		if (t->title_text.len > 0 && pc->join != JOIN_GLUE)
			buf_addc(&t->title_text, ' ');
		buf_add(&t->title_text, p->s + pc->off, pc->len);
	}
}

/* ----------------------------------------------------------- placing */

/* Is s[0..n) written as a label is kept: no tab, no two spaces
 * together, none at either end?  Most are ("12.", "(a)"): too short for
 * memchr() and memmem() to pay for their calls. */
static bool
plain_label(const char *s, size_t n)
{
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return false;
	/* A space is not the last byte: the one after it is in s. */
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' '))
			return false;
	return true;
}

/* A label or heading as a person writes it: runs of white space as one
 * space ("Artikel  1" is "Artikel 1"), none at either end. */
static uint32_t
make_label(struct pctx *p, const char *s, size_t n)
{
	char *buf;
	uint32_t id;

	if (plain_label(s, n))
		return docb_str(p->db, s, n);
	buf = xmalloc(n + 1);
	memcpy(buf, s, n);
	n = squeeze_space(buf, n, true);
	id = docb_str(p->db, buf, n);
	free(buf);
	return id;
}

/* The text of a heading paragraph, for labels and outlines. */
static void
heading_text(const struct pctx *p, const struct para *pa, struct buf *b)
{
	for (size_t i = 0; i < pa->npieces; i++) {
		if (i > 0)
			buf_addc(b, ' ');
		buf_add(b, p->s + pa->pieces[i].off, pa->pieces[i].len);
	}
}

static uint32_t
short_label(struct pctx *p, const char *s, size_t n)
{
	if (n > LABEL_MAX) {
		n = LABEL_MAX;
		while (n > 0 && s[n] != ' ')
			n--;
		/* One long word: cut it, but not inside a character. */
		if (n == 0)
			n = utf8_boundary(s, LABEL_MAX);
	}
	return make_label(p, s, n);
}

/* "Article 3: Title" or "II. Mandate": the title after the label, or
 * nothing (string 0). */
static uint32_t
kw_title(struct pctx *p, const char *s, size_t n)
{
	size_t i = 0;
	int words = 0;

	/* Skip the keyword and its number (one or two words). */
	while (i < n && words < 2) {
		while (i < n && s[i] != ' ' && s[i] != '.' && s[i] != ':')
			i++;
		words++;
		if (i < n && (s[i] == '.' || s[i] == ':'))
			break;
		while (i < n && s[i] == ' ')
			i++;
		if (words == 1 && i < n && !(s[i] >= '0' && s[i] <= '9') &&
		    !strchr("IVXLCivxlcABCDEFGHJKMNOPQRSTUWYZ", s[i]))
			break;
	}
	while (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ' ' || s[i] == '-'))
		i++;
	return i < n ? make_label(p, s + i, n - i) : 0;
}

static void
place_heading(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	int level = MIN(MAX(pa->level, 1), NLEVELS - 1), plevel;
	uint32_t parent = DOC_NONE, node, label, heading;
	char kw[128];
	struct buf text;

	p->heading_since = true;
	buf_init(&text);
	heading_text(p, pa, &text);
	/* A heading right under a keyword heading names it (Markdown's
	 * "### Article 1" then "####- Obligation to respect ..."). */
	if (t->bare_heading != DOC_NONE && level > t->bare_level && !pa->kw) {
		docb_set_heading(p->db, t->bare_heading, make_label(p, text.data, text.len));
		/* "B." alone, then its title: one line, "B. Budget ...", in
		 * the heading's block (nothing came between them). */
		if ((pa->first.flags & LN_TITLE) && pa->npieces > 0)
			emit_range(p, pa, pa->pieces[0].off, text_end(pa));
		else
			emit_text(p, pa, t->bare_heading, BLOCK_HEADING, 0);
		buf_done(&text);
		t->bare_heading = DOC_NONE;
		return;
	}
	close_headings(t, level);
	for (plevel = level - 1; plevel >= 1 && parent == DOC_NONE; plevel--)
		parent = t->heading[plevel];
	if (pa->kw && p->rec->heading_label &&
	    p->rec->heading_label(p, &pa->first, kw, sizeof(kw))) {
		char *own = t->heading_label[level];
		size_t n = strlen(kw);

		/* A sub-heading numbered "1." or lettered "F." under "II." is
		 * "II.1" or "II.F" (not so under "Annex I"). */
		if (parent != DOC_NONE && (kw[strspn(kw, "0123456789")] == '\0' ||
		    (n == 1 && kw[0] >= 'A' && kw[0] <= 'Z'))) {
			const char *up = t->heading_label[plevel + 1];
			size_t m = strlen(up);

			if (m > 0 && up[strspn(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.")] == '\0' &&
			    m + 1 + n < sizeof(kw)) {
				memmove(kw + m + 1, kw, n + 1);
				memcpy(kw, up, m);
				kw[m] = '.';
				n += m + 1;
			}
		}
		label = make_label(p, kw, n);
		own[0] = '\0';
		if (n < sizeof(t->heading_label[level]))
			memcpy(own, kw, n + 1);
	} else {
		label = short_label(p, text.data, text.len);
		t->heading_label[level][0] = '\0';
	}
	heading = make_label(p, text.data, text.len);
	node = docb_node(p->db, NODE_HEADING, parent, pa->start, pa->lineno, 0, label);
	/* A keyword heading's own title is what follows its label. */
	if (pa->kw)
		heading = kw_title(p, text.data, text.len);
	docb_set_heading(p->db, node, heading);
	emit_text(p, pa, node, BLOCK_HEADING, 0);
	t->heading[level] = node;
	t->heading_kw[level] = pa->kw;
	t->bare_heading = pa->kw ? node : DOC_NONE;
	t->bare_level = level;
	close_para(t);
	buf_done(&text);
}

static void
place_section(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	int depth = MIN(MAX(pa->mdepth, 1), NLEVELS);
	uint32_t parent = DOC_NONE, node, marker, label;
	size_t llen = pa->mlen;
	struct buf text;

	/* A numbered section ends a plain heading ("Table of Contents"),
	 * not a keyword one ("Appendix A"). */
	for (int l = 1; l < NLEVELS; l++)
		if (t->heading[l] != DOC_NONE && !t->heading_kw[l]) {
			close_headings(t, l);
			break;
		}
	close_sections(t, depth);
	for (int d = depth - 1; d >= 1 && parent == DOC_NONE; d--)
		parent = t->section[d];
	if (parent == DOC_NONE)
		parent = innermost(t);
	marker = make_label(p, pa->marker, pa->mlen);
	while (llen > 0 && pa->marker[llen - 1] == '.')
		llen--;
	label = make_label(p, pa->marker, llen);
	node = docb_node(p->db, NODE_SECTION, parent, pa->start, pa->lineno, marker, label);
	buf_init(&text);
	heading_text(p, pa, &text);
	docb_set_heading(p->db, node, make_label(p, text.data, text.len));
	buf_done(&text);
	emit_text(p, pa, node, BLOCK_HEADING, 0);
	t->section[depth] = node;
	close_para(t);
}

static void
place_number(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	uint32_t marker, label, node;
	size_t llen = pa->mlen;

	if (p->seen_num && pa->num != p->last_num + 1 &&
	    !(pa->num == 1 && p->heading_since))
		docb_diag(p->db, pa->lineno, "paragraph %u follows paragraph %u",
		    pa->num, p->last_num);
	p->seen_num = true;
	p->heading_since = false;
	p->last_num = pa->num;
	close_para(t);
	marker = make_label(p, pa->marker, pa->mlen);
	while (llen > 0 && pa->marker[llen - 1] == '.')
		llen--;
	label = make_label(p, pa->marker, llen);
	node = docb_node(p->db, NODE_PARAGRAPH, innermost(t), pa->start, pa->lineno,
	    marker, label);
	t->para = t->owner = t->items_root = node;
	emit_text(p, pa, node, BLOCK_TEXT, 0);
}

static void
place_item(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	const char *lab;
	size_t lablen;
	uint8_t style;
	uint32_t value, node;
	bool skip;
	int lv;

	if (classify_paren(pa->marker, pa->mlen, &lab, &lablen) == 0) {
		/* "1." as an item of a list inside a section. */
		lab = pa->marker;
		lablen = pa->mlen;
		while (lablen > 0 && lab[lablen - 1] == '.')
			lablen--;
	}
	if (lablen == 0 || lablen > 8 ||
	    (lv = items_place(&t->items, lab, lablen, false, &style, &value, &skip)) < 0) {
		/* Nested too deep to be an item: keep it as text. */
		struct para copy = *pa;

		copy.role = R_TEXT;
		if (t->owner != DOC_NONE)
			emit_text(p, &copy, t->owner, BLOCK_TEXT, BLOCK_CONT);
		return;
	}
	if (skip)
		docb_diag(p->db, pa->lineno, "item (%.*s) does not follow the "
		    "items before it", (int)lablen, lab);
	node = new_item(p, lv, pa->start, pa->lineno, lab, lablen, pa->marker, pa->mlen);
	items_push(&t->items, lv, style, value, node);
	emit_text(p, pa, node, BLOCK_TEXT, 0);
}

/* Unmarked text: the innermost container's, or a paragraph of its own. */
static void
place_text(struct pctx *p, const struct para *pa)
{
	struct tree *t = p->tree;
	enum block_kind kind = pa->role == R_PRE ? BLOCK_PRE : BLOCK_TEXT;
	uint32_t node;

	if (t->owner != DOC_NONE) {
		bool after = docb_nnodes(p->db) > t->owner + 1;

		/* Prose between lists under a heading: the next "(a)" starts
		 * a list of its own.  (A numbered paragraph's list may go on
		 * after a sentence of its own, and so may an RFC section's,
		 * after an item's indented text.) */
		if (t->para == DOC_NONE && kind == BLOCK_TEXT && !in_section(t))
			items_reset(&t->items);
		emit_text(p, pa, t->owner, kind, after ? BLOCK_CONT : 0);
		return;
	}
	/* A page's footnotes in a preamble go with the paragraph before
	 * them. */
	if (pa->first.note && t->prose != DOC_NONE) {
		emit_text(p, pa, t->prose, kind,
		    docb_nnodes(p->db) > t->prose + 1 ? BLOCK_CONT : 0);
		return;
	}
	node = docb_node(p->db, NODE_PARAGRAPH, DOC_NONE, pa->pieces[0].off,
	    pa->pieces[0].lineno, 0, 0);
	t->prose = node;
	items_reset(&t->items);
	t->items_root = node;
	emit_text(p, pa, node, kind, 0);
	items_reset(&t->items);
	/* A lead-in ("... reflect reduced requirements for:") owns the
	 * items on lines of their own that follow it, until the next
	 * paragraph or heading. */
	if (kind != BLOCK_TEXT || p->s[text_end(pa) - 1] != ':')
		t->items_root = t->owner;
}

void
tree_para(struct pctx *p, struct para *pa)
{
	struct tree *t = p->tree;

	if (!t->title_done) {
		if (title_like(p, pa)) {
			title_add(p, pa);
			return;
		}
		t->title_done = true;
	}
	if (pa->role != R_HEADING)
		t->bare_heading = DOC_NONE;
	switch (pa->role) {
	case R_HEADING:
		place_heading(p, pa);
		break;
	case R_SECTION:
		place_section(p, pa);
		break;
	case R_NUM:
		place_number(p, pa);
		break;
	case R_ITEM:
		place_item(p, pa);
		break;
	default:
		if (pa->npieces > 0)
			place_text(p, pa);
		break;
	}
}

void
tree_finish(struct pctx *p)
{
	struct tree *t = p->tree;

	if (t->title_text.len > 0)
		docb_title(p->db, t->title_text.data, t->title_text.len, t->title);
	else if (t->title != DOC_NONE)
		docb_title(p->db, "", 0, t->title);
}
