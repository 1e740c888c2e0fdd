/*
 * dump.c - plain text output of a document, through the layout engine.
 */
#include "autoconf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include "display.h"
#include "doc.h"
#include "dump.h"
#include "layout.h"
#include "util.h"

static int
dump_blocks(const struct doc *d, uint32_t from, uint32_t to,
    struct display *disp, int width, FILE *out)
{
	struct layout *l = layout_new(d, disp, width, LAYOUT_BLANKS);
	struct buf line;

	buf_init(&line);
	for (uint32_t b = from; b < to; b++) {
		struct lblock *lb = layout_block(l, b);

		for (size_t i = 0; i < lb->nlines; i++) {
			if (b == from && (lb->lines[i].flags & LL_BLANK))
				continue;
			buf_reset(&line);
			lblock_line_text(lb, i, &line);
			buf_addc(&line, '\n');
			fwrite(line.data, 1, line.len, out);
		}
		lblock_free(lb);
		if (ferror(out))
			break;
	}
	buf_done(&line);
	layout_free(l);
	if (fflush(out) == EOF || ferror(out))
		return -1;
	return 0;
}

int
dump_doc(const struct doc *d, struct display *disp, int width, FILE *out)
{
	return dump_blocks(d, 0, doc_nblocks(d), disp, width, out);
}

int
dump_node(const struct doc *d, uint32_t node, struct display *disp,
    int width, FILE *out)
{
	const struct node *n = doc_node(d, node);

	return dump_blocks(d, n->first_block, n->end_block, disp, width, out);
}
