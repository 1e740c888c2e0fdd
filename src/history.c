/*
 * history.c - the back and forward stacks of reading positions, the
 * start of the last jump, and the 52 marks.
 *
 * Each stack is an array of at most max positions, oldest first; pushing
 * onto a full one drops the oldest (a memmove of a few hundred bytes at
 * most, on a key press).  A jump pushes onto the back stack and clears
 * the forward one, as a browser does; going back pops the back stack and
 * pushes the position being left onto the forward stack, and going
 * forward does the reverse without clearing anything.
 */
#include "autoconf.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "util.h"

struct stack {
	struct pos *p;
	size_t n;
};

struct history {
	size_t max;
	struct stack back, fwd;
	bool have_last;
	struct pos last;
	uint64_t marks_set;         /* bit i: mark i is set */
	struct pos marks[HISTORY_NMARKS];
};

struct history *
history_new(size_t max)
{
	struct history *h = xcalloc(1, sizeof(*h));

	h->max = max ? max : 1;
	h->back.p = xreallocarray(NULL, h->max, sizeof(struct pos));
	h->fwd.p = xreallocarray(NULL, h->max, sizeof(struct pos));
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	free(h->back.p);
	free(h->fwd.p);
	free(h);
}

static bool
history_pos_equal(struct pos a, struct pos b)
{
	return a.off == b.off && a.sub == b.sub;
}

/* Push p onto s, dropping the oldest entry when s is full; a position
 * equal to the newest entry is not pushed again. */
static void
push(const struct history *h, struct stack *s, struct pos p)
{
	if (s->n > 0 && history_pos_equal(s->p[s->n - 1], p))
		return;
	if (s->n == h->max) {
		memmove(s->p, s->p + 1, (s->n - 1) * sizeof(*s->p));
		s->n--;
	}
	s->p[s->n++] = p;
}

/* Pop the newest entry of s that differs from cur into *to. */
static bool
pop(struct stack *s, struct pos cur, struct pos *to)
{
	while (s->n > 0 && history_pos_equal(s->p[s->n - 1], cur))
		s->n--;
	if (s->n == 0)
		return false;
	*to = s->p[--s->n];
	return true;
}

void
history_jump(struct history *h, struct pos from)
{
	push(h, &h->back, from);
	h->fwd.n = 0;
	h->last = from;
	h->have_last = true;
}

bool
history_back(struct history *h, struct pos cur, struct pos *to)
{
	if (!pop(&h->back, cur, to))
		return false;
	push(h, &h->fwd, cur);
	return true;
}

bool
history_forward(struct history *h, struct pos cur, struct pos *to)
{
	if (!pop(&h->fwd, cur, to))
		return false;
	push(h, &h->back, cur);
	return true;
}

size_t
history_back_depth(const struct history *h)
{
	return h->back.n;
}

size_t
history_forward_depth(const struct history *h)
{
	return h->fwd.n;
}

bool
history_last_jump(const struct history *h, struct pos *p)
{
	if (!h->have_last)
		return false;
	*p = h->last;
	return true;
}

int
history_mark_index(int letter)
{
	if (letter >= 'a' && letter <= 'z')
		return letter - 'a';
	if (letter >= 'A' && letter <= 'Z')
		return 26 + (letter - 'A');
	return -1;
}

int
history_mark_letter(int i)
{
	if (i >= 0 && i < 26)
		return 'a' + i;
	if (i >= 26 && i < HISTORY_NMARKS)
		return 'A' + (i - 26);
	return 0;
}

bool
history_mark_set(struct history *h, int letter, struct pos p)
{
	int i = history_mark_index(letter);

	if (i < 0)
		return false;
	h->marks[i] = p;
	h->marks_set |= UINT64_C(1) << i;
	return true;
}

bool
history_mark_get(const struct history *h, int letter, struct pos *p)
{
	int i = history_mark_index(letter);

	if (i < 0 || !(h->marks_set & (UINT64_C(1) << i)))
		return false;
	*p = h->marks[i];
	return true;
}

void
history_marks(const struct history *h,
    void (*fn)(void *arg, int letter, struct pos p), void *arg)
{
	for (int i = 0; i < HISTORY_NMARKS; i++)
		if (h->marks_set & (UINT64_C(1) << i))
			fn(arg, history_mark_letter(i), h->marks[i]);
}
