/*
 * lists.c - finding named lists and matching a reader's words to them.
 *
 * Every node with item children holds a list.  Its lead-in is the node's
 * own text before the first item; the last count word there ("four",
 * "two", "several", a number) with a noun within the next few words
 * ("four provisions of ...", "two developments") names the list.
 *
 * Matching is indexed so that it stays instant on a large document:
 * lists are grouped by the stem of their noun (a few distinct nouns
 * however many lists), and by the stems of their lead-in's words for
 * the phrases whose noun names no list.
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "index.h"
#include "lexicon.h"
#include "lists.h"
#include "stem.h"
#include "strtab.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

#define LEAD_TOKENS 256
#define NOUN_WINDOW 5

struct list {
	uint32_t at;
	uint32_t first_item;        /* into items: its items run to the
	                               next list's first (list_items()) */
	int stated;
	uint32_t noun;              /* id in texts */
	uint32_t lead, lead_end;    /* in the text: its spaces are squeezed
	                               when it is read (lists_lead()), not
	                               copied (6.7 MB of copies on the
	                               benchmark's 100 MB) */
	uint32_t span_start, span_end;
	uint32_t noun_key;          /* id in nouns, or STRTAB_NONE */
};

/* What naming a list asks of a word, worked out once a word while it
 * stays in a cache of WORD_CACHE slots by its id (in the model's pass,
 * whose tokens have one): every word of every lead-in is asked for the
 * count it states and whether it may be a noun, and the nouns and the
 * words of the lead-ins for their keys.  A slot is the id's low bits:
 * the first words met, which are most of the tokens, each have their
 * own, and the memory is the same whatever the document's vocabulary
 * (an array of every word was a fifth of the build's temporaries at
 * 5 MB).  A word whose slot another took is worked out again: the same
 * answers, the keys interned before. */
#define WORD_CACHE 2048

_Static_assert((WORD_CACHE & (WORD_CACHE - 1)) == 0,
    "a word's slot is its id's low bits");

struct wordinfo {
	uint32_t word;              /* whose slot it is; UINT32_MAX: no
	                               one's */
	uint32_t lead;              /* its key in leads; STRTAB_NONE: not
	                               known yet */
	uint32_t noun;              /* its key in nouns; the same */
	int8_t count;               /* lists_count_word() (-1 to 99) */
	bool plain;                 /* plain_word() */
};

struct group {                  /* the lists under one key */
	uint32_t *ids;
	size_t n, cap;
};

struct lists {
	const struct doc *d;
	const struct lexicon *lx;
	const struct index *ix;     /* its stop words, or NULL */
	struct list *l;
	size_t n, cap;
	uint32_t *items;
	size_t nitems, capitems;
	struct strtab *texts;       /* the nouns as written, each once (514
	                               of them for the 92 000 lists of the
	                               benchmark's 100 MB, where a copy for
	                               each list took 0.6 MB) */
	char *pool;                 /* where a noun is squeezed first */
	size_t npool, cappool;
	struct strtab *nouns;       /* noun stems */
	struct group *by_noun;
	size_t capnoun;
	struct strtab *leads;       /* lead-in word stems */
	struct group *by_lead;
	size_t caplead;
	/* Naming in the model's pass (lists_add()): the list whose lead-in
	 * is being read, and its last tokens so far (a ring of LEAD_TOKENS,
	 * ntk read in all). */
	size_t next;
	uint32_t next_from, next_to;    /* its lead_blocks() (set_next()) */
	struct token *tk;
	size_t ntk;
	struct wordinfo *words;     /* WORD_CACHE, made when first asked */
};

/* Words that state a count, by their length (3 to 9 letters): a
 * number, or LISTS_SEVERAL.  Every determiner and every word of every
 * lead-in is looked up: only the few words of its length are compared. */
#define COUNT_MIN 3
#define COUNT_MAX 9
static const struct {
	const char *w;
	int8_t count;
} counts[COUNT_MAX - COUNT_MIN + 1][5] = {
	{ { "one", 1 }, { "two", 2 }, { "six", 6 }, { "ten", 10 },
	  { "few", LISTS_SEVERAL } },
	{ { "four", 4 }, { "five", 5 }, { "nine", 9 }, { "many", LISTS_SEVERAL },
	  { "some", LISTS_SEVERAL } },
	{ { "three", 3 }, { "seven", 7 }, { "eight", 8 } },
	{ { "eleven", 11 }, { "twelve", 12 }, { "twenty", 20 },
	  { "number", LISTS_SEVERAL } },
	{ { "fifteen", 15 }, { "sixteen", 16 }, { "several", LISTS_SEVERAL },
	  { "various", LISTS_SEVERAL } },
	{ { "thirteen", 13 }, { "fourteen", 14 }, { "eighteen", 18 },
	  { "nineteen", 19 }, { "multiple", LISTS_SEVERAL } },
	{ { "seventeen", 17 }, { "following", LISTS_SEVERAL } },
};

