/*
 * state.c - the per-document state file: reading position and marks.
 *
 * The file is text, one item a line, each line ending in a newline:
 *
 *	lectern-state 1
 *	path /home/user/report.txt
 *	hash 0123456789abcdef
 *	top 48213 0
 *	mark a 1022 0
 *	mark B 90331 1
 *
 * The first line names the format and its version.  "path" is the
 * document's absolute path with every byte below 0x20, 0x7F and '\'
 * written as \xHH (so that the line holds it whatever it contains); the
 * line is absent for standard input.  "hash" is the content hash, exactly
 * 16 hexadecimal digits (written in lowercase, read in either case).  "top" is the reading position (text
 * offset and sub-line, as in struct pos) and each "mark" one mark,
 * 'a'-'z' or 'A'-'Z'.  "hash" is required; the others appear at most
 * once each (once per letter for marks).  Anything else - another
 * keyword, a number out of range, a sign, a stray space, a NUL byte, a
 * missing final newline, more than STATE_MAX_SIZE bytes - makes the file
 * corrupt, and a corrupt file is ignored as a whole.
 *
 * The file's name is a hash of the path and the content hash, so the
 * path and hash lines are there to catch collisions: a file that names
 * another path or content is treated as no file.
 *
 * Saving writes a temporary file with a unique name in the same
 * directory, fsyncs it and renames it over the state file, so that a
 * reader (or another lectern saving at the same moment) only ever sees
 * a whole old file or a whole new one.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "state.h"
#include "util.h"

#define MAGIC "lectern-state 1"
#define CORRUPT "corrupt state file ignored"

static void
set_err(char *err, size_t errsize, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void
set_err(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsize == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xFF51AFD7ED558CCD);
	h ^= h >> 33;
	h *= UINT64_C(0xC4CEB9FE1A85EC53);
	h ^= h >> 33;
	return h;
}

/* The name of the state file: FNV-1a over the path, mixed with the
 * content hash; the content hash alone for standard input. */
static uint64_t
file_hash(const char *doc_path, uint64_t content_hash)
{
	uint64_t h = UINT64_C(0xCBF29CE484222325);

	if (doc_path == NULL)
		return content_hash;
	for (const unsigned char *p = (const unsigned char *)doc_path; *p; p++)
		h = (h ^ *p) * UINT64_C(0x100000001B3);
	return mix(h ^ mix(content_hash));
}

char *
state_file(const char *doc_path, uint64_t content_hash)
{
	char *dir = paths_state_dir(), *p;
	size_t n;

	if (dir == NULL)
		return NULL;
	n = strlen(dir) + 18;
	p = xmalloc(n);
	snprintf(p, n, "%s/%016" PRIx64, dir,
	    file_hash(doc_path, content_hash));
	free(dir);
	return p;
}

/* The path as the "path" line writes it. */
static void
escape_path(struct buf *b, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '\\')
			buf_printf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
}

/* ---------------------------------------------------------- reading */

/* A decimal number of at most max at *s, which is moved past it. */
static bool
parse_num(const char **s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (**s < '0' || **s > '9')
		return false;
	errno = 0;
	*v = strtoull(*s, &end, 10);
	if (errno == ERANGE || *v > max)
		return false;
	*s = end;
	return true;
}

/* "OFF SUB" and the end of the line. */
static bool
parse_pos(const char *s, struct pos *p)
{
	unsigned long long off, sub;

	if (!parse_num(&s, UINT32_MAX, &off) || *s++ != ' ' ||
	    !parse_num(&s, UINT16_MAX, &sub) || *s != '\0')
		return false;
	p->off = (uint32_t)off;
	p->sub = (uint16_t)sub;
	return true;
}

/* Exactly 16 hexadecimal digits. */
static bool
parse_hash(const char *s, uint64_t *h)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	if (n != 16 || s[16] != '\0')
		return false;
	*h = (uint64_t)strtoull(s, NULL, 16);
	return true;
}

