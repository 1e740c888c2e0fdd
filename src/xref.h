/*
 * xref.h - the cross-reference graph: typed, directed edges between
 * nodes, each with the words that carry it.
 *
 *  - XREF_EXPLICIT: "paragraph 5 (b)", "paras. 2 to 4" (one edge per
 *    target), "subparagraph (c) above", "section 3.2", "Article 12",
 *    "Annex I";
 *  - XREF_EXTERNAL: a reference to another document ("resolution 68/4",
 *    "document C/105/INF/1", "RFC 2119", "paragraph 3 of resolution
 *    58/318"): no target;
 *  - XREF_LIST: "the four provisions", "these three reasons", "the
 *    points above": to the node that holds the named list;
 *  - XREF_TERM: a later mention of a term, to its first mention;
 *  - XREF_RELATED: passages most like a node by shared significant
 *    words, ranked with a score.
 * Explicit, external and list edges are found when the graph is built
 * and kept in document order; an explicit reference to a label the
 * document lacks is kept, unresolved.  Term edges are derived from the
 * term index, and related passages are computed on request, with work
 * bounded per node whatever the document's size.
 *
 * The graph borrows the document, index, terms and lists.
 */
#ifndef LECTERN_XREF_H
#define LECTERN_XREF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;
struct index;
struct terms;
struct lists;
struct xrefs;

enum xref_kind {
	XREF_EXPLICIT, XREF_LIST, XREF_TERM, XREF_RELATED, XREF_EXTERNAL
};

struct xref {
	uint32_t from;          /* the deepest node holding the words */
	uint32_t to;            /* the target node; DOC_NONE for external or
	                           unresolved references */
	uint32_t off, end;      /* the words in the text (related: none) */
	uint32_t aux;           /* XREF_LIST: the list; XREF_TERM: the term */
	float score;            /* XREF_RELATED */
	uint8_t kind;
	bool unresolved;        /* an explicit reference to nothing */
};

#define XREF_RELATED_MAX 5

/* Built in steps, in the model's single pass: xrefs_begin(), xrefs_add()
 * for every piece of tokens (tok_chunk()) once they have their word ids,
 * xrefs_end().  The lists are being named in the same pass: a reference
 * to one that may be still to come waits until they are all named
 * (lists_named(); xrefs_end() needs lists_end() done).
 * Related passages and term edges need the index and terms finished. */
struct token;
struct xrefs *xrefs_begin(const struct doc *d, const struct index *ix,
    const struct terms *tm, const struct lists *ls);
void xrefs_add(struct xrefs *xr, uint32_t block, const struct token *tk,
    size_t n);
void xrefs_end(struct xrefs *xr);
/* How many list references wait for more lists to be named. */
size_t xrefs_waiting(const struct xrefs *xr);
void xrefs_free(struct xrefs *xr);
const char *xrefs_kind_name(enum xref_kind k);

/* The explicit, external and list edges, in document order (a copy:
 * they are kept without a score). */
uint32_t xrefs_count(const struct xrefs *xr);
struct xref xrefs_get(const struct xrefs *xr, uint32_t i);
/* The first of them whose words start at or after off. */
uint32_t xrefs_from_off(const struct xrefs *xr, uint32_t off);

/* Term edges: one per term and node that mentions it after its first
 * mention, given to fn in term order. */
typedef void xrefs_fn(void *arg, const struct xref *x);
void xrefs_terms(const struct xrefs *xr, xrefs_fn *fn, void *arg);

/* Up to XREF_RELATED_MAX passages most like node, best first. */
size_t xrefs_related(const struct xrefs *xr, uint32_t node, struct xref *out);

/* Every edge that points to node (explicit, list and term edges),
 * given to fn. */
void xrefs_backlinks(const struct xrefs *xr, uint32_t node, xrefs_fn *fn,
    void *arg);

/* The words of the text of xref x, for messages: "paragraph 5 (b)". */
struct buf;
void xrefs_words(const struct xrefs *xr, const struct xref *x, struct buf *out);

#endif
