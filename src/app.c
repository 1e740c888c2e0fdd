/*
 * app.c - the reader's application: its state, its event loop, the
 * dispatch of keys to the current mode, the drawing of the screen from
 * the views, and the life of the model: built at once for a small
 * document, or shown from its beginning while the builder (builder.h)
 * indexes the rest, then swapped in with the reading position kept.
 *
 * The configuration, the remembered position and the start command
 * (+6b, +/word) are applied here too.
 */
#include "autoconf.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "builder.h"
#include "conf.h"
#include "display.h"
#include "doc.h"
#include "history.h"
#include "keys.h"
#include "layout.h"
#include "lexicon.h"
#include "lists.h"
#include "load.h"
#include "model.h"
#include "parse.h"
#include "paths.h"
#include "reader.h"
#include "resolve.h"
#include "state.h"
#include "term.h"
#include "terms.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"

#define SYNC_LIMIT (2u << 20)       /* build larger documents behind */
#define WINDOW (64u << 10)          /* a window's part of the text */
#define MESSAGE_MS 4000
#define CHECK_MS 2000

int64_t
app_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
app_message_later(struct app *a, const char *what)
{
	app_message(a, false, "indexing the document (%d%%): %s comes when it is ready",
	    a->builder ? builder_percent(a->builder) : 0, what);
}

void
app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
	a->msg_until = app_now() + MESSAGE_MS;
}

/* ------------------------------------------------------------ layout */

/* The columns the text area has, the outline pane aside. */
static int
text_area(const struct app *a, int *col0)
{
	int c0 = 0;

	if (a->mode == MODE_OUTLINE && a->outline.side)
		c0 = a->outline.width + 1;
	*col0 = c0;
	return MAX(a->cols - c0, 1);
}

static void
relayout(struct app *a)
{
	int col0, area = text_area(a, &col0), w;
	struct pos p = { 0, 0 };
	bool had = a->lay != NULL;

	/* One column spare at the right, where some terminals wrap. */
	w = area > 40 ? area - 1 : area;
	if (a->want_width > 0)
		w = MIN(w, a->want_width);
	if (had && w == a->lay_width)
		return;
	if (had)
		p = text_pos(a);
	text_reset_layout(a);
	layout_free(a->lay);
	a->lay = layout_new(a->model->doc, a->disp, w,
	    LAYOUT_BLANKS | LAYOUT_PAGEBREAKS);
	layout_min_margin(a->lay, a->number_cols);
	a->lay_width = w;
	if (had)
		text_goto_pos(a, p);
}

void
app_resize(struct app *a, int rows, int cols)
{
	a->rows = MAX(rows, 3);
	a->cols = MAX(cols, 10);
	screen_resize(&a->scr, a->rows, a->cols);
	if (a->outline.folded)
		a->outline.side = a->cols >= 70;
	relayout(a);
	panel_resized(a);
	a->full_redraw = true;
}

/* ------------------------------------------------------------- model */

static void
set_model(struct app *a, struct model *m, bool complete)
{
	struct pos p = { 0, 0 };
	bool had = a->model != NULL;

	if (had)
		p = text_pos(a);
	panel_close(a);
	peek_close(a);
	outline_free(a);
	if (a->mode == MODE_OUTLINE)
		a->mode = MODE_TEXT;
	text_reset_layout(a);
	layout_free(a->lay);
	a->lay = NULL;
	model_free(a->model);
	a->model = m;
	a->complete = complete;
	a->have_sel = false;
	a->hl_list = LISTS_NONE;
	a->mention_term = TERMS_NONE;
	a->mention_off = UINT32_MAX;
	a->numbered = -1;
	relayout(a);
	if (had)
		text_goto_pos(a, p);
	if (a->have_pat && a->search_src) {
		/* The same search over the new model, staying put. */
		char *pat = xstrdup(a->search_src);

		a->search_start = text_pos(a);
		text_search_start(a, pat, a->backward);
		text_goto_pos(a, a->search_start);
		free(pat);
	}
}

