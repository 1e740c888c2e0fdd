/*
 * test_util.c - the helpers everything stands on: the growable buffer,
 * growing and trimming arrays, reading a descriptor with a limit, white
 * space squeezed, numbers sorted and made unique, and the table of
 * interned strings (strtab.c).
 */
#include "autoconf.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "strtab.h"
#include "util.h"

/* ------------------------------------------------------------ buffer */

static void
test_buf(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b);
	assert_string_equal(b.data, "");
	buf_adds(&b, "para");
	buf_addc(&b, 'g');
	buf_add(&b, "raph 5(b)", 4);
	assert_string_equal(b.data, "paragraph");
	assert_int_equal(b.len, 9);
	/* Growing far past the first room keeps every byte. */
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, " %d", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(strncmp(b.data, "paragraph 0 1 2 ", 16) == 0);
	assert_non_null(strstr(b.data, " 998 999"));
	assert_true(b.cap > b.len);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	/* A long formatted piece at once. */
	buf_printf(&b, "%0500d|", 7);
	assert_int_equal(b.len, 501);
	assert_int_equal(b.data[499], '7');
	s = buf_take(&b);
	assert_int_equal(strlen(s), 501);
	free(s);
	/* Taken: b is empty and usable again. */
	assert_int_equal(b.len, 0);
	buf_adds(&b, "again");
	assert_string_equal(b.data, "again");
	buf_done(&b);
}

static void
test_grow_shrink(void **state)
{
	uint32_t *a = NULL;
	size_t cap = 0;

	(void)state;
	for (uint32_t i = 0; i < 10000; i++) {
		GROW(a, cap, (size_t)i + 1);
		assert_true(cap >= (size_t)i + 1);
		a[i] = i * 3;
	}
	assert_true(cap >= 10000);
	SHRINK(a, cap, 10000);
	assert_int_equal(cap, 10000);
	for (uint32_t i = 0; i < 10000; i++)
		assert_int_equal(a[i], i * 3);
	/* A need below the capacity changes nothing. */
	GROW(a, cap, 5);
	assert_int_equal(cap, 10000);
	free(a);
}

/* buf_read_fd: all of a pipe, or max + 1 bytes of one that is longer. */
static void
read_pipe(const char *data, size_t n, size_t max, struct buf *b, int *ret)
{
	int fd[2];

	assert_int_equal(pipe(fd), 0);
	assert_int_equal(write(fd[1], data, n), (ssize_t)n);
	close(fd[1]);
	buf_init(b);
	*ret = buf_read_fd(b, fd[0], max);
	close(fd[0]);
}

static void
test_read_fd(void **state)
{
	struct buf b;
	int r;

	(void)state;
	read_pipe("5. The Council\n", 15, 100, &b, &r);
	assert_int_equal(r, 0);
	assert_int_equal(b.len, 15);
	assert_string_equal(b.data, "5. The Council\n");
	buf_done(&b);
	/* Exactly max: not too long. */
	read_pipe("abcdef", 6, 6, &b, &r);
	assert_int_equal(r, 0);
	assert_int_equal(b.len, 6);
	buf_done(&b);
	/* Longer than max: b->len > max says so. */
	read_pipe("abcdefgh", 8, 5, &b, &r);
	assert_int_equal(r, 0);
	assert_true(b.len > 5);
	buf_done(&b);
	/* Empty. */
	read_pipe("", 0, 5, &b, &r);
	assert_int_equal(r, 0);
	assert_int_equal(b.len, 0);
	buf_done(&b);
	/* A closed descriptor: -1 and errno. */
	buf_init(&b);
	errno = 0;
	assert_int_equal(buf_read_fd(&b, 1000, 10), -1);
	assert_int_equal(errno, EBADF);
	buf_done(&b);
}

/* ----------------------------------------------------------- strings */

static void
check_squeeze(const char *in, bool trim, const char *want)
{
	char *s = xstrdup(in);
	size_t n = squeeze_space(s, strlen(s), trim);

	if (strcmp(s, want) != 0 || n != strlen(want))
		fail_msg("squeeze(\"%s\", %d) = \"%s\" (%zu), want \"%s\"", in,
		    trim, s, n, want);
	free(s);
}

