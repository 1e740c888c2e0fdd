/*
 * load.c - from bytes on disk (or a pipe) to UTF-8 text.
 *
 * A regular file larger than the first block is mapped, and its first
 * block sniffed; when it is plain UTF-8, the mapping is the text, and
 * load_finish() checks the rest in place.  Everything else -- pipes,
 * small files, byte order marks, Windows-1252, forced encodings -- is
 * read whole with read(2) and decoded at once with iconv.
 *
 * Why map: a text read into memory of its own is held twice, once in
 * the page cache and once in the copy, and the copy is as large as the
 * document.  A mapped text is held once, and the passes over it
 * (checking, parsing, indexing, a search) give back the pages they have
 * read with load_release(), so that the process's resident memory is
 * its model and the few pages it is looking at; a page given back is
 * read again from the page cache when it is next touched.
 *
 * The price of a mapping is SIGBUS when the file shrinks under it.  A
 * handler for it (installed with each mapping) puts zeros in place
 * of the pages that are gone, as if the file still had them, and the
 * reader, which watches the file, says it changed; load_finish() does
 * the same at once for a file that shrank before it was checked, and the
 * text ends where the file did.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "utf8.h"
#include "util.h"

/* A NUL byte within this many bytes of the start marks a binary file. */
#define BINARY_PROBE (32u * 1024u)
#define READ_CHUNK (1u << 20)

static const char REPLACEMENT_UTF8[] = "\xEF\xBF\xBD";

static void
set_error(struct load_error *e, const char *reason)
{
	if (e)
		snprintf(e->reason, sizeof(e->reason), "%s", reason);
}

static struct text *
text_new(const char *name)
{
	struct text *t = xcalloc(1, sizeof(*t));

	t->name = name;
	t->fd = -1;
	t->encoding = "UTF-8";
	atomic_init(&t->refs, 1);
	atomic_init(&t->avail, 0);
	atomic_init(&t->complete, false);
	return t;
}

struct text *
load_ref(struct text *t)
{
	atomic_fetch_add(&t->refs, 1);
	return t;
}

/* Close a document's descriptor; standard input stays open, so that no
 * file opened later takes its number. */
static void
close_input(int fd)
{
	if (fd > STDIN_FILENO)
		close(fd);
}

/* ------------------------------------------------------------ mapping */

/* The mapped texts' file parts, for the SIGBUS handler: a slot is free
 * when its start is 0, and being filled in while it is 1.  A few texts
 * are open at once (a reader reloading holds two). */
#define MAX_MAPS 16
static _Atomic uintptr_t map_lo[MAX_MAPS], map_hi[MAX_MAPS];
static size_t page;             /* the page size, set before any mapping */

static uintptr_t
page_floor(uintptr_t x)
{
	return x & ~(uintptr_t)(page - 1);
}

static uintptr_t
page_ceil(uintptr_t x)
{
	return page_floor(x + page - 1);
}

/* Zeros in place of the pages of a mapping from lo on (to hi, the end of
 * its file part): what a shrunk file no longer has.  Async-signal-safe. */
static bool
zero_pages(uintptr_t lo, uintptr_t hi)
{
	return lo >= hi || mmap((void *)lo, hi - lo, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED;
}

static void
on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;

	(void)uc;
	for (size_t i = 0; i < MAX_MAPS; i++) {
		uintptr_t lo = atomic_load(&map_lo[i]), hi = atomic_load(&map_hi[i]);

		if (lo > 1 && a >= lo && a < hi && zero_pages(page_floor(a), hi))
			return;         /* the access is made again, and reads 0 */
	}
	/* Not a text's: what SIGBUS does without a handler, when the
	 * access is made again. */
	signal(sig, SIG_DFL);
}

/* Installed with each mapping, unless it is there already (a test
 * harness may have put its own in between). */
static void
install_sigbus(void)
{
	struct sigaction sa, old;

	if (sigaction(SIGBUS, NULL, &old) == 0 && (old.sa_flags & SA_SIGINFO) &&
	    old.sa_sigaction == on_sigbus)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer keeps SIGBUS to itself unless told otherwise. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "allow_user_segv_handler=1";
}
#endif

