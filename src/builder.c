/*
 * builder.c - the indexing thread.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builder.h"
#include "load.h"
#include "model.h"
#include "util.h"

struct builder {
	pthread_t thread;
	bool joined;
	struct text *orig;              /* the text as started: never moves */
	struct text *t;                 /* the text being indexed */
	const struct lexicon *lx;
	int pipe[2];
	struct model *model;            /* set by the thread */
	struct progress progress;
	_Atomic bool done;
	bool taken;
	int shown;                      /* the last percent shown */
};

static void *
run(void *arg)
{
	struct builder *b = arg;
	struct text *t = b->t;
	struct model *m;

	if (load_finish(t) == 1)
		b->t = t = load_redecode(t);
	/* The reader quit while the text was read: nothing more to do. */
	m = atomic_load(&b->progress.cancel) ? NULL :
	    model_build_progress(t, b->lx, &b->progress);
	b->model = m;
	atomic_store_explicit(&b->done, true, memory_order_release);
	/* A failed write is harmless: the reader polls builder_take(). */
	(void)!write(b->pipe[1], "", 1);
	return NULL;
}

struct builder *
builder_start(struct text *t, const struct lexicon *lx)
{
	struct builder *b = xcalloc(1, sizeof(*b));

	b->orig = b->t = load_ref(t);
	b->lx = lx;
	atomic_init(&b->done, false);
	atomic_init(&b->progress.stage, PROGRESS_READING);
	atomic_init(&b->progress.done, 0);
	atomic_init(&b->progress.total, 1);
	atomic_init(&b->progress.cancel, false);
	if (pipe(b->pipe) < 0)
		die("pipe: %s", strerror(errno));
	fcntl(b->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(b->pipe[1], F_SETFD, FD_CLOEXEC);
	/* EAGAIN here is the thread's stack not fitting in memory. */
	if ((errno = pthread_create(&b->thread, NULL, run, b)) != 0)
		die("cannot start the indexing thread: %s", errno == EAGAIN ?
		    "out of memory" : strerror(errno));
	return b;
}

int
builder_fd(const struct builder *b)
{
	return b->pipe[0];
}

struct model *
builder_take(struct builder *b)
{
	char c;

	if (b->taken || !atomic_load_explicit(&b->done, memory_order_acquire))
		return NULL;
	(void)!read(b->pipe[0], &c, 1);
	b->taken = true;
	return b->model;
}

struct model *
builder_wait(struct builder *b)
{
	if (b->taken)
		return NULL;
	pthread_join(b->thread, NULL);
	b->joined = true;
	return builder_take(b);
}

/* Never backwards: the stage, done and total are stored one after the
 * other by the building thread, and a reading taken between two stores
 * may be a little off. */
int
builder_percent(struct builder *b)
{
	int p;

	if (atomic_load(&b->progress.stage) == PROGRESS_READING)
		p = b->orig->raw_len ? (int)(10 * (double)load_avail(b->orig) /
		    (double)b->orig->raw_len) : 0;
	else
		p = progress_percent(&b->progress);
	b->shown = MAX(b->shown, MIN(p, 100));
	return b->shown;
}

void
builder_free(struct builder *b)
{
	if (b == NULL)
		return;
	atomic_store(&b->progress.cancel, true);
	if (!b->joined)
		pthread_join(b->thread, NULL);
	if (!b->taken)
		model_free(b->model);
	close(b->pipe[0]);
	close(b->pipe[1]);
	if (b->t != b->orig)
		load_unref(b->t);
	load_unref(b->orig);
	free(b);
}
