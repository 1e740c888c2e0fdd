/*
 * doc.c - the document model's storage, its queries, and the builder the
 * parser fills it with.
 *
 * Everything lives in a handful of growable arrays (nodes, blocks,
 * pieces, page breaks, diagnostics) and one string pool, so freeing a
 * document is a few calls and the model costs a few words per source
 * line.  Strings are offsets into the pool; id 0 is "".
 *
 * Labels are completed when the builder finishes: the parser gives each
 * node the label of its own marker ("5", "(b)", "Article 3"), and
 * docb_finish() composes item labels from their parents' ("5(b)(ii)")
 * and makes every label unique, qualifying a repeated one by its
 * heading ("Annex I 3") or, failing that, by a count ("2 [2]").
 */
#include "autoconf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "load.h"
#include "strtab.h"
#include "utf8.h"
#include "util.h"

struct doc {
	struct text *text;
	uint32_t start, end;
	bool complete;
	bool lines_known;
	const char *kind;
	struct node *nodes;
	size_t nnodes, capnodes;
	struct block *blocks;
	size_t nblocks, capblocks;
	struct piece *pieces;
	size_t npieces, cappieces;
	struct pagebreak *breaks;
	size_t nbreaks, capbreaks;
	struct diag *diags;
	size_t ndiags, capdiags;
	char *strs;
	size_t nstrs, capstrs;
	uint32_t title;
	uint32_t title_node;
	bool starts_in_order;       /* do the blocks start in the order of
	                               their ids (doc_block_at() finds the
	                               only block it may)? */
	/* The hash of label keys: a slot is a node and a byte of its key's
	 * hash (0 for an empty slot), in two arrays of one allocation, 5
	 * bytes a slot where a node and the whole hash took 8 (2.2 MB of
	 * the benchmark's 100 MB): a probe reads the bytes, and only a
	 * slot whose byte matches is compared, 1 in 255 of the others. */
	uint32_t *labels;           /* labcap nodes, then labcap tags */
	uint8_t *labtags;
	size_t labcap;              /* slots (any number, not 0) */
};

struct docb {
	struct doc *d;
	uint32_t bytes;             /* in the current block so far */
	uint32_t *strids;           /* the strings, by hash: ids, 0 for none */
	size_t nstrids;             /* a power of two */
	size_t nstrs;               /* strings in it */
	uint64_t *prefixes;         /* while labels are finished: a bit for
	                               the hash of each label key's part up
	                               to a '/' (see key_hash()) */
	size_t nprefixes;           /* bits */
};

/* ------------------------------------------------------------ queries */

const struct text *
doc_text(const struct doc *d)
{
	return d->text;
}

const char *
doc_data(const struct doc *d)
{
	return d->text->data;
}

bool
doc_is_complete(const struct doc *d)
{
	return d->complete;
}

void
doc_range(const struct doc *d, uint32_t *start, uint32_t *end)
{
	*start = d->start;
	*end = d->end;
}

const char *
doc_kind(const struct doc *d)
{
	return d->kind;
}

bool
doc_lines_known(const struct doc *d)
{
	return d->lines_known;
}

uint32_t
doc_nnodes(const struct doc *d)
{
	return (uint32_t)d->nnodes;
}

const struct node *
doc_node(const struct doc *d, uint32_t id)
{
	return &d->nodes[id];
}

uint32_t
doc_first_child(const struct doc *d, uint32_t id)
{
	return d->nodes[id].size > 1 ? id + 1 : DOC_NONE;
}

uint32_t
doc_next_sibling(const struct doc *d, uint32_t id)
{
	uint32_t next = id + d->nodes[id].size;

	return next < d->nnodes && d->nodes[next].parent == d->nodes[id].parent ?
	    next : DOC_NONE;
}

uint32_t
doc_nblocks(const struct doc *d)
{
	return (uint32_t)d->nblocks;
}

const struct block *
doc_block(const struct doc *d, uint32_t id)
{
	return &d->blocks[id];
}

const struct piece *
doc_piece(const struct doc *d, uint32_t id)
{
	return &d->pieces[id];
}

uint32_t
doc_npagebreaks(const struct doc *d)
{
	return (uint32_t)d->nbreaks;
}

const struct pagebreak *
doc_pagebreak(const struct doc *d, uint32_t i)
{
	return &d->breaks[i];
}

uint32_t
doc_ndiags(const struct doc *d)
{
	return (uint32_t)d->ndiags;
}

const struct diag *
doc_diag(const struct doc *d, uint32_t i)
{
	return &d->diags[i];
}

const char *
doc_str(const struct doc *d, uint32_t id)
{
	return id < d->nstrs ? d->strs + id : "";
}

/* The nearest ancestor with a label. */
static uint32_t
labelled_parent(const struct doc *d, uint32_t node)
{
	uint32_t p = d->nodes[node].parent;

	while (p != DOC_NONE && !d->nodes[p].label)
		p = d->nodes[p].parent;
	return p;
}

/* An item's label into buf, its length: its ancestor's, then its own
 * part (compose_label() made sure that they fit). */
static size_t
put_label(const struct doc *d, uint32_t node, char *buf)
{
	const struct node *n = &d->nodes[node];
	const char *own = doc_str(d, n->label);
	size_t len = 0, ol = strlen(own);

	if (n->flags & NODE_LABEL_ITEM) {
		uint32_t p = labelled_parent(d, node);

		if (d->nodes[p].flags & NODE_LABEL_ITEM)
			len = put_label(d, p, buf);
		else {
			const char *pl = doc_str(d, d->nodes[p].label);

			len = strlen(pl);
			memcpy(buf, pl, len);
		}
	}
	memcpy(buf + len, own, ol + 1);
	return len + ol;
}

const char *
doc_label(const struct doc *d, uint32_t node, char *buf)
{
	const struct node *n = &d->nodes[node];

	if (!(n->flags & NODE_LABEL_ITEM))
		return doc_str(d, n->label);
	put_label(d, node, buf);
	return buf;
}

const char *
doc_marker(const struct doc *d, uint32_t node, char *buf)
{
	const struct node *n = &d->nodes[node];
	const char *m = doc_str(d, n->marker);
	size_t len;

	if (!(n->flags & NODE_MARKER_DOT))
		return m;
	len = strlen(m);        /* < DOC_MARKER_MAX - 1: docb_node() */
	memcpy(buf, m, len);
	buf[len] = '.';
	buf[len + 1] = '\0';
	return buf;
}