static void restore_state(struct app *a);

/* Say how many characters of the text were replaced, if any, once it
 * is complete (then final: load_complete() orders the builder's writes
 * before this read): at start for a text read at once, else when the
 * builder, which checked the rest, hands over the whole model. */
static void
note_replaced(struct app *a)
{
	if (load_complete(a->text) && a->text->replaced)
		app_message(a, true, "%zu invalid or unmappable character%s shown as U+FFFD",
		    a->text->replaced, a->text->replaced == 1 ? "" : "s");
}

/* The text is another (decoded again, or reloaded): what was found in
 * the old one is forgotten. */
static void
replace_text(struct app *a, struct text *t)
{
	load_unref(a->text);
	a->text = t;
	search_memo_clear(&a->raw_memo);
}

static void
app_model_ready(struct app *a, struct model *m)
{
	bool untouched = text_pos(a).off == 0 && a->hist &&
	    history_back_depth(a->hist) == 0;
	struct text *t = (struct text *)doc_text(m->doc);

	/* Decoded again (it was not UTF-8 after all): offsets moved, so
	 * keep the line instead. */
	if (t != a->text) {
		uint32_t line = doc_line_of(a->model->doc, text_pos(a).off);

		replace_text(a, load_ref(t));
		set_model(a, m, true);
		text_goto_node(a, doc_block(m->doc, MIN(doc_block_at_line(m->doc, line),
		    doc_nblocks(m->doc) ? doc_nblocks(m->doc) - 1 : 0))->node);
	} else
		set_model(a, m, true);
	/* What the rest of the text held, checked behind the first screen. */
	note_replaced(a);
	/* The builder's temporaries and the window's model are freed:
	 * their pages go back. */
	util_malloc_trim();
	/* After a reload: its place, if it was not read when it began;
	 * never the place remembered from an earlier session. */
	if (a->reloading) {
		a->reloading = false;
		untouched = false;
		if (a->have_resume && text_pos(a).off == a->resume_from.off)
			text_goto_pos(a, a->resume);
		a->have_resume = false;
	}
	if (a->pending_action) {
		int act = a->pending_action;

		a->pending_action = 0;
		action_run(a, act);
	}
	if (a->pending_goto[0]) {
		char go[sizeof(a->pending_goto)];

		memcpy(go, a->pending_goto, sizeof(go));
		a->pending_goto[0] = '\0';
		prompt_go(a, go, true);
	}
	if (untouched)
		restore_state(a);
}

bool
app_wait_model(struct app *a)
{
	struct model *m;

	if (a->complete || a->builder == NULL)
		return true;
	if ((m = builder_wait(a->builder)) != NULL)
		app_model_ready(a, m);
	return a->complete;
}

/* A window: a model of the part of the text around off, for reading a
 * large document before it is indexed.  It starts after a blank line
 * and ends before one, within the part read so far. */
static struct model *
window_model(struct app *a, uint32_t off, bool at_start)
{
	struct text *t = a->text;
	uint32_t avail = (uint32_t)load_avail(t), start, end, floor = 0;

	/* In the end that load_open() read already, if it is UTF-8. */
	if (off >= load_tail(t) && avail < t->raw_len &&
	    utf8_valid_prefix(t->data + load_tail(t), t->raw_len - load_tail(t)) ==
	    t->raw_len - load_tail(t)) {
		floor = (uint32_t)load_tail(t);
		floor += (uint32_t)utf8_boundary_start(t->data + floor, t->raw_len - floor);
		avail = (uint32_t)t->raw_len;
	}
	if (at_start)
		start = 0;
	else {
		off = MIN(off, avail);
		start = off > floor + WINDOW / 4 ? parse_window_start(t,
		    MAX(floor, off - WINDOW / 2), off - WINDOW / 4) : floor;
	}
	end = MIN(avail, start + WINDOW);
	/* End after a blank line (as windows start), else at a line's
	 * start: never in the middle of a paragraph if it can be helped,
	 * and never in the first half of the window. */
	if (end < avail)
		end = parse_window_start(t, start + WINDOW / 2, end);
	return model_from_doc(parse_range(t, start, end, start == 0 ? 1 : 0, false),
	    a->lx);
}

