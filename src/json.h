/*
 * json.h - a small streaming JSON writer for the command-line queries.
 *
 * Commas and nesting are tracked for the caller; strings are escaped so
 * that the output is valid JSON and plain ASCII-safe for terminals: every
 * control character (ESC included) becomes \uXXXX, and invalid UTF-8
 * becomes \ufffd.
 */
#ifndef LECTERN_JSON_H
#define LECTERN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAXDEPTH 64

struct json {
	FILE *out;
	int depth;
	bool first[JSON_MAXDEPTH];  /* nothing written yet at this depth */
	bool after_key;
};

void json_init(struct json *j, FILE *out);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s, size_t n);
void json_cstring(struct json *j, const char *s);
void json_int(struct json *j, long long v);
void json_double(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* End the output with a newline. */
void json_finish(struct json *j);

#endif