int
lists_count_word(const char *w, size_t n)
{
	if (n > 0 && n <= 2 && w[0] >= '1' && w[0] <= '9') {
		int v = 0;

		for (size_t i = 0; i < n; i++) {
			if (w[i] < '0' || w[i] > '9')
				return 0;
			v = v * 10 + (w[i] - '0');
		}
		return v;
	}
	if (n < COUNT_MIN || n > COUNT_MAX)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(counts[0]) && counts[n - COUNT_MIN][i].w; i++)
		if (counts[n - COUNT_MIN][i].w[0] == w[0] &&
		    memcmp(counts[n - COUNT_MIN][i].w, w, n) == 0)
			return counts[n - COUNT_MIN][i].count;
	return 0;
}

/* A stop word?  In the model's pass the index has said so for the
 * token's word already: a look-up instead of a bisection of the list. */
static bool
stop_word(const struct lists *ls, const struct token *t)
{
	if (ls->ix != NULL && t->word != UINT32_MAX)
		return index_is_stop(ls->ix, t->word);
	return stem_is_stop(t->fold, t->flen);
}

/* Three letters or more, and neither a stop word nor a count: what a
 * noun's word is. */
static bool
plain_word(const struct lists *ls, const struct token *t)
{
	return t->flen >= 3 && !stop_word(ls, t) &&
	    lists_count_word(t->fold, t->flen) == 0;
}

/* The cache of words, every slot no one's. */
static void
make_words(struct lists *ls)
{
	ls->words = xreallocarray(NULL, WORD_CACHE, sizeof(*ls->words));
	for (size_t i = 0; i < WORD_CACHE; i++)
		ls->words[i].word = UINT32_MAX;
}

static void
learn_word(struct lists *ls, struct wordinfo *wi, const struct token *t)
{
	wi->count = (int8_t)lists_count_word(t->fold, t->flen);
	wi->plain = plain_word(ls, t);
}

/* What is known of token t's word, or NULL for a token without a word
 * id (a lead-in read apart from the model's pass); valid until the
 * next call. */
static ALWAYS_INLINE struct wordinfo *
word_info(struct lists *ls, const struct token *t)
{
	struct wordinfo *wi;

	if (ls->ix == NULL || t->word == UINT32_MAX)
		return NULL;
	if (ls->words == NULL)
		make_words(ls);
	wi = &ls->words[t->word & (WORD_CACHE - 1)];
	if (wi->word != t->word) {
		*wi = (struct wordinfo){ .word = t->word, .lead = STRTAB_NONE,
		    .noun = STRTAB_NONE };
		learn_word(ls, wi, t);
	}
	return wi;
}

/* The count token t states (lists_count_word()). */
static int
token_count(struct lists *ls, const struct token *t)
{
	const struct wordinfo *wi = word_info(ls, t);

	return wi ? wi->count : lists_count_word(t->fold, t->flen);
}

static bool
noun_like(struct lists *ls, const struct token *t)
{
	const struct wordinfo *wi;

	if (t->flags & TOK_DIGIT)
		return false;
	wi = word_info(ls, t);
	return wi ? wi->plain : plain_word(ls, t);
}

/* The noun a count word counts, given the first noun-like word j after
 * it: in a run of such words, the first plural ("four key points", "a
 * number of Working Group members", "four provisions contained in"),
 * or the first word when none is. */
static size_t
head_noun(struct lists *ls, const struct token *tk, size_t j, size_t n)
{
	for (size_t i = j; i < n && noun_like(ls, &tk[i]); i++) {
		const char *w = tk[i].fold;
		size_t len = tk[i].flen;

		if (w[len - 1] == 's' && w[len - 2] != 's')
			return i;
		if (tk[i].after != ' ' || (i + 1 < n && tk[i + 1].gap))
			break;
	}
	return j;
}

/* Is token t one of the words? */
static bool
word_in(const struct token *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t->flen == strlen(words[i]) && memcmp(t->fold, words[i], t->flen) == 0)
			return true;
	return false;
}

/* Can word t be what a count counts: a plural ("points", "criteria"),
 * or a noun of the lexicon ("step")?  Not "ingediend" after "artikel 34"
 * nor "aanzien" after Dutch "ten". */
