/*
 * test_load.c - the loader: encodings and byte order marks, invalid
 * bytes, the Windows-1252 fallback, line ends and controls kept for the
 * parser, binary detection, empty and huge inputs, lazy reading.
 * Every input is built here as bytes.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "load.h"
#include "run.h"
#include "util.h"

/* "Café – it’s" in UTF-8. */
#define CAFE_UTF8 "Caf\xC3\xA9 \xE2\x80\x93 it\xE2\x80\x99s"

static struct text *
load(const void *p, size_t n, const char *enc, struct load_error *e)
{
	struct load_opts o = { .encoding = enc };

	return load_bytes("test", p, n, &o, e);
}

static void
expect_text(const void *p, size_t n, const char *enc, const char *want,
    const char *encoding, size_t replaced)
{
	struct load_error e;
	struct text *t = load(p, n, enc, &e);

	assert_non_null(t);
	assert_true(load_complete(t));
	assert_int_equal(t->len, strlen(want));
	assert_memory_equal(t->data, want, t->len);
	assert_int_equal(t->data[t->len], '\0');
	assert_string_equal(t->encoding, encoding);
	assert_int_equal(t->replaced, replaced);
	load_unref(t);
}

static void
test_plain_utf8(void **state)
{
	expect_text(CAFE_UTF8, sizeof(CAFE_UTF8) - 1, NULL, CAFE_UTF8, "UTF-8", 0);
}

static void
test_utf8_bom(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" CAFE_UTF8;

	expect_text(in, sizeof(in) - 1, NULL, CAFE_UTF8, "UTF-8", 0);
}

static void
test_utf8_bom_invalid(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" "a\xFF" "b\xC3";

	expect_text(in, sizeof(in) - 1, NULL, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
	    "UTF-8", 2);
}

static void
test_utf16le_bom(void **state)
{
	static const char in[] = "\xFF\xFE" "C\0a\0f\0\xE9\0 \0\x13\x20 \0i\0t\0\x19\x20s\0";

	expect_text(in, sizeof(in) - 1, NULL, CAFE_UTF8, "UTF-16LE", 0);
}

static void
test_utf16be_bom(void **state)
{
	static const char in[] = "\xFE\xFF" "\0C\0a\0f\0\xE9\0 \x20\x13\0 \0i\0t\x20\x19\0s";

	expect_text(in, sizeof(in) - 1, NULL, CAFE_UTF8, "UTF-16BE", 0);
}

static void
test_utf32_boms(void **state)
{
	static const char le[] = "\xFF\xFE\0\0" "A\0\0\0\xE9\0\0\0";
	static const char be[] = "\0\0\xFE\xFF" "\0\0\0A\0\0\0\xE9";

	expect_text(le, sizeof(le) - 1, NULL, "A\xC3\xA9", "UTF-32LE", 0);
	expect_text(be, sizeof(be) - 1, NULL, "A\xC3\xA9", "UTF-32BE", 0);
}

static void
test_utf16_invalid(void **state)
{
	/* A lone high surrogate, then 'x', then half a unit at the end. */
	static const char in[] = "\xFF\xFE" "\x00\xD8" "x\0" "y";

	expect_text(in, sizeof(in) - 1, NULL,
	    "\xEF\xBF\xBDx\xEF\xBF\xBD", "UTF-16LE", 2);
}

static void
test_cp1252_fallback(void **state)
{
	/* Windows-1252: Caf\xE9 \x96 it\x92s, plus \x81, which it lacks. */
	static const char in[] = "Caf\xE9 \x96 it\x92s\x81";

	expect_text(in, sizeof(in) - 1, NULL, CAFE_UTF8 "\xEF\xBF\xBD",
	    "WINDOWS-1252", 1);
}

