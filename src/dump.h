/*
 * dump.h - the document as plain text on a stream (--dump, and what
 * lectern prints when standard output is not a terminal): reflowed to a
 * width, with the title centred, paragraph numbers in a margin, items
 * with hanging indents, and every control character as a placeholder.
 */
#ifndef LECTERN_DUMP_H
#define LECTERN_DUMP_H

#include <stdio.h>

struct doc;
struct display;

/* Write d to out laid out at width columns.  Returns 0, or -1 with errno
 * set when writing failed. */
int dump_doc(const struct doc *d, struct display *disp, int width, FILE *out);

/* Write the blocks of one node's subtree the same way (--print). */
int dump_node(const struct doc *d, uint32_t node, struct display *disp,
    int width, FILE *out);

#endif