const char *
doc_title(const struct doc *d)
{
	return doc_str(d, d->title);
}

uint32_t
doc_title_node(const struct doc *d)
{
	return d->title_node;
}

const char *
doc_kind_name(enum node_kind k)
{
	static const char *const names[NODE_NKINDS] = {
		"title", "heading", "section", "paragraph", "item", "subitem"
	};

	return (unsigned)k < NODE_NKINDS ? names[k] : "?";
}

bool
doc_contains(const struct doc *d, uint32_t a, uint32_t b)
{
	return b >= a && b - a < d->nodes[a].size;
}

uint32_t
doc_block_start(const struct doc *d, uint32_t block)
{
	const struct block *b = &d->blocks[block];

	if (b->first_piece < block_end_piece(b))
		return d->pieces[b->first_piece].off;
	return d->nodes[b->node].start;
}

uint32_t
doc_block_at(const struct doc *d, uint32_t off)
{
	size_t lo = 0, hi = d->nblocks;

	if (d->nblocks == 0)
		return DOC_NONE;
	/* The last block that starts at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc_block_start(d, (uint32_t)mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

uint32_t
doc_block_at_hint(const struct doc *d, uint32_t off, uint32_t hint)
{
	/* Where the blocks start in order, the hint is the block sought
	 * if it starts at or before off and the next one after it. */
	if (d->starts_in_order && hint < d->nblocks &&
	    doc_block_start(d, hint) <= off && (hint + 1 == d->nblocks ||
	    doc_block_start(d, hint + 1) > off))
		return hint;
	return doc_block_at(d, off);
}

uint32_t
doc_block_at_line(const struct doc *d, uint32_t line)
{
	size_t lo = 0, hi = d->nblocks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nblocks ? (uint32_t)lo : DOC_NONE;
}

uint32_t
doc_node_at(const struct doc *d, uint32_t off)
{
	uint32_t b = doc_block_at(d, off), next;

	if (b == DOC_NONE)
		return d->nnodes ? 0 : DOC_NONE;
	/* A block starts after its node's marker ("5.", "(b)"): an offset
	 * on the marker belongs to the node the next block opens. */
	next = doc_block_start(d, b) <= off ? b + 1 : b;
	if (next < d->nblocks && d->nodes[d->blocks[next].node].first_block == next &&
	    d->nodes[d->blocks[next].node].start <= off &&
	    doc_block_start(d, next) > off)
		return d->blocks[next].node;
	return d->blocks[b].node;
}

uint32_t
doc_line_of(const struct doc *d, uint32_t off)
{
	uint32_t b = doc_block_at(d, off), line, from;
	const char *s = d->text->data;

	if (b == DOC_NONE)
		return 1;
	line = d->blocks[b].line;
	from = doc_block_start(d, b);
	/* Back to the start of that source line, then count line ends. */
	while (from > 0 && s[from - 1] != '\n' && s[from - 1] != '\r')
		from--;
	for (uint32_t i = from; i < off && i < d->end; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			line++;
	return line;
}

void
doc_block_text(const struct doc *d, uint32_t block, struct buf *out,
    size_t max)
{
	const struct block *b = &d->blocks[block];
	const char *s = d->text->data;
	size_t start = out->len;

	for (uint32_t i = b->first_piece; i < block_end_piece(b); i++) {
		const struct piece *p = &d->pieces[i];

		if (i > b->first_piece) {
			if (p->join == JOIN_SPACE)
				buf_addc(out, ' ');
			else if (p->join == JOIN_LINE)
				buf_addc(out, '\n');
		}
		if (p->join == JOIN_LINE || i == b->first_piece)
			for (uint16_t k = 0; b->kind == BLOCK_PRE && k < p->indent; k++)
				buf_addc(out, ' ');
		buf_add(out, s + p->off, p->len);
		if (max && out->len - start >= max)
			break;
	}
}

/* doc_text_span() from block b, doc_block_at(d, from). */
static void
text_span_from(const struct doc *d, uint32_t b, uint32_t from, uint32_t to,
    struct buf *out)
{
	const char *s = d->text->data;
	bool first = true;

	for (; b != DOC_NONE && b < d->nblocks && doc_block_start(d, b) < to; b++) {
		const struct block *bl = &d->blocks[b];

		for (uint32_t i = bl->first_piece; i < block_end_piece(bl); i++) {
			const struct piece *p = &d->pieces[i];
			uint32_t a = MAX(p->off, from), e = MIN(p->off + p->len, to);

			if (a >= e)
				continue;
			if (!first && (p->join != JOIN_GLUE || i == bl->first_piece))
				buf_addc(out, ' ');
			buf_add(out, s + a, e - a);
			first = false;
		}
	}
}

void
doc_text_span(const struct doc *d, uint32_t from, uint32_t to, struct buf *out)
{
	text_span_from(d, doc_block_at(d, from), from, to, out);
}

void
doc_text_span_at(const struct doc *d, uint32_t block, uint32_t from, uint32_t to,
    struct buf *out)
{
	text_span_from(d, doc_block_at_hint(d, from, block), from, to, out);
}

void
doc_words_span(const struct doc *d, uint32_t from, uint32_t to, struct buf *out)
{
	size_t start = out->len;

	doc_text_span(d, from, to, out);
	buf_reserve(out, 0);
	out->len = start + squeeze_space(out->data + start,
	    strnlen(out->data + start, out->len - start), true);
}

void
doc_node_snippet(const struct doc *d, uint32_t node, struct buf *out,
    size_t max)
{
	const struct node *n = &d->nodes[node];
	struct buf tmp;
	size_t cut;

	buf_init(&tmp);
	if (n->kind == NODE_TITLE)
		buf_adds(&tmp, doc_title(d));
	else if (n->heading)
		buf_adds(&tmp, doc_str(d, n->heading));
	for (uint32_t b = n->first_block; b < n->end_block && tmp.len <= max; b++)
		if (d->blocks[b].node == node && d->blocks[b].kind != BLOCK_HEADING &&
		    (n->kind != NODE_TITLE || tmp.len == 0)) {
			if (tmp.len)
				buf_addc(&tmp, ' ');
			doc_block_text(d, b, &tmp, max + 1);
		}
	for (size_t i = 0; i < tmp.len; i++)
		if (tmp.data[i] == '\n' || tmp.data[i] == '\t')
			tmp.data[i] = ' ';
	if (tmp.len <= max) {
		buf_add(out, tmp.data, tmp.len);
		buf_done(&tmp);
		return;
	}
	cut = max;
	while (cut > 0 && tmp.data[cut] != ' ')
		cut--;
	if (cut < max / 2)
		for (cut = max; cut > 0 && ((unsigned char)tmp.data[cut] & 0xC0) == 0x80; cut--)
			;
	while (cut > 0 && (tmp.data[cut - 1] == ' ' || tmp.data[cut - 1] == ',' ||
	    tmp.data[cut - 1] == ';'))
		cut--;
	buf_add(out, tmp.data, cut);
	buf_adds(out, "\xE2\x80\xA6");
	buf_done(&tmp);
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	load_unref(d->text);
	free(d->nodes);
	free(d->blocks);
	free(d->pieces);
	free(d->breaks);
	free(d->diags);
	free(d->strs);
	free(d->labels);
	free(d);
}

/* ------------------------------------------------------------- labels */

/* The room for a label's key and its NUL: the keys the label hash
 * compares must all be cut at the same length. */
#define LABEL_KEY_MAX 512

/* The lengths are kept with the words: key_word() compares them first. */
#define LW(from, to) { from, to, sizeof(from) - 1, sizeof(to) - 1 }
static const struct {
	const char *from, *to;
	size_t fromlen, tolen;
} label_words[] = {
	LW("art", "article"), LW("arts", "article"), LW("articles", "article"),
	LW("sec", "section"), LW("sect", "section"), LW("sections", "section"),
	LW("ch", "chapter"), LW("chap", "chapter"), LW("app", "appendix"),
	LW("para", ""), LW("paras", ""), LW("paragraph", ""),
	LW("paragraphs", ""), LW("subparagraph", ""), LW("item", ""),
	LW("no", ""),
};
#undef LW

static bool
is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("ivxlc", s[i]))
			return false;
	return n > 0;
}

