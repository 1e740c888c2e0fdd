/*
 * model.h - everything lectern knows about a document, built together:
 * the parsed tree (doc.h), the word index (index.h), the term index
 * (terms.h), the named lists (lists.h) and the cross-reference graph
 * (xref.h).  A model is read-only once built and may be shared between
 * threads; the reader swaps a whole model for a newer one.
 */
#ifndef LECTERN_MODEL_H
#define LECTERN_MODEL_H

#include <stdbool.h>

struct text;
struct lexicon;

struct model {
	struct doc *doc;
	struct index *index;
	struct terms *terms;
	struct lists *lists;
	struct xrefs *xrefs;
};

/* Parse and index the whole of t (complete).  The model holds a
 * reference to t; lx must outlive the model. */
struct model *model_build(struct text *t, const struct lexicon *lx);
/* Index an already parsed document (the model takes it over). */
struct model *model_from_doc(struct doc *d, const struct lexicon *lx);
void model_free(struct model *m);

#endif
