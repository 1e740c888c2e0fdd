/*
 * query.c - the outline and the other command-line queries.
 */
#include "autoconf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "doc.h"
#include "dump.h"
#include "index.h"
#include "json.h"
#include "lists.h"
#include "model.h"
#include "query.h"
#include "resolve.h"
#include "search.h"
#include "terms.h"
#include "util.h"
#include "xref.h"

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
	char lb[DOC_LABEL_MAX];
	struct buf snip;

	buf_init(&snip);
	doc_node_snippet(d, id, &snip, SNIPPET);
	json_begin_object(j);
	json_key(j, "label");
	json_cstring(j, doc_label(d, id, lb));
	json_key(j, "kind");
	json_cstring(j, doc_kind_name(n->kind));
	json_key(j, "line");
	json_int(j, n->line);
	json_key(j, "text");
	json_string(j, snip.data, snip.len);
	json_key(j, "children");
	json_begin_array(j);
	for (uint32_t c = doc_first_child(d, id); c != DOC_NONE;
	    c = doc_next_sibling(d, c))
		outline_json_node(d, c, j);
	json_end_array(j);
	json_end_object(j);
	buf_done(&snip);
}

/* Does the text start with the label, a word of its own ("Article 3
 * Purpose" with "Article 3"; not "Budget" with "B")? */
static bool
label_leads(const char *text, const char *label)
{
	size_t n = strlen(label);

	return strncmp(text, label, n) == 0 && !isalnum((unsigned char)text[n]);
}