/* Show the window around off (the document is still being indexed). */
static void
show_window(struct app *a, uint32_t off, bool at_start)
{
	set_model(a, window_model(a, off, at_start), false);
	text_goto_off(a, off);
}

bool
app_window_edge(struct app *a, int dir)
{
	uint32_t start, end, off;

	if (a->complete)
		return false;
	doc_range(a->model->doc, &start, &end);
	if ((dir < 0 && start == 0) || (dir > 0 && end >= load_avail(a->text)))
		return false;
	off = text_pos(a).off;
	show_window(a, off, false);
	return true;
}

/* Wait (a little) for the file to be read as far as off. */
static bool
wait_read(struct app *a, size_t off, int ms)
{
	for (int i = 0; i < ms && load_avail(a->text) < off && !load_complete(a->text); i++) {
		struct timespec ts = { 0, 1000000 };

		nanosleep(&ts, NULL);
	}
	return load_avail(a->text) >= off || load_complete(a->text);
}

/* How much of the end of a large document is read for its widest
 * paragraph number (before the first screen: a few hundred lines). */
#define NUMBERS_TAIL (16 * 1024)

/* The first model of the text just opened: the whole document when it
 * is small, else a window on its beginning, with the builder started
 * on the rest.  at: where to read (a reload keeps the place), or NULL;
 * a place not read yet is gone to when the index is ready. */
static void
first_model(struct app *a, const struct pos *at)
{
	struct text *t = a->text;

	if ((load_complete(t) && t->len <= SYNC_LIMIT) || t->raw_len <= SYNC_LIMIT) {
		load_finish_all(&a->text);
		set_model(a, model_build(a->text, a->lx), true);
		if (at)
			text_goto_pos(a, *at);
		return;
	}
	/* The numbers at the end are the widest: the windows and then the
	 * whole keep the margin they need, rather than the text moving
	 * right when a window on the end, or the index, arrives. */
	if (load_tail(t) < t->raw_len)
		a->number_cols = parse_number_columns(t, (uint32_t)MAX(load_tail(t),
		    t->raw_len - MIN(t->raw_len, NUMBERS_TAIL)), (uint32_t)t->raw_len);
	if (at && at->off > 0 && at->off < load_avail(t)) {
		set_model(a, window_model(a, at->off, false), false);
		text_goto_pos(a, *at);
	} else {
		set_model(a, window_model(a, 0, true), false);
		text_goto_pos(a, (struct pos){ 0, 0 });
		if (at && at->off > 0) {
			a->resume = *at;
			a->resume_from = text_pos(a);
			a->have_resume = true;
		}
	}
	/* The rest is indexed behind the first screen; started after its
	 * window is built, so that the two do not share the processor. */
	a->builder = builder_start(t, a->lx);
}


/* G before the index is ready: a window on the end, which load_open()
 * read already (if it is valid UTF-8; else once it is all read). */
bool
app_window_bottom(struct app *a)
{
	struct text *t = a->text;
	size_t tail = load_tail(t), from;

	if (a->complete)
		return false;
	if (tail < t->raw_len && load_avail(t) < t->raw_len) {
		from = tail + utf8_boundary_start(t->data + tail, t->raw_len - tail);
		from = parse_window_start(t, (uint32_t)from,
		    (uint32_t)MIN(from + WINDOW / 2, t->raw_len));
		if (from >= tail && utf8_valid_prefix(t->data + from, t->raw_len - from) ==
		    t->raw_len - from) {
			set_model(a, model_from_doc(parse_range(t, (uint32_t)from,
			    (uint32_t)t->raw_len, 0, false), a->lx), false);
			text_bottom(a);
			return true;
		}
	}
	if (!wait_read(a, t->raw_len, 2000)) {
		app_message(a, false, "still reading the file (%d%%)", builder_percent(a->builder));
		return true;
	}
	show_window(a, (uint32_t)load_avail(t), false);
	text_bottom(a);
	return true;
}

