/*
 * doc.h - the document model: a tree of labelled nodes over blocks of
 * text that point into the loaded text.
 *
 * A document is built once by the parser (parse.h) and never changes
 * afterwards; everything downstream (index, cross-references, layout,
 * the reader) receives it const and may share it between threads.
 *
 * Nodes.  Every structural unit -- the title, a heading, a numbered
 * section, a paragraph, a lettered item, a roman sub-item -- is a node.
 * Nodes are numbered in document order (preorder), so node ids compare
 * like positions, and a node's subtree is the range of ids
 * [id, id + node->size).  The tree is transparent: struct node is public
 * and cheap to walk, through doc_node().
 *
 * Blocks.  The text itself lives in blocks, in document order: a block
 * is a run of prose to be reflowed, a preformatted run kept line for
 * line, or a heading's text.  Each block belongs to one node.  A node's
 * own text is usually one block before its children; text that follows
 * its children (after an inline sub-item, say) is a further block of the
 * same node, flagged BLOCK_CONT.  The blocks of a subtree are contiguous:
 * [node->first_block, node->end_block).
 *
 * Pieces.  The text of a block is not copied: it is a list of pieces,
 * each a span of the loaded text (one source line, or part of one), and
 * a way of joining it to the piece before (a space, nothing -- after a
 * dropped line-end hyphen --, or a line break in preformatted text).
 * So the model costs a few words per line whatever the document's size,
 * and offsets in it are offsets in the loaded text: positions survive
 * when a document is parsed again.
 *
 * Strings (labels, markers, the title) are interned in the document and
 * live as long as it does.
 */
#ifndef LECTERN_DOC_H
#define LECTERN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOC_NONE UINT32_MAX

enum node_kind {
	NODE_TITLE,
	NODE_HEADING,       /* "Article 3", "Annex I", an ALL-CAPS line */
	NODE_SECTION,       /* "3.2 Heading" in RFC-like documents */
	NODE_PARAGRAPH,     /* "5." -- or unnumbered, with an empty label */
	NODE_ITEM,          /* "(a)" */
	NODE_SUBITEM,       /* "(i)", and anything nested deeper */
	NODE_NKINDS
};

struct node {
	uint32_t parent;        /* DOC_NONE for top-level nodes */
	uint32_t size;          /* nodes in the subtree, itself included
	                           (children and siblings follow from it:
	                           doc_first_child(), doc_next_sibling()) */
	uint32_t first_block;   /* the subtree's blocks: [first_block, */
	uint32_t end_block;     /*   end_block) */
	uint32_t start;         /* the node's range in the text, its marker */
	uint32_t end;           /*   included */
	uint32_t line;          /* 1-based source line of its start */
	uint32_t label;         /* string id: "5(b)(ii)", "" if unnumbered;
	                           with NODE_LABEL_ITEM only its own part
	                           ("(ii)"; doc_label() puts it together) */
	uint32_t marker;        /* string id: "5.", "(b)", "3.2." as written,
	                           or with NODE_MARKER_DOT the label's first
	                           string ("5"), a '.' after it (doc_marker()
	                           puts them together) */
	uint32_t heading;       /* string id: a section's or heading's text */
	uint16_t depth;         /* 0 for top-level nodes */
	uint8_t kind;           /* enum node_kind */
	uint8_t flags;          /* NODE_* below */
};

enum {
	NODE_INLINE = 1,        /* its marker stood inside a sentence */
	NODE_QUALIFIES = 2,     /* a heading whose label's key, then '/', may
	                           begin another label's key ("Annex I 3");
	                           without it, none does */
	NODE_MARKER_DOT = 4,    /* marker is its label as first given, and a
	                           '.' (not stored twice: 1.6 MB of the
	                           benchmark's 100 MB) */
	NODE_LABEL_ITEM = 8     /* an item's label is its nearest labelled
	                           ancestor's, then its own part (not stored
	                           whole: 3.5 MB of the benchmark's 100 MB) */
};

enum block_kind {
	BLOCK_TEXT,             /* prose: reflowed */
	BLOCK_PRE,              /* preformatted: kept line for line */
	BLOCK_HEADING,          /* a heading's or section's title */
	BLOCK_TITLE             /* the document's title block */
};

enum {
	BLOCK_CONT = 1,         /* the node's text after its children */
	BLOCK_MORE = 2,         /* the block before goes on: a paragraph
	                           too long for one block (BLOCK_MAX) */
	BLOCK_HANG = 4          /* prose that opens with a marker of its own
	                           ("o", "-", "A."): its lines after the
	                           first hang after the marker */
};

