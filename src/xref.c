/*
 * xref.c - building the cross-reference graph and answering it.
 *
 * Explicit references are read by a small hand-written parser over the
 * text after a trigger word ("paragraph", "paras.", "section",
 * "Article", "Annex" ...): a label ("5", "5 (b)", "3.2", "(c)", "I"),
 * then ranges ("2 to 4") and enumerations ("2, 3 and 5").  What follows
 * decides whether the reference leaves the document ("paragraph 3 of
 * resolution 58/318").  Document symbols ("A/73/334") and "RFC 2119"
 * are external references wherever they stand.  List references need a
 * determiner and a count or a pointing word ("these three reasons",
 * "the points above") so that the common "the" costs nothing.
 *
 * Related passages: a node's rarest significant stems (tf-idf over the
 * word index), followed through at most a fixed number of postings each,
 * so the work per node is bounded.
 */
#include "autoconf.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "index.h"
#include "lexicon.h"
#include "lists.h"
#include "stem.h"
#include "strtab.h"
#include "terms.h"
#include "token.h"
#include "utf8.h"
#include "util.h"
#include "xref.h"

#define MAX_RANGE 50
#define REL_STEMS 10
#define REL_POSTINGS 2048           /* followed per query, in all */
#define REL_SLOTS 8192              /* a power of two, >= 2 * REL_POSTINGS */

/* An explicit, external or list edge as kept: 12 bytes where a struct
 * xref takes 28 (a long document has hundreds of thousands of edges:
 * 340 000 on the benchmark's 100 MB).  It has no score, which only
 * related passages have; its node is the one whose block holds its
 * words (the block at off), and its end is its length after off; a
 * list edge's target follows from its list.  An edge whose node or
 * length does not follow so (none in practice) keeps them aside, in
 * xr->odd, at the place its len gives. */
struct edge {
	uint32_t off;
	uint32_t target;        /* XREF_LIST: the list (while waiting: its
	                           reference in xr->lr); else the node,
	                           DOC_NONE for none */
	unsigned len : 24;      /* end - off; with odd, a place in xr->odd */
	unsigned kind : 3;      /* enum xref_kind */
	unsigned odd : 1;
	unsigned waiting : 1;   /* a list reference whose list is not
	                           known yet */
};

_Static_assert(sizeof(struct edge) == 12, "an edge is 12 bytes");

#define EDGE_LEN_MAX ((1u << 24) - 1)

/* What an odd edge keeps aside. */
struct odd {
	uint32_t from, end;
};

struct xrefs {
	const struct doc *d;
	const struct index *ix;
	const struct terms *tm;
	const struct lists *ls;
	struct edge *e;
	size_t n, cap;
	struct odd *odd;                /* the odd edges' node and end */
	size_t nodd, capodd;
	uint32_t *by_to;                /* edge ids sorted by target */
	uint32_t *by_first;             /* term ids sorted by first mention */
	uint32_t block;                 /* xrefs_add()'s */
	uint32_t done_block, done;      /* xrefs_add(): where the last piece's
	                                   references end, in which block */
	uint32_t nterms;
	struct listref *lr;             /* list references waiting: their */
	size_t nlr, caplr;              /*   edges' target (XREF_LIST) */
	/* While building: what list references ask of words, by their
	 * ids, and the stems of their nouns (1 250 nouns for the 12 600
	 * references of the benchmark's 5 MB), with stems' keys among the
	 * lists' nouns by their ids in noun_stems: caches made when first
	 * asked. */
	struct wordinfo *words;         /* WORD_CACHE */
	struct strtab *noun_stems;
	struct nounkeys *noun_keys;     /* NOUN_CACHE */
};

/* What list references ask of a word, worked out once a word while it
 * stays in a cache of WORD_CACHE slots by its id: the count it states
 * (every "the" asks it of the word after it), and its stem as a noun
 * (the stemmer, and the look-ups of the stem's synonyms among the
 * lists' nouns, were most of the cost of a reference).  A slot is the
 * id's low bits, as in lists.c: the first words met, most of the
 * tokens, have their own, and the memory is the same whatever the
 * vocabulary.  A stem's keys are kept the same way by its id, in
 * NOUN_CACHE slots.  What another word took is worked out again, the
 * same. */
#define WORD_CACHE 2048
#define NOUN_CACHE 128

_Static_assert((WORD_CACHE & (WORD_CACHE - 1)) == 0 &&
    (NOUN_CACHE & (NOUN_CACHE - 1)) == 0, "a slot is an id's low bits");

struct wordinfo {
	uint32_t word;                  /* whose slot it is; UINT32_MAX: no
	                                   one's */
	uint32_t stem;                  /* in noun_stems; STRTAB_NONE: not
	                                   known yet */
	int8_t count;                   /* lists_count_word() (-1 to 99);
	                                   COUNT_UNKNOWN: not known yet */
};

#define COUNT_UNKNOWN INT8_MIN

struct nounkeys {
	uint32_t stem;                  /* whose slot it is; STRTAB_NONE: no
	                                   one's */
	struct lists_keys k;
};

/* A list reference read in the pass ("these three reasons") whose list
 * is not known before more lists are named. */
struct listref {
	uint32_t noun;                  /* its word */
	uint32_t off;                   /* of the noun */
	int count;
};

enum trig { T_PARA, T_SECTION, T_ARTICLE, T_ANNEX, T_CHAPTER, T_PART,
	T_APPENDIX, T_DOCUMENT, T_RFC };

/* The reference words, indexed from W_PARAGRAPH (index.h). */
static const struct {
	enum trig kind;
	const char *prefix;             /* of the label */
} triggers[W_RFC - W_PARAGRAPH + 1] = {
	{ T_PARA, "" }, { T_PARA, "" }, { T_PARA, "" }, { T_PARA, "" },
	{ T_PARA, "" }, { T_PARA, "" },
	{ T_SECTION, "Section " }, { T_SECTION, "Section " },
	{ T_ARTICLE, "Article " }, { T_ARTICLE, "Article " },
	{ T_ARTICLE, "Article " }, { T_ANNEX, "Annex " }, { T_ANNEX, "Annex " },
	{ T_CHAPTER, "Chapter " }, { T_CHAPTER, "Chapter " },
	{ T_PART, "Part " }, { T_APPENDIX, "Appendix " },
	{ T_DOCUMENT, "" }, { T_DOCUMENT, "" }, { T_DOCUMENT, "" },
	{ T_DOCUMENT, "" }, { T_DOCUMENT, "" }, { T_DOCUMENT, "" },
	{ T_RFC, "RFC " },
};