static bool
countable(const struct lists *ls, const struct token *t)
{
	static const char *const irregular[] = {
		"children", "criteria", "data", "media", "men", "people",
		"personnel", "phenomena", "staff", "women",
	};
	const char *w = t->fold;
	size_t len = t->flen;
	char st[STEM_MAX + 1];
	const char *group[1];

	/* "arbeids- en ...": the first half of a compound, not a noun */
	if (t->after == '-')
		return false;
	if (len >= 3 && w[len - 1] == 's' && w[len - 2] != 's')
		return true;
	if (word_in(t, irregular, ARRAY_SIZE(irregular)))
		return true;
	len = lexicon_stem(w, len, st);
	return lexicon_group(ls->lx, st, len, group, 1) > 0;
}

static uint32_t
text_add(struct lists *ls, const char *s, size_t n)
{
	bool space = false;

	ls->npool = 0;
	GROW(ls->pool, ls->cappool, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			space = ls->npool > 0;
			continue;
		}
		if (space)
			ls->pool[ls->npool++] = ' ';
		space = false;
		ls->pool[ls->npool++] = s[i];
	}
	return strtab_intern(ls->texts, ls->pool, ls->npool, NULL);
}

static void
group_add(struct group **g, size_t *cap, uint32_t key, uint32_t list)
{
	struct group *gr;

	if (key >= *cap) {
		size_t old = *cap;

		GROW(*g, *cap, (size_t)key + 1);
		memset(*g + old, 0, (*cap - old) * sizeof(**g));
	}
	gr = &(*g)[key];
	if (gr->n > 0 && gr->ids[gr->n - 1] == list)
		return;
	GROW(gr->ids, gr->cap, gr->n + 1);
	gr->ids[gr->n++] = list;
}

/* The key of a lead-in's word: the word without a plural "s" (a full
 * stemmer for every word of every lead-in costs more than the rest of
 * the lists together, for a fallback). */
static size_t
light_stem(const char *w, size_t n)
{
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
		n--;
	return n;
}

static uint32_t
stem_key(struct strtab *t, const char *w, size_t n)
{
	char st[STEM_MAX + 1];
	size_t len = lexicon_stem(w, n, st);

	return strtab_intern(t, st, len, NULL);
}

/* Token t's key in the nouns (its stem), made if new. */
static uint32_t
noun_key(struct lists *ls, const struct token *t)
{
	struct wordinfo *wi = word_info(ls, t);

	if (wi == NULL)
		return stem_key(ls->nouns, t->fold, t->flen);
	if (wi->noun == STRTAB_NONE)
		wi->noun = stem_key(ls->nouns, t->fold, t->flen);
	return wi->noun;
}

/* Token t's key in the words of lead-ins, made if new. */
static uint32_t
lead_key(struct lists *ls, const struct token *t)
{
	struct wordinfo *wi = word_info(ls, t);
	uint32_t k;

	if (wi != NULL && wi->lead != STRTAB_NONE)
		return wi->lead;
	k = strtab_intern(ls->leads, t->fold, light_stem(t->fold, t->flen), NULL);
	if (wi != NULL)
		wi->lead = k;
	return k;
}

/* May block b hold some of the lead-in of the list at node: the node's
 * own text, not a heading's title ("Article 5" counts nothing)? */
static bool
lead_block(const struct doc *d, uint32_t node, uint32_t b)
{
	const struct block *bl = doc_block(d, b);

	return bl->node == node && bl->kind != BLOCK_HEADING &&
	    bl->kind != BLOCK_TITLE;
}

/* The blocks list i's lead-in may be in: [*from, *to), up to its first
 * item (the first child of its node). */
static void
lead_blocks(const struct lists *ls, size_t i, uint32_t *from, uint32_t *to)
{
	*from = doc_node(ls->d, ls->l[i].at)->first_block;
	*to = doc_node(ls->d, ls->items[ls->l[i].first_item])->first_block;
}

/* The last tokens of a lead-in, in tk[count % LEAD_TOKENS] as count
 * were read: put in order, the earliest dropped when there were more;
 * returns how many. */
static size_t
lead_window(struct token *tk, size_t count)
{
	if (count > LEAD_TOKENS) {
		/* Rotate so that the window is in order. */
		struct token *tmp = xreallocarray(NULL, LEAD_TOKENS, sizeof(*tmp));
		size_t start = count % LEAD_TOKENS;

		for (size_t i = 0; i < LEAD_TOKENS; i++)
			tmp[i] = tk[(start + i) % LEAD_TOKENS];
		memcpy(tk, tmp, LEAD_TOKENS * sizeof(*tk));
		free(tmp);
		count = LEAD_TOKENS;
	}
	return count;
}

