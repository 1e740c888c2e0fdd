/*
 * pager.c - a minimal ncurses pager over the loaded text: the lines,
 * wrapped to the window, scrolled by line and by page.
 */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "display.h"
#include "load.h"
#include "pager.h"
#include "util.h"

#define TABSTOP 8

struct row {
	size_t off, len;            /* into the display buffer */
};

struct pager {
	const struct text *t;
	struct display *d;
	struct buf shown;           /* every row's display bytes */
	struct row *rows;
	size_t nrows, cap;
	size_t top;
	int width;
};

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
add_row(struct pager *p, size_t start)
{
	GROW(p->rows, p->cap, p->nrows + 1);
	p->rows[p->nrows].off = start;
	p->rows[p->nrows].len = p->shown.len - start;
	p->nrows++;
}

/* Wrap every line of the text to `width` columns. */
static void
layout(struct pager *p, int width)
{
	const char *s = p->t->data;
	size_t n = p->t->len, i = 0, start;
	int col = 0;
	struct glyph g;

	buf_reset(&p->shown);
	p->nrows = 0;
	start = 0;
	while (i < n) {
		size_t len = display_glyph(p->d, s + i, n - i, &g);

		if (g.kind == GLYPH_BREAK) {
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				len++;
			add_row(p, start);
			start = p->shown.len;
			col = 0;
		} else {
			int w = g.kind == GLYPH_TAB ? TABSTOP - col % TABSTOP : g.width;

			if (col + w > width && col > 0) {
				add_row(p, start);
				start = p->shown.len;
				col = 0;
				if (g.kind == GLYPH_TAB)
					w = TABSTOP;
			}
			if (g.kind == GLYPH_TAB)
				for (int k = 0; k < w && col + k < width; k++)
					buf_addc(&p->shown, ' ');
			else
				buf_add(&p->shown, g.s, g.len);
			col += w;
		}
		i += len;
	}
	if (col > 0 || p->nrows == 0)
		add_row(p, start);
}

static int
text_rows(void)
{
	return LINES > 1 ? LINES - 1 : 1;
}

static size_t
max_top(const struct pager *p)
{
	size_t h = (size_t)text_rows();

	return p->nrows > h ? p->nrows - h : 0;
}

static void
draw(struct pager *p)
{
	int h = text_rows(), y;
	int left = COLS > p->width ? (COLS - p->width) / 2 : 0;
	char status[256];

	erase();
	for (y = 0; y < h && p->top + (size_t)y < p->nrows; y++) {
		const struct row *r = &p->rows[p->top + (size_t)y];

		mvaddnstr(y, left, p->shown.data + r->off, (int)r->len);
	}
	snprintf(status, sizeof(status), " %s  %zu%%  (j/k scroll, Space/b page, q quit)",
	    p->t->name, p->nrows ? (p->top + (size_t)h) * 100 /
	    (p->nrows > 0 ? p->nrows : 1) > 100 ? 100 :
	    (p->top + (size_t)h) * 100 / p->nrows : 100);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, status, COLS);
	attroff(A_REVERSE);
	refresh();
}

static void
scroll_by(struct pager *p, long delta)
{
	long top = (long)p->top + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top > max_top(p))
		top = (long)max_top(p);
	p->top = (size_t)top;
}

static void
relayout(struct pager *p, int want)
{
	p->width = want > 0 && want < COLS ? want : COLS;
	if (p->width < 1)
		p->width = 1;
	layout(p, p->width);
	if (p->top > max_top(p))
		p->top = max_top(p);
}

static int
handle_key(struct pager *p, int c, int want)
{
	long page = text_rows();

	switch (c) {
	case 'q': case 'Q':
		return 1;
	case 'j': case KEY_DOWN: case '\n': case 5:
		scroll_by(p, 1);
		break;
	case 'k': case KEY_UP: case 25:
		scroll_by(p, -1);
		break;
	case ' ': case 'f': case KEY_NPAGE:
		scroll_by(p, page);
		break;
	case 'b': case KEY_PPAGE:
		scroll_by(p, -page);
		break;
	case 'd':
		scroll_by(p, page / 2);
		break;
	case 'u':
		scroll_by(p, -page / 2);
		break;
	case 'g': case KEY_HOME:
		p->top = 0;
		break;
	case 'G': case KEY_END:
		p->top = max_top(p);
		break;
	case KEY_RESIZE:
		relayout(p, want);
		break;
	case 12:
		clearok(curscr, TRUE);
		break;
	}
	return 0;
}

int
pager_run(const struct text *t, struct display *d, int width)
{
	struct pager p = { .t = t, .d = d };
	struct sigaction sa;
	FILE *tty = NULL;
	SCREEN *scr;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (!isatty(STDIN_FILENO) && (tty = fopen("/dev/tty", "r")) == NULL)
		die("cannot open the terminal /dev/tty");
	scr = newterm(NULL, stdout, tty ? tty : stdin);
	if (scr == NULL)
		die("cannot use the terminal (TERM=%s)", getenv("TERM"));
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	buf_init(&p.shown);
	relayout(&p, width);
	while (!got_signal) {
		int c;

		draw(&p);
		c = getch();
		if (c == ERR)
			continue;
		if (handle_key(&p, c, width))
			break;
	}
	endwin();
	delscreen(scr);
	if (tty)
		fclose(tty);
	buf_done(&p.shown);
	free(p.rows);
	if (got_signal) {
		signal(got_signal, SIG_DFL);
		raise(got_signal);
	}
	return 0;
}