/* g before the index is ready: the window on the beginning. */
bool
app_window_top(struct app *a)
{
	uint32_t start, end;

	if (a->complete)
		return false;
	doc_range(a->model->doc, &start, &end);
	if (start > 0)
		show_window(a, 0, true);
	text_top(a);
	return true;
}

/* Is the end that load_open() read (data[load_tail(), raw_len)) there to
 * be searched, apart from the text read so far?  Only if it is UTF-8. */
static bool
tail_searchable(const struct text *t)
{
	size_t tail = load_tail(t);

	return tail < t->raw_len && load_avail(t) < t->raw_len &&
	    utf8_valid_prefix(t->data + tail, t->raw_len - tail) == t->raw_len - tail;
}

/* Where a raw search from off may read to now: the end of the text read
 * so far, or, in the end read at open, the end of the text (*last: the
 * end of the text).  False when off is in the part not yet read. */
static bool
searchable(const struct text *t, uint32_t off, bool tail_ok, uint32_t *end,
    bool *last)
{
	size_t avail = load_avail(t);

	if (off < avail || load_complete(t)) {
		*end = (uint32_t)avail;
		*last = load_complete(t);
		return true;
	}
	if (tail_ok && off >= load_tail(t)) {
		*end = (uint32_t)t->raw_len;
		*last = true;
		return true;
	}
	return false;
}

/* Read on in t for m's pattern to end, at most max bytes (0: no
 * limit), a step at a time, giving back each step's text (load.h). */
static void
memo_read(const struct text *t, struct search_memo *m, uint32_t end,
    bool last, size_t max)
{
	size_t budget = max ? max : SIZE_MAX;

	while (!m->found && !m->done && budget > 0) {
		uint32_t from = m->upto;
		size_t step = MIN(budget, (size_t)LOAD_RELEASE_STEP);

		search_memo_scan(m, t->data, end, last, step);
		load_release(t, from, m->upto);
		if (m->upto == from)
			break;
		budget -= step;
	}
}

/* Read on for the memo's pattern as far as the text allows now. */
static void
memo_scan(struct app *a, bool tail_ok, size_t max)
{
	uint32_t end;
	bool last;

	if (searchable(a->text, a->raw_memo.upto, tail_ok, &end, &last))
		memo_read(a->text, &a->raw_memo, end, last, max);
}

/* The first match in the text's [from, to) (search_raw()), read as the
 * memo reads: a step at a time, each step's text given back. */
static const char *
raw_search(const struct text *t, size_t from, size_t to, const char *pattern)
{
	struct search_memo m = { 0 };
	const char *best;

	search_memo_start(&m, pattern, (uint32_t)from);
	memo_read(t, &m, (uint32_t)to, true, 0);
	best = m.found ? t->data + m.upto : NULL;
	search_memo_clear(&m);
	return best;
}

/* A search before the index is ready, when the window does not hold it:
 * after the window, in the text read so far (or, for a window on the
 * end read at open, to the end); if the text between is not read yet
 * and the end read at open holds a match, there; else all of it, once it
 * is read; then, wrapping, before the window (search_raw(): for the
 * first minutes of a very large document only).  What the search after
 * the window learns is kept by text offset (a->raw_memo) and goes on in
 * idle time, so that the same search again (after 'g', say) goes to the
 * match, or reads only what was read since, as the model changes. */
