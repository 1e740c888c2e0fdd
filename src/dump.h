/*
 * dump.h - the document as plain text on a stream (--dump, and what
 * lectern prints when standard output is not a terminal).
 */
#ifndef LECTERN_DUMP_H
#define LECTERN_DUMP_H

#include <stdio.h>

struct text;
struct display;

/* Write t to out line by line: line ends normalised, tabs expanded, every
 * control character as a visible placeholder.  Returns 0, or -1 with
 * errno set when writing failed. */
int dump_text(const struct text *t, struct display *d, FILE *out);

#endif
