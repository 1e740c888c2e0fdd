/*
 * recog.c - what the recognisers share: choosing one for a document,
 * keyword headings ("Article 3", "ANNEX I", "Part One"), and whether a
 * line starts something new or carries on a sentence.
 */
#include "autoconf.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse_impl.h"
#include "util.h"

static const struct recog *const recognisers[] = {
	&recog_report, &recog_rfc, &recog_markdown
};

const struct recog *
recog_choose(const struct pctx *p, const struct line *l, size_t n)
{
	const struct recog *best = &recog_report;
	int top = -1;

	for (size_t i = 0; i < ARRAY_SIZE(recognisers); i++) {
		int s = recognisers[i]->score(p, l, n);

		if (s > top) {
			top = s;
			best = recognisers[i];
		}
	}
	return best;
}

/* The lengths are kept with the words: recog_keyword() compares them
 * first. */
#define KW(word, label, level) { word, label, sizeof(word) - 1, level }
static const struct {
	const char *word;
	const char *label;
	uint8_t len;
	uint8_t level;
} keywords[] = {
	KW("part", "Part", 1), KW("annex", "Annex", 1),
	KW("appendix", "Appendix", 1), KW("schedule", "Schedule", 1),
	KW("chapter", "Chapter", 2), KW("title", "Title", 2),
	KW("section", "Section", 3), KW("article", "Article", 4),
	KW("rule", "Rule", 4), KW("regulation", "Regulation", 4),
	/* Treaties and laws are published in several languages, often
	 * side by side: the same parts in Dutch, German, French and
	 * Spanish, labelled in the document's own words. */
	KW("artikel", "Artikel", 4), KW("hoofdstuk", "Hoofdstuk", 2),
	KW("titel", "Titel", 2), KW("afdeling", "Afdeling", 3),
	KW("bijlage", "Bijlage", 1), KW("deel", "Deel", 1),
	KW("kapitel", "Kapitel", 2), KW("abschnitt", "Abschnitt", 3),
	KW("anhang", "Anhang", 1), KW("teil", "Teil", 1),
	KW("chapitre", "Chapitre", 2), KW("titre", "Titre", 2),
	KW("annexe", "Annexe", 1), KW("partie", "Partie", 1),
	KW("art\xC3\xAD" "culo", "Art\xC3\xAD" "culo", 4),
	KW("cap\xC3\xAD" "tulo", "Cap\xC3\xAD" "tulo", 2),
	KW("t\xC3\xAD" "tulo", "T\xC3\xAD" "tulo", 2), KW("anexo", "Anexo", 1),
	KW("parte", "Parte", 1),
};
#undef KW
/* The longest of them, in bytes. */
#define KW_MAXLEN 10

static const char *const number_words[] = { "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty" };

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The number after a keyword: digits ("12", "12bis"), a roman numeral
 * ("IV"), one letter ("A"), or a word ("One").  Returns its length. */
static size_t
keyword_number(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 0 && is_digit(s[0])) {
		while (i < n && (is_digit(s[i]) || s[i] == '.' ) && i < 12)
			i++;
		while (i > 0 && s[i - 1] == '.')
			i--;
		while (i < n && is_alpha(s[i]) && i < 16)
			i++;            /* "12bis" */
		return i;
	}
	while (i < n && is_alpha(s[i]) && i < 12)
		i++;
	if (i == 0)
		return 0;
	if (i == 1)
		return 1;
	for (size_t k = 0; k < i; k++)
		if (!strchr("IVXLCivxlc", s[k]))
			goto word;
	return i;
word:
	for (size_t k = 0; k < ARRAY_SIZE(number_words); k++)
		if (strlen(number_words[k]) == i && strncasecmp(s, number_words[k], i) == 0)
			return i;
	return 0;
}

bool
recog_keyword(const char *s, size_t n, char *label, size_t size,
    uint8_t *level)
{
	size_t w = 0;
	int c0;

	/* A keyword is the line's first word, followed by a space, and
	 * starts with a capital ("Article" or "ARTICLE", not "article" in
	 * running text): most lines are told from one by their first
	 * byte, the others by the length of their first word, before any
	 * word is compared. */
	if (n == 0 || s[0] < 'A' || s[0] > 'Z')
		return false;
	while (w < n && w <= KW_MAXLEN && s[w] != ' ' && s[w] != '\t')
		w++;
	if (n <= w + 1 || (s[w] != ' ' && s[w] != '\t'))
		return false;
	/* (strncasecmp() folds case as the locale does: so here.) */
	c0 = tolower((unsigned char)s[0]);
	for (size_t k = 0; k < ARRAY_SIZE(keywords); k++) {
		size_t i, num;

		if (keywords[k].len != w || keywords[k].word[0] != c0 ||
		    strncasecmp(s, keywords[k].word, w) != 0)
			continue;
		for (i = w; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if ((num = keyword_number(s + i, n - i)) == 0)
			return false;
		/* After the number: the end, or punctuation, or a title. */
		if (i + num < n && s[i + num] != '.' && s[i + num] != ':' &&
		    s[i + num] != ' ' && s[i + num] != '\t' && s[i + num] != '-' &&
		    (unsigned char)s[i + num] != 0xE2)
			return false;
		snprintf(label, size, "%s %.*s", keywords[k].label, (int)num, s + i);
		*level = keywords[k].level;
		return true;
	}
	return false;
}

/* The words that open preambular paragraphs, besides participles
 * followed by a word in lower case (see below). */
static const char *const openers[] = {
	"Affirming", "Alarmed", "Also", "Appreciative", "Aware", "Cognizant",
	"Concerned", "Confident", "Conscious", "Considering", "Convinced",
	"Deeply", "Desiring", "Desirous", "Determined", "Encouraged",
	"Fully", "Further", "Gravely", "Guided", "Mindful", "Noting",
	"Persuaded", "Reaffirming", "Recalling", "Recognising", "Recognizing",
	"Reiterating", "Stressing", "Welcoming",
};

bool
recog_preamble_opener(const char *s, size_t n)
{
	char w[24];
	size_t i = 0, j;

	while (i < n && i < sizeof(w) - 1 && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (i == 0 && s[i] >= 'A' && s[i] <= 'Z')))
		w[i] = s[i], i++;
	if (i < 4 || !(s[0] >= 'A' && s[0] <= 'Z') || (i < n && s[i] != ' '))
		return false;
	w[i] = '\0';
	for (size_t k = 0; k < ARRAY_SIZE(openers); k++)
		if (strcmp(w, openers[k]) == 0)
			return true;
	/* Another participle, "Paying tribute", "Taking note": not a name
	 * that ends so ("Beijing Declaration", "Beijing and Shanghai"),
	 * hence a word in lower case after it, not "and" or "or". */
	for (j = i; j < n && s[j] == ' '; j++)
		;
	return i >= 6 && memcmp(w + i - 3, "ing", 3) == 0 && j < n &&
	    s[j] >= 'a' && s[j] <= 'z' && !(n - j >= 4 && memcmp(s + j, "and ", 4) == 0) &&
	    !(n - j >= 3 && memcmp(s + j, "or ", 3) == 0);
}

