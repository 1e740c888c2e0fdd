/*
 * json.c - the JSON writer.
 */
#include "autoconf.h"

#include <math.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

void
json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

/* Before a value: a comma if one came before at this depth. */
static void
sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth]) {
		fputc(',', j->out);
		/* One element of the top array a line: a diff reads well. */
		if (j->depth == 1)
			fputc('\n', j->out);
	}
	j->first[j->depth] = false;
}

static void
open_(struct json *j, char c)
{
	sep(j);
	fputc(c, j->out);
	if (j->depth + 1 < JSON_MAXDEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void
close_(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	fputc(c, j->out);
}

void
json_begin_object(struct json *j)
{
	open_(j, '{');
}

void
json_end_object(struct json *j)
{
	close_(j, '}');
}

void
json_begin_array(struct json *j)
{
	open_(j, '[');
}

void
json_end_array(struct json *j)
{
	close_(j, ']');
}

static void
put_string(FILE *out, const char *s, size_t n)
{
	size_t i = 0;

	fputc('"', out);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t len;

		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
			i++;
		} else if (c == '\n') {
			fputs("\\n", out);
			i++;
		} else if (c == '\t') {
			fputs("\\t", out);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			fprintf(out, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			fputc(c, out);
			i++;
		} else {
			len = utf8_decode(s + i, n - i, &cp);
			if (cp == UTF8_REPLACEMENT || (cp >= 0x80 && cp < 0xA0) ||
			    utf8_is_invisible(cp))
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fwrite(s + i, 1, len, out);
			i += len;
		}
	}
	fputc('"', out);
}

void
json_key(struct json *j, const char *key)
{
	sep(j);
	put_string(j->out, key, strlen(key));
	fputc(':', j->out);
	j->after_key = true;
}

void
json_string(struct json *j, const char *s, size_t n)
{
	sep(j);
	put_string(j->out, s, n);
}

void
json_cstring(struct json *j, const char *s)
{
	json_string(j, s, strlen(s));
}

void
json_int(struct json *j, long long v)
{
	sep(j);
	fprintf(j->out, "%lld", v);
}

void
json_double(struct json *j, double v)
{
	sep(j);
	if (isfinite(v))
		fprintf(j->out, "%.4g", v);
	else
		fputs("null", j->out);
}

void
json_bool(struct json *j, bool v)
{
	sep(j);
	fputs(v ? "true" : "false", j->out);
}

void
json_null(struct json *j)
{
	sep(j);
	fputs("null", j->out);
}

void
json_finish(struct json *j)
{
	fputc('\n', j->out);
}
