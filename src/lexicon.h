/*
 * lexicon.h - groups of synonyms (resources/lexicon), compared by stem.
 */
#ifndef LECTERN_LEXICON_H
#define LECTERN_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

struct lexicon;

/* Load the lexicon at path; NULL path or a missing file gives an empty
 * lexicon (lists are then found by their own words only).  *err is set
 * to an errno value when the file exists but cannot be read. */
struct lexicon *lexicon_load(const char *path, int *err);
/* A lexicon from text in memory (for tests). */
struct lexicon *lexicon_parse(const char *text, size_t n);
void lexicon_free(struct lexicon *lx);

/* Stem a folded word into out (STEM_MAX + 1 bytes); returns its length. */
size_t lexicon_stem(const char *w, size_t n, char *out);
/* Do two folded words mean the same: equal stems, or stems in one
 * group? */
bool lexicon_same(const struct lexicon *lx, const char *a, size_t an,
    const char *b, size_t bn);
/* The stems of the synonyms of a stem (its group's, itself included):
 * up to max of them in out (pointers valid as long as lx); returns how
 * many, 0 when the stem is in no group. */
size_t lexicon_group(const struct lexicon *lx, const char *stem, size_t n,
    const char **out, size_t max);

/* Are they equal by stem (not just synonyms)? */
bool lexicon_stem_equal(const char *a, size_t an, const char *b, size_t bn);

#endif
