/*
 * test_layers.c - the line between model and view: no file of the
 * backend library (src_liblectern_a_SOURCES in Makefile.am) includes
 * curses, and the library itself has no curses symbol in it.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "run.h"

static const char *
top(void)
{
	const char *t = getenv("TOPSRC");

	return t ? t : "../..";
}

/* The file names listed in Makefile.am's src_liblectern_a_SOURCES. */
static int
backend_files(char names[][128], int max)
{
	char path[4096], *mk, *p, *end;
	size_t len;
	int n = 0;

	snprintf(path, sizeof(path), "%s/Makefile.am", top());
	mk = test_read(path, &len);
	p = strstr(mk, "src_liblectern_a_SOURCES =");
	assert_non_null(p);
	end = p;
	/* The variable runs until a line that does not end in '\'. */
	while ((end = strchr(end, '\n')) != NULL && end[-1] == '\\')
		end++;
	if (end == NULL)
		end = mk + len;
	p += strlen("src_liblectern_a_SOURCES =");
	while (p < end && n < max) {
		size_t k = strcspn(p, " \t\\\n");

		if (k > 4 && k < 128 && strncmp(p, "src/", 4) == 0) {
			memcpy(names[n], p, k);
			names[n++][k] = '\0';
		}
		p += k ? k : 1;
	}
	free(mk);
	return n;
}

static void
test_backend_has_no_curses(void **state)
{
	static char names[256][128];
	int n = backend_files(names, 256);

	assert_true(n >= 8);
	for (int i = 0; i < n; i++) {
		char path[4096], *src;
		size_t len;

		snprintf(path, sizeof(path), "%.3000s/%.127s", top(), names[i]);
		src = test_read(path, &len);
		if (strstr(src, "curses.h") || strstr(src, "<term.h>"))
			fail_msg("%s (backend) includes curses", names[i]);
		free(src);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backend_has_no_curses),
	};

	return cmocka_run_group_tests_name("layers", tests, NULL, NULL);
}
