/*
 * parse.h - from loaded text to the document model.
 *
 * The parser recognises the kind of document (a report or resolution,
 * an RFC, Markdown), its structure (title, headings, numbered sections
 * and paragraphs, items, sub-items, preformatted text, page breaks) and
 * repairs what PDF extraction did to it (hard-wrapped lines, blank lines
 * inside sentences, running headers and footers, words split at line
 * ends).  See parse_impl.h for how it is put together.
 */
#ifndef LECTERN_PARSE_H
#define LECTERN_PARSE_H

#include <stdbool.h>
#include <stdint.h>

struct doc;
struct text;

/* Parse text[start, end) into a new document (the caller frees it with
 * doc_free).  first_line is the source line number at start (1 at the
 * beginning of the text; 0 when it is not known, and then the lines are
 * counted from 1 and doc_lines_known() says they are not the file's).
 * complete says that the range is the whole of a complete text
 * (doc_is_complete()); otherwise the result is a window, a model of
 * part of the document, whose running headers and hyphenation are
 * judged from that part alone. */
struct doc *parse_range(struct text *t, uint32_t start, uint32_t end,
    uint32_t first_line, bool complete);

/* The same, storing in pr->done how many bytes of the range are parsed
 * as it goes (read from another thread to show progress), and stopping
 * early when pr->cancel is set. */
struct progress;
struct doc *parse_range_progress(struct text *t, uint32_t start, uint32_t end,
    uint32_t first_line, bool complete, struct progress *pr);

/* Parse the whole of a complete text. */
struct doc *parse_text(struct text *t);

/* The columns of the widest paragraph or section number ("218268.",
 * "12.3.4") at the start of a line of text[start, end), 0 if none: the
 * reader reads it off the end of a large document, already read, to lay
 * out its first window with the margin the whole will need. */
int parse_number_columns(const struct text *t, uint32_t start, uint32_t end);

/* A good place to start (or end) a window at or before off, never
 * before lo (nothing below lo is read): the start of a line after a
 * blank line, else the start of a line, else a character boundary. */
uint32_t parse_window_start(const struct text *t, uint32_t lo, uint32_t off);

#endif
