/*
 * stem.c - the Porter stemmer for English, and a list of English stop
 * words.
 *
 * The stemmer is the algorithm of M. F. Porter, "An algorithm for suffix
 * stripping", Program 14(3), 1980, as the paper gives it (without the
 * later changes of the author's reference code, such as "bli" for "abli"
 * or the "logi" rule).  A word is read as [C](VC)^m[V], where C is a run
 * of consonants and V a run of vowels ('y' is a vowel after a consonant);
 * the measure m of what is left before a suffix decides whether the
 * suffix may go.  Five steps run in turn: plurals and past participles,
 * then double suffixes, then "-ic-", "-ful", "-ness" and the like, then
 * single suffixes, then a final "e" and "ll".  In each rule list the
 * longest matching suffix is the one tried, and when its condition fails
 * the step does nothing more.  No rule lengthens a word, so all the work
 * is done in place within the caller's bytes.
 *
 * The stop words are a sorted table searched by bisection.
 */
#include "autoconf.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stem.h"
#include "util.h"

/* A suffix and what replaces it (possibly nothing). */
struct rule {
	const char	*suffix;
	const char	*repl;
	uint8_t		 slen;		/* strlen(suffix) */
	uint8_t		 rlen;		/* strlen(repl) */
};

/* A rule with its lengths, so that matching needs no strlen. */
#define RULE(s, r)	{ s, r, sizeof(s) - 1, sizeof(r) - 1 }

/* Step 2, for m > 0: double suffixes to single ones. */
static const struct rule step2_rules[] = {
	RULE("ational", "ate"),	/* before "tional" */
	RULE("tional", "tion"),
	RULE("enci", "ence"),
	RULE("anci", "ance"),
	RULE("izer", "ize"),
	RULE("abli", "able"),
	RULE("alli", "al"),
	RULE("entli", "ent"),
	RULE("eli", "e"),
	RULE("ousli", "ous"),
	RULE("ization", "ize"),	/* before "ation" */
	RULE("ation", "ate"),
	RULE("ator", "ate"),
	RULE("alism", "al"),
	RULE("iveness", "ive"),
	RULE("fulness", "ful"),
	RULE("ousness", "ous"),
	RULE("aliti", "al"),
	RULE("iviti", "ive"),
	RULE("biliti", "ble"),
};

/* Step 3, for m > 0. */
static const struct rule step3_rules[] = {
	RULE("icate", "ic"),
	RULE("ative", ""),
	RULE("alize", "al"),
	RULE("iciti", "ic"),
	RULE("ical", "ic"),
	RULE("ful", ""),
	RULE("ness", ""),
};

/* Step 4, for m > 1; "ion" is handled apart, for its extra condition. */
static const struct rule step4_rules[] = {
	RULE("al", ""),
	RULE("ance", ""),
	RULE("ence", ""),
	RULE("er", ""),
	RULE("ic", ""),
	RULE("able", ""),
	RULE("ible", ""),
	RULE("ant", ""),
	RULE("ement", ""),	/* before "ment" and "ent" */
	RULE("ment", ""),
	RULE("ent", ""),
	RULE("ou", ""),
	RULE("ism", ""),
	RULE("ate", ""),
	RULE("iti", ""),
	RULE("ous", ""),
	RULE("ive", ""),
	RULE("ize", ""),
};

/* A list of rules, and the last letters of their suffixes as bits ('a'
 * is bit 0), worked out at its first use (any thread may, to the same
 * bits): most words end in a letter that ends no suffix of a list, and
 * need none of its rules looked at. */
struct rules {
	const struct rule	*r;
	size_t			 n;
	_Atomic uint32_t	 last;		/* 0: not known yet */
};

static struct rules step2_list = { step2_rules, ARRAY_SIZE(step2_rules), 0 };
static struct rules step3_list = { step3_rules, ARRAY_SIZE(step3_rules), 0 };
static struct rules step4_list = { step4_rules, ARRAY_SIZE(step4_rules), 0 };

/* Function words only: no noun, adjective or full verb belongs here.
 * Kept in strcmp(3) order for the bisection in stem_is_stop(). */
