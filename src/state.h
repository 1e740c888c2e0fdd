/*
 * state.h - what the reader remembers about a document between runs:
 * the reading position and the marks, in one small file per document
 * under $XDG_STATE_HOME/lectern.
 *
 * A plain data module: no screen, no document model.  The caller gives
 * the document's absolute path (NULL for standard input) and its content
 * hash (load_hash()); a file saved for another path or other content is
 * never applied.
 */
#ifndef LECTERN_STATE_H
#define LECTERN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history.h"

struct state_data {
	bool have_top;          /* top holds the last reading position */
	struct pos top;
	/* Mark i (history_mark_index()) is marks[i], valid when bit i of
	 * marks_set is set: 'a'..'z' then 'A'..'Z'. */
	struct pos marks[HISTORY_NMARKS];
	uint64_t marks_set;
};

/* The largest state file state_load() reads. */
#define STATE_MAX_SIZE (64u * 1024u)

/* The state file for a document: $XDG_STATE_HOME/lectern/<16 hex
 * digits>, the digits a 64-bit hash of doc_path and content_hash
 * together (doc_path NULL for standard input: the content hash alone).
 * NULL when there is no state directory (no HOME).  Caller frees. */
char *state_file(const char *doc_path, uint64_t content_hash);

/* Read the state file `file` for the document doc_path (NULL for
 * standard input) with content content_hash.  *out is cleared first.
 * Returns 0 with *out filled in; 1 when there is no state (no file, a
 * NULL file, or a file saved for another path or content, as after a
 * hash collision): not an error; -1 when the file exists but cannot be
 * read or is corrupt, with a short reason in err ("corrupt state file
 * ignored", the strerror() text, ...).  Any content is safe: truncated,
 * binary, huge (more than STATE_MAX_SIZE bytes is corrupt), long lines.
 * A symbolic link at file is not followed (-1).  Positions are checked
 * only against the ranges of their types: the caller checks them against
 * the document before using them. */
int state_load(const char *file, const char *doc_path, uint64_t content_hash,
    struct state_data *out, char *err, size_t errsize);

/* Write the state file atomically: create its directory (mode 0700, with
 * any missing parents), write a temporary file in that directory
 * (created O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600), fsync it and rename it
 * over file.  A symbolic link at file is refused ("is a symbolic link;
 * not written") and left alone with its target.  Returns 0, or -1 with
 * err set on any failure (a NULL file because there is no HOME, a
 * read-only directory, no space, a file size limit...); the temporary
 * file is then removed and the old state file left as it was.  Saves
 * running at the same time never leave a corrupt file: the last rename
 * wins. */
int state_save(const char *file, const char *doc_path, uint64_t content_hash,
    const struct state_data *in, char *err, size_t errsize);

#endif