static void
test_forced_encoding(void **state)
{
	static const char latin1[] = "na\xEFve \x80";
	static const char utf16[] = "h\0i\0";
	struct load_error e;

	/* ISO-8859-1 maps 0x80 to U+0080 (a C1 control, kept for display
	 * to neutralise). */
	expect_text(latin1, sizeof(latin1) - 1, "ISO-8859-1",
	    "na\xC3\xAFve \xC2\x80", "ISO-8859-1", 0);
	expect_text(utf16, sizeof(utf16) - 1, "UTF-16LE", "hi", "UTF-16LE", 0);
	/* Forcing UTF-8 on bytes that are not: replaced, not refused. */
	expect_text("a\x92z", 3, "UTF-8", "a\xEF\xBF\xBDz", "UTF-8", 1);
	assert_null(load("x", 1, "NO-SUCH-CHARSET-42", &e));
	assert_string_equal(e.reason, "unknown encoding 'NO-SUCH-CHARSET-42'");
}

static void
test_line_ends_and_controls_kept(void **state)
{
	/* The loader keeps line ends, form feeds and controls for the
	 * parser and the display to deal with. */
	static const char in[] = "a\r\nb\rc\nd\fe\x1B[31m\x01\x7F\xC2\x9B";

	expect_text(in, sizeof(in) - 1, NULL, in, "UTF-8", 0);
}

static void
test_every_control_kept(void **state)
{
	char in[40];
	int i;

	for (i = 1; i < 32; i++)
		in[i - 1] = (char)i;
	in[31] = 0x7F;
	in[32] = 0;
	expect_text(in, 32, NULL, in, "UTF-8", 0);
}

static void
test_binary(void **state)
{
	static const char bin[] = "ELF\0\x01\x02 some bytes";
	struct load_opts force = { .force = true };
	struct load_error e;
	struct text *t;
	char *late;

	assert_null(load(bin, sizeof(bin) - 1, NULL, &e));
	assert_string_equal(e.reason,
	    "binary file (use --force to read it anyway)");
	t = load_bytes("bin", bin, sizeof(bin) - 1, &force, &e);
	assert_non_null(t);
	assert_true(t->binary);
	assert_int_equal(t->len, sizeof(bin) - 1);
	load_unref(t);
	/* UTF-16 is full of NUL bytes: its BOM is checked first. */
	t = load("\xFF\xFEh\0i\0", 6, NULL, &e);
	assert_non_null(t);
	assert_false(t->binary);
	load_unref(t);
	/* A NUL far past the first block does not make a file binary. */
	late = malloc(100000);
	memset(late, 'x', 100000);
	late[99999] = '\0';
	t = load(late, 100000, NULL, &e);
	assert_non_null(t);
	load_unref(t);
	free(late);
}

static void
test_empty(void **state)
{
	struct load_error e;
	struct text *t = load("", 0, NULL, &e);

	assert_non_null(t);
	assert_int_equal(t->len, 0);
	assert_string_equal(t->data, "");
	load_unref(t);
}

static void
test_ten_megabyte_line(void **state)
{
	size_t n = 10u << 20;
	char *p = malloc(n);
	struct load_error e;
	struct text *t;

	for (size_t i = 0; i < n; i++)
		p[i] = "word "[i % 5];
	t = load(p, n, NULL, &e);
	assert_non_null(t);
	assert_int_equal(t->len, n);
	assert_string_equal(t->encoding, "UTF-8");
	load_unref(t);
	free(p);
}

static void
test_files_and_errors(void **state)
{
	struct load_error e;
	const char *dir = getenv("TMPDIR");

	assert_null(load_open("/nonexistent/file.txt", NULL, &e));
	assert_string_equal(e.reason, "No such file or directory");
	assert_null(load_open(dir ? dir : "/tmp", NULL, &e));
	assert_string_equal(e.reason, "Is a directory");
}

/* Write n bytes of p to path and open it, taking prefix bytes at once. */
static struct text *
open_written(const char *path, const void *p, size_t n, size_t prefix)
{
	struct load_opts o = { .prefix = prefix };
	struct load_error e;
	struct text *t;

	test_write(path, p, n);
	t = load_open(path, &o, &e);
	assert_non_null(t);
	return t;
}

