/*
 * parse_impl.h - what the parts of the parser share: the classified
 * line, the parser's context, and the recogniser interface.  Private to
 * parse*.c, classify.c, furniture.c, hyphen.c, items.c and recog_*.c.
 *
 * The parser reads a document in one streaming pass over its lines, so
 * that its memory does not grow with the number of lines: a line is
 * classified when the pass reaches it (classify.c), given a role by the
 * document's recogniser (recog_*.c), and handed to the paragraph builder
 * (parse_para.c), which joins lines into paragraphs and gives finished
 * paragraphs to the structure builder (parse_tree.c).  Before that pass,
 * a few cheap document-wide surveys run: the typical line width and
 * indentation (from a sample), running headers and footers (only the
 * lines next to page breaks are read), and hyphenated words (only the
 * places with a hyphen are read).
 */
#ifndef LECTERN_PARSE_IMPL_H
#define LECTERN_PARSE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct text;

/* Line flags. */
enum {
	LN_BLANK = 1,       /* nothing but white space */
	LN_BREAK = 2,       /* a page break (form feed) comes before it */
	LN_FURNITURE = 4,   /* a running header, footer or page number */
	LN_CAPS = 8,        /* its letters are all capitals */
	LN_TOC = 16,        /* a table-of-contents line: dot leaders */
	LN_COLUMNS = 32,    /* wide gaps inside it: a table row */
	LN_SYMBOLS = 64,    /* mostly not letters: a figure, a rule */
	LN_TITLE = 128      /* the title of a heading whose number ("B.")
	                     * stood alone on a line before it */
};

/* What the start of a line looks like (syntax only: whether it counts
 * is the recogniser's decision). */
enum mark {
	MK_NONE,
	MK_NUM,             /* "5." then text or nothing */
	MK_SECNUM,          /* "3.2", "3.2." or "3." then a heading */
	MK_PAREN,           /* "(a)", "(ii)", "(1)", "(B)" */
	MK_HASH,            /* Markdown "##" */
	MK_BULLET           /* "-", "*", "•", "o" then a space */
};

/* Character classes at the ends of a line. */
enum { C_NONE, C_UPPER, C_LOWER, C_DIGIT, C_OTHER };
enum { E_NONE, E_STOP, E_COLON, E_SEMI, E_COMMA, E_HYPHEN, E_DASH,
	E_WORD, E_OTHER };

/* What a line is, as the recogniser decides. */
enum role {
	R_TEXT,             /* prose */
	R_BLANK,
	R_SKIP,             /* page furniture: not part of the text */
	R_NUM,              /* starts a numbered paragraph */
	R_SECTION,          /* a numbered section's heading line */
	R_ITEM,             /* starts an item: "(a)" */
	R_HEADING,          /* a heading line */
	R_PRE               /* preformatted: kept as it is */
};

struct line {
	uint32_t start;     /* where the line starts in the text */
	uint32_t off;       /* its content, indentation and trailing */
	uint32_t len;       /*   white space excluded */
	uint32_t lineno;    /* 1-based */
	uint32_t num;       /* the marker's value */
	uint16_t indent;    /* columns before the content */
	uint16_t width;     /* columns of the content (capped) */
	uint16_t firstw;    /* columns of the first word after the marker */
	uint8_t flags;      /* LN_* */
	uint8_t mark;       /* enum mark */
	uint8_t mlen;       /* bytes of the marker and the spaces after it */
	uint8_t mdepth;     /* components of a section number: "3.2" is 2 */
	uint8_t first;      /* class of the first character after the marker */
	uint8_t last;       /* E_*: how the line ends */
	uint8_t role;       /* enum role */
	uint8_t level;      /* a heading's level (1 is the highest) */
	uint8_t kw;         /* a heading with a label of its own ("Article 3") */
	uint8_t note;       /* in a page's footnotes, under their rule */
	uint8_t hang;       /* prose after a marker that stays in the text
	                       (a bullet, "A."): its lines hang after it */
};

struct pctx;

/* The parser's idea of blank space within a line, and of a digit. */
static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does s[0..n) end with an en or em dash (which end a clause)? */
static inline bool
ends_with_dash(const char *s, size_t n)
{
	return n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
	    (unsigned char)s[n - 2] == 0x80 &&
	    ((unsigned char)s[n - 1] == 0x93 || (unsigned char)s[n - 1] == 0x94);
}