/* A block holds at most about this many bytes of text, so that laying
 * one out costs little whatever the input (a 50 MB line is cut into
 * blocks of the same node, at spaces). */
#define BLOCK_MAX (64u << 10)

/* A block's pieces run up to the next block's first: the document's
 * blocks are followed by one more that only marks where the pieces end,
 * so that a block is 16 bytes (a long document has half a million). */
struct block {
	uint32_t node;          /* the node it belongs to */
	uint32_t first_piece;   /* pieces [first_piece, block_end_piece()) */
	uint32_t line;          /* 1-based source line of its first piece */
	uint8_t kind;           /* enum block_kind */
	uint8_t flags;          /* BLOCK_* above */
};

/* The end of a block's pieces; bl is one of the document's blocks
 * (doc_block()), not a copy. */
static inline uint32_t
block_end_piece(const struct block *bl)
{
	return bl[1].first_piece;
}

enum piece_join {
	JOIN_SPACE,             /* a space between it and the piece before */
	JOIN_GLUE,              /* nothing: a word broken at a line end */
	JOIN_LINE               /* a line break (preformatted text) */
};

/* There is a piece per source line, so it is kept to 8 bytes: its
 * length is at most BLOCK_MAX (a longer line is cut into blocks), and
 * its indentation is kept up to PIECE_INDENT_MAX columns, far wider than
 * any screen (a line indented further counts as indented that much). */
#define PIECE_INDENT_MAX 8191u

struct piece {
	uint32_t off;           /* span of the loaded text */
	unsigned len : 17;      /*   (at most BLOCK_MAX bytes) */
	unsigned indent : 13;   /* columns of indentation (preformatted) */
	unsigned join : 2;      /* enum piece_join, to the piece before */
};

struct pagebreak {
	uint32_t off;           /* where the new page begins in the text */
	uint32_t line;
	uint32_t block;         /* the first block at or after it */
};

struct diag {
	uint32_t line;
	uint32_t msg;           /* string id */
};

struct doc;
struct text;

/* The text the document was parsed from (the document holds a
 * reference to it). */
const struct text *doc_text(const struct doc *d);
/* The document's bytes: doc_text(d)->data. */
const char *doc_data(const struct doc *d);

/* Is this the whole document, or a model of part of it (a window built
 * for the first screen while the rest is still being read)?  For a
 * window, doc_range() gives the part of the text it covers. */
bool doc_is_complete(const struct doc *d);
void doc_range(const struct doc *d, uint32_t *start, uint32_t *end);
/* The recogniser that read it: "report", "rfc", "markdown". */
const char *doc_kind(const struct doc *d);
/* Are its line numbers those of the file?  Not for a window that starts
 * in the middle of a file still being read. */
bool doc_lines_known(const struct doc *d);

uint32_t doc_nnodes(const struct doc *d);
const struct node *doc_node(const struct doc *d, uint32_t id);
/* A node's first child and its next sibling (top-level nodes are
 * siblings of each other), DOC_NONE for none.  Not stored: in preorder
 * the first child is the node after it, and the next sibling the node
 * after its subtree when that one has the same parent (44 bytes a node
 * instead of 52, 4.5 MB of a 100 MB document's 560 000 nodes). */
uint32_t doc_first_child(const struct doc *d, uint32_t id);
uint32_t doc_next_sibling(const struct doc *d, uint32_t id);
uint32_t doc_nblocks(const struct doc *d);
const struct block *doc_block(const struct doc *d, uint32_t id);
const struct piece *doc_piece(const struct doc *d, uint32_t id);
uint32_t doc_npagebreaks(const struct doc *d);
const struct pagebreak *doc_pagebreak(const struct doc *d, uint32_t i);
uint32_t doc_ndiags(const struct doc *d);
const struct diag *doc_diag(const struct doc *d, uint32_t i);

/* An interned string by id (never NULL; "" for id 0). */
const char *doc_str(const struct doc *d, uint32_t id);
/* Shorthands for a node's strings. */
/* The label, from the pool or made in buf (DOC_LABEL_MAX bytes): an
 * item's is put together from its ancestors' when it is asked for. */
#define DOC_LABEL_MAX 128
const char *doc_label(const struct doc *d, uint32_t node, char *buf);
/* The marker, from the pool or made in buf (DOC_MARKER_MAX bytes). */
#define DOC_MARKER_MAX 64
const char *doc_marker(const struct doc *d, uint32_t node, char *buf);
/* The title, joined into one line ("" when there is none). */
const char *doc_title(const struct doc *d);
uint32_t doc_title_node(const struct doc *d);
const char *doc_kind_name(enum node_kind k);

