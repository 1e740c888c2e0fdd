/*
 * furniture.c - running page headers, footers and page numbers.
 *
 * Text extracted from PDF keeps what was printed on every page: the
 * document symbol at the top, the page number and a job number at the
 * bottom.  Pages are found by their form feeds, or, in documents that
 * lost them, by RFC-style footers ("[Page 3]").  Only the three lines
 * on either side of each page boundary are read.  A line there is
 * furniture when its shape (digits replaced by '#', white space
 * collapsed) recurs next to other page boundaries, or when it is a bare
 * page number ("3", "2/5", "- 3 -", "Page 3 of 9") or a UN document's
 * job number or barcode.  The result is the
 * sorted list of where those lines start; the parser skips them.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "parse_impl.h"
#include "strtab.h"
#include "util.h"

#define NEAR 3                  /* lines looked at on each side */
#define MAXLEN 160              /* longer lines are never furniture */

struct cand {
	uint32_t start;             /* where the line starts */
	uint32_t key;               /* index into keys */
};

struct key {
	uint32_t pages;             /* boundaries it was seen next to */
	uint32_t last_page;
	bool page_number;
};

struct furn {
	uint32_t *starts;           /* sorted */
	size_t n;
};

#define MAXKEYS 4096

struct survey {
	const char *s;
	uint32_t start, end;
	struct cand *cands;
	size_t ncands, capcands;
	struct strtab *shapes;      /* key ids */
	struct key *keys;           /* by key id */
	size_t capkeys;
	uint32_t page;
};

static bool
is_blank_line(const char *s, uint32_t a, uint32_t b)
{
	for (; a < b; a++)
		if (s[a] != ' ' && s[a] != '\t' && s[a] != '\f' && s[a] != '\v')
			return false;
	return true;
}

/* "3", "2/5", "- 3 -", "page 3", "page 3 of 9", "[page 3]" after the
 * digits became '#' and the case was lowered. */
static bool
page_number_shape(const char *k, size_t n)
{
	static const char *const shapes[] = { "#", "#/#", "- # -", "-#-",
		"page #", "page # of #", "[page #]", "(#)", "# of #" };

	/* Most lines next to a page boundary are text: their first byte
	 * tells them from these. */
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
		if (k[0] == shapes[i][0] && strcmp(k, shapes[i]) == 0)
			return true;
	/* An RFC footer: "Author   Informational   [Page #]". */
	return n > 8 && strcmp(k + n - 8, "[page #]") == 0;
}

/* The slug of a United Nations document's first page, which is not
 * repeated: the job number ("18-16895 (E)", "GE.18-12345 (E)", with
 * one or two dates after it or none) and the barcode ("*1816895*"). */
static bool
slug_shape(const char *k)
{
	static const char *const shapes[] = { "*#*", "#-# (e)", "#-# (e) #",
		"#-# (e) # #", "ge.#-# (e)", "ge.#-# (e) #", "ge.#-# (e) # #" };

	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
		if (k[0] == shapes[i][0] && strcmp(k, shapes[i]) == 0)
			return true;
	return false;
}

/* The shape of the line s[a, b) into out (MAXLEN bytes and its NUL),
 * its length returned.  It is no longer than the line, so that it fits:
 * a space in it stands for a run of white space (none at either end), a
 * '#' for a run of digits. */
