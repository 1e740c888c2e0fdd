/*
 * fuzz_load.c - libFuzzer target: arbitrary bytes as a document, through
 * everything a reader does with one.
 *
 * The input is loaded with the encoding rules (load_bytes; with --force
 * when it is refused as binary; once more with a forced encoding when
 * its last byte is 0xF8 or above), and loaded again from a file the way
 * the reader reads large files, lazily (load_open with a small prefix,
 * a window model of the part read so far, load_finish, load_redecode):
 * both ways must give the same text.  The text is parsed, indexed and
 * cross-referenced (model_build), and then queried as the reader and
 * the command line do: every query of query.h into /dev/null, every
 * label looked up again, a label, a word and a phrase taken from the
 * input (doc_find_label, search, resolve), related passages and
 * backlinks of a few nodes, snippets, a window parsed from the middle,
 * and the whole document dumped at a width taken from the input.
 *
 * The input is at most 1 MiB here (the make rules cap it at 64 KiB with
 * -max_len); the lazy load writes it to one temporary file per process,
 * removed at exit.
 */
#include "autoconf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "display.h"
#include "doc.h"
#include "dump.h"
#include "lexicon.h"
#include "lists.h"
#include "load.h"
#include "model.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "search.h"
#include "terms.h"
#include "util.h"
#include "xref.h"

#include "fuzz.h"

#define FLOAD_MAX_INPUT (1024u * 1024u)
#define FLOAD_TARGETS 64
#define FLOAD_WORD_MAX 64

static struct lexicon *fload_lx;
static struct display *fload_disp;
static char *fload_tmp;
static int fload_fd = -1;

static void
fload_cleanup(void)
{
	if (fload_fd >= 0)
		close(fload_fd);
	fload_fd = -1;
	if (fload_tmp != NULL) {
		unlink(fload_tmp);
		free(fload_tmp);
		fload_tmp = NULL;
	}
	lexicon_free(fload_lx);
	fload_lx = NULL;
	display_free(fload_disp);
	fload_disp = NULL;
}

static void
fload_init(void)
{
	char *path;
	int err = 0;
	size_t n;

	if (fload_lx != NULL)
		return;
	path = fuzz_data_file("lexicon");
	fload_lx = lexicon_load(path, &err);
	free(path);
	fload_disp = display_new("UTF-8");
	n = strlen(fuzz_tmpdir()) + 64;
	fload_tmp = malloc(n);
	if (fload_lx == NULL || fload_disp == NULL || fload_tmp == NULL)
		abort();
	snprintf(fload_tmp, n, "%s/lectern-fuzz-load.%ld", fuzz_tmpdir(),
	    (long)getpid());
	fload_fd = fuzz_open_tmp(fload_tmp);
	atexit(fload_cleanup);
}

/* ------------------------------------------------------------ loading */

/* The same text, whichever way it was read. */
static void
fload_same(const struct text *a, const struct text *b)
{
	FUZZ_CHECK(load_complete(a) && load_complete(b));
	FUZZ_CHECK(a->len == b->len);
	FUZZ_CHECK(memcmp(a->data, b->data, a->len) == 0);
	FUZZ_CHECK(a->data[a->len] == '\0' && b->data[b->len] == '\0');
	FUZZ_CHECK(strcasecmp(a->encoding, b->encoding) == 0);
	FUZZ_CHECK(a->replaced == b->replaced);
	FUZZ_CHECK(load_hash(a) == load_hash(b));
}

/* A window, as the reader builds for the first screen of a large file:
 * text[start, end) cut after a blank line, parsed and indexed. */
static void
fload_window(struct text *t, uint32_t start, uint32_t end)
{
	struct model *m;
	uint32_t b;

	if (end < start)
		return;
	for (b = end; b > start + (end - start) / 2; b--)
		if (t->data[b - 1] == '\n' && b >= 2 &&
		    (t->data[b - 2] == '\n' || t->data[b - 2] == '\r'))
			break;
	if (b > start + (end - start) / 2)
		end = b;
	m = model_from_doc(parse_range(t, start, end, start == 0 ? 1 : 0,
	    false), fload_lx);
	FUZZ_CHECK(m != NULL && m->doc != NULL);
	FUZZ_CHECK(!doc_is_complete(m->doc));
	for (uint32_t i = 0; i < doc_nnodes(m->doc); i++) {
		const struct node *nd = doc_node(m->doc, i);

		FUZZ_CHECK(nd->start >= start && nd->start <= end);
	}
	model_free(m);
}

