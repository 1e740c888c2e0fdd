/*
 * fixture.c - models, the bundled document and the shipped lexicon for
 * the unit tests, and the list of what a test holds (fixture.h).
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "fixture.h"
#include "lexicon.h"
#include "load.h"
#include "model.h"
#include "run.h"

struct model *
fixture_build(const char *s, const struct lexicon *lx)
{
	struct load_error e;
	struct text *t = load_bytes("test", s, strlen(s), NULL, &e);
	struct model *m;

	assert_non_null(t);
	m = model_build(t, lx);
	load_unref(t);          /* the model holds its own reference */
	assert_non_null(m);
	return m;
}

char *
fixture_bundled_text(size_t *n)
{
	return test_read(test_src("resources/iom-dg-response.txt"), n);
}

struct model *
fixture_build_bundled(const struct lexicon *lx)
{
	size_t n;
	char *s = fixture_bundled_text(&n);
	struct model *m = fixture_build(s, lx);

	free(s);
	return m;
}

struct lexicon *
fixture_lexicon(void)
{
	int err = 0;
	struct lexicon *lx = lexicon_load(test_src("resources/lexicon"), &err);

	if (lx != NULL && err != 0) {
		lexicon_free(lx);
		lx = NULL;
	}
	return lx;
}

const char *
fixture_label(const struct model *m, uint32_t node)
{
	const char *l;

	if (node == DOC_NONE)
		return "NONE";
	l = fixture_doc_label(m->doc, node);
	if (*l == '\0')
		return doc_node(m->doc, node)->kind == NODE_TITLE ? "title" : "-";
	return l;
}

const char *
fixture_labels(const struct model *m, const uint32_t *nodes, size_t n)
{
	static char out[4096];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    i ? " " : "", fixture_label(m, nodes[i]));
	return out;
}

uint32_t
fixture_node(const struct model *m, const char *lab)
{
	uint32_t n = doc_find_label(m->doc, lab);

	if (n == DOC_NONE)
		fail_msg("no node %s", lab);
	return n;
}

/* ------------------------------------------------------------- held */

#define MAXHELD 64

static struct {
	void *p;
	void (*release)(void *);
} held[MAXHELD];
static size_t nheld;

void *
fixture_hold(void *p, void (*release)(void *))
{
	assert_true(nheld < MAXHELD);
	held[nheld].p = p;
	held[nheld].release = release;
	nheld++;
	return p;
}

void
fixture_drop(void *p)
{
	for (size_t i = nheld; i-- > 0;)
		if (held[i].p == p) {
			void (*release)(void *) = held[i].release;

			held[i] = held[--nheld];
			release(p);
			return;
		}
	fail_msg("drop: %p is not held", p);
}

int
fixture_release_all(void **state)
{
	(void)state;
	while (nheld > 0) {
		nheld--;
		held[nheld].release(held[nheld].p);
	}
	return 0;
}

const char *
fixture_doc_label(const struct doc *d, uint32_t node)
{
	static char ring[16][DOC_LABEL_MAX];
	static unsigned next;

	return doc_label(d, node, ring[next++ % 16]);
}