/* Map size bytes of fd, and a page of zeros after them (so that the
 * text is NUL-terminated however long it is); NULL if it cannot be. */
static char *
map_file(struct text *t, int fd, size_t size)
{
	char *p;
	size_t i;

	if (page == 0) {
		long ps = sysconf(_SC_PAGESIZE);

		page = ps > 0 ? (size_t)ps : 4096;
	}
	t->map_len = page_ceil(size) + page;
	p = mmap(NULL, t->map_len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mmap(p, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(p, t->map_len);
		return NULL;
	}
	install_sigbus();
	for (i = 0; i < MAX_MAPS; i++) {
		uintptr_t none = 0;

		if (atomic_compare_exchange_strong(&map_lo[i], &none, 1)) {
			atomic_store(&map_hi[i], (uintptr_t)p + page_ceil(size));
			atomic_store(&map_lo[i], (uintptr_t)p);
			break;
		}
	}
	if (i == MAX_MAPS) {            /* no room to guard it: read it */
		munmap(p, t->map_len);
		return NULL;
	}
	atomic_store_explicit(&t->keep, size, memory_order_relaxed);
	return p;
}

static void
unmap(struct text *t)
{
	for (size_t i = 0; i < MAX_MAPS; i++)
		if (atomic_load(&map_lo[i]) == (uintptr_t)t->data)
			atomic_store(&map_lo[i], 0);
	munmap(t->data, t->map_len);
}

/* Make the bytes of a mapped text from off on writable (a private copy
 * of their pages, never given back). */
static void
writable_from(struct text *t, size_t off)
{
	uintptr_t lo = page_floor((uintptr_t)t->data + off);

	atomic_store_explicit(&t->keep, MIN(atomic_load_explicit(&t->keep,
	    memory_order_relaxed), (size_t)(lo - (uintptr_t)t->data)),
	    memory_order_relaxed);
	mprotect((void *)lo, (uintptr_t)t->data + t->map_len - lo,
	    PROT_READ | PROT_WRITE);
}

void
load_release(const struct text *t, size_t from, size_t to)
{
	uintptr_t lo, hi;

	if (t->map_len == 0)
		return;
	lo = page_ceil((uintptr_t)t->data + from);
	hi = page_floor((uintptr_t)t->data + MIN(to,
	    atomic_load_explicit(&t->keep, memory_order_relaxed)));
#ifdef HAVE_MADVISE
	if (lo < hi)
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
#endif
}

const char *
load_peek(const struct text *t, size_t off, size_t len, char *buf)
{
	size_t got = 0;

	if (t->map_len == 0 || t->fd < 0 || len > LOAD_PEEK_MAX)
		return t->data + off;
	while (got < len) {
		ssize_t r = pread(t->fd, buf + got, len - got, (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	/* What a shrunk file no longer has reads as the mapping does. */
	memset(buf + got, 0, len - got);
	return buf;
}

void
load_pass_init(struct load_pass *p, const struct text *t, size_t start,
    size_t end)
{
	p->t = t;
	p->start = p->released = start;
	p->end = end;
}

void
load_pass_at(struct load_pass *p, size_t off)
{
	/* From a step behind where the last call gave back to: a pass
	 * reads a little behind itself too (a paragraph read again when it
	 * ends), and what it read there since goes as well, or it would
	 * stay until load_pass_end() (a third of the text, in the parser). */
	if (off > p->released + LOAD_RELEASE_STEP) {
		load_release(p->t, p->released - MIN(p->released - p->start,
		    (size_t)LOAD_RELEASE_STEP), off);
		p->released = off;
	}
}

const char *
load_pass_memchr(struct load_pass *p, const char *from, int c, const char *to)
{
	char b = (char)c;

	/* memmem() looks for a byte with memchr(). */
	return load_pass_memmem(p, from, to, &b, 1);
}

const char *
load_pass_memmem(struct load_pass *p, const char *from, const char *to,
    const char *pat, size_t n)
{
	/* Each step also reads the n - 1 bytes after it, where a match
	 * that starts inside it may end. */
	while (n > 0 && (size_t)(to - from) >= n) {
		size_t step = MIN((size_t)(to - from), (size_t)LOAD_RELEASE_STEP);
		size_t len = MIN(step + n - 1, (size_t)(to - from));
		const char *q;

		load_pass_at(p, (size_t)(from - p->t->data));
		if ((q = memmem(from, len, pat, n)) != NULL)
			return q;
		from += step;
	}
	return NULL;
}

void
load_pass_end(struct load_pass *p)
{
	load_release(p->t, p->start, p->end);
	p->released = p->start;
}

void
load_unref(struct text *t)
{
	if (t == NULL || atomic_fetch_sub(&t->refs, 1) != 1)
		return;
	close_input(t->fd);
	if (t->map_len)
		unmap(t);
	else
		free(t->data);
	free(t->path);
	free(t);
}

size_t
load_tail(const struct text *t)
{
	return t->tail ? t->tail : t->raw_len;
}

size_t
load_avail(const struct text *t)
{
	return atomic_load_explicit(&t->avail, memory_order_acquire);
}

bool
load_complete(const struct text *t)
{
	return atomic_load_explicit(&t->complete, memory_order_acquire);
}

static void
publish(struct text *t, size_t avail, bool complete)
{
	atomic_store_explicit(&t->avail, avail, memory_order_release);
	if (complete)
		atomic_store_explicit(&t->complete, true, memory_order_release);
}

/* read(2) that retries after signals; returns bytes read, 0 at the end,
 * -1 on error. */
static ssize_t
read_some(int fd, char *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Read all of fd into a growing buffer (for pipes and devices). */
static char *
read_all(int fd, size_t *len, struct load_error *e)
{
	size_t cap = READ_CHUNK, n = 0;
	char *p = malloc(cap + 1);

	if (p == NULL)
		goto nomem;
	for (;;) {
		ssize_t r;

		if (cap - n < READ_CHUNK / 4) {
			char *q;

			if (cap >= LOAD_MAX_SIZE) {
				free(p);
				set_error(e, strerror(EFBIG));
				return NULL;
			}
			cap = MIN(cap * 2, LOAD_MAX_SIZE);
			q = realloc(p, cap + 1);
			if (q == NULL)
				goto nomem;
			p = q;
		}
		r = read_some(fd, p + n, cap - n);
		if (r < 0) {
			set_error(e, strerror(errno));
			free(p);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	p[n] = '\0';
	*len = n;
	return p;
nomem:
	free(p);
	set_error(e, strerror(ENOMEM));
	return NULL;
}

/* Convert in[0..n) to UTF-8 with cd.  An invalid or unmappable sequence
 * becomes U+FFFD, skipping `unit` bytes; an incomplete one at the end
 * becomes one U+FFFD.  Returns the new buffer (NUL-terminated). */
static char *
convert(iconv_t cd, const char *in, size_t n, size_t unit, size_t *outlen,
    size_t *replaced)
{
	size_t cap = n + n / 2 + 16, used = 0;
	char *out = xmalloc(cap + 1);
	char *ip = (char *)in;
	size_t ileft = n;

	while (ileft > 0) {
		char *op = out + used;
		size_t oleft = cap - used;
		size_t r = iconv(cd, &ip, &ileft, &op, &oleft);

		used = (size_t)(op - out);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG || cap - used < 8) {
			cap = cap * 2 + 16;
			out = xrealloc(out, cap + 1);
			continue;
		}
		memcpy(out + used, REPLACEMENT_UTF8, 3);
		used += 3;
		(*replaced)++;
		if (errno == EINVAL) {  /* incomplete at the end */
			ileft = 0;
			break;
		}
		size_t skip = MIN(unit, ileft);
		ip += skip;
		ileft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	out[used] = '\0';
	*outlen = used;
	return out;
}

/* The bytes one U+FFFD stands for at an invalid s[0]: a lead byte and
 * the continuation bytes that follow it, up to the length it announces
 * (a sequence cut short is one character, not one per byte). */
static size_t
bad_run(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t want = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 :
	    c >= 0xC2 && c <= 0xDF ? 2 : 1, k = 1;

	while (k < want && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k;
}

/* Copy UTF-8 with invalid sequences replaced by U+FFFD. */
static char *
repair_utf8(const char *in, size_t n, size_t *outlen, size_t *replaced)
{
	struct buf b;
	size_t i = 0;

	buf_init(&b);
	while (i < n) {
		size_t good = utf8_valid_prefix(in + i, n - i);

		buf_add(&b, in + i, good);
		i += good;
		if (i < n) {
			buf_add(&b, REPLACEMENT_UTF8, 3);
			(*replaced)++;
			i += bad_run(in + i, n - i);
		}
	}
	*outlen = b.len;
	return buf_take(&b);
}

struct bom {
	const char *bytes;
	size_t len;
	const char *encoding;
	size_t unit;
};

static const struct bom boms[] = {
	{ "\xEF\xBB\xBF", 3, "UTF-8", 1 },
	{ "\xFF\xFE\0\0", 4, "UTF-32LE", 4 },
	{ "\0\0\xFE\xFF", 4, "UTF-32BE", 4 },
	{ "\xFF\xFE", 2, "UTF-16LE", 2 },
	{ "\xFE\xFF", 2, "UTF-16BE", 2 },
};

static const struct bom *
find_bom(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(boms); i++)
		if (n >= boms[i].len && memcmp(p, boms[i].bytes, boms[i].len) == 0)
			return &boms[i];
	return NULL;
}

static size_t
unit_of(const char *name)
{
	if (strstr(name, "32") && (strncasecmp(name, "UTF", 3) == 0 ||
	    strncasecmp(name, "UCS", 3) == 0))
		return 4;
	if ((strstr(name, "16") || strcasecmp(name, "UCS-2") == 0) &&
	    (strncasecmp(name, "UTF", 3) == 0 || strncasecmp(name, "UCS", 3) == 0))
		return 2;
	return 1;
}

/* Is s[0..n) valid UTF-8 but for a sequence cut short at its end (a
 * pipe closed or a file truncated in the middle of a character)? */
static bool
cut_short(const char *s, size_t n, size_t valid)
{
	return valid < n && n - valid <= 3 && utf8_boundary(s, n) == valid;
}

/* Decode raw[0..n) (which t then owns) by the rules in load.h. */
static int
decode_whole(struct text *t, char *raw, size_t n, const struct load_opts *o,
    struct load_error *e)
{
	const struct bom *bom = o->encoding ? NULL : find_bom(raw, n);
	const char *enc = o->encoding ? o->encoding : bom ? bom->encoding : NULL;
	size_t skip = bom ? bom->len : 0, len;
	size_t valid = enc == NULL ? utf8_valid_prefix(raw, n) : 0;
	char *data;

	if (enc == NULL && valid == n) {
		t->data = raw;
		t->len = n;
	} else if ((enc != NULL && utf8_is_name(enc)) ||
	    (enc == NULL && cut_short(raw, n, valid))) {
		data = repair_utf8(raw + skip, n - skip, &len, &t->replaced);
		free(raw);
		t->data = data;
		t->len = len;
	} else {
		const char *from = enc ? enc : "CP1252";
		iconv_t cd = iconv_open("UTF-8", from);

		if (cd == (iconv_t)-1) {
			free(raw);
			snprintf(e->reason, sizeof(e->reason),
			    "unknown encoding '%s'", from);
			return -1;
		}
		data = convert(cd, raw + skip, n - skip,
		    enc ? unit_of(from) : 1, &len, &t->replaced);
		iconv_close(cd);
		free(raw);
		t->data = data;
		t->len = len;
		if (enc == NULL)
			enc = "WINDOWS-1252";
	}
	/* A forced Unicode encoding may leave its byte order mark. */
	if (t->len >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(t->data, t->data + 3, t->len - 3 + 1);
		t->len -= 3;
	}
	t->data[t->len] = '\0';
	t->encoding = enc ? enc : "UTF-8";
	t->forced = o->encoding != NULL;
	return 0;
}

static int
check_binary(struct text *t, const struct load_opts *o, struct load_error *e)
{
	size_t probe = MIN(t->len, (size_t)BINARY_PROBE);

	if (memchr(t->data, '\0', probe) == NULL)
		return 0;
	if (!o->force) {
		set_error(e, "binary file (use --force to read it anyway)");
		return -1;
	}
	t->binary = true;
	return 0;
}

static struct text *
finish_whole(struct text *t, char *raw, size_t n, const struct load_opts *o,
    struct load_error *e)
{
	if (decode_whole(t, raw, n, o, e) < 0 || check_binary(t, o, e) < 0) {
		load_unref(t);
		return NULL;
	}
	t->raw_len = t->raw_read = n;
	publish(t, t->len, true);
	return t;
}

struct text *
load_bytes(const char *name, const void *bytes, size_t n,
    const struct load_opts *o, struct load_error *e)
{
	static const struct load_opts none;
	char *raw;

	if (n > LOAD_MAX_SIZE) {
		set_error(e, strerror(EFBIG));
		return NULL;
	}
	raw = xmalloc(n + 1);
	memcpy(raw, bytes, n);
	raw[n] = '\0';
	return finish_whole(text_new(name), raw, n, o ? o : &none, e);
}

static int
open_file(const char *name, struct stat *st, struct load_error *e)
{
	int fd;

	if (strcmp(name, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY)) >= 0 &&
	    fd <= STDERR_FILENO) {
		/* Started with standard input closed: a document's descriptor
		 * is never taken for it. */
		int high = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

		close(fd);
		fd = high;
	}
	if (fd < 0 || fstat(fd, st) < 0) {
		set_error(e, strerror(errno));
		close_input(fd);
		return -1;
	}
	if (S_ISDIR(st->st_mode)) {
		set_error(e, strerror(EISDIR));
		close_input(fd);
		return -1;
	}
	return fd;
}

/* Read up to n bytes of fd into p; returns how many, or -1. */
static ssize_t
read_full(int fd, char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read_some(fd, p + got, n - got);

		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

struct text *
load_open(const char *name, const struct load_opts *opt, struct load_error *e)
{
	static const struct load_opts none;
	const struct load_opts *o = opt ? opt : &none;
	/* At least a byte order mark's worth (4 bytes), or one cut in two
	 * would be taken for text.  (A prefix under BINARY_PROBE is for
	 * tests, which read forced: the probe sees only the prefix.) */
	size_t prefix = MAX(o->prefix ? o->prefix : LOAD_PREFIX, (size_t)4);
	struct text *t = text_new(name);
	struct stat st;
	size_t size, want, n;
	ssize_t r;
	char *buf;
	int fd;

	if ((fd = open_file(name, &st, e)) < 0)
		goto fail;
	if (strcmp(name, "-") != 0) {
		char *abs = realpath(name, NULL);

		t->path = abs ? abs : xstrdup(name);
	}
	if (!S_ISREG(st.st_mode)) {
		buf = read_all(fd, &n, e);
		close_input(fd);
		return buf ? finish_whole(t, buf, n, o, e) : (load_unref(t), NULL);
	}
	if ((uintmax_t)st.st_size > LOAD_MAX_SIZE) {
		set_error(e, strerror(EFBIG));
		close_input(fd);
		goto fail;
	}
	size = (size_t)st.st_size;
	want = MIN(size, prefix);
	/* A file larger than its first block, when that is plain UTF-8, is
	 * mapped and checked lazily (by load_finish()). */
	if (want < size && o->encoding == NULL &&
	    (t->data = map_file(t, fd, size)) != NULL) {
		const char *p = t->data;
		size_t cut = utf8_boundary(p, want);

		if (find_bom(p, want) == NULL &&
		    memchr(p, '\0', MIN(want, (size_t)BINARY_PROBE)) == NULL &&
		    utf8_valid_prefix(p, cut) == cut) {
			t->fd = fd;
			t->raw_len = t->raw_read = t->len = size;
			/* The end is there too, for a reader that jumps to it. */
			t->tail = size > want + LOAD_TAIL ? size - LOAD_TAIL : size;
			publish(t, cut, false);
			return t;
		}
		unmap(t);
		t->data = NULL;
		t->map_len = 0;
	}
	/* Everything else is read whole, up to the size the file had
	 * when it was opened (what is appended later is not read). */
	if ((buf = malloc(size + 1)) == NULL) {
		set_error(e, strerror(ENOMEM));
		close_input(fd);
		goto fail;
	}
	r = read_full(fd, buf, size);
	close_input(fd);
	if (r < 0) {
		set_error(e, strerror(errno));
		free(buf);
		goto fail;
	}
	return finish_whole(t, buf, (size_t)r, o, e);
fail:
	load_unref(t);
	return NULL;
}

/* Check the rest of a mapped text, giving back each part's pages once
 * it is checked. */
int
load_finish(struct text *t)
{
	size_t checked = load_avail(t), end = t->raw_len;
	uintptr_t base = (uintptr_t)t->data;
	struct stat st;
	bool valid = true;

	if (load_complete(t))
		return 0;
	/* A file that shrank since it was mapped ends where it does now:
	 * the pages it no longer has read as zeros at once, rather than
	 * after a SIGBUS each. */
	if (fstat(t->fd, &st) == 0 && (uintmax_t)st.st_size < end) {
		end = (size_t)st.st_size;
		zero_pages(page_ceil(base + end), base + page_ceil(t->raw_len));
	}
	/* The descriptor stays open for load_peek(). */
	while (valid && checked < end) {
		size_t cut = utf8_boundary(t->data, MIN(end, checked + READ_CHUNK));
		size_t good = utf8_valid_prefix(t->data + checked, cut - checked);

		if (cut == checked)
			break;      /* a character cut short at the end */
		valid = good == cut - checked;
		publish(t, checked + good, false);
		load_release(t, checked, checked + good);
		checked += good;
	}
	t->len = t->raw_read = end;
	if (valid && checked < t->len) {
		size_t good = utf8_valid_prefix(t->data + checked, t->len - checked);

		if (cut_short(t->data + checked, t->len - checked, good)) {
			writable_from(t, checked + good);
			memcpy(t->data + checked + good, "\xEF\xBF\xBD", 3);
			t->len = checked + good + 3;
			t->replaced++;
			good = t->len - checked;
		}
		valid = good == t->len - checked;
	}
	if (!valid)
		return 1;
	/* The bytes after the end are zeros already, unless the file
	 * changed since: a NUL of the text's own. */
	writable_from(t, t->len);
	t->data[t->len] = '\0';
	publish(t, t->len, true);
	return 0;
}

void
load_finish_all(struct text **t)
{
	if (load_finish(*t) == 1) {
		struct text *re = load_redecode(*t);

		load_unref(*t);
		*t = re;
	}
}

struct text *
load_redecode(const struct text *t)
{
	struct load_opts o = { .encoding = NULL, .force = true };
	struct load_error e;
	struct text *n = text_new(t->name);
	char *raw = xmalloc(t->raw_read + 1);
	size_t len;

	memcpy(raw, t->data, t->raw_read);
	n->path = t->path ? xstrdup(t->path) : NULL;
	/* Not valid UTF-8, so the rules give Windows-1252. */
	if (utf8_valid_prefix(raw, t->raw_read) == t->raw_read) {
		len = t->raw_read;
		raw[len] = '\0';
		n->data = raw;
		n->len = len;
		n->raw_len = n->raw_read = len;
		publish(n, len, true);
		return n;
	}
	if (finish_whole(n, raw, t->raw_read, &o, &e) == NULL)
		die("%s: %s", t->name, e.reason);
	n->binary = t->binary;
	return n;
}

uint64_t
load_hash(const struct text *t)
{
	const unsigned char *p = (const unsigned char *)t->data;
	size_t n = t->len, i = 0;
	uint64_t h = 0x243F6A8885A308D3ull ^ n;
	struct load_pass lp;

	load_pass_init(&lp, t, 0, n);
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
		if ((i & (LOAD_RELEASE_STEP - 1)) == 0)
			load_pass_at(&lp, i);
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001B3ull;
	load_pass_end(&lp);
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	return h;
}
