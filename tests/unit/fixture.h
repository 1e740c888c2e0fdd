/*
 * fixture.h - what the unit tests build their documents from: a model
 * from a string, the bundled document, the shipped lexicon, how a test
 * names a node; and a list of what a test holds, released after it.
 *
 * The helpers fail the running test (cmocka) rather than return errors,
 * so call them from a test, or from a setup that cmocka runs.
 */
#ifndef LECTERN_TEST_FIXTURE_H
#define LECTERN_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

struct doc;
struct lexicon;
struct model;

/* The model of the string s, built with lx (which must outlive it). */
struct model *fixture_build(const char *s, const struct lexicon *lx);
/* $TOPSRC/resources/iom-dg-response.txt: its n bytes (caller frees), or
 * its model built with lx. */
char *fixture_bundled_text(size_t *n);
struct model *fixture_build_bundled(const struct lexicon *lx);
/* $TOPSRC/resources/lexicon, or NULL (for a setup to fail with) when it
 * does not load without errors. */
struct lexicon *fixture_lexicon(void);

/* A node as the tests write it: its label, "title" for an unlabelled
 * title, "-" for another unlabelled node, "NONE" for DOC_NONE. */
const char *fixture_label(const struct model *m, uint32_t node);
/* "5(a) 5(b) 5(c)": fixture_label of n nodes, by spaces (a static
 * buffer, overwritten by the next call). */
const char *fixture_labels(const struct model *m, const uint32_t *nodes,
    size_t n);
/* doc_label() into one of 16 buffers in turn (the 16th call after
 * overwrites it). */
const char *fixture_doc_label(const struct doc *d, uint32_t node);
/* The node labelled lab, which must exist. */
uint32_t fixture_node(const struct model *m, const char *lab);

/* What a test allocates is held here and released after it, passed or
 * failed (cmocka leaves a failing test by longjmp), so that a leak
 * report is about the code under test, never about a failed test.
 * fixture_hold returns p; fixture_drop releases p now;
 * fixture_release_all, a cmocka teardown, releases what is left. */
void *fixture_hold(void *p, void (*release)(void *));
void fixture_drop(void *p);
int fixture_release_all(void **state);

#endif
