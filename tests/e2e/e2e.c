/*
 * e2e.c - helpers shared by the tests of lectern in a terminal.
 */
#include "autoconf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"
#include "run.h"

struct vt *
e2e_spawn_sh(int rows, int cols, char *const env[], const char *script,
    const char *doc)
{
	char *argv[] = { "sh", "-c", (char *)script, "sh", (char *)doc,
		(char *)test_lectern(), NULL };
	struct vt *vt = vt_spawn(argv, env, rows, cols);

	assert_non_null(vt);
	return vt;
}

void
e2e_assert_restored(struct vt *vt)
{
	struct vt_state st;

	vt_state(vt, &st);
	assert_false(st.altscreen);
	assert_true(st.cursor_visible);
	assert_false(st.mouse);
	assert_false(st.appcursor);
	assert_string_equal(st.title, "");
}