static void
outline_text_node(const struct doc *d, uint32_t id, const struct query_opts *o,
    FILE *out)
{
	const struct node *n = doc_node(d, id);
	char lb[DOC_LABEL_MAX];
	const char *label = doc_label(d, id, lb);
	struct buf snip;

	buf_init(&snip);
	doc_node_snippet(d, id, &snip, SNIPPET);
	fprintf(out, "%*s", 2 * n->depth, "");
	if (n->kind == NODE_TITLE)
		fputs("title  ", out);
	else if (*label && !(n->heading && label_leads(snip.data, label))) {
		put_text(o, out, label, strlen(label));
		fputs("  ", out);
	}
	put_text(o, out, snip.data, snip.len);
	fprintf(out, "%s(line %u)\n", snip.len ? "  " : "", n->line);
	buf_done(&snip);
	for (uint32_t c = doc_first_child(d, id); c != DOC_NONE;
	    c = doc_next_sibling(d, c))
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

/* ----------------------------------------------------------- helpers */

static void
put_label(const struct doc *d, uint32_t node, const struct query_opts *o,
    FILE *out)
{
	char lb[DOC_LABEL_MAX];
	const char *l = node == DOC_NONE ? "-" : doc_label(d, node, lb);

	if (*l == '\0')
		l = node != DOC_NONE && doc_node(d, node)->kind == NODE_TITLE ? "title" : "-";
	put_text(o, out, l, strlen(l));
}

/* "5(a), 5(b)": the labels of nodes[0..n). */
static void
put_labels(const struct doc *d, const uint32_t *nodes, size_t n,
    const struct query_opts *o, FILE *out)
{
	for (size_t k = 0; k < n; k++) {
		fputs(k ? ", " : "", out);
		put_label(d, nodes[k], o, out);
	}
}

static void
json_label(struct json *j, const struct doc *d, uint32_t node)
{
	char lb[DOC_LABEL_MAX];

	if (node == DOC_NONE)
		json_null(j);
	else
		json_cstring(j, doc_label(d, node, lb));
}

/* ------------------------------------------------------------- print */

/* "lectern: NAME: WHAT 'WORDS'" on standard error: the words as typed,
 * their controls shown as placeholders. */
static void
not_found(const struct query_opts *o, const char *what, const char *words)
{
	struct buf b;

	buf_init(&b);
	if (o->disp)
		display_string(o->disp, words, strlen(words), &b);
	else
		buf_adds(&b, words);
	fprintf(stderr, "%s: %s: %s '%s'\n", util_progname, o->name, what, b.data);
	buf_done(&b);
}

int
query_print(const struct model *m, const char *label,
    const struct query_opts *o, FILE *out)
{
	uint32_t node = doc_find_label(m->doc, label);

	if (node == DOC_NONE) {
		not_found(o, "no node labelled", label);
		return 1;
	}
	return dump_node(m->doc, node, o->disp, o->width, out) < 0 ? 2 : 0;
}

/* ------------------------------------------------------------- lists */

int
query_lists(const struct model *m, const struct query_opts *o, FILE *out)
{
	const struct doc *d = m->doc;
	uint32_t n = lists_count(m->lists);
	struct json j;
	struct buf lead;

	buf_init(&lead);
	if (o->json) {
		json_init(&j, out);
		json_begin_array(&j);
	}
	for (uint32_t i = 0; i < n; i++) {
		size_t ni;
		const uint32_t *items = lists_items(m->lists, i, &ni);
		int stated = lists_stated(m->lists, i);
		const char *noun = lists_noun(m->lists, i);

		buf_reset(&lead);
		lists_lead(m->lists, i, &lead);

		if (o->json) {
			json_begin_object(&j);
			json_key(&j, "at");
			json_label(&j, d, lists_at(m->lists, i));
			json_key(&j, "count");
			json_int(&j, (long long)ni);
			json_key(&j, "stated");
			if (stated > 0)
				json_int(&j, stated);
			else if (stated == LISTS_SEVERAL)
				json_cstring(&j, "several");
			else
				json_null(&j);
			json_key(&j, "noun");
			json_cstring(&j, noun);
			json_key(&j, "lead");
			json_cstring(&j, lead.data);
			json_key(&j, "mismatch");
			json_bool(&j, lists_mismatch(m->lists, i));
			json_key(&j, "items");
			json_begin_array(&j);
			for (size_t k = 0; k < ni; k++)
				json_label(&j, d, items[k]);
			json_end_array(&j);
			json_end_object(&j);
			continue;
		}
		put_label(d, lists_at(m->lists, i), o, out);
		fprintf(out, "\t%zu %s\t", ni, *noun ? noun : "items");
		put_labels(d, items, ni, o, out);
		fputc('\t', out);
		put_text(o, out, lead.data, lead.len);
		if (lists_mismatch(m->lists, i))
			fprintf(out, " (the lead-in says %d)", stated);
		fputc('\n', out);
	}
	buf_done(&lead);
	if (o->json) {
		json_end_array(&j);
		json_finish(&j);
	}
	return 0;
}

/* ------------------------------------------------------------- xrefs */

struct xout {
	const struct model *m;
	const struct query_opts *o;
	FILE *out;
	struct json j;
	struct buf words;
};

static void
put_xref(void *arg, const struct xref *x)
{
	struct xout *xo = arg;
	const struct doc *d = xo->m->doc;

	buf_reset(&xo->words);
	if (x->kind != XREF_RELATED)
		xrefs_words(xo->m->xrefs, x, &xo->words);
	if (xo->o->json) {
		struct json *j = &xo->j;

		json_begin_object(j);
		json_key(j, "from");
		json_label(j, d, x->from);
		json_key(j, "kind");
		json_cstring(j, xrefs_kind_name(x->kind));
		json_key(j, "text");
		json_string(j, xo->words.data, xo->words.len);
		json_key(j, "to");
		json_label(j, d, x->to);
		json_key(j, "score");
		json_double(j, x->score);
		if (x->unresolved) {
			json_key(j, "unresolved");
			json_bool(j, true);
		}
		json_end_object(j);
		return;
	}
	put_label(d, x->from, xo->o, xo->out);
	fprintf(xo->out, "\t%s\t", xrefs_kind_name(x->kind));
	put_text(xo->o, xo->out, xo->words.data, xo->words.len);
	fputs("\t", xo->out);
	if (x->kind == XREF_EXTERNAL)
		fputs("(another document)", xo->out);
	else if (x->unresolved)
		fputs("(nothing)", xo->out);
	else
		put_label(d, x->to, xo->o, xo->out);
	if (x->kind == XREF_RELATED)
		fprintf(xo->out, "\t%.3f", x->score);
	fputc('\n', xo->out);
}

int
query_xrefs(const struct model *m, const struct query_opts *o, FILE *out)
{
	struct xout xo = { .m = m, .o = o, .out = out };
	struct xref rel[XREF_RELATED_MAX];

	buf_init(&xo.words);
	if (o->json) {
		json_init(&xo.j, out);
		json_begin_array(&xo.j);
	}
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		struct xref x = xrefs_get(m->xrefs, i);

		put_xref(&xo, &x);
	}
	xrefs_terms(m->xrefs, put_xref, &xo);
	for (uint32_t n = 0; n < doc_nnodes(m->doc); n++) {
		size_t k = xrefs_related(m->xrefs, n, rel);

		for (size_t i = 0; i < k; i++)
			put_xref(&xo, &rel[i]);
	}
	if (o->json) {
		json_end_array(&xo.j);
		json_finish(&xo.j);
	}
	buf_done(&xo.words);
	return 0;
}