static const char *const kind_names[] = { "explicit", "list", "term",
	"related", "external" };

const char *
xrefs_kind_name(enum xref_kind k)
{
	return (unsigned)k < ARRAY_SIZE(kind_names) ? kind_names[k] : "?";
}

/* The node whose block holds text offset off (block b, likely). */
static uint32_t
node_at_off(const struct doc *d, uint32_t off, uint32_t b)
{
	b = doc_block_at_hint(d, off, b);

	return b == DOC_NONE ? DOC_NONE : doc_block(d, b)->node;
}

/* x's edge; while the list of a list edge waits, x->aux is its
 * reference in xr->lr. */
static void
add_edge(struct xrefs *xr, const struct xref *x, bool waiting)
{
	struct edge e = { .off = x->off, .kind = x->kind, .waiting = waiting,
		.target = x->kind == XREF_LIST ? x->aux : x->to };

	if (x->end >= x->off && x->end - x->off <= EDGE_LEN_MAX &&
	    node_at_off(xr->d, x->off, xr->block) == x->from)
		e.len = x->end - x->off;
	else {
		if (xr->nodd > EDGE_LEN_MAX)
			die("too many cross-references");
		GROW(xr->odd, xr->capodd, xr->nodd + 1);
		xr->odd[xr->nodd] = (struct odd){ x->from, x->end };
		e.len = (unsigned)xr->nodd++;
		e.odd = 1;
	}
	GROW(xr->e, xr->cap, xr->n + 1);
	xr->e[xr->n++] = e;
}

/* --------------------------------------------------------- the parser */

struct cursor {
	const char *s;
	uint32_t pos, end;
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(struct cursor *c)
{
	while (c->pos < c->end && is_ws(c->s[c->pos]))
		c->pos++;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Accept word w (lower case, case-insensitive) as the next thing; a
 * space or punctuation must follow it. */
static bool
accept_word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);
	struct cursor save = *c;

	skip_ws(c);
	/* The first letter first, as strncasecmp() compares it: most words
	 * tried are not there. */
	if (c->pos + n <= c->end && tolower((unsigned char)c->s[c->pos]) == w[0] &&
	    strncasecmp(c->s + c->pos, w, n) == 0 &&
	    (c->pos + n == c->end || !((c->s[c->pos + n] | 32) >= 'a' &&
	    (c->s[c->pos + n] | 32) <= 'z'))) {
		c->pos += (uint32_t)n;
		return true;
	}
	*c = save;
	return false;
}

/* "(b)", "(ii)", "(3)" */
static size_t
paren_group(const struct cursor *c, uint32_t at, char *out, size_t size)
{
	uint32_t i = at + 1;

	if (at >= c->end || c->s[at] != '(')
		return 0;
	while (i < c->end && i - at < 7 && ((c->s[i] >= 'a' && c->s[i] <= 'z') ||
	    is_digit(c->s[i]) || (c->s[i] >= 'A' && c->s[i] <= 'Z')))
		i++;
	if (i == at + 1 || i >= c->end || c->s[i] != ')' || (size_t)(i - at + 2) > size)
		return 0;
	memcpy(out, c->s + at, i - at + 1);
	out[i - at + 1] = '\0';
	return i - at + 1;
}

/* A label: "5", "3.2", "5 (b)(ii)", "(c)", or for headings a roman
 * numeral or a letter ("I", "A").  Writes it without spaces. */
static bool
parse_label(struct cursor *c, enum trig kind, char *out, size_t size,
    uint32_t *end)
{
	uint32_t i;
	size_t n = 0, g;
	char grp[16];

	skip_ws(c);
	i = c->pos;
	if (i < c->end && is_digit(c->s[i])) {
		while (i < c->end && (is_digit(c->s[i]) || (c->s[i] == '.' &&
		    i + 1 < c->end && is_digit(c->s[i + 1]))) && i - c->pos < 16)
			i++;
	} else if (kind != T_PARA && i < c->end && c->s[i] >= 'A' && c->s[i] <= 'Z') {
		while (i < c->end && strchr("IVXLC", c->s[i]) && i - c->pos < 8)
			i++;
		if (i == c->pos)
			i++;            /* "Annex A" */
		if (i < c->end && ((c->s[i] | 32) >= 'a' && (c->s[i] | 32) <= 'z'))
			return false;   /* a word, not a number */
		/* "Annex B.2", "Appendix A.1.3", "section II.C" (a report's
		 * part: "II.C.1"); not "Annex I. The" */
		while (i + 1 < c->end && c->s[i] == '.' && i - c->pos < 16) {
			if (is_digit(c->s[i + 1])) {
				for (i++; i < c->end && is_digit(c->s[i]); i++)
					;
			} else if (c->s[i + 1] >= 'A' && c->s[i + 1] <= 'Z' &&
			    !(i + 2 < c->end && ((c->s[i + 2] | 32) >= 'a' &&
			    (c->s[i + 2] | 32) <= 'z'))) {
				i += 2;
			} else
				break;
		}
	} else if (kind != T_PARA || i >= c->end || c->s[i] != '(')
		return false;
	n = MIN((size_t)(i - c->pos), size - 1);
	memcpy(out, c->s + c->pos, n);
	out[n] = '\0';
	/* Parenthesised parts, with spaces allowed before them. */
	for (;;) {
		uint32_t j = i;

		while (j < c->end && (c->s[j] == ' ' || c->s[j] == '\t'))
			j++;
		if ((g = paren_group(c, j, grp, sizeof(grp))) == 0 || n + g >= size)
			break;
		memcpy(out + n, grp, g + 1);
		n += g;
		i = j + (uint32_t)g;
	}
	if (n == 0)
		return false;
	c->pos = i;
	*end = i;
	return true;
}

/* Is the reference followed by "of <another document>" (or ", of the
 * Rome Statute")? */