struct parsed {
	const char *path;           /* the path line's text, or NULL */
	bool have_hash;
	uint64_t hash;
};

/* One line after the first; false if it is not a valid one. */
static bool
parse_line(const char *line, struct parsed *ps, struct state_data *out)
{
	int i;

	if (strncmp(line, "path ", 5) == 0 && ps->path == NULL) {
		ps->path = line + 5;
		return true;
	}
	if (strncmp(line, "hash ", 5) == 0 && !ps->have_hash)
		return ps->have_hash = parse_hash(line + 5, &ps->hash);
	if (strncmp(line, "top ", 4) == 0 && !out->have_top)
		return out->have_top = parse_pos(line + 4, &out->top);
	if (strncmp(line, "mark ", 5) != 0 ||
	    (i = history_mark_index((unsigned char)line[5])) < 0 ||
	    line[6] != ' ' || (out->marks_set & (UINT64_C(1) << i)))
		return false;
	if (!parse_pos(line + 7, &out->marks[i]))
		return false;
	out->marks_set |= UINT64_C(1) << i;
	return true;
}

/* Does the file's path line name doc_path? */
static bool
same_path(const char *have, const char *doc_path)
{
	struct buf b;
	bool same;

	if (have == NULL || doc_path == NULL)
		return have == NULL && doc_path == NULL;
	buf_init(&b);
	escape_path(&b, doc_path);
	same = strcmp(b.data, have) == 0;
	buf_done(&b);
	return same;
}

/* Parse the whole file in p (n bytes, modified); 0, 1 or -1 as
 * state_load() returns. */
static int
parse(char *p, size_t n, const char *doc_path, uint64_t content_hash,
    struct state_data *out, char *err, size_t errsize)
{
	struct parsed ps = { NULL, false, 0 };
	char *line = p, *nl;
	size_t lineno = 1;

	if (n == 0 || memchr(p, '\0', n) != NULL || p[n - 1] != '\n')
		goto corrupt;
	p[n - 1] = '\0';
	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	if (strcmp(line, MAGIC) != 0) {
		if (strncmp(line, "lectern-state ", 14) == 0) {
			set_err(err, errsize,
			    "state file of another version ignored");
			return -1;
		}
		goto corrupt;
	}
	while (nl != NULL) {
		line = nl + 1;
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (!parse_line(line, &ps, out))
			goto corrupt;
	}
	if (!ps.have_hash)
		goto corrupt;
	if (ps.hash != content_hash || !same_path(ps.path, doc_path)) {
		memset(out, 0, sizeof(*out));
		return 1;
	}
	return 0;
corrupt:
	memset(out, 0, sizeof(*out));
	set_err(err, errsize, CORRUPT " (line %zu)", lineno);
	return -1;
}

int
state_load(const char *file, const char *doc_path, uint64_t content_hash,
    struct state_data *out, char *err, size_t errsize)
{
	struct stat st;
	struct buf b;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	set_err(err, errsize, "%s", "");
	if (file == NULL)
		return 1;
	fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0) {
		set_err(err, errsize, "%s", errno == ELOOP ?
		    "is a symbolic link; ignored" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		set_err(err, errsize, "not a regular file; ignored");
		close(fd);
		return -1;
	}
	buf_init(&b);
	if (buf_read_fd(&b, fd, STATE_MAX_SIZE) != 0) {
		set_err(err, errsize, "%s", strerror(errno));
		rc = -1;
	} else if (b.len > STATE_MAX_SIZE) {
		set_err(err, errsize, CORRUPT " (too large)");
		rc = -1;
	} else
		rc = parse(b.data, b.len, doc_path, content_hash, out, err,
		    errsize);
	close(fd);
	buf_done(&b);
	return rc;
}

/* ---------------------------------------------------------- writing */

