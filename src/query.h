/*
 * query.h - the command-line queries: each reads the model and prints
 * text, or JSON with --json (the shapes are documented in the man page).
 * Each returns the exit status: 0, or 1 when nothing was found (for
 * --lint: when something was flagged).
 */
#ifndef LECTERN_QUERY_H
#define LECTERN_QUERY_H

#include <stdbool.h>
#include <stdio.h>

struct doc;
struct model;
struct display;

struct query_opts {
	bool json;
	bool all;               /* --resolve: every match */
	int width;              /* for reflowed text */
	const char *name;       /* the document's name, for diagnostics */
	struct display *disp;   /* for text output */
};

int query_outline(const struct doc *d, const struct query_opts *o, FILE *out);
int query_print(const struct model *m, const char *label,
    const struct query_opts *o, FILE *out);
int query_lists(const struct model *m, const struct query_opts *o, FILE *out);
int query_xrefs(const struct model *m, const struct query_opts *o, FILE *out);
int query_terms(const struct model *m, const struct query_opts *o, FILE *out);
int query_search(const struct model *m, const char *words,
    const struct query_opts *o, FILE *out);
int query_resolve(const struct model *m, const char *phrase,
    const struct query_opts *o, FILE *out);
int query_lint(const struct model *m, const struct query_opts *o, FILE *out);

#endif
