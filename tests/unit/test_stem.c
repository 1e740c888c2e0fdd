/*
 * test_stem.c - the Porter stemmer and the stop word list.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "stem.h"

/* Stem a copy of in held in a buffer of exactly its length (no NUL, so
 * the sanitizers catch any read past it) and check the stem is want. */
static void
check_stem(const char *in, const char *want)
{
	size_t len = strlen(in), n;
	char *w = malloc(len > 0 ? len : 1);

	assert_non_null(w);
	memcpy(w, in, len);
	n = stem_word(w, len);
	if (n != strlen(want) || memcmp(w, want, n) != 0)
		fail_msg("stem(\"%s\") = \"%.*s\", want \"%s\"", in, (int)n,
		    w, want);
	free(w);
}

/* The examples of Porter's paper, step by step. */
static void
test_step1(void **state)
{
	check_stem("caresses", "caress");
	check_stem("ponies", "poni");
	check_stem("ties", "ti");
	check_stem("caress", "caress");
	check_stem("cats", "cat");
	check_stem("feed", "feed");
	check_stem("agreed", "agre");
	check_stem("plastered", "plaster");
	check_stem("bled", "bled");
	check_stem("motoring", "motor");
	check_stem("sing", "sing");
	check_stem("conflated", "conflat");
	check_stem("troubled", "troubl");
	check_stem("sized", "size");
	check_stem("hopping", "hop");
	check_stem("tanned", "tan");
	check_stem("falling", "fall");
	check_stem("hissing", "hiss");
	check_stem("fizzed", "fizz");
	check_stem("failing", "fail");
	check_stem("filing", "file");
	check_stem("happy", "happi");
	check_stem("sky", "sky");
}

static void
test_step2(void **state)
{
	check_stem("relational", "relat");
	check_stem("conditional", "condit");
	check_stem("rational", "ration");
	check_stem("valenci", "valenc");
	check_stem("hesitanci", "hesit");
	check_stem("digitizer", "digit");
	check_stem("conformabli", "conform");
	check_stem("radicalli", "radic");
	check_stem("differentli", "differ");
	check_stem("vileli", "vile");
	check_stem("analogousli", "analog");
	check_stem("vietnamization", "vietnam");
	check_stem("predication", "predic");
	check_stem("operator", "oper");
	check_stem("feudalism", "feudal");
	check_stem("decisiveness", "decis");
	check_stem("hopefulness", "hope");
	check_stem("callousness", "callous");
	check_stem("formaliti", "formal");
	check_stem("sensitiviti", "sensit");
	check_stem("sensibiliti", "sensibl");
}

static void
test_step3(void **state)
{
	check_stem("triplicate", "triplic");
	check_stem("formative", "form");
	check_stem("formalize", "formal");
	check_stem("electriciti", "electr");
	check_stem("electrical", "electr");
	check_stem("hopeful", "hope");
	check_stem("goodness", "good");
}

static void
test_step4(void **state)
{
	check_stem("revival", "reviv");
	check_stem("allowance", "allow");
	check_stem("inference", "infer");
	check_stem("airliner", "airlin");
	check_stem("gyroscopic", "gyroscop");
	check_stem("adjustable", "adjust");
	check_stem("defensible", "defens");
	check_stem("irritant", "irrit");
	check_stem("replacement", "replac");
	check_stem("adjustment", "adjust");
	check_stem("dependent", "depend");
	check_stem("adoption", "adopt");
	check_stem("homologou", "homolog");
	check_stem("communism", "commun");
	check_stem("activate", "activ");
	check_stem("angulariti", "angular");
	check_stem("homologous", "homolog");
	check_stem("effective", "effect");
	check_stem("bowdlerize", "bowdler");
	/* "ion" goes only after s or t. */
	check_stem("explosion", "explos");
	check_stem("champion", "champion");
}

static void
test_step5(void **state)
{
	check_stem("probate", "probat");
	check_stem("rate", "rate");
	check_stem("cease", "ceas");
	check_stem("controll", "control");
	check_stem("roll", "roll");
}

