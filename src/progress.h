/*
 * progress.h - how far a model's build has got, shared between the
 * thread that builds it and the reader that shows it: the stage, work
 * done of work to do, and a request to stop early (the reader quits).
 */
#ifndef LECTERN_PROGRESS_H
#define LECTERN_PROGRESS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

enum { PROGRESS_READING, PROGRESS_PARSING, PROGRESS_INDEXING, PROGRESS_DONE };

struct progress {
	_Atomic uint32_t stage;
	_Atomic uint32_t done;
	_Atomic uint32_t total;
	_Atomic bool cancel;    /* set by the reader: stop as soon as you can */
};

/* The whole build in percent once reading is done (reading counts a
 * tenth, which builder.c works out from the text; parsing and indexing
 * half the rest each).  In model.c. */
int progress_percent(const struct progress *p);

#endif