static bool
leaves_document(struct cursor c)
{
	bool comma;

	skip_ws(&c);
	if ((comma = c.pos < c.end && c.s[c.pos] == ','))
		c.pos++;
	/* After a comma only "of" names another document: "paragraph 1,
	 * in particular", "paragraph 1, in which" are this one's. */
	if (!accept_word(&c, "of") && (comma || !accept_word(&c, "in")))
		return false;
	if (comma && (accept_word(&c, "which") || accept_word(&c, "whom")))
		return false;
	if (accept_word(&c, "this") || accept_word(&c, "these") ||
	    accept_word(&c, "that"))
		return false;
	if (accept_word(&c, "the") && accept_word(&c, "present"))
		return false;
	/* "paragraph 2 of Article 4" stays in the document. */
	if (accept_word(&c, "article") || accept_word(&c, "annex") ||
	    accept_word(&c, "section") || accept_word(&c, "chapter") ||
	    accept_word(&c, "part") || accept_word(&c, "appendix"))
		return false;
	skip_ws(&c);
	/* A name, or a citation in brackets ("Appendix E of [NTP]"). */
	return c.pos < c.end && (((c.s[c.pos] | 32) >= 'a' && (c.s[c.pos] | 32) <= 'z') ||
	    c.s[c.pos] == '[');
}

/* ------------------------------------------------------------ resolve */

/* a, b and c one after the other in out, cut as snprintf() would cut
 * them: labels are put together for every reference, and snprintf()
 * costs more than the rest of resolving one. */
static void
join(char *out, size_t size, const char *a, const char *b, const char *c)
{
	const char *part[3] = { a, b, c };
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(part); i++)
		for (const char *s = part[i]; *s != '\0' && n + 1 < size; s++)
			out[n++] = *s;
	out[n] = '\0';
}

/* Whether "<al> <label>" under the heading al, a number, cannot be a
 * label: the heading qualifies none (NODE_QUALIFIES), and the key of
 * the whole is the heading's, then '/', then the number's.  That needs
 * a number in the label (a filler word would add nothing to the key),
 * no "[" or "#" in the heading's label (whose part of the key runs on
 * to a "]"), and both short enough that none of it is cut off. */
static bool
cannot_qualify(const struct node *a, const char *al, const char *label)
{
	if (a->flags & NODE_QUALIFIES || strpbrk(al, "[#") != NULL ||
	    strlen(al) + strlen(label) > 150)
		return false;
	for (; *label != '\0'; label++)
		if (isdigit((unsigned char)*label))
			return true;
	return false;
}

static uint32_t
find_relative(const struct xrefs *xr, uint32_t from, const char *label)
{
	const struct doc *d = xr->d;
	char buf[256];
	uint32_t n;

	/* "(c) above", or a paragraph under a heading that restarts the
	 * numbering ("paragraph 1 above" in an annex is the annex's): the
	 * labels of the nodes around it first. */
	for (uint32_t a = from; a != DOC_NONE; a = doc_node(d, a)->parent) {
		const struct node *an = doc_node(d, a);
		char lb[DOC_LABEL_MAX];
		const char *al;

		/* A number is qualified by a heading, never by a paragraph
		 * ("5 6" would be item 5(6)). */
		if (label[0] != '(' && an->kind != NODE_HEADING)
			continue;
		al = doc_label(d, a, lb);
		if (*al == '\0' || (label[0] != '(' && cannot_qualify(an, al, label)))
			continue;
		join(buf, sizeof(buf), al, label[0] == '(' ? "" : " ", label);
		if ((n = doc_find_label(d, buf)) != DOC_NONE)
			return n;
	}
	return label[0] == '(' ? DOC_NONE : doc_find_label(d, label);
}

static void
emit_ref(struct xrefs *xr, uint32_t from, const char *prefix, const char *label,
    uint32_t off, uint32_t end, bool external)
{
	char full[256];
	struct xref x = { .from = from, .to = DOC_NONE, .off = off, .end = end,
		.kind = external ? XREF_EXTERNAL : XREF_EXPLICIT };

	if (!external) {
		join(full, sizeof(full), prefix, label, "");
		x.to = find_relative(xr, from, full);
		/* "section 3.2" in an RFC: the section is just "3.2". */
		if (x.to == DOC_NONE && *prefix)
			x.to = find_relative(xr, from, label);
		x.unresolved = x.to == DOC_NONE;
	}
	add_edge(xr, &x, false);
}

/* k in decimal, as snprintf()'s "%ld" writes it (out: 24 bytes), which
 * cost more than resolving the label. */
static void
put_long(char *out, long k)
{
	unsigned long u = k < 0 ? 0 - (unsigned long)k : (unsigned long)k;
	char digits[24];
	size_t n = 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (k < 0)
		*out++ = '-';
	while (n > 0)
		*out++ = digits[--n];
	*out = '\0';
}

/* Labels between "2" and "4" of a range. */
static void
emit_range(struct xrefs *xr, uint32_t from, const char *prefix, const char *a,
    const char *b, uint32_t off, uint32_t end)
{
	char *ea, *eb, num[24];
	long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);

	if (*ea || *eb || y <= x || y - x > MAX_RANGE) {
		emit_ref(xr, from, prefix, b, off, end, false);
		return;
	}
	for (long k = x + 1; k <= y; k++) {
		put_long(num, k);
		emit_ref(xr, from, prefix, num, off, end, false);
	}
}

/* Paragraph plabel of the part labelled heading ("Article 4" and "2"):
 * the node labelled "Article 4 2" where numbering restarts, else the
 * child of "Article 4" labelled "2". */
static uint32_t
find_in(const struct xrefs *xr, const char *heading, const char *plabel)
{
	const struct doc *d = xr->d;
	char full[256], key[256], want[256];
	uint32_t h, n;

	join(full, sizeof(full), heading, " ", plabel);
	if ((n = doc_find_label(d, full)) != DOC_NONE)
		return n;
	if ((h = doc_find_label(d, heading)) == DOC_NONE)
		return DOC_NONE;
	if ((n = doc_find_label(d, plabel)) != DOC_NONE && doc_contains(d, h, n))
		return n;
	doc_label_key(plabel, want, sizeof(want));
	for (uint32_t c = doc_first_child(d, h), k = 0; c != DOC_NONE && k < 1000;
	    c = doc_next_sibling(d, c), k++) {
		char lb[DOC_LABEL_MAX];
		const char *l = doc_label(d, c, lb);
		size_t ll = strlen(l), wl = strlen(plabel);

		doc_label_key(l, key, sizeof(key));
		if (strcmp(key, want) == 0 || (ll > wl && strcmp(l + ll - wl, plabel) == 0 &&
		    l[ll - wl - 1] == ' '))
			return c;
	}
	return DOC_NONE;
}