/* ------------------------------------------------------------- terms */

int
query_terms(const struct model *m, const struct query_opts *o, FILE *out)
{
	const struct doc *d = m->doc;
	struct json j;

	if (o->json) {
		json_init(&j, out);
		json_begin_array(&j);
	}
	for (uint32_t t = 0; t < terms_count(m->terms); t++) {
		size_t n;
		const uint32_t *nodes = terms_nodes(m->terms, t, &n);
		const char *text = terms_text(m->terms, t);

		if (o->json) {
			json_begin_object(&j);
			json_key(&j, "term");
			json_cstring(&j, text);
			json_key(&j, "kind");
			json_cstring(&j, terms_kind_name(terms_kind(m->terms, t)));
			json_key(&j, "first");
			json_label(&j, d, terms_first(m->terms, t));
			json_key(&j, "nodes");
			json_begin_array(&j);
			for (size_t k = 0; k < n; k++)
				json_label(&j, d, nodes[k]);
			json_end_array(&j);
			json_end_object(&j);
			continue;
		}
		put_text(o, out, text, strlen(text));
		fprintf(out, "\t%s\t", terms_kind_name(terms_kind(m->terms, t)));
		put_labels(d, nodes, n, o, out);
		fputc('\n', out);
	}
	if (o->json) {
		json_end_array(&j);
		json_finish(&j);
	}
	return 0;
}

/* ------------------------------------------------------------ search */

struct first_match {
	uint32_t off, end;
	bool found;
};

static void
note_first(void *arg, uint32_t off, uint32_t end)
{
	struct first_match *fm = arg;

	if (!fm->found) {
		fm->off = off;
		fm->end = end;
		fm->found = true;
	}
}

/* "…the words around the match…" */
static void
snippet(const struct model *m, uint32_t node, const struct pattern *p,
    struct buf *out)
{
	const struct node *n = doc_node(m->doc, node);
	struct first_match fm = { 0, 0, false };
	const char *s = doc_data(m->doc);

	for (uint32_t b = n->first_block; b < n->end_block && !fm.found; b++)
		if (doc_block(m->doc, b)->node == node)
			search_block(m->doc, b, p, note_first, &fm);
	if (!fm.found) {
		doc_node_snippet(m->doc, node, out, SNIPPET);
		return;
	}
	{
		uint32_t a = fm.off, e = fm.end;
		int before = 30, after = 40;

		while (a > n->start && before > 0) {
			a--;
			before -= ((unsigned char)s[a] & 0xC0) != 0x80;
		}
		/* Whole words at both ends. */
		while (a > n->start && s[a - 1] != ' ' && s[a - 1] != '\n')
			a--;
		while (e < n->end && after > 0) {
			e++;
			after -= ((unsigned char)s[e - 1] & 0xC0) != 0x80;
		}
		while (e < n->end && s[e] != ' ' && s[e] != '\n')
			e++;
		if (a > n->start)
			buf_adds(out, "\xE2\x80\xA6");
		buf_add(out, s + a, e - a);
		if (e < n->end)
			buf_adds(out, "\xE2\x80\xA6");
	}
}

int
query_search(const struct model *m, const char *words,
    const struct query_opts *o, FILE *out)
{
	struct pattern head;
	uint32_t *acc;
	size_t n = search_nodes(m->doc, m->index, words, &acc, &head);
	struct json j;

	if (o->json) {
		json_init(&j, out);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < n; i++) {
		struct buf sn;

		buf_init(&sn);
		snippet(m, acc[i], &head, &sn);
		sn.len = squeeze_space(sn.data, sn.len, false);
		if (o->json) {
			json_begin_object(&j);
			json_key(&j, "label");
			json_label(&j, m->doc, acc[i]);
			json_key(&j, "line");
			json_int(&j, doc_node(m->doc, acc[i])->line);
			json_key(&j, "snippet");
			json_string(&j, sn.data, sn.len);
			json_end_object(&j);
		} else {
			put_label(m->doc, acc[i], o, out);
			fprintf(out, "\t%u\t", doc_node(m->doc, acc[i])->line);
			put_text(o, out, sn.data, sn.len);
			fputc('\n', out);
		}
		buf_done(&sn);
	}
	if (o->json) {
		json_end_array(&j);
		json_finish(&j);
	}
	free(acc);
	search_pattern_free(&head);
	if (n == 0)
		not_found(o, "nothing matches", words);
	return n > 0 ? 0 : 1;
}