/* Read the input from a file the way the reader does: the beginning at
 * once, then the rest; decoded again as Windows-1252 when the rest is
 * not UTF-8.  Returns the complete text. */
static struct text *
fload_lazily(const uint8_t *data, size_t n, size_t prefix)
{
	struct load_opts o = { .force = true, .prefix = prefix };
	struct load_error e;
	struct text *t;
	int rc;

	fuzz_rewrite(fload_fd, data, n);
	t = load_open(fload_tmp, &o, &e);
	if (t == NULL)
		FUZZ_FAIL("load_open: %s\n", e.reason);
	if (!load_complete(t)) {
		FUZZ_CHECK(load_avail(t) <= t->len);
		fload_window(t, 0, (uint32_t)load_avail(t));
	}
	rc = load_finish(t);
	FUZZ_CHECK(rc == 0 || rc == 1);
	if (rc == 1) {
		struct text *re = load_redecode(t);

		load_unref(t);
		t = re;
	}
	return t;
}

/* An encoding forced by --encoding, chosen by the last byte. */
static void
fload_forced(const uint8_t *data, size_t n, unsigned which)
{
	static const char *const names[] = {
		"UTF-16", "UTF-16LE", "UTF-32BE", "ISO-8859-1",
		"UTF-8", "CP1252", "KOI8-R", "no-such-encoding"
	};
	struct load_opts o = { .encoding = names[which % ARRAY_SIZE(names)],
	    .force = true };
	struct load_error e;
	struct text *t = load_bytes("fuzz", data, n, &o, &e);

	if (t == NULL) {
		FUZZ_CHECK(e.reason[0] != '\0');
		return;
	}
	FUZZ_CHECK(t->forced && t->data[t->len] == '\0');
	load_unref(t);
}

/* ------------------------------------------------------------ queries */

/* A token of the input: the bytes at off up to white space, at most
 * FLOAD_WORD_MAX of them, as a C string. */
static void
fload_word(const uint8_t *data, size_t n, size_t off, char *out)
{
	size_t k = 0;

	while (off < n && k < FLOAD_WORD_MAX && data[off] != '\0' &&
	    data[off] != ' ' && data[off] != '\n' && data[off] != '\t')
		out[k++] = (char)data[off++];
	out[k] = '\0';
}

static void
fload_count_xref(void *arg, const struct xref *x)
{
	const struct doc *d = arg;

	FUZZ_CHECK(x->from < doc_nnodes(d));
	FUZZ_CHECK(x->to == DOC_NONE || x->to < doc_nnodes(d));
}

static void
fload_match(void *arg, uint32_t off, uint32_t end)
{
	const struct doc *d = arg;

	FUZZ_CHECK(off <= end && end <= doc_text(d)->len);
}

/* Every label is found again, as the reader's ':' finds it. */
static void
fload_labels(const struct doc *d)
{
	for (uint32_t i = 0; i < doc_nnodes(d); i++) {
		char lb[DOC_LABEL_MAX], lbj[DOC_LABEL_MAX];
		const char *l = doc_label(d, i, lb);
		char *k1, *k2;
		uint32_t j;
		size_t n;

		if (*l == '\0')
			continue;
		j = doc_find_label(d, l);
		if (j == DOC_NONE)
			continue;       /* a label with no letter or digit */
		FUZZ_CHECK(j < doc_nnodes(d));
		n = 2 * (strlen(l) + strlen(doc_label(d, j, lbj))) + 1;
		k1 = xmalloc(n);
		k2 = xmalloc(n);
		doc_label_key(l, k1, n);
		doc_label_key(doc_label(d, j, lbj), k2, n);
		FUZZ_CHECK(strcmp(k1, k2) == 0);
		free(k1);
		free(k2);
	}
}

