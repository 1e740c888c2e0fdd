/*
 * test_display.c - every control character becomes a visible
 * placeholder; text is transliterated for non-UTF-8 character sets.
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

#include "display.h"
#include "util.h"

static struct display *utf8, *ascii, *latin1;

static int
setup(void **state)
{
	utf8 = display_new("UTF-8");
	ascii = display_new("ANSI_X3.4-1968");
	latin1 = display_new("ISO-8859-1");
	return 0;
}

static int
teardown(void **state)
{
	display_free(utf8);
	display_free(ascii);
	display_free(latin1);
	return 0;
}

static char *
shown(struct display *d, const char *s, size_t n)
{
	struct buf b;

	buf_init(&b);
	display_string(d, s, n, &b);
	return buf_take(&b);
}

static void
test_c0_controls(void **state)
{
	for (int c = 0; c < 32; c++) {
		char in[1] = { (char)c };
		struct glyph g;

		assert_int_equal(display_glyph(utf8, in, 1, &g), 1);
		if (c == '\t') {
			assert_int_equal(g.kind, GLYPH_TAB);
		} else if (c == '\n' || c == '\r' || c == '\f') {
			assert_int_equal(g.kind, GLYPH_BREAK);
		} else {
			char want[3] = { '^', (char)(c + '@'), 0 };

			assert_int_equal(g.kind, GLYPH_PLACEHOLDER);
			assert_string_equal(g.s, want);
			assert_int_equal(g.width, 2);
		}
		/* Whatever it is, no control byte is ever produced. */
		for (int i = 0; i < g.len; i++)
			assert_true((unsigned char)g.s[i] >= 0x20);
	}
}

static void
test_del_and_c1(void **state)
{
	struct glyph g;
	char in[2];

	display_glyph(utf8, "\x7F", 1, &g);
	assert_string_equal(g.s, "^?");
	for (int c = 0x80; c < 0xA0; c++) {
		char want[16];

		in[0] = (char)(0xC0 | (c >> 6));
		in[1] = (char)(0x80 | (c & 0x3F));
		assert_int_equal(display_glyph(utf8, in, 2, &g), 2);
		snprintf(want, sizeof(want), "<U+%04X>", c);
		assert_string_equal(g.s, want);
		assert_int_equal(g.kind, GLYPH_PLACEHOLDER);
	}
}

static void
test_escape_sequences(void **state)
{
	static const char in[] = "a\x1B]0;owned\x07" "b\x1B[2Jc";
	char *s = shown(utf8, in, sizeof(in) - 1);

	assert_string_equal(s, "a^[]0;owned^Gb^[[2Jc");
	assert_null(strchr(s, '\x1B'));
	free(s);
}

static void
test_invisible(void **state)
{
	char *s = shown(utf8, "a\xE2\x80\xAE" "b\xE2\x80\x8B" "c\xEF\xBB\xBF", 12);

	assert_string_equal(s, "a<U+202E>b<U+200B>c<U+FEFF>");
	free(s);
}

static void
test_widths(void **state)
{
	struct glyph g;

	display_glyph(utf8, "\xE4\xB8\xAD", 3, &g);       /* 中 */
	assert_int_equal(g.width, 2);
	assert_int_equal(g.kind, GLYPH_TEXT);
	display_glyph(utf8, "\xCC\x81", 2, &g);           /* combining acute */
	assert_int_equal(g.width, 0);
	display_glyph(utf8, "\xC2\xA0", 2, &g);           /* no-break space */
	assert_int_equal(g.kind, GLYPH_SPACE);
	display_glyph(utf8, "\xFF", 1, &g);               /* invalid byte */
	assert_string_equal(g.s, "\xEF\xBF\xBD");
}

static void
test_transliteration(void **state)
{
	static const char in[] = "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s caf\xC3\xA9";
	char *s = shown(ascii, in, sizeof(in) - 1);

	/* glibc spells what ASCII lacks with ASCII; nothing above 0x7F. */
	assert_string_equal(s, "\"Quoted\" - it's cafe");
	free(s);
	s = shown(latin1, in, sizeof(in) - 1);
	assert_string_equal(s, "\"Quoted\" - it's caf\xE9");
	free(s);
	assert_false(display_is_utf8(ascii));
	assert_true(display_is_utf8(utf8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c0_controls),
		cmocka_unit_test(test_del_and_c1),
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_transliteration),
	};

	return cmocka_run_group_tests_name("display", tests, setup, teardown);
}