bool
app_window_search(struct app *a, const char *pattern, bool backward)
{
	struct text *t = a->text;
	struct search_memo *m = &a->raw_memo;
	uint32_t start, end;
	size_t plen = strlen(pattern), tail = load_tail(t);
	const char *best = NULL;
	bool wrapped = false, tail_ok;

	if (a->complete || plen == 0 || backward)
		return false;
	doc_range(a->model->doc, &start, &end);
	tail_ok = tail_searchable(t);
	search_memo_start(m, pattern, end);
	memo_scan(a, tail_ok, 0);
	/* The text between is unread: a match in the end read at open,
	 * though not known to be the first after the window. */
	if (!m->found && !m->done && tail_ok && m->upto < tail)
		best = raw_search(t, tail, t->raw_len, pattern);
	if (!m->found && best == NULL) {
		if (!wait_read(a, t->raw_len, 2000))
			return false;
		memo_scan(a, false, 0);
		if (!m->found && start > 0) {
			/* Up to where a match would end inside the window. */
			best = raw_search(t, 0, MIN(start + plen - 1,
			    load_avail(t)), pattern);
			wrapped = best != NULL;
		}
	}
	if (m->found)
		best = t->data + m->upto;
	if (best == NULL)
		return false;
	/* The new window's model searches again (set_model) and frees the
	 * pattern, which may be a->search_src itself. */
	{
		char *pat = xstrdup(pattern);
		bool found;

		show_window(a, (uint32_t)(best - t->data), false);
		a->search_start = text_pos(a);
		found = text_search_start(a, pat, false);
		free(pat);
		if (found && wrapped)
			app_message(a, false, "search wrapped to the top");
		return found;
	}
}

/* What idle time reads of the text at a time (a millisecond or so). */
#define IDLE_SEARCH (4u << 20)

int
app_search_idle(struct app *a, bool work)
{
	struct search_memo *m = &a->raw_memo;
	uint32_t end;
	bool last;

	if (a->complete || m->pattern == NULL || m->found || m->done)
		return 0;
	if (!searchable(a->text, m->upto, false, &end, &last) ||
	    (!last && end - m->upto < strlen(m->pattern)))
		return load_complete(a->text) ? 0 : -1;
	if (work)
		memo_read(a->text, m, end, last, IDLE_SEARCH);
	return 1;
}

/* ------------------------------------------------------------- state */

static void
restore_state(struct app *a)
{
	struct state_data sd;
	char err[256], *file;
	int r;

	if (!a->state_on || !a->complete ||
	    (file = state_file(a->text->path, load_hash(a->text))) == NULL)
		return;
	r = state_load(file, a->text->path, load_hash(a->text), &sd, err, sizeof(err));
	if (r < 0)
		app_message(a, true, "%s", err);
	if (r == 0) {
		if (sd.have_top && sd.top.off < a->text->len)
			text_goto_pos(a, sd.top);
		for (int i = 0; i < HISTORY_NMARKS; i++)
			if (sd.marks_set & ((uint64_t)1 << i))
				history_mark_set(a->hist, history_mark_letter(i), sd.marks[i]);
	}
	free(file);
}

static void
mark_saved(void *arg, int letter, struct pos p)
{
	struct state_data *sd = arg;
	int i = history_mark_index(letter);

	if (i >= 0) {
		sd->marks[i] = p;
		sd->marks_set |= (uint64_t)1 << i;
	}
}

static void
save_state(struct app *a)
{
	struct state_data sd;
	char err[256], *file;

	if (!a->state_on || !a->complete ||
	    (file = state_file(a->text->path, load_hash(a->text))) == NULL)
		return;
	memset(&sd, 0, sizeof(sd));
	sd.have_top = true;
	sd.top = text_pos(a);
	history_marks(a->hist, mark_saved, &sd);
	if (state_save(file, a->text->path, load_hash(a->text), &sd, err, sizeof(err)) < 0 &&
	    a->term == NULL)
		fprintf(stderr, "%s: %s: %s\n", util_progname, file, err);
	free(file);
}