static const char *const stop_words[] = {
	"a", "about", "above", "across", "after", "afterwards",
	"again", "against", "all", "almost", "alone", "along",
	"already", "also", "although", "always", "am", "among",
	"amongst", "an", "and", "another", "any", "anybody", "anyone",
	"anything", "anyway", "anywhere", "are", "around", "as", "at",
	"be", "because", "been", "before", "beforehand", "behind",
	"being", "below", "beneath", "beside", "besides", "between",
	"beyond", "both", "but", "by",
	"can", "cannot", "could",
	"did", "do", "does", "doing", "done", "down", "during",
	"each", "either", "else", "elsewhere", "enough", "even",
	"ever", "every", "everybody", "everyone", "everything",
	"everywhere", "except",
	"few", "for", "from", "further", "furthermore",
	"had", "has", "have", "having", "he", "hence", "her", "here",
	"hereafter", "hereby", "herein", "hers", "herself", "him",
	"himself", "his", "how", "however",
	"i", "if", "in", "indeed", "instead", "into", "is", "it",
	"its", "itself",
	"just",
	"least", "less",
	"many", "may", "me", "meanwhile", "might", "mine", "more",
	"moreover", "most", "mostly", "much", "must", "my", "myself",
	"namely", "neither", "never", "nevertheless", "no", "nobody",
	"none", "nor", "not", "nothing", "now", "nowhere",
	"of", "off", "often", "on", "once", "one", "only", "onto",
	"or", "other", "others", "otherwise", "ought", "our", "ours",
	"ourselves", "out", "over", "own",
	"per", "perhaps",
	"quite",
	"rather",
	"same", "several", "shall", "she", "should", "since", "so",
	"some", "somebody", "someone", "something", "sometimes",
	"somewhat", "somewhere", "still", "such",
	"than", "that", "the", "their", "theirs", "them", "themselves",
	"then", "thence", "there", "thereafter", "thereby",
	"therefore", "therein", "these", "they", "this", "those",
	"though", "through", "throughout", "thus", "to", "together",
	"too", "toward", "towards",
	"under", "unless", "until", "up", "upon", "us",
	"very", "via",
	"was", "we", "were", "what", "whatever", "when", "whence",
	"whenever", "where", "whereas", "whereby", "wherein",
	"wherever", "whether", "which", "while", "who", "whoever",
	"whom", "whose", "why", "will", "with", "within", "without",
	"would",
	"yet", "you", "your", "yours", "yourself", "yourselves",
};

/* Is w[i] a consonant?  'y' is one at the start or after a vowel. */
static bool
is_cons(const char *w, size_t i)
{
	switch (w[i]) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
		return false;
	case 'y':
		return i == 0 || !is_cons(w, i - 1);
	default:
		return true;
	}
}

/* The measure m of w[0..k): the number of VC runs in [C](VC)^m[V]. */
static int
measure(const char *w, size_t k)
{
	size_t i = 0;
	int m = 0;

	while (i < k && is_cons(w, i))
		i++;
	for (;;) {
		while (i < k && !is_cons(w, i))
			i++;
		if (i == k)
			return m;
		while (i < k && is_cons(w, i))
			i++;
		m++;
	}
}

/* Does w[0..k) hold a vowel? */
static bool
has_vowel(const char *w, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (!is_cons(w, i))
			return true;
	return false;
}

/* Does w[0..k) end with a double consonant? */
static bool
ends_double(const char *w, size_t k)
{
	return k >= 2 && w[k - 1] == w[k - 2] && is_cons(w, k - 1);
}

/* Does w[0..k) end consonant-vowel-consonant, the last not w, x or y? */
static bool
ends_cvc(const char *w, size_t k)
{
	if (k < 3 || !is_cons(w, k - 3) || is_cons(w, k - 2) ||
	    !is_cons(w, k - 1))
		return false;
	return w[k - 1] != 'w' && w[k - 1] != 'x' && w[k - 1] != 'y';
}

/* Does w[0..k) end with s?  If so, and stem is not NULL, set *stem to
 * the length of what comes before it. */
static bool
ends(const char *w, size_t k, const char *s, size_t *stem)
{
	size_t n = strlen(s);

	if (n > k || memcmp(w + k - n, s, n) != 0)
		return false;
	if (stem != NULL)
		*stem = k - n;
	return true;
}

/* Put r after the stem w[0..j) and return the new length.  Callers only
 * replace a suffix by something no longer, so this stays within w. */
static size_t
put(char *w, size_t j, const char *r)
{
	size_t n = strlen(r);

	memcpy(w + j, r, n);
	return j + n;
}

/* Apply the first rule of rs whose suffix ends w[0..k), if the stem
 * before it has a measure above minm; return the new length. */
