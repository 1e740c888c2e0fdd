/*
 * term.c - curses, and nothing else in lectern includes it.
 *
 * The terminal is put in raw mode, so that every control key reaches the
 * reader (Ctrl-C quits and Ctrl-Z suspends through the reader, which
 * restores the terminal first); SIGINT, SIGTERM and SIGHUP from outside
 * set a flag that the key loop sees at once, because they interrupt
 * poll().  Keys are read with poll() on the input and on a wake-up pipe
 * from the indexing thread, then drained from curses in no-delay mode
 * into a small queue (curses may have read several keys at once).
 * Drawing copies only the cells that changed since the last frame.
 */
#include "autoconf.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "keys.h"
#include "screen.h"
#include "term.h"
#include "util.h"

#define QUEUE 64

struct term {
	SCREEN *scr;
	FILE *tty;              /* /dev/tty, when stdin is not the terminal */
	int infd;
	int queue[QUEUE];
	int head, tail;
	attr_t attrs[EL_NELEMENTS];
	struct screen last;     /* what the terminal shows */
	int mrow, mcol, mbutton;
	bool mouse;
};

static volatile sig_atomic_t stop_signal;
static SCREEN *active;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

int
term_signal(void)
{
	return stop_signal;
}

/* Leave the terminal as it was before dying (die()'s hook: out of
 * memory in any thread, for one). */
static void
term_emergency(void)
{
	if (active != NULL) {
		mousemask(0, NULL);
		curs_set(1);
		endwin();
		active = NULL;
	}
}

/* ------------------------------------------------------------ colours */

struct style {
	short fg, bg;
	attr_t attr;
};

/* The default look: usable without colour, better with it. */
static const struct style defaults[EL_NELEMENTS] = {
	[EL_TEXT] = { -1, -1, A_NORMAL },
	[EL_TITLE] = { -1, -1, A_BOLD },
	[EL_HEADING] = { -1, -1, A_BOLD },
	[EL_NUMBER] = { COLOR_YELLOW, -1, A_BOLD },
	[EL_MARKER] = { COLOR_YELLOW, -1, A_NORMAL },
	[EL_LINK] = { COLOR_CYAN, -1, A_UNDERLINE },
	[EL_LINK_SELECTED] = { COLOR_CYAN, -1, A_REVERSE | A_BOLD },
	[EL_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL },
	[EL_MATCH_CURRENT] = { COLOR_BLACK, COLOR_YELLOW, A_REVERSE | A_BOLD },
	[EL_LIST_ITEM] = { COLOR_GREEN, -1, A_BOLD },
	[EL_BREADCRUMB] = { COLOR_BLUE, -1, A_BOLD },
	[EL_STATUS] = { -1, -1, A_REVERSE },
	[EL_MESSAGE] = { -1, -1, A_BOLD },
	[EL_ERROR] = { COLOR_RED, -1, A_BOLD },
	[EL_PANEL] = { -1, -1, A_NORMAL },
	[EL_PANEL_SELECTED] = { -1, -1, A_REVERSE },
	[EL_PLACEHOLDER] = { COLOR_MAGENTA, -1, A_STANDOUT },
	[EL_RULE] = { -1, -1, A_DIM },
	[EL_PROMPT] = { -1, -1, A_NORMAL },
	[EL_PRE] = { -1, -1, A_NORMAL },
};

static short
colour_number(const char *name)
{
	static const char *const names[] = { "black", "red", "green", "yellow",
		"blue", "magenta", "cyan", "white" };
	char *end;
	long v;

	if (*name == '\0' || strcasecmp(name, "default") == 0)
		return -1;
	for (short i = 0; i < 8; i++) {
		if (strcasecmp(name, names[i]) == 0)
			return i;
		if (strncasecmp(name, "bright-", 7) == 0 && strcasecmp(name + 7, names[i]) == 0)
			return (short)(i + 8 < COLORS ? i + 8 : i);
	}
	v = strtol(name, &end, 10);
	return *end == '\0' && v >= 0 && v < COLORS ? (short)v : -1;
}

static attr_t
config_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & CONFIG_BOLD)
		r |= A_BOLD;
	if (a & CONFIG_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CONFIG_REVERSE)
		r |= A_REVERSE;
	if (a & CONFIG_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & CONFIG_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

static void
setup_styles(struct term *t, const struct term_opts *o)
{
	struct style st[EL_NELEMENTS];
	bool colour = o->color && has_colors();

	memcpy(st, defaults, sizeof(st));
	if (o->cfg)
		for (size_t i = 0; i < o->cfg->ncolors; i++) {
			const struct config_color *c = &o->cfg->colors[i];
			int el = screen_element_from_name(c->element);

			if (el < 0)
				continue;
			st[el].fg = colour ? colour_number(c->fg) : -1;
			st[el].bg = colour ? colour_number(c->bg) : -1;
			st[el].attr = config_attrs(c->attrs);
		}
	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int el = 0; el < EL_NELEMENTS; el++) {
		t->attrs[el] = st[el].attr;
		if (colour && (st[el].fg >= 0 || st[el].bg >= 0) && el + 1 < COLOR_PAIRS) {
			init_pair((short)(el + 1), st[el].fg, st[el].bg);
			t->attrs[el] |= COLOR_PAIR(el + 1);
		}
	}
}

/* ------------------------------------------------------------ start */

