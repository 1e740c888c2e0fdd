/*
 * fuzz_resolve.c - libFuzzer target: what a reader types, on the bundled
 * document and the test documents.
 *
 * The input is a phrase (cut at its first NUL, as a C string is), given
 * to everything that takes one: resolve() as --resolve and the ':'
 * command line do, with room for many targets and for one; the label
 * lookup; the term lookup; and search, as '/' and --search do
 * (search_compile, search_candidates, search_block, search_nodes), with
 * the query printers behind --resolve and --search writing to
 * /dev/null.
 *
 * Checked: every target is a node of the document, of a kind resolve.h
 * names, with a list or term that exists; "line N" only for a line the
 * document has; asking for one target gives
 * the first of the same answer; a label found has the key of the
 * phrase; and the index never hides a match: every block where
 * search_block finds the pattern is among search_candidates.
 *
 * The documents (resources/iom-dg-response.txt, and law.md,
 * rfc-small.txt and resolution.txt from tests/data) and the lexicon are
 * loaded once, by LLVMFuzzerInitialize.
 */
#include "autoconf.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "display.h"
#include "doc.h"
#include "lexicon.h"
#include "lists.h"
#include "load.h"
#include "model.h"
#include "query.h"
#include "resolve.h"
#include "search.h"
#include "terms.h"
#include "util.h"

#include "fuzz.h"

/* --resolve takes any length; the ':' line holds 511 bytes. */
#define FRES_MAX_INPUT 4096
/* As many targets as the ':' command line asks for. */
#define FRES_TARGETS 4096

static const char *const fres_docs[] = {
	"resources/iom-dg-response.txt",
	"tests/data/index/law.md",
	"tests/data/index/rfc-small.txt",
	"tests/data/index/resolution.txt"
};

static struct lexicon *fres_lx;
static struct model *fres_models[ARRAY_SIZE(fres_docs)];
static struct display *fres_disp;
static struct target *fres_targets;

static void
fres_cleanup(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(fres_models); i++) {
		model_free(fres_models[i]);
		fres_models[i] = NULL;
	}
	lexicon_free(fres_lx);
	fres_lx = NULL;
	display_free(fres_disp);
	fres_disp = NULL;
	free(fres_targets);
	fres_targets = NULL;
}

static struct model *
fres_load(const char *name)
{
	struct load_error e;
	struct text *t;
	struct model *m;
	char *path, *bytes;
	size_t n;

	if (strncmp(name, "resources/", 10) == 0)
		path = fuzz_data_file(name + 10);
	else
		path = fuzz_test_file(name + 11);
	if ((bytes = fuzz_read_file(path, &n)) == NULL) {
		fprintf(stderr, "fuzz_resolve: cannot read %s (set "
		    "LECTERN_DATADIR and TOPSRC)\n", path);
		abort();
	}
	if ((t = load_bytes(path, bytes, n, NULL, &e)) == NULL) {
		fprintf(stderr, "fuzz_resolve: %s: %s\n", path, e.reason);
		abort();
	}
	m = model_build(t, fres_lx);
	load_unref(t);
	free(bytes);
	free(path);
	return m;
}

static void
fres_init(void)
{
	char *path;
	int err = 0;

	if (fres_lx != NULL)
		return;
	path = fuzz_data_file("lexicon");
	fres_lx = lexicon_load(path, &err);
	free(path);
	if (fres_lx == NULL)
		abort();
	for (size_t i = 0; i < ARRAY_SIZE(fres_docs); i++)
		fres_models[i] = fres_load(fres_docs[i]);
	fres_disp = display_new("UTF-8");
	fres_targets = xcalloc(FRES_TARGETS, sizeof(*fres_targets));
	atexit(fres_cleanup);
}

/* ------------------------------------------------------------ search */

struct fres_found {
	const struct doc *d;
	size_t n;
};

static void
fres_match(void *arg, uint32_t off, uint32_t end)
{
	struct fres_found *f = arg;

	FUZZ_CHECK(off < end && end <= doc_text(f->d)->len);
	f->n++;
}

