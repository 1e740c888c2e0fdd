/*
 * prompt.c - the command line at the bottom of the screen: ':' to go to
 * a label, a line or a phrase, '/' and '?' to search.  A line editor
 * with its own history for each kind, completion on Tab for ':', and
 * searching as you type.
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "keys.h"
#include "lists.h"
#include "model.h"
#include "resolve.h"
#include "terms.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"

#define HISTORY_MAX 100
#define TARGETS 4096

static const char prefix[] = { ':', '/', '?' };

void
prompt_open(struct app *a, enum prompt_kind kind)
{
	struct prompt *p = &a->prompt;

	p->kind = kind;
	p->len = p->cursor = 0;
	p->text[0] = '\0';
	p->browse = p->nhist[kind];
	p->ncomp = 0;
	a->under = a->mode;
	a->mode = MODE_PROMPT;
	if (kind != PROMPT_GOTO) {
		a->search_start = text_pos(a);
		a->backward = kind == PROMPT_SEARCH_BACK;
	}
	if (kind != PROMPT_GOTO && !a->complete)
		app_message(a, false, "searching the part read so far (indexing the rest)");
}

static void
free_comp(struct prompt *p)
{
	for (size_t i = 0; i < p->ncomp; i++)
		free(p->comp[i]);
	free(p->comp);
	p->comp = NULL;
	p->ncomp = 0;
}

void
prompt_free(struct app *a)
{
	struct prompt *p = &a->prompt;

	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < p->nhist[k]; i++)
			free(p->hist[k][i]);
		free(p->hist[k]);
	}
	free_comp(p);
}

static void
remember(struct prompt *p)
{
	char ***h = &p->hist[p->kind];
	size_t *n = &p->nhist[p->kind];

	if (p->len == 0 || (*n > 0 && strcmp((*h)[*n - 1], p->text) == 0))
		return;
	if (*n == HISTORY_MAX) {
		free((*h)[0]);
		memmove(*h, *h + 1, (HISTORY_MAX - 1) * sizeof(**h));
		(*n)--;
	}
	*h = xreallocarray(*h, *n + 1, sizeof(**h));
	(*h)[(*n)++] = xstrdup(p->text);
}

static void
set_text(struct prompt *p, const char *s)
{
	p->len = MIN(strlen(s), (size_t)PROMPT_MAX - 1);
	memcpy(p->text, s, p->len);
	p->text[p->len] = '\0';
	p->cursor = p->len;
}

/* ------------------------------------------------------------ goto */

bool
prompt_go(struct app *a, const char *s, bool jump)
{
	struct target *t = xcalloc(TARGETS, sizeof(*t));
	size_t n = MIN(resolve(a->model, s, t, TARGETS), (size_t)TARGETS);
	uint32_t here = text_current_node(a), pick = 0;

	if (n == 0 && jump && !a->complete) {
		/* Not in the part shown: it comes when the index is ready. */
		snprintf(a->pending_goto, sizeof(a->pending_goto), "%s", s);
		app_message_later(a, s);
		free(t);
		return false;
	}
	if (n == 0) {
		app_message(a, true, "nothing answers to %s", s);
		free(t);
		return false;
	}
	/* Several: the nearest at or after the reading position (for a
	 * list, its first item). */
	for (size_t i = 0; i < n; i++) {
		if (t[i].how == RES_LIST && i > 0 && t[i].list == t[i - 1].list)
			continue;
		if (t[i].node >= here) {
			pick = (uint32_t)i;
			break;
		}
	}
	if (jump)
		text_jump_node(a, t[pick].node);
	else
		text_goto_node(a, t[pick].node);
	a->hl_list = t[pick].how == RES_LIST ? t[pick].list : LISTS_NONE;
	if (t[pick].how == RES_LIST) {
		size_t ni;

		lists_items(a->model->lists, t[pick].list, &ni);
		app_message(a, false, "%zu items: ) and ( step through them", ni);
	} else if (t[pick].how == RES_TERM)
		app_message(a, false, "where %s is introduced",
		    terms_text(a->model->terms, t[pick].term));
	free(t);
	return true;
}

/* ---------------------------------------------------------- completion */