/* The node with this label, compared after normalising both (case,
 * spaces, parentheses: "5b", "5 (b)" and "5(b)" are one label), or
 * DOC_NONE. */
uint32_t doc_find_label(const struct doc *d, const char *label);
/* Normalise a label for comparison into out (at least 2 * strlen + 1
 * bytes): lower case, no spaces, "5b" and "5(b)" alike. */
void doc_label_key(const char *label, char *out, size_t outsize);

/* The block holding text offset off (the last block starting at or
 * before it), or DOC_NONE for an empty document. */
uint32_t doc_block_at(const struct doc *d, uint32_t off);
/* The same, when block hint is likely the one: looked for only when it
 * is not. */
uint32_t doc_block_at_hint(const struct doc *d, uint32_t off, uint32_t hint);
/* The first block whose source line is at or after line, DOC_NONE if
 * none. */
uint32_t doc_block_at_line(const struct doc *d, uint32_t line);
/* The deepest node whose text holds offset off. */
uint32_t doc_node_at(const struct doc *d, uint32_t off);
/* Source line of text offset off (counted from the nearest block). */
uint32_t doc_line_of(const struct doc *d, uint32_t off);
/* The text offset where a block's text starts (its first piece). */
uint32_t doc_block_start(const struct doc *d, uint32_t block);
/* Is node a an ancestor of node b (or b itself)? */
bool doc_contains(const struct doc *d, uint32_t a, uint32_t b);

/* The joined text of a block (its pieces with their joins: spaces, and
 * newlines in preformatted text), appended to out; with max > 0, stop
 * after about max bytes.  For snippets and tests; the layout and the
 * index walk the pieces themselves. */
struct buf;
void doc_block_text(const struct doc *d, uint32_t block, struct buf *out,
    size_t max);
/* The text between offsets from and to as the model reads it: pieces
 * joined as they are (a space, nothing after a rejoined word), line ends
 * and indentation between them left out.  Appended to out. */
void doc_text_span(const struct doc *d, uint32_t from, uint32_t to,
    struct buf *out);
/* The same, given the block that holds offset from (looked for only
 * when it is not that one). */
void doc_text_span_at(const struct doc *d, uint32_t block, uint32_t from,
    uint32_t to, struct buf *out);
/* The same as words, up to a NUL: white space squeezed (squeeze_space()),
 * so that a phrase over a line or page break reads as one line, without
 * the page's running header or footer. */
void doc_words_span(const struct doc *d, uint32_t from, uint32_t to,
    struct buf *out);
/* The first words of a node's own text, at most max bytes, cut at a word
 * boundary with "…" added when cut (for outlines and panels). */
void doc_node_snippet(const struct doc *d, uint32_t node, struct buf *out,
    size_t max);

void doc_free(struct doc *d);

/* ---------------------------------------------------------------------
 * Building (for the parser only).  Nodes are appended in preorder: a new
 * node's parent must be the last node appended or one of its ancestors.
 * Blocks and pieces are appended in document order.
 */
struct docb;

struct docb *docb_new(struct text *t, uint32_t start, uint32_t end,
    bool complete, bool lines_known);
uint32_t docb_str(struct docb *b, const char *s, size_t n);
/* The same, for a string that many nodes have (an item's marker): equal
 * strings given this way share one id. */
uint32_t docb_str_shared(struct docb *b, const char *s, size_t n);
uint32_t docb_node(struct docb *b, enum node_kind kind, uint32_t parent,
    uint32_t start, uint32_t line, uint32_t marker, uint32_t label);
void docb_set_heading(struct docb *b, uint32_t node, uint32_t heading);
void docb_set_flags(struct docb *b, uint32_t node, uint8_t flags);
uint32_t docb_nnodes(const struct docb *b);
uint32_t docb_block(struct docb *b, enum block_kind kind, uint32_t node,
    uint32_t line, uint8_t flags);
void docb_piece(struct docb *b, uint32_t off, uint32_t len, uint16_t indent,
    enum piece_join join);
void docb_pagebreak(struct docb *b, uint32_t off, uint32_t line);
void docb_diag(struct docb *b, uint32_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void docb_title(struct docb *b, const char *title, size_t n, uint32_t node);
void docb_kind(struct docb *b, const char *kind);
/* Finish: compute subtree sizes and block ranges, make labels unique,
 * index them, and hand the document over. */
struct doc *docb_finish(struct docb *b);

#endif