/* A recogniser: what one kind of document looks like. */
struct recog {
	const char *name;
	/* How well this kind fits the sample of classified lines, 0-100. */
	int (*score)(const struct pctx *p, const struct line *l, size_t n);
	/* Give line l its role (and level); prev is the last line that was
	 * not blank (NULL at the start), blanks the blank lines between. */
	void (*role)(struct pctx *p, struct line *l, const struct line *prev,
	    unsigned blanks);
	/* The label of a heading line (a keyword heading: "Article 3"),
	 * written to out; false when the heading has none of its own. */
	bool (*heading_label)(struct pctx *p, const struct line *l,
	    char *out, size_t outsize);
	/* Inline markup in prose s[from, end), or NULL: the first found,
	 * its whole extent in [*a, *b) and the text of it that is read in
	 * [*ta, *tb) (a Markdown link "[text](target)" reads "text").
	 * false when there is none. */
	bool (*markup)(const char *s, uint32_t from, uint32_t end,
	    uint32_t *a, uint32_t *b, uint32_t *ta, uint32_t *tb);
	bool blank_breaks;  /* a blank line always ends a paragraph */
	bool ragged;        /* lines are not filled: never judge a line end
	                       by the line's length */
};

extern const struct recog recog_report;
extern const struct recog recog_rfc;
extern const struct recog recog_markdown;

struct hyph;
struct furn;
struct load_pass;
struct para;
struct tree;
struct pbuild;

/* Where the line reader is: a plain value, so that a pass may read
 * ahead and come back (parse.c's sample). */
struct linereader {
	uint32_t pos;           /* next line starts here */
	uint32_t next_lf;       /* the first LF at or after pos or, where
	                           the byte is not one, how far there is
	                           none; 0: not looked for yet */
	uint32_t next_cr;       /* the same for CR */
	uint32_t next_ff;       /* and for FF */
	uint32_t lineno;        /* its number */
	bool pending_break;     /* a form feed was seen */
};

struct pctx {
	struct text *t;
	const char *s;          /* the text */
	uint32_t start, end;    /* the part being parsed */
	const struct recog *rec;
	uint16_t width;         /* a full line, in columns */
	uint16_t body_indent;   /* the usual indentation of prose */
	struct hyph *hyph;      /* hyphenated words seen in the text */
	struct furn *furn;      /* running headers and footers */
	struct docb *db;
	struct tree *tree;      /* the structure builder */
	struct pbuild *pb;      /* the paragraph builder */
	struct linereader rd;   /* the line reader */
	/* the last numbered paragraph, for sequence checks */
	uint32_t last_num;
	bool seen_num;
	bool heading_since;     /* a heading came after it: "1." may restart */
	bool fence;             /* inside a Markdown code fence */
	bool grammar;           /* inside a block of grammar rules (RFCs) */
	uint32_t toc;           /* inside a table of contents: the line of
	                           its last dot leaders; 0 when outside */
	bool body;              /* a heading or a numbered paragraph has
	                           been read: the title block is over */
	uint8_t title_level;    /* a heading's number stood alone on the
	                           line before ("B."): the level its title
	                           takes; 0 otherwise */
	uint32_t notes;         /* in a page's footnotes, under their rule
	                           ("________"): the rule's line; 0 outside,
	                           and from the next page break on */
};

/* classify.c: read the next line at p->rd.pos into l; false at the end. */
bool classify_next(struct pctx *p, struct line *l);
/* Classify the line at [start, end) (for samples and tests). */
void classify_line(const char *s, uint32_t start, uint32_t end,
    struct line *l);
/* A letter and a dot at the start of line l ("a. the first ..."), a
 * mark only where an item may start: at the top, after a blank line, or
 * after a line that ends a clause (".", ":", ";", ",", "and", "or").
 * After a word it is an abbreviation that a sentence wrapped to the
 * line's start ("Soering" / "v. the United Kingdom", "on" / "p. 12"), and
 * l loses its mark. */
void classify_letter_context(const char *s, struct line *l,
    const struct line *prev, unsigned blanks);
/* The dotted parts of a section number from s[i] on ("3" then ".2.1"):
 * where they end; *parts counts them (at most 8 in all). */
size_t classify_dotted(const char *s, size_t i, size_t n, unsigned *parts);
/* Parse "(x)" at s: the label's bytes in *lab and *lablen, the marker's
 * length (spaces after it not included) returned, 0 if it is none. */
size_t classify_paren(const char *s, size_t n, const char **lab,
    size_t *lablen);
/* Width in columns of s[0..n) (UTF-8; tabs count as one). */
uint16_t classify_columns(const char *s, size_t n);
/* Does the next line's first word fit at the end of this one?  If it
 * would not have, the break between them is a wrap, not an end. */
bool classify_wraps(const struct pctx *p, const struct line *a,
    const struct line *b);

/* recog.c: what recognisers share. */
const struct recog *recog_choose(const struct pctx *p, const struct line *l,
    size_t n);
/* A keyword heading: "Article 3", "ANNEX I", "Chapter II: Title",
 * "Part One".  Writes its label ("Article 3", "Annex I") and level. */
bool recog_keyword(const char *s, size_t n, char *label, size_t size,
    uint8_t *level);
/* Does line l start something (not continue a sentence from prev)? */
bool recog_boundary(const struct pctx *p, const struct line *l,
    const struct line *prev, unsigned blanks);
/* Does s (a line's text) open a resolution's preambular paragraph:
 * "Recognizing the ...", "Deeply concerned", "Mindful of"? */