static void
test_squeeze(void **state)
{
	(void)state;
	check_squeeze("the  draft\tresolution", false, "the draft resolution");
	check_squeeze("  Member\r\n\nStates \f", false, " Member States ");
	check_squeeze("  Member\r\n\nStates \f", true, "Member States");
	check_squeeze("", true, "");
	check_squeeze(" \t\n", true, "");
	check_squeeze(" \t\n", false, " ");
	check_squeeze("one", true, "one");
	/* Only white space is touched: other bytes stay as they are. */
	check_squeeze("a\xC2\xA0" "b  \x01", false, "a\xC2\xA0" "b \x01");
}

static void
test_sort_unique(void **state)
{
	uint32_t a[] = { 7, 3, 3, UINT32_MAX, 0, 7, 7, 1, 0 };
	uint32_t one[] = { 5 };

	(void)state;
	assert_int_equal(sort_unique_u32(a, ARRAY_SIZE(a)), 5);
	assert_int_equal(a[0], 0);
	assert_int_equal(a[1], 1);
	assert_int_equal(a[2], 3);
	assert_int_equal(a[3], 7);
	assert_int_equal(a[4], UINT32_MAX);
	assert_int_equal(sort_unique_u32(one, 1), 1);
	assert_int_equal(sort_unique_u32(NULL, 0), 0);
	/* In order but for the last: a repeat, a smaller one. */
	{
		uint32_t rep[] = { 1, 2, 3, 3 }, drop[] = { 1, 5, 9, 2 };
		uint32_t want[] = { 1, 2, 5, 9 };

		assert_int_equal(sort_unique_u32(rep, ARRAY_SIZE(rep)), 3);
		assert_int_equal(sort_unique_u32(drop, ARRAY_SIZE(drop)), 4);
		assert_memory_equal(drop, want, sizeof(want));
	}
	/* The comparison does not overflow at the ends of the range. */
	assert_true(cmp_u32(&(uint32_t){ 0 }, &(uint32_t){ UINT32_MAX }) < 0);
	assert_true(cmp_u32(&(uint32_t){ UINT32_MAX }, &(uint32_t){ 0 }) > 0);
	assert_int_equal(cmp_u32(&(uint32_t){ 9 }, &(uint32_t){ 9 }), 0);
}

/* lower_bound_u32(): the first at least the key, in the range asked;
 * the end of the range when none is; repeats found at their first. */
static void
test_lower_bound(void **state)
{
	uint32_t a[] = { 2, 4, 4, 4, 9, UINT32_MAX };

	(void)state;
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), 0), 0);
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), 2), 0);
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), 3), 1);
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), 4), 1);
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), 5), 4);
	assert_int_equal(lower_bound_u32(a, 0, ARRAY_SIZE(a), UINT32_MAX), 5);
	assert_int_equal(lower_bound_u32(a, 0, 5, UINT32_MAX), 5);
	assert_int_equal(lower_bound_u32(a, 2, 4, 0), 2);
	assert_int_equal(lower_bound_u32(a, 2, 4, 9), 4);
	assert_int_equal(lower_bound_u32(a, 3, 3, 1), 3);
	assert_int_equal(lower_bound_u32(NULL, 0, 0, 7), 0);
}

static void
test_xstrndup(void **state)
{
	char *s = xstrndup("paragraph", 4), *t = xstrndup("a\0b", 3);

	(void)state;
	assert_string_equal(s, "para");
	/* Exactly n bytes, a NUL among them or not, and one after. */
	assert_memory_equal(t, "a\0b\0", 4);
	free(s);
	free(t);
}

/* ------------------------------------------------------------ strtab */