/* Add a part to the key out[0..*len), unterminated (doc_label_key()
 * puts its NUL after the last).  A part is a few bytes ("5", "b",
 * "article"), copied by hand: memcpy()'s call costs more. */
static void
key_add(char *out, size_t outsize, size_t *len, const char *s, size_t n)
{
	size_t l = *len;

	if (l > 0 && l + 1 < outsize)
		out[l++] = '/';
	/* As much of s as fits before the NUL. */
	for (size_t i = 0; i < n && l + 1 < outsize; i++)
		out[l++] = s[i];
	*len = l;
}

/* A word of a label: map abbreviations, drop filler words.  (The
 * lengths and first letters are compared first: this is in the inner
 * loop of resolving references, and most words are none of these.) */
static void
key_word(char *out, size_t outsize, size_t *len, const char *w, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(label_words); i++)
		if (label_words[i].fromlen == n && label_words[i].from[0] == w[0] &&
		    memcmp(label_words[i].from, w, n) == 0) {
			if (label_words[i].tolen > 0)
				key_add(out, outsize, len, label_words[i].to,
				    label_words[i].tolen);
			return;
		}
	key_add(out, outsize, len, w, n);
}

void
doc_label_key(const char *label, char *out, size_t outsize)
{
	char low[256];
	size_t n = 0, len = 0, i = 0;
	bool after_number = false;

	/* Most labels are a paragraph's number ("12"): one part, the
	 * label as it is. */
	while (label[n] >= '0' && label[n] <= '9')
		n++;
	if (n > 0 && label[n] == '\0' && n < sizeof(low) && n < outsize) {
		memcpy(out, label, n + 1);
		return;
	}
	for (n = 0; label[n] && n < sizeof(low) - 1; n++)
		low[n] = (char)tolower((unsigned char)label[n]);
	low[n] = '\0';
	while (i < n) {
		size_t j = i;
		bool paren = i > 0 && low[i - 1] == '(';

		if (isdigit((unsigned char)low[i])) {
			while (j < n && (isdigit((unsigned char)low[j]) ||
			    (low[j] == '.' && j + 1 < n && isdigit((unsigned char)low[j + 1]))))
				j++;
			key_add(out, outsize, &len, low + i, j - i);
			after_number = true;
		} else if (isalpha((unsigned char)low[i]) || (unsigned char)low[i] >= 0x80) {
			while (j < n && (isalpha((unsigned char)low[j]) ||
			    (unsigned char)low[j] >= 0x80))
				j++;
			/* "5bii": an item letter, then a roman sub-item. */
			if (after_number && !paren && j - i > 1 &&
			    !is_roman(low + i, j - i) && is_roman(low + i + 1, j - i - 1)) {
				key_add(out, outsize, &len, low + i, 1);
				key_add(out, outsize, &len, low + i + 1, j - i - 1);
			} else if (after_number || paren)
				key_add(out, outsize, &len, low + i, j - i);
			else
				key_word(out, outsize, &len, low + i, j - i);
		} else if (low[i] == '[' || low[i] == '#') {
			while (j < n && low[j] != ']')
				j++;
			key_add(out, outsize, &len, low + i, j - i);
		} else
			j = i + 1;
		i = j;
	}
	out[len] = '\0';
}

#define FNV_START 2166136261u

