/*
 * e2e.h - what the tests of lectern in a terminal (tests/e2e/test_reader.c,
 * tests/fault/test_terminal.c) share, on top of vt.h and run.h.
 */
#ifndef LECTERN_TEST_E2E_H
#define LECTERN_TEST_E2E_H

#include "vt.h"

/* sh -c SCRIPT with $1 the document and $2 the lectern under test, in a
 * terminal of rows x cols, with env (vt_spawn()'s); fails the test if
 * it cannot start. */
struct vt *e2e_spawn_sh(int rows, int cols, char *const env[],
    const char *script, const char *doc);

/* The terminal is as the program found it: the normal screen, the cursor
 * shown and its keys in normal mode, no mouse reporting, no title. */
void e2e_assert_restored(struct vt *vt);

#endif
