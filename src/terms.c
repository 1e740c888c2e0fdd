/*
 * terms.c - finding terms.
 *
 * One pass over the blocks, in document order.  A block's tokens are
 * read into an array (a block is a paragraph; a pathological block is
 * read in chunks, and a term across two chunks is missed) and run
 * through four small finders, one per kind.  Each finding is "emitted":
 * while building, a new term is added (unless it stands in the title) and
 * a known one gains a mention; when the reader asks for the mentions in
 * a block, the same finders run again and emit to its callback.  Defined
 * phrases are kept only if the document takes them up again with a
 * definite article, and names and quoted terms only if mentioned in the
 * body.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "stem.h"
#include "strtab.h"
#include "terms.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

#define CHUNK 4096
#define MAX_QUOTED 6
#define MAX_NAME 8

struct term {
	uint32_t text;              /* in the pool: as first written */
	uint32_t first;             /* node of the first body mention */
	uint32_t first_off;
	uint32_t *nodes;
	size_t nnodes, cap;
	uint32_t definite;          /* definite mentions (defined phrases) */
	uint8_t kind;
	bool phrase_only;           /* a candidate phrase not yet defined */
};

struct terms {
	const struct doc *d;
	struct strtab *keys;        /* kind + folded text: ids are term ids */
	struct term *t;
	size_t cap;
	char *pool;
	size_t npool, cappool;
	uint32_t *sorted;           /* accepted terms, alphabetical */
	uint32_t nsorted;
	uint32_t *rank;             /* term id -> position in sorted */
};

struct scan {
	struct terms *tm;
	uint32_t node;
	bool build;                 /* adding terms and mentions */
	bool introduce;             /* new terms may be found here */
	terms_fn *fn;
	void *arg;
	struct token *tk;
	size_t n;
};

static const char *const kind_names[] = { "acronym", "name", "quoted", "defined" };

const char *
terms_kind_name(enum term_kind k)
{
	return (unsigned)k < ARRAY_SIZE(kind_names) ? kind_names[k] : "?";
}

/* -------------------------------------------------------------- keys */

static size_t
make_key(const struct token *tk, size_t i, size_t j, uint8_t kind, char *key,
    size_t size)
{
	size_t n = 0;

	key[n++] = (char)('0' + kind);
	for (size_t k = i; k <= j; k++) {
		if (n + tk[k].flen + 2 > size)
			break;
		if (k > i)
			key[n++] = ' ';
		memcpy(key + n, tk[k].fold, tk[k].flen);
		n += tk[k].flen;
	}
	return n;
}

static uint32_t
add_text(struct terms *tm, uint32_t a, uint32_t b)
{
	uint32_t off = (uint32_t)tm->npool;
	struct buf text;

	buf_init(&text);
	doc_text_span(tm->d, a, b, &text);
	GROW(tm->pool, tm->cappool, tm->npool + text.len + 1);
	memcpy(tm->pool + tm->npool, text.data, text.len + 1);
	tm->npool += text.len + 1;
	buf_done(&text);
	return off;
}

static void
add_node(struct term *t, uint32_t node)
{
	if (t->nnodes > 0 && t->nodes[t->nnodes - 1] == node)
		return;
	GROW(t->nodes, t->cap, t->nnodes + 1);
	t->nodes[t->nnodes++] = node;
}

/* A finding: tokens i..j are a term of this kind. */
static void
emit(struct scan *sc, size_t i, size_t j, uint8_t kind, bool definite)
{
	struct terms *tm = sc->tm;
	char key[TOKEN_MAX * MAX_NAME];
	size_t n = make_key(sc->tk, i, j, kind, key, sizeof(key));
	uint32_t id;
	bool added = false;
	struct term *t;

	if (!sc->build) {
		id = strtab_find(tm->keys, key, n);
		if (id != STRTAB_NONE && tm->rank[id] != TERMS_NONE &&
		    sc->tk[i].off >= tm->t[id].first_off)
			sc->fn(sc->arg, tm->rank[id], sc->tk[i].off, sc->tk[j].end);
		return;
	}
	if (!sc->introduce && strtab_find(tm->keys, key, n) == STRTAB_NONE)
		return;
	id = strtab_intern(tm->keys, key, n, &added);
	if (added) {
		GROW(tm->t, tm->cap, (size_t)id + 1);
		t = &tm->t[id];
		memset(t, 0, sizeof(*t));
		t->kind = kind;
		t->text = add_text(tm, sc->tk[i].off, sc->tk[j].end);
		t->first = sc->node;
		t->first_off = sc->tk[i].off;
		t->phrase_only = kind == TERM_DEFINED;
		add_node(t, sc->node);
		return;
	}
	t = &tm->t[id];
	if (t->first_off >= sc->tk[i].off)
		return;
	add_node(t, sc->node);
	if (definite)
		t->definite++;
}

