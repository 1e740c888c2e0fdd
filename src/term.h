/*
 * term.h - the terminal: the only part of lectern that talks to curses.
 *
 * It starts and restores the terminal, turns keys into keys.h codes,
 * waits for a key or for a wake-up from another thread, and copies a
 * screen (screen.h) to the terminal with each element's colour and
 * attributes.  The terminal is restored by term_stop(), which the caller
 * runs on every way out (and term_emergency() from a fatal path).
 */
#ifndef LECTERN_TERM_H
#define LECTERN_TERM_H

#include <stdbool.h>
#include <stddef.h>

struct screen;
struct config;

struct term;

struct term_opts {
	bool mouse;             /* report clicks and the wheel */
	bool color;             /* use colours if the terminal has them */
	const struct config *cfg;       /* colours per element, or NULL */
};

/* Start: curses on the controlling terminal (/dev/tty when standard
 * input is not a terminal).  NULL with a reason in err on failure. */
struct term *term_start(const struct term_opts *o, char *err, size_t errsize);
/* Restore the terminal and free t. */
void term_stop(struct term *t);

void term_size(const struct term *t, int *rows, int *cols);
/* Show s; with full, repaint every cell (after a redraw request). */
void term_draw(struct term *t, const struct screen *s, bool full);

/* Wait at most timeout_ms (-1: no limit) for a key, or for fd (if >= 0)
 * to be readable.  Returns the key; K_NONE on a timeout, a wake-up (then
 * *woken is set) or a signal (term_signal() says which). */
int term_key(struct term *t, int fd, int timeout_ms, bool *woken);
/* The signal that asked lectern to stop (SIGINT, SIGTERM, SIGHUP), or 0. */
int term_signal(void);
/* The last mouse event: row, column, and 1 for a click, 4 wheel up, 5
 * wheel down. */
void term_mouse(const struct term *t, int *row, int *col, int *button);
/* Ctrl-Z: give the terminal back, stop, and take it again on fg. */
void term_suspend(struct term *t);

#endif
