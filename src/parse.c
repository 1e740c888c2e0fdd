/*
 * parse.c - the parser's driver: survey the text, choose a recogniser,
 * then stream every line through the classifier, the paragraph builder
 * and the structure builder (see parse_impl.h).
 */
#include "autoconf.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "load.h"
#include "parse.h"
#include "parse_impl.h"
#include "progress.h"
#include "util.h"
#include "utf8.h"

#define SAMPLE_LINES 4000
#define MIN_PROSE 40

/* The typical full line (the 90th percentile of the widths of lines
 * long enough to be prose) and the usual indentation of prose. */
static void
survey(struct pctx *p, const struct line *l, size_t n)
{
	unsigned hist[512] = { 0 }, ind[64] = { 0 }, total = 0, seen = 0, max = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned w = (unsigned)l[i].indent + l[i].width;

		if (l[i].flags & LN_BLANK)
			continue;
		max = MAX(max, MIN(w, 511u));
		if (w >= MIN_PROSE && !(l[i].flags & (LN_COLUMNS | LN_TOC))) {
			hist[MIN(w, 511u)]++;
			total++;
		}
	}
	p->width = (uint16_t)MAX(max, 20u);
	if (total >= 5) {
		unsigned want = total - total / 10;

		for (unsigned w = 0; w < 512; w++)
			if ((seen += hist[w]) >= want) {
				p->width = (uint16_t)w;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (!(l[i].flags & LN_BLANK) && l[i].width * 2 >= p->width &&
		    l[i].indent < 64)
			ind[l[i].indent]++;
	for (unsigned i = 0, best = 0; i < 64; i++)
		if (ind[i] > best) {
			best = ind[i];
			p->body_indent = (uint16_t)i;
		}
}

/* The lines sample() classified, which the main pass is given again
 * rather than classify twice (a short document is all sample), and the
 * line reader as it was after them. */
struct sample {
	struct line *l;
	size_t n, at;
	struct linereader after;
};

/* Classify the first lines, without disturbing the line reader. */
static void
sample(struct pctx *p, struct sample *sm)
{
	struct line *l = xreallocarray(NULL, SAMPLE_LINES, sizeof(*l));
	struct linereader before = p->rd;
	size_t n = 0;

	while (n < SAMPLE_LINES && classify_next(p, &l[n]))
		n++;
	sm->l = l;
	sm->n = n;
	sm->at = 0;
	sm->after = p->rd;
	p->rd = before;
	survey(p, l, n);
	p->rec = recog_choose(p, l, n);
}

/* The next line, as classify_next() reads it: the sample's lines first.
 * The reader is left as classify_next() would leave it after each (the
 * recognisers look ahead from p->rd.pos): the next sampled line starts
 * there, at its number, after a form feed if it is flagged so. */
static bool
next_line(struct pctx *p, struct sample *sm, struct line *l)
{
	const struct line *next;

	if (sm->at >= sm->n)
		return classify_next(p, l);
	*l = sm->l[sm->at++];
	if (sm->at < sm->n) {
		next = &sm->l[sm->at];
		p->rd.pos = next->start;
		p->rd.lineno = next->lineno;
		p->rd.pending_break = (next->flags & LN_BREAK) != 0;
		return true;
	}
	p->rd = sm->after;
	free(sm->l);
	sm->l = NULL;
	return true;
}

struct doc *
parse_range(struct text *t, uint32_t start, uint32_t end, uint32_t first_line,
    bool complete)
{
	return parse_range_progress(t, start, end, first_line, complete, NULL);
}

struct doc *
parse_range_progress(struct text *t, uint32_t start, uint32_t end,
    uint32_t first_line, bool complete, struct progress *pr)
{
	struct pctx p;
	struct line l;
	struct doc *d;
	struct load_pass lp;
	struct sample sm;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.s = t->data;
	p.start = p.rd.pos = start;
	p.end = end;
	p.rd.lineno = first_line ? first_line : 1;
	sample(&p, &sm);
	/* Each pass over the text gives its pages back (load.h) as it
	 * goes, or when it ends: what it keeps meanwhile is less than the
	 * model will be. */
	load_pass_init(&lp, t, start, end);
	p.furn = furn_scan(&lp);
	p.hyph = hyph_scan(&lp);
	p.db = docb_new(t, start, end, complete, first_line != 0);
	docb_kind(p.db, p.rec->name);
	p.tree = tree_new(&p);
	para_init(&p);
	while (next_line(&p, &sm, &l)) {
		para_feed(&p, &l);
		load_pass_at(&lp, l.start);
		if (pr && (l.lineno & 1023) == 0) {
			atomic_store_explicit(&pr->done, p.rd.pos - start, memory_order_relaxed);
			if (atomic_load_explicit(&pr->cancel, memory_order_relaxed))
				break;
		}
	}
	free(sm.l);
	para_end(&p);
	tree_finish(&p);
	d = docb_finish(p.db);
	load_pass_end(&lp);
	para_done(&p);
	tree_free(p.tree);
	furn_free(p.furn);
	hyph_free(p.hyph);
	return d;
}

int
parse_number_columns(const struct text *t, uint32_t start, uint32_t end)
{
	const char *s = t->data;
	int widest = 0;

	for (uint32_t a = start, b; a < end; a = b + 1) {
		const char *nl = memchr(s + a, '\n', end - a);
		struct line l;

		b = nl ? (uint32_t)(nl - s) : end;
		classify_line(s, a, b, &l);
		if (l.mark == MK_NUM || l.mark == MK_SECNUM) {
			int w = l.mlen;

			while (w > 0 && (s[l.off + w - 1] == ' ' || s[l.off + w - 1] == '\t'))
				w--;
			widest = MAX(widest, w);
		}
	}
	return widest;
}

struct doc *
parse_text(struct text *t)
{
	return parse_range(t, 0, (uint32_t)t->len, 1, true);
}

uint32_t
parse_window_start(const struct text *t, uint32_t lo, uint32_t off)
{
	const char *s = t->data;
	uint32_t i = off;

	/* Back to a blank line: "\n\n" (or "\n \n"). */
	while (i > lo) {
		if (s[i - 1] == '\n') {
			uint32_t j = i - 1;

			while (j > lo && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\r'))
				j--;
			if (j > lo && s[j - 1] == '\n')
				return i;
		}
		i--;
	}
	/* Else the start of a line; else at least not inside a character. */
	for (i = off; i > lo; i--)
		if (s[i - 1] == '\n')
			return i;
	return lo == 0 ? 0 : lo + (uint32_t)utf8_boundary(s + lo, off - lo);
}
