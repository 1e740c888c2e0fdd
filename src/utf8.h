/*
 * utf8.h - UTF-8 decoding and encoding, and the few Unicode properties
 * lectern needs: display width, word characters, case, invisibility and
 * the folding that makes search forgiving.
 *
 * All functions are pure and thread-safe.  Invalid input never fails:
 * a byte that does not start a well-formed sequence decodes as U+FFFD
 * and consumes exactly one byte, so every loop over text advances.
 */
#ifndef LECTERN_UTF8_H
#define LECTERN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu
/* Longest folded form of one code point, in bytes. */
#define UTF8_FOLD_MAX 12

/* Decode the code point at s (n > 0 bytes available); return the number
 * of bytes it takes (1 to 4).  Overlong forms, surrogates, values past
 * U+10FFFF and truncated sequences give U+FFFD and a length of 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp (a valid scalar value) into out; return its length (1-4). */
size_t utf8_encode(uint32_t cp, char *out);

/* The length of the longest prefix of s[0..n) made of whole, valid
 * sequences.  Equal to n when all of s is valid UTF-8. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* The length of the longest prefix of s[0..n) that does not end inside a
 * sequence (for cutting a buffer at a safe place); at least n - 3. */
size_t utf8_boundary(const char *s, size_t n);

/* How many bytes to skip at s to reach the start of a sequence (at
 * most 3: continuation bytes cut from the one before). */
size_t utf8_boundary_start(const char *s, size_t n);

/* Columns cp takes on a terminal: 0 (combining), 1 or 2 (wide).
 * Control and invisible characters are not asked about here: the layout
 * shows them as placeholders (see glyph.h). */
int utf8_width(uint32_t cp);
bool utf8_is_word(uint32_t cp);
bool utf8_is_upper(uint32_t cp);
/* Does an encoding's name (iconv's, a locale's codeset) say UTF-8? */
bool utf8_is_name(const char *name);
bool utf8_is_lower(uint32_t cp);
/* Format characters, bidirectional overrides, zero-width characters. */
bool utf8_is_invisible(uint32_t cp);

/* Fold cp for comparison: lower case, without accents, curly quotes as
 * straight quotes, dashes as '-', non-breaking spaces as ' '.  Writes the
 * folded UTF-8 (possibly empty, for a lone combining mark) to out, which
 * has room for UTF8_FOLD_MAX bytes, and returns its length. */
size_t utf8_fold(uint32_t cp, char *out);

/* Fold a whole string into a new NUL-terminated string (caller frees). */
char *utf8_fold_str(const char *s, size_t n, size_t *outlen);

/* Fold a whole string onto the end of b. */
struct buf;
void utf8_fold_buf(const char *s, size_t n, struct buf *b);

#endif
