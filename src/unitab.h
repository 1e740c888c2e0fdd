/*
 * unitab.h - the generated Unicode tables (src/unitab.c, made by
 * tools/gen-unicode.py).  Only utf8.c reads them; everyone else asks
 * utf8.h's functions.
 */
#ifndef LECTERN_UNITAB_H
#define LECTERN_UNITAB_H

#include <stdint.h>

enum {
	UNI_WIDE = 1,   /* two columns (East Asian wide and full width) */
	UNI_ZERO = 2,   /* no column of its own (combining marks) */
	UNI_WORD = 4,   /* letter, digit or mark: part of a word */
	UNI_UPPER = 8,  /* upper or title case letter */
	UNI_INVIS = 16, /* invisible or direction-changing: a placeholder */
	UNI_LOWER = 32  /* lower case letter (CJK and others have no case) */
};

struct unitab_range {
	uint32_t lo, hi;
	uint8_t flags;
};

struct unitab_fold {
	uint32_t cp;
	uint8_t len;
	char s[12];
};

extern const struct unitab_range unitab_ranges[];
extern const unsigned unitab_nranges;
extern const struct unitab_fold unitab_folds[];
extern const unsigned unitab_nfolds;

#endif