static void
test_strtab(void **state)
{
	struct strtab *t = strtab_new();
	bool added;
	char key[32];

	(void)state;
	assert_int_equal(strtab_count(t), 0);
	assert_int_equal(strtab_find(t, "x", 1), STRTAB_NONE);
	assert_int_equal(strtab_intern(t, "migration", 9, &added), 0);
	assert_true(added);
	assert_int_equal(strtab_intern(t, "migration", 9, &added), 0);
	assert_false(added);
	/* Ids in the order first seen; lengths count, not NULs. */
	assert_int_equal(strtab_intern(t, "migrations", 9, NULL), 0);
	assert_int_equal(strtab_intern(t, "migrant", 7, NULL), 1);
	assert_int_equal(strtab_intern(t, "", 0, NULL), 2);
	assert_int_equal(strtab_intern(t, "a\0b", 3, NULL), 3);
	assert_int_equal(strtab_find(t, "a\0b", 3), 3);
	assert_int_equal(strtab_find(t, "a", 1), STRTAB_NONE);
	assert_int_equal(strtab_len(t, 3), 3);
	assert_string_equal(strtab_str(t, 1), "migrant");
	/* Many keys: every rehash keeps ids and strings. */
	for (int i = 0; i < 50000; i++) {
		snprintf(key, sizeof(key), "word%d", i);
		assert_int_equal(strtab_intern(t, key, strlen(key), NULL), (uint32_t)i + 4);
	}
	strtab_trim(t);
	assert_int_equal(strtab_count(t), 50004);
	for (int i = 0; i < 50000; i += 997) {
		snprintf(key, sizeof(key), "word%d", i);
		assert_int_equal(strtab_find(t, key, strlen(key)), (uint32_t)i + 4);
		assert_string_equal(strtab_str(t, (uint32_t)i + 4), key);
	}
	assert_true(strtab_memory(t) > 50000 * 5);
	/* Interning still works after a trim. */
	assert_int_equal(strtab_intern(t, "after", 5, &added), 50004);
	assert_true(added);
	strtab_free(t);
}

/* A padded key (readable to its last word's end, whatever follows it)
 * hashes and compares as the same key unpadded: each key, of 0 to 40
 * bytes, is found by the other path, with garbage after it, and across
 * the rehashes of 4,000 keys. */
static void
test_strtab_padded(void **state)
{
	struct strtab *t = strtab_new();
	char key[48 + 8], buf[48 + 8];
	bool added;

	(void)state;
	for (uint32_t i = 0; i < 4000; i++) {
		size_t n = i % 41;

		for (size_t k = 0; k < n; k++)
			key[k] = (char)('a' + (i * 7 + k * 13) % 26);
		snprintf(key + (n > 3 ? n - 3 : 0), 4, "%03u", i % 1000);
		n = MAX(n, 3);
		/* Garbage after the key, in a copy read to its word's end. */
		memset(buf, (int)(0x80 | i), sizeof(buf));
		memcpy(buf, key, n);
		if (i % 2) {
			uint32_t id = strtab_intern_padded(t, buf, n, &added);

			assert_int_equal(strtab_find(t, key, n), id);
			assert_int_equal(strtab_intern(t, key, n, &added), id);
			assert_false(added);
		} else {
			uint32_t id = strtab_intern(t, key, n, NULL);

			assert_int_equal(strtab_intern_padded(t, buf, n, &added), id);
			assert_false(added);
		}
	}
	strtab_free(t);
}

static void
test_strtab_containing(void **state)
{
	struct strtab *t = strtab_new();
	uint32_t ids[4];

	(void)state;
	strtab_intern(t, "duplicate", 9, NULL);
	strtab_intern(t, "migration", 9, NULL);
	strtab_intern(t, "duplicative", 11, NULL);
	strtab_intern(t, "duplicat", 8, NULL);
	strtab_intern(t, "nation", 6, NULL);
	assert_int_equal(strtab_containing(t, "duplicat", 8, ids, 4), 3);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[1], 2);
	assert_int_equal(ids[2], 3);
	/* At most max stored, all counted. */
	assert_int_equal(strtab_containing(t, "ati", 3, ids, 1), 3);
	assert_int_equal(ids[0], 1);
	/* Not across two strings of the pool. */
	assert_int_equal(strtab_containing(t, "emig", 4, ids, 4), 0);
	assert_int_equal(strtab_containing(t, "ationn", 6, ids, 4), 0);
	strtab_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_grow_shrink),
		cmocka_unit_test(test_read_fd),
		cmocka_unit_test(test_squeeze),
		cmocka_unit_test(test_sort_unique),
		cmocka_unit_test(test_lower_bound),
		cmocka_unit_test(test_xstrndup),
		cmocka_unit_test(test_strtab),
		cmocka_unit_test(test_strtab_padded),
		cmocka_unit_test(test_strtab_containing),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
