/*
 * model.h - everything lectern knows about a document, built together:
 * the parsed tree (doc.h), the word index (index.h), the term index
 * (terms.h), the named lists (lists.h) and the cross-reference graph
 * (xref.h).  A model is read-only once built and may be shared between
 * threads; the reader swaps a whole model for a newer one.
 */
#ifndef LECTERN_MODEL_H
#define LECTERN_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct text;
struct lexicon;

struct model {
	struct doc *doc;
	struct index *index;
	struct terms *terms;
	struct lists *lists;
	struct xrefs *xrefs;
};

#include "progress.h"

/* Parse and index the whole of t (complete).  The model holds a
 * reference to t; lx must outlive the model.  model_build_progress()
 * reports its progress in pr; if pr->cancel is set meanwhile, the build
 * stops as soon as it can: NULL if that was before indexing, else a
 * model of only part of the document (free it). */
struct model *model_build(struct text *t, const struct lexicon *lx);
struct model *model_build_progress(struct text *t, const struct lexicon *lx,
    struct progress *pr);
/* Index an already parsed document (the model takes it over). */
struct model *model_from_doc(struct doc *d, const struct lexicon *lx);
/* The same with only some of the parts, for the benchmark to see what
 * each costs: the word index always, and the MODEL_* asked for (the
 * cross-references need the other two). */
enum { MODEL_TERMS = 1, MODEL_LISTS = 2, MODEL_XREFS = 4 | 1 | 2,
	MODEL_ALL = 7 };
struct model *model_from_doc_parts(struct doc *d, const struct lexicon *lx,
    unsigned parts);
void model_free(struct model *m);

#endif