static size_t
apply_rules(char *w, size_t k, struct rules *rs, int minm)
{
	const struct rule *r = rs->r;
	uint32_t last = atomic_load_explicit(&rs->last, memory_order_relaxed);
	unsigned c;

	if (last == 0) {
		for (size_t i = 0; i < rs->n; i++)
			last |= 1u << (r[i].suffix[r[i].slen - 1] - 'a');
		atomic_store_explicit(&rs->last, last, memory_order_relaxed);
	}
	if (k == 0 || (c = (unsigned char)w[k - 1] - 'a') >= 26 || !(last >> c & 1))
		return k;
	for (size_t i = 0; i < rs->n; i++) {
		size_t j;

		/* The last letter first: most rules fail there. */
		if (r[i].slen > k || w[k - 1] != r[i].suffix[r[i].slen - 1] ||
		    memcmp(w + k - r[i].slen, r[i].suffix, r[i].slen) != 0)
			continue;
		j = k - r[i].slen;
		if (measure(w, j) > minm) {
			memcpy(w + j, r[i].repl, r[i].rlen);
			return j + r[i].rlen;
		}
		return k;
	}
	return k;
}

/* Step 1a: plurals.  sses -> ss, ies -> i, ss -> ss, s -> nothing. */
static size_t
step1a(const char *w, size_t k)
{
	if (ends(w, k, "sses", NULL) || ends(w, k, "ies", NULL))
		return k - 2;
	if (ends(w, k, "ss", NULL))
		return k;
	if (ends(w, k, "s", NULL))
		return k - 1;
	return k;
}

/* The end of step 1b, once "ed" or "ing" has gone from w, leaving k
 * letters: restore an "e" ("conflat" -> "conflate", "fil" -> "file") or
 * undouble a consonant ("hopp" -> "hop"). */
static size_t
step1b_tidy(char *w, size_t k)
{
	if (ends(w, k, "at", NULL) || ends(w, k, "bl", NULL) ||
	    ends(w, k, "iz", NULL))
		return put(w, k, "e");
	if (ends_double(w, k) && w[k - 1] != 'l' && w[k - 1] != 's' &&
	    w[k - 1] != 'z')
		return k - 1;
	if (measure(w, k) == 1 && ends_cvc(w, k))
		return put(w, k, "e");
	return k;
}

/* Step 1b: past participles and gerunds.  (m > 0) eed -> ee; (*v*) ed
 * and (*v*) ing -> nothing, followed by step1b_tidy(). */
static size_t
step1b(char *w, size_t k)
{
	size_t j;

	if (ends(w, k, "eed", &j)) {
		if (measure(w, j) > 0)
			return k - 1;
		return k;
	}
	if ((ends(w, k, "ed", &j) || ends(w, k, "ing", &j)) &&
	    has_vowel(w, j))
		return step1b_tidy(w, j);
	return k;
}

/* Step 1c: (*v*) y -> i. */
static size_t
step1c(char *w, size_t k)
{
	if (k > 0 && w[k - 1] == 'y' && has_vowel(w, k - 1))
		w[k - 1] = 'i';
	return k;
}

/* Step 4: single suffixes, for m > 1; (*s or *t) ion -> nothing. */
static size_t
step4(char *w, size_t k)
{
	size_t j;

	if (ends(w, k, "ion", &j)) {
		if (j > 0 && (w[j - 1] == 's' || w[j - 1] == 't') &&
		    measure(w, j) > 1)
			return j;
		return k;
	}
	return apply_rules(w, k, &step4_list, 1);
}

/* Step 5: (m > 1) e -> nothing; (m = 1 and not *o) e -> nothing;
 * (m > 1 and *d and *l) -> a single l. */
static size_t
step5(const char *w, size_t k)
{
	int m;

	if (k > 0 && w[k - 1] == 'e') {
		m = measure(w, k - 1);
		if (m > 1 || (m == 1 && !ends_cvc(w, k - 1)))
			k--;
	}
	if (ends_double(w, k) && w[k - 1] == 'l' && measure(w, k) > 1)
		k--;
	return k;
}

/* Is every byte of w[0..len) a lower-case ASCII letter? */
static bool
all_lower(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

size_t
stem_word(char *w, size_t len)
{
	size_t k;

	if (len < 3 || len > STEM_MAX || !all_lower(w, len))
		return len;
	k = step1a(w, len);
	k = step1b(w, k);
	k = step1c(w, k);
	k = apply_rules(w, k, &step2_list, 0);
	k = apply_rules(w, k, &step3_list, 0);
	k = step4(w, k);
	return step5(w, k);
}

/* Compare w[0..len) with the NUL-terminated s as strcmp(3) would. */
static int
cmp_word(const char *w, size_t len, const char *s)
{
	size_t i;

	for (i = 0; i < len && s[i] != '\0'; i++)
		if (w[i] != s[i])
			return (unsigned char)w[i] - (unsigned char)s[i];
	if (i < len)
		return 1;
	return s[i] == '\0' ? 0 : -1;
}

bool
stem_is_stop(const char *w, size_t len)
{
	size_t lo = 0, hi = ARRAY_SIZE(stop_words), mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = cmp_word(w, len, stop_words[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