/* Make list i the next to name (ls->next), noting where its lead-in
 * may be. */
static void
set_next(struct lists *ls, size_t i)
{
	ls->next = i;
	if (i < ls->n)
		lead_blocks(ls, i, &ls->next_from, &ls->next_to);
}

/* Read list i's lead-in's last tokens; returns how many. */
static size_t
lead_tokens(const struct lists *ls, size_t i, struct token *tk)
{
	uint32_t from, to;
	size_t count = 0;

	lead_blocks(ls, i, &from, &to);
	for (uint32_t b = from; b < to; b++) {
		struct tokit it;

		if (!lead_block(ls->d, ls->l[i].at, b))
			continue;
		tok_init(&it, ls->d, b);
		while (tok_next(&it, &tk[count % LEAD_TOKENS]))
			count++;
	}
	return lead_window(tk, count);
}

/* May the number token k count a list?  "the following 3 items", but
 * not a paragraph's number ("26."), a part of "2024/25" or "2 500",
 * "7 per cent", "30 June" or "Article 33 of the Constitution". */
static bool
digit_count(const char *s, const struct token *tk, size_t k, size_t n)
{
	static const char *const after[] = {
		"per", "percent", "january", "february", "march", "april", "may",
		"june", "july", "august", "september", "october", "november",
		"december",
	};
	static const char *const before[] = {
		"article", "articles", "paragraph", "paragraphs", "section",
		"sections", "chapter", "chapters", "annex", "part", "rule",
		"rules", "resolution", "no", "page", "pages", "item", "items",
	};

	/* Nothing glued before it: a space, or an opening parenthesis. */
	if (tk[k].after != ' ' || (tk[k].off > 0 && s[tk[k].off - 1] != ' ' &&
	    s[tk[k].off - 1] != '\n' && s[tk[k].off - 1] != '(') ||
	    (k > 0 && (tk[k - 1].flags & TOK_DIGIT) && !tk[k].gap))
		return false;
	return !(k + 1 < n && word_in(&tk[k + 1], after, ARRAY_SIZE(after))) &&
	    !(k > 0 && word_in(&tk[k - 1], before, ARRAY_SIZE(before)));
}

/* Name list i from its lead-in tokens. */
static void
name_list(struct lists *ls, size_t i, struct token *tk, size_t n)
{
	/* "these three reasons" points back at a list; it names none */
	static const char *const back[] = { "these", "those", "such" };
	const char *s = doc_data(ls->d);
	struct list *l = &ls->l[i];
	size_t k, sent = 0, noun = SIZE_MAX;

	l->noun_key = STRTAB_NONE;
	for (k = n; k-- > 0 && noun == SIZE_MAX;) {
		int c = token_count(ls, &tk[k]);

		if (c == 0 || ((tk[k].flags & TOK_DIGIT) && !digit_count(s, tk, k, n)) ||
		    (k > 0 && word_in(&tk[k - 1], back, ARRAY_SIZE(back))))
			continue;
		for (size_t j = k + 1; j < n && j <= k + NOUN_WINDOW; j++) {
			if (tk[j].gap)          /* "35 [Red:", "5 (Article 2)" */
				break;
			if (noun_like(ls, &tk[j])) {
				size_t h = head_noun(ls, tk, j, MIN(n, k + NOUN_WINDOW + 3));

				if (countable(ls, &tk[h])) {
					noun = h;
					l->stated = c;
				}
				break;
			}
		}
	}
	if (noun != SIZE_MAX) {
		k++;
		l->noun = text_add(ls, s + tk[noun].off, tk[noun].end - tk[noun].off);
		l->noun_key = noun_key(ls, &tk[noun]);
		l->span_start = tk[k].off;
		l->span_end = tk[noun].end;
		for (sent = k; sent > 0 && !(tk[sent].flags & TOK_SENTENCE); sent--)
			;
	} else {
		l->noun = text_add(ls, "", 0);
		for (sent = n ? n - 1 : 0; sent > 0 && !(tk[sent].flags & TOK_SENTENCE); sent--)
			;
	}
	if (n > 0) {
		l->lead = tk[sent].off;
		l->lead_end = tk[n - 1].end;
	} else
		l->lead = l->lead_end = 0;
	for (size_t j = sent; j < n; j++)
		if (noun_like(ls, &tk[j]))
			group_add(&ls->by_lead, &ls->caplead, lead_key(ls, &tk[j]),
			    (uint32_t)i);
	if (l->noun_key != STRTAB_NONE)
		group_add(&ls->by_noun, &ls->capnoun, l->noun_key, (uint32_t)i);
}