static uint32_t
fnv_add(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

/* FNV's low bits are weak on short keys that differ by a digit: mix
 * them (MurmurHash3's finaliser) before using them. */
static uint32_t
hash_mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

static uint32_t
hash_mem(const char *s, size_t n)
{
	uint32_t h = FNV_START;

	for (size_t i = 0; i < n; i++)
		h = fnv_add(h, (unsigned char)s[i]);
	return hash_mix(h);
}

static uint32_t
hash_str(const char *s)
{
	return hash_mem(s, strlen(s));
}

/* The slot a hash goes to first: its high bits scaled to the table,
 * which need not be a power of two (so that it is sized to its load). */
static size_t
label_slot(const struct doc *d, uint32_t h)
{
	return (size_t)(((uint64_t)h * d->labcap) >> 32);
}

static size_t
label_next(const struct doc *d, size_t i)
{
	return i + 1 == d->labcap ? 0 : i + 1;
}

/* A slot's byte of the hash: its low bits (the slot is from its high
 * ones), never 0. */
static uint8_t
label_tag(uint32_t h)
{
	return (h & 0xFF) ? (uint8_t)(h & 0xFF) : 1;
}

/* The slot of key (its hash h) in the label hash: the node's whose key
 * it is, or else the empty slot where it goes. */
static size_t
label_probe(const struct doc *d, const char *key, uint32_t h)
{
	char other[LABEL_KEY_MAX], lb[DOC_LABEL_MAX];
	uint8_t tag = label_tag(h);
	size_t i;

	for (i = label_slot(d, h); d->labtags[i] != 0; i = label_next(d, i)) {
		if (d->labtags[i] != tag)
			continue;
		doc_label_key(doc_label(d, d->labels[i], lb), other, sizeof(other));
		if (strcmp(other, key) == 0)
			break;
	}
	return i;
}

/* Insert node's label key, its hash h; false when the key is taken. */
static bool
label_insert(struct doc *d, uint32_t node, const char *key, uint32_t h)
{
	size_t i = label_probe(d, key, h);

	if (d->labtags[i] != 0)
		return false;
	d->labels[i] = node;
	d->labtags[i] = label_tag(h);
	return true;
}

static uint32_t
find_key(const struct doc *d, const char *key)
{
	size_t i = label_probe(d, key, hash_str(key));

	return d->labtags[i] != 0 ? d->labels[i] : DOC_NONE;
}

uint32_t
doc_find_label(const struct doc *d, const char *label)
{
	char key[LABEL_KEY_MAX];
	uint32_t node;

	if (d->labcap == 0)
		return DOC_NONE;
	doc_label_key(label, key, sizeof(key));
	if (*key == '\0')
		return DOC_NONE;
	/* "Section 5.2.4" is section 5.2.4 where sections are labelled by
	 * their numbers alone (RFCs); "section II.C" is a report's part
	 * II.C, a heading. */
	if ((node = find_key(d, key)) == DOC_NONE && strncmp(key, "section/", 8) == 0 &&
	    (node = find_key(d, key + 8)) != DOC_NONE &&
	    d->nodes[node].kind != (isdigit((unsigned char)key[8]) ? NODE_SECTION :
	    NODE_HEADING))
		node = DOC_NONE;
	return node;
}

/* ------------------------------------------------------------ builder */

/* The bit-fields of struct piece hold what they are given. */
_Static_assert(BLOCK_MAX < 1u << 17, "a piece's length fits in 17 bits");
_Static_assert(PIECE_INDENT_MAX < 1u << 13, "an indentation fits in 13 bits");
_Static_assert(JOIN_LINE < 1u << 2, "a join fits in 2 bits");

struct docb *
docb_new(struct text *t, uint32_t start, uint32_t end, bool complete,
    bool lines_known)
{
	struct docb *b = xcalloc(1, sizeof(*b));
	struct doc *d = xcalloc(1, sizeof(*d));

	d->text = load_ref(t);
	d->start = start;
	d->end = end;
	d->complete = complete;
	d->lines_known = lines_known;
	d->kind = "report";
	d->title_node = DOC_NONE;
	GROW(d->strs, d->capstrs, 1);
	d->strs[0] = '\0';
	d->nstrs = 1;
	b->d = d;
	return b;
}

/* Strings used over and over are shared while building: item markers
 * ("(a)" for every first item: the hundreds of thousands of items of a
 * long document have a few dozen markers between them), which are also
 * the items' own labels until docb_finish() composes them ("5(a)"). */
static void
strids_grow(struct docb *b)
{
	const struct doc *d = b->d;
	size_t n = b->nstrids ? b->nstrids * 2 : 64, mask = n - 1;
	uint32_t *ids = xcalloc(n, sizeof(*ids));

	for (size_t i = 0; i < b->nstrids; i++) {
		uint32_t id = b->strids[i];
		size_t k;

		if (id == 0)
			continue;
		for (k = hash_str(d->strs + id) & mask; ids[k]; k = (k + 1) & mask)
			;
		ids[k] = id;
	}
	free(b->strids);
	b->strids = ids;
	b->nstrids = n;
}

uint32_t
docb_str(struct docb *b, const char *s, size_t n)
{
	struct doc *d = b->d;
	uint32_t id;

	if (n == 0)
		return 0;
	if (d->nstrs + n + 1 > UINT32_MAX)
		die("document too large");
	GROW(d->strs, d->capstrs, d->nstrs + n + 1);
	id = (uint32_t)d->nstrs;
	memcpy(d->strs + id, s, n);
	d->strs[id + n] = '\0';
	d->nstrs += n + 1;
	return id;
}

uint32_t
docb_str_shared(struct docb *b, const char *s, size_t n)
{
	const struct doc *d = b->d;
	uint32_t id;
	size_t k, mask;

	/* A string with a NUL inside (it reads as cut there) is not. */
	if (n == 0 || memchr(s, '\0', n) != NULL)
		return docb_str(b, s, n);
	if ((b->nstrs + 1) * 4 > b->nstrids * 3)
		strids_grow(b);
	mask = b->nstrids - 1;
	for (k = hash_mem(s, n) & mask; (id = b->strids[k]) != 0; k = (k + 1) & mask)
		if (strncmp(d->strs + id, s, n) == 0 && d->strs[id + n] == '\0')
			return id;
	id = docb_str(b, s, n);
	b->strids[k] = id;
	b->nstrs++;
	return id;
}

uint32_t
docb_node(struct docb *b, enum node_kind kind, uint32_t parent,
    uint32_t start, uint32_t line, uint32_t marker, uint32_t label)
{
	struct doc *d = b->d;
	uint32_t id = (uint32_t)d->nnodes;
	struct node *n;

	GROW(d->nodes, d->capnodes, d->nnodes + 1);
	n = &d->nodes[d->nnodes++];
	memset(n, 0, sizeof(*n));
	n->parent = parent;
	n->start = n->end = start;
	n->line = line;
	n->kind = (uint8_t)kind;
	/* A marker that is the label ("(b)", "Article 3"), or the label
	 * and a '.' ("5."), is the label's string: the marker's own goes
	 * when docb_finish() compacts the pool. */
	if (marker != label && marker != 0 && label != 0) {
		const char *m = d->strs + marker, *l = d->strs + label;
		size_t ll = strlen(l);

		if (strcmp(m, l) == 0)
			marker = label;
		else if (ll + 2 <= DOC_MARKER_MAX && strncmp(m, l, ll) == 0 &&
		    m[ll] == '.' && m[ll + 1] == '\0') {
			marker = label;
			n->flags |= NODE_MARKER_DOT;
		}
	}
	n->marker = marker;
	n->label = label;
	n->first_block = (uint32_t)d->nblocks;
	if (parent != DOC_NONE)
		n->depth = (uint16_t)(d->nodes[parent].depth + 1);
	return id;
}

void
docb_set_heading(struct docb *b, uint32_t node, uint32_t heading)
{
	b->d->nodes[node].heading = heading;
}

void
docb_set_flags(struct docb *b, uint32_t node, uint8_t flags)
{
	b->d->nodes[node].flags |= flags;
}

uint32_t
docb_nnodes(const struct docb *b)
{
	return (uint32_t)b->d->nnodes;
}

uint32_t
docb_block(struct docb *b, enum block_kind kind, uint32_t node,
    uint32_t line, uint8_t flags)
{
	struct doc *d = b->d;
	struct block *bl;

	GROW(d->blocks, d->capblocks, d->nblocks + 2);
	bl = &d->blocks[d->nblocks];
	bl->node = node;
	bl->first_piece = (uint32_t)d->npieces;
	bl->line = line;
	bl->kind = (uint8_t)kind;
	bl->flags = flags;
	/* The mark after the last block: where its pieces end. */
	bl[1] = (struct block){ .first_piece = (uint32_t)d->npieces };
	b->bytes = 0;
	return (uint32_t)d->nblocks++;
}

static inline void
add_piece(struct docb *b, uint32_t off, uint32_t len, uint16_t indent,
    enum piece_join join)
{
	struct doc *d = b->d;
	struct piece *p;

	b->bytes += len;
	GROW(d->pieces, d->cappieces, d->npieces + 1);
	p = &d->pieces[d->npieces++];
	p->off = off;
	p->len = len;           /* <= BLOCK_MAX: docb_piece() cuts */
	p->indent = MIN(indent, PIECE_INDENT_MAX);
	p->join = join;
	d->blocks[d->nblocks].first_piece = (uint32_t)d->npieces;
}

/* A block that has grown to BLOCK_MAX goes on in another of the same
 * node, from a space near the limit (or a character boundary). */
static void
split_piece(struct docb *b, uint32_t *off, uint32_t *len, uint16_t indent,
    enum piece_join *join)
{
	struct doc *d = b->d;
	const char *s = d->text->data;
	const struct block *bl = &d->blocks[d->nblocks - 1];
	uint32_t room = b->bytes < BLOCK_MAX ? BLOCK_MAX - b->bytes : 0, cut;

	room = MIN(room, *len);
	for (cut = room; cut > 0 && room - cut < 4096 && s[*off + cut - 1] != ' '; cut--)
		;
	if (cut == 0 || room - cut >= 4096)
		cut = (uint32_t)utf8_boundary(s + *off, room);
	if (cut > 0 && b->bytes > 0 && cut == room && room < 64)
		cut = 0;        /* a nearly full block: start the next one */
	if (cut > 0)
		add_piece(b, *off, cut, indent, *join);
	docb_block(b, (enum block_kind)bl->kind, bl->node, bl->line,
	    (uint8_t)((bl->flags & BLOCK_CONT) | BLOCK_MORE));
	*off += cut;
	*len -= cut;
	while (*len > 0 && s[*off] == ' ') {
		(*off)++;
		(*len)--;
	}
	*join = JOIN_SPACE;
}

void
docb_piece(struct docb *b, uint32_t off, uint32_t len, uint16_t indent,
    enum piece_join join)
{
	bool split = false;

	if (b->d->nblocks == 0)
		return;
	while (len > 0 && b->bytes + len > BLOCK_MAX) {
		split_piece(b, &off, &len, indent, &join);
		split = true;
	}
	if (len > 0 || !split)
		add_piece(b, off, len, indent, join);
}


void
docb_pagebreak(struct docb *b, uint32_t off, uint32_t line)
{
	struct doc *d = b->d;

	GROW(d->breaks, d->capbreaks, d->nbreaks + 1);
	d->breaks[d->nbreaks].off = off;
	d->breaks[d->nbreaks].line = line;
	d->breaks[d->nbreaks].block = (uint32_t)d->nblocks;
	d->nbreaks++;
}

void
docb_diag(struct docb *b, uint32_t line, const char *fmt, ...)
{
	struct doc *d = b->d;
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	GROW(d->diags, d->capdiags, d->ndiags + 1);
	d->diags[d->ndiags].line = line;
	d->diags[d->ndiags].msg = docb_str(b, msg, strlen(msg));
	d->ndiags++;
}

void
docb_title(struct docb *b, const char *title, size_t n, uint32_t node)
{
	b->d->title = docb_str(b, title, n);
	b->d->title_node = node;
}

void
docb_kind(struct docb *b, const char *kind)
{
	b->d->kind = kind;
}

/* Sizes, block ranges and text ends, from the leaves up. */
static void
finish_ranges(struct doc *d)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		d->nodes[i].size = 1;
		d->nodes[i].end_block = d->nodes[i].first_block;
	}
	for (size_t b = 0; b < d->nblocks; b++) {
		struct node *n = &d->nodes[d->blocks[b].node];
		uint32_t end = block_end_piece(&d->blocks[b]);

		if (b + 1 > n->end_block)
			n->end_block = (uint32_t)b + 1;
		if (end > d->blocks[b].first_piece) {
			const struct piece *p = &d->pieces[end - 1];

			if (p->off + p->len > n->end)
				n->end = p->off + p->len;
		}
	}
	for (size_t i = d->nnodes; i-- > 0;) {
		struct node *n = &d->nodes[i];

		if (n->parent == DOC_NONE)
			continue;
		struct node *p = &d->nodes[n->parent];

		p->size += n->size;
		if (n->end_block > p->end_block)
			p->end_block = n->end_block;
		if (n->end > p->end)
			p->end = n->end;
	}
}