/* ----------------------------------------------------------- finders */

static bool
joined(const struct token *a, const struct token *b)
{
	return !b->gap && a->after == ' ';
}

static bool
roman(const struct token *t)
{
	for (size_t i = 0; i < t->flen; i++)
		if (!strchr("ivxlcdm", t->fold[i]))
			return false;
	return true;
}

static bool
acronym(const struct token *t)
{
	return (t->flags & TOK_CAPS) && !(t->flags & TOK_HYPHEN) && !roman(t) &&
	    t->flen <= 12;
}

static void
find_acronyms(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; i < sc->n; i++) {
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
word_is(const struct token *t, const char *w)
{
	return t->flen == strlen(w) && memcmp(t->fold, w, t->flen) == 0;
}

static bool
capitalised(const struct token *t)
{
	return (t->flags & TOK_UPPER) && !acronym(t) && !(t->flags & TOK_DIGIT) &&
	    !(t->flen == 1);
}

static bool
connector(const struct token *t)
{
	return word_is(t, "of") || word_is(t, "on") || word_is(t, "for") ||
	    word_is(t, "de");
}

/* "Secretary-General": a compound of capitalised parts. */
static bool
capital_compound(const struct doc *d, const struct token *t)
{
	const char *s = doc_data(d);
	const char *h = memchr(s + t->off, '-', t->end - t->off);

	return (t->flags & TOK_HYPHEN) && h && h + 1 < s + t->end &&
	    h[1] >= 'A' && h[1] <= 'Z';
}

static void
find_names(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; i < sc->n; i++) {
		size_t j = i, caps = 1;

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
		size_t from = i;

		if ((tk[i].flags & TOK_SENTENCE) && stem_is_stop(tk[i].fold, tk[i].flen) &&
		    caps > 1) {
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

	for (size_t i = 0; i < sc->n; i++) {
		if (!(tk[i].flags & TOK_QOPEN))
			continue;
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
content_word(const struct token *t)
{
	return !(t->flags & (TOK_UPPER | TOK_DIGIT)) && t->flen >= 3 &&
	    !stem_is_stop(t->fold, t->flen);
}

static bool
definite_before(const struct token *tk, size_t i)
{
	return i > 0 && (word_is(&tk[i - 1], "the") || word_is(&tk[i - 1], "that") ||
	    word_is(&tk[i - 1], "this") || word_is(&tk[i - 1], "these") ||
	    word_is(&tk[i - 1], "those") || word_is(&tk[i - 1], "such"));
}

/* Is tokens i..j a known phrase?  Then it is a mention. */
static bool
phrase_known(struct scan *sc, size_t i, size_t j)
{
	char key[TOKEN_MAX * 4];
	size_t n = make_key(sc->tk, i, j, TERM_DEFINED, key, sizeof(key));

	return strtab_find(sc->tm->keys, key, n) != STRTAB_NONE;
}

static void
find_defined(struct scan *sc)
{
	const struct token *tk = sc->tk;

	for (size_t i = 0; i < sc->n; i++) {
		size_t j = i;

		/* "a draft resolution": an introduction. */
		if ((word_is(&tk[i], "a") || word_is(&tk[i], "an")) && sc->build &&
		    sc->introduce) {
			while (j + 1 < sc->n && j - i < 3 && content_word(&tk[j + 1]) &&
			    joined(&tk[j], &tk[j + 1]))
				j++;
			if (j - i >= 2 && !phrase_known(sc, i + 1, j))
				emit(sc, i + 1, j, TERM_DEFINED, false);
			i = j;
			continue;
		}
		/* Later: the phrase again, longest first. */
		for (size_t len = 3; len >= 2; len--)
			if (i + len <= sc->n && phrase_known(sc, i, i + len - 1)) {
				emit(sc, i, i + len - 1, TERM_DEFINED, definite_before(tk, i));
				i += len - 1;
				break;
			}
	}
}

/* ---------------------------------------------------------- scanning */

static void
scan_block(struct scan *sc, uint32_t b)
{
	const struct block *bl = doc_block(sc->tm->d, b);
	struct tokit it;
	bool more = true;

	sc->node = bl->node;
	sc->introduce = bl->kind == BLOCK_TEXT || bl->kind == BLOCK_PRE;
	tok_init(&it, sc->tm->d, b);
	while (more) {
		sc->n = 0;
		while (sc->n < CHUNK && (more = tok_next(&it, &sc->tk[sc->n])))
			sc->n++;
		find_acronyms(sc);
		find_names(sc);
		find_quoted(sc);
		find_defined(sc);
	}
}

struct sortkey {
	const char *key;            /* folded text, the kind skipped */
	uint32_t id;
};

static int
cmp_sortkey(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* A node's text after its children (BLOCK_CONT) mentions terms again:
 * node lists are sorted and made unique (node ids are in document
 * order). */
static void
unique_nodes(struct term *t)
{
	size_t k = 0;

	qsort(t->nodes, t->nnodes, sizeof(*t->nodes), cmp_u32);
	for (size_t i = 0; i < t->nnodes; i++)
		if (k == 0 || t->nodes[i] != t->nodes[k - 1])
			t->nodes[k++] = t->nodes[i];
	t->nnodes = k;
}

/* Keep the terms worth keeping; number them alphabetically. */
static void
finish(struct terms *tm)
{
	uint32_t n = strtab_count(tm->keys);

	struct sortkey *keys = xcalloc(n + 1, sizeof(*keys));

	tm->sorted = xcalloc(n + 1, sizeof(*tm->sorted));
	tm->rank = xreallocarray(NULL, n + 1, sizeof(*tm->rank));
	for (uint32_t id = 0; id < n; id++) {
		const struct term *t = &tm->t[id];

		tm->rank[id] = TERMS_NONE;
		unique_nodes(&tm->t[id]);
		if (t->kind == TERM_DEFINED && t->definite == 0)
			continue;
		keys[tm->nsorted].key = strtab_str(tm->keys, id) + 1;
		keys[tm->nsorted++].id = id;
	}
	qsort(keys, tm->nsorted, sizeof(*keys), cmp_sortkey);
	for (uint32_t r = 0; r < tm->nsorted; r++) {
		tm->sorted[r] = keys[r].id;
		tm->rank[keys[r].id] = r;
	}
	free(keys);
}

struct terms *
terms_build(const struct doc *d)
{
	struct terms *tm = xcalloc(1, sizeof(*tm));
	struct scan sc = { .tm = tm, .build = true };

	tm->d = d;
	tm->keys = strtab_new();
	sc.tk = xreallocarray(NULL, CHUNK, sizeof(*sc.tk));
	for (uint32_t b = 0; b < doc_nblocks(d); b++)
		scan_block(&sc, b);
	free(sc.tk);
	finish(tm);
	return tm;
}

void
terms_free(struct terms *tm)
{
	if (tm == NULL)
		return;
	for (uint32_t id = 0; id < strtab_count(tm->keys); id++)
		free(tm->t[id].nodes);
	strtab_free(tm->keys);
	free(tm->t);
	free(tm->pool);
	free(tm->sorted);
	free(tm->rank);
	free(tm);
}

uint32_t
terms_count(const struct terms *tm)
{
	return tm->nsorted;
}

const char *
terms_text(const struct terms *tm, uint32_t t)
{
	return tm->pool + tm->t[tm->sorted[t]].text;
}

enum term_kind
terms_kind(const struct terms *tm, uint32_t t)
{
	return tm->t[tm->sorted[t]].kind;
}

uint32_t
terms_first(const struct terms *tm, uint32_t t)
{
	return tm->t[tm->sorted[t]].first;
}

uint32_t
terms_first_off(const struct terms *tm, uint32_t t)
{
	return tm->t[tm->sorted[t]].first_off;
}

const uint32_t *
terms_nodes(const struct terms *tm, uint32_t t, size_t *n)
{
	*n = tm->t[tm->sorted[t]].nnodes;
	return tm->t[tm->sorted[t]].nodes;
}

uint32_t
terms_find(const struct terms *tm, const char *phrase)
{
	char *f;
	size_t n;
	const char *p;

	f = utf8_fold_str(phrase, strlen(phrase), &n);
	p = f;
	while (*p == ' ')
		p++;
	for (const char *art = "the \0a \0an \0that \0this \0"; *art; art += strlen(art) + 1)
		if (strncmp(p, art, strlen(art)) == 0) {
			p += strlen(art);
			break;
		}
	for (uint32_t r = 0; r < tm->nsorted; r++)
		if (strcmp(strtab_str(tm->keys, tm->sorted[r]) + 1, p) == 0) {
			free(f);
			return r;
		}
	free(f);
	return TERMS_NONE;
}

void
terms_mentions(const struct terms *tm, uint32_t b, terms_fn *fn, void *arg)
{
	struct scan sc = { .tm = (struct terms *)tm, .build = false, .fn = fn,
		.arg = arg };

	sc.tk = xreallocarray(NULL, CHUNK, sizeof(*sc.tk));
	scan_block(&sc, b);
	free(sc.tk);
}
