/*
 * util.h - allocation that never returns NULL, growable byte buffers,
 * and the program's one way of reporting a fatal error.
 *
 * Out of memory is not a condition lectern tries to survive: every
 * allocation goes through these wrappers, which print one line and exit
 * with status 2 (the status for "trouble") when the system refuses.
 */
#ifndef LECTERN_UTIL_H
#define LECTERN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#define ALWAYS_INLINE inline
#define NOINLINE
#endif

/* The program name used in messages ("lectern"). */
extern const char *util_progname;

/* Print "lectern: MESSAGE" on standard error and exit with status 2.
 * With a subject set, "lectern: SUBJECT: MESSAGE"; with a hook set (the
 * front end's: restore the terminal), the hook runs first, once, from
 * whichever thread dies. */
NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);
void util_die_subject(const char *subject);
void util_die_hook(void (*hook)(void));

/* Allocation wrappers: they never return NULL (they die instead).
 * xreallocarray checks n * size for overflow.  xstrndup copies exactly
 * n bytes (s must hold them, NUL or not: unlike strndup, it does not
 * stop at one) and adds a NUL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Large blocks are the system's: see util.c.  For the program (main),
 * once, before a document is loaded; more calls do nothing. */
void util_malloc_setup(void);
/* Give the heap's free pages back to the system (after a large build
 * whose temporaries are freed); nothing where malloc cannot. */
void util_malloc_trim(void);

/* Grow the array *p (of *cap elements of elsize bytes) so that it holds at
 * least need elements; capacity doubles, so appends are amortised O(1). */
void grow(void *pp, size_t *cap, size_t need, size_t elsize);
/* Most appends find room: that test is made where GROW is, without a
 * call. */
static inline void
grow_inline(void *pp, size_t *cap, size_t need, size_t elsize)
{
	if (need > *cap)
		grow(pp, cap, need, elsize);
}
#define GROW(p, cap, need) grow_inline(&(p), &(cap), (need), sizeof(*(p)))
/* Give back what growing left unused: a finished array keeps n elements
 * (doubling leaves up to half of a large array empty). */
void shrink(void *pp, size_t *cap, size_t n, size_t elsize);
#define SHRINK(p, cap, n) shrink(&(p), &(cap), (n), sizeof(*(p)))

/* A growable byte buffer, always NUL-terminated after buf_init. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_done(struct buf *b);
void buf_reset(struct buf *b);
/* Append what fd holds, up to max + 1 bytes (b->len > max then says the
 * file is too long), retrying interrupted reads.  0, or -1 with errno. */
int buf_read_fd(struct buf *b, int fd, size_t max);

/* Runs of white space (space, tab, CR, LF, FF) in s[0..n) become one
 * space, with trim none at either end; the result is NUL-terminated and
 * its length returned (s must have room for n + 1 bytes). */
size_t squeeze_space(char *s, size_t n, bool trim);

/* Numbers: a qsort() comparison, and sort-then-drop-repeats (returns
 * the new length; a list strictly increasing already is only read). */
int cmp_u32(const void *a, const void *b);
size_t sort_unique_u32(uint32_t *a, size_t n);
/* The first of a[lo, hi), in increasing order, that is at least key,
 * or hi. */
size_t lower_bound_u32(const uint32_t *a, size_t lo, size_t hi, uint32_t key);

/* Room for more bytes and the NUL after them, for writing in place. */
void buf_reserve(struct buf *b, size_t more);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
/* Hand the contents over to the caller (who frees them) and reset b. */
char *buf_take(struct buf *b);

#endif