bool
recog_ref_word_at_end(const char *s, const struct line *l)
{
	static const char *const words[] = { "paragraph", "paragraphs",
		"subparagraph", "subparagraphs", "para.", "paras.", "article",
		"articles", "section", "sections", "item", "items", "annex",
		"see", "and", "or", "to", "of", "in" };
	uint32_t e = l->off + l->len, b = e;

	while (b > l->off && s[b - 1] != ' ')
		b--;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == e - b && strncasecmp(s + b, words[i], e - b) == 0)
			return true;
	return false;
}

/* An en or em dash (U+2013, U+2014) at s[i], before end? */
static bool
dash_at(const char *s, uint32_t i, uint32_t end)
{
	const unsigned char *u = (const unsigned char *)s + i;

	return i + 2 < end && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x93 || u[2] == 0x94);
}

/* Is s[0..n) a cell of figures: digits, dashes, signs and brackets, no
 * letters ("12,400", "(1)", "-", an en dash)? */
static bool
figures(const char *s, uint32_t n)
{
	static const char signs[] = " ,.()$%+-";

	if (n == 0 || n > 16)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		if (is_digit(s[i]) || memchr(signs, s[i], sizeof(signs) - 1))
			continue;
		if (!dash_at(s, i, n + 1))
			return false;
		i += 2;
	}
	return true;
}

uint32_t
recog_next_line(const struct pctx *p, uint32_t *at, bool *blank)
{
	const char *s = p->s, *nl;
	uint32_t i = p->rd.pos, stop = p->end - p->rd.pos > RECOG_AHEAD ?
	    p->rd.pos + RECOG_AHEAD : p->end;

	*blank = false;
	while (i < stop && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n' || s[i] == '\f'))
		*blank |= s[i++] == '\n';
	nl = memchr(s + i, '\n', stop - i);
	*at = i;
	return (nl ? (uint32_t)(nl - s) : stop) - i;
}

/* A number in parentheses alone on its line, next to a cell of figures
 * (the line before, or the next line that holds anything) or after a
 * short line that is no lead-in: a cell of a table that extraction from
 * PDF laid out one cell a line ("(1)" is an accountant's minus one), not
 * an item. */
bool
recog_table_cell(const struct pctx *p, const struct line *l,
    const struct line *prev)
{
	const unsigned char *s = (const unsigned char *)p->s;
	uint32_t i;
	bool blank;

	if (l->mark != MK_PAREN || l->len > l->mlen || l->len < 3 ||
	    !is_digit(p->s[l->off + 1]))
		return false;
	/* After a figure, or a short cell of words ("Abolishment") that
	 * leads nothing in ("... as follows:" would); a heading ("Article
	 * 5") leads in the items under it. */
	if (prev && (figures(p->s + prev->off, prev->len) ||
	    (prev->width * 10 < (unsigned)p->width * 4 && prev->last != E_COLON &&
	    prev->role != R_NUM && prev->role != R_ITEM &&
	    prev->role != R_HEADING && prev->role != R_SECTION)))
		return true;
	if (recog_next_line(p, &i, &blank) == 0)
		return false;
	if (is_digit(s[i]) || s[i] == '-')
		return true;
	if (s[i] == '(' && i + 1 < p->end && is_digit(s[i + 1]))
		return true;
	return dash_at(p->s, i, p->end);
}

bool
recog_boundary(const struct pctx *p, const struct line *l,
    const struct line *prev, unsigned blanks)
{
	if (prev == NULL || blanks > 0 || (l->flags & LN_BREAK))
		return true;
	if (prev->role == R_HEADING || prev->role == R_SECTION ||
	    prev->role == R_PRE)
		return true;
	if (prev->last == E_STOP || prev->last == E_COLON || prev->last == E_SEMI)
		return true;
	return !p->rec->ragged && !classify_wraps(p, prev, l);
}