/* A file larger than the eager prefix is read in two steps. */
static void
test_lazy_read(void **state)
{
	const char *path = test_tmp("lazy.txt");
	size_t n = 100000;
	char *p = malloc(n);
	struct text *t;

	for (size_t i = 0; i < n; i++)
		p[i] = i % 50 == 49 ? '\n' : 'a' + (char)(i % 26);
	memcpy(p + 4094, "\xE2\x80\x99", 3);   /* straddles the prefix */
	t = open_written(path, p, n, 4096);
	assert_false(load_complete(t));
	assert_int_equal(load_avail(t), 4094);  /* cut before the split ’ */
	assert_int_equal(load_finish(t), 0);
	assert_true(load_complete(t));
	assert_int_equal(load_avail(t), n);
	assert_memory_equal(t->data, p, n);
	load_unref(t);
	unlink(path);
	free(p);
}

/* Valid UTF-8 at first, then a Windows-1252 byte: decoded again. */
static void
test_lazy_redecode(void **state)
{
	const char *path = test_tmp("late1252.txt");
	size_t n = 5000;
	char *p = malloc(n);
	struct text *t, *t2;

	memset(p, 'a', n);
	p[4000] = '\x92';
	t = open_written(path, p, n, 1024);
	assert_int_equal(load_finish(t), 1);
	t2 = load_redecode(t);
	assert_string_equal(t2->encoding, "WINDOWS-1252");
	assert_int_equal(t2->len, n + 2);
	assert_memory_equal(t2->data + 4000, "\xE2\x80\x99", 3);
	load_unref(t);
	load_unref(t2);
	unlink(path);
	free(p);
}

/* A file that shrinks between the two steps just ends early. */
static void
test_lazy_shrink(void **state)
{
	const char *path = test_tmp("shrink.txt");
	char p[8192];
	struct text *t;

	memset(p, 'z', sizeof(p));
	t = open_written(path, p, sizeof(p), 1024);
	assert_int_equal(truncate(path, 3000), 0);
	assert_int_equal(load_finish(t), 0);
	assert_int_equal(t->len, 3000);
	assert_true(load_complete(t));
	load_unref(t);
	unlink(path);
}

/* Resident file pages of this process, in kB, or -1. */
static long
rss_file_kb(void)
{
	return test_status_kb("RssFile");
}

/* n bytes of lines of 60 letters, for the mapped texts below; free()
 * it. */
static char *
lines_of_letters(size_t n)
{
	char *p = malloc(n);

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		p[i] = i % 61 == 60 ? '\n' : 'a' + (char)(i % 23);
	return p;
}

/* p[0, n) written to path and mapped, checked whole (the end NUL-
 * terminated), and its pages given back: what a pass touches is then
 * what it holds. */
static struct text *
open_checked(const char *path, const char *p, size_t n)
{
	struct text *t = open_written(path, p, n, 4096);

	assert_int_equal(load_finish(t), 0);
	assert_int_equal(t->len, n);
	assert_int_equal(t->data[n], '\0');
	load_release(t, 0, n);
	return t;
}

/* A large file is mapped: the pages a pass gives back leave memory, and
 * read the same when they are touched again. */
static void
test_lazy_release(void **state)
{
	const char *path = test_tmp("release.txt");
	size_t n = 8u << 20;
	char *p = lines_of_letters(n);
	struct text *t = open_checked(path, p, n);
	struct load_pass lp;
	long before, touched, after;
	unsigned sum = 0;

	before = rss_file_kb();
	for (size_t i = 0; i < n; i += 512)
		sum += (unsigned char)t->data[i];
	touched = rss_file_kb();
	load_pass_init(&lp, t, 0, n);
	for (size_t i = 0; i < n; i += 4096)
		load_pass_at(&lp, i);
	after = rss_file_kb();
	load_pass_end(&lp);
	/* Reading touched the 8 MB; the pass gave back all but its last
	 * step; the end gave back the rest. */
	if (before >= 0) {
		assert_true(touched - before > 6 * 1024);
		assert_true(touched - after > 6 * 1024);
		assert_true(rss_file_kb() - before < 512);
	}
	assert_true(sum > 0);
	assert_memory_equal(t->data, p, n);
	load_unref(t);
	unlink(path);
	free(p);
}

