/*
 * terms.c - finding terms.
 *
 * One pass over the blocks, in document order, on the tokens the model's
 * pass hands over (their word ids already set by the index).  Four small
 * finders, one per kind, look at each chunk of tokens.  Each finding is
 * "emitted": while building, a new term is added (unless it stands in
 * the title) and a known one gains a mention; when the reader asks for
 * the mentions in a block, the same finders run again and emit to its
 * callback.  Terms are keyed by their kind and their words' ids, so a
 * lookup is one short hash.  Defined phrases are kept only if the
 * document takes them up again with a definite article.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "index.h"
#include "load.h"
#include "strtab.h"
#include "terms.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

#define MAX_QUOTED 6
#define MAX_NAME 8
#define MAX_WORDS 16            /* words in a term's key */

/* A key holds every word of its term (a name runs to MAX_NAME words
 * and a connector and a word more), so that terms_end() can spell the
 * folded term from it. */
_Static_assert(MAX_NAME + 2 <= MAX_WORDS && MAX_QUOTED <= MAX_WORDS,
    "a term's key holds all its words");
/* terms_end() writes a key's length in a byte. */
_Static_assert(1 + MAX_WORDS * sizeof(uint32_t) <= 255, "a key's length fits a byte");

/* A term's text is made by terms_end(), for the terms kept alone (most
 * candidates of a long document are dropped there): until then, text
 * is where its first mention ends in the document.  Its folded text,
 * which orders the terms, is not kept: it is its words' (its key's)
 * with a space between them (1.6 MB of the benchmark's 100 MB).  Its
 * first mention's node is its block's.  Most terms are mentioned in a
 * node or two: their nodes are kept in the term, in place of the
 * pointer, and only the others have an array of their own, whose room
 * is the power of two from nnodes while the terms are built (exactly
 * nnodes after terms_end()).  The last node added is kept in the term
 * too, so that a mention in the same node again, the usual case, does
 * not read the array (a cache miss on a long document).  32 bytes. */
#define NODES_INLINE 2

struct term {
	uint32_t text;              /* in the pool: as first written */
	uint32_t block;             /* of the first body mention */
	uint32_t first_off;
	uint32_t nnodes;
	uint32_t last;              /* the last node added (nnodes > 0),
	                               until terms_end() */
	uint8_t kind;
	bool definite;              /* taken up with a definite article
	                               (defined phrases) */
	union {
		uint32_t *p;        /* nnodes > NODES_INLINE */
		uint32_t in[NODES_INLINE];
	} nodes;
};

/* Are term t's nodes in an array of their own? */
static bool
nodes_apart(const struct term *t)
{
	return t->nnodes > NODES_INLINE;
}

_Static_assert(sizeof(struct term) <= 32, "a term is 32 bytes");

struct terms {
	const struct doc *d;
	const struct index *ix;
	struct strtab *keys;        /* kind + word ids: ids are term ids */
	struct term *t;
	size_t cap;
	char *pool;
	size_t npool, cappool;
	uint8_t *role;              /* by word id: R_* */
	size_t nrole, caprole;      /* words given their role */
	uint8_t *mark;              /* terms_add()'s marks (struct scan) */
	size_t capmark;
	uint64_t *pairs;            /* a filter of the phrases' first two
	                               words (2^pair_log bits, or NULL) */
	unsigned pair_log;
	uint32_t npairs;            /* phrases set in it */
	uint32_t nterms;            /* after terms_end(): those kept, whose
	                               ids are their alphabetical order */
};

/* What the finders know of a word, by its id: a byte read for each
 * token, instead of comparing ids or asking the index, so that the
 * ordinary word costs a look-up. */
enum {
	R_STOP = 1,                 /* a stop word (index_is_stop()) */
	R_INTRO = 0x40,             /* "a", "an": introduces a phrase */
	R_START = 0x80              /* the first word of a defined phrase */
};

/* A token's mark (struct scan): the flags the finders look for, and
 * its word's role in a phrase, in the same bits as in its role. */
#define M_SHAPE (TOK_CAPS | TOK_UPPER | TOK_QOPEN)
#define M_ROLE (R_INTRO | R_START)
_Static_assert((M_SHAPE & M_ROLE) == 0,
    "a mark holds a token's shape and its word's role");

