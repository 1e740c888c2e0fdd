/*
 * conf.h - the configuration file, $XDG_CONFIG_HOME/lectern/config
 * (paths_config() gives its path, honouring $LECTERN_CONFIG).
 *
 * A plain data module: it reads the file into a struct config and
 * reports every bad line, but it does not know the reader's actions, key
 * names or colour elements; the caller says which names it accepts
 * through a struct config_check.
 *
 * The file is a list of lines, each blank, a comment, or a directive:
 *
 *	# a comment
 *	bind KEY ACTION
 *	unbind KEY
 *	color ELEMENT FG [BG] [bold] [underline] [reverse] [dim] [italic]
 *	width N|auto
 *	mouse on|off
 *	state on|off
 *
 * Words are separated by spaces or tabs.  A '#' at the start of a word
 * (at the start of the line or after white space) begins a comment that
 * runs to the end of the line; so the '#' key cannot be named as a bare
 * character.  A colour is default, black, red, green, yellow, blue,
 * magenta, cyan, white, bright-black ... bright-white, or a number from 0
 * to 255.  width takes 20 to 1000, or auto (the window's width).  Lines
 * longer than CONFIG_LINE_MAX bytes, and lines with a NUL byte, are
 * errors.  A file larger than CONFIG_FILE_MAX bytes is read up to there.
 */
#ifndef LECTERN_CONF_H
#define LECTERN_CONF_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_LINE_MAX 1024            /* bytes, without the newline */
#define CONFIG_FILE_MAX (1024 * 1024)   /* bytes read at most */
#define CONFIG_ERRORS_MAX 100           /* errors recorded at most */

/* Attributes of a colour element (struct config_color's attrs). */
#define CONFIG_BOLD 1u
#define CONFIG_UNDERLINE 2u
#define CONFIG_REVERSE 4u
#define CONFIG_DIM 8u
#define CONFIG_ITALIC 16u

/* One "bind KEY ACTION" line, or one "unbind KEY" line, which is
 * recorded as a bind with the empty action "": the caller removes what
 * the key does.  Binds are kept in file order, so a later line for the
 * same key overrides an earlier one when the caller applies them in
 * order. */
struct config_bind {
	char key[32];
	char action[48];
};

/* One "color" line: fg and bg as written ("red", "bright-cyan", "208",
 * "default"), "" when not given (bg is optional); attrs is a set of
 * CONFIG_BOLD, ... */
struct config_color {
	char element[32];
	char fg[16];
	char bg[16];
	unsigned attrs;
};

struct config {
	struct config_bind *binds;
	size_t nbinds;
	struct config_color *colors;    /* in file order */
	size_t ncolors;
	int width;                      /* 0 unset (or auto), else 20-1000 */
	int mouse;                      /* -1 unset, 0 off, 1 on */
	int state;                      /* -1 unset, 0 off, 1 on */
	char **errors;                  /* "FILE:LINE: message" */
	size_t nerrors;
};

/* What the caller accepts: each function returns true if the name is a
 * valid action, key name or colour element.  A NULL struct or a NULL
 * member accepts every name. */
struct config_check {
	bool (*action)(const char *name);
	bool (*key)(const char *name);
	bool (*element)(const char *name);
};

/* Read the configuration file at path into c, which is cleared first
 * (width 0, mouse and state -1, no binds, colours or errors).  A NULL
 * path, "/dev/null" and a missing file are no configuration: 0 and no
 * errors.  A file that exists but cannot be read returns -1 with one
 * error, "FILE: reason".  Otherwise returns 0; every bad line is recorded
 * in c->errors as "FILE:LINE: message" and skipped, never fatal (at most
 * CONFIG_ERRORS_MAX of them, the last saying that more were left out).
 * A later width, mouse or state line overrides an earlier one.  Free c
 * with config_free() in every case. */
int config_load(const char *path, const struct config_check *check,
    struct config *c);

/* Free what config_load() stored in c and clear it. */
void config_free(struct config *c);

#endif