/* ------------------------------------------------------------ config */

static bool
check_key(const char *name)
{
	return keys_from_name(name) >= 0;
}

static bool
check_element(const char *name)
{
	return screen_element_from_name(name) >= 0;
}

static void
apply_config(struct app *a, struct config *c, const struct reader_opts *o)
{
	char *path = paths_config();
	static const struct config_check check = { action_known, check_key,
		check_element };

	const char *named = getenv("LECTERN_CONFIG");
	struct stat st;

	memset(c, 0, sizeof(*c));
	c->mouse = c->state = -1;
	if (path && config_load(path, &check, c) < 0 && c->nerrors == 0)
		app_message(a, true, "%s: %s", path, strerror(errno));
	else if (path && named && *named && stat(path, &st) != 0)
		/* A missing default file is no configuration; a missing file
		 * the user named is a mistake worth a word. */
		app_message(a, true, "%s: %s (LECTERN_CONFIG)", path, strerror(errno));
	free(path);
	for (size_t i = 0; i < c->nbinds; i++)
		action_bind(a, c->binds[i].key, c->binds[i].action);
	if (c->width > 0 && o->width == 0)
		a->want_width = c->width;
	if (c->mouse == 1)
		a->mouse = true;
	if (c->state == 0)
		a->state_on = false;
	if (c->nerrors == 1)
		app_message(a, true, "%s (skipped)", c->errors[0]);
	else if (c->nerrors > 1)
		app_message(a, true, "%s (skipped), and %zu more, listed when you quit",
		    c->errors[0], c->nerrors - 1);
}

/* ------------------------------------------------------------- files */

static void
file_stamp(const struct app *a, int64_t *mtime, int64_t *size)
{
	struct stat st;

	*mtime = *size = -1;
	if (a->text->path && stat(a->text->path, &st) == 0) {
		*mtime = (int64_t)st.st_mtime;
		*size = (int64_t)st.st_size;
	}
}

void
action_reload(struct app *a)
{
	struct load_opts lo = { .force = a->text->binary,
		.encoding = a->text->forced ? a->text->encoding : NULL };
	struct load_error e;
	struct text *t;
	struct pos p = text_pos(a);

	if (a->text->path == NULL) {
		app_message(a, false, "standard input cannot be read again");
		return;
	}
	if ((t = load_open(a->text->path, &lo, &e)) == NULL) {
		app_message(a, true, "%s: %s", a->text->path, e.reason);
		return;
	}
	/* As when it was opened: a large document is read and indexed
	 * behind a window on the place the reader was at. */
	builder_free(a->builder);
	a->builder = NULL;
	a->have_resume = false;
	a->pending_action = 0;
	a->pending_goto[0] = '\0';
	replace_text(a, t);
	first_model(a, &p);
	a->reloading = !a->complete;
	file_stamp(a, &a->mtime, &a->size);
	a->changed = false;
	if (a->have_resume)
		app_message_later(a, "reloaded: the place you were at");
	else
		app_message(a, false, "reloaded");
}

void
action_suspend(struct app *a)
{
	if (a->term)
		term_suspend(a->term);
	a->full_redraw = true;
}

static void
app_tick(struct app *a)
{
	int64_t now = app_now(), mtime, size;

	if (a->msg[0] && a->msg_until && now >= a->msg_until)
		a->msg[0] = '\0';
	if (now >= a->next_check) {
		a->next_check = now + CHECK_MS;
		file_stamp(a, &mtime, &size);
		if (!a->changed && (mtime != a->mtime || size != a->size) && a->mtime >= 0) {
			a->changed = true;
			app_message(a, false, "the file has changed on disk: R reloads it");
		}
	}
}

/* -------------------------------------------------------------- keys */

