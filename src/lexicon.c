/*
 * lexicon.c - synonym groups.  Each word is stored by its stem with the
 * number of its group; two words are synonyms when their stems share a
 * group.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "stem.h"
#include "strtab.h"
#include "util.h"

#define LEXICON_MAX (1u << 20)   /* bytes read of a lexicon file */

struct lexicon {
	struct strtab *stems;       /* ids index group */
	uint32_t *group;            /* by stem id, never decreasing */
	size_t cap;
};

size_t
lexicon_stem(const char *w, size_t n, char *out)
{
	n = MIN(n, (size_t)STEM_MAX);
	memcpy(out, w, n);
	n = stem_word(out, n);
	out[n] = '\0';
	return n;
}

static void
add_word(struct lexicon *lx, const char *w, size_t n, uint32_t group)
{
	char st[STEM_MAX + 1];
	size_t len = lexicon_stem(w, n, st);
	bool added;
	uint32_t id = strtab_intern(lx->stems, st, len, &added);

	if (added) {
		GROW(lx->group, lx->cap, (size_t)id + 1);
		lx->group[id] = group;
	}
}

struct lexicon *
lexicon_parse(const char *text, size_t n)
{
	struct lexicon *lx = xcalloc(1, sizeof(*lx));
	uint32_t group = 0;
	size_t i = 0;

	lx->stems = strtab_new();
	while (i < n) {
		size_t e = i;

		while (e < n && text[e] != '\n')
			e++;
		if (text[i] != '#') {
			for (size_t k = i; k < e;) {
				size_t w = k;

				while (w < e && text[w] >= 'a' && text[w] <= 'z')
					w++;
				if (w > k)
					add_word(lx, text + k, w - k, group);
				k = w + 1;
			}
			group++;
		}
		i = e + 1;
	}
	return lx;
}

struct lexicon *
lexicon_load(const char *path, int *err)
{
	struct buf b;
	int fd;
	struct lexicon *lx;

	*err = 0;
	if (path == NULL || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (path && errno != ENOENT)
			*err = errno;
		return lexicon_parse("", 0);
	}
	buf_init(&b);
	if (buf_read_fd(&b, fd, LEXICON_MAX) != 0)
		*err = errno;
	close(fd);
	lx = lexicon_parse(b.data, b.len);
	buf_done(&b);
	return lx;
}

void
lexicon_free(struct lexicon *lx)
{
	if (lx == NULL)
		return;
	strtab_free(lx->stems);
	free(lx->group);
	free(lx);
}

bool
lexicon_stem_equal(const char *a, size_t an, const char *b, size_t bn)
{
	char sa[STEM_MAX + 1], sb[STEM_MAX + 1];
	size_t la = lexicon_stem(a, an, sa), lb = lexicon_stem(b, bn, sb);

	return la == lb && memcmp(sa, sb, la) == 0;
}

bool
lexicon_same(const struct lexicon *lx, const char *a, size_t an,
    const char *b, size_t bn)
{
	char sa[STEM_MAX + 1], sb[STEM_MAX + 1];
	size_t la = lexicon_stem(a, an, sa), lb = lexicon_stem(b, bn, sb);
	uint32_t ia, ib;

	if (la == lb && memcmp(sa, sb, la) == 0)
		return true;
	ia = strtab_find(lx->stems, sa, la);
	ib = strtab_find(lx->stems, sb, lb);
	return ia != STRTAB_NONE && ib != STRTAB_NONE && lx->group[ia] == lx->group[ib];
}

size_t
lexicon_group(const struct lexicon *lx, const char *stem, size_t n,
    const char **out, size_t max)
{
	uint32_t id = strtab_find(lx->stems, stem, n), k = 0;

	if (id == STRTAB_NONE)
		return 0;
	/* A group's stems have ids next to each other: lexicon_parse()
	 * numbers the groups in the order of the lines and gives a stem,
	 * when it is new, the group of the line it is on, so the groups
	 * never decrease from one id to the next.  Its first, then the
	 * others in order, not a look through every stem (which a list
	 * reference cost). */
	while (id > 0 && lx->group[id - 1] == lx->group[id])
		id--;
	for (uint32_t i = id, end = strtab_count(lx->stems); i < end && k < max &&
	    lx->group[i] == lx->group[id]; i++)
		out[k++] = strtab_str(lx->stems, i);
	return k;
}
