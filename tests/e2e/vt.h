/*
 * vt.h - end-to-end test harness: run a program in a pseudo-terminal,
 * render what it writes with a real terminal emulator (libvterm), send it
 * keys and look at the screen.
 *
 * Generic: nothing here knows about lectern.  Every wait has a timeout
 * and returns as soon as its condition holds; nothing blocks for ever.
 * Typical use in a cmocka test:
 *
 *	char *argv[] = { "sh", "-c", "read x; echo got:$x", NULL };
 *	struct vt *vt = vt_spawn(argv, NULL, 24, 80);
 *	vt_send(vt, "hi\r");
 *	assert_true(vt_wait_text(vt, "got:hi", 5000));
 *	assert_int_equal(vt_wait_exit(vt, 5000), 0);
 *	vt_free(vt);
 */
#ifndef LECTERN_TESTS_VT_H
#define LECTERN_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct vt;

/* Cell attributes.  fg/bg are palette indexes (0-255) when set by SGR
 * 30-37, 90-97, 38;5;n (and the background equivalents), -1 for a direct
 * RGB colour (38;2;r;g;b) or for the default colour, which
 * fg_default/bg_default report.  All false/-1 outside the screen. */
struct vt_cell_attr {
	bool bold, underline, reverse, fg_default;
	int fg;
	bool italic, bg_default;
	int bg;
};

/* The terminal's state as the emulator sees it.  title is the last
 * title set by OSC 0 or OSC 2 ("" if never set); altscreen: the
 * alternate screen (?1049, ?1047, ?47) is shown; cursor_visible:
 * ?25; appcursor: cursor keys in application mode (DECCKM, ?1);
 * appkeypad: keypad in application mode (DECKPAM, ESC =); mouse: any
 * mouse reporting (?1000, ?1002, ?1003) is on. */
struct vt_state {
	char title[256];
	bool altscreen, cursor_visible, appcursor, mouse;
	bool appkeypad;
};

/* Run argv (argv[0] looked up in PATH) in a new pty of rows x cols,
 * as the leader of a new session with the pty as its controlling
 * terminal.  Its environment is the caller's environ with LINES and
 * COLUMNS removed, plus env (NULL or a NULL-terminated array of
 * "NAME=value"; "NAME=" unsets NAME), plus TERM=xterm-256color unless env
 * names TERM.  Returns NULL, with errno set, on failure, including when
 * argv[0] cannot be executed. */
struct vt *vt_spawn(char *const argv[], char *const env[], int rows,
    int cols);

/* Write the NUL-terminated bytes, or n bytes, to the program, as typed
 * keys (the pty's line discipline applies: "\r" is Enter, "\003" is ^C
 * and raises SIGINT if ISIG is on).  Output is taken in meanwhile, so a
 * program that is busy writing cannot deadlock us.  Returns false if not
 * everything could be written within 5 seconds or the program is gone. */
bool vt_send(struct vt *vt, const char *bytes);
bool vt_sendn(struct vt *vt, const char *bytes, size_t n);

/* Press a key, encoded by libvterm as xterm would, honouring the modes
 * the program set (cursor keys send "\033OA" in application mode, for
 * example).  name is "Enter", "Tab", "Backspace", "Escape" (or "Esc"),
 * "Space", "Up", "Down", "Left", "Right", "Home", "End", "PageUp",
 * "PageDown", "Insert", "Delete", "F1" to "F12" (case ignored), or one
 * UTF-8 character; any of them may be prefixed by "C-" (Ctrl), "M-"
 * (Alt) and "S-" (Shift), and the whole may be in angle brackets:
 * "<C-c>", "M-x", "<S-Tab>", "q".  Returns false for an unknown name or
 * a failed write. */
bool vt_key(struct vt *vt, const char *name);

/* Take in output until the screen contains text, a plain substring of
 * vt_screen(); give up after timeout_ms or when the program's side of
 * the pty is closed and the text is not there.  Returns whether it was
 * found. */
bool vt_wait_text(struct vt *vt, const char *text, int timeout_ms);

/* Take in output until none arrived for quiet_ms, or for timeout_ms at
 * most, or until the program's side of the pty is closed. */
void vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms);

/* Row r (0-based) of the screen as UTF-8, trailing spaces stripped: a
 * wide character comes out once, combining characters follow their
 * base.  "" for a row off the screen.  The caller frees it. */
char *vt_row(struct vt *vt, int r);

/* Every row of the screen, as vt_row() gives them, joined with '\n'
 * (no final newline).  The caller frees it. */
char *vt_screen(struct vt *vt);

/* The attributes of the cell at row r, column c (0-based). */
void vt_attr(struct vt *vt, int r, int c, struct vt_cell_attr *a);

/* The cursor position (0-based). */
void vt_cursor(struct vt *vt, int *row, int *col);

/* The current size of the screen. */
void vt_size(struct vt *vt, int *rows, int *cols);

/* Resize the screen and the pty: output written so far is rendered at
 * the old size first, then the kernel sends SIGWINCH to the pty's
 * foreground process group.  libvterm does not reflow text: what is on
 * the screen is cut or padded, as in xterm. */
void vt_resize(struct vt *vt, int rows, int cols);

/* Send sig to the program (the process spawned, not its group); a no-op
 * once it has been reaped. */
void vt_kill(struct vt *vt, int sig);

/* The process id of the program, which is also its process group and
 * session id. */
pid_t vt_pid(struct vt *vt);

/* Wait for the program to exit, taking in its output meanwhile and
 * afterwards (so the screen shows everything it wrote).  Returns its
 * exit status (0-255), or 128 + the signal that killed it, or -1 if it
 * is still running after timeout_ms, in which case its process group is
 * killed with SIGKILL.  Once the program is reaped, returns its status
 * again at once. */
int vt_wait_exit(struct vt *vt, int timeout_ms);

/* Whether the program is still running (it is reaped if not). */
bool vt_running(struct vt *vt);

/* Every byte the program wrote so far, and its length in *len (len may
 * be NULL).  The bytes are followed by a NUL that len does not count; the
 * pointer is valid until the next call that takes in output. */
const char *vt_raw(struct vt *vt, size_t *len);

/* The terminal's state (see struct vt_state). */
void vt_state(struct vt *vt, struct vt_state *st);

/* Kill the program's process group with SIGKILL if the program is still
 * running (or something still holds the pty), reap it, close the pty
 * and free everything.  vt may be NULL. */
void vt_free(struct vt *vt);

#endif
