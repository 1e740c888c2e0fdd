/*
 * e2e.h - what the tests of lectern in a terminal (tests/e2e/test_reader.c,
 * tests/fault/test_terminal.c) share, on top of vt.h and run.h.
 */
#ifndef LECTERN_TEST_E2E_H
#define LECTERN_TEST_E2E_H

#include <stdbool.h>

#include "vt.h"

/* sh -c SCRIPT with $1 the document and $2 the lectern under test, in a
 * terminal of rows x cols, with env (vt_spawn()'s); fails the test if
 * it cannot start. */
struct vt *e2e_spawn_sh(int rows, int cols, char *const env[],
    const char *script, const char *doc);

/* The terminal is as the program found it: the normal screen, the cursor
 * shown, no mouse reporting, no title; and with appcursor, the cursor
 * keys in normal mode again.  (test_reader does not ask for that yet:
 * after ^C in test_keys_move they are now and then left in application
 * mode, a finding to look into in src/.) */
void e2e_assert_restored(struct vt *vt, bool appcursor);

#endif
