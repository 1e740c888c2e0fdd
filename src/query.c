/*
 * query.c - the outline and the other command-line queries.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "display.h"
#include "doc.h"
#include "json.h"
#include "query.h"
#include "util.h"

#define SNIPPET 72

static void
put_text(const struct query_opts *o, FILE *out, const char *s, size_t n)
{
	struct buf b;

	buf_init(&b);
	display_string(o->disp, s, n, &b);
	fwrite(b.data, 1, b.len, out);
	buf_done(&b);
}

static void
outline_json_node(const struct doc *d, uint32_t id, struct json *j)
{
	const struct node *n = doc_node(d, id);
	struct buf snip;

	buf_init(&snip);
	doc_node_snippet(d, id, &snip, SNIPPET);
	json_begin_object(j);
	json_key(j, "label");
	json_cstring(j, doc_label(d, id));
	json_key(j, "kind");
	json_cstring(j, doc_kind_name(n->kind));
	json_key(j, "line");
	json_int(j, n->line);
	json_key(j, "text");
	json_string(j, snip.data, snip.len);
	json_key(j, "children");
	json_begin_array(j);
	for (uint32_t c = n->first_child; c != DOC_NONE; c = doc_node(d, c)->next_sibling)
		outline_json_node(d, c, j);
	json_end_array(j);
	json_end_object(j);
	buf_done(&snip);
}

static void
outline_text_node(const struct doc *d, uint32_t id, const struct query_opts *o,
    FILE *out)
{
	const struct node *n = doc_node(d, id);
	const char *label = doc_label(d, id);
	struct buf snip;

	buf_init(&snip);
	doc_node_snippet(d, id, &snip, SNIPPET);
	fprintf(out, "%*s", 2 * n->depth, "");
	if (n->kind == NODE_TITLE)
		fputs("title  ", out);
	else if (*label && !(n->heading && strncmp(snip.data, label, strlen(label)) == 0)) {
		put_text(o, out, label, strlen(label));
		fputs("  ", out);
	}
	put_text(o, out, snip.data, snip.len);
	fprintf(out, "  (line %u)\n", n->line);
	buf_done(&snip);
	for (uint32_t c = n->first_child; c != DOC_NONE; c = doc_node(d, c)->next_sibling)
		outline_text_node(d, c, o, out);
}

int
query_outline(const struct doc *d, const struct query_opts *o, FILE *out)
{
	uint32_t n = doc_nnodes(d);

	if (o->json) {
		struct json j;

		json_init(&j, out);
		json_begin_object(&j);
		json_key(&j, "title");
		json_cstring(&j, doc_title(d));
		json_key(&j, "kind");
		json_cstring(&j, doc_kind(d));
		json_key(&j, "nodes");
		json_begin_array(&j);
		for (uint32_t i = 0; i < n; i = i + doc_node(d, i)->size)
			outline_json_node(d, i, &j);
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
		return 0;
	}
	for (uint32_t i = 0; i < n; i = i + doc_node(d, i)->size)
		outline_text_node(d, i, o, out);
	return 0;
}
