/*
 * stem.h - English word stemming and stop words, for matching words
 * regardless of their inflection and for leaving out the words that say
 * nothing about a passage.
 *
 * Both functions are pure and thread-safe, and neither allocates.
 */
#ifndef LECTERN_STEM_H
#define LECTERN_STEM_H

#include <stdbool.h>
#include <stddef.h>

/* Maximum word length stem_word() works on; longer words are left as
 * they are. */
#define STEM_MAX 64

/* Stem w[0..len) in place with the Porter (1980) algorithm for English,
 * so that "migration" and "migrations" both give "migrat".  The word must
 * be in lower case.  A word holding anything but the ASCII letters a-z
 * (digits, apostrophes, non-ASCII bytes), longer than STEM_MAX or shorter
 * than 3 is left unchanged.  Returns the length of the stem, which is
 * never more than len; w is not NUL-terminated by it, and no byte past
 * w[len - 1] is read or written. */
size_t stem_word(char *w, size_t len);

/* Tell whether w[0..len) (lower case, not necessarily NUL-terminated) is
 * an English stop word: an article, pronoun, preposition, conjunction,
 * auxiliary or modal verb, or one of the commonest adverbs ("also",
 * "very", "however").  Content words are never stop words.  The answer
 * comes from a binary search in a sorted static table. */
bool stem_is_stop(const char *w, size_t len);

#endif
