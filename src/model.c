/*
 * model.c - building the whole model of a document, in order: the tree,
 * then the word index and the term index, the named lists, and the
 * cross-references that need all of them.
 */
#include "autoconf.h"

#include <stdlib.h>

#include "doc.h"
#include "index.h"
#include "lists.h"
#include "model.h"
#include "parse.h"
#include "terms.h"
#include "util.h"
#include "xref.h"

struct model *
model_from_doc(struct doc *d, const struct lexicon *lx)
{
	struct model *m = xcalloc(1, sizeof(*m));

	m->doc = d;
	m->index = index_build(d);
	m->terms = terms_build(d);
	m->lists = lists_build(d, lx);
	m->xrefs = xrefs_build(d, m->index, m->terms, m->lists);
	return m;
}

struct model *
model_build(struct text *t, const struct lexicon *lx)
{
	return model_from_doc(parse_text(t), lx);
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	xrefs_free(m->xrefs);
	lists_free(m->lists);
	terms_free(m->terms);
	index_free(m->index);
	doc_free(m->doc);
	free(m);
}
