/*
 * conf.c - reading the configuration file.
 *
 * The file is read whole (up to CONFIG_FILE_MAX bytes) and taken a line
 * at a time.  Each line is split into words in a copy of it; a word that
 * begins with '#' ends the line.  The first word names the directive and
 * a small function per directive checks the rest, asking the caller's
 * struct config_check about names only it knows (actions, keys, colour
 * elements).  A bad line adds one "FILE:LINE: message" to c->errors and
 * changes nothing else; the words quoted in messages are cut short and
 * have their control characters replaced, since the messages go to a
 * terminal.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "util.h"

#define MAXWORDS 10         /* color ELEMENT FG BG and five attributes */
#define QUOTE_MAX 40        /* bytes of a word quoted in a message */

struct reader {
	const char *path;
	const struct config_check *check;
	struct config *c;
	size_t lineno;
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const char *const attr_names[] = {
	"bold", "underline", "reverse", "dim", "italic"
};

static void
add_error(struct reader *r, bool with_line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* Record an error, "FILE:LINE: message" (or "FILE: message"). */
static void
add_error(struct reader *r, bool with_line, const char *fmt, ...)
{
	struct config *c = r->c;
	struct buf b;
	va_list ap;

	if (c->nerrors >= CONFIG_ERRORS_MAX)
		return;
	buf_init(&b);
	if (c->nerrors == CONFIG_ERRORS_MAX - 1)
		buf_printf(&b, "%s: too many errors; the rest are not reported",
		    r->path);
	else {
		if (with_line)
			buf_printf(&b, "%s:%zu: ", r->path, r->lineno);
		else
			buf_printf(&b, "%s: ", r->path);
		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
	}
	c->errors = xreallocarray(c->errors, c->nerrors + 1, sizeof(char *));
	c->errors[c->nerrors++] = buf_take(&b);
	buf_done(&b);
}

/* A word made safe to quote: at most QUOTE_MAX bytes (not cutting a
 * UTF-8 sequence), control characters as '?'.  Static buffers: four
 * calls may be used in one message. */
static const char *
quote(const char *w)
{
	static char out[4][QUOTE_MAX + 4];
	static int next;
	char *o = out[next++ % 4];
	size_t n = strlen(w), i;

	if (n > QUOTE_MAX) {
		n = QUOTE_MAX;
		while (n > 0 && ((unsigned char)w[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)w[i];

		o[i] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
	}
	if (n < strlen(w))
		memcpy(o + i, "...", 4);
	else
		o[i] = '\0';
	return o;
}

static bool
is_colour(const char *w)
{
	size_t n = strspn(w, "0123456789");

	if (n > 0 && w[n] == '\0')
		return n <= 3 && atoi(w) <= 255;
	if (strcmp(w, "default") == 0)
		return true;
	if (strncmp(w, "bright-", 7) == 0)
		w += 7;
	for (size_t i = 0; i < ARRAY_SIZE(colour_names); i++)
		if (strcmp(w, colour_names[i]) == 0)
			return true;
	return false;
}

/* The CONFIG_ bit of attribute w, or 0. */
static unsigned
attribute(const char *w)
{
	for (size_t i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (strcmp(w, attr_names[i]) == 0)
			return 1u << i;
	return 0;
}

static bool
valid(bool (*fn)(const char *), const char *name, size_t size)
{
	return strlen(name) < size && (fn == NULL || fn(name));
}

static bool
valid_key(struct reader *r, const char *key)
{
	if (valid(r->check ? r->check->key : NULL, key,
	    sizeof(((struct config_bind *)0)->key)))
		return true;
	add_error(r, true, "unknown key '%s'", quote(key));
	return false;
}

static void
add_bind(struct config *c, const char *key, const char *action)
{
	struct config_bind *b;

	c->binds = xreallocarray(c->binds, c->nbinds + 1, sizeof(*c->binds));
	b = &c->binds[c->nbinds++];
	memset(b, 0, sizeof(*b));
	snprintf(b->key, sizeof(b->key), "%s", key);
	snprintf(b->action, sizeof(b->action), "%s", action);
}

static void
do_bind(struct reader *r, char **w, int nw)
{
	if (nw != 3) {
		add_error(r, true, "usage: bind KEY ACTION");
		return;
	}
	if (!valid_key(r, w[1]))
		return;
	if (!valid(r->check ? r->check->action : NULL, w[2],
	    sizeof(((struct config_bind *)0)->action))) {
		add_error(r, true, "unknown action '%s'", quote(w[2]));
		return;
	}
	add_bind(r->c, w[1], w[2]);
}

static void
do_unbind(struct reader *r, char **w, int nw)
{
	if (nw != 2)
		add_error(r, true, "usage: unbind KEY");
	else if (valid_key(r, w[1]))
		add_bind(r->c, w[1], "");
}

/* Check "FG [BG] [ATTRIBUTE]..." from w[0] into *col. */
static bool
parse_colours(struct reader *r, char **w, int nw, struct config_color *col)
{
	int i = 1;
	unsigned a;

	if (!is_colour(w[0])) {
		add_error(r, true, "'%s' is not a colour", quote(w[0]));
		return false;
	}
	snprintf(col->fg, sizeof(col->fg), "%s", w[0]);
	if (i < nw && is_colour(w[i]))
		snprintf(col->bg, sizeof(col->bg), "%s", w[i++]);
	for (; i < nw; i++) {
		if ((a = attribute(w[i])) == 0) {
			add_error(r, true, is_colour(w[i]) ?
			    "'%s': at most two colours, before the attributes" :
			    "unknown attribute '%s'", quote(w[i]));
			return false;
		}
		col->attrs |= a;
	}
	return true;
}

static void
do_color(struct reader *r, char **w, int nw)
{
	struct config_color col;
	struct config *c = r->c;

	memset(&col, 0, sizeof(col));
	if (nw < 3) {
		add_error(r, true, "usage: color ELEMENT FG [BG] [ATTRIBUTE]...");
		return;
	}
	if (!valid(r->check ? r->check->element : NULL, w[1],
	    sizeof(col.element))) {
		add_error(r, true, "unknown colour element '%s'", quote(w[1]));
		return;
	}
	snprintf(col.element, sizeof(col.element), "%s", w[1]);
	if (!parse_colours(r, w + 2, nw - 2, &col))
		return;
	c->colors = xreallocarray(c->colors, c->ncolors + 1, sizeof(col));
	c->colors[c->ncolors++] = col;
}

static void
do_width(struct reader *r, char **w, int nw)
{
	size_t n;

	if (nw != 2) {
		add_error(r, true, "usage: width N|auto");
		return;
	}
	if (strcmp(w[1], "auto") == 0) {
		r->c->width = 0;
		return;
	}
	n = strspn(w[1], "0123456789");
	if (n == 0 || n > 4 || w[1][n] != '\0' || atoi(w[1]) < 1 ||
	    atoi(w[1]) > 1000) {
		add_error(r, true, "width must be 1 to 1000 or auto, not '%s'",
		    quote(w[1]));
		return;
	}
	r->c->width = atoi(w[1]);
}

static void
do_switch(struct reader *r, char **w, int nw, int *v)
{
	if (nw != 2)
		add_error(r, true, "usage: %s on|off", w[0]);
	else if (strcmp(w[1], "on") == 0)
		*v = 1;
	else if (strcmp(w[1], "off") == 0)
		*v = 0;
	else
		add_error(r, true, "%s must be on or off, not '%s'", w[0],
		    quote(w[1]));
}

/* Split line (modified) into words; -1 when there are too many. */
static int
split(char *line, char **w)
{
	static const char space[] = " \t\r\f\v";
	int nw = 0;

	for (char *p = line + strspn(line, space); *p != '\0' && *p != '#';
	    p += strspn(p, space)) {
		if (nw == MAXWORDS)
			return -1;
		w[nw++] = p;
		p += strcspn(p, space);
		if (*p != '\0')
			*p++ = '\0';
	}
	return nw;
}

static void
do_line(struct reader *r, const char *s, size_t n)
{
	char line[CONFIG_LINE_MAX + 1], *w[MAXWORDS];
	int nw;

	if (n > CONFIG_LINE_MAX) {
		add_error(r, true, "line longer than %d bytes", CONFIG_LINE_MAX);
		return;
	}
	if (memchr(s, '\0', n) != NULL) {
		add_error(r, true, "NUL byte in line");
		return;
	}
	memcpy(line, s, n);
	line[n] = '\0';
	if ((nw = split(line, w)) < 0)
		add_error(r, true, "too many words");
	else if (nw == 0)
		return;
	else if (strcmp(w[0], "bind") == 0)
		do_bind(r, w, nw);
	else if (strcmp(w[0], "unbind") == 0)
		do_unbind(r, w, nw);
	else if (strcmp(w[0], "color") == 0)
		do_color(r, w, nw);
	else if (strcmp(w[0], "width") == 0)
		do_width(r, w, nw);
	else if (strcmp(w[0], "mouse") == 0)
		do_switch(r, w, nw, &r->c->mouse);
	else if (strcmp(w[0], "state") == 0)
		do_switch(r, w, nw, &r->c->state);
	else
		add_error(r, true, "unknown directive '%s'", quote(w[0]));
}

static void
do_lines(struct reader *r, const char *p, size_t n)
{
	const char *end = p + n, *nl;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		r->lineno++;
		do_line(r, p, (size_t)(nl - p));
		p = nl + 1;
	}
}

int
config_load(const char *path, const struct config_check *check,
    struct config *c)
{
	struct reader r = { path, check, c, 0 };
	struct buf b;
	int fd, rc = 0;

	memset(c, 0, sizeof(*c));
	c->mouse = c->state = -1;
	if (path == NULL || strcmp(path, "/dev/null") == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		add_error(&r, false, "%s", strerror(errno));
		return -1;
	}
	buf_init(&b);
	if (buf_read_fd(&b, fd, CONFIG_FILE_MAX) != 0) {
		add_error(&r, false, "%s", strerror(errno));
		rc = -1;
	} else if (b.len > CONFIG_FILE_MAX) {
		/* Only whole lines before the limit. */
		const char *last = b.data, *nl;

		while ((nl = memchr(last, '\n',
		    CONFIG_FILE_MAX - (size_t)(last - b.data))) != NULL)
			last = nl + 1;
		do_lines(&r, b.data, (size_t)(last - b.data));
		add_error(&r, false, "larger than %d bytes; the rest is ignored",
		    CONFIG_FILE_MAX);
	} else
		do_lines(&r, b.data, b.len);
	close(fd);
	buf_done(&b);
	return rc;
}

void
config_free(struct config *c)
{
	for (size_t i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->errors);
	free(c->binds);
	free(c->colors);
	memset(c, 0, sizeof(*c));
	c->mouse = c->state = -1;
}
