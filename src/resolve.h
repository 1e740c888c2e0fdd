/*
 * resolve.h - what a reader means by a phrase: a label ("5b", "5 (b)",
 * "paragraph 6 (b)", "Article 3"), a source line ("line 120"), a term
 * the document uses ("the Working Group"), a named list in the reader's
 * own words ("the four positions", "the three concerns"), or failing
 * those the passages that hold all its words.  Used by --resolve and by the
 * reader's ':' command line.
 */
#ifndef LECTERN_RESOLVE_H
#define LECTERN_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

struct model;

enum resolve_how {
	RES_LABEL, RES_LINE, RES_LIST, RES_TERM, RES_WORDS
};

struct target {
	uint32_t node;
	uint32_t list;          /* RES_LIST: the list, else LISTS_NONE */
	uint32_t term;          /* RES_TERM: the term */
	uint8_t how;
};

/* Fill out with up to max targets for phrase, in document order, and
 * return how many there are.  A list gives one target per item; when
 * several lists match equally, all of them are given in document order
 * (a caller that wants one takes the first, or the nearest).  0 when
 * nothing matches. */
size_t resolve(const struct model *m, const char *phrase, struct target *out,
    size_t max);

#endif
