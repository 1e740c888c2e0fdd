/*
 * util.c - allocation wrappers, byte buffers and die().
 */
#include "autoconf.h"

#include <errno.h>
#if defined(HAVE_MALLOC_H) && (defined(HAVE_MALLOPT) || defined(HAVE_MALLOC_TRIM))
#include <malloc.h>
#endif
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *util_progname = "lectern";
static const char *subject;
static void (*hook)(void);
static atomic_flag dying = ATOMIC_FLAG_INIT;

void
util_die_subject(const char *s)
{
	subject = s;
}

void
util_die_hook(void (*h)(void))
{
	hook = h;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	/* A second thread dying at the same time waits for the first to
	 * exit rather than print over it. */
	if (atomic_flag_test_and_set(&dying))
		for (;;)
			pause();
	if (hook != NULL)
		hook();
	fflush(stdout);
	fprintf(stderr, "%s: ", util_progname);
	if (subject != NULL)
		fprintf(stderr, "%s: ", subject);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *
checked(void *p, size_t size)
{
	if (p == NULL && size != 0)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *
xmalloc(size_t size)
{
	return checked(malloc(size ? size : 1), size);
}

void *
xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1), n * size);
}

void *
xrealloc(void *p, size_t size)
{
	return checked(realloc(p, size ? size : 1), size);
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die("out of memory (%zu elements of %zu bytes)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* glibc's malloc takes a block of 128 KiB or more straight from the
 * system (mmap), and gives it back when it is freed; but each time such
 * a block is freed it raises that threshold to the block's size (up to
 * 32 MiB), so that after the parser's and the indexer's first large
 * temporaries, arrays of up to that size come from the heap instead:
 * each one that doubles leaves the room it had as a hole there, and
 * what is freed stays resident.  A fixed threshold keeps large arrays
 * out of the heap, where growing one is a remap and an unused tail
 * costs nothing: 5.5 MB less at the peak of the benchmark's 100 MB,
 * 0.4 MB of its 5 MB.
 *
 * And one arena for every thread: the reader's index is built on a
 * thread of its own and used on the main one, and a second arena keeps
 * the builder's freed temporaries apart from what the reader allocates
 * next (0.2 to 0.4 MB more resident at 5 MB, and 64 MiB of address space
 * reserved at a time). */
#define MMAP_THRESHOLD (128 * 1024)

void
util_malloc_setup(void)
{
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD)
	static atomic_flag done = ATOMIC_FLAG_INIT;

	if (!atomic_flag_test_and_set(&done)) {
		mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
#ifdef M_ARENA_MAX
		mallopt(M_ARENA_MAX, 1);
#endif
	}
#endif
}

void
util_malloc_trim(void)
{
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOC_TRIM)
	malloc_trim(0);
#endif
}

void
grow(void *pp, size_t *cap, size_t need, size_t elsize)
{
	void **p = pp;
	size_t c = *cap;

	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			die("out of memory");
		c *= 2;
	}
	*p = xreallocarray(*p, c, elsize);
	*cap = c;
}

void
shrink(void *pp, size_t *cap, size_t n, size_t elsize)
{
	void **p = pp;

	if (*p == NULL || n >= *cap)
		return;
	*p = xreallocarray(*p, MAX(n, (size_t)1), elsize);
	*cap = MAX(n, (size_t)1);
}

void
buf_init(struct buf *b)
{
	b->cap = 64;
	b->len = 0;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
}

void
buf_done(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t more)
{
	if (b->data == NULL)
		buf_init(b);
	if (more > SIZE_MAX - b->len - 1)
		die("out of memory");
	GROW(b->data, b->cap, b->len + more + 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	buf_reserve(b, 64);
	va_copy(aq, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_take(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		buf_init(b);
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int
buf_read_fd(struct buf *b, int fd, size_t max)
{
	while (b->len <= max) {
		ssize_t k;

		buf_reserve(b, MIN(max + 1 - b->len, (size_t)65536));
		k = read(fd, b->data + b->len, MIN(max + 1 - b->len, (size_t)65536));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		b->len += (size_t)k;
		b->data[b->len] = '\0';
	}
	return 0;
}

size_t
squeeze_space(char *s, size_t n, bool trim)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\t' || c == '\n' || c == '\r' || c == '\f')
			c = ' ';
		if (c == ' ' && (k > 0 ? s[k - 1] == ' ' : trim))
			continue;
		s[k++] = c;
	}
	if (trim && k > 0 && s[k - 1] == ' ')
		k--;
	s[k] = '\0';
	return k;
}

int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

size_t
sort_unique_u32(uint32_t *a, size_t n)
{
	size_t k = 0, i = 1;

	/* Most lists come in order already: then there is nothing to do. */
	while (i < n && a[i - 1] < a[i])
		i++;
	if (i >= n)
		return n;
	qsort(a, n, sizeof(*a), cmp_u32);
	for (i = 0; i < n; i++)
		if (k == 0 || a[i] != a[k - 1])
			a[k++] = a[i];
	return k;
}

size_t
lower_bound_u32(const uint32_t *a, size_t lo, size_t hi, uint32_t key)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