void
app_key(struct app *a, int key)
{
	a->recount = false;     /* the message it was for goes */
	/* A key answers the last message. */
	if (a->msg[0] && a->pending == 0 && a->mode != MODE_PROMPT)
		a->msg[0] = '\0';
	if (key == K_RESIZE)
		return;
	switch (a->mode) {
	case MODE_PROMPT:
		prompt_key(a, key);
		return;
	case MODE_OUTLINE:
		outline_key(a, key);
		return;
	case MODE_PANEL:
		panel_key(a, key);
		return;
	case MODE_PEEK:
		peek_key(a, key);
		return;
	case MODE_TEXT:
		break;
	}
	if (key == K_ESC) {
		a->count = 0;
		a->pending = 0;
		a->pending_action = 0;          /* never mind, when indexed */
		a->pending_goto[0] = '\0';
		a->have_sel = false;
		a->hl_list = LISTS_NONE;
		if (a->have_pat)
			text_search_clear(a);
		a->msg[0] = '\0';
		return;
	}
	if (!action_key(a, key)) {
		char name[32];

		keys_name(key, name, sizeof(name));
		app_message(a, false, "%s does nothing here (h shows the keys)", name);
	}
}

/* ------------------------------------------------------------ drawing */

void
app_draw(struct app *a)
{
	int col0, area = text_area(a, &col0);

	screen_clear(&a->scr);
	if (!(a->mode == MODE_OUTLINE && !a->outline.side))
		text_draw(a, col0, area);
	text_draw_breadcrumb(a);
	if (a->mode == MODE_PROMPT)
		prompt_draw(a);
	else
		text_draw_status(a);
	/* After the status line: the outline's filter line goes there. */
	if (a->mode == MODE_OUTLINE)
		outline_draw(a);
	if (a->mode == MODE_PANEL)
		panel_draw(a);
	if (a->mode == MODE_PEEK)
		peek_draw(a);
}

/* ---------------------------------------------------------- start-up */

static void
start_command(struct app *a, const char *cmd)
{
	if (cmd == NULL || *cmd == '\0')
		return;
	if (cmd[0] == '/' || cmd[0] == '?') {
		a->search_start = text_pos(a);
		if (!text_search_start(a, cmd + 1, cmd[0] == '?') &&
		    !app_window_search(a, cmd + 1, cmd[0] == '?'))
			app_message(a, false, "not found: %s", cmd + 1);
		return;
	}
	{
		struct target t[1];

		/* The label may be in the part already shown; else wait. */
		if (resolve(a->model, cmd, t, 1) == 0)
			app_wait_model(a);
		prompt_go(a, cmd, false);
	}
}

static struct app *
app_new(struct text *t, const char *name, struct display *disp,
    const struct reader_opts *o, struct config *cfg)
{
	struct app *a = xcalloc(1, sizeof(*a));
	char *lexpath = paths_data("lexicon");
	int err;

	a->text = load_ref(t);
	a->name = name;
	a->disp = disp;
	a->lx = lexicon_load(lexpath, &err);
	free(lexpath);
	a->hist = history_new(1000);
	a->want_width = o->width;
	a->mouse = o->mouse;
	a->state_on = !o->no_state;
	a->hl_list = LISTS_NONE;
	a->mention_term = TERMS_NONE;
	for (size_t i = 0; i < CACHE_BLOCKS; i++)
		a->cache[i].block = DOC_NONE;
	action_bind_defaults(a);
	apply_config(a, cfg, o);
	screen_init(&a->scr, 24, 80);
	a->rows = 24;
	a->cols = 80;
	file_stamp(a, &a->mtime, &a->size);
	a->next_check = app_now() + CHECK_MS;
	return a;
}

static void
app_free(struct app *a)
{
	builder_free(a->builder);
	panel_free(a);
	peek_close(a);
	outline_free(a);
	prompt_free(a);
	text_search_clear(a);
	search_memo_clear(&a->raw_memo);
	text_reset_layout(a);
	layout_free(a->lay);
	model_free(a->model);
	lexicon_free(a->lx);
	history_free(a->hist);
	screen_done(&a->scr);
	load_unref(a->text);
	free(a->bindings);
	free(a);
}