static void
format(struct buf *b, const char *doc_path, uint64_t content_hash,
    const struct state_data *in)
{
	buf_adds(b, MAGIC "\n");
	if (doc_path != NULL) {
		buf_adds(b, "path ");
		escape_path(b, doc_path);
		buf_addc(b, '\n');
	}
	buf_printf(b, "hash %016" PRIx64 "\n", content_hash);
	if (in->have_top)
		buf_printf(b, "top %" PRIu32 " %u\n", in->top.off,
		    (unsigned)in->top.sub);
	for (int i = 0; i < HISTORY_NMARKS; i++)
		if (in->marks_set & (UINT64_C(1) << i))
			buf_printf(b, "mark %c %" PRIu32 " %u\n",
			    history_mark_letter(i), in->marks[i].off,
			    (unsigned)in->marks[i].sub);
}

/* Create directory dir and its missing parents, mode 0700. */
static int
make_dirs(const char *dir)
{
	struct stat st;
	char *p;
	int rc = 0;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	p = xstrdup(dir);
	for (char *s = strchr(p + 1, '/'); s != NULL && rc == 0;
	    s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	if (rc == 0 && stat(p, &st) != 0)
		rc = -1;
	else if (rc == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Create a temporary file next to file; its name goes in *tmp. */
static int
open_tmp(const char *file, char **tmp)
{
	static _Atomic unsigned seq;
	size_t n = strlen(file) + 64;
	int fd = -1;

	*tmp = xmalloc(n);
	for (int tries = 0; tries < 100 && fd < 0; tries++) {
		snprintf(*tmp, n, "%s.tmp-%ld-%u", file, (long)getpid(),
		    atomic_fetch_add(&seq, 1));
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

/* Write b to a temporary file and rename it over file. */
static int
replace(const char *file, const struct buf *b, char *err, size_t errsize)
{
	char *tmp;
	int fd, e;

	if ((fd = open_tmp(file, &tmp)) < 0) {
		set_err(err, errsize, "cannot create a temporary file: %s",
		    strerror(errno));
		return -1;
	}
	(void)fchmod(fd, 0600);
	if (write_all(fd, b->data, b->len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		errno = e;
	} else if (close(fd) == 0 && rename(tmp, file) == 0) {
		free(tmp);
		return 0;
	}
	set_err(err, errsize, "%s", strerror(errno));
	unlink(tmp);
	free(tmp);
	return -1;
}

/* Is file something state_save() may replace (absent or regular)? */
static int
check_target(const char *file, char *err, size_t errsize)
{
	struct stat st;

	if (lstat(file, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		set_err(err, errsize, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		set_err(err, errsize, "is a symbolic link; not written");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		set_err(err, errsize, "not a regular file; not written");
		return -1;
	}
	return 0;
}

/* Flush the directory entry of a rename to disk; failure is harmless. */
static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int
state_save(const char *file, const char *doc_path, uint64_t content_hash,
    const struct state_data *in, char *err, size_t errsize)
{
	const char *slash;
	char *dir;
	struct buf b;
	int rc = -1;

	set_err(err, errsize, "%s", "");
	if (file == NULL) {
		set_err(err, errsize, "no state directory (HOME is not set)");
		return -1;
	}
	slash = strrchr(file, '/');
	dir = slash == NULL ? xstrdup(".") : slash == file ? xstrdup("/") :
	    xstrndup(file, (size_t)(slash - file));
	buf_init(&b);
	format(&b, doc_path, content_hash, in);
	if (b.len > STATE_MAX_SIZE)
		set_err(err, errsize, "path too long; not written");
	else if (make_dirs(dir) != 0)
		set_err(err, errsize, "cannot create the directory: %s",
		    strerror(errno));
	else if (check_target(file, err, errsize) == 0 &&
	    (rc = replace(file, &b, err, errsize)) == 0)
		sync_dir(dir);
	buf_done(&b);
	free(dir);
	return rc;
}
