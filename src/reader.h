/*
 * reader.h - the interactive reader, and its headless script mode.
 */
#ifndef LECTERN_READER_H
#define LECTERN_READER_H

#include <stdbool.h>

struct text;
struct display;

struct reader_opts {
	int width;              /* --width, 0 for the window's */
	bool mouse;             /* --mouse */
	bool no_state;          /* --no-state */
	const char *start;      /* "+6b" or "+/word", without the '+' */
	const char *script;     /* --script FILE: no terminal */
};

/* Read t (which may still be partly unread) on the terminal, or run a
 * script against it.  Returns the exit status, or READER_NO_TERMINAL
 * when the terminal cannot be used (a TERM that terminfo does not know):
 * the caller then prints the text, as for TERM=dumb. */
#define READER_NO_TERMINAL (-1)
int reader_run(struct text *t, const char *name, struct display *disp,
    const struct reader_opts *o);

#endif