/* ----------------------------------------------------------- resolve */

#define MAX_TARGETS 4096

int
query_resolve(const struct model *m, const char *phrase,
    const struct query_opts *o, FILE *out)
{
	struct target *t = xcalloc(MAX_TARGETS, sizeof(*t));
	size_t n = MIN(resolve(m, phrase, t, MAX_TARGETS), (size_t)MAX_TARGETS);
	struct json j;

	if (n == 0) {
		not_found(o, "nothing answers to", phrase);
		free(t);
		return 1;
	}
	if (o->json) {
		json_init(&j, out);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < n; i++) {
		struct buf sn;

		/* Without --all: the first list, or the first passage. */
		if (!o->all && i > 0 && (t[i].how != RES_LIST || t[i].list != t[0].list))
			break;
		buf_init(&sn);
		doc_node_snippet(m->doc, t[i].node, &sn, SNIPPET);
		if (o->json) {
			json_begin_object(&j);
			json_key(&j, "label");
			json_label(&j, m->doc, t[i].node);
			json_key(&j, "line");
			json_int(&j, doc_node(m->doc, t[i].node)->line);
			json_key(&j, "text");
			json_string(&j, sn.data, sn.len);
			json_end_object(&j);
		} else {
			put_label(m->doc, t[i].node, o, out);
			fputc('\t', out);
			put_text(o, out, sn.data, sn.len);
			fputc('\n', out);
		}
		buf_done(&sn);
	}
	if (o->json) {
		json_end_array(&j);
		json_finish(&j);
	}
	free(t);
	return 0;
}

/* -------------------------------------------------------------- lint */

struct diagline {
	uint32_t line;
	char *msg;
};

static int
cmp_diag(const void *a, const void *b)
{
	const struct diagline *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static void
add_diag(struct diagline **v, size_t *n, size_t *cap, uint32_t line,
    const char *msg)
{
	GROW(*v, *cap, *n + 1);
	(*v)[*n].line = line;
	(*v)[(*n)++].msg = xstrdup(msg);
}

int
query_lint(const struct model *m, const struct query_opts *o, FILE *out)
{
	const struct doc *d = m->doc;
	struct diagline *v = NULL;
	size_t n = 0, cap = 0;
	struct buf b;

	buf_init(&b);
	for (uint32_t i = 0; i < doc_ndiags(d); i++)
		add_diag(&v, &n, &cap, doc_diag(d, i)->line, doc_str(d, doc_diag(d, i)->msg));
	for (uint32_t i = 0; i < lists_count(m->lists); i++) {
		size_t ni;

		if (!lists_mismatch(m->lists, i))
			continue;
		lists_items(m->lists, i, &ni);
		buf_reset(&b);
		buf_printf(&b, "the lead-in says %d %s but the list has %zu item%s",
		    lists_stated(m->lists, i), lists_noun(m->lists, i), ni, ni == 1 ? "" : "s");
		add_diag(&v, &n, &cap, doc_node(d, lists_at(m->lists, i))->line, b.data);
	}
	/* One line per reference: the edges of "paragraphs 2 to 40" start
	 * at the same words and lie together. */
	for (uint32_t i = 0, j; i < xrefs_count(m->xrefs); i = j) {
		struct xref x = xrefs_get(m->xrefs, i), widest = x;
		uint32_t missing = 0;

		/* Each edge read once: an edge's node is looked up when it
		 * is read (xrefs_get()). */
		for (j = i; j < xrefs_count(m->xrefs); j++) {
			struct xref y = j == i ? x : xrefs_get(m->xrefs, j);

			if (y.off != x.off)
				break;
			missing += y.unresolved;
			if (y.end > widest.end)
				widest = y;
		}
		if (missing == 0)
			continue;
		buf_reset(&b);
		buf_adds(&b, "reference to ");
		xrefs_words(m->xrefs, &widest, &b);
		if (missing == j - i)
			buf_adds(&b, ", which the document does not have");
		else
			buf_printf(&b, ": %u of its %u targets are not in the document",
			    missing, j - i);
		add_diag(&v, &n, &cap, doc_line_of(d, x.off), b.data);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_diag);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s:%u: warning: ", o->name, v[i].line);
		put_text(o, out, v[i].msg, strlen(v[i].msg));
		fputc('\n', out);
		free(v[i].msg);
	}
	free(v);
	buf_done(&b);
	return n > 0 ? 1 : 0;
}