/* The nearest ancestor that is a heading with a label. */
static uint32_t
heading_of(const struct doc *d, uint32_t node)
{
	for (uint32_t p = d->nodes[node].parent; p != DOC_NONE; p = d->nodes[p].parent)
		if (d->nodes[p].kind == NODE_HEADING && d->nodes[p].label)
			return p;
	return DOC_NONE;
}

/* Items take their parent's label as a prefix: "5" + "(b)", put
 * together when asked for (NODE_LABEL_ITEM), or stored whole when that
 * would not fit in DOC_LABEL_MAX bytes. */
static void
compose_label(struct docb *b, uint32_t i)
{
	struct doc *d = b->d;
	struct node *n = &d->nodes[i];
	uint32_t p;
	char lb[DOC_LABEL_MAX];
	const char *pl;
	struct buf s;

	if ((n->kind != NODE_ITEM && n->kind != NODE_SUBITEM) || !n->label)
		return;
	if ((p = labelled_parent(d, i)) == DOC_NONE)
		return;
	pl = doc_label(d, p, lb);
	if (strlen(pl) + strlen(doc_str(d, n->label)) < DOC_LABEL_MAX) {
		n->flags |= NODE_LABEL_ITEM;
		return;
	}
	buf_init(&s);
	buf_adds(&s, pl);
	buf_adds(&s, doc_str(d, n->label));
	n->label = docb_str(b, s.data, s.len);
	buf_done(&s);
}