/* A pass that reads a little behind itself as it goes, as the parser
 * does when a paragraph ends: what it read again behind the place it
 * gave back to goes too, not only when the pass ends. */
static void
test_pass_reads_behind(void **state)
{
	const char *path = test_tmp("behind.txt");
	size_t n = 8u << 20;
	char *p = lines_of_letters(n);
	struct text *t = open_checked(path, p, n);
	struct load_pass lp;
	long before, held;
	unsigned sum = 0;

	before = rss_file_kb();
	load_pass_init(&lp, t, 0, n);
	for (size_t i = 0; i < n; i += 4096) {
		sum += (unsigned char)t->data[i];
		load_pass_at(&lp, i);
		/* The 64 KB before it, again. */
		for (size_t j = i > 65536 ? i - 65536 : 0; j < i; j += 4096)
			sum += (unsigned char)t->data[j];
	}
	held = rss_file_kb() - before;
	load_pass_end(&lp);
	/* A step and the 64 KB behind it, and what the kernel maps around
	 * a page read; not 64 KB of every step. */
	if (before >= 0)
		assert_true(held < 1024);
	assert_true(sum > 0);
	load_unref(t);
	unlink(path);
	free(p);
}

/* load_pass_memchr() and load_pass_memmem() find what memchr() and
 * memmem() find, a match across two of their steps included, and give
 * back the pages they pass over: a scan that finds a hyphen every few
 * kilobytes through 8 MB holds little of it at any time. */
static void
test_pass_scan(void **state)
{
	const char *path = test_tmp("scan.txt");
	size_t n = 8u << 20, found = 0, step = LOAD_RELEASE_STEP;
	char *p = lines_of_letters(n);
	struct load_pass lp;
	struct text *t;
	const char *q, *e;
	long before, most = 0, after;

	for (size_t i = 3000; i < n; i += 3001)
		p[i] = '-';
	/* One "[Page " across the end of the third step, one in the last
	 * bytes, none else. */
	memcpy(p + 3 * step - 3, "[Page ", 6);
	memcpy(p + n - 6, "[Page ", 6);
	t = open_checked(path, p, n);
	before = rss_file_kb();
	e = t->data + n;
	load_pass_init(&lp, t, 0, n);
	for (size_t from = 0; (q = load_pass_memchr(&lp, t->data + from, '-',
	    e)) != NULL; from = (size_t)(q - t->data) + 1) {
		const char *x = memchr(p + from, '-', n - from);
		long held = rss_file_kb() - before;

		assert_ptr_equal(q, t->data + (x - p));
		found++;
		most = held > most ? held : most;
	}
	assert_int_equal(found, n / 3001);
	/* Each scan from the start again is a pass of its own; one that
	 * finds nothing has given back all but its last step at the end. */
	load_pass_end(&lp);
	assert_null(load_pass_memchr(&lp, t->data, '#', e));
	after = rss_file_kb() - before;
	load_pass_end(&lp);
	assert_null(load_pass_memmem(&lp, t->data, e, "[Page 8", 7));
	after = MAX(after, rss_file_kb() - before);
	load_pass_end(&lp);
	q = load_pass_memmem(&lp, t->data, e, "[Page ", 6);
	assert_ptr_equal(q, t->data + 3 * step - 3);
	q = load_pass_memmem(&lp, q + 1, e, "[Page ", 6);
	assert_ptr_equal(q, e - 6);
	assert_null(load_pass_memmem(&lp, q + 1, e, "[Page ", 6));
	assert_null(load_pass_memmem(&lp, e - 5, e, "[Page ", 6));
	assert_null(load_pass_memmem(&lp, e, e, "[Page ", 6));
	assert_null(load_pass_memchr(&lp, e, '-', e));
	load_pass_end(&lp);
	/* memchr() or memmem() alone would have held all 8 MB. */
	if (before >= 0)
		assert_true(most < 2048 && after < 2048);
	load_unref(t);
	unlink(path);
	free(p);
}