/* The reader's lookups around one node. */
static void
fload_node(const struct model *m, uint32_t node)
{
	struct xref rel[XREF_RELATED_MAX];
	struct buf b;
	size_t k;

	if (node >= doc_nnodes(m->doc))
		return;
	k = xrefs_related(m->xrefs, node, rel);
	FUZZ_CHECK(k <= XREF_RELATED_MAX);
	for (size_t i = 0; i < k; i++) {
		FUZZ_CHECK(rel[i].to < doc_nnodes(m->doc));
		FUZZ_CHECK(rel[i].to != node);
	}
	xrefs_backlinks(m->xrefs, node, fload_count_xref, m->doc);
	buf_init(&b);
	doc_node_snippet(m->doc, node, &b, 60);
	FUZZ_CHECK(b.len <= 60 + 3);
	buf_done(&b);
	(void)lists_of_item(m->lists, node);
	(void)lists_held_by(m->lists, node);
}

/* A word of the input searched for, and resolved, as '/' and ':' do. */
static void
fload_search(const struct model *m, const char *word,
    const struct query_opts *qo)
{
	struct target tg[FLOAD_TARGETS];
	struct pattern p, first;
	uint32_t *v;
	size_t n;

	if (search_compile(word, &p)) {
		n = search_candidates(m->doc, m->index, &p, &v);
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(v[i] < doc_nblocks(m->doc));
			FUZZ_CHECK(i == 0 || v[i - 1] < v[i]);
			search_block(m->doc, v[i], &p, fload_match, m->doc);
		}
		free(v);
		search_pattern_free(&p);
	}
	memset(&first, 0, sizeof(first));
	n = search_nodes(m->doc, m->index, word, &v, &first);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(v[i] < doc_nnodes(m->doc));
	free(v);
	search_pattern_free(&first);
	if (n > 0)
		query_search(m, word, qo, fuzz_sink());
	n = resolve(m, word, tg, FLOAD_TARGETS);
	for (size_t i = 0; i < MIN(n, (size_t)FLOAD_TARGETS); i++)
		FUZZ_CHECK(tg[i].node < doc_nnodes(m->doc));
	if (n > 0)
		query_resolve(m, word, qo, fuzz_sink());
}