struct scan {
	struct terms *tm;
	uint32_t block, node;
	bool build;                 /* adding terms and mentions */
	bool introduce;             /* new terms may be found here */
	terms_fn *fn;
	void *arg;
	const struct token *tk;
	size_t n;
	/* By token: its shape and its word's role (R_START as the scan
	 * began), so that a finder passes over the tokens of no interest
	 * to it eight at a time; eight zeros follow the last. */
	const uint8_t *mark;
	bool stale;                 /* a word has begun a phrase since */
};

static const char *const kind_names[] = { "acronym", "name", "quoted", "defined" };

const char *
terms_kind_name(enum term_kind k)
{
	return (unsigned)k < ARRAY_SIZE(kind_names) ? kind_names[k] : "?";
}

/* -------------------------------------------------------------- keys */

static size_t
make_key(const struct token *tk, size_t i, size_t j, uint8_t kind, char *key)
{
	size_t n = 1;

	key[0] = (char)kind;
	for (size_t k = i; k <= j && k - i < MAX_WORDS; k++) {
		memcpy(key + n, &tk[k].word, sizeof(uint32_t));
		n += sizeof(uint32_t);
	}
	return n;
}

/* The filter of first pairs has at least PAIR_SPARE bits per phrase, so
 * that a pair no phrase starts with passes it rarely (1 in 16 or so):
 * 2^14 bits (2 KiB) to begin with, four times more each time phrases
 * fill it that far, up to 2^26 (8 MiB).  A fixed size let most pairs
 * through in a large document, and each cost a look-up in a table of
 * 100,000s of keys; starting at 2^20 took 128 KiB that a short document
 * never needed. */
#define PAIR_LOG_MIN 14
#define PAIR_LOG_MAX 26
#define PAIR_SPARE 16

static uint32_t
pair_hash(uint32_t a, uint32_t b, unsigned log)
{
	uint64_t h = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;

	return (uint32_t)(h >> (64 - log));
}

/* The first three words of a three-word phrase go in the same filter:
 * the longer reading is looked up only when one may start there. */
static uint32_t
triple_hash(uint32_t a, uint32_t b, uint32_t c, unsigned log)
{
	return pair_hash(a, (b << 16 | b >> 16) ^ c * 0x85EBCA6Bu ^ 0x9E3779B9u, log);
}

static void
filter_set(struct terms *tm, uint32_t h)
{
	tm->pairs[h / 64] |= 1ull << (h % 64);
}

static bool
filter_has(const struct terms *tm, uint32_t h)
{
	return (tm->pairs[h / 64] >> (h % 64)) & 1;
}

/* A defined phrase of words w[0..n) (n >= 2) in the filter. */
static void
pair_set(struct terms *tm, const uint32_t *w, size_t n)
{
	filter_set(tm, pair_hash(w[0], w[1], tm->pair_log));
	if (n >= 3)
		filter_set(tm, triple_hash(w[0], w[1], w[2], tm->pair_log));
}

/* Make the filter four times larger, from the phrases' keys. */
static void
pairs_grow(struct terms *tm)
{
	uint32_t n = strtab_count(tm->keys), w[3];

	free(tm->pairs);
	tm->pair_log = MIN(tm->pair_log + 2, PAIR_LOG_MAX);
	tm->pairs = xcalloc(((size_t)1 << tm->pair_log) / 64, sizeof(*tm->pairs));
	for (uint32_t id = 0; id < n; id++) {
		const char *k = strtab_str(tm->keys, id);
		size_t words = (strtab_len(tm->keys, id) - 1) / sizeof(*w);

		if (k[0] == TERM_DEFINED && words >= 2) {
			memcpy(w, k + 1, MIN(words, (size_t)3) * sizeof(*w));
			pair_set(tm, w, MIN(words, (size_t)3));
		}
	}
}

static uint32_t
pool_add(struct terms *tm, const char *s, size_t n)
{
	uint32_t off = (uint32_t)tm->npool;

	GROW(tm->pool, tm->cappool, tm->npool + n + 1);
	memcpy(tm->pool + tm->npool, s, n);
	tm->pool[tm->npool + n] = '\0';
	tm->npool += n + 1;
	return off;
}

