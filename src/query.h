/*
 * query.h - the command-line queries (--outline, --print, --lists,
 * --xrefs, --terms, --search, --resolve, --lint): each reads the model
 * and prints text, or JSON with --json.  The JSON shapes are documented
 * in the man page.
 */
#ifndef LECTERN_QUERY_H
#define LECTERN_QUERY_H

#include <stdbool.h>
#include <stdio.h>

struct doc;
struct display;

struct query_opts {
	bool json;
	bool all;               /* --resolve: every match */
	int width;              /* for reflowed text */
	const char *name;       /* the document's name, for diagnostics */
	struct display *disp;   /* for text output */
};

/* Each returns the exit status: 0, or 1 when nothing was found (or,
 * for --lint, when something was flagged). */
int query_outline(const struct doc *d, const struct query_opts *o, FILE *out);

#endif
