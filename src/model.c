/*
 * model.c - building the whole model of a document: the tree, then one
 * pass over the text's tokens for the word index, the named lists, the
 * term index and the cross-references, which need the other three.
 */
#include "autoconf.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "doc.h"
#include "load.h"
#include "index.h"
#include "lists.h"
#include "model.h"
#include "parse.h"
#include "terms.h"
#include "token.h"
#include "util.h"
#include "xref.h"

int
progress_percent(const struct progress *p)
{
	uint32_t stage = atomic_load(&p->stage), done = atomic_load(&p->done);
	uint32_t total = atomic_load(&p->total);
	double f = total ? (double)MIN(done, total) / total : 0;

	switch (stage) {
	case PROGRESS_PARSING: return 10 + (int)(f * 45);
	case PROGRESS_INDEXING: return 55 + (int)(f * 45);
	default: return 100;
	}
}

/* List references that may wait for the lists to be named (xref.h), a
 * few bytes each: more, and the lists are named ahead of the pass. */
#define MAX_WAITING 65536

static void
indexed(struct model *m, struct doc *d, const struct lexicon *lx,
    unsigned parts, struct progress *pr);

struct model *
model_from_doc(struct doc *d, const struct lexicon *lx)
{
	return model_from_doc_parts(d, lx, MODEL_ALL);
}

struct model *
model_from_doc_parts(struct doc *d, const struct lexicon *lx, unsigned parts)
{
	struct model *m = xcalloc(1, sizeof(*m));

	indexed(m, d, lx, parts, NULL);
	return m;
}

/* One pass over the text: every block's tokens are read once and given
 * to the index (which names their words), the lists (which name
 * themselves from their lead-ins), the term finder and the
 * cross-reference parser in turn.  A reference to a list that may be
 * one still to come waits until every list is named. */
static void
indexed(struct model *m, struct doc *d, const struct lexicon *lx,
    unsigned parts, struct progress *pr)
{
	struct tokchunks c;
	struct load_pass lp;
	uint32_t start, end;

	if (pr) {
		atomic_store(&pr->done, 0);
		atomic_store(&pr->total, doc_nblocks(d));
		atomic_store(&pr->stage, PROGRESS_INDEXING);
	}
	m->doc = d;
	m->index = index_begin(d);
	if (parts & MODEL_LISTS)
		m->lists = lists_begin(d, lx, m->index);
	if (parts & MODEL_TERMS)
		m->terms = terms_begin(d, m->index);
	if ((parts & MODEL_XREFS) == MODEL_XREFS)
		m->xrefs = xrefs_begin(d, m->index, m->terms, m->lists);
	tok_chunks_init(&c);
	doc_range(d, &start, &end);
	load_pass_init(&lp, doc_text(d), start, end);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct tokit it;
		size_t n;

		tok_init(&it, d, b);
		while ((n = tok_chunk(&c, &it)) > 0) {
			index_add(m->index, b, c.tk, n);
			if (m->lists)
				lists_add(m->lists, b, c.tk, n);
			if (m->terms)
				terms_add(m->terms, b, c.tk, n);
			if (m->xrefs) {
				xrefs_add(m->xrefs, b, c.tk, n);
				/* Too many references wait for lists still to
				 * come: name them now. */
				if (xrefs_waiting(m->xrefs) > MAX_WAITING)
					lists_name_now(m->lists);
			}
		}
		/* The text read so far leaves memory (load.h). */
		load_pass_at(&lp, doc_block_start(d, b));
		if (pr && (b & 1023) == 0) {
			atomic_store_explicit(&pr->done, b, memory_order_relaxed);
			if (atomic_load_explicit(&pr->cancel, memory_order_relaxed))
				break;
		}
	}
	tok_chunks_done(&c);
	load_pass_end(&lp);
	index_pass_end(m->index);
	/* The terms first, which free more than they make; the index last,
	 * which makes its stems and resume points (2.5 MB on the
	 * benchmark's 100 MB) and which the others need only as it is
	 * while building (its words and stop words): each one's
	 * temporaries then come when the least is held, and the peak is
	 * where the build ends (1.7 MB lower). */
	if (m->terms)
		terms_end(m->terms);
	if (m->lists)
		lists_end(m->lists);
	if (m->xrefs)
		xrefs_end(m->xrefs);
	index_end(m->index);
	if (pr)
		atomic_store(&pr->stage, PROGRESS_DONE);
}

struct model *
model_build(struct text *t, const struct lexicon *lx)
{
	return model_from_doc(parse_text(t), lx);
}

struct model *
model_build_progress(struct text *t, const struct lexicon *lx,
    struct progress *pr)
{
	struct model *m = xcalloc(1, sizeof(*m));
	struct doc *d;

	atomic_store(&pr->done, 0);
	atomic_store(&pr->total, (uint32_t)t->len);
	atomic_store(&pr->stage, PROGRESS_PARSING);
	d = parse_range_progress(t, 0, (uint32_t)t->len, 1, true, pr);
	if (atomic_load(&pr->cancel)) {
		doc_free(d);
		free(m);
		return NULL;
	}
	indexed(m, d, lx, MODEL_ALL, pr);
	return m;
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