static size_t
make_key(const char *s, uint32_t a, uint32_t b, char *out)
{
	size_t n = 0;
	bool space = false;

	if (b - a > MAXLEN)
		b = a + MAXLEN;
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (a < b) {
		char c = s[a++];

		/* Most bytes are runs of small letters, kept as they are. */
		if (c >= 'a' && c <= 'z') {
			if (space)
				out[n++] = ' ';
			space = false;
			out[n++] = c;
			while (a < b && s[a] >= 'a' && s[a] <= 'z')
				out[n++] = s[a++];
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\f') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		/* The shape is a string: a NUL in the line ends it. */
		if (c == '\0')
			break;
		if (c >= '0' && c <= '9') {
			if (n == 0 || out[n - 1] != '#')
				out[n++] = '#';
			continue;
		}
		out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	out[n] = '\0';
	return n;
}

/* The id of shape k (n bytes), or STRTAB_NONE when it is new and
 * enough shapes are tracked already (most shapes next to a boundary are
 * body text that never recurs; the first few thousand hold the
 * furniture). */
static uint32_t
key_id(struct survey *sv, const char *k, size_t n)
{
	bool added;
	uint32_t id = strtab_find(sv->shapes, k, n);

	if (id != STRTAB_NONE)
		return id;
	if (strtab_count(sv->shapes) >= MAXKEYS)
		return STRTAB_NONE;
	id = strtab_intern(sv->shapes, k, n, &added);
	if (added) {
		GROW(sv->keys, sv->capkeys, (size_t)id + 1);
		sv->keys[id].pages = 0;
		sv->keys[id].last_page = UINT32_MAX;
		sv->keys[id].page_number = page_number_shape(k + 2, n - 2) ||
		    slug_shape(k + 2);
	}
	return id;
}

/* May a shape recur as a header or footer?  One with a letter may; of
 * the others, digits and dots ("12.", "3.2") are a paragraph or section
 * number, but digits joined otherwise are a job number ("24-15820") or
 * a date ("12/05/2024"). */
static bool
furniture_shape(const char *k)
{
	bool joined = false;

	for (const char *c = k; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (unsigned char)*c >= 0x80)
			return true;
		if (*c != '#' && *c != '.' && c > k && c[-1] == '#' && c[1] == '#')
			joined = true;
	}
	return joined;
}

/* A line s[a, b) at distance `at` from a boundary, on side `side` ('h'
 * after it, 'f' before it): the key is the shape and where it stands.
 * False when the line is blank, and does not count. */
static bool
candidate(struct survey *sv, uint32_t a, uint32_t b, char side, int at)
{
	char k[MAXLEN + 3];
	uint32_t id, f = a;
	size_t n;

	/* The white space that starts the line is read once: the shape
	 * starts after it (make_key() leaves out the same). */
	while (f < b && (sv->s[f] == ' ' || sv->s[f] == '\t' || sv->s[f] == '\f'))
		f++;
	if (is_blank_line(sv->s, f, b))
		return false;
	if (b - a > MAXLEN)
		return true;
	if ((n = make_key(sv->s, f, b, k + 2)) == 0)
		return true;
	if (page_number_shape(k + 2, n)) {
		if (at > 1)
			return true;
	} else if (!slug_shape(k + 2) && !furniture_shape(k + 2))
		return true;
	k[0] = side;
	k[1] = (char)('0' + at);
	if ((id = key_id(sv, k, n + 2)) == STRTAB_NONE)
		return true;
	if (sv->keys[id].last_page != sv->page) {
		sv->keys[id].pages++;
		sv->keys[id].last_page = sv->page;
	}
	GROW(sv->cands, sv->capcands, sv->ncands + 1);
	sv->cands[sv->ncands].start = a;
	sv->cands[sv->ncands].key = id;
	sv->ncands++;
	return true;
}

static bool
is_eol(char c)
{
	return c == '\n' || c == '\r' || c == '\f';
}

/* Line ends are found by memchr(), a kind at a time: a line is read
 * in a few calls rather than byte by byte, and the lines are long
 * enough for that to pay.  The kinds are is_eol()'s: the two must
 * change together. */
static const char eols[] = "\n\r\f";

/* The first line end in s[a, e), or e. */
static uint32_t
first_eol(const char *s, uint32_t a, uint32_t e)
{
	for (const char *c = eols; *c != '\0'; c++) {
		const char *q = memchr(s + a, *c, e - a);

		if (q != NULL)
			e = (uint32_t)(q - s);
	}
	return e;
}

/* Just after the last line end in s[lo, e), or lo. */
static uint32_t
after_last_eol(const char *s, uint32_t lo, uint32_t e)
{
	uint32_t a = lo;

	for (const char *c = eols; *c != '\0'; c++)
		for (const char *q = s + a; q < s + e &&
		    (q = memchr(q, *c, (size_t)(s + e - q))) != NULL; q++)
			a = (uint32_t)(q - s) + 1;
	return a;
}

/* The non-blank lines before boundary pos (footers). */
static void
look_back(struct survey *sv, uint32_t pos)
{
	const char *s = sv->s;
	uint32_t e = pos;
	int seen = 0;

	while (e > sv->start && seen < NEAR) {
		uint32_t b = e, a;

		while (b > sv->start && is_eol(s[b - 1]))
			b--;
		/* Back to a line end, at most MAXLEN + 1 bytes. */
		a = after_last_eol(s, b - sv->start > MAXLEN + 1 ?
		    b - MAXLEN - 1 : sv->start, b);
		if (a == b || (a > sv->start && !is_eol(s[a - 1])))
			break;
		if (candidate(sv, a, b, 'f', seen))
			seen++;
		e = a;
	}
}

/* The non-blank lines after boundary pos (headers). */
static void
look_ahead(struct survey *sv, uint32_t pos)
{
	const char *s = sv->s;
	uint32_t a = pos;
	int seen = 0;

	while (a < sv->end && seen < NEAR) {
		uint32_t b;

		while (a < sv->end && is_eol(s[a]))
			a++;
		/* On to a line end, at most MAXLEN + 1 bytes. */
		b = first_eol(s, a, sv->end - a > MAXLEN + 1 ?
		    a + MAXLEN + 1 : sv->end);
		if (b < sv->end && !is_eol(s[b]))
			break;
		if (b > a && candidate(sv, a, b, 'h', seen))
			seen++;
		a = b;
	}
}

/* Page boundaries: form feeds, or else the lines that end in
 * "[Page N]" (the boundary is just after such a line).  Each search
 * reads from the start, and ends the pass after it: a pass gives back
 * only ahead of where it has got to (load.h). */
static size_t
boundaries(const struct survey *sv, struct load_pass *lp, uint32_t **out)
{
	const char *s = sv->s, *p = s + sv->start, *e = s + sv->end, *q;
	uint32_t *b = NULL;
	size_t n = 0, cap = 0;

	while ((p = load_pass_memchr(lp, p, '\f', e)) != NULL) {
		GROW(b, cap, n + 1);
		b[n++] = (uint32_t)(p - s);
		p++;
	}
	load_pass_end(lp);
	if (n == 0) {
		for (p = s + sv->start; (q = load_pass_memmem(lp, p, e,
		    "[Page ", 6)) != NULL; p = q) {
			while (q < e && !is_eol(*q))
				q++;
			GROW(b, cap, n + 1);
			b[n++] = (uint32_t)(q - s);
		}
		load_pass_end(lp);
	}
	*out = b;
	return n;
}

/* Which candidates are furniture, as a sorted list of line starts. */
static void
decide(const struct survey *sv, size_t nb, struct furn *f)
{
	/* Seen next to at least two boundaries, and a fair share of them. */
	uint32_t need = nb < 8 ? 2 : (uint32_t)(nb / 4);
	size_t cap = 0;

	for (size_t i = 0; i < sv->ncands; i++) {
		const struct key *k = &sv->keys[sv->cands[i].key];

		if (k->page_number || k->pages >= need) {
			GROW(f->starts, cap, f->n + 1);
			f->starts[f->n++] = sv->cands[i].start;
		}
	}
	if (f->n > 0)
		qsort(f->starts, f->n, sizeof(*f->starts), cmp_u32);
}

struct furn *
furn_scan(struct load_pass *lp)
{
	const char *s = lp->t->data;
	uint32_t start = (uint32_t)lp->start, end = (uint32_t)lp->end;
	struct survey *sv = xcalloc(1, sizeof(*sv));
	struct furn *f = xcalloc(1, sizeof(*f));
	uint32_t *bounds;
	size_t nb;

	sv->s = s;
	sv->start = start;
	sv->end = end;
	sv->shapes = strtab_new();
	nb = boundaries(sv, lp, &bounds);
	/* Then the lines around each boundary, the pages behind given
	 * back again as the survey goes.  The first page has a header
	 * too, at the start of the text. */
	if (nb > 0) {
		sv->page = 0;
		look_ahead(sv, start);
	}
	for (size_t i = 0; i < nb; i++) {
		sv->page = (uint32_t)i;
		look_back(sv, bounds[i]);
		sv->page = (uint32_t)i + 1;
		look_ahead(sv, bounds[i] + (s[bounds[i]] == '\f'));
		load_pass_at(lp, bounds[i]);
	}
	/* The last page has a footer too, at the end of the text. */
	if (nb > 0 && bounds[nb - 1] < end) {
		sv->page = (uint32_t)nb;
		look_back(sv, end);
	}
	load_pass_end(lp);
	if (nb > 0)
		decide(sv, nb, f);
	free(bounds);
	free(sv->cands);
	free(sv->keys);
	strtab_free(sv->shapes);
	free(sv);
	return f;
}

bool
furn_is(const struct furn *f, size_t *at, uint32_t line_start)
{
	size_t lo = *at, hi = f->n;

	/* The parser asks about its lines in order: the answer is at or
	 * just after the last one, and found by stepping.  Asked about an
	 * earlier line, search the whole list again. */
	if (lo > hi || (lo > 0 && f->starts[lo - 1] >= line_start))
		lo = lower_bound_u32(f->starts, 0, hi, line_start);
	else
		while (lo < hi && f->starts[lo] < line_start)
			lo++;
	*at = lo;
	return lo < f->n && f->starts[lo] == line_start;
}

void
furn_free(struct furn *f)
{
	if (f == NULL)
		return;
	free(f->starts);
	free(f);
}
