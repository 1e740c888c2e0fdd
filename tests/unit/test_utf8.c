/*
 * test_utf8.c - UTF-8 coding and the Unicode properties lectern uses.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"
#include "util.h"

static uint32_t
dec(const char *s, size_t n, size_t *len)
{
	uint32_t cp;

	*len = utf8_decode(s, n, &cp);
	return cp;
}

static void
test_decode_valid(void **state)
{
	size_t len;

	assert_int_equal(dec("A", 1, &len), 'A');
	assert_int_equal(len, 1);
	assert_int_equal(dec("\xC3\xA9", 2, &len), 0xE9);
	assert_int_equal(len, 2);
	assert_int_equal(dec("\xE2\x80\x99", 3, &len), 0x2019);
	assert_int_equal(len, 3);
	assert_int_equal(dec("\xF0\x9F\x98\x80", 4, &len), 0x1F600);
	assert_int_equal(len, 4);
}

static void
test_decode_invalid(void **state)
{
	static const char *bad[] = {
		"\x80",             /* a lone continuation byte */
		"\xC0\xAF",         /* overlong '/' */
		"\xE0\x80\xAF",     /* overlong */
		"\xED\xA0\x80",     /* a surrogate */
		"\xF4\x90\x80\x80", /* past U+10FFFF */
		"\xFF",
		"\xC3",             /* truncated */
		"\xE2\x80",         /* truncated */
	};
	size_t i, len;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(dec(bad[i], strlen(bad[i]), &len), 0xFFFD);
		assert_int_equal(len, 1);
	}
}

static void
test_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0, 'x', 0x7F, 0x80, 0x7FF, 0x800,
		0xFFFD, 0xFFFF, 0x10000, 0x10FFFF };
	char buf[4];
	size_t i, n, len;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], buf);
		assert_int_equal(dec(buf, n, &len), cps[i]);
		assert_int_equal(len, n);
	}
}

static void
test_valid_prefix(void **state)
{
	const char s[] = "plain ascii text that is long enough caf\xC3\xA9 \xFF tail";

	assert_int_equal(utf8_valid_prefix("abc", 3), 3);
	assert_int_equal(utf8_valid_prefix(s, sizeof(s) - 1),
	    strchr(s, '\xFF') - s);
	assert_int_equal(utf8_valid_prefix("ab\xC3", 3), 2);
	assert_int_equal(utf8_valid_prefix("", 0), 0);
}

static void
test_boundary(void **state)
{
	assert_int_equal(utf8_boundary("abc", 3), 3);
	assert_int_equal(utf8_boundary("ab\xE2\x80", 4), 2);
	assert_int_equal(utf8_boundary("ab\xE2\x80\x99", 5), 5);
	assert_int_equal(utf8_boundary("ab\xF0\x9F\x98", 5), 2);
	assert_int_equal(utf8_boundary("\xC3", 1), 0);
}

static void
test_width(void **state)
{
	assert_int_equal(utf8_width('a'), 1);
	assert_int_equal(utf8_width(0xE9), 1);
	assert_int_equal(utf8_width(0x4E2D), 2);    /* 中 */
	assert_int_equal(utf8_width(0xFF21), 2);    /* fullwidth A */
	assert_int_equal(utf8_width(0x1F600), 2);   /* emoji */
	assert_int_equal(utf8_width(0x0301), 0);    /* combining acute */
	assert_int_equal(utf8_width(0x20DD), 0);    /* enclosing circle */
}

static void
test_classes(void **state)
{
	assert_true(utf8_is_word('a'));
	assert_true(utf8_is_word('7'));
	assert_true(utf8_is_word(0xE9));
	assert_true(utf8_is_word(0x4E2D));
	assert_false(utf8_is_word('-'));
	assert_false(utf8_is_word(0x2019));
	assert_true(utf8_is_upper('Q'));
	assert_true(utf8_is_upper(0xC9));
	assert_false(utf8_is_upper(0xE9));
	assert_true(utf8_is_invisible(0x202E));
	assert_true(utf8_is_invisible(0x200B));
	assert_true(utf8_is_invisible(0xFEFF));
	assert_false(utf8_is_invisible(0xE9));
}

static void
check_fold(const char *in, const char *want)
{
	size_t n;
	char *got = utf8_fold_str(in, strlen(in), &n);

	assert_string_equal(got, want);
	assert_int_equal(n, strlen(want));
	free(got);
}

static void
test_fold(void **state)
{
	check_fold("ABC def", "abc def");
	check_fold("Caf\xC3\xA9", "cafe");                     /* Café */
	check_fold("\xC3\x89LAN", "elan");                     /* ÉLAN */
	check_fold("it\xE2\x80\x99s", "it's");                 /* it’s */
	check_fold("\xE2\x80\x9Cq\xE2\x80\x9D", "\"q\"");      /* “q” */
	check_fold("a\xE2\x80\x93" "b\xE2\x80\x94" "c", "a-b-c");  /* – — */
	check_fold("Stra\xC3\x9F" "e", "strasse");             /* ß */
	check_fold("e\xCC\x81", "e");                          /* e + combining */
	check_fold("\xEF\xAC\x81", "fi");                      /* ligature */
	check_fold("\xE4\xB8\xAD", "\xE4\xB8\xAD");            /* 中 stays */
}

/* utf8_fold_buf() appends, through many growths of the buffer, with
 * expanding folds (ß, the ligature) between runs of ASCII. */
static void
test_fold_buf(void **state)
{
	struct buf b, want;

	(void)state;
	buf_init(&b);
	buf_init(&want);
	buf_adds(&b, "Kept ");
	buf_adds(&want, "Kept ");
	for (int i = 0; i < 500; i++) {
		const char *in = "ABC\xC3\x9F\xEF\xAC\x81 Caf\xC3\xA9 XYZ ";

		utf8_fold_buf(in, strlen(in), &b);
		buf_adds(&want, "abcssfi cafe xyz ");
		assert_int_equal(b.len, want.len);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_string_equal(b.data, want.data);
	utf8_fold_buf("", 0, &b);
	assert_int_equal(b.len, want.len);
	buf_done(&b);
	buf_done(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_valid_prefix),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_buf),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
