/*
 * history.h - reading positions, the reader's back and forward history
 * of jumps, and marks.
 *
 * A plain data module: it knows nothing of the screen or the document,
 * only of positions, which are offsets into the document's text and so
 * stay valid across layouts, window sizes and rebuilt models.
 */
#ifndef LECTERN_HISTORY_H
#define LECTERN_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A reading position: the text offset of the first character on the top
 * row, and which of the display lines that start at that same offset it
 * is (0 nearly always).  Positions are offsets into the document's text,
 * so they outlive layouts and models. */
struct pos {
	uint32_t off;
	uint16_t sub;
};

/* The number of marks: 'a' to 'z' then 'A' to 'Z'. */
#define HISTORY_NMARKS 52

struct history;

/* A new, empty history that keeps at most max entries each way (back and
 * forward); when a stack is full its oldest entry is dropped.  A max of 0
 * is taken as 1. */
struct history *history_new(size_t max);
/* Free h and everything in it; NULL is allowed. */
void history_free(struct history *h);

/* A jump is about to leave position from: from goes on the back stack
 * (unless it is already the newest entry there: recording the same
 * position twice in a row keeps one entry), the forward stack is
 * cleared, and from becomes "where the last jump started" (for ''). */
void history_jump(struct history *h, struct pos from);

/* Go back (Backspace, Ctrl-O) from position cur: the newest entry of the
 * back stack that differs from cur is removed and stored in *to, and cur
 * goes on the forward stack.  Entries equal to cur are dropped on the
 * way, since going there would not move.  Returns false, with *to and the
 * forward stack untouched, when there is nowhere to go back to. */
bool history_back(struct history *h, struct pos cur, struct pos *to);
/* The same the other way: the newest forward entry that differs from cur
 * is removed and stored in *to, and cur goes on the back stack (the
 * forward stack is not cleared, unlike history_jump()). */
bool history_forward(struct history *h, struct pos cur, struct pos *to);

/* How many entries the back and the forward stacks hold. */
size_t history_back_depth(const struct history *h);
size_t history_forward_depth(const struct history *h);

/* Where the last jump started (the position given to the latest
 * history_jump()), for the '' key; false if there has been no jump.
 * Going there is itself a jump: the caller calls history_jump() with the
 * position it leaves, so that '' twice returns.  Going back or forward
 * does not change it. */
bool history_last_jump(const struct history *h, struct pos *p);

/* The index of mark letter ('a'-'z' are 0-25, 'A'-'Z' are 26-51), or -1
 * for any other value; and the letter of index i (0 when out of range).
 * The state file's bit mask uses the same numbering. */
int history_mark_index(int letter);
int history_mark_letter(int i);

/* Set mark letter to p, replacing any earlier value; false (and nothing
 * changed) for a letter that is not 'a'-'z' or 'A'-'Z'. */
bool history_mark_set(struct history *h, int letter, struct pos p);
/* The position of mark letter in *p; false when the mark is not set or
 * the letter is invalid. */
bool history_mark_get(const struct history *h, int letter, struct pos *p);
/* Every mark that is set, for saving: calls fn for each in letter order,
 * 'a' to 'z' then 'A' to 'Z'. */
void history_marks(const struct history *h,
    void (*fn)(void *arg, int letter, struct pos p), void *arg);

#endif