static bool
is_item(const struct node *n)
{
	return n->kind == NODE_ITEM || n->kind == NODE_SUBITEM;
}

/* The labels of the nodes that are not items, by key: key[i] for node i
 * (UINT32_MAX for none, or once its label is qualified), the keys in
 * tab, and how many nodes share each key (returned, caller frees). */
struct keys {
	uint32_t *key;
	uint32_t *tot;
	size_t n;
	struct strtab *tab;
};

static void
count_keys(struct doc *d, struct keys *k)
{
	struct strtab *keys = strtab_new();
	size_t cap = 0;
	char key[LABEL_KEY_MAX], lb[DOC_LABEL_MAX];

	k->key = xreallocarray(NULL, d->nnodes + 1, sizeof(*k->key));
	k->tot = NULL;
	for (uint32_t i = 0; i < d->nnodes; i++) {
		uint32_t id;

		k->key[i] = UINT32_MAX;
		if (!d->nodes[i].label || is_item(&d->nodes[i]))
			continue;
		doc_label_key(doc_label(d, i, lb), key, sizeof(key));
		id = strtab_intern(keys, key, strlen(key), NULL);
		if (id >= cap) {
			size_t old = cap;

			GROW(k->tot, cap, (size_t)id + 1);
			memset(k->tot + old, 0, (cap - old) * sizeof(*k->tot));
		}
		k->tot[id]++;
		k->key[i] = id;
	}
	k->n = strtab_count(keys);
	k->tab = keys;
}

/* How many nodes have node i's label (0 for an item or no label). */
static uint32_t
key_count(const struct keys *k, uint32_t i)
{
	return k->key[i] == UINT32_MAX ? 0 : k->tot[k->key[i]];
}

/* A label's number ("12"), or 0 when it is not a plain number. */
static unsigned long
label_number(const char *l)
{
	char *end;
	unsigned long n;

	if (*l < '1' || *l > '9')
		return 0;
	n = strtoul(l, &end, 10);
	return *end == '\0' ? n : 0;
}

/* Where numbering starts again under a heading, labels are qualified by
 * it.  A heading restarts the numbering when its first number is 1 and
 * the run it starts ends under it: every article of a treaty ("Article 2
 * 1"), an annex numbered afresh ("Annex I 3"); not the first section of
 * a report whose numbers run on into the next ones, which stay plain;
 * nor one whose numbers no other part has, which need no qualifying.
 * Under a heading that does not restart, a number that comes again (a
 * sub-heading numbered like a paragraph) is qualified from its second
 * occurrence on. */
static void
qualify(struct docb *b, struct keys *k)
{
	struct doc *d = b->d;
	uint32_t *first = xreallocarray(NULL, d->nnodes + 1, sizeof(*first));
	uint32_t *last = xreallocarray(NULL, d->nnodes + 1, sizeof(*last));
	uint8_t *restarts = xcalloc(d->nnodes + 1, 1);
	uint8_t *repeats = xcalloc(d->nnodes + 1, 1);
	uint8_t *seen = xcalloc(k->n + 1, 1);
	uint32_t prev = DOC_NONE;
	char lb[DOC_LABEL_MAX], lb2[DOC_LABEL_MAX];
	struct buf s;

	for (uint32_t i = 0; i < d->nnodes; i++)
		first[i] = last[i] = DOC_NONE;
	/* Each heading's first and last numbered node; whether the run it
	 * starts goes on under the next heading. */
	for (uint32_t i = 0; i < d->nnodes; i++) {
		uint32_t h;

		if (key_count(k, i) == 0 || d->nodes[i].kind == NODE_HEADING)
			continue;
		if ((h = heading_of(d, i)) != DOC_NONE) {
			if (first[h] == DOC_NONE)
				first[h] = i;
			last[h] = i;
			if (key_count(k, i) > 1)
				repeats[h] = 1;
		}
		if (prev != DOC_NONE && heading_of(d, prev) != h &&
		    (h = heading_of(d, prev)) != DOC_NONE && last[h] == prev &&
		    label_number(doc_label(d, prev, lb)) + 1 ==
		    label_number(doc_label(d, i, lb2)) &&
		    label_number(doc_label(d, i, lb)) > 1)
			restarts[h] = 2;        /* runs on: not a restart */
		prev = i;
	}
	for (uint32_t h = 0; h < d->nnodes; h++)
		if (first[h] != DOC_NONE && restarts[h] != 2)
			restarts[h] = label_number(doc_label(d, first[h], lb)) == 1 &&
			    repeats[h];
	buf_init(&s);
	for (uint32_t i = 0; i < d->nnodes; i++) {
		uint32_t h;

		if (key_count(k, i) == 0 || d->nodes[i].kind == NODE_HEADING ||
		    (h = heading_of(d, i)) == DOC_NONE)
			continue;
		if (restarts[h] != 1) {
			if (key_count(k, i) < 2)
				continue;
			if (!seen[k->key[i]]) {         /* the first stays */
				seen[k->key[i]] = 1;
				continue;
			}
		}
		buf_reset(&s);
		buf_printf(&s, "%s %s", doc_label(d, h, lb), doc_label(d, i, lb2));
		d->nodes[i].label = docb_str(b, s.data, s.len);
		k->key[i] = UINT32_MAX;         /* its key is another now */
	}
	buf_done(&s);
	free(seen);
	free(repeats);
	free(restarts);
	free(first);
	free(last);
}