static void
app_start(struct app *a, int rows, int cols, const struct reader_opts *o)
{
	a->rows = rows;
	a->cols = cols;
	screen_resize(&a->scr, rows, cols);
	first_model(a, NULL);
	/* The length is final only once the text is complete: until then
	 * the builder's thread may write it (load_finish()). */
	if (a->complete && a->text->len == 0)
		app_message(a, false, "empty document");
	else
		note_replaced(a);
	restore_state(a);
	start_command(a, o->start);
}

/* ------------------------------------------------------------- loops */

static int
run_terminal(struct app *a, const struct reader_opts *o, struct config *cfg)
{
	struct term_opts to = { .mouse = a->mouse, .cfg = cfg,
		.color = getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0' };
	char err[256];
	int rows, cols, sig;

	if ((a->term = term_start(&to, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s: %s: printing the text instead\n", util_progname, err);
		return READER_NO_TERMINAL;
	}
	term_size(a->term, &rows, &cols);
	app_start(a, rows, cols, o);
	while (!a->quit && !term_signal()) {
		bool woken;
		int key, timeout;

		app_draw(a);
		term_draw(a->term, &a->scr, a->full_redraw);
		a->full_redraw = false;
		timeout = a->msg[0] && a->msg_until ? (int)MAX(a->msg_until - app_now(), 1) : CHECK_MS;
		if (!a->complete)
			timeout = MIN(timeout, 250);      /* the progress moves */
		if (a->recount)
			timeout = 0;                      /* idle work to do */
		switch (app_search_idle(a, false)) {
		case 1: timeout = 0; break;               /* idle work to do */
		case -1: timeout = MIN(timeout, 10); break;   /* once more is read */
		}
		key = term_key(a->term, a->builder && !a->complete ? builder_fd(a->builder) : -1,
		    MIN(timeout, CHECK_MS), &woken);
		if (woken || (a->builder && !a->complete)) {
			struct model *m = a->builder ? builder_take(a->builder) : NULL;

			if (m)
				app_model_ready(a, m);
		}
		if (key == K_RESIZE) {
			term_size(a->term, &rows, &cols);
			app_resize(a, rows, cols);
		} else if (key == K_MOUSE) {
			int r, c, button;

			term_mouse(a->term, &r, &c, &button);
			if (button == 4 || button == 5)
				text_scroll(a, button == 4 ? -3 : 3);
			else if (a->mode == MODE_OUTLINE)
				outline_click(a, r, c);
			else if (a->mode == MODE_TEXT)
				text_click(a, r, c);
		} else if (key != K_NONE)
			app_key(a, key);
		else if (a->recount)
			text_search_recount(a);
		else
			app_search_idle(a, true);
		app_tick(a);
	}
	sig = term_signal();
	save_state(a);
	term_stop(a->term);
	a->term = NULL;
	/* The status line had room for the first bad line of the
	 * configuration only: all of them, now that the screen is back. */
	if (cfg->nerrors > 1)
		for (size_t i = 0; i < cfg->nerrors; i++)
			fprintf(stderr, "%s: %s (skipped)\n", util_progname, cfg->errors[i]);
	if (sig) {
		/* Stopped by a signal: die of it, as the caller expects. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}

int
reader_run(struct text *t, const char *name, struct display *disp,
    const struct reader_opts *o)
{
	struct config cfg;
	struct app *a = app_new(t, name, disp, o, &cfg);
	int status;

	if (o->script)
		status = script_run(a, o->script, o);
	else
		status = run_terminal(a, o, &cfg);
	if (o->script)
		save_state(a);
	config_free(&cfg);
	app_free(a);
	return status;
}

/* For script.c: start the application at a size. */
void
app_script_start(struct app *a, int rows, int cols, const struct reader_opts *o)
{
	app_start(a, rows, cols, o);
}
