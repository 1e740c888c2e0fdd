/*
 * pager.h - the interactive reader (a plain scrolling pager for now).
 */
#ifndef LECTERN_PAGER_H
#define LECTERN_PAGER_H

struct text;
struct display;

/* Show t on the terminal until the user quits; returns the exit status.
 * width 0 uses the window's width.  The terminal is restored on return
 * and on SIGINT, SIGTERM and SIGHUP. */
int pager_run(const struct text *t, struct display *d, int width);

#endif