/* A bit in b->prefixes for each part of a label's key before a '/':
 * "annex/i/3" marks "annex" and "annex/i". */
static size_t
prefix_bit(const struct docb *b, uint32_t h)
{
	return (size_t)(((uint64_t)h * b->nprefixes) >> 32);
}

/* The hash of a label key (hash_str()), its parts marked on the way.
 * The parts of a key that is taken were marked when it was inserted:
 * marking them again changes nothing. */
static uint32_t
key_hash(struct docb *b, const char *key)
{
	uint32_t h = FNV_START;

	for (const char *s = key; *s != '\0'; s++) {
		if (*s == '/') {
			size_t i = prefix_bit(b, hash_mix(h));

			b->prefixes[i / 64] |= (uint64_t)1 << i % 64;
		}
		h = fnv_add(h, (unsigned char)*s);
	}
	return hash_mix(h);
}

static bool
prefix_marked(const struct docb *b, const char *key)
{
	size_t i = prefix_bit(b, hash_str(key));

	return b->prefixes[i / 64] >> i % 64 & 1;
}

/* Which headings may qualify a label (find_relative() in xref.c looks
 * up "Annex I 3" for "3" under "Annex I" only where this says so): the
 * ones whose key is marked as a part of another, or whose key leaves
 * the rest to the look-up's "section/" fallback (doc_find_label()). */
static void
mark_qualifiers(struct docb *b)
{
	struct doc *d = b->d;
	char key[LABEL_KEY_MAX], lb[DOC_LABEL_MAX];

	for (uint32_t i = 0; i < d->nnodes; i++) {
		if (d->nodes[i].kind != NODE_HEADING || !d->nodes[i].label)
			continue;
		doc_label_key(doc_label(d, i, lb), key, sizeof(key));
		if (*key == '\0' || strcmp(key, "section") == 0 ||
		    prefix_marked(b, key) || (strncmp(key, "section/", 8) == 0 &&
		    prefix_marked(b, key + 8)))
			d->nodes[i].flags |= NODE_QUALIFIES;
	}
}

/* What is still not unique gets a count: "2 [2]".  The count to try
 * next for each label is remembered, so that many repeats stay linear.
 * The new label's key is written to k (LABEL_KEY_MAX bytes). */
static void
number_label(struct docb *b, uint32_t i, struct strtab *next, uint32_t **counts,
    size_t *cap, char *k)
{
	struct doc *d = b->d;
	char lb[DOC_LABEL_MAX];
	const char *l = doc_label(d, i, lb);
	struct buf s;
	bool added;
	uint32_t id = strtab_intern(next, l, strlen(l), &added);

	if (added) {
		GROW(*counts, *cap, (size_t)id + 1);
		(*counts)[id] = 2;
	}
	buf_init(&s);
	for (unsigned n = (*counts)[id];; n++) {
		buf_reset(&s);
		buf_printf(&s, "%s [%u]", l, n);
		doc_label_key(s.data, k, LABEL_KEY_MAX);
		if (label_insert(d, i, k, key_hash(b, k))) {
			(*counts)[id] = n + 1;
			break;
		}
	}
	d->nodes[i].label = docb_str(b, s.data, s.len);
	d->nodes[i].flags &= (uint8_t)~NODE_LABEL_ITEM;        /* stored whole */
	buf_done(&s);
}

/* The keys of the labelled nodes around the one whose label is being
 * finished, by depth (to KEY_DEPTHS): an item's label is its labelled
 * parent's and its own part, and so, mostly, is its key. */
#define KEY_DEPTHS 16
struct key_chain {
	uint32_t node[KEY_DEPTHS];
	char key[KEY_DEPTHS][LABEL_KEY_MAX];
};

/* Node i's key into out (LABEL_KEY_MAX bytes), made from its labelled
 * parent's in the chain when its own part is "(a)" or "(12)" (the
 * letters or digits in parentheses are a part of the key of their own,
 * whatever comes before them; a '[' or a '#' in the parent's would take
 * them in); NULL otherwise. */
static const char *
item_key(const struct doc *d, const struct key_chain *c, uint32_t i, char *out)
{
	const char *own = doc_str(d, d->nodes[i].label);
	size_t n = 1, len;
	uint32_t p;
	uint16_t dp;

	if (!(d->nodes[i].flags & NODE_LABEL_ITEM) || own[0] != '(')
		return NULL;
	if (own[1] >= 'a' && own[1] <= 'z')
		while (own[n] >= 'a' && own[n] <= 'z')
			n++;
	else
		while (own[n] >= '0' && own[n] <= '9')
			n++;
	p = labelled_parent(d, i);
	dp = d->nodes[p].depth;
	if (n == 1 || own[n] != ')' || own[n + 1] != '\0' || dp >= KEY_DEPTHS ||
	    c->node[dp] != p || strpbrk(c->key[dp], "[#") != NULL)
		return NULL;
	len = strlen(c->key[dp]);
	/* A key too long for out is cut by doc_label_key() (no label
	 * short enough to be put together has one). */
	if (len + n + 1 > LABEL_KEY_MAX)
		return NULL;
	memcpy(out, c->key[dp], len);
	if (len > 0)
		out[len++] = '/';
	memcpy(out + len, own + 1, n - 1);
	out[len + n - 1] = '\0';
	return out;
}