/* NODES_INLINE is a power of two: an array's room is one too. */
_Static_assert((NODES_INLINE & (NODES_INLINE - 1)) == 0,
    "the nodes kept in a term are a power of two");

static void
add_node(struct term *t, uint32_t node)
{
	uint32_t n = t->nnodes;

	if (n > 0 && t->last == node)
		return;
	if (n < NODES_INLINE)
		t->nodes.in[n] = node;
	else {
		/* Full when n is a power of two: twice the room. */
		if (n == NODES_INLINE) {
			uint32_t *a = xreallocarray(NULL, 2 * NODES_INLINE,
			    sizeof(*a));

			memcpy(a, t->nodes.in, sizeof(t->nodes.in));
			t->nodes.p = a;
		} else if ((n & (n - 1)) == 0) {
			if (n > UINT32_MAX / 2)
				die("too many mentions");
			t->nodes.p = xreallocarray(t->nodes.p, (size_t)n * 2,
			    sizeof(*t->nodes.p));
		}
		t->nodes.p[n] = node;
	}
	t->nnodes = n + 1;
	t->last = node;
}

static void
new_term(struct scan *sc, uint32_t id, size_t i, size_t j, uint8_t kind)
{
	struct terms *tm = sc->tm;
	struct term *t;

	GROW(tm->t, tm->cap, (size_t)id + 1);
	t = &tm->t[id];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->text = sc->tk[j].end;        /* its strings: in terms_end() */
	t->block = sc->block;
	t->first_off = sc->tk[i].off;
	add_node(t, sc->node);
	if (kind == TERM_DEFINED && j > i) {
		uint32_t w = sc->tk[i].word;

		/* The marks of the tokens after it do not say so. */
		sc->stale |= !(tm->role[w] & R_START);
		tm->role[w] |= R_START;     /* w < nrole: terms_add() */
		if (tm->pairs == NULL) {
			tm->pair_log = PAIR_LOG_MIN;
			tm->pairs = xcalloc(((size_t)1 << PAIR_LOG_MIN) / 64,
			    sizeof(*tm->pairs));
		}
		uint32_t ws[3] = { w, sc->tk[i + 1].word,
		    j > i + 1 ? sc->tk[i + 2].word : 0 };

		pair_set(tm, ws, j > i + 1 ? 3 : 2);
		if (++tm->npairs > ((uint32_t)1 << tm->pair_log) / PAIR_SPARE &&
		    tm->pair_log < PAIR_LOG_MAX)
			pairs_grow(tm);
	}
}

/* Tokens i..j are term id, already known: a mention (while marking
 * them, for the reader's callback), or one more node that mentions it. */
static void
mention(struct scan *sc, uint32_t id, size_t i, size_t j, bool definite)
{
	struct terms *tm = sc->tm;
	struct term *t;

	if (!sc->build) {
		if (sc->tk[i].off >= tm->t[id].first_off)
			sc->fn(sc->arg, id, sc->tk[i].off, sc->tk[j].end);
		return;
	}
	t = &tm->t[id];
	if (t->first_off >= sc->tk[i].off)
		return;
	add_node(t, sc->node);
	if (definite)
		t->definite = true;
}

/* A finding: tokens i..j are a term of this kind, new where terms are
 * introduced. */
static void
emit(struct scan *sc, size_t i, size_t j, uint8_t kind, bool definite)
{
	struct terms *tm = sc->tm;
	/* Room to read the key by words of eight bytes, for
	 * strtab_intern_padded(). */
	char key[1 + MAX_WORDS * sizeof(uint32_t) + 7];
	size_t n = make_key(sc->tk, i, j, kind, key);
	uint32_t id;
	bool added = false;

	if (!sc->build || !sc->introduce)
		id = strtab_find(tm->keys, key, n);
	else
		id = strtab_intern_padded(tm->keys, key, n, &added);
	if (added)
		new_term(sc, id, i, j, kind);
	else if (id != STRTAB_NONE)
		mention(sc, id, i, j, definite);
}

/* ----------------------------------------------------------- finders */

