/*
 * load.h - reading a document from a file or standard input and turning
 * it into UTF-8, whatever its encoding.
 *
 * The rules, in order: a byte order mark decides (UTF-8, UTF-16LE/BE,
 * UTF-32LE/BE); otherwise text that is valid UTF-8 is UTF-8; otherwise it
 * is Windows-1252.  --encoding forces any name iconv knows.  Bytes that
 * are invalid or unmappable become U+FFFD and are counted; loading never
 * stops or truncates there.  A NUL byte in the first block (after the BOM
 * check) marks a binary file, refused unless forced.
 *
 * The text is taken in two steps so that the first screen never waits
 * for a large file: load_open() maps the file and checks the beginning
 * (enough to show and parse a first screen) and load_finish() checks the
 * rest.  Only valid UTF-8 files, by far the common case, are mapped and
 * checked lazily; anything that needs conversion is read and converted
 * whole by load_open().  The text never moves: a reader on another
 * thread may use data[0 .. load_avail()) while load_finish() runs.  If
 * the rest of a file that began as valid UTF-8 turns out not to be,
 * load_finish() says so and load_redecode() makes the Windows-1252
 * version that replaces it.
 *
 * A pass over a mapped text gives back the pages it has read with
 * load_release(), so that the document is not held in memory twice (in
 * the page cache and in the process); load.c says more.
 *
 * Line ends, form feeds and control characters are left as they are:
 * the parser splits lines and the layout neutralises controls.
 */
#ifndef LECTERN_LOAD_H
#define LECTERN_LOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest document lectern reads: offsets are 32-bit. */
#define LOAD_MAX_SIZE ((size_t)UINT32_MAX - 16)
/* What load_open() reads at once before showing anything: the
 * beginning, and the end (so that the reader can show the end at once). */
#define LOAD_PREFIX (256u * 1024u)
#define LOAD_TAIL (256u * 1024u)

struct load_opts {
	const char *encoding;   /* forced encoding, or NULL to detect */
	bool force;             /* read binary files anyway */
	size_t prefix;          /* bytes to read eagerly (0: LOAD_PREFIX) */
};

/* Why a document could not be loaded: the reason, in words, for the
 * one-line message "lectern: NAME: REASON". */
struct load_error {
	char reason[256];
};

struct text {
	const char *name;       /* as given ("-" for standard input) */
	char *path;             /* absolute path of a file, else NULL */
	char *data;             /* UTF-8, NUL-terminated when complete */
	size_t len;             /* the final length, once known */
	_Atomic size_t avail;   /* bytes of data that may be read now */
	_Atomic bool complete;  /* avail == len and everything is checked */
	const char *encoding;   /* the encoding it was decoded from */
	bool forced;            /* --encoding said so */
	bool binary;            /* a binary file read with --force */
	size_t replaced;        /* code points replaced by U+FFFD */
	/* private to load.c */
	int fd;
	size_t raw_len;         /* size of the file when it was opened */
	size_t raw_read;
	size_t tail;            /* data[tail, raw_len) may be read before
	                           load_finish() (not yet checked), or
	                           raw_len */
	size_t map_len;         /* bytes mapped at data, or 0 */
	_Atomic size_t keep;    /* pages from here on are the text's own
	                           (written): never given back (written
	                           by load_finish(), read by any thread's
	                           load_release()) */
	_Atomic int refs;
};

/* Open NAME ("-" for standard input) and read its beginning.  Returns a
 * text with one reference, or NULL with e->reason filled in.  An empty
 * document is not an error. */
struct text *load_open(const char *name, const struct load_opts *o,
    struct load_error *e);

/* Load a document from memory (for tests and the fuzzers): the same rules
 * as load_open(), all at once. */
struct text *load_bytes(const char *name, const void *bytes, size_t n,
    const struct load_opts *o, struct load_error *e);

/* Check the rest of t.  Returns 0 when t is complete and valid, 1 when
 * the rest is not valid UTF-8 (call load_redecode()).  Nothing is read
 * here that could fail: a mapped file's pages come as they are touched,
 * and what a shrunk file no longer has reads as zeros.  Safe to call
 * from one thread while others read data[0 .. load_avail(t)). */
int load_finish(struct text *t);

/* A new text holding t's bytes decoded as Windows-1252 (t must be
 * complete as far as reading goes). */
struct text *load_redecode(const struct text *t);

/* Both: check the rest of *t and, when it is not UTF-8 after all, put
 * its Windows-1252 reading in *t's place (dropping the caller's
 * reference to the old one). */
void load_finish_all(struct text **t);

/* The caller has read data[from, to) and will not read it again soon:
 * a mapped text's pages wholly inside it leave memory, to be read again
 * from the file when next touched (nothing changes for the reader of
 * the text).  Nothing for a text held in memory. */
void load_release(const struct text *t, size_t from, size_t to);
/* The bytes data[off, off + len): in buf (of at least len bytes), read
 * with pread(2), for a mapped text and len up to LOAD_PEEK_MAX; else
 * where they are.  For a reader that looks at a few small parts of a
 * mapped text here and there (the blocks a search may match in): a
 * read from the page cache costs a third of a page fault, which maps
 * 64 KB around the place touched, and leaves nothing to give back. */
#define LOAD_PEEK_MAX (16u << 10)
const char *load_peek(const struct text *t, size_t off, size_t len, char *buf);

/* How much a pass reads between two calls, as a rule. */
#define LOAD_RELEASE_STEP (256u << 10)

/* A pass over a text that gives back what it has read a step at a time
 * (in text order, or nearly: what it reads again up to a step behind
 * where it has got to goes at the next step too):
 *
 *	struct load_pass p;
 *	load_pass_init(&p, t, start, end);
 *	for each place off it reads, in order: load_pass_at(&p, off);
 *	load_pass_end(&p);          (all of [start, end))
 */
struct load_pass {
	const struct text *t;
	size_t start, end, released;
};
void load_pass_init(struct load_pass *p, const struct text *t, size_t start,
    size_t end);
void load_pass_at(struct load_pass *p, size_t off);
void load_pass_end(struct load_pass *p);
/* memchr() and memmem() over [from, to) of the pass's text, a step at a
 * time, giving back what they pass over: one call over a whole mapped
 * text would hold all of it at once.  NULL when there is no match.  A
 * pass gives back only ahead of where it has got to: a scan that starts
 * again from further back ends the pass first (load_pass_end()). */
const char *load_pass_memchr(struct load_pass *p, const char *from, int c,
    const char *to);
const char *load_pass_memmem(struct load_pass *p, const char *from,
    const char *to, const char *pat, size_t n);

/* Where the end of a lazily read file starts that load_open() read
 * already: data[load_tail(t), raw_len) may be read (it is not checked to
 * be UTF-8: the caller checks).  raw_len when there is none. */
size_t load_tail(const struct text *t);

/* Bytes of t's data that may be read now. */
size_t load_avail(const struct text *t);
bool load_complete(const struct text *t);

/* Reference counting: texts are shared by the document models built on
 * them.  load_unref() frees t with its last reference. */
struct text *load_ref(struct text *t);
void load_unref(struct text *t);

/* A 64-bit hash of t's complete content (for remembering positions). */
uint64_t load_hash(const struct text *t);

#endif