static bool
is_item(const struct node *n)
{
	return n->kind == NODE_ITEM || n->kind == NODE_SUBITEM;
}

/* How many items list i has: lists and their items are added in the
 * same order, so a count is not kept (36 bytes a list, not 40). */
static uint32_t
list_items(const struct lists *ls, size_t i)
{
	return (i + 1 < ls->n ? ls->l[i + 1].first_item : (uint32_t)ls->nitems) -
	    ls->l[i].first_item;
}

static void
add_list(struct lists *ls, uint32_t node)
{
	const struct doc *d = ls->d;
	uint32_t first = doc_first_child(d, node);
	struct list *l;

	GROW(ls->l, ls->cap, ls->n + 1);
	l = &ls->l[ls->n++];
	memset(l, 0, sizeof(*l));
	l->at = node;
	l->first_item = (uint32_t)ls->nitems;
	l->noun_key = STRTAB_NONE;
	for (uint32_t c = first; c != DOC_NONE; c = doc_next_sibling(d, c))
		if (is_item(doc_node(d, c))) {
			GROW(ls->items, ls->capitems, ls->nitems + 1);
			ls->items[ls->nitems++] = c;
		}
}

/* The lists of d, found but not yet named. */
static struct lists *
find_lists(const struct doc *d, const struct lexicon *lx,
    const struct index *ix)
{
	struct lists *ls = xcalloc(1, sizeof(*ls));
	uint32_t n = doc_nnodes(d);

	ls->d = d;
	ls->lx = lx;
	ls->ix = ix;
	ls->texts = strtab_new();
	ls->nouns = strtab_new();
	ls->leads = strtab_new();
	for (uint32_t i = 0; i < n; i++) {
		uint32_t c = doc_first_child(d, i), items = 0;

		for (; c != DOC_NONE && items < 2; c = doc_next_sibling(d, c))
			items += is_item(doc_node(d, c));
		if (items >= 2 && is_item(doc_node(d, doc_first_child(d, i))))
			add_list(ls, i);
	}
	set_next(ls, 0);
	return ls;
}

/* Name every list not named yet, reading each lead-in's tokens. */
static void
name_rest(struct lists *ls)
{
	struct token *tk = xreallocarray(NULL, LEAD_TOKENS, sizeof(*tk));

	for (; ls->next < ls->n; set_next(ls, ls->next + 1))
		name_list(ls, ls->next, tk, lead_tokens(ls, ls->next, tk));
	free(tk);
}

static void
trim(struct lists *ls)
{
	SHRINK(ls->l, ls->cap, ls->n);
	SHRINK(ls->items, ls->capitems, ls->nitems);
	free(ls->pool);
	ls->pool = NULL;
	ls->npool = ls->cappool = 0;
	free(ls->words);
	ls->words = NULL;
	strtab_trim(ls->texts);
}

struct lists *
lists_build(const struct doc *d, const struct lexicon *lx)
{
	struct lists *ls = find_lists(d, lx, NULL);

	name_rest(ls);
	trim(ls);
	return ls;
}

/* Is the text of every block after the text of the blocks before it? */
static bool
text_in_order(const struct doc *d)
{
	uint32_t end = 0;

	for (uint32_t b = 0; b < doc_nblocks(d); b++) {
		const struct block *bl = doc_block(d, b);

		for (uint32_t i = bl->first_piece; i < block_end_piece(bl); i++) {
			const struct piece *p = doc_piece(d, i);

			if (p->off < end)
				return false;
			end = p->off + p->len;
		}
	}
	return true;
}

/* The lists are named in order as the model's pass reads their
 * lead-ins, rather than by reading every lead-in once more before it.
 * That needs each list's lead-in to end before the next one's starts,
 * as it does in a tree of nodes in document order whose first child is
 * an item, and (for lists_refer_known()) the blocks' text in the order
 * of the blocks.  Should either not hold, they are named here as
 * lists_build() does. */
struct lists *
lists_begin(const struct doc *d, const struct lexicon *lx,
    const struct index *ix)
{
	struct lists *ls = find_lists(d, lx, ix);
	uint32_t from, to, last = 0;
	bool in_order = true;

	if (ls->n == 0)
		return ls;
	for (size_t i = 0; i < ls->n && in_order; i++) {
		lead_blocks(ls, i, &from, &to);
		in_order = from >= last && to >= from;
		last = to;
	}
	if (!in_order || !text_in_order(d)) {
		name_rest(ls);
		return ls;
	}
	ls->tk = xreallocarray(NULL, LEAD_TOKENS, sizeof(*ls->tk));
	return ls;
}