static void
finish_labels(struct docb *b)
{
	struct doc *d = b->d;
	struct keys k;
	struct strtab *next = strtab_new();
	uint32_t *nexts = NULL;
	size_t capnext = 0, labelled = 0;
	char buf[LABEL_KEY_MAX], lb[DOC_LABEL_MAX];
	struct key_chain *chain = xmalloc(sizeof(*chain));

	count_keys(d, &k);
	qualify(b, &k);
	free(k.tot);
	/* Room for every labelled node at a load of three quarters at
	 * most (half of the nodes of a report are unnumbered). */
	for (uint32_t i = 0; i < d->nnodes; i++)
		labelled += d->nodes[i].label != 0;
	d->labcap = MAX(labelled + labelled / 3 + 1, (size_t)16);
	d->labels = xreallocarray(NULL, d->labcap,
	    sizeof(*d->labels) + sizeof(*d->labtags));
	d->labtags = (uint8_t *)(d->labels + d->labcap);
	memset(d->labtags, 0, d->labcap * sizeof(*d->labtags));
	b->nprefixes = (d->labcap * 8 + 63) / 64 * 64;
	b->prefixes = xcalloc(b->nprefixes / 64, sizeof(*b->prefixes));
	for (int dp = 0; dp < KEY_DEPTHS; dp++)
		chain->node[dp] = DOC_NONE;
	for (uint32_t i = 0; i < d->nnodes; i++) {
		const char *key = buf;
		uint16_t dp = d->nodes[i].depth;

		compose_label(b, i);
		if (!d->nodes[i].label)
			continue;
		/* The key count_keys() made, while the label stands. */
		if (k.key[i] != UINT32_MAX)
			key = strtab_str(k.tab, k.key[i]);
		else if (item_key(d, chain, i, buf) == NULL)
			doc_label_key(doc_label(d, i, lb), buf, sizeof(buf));
		if (*key && !label_insert(d, i, key, key_hash(b, key))) {
			number_label(b, i, next, &nexts, &capnext, buf);
			key = buf;
		}
		if (dp < KEY_DEPTHS) {
			chain->node[dp] = i;
			strcpy(chain->key[dp], key);
		}
	}
	free(chain);
	free(k.key);
	strtab_free(k.tab);
	mark_qualifiers(b);
	free(b->prefixes);
	b->prefixes = NULL;
	strtab_free(next);
	free(nexts);
}

/* Each page break's block: the first to start at or after it (when the
 * break is read, the paragraph before it may still be open, and one
 * that runs on across the page starts before it). */
static void
finish_breaks(struct doc *d)
{
	uint32_t j = 0;

	for (size_t i = 0; i < d->nbreaks; i++) {
		while (j < d->nblocks && doc_block_start(d, j) < d->breaks[i].off)
			j++;
		d->breaks[i].block = j;
	}
}

/* Strings are in the pool while they are being built that no node
 * needs once labels are finished: a marker that turned out to be its
 * label (docb_node()), a label that was composed or qualified.  Those
 * still used move down over the others, in their order, and every id
 * moves with them: a string's new id is the count of the bytes in use
 * before it, from a bit for each byte of the pool and a count for each
 * 64 of them. */
static void
mark_str(uint64_t *bits, const char *strs, uint32_t id)
{
	size_t end;

	/* Marked already (most nodes' strings are "" or shared): a string
	 * is marked whole. */
	if (bits[id / 64] >> (id % 64) & 1)
		return;
	end = id + strlen(strs + id);       /* its NUL too */
	for (size_t i = id; i <= end; i++)
		bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static uint32_t
ones(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ull;
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
	return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

static inline uint32_t
str_moved(const uint64_t *bits, const uint32_t *before, uint32_t id)
{
	uint64_t below = bits[id / 64] & (((uint64_t)1 << (id % 64)) - 1);

	return before[id / 64] + ones(below);
}

static void
compact_strs(struct doc *d)
{
	size_t words = (d->nstrs + 63) / 64, to = 0;
	uint64_t *bits = xcalloc(words, sizeof(*bits));
	uint32_t *before = xreallocarray(NULL, words, sizeof(*before)), sum = 0;

	mark_str(bits, d->strs, 0);
	mark_str(bits, d->strs, d->title);
	for (size_t i = 0; i < d->nnodes; i++) {
		mark_str(bits, d->strs, d->nodes[i].label);
		mark_str(bits, d->strs, d->nodes[i].marker);
		mark_str(bits, d->strs, d->nodes[i].heading);
	}
	for (size_t i = 0; i < d->ndiags; i++)
		mark_str(bits, d->strs, d->diags[i].msg);
	for (size_t w = 0; w < words; w++) {
		before[w] = sum;
		sum += ones(bits[w]);
	}
	d->title = str_moved(bits, before, d->title);
	for (size_t i = 0; i < d->nnodes; i++) {
		struct node *n = &d->nodes[i];

		n->label = str_moved(bits, before, n->label);
		n->marker = str_moved(bits, before, n->marker);
		n->heading = str_moved(bits, before, n->heading);
	}
	for (size_t i = 0; i < d->ndiags; i++)
		d->diags[i].msg = str_moved(bits, before, d->diags[i].msg);
	for (size_t at = 0; at < d->nstrs;) {
		size_t len = strlen(d->strs + at) + 1;

		if (bits[at / 64] >> (at % 64) & 1) {
			memmove(d->strs + to, d->strs + at, len);
			to += len;
		}
		at += len;
	}
	d->nstrs = to;
	free(bits);
	free(before);
}

struct doc *
docb_finish(struct docb *b)
{
	struct doc *d = b->d;

	finish_ranges(d);
	finish_breaks(d);
	d->starts_in_order = true;
	for (uint32_t i = 1; i < d->nblocks && d->starts_in_order; i++)
		d->starts_in_order = doc_block_start(d, i - 1) <= doc_block_start(d, i);
	finish_labels(b);
	compact_strs(d);
	free(b->strids);
	free(b);
	SHRINK(d->nodes, d->capnodes, d->nnodes);
	SHRINK(d->blocks, d->capblocks, d->nblocks + 1);    /* and the mark */
	SHRINK(d->pieces, d->cappieces, d->npieces);
	SHRINK(d->breaks, d->capbreaks, d->nbreaks);
	SHRINK(d->diags, d->capdiags, d->ndiags);
	SHRINK(d->strs, d->capstrs, d->nstrs);
	return d;
}