bool recog_preamble_opener(const char *s, size_t n);
/* Is the last word of line l one that makes a following "(b)" or "5" a
 * reference ("paragraph", "article", "subparagraph" ...)? */
bool recog_ref_word_at_end(const char *s, const struct line *l);
/* The next line that holds anything after the line just classified (at
 * p->rd.pos), looked for at most RECOG_AHEAD bytes ahead: its start in *at,
 * whether blank lines come before it in *blank; returns its length (0:
 * none so near). */
#define RECOG_AHEAD 400
uint32_t recog_next_line(const struct pctx *p, uint32_t *at, bool *blank);
/* Is line l, a "(1)" alone, a table's cell rather than an item?  Looks
 * at the lines after it (l must be the line just classified). */
bool recog_table_cell(const struct pctx *p, const struct line *l,
    const struct line *prev);

/* furniture.c: find running headers, footers and page numbers.  Like
 * hyph_scan(), it reads the text of the pass lp, which gives back the
 * pages read as it goes (load.h), and ends it. */
struct furn *furn_scan(struct load_pass *lp);
/* Is the line at line_start furniture?  *at (0 at first) remembers
 * where the last answer was found: ask about lines in order. */
bool furn_is(const struct furn *f, size_t *at, uint32_t line_start);
void furn_free(struct furn *f);

/* hyphen.c: the hyphenated words a text spells whole. */
struct hyph *hyph_scan(struct load_pass *lp);
/* Should "a-" at a line end followed by "b" keep its hyphen?
 * a is the word part before the hyphen, b the part after. */
bool hyph_keep(const struct hyph *h, const char *a, size_t alen,
    const char *b, size_t blen);
/* "Secretary -General", s[q] the space before the hyphen, within
 * s[lo..hi): does the text spell "Secretary-General" whole elsewhere? */
bool hyph_rejoin(const struct hyph *h, const char *s, uint32_t lo, uint32_t q,
    uint32_t hi);
/* The first hyphen in [from, to) that hyph_rejoin() may rejoin (it
 * follows a space between word characters), or to.  hyph_scan() noted
 * them, and the text is not read again, unless there were too many to
 * note: then the text is searched for them with memchr(). */
uint32_t hyph_next_split(const struct hyph *h, uint32_t from, uint32_t to);
void hyph_free(struct hyph *h);

/* parse_para.c: the paragraph builder. */
void para_feed(struct pctx *p, struct line *l);
void para_end(struct pctx *p);
void para_init(struct pctx *p);
void para_done(struct pctx *p);

/* parse_tree.c: the structure builder. */
struct ppiece {             /* a piece of a paragraph being built */
	uint32_t off, len, lineno;
	uint16_t indent;
	uint8_t join;
};

struct para {
	uint8_t role;           /* R_NUM, R_SECTION, R_ITEM, R_HEADING,
	                           R_TEXT, R_PRE */
	uint8_t level;
	uint8_t kw;             /* a heading with a label of its own */
	uint8_t mdepth;
	uint32_t num;
	uint32_t start;         /* where its marker (or text) starts */
	uint32_t lineno;
	const char *marker;     /* its marker in the text */
	size_t mlen;
	struct ppiece *pieces;
	size_t npieces, cap;
	struct line first;      /* its first line */
};

struct tree *tree_new(struct pctx *p);
void tree_para(struct pctx *p, struct para *para);
void tree_finish(struct pctx *p);
void tree_free(struct tree *t);

/* items.c: enumerations "(a) ... (b) ..." and their nesting. */
enum istyle { IS_LOWER, IS_ROMAN, IS_UPPER, IS_DIGIT };
#define ITEMS_MAXDEPTH 8

struct ilevel {
	uint8_t style;
	uint32_t value;
	uint32_t node;
};

struct items {
	struct ilevel lv[ITEMS_MAXDEPTH];
	int n;
};

/* Where would a marker with this label go?  Returns the level (0 is the
 * outermost) and its style and value, or -1 when it continues nothing
 * and may not start anything (strict: an inline marker).  *skip is set
 * when the numbering skips or restarts. */
int items_place(const struct items *st, const char *lab, size_t n,
    bool strict, uint8_t *style, uint32_t *value, bool *skip);
/* Record a marker placed at level. */
void items_push(struct items *st, int level, uint8_t style, uint32_t value,
    uint32_t node);
void items_reset(struct items *st);
/* Find the inline markers of a paragraph's text: pieces[i] at byte k.
 * For each, *at is set; returns how many (at most max). */
struct imark {
	uint32_t piece;         /* index in the paragraph's pieces */
	uint32_t pos;           /* byte offset of '(' in the text */
	uint32_t end;           /* just after ')' and the spaces after it */
	const char *lab;
	size_t lablen;
};
size_t items_find(const char *s, const struct ppiece *pc, size_t npc,
    struct imark *out, size_t max);
bool items_follows_inline(const char *s, const struct ppiece *pc, size_t npc,
    const char *lab, size_t n);

#endif