static void
fload_queries(const struct model *m, const uint8_t *data, size_t n,
    int width)
{
	struct query_opts qo = { .width = width, .name = "fuzz",
	    .disp = fload_disp };
	const struct doc *d = m->doc;
	uint32_t nn = doc_nnodes(d), node;
	char word[FLOAD_WORD_MAX + 1];
	struct buf b;
	size_t off;
	int spaces;

	/* Text or JSON, as the length says (both print the same walk);
	 * --xrefs, which asks for the related passages of every node,
	 * for half the inputs only. */
	qo.json = n & 1;
	query_outline(d, &qo, fuzz_sink());
	query_lists(m, &qo, fuzz_sink());
	if (n & 2)
		query_xrefs(m, &qo, fuzz_sink());
	query_terms(m, &qo, fuzz_sink());
	qo.json = false;
	query_lint(m, &qo, fuzz_sink());
	fload_labels(d);

	/* A label from the input: the first marker-like token. */
	for (off = 0; off < n && data[off] != '(' &&
	    !(data[off] >= '0' && data[off] <= '9'); off++)
		;
	fload_word(data, n, off, word);
	node = doc_find_label(d, word);
	FUZZ_CHECK(node == DOC_NONE || node < nn);
	if (node != DOC_NONE) {
		query_print(m, word, &qo, fuzz_sink());
		fload_node(m, node);
	}
	/* A word from the middle, and two words from the start. */
	off = n / 2;
	while (off > 0 && data[off - 1] != ' ' && data[off - 1] != '\n')
		off--;
	fload_word(data, n, off, word);
	fload_search(m, word, &qo);
	/* The first words of the input, up to the second space. */
	for (off = 0, spaces = 0; off < MIN(n, (size_t)FLOAD_WORD_MAX) &&
	    data[off] != '\0' && data[off] != '\n'; off++) {
		if (data[off] == ' ' && ++spaces == 2)
			break;
		word[off] = (char)data[off];
	}
	word[off] = '\0';
	fload_search(m, word, &qo);

	/* Nodes here and there. */
	if (nn > 0) {
		fload_node(m, 0);
		fload_node(m, nn / 2);
		fload_node(m, nn - 1);
		fload_node(m, doc_node_at(d, (uint32_t)(doc_text(d)->len / 3)));
	}
	xrefs_terms(m->xrefs, fload_count_xref, (void *)d);
	buf_init(&b);
	for (uint32_t i = 0; i < xrefs_count(m->xrefs); i++) {
		const struct xref x0 = xrefs_get(m->xrefs, i), *x = &x0;

		FUZZ_CHECK(x->from < nn);
		FUZZ_CHECK(x->to == DOC_NONE || x->to < nn);
		FUZZ_CHECK(x->off <= x->end && x->end <= doc_text(d)->len);
		buf_reset(&b);
		xrefs_words(m->xrefs, x, &b);
	}
	for (uint32_t i = 0; i < lists_count(m->lists); i++) {
		size_t k;
		const uint32_t *it = lists_items(m->lists, i, &k);

		FUZZ_CHECK(lists_at(m->lists, i) < nn);
		for (size_t j = 0; j < k; j++)
			FUZZ_CHECK(it[j] < nn);
	}
	/* Every term is found by its own text (the ':' line completes
	 * terms, then resolves them) -- unless a word of it is longer than
	 * the index keeps (TOKEN_MAX in token.h): such words are cut. */
	for (uint32_t i = 0; i < terms_count(m->terms); i++) {
		const char *tx = terms_text(m->terms, i);
		size_t run = 0, longest = 0;

		for (const char *c = tx; *c; c++) {
			run = *c == ' ' ? 0 : run + 1;
			longest = MAX(longest, run);
		}
		if (longest < FLOAD_WORD_MAX / 2)
			FUZZ_CHECK(terms_find(m->terms, tx) != TERMS_NONE);
	}
	buf_reset(&b);
	doc_text_span(d, 0, (uint32_t)doc_text(d)->len, &b);
	buf_done(&b);
}

/* ------------------------------------------------------------ the target */

static void
fload_one(const uint8_t *data, size_t n)
{
	struct load_opts o = { 0 };
	struct load_error e;
	struct text *t, *forced, *lazy;
	struct model *m;
	int width;
	uint32_t len;

	if (n > FLOAD_MAX_INPUT)
		return;
	fload_init();

	/* As a file is opened: binary files are refused, unless forced. */
	t = load_bytes("fuzz", data, n, &o, &e);
	o.force = true;
	forced = load_bytes("fuzz", data, n, &o, &e);
	if (forced == NULL)
		FUZZ_FAIL("load_bytes --force: %s\n", e.reason);
	if (t == NULL) {
		FUZZ_CHECK(e.reason[0] != '\0');
		t = load_ref(forced);
	} else
		fload_same(t, forced);
	if (n > 0 && data[n - 1] >= 0xF8)
		fload_forced(data, n, data[n - 1]);
	lazy = fload_lazily(data, n, 1 + (n > 0 ? data[n / 2] : 0) * 64u);
	fload_same(lazy, forced);
	load_unref(lazy);
	load_unref(forced);

	/* The model, the queries and the dump. */
	m = model_build(t, fload_lx);
	FUZZ_CHECK(m != NULL && doc_is_complete(m->doc));
	width = 1 + (n > 0 ? data[0] : 0) % 200;
	fload_queries(m, data, n, width);
	FUZZ_CHECK(dump_doc(m->doc, fload_disp, width, fuzz_sink()) == 0);
	model_free(m);

	/* A window from the middle, as the reader makes for a large file
	 * still being indexed. */
	len = (uint32_t)t->len;
	if (len > 2) {
		uint32_t start = parse_window_start(t, len / 4, len / 2);

		FUZZ_CHECK(start >= len / 4 && start <= len / 2);
		fload_window(t, start, len);
	}
	load_unref(t);
}

FUZZ_ENTRY_POINTS(fload_init, fload_one)