static void
emit_in(struct xrefs *xr, uint32_t from, const char *heading, const char *plabel,
    uint32_t off, uint32_t end)
{
	struct xref x = { .from = from, .off = off, .end = end, .kind = XREF_EXPLICIT };

	x.to = find_in(xr, heading, plabel);
	x.unresolved = x.to == DOC_NONE;
	add_edge(xr, &x, false);
}

/* The keyword heading around node n ("Article 3"), or NULL (lb:
 * DOC_LABEL_MAX bytes). */
static const char *
heading_around(const struct xrefs *xr, uint32_t n, char *lb)
{
	for (; n != DOC_NONE; n = doc_node(xr->d, n)->parent) {
		const char *l;

		if (doc_node(xr->d, n)->kind == NODE_HEADING && *(l = doc_label(xr->d, n, lb)))
			return l;
	}
	return NULL;
}

static bool
accept_para(struct cursor *c)
{
	if (accept_word(c, "paragraph") || accept_word(c, "paragraphs") ||
	    accept_word(c, "subparagraph"))
		return true;
	if (accept_word(c, "para") || accept_word(c, "paras")) {
		if (c->pos < c->end && c->s[c->pos] == '.')
			c->pos++;
		return true;
	}
	return false;
}

/* "Article 4, paragraph 2": true (and the edge made) if it is one. */
static bool
heading_then_para(struct xrefs *xr, struct cursor *c, uint32_t from,
    uint32_t off, const char *heading, bool outside)
{
	struct cursor save = *c;
	char plabel[64];
	uint32_t end;

	skip_ws(c);
	if (c->pos < c->end && c->s[c->pos] == ',')
		c->pos++;
	if (!accept_para(c) || !parse_label(c, T_PARA, plabel, sizeof(plabel), &end)) {
		*c = save;
		return false;
	}
	c->pos = end;
	if (outside || leaves_document(*c))     /* "article 12, paragraph 3, of the Rome Statute" */
		emit_ref(xr, from, "", "", off, end, true);
	else
		emit_in(xr, from, heading, plabel, off, end);
	return true;
}

/* "paragraph 2 of Article 4", "paragraph 2 of this article": the
 * heading's label in out, and true. */