/* The role of word w (R_*); none for a word the index lacks (a reader's
 * token may have none: terms_mentions()). */
static uint8_t
word_role(const struct terms *tm, uint32_t w)
{
	return w < tm->nrole ? tm->role[w] : 0;
}

/* The first token from i on whose mark has one of bits, or sc->n: each
 * finder looks at tokens of a shape (a capital, a quotation mark) or
 * role only, which most words have not. */
static size_t
next_mark(const struct scan *sc, size_t i, unsigned bits)
{
	uint64_t any = bits * 0x0101010101010101ull;

	for (; i < sc->n; i += 8) {
		uint64_t eight;

		memcpy(&eight, sc->mark + i, sizeof(eight));
		if (eight & any) {
			while (!(sc->mark[i] & bits))
				i++;
			return i;       /* before sc->n: zeros follow */
		}
	}
	return sc->n;
}

static bool
joined(const struct token *a, const struct token *b)
{
	return !b->gap && a->after == ' ';
}

static bool
roman(const struct token *t)
{
	for (size_t i = 0; i < t->flen; i++)
		switch (t->fold[i]) {
		case 'i': case 'v': case 'x': case 'l': case 'c': case 'd': case 'm':
			break;
		default:
			return false;
		}
	return true;
}

static bool
acronym(const struct token *t)
{
	return (t->flags & TOK_CAPS) && !(t->flags & TOK_HYPHEN) &&
	    t->flen <= 12 && !roman(t);
}

static void
find_acronyms(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; (i = next_mark(sc, i, TOK_CAPS)) < sc->n; i++) {
		size_t j = i;

		if (!acronym(&tk[i]))
			continue;
		while (j + 1 < sc->n && j - i < 2 && acronym(&tk[j + 1]) &&
		    joined(&tk[j], &tk[j + 1]))
			j++;
		/* Four capitals in a row: a heading in capitals, not names. */
		if (j + 1 < sc->n && acronym(&tk[j + 1]) && joined(&tk[j], &tk[j + 1])) {
			while (j + 1 < sc->n && acronym(&tk[j + 1]))
				j++;
			i = j;
			continue;
		}
		emit(sc, i, j, TERM_ACRONYM, false);
		i = j;
	}
}

static bool
capitalised(const struct token *t)
{
	return (t->flags & TOK_UPPER) && !(t->flags & TOK_DIGIT) && t->flen > 1 &&
	    !acronym(t);
}

static bool
connector(const struct token *t)
{
	return t->word == W_OF || t->word == W_ON || t->word == W_FOR ||
	    t->word == W_DE;
}

/* "Secretary-General": a compound of capitalised parts. */
static bool
capital_compound(const struct doc *d, const struct token *t)
{
	const char *s = doc_data(d), *h;

	if (!(t->flags & TOK_HYPHEN))
		return false;
	h = memchr(s + t->off, '-', t->end - t->off);
	return h && h + 1 < s + t->end && h[1] >= 'A' && h[1] <= 'Z';
}

static void
find_names(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; (i = next_mark(sc, i, TOK_UPPER)) < sc->n; i++) {
		size_t j = i, caps = 1, from = i;

		if (!capitalised(&tk[i]))
			continue;
		for (;;) {
			if (j + 1 < sc->n && capitalised(&tk[j + 1]) &&
			    joined(&tk[j], &tk[j + 1]) && j - i < MAX_NAME) {
				j++;
				caps++;
			} else if (j + 2 < sc->n && connector(&tk[j + 1]) &&
			    capitalised(&tk[j + 2]) && joined(&tk[j], &tk[j + 1]) &&
			    joined(&tk[j + 1], &tk[j + 2]) && j - i < MAX_NAME) {
				j += 2;
				caps++;
			} else
				break;
		}
		/* "The Working Group": a sentence's first word, if it is a
		 * small word, is not part of the name. */
		if ((tk[i].flags & TOK_SENTENCE) && caps > 1 &&
		    (word_role(sc->tm, tk[i].word) & R_STOP)) {
			from++;
			caps--;
		}
		if (caps >= 2 || (from == j && capital_compound(sc->tm->d, &tk[from]) &&
		    !(tk[from].flags & TOK_SENTENCE)))
			emit(sc, from, j, TERM_NAME, false);
		i = j;
	}
}

