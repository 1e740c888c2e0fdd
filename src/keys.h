/*
 * keys.h - the keys the reader understands, independent of curses: the
 * terminal layer (term.c) translates what curses reads into these codes,
 * the script mode and the configuration name them in text.
 *
 * A key is a Unicode code point (a typed character; 1-26 are Ctrl-A to
 * Ctrl-Z), or one of the K_* codes above Unicode for the keys that are
 * not characters.  Names: "j", "^E", and in angle brackets <Enter> <Tab>
 * <S-Tab> <BS> <Esc> <Space> <Up> <Down> <Left> <Right> <Home> <End>
 * <PgUp> <PgDn> <Ins> <Del> <F1>..<F12> <C-x> <lt>.
 */
#ifndef LECTERN_KEYS_H
#define LECTERN_KEYS_H

#include <stddef.h>

enum {
	K_NONE = 0,
	K_TAB = 9,
	K_ENTER = 13,
	K_ESC = 27,
	K_BS = 127,
	K_SPECIAL = 0x200000,
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_PGUP, K_PGDN,
	K_INS, K_DEL, K_BTAB,
	K_F1, K_F2, K_F3, K_F4, K_F5, K_F6, K_F7, K_F8, K_F9, K_F10, K_F11,
	K_F12,
	K_RESIZE,               /* the window changed size */
	K_MOUSE                 /* a mouse event: see term_mouse() */
};

#define K_CTRL(c) ((c) & 0x1F)

/* Parse one key name at s ("j", "^E", "<C-e>", "<Enter>" ...); *len gets
 * the bytes it took.  Returns the key, or -1 if s does not start with a
 * valid name. */
int keys_parse(const char *s, size_t *len);
/* Parse a whole name (nothing may follow); -1 if invalid. */
int keys_from_name(const char *s);
/* The name of a key, for the help screen: "j", "^E", "Enter", "S-Tab". */
void keys_name(int key, char *out, size_t size);

#endif