/* The blocks search_block finds a match in are all candidates. */
static void
fres_search(const struct model *m, const char *s)
{
	const struct doc *d = m->doc;
	struct pattern p, first;
	uint32_t *cand, *nodes;
	size_t nc, nn, k = 0;

	if (!search_compile(s, &p)) {
		FUZZ_CHECK(search_nodes(d, m->index, s, &nodes, NULL) == 0);
		free(nodes);
		return;
	}
	nc = search_candidates(d, m->index, &p, &cand);
	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		struct fres_found f = { d, 0 };
		size_t got = search_block(d, b, &p, fres_match, &f);

		FUZZ_CHECK(got == f.n);
		while (k < nc && cand[k] < b)
			k++;
		if (got > 0 && !(k < nc && cand[k] == b))
			FUZZ_FAIL("search: block %u matches '%s' but is not a "
			    "candidate\n", b, s);
	}
	for (size_t i = 0; i < nc; i++)
		FUZZ_CHECK(cand[i] < doc_nblocks(d) &&
		    (i == 0 || cand[i - 1] < cand[i]));
	free(cand);
	search_pattern_free(&p);

	memset(&first, 0, sizeof(first));
	nn = search_nodes(d, m->index, s, &nodes, &first);
	for (size_t i = 0; i < nn; i++)
		FUZZ_CHECK(nodes[i] < doc_nnodes(d) &&
		    (i == 0 || nodes[i - 1] < nodes[i]));
	free(nodes);
	search_pattern_free(&first);
	if (nn > 0) {
		struct query_opts qo = { .width = 80, .name = "fuzz",
		    .disp = fres_disp };

		query_search(m, s, &qo, fuzz_sink());
		qo.json = true;
		query_search(m, s, &qo, fuzz_sink());
	}
}

/* ------------------------------------------------------------ resolve */

/* "line N" answers only for a line the document has (resolve.c: "Past
 * the last line of the document: nothing"). */
static void
fres_line(const struct model *m, const char *s)
{
	const struct doc *d = m->doc;
	unsigned long long line;
	uint32_t last;

	while (isspace((unsigned char)*s))
		s++;
	FUZZ_CHECK(strncasecmp(s, "line", 4) == 0);
	errno = 0;
	line = strtoull(s + 4, NULL, 10);
	FUZZ_CHECK(doc_nnodes(d) > 0);
	last = doc_line_of(d, doc_node(d, doc_nnodes(d) - 1)->end);
	if (errno == ERANGE || line > last)
		FUZZ_FAIL("resolve: '%s' answers, but the document has %u "
		    "lines\n", s, last);
}

static void
fres_resolve(const struct model *m, const char *s)
{
	const struct doc *d = m->doc;
	struct target one[1];
	size_t n, n1;
	uint32_t node, term;

	n = resolve(m, s, fres_targets, FRES_TARGETS);
	for (size_t i = 0; i < MIN(n, (size_t)FRES_TARGETS); i++) {
		const struct target *t = &fres_targets[i];

		FUZZ_CHECK(t->node < doc_nnodes(d));
		FUZZ_CHECK(t->how <= RES_WORDS);
		if (t->how == RES_LIST)
			FUZZ_CHECK(t->list < lists_count(m->lists));
		if (t->how == RES_TERM)
			FUZZ_CHECK(t->term < terms_count(m->terms));
		if (t->how == RES_LINE || t->how == RES_LABEL ||
		    t->how == RES_TERM)
			FUZZ_CHECK(n == 1);
		if (t->how == RES_LINE)
			fres_line(m, s);
	}
	n1 = resolve(m, s, one, 1);
	FUZZ_CHECK(n1 == n);
	if (n > 0)
		FUZZ_CHECK(one[0].node == fres_targets[0].node &&
		    one[0].how == fres_targets[0].how);
	FUZZ_CHECK(resolve(m, s, NULL, 0) == n);
	if (n > 0) {
		struct query_opts qo = { .width = 72, .name = "fuzz",
		    .disp = fres_disp };

		query_resolve(m, s, &qo, fuzz_sink());
		qo.json = qo.all = true;
		query_resolve(m, s, &qo, fuzz_sink());
	}

	if ((node = doc_find_label(d, s)) != DOC_NONE) {
		char lb[DOC_LABEL_MAX];
		size_t len = 2 * (strlen(s) + strlen(doc_label(d, node, lb))) + 1;
		char *k1 = xmalloc(len), *k2 = xmalloc(len);

		FUZZ_CHECK(node < doc_nnodes(d));
		doc_label_key(s, k1, len);
		doc_label_key(doc_label(d, node, lb), k2, len);
		/* The same label, or "Section 3.2" for a section labelled
		 * "3.2". */
		FUZZ_CHECK(strcmp(k1, k2) == 0 ||
		    (strncmp(k1, "section/", 8) == 0 && strcmp(k1 + 8, k2) == 0));
		free(k1);
		free(k2);
	}
	if ((term = terms_find(m->terms, s)) != TERMS_NONE)
		FUZZ_CHECK(term < terms_count(m->terms));
}

static void
fres_one(const uint8_t *data, size_t n)
{
	char *s, *key;
	size_t len;

	if (n > FRES_MAX_INPUT)
		return;
	fres_init();
	s = fuzz_cstring(data, n);
	/* The key buffer at exactly the size doc.h asks for. */
	len = 2 * strlen(s) + 1;
	key = xmalloc(len);
	doc_label_key(s, key, len);
	free(key);
	for (size_t i = 0; i < ARRAY_SIZE(fres_models); i++) {
		fres_resolve(fres_models[i], s);
		fres_search(fres_models[i], s);
	}
	free(s);
}

FUZZ_ENTRY_POINTS(fres_init, fres_one)
