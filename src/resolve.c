/*
 * resolve.c - from a reader's phrase to places in the document, trying
 * the readings in order: a line number, a label, a named list, a term,
 * and then the passages that hold every word of it.
 */
#include "autoconf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "index.h"
#include "lists.h"
#include "model.h"
#include "resolve.h"
#include "search.h"
#include "terms.h"
#include "util.h"

#define MAX_LISTS 64

static size_t
put(struct target *out, size_t max, size_t n, uint32_t node, uint8_t how,
    uint32_t list, uint32_t term)
{
	if (n < max)
		out[n] = (struct target){ node, list, term, how };
	return n + 1;
}

static bool
by_line(const struct model *m, const char *s, uint32_t *node)
{
	char *end;
	long line;
	uint32_t b;

	while (isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "line", 4) != 0)
		return false;
	line = strtol(s + 4, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (end == s + 4 || *end || line < 1 || line > (long)UINT32_MAX)
		return false;
	/* Past the last line of the document: nothing. */
	if (doc_nblocks(m->doc) > 0 &&
	    (uint32_t)line > doc_line_of(m->doc, doc_node(m->doc, doc_nnodes(m->doc) - 1)->end))
		return false;
	b = doc_block_at_line(m->doc, (uint32_t)line);
	/* The block holding the line: the last one starting at or before
	 * it. */
	if (b == DOC_NONE || doc_block(m->doc, b)->line > (uint32_t)line)
		b = b == DOC_NONE ? doc_nblocks(m->doc) - 1 : (b > 0 ? b - 1 : 0);
	if (doc_nblocks(m->doc) == 0)
		return false;
	*node = doc_block(m->doc, b)->node;
	return true;
}

/* May the phrase be a label: short, and with no article in front ("the
 * ...", "these ...", which name lists and terms)?  doc_find_label()
 * decides whether it is one. */
static bool
label_like(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "the ", 4) == 0 || strncasecmp(s, "these ", 6) == 0)
		return false;
	return strlen(s) < 64;
}

static size_t
by_lists(const struct model *m, const char *s, bool lead, struct target *out,
    size_t max)
{
	uint32_t ids[MAX_LISTS];
	size_t nl = lists_match(m->lists, s, lead, ids, MAX_LISTS), n = 0;

	for (size_t i = 0; i < MIN(nl, (size_t)MAX_LISTS); i++) {
		size_t ni;
		const uint32_t *items = lists_items(m->lists, ids[i], &ni);

		for (size_t k = 0; k < ni; k++)
			n = put(out, max, n, items[k], RES_LIST, ids[i], 0);
	}
	return n;
}

/* The deepest nodes whose own text holds every word. */
static size_t
by_words(const struct model *m, const char *s, struct target *out, size_t max)
{
	uint32_t *nodes;
	size_t nn = search_nodes(m->doc, m->index, s, &nodes, NULL), n = 0;

	for (size_t i = 0; i < nn; i++)
		n = put(out, max, n, nodes[i], RES_WORDS, LISTS_NONE, 0);
	free(nodes);
	return n;
}

size_t
resolve(const struct model *m, const char *phrase, struct target *out,
    size_t max)
{
	uint32_t node, t;
	size_t n;

	if (by_line(m, phrase, &node))
		return put(out, max, 0, node, RES_LINE, LISTS_NONE, 0);
	if (label_like(phrase) && (node = doc_find_label(m->doc, phrase)) != DOC_NONE)
		return put(out, max, 0, node, RES_LABEL, LISTS_NONE, 0);
	/* A name the document uses ("the Working Group") before the lists
	 * whose noun one of its words is ("many groups"). */
	if ((t = terms_find(m->terms, phrase)) != TERMS_NONE)
		return put(out, max, 0, terms_first(m->terms, t), RES_TERM, LISTS_NONE, t);
	if ((n = by_lists(m, phrase, false, out, max)) > 0)
		return n;
	if ((n = by_lists(m, phrase, true, out, max)) > 0)
		return n;
	return by_words(m, phrase, out, max);
}
