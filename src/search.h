/*
 * search.h - finding a pattern in the document, as the reader's / and
 * --search do.
 *
 * A pattern matches anywhere inside words ("duplicat" finds "duplicate"
 * and "duplicative"), case-insensitively unless it has a capital letter
 * (smart case), and treats curly and straight quotes, dash variants and
 * accented letters as equal, and any run of white space as one space.
 * The word index narrows the blocks worth scanning: each word of the
 * pattern is looked for in the index's dictionary, and only the blocks
 * that hold a matching word for every one of them are scanned.
 */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;
struct index;

struct pattern {
	char *fold;             /* the pattern folded (NUL-terminated) */
	size_t len;
	bool exact_case;        /* it has a capital letter */
	char **words;           /* its words, folded, for the index */
	size_t nwords;
};

/* Compile s; false when it is empty (nothing to look for). */
bool search_compile(const char *s, struct pattern *p);
void search_pattern_free(struct pattern *p);

/* The matches in block b, in order, each given to fn as a span of the
 * text [off, end).  Returns how many. */
typedef void search_fn(void *arg, uint32_t off, uint32_t end);
size_t search_block(const struct doc *d, uint32_t b, const struct pattern *p,
    search_fn *fn, void *arg);

/* The matches in each of blocks[0..n), into counts[0..n). */
void search_count(const struct doc *d, const uint32_t *blocks, size_t n,
    const struct pattern *p, uint32_t *counts);

/* Without a model: the first place in s[0..n) where pattern stands as
 * typed, in lower case or capitalised, or NULL.  A byte search (memmem
 * is fast), for the reader while a very large document is still being
 * indexed; it does not fold accents or quotes as search_block() does. */
const char *search_raw(const char *s, size_t n, const char *pattern);

/*
 * What raw searches learned of one text while it is still being read:
 * no match of pattern (a match as search_raw() finds them) starts in
 * [from, upto); if found, one starts at upto; if done, none starts
 * anywhere from from to the end of the text.  Offsets are bytes of the
 * text, which stay where they are as more of it is read and whatever
 * model shows it, so the memo holds until the text is another (then
 * search_memo_clear()).  A search from any offset in [from, upto] is
 * answered from it, and goes on from upto.
 */
struct search_memo {
	char *pattern;          /* NULL: nothing learned */
	uint32_t from, upto;
	bool found, done;
};

void search_memo_clear(struct search_memo *m);
/* Keep what m knows of pattern from off, or start afresh there.  True
 * when m knew something of it already. */
bool search_memo_start(struct search_memo *m, const char *pattern, uint32_t off);
/* Read on from m->upto to end in s, the text from its first byte
 * (s[m->upto .. end) must be readable), at most max bytes of it (0: no
 * limit); last when end is the end of the text.  Returns m->found. */
bool search_memo_scan(struct search_memo *m, const char *s, uint32_t end,
    bool last, size_t max);

/* The blocks that may hold a match, in document order: *blocks is
 * allocated (caller frees); returns how many.  With no index, or a
 * pattern with no word in it, every block. */
size_t search_candidates(const struct doc *d, const struct index *ix,
    const struct pattern *p, uint32_t **blocks);

/* The nodes whose own text holds a match for each of the words (split
 * at white space), in document order: *nodes is allocated (caller
 * frees); returns how many.  If first is not NULL it receives the
 * compiled first word (the caller frees it with search_pattern_free). */
size_t search_nodes(const struct doc *d, const struct index *ix,
    const char *words, uint32_t **nodes, struct pattern *first);

#endif
