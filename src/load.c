/*
 * load.c - from bytes on disk (or a pipe) to UTF-8 text.
 *
 * A regular file is read in two steps (see load.h): its first block
 * (and its last) is read straight into a buffer of the file's full size
 * and sniffed; when it is plain UTF-8, load_finish() reads and checks the
 * rest into the same buffer.  Everything else -- pipes, byte order marks, Windows-1252,
 * forced encodings -- is read whole and decoded at once with iconv.
 * Files are read with read(2), never mapped, so a file that shrinks while
 * it is read cannot kill the reader with SIGBUS: the text simply ends
 * where the file did.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

void
load_unref(struct text *t)
{
	if (t == NULL || atomic_fetch_sub(&t->refs, 1) != 1)
		return;
	close_input(t->fd);
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
	/* Room for a U+FFFD in place of a character cut short. */
	if ((buf = malloc(size + 4)) == NULL) {
		set_error(e, strerror(ENOMEM));
		close_input(fd);
		goto fail;
	}
	want = MIN(size, prefix);
	if ((r = read_full(fd, buf, want)) < 0) {
		set_error(e, strerror(errno));
		free(buf);
		close_input(fd);
		goto fail;
	}
	n = (size_t)r;
	/* Lazy reading is for plain UTF-8 only, and for files that are
	 * really larger than what was read. */
	if (n < size && o->encoding == NULL && find_bom(buf, n) == NULL &&
	    memchr(buf, '\0', MIN(n, (size_t)BINARY_PROBE)) == NULL) {
		size_t cut = utf8_boundary(buf, n);

		if (utf8_valid_prefix(buf, cut) == cut) {
			t->data = buf;
			t->fd = fd;
			t->raw_len = size;
			t->raw_read = n;
			t->len = size;
			t->tail = size;
			/* The end too, for a reader that jumps there. */
			if (size > n + LOAD_TAIL && pread(fd, buf + size - LOAD_TAIL,
			    LOAD_TAIL, (off_t)(size - LOAD_TAIL)) == (ssize_t)LOAD_TAIL)
				t->tail = size - LOAD_TAIL;
			publish(t, cut, false);
			return t;
		}
	}
	/* Everything else is read whole, up to the size the file had
	 * when it was opened (what is appended later is not read). */
	if (n < size) {
		if ((r = read_full(fd, buf + n, size - n)) < 0) {
			set_error(e, strerror(errno));
			free(buf);
			buf = NULL;
		} else
			n += (size_t)r;
	}
	close_input(fd);
	if (buf == NULL)
		goto fail;
	return finish_whole(t, buf, n, o, e);
fail:
	load_unref(t);
	return NULL;
}

int
load_finish(struct text *t, struct load_error *e)
{
	size_t checked = load_avail(t);
	bool valid = true;
	int ret = 0;

	if (load_complete(t))
		return 0;
	while (t->raw_read < t->raw_len) {
		size_t stop = t->raw_read < t->tail ? t->tail : t->raw_len;
		size_t n = MIN((size_t)READ_CHUNK, stop - t->raw_read);
		ssize_t r = read_some(t->fd, t->data + t->raw_read, n);

		if (r < 0) {
			set_error(e, strerror(errno));
			ret = -1;
			break;
		}
		if (r == 0)
			break;      /* the file shrank: it ends here */
		t->raw_read += (size_t)r;
		/* The end was read at the start. */
		if (t->raw_read == t->tail)
			t->raw_read = t->raw_len;
		if (valid) {
			size_t cut = utf8_boundary(t->data, t->raw_read);
			size_t good = utf8_valid_prefix(t->data + checked,
			    cut - checked);

			valid = good == cut - checked;
			checked += good;
			publish(t, checked, false);
		}
	}
	close_input(t->fd);
	t->fd = -1;
	t->len = t->raw_read;
	t->data[t->len] = '\0';
	if (valid && checked < t->len) {
		size_t good = utf8_valid_prefix(t->data + checked, t->len - checked);

		if (cut_short(t->data + checked, t->len - checked, good)) {
			memcpy(t->data + checked + good, "\xEF\xBF\xBD", 4);
			t->len = checked + good + 3;
			t->replaced++;
			good = t->len - checked;
		}
		valid = good == t->len - checked;
	}
	if (ret < 0 || valid) {
		if (ret < 0)
			t->len = checked;
		publish(t, valid ? t->len : checked, true);
		return ret;
	}
	return 1;
}

int
load_finish_all(struct text **t, struct load_error *e)
{
	int r = load_finish(*t, e);

	if (r == 1) {
		struct text *re = load_redecode(*t);

		load_unref(*t);
		*t = re;
		r = 0;
	}
	return r;
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

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001B3ull;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	return h;
}
