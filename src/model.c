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
#include "token.h"
#include "util.h"
#include "xref.h"

/* One pass over the text: every block's tokens are read once and given
 * to the index (which names their words), the term finder and the
 * cross-reference parser in turn. */
struct model *
model_from_doc(struct doc *d, const struct lexicon *lx)
{
	struct model *m = xcalloc(1, sizeof(*m));
	struct token *tk = xreallocarray(NULL, TOKEN_CHUNK, sizeof(*tk));

	m->doc = d;
	m->lists = lists_build(d, lx);
	m->index = index_begin(d);
	m->terms = terms_begin(d, m->index);
	m->xrefs = xrefs_begin(d, m->index, m->terms, m->lists);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct tokit it;
		size_t n;

		tok_init(&it, d, b);
		while ((n = tok_read(&it, tk, TOKEN_CHUNK)) > 0) {
			index_add(m->index, b, tk, n);
			terms_add(m->terms, b, tk, n);
			xrefs_add(m->xrefs, b, tk, n);
		}
	}
	free(tk);
	index_end(m->index);
	terms_end(m->terms);
	xrefs_end(m->xrefs);
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