/* Name the list whose lead-in was being read. */
static void
name_next(struct lists *ls)
{
	name_list(ls, ls->next, ls->tk, lead_window(ls->tk, ls->ntk));
	set_next(ls, ls->next + 1);
	ls->ntk = 0;
}

void
lists_add(struct lists *ls, uint32_t block, const struct token *tk, size_t n)
{
	size_t skip = n > LEAD_TOKENS ? n - LEAD_TOKENS : 0;

	while (ls->next < ls->n && block >= ls->next_to)
		name_next(ls);
	if (ls->next == ls->n || block < ls->next_from ||
	    !lead_block(ls->d, ls->l[ls->next].at, block))
		return;
	/* Only the last LEAD_TOKENS are kept: the earlier tokens of a long
	 * piece would be overwritten.  Into the ring, in at most two
	 * runs. */
	ls->ntk += skip;
	for (size_t i = skip; i < n;) {
		size_t at = ls->ntk % LEAD_TOKENS, k = MIN(n - i, LEAD_TOKENS - at);

		memcpy(ls->tk + at, tk + i, k * sizeof(*tk));
		ls->ntk += k;
		i += k;
	}
}

bool
lists_named(const struct lists *ls)
{
	return ls->next == ls->n;
}

void
lists_name_now(struct lists *ls)
{
	name_rest(ls);
	ls->ntk = 0;
}

void
lists_end(struct lists *ls)
{
	while (ls->next < ls->n)
		name_next(ls);
	free(ls->tk);
	ls->tk = NULL;
	trim(ls);
}

static void
free_groups(struct group *g, size_t cap)
{
	for (size_t i = 0; i < cap; i++)
		free(g[i].ids);
	free(g);
}

void
lists_free(struct lists *ls)
{
	if (ls == NULL)
		return;
	free(ls->l);
	free(ls->items);
	free(ls->pool);
	free(ls->tk);
	free(ls->words);
	strtab_free(ls->texts);
	strtab_free(ls->nouns);
	strtab_free(ls->leads);
	free_groups(ls->by_noun, ls->capnoun);
	free_groups(ls->by_lead, ls->caplead);
	free(ls);
}

uint32_t
lists_count(const struct lists *ls)
{
	return (uint32_t)ls->n;
}

uint32_t
lists_at(const struct lists *ls, uint32_t i)
{
	return ls->l[i].at;
}

const uint32_t *
lists_items(const struct lists *ls, uint32_t i, size_t *n)
{
	*n = list_items(ls, i);
	return ls->items + ls->l[i].first_item;
}

int
lists_stated(const struct lists *ls, uint32_t i)
{
	return ls->l[i].stated;
}

const char *
lists_noun(const struct lists *ls, uint32_t i)
{
	return strtab_str(ls->texts, ls->l[i].noun);
}

/* The lead-in as the model reads it, as words (doc_words_span()). */
void
lists_lead(const struct lists *ls, uint32_t i, struct buf *out)
{
	doc_words_span(ls->d, ls->l[i].lead, ls->l[i].lead_end, out);
}

void
lists_span(const struct lists *ls, uint32_t i, uint32_t *start, uint32_t *end)
{
	*start = ls->l[i].span_start;
	*end = ls->l[i].span_end;
}

bool
lists_mismatch(const struct lists *ls, uint32_t i)
{
	return ls->l[i].stated > 0 && (uint32_t)ls->l[i].stated != list_items(ls, i);
}

uint32_t
lists_held_by(const struct lists *ls, uint32_t node)
{
	size_t lo = 0, hi = ls->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ls->l[mid].at < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ls->n && ls->l[lo].at == node ? (uint32_t)lo : LISTS_NONE;
}

uint32_t
lists_of_item(const struct lists *ls, uint32_t node)
{
	uint32_t p = doc_node(ls->d, node)->parent;

	return p == DOC_NONE ? LISTS_NONE : lists_held_by(ls, p);
}

/* ----------------------------------------------------------- matching */

struct query {
	char words[8][TOKEN_MAX + 1];
	size_t len[8];
	size_t n;
	int count;
};

static bool
determiner(const char *w)
{
	static const char *const d[] = { "the", "these", "those", "this", "that",
		"its", "his", "her", "their", "our", "my", "your", "all", "of",
		"a", "an", "above", "below", "said", "mentioned", "listed", "for" };

	for (size_t i = 0; i < ARRAY_SIZE(d); i++)
		if (strcmp(w, d[i]) == 0)
			return true;
	return false;
}

