/*
 * lists.h - named lists: a lead-in with a count or a collective noun,
 * and the items that follow it.  "I have consistently made four points:"
 * and (a) to (d) are the list "four points" held by paragraph 5.
 *
 * A list is found again by a reader's own words: its count, its noun,
 * the noun's synonyms (lexicon.h), and failing those the words of its
 * lead-in, so "the four positions" and "the three concerns" find the
 * lists the text calls "four points" and "several reasons".  When the
 * stated count and the items disagree, the items win, and the list says
 * so.
 *
 * The lists borrow the document and the lexicon.
 */
#ifndef LECTERN_LISTS_H
#define LECTERN_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct doc;
struct index;
struct lexicon;
struct lists;
struct token;

#define LISTS_NONE UINT32_MAX
#define LISTS_SEVERAL (-1)      /* "several", "various": no number */

/* The count a folded word states ("four", "12", "several"): a number,
 * LISTS_SEVERAL, or 0. */
int lists_count_word(const char *w, size_t n);

struct lists *lists_build(const struct doc *d, const struct lexicon *lx);
/* The same in the model's pass over the tokens (model.c): lists_begin(),
 * lists_add() with every piece of tokens (tok_chunk()) in document order
 * once index_add() has given them their word ids (whose stop words it
 * reads in ix), then lists_end().  The lists are not complete before
 * lists_end(). */
struct lists *lists_begin(const struct doc *d, const struct lexicon *lx,
    const struct index *ix);
void lists_add(struct lists *ls, uint32_t block, const struct token *tk,
    size_t n);
void lists_end(struct lists *ls);
/* Are all the lists named (lists_refer() final)?  lists_name_now()
 * names those left at once, reading their lead-ins ahead of the pass as
 * lists_build() does. */
bool lists_named(const struct lists *ls);
void lists_name_now(struct lists *ls);
void lists_free(struct lists *ls);

/* Lists are numbered in document order. */
uint32_t lists_count(const struct lists *ls);
/* The node that holds the list (its lead-in is that node's text). */
uint32_t lists_at(const struct lists *ls, uint32_t i);
/* Its items, node ids in order. */
const uint32_t *lists_items(const struct lists *ls, uint32_t i, size_t *n);
/* The count the lead-in states: a number, LISTS_SEVERAL, or 0 when it
 * states none. */
int lists_stated(const struct lists *ls, uint32_t i);
/* Its noun as written ("points"), "" when the lead-in has none. */
const char *lists_noun(const struct lists *ls, uint32_t i);
/* The lead-in sentence, its white space squeezed, added to out; and
 * where its count and noun stand in the text (start == end when it has
 * none). */
void lists_lead(const struct lists *ls, uint32_t i, struct buf *out);
void lists_span(const struct lists *ls, uint32_t i, uint32_t *start,
    uint32_t *end);
/* Does the stated count disagree with the items? */
bool lists_mismatch(const struct lists *ls, uint32_t i);
/* The list whose items include node (an item), or LISTS_NONE. */
uint32_t lists_of_item(const struct lists *ls, uint32_t node);
/* The list held by node, or LISTS_NONE. */
uint32_t lists_held_by(const struct lists *ls, uint32_t node);

/* The lists a phrase names by their noun or its synonyms, or with lead
 * set by the words of their lead-ins: those with the best score, in
 * document order, up to max ids in out; returns how many (0 when none
 * matched). */
size_t lists_match(const struct lists *ls, const char *phrase, bool lead,
    uint32_t *out, size_t max);

/* The list that words in the text at off refer to ("these three
 * reasons", "the points above"): one whose noun is noun or a synonym,
 * whose items (or stated count) agree with count when count > 0 -- the
 * nearest before off, else the nearest after; LISTS_NONE when there is
 * none, or when the words are the list's own lead-in. */
uint32_t lists_refer(const struct lists *ls, const char *noun, size_t n,
    int count, uint32_t off);
/* The same while the lists are being named, for words in block (the
 * model's pass is at it): true, and the answer in *l, when the lists
 * named later cannot change it. */
bool lists_refer_known(const struct lists *ls, const char *noun, size_t n,
    int count, uint32_t off, uint32_t block, uint32_t *l);
/* The same two for a noun given by its keys among the lists' nouns
 * (those of its stem and of its synonyms' stems): for a caller that
 * refers by the same nouns again and again, and finds each one's keys
 * once (the Porter stemmer, then the look-ups of its synonyms, were
 * most of a reference's cost).  lists_keys() finds the keys of the
 * stem stem[0..n), as lexicon_stem() makes it; they hold while
 * lists_keys_hold() says so (naming more lists adds nouns). */
#define LISTS_SYNONYMS 32      /* synonyms of a noun looked up, at most */
struct lists_keys {
	uint32_t key[1 + LISTS_SYNONYMS];       /* its own stem's, theirs */
	uint32_t n;
	uint32_t nouns;         /* the lists' nouns there were */
};
void lists_keys(const struct lists *ls, const char *stem, size_t n,
    struct lists_keys *k);
bool lists_keys_hold(const struct lists *ls, const struct lists_keys *k);
uint32_t lists_refer_keys(const struct lists *ls, const struct lists_keys *k,
    int count, uint32_t off);
bool lists_refer_known_keys(const struct lists *ls,
    const struct lists_keys *k, int count, uint32_t off, uint32_t block,
    uint32_t *l);

#endif
