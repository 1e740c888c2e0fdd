/*
 * test_history.c - the back and forward history: browser semantics
 * (back then forward returns, a new jump clears forward), the bound on
 * each stack, duplicates, where the last jump started, and marks.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "history.h"

static struct pos
P(uint32_t off)
{
	struct pos p = { off, 0 };

	return p;
}

static void
assert_pos(struct pos p, uint32_t off, uint16_t sub)
{
	assert_int_equal(p.off, off);
	assert_int_equal(p.sub, sub);
}

/* Jump A -> B -> C, back twice, forward twice: the browser's round. */
static void
test_back_and_forward(void **state)
{
	struct history *h = history_new(100);
	struct pos to;

	assert_false(history_back(h, P(10), &to));
	assert_false(history_forward(h, P(10), &to));
	history_jump(h, P(10));         /* at 10, jump to 20 */
	history_jump(h, P(20));         /* at 20, jump to 30 */
	assert_int_equal(history_back_depth(h), 2);
	assert_int_equal(history_forward_depth(h), 0);

	assert_true(history_back(h, P(30), &to));
	assert_pos(to, 20, 0);
	assert_true(history_back(h, P(20), &to));
	assert_pos(to, 10, 0);
	assert_false(history_back(h, P(10), &to));
	assert_int_equal(history_back_depth(h), 0);
	assert_int_equal(history_forward_depth(h), 2);

	assert_true(history_forward(h, P(10), &to));
	assert_pos(to, 20, 0);
	assert_true(history_forward(h, P(20), &to));
	assert_pos(to, 30, 0);
	assert_false(history_forward(h, P(30), &to));
	assert_pos(to, 30, 0);          /* untouched on failure */
	assert_int_equal(history_back_depth(h), 2);
	assert_int_equal(history_forward_depth(h), 0);
	history_free(h);
}

/* Back to B, then a new jump from B: forward (C) is gone. */
static void
test_jump_clears_forward(void **state)
{
	struct history *h = history_new(100);
	struct pos to;

	history_jump(h, P(10));
	history_jump(h, P(20));
	assert_true(history_back(h, P(30), &to));
	assert_int_equal(history_forward_depth(h), 1);
	history_jump(h, P(20));
	assert_int_equal(history_forward_depth(h), 0);
	assert_false(history_forward(h, P(40), &to));
	assert_true(history_back(h, P(40), &to));
	assert_pos(to, 20, 0);
	assert_true(history_back(h, P(20), &to));
	assert_pos(to, 10, 0);
	history_free(h);
}

/* The position a scrolling reader is at after "back" may differ from
 * where it landed: forward still returns to where back started. */
static void
test_scrolled_between(void **state)
{
	struct history *h = history_new(100);
	struct pos to;

	history_jump(h, P(10));
	assert_true(history_back(h, P(500), &to));
	assert_pos(to, 10, 0);
	assert_true(history_forward(h, P(12), &to));   /* scrolled to 12 */
	assert_pos(to, 500, 0);
	assert_true(history_back(h, P(500), &to));
	assert_pos(to, 12, 0);
	history_free(h);
}

static void
test_bounds(void **state)
{
	struct history *h = history_new(3);
	struct pos to;

	for (uint32_t i = 1; i <= 10; i++)
		history_jump(h, P(i));
	assert_int_equal(history_back_depth(h), 3);
	/* The newest three are kept: 10, 9, 8. */
	assert_true(history_back(h, P(11), &to));
	assert_pos(to, 10, 0);
	assert_true(history_back(h, P(10), &to));
	assert_pos(to, 9, 0);
	assert_true(history_back(h, P(9), &to));
	assert_pos(to, 8, 0);
	assert_false(history_back(h, P(8), &to));
	assert_int_equal(history_forward_depth(h), 3);
	/* Forward holds 11, 10, 9, newest first 9. */
	assert_true(history_forward(h, P(8), &to));
	assert_pos(to, 9, 0);
	history_free(h);

	/* max 0 still keeps one. */
	h = history_new(0);
	history_jump(h, P(1));
	history_jump(h, P(2));
	assert_int_equal(history_back_depth(h), 1);
	assert_true(history_back(h, P(3), &to));
	assert_pos(to, 2, 0);
	history_free(h);
	history_free(NULL);
}