static void
find_quoted(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; (i = next_mark(sc, i, TOK_QOPEN)) < sc->n; i++) {
		for (size_t j = i; j < sc->n && j - i < MAX_QUOTED; j++) {
			if (j > i && ((tk[j].flags & TOK_QOPEN) || tk[j].gap))
				break;
			if (tk[j].flags & TOK_QCLOSE) {
				emit(sc, i, j, TERM_QUOTED, false);
				i = j;
				break;
			}
		}
	}
}

static bool
content_word(const struct terms *tm, const struct token *t)
{
	return !(t->flags & (TOK_UPPER | TOK_DIGIT)) && t->flen >= 3 &&
	    !(word_role(tm, t->word) & R_STOP);
}

static bool
definite_before(const struct token *tk, size_t i)
{
	uint32_t w = i > 0 ? tk[i - 1].word : UINT32_MAX;

	return w == W_THE || w == W_THAT || w == W_THIS || w == W_THESE ||
	    w == W_THOSE || w == W_SUCH;
}

/* The defined phrase tokens i..j are, or STRTAB_NONE. */
static uint32_t
phrase_id(const struct scan *sc, size_t i, size_t j)
{
	char key[1 + MAX_WORDS * sizeof(uint32_t)];
	size_t n = make_key(sc->tk, i, j, TERM_DEFINED, key);

	return strtab_find(sc->tm->keys, key, n);
}

/* May a known phrase start at tk[0], whose word's role is role (tk[1]
 * following it)?  The first word's role, then the filter of first
 * pairs: most candidates stop here, without a look-up in the table of
 * keys. */
static bool
may_start(const struct terms *tm, const struct token *tk, uint8_t role)
{
	return (role & R_START) &&
	    filter_has(tm, pair_hash(tk[0].word, tk[1].word, tm->pair_log));
}

static void
find_defined(struct scan *sc)
{
	const struct token *tk = sc->tk;

	/* Once a word has begun a phrase, the marks of the tokens after
	 * it may miss it: every token is looked at. */
	for (size_t i = 0; (i = sc->stale ? i :
	    next_mark(sc, i, M_ROLE)) < sc->n; i++) {
		uint8_t role = word_role(sc->tm, tk[i].word);
		size_t j = i;

		if (!(role & M_ROLE))
			continue;
		/* "a draft resolution": an introduction. */
		if ((role & R_INTRO) && sc->build && sc->introduce) {
			while (j + 1 < sc->n && j - i < 3 && content_word(sc->tm, &tk[j + 1]) &&
			    joined(&tk[j], &tk[j + 1]))
				j++;
			/* New, or mentioned again ("a draft resolution" once
			 * more): its node is one that mentions it.  (One
			 * look-up: emit() interns it.) */
			if (j - i >= 2)
				emit(sc, i + 1, j, TERM_DEFINED, false);
			i = j;
			continue;
		}
		if (i + 1 >= sc->n || !may_start(sc->tm, &tk[i], role))
			continue;
		/* Later: the phrase again, longest first. */
		for (size_t len = 3; len >= 2; len--) {
			uint32_t id = i + len <= sc->n && (len == 2 ||
			    filter_has(sc->tm, triple_hash(tk[i].word, tk[i + 1].word,
			    tk[i + 2].word, sc->tm->pair_log))) ?
			    phrase_id(sc, i, i + len - 1) : STRTAB_NONE;

			if (id != STRTAB_NONE) {
				mention(sc, id, i, i + len - 1, definite_before(tk, i));
				i += len - 1;
				break;
			}
		}
	}
}

/* Mark sc's tokens in *mark (room for *cap), then find. */
static void
find_all(struct scan *sc, uint8_t **mark, size_t *cap)
{
	const struct token *tk = sc->tk;
	/* In locals: a store of a byte might change any of them. */
	const uint8_t *role = sc->tm->role;
	size_t n = sc->n, nrole = sc->tm->nrole;
	uint8_t *m;

	GROW(*mark, *cap, n + 8);
	m = *mark;
	for (size_t i = 0; i < n; i++) {
		uint32_t w = tk[i].word;

		m[i] = (uint8_t)((tk[i].flags & M_SHAPE) |
		    (w < nrole ? role[w] & M_ROLE : 0));
	}
	memset(m + n, 0, 8);
	sc->mark = m;
	sc->stale = false;
	find_acronyms(sc);
	find_names(sc);
	find_quoted(sc);
	find_defined(sc);
}