static void
add_comp(struct prompt *p, const char *s)
{
	for (size_t i = 0; i < p->ncomp; i++)
		if (strcmp(p->comp[i], s) == 0)
			return;
	p->comp = xreallocarray(p->comp, p->ncomp + 1, sizeof(*p->comp));
	p->comp[p->ncomp++] = xstrdup(s);
}

static bool
starts(const char *s, const char *stem)
{
	size_t n = strlen(stem);

	return strncasecmp(s, stem, n) == 0;
}

/* Labels, list phrases and terms that start with what was typed. */
static void
complete(struct app *a)
{
	struct prompt *p = &a->prompt;
	const struct doc *d = a->model->doc;

	if (p->ncomp > 0) {
		p->compi = (p->compi + 1) % p->ncomp;
		set_text(p, p->comp[p->compi]);
		return;
	}
	snprintf(p->stem, sizeof(p->stem), "%s", p->text);
	for (uint32_t i = 0; i < doc_nnodes(d) && p->ncomp < 200; i++) {
		char lb[DOC_LABEL_MAX];
		const char *l = doc_label(d, i, lb);

		if (*l && starts(l, p->stem))
			add_comp(p, l);
	}
	for (uint32_t i = 0; i < lists_count(a->model->lists) && p->ncomp < 200; i++) {
		char phrase[160];

		if (!*lists_noun(a->model->lists, i))
			continue;
		snprintf(phrase, sizeof(phrase), "the %s", lists_noun(a->model->lists, i));
		if (starts(phrase, p->stem))
			add_comp(p, phrase);
	}
	for (uint32_t i = 0; i < terms_count(a->model->terms) && p->ncomp < 200; i++)
		if (starts(terms_text(a->model->terms, i), p->stem))
			add_comp(p, terms_text(a->model->terms, i));
	if (p->ncomp == 0) {
		app_message(a, false, "no completion");
		return;
	}
	p->compi = 0;
	set_text(p, p->comp[0]);
	if (p->ncomp > 1)
		app_message(a, false, "%zu completions: Tab for the next", p->ncomp);
}

/* ------------------------------------------------------------ editing */

static void
insert(struct prompt *p, int key)
{
	char buf[4];
	size_t n;

	if (key < 0x20 || key >= 0x110000 || key == 0x7F)
		return;
	n = utf8_encode((uint32_t)key, buf);
	if (p->len + n >= PROMPT_MAX)
		return;
	memmove(p->text + p->cursor + n, p->text + p->cursor, p->len - p->cursor + 1);
	memcpy(p->text + p->cursor, buf, n);
	p->len += n;
	p->cursor += n;
}

static size_t
prev_char(const struct prompt *p, size_t i)
{
	while (i > 0 && ((unsigned char)p->text[--i] & 0xC0) == 0x80)
		;
	return i;
}