static bool
para_of_heading(const struct xrefs *xr, struct cursor *c, uint32_t from,
    char *out, size_t size, uint32_t *end)
{
	struct cursor save = *c;
	static const char *const words[] = { "article", "annex", "section",
		"chapter", "part", "appendix" };
	char num[64];

	if (!accept_word(c, "of"))
		return false;
	if (accept_word(c, "this") || (accept_word(c, "the") && accept_word(c, "present"))) {
		char lb[DOC_LABEL_MAX];
		const char *h = heading_around(xr, from, lb);

		for (size_t i = 0; h && i < ARRAY_SIZE(words); i++)
			if (accept_word(c, words[i])) {
				snprintf(out, size, "%s", h);
				*end = c->pos;
				return true;
			}
		*c = save;
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (accept_word(c, words[i]) && parse_label(c, T_ARTICLE, num, sizeof(num), end)) {
			snprintf(out, size, "%c%s %s", words[i][0] - 32, words[i] + 1, num);
			return true;
		}
	*c = save;
	return false;
}

/* Does s[a..b) only go on citing the document named just before it:
 * white space, commas, parentheses, abbreviations, numbers, and an
 * "and" that more of the citation follows ("A/80/5 (Vol. II),
 * chap. II, paras. 177-199, and chap. IV, para. 12", "A/79/724,
 * para. 16")?  "A/79/724 and paragraph 5" names this document again. */
static bool
citation_goes_on(const char *s, uint32_t a, uint32_t b)
{
	bool and = false;

	if (b < a || b - a > 40)
		return false;
	for (uint32_t i = a; i < b;) {
		uint32_t j = i;
		bool numeral = true;

		if (is_ws(s[i]) || s[i] == ',' || s[i] == '(' || s[i] == ')') {
			i++;
			continue;
		}
		while (j < b && (((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') ||
		    (s[j] >= '0' && s[j] <= '9'))) {
			numeral &= strchr("IVXLC0123456789", s[j]) != NULL;
			j++;
		}
		if (j == i)
			return false;
		and = j - i == 3 && strncmp(s + i, "and", 3) == 0;
		if (j < b && s[j] == '.' && j - i <= 5)
			j++;            /* "Vol.", "chap.", "sect." */
		else if (!numeral && !and &&
		    !(j - i == 5 && strncasecmp(s + i, "annex", 5) == 0))
			return false;
		i = j;
	}
	return !and;
}

/* "ibid.": the document cited last, named again. */
static bool
ibid(const struct token *t)
{
	return t->flen == 4 && memcmp(t->fold, "ibid", 4) == 0 && t->after == '.';
}

/* After a trigger word ending at c->pos: the labels, ranges and lists;
 * outside when they go on citing another document. */
static void
parse_refs(struct xrefs *xr, struct cursor *c, uint32_t from, uint32_t off,
    enum trig kind, const char *prefix, bool outside)
{
	char labels[16][64];
	uint32_t ends[16], end = c->pos;
	size_t n = 0;
	bool range[16] = { false };

	while (n < 16 && parse_label(c, kind, labels[n], sizeof(labels[0]), &ends[n])) {
		end = ends[n++];
		if (accept_word(c, "to") || accept_word(c, "through") ||
		    (skip_ws(c), c->pos < c->end && c->s[c->pos] == '-' && ++c->pos) ||
		    (c->pos + 3 <= c->end && memcmp(c->s + c->pos, "\xE2\x80\x93", 3) == 0 &&
		    (c->pos += 3))) {
			range[n] = true;
			continue;
		}
		skip_ws(c);
		if (c->pos < c->end && c->s[c->pos] == ',') {
			c->pos++;
			accept_word(c, "and");
			continue;
		}
		if (accept_word(c, "and") || accept_word(c, "or"))
			continue;
		break;
	}
	if (n == 0)
		return;
	c->pos = end;
	if (n == 1 && kind != T_PARA) {
		char heading[128];

		join(heading, sizeof(heading), prefix, labels[0], "");
		if (heading_then_para(xr, c, from, off, heading, outside))
			return;
	}
	if (kind == T_PARA) {
		char heading[128];
		uint32_t hend;

		if (para_of_heading(xr, c, from, heading, sizeof(heading), &hend)) {
			for (size_t i = 0; i < n; i++)
				emit_in(xr, from, heading, labels[i], off, hend);
			c->pos = hend;
			return;
		}
	}
	/* Another document's paragraphs have no targets here: one edge
	 * holds all their words ("paras. 177-199 and 204"). */
	if (outside || leaves_document(*c)) {
		emit_ref(xr, from, prefix, labels[0], off, end, true);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (range[i] && i > 0)
			emit_range(xr, from, prefix, labels[i - 1], labels[i], off, ends[i]);
		else
			emit_ref(xr, from, prefix, labels[i], off, ends[i], false);
	}
}

/* "resolution 68/4", "document C/105/INF/1", "RFC 2119". */
static void
parse_document(struct xrefs *xr, struct cursor *c, uint32_t from, uint32_t off,
    enum trig kind)
{
	uint32_t i;

	skip_ws(c);
	i = c->pos;
	while (i < c->end && !is_ws(c->s[i]) && c->s[i] != ',' && c->s[i] != ';' &&
	    c->s[i] != ')' && i - c->pos < 40)
		i++;
	while (i > c->pos && (c->s[i - 1] == '.' || c->s[i - 1] == ':'))
		i--;
	if (i == c->pos || !is_digit(c->s[i - 1]))
		return;
	if (kind != T_RFC && !memchr(c->s + c->pos, '/', i - c->pos))
		return;
	emit_ref(xr, from, "", "", off, i, true);
	c->pos = i;
}

/* The fixed words (index.h) that may begin a reference: the reference
 * words, and the determiners of a list reference (determiner()). */
static const uint64_t beginners = ((2ull << W_RFC) - (1ull << W_PARAGRAPH)) |
    1ull << W_THE | 1ull << W_THESE | 1ull << W_THOSE;
_Static_assert(W_NFIXED <= 64, "the fixed words are bits of a word");

/* Can token t begin nothing? */
static bool
ordinary(const struct token *t)
{
	return (t->word >= W_NFIXED || !(beginners >> t->word & 1)) &&
	    t->after != '/' && t->after != '.';
}

static int
trigger(const struct token *t)
{
	return t->word >= W_PARAGRAPH && t->word <= W_RFC ?
	    (int)(t->word - W_PARAGRAPH) : -1;
}

static uint32_t
block_end(const struct doc *d, const struct block *bl)
{
	const struct piece *p;

	if (block_end_piece(bl) == bl->first_piece)
		return 0;
	p = doc_piece(d, block_end_piece(bl) - 1);
	return p->off + p->len;
}

/* Bare document symbols: "A/73/334", "E/CN.4/2005/1", "A/RES/68/4". */
static bool
symbol_at(const struct token *t)
{
	return ((t->flags & TOK_CAPS) || ((t->flags & TOK_UPPER) && t->flen == 1)) &&
	    t->flen <= 4 && t->after == '/';
}

/* ------------------------------------------------------- list references */

static bool
determiner(const struct token *t)
{
	return t->word == W_THE || t->word == W_THESE || t->word == W_THOSE;
}

/* What is known of word w (valid until the next call). */
static struct wordinfo *
word_info(struct xrefs *xr, uint32_t w)
{
	struct wordinfo *wi;

	if (xr->words == NULL) {
		xr->words = xreallocarray(NULL, WORD_CACHE, sizeof(*xr->words));
		for (size_t i = 0; i < WORD_CACHE; i++)
			xr->words[i].word = UINT32_MAX;
	}
	wi = &xr->words[w & (WORD_CACHE - 1)];
	if (wi->word != w)
		*wi = (struct wordinfo){ w, STRTAB_NONE, COUNT_UNKNOWN };
	return wi;
}

/* The count token t states, as lists_count_word() reads it. */
static int
word_count(struct xrefs *xr, const struct token *t)
{
	struct wordinfo *wi = word_info(xr, t->word);

	if (wi->count == COUNT_UNKNOWN)
		wi->count = (int8_t)lists_count_word(t->fold, t->flen);
	return wi->count;
}

/* The keys among the lists' nouns of word w as a noun (lists.h); valid
 * until the next call. */
static const struct lists_keys *
noun_keys(struct xrefs *xr, uint32_t w)
{
	struct wordinfo *wi = word_info(xr, w);
	struct nounkeys *nk;

	if (wi->stem == STRTAB_NONE) {
		const char *s = index_word(xr->ix, w);
		char st[STEM_MAX + 1];
		size_t n = lexicon_stem(s, strlen(s), st);

		if (xr->noun_stems == NULL) {
			xr->noun_stems = strtab_new();
			xr->noun_keys = xreallocarray(NULL, NOUN_CACHE,
			    sizeof(*xr->noun_keys));
			for (size_t i = 0; i < NOUN_CACHE; i++)
				xr->noun_keys[i].stem = STRTAB_NONE;
		}
		wi->stem = strtab_intern(xr->noun_stems, st, n, NULL);
	}
	nk = &xr->noun_keys[wi->stem & (NOUN_CACHE - 1)];
	if (nk->stem != wi->stem || !lists_keys_hold(xr->ls, &nk->k)) {
		nk->stem = wi->stem;
		lists_keys(xr->ls, strtab_str(xr->noun_stems, wi->stem),
		    strtab_len(xr->noun_stems, wi->stem), &nk->k);
	}
	return &nk->k;
}

/* Free what the build knew of the words (struct xrefs). */
static void
words_free(struct xrefs *xr)
{
	strtab_free(xr->noun_stems);
	free(xr->noun_keys);
	free(xr->words);
	xr->noun_stems = NULL;
	xr->noun_keys = NULL;
	xr->words = NULL;
}

/* tk[0] is a determiner: "these three reasons", "the four provisions",
 * "the points above". */
static void
list_ref(struct xrefs *xr, const struct token *tk, size_t n, uint32_t from,
    uint32_t block)
{
	bool these = tk[0].word == W_THESE || tk[0].word == W_THOSE;
	int count = n > 1 ? MAX(word_count(xr, &tk[1]), 0) : 0;
	size_t noun = count ? 2 : 1;
	bool pointing = noun + 1 < n && (tk[noun + 1].word == W_ABOVE ||
	    tk[noun + 1].word == W_BELOW || tk[noun + 1].word == W_LISTED);
	struct xref x = { .from = from, .to = DOC_NONE, .off = tk[0].off,
		.kind = XREF_LIST };
	uint32_t l;
	bool waiting = false;

	if (noun >= n || (!these && !count && !pointing) || tk[noun].gap)
		return;
	x.end = tk[pointing ? noun + 1 : noun].end;
	if (lists_refer_known_keys(xr->ls, noun_keys(xr, tk[noun].word), count,
	    tk[noun].off, block, &l)) {
		if (l == LISTS_NONE)
			return;
		x.to = lists_at(xr->ls, l);
		x.aux = l;
	} else {
		/* The lists being named in the same pass, it may be one
		 * still to come: the edge waits in its place for
		 * resolve_lists(), its aux the reference. */
		GROW(xr->lr, xr->caplr, xr->nlr + 1);
		xr->lr[xr->nlr] = (struct listref){ .noun = tk[noun].word,
		    .off = tk[noun].off, .count = count };
		x.aux = (uint32_t)xr->nlr++;
		waiting = true;
	}
	add_edge(xr, &x, waiting);
}

/* Resolve the list references waiting, dropping those that name no
 * list.  The edges left are in the order they would have had, had each
 * been resolved as it was read: no other edge starts at a list
 * reference's determiner, so sorting a block's edges put them in the
 * same places. */
static void
resolve_lists(struct xrefs *xr)
{
	size_t k = 0;

	for (size_t i = 0; i < xr->n; i++) {
		struct edge *x = &xr->e[i];

		if (x->waiting) {
			const struct listref *r = &xr->lr[x->target];
			uint32_t l = lists_refer_keys(xr->ls, noun_keys(xr, r->noun),
			    r->count, r->off);

			if (l == LISTS_NONE)
				continue;
			x->target = l;
			x->waiting = 0;
		}
		xr->e[k++] = *x;
	}
	xr->n = k;
	free(xr->lr);
	xr->lr = NULL;
	xr->nlr = xr->caplr = 0;
}

size_t
xrefs_waiting(const struct xrefs *xr)
{
	return xr->nlr;
}

/* ------------------------------------------------------------ building */

static int
cmp_off(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	return (x->off > y->off) - (x->off < y->off);
}

/* The references in tokens tk[0..n) of block b. */
void
xrefs_add(struct xrefs *xr, uint32_t b, const struct token *tk, size_t n)
{
	const struct block *bl = doc_block(xr->d, b);
	struct cursor c = { .s = doc_data(xr->d), .end = block_end(xr->d, bl) };
	size_t first;
	/* The end of the last reference read: a reference is read from the
	 * text, and may run past the piece of tokens it starts in. */
	uint32_t done = b == xr->done_block ? xr->done : 0;
	/* Where the last document named ends ("A/79/724"). */
	uint32_t cited = UINT32_MAX;

	xr->block = b;
	/* What waited for the lists waits no more once they are named. */
	if (xr->nlr > 0 && lists_named(xr->ls))
		resolve_lists(xr);
	first = xr->n;
	/* A heading ("Article 3", "Annex I") names itself, not another. */
	if (bl->kind == BLOCK_TITLE || bl->kind == BLOCK_HEADING)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct token *t;
		int k;

		/* Nearly every word, in a loop of its own: no reference word
		 * or determiner, and no '/' (a symbol) or '.' (ibid) after
		 * it. */
		for (; i < n && ordinary(&tk[i]); i++)
			if (tk[i].off >= done)
				done = MAX(done, tk[i].end);
		if (i == n)
			break;
		t = &tk[i];
		if (t->off < done)
			continue;
		c.pos = t->end;
		if ((k = trigger(t)) >= 0) {
			if (t->after == '.')
				c.pos++;                /* "para." */
			if (triggers[k].kind == T_DOCUMENT || triggers[k].kind == T_RFC) {
				size_t before = xr->n;

				parse_document(xr, &c, bl->node, t->off, triggers[k].kind);
				if (xr->n > before)     /* a document was named */
					cited = c.pos;
			} else {
				bool outside = cited != UINT32_MAX &&
				    citation_goes_on(c.s, cited, t->off);

				parse_refs(xr, &c, bl->node, t->off, triggers[k].kind,
				    triggers[k].prefix, outside);
				if (outside)    /* the citation may go on */
					cited = c.pos;
			}
		} else if (symbol_at(t)) {
			c.pos = t->off;
			parse_document(xr, &c, bl->node, t->off, T_DOCUMENT);
			cited = c.pos;
		} else if (ibid(t)) {
			cited = t->end + 1;
		} else if (determiner(t) && i + 1 < n)
			list_ref(xr, tk + i, MIN(n - i, (size_t)4), bl->node, b);
		done = MAX(done, c.pos);
	}
	xr->done_block = b;
	xr->done = done;
	/* In document order within the block, as they mostly are. */
	for (size_t i = first + 1; i < xr->n; i++)
		if (xr->e[i - 1].off > xr->e[i].off) {
			qsort(xr->e + first, xr->n - first, sizeof(*xr->e), cmp_off);
			break;
		}
}

/* An edge's target node. */
static uint32_t
edge_to(const struct xrefs *xr, const struct edge *e)
{
	return e->kind == XREF_LIST ? lists_at(xr->ls, e->target) : e->target;
}

/* Sorting ids by a key of each: the key of id, read where it lies. */
typedef uint32_t sort_key_fn(const void *arg, uint32_t id);

#define RADIX_BITS 11
#define RADIX (1u << RADIX_BITS)

/* Sort ids[0..n), in increasing order on entry, by key(arg, id), ties
 * in id order.  A radix sort, least significant digit first, which is
 * stable: a pass for each RADIX_BITS of the largest key (two for the
 * node ids of most documents), where qsort() called its comparison
 * n log n times, each reading two keys.  It takes n ids of room, as
 * qsort()'s merge sort did, when the heap is at its fullest. */
static void
sort_ids(uint32_t *ids, uint32_t n, sort_key_fn *key, const void *arg)
{
	uint32_t *from = ids, *to, *tmp, max = 0;

	if (n < 2)
		return;
	for (uint32_t i = 0; i < n; i++)
		max = MAX(max, key(arg, ids[i]));
	tmp = to = xreallocarray(NULL, n, sizeof(*tmp));
	for (unsigned shift = 0; shift < 32 && (max >> shift) != 0;
	    shift += RADIX_BITS) {
		uint32_t at[RADIX] = { 0 }, sum = 0, *swap;

		for (uint32_t i = 0; i < n; i++)
			at[(key(arg, from[i]) >> shift) & (RADIX - 1)]++;
		for (uint32_t d = 0; d < RADIX; d++) {
			uint32_t c = at[d];

			at[d] = sum;
			sum += c;
		}
		for (uint32_t i = 0; i < n; i++)
			to[at[(key(arg, from[i]) >> shift) & (RADIX - 1)]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != ids)
		memcpy(ids, from, n * sizeof(*ids));
	free(tmp);
}

/* The key of an edge: its target. */
static uint32_t
key_to(const void *arg, uint32_t id)
{
	const struct xrefs *xr = arg;

	return edge_to(xr, &xr->e[id]);
}

/* Keys in an array: the uint32_t stride bytes after id - 1's. */
struct key_array {
	const char *key;
	size_t stride;
};

static uint32_t
key_at(const void *arg, uint32_t id)
{
	const struct key_array *ka = arg;
	uint32_t k;

	memcpy(&k, ka->key + (size_t)id * ka->stride, sizeof(k));
	return k;
}

struct xrefs *
xrefs_begin(const struct doc *d, const struct index *ix, const struct terms *tm,
    const struct lists *ls)
{
	struct xrefs *xr = xcalloc(1, sizeof(*xr));

	xr->d = d;
	xr->ix = ix;
	xr->tm = tm;
	xr->ls = ls;
	xr->done_block = DOC_NONE;
	return xr;
}

/* The ids 0..n-1 in the order of their keys (ties in id order): id's
 * key is the uint32_t stride bytes after id - 1's, the first at key.
 * The ids are sorted themselves, read where the keys lie, not (key, id)
 * pairs: at the end of the build, when the heap is at its fullest, that
 * spares the pairs, qsort's copy of them and a copy of the keys (6.8 MB
 * on the benchmark's 100 MB). */
static uint32_t *
ids_by_key(const void *key, size_t stride, uint32_t n)
{
	uint32_t *ids = xcalloc(n + 1, sizeof(*ids));
	struct key_array ka = { key, stride };

	for (uint32_t i = 0; i < n; i++)
		ids[i] = i;
	sort_ids(ids, n, key_at, &ka);
	return ids;
}

void
xrefs_end(struct xrefs *xr)
{
	uint32_t *key;

	if (xr->nlr > 0)
		resolve_lists(xr);
	words_free(xr);
	SHRINK(xr->e, xr->cap, xr->n);
	SHRINK(xr->odd, xr->capodd, xr->nodd);
	/* The edges' ids in the order of their targets (ties in id
	 * order), read where the edges lie. */
	xr->by_to = xcalloc(xr->n + 1, sizeof(*xr->by_to));
	for (uint32_t i = 0; i < xr->n; i++)
		xr->by_to[i] = i;
	sort_ids(xr->by_to, (uint32_t)xr->n, key_to, xr);
	/* Term edges are implicit (every mention to the first): sort the
	 * terms by their first mention so that a node's backlinks find
	 * the terms it introduces without a pass over all of them. */
	xr->nterms = terms_count(xr->tm);
	key = xcalloc(xr->nterms + 1, sizeof(*key));
	for (uint32_t t = 0; t < xr->nterms; t++)
		key[t] = terms_first(xr->tm, t);
	xr->by_first = ids_by_key(key, sizeof(*key), xr->nterms);
	free(key);
}

void
xrefs_free(struct xrefs *xr)
{
	if (xr == NULL)
		return;
	free(xr->e);
	free(xr->odd);
	free(xr->lr);
	free(xr->by_to);
	free(xr->by_first);
	words_free(xr);
	free(xr);
}

uint32_t
xrefs_count(const struct xrefs *xr)
{
	return (uint32_t)xr->n;
}

static struct xref
edge_xref(const struct xrefs *xr, const struct edge *e)
{
	struct xref x = { .to = edge_to(xr, e), .off = e->off, .kind = e->kind };

	if (e->odd) {
		x.from = xr->odd[e->len].from;
		x.end = xr->odd[e->len].end;
	} else {
		x.from = node_at_off(xr->d, e->off, DOC_NONE);
		x.end = e->off + e->len;
	}
	if (e->kind == XREF_LIST)
		x.aux = e->target;
	x.unresolved = e->kind == XREF_EXPLICIT && x.to == DOC_NONE;
	return x;
}

struct xref
xrefs_get(const struct xrefs *xr, uint32_t i)
{
	return edge_xref(xr, &xr->e[i]);
}

uint32_t
xrefs_from_off(const struct xrefs *xr, uint32_t off)
{
	size_t lo = 0, hi = xr->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (xr->e[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static void
term_edges(const struct xrefs *xr, uint32_t t, xrefs_fn *fn, void *arg,
    uint32_t only_to)
{
	uint32_t first = terms_first(xr->tm, t);
	size_t n;
	const uint32_t *nodes = terms_nodes(xr->tm, t, &n);

	if (first == DOC_NONE || (only_to != DOC_NONE && first != only_to))
		return;
	for (size_t i = 0; i < n; i++) {
		struct xref x = { .from = nodes[i], .to = first, .aux = t,
			.kind = XREF_TERM };

		if (nodes[i] != first)
			fn(arg, &x);
	}
}

void
xrefs_terms(const struct xrefs *xr, xrefs_fn *fn, void *arg)
{
	for (uint32_t t = 0; t < terms_count(xr->tm); t++)
		term_edges(xr, t, fn, arg, DOC_NONE);
}

void
xrefs_backlinks(const struct xrefs *xr, uint32_t node, xrefs_fn *fn, void *arg)
{
	size_t lo = 0, hi = xr->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (edge_to(xr, &xr->e[xr->by_to[mid]]) < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < xr->n && edge_to(xr, &xr->e[xr->by_to[lo]]) == node; lo++) {
		struct xref x = edge_xref(xr, &xr->e[xr->by_to[lo]]);

		fn(arg, &x);
	}
	lo = 0;
	hi = xr->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (terms_first(xr->tm, xr->by_first[mid]) < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < xr->nterms && terms_first(xr->tm, xr->by_first[lo]) == node; lo++)
		term_edges(xr, xr->by_first[lo], fn, arg, node);
}

void
xrefs_words(const struct xrefs *xr, const struct xref *x, struct buf *out)
{
	if (x->kind == XREF_TERM)
		buf_adds(out, terms_text(xr->tm, x->aux));
	else
		doc_words_span(xr->d, x->off, x->end, out);
}

/* ------------------------------------------------------------ related */

struct qstem {
	uint32_t stem;
	uint32_t tf;
	double idf;
};

struct cand {
	uint32_t node;          /* DOC_NONE: a free slot */
	uint32_t block;         /* where it was first seen */
	double score;
};

/* The significant stems of node's subtree, with their counts. */
static size_t
query_stems(const struct xrefs *xr, uint32_t node, struct qstem *q, size_t max)
{
	const struct node *n = doc_node(xr->d, node);
	double nb = (double)MAX(index_nblocks(xr->ix), 1u);
	size_t nq = 0;

	for (uint32_t b = n->first_block; b < n->end_block && b - n->first_block < 64; b++) {
		struct tokit it;
		struct token t;

		tok_init(&it, xr->d, b);
		while (tok_next(&it, &t)) {
			uint32_t w = index_lookup(xr->ix, t.fold, t.flen), s;
			size_t k;

			if (w == INDEX_NONE || (s = index_stem_of(xr->ix, w)) == INDEX_NONE)
				continue;
			for (k = 0; k < nq && q[k].stem != s; k++)
				;
			if (k < nq) {
				q[k].tf++;
				continue;
			}
			if (nq == max || index_stem_df(xr->ix, s) < 2)
				continue;
			q[nq].stem = s;
			q[nq].tf = 1;
			q[nq].idf = log(nb / index_stem_df(xr->ix, s));
			nq++;
		}
	}
	return nq;
}

static int
cmp_idf(const void *a, const void *b)
{
	const struct qstem *x = a, *y = b;

	return (x->idf < y->idf) - (x->idf > y->idf);
}

/* The candidate slot of node, in an open-addressed table that never
 * fills beyond half (there are at most REL_POSTINGS candidates). */
static struct cand *
cand_slot(struct cand *c, uint32_t node)
{
	size_t i = (node * 2654435761u) & (REL_SLOTS - 1);

	while (c[i].node != node && c[i].node != DOC_NONE)
		i = (i + 1) & (REL_SLOTS - 1);
	return &c[i];
}

static bool
relatable(const struct node *n)
{
	return n->kind == NODE_PARAGRAPH || n->kind == NODE_ITEM ||
	    n->kind == NODE_SUBITEM || n->kind == NODE_SECTION;
}

/* Follow stem q's postings into candidates, at most *left of them: from
 * the start of the document, or from near block near (DOC_NONE: from
 * the start).  Returns the number of new candidates. */
static size_t
gather(const struct xrefs *xr, uint32_t node, const struct qstem *q,
    struct cand *c, size_t *left, uint32_t near)
{
	size_t nw, added = 0;
	const uint32_t *words = index_stem_words(xr->ix, q->stem, &nw);
	double weight = q->idf * q->idf;
	uint32_t last_node = DOC_NONE;

	for (size_t i = 0; i < nw && *left > 0; i++) {
		struct postings it;
		uint32_t b;

		if (near == DOC_NONE)
			index_postings(xr->ix, words[i], &it);
		else
			index_postings_from(xr->ix, words[i], near, &it);
		while (*left > 0 && index_next(&it, &b)) {
			uint32_t owner = doc_block(xr->d, b)->node;
			struct cand *slot;

			--*left;
			/* Whether owner is an ancestor of node, or something
			 * other than a passage, is asked of the few that
			 * rank (it costs a cache miss per candidate). */
			if (owner == last_node || doc_contains(xr->d, node, owner))
				continue;
			slot = cand_slot(c, owner);
			last_node = owner;
			if (slot->node == DOC_NONE) {
				slot->node = owner;
				slot->block = b;
				slot->score = 0;
				added++;
			}
			slot->score += weight;
		}
	}
	return added;
}

size_t
xrefs_related(const struct xrefs *xr, uint32_t node, struct xref *out)
{
	struct qstem q[256];
	struct cand *c;
	size_t nq, n = 0, left = REL_POSTINGS, found = 0;
	double norm = 0;

	if (!relatable(doc_node(xr->d, node)))
		return 0;
	nq = query_stems(xr, node, q, ARRAY_SIZE(q));
	if (nq > 1)
		qsort(q, nq, sizeof(*q), cmp_idf);
	nq = MIN(nq, (size_t)REL_STEMS);
	if (nq == 0)
		return 0;
	c = xreallocarray(NULL, REL_SLOTS, sizeof(*c));
	for (size_t i = 0; i < REL_SLOTS; i++)
		c[i].node = DOC_NONE;
	/* The rarest stems first, each followed in full while the budget
	 * lasts (a part would favour the start of the document).  Only
	 * when they find nothing (a passage of common words only), the
	 * common stems near the passage, a share of the budget each: the
	 * work stays bounded however long their lists are. */
	for (size_t i = 0; i < nq; i++) {
		if (index_stem_df(xr->ix, q[i].stem) <= left)
			found += gather(xr, node, &q[i], c, &left, DOC_NONE);
		norm += q[i].idf * q[i].idf;
	}
	for (size_t i = 0; found == 0 && i < nq; i++) {
		size_t share = REL_POSTINGS / nq;

		gather(xr, node, &q[i], c, &share,
		    doc_node(xr->d, node)->first_block);
	}
	for (size_t i = 0; i < REL_SLOTS; i++) {
		double score;
		size_t k;

		if (c[i].node == DOC_NONE)
			continue;
		/* Shorter passages sharing as much are closer: the score
		 * before that is a bound that rules most candidates out. */
		score = c[i].score / norm;
		if (n == XREF_RELATED_MAX && score < out[n - 1].score)
			continue;
		if (doc_contains(xr->d, c[i].node, node) ||
		    !relatable(doc_node(xr->d, c[i].node)))
			continue;
		score /= sqrt(1.0 + index_block_terms(xr->ix, c[i].block) / 25.0);
		for (k = n; k > 0 && (out[k - 1].score < score ||
		    (out[k - 1].score == score && out[k - 1].to > c[i].node)); k--)
			if (k < XREF_RELATED_MAX)
				out[k] = out[k - 1];
		if (k < XREF_RELATED_MAX) {
			out[k] = (struct xref){ .from = node, .to = c[i].node,
				.score = (float)score, .kind = XREF_RELATED };
			n = MIN(n + 1, (size_t)XREF_RELATED_MAX);
		}
	}
	free(c);
	return n;
}
