/*
 * strtab.h - a table of interned strings: each distinct string gets a
 * dense id (0, 1, 2 ... in the order first seen).  An open-addressing
 * hash table over one pool of bytes; lookups cost a hash and, nearly
 * always, one comparison.  Used for the index's dictionary, for the
 * parser's hyphenation evidence and running-header shapes, and for terms.
 */
#ifndef LECTERN_STRTAB_H
#define LECTERN_STRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STRTAB_NONE UINT32_MAX

struct strtab;

struct strtab *strtab_new(void);
void strtab_free(struct strtab *t);

/* The id of s[0..n), adding it if it is new (*added says so, if not
 * NULL). */
uint32_t strtab_intern(struct strtab *t, const char *s, size_t n,
    bool *added);
/* The same, for a caller whose key may be read up to the end of its
 * last 8-byte word (s[0 .. n rounded up to a multiple of 8), whatever
 * the bytes after n hold): hashed and compared a word at a time.  The
 * index's words, from tokens (token.h), are. */
uint32_t strtab_intern_padded(struct strtab *t, const char *s, size_t n,
    bool *added);
/* The id of s[0..n), or STRTAB_NONE. */
uint32_t strtab_find(const struct strtab *t, const char *s, size_t n);
/* The string with id (NUL-terminated; valid until the next intern) and
 * its length. */
const char *strtab_str(const struct strtab *t, uint32_t id);
size_t strtab_len(const struct strtab *t, uint32_t id);
uint32_t strtab_count(const struct strtab *t);
/* The ids of the strings that contain pat[0..n) (n > 0, no NUL byte),
 * in increasing order: at most max stored in ids, the number of them
 * returned.  One scan over the pool, not a search per string. */
size_t strtab_containing(const struct strtab *t, const char *pat, size_t n,
    uint32_t *ids, size_t max);
/* Give back the room kept for growth (interning still works after). */
void strtab_trim(struct strtab *t);
size_t strtab_memory(const struct strtab *t);

#endif