static void
parse_phrase(const char *phrase, struct query *q)
{
	size_t n;
	char *f = utf8_fold_str(phrase, strlen(phrase), &n);
	char *save = NULL;

	memset(q, 0, sizeof(*q));
	for (char *w = strtok_r(f, " \t,.;:()\"'", &save); w && q->n < 8;
	    w = strtok_r(NULL, " \t,.;:()\"'", &save)) {
		int c = lists_count_word(w, strlen(w));

		if (c != 0) {
			q->count = c;
			continue;
		}
		if (determiner(w) || strlen(w) > TOKEN_MAX)
			continue;
		snprintf(q->words[q->n], sizeof(q->words[0]), "%s", w);
		q->len[q->n++] = strlen(w);
	}
	free(f);
}

/* The noun keys (stems) that a word of stem st[0..len) names: its own
 * stem and the stems of its synonyms, as ids in ls->nouns. */
static size_t
stem_keys(const struct lists *ls, const char *st, size_t len, uint32_t *keys,
    size_t max, uint32_t *own)
{
	const char *group[LISTS_SYNONYMS];
	size_t k = 0, ng;
	uint32_t id;

	*own = strtab_find(ls->nouns, st, len);
	if (*own != STRTAB_NONE)
		keys[k++] = *own;
	ng = lexicon_group(ls->lx, st, len, group, ARRAY_SIZE(group));
	for (size_t i = 0; i < ng && k < max; i++)
		if ((id = strtab_find(ls->nouns, group[i], strlen(group[i]))) != STRTAB_NONE &&
		    id != *own)
			keys[k++] = id;
	return k;
}

/* The same for the word w[0..n). */
static size_t
noun_keys(const struct lists *ls, const char *w, size_t n, uint32_t *keys,
    size_t max, uint32_t *own)
{
	char st[STEM_MAX + 1];
	size_t len = lexicon_stem(w, n, st);

	return stem_keys(ls, st, len, keys, max, own);
}

/* How well list i fits the query's count. */
static int
count_score(const struct lists *ls, uint32_t i, const struct query *q)
{
	const struct list *l = &ls->l[i];

	if (q->count == 0)
		return 0;
	if (q->count > 0 && (uint32_t)q->count == list_items(ls, i))
		return 2;
	if (q->count == l->stated)
		return 1;
	return q->count == LISTS_SEVERAL ? 0 : -3;
}

/* Keep the lists with the best score; equal ones in document order. */
static void
consider(uint32_t id, int score, int *best, uint32_t *out, size_t max,
    size_t *n)
{
	if (score < *best)
		return;
	if (score > *best) {
		*best = score;
		*n = 0;
	}
	if (*n < max)
		out[*n] = id;
	(*n)++;
}

static size_t
match_leads(const struct lists *ls, const struct query *q, uint32_t *out,
    size_t max)
{
	int best = 1;
	size_t n = 0;

	for (size_t w = 0; w < q->n; w++) {
		uint32_t key = strtab_find(ls->leads, q->words[w],
		    light_stem(q->words[w], q->len[w]));

		if (key == STRTAB_NONE || key >= ls->caplead)
			continue;
		for (size_t k = 0; k < ls->by_lead[key].n; k++) {
			uint32_t id = ls->by_lead[key].ids[k];
			int c = count_score(ls, id, q);
			bool dup = false;

			for (size_t i = 0; i < MIN(n, max); i++)
				dup |= out[i] == id;
			if (!dup && c >= 0 && (q->count == 0 || c > 0))
				consider(id, 1 + c, &best, out, max, &n);
		}
	}
	return n;
}

size_t
lists_match(const struct lists *ls, const char *phrase, bool lead,
    uint32_t *out, size_t max)
{
	struct query q;
	int best = 3;           /* below this, nothing matches */
	size_t n = 0;

	parse_phrase(phrase, &q);
	if (lead) {
		n = match_leads(ls, &q, out, max);
		qsort(out, MIN(n, max), sizeof(*out), cmp_u32);
		return n;
	}
	/* Each word of the phrase: the lists of its noun (4) and of its
	 * synonyms (3). */
	uint32_t seen[64];
	size_t nseen = 0;

	for (size_t w = 0; w < q.n; w++) {
		uint32_t keys[1 + LISTS_SYNONYMS], own;
		size_t nk = noun_keys(ls, q.words[w], q.len[w], keys, ARRAY_SIZE(keys), &own);

		for (size_t i = 0; i < nk; i++) {
			uint32_t key = keys[i];
			int noun = key == own ? 4 : 3;
			bool dup = false;

			for (size_t j = 0; j < nseen; j++)
				dup |= seen[j] == key;
			if (dup || key >= ls->capnoun)
				continue;
			if (nseen < ARRAY_SIZE(seen))
				seen[nseen++] = key;
			for (size_t k = 0; k < ls->by_noun[key].n; k++) {
				uint32_t id = ls->by_noun[key].ids[k];

				consider(id, noun + count_score(ls, id, &q), &best, out, max, &n);
			}
		}
	}
	qsort(out, MIN(n, max), sizeof(*out), cmp_u32);
	return n;
}