/* ---------------------------------------------------------- building */

/* Give the words the index has named since the last call their roles:
 * the model's pass gives each piece to index_add() before terms_add(),
 * so that every word of the index has its role once the pass is over,
 * for terms_mentions() too. */
static void
add_roles(struct terms *tm)
{
	size_t n = index_nwords(tm->ix);

	if (n <= tm->nrole)
		return;
	GROW(tm->role, tm->caprole, n);
	for (uint32_t w = (uint32_t)tm->nrole; w < n; w++)
		tm->role[w] = (w == W_A || w == W_AN ? R_INTRO : 0) |
		    (index_is_stop(tm->ix, w) ? R_STOP : 0);
	tm->nrole = n;
}

struct terms *
terms_begin(const struct doc *d, const struct index *ix)
{
	struct terms *tm = xcalloc(1, sizeof(*tm));

	tm->d = d;
	tm->ix = ix;
	tm->keys = strtab_new();
	return tm;
}

void
terms_add(struct terms *tm, uint32_t block, const struct token *tk, size_t n)
{
	const struct block *bl = doc_block(tm->d, block);
	struct scan sc = { .tm = tm, .build = true, .tk = tk, .n = n,
		.block = block, .node = bl->node,
		.introduce = (bl->kind == BLOCK_TEXT || bl->kind == BLOCK_PRE) &&
		    doc_node(tm->d, bl->node)->kind != NODE_TITLE };

	add_roles(tm);
	find_all(&sc, &tm->mark, &tm->capmark);
}

/* A node's text after its children (BLOCK_CONT) mentions terms again:
 * node lists are sorted and made unique (node ids are in document
 * order, and most lists are so already: add_node() drops a node
 * mentioned again at once). */
static void
unique_nodes(struct term *t)
{
	bool apart = nodes_apart(t);
	uint32_t *a = apart ? t->nodes.p : t->nodes.in;

	t->nnodes = (uint32_t)sort_unique_u32(a, t->nnodes);
	if (!apart)
		return;
	/* The array to its exact size, or back into the term. */
	if (t->nnodes <= NODES_INLINE) {
		memcpy(t->nodes.in, a, t->nnodes * sizeof(*a));
		free(a);
	} else
		t->nodes.p = xreallocarray(a, t->nnodes, sizeof(*a));
}

/* A kept term's folded text, from its key (n bytes): its words with a
 * space between them, added to b. */
static void
key_fold(const struct terms *tm, const char *key, size_t n, struct buf *b)
{
	for (size_t k = 1; k + sizeof(uint32_t) <= n; k += sizeof(uint32_t)) {
		uint32_t w;

		memcpy(&w, key + k, sizeof(w));
		if (k > 1)
			buf_addc(b, ' ');
		buf_adds(b, index_word(tm->ix, w));
	}
}

struct sortkey {
	uint32_t head;              /* its first bytes (fold_head()) */
	uint32_t fold;              /* in the folded texts */
	uint32_t id;                /* among the kept, in id order */
	uint32_t key;               /* its key: in terms_end()'s copy */
};

/* cmp_sortkey()'s pool, as qsort() passes no argument: one for each
 * thread, as the reader builds two models at once (a window while the
 * whole is indexed), whose sorts would each overwrite it. */
static _Thread_local const char *sort_pool;

/* The first four bytes of s (zeros after its end), as a number that
 * orders as strcmp() orders them: most comparisons of the sort end
 * there. */
static uint32_t
fold_head(const char *s)
{
	uint32_t h = 0;

	for (int i = 0; i < 4; i++) {
		h = h << 8 | (unsigned char)*s;
		if (*s != '\0')
			s++;
	}
	return h;
}