/* A forward stack that overflows drops its oldest entry too. */
static void
test_forward_bounded(void **state)
{
	struct history *h = history_new(2);
	struct pos to;

	history_jump(h, P(1));
	history_jump(h, P(2));
	assert_true(history_back(h, P(3), &to));
	assert_true(history_back(h, P(2), &to));
	assert_int_equal(history_forward_depth(h), 2);
	/* Forward to 2, then back: no growth past 2 either way. */
	for (int i = 0; i < 10; i++) {
		assert_true(history_forward(h, P(1), &to));
		assert_pos(to, 2, 0);
		assert_true(history_back(h, P(2), &to));
		assert_pos(to, 1, 0);
		assert_true(history_back_depth(h) <= 2);
		assert_true(history_forward_depth(h) <= 2);
	}
	history_free(h);
}

static void
test_duplicates(void **state)
{
	struct history *h = history_new(100);
	struct pos to, sub1 = { 10, 1 };

	history_jump(h, P(10));
	history_jump(h, P(10));
	history_jump(h, P(10));
	assert_int_equal(history_back_depth(h), 1);
	/* The same offset with another sub-line is another position. */
	history_jump(h, sub1);
	assert_int_equal(history_back_depth(h), 2);
	assert_true(history_back(h, P(99), &to));
	assert_pos(to, 10, 1);
	history_free(h);

	/* Back skips entries where the reader already is. */
	h = history_new(100);
	history_jump(h, P(5));
	history_jump(h, P(7));
	assert_true(history_back(h, P(7), &to));
	assert_pos(to, 5, 0);
	assert_int_equal(history_forward_depth(h), 1);
	assert_false(history_back(h, P(5), &to));
	history_free(h);

	/* ... and so does forward. */
	h = history_new(100);
	history_jump(h, P(5));
	assert_true(history_back(h, P(9), &to));
	assert_false(history_forward(h, P(9), &to));
	history_free(h);
}

static void
test_last_jump(void **state)
{
	struct history *h = history_new(100);
	struct pos p, to;

	assert_false(history_last_jump(h, &p));
	history_jump(h, P(100));
	assert_true(history_last_jump(h, &p));
	assert_pos(p, 100, 0);
	/* '' from 200: the caller records the jump, then goes to 100. */
	history_jump(h, P(200));
	assert_true(history_last_jump(h, &p));
	assert_pos(p, 200, 0);
	/* back and forward leave it alone */
	assert_true(history_back(h, P(100), &to));
	assert_true(history_last_jump(h, &p));
	assert_pos(p, 200, 0);
	history_free(h);
}

static void
record(void *arg, int letter, struct pos p)
{
	char *s = arg;
	size_t n = strlen(s);

	snprintf(s + n, 256 - n, "%c%u.%u ", letter, (unsigned)p.off,
	    (unsigned)p.sub);
}

static void
test_marks(void **state)
{
	struct history *h = history_new(10);
	struct pos p = { 77, 3 }, q;
	char out[256] = "";
	static const int bad[] = { 0, '0', '9', '@', '[', '`', '{', ' ',
	    '\'', -1, 'a' + 256, 0xE9, 'Z' + 1, 'z' + 1 };

	assert_false(history_mark_get(h, 'a', &q));
	assert_true(history_mark_set(h, 'a', P(1)));
	assert_true(history_mark_set(h, 'z', P(26)));
	assert_true(history_mark_set(h, 'A', P(27)));
	assert_true(history_mark_set(h, 'Z', p));
	assert_true(history_mark_set(h, 'a', P(2)));        /* replaced */
	assert_true(history_mark_get(h, 'Z', &q));
	assert_pos(q, 77, 3);
	assert_true(history_mark_get(h, 'a', &q));
	assert_pos(q, 2, 0);
	assert_false(history_mark_get(h, 'b', &q));
	assert_false(history_mark_get(h, 'B', &q));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(history_mark_set(h, bad[i], P(5)));
		assert_false(history_mark_get(h, bad[i], &q));
	}
	history_marks(h, record, out);
	assert_string_equal(out, "a2.0 z26.0 A27.0 Z77.3 ");
	/* Marks have nothing to do with the jump stacks. */
	assert_int_equal(history_back_depth(h), 0);
	history_free(h);
}

static void
test_mark_index(void **state)
{
	assert_int_equal(history_mark_index('a'), 0);
	assert_int_equal(history_mark_index('z'), 25);
	assert_int_equal(history_mark_index('A'), 26);
	assert_int_equal(history_mark_index('Z'), 51);
	assert_int_equal(history_mark_index('!'), -1);
	for (int i = 0; i < HISTORY_NMARKS; i++)
		assert_int_equal(history_mark_index(history_mark_letter(i)), i);
	assert_int_equal(history_mark_letter(-1), 0);
	assert_int_equal(history_mark_letter(HISTORY_NMARKS), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_back_and_forward),
		cmocka_unit_test(test_jump_clears_forward),
		cmocka_unit_test(test_scrolled_between),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_forward_bounded),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_last_jump),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_mark_index),
	};

	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