/* ------------------------------------------------------------ referring */

static bool
count_fits(const struct lists *ls, uint32_t i, int count)
{
	return count <= 0 || (uint32_t)count == list_items(ls, i) ||
	    count == ls->l[i].stated;
}

/* In one noun's group (in document order): the nearest fitting list
 * before off and after it, looking at most a few lists each way. */
static void
nearest(const struct lists *ls, const struct group *g, int count, uint32_t off,
    uint32_t *before, uint32_t *after, bool *own)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ls->l[g->ids[mid]].span_start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* g->ids[lo - 1] starts at or before off; g->ids[lo] after it. */
	for (size_t k = lo, tries = 0; k-- > 0 && tries < 8; tries++) {
		const struct list *l = &ls->l[g->ids[k]];

		if (off < l->span_end) {
			*own = true;        /* inside its own lead-in */
			return;
		}
		if (count_fits(ls, g->ids[k], count)) {
			if (*before == LISTS_NONE || g->ids[k] > *before)
				*before = g->ids[k];
			break;
		}
	}
	for (size_t k = lo, tries = 0; k < g->n && tries < 8; k++, tries++)
		if (count_fits(ls, g->ids[k], count)) {
			if (*after == LISTS_NONE || g->ids[k] < *after)
				*after = g->ids[k];
			break;
		}
}

void
lists_keys(const struct lists *ls, const char *stem, size_t n,
    struct lists_keys *k)
{
	uint32_t own;

	k->n = (uint32_t)stem_keys(ls, stem, n, k->key, ARRAY_SIZE(k->key), &own);
	k->nouns = strtab_count(ls->nouns);
}

/* The nouns are only added to, so the keys found with as many are
 * found again. */
bool
lists_keys_hold(const struct lists *ls, const struct lists_keys *k)
{
	return k->nouns == strtab_count(ls->nouns);
}

/* The keys of the noun w[0..n). */
static void
word_noun(const struct lists *ls, const char *w, size_t n,
    struct lists_keys *k)
{
	char st[STEM_MAX + 1];
	size_t len = lexicon_stem(w, n, st);

	lists_keys(ls, st, len, k);
}

/* The nearest fitting lists before off and after it among those named,
 * and whether off is in one's own lead-in: false then. */
static bool
refer(const struct lists *ls, const struct lists_keys *k, int count,
    uint32_t off, uint32_t *before, uint32_t *after)
{
	bool mine = false;

	*before = *after = LISTS_NONE;
	for (size_t i = 0; i < k->n && !mine; i++)
		if (k->key[i] < ls->capnoun)
			nearest(ls, &ls->by_noun[k->key[i]], count, off, before, after,
			    &mine);
	return !mine;
}

uint32_t
lists_refer_keys(const struct lists *ls, const struct lists_keys *k,
    int count, uint32_t off)
{
	uint32_t before, after;

	if (!refer(ls, k, count, off, &before, &after))
		return LISTS_NONE;
	return before != LISTS_NONE ? before : after;
}

uint32_t
lists_refer(const struct lists *ls, const char *noun, size_t n, int count,
    uint32_t off)
{
	struct lists_keys k;

	word_noun(ls, noun, n, &k);
	return lists_refer_keys(ls, &k, count, off);
}

/* The lists not named yet have their lead-ins in the blocks after block
 * (unless the next one's may hold it), so their text is after off: they
 * can be neither the list off is in the lead-in of nor the nearest
 * before it.  Only the nearest after it may be one of them. */
bool
lists_refer_known_keys(const struct lists *ls, const struct lists_keys *k,
    int count, uint32_t off, uint32_t block, uint32_t *l)
{
	uint32_t before, after;

	if (ls->next < ls->n && ls->next_from <= block)
		return false;
	if (!refer(ls, k, count, off, &before, &after)) {
		*l = LISTS_NONE;
		return true;
	}
	*l = before != LISTS_NONE ? before : after;
	return before != LISTS_NONE || ls->next == ls->n;
}

bool
lists_refer_known(const struct lists *ls, const char *noun, size_t n,
    int count, uint32_t off, uint32_t block, uint32_t *l)
{
	struct lists_keys k;

	word_noun(ls, noun, n, &k);
	return lists_refer_known_keys(ls, &k, count, off, block, l);
}