static int
cmp_sortkey(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;
	int c;

	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	c = strcmp(sort_pool + x->fold, sort_pool + y->fold);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Keep the terms worth keeping, numbered alphabetically: the terms are
 * compacted in place, put in the order of their folded texts (made for
 * that, and then freed), and their texts made; the table of keys is
 * made again with theirs alone (the candidates never taken up are the
 * larger part on a long document), so that a term's id is its place in
 * the order.  The kept keys are copied out and the table of all of
 * them freed before anything else is made: the texts, the order and
 * the new table then fill the room it leaves in the heap (9 MB on the
 * benchmark's 100 MB), where made while it was held they took as much
 * again. */
void
terms_end(struct terms *tm)
{
	uint32_t n = strtab_count(tm->keys), m = 0;
	struct sortkey *keys;
	struct strtab *kept;
	struct buf b, kb;           /* kb: kept keys, each after its length */
	struct load_pass lp;
	uint32_t start, end;

	free(tm->mark);
	tm->mark = NULL;
	tm->capmark = 0;
	buf_init(&kb);
	for (uint32_t id = 0; id < n; id++) {
		struct term *t = &tm->t[id];
		size_t len = strtab_len(tm->keys, id);

		if (t->kind == TERM_DEFINED && !t->definite) {
			if (nodes_apart(t))
				free(t->nodes.p);
			continue;
		}
		unique_nodes(t);
		buf_addc(&kb, (char)len);
		buf_add(&kb, strtab_str(tm->keys, id), len);
		tm->t[m++] = *t;
	}
	strtab_free(tm->keys);
	tm->keys = NULL;
	/* Their texts as first written: the span of the first mention.  In
	 * the order the terms were first met, which is the text's (nearly:
	 * a first mention in the title moves on), so that the text read
	 * can be given back behind it (load.h). */
	buf_init(&b);
	doc_range(tm->d, &start, &end);
	load_pass_init(&lp, doc_text(tm->d), start, end);
	for (uint32_t r = 0; r < m; r++) {
		struct term *t = &tm->t[r];

		buf_reset(&b);
		doc_text_span_at(tm->d, t->block, t->first_off, t->text, &b);
		t->text = pool_add(tm, b.data, b.len);
		load_pass_at(&lp, t->first_off);
	}
	load_pass_end(&lp);
	buf_done(&b);
	SHRINK(tm->pool, tm->cappool, tm->npool);
	keys = xcalloc(m + 1, sizeof(*keys));
	buf_init(&b);
	for (uint32_t r = 0, k = 0; r < m; r++) {
		size_t len = (unsigned char)kb.data[k];

		keys[r] = (struct sortkey){ 0, (uint32_t)b.len, r, k };
		key_fold(tm, kb.data + k + 1, len, &b);
		buf_addc(&b, '\0');
		k += 1 + (uint32_t)len;
	}
	for (uint32_t r = 0; r < m; r++)
		keys[r].head = fold_head(b.data + keys[r].fold);
	sort_pool = b.data;
	qsort(keys, m, sizeof(*keys), cmp_sortkey);
	sort_pool = NULL;
	buf_done(&b);
	/* Into that order, in place: follow each cycle of the permutation
	 * (keys[r].id, the term to go at r, is set to r once it is there). */
	for (uint32_t r = 0; r < m; r++) {
		struct term tmp;
		uint32_t at = r;

		if (keys[r].id == r)
			continue;
		tmp = tm->t[r];
		while (keys[at].id != r) {
			uint32_t from = keys[at].id;

			tm->t[at] = tm->t[from];
			keys[at].id = at;
			at = from;
		}
		tm->t[at] = tmp;
		keys[at].id = at;
	}
	SHRINK(tm->t, tm->cap, m + 1);
	kept = strtab_new();
	for (uint32_t r = 0; r < m; r++)
		strtab_intern(kept, kb.data + keys[r].key + 1,
		    (unsigned char)kb.data[keys[r].key], NULL);
	free(keys);
	buf_done(&kb);
	strtab_trim(kept);
	tm->keys = kept;
	tm->nterms = m;
}

void
terms_free(struct terms *tm)
{
	if (tm == NULL)
		return;
	for (uint32_t id = 0; id < strtab_count(tm->keys); id++)
		if (nodes_apart(&tm->t[id]))
			free(tm->t[id].nodes.p);
	strtab_free(tm->keys);
	free(tm->t);
	free(tm->pool);
	free(tm->role);
	free(tm->mark);
	free(tm->pairs);
	free(tm);
}

/* ----------------------------------------------------------- queries */

uint32_t
terms_count(const struct terms *tm)
{
	return tm->nterms;
}

const char *
terms_text(const struct terms *tm, uint32_t t)
{
	return tm->pool + tm->t[t].text;
}

enum term_kind
terms_kind(const struct terms *tm, uint32_t t)
{
	return tm->t[t].kind;
}

uint32_t
terms_first(const struct terms *tm, uint32_t t)
{
	return doc_block(tm->d, tm->t[t].block)->node;
}

uint32_t
terms_first_off(const struct terms *tm, uint32_t t)
{
	return tm->t[t].first_off;
}

const uint32_t *
terms_nodes(const struct terms *tm, uint32_t t, size_t *n)
{
	const struct term *tt = &tm->t[t];

	*n = tt->nnodes;
	return nodes_apart(tt) ? tt->nodes.p : tt->nodes.in;
}

/* strcmp() of term t's folded text (its words, a space between them)
 * and p, read from its key. */
static int
fold_cmp(const struct terms *tm, uint32_t t, const char *p)
{
	const char *key = strtab_str(tm->keys, t);
	size_t n = strtab_len(tm->keys, t);
	const unsigned char *q = (const unsigned char *)p;

	for (size_t k = 1; k + sizeof(uint32_t) <= n; k += sizeof(uint32_t)) {
		const unsigned char *s;
		uint32_t w;

		memcpy(&w, key + k, sizeof(w));
		if (k > 1) {
			if (*q != ' ')
				return ' ' < *q ? -1 : 1;
			q++;
		}
		for (s = (const unsigned char *)index_word(tm->ix, w); *s != '\0'; s++, q++)
			if (*s != *q)
				return *s < *q ? -1 : 1;
	}
	return *q != '\0' ? -1 : 0;
}

/* The term whose folded text is exactly p, or TERMS_NONE (the terms are
 * sorted by their folded text). */
static uint32_t
find_fold(const struct terms *tm, const char *p)
{
	size_t lo = 0, hi = tm->nterms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fold_cmp(tm, (uint32_t)mid, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < tm->nterms && fold_cmp(tm, (uint32_t)lo, p) == 0)
		return (uint32_t)lo;
	return TERMS_NONE;
}

uint32_t
terms_find(const struct terms *tm, const char *phrase)
{
	static const char *const articles[] = { "the ", "a ", "an ", "that ", "this " };
	size_t n;
	char *f = utf8_fold_str(phrase, strlen(phrase), &n);
	uint32_t found;

	n = squeeze_space(f, n, true);
	/* As written ("The Internet Society" is a name), then without its
	 * article ("the Working Group" is the term "Working Group"). */
	found = find_fold(tm, f);
	for (size_t i = 0; i < ARRAY_SIZE(articles) && found == TERMS_NONE; i++)
		if (strncmp(f, articles[i], strlen(articles[i])) == 0)
			found = find_fold(tm, f + strlen(articles[i]));
	free(f);
	return found;
}

void
terms_mentions(const struct terms *tm, uint32_t b, terms_fn *fn, void *arg)
{
	struct scan sc = { .tm = (struct terms *)tm, .build = false, .fn = fn,
		.arg = arg };
	struct tokchunks c;
	struct tokit it;
	uint8_t *mark = NULL;
	size_t cap = 0;

	/* The same pieces as the build read, so that the same mentions are
	 * found. */
	tok_chunks_init(&c);
	tok_init(&it, tm->d, b);
	while ((sc.n = tok_chunk(&c, &it)) > 0) {
		for (size_t i = 0; i < sc.n; i++)
			c.tk[i].word = index_lookup(tm->ix, c.tk[i].fold, c.tk[i].flen);
		sc.tk = c.tk;
		find_all(&sc, &mark, &cap);
	}
	tok_chunks_done(&c);
	free(mark);
}
