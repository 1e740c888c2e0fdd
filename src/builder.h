/*
 * builder.h - building a document's model behind the first screen.
 *
 * The reader shows a document before it is fully read, parsed and
 * indexed: it builds a model of the beginning at once, and starts a
 * builder, which on its own thread reads the rest of the file, decodes
 * it again if the rest turned out not to be UTF-8, and builds the model
 * of the whole.  When it is done it writes a byte to a pipe that the
 * reader's key loop watches, and the reader takes the new model and puts
 * the reading position back where it was, by text offset.
 *
 * No curses here.
 */
#ifndef LECTERN_BUILDER_H
#define LECTERN_BUILDER_H

#include <stdbool.h>

struct text;
struct lexicon;
struct model;
struct builder;

/* Start building the model of t (which may be only partly read).  The
 * builder holds its own reference to t; lx must outlive it. */
struct builder *builder_start(struct text *t, const struct lexicon *lx);
/* The file descriptor that becomes readable when the model is ready. */
int builder_fd(const struct builder *b);
/* The finished model (the caller owns it from now on), or NULL while it
 * is still being built.  After a NULL, poll builder_fd(). */
struct model *builder_take(struct builder *b);
/* Block until the model is ready and take it. */
struct model *builder_wait(struct builder *b);
/* How far it has got, in percent. */
int builder_percent(struct builder *b);
/* Wait for the thread and free everything (a model not taken is freed).
 * A build still running is asked to stop first, so this is quick. */
void builder_free(struct builder *b);

#endif
