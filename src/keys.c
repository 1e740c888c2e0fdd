/*
 * keys.c - key names.
 */
#include "autoconf.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keys.h"
#include "utf8.h"
#include "util.h"

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Enter", K_ENTER }, { "CR", K_ENTER }, { "Return", K_ENTER },
	{ "Tab", K_TAB }, { "S-Tab", K_BTAB }, { "BS", K_BS },
	{ "Backspace", K_BS }, { "Esc", K_ESC }, { "Space", ' ' },
	{ "Up", K_UP }, { "Down", K_DOWN }, { "Left", K_LEFT },
	{ "Right", K_RIGHT }, { "Home", K_HOME }, { "End", K_END },
	{ "PgUp", K_PGUP }, { "PageUp", K_PGUP }, { "PgDn", K_PGDN },
	{ "PageDown", K_PGDN }, { "Ins", K_INS }, { "Insert", K_INS },
	{ "Del", K_DEL }, { "Delete", K_DEL }, { "lt", '<' },
	{ "F1", K_F1 }, { "F2", K_F2 }, { "F3", K_F3 }, { "F4", K_F4 },
	{ "F5", K_F5 }, { "F6", K_F6 }, { "F7", K_F7 }, { "F8", K_F8 },
	{ "F9", K_F9 }, { "F10", K_F10 }, { "F11", K_F11 }, { "F12", K_F12 },
};

static int
bracketed(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(named); i++)
		if (strlen(named[i].name) == n && strncasecmp(named[i].name, s, n) == 0)
			return named[i].key;
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		char c = s[2];

		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
	}
	return -1;
}

int
keys_parse(const char *s, size_t *len)
{
	uint32_t cp;
	size_t n = strlen(s);

	if (n == 0)
		return -1;
	if (s[0] == '<') {
		const char *e = strchr(s, '>');

		if (e && e - s > 1) {
			int k = bracketed(s + 1, (size_t)(e - s - 1));

			if (k >= 0) {
				*len = (size_t)(e - s) + 1;
				return k;
			}
		}
	}
	if (s[0] == '^' && n >= 2 && ((s[1] >= '@' && s[1] <= '_') ||
	    (s[1] >= 'a' && s[1] <= 'z'))) {
		*len = 2;
		return (s[1] >= 'a' ? s[1] - 32 : s[1]) & 0x1F;
	}
	*len = utf8_decode(s, n, &cp);
	if (cp == UTF8_REPLACEMENT && *len == 1 && (unsigned char)s[0] >= 0x80)
		return -1;
	return (int)cp;
}

int
keys_from_name(const char *s)
{
	size_t len;
	int k = keys_parse(s, &len);

	return k >= 0 && s[len] == '\0' ? k : -1;
}

void
keys_name(int key, char *out, size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(named); i++)
		if (named[i].key == key) {
			snprintf(out, size, "%s", named[i].name);
			return;
		}
	if (key > 0 && key < 32) {
		snprintf(out, size, "^%c", key + '@');
		return;
	}
	if (key > 0 && key < 0x110000) {
		char buf[5];
		size_t n = utf8_encode((uint32_t)key, buf);

		snprintf(out, size, "%.*s", (int)n, buf);
		return;
	}
	snprintf(out, size, "?");
}
