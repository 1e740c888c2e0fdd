/*
 * terms.h - the term index: the names a document uses and where.
 *
 * Four kinds of terms are found:
 *  - acronyms: IOM, ECOSOC, UNCTs, and runs like "UN DESA";
 *  - names: capitalised words together, with "of", "on", "for", "de" between
 *    them ("Working Group", "Global Migration Group", "High-level
 *    Dialogue"), not counting a sentence's first word when it is just
 *    "The";
 *  - quoted terms: up to six words between quotation marks ("Member State
 *    proprietorship");
 *  - defined phrases: a phrase the document introduces with "a" or "an"
 *    and takes up again with "the", "that" or "this" ("a draft
 *    resolution" ... "that draft resolution").
 * Each has the nodes that mention it, in document order, and its first
 * mention in the body (the title does not count).
 *
 * The index borrows the document.  Once built it is read-only.
 */
#ifndef LECTERN_TERMS_H
#define LECTERN_TERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;
struct terms;

enum term_kind { TERM_ACRONYM, TERM_NAME, TERM_QUOTED, TERM_DEFINED };

#define TERMS_NONE UINT32_MAX

void terms_free(struct terms *tm);

/* Built in steps, in the model's single pass: terms_begin() with the
 * index being built, terms_add() for every piece of tokens (a piece of
 * tok_chunk(): no term is cut in two) once index_add()
 * has given them their word ids, terms_end().  The terms borrow ix. */
struct index;
struct token;
struct terms *terms_begin(const struct doc *d, const struct index *ix);
void terms_add(struct terms *tm, uint32_t block, const struct token *tk,
    size_t n);
void terms_end(struct terms *tm);

/* Terms are numbered 0 .. terms_count() - 1 in alphabetical order. */
uint32_t terms_count(const struct terms *tm);
const char *terms_text(const struct terms *tm, uint32_t t);
enum term_kind terms_kind(const struct terms *tm, uint32_t t);
const char *terms_kind_name(enum term_kind k);
/* The node and the text offset of its first mention in the body. */
uint32_t terms_first(const struct terms *tm, uint32_t t);
uint32_t terms_first_off(const struct terms *tm, uint32_t t);
/* The nodes that mention it, in document order. */
const uint32_t *terms_nodes(const struct terms *tm, uint32_t t, size_t *n);
/* The term a phrase names ("the Working Group", "ecosoc"), compared
 * folded, a leading article ignored; TERMS_NONE if none. */
uint32_t terms_find(const struct terms *tm, const char *phrase);

/* The mentions of terms in block b, each given to fn with the term and
 * its span in the text: for the reader, which marks them. */
typedef void terms_fn(void *arg, uint32_t term, uint32_t off, uint32_t end);
void terms_mentions(const struct terms *tm, uint32_t b, terms_fn *fn,
    void *arg);

#endif