/* A file cut short after it was checked: the pages it no longer has
 * read as zeros, with no SIGBUS; the text keeps its length. */
static void
test_lazy_truncated_later(void **state)
{
	const char *path = test_tmp("cut.txt");
	size_t n = 1u << 20;
	char *p = malloc(n);
	struct text *t;

	memset(p, 'q', n);
	t = open_written(path, p, n, 4096);
	assert_int_equal(load_finish(t), 0);
	load_release(t, 0, n);
	assert_int_equal(truncate(path, 100000), 0);
	assert_int_equal(t->data[1000], 'q');
	assert_int_equal(t->data[n - 1], '\0');
	assert_int_equal(t->data[500000], '\0');
	assert_int_equal(t->len, n);
	load_unref(t);
	unlink(path);
	free(p);
}

/* load_peek(): a mapped text's bytes read into the buffer, the same as
 * the mapping shows; a text in memory's where they are; zeros for what
 * a shrunk file no longer has. */
static void
test_peek(void **state)
{
	const char *path = test_tmp("peek.txt");
	struct load_error e;
	size_t n = 300000;
	char *p = malloc(n), buf[LOAD_PEEK_MAX];
	const char *q;
	struct text *t, *small;

	for (size_t i = 0; i < n; i++)
		p[i] = i % 70 == 69 ? '\n' : 'A' + (char)(i % 26);
	t = open_written(path, p, n, 4096);
	assert_int_equal(load_finish(t), 0);
	q = load_peek(t, 123456, 5000, buf);
	assert_ptr_equal(q, buf);
	assert_memory_equal(q, p + 123456, 5000);
	/* Too long to copy: the mapping itself. */
	assert_ptr_equal(load_peek(t, 10, LOAD_PEEK_MAX + 1, buf), t->data + 10);
	assert_int_equal(truncate(path, 200000), 0);
	q = load_peek(t, 199000, 2000, buf);
	assert_memory_equal(q, p + 199000, 1000);
	for (size_t i = 1000; i < 2000; i++)
		assert_int_equal(q[i], 0);
	load_unref(t);
	small = load("small text", 10, NULL, &e);
	assert_ptr_equal(load_peek(small, 6, 4, buf), small->data + 6);
	load_unref(small);
	unlink(path);
	free(p);
}

static void
test_hash(void **state)
{
	struct load_error e;
	struct text *a = load("same text", 9, NULL, &e);
	struct text *b = load("same text", 9, NULL, &e);
	struct text *c = load("same texT", 9, NULL, &e);

	assert_true(load_hash(a) == load_hash(b));
	assert_true(load_hash(a) != load_hash(c));
	load_unref(a);
	load_unref(b);
	load_unref(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_utf8),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_utf8_bom_invalid),
		cmocka_unit_test(test_utf16le_bom),
		cmocka_unit_test(test_utf16be_bom),
		cmocka_unit_test(test_utf32_boms),
		cmocka_unit_test(test_utf16_invalid),
		cmocka_unit_test(test_cp1252_fallback),
		cmocka_unit_test(test_forced_encoding),
		cmocka_unit_test(test_line_ends_and_controls_kept),
		cmocka_unit_test(test_every_control_kept),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_ten_megabyte_line),
		cmocka_unit_test(test_files_and_errors),
		cmocka_unit_test(test_lazy_read),
		cmocka_unit_test(test_lazy_redecode),
		cmocka_unit_test(test_lazy_shrink),
		cmocka_unit_test(test_lazy_release),
		cmocka_unit_test(test_pass_reads_behind),
		cmocka_unit_test(test_pass_scan),
		cmocka_unit_test(test_lazy_truncated_later),
		cmocka_unit_test(test_peek),
		cmocka_unit_test(test_hash),
	};

	return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