struct term *
term_start(const struct term_opts *o, char *err, size_t errsize)
{
	struct term *t = xcalloc(1, sizeof(*t));
	struct sigaction sa;

	if (!isatty(STDIN_FILENO) && (t->tty = fopen("/dev/tty", "r")) == NULL) {
		snprintf(err, errsize, "/dev/tty: %s", strerror(errno));
		free(t);
		return NULL;
	}
	t->infd = t->tty ? fileno(t->tty) : STDIN_FILENO;
	setenv("ESCDELAY", "25", 0);
	if ((t->scr = newterm(NULL, stdout, t->tty ? t->tty : stdin)) == NULL) {
		snprintf(err, errsize, "cannot use the terminal (TERM=%s)",
		    getenv("TERM") ? getenv("TERM") : "");
		if (t->tty)
			fclose(t->tty);
		free(t);
		return NULL;
	}
	set_term(t->scr);
	active = t->scr;
	util_die_hook(term_emergency);
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	setup_styles(t, o);
	if (o->mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
		t->mouse = true;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	screen_init(&t->last, 1, 1);
	return t;
}

void
term_stop(struct term *t)
{
	if (t == NULL)
		return;
	if (t->mouse)
		mousemask(0, NULL);
	util_die_hook(NULL);
	curs_set(1);
	endwin();
	delscreen(t->scr);
	active = NULL;
	if (t->tty)
		fclose(t->tty);
	screen_done(&t->last);
	free(t);
}

void
term_size(const struct term *t, int *rows, int *cols)
{
	*rows = LINES > 0 ? LINES : 24;
	*cols = COLS > 0 ? COLS : 80;
}

/* ------------------------------------------------------------ drawing */

static bool
same(const struct cell *a, const struct cell *b)
{
	return a->el == b->el && a->width == b->width && a->len == b->len &&
	    memcmp(a->s, b->s, a->len) == 0;
}

void
term_draw(struct term *t, const struct screen *s, bool full)
{
	if (t->last.rows != s->rows || t->last.cols != s->cols) {
		screen_resize(&t->last, s->rows, s->cols);
		full = true;
	}
	if (full)
		clearok(curscr, TRUE);
	for (int r = 0; r < s->rows && r < LINES; r++)
		for (int c = 0; c < s->cols && c < COLS; c++) {
			const struct cell *cl = &s->c[r * s->cols + c];

			if (!full && same(cl, &t->last.c[r * s->cols + c]))
				continue;
			t->last.c[r * s->cols + c] = *cl;
			if (cl->width == 0)
				continue;
			attrset(t->attrs[cl->el]);
			mvaddnstr(r, c, cl->s, cl->len);
		}
	attrset(A_NORMAL);
	if (s->cursor_row >= 0) {
		curs_set(1);
		move(s->cursor_row, s->cursor_col);
	} else
		curs_set(0);
	refresh();
}

/* -------------------------------------------------------------- keys */

static int
translate(int c)
{
	/* Only what curses reports as a key code: a plain character from
	 * U+0101 up has the number of a key code (KEY_BTAB is 'š'). */
	switch (c) {
	case KEY_UP: return K_UP;
	case KEY_DOWN: return K_DOWN;
	case KEY_LEFT: return K_LEFT;
	case KEY_RIGHT: return K_RIGHT;
	case KEY_HOME: return K_HOME;
	case KEY_END: return K_END;
	case KEY_PPAGE: return K_PGUP;
	case KEY_NPAGE: return K_PGDN;
	case KEY_IC: return K_INS;
	case KEY_DC: return K_DEL;
	case KEY_BTAB: return K_BTAB;
	case KEY_BACKSPACE: return K_BS;
	case KEY_ENTER: return K_ENTER;
	case KEY_RESIZE: return K_RESIZE;
	case KEY_MOUSE: return K_MOUSE;
	}
	if (c >= KEY_F(1) && c <= KEY_F(12))
		return K_F1 + (c - KEY_F(1));
	if (c >= KEY_MIN)
		return K_NONE;
	return c;
}

/* Move every key curses has into the queue. */
static void
drain(struct term *t)
{
	wint_t wc;
	int r;

	while ((t->tail + 1) % QUEUE != t->head &&
	    (r = get_wch(&wc)) != ERR) {
		int k = r == KEY_CODE_YES ? translate((int)wc) :
		    wc == 8 ? K_BS : wc == '\n' ? K_ENTER : (int)wc;

		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			MEVENT ev;

			if (getmouse(&ev) != OK)
				continue;
			t->mrow = ev.y;
			t->mcol = ev.x;
			t->mbutton = (ev.bstate & BUTTON4_PRESSED) ? 4 :
			    (ev.bstate & BUTTON5_PRESSED) ? 5 : 1;
		}
		if (k == K_NONE)
			continue;
		t->queue[t->tail] = k;
		t->tail = (t->tail + 1) % QUEUE;
	}
}

int
term_key(struct term *t, int fd, int timeout_ms, bool *woken)
{
	struct pollfd p[2] = { { t->infd, POLLIN, 0 }, { fd, POLLIN, 0 } };

	*woken = false;
	drain(t);
	if (t->head == t->tail) {
		int n = poll(p, fd >= 0 ? 2 : 1, timeout_ms);

		if (n < 0 && errno == EINTR) {
			drain(t);       /* a resize leaves KEY_RESIZE in curses */
		} else if (n > 0) {
			if (fd >= 0 && (p[1].revents & POLLIN))
				*woken = true;
			if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
				drain(t);
		}
	}
	if (t->head == t->tail)
		return K_NONE;
	int k = t->queue[t->head];

	t->head = (t->head + 1) % QUEUE;
	return k;
}

void
term_mouse(const struct term *t, int *row, int *col, int *button)
{
	*row = t->mrow;
	*col = t->mcol;
	*button = t->mbutton;
}

void
term_suspend(struct term *t)
{
	endwin();
	kill(0, SIGTSTP);
	/* Resumed: take the terminal again and repaint everything. */
	reset_prog_mode();
	clearok(curscr, TRUE);
	screen_clear(&t->last);
	refresh();
}