static void
test_whole_words(void **state)
{
	char a[] = "duplicate", b[] = "duplicative";
	size_t na, nb;

	check_stem("generalization", "gener");
	check_stem("migration", "migrat");
	check_stem("migrations", "migrat");
	check_stem("migrate", "migrat");
	check_stem("migrated", "migrat");
	check_stem("duplicate", "duplic");
	check_stem("duplicative", "duplic");

	/* The case the project needs: one stem for both words. */
	na = stem_word(a, strlen(a));
	nb = stem_word(b, strlen(b));
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void
test_unchanged(void **state)
{
	char buf[STEM_MAX + 2];
	char empty[1] = { 'x' };
	size_t i;

	check_stem("8point", "8point");
	check_stem("caf\xC3\xA9s", "caf\xC3\xA9s");
	check_stem("cat's", "cat's");
	check_stem("Cats", "Cats");
	check_stem("as", "as");
	check_stem("is", "is");
	check_stem("s", "s");
	check_stem("", "");
	assert_int_equal(stem_word(empty, 0), 0);
	assert_int_equal(empty[0], 'x');

	/* STEM_MAX letters are stemmed ("abab...ab" + "ations" gives
	 * "abab...ab"), one more are not. */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i % 2 ? 'b' : 'a';
	memcpy(buf + STEM_MAX - 6, "ations", 6);
	assert_int_equal(stem_word(buf, STEM_MAX), STEM_MAX - 6);
	memcpy(buf + STEM_MAX + 1 - 6, "ations", 6);
	assert_int_equal(stem_word(buf, STEM_MAX + 1), STEM_MAX + 1);
	assert_memory_equal(buf + STEM_MAX + 1 - 6, "ations", 6);
}

/* Only w[0..len) is read and written. */
static void
test_bounds(void **state)
{
	char buf[] = "cats!!";
	char tail[] = "happyxx";

	assert_int_equal(stem_word(buf, 4), 3);
	assert_memory_equal(buf, "cat", 3);
	assert_string_equal(buf + 4, "!!");
	assert_int_equal(stem_word(tail, 5), 5);
	assert_memory_equal(tail, "happi", 5);
	assert_string_equal(tail + 5, "xx");
}

static void
test_stop_words(void **state)
{
	static const char *yes[] = {
		"a", "about", "above", "after", "again", "all", "also", "an",
		"and", "any", "are", "as", "at", "be", "been", "being",
		"both", "but", "by", "can", "could", "did", "do", "does",
		"each", "either", "for", "from", "had", "has", "have", "he",
		"her", "here", "his", "how", "however", "i", "if", "in",
		"into", "is", "it", "its", "may", "me", "might", "more",
		"most", "my", "no", "nor", "not", "of", "on", "one", "or",
		"other", "our", "out", "over", "own", "same", "shall", "she",
		"should", "so", "some", "such", "than", "that", "the",
		"their", "them", "then", "there", "these", "they", "this",
		"those", "through", "to", "too", "under", "until", "up",
		"us", "very", "was", "we", "were", "what", "when", "where",
		"which", "while", "who", "whom", "why", "will", "with",
		"would", "you", "your", "yourselves",
	};
	static const char *no[] = {
		"migration", "resolution", "iom", "", "b", "aa", "zzz",
		"them!", "thee", "yours!", "document", "lectern", "The",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!stem_is_stop(yes[i], strlen(yes[i])))
			fail_msg("\"%s\" is not a stop word", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (stem_is_stop(no[i], strlen(no[i])))
			fail_msg("\"%s\" is a stop word", no[i]);
}

/* Words inside longer buffers are judged on len bytes only. */
static void
test_stop_len(void **state)
{
	const char *s = "theory of however";
	char *exact;

	assert_true(stem_is_stop(s, 3));         /* "the" */
	assert_false(stem_is_stop(s, 4));        /* "theo" */
	assert_false(stem_is_stop(s, 6));        /* "theory" */
	assert_true(stem_is_stop(s + 7, 2));     /* "of" */
	assert_true(stem_is_stop(s + 10, 7));    /* "however" */
	assert_true(stem_is_stop(s + 10, 3));    /* "how" */
	assert_false(stem_is_stop(s + 10, 4));   /* "howe" */
	assert_false(stem_is_stop(s, 0));

	exact = malloc(4);
	assert_non_null(exact);
	memcpy(exact, "also", 4);
	assert_true(stem_is_stop(exact, 4));
	assert_false(stem_is_stop(exact, 3));    /* "als" */
	free(exact);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step1),
		cmocka_unit_test(test_step2),
		cmocka_unit_test(test_step3),
		cmocka_unit_test(test_step4),
		cmocka_unit_test(test_step5),
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_stop_words),
		cmocka_unit_test(test_stop_len),
	};

	return cmocka_run_group_tests_name("stem", tests, NULL, NULL);
}