static size_t
next_char(const struct prompt *p, size_t i)
{
	if (i < p->len)
		i++;
	while (i < p->len && ((unsigned char)p->text[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static void
erase(struct prompt *p, size_t from, size_t to)
{
	memmove(p->text + from, p->text + to, p->len - to + 1);
	p->len -= to - from;
	p->cursor = from;
}

static void
browse(struct prompt *p, int dir)
{
	size_t n = p->nhist[p->kind];

	if (dir < 0 && p->browse > 0)
		p->browse--;
	else if (dir > 0 && p->browse < n)
		p->browse++;
	else
		return;
	set_text(p, p->browse < n ? p->hist[p->kind][p->browse] : "");
}

/* Search as the pattern changes. */
static void
incremental(struct app *a)
{
	struct prompt *p = &a->prompt;

	if (p->kind == PROMPT_GOTO)
		return;
	if (p->len == 0) {
		text_search_clear(a);
		text_goto_pos(a, a->search_start);
		return;
	}
	if (!text_search_start(a, p->text, p->kind == PROMPT_SEARCH_BACK)) {
		text_goto_pos(a, a->search_start);
		app_message(a, true, "not found: %s", p->text);
	} else
		a->msg[0] = '\0';
}

static void
finish(struct app *a)
{
	struct prompt *p = &a->prompt;
	char text[PROMPT_MAX];

	a->mode = a->under == MODE_PROMPT ? MODE_TEXT : a->under;
	remember(p);
	free_comp(p);
	snprintf(text, sizeof(text), "%s", p->text);
	if (p->len == 0)
		return;
	if (p->kind == PROMPT_GOTO) {
		prompt_go(a, text, true);
		return;
	}
	if (!a->have_cur && !text_search_start(a, text, p->kind == PROMPT_SEARCH_BACK) &&
	    !app_window_search(a, text, p->kind == PROMPT_SEARCH_BACK)) {
		app_message(a, true, "not found: %s", text);
		return;
	}
	/* The search was a jump from where it started. */
	history_jump(a->hist, a->search_start);
	text_search_message(a, "");
}

void
prompt_key(struct app *a, int key)
{
	struct prompt *p = &a->prompt;
	bool changed = false;

	if (key != K_TAB)
		free_comp(p);
	switch (key) {
	case K_ESC:
	case K_CTRL('g'):
		a->mode = a->under == MODE_PROMPT ? MODE_TEXT : a->under;
		if (p->kind != PROMPT_GOTO) {
			text_search_clear(a);
			text_goto_pos(a, a->search_start);
		}
		a->msg[0] = '\0';
		return;
	case K_ENTER:
		finish(a);
		return;
	case K_BS:
		if (p->len == 0) {
			prompt_key(a, K_ESC);
			return;
		}
		erase(p, prev_char(p, p->cursor), p->cursor);
		changed = true;
		break;
	case K_DEL:
		erase(p, p->cursor, next_char(p, p->cursor));
		changed = true;
		break;
	case K_LEFT: p->cursor = prev_char(p, p->cursor); break;
	case K_RIGHT: p->cursor = next_char(p, p->cursor); break;
	case K_HOME: case K_CTRL('a'): p->cursor = 0; break;
	case K_END: case K_CTRL('e'): p->cursor = p->len; break;
	case K_CTRL('u'):
		erase(p, 0, p->cursor);
		changed = true;
		break;
	case K_CTRL('w'): {
		size_t i = p->cursor;

		while (i > 0 && p->text[i - 1] == ' ')
			i--;
		while (i > 0 && p->text[i - 1] != ' ')
			i--;
		erase(p, i, p->cursor);
		changed = true;
		break;
	}
	case K_UP: browse(p, -1); changed = true; break;
	case K_DOWN: browse(p, 1); changed = true; break;
	case K_TAB:
		if (p->kind == PROMPT_GOTO)
			complete(a);
		break;
	default:
		insert(p, key);
		changed = key >= 0x20;
		break;
	}
	if (changed)
		incremental(a);
}

void
prompt_draw(struct app *a)
{
	struct prompt *p = &a->prompt;
	int row = a->rows - 1, col, w, start = 0;
	size_t from = 0;

	screen_fill(&a->scr, row, 0, a->cols, EL_PROMPT);
	col = screen_put(&a->scr, row, 0, &prefix[p->kind], 1, 1, EL_PROMPT, a->cols);
	/* Keep the cursor in view on a long line. */
	w = screen_text_width(a->disp, p->text, p->cursor);
	while (w - start > a->cols - 3 && from < p->cursor) {
		size_t nx = next_char(p, from);

		start += screen_text_width(a->disp, p->text + from, nx - from);
		from = nx;
	}
	col = screen_text(&a->scr, a->disp, row, col, p->text + from, p->cursor - from,
	    EL_PROMPT, a->cols);
	a->scr.cursor_row = row;
	a->scr.cursor_col = MIN(col, a->cols - 1);
	screen_text(&a->scr, a->disp, row, col, p->text + p->cursor, p->len - p->cursor,
	    EL_PROMPT, a->cols);
	if (a->msg[0]) {
		int mw = screen_text_width(a->disp, a->msg, strlen(a->msg));
		int at = a->cols - mw - 1;

		if (at > col + 2)
			screen_text(&a->scr, a->disp, row, at, a->msg, strlen(a->msg),
			    a->msg_error ? EL_ERROR : EL_MESSAGE, a->cols);
	}
}
