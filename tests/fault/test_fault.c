/*
 * test_fault.c - limits and faults, through the real binary ($LECTERN):
 * a document larger than the memory there is, a low address-space limit,
 * a full disk when the state is saved, a read-only or missing $HOME, a
 * state file that is a symbolic link or was cut short, several readers
 * saving at once, a document that shrinks or changes while it is read,
 * standard input that ends early, SIGPIPE when the output goes to head(1),
 * and the memory bound (below).  Also the terminal's safety in every
 * query's output: a document's escape sequences, C1 controls, direction
 * overrides and zero-width characters never come out raw.  Each fault
 * must end gracefully: the reader goes on, or lectern exits with one
 * line "lectern: FILE: reason" and status 2; the user's state file is
 * never lost and a symbolic link's target never written.
 *
 * Limits are set in a forked child before exec (run_child() below;
 * run.h's run_argv() uses posix_spawn, which cannot).  As root, whom
 * file permissions do not stop, the child drops the capabilities that
 * bypass them (run.h's test_drop_dac()), so that a read-only directory
 * is read-only to it too.
 *
 * The memory bound.  lectern's address space (RLIMIT_AS, ulimit -v) stays
 * below MEM_QUERY_X x the document's size + MEM_QUERY_C for a query, and
 * below MEM_READER_X x the size + MEM_READER_C for the reader, which
 * shows a window on the document while a second thread indexes the rest:
 *
 *	queries:  2 x size + 16 MiB
 *	reader:   4 x size + 64 MiB
 *
 * Found with FAULT_MEASURE=N (test_memory_measure: a binary search on
 * RLIMIT_AS, to 1/4 MiB, for each command on an N MiB document made by
 * make_doc()), x86_64, glibc 2.36.  The queries needed 28.8, 53.9 and
 * 102.9 MiB at 12, 25 and 50 MiB (--xrefs, --lists, --search, --resolve,
 * --terms; --outline and --dump 26.2, 48.5, 92.3): twice the size and a
 * few MiB.  The reader (to the end, the index, a jump, a search) needed
 * 80.5, 151.0 and 190.7 MiB, and 32, 49, 113, 168 and 183 MiB at 3, 6,
 * 18, 35 and 42 MiB in an earlier sweep: twice the size plus glibc's
 * malloc arena for the indexing thread, which reserves address space 64
 * MiB at a time (with MALLOC_ARENA_MAX=1 the reader needs about 2.2 x
 * size + 12 MiB).  With the constant fixed, the smallest factor in steps
 * of 0.5 that holds at every size is 2 for the queries (16 MiB; 1.5
 * fails at 50 MiB) and 4 for the reader (64 MiB; 3.5 leaves 0.5 MiB at
 * 25 MiB, 3 fails there).  Asserted at 50 MiB, and for the reader at 25
 * MiB too, where it is tightest.  Skipped under sanitizers, whose shadow
 * memory takes terabytes of address space, and under valgrind.
 *
 * The document's copies carry a word of their own on every line ("lotbaa"
 * in the first copy), as a real document's passages have words of their
 * own: --xrefs on the bare repetition takes minutes (see
 * test_memory_bound_queries).
 */
#include "autoconf.h"

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "hostile.h"
#include "run.h"

#define SANITIZED TEST_SANITIZED

#define MIB (1024ull * 1024ull)
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif

/* The memory bound (see the comment at the top). */
#define MEM_QUERY_X 2.0
#define MEM_QUERY_C (16 * MIB)
#define MEM_READER_X 4.0
#define MEM_READER_C (64 * MIB)
#define MEM_DOC_SIZE (50 * MIB)

/* -------------------------------------------------------------- helpers */

/* Why limits cannot be tested here, or NULL. */
static const char *
no_limits(void)
{
	const char *pre = getenv("LD_PRELOAD");

	if (SANITIZED)
		return "built with sanitizers";
	if ((pre && strstr(pre, "vgpreload")) || getenv("FAULT_NO_LIMITS"))
		return "running under valgrind";
	return NULL;
}

static void
skip_without_limits(void)
{
	const char *why = no_limits();

	if (why) {
		fprintf(stderr, "skipped: %s\n", why);
		skip();
	}
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	assert_non_null(p);
	return p;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	assert_true(n >= 0);
	return p;
}

/* The sandboxes made, removed at the end even if a test failed in one. */
static char *sandboxes[64];

/* How many lines s holds (a last line without '\n' counts). */
static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (*s == '\n' || s[1] == '\0')
			n++;
	return n;
}

/* Show what a run did when an assertion about it is about to fail. */
static void
show(const char *what, const struct run *r)
{
	fprintf(stderr, "--- %s: status %d\n--- stderr:\n%s--- stdout (%zu bytes):\n%.2000s\n---\n",
	    what, r->status, r->err, r->outlen, r->out);
}

/* ---------------------------------------------------------- the runner */

/* How a child runs: its limits, signals and standard streams. */
struct child {
	unsigned long long as;      /* RLIMIT_AS in bytes; 0: unchanged */
	long long fsize;            /* RLIMIT_FSIZE in bytes; < 0: unchanged */
	bool ignore_xfsz;           /* SIGXFSZ ignored (trap '' XFSZ) */
	bool ignore_pipe;           /* SIGPIPE ignored; else the default */
	bool drop_dac;              /* as root: not above file permissions */
	bool close_stdin;           /* standard input closed */
	const char *in_path;        /* standard input from this file */
	const char *out_path;       /* standard output to this file */
	const char *input;          /* else these bytes (NULL: /dev/null) */
	size_t inlen;
	int timeout;                /* seconds; 0: 60 */
};

static void
child_env(char *const env[])
{
	unsetenv("LINES");
	unsetenv("COLUMNS");
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');

		if (eq == NULL)
			unsetenv(env[i]);
		else {
			char *name = strndup(env[i], (size_t)(eq - env[i]));

			setenv(name, eq + 1, 1);
			free(name);
		}
	}
}

/* In the child: set everything up and exec argv; never returns. */
static void
child_exec(const struct child *c, char *const env[], char *const argv[],
    int in, int out, int err)
{
	struct rlimit rl;
	int fd;

	signal(SIGPIPE, c->ignore_pipe ? SIG_IGN : SIG_DFL);
	signal(SIGXFSZ, c->ignore_xfsz ? SIG_IGN : SIG_DFL);
	if (c->close_stdin)
		close(0);
	else if (c->in_path) {
		if ((fd = open(c->in_path, O_RDONLY)) < 0)
			_exit(126);
		dup2(fd, 0);
		close(fd);
	} else
		dup2(in, 0);
	if (c->out_path) {
		if ((fd = open(c->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
			_exit(126);
		dup2(fd, 1);
		close(fd);
	} else
		dup2(out, 1);
	dup2(err, 2);
	for (fd = 3; fd < 64; fd++)
		close(fd);
	if (c->as) {
		getrlimit(RLIMIT_AS, &rl);
		rl.rlim_cur = (rlim_t)c->as;
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < rl.rlim_cur)
			rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_AS, &rl) != 0)
			_exit(125);
	}
	if (c->fsize >= 0) {
		getrlimit(RLIMIT_FSIZE, &rl);
		rl.rlim_cur = (rlim_t)c->fsize;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(125);
	}
	if (c->drop_dac) {
		/* run.h: as root, not above file permissions.  Should it fail,
		 * writable_to_child()'s probe finds out and the test skips. */
		const char *why = test_drop_dac();

		if (why != NULL)
			dprintf(2, "%s\n", why);
	}
	child_env(env);
	execv(argv[0], argv);
	dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static void
append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*p = realloc(*p, *cap);
		assert_non_null(*p);
	}
	memcpy(*p + *len, s, n);
	*len += n;
	(*p)[*len] = '\0';
}

/* Run argv as c says, with env ("NAME=value" sets, "NAME" unsets) on top
 * of ours; capture its output as run_argv() does. */
static void
run_child(struct run *r, const struct child *c, char *const env[],
    char *const argv[])
{
	int in[2], out[2], err[2];
	pid_t pid;

	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_exec(c, env, argv, in[0], out[1], err[1]);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	run_collect(r, pid, in[1], out[0], err[0], c->input, c->inlen,
	    c->timeout ? c->timeout : 60);
}

/* ---------------------------------------------------------- sandboxes */

/* A private HOME, state and configuration for a test. */
struct sandbox {
	char *dir, *home, *state, *config, *doc;
	char *env[16];
	int nenv;
	char *owned[8];
};

static void
sandbox_setenv(struct sandbox *sb, const char *entry)
{
	size_t n = strcspn(entry, "=");

	for (int i = 0; i < sb->nenv; i++)
		if (strncmp(sb->env[i], entry, n) == 0 &&
		    (sb->env[i][n] == '=' || sb->env[i][n] == '\0')) {
			sb->env[i] = (char *)entry;
			return;
		}
	assert_true(sb->nenv < 15);
	sb->env[sb->nenv++] = (char *)entry;
	sb->env[sb->nenv] = NULL;
}

static void
copy_file(const char *from, const char *to)
{
	size_t n;
	char *p = test_read(from, &n);

	test_write(to, p, n);
	free(p);
}

static void
sandbox_init(struct sandbox *sb, const char *name)
{
	memset(sb, 0, sizeof(*sb));
	sb->dir = xstrdup(test_tmp(name));
	test_rmtree(sb->dir);
	for (size_t i = 0; i < sizeof(sandboxes) / sizeof(sandboxes[0]); i++)
		if (sandboxes[i] == NULL) {
			sandboxes[i] = xstrdup(sb->dir);
			break;
		}
	assert_int_equal(mkdir(sb->dir, 0755), 0);
	sb->home = xasprintf("%s/home", sb->dir);
	sb->state = xasprintf("%s/state", sb->dir);
	sb->config = xasprintf("%s/config", sb->dir);
	sb->doc = xasprintf("%s/doc.txt", sb->dir);
	assert_int_equal(mkdir(sb->home, 0755), 0);
	copy_file(test_bundled(), sb->doc);
	sb->owned[0] = xasprintf("HOME=%s", sb->home);
	sb->owned[1] = xasprintf("XDG_STATE_HOME=%s", sb->state);
	sb->owned[2] = xasprintf("XDG_CONFIG_HOME=%s", sb->config);
	for (int i = 0; i < 3; i++)
		sandbox_setenv(sb, sb->owned[i]);
	sandbox_setenv(sb, "LECTERN_CONFIG=/dev/null");
	sandbox_setenv(sb, "LC_ALL=C.UTF-8");
	sandbox_setenv(sb, "TERM=xterm");
	sandbox_setenv(sb, "NO_COLOR");
	sandbox_setenv(sb, "LECTERN_DATADIR");
}

static void
sandbox_done(struct sandbox *sb)
{
	chmod(sb->home, 0755);
	test_rmtree(sb->dir);
	free(sb->dir);
	free(sb->home);
	free(sb->state);
	free(sb->config);
	free(sb->doc);
	for (size_t i = 0; i < sizeof(sb->owned) / sizeof(sb->owned[0]); i++)
		free(sb->owned[i]);
}

/* lectern ARGS (NULL-terminated) in sb, as c says. */
static void
run_in(struct run *r, struct sandbox *sb, const struct child *c, ...)
{
	char *argv[32];
	va_list ap;
	int n = 0;

	argv[n++] = (char *)test_lectern();
	va_start(ap, c);
	while (n < 31 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	run_child(r, c, sb->env, argv);
}

/* The reader on sb's document, running script (the text of a --script
 * file). */
static void
run_script(struct run *r, struct sandbox *sb, const struct child *c,
    const char *script)
{
	char *path = xasprintf("%s/script", sb->dir);

	test_write_str(path, script);
	run_in(r, sb, c, "--script", path, sb->doc, (char *)NULL);
	free(path);
}

/* The label the "state" command gave first ("top: 6 (offset 4740)"). */
static const char *
top_label(const char *out)
{
	static char label[64];
	const char *p = strstr(out, "top: ");
	size_t n;

	if (p == NULL)
		return "";
	p += 5;
	n = strcspn(p, " \n");
	snprintf(label, sizeof(label), "%.*s", (int)MIN(n, sizeof(label) - 1), p);
	return label;
}

/* The message line of the first "state" (it follows "indexed:"), or "". */
static const char *
state_message(const char *out)
{
	static char msg[512];
	const char *p = strstr(out, "\nindexed: ");

	msg[0] = '\0';
	if (p && (p = strchr(p + 1, '\n')) != NULL && test_starts_with(p + 1, "message: ")) {
		p += 10;
		snprintf(msg, sizeof(msg), "%.*s", (int)strcspn(p, "\n"), p);
	}
	return msg;
}

/* The state file in sb (NULL if none), and in *ntmp how many temporary
 * files lie beside it.  Two state files fail the test. */
static char *
find_state(const struct sandbox *sb, int *ntmp)
{
	char *dir = xasprintf("%s/lectern", sb->state), *found = NULL;
	DIR *d = opendir(dir);
	struct dirent *e;
	int tmp = 0;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (strstr(e->d_name, ".tmp")) {
				tmp++;
				continue;
			}
			assert_null(found);
			found = xasprintf("%s/%s", dir, e->d_name);
		}
		closedir(d);
	}
	free(dir);
	if (ntmp)
		*ntmp = tmp;
	return found;
}

static const struct child plain = { .fsize = -1, .timeout = 30 };

/* Quit the reader at label in sb: the state file remembers it.  Returns
 * the state file's path. */
static char *
quit_at(struct sandbox *sb, const char *label)
{
	char script[256], *file;
	struct run r;
	int ntmp;

	snprintf(script, sizeof(script), "keys :%s<Enter>\nstate\nkeys q\n", label);
	run_script(&r, sb, &plain, script);
	if (r.status != 0 || strcmp(top_label(r.out), label) != 0)
		show("quit_at", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), label);
	assert_string_equal(r.err, "");
	run_done(&r);
	file = find_state(sb, &ntmp);
	assert_non_null(file);
	assert_int_equal(ntmp, 0);
	return file;
}

/* Where the reader starts in sb, and the message it shows then. */
static void
start_of(struct sandbox *sb, char *label, size_t size, char *msg, size_t msgsize)
{
	struct run r;

	run_script(&r, sb, &plain, "state\nkeys q\n");
	if (r.status != 0)
		show("start_of", &r);
	assert_int_equal(r.status, 0);
	snprintf(label, size, "%s", top_label(r.out));
	if (msg)
		snprintf(msg, msgsize, "%s", state_message(r.out));
	run_done(&r);
}

static void
assert_file_is(const char *path, const char *want, size_t wantlen)
{
	size_t n;
	char *p = test_read(path, &n);

	assert_int_equal(n, wantlen);
	assert_memory_equal(p, want, n);
	free(p);
}

/* The one line of stderr, which must be "lectern: " prefix... suffix. */
static void
assert_one_line(const struct run *r, const char *prefix, const char *suffix)
{
	if (count_lines(r->err) != 1 || !test_starts_with(r->err, prefix) ||
	    !test_ends_with(r->err, suffix)) {
		fprintf(stderr, "wanted one line: %s...%s", prefix, suffix);
		show("one line", r);
	}
	assert_int_equal(count_lines(r->err), 1);
	assert_true(test_starts_with(r->err, prefix));
	assert_true(test_ends_with(r->err, suffix));
}

/* ----------------------------------------------------- big documents */

/* A structured document of at least size bytes: the bundled document's
 * title, then its paragraphs again and again, renumbered 1, 2, 3... and
 * with a word of each copy's own at the end of every line. */
static void
make_doc(const char *path, unsigned long long size)
{
	size_t n, body;
	char *tpl = test_read(test_bundled(), &n);
	const char *p;
	FILE *f = fopen(path, "w");
	unsigned long long written = 0;
	unsigned long number = 0, copy = 0;
	int nparas = 0;

	assert_non_null(f);
	/* The body starts at the line "1. ". */
	p = strstr(tpl, "\n1. ");
	assert_non_null(p);
	body = (size_t)(p + 1 - tpl);
	fwrite(tpl, 1, body, f);
	written = body;
	for (const char *s = tpl + body; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s))
		if (*s >= '1' && *s <= '9' && strspn(s, "0123456789") < 3 &&
		    strncmp(s + strspn(s, "0123456789"), ". ", 2) == 0)
			nparas++;
	assert_true(nparas >= 5);
	while (written < size) {
		char word[16];
		unsigned long k = copy++ + 26 * 26;
		int w = 0;
		char rev[16];

		while (k) {
			rev[w++] = (char)('a' + k % 26);
			k /= 26;
		}
		memcpy(word, " lot", 4);
		for (int i = 0; i < w; i++)
			word[4 + i] = rev[w - 1 - i];
		word[4 + w] = '\0';
		for (const char *s = tpl + body; *s;) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);
			size_t digits = strspn(s, "0123456789"), end = len;
			int m;

			if (digits > 0 && digits < 3 && strncmp(s + digits, ". ", 2) == 0) {
				m = fprintf(f, "%lu", ++number);
				written += (unsigned long long)m;
				s += digits;
				len -= digits;
				end = len;
			}
			while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\r' ||
			    s[end - 1] == '\t'))
				end--;
			fwrite(s, 1, end, f);
			if (end > 0) {
				fputs(word, f);
				written += strlen(word);
			}
			fwrite(s + end, 1, len - end, f);
			written += len;
			if (nl) {
				fputc('\n', f);
				written++;
				s = nl + 1;
			} else
				break;
		}
	}
	assert_int_equal(fclose(f), 0);
	free(tpl);
}

/* Documents made once for the whole program (removed at the end). */
static char *big_docs[4];

static const char *
big_doc(int which, unsigned long long size)
{
	if (big_docs[which] == NULL) {
		char name[64];

		snprintf(name, sizeof(name), "fault-big-%d.txt", which);
		big_docs[which] = xstrdup(test_tmp(name));
		make_doc(big_docs[which], size);
	}
	return big_docs[which];
}

#define DOC_8M 0                /* 8 MiB: larger than SYNC_LIMIT (2 MiB) */
#define DOC_50M 1               /* the memory bound's document */
#define DOC_25M 2
#define DOC_LINE 3              /* 50 MiB in one line: one paragraph */

/* A document that is a title and one line of size bytes. */
static const char *
line_doc(unsigned long long size)
{
	if (big_docs[DOC_LINE] == NULL) {
		FILE *f;

		big_docs[DOC_LINE] = xstrdup(test_tmp("fault-big-line.txt"));
		assert_non_null(f = fopen(big_docs[DOC_LINE], "w"));
		fputs("ONE LONG LINE\n\n", f);
		/* Words every query of mem_queries finds. */
		for (unsigned long long i = 0; i < size / 32; i++)
			fputs("the three concerns, duplicated  ", f);
		fputs("end.\n", f);
		assert_int_equal(fclose(f), 0);
	}
	return big_docs[DOC_LINE];
}

static unsigned long long
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (unsigned long long)st.st_size;
}

/* ---------------------------------------------------- larger than memory */

/* A 200 MB document (sparse: 64 KiB of text, then nothing) under a 150 MB
 * address-space limit: one line, "lectern: FILE: Cannot allocate memory",
 * status 2, whatever the mode, and from a pipe too. */
static void
test_larger_than_memory(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *big, *want, *script;
	char *sh[] = { "/bin/sh", "-c", "cat \"$1\" | \"$2\" --dump -", "sh", NULL,
		(char *)test_lectern(), NULL };
	FILE *f;
	int fd;

	(void)state;
	skip_without_limits();
	sandbox_init(&sb, "huge");
	big = xasprintf("%s/huge.txt", sb.dir);
	script = xasprintf("%s/quit", sb.dir);
	test_write_str(script, "keys G\nwait\nkeys q\n");
	f = fopen(big, "w");
	assert_non_null(f);
	for (int i = 1; ftell(f) < 64 * 1024; i++)
		fprintf(f, "%d. Paragraph %d of a document too large for its limit.\n\n", i, i);
	assert_int_equal(fclose(f), 0);
	fd = open(big, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 200 * 1000 * 1000), 0);
	close(fd);
	c.as = 150 * 1000 * 1000;
	want = xasprintf("lectern: %s: Cannot allocate memory\n", big);

	run_in(&r, &sb, &c, "--dump", big, (char *)NULL);
	if (r.status != 2 || strcmp(r.err, want) != 0)
		show("--dump", &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, want);
	assert_int_equal(r.outlen, 0);
	run_done(&r);

	run_in(&r, &sb, &c, "--outline", "--json", big, (char *)NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, want);
	run_done(&r);

	run_in(&r, &sb, &c, "--script", script, big, (char *)NULL);
	if (r.status != 2 || strcmp(r.err, want) != 0)
		show("--script", &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, want);
	run_done(&r);

	/* From a pipe: read until the memory runs out. */
	sh[4] = big;
	run_child(&r, &c, sb.env, sh);
	if (r.status != 2)
		show("pipe", &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "lectern: -: Cannot allocate memory\n");
	run_done(&r);
	free(want);
	free(script);
	free(big);
	sandbox_done(&sb);
}

/* A low limit that is enough for the document: everything works. */
static void
test_low_limit_small_document(void **state)
{
	static const char *const queries[][3] = {
		{ "--dump" }, { "--outline", "--json" }, { "--print=5b" },
		{ "--lists", "--json" }, { "--xrefs", "--json" }, { "--terms" },
		{ "--search=duplicat" }, { "--resolve=the three concerns" },
	};
	struct sandbox sb;
	struct child c = plain;
	struct run r;

	(void)state;
	skip_without_limits();
	sandbox_init(&sb, "lowlimit");
	c.as = 32 * MIB;
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *argv[6] = { (char *)test_lectern() };
		int n = 1;

		for (int k = 0; k < 3 && queries[i][k]; k++)
			argv[n++] = (char *)queries[i][k];
		argv[n++] = sb.doc;
		argv[n] = NULL;
		run_child(&r, &c, sb.env, argv);
		if (r.status != 0 || r.errlen != 0)
			show(queries[i][0], &r);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
		assert_true(r.outlen > 0);
		run_done(&r);
	}
	run_script(&r, &sb, &c, "keys G\nwait\nkeys :6<Enter>\n"
	    "keys /duplicat<Enter>\nkeys o<Esc>i<Esc>\nstate\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "indexed: yes"));
	run_done(&r);
	sandbox_done(&sb);
}

/* Limits too low for a document (8 MiB) at every stage -- reading,
 * starting the indexing thread, indexing: never a crash, and when lectern
 * gives up, one line on standard error and status 2. */
static void
test_low_limit_gives_up_cleanly(void **state)
{
	static const unsigned long long limits[] = { 12, 16, 20, 24, 28, 40, 60 };
	const char *doc;
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *script;
	int gave_up = 0;

	(void)state;
	skip_without_limits();
	doc = big_doc(DOC_8M, 8 * MIB);
	sandbox_init(&sb, "giveup");
	script = xasprintf("%s/wait", sb.dir);
	test_write_str(script, "keys G\nwait\nstate\nkeys q\n");
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		for (int mode = 0; mode < 3; mode++) {
			c.as = limits[i] * MIB;
			c.out_path = mode == 2 ? NULL : "/dev/null";
			if (mode == 0)
				run_in(&r, &sb, &c, "--lists", doc, (char *)NULL);
			else if (mode == 1)
				run_in(&r, &sb, &c, "--outline", doc, (char *)NULL);
			else
				run_in(&r, &sb, &c, "--no-state", "--script", script, doc,
				    (char *)NULL);
			if (r.status >= 128 || (r.status != 0 && r.status != 2) ||
			    (r.status == 2 && count_lines(r.err) != 1) ||
			    (r.status == 0 && r.errlen != 0))
				show("limit", &r);
			assert_true(r.status == 0 || r.status == 2);
			if (r.status == 2) {
				gave_up++;
				assert_int_equal(count_lines(r.err), 1);
				assert_true(test_starts_with(r.err, "lectern: "));
			} else
				assert_string_equal(r.err, "");
			run_done(&r);
		}
	}
	assert_true(gave_up > 0);
	free(script);
	sandbox_done(&sb);
}

/* ---------------------------------------------------------- the state */

/* A full disk when the state is saved (RLIMIT_FSIZE below the file's
 * size, SIGXFSZ ignored): one line, status 0, the old file intact, no
 * temporary file left. */
static void
test_full_disk(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *file, *old, *want, label[64];
	size_t n;
	int ntmp;

	(void)state;
	sandbox_init(&sb, "fulldisk");
	c.fsize = 16;
	c.ignore_xfsz = true;
	/* No state yet: nothing is left behind. */
	run_script(&r, &sb, &c, "keys :6<Enter>\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_int_equal(count_lines(r.err), 1);
	assert_true(test_ends_with(r.err, ": File too large\n"));
	run_done(&r);
	assert_null(find_state(&sb, &ntmp));
	assert_int_equal(ntmp, 0);
	/* A state: kept as it was. */
	file = quit_at(&sb, "6");
	old = test_read(file, &n);
	run_script(&r, &sb, &c, "keys :3<Enter>\nkeys q\n");
	want = xasprintf("lectern: %s: File too large\n", file);
	if (r.status != 0 || strcmp(r.err, want) != 0)
		show("full disk", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, want);
	run_done(&r);
	assert_file_is(file, old, n);
	free(find_state(&sb, &ntmp));
	assert_int_equal(ntmp, 0);
	start_of(&sb, label, sizeof(label), NULL, 0);
	assert_string_equal(label, "6");
	free(want);
	free(old);
	free(file);
	sandbox_done(&sb);
}

/* Can a child that drops its privileges create something in dir? */
static bool
writable_to_child(const char *dir)
{
	char *probe = xasprintf("%s/probe", dir);
	char *argv[] = { "/bin/mkdir", probe, NULL };
	struct child c = plain;
	struct run r;
	bool ok;

	c.drop_dac = true;
	run_child(&r, &c, NULL, argv);
	ok = r.status == 0;
	run_done(&r);
	rmdir(probe);
	free(probe);
	return ok;
}

/* A read-only HOME, and a read-only state directory: the reader goes on,
 * says once that it cannot save, and the old state stays. */
static void
test_readonly_home(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *prefix, *file, *old, *statedir;
	size_t n;

	(void)state;
	sandbox_init(&sb, "rohome");
	c.drop_dac = true;
	/* No state directory, and none can be made in HOME. */
	sandbox_setenv(&sb, "XDG_STATE_HOME");
	assert_int_equal(chmod(sb.home, 0555), 0);
	if (writable_to_child(sb.home)) {
		sandbox_done(&sb);
		fprintf(stderr, "skipped: cannot make a directory read-only here\n");
		skip();
	}
	run_script(&r, &sb, &c, "keys :6<Enter>\nstate\nkeys q\n");
	prefix = xasprintf("lectern: %s/.local/state/lectern/", sb.home);
	if (r.status != 0)
		show("read-only HOME", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_one_line(&r, prefix, ": cannot create the directory: Permission denied\n");
	run_done(&r);
	free(prefix);
	assert_int_equal(chmod(sb.home, 0755), 0);

	/* A state directory that became read-only: restored, not saved. */
	sandbox_setenv(&sb, sb.owned[1]);
	file = quit_at(&sb, "6");
	old = test_read(file, &n);
	statedir = xasprintf("%s/lectern", sb.state);
	assert_int_equal(chmod(statedir, 0555), 0);
	run_script(&r, &sb, &c, "state\nkeys :3<Enter>\nkeys q\n");
	assert_int_equal(chmod(statedir, 0700), 0);
	prefix = xasprintf("lectern: %s: ", file);
	if (r.status != 0)
		show("read-only state directory", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_one_line(&r, prefix, "cannot create a temporary file: Permission denied\n");
	run_done(&r);
	assert_file_is(file, old, n);
	free(prefix);
	free(statedir);
	free(old);
	free(file);
	sandbox_done(&sb);
}

/* No HOME at all, an empty one, one that does not exist, one that is a
 * file: the reader works and exits 0, with at most one line. */
static void
test_missing_home(void **state)
{
	struct sandbox sb;
	struct run r;
	char *nohome, *filehome, *env_nohome, *env_filehome;

	(void)state;
	sandbox_init(&sb, "nohome");
	sandbox_setenv(&sb, "XDG_STATE_HOME");
	sandbox_setenv(&sb, "XDG_CONFIG_HOME");
	sandbox_setenv(&sb, "LECTERN_CONFIG");
	nohome = xasprintf("%s/does-not-exist", sb.dir);
	filehome = xasprintf("%s/a-file", sb.dir);
	test_write_str(filehome, "x\n");
	env_nohome = xasprintf("HOME=%s", nohome);
	env_filehome = xasprintf("HOME=%s", filehome);

	sandbox_setenv(&sb, "HOME");
	run_script(&r, &sb, &plain, "keys :6<Enter>\nstate\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_string_equal(r.err, "");
	run_done(&r);

	sandbox_setenv(&sb, "HOME=");
	run_script(&r, &sb, &plain, "keys :6<Enter>\nstate\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_string_equal(r.err, "");
	run_done(&r);

	sandbox_setenv(&sb, env_nohome);
	run_script(&r, &sb, &plain, "keys :6<Enter>\nstate\nkeys q\n");
	if (r.status != 0 || count_lines(r.err) > 1)
		show("HOME missing", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_true(count_lines(r.err) <= 1);
	run_done(&r);

	sandbox_setenv(&sb, env_filehome);
	run_script(&r, &sb, &plain, "keys :6<Enter>\nstate\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "6");
	assert_one_line(&r, "lectern: ", ": cannot create the directory: Not a directory\n");
	run_done(&r);
	free(env_nohome);
	free(env_filehome);
	free(nohome);
	free(filehome);
	sandbox_done(&sb);
}

/* A state file that is a symbolic link is neither followed nor replaced:
 * not to a file of the user's, not to another state file, not dangling. */
static void
test_state_symlink(void **state)
{
	static const char precious[] = "precious: not a state file\n";
	struct sandbox sb;
	struct run r;
	char *file, *target, *other, *dangling, *want, *saved, link[PATH_MAX];
	size_t n;
	ssize_t k;
	struct stat st;

	(void)state;
	sandbox_init(&sb, "symlink");
	file = quit_at(&sb, "6");
	saved = test_read(file, &n);
	target = xasprintf("%s/precious", sb.dir);
	other = xasprintf("%s/other-state", sb.dir);
	dangling = xasprintf("%s/created-through-a-link", sb.dir);
	want = xasprintf("lectern: %s: is a symbolic link; not written\n", file);
	test_write(target, precious, sizeof(precious) - 1);
	test_write(other, saved, n);

	/* To a file of the user's. */
	assert_int_equal(unlink(file), 0);
	assert_int_equal(symlink(target, file), 0);
	run_script(&r, &sb, &plain, "state\nkeys :3<Enter>\nkeys q\n");
	if (r.status != 0 || strcmp(r.err, want) != 0)
		show("symlink", &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "title");
	assert_string_equal(state_message(r.out), "is a symbolic link; ignored");
	assert_string_equal(r.err, want);
	run_done(&r);
	assert_file_is(target, precious, sizeof(precious) - 1);
	assert_int_equal(lstat(file, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	k = readlink(file, link, sizeof(link) - 1);
	assert_true(k > 0);
	link[k] = '\0';
	assert_string_equal(link, target);

	/* To a valid state file: not read either. */
	assert_int_equal(unlink(file), 0);
	assert_int_equal(symlink(other, file), 0);
	run_script(&r, &sb, &plain, "state\nkeys :3<Enter>\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(top_label(r.out), "title");
	assert_string_equal(r.err, want);
	run_done(&r);
	assert_file_is(other, saved, n);

	/* Dangling: nothing is created at its end. */
	assert_int_equal(unlink(file), 0);
	assert_int_equal(symlink(dangling, file), 0);
	run_script(&r, &sb, &plain, "keys :3<Enter>\nkeys q\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, want);
	run_done(&r);
	assert_int_equal(lstat(dangling, &st), -1);
	assert_int_equal(errno, ENOENT);
	free(find_state(&sb, NULL));

	free(want);
	free(dangling);
	free(other);
	free(target);
	free(saved);
	free(file);
	sandbox_done(&sb);
}

/* A state file cut short, at every length: ignored (with a message on the
 * status line when it is not a whole file), never fatal; quitting writes
 * a whole one again.  A temporary file left by a crash changes nothing. */
static void
test_state_truncated(void **state)
{
	struct sandbox sb;
	struct run r;
	char *file, *full, *stale, label[64], msg[512];
	size_t n, after_hash;
	int ntmp;

	(void)state;
	sandbox_init(&sb, "truncated");
	file = quit_at(&sb, "6");
	full = test_read(file, &n);
	assert_true(n > 20 && full[n - 1] == '\n');
	after_hash = (size_t)(strstr(full, "\nhash ") - full) + 1;
	after_hash += strcspn(full + after_hash, "\n") + 1;
	for (size_t len = 0; len < n; len++) {
		test_write(file, full, len);
		run_script(&r, &sb, &plain, "state\nkeys q\n");
		if (r.status != 0 || r.errlen != 0 ||
		    strcmp(top_label(r.out), "title") != 0)
			show("truncated", &r);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
		/* Only the whole file says where the reader was. */
		assert_string_equal(top_label(r.out), "title");
		if (len == after_hash)
			assert_string_equal(state_message(r.out), "");
		else
			assert_non_null(strstr(state_message(r.out), "corrupt state file ignored"));
		run_done(&r);
		/* Quitting wrote a whole file. */
		{
			size_t m;
			char *now = test_read(file, &m);

			assert_true(m > 0 && now[m - 1] == '\n');
			assert_true(test_starts_with(now, "lectern-state 1\n"));
			assert_non_null(strstr(now, "\nhash "));
			assert_non_null(strstr(now, "\ntop "));
			free(now);
		}
	}
	free(find_state(&sb, &ntmp));
	assert_int_equal(ntmp, 0);

	/* A crash mid-write leaves the temporary file, never a half state. */
	test_write(file, full, n);
	stale = xasprintf("%s.tmp-99999-0", file);
	test_write(stale, full, n / 2);
	start_of(&sb, label, sizeof(label), msg, sizeof(msg));
	assert_string_equal(label, "6");
	assert_string_equal(msg, "");
	assert_file_is(stale, full, n / 2);
	free(stale);
	free(full);
	free(file);
	sandbox_done(&sb);
}

/* Several readers quitting at once, at different places: the state file
 * is whole (the next reader starts at one of those places) and no
 * temporary file is left. */
static void
test_concurrent_saves(void **state)
{
	static const char *const labels[] = { "2", "3", "4", "5", "6", "7" };
	enum { N = sizeof(labels) / sizeof(labels[0]) };
	struct sandbox sb;
	char label[64], msg[512], *file;
	int ntmp;

	(void)state;
	sandbox_init(&sb, "concurrent");
	for (int round = 0; round < 4; round++) {
		pid_t pid[N];

		fflush(NULL);
		for (int i = 0; i < N; i++) {
			pid[i] = fork();
			assert_true(pid[i] >= 0);
			if (pid[i] == 0) {
				char script[128], *path;
				struct run r;
				char *argv[] = { (char *)test_lectern(), "--script", NULL,
					sb.doc, NULL };

				snprintf(script, sizeof(script), "keys :%s<Enter>\nkeys q\n",
				    labels[(i + round) % N]);
				path = xasprintf("%s/script-%d", sb.dir, i);
				test_write_str(path, script);
				argv[2] = path;
				run_child(&r, &plain, sb.env, argv);
				_exit(r.status == 0 && r.errlen == 0 ? 0 : 1);
			}
		}
		for (int i = 0; i < N; i++) {
			int st;

			assert_int_equal(waitpid(pid[i], &st, 0), pid[i]);
			assert_true(WIFEXITED(st));
			assert_int_equal(WEXITSTATUS(st), 0);
		}
		file = find_state(&sb, &ntmp);
		assert_non_null(file);
		assert_int_equal(ntmp, 0);
		free(file);
		start_of(&sb, label, sizeof(label), msg, sizeof(msg));
		assert_string_equal(msg, "");
		{
			bool known = false;

			for (int i = 0; i < N; i++)
				known |= strcmp(label, labels[i]) == 0;
			if (!known)
				fprintf(stderr, "started at '%s'\n", label);
			assert_true(known);
		}
	}
	sandbox_done(&sb);
}

/* ---------------------------------------------- the document changes */

/* Change path (of size bytes) after ms milliseconds, in a child. */
static pid_t
change_later(const char *path, unsigned long long size, int how, int ms)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(path, O_WRONLY);
		char junk[4096];

		test_sleep_ms(ms);
		if (fd < 0)
			_exit(1);
		switch (how) {
		case 0:         /* shrinks to a third */
			(void)!ftruncate(fd, (off_t)(size / 3));
			break;
		case 1:         /* shrinks to nothing */
			(void)!ftruncate(fd, 0);
			break;
		case 2:         /* changes: invalid UTF-8 in the middle */
			memset(junk, 0xFF, sizeof(junk));
			for (int i = 0; i < 64; i++)
				(void)!pwrite(fd, junk, sizeof(junk),
				    (off_t)(size / 2 + (unsigned long long)i * 65536));
			break;
		case 3:         /* shrinks below what was read first */
			(void)!ftruncate(fd, 1000);
			break;
		}
		close(fd);
		_exit(0);
	}
	return pid;
}

/* A document that shrinks or changes while lectern reads it (a large one,
 * read in two steps, the rest on another thread): no SIGBUS, ever, and a
 * sane end.  Repeated at several moments. */
static void
test_document_shrinks(void **state)
{
	static const int delays[] = { 0, 2, 8, 30 };
	const char *src = big_doc(DOC_8M, 8 * MIB);
	struct sandbox sb;
	struct child c = plain;
	unsigned long long size = file_size(src);
	char *victim, *script;

	(void)state;
	sandbox_init(&sb, "shrinks");
	victim = xasprintf("%s/victim.txt", sb.dir);
	script = xasprintf("%s/read", sb.dir);
	test_write_str(script, "keys G\nwait\nstate\nkeys g/lot<Enter>\nstate\nkeys q\n");
	for (int how = 0; how < 4; how++)
		for (size_t d = 0; d < sizeof(delays) / sizeof(delays[0]); d++)
			for (int mode = 0; mode < 2; mode++) {
				struct run r;
				pid_t pid;
				int st;

				copy_file(src, victim);
				pid = change_later(victim, size, how, delays[d]);
				if (mode == 0)
					run_in(&r, &sb, &c, "--no-state", "--script", script,
					    victim, (char *)NULL);
				else
					run_in(&r, &sb, &c, "--search=lotbab", victim,
					    (char *)NULL);
				waitpid(pid, &st, 0);
				if (r.status >= 128 || count_lines(r.err) > 1)
					show("document changed", &r);
				assert_int_not_equal(r.status, 128 + SIGBUS);
				assert_int_not_equal(r.status, 128 + SIGSEGV);
				assert_true(r.status < 128);
				assert_true(count_lines(r.err) <= 1);
				if (mode == 0) {
					assert_int_equal(r.status, 0);
					assert_non_null(strstr(r.out, "indexed: yes"));
				} else {
					/* 1 is "nothing matches" alone (a sanitizer's
					 * report exits 1 too, in one line). */
					assert_true(r.status == 0 || r.status == 1);
					assert_true(r.status == 0 ||
					    strstr(r.err, "nothing matches") != NULL);
				}
				run_done(&r);
			}
	free(script);
	free(victim);
	sandbox_done(&sb);
}

/* -------------------------------------------------- standard input */

/* Standard input that ends early: what came is read; a script that ends
 * without q quits and saves; a closed standard input is one message. */
static void
test_stdin_closes_early(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char label[64];
	size_t n, half;
	char *doc = test_read(test_bundled(), &n), *script;

	(void)state;
	sandbox_init(&sb, "stdin");
	/* Half the document, cut at the end of a line. */
	half = (size_t)(strstr(doc, "\n5. ") - doc) + 1;
	c.input = doc;
	c.inlen = half;
	run_in(&r, &sb, &c, "--dump", "-", (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "1.  I wish to thank"));
	assert_non_null(strstr(r.out, "4.  Although IOM"));
	assert_null(strstr(r.out, "5.  The purpose"));
	run_done(&r);
	/* No file named: standard input too. */
	run_in(&r, &sb, &c, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "4.  Although IOM"));
	run_done(&r);
	/* The reader on it. */
	script = xasprintf("%s/script", sb.dir);
	test_write_str(script, "keys G\nwait\nkeys :4<Enter>\nstate\nkeys :5<Enter>\nstate\nkeys q\n");
	run_in(&r, &sb, &c, "--script", script, "-", (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(top_label(r.out), "4");
	assert_non_null(strstr(r.out, "indexed: yes"));
	assert_non_null(strstr(r.out, "message: nothing answers to 5"));
	run_done(&r);

	/* The keys end early (a script on standard input without q). */
	c.input = "keys :6<Enter>\n";
	c.inlen = strlen(c.input);
	run_in(&r, &sb, &c, "--script", "-", sb.doc, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	run_done(&r);
	start_of(&sb, label, sizeof(label), NULL, 0);
	assert_string_equal(label, "6");

	/* Closed. */
	c = plain;
	c.close_stdin = true;
	run_in(&r, &sb, &c, "--dump", "-", (char *)NULL);
	assert_int_equal(r.status, 2);
	assert_one_line(&r, "lectern: -: ", "\n");
	run_done(&r);
	free(script);
	free(doc);
	sandbox_done(&sb);
}

/* Standard input cut inside a character (the writer died mid-write): the
 * text is still UTF-8, with one U+FFFD at most where it was cut -- not
 * read again as Windows-1252, which would garble every quote. */
static void
test_stdin_cut_inside_a_character(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	size_t n, cut;
	char *doc = test_read(test_bundled(), &n);
	const char *p = strstr(doc, "Committee\xE2\x80\x99s work");

	(void)state;
	assert_non_null(p);
	cut = (size_t)(p - doc) + strlen("Committee") + 2;   /* inside the ’ */
	sandbox_init(&sb, "stdincut");
	c.input = doc;
	c.inlen = cut;
	run_in(&r, &sb, &c, "--dump", "-", (char *)NULL);
	if (strstr(r.out, "GENERAL\xE2\x80\x99S") == NULL)
		show("cut inside a character", &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "GENERAL\xE2\x80\x99S RESPONSE"));
	assert_null(strstr(r.out, "\xC3\xA2\xE2\x82\xAC"));     /* "â€" */
	assert_true(r.errlen == 0 || strcmp(r.err,
	    "lectern: -: 1 invalid or unmappable character shown as U+FFFD\n") == 0);
	run_done(&r);
	/* The same from a file that was cut. */
	test_write(sb.doc, doc, cut);
	run_in(&r, &sb, &c, "--dump", sb.doc, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "GENERAL\xE2\x80\x99S RESPONSE"));
	run_done(&r);
	free(doc);
	sandbox_done(&sb);
}

/* ------------------------------------------------------------ SIGPIPE */

/* lectern ARGS... with its output on a pipe that is closed after the
 * first line, as in "lectern --dump big | head -1".  Returns its status;
 * its standard error goes in *err (caller frees). */
static int
closed_after_one_line(bool ignore_pipe, char **err, char *const argv[],
    char *const env[])
{
	int out[2], errp[2], st;
	char c, buf[4096];
	size_t errlen = 0, errcap = 0;
	ssize_t k;
	pid_t pid;

	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(errp), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct child ch = plain;

		ch.ignore_pipe = ignore_pipe;
		ch.in_path = "/dev/null";
		close(out[0]);
		close(errp[0]);
		child_exec(&ch, env, argv, -1, out[1], errp[1]);
	}
	close(out[1]);
	close(errp[1]);
	while ((k = read(out[0], &c, 1)) == 1 && c != '\n')
		;
	close(out[0]);          /* head -1 is done */
	*err = NULL;
	append(err, &errlen, &errcap, "", 0);
	while ((k = read(errp[0], buf, sizeof(buf))) > 0)
		append(err, &errlen, &errcap, buf, (size_t)k);
	close(errp[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* "lectern --dump big | head -1".  With SIGPIPE at its default, lectern
 * dies of it, silently, as cat(1) and less(1) do: status 141 in the
 * shell, which says nothing about it, and which `set -o pipefail` can
 * tell from success (exiting 0 would claim the whole output was
 * written).  With SIGPIPE ignored (as some parents leave it), the write
 * fails with EPIPE and lectern says so in one line and exits 2, as cat
 * says "write error: Broken pipe" and exits 1. */
static void
test_sigpipe(void **state)
{
	static const char *const modes[][2] = {
		{ "--dump" }, { NULL }, { "--outline", "--json" },
		{ "--search=lot" }, { "--terms" },
	};
	const char *doc = big_doc(DOC_8M, 8 * MIB);
	struct sandbox sb;
	int failed = 0;

	(void)state;
	sandbox_init(&sb, "sigpipe");
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		for (int ignore = 0; ignore < 2; ignore++) {
			char *argv[5] = { (char *)test_lectern() }, *err;
			int n = 1, status;
			bool ok;

			for (int k = 0; k < 2 && modes[i][k]; k++)
				argv[n++] = (char *)modes[i][k];
			argv[n++] = (char *)doc;
			argv[n] = NULL;
			status = closed_after_one_line(ignore, &err, argv, sb.env);
			if (ignore == 0)
				ok = status == 128 + SIGPIPE && *err == '\0';
			else
				ok = status == 2 && strcmp(err,
				    "lectern: standard output: Broken pipe\n") == 0;
			if (!ok) {
				fprintf(stderr, "%s %s (SIGPIPE %s): status %d, stderr: %s%s",
				    modes[i][0] ? modes[i][0] : "(no option)",
				    modes[i][1] ? modes[i][1] : "",
				    ignore ? "ignored" : "default", status, err,
				    *err ? "" : "(nothing)\n");
				failed++;
			}
			free(err);
		}
	sandbox_done(&sb);
	assert_int_equal(failed, 0);
}

/* Standard output on a full disk (/dev/full): every query says so in one
 * line and exits 2; none claims success. */
static void
test_output_full(void **state)
{
	static const char *const queries[][2] = {
		{ "--dump" }, { NULL }, { "--outline" }, { "--outline", "--json" },
		{ "--print=5" }, { "--lists" }, { "--lists", "--json" },
		{ "--xrefs" }, { "--xrefs", "--json" }, { "--terms" },
		{ "--terms", "--json" }, { "--search=duplicat" },
		{ "--search=duplicat", "--json" }, { "--resolve=the three concerns" },
		{ "--resolve=the three concerns", "--json" },
	};
	struct sandbox sb;
	struct child c = plain;
	int failed = 0;

	(void)state;
	sandbox_init(&sb, "devfull");
	c.out_path = "/dev/full";
	if (access("/dev/full", W_OK) != 0) {
		sandbox_done(&sb);
		skip();
	}
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *argv[5] = { (char *)test_lectern() };
		struct run r;
		int n = 1;

		for (int k = 0; k < 2 && queries[i][k]; k++)
			argv[n++] = (char *)queries[i][k];
		argv[n++] = sb.doc;
		argv[n] = NULL;
		run_child(&r, &c, sb.env, argv);
		if (r.status != 2 || strcmp(r.err,
		    "lectern: standard output: No space left on device\n") != 0) {
			fprintf(stderr, "%s %s > /dev/full: status %d, stderr: %s%s",
			    queries[i][0] ? queries[i][0] : "(no option)",
			    queries[i][1] ? queries[i][1] : "", r.status, r.err,
			    r.errlen ? "" : "(nothing)\n");
			failed++;
		}
		run_done(&r);
	}
	sandbox_done(&sb);
	assert_int_equal(failed, 0);
}

/* ------------------------------------------------------ memory bound */

static const char *const mem_queries[][3] = {
	{ "--outline", "--json" }, { "--xrefs", "--json" }, { "--lists" },
	{ "--search=duplicat" }, { "--resolve=the three concerns" },
	{ "--terms", "--json" }, { "--dump" },
};

static const char mem_session[] =
    "keys G\nwait\nstate\nkeys :6<Enter>\nkeys /duplicat<Enter>\nstate\nkeys q\n";

/* Run query q (an index in mem_queries; -1: the reader's session) on doc
 * under an address-space limit; true if it did its job. */
static bool
mem_run(struct sandbox *sb, const char *doc, int q, unsigned long long limit,
    bool verbose)
{
	struct child c = plain;
	struct run r;
	bool ok;

	c.as = limit;
	c.timeout = 120;
	if (q < 0) {
		char *script = xasprintf("%s/session", sb->dir);

		test_write_str(script, mem_session);
		run_in(&r, sb, &c, "--no-state", "--script", script, doc, (char *)NULL);
		free(script);
		ok = r.status == 0 && r.errlen == 0 && strstr(r.out, "indexed: yes") != NULL;
	} else {
		char *argv[6] = { (char *)test_lectern() };
		int n = 1;

		for (int k = 0; k < 3 && mem_queries[q][k]; k++)
			argv[n++] = (char *)mem_queries[q][k];
		argv[n++] = (char *)doc;
		argv[n] = NULL;
		c.out_path = "/dev/null";
		run_child(&r, &c, sb->env, argv);
		ok = r.status == 0 && r.errlen == 0;
	}
	if (!ok && verbose)
		show(q < 0 ? "reader" : mem_queries[q][0], &r);
	run_done(&r);
	return ok;
}

/* Every query on a 50 MiB document within MEM_QUERY_X x its size +
 * MEM_QUERY_C of address space.  (On the bare repetition of the bundled
 * document, without make_doc()'s word per copy, --xrefs takes more than
 * ten minutes at 50 MiB: xrefs_related() samples a stem's postings by
 * walking all of them, and there every stem is common.) */
static void
test_memory_bound_queries(void **state)
{
	const char *doc;
	unsigned long long size, limit;
	struct sandbox sb;

	(void)state;
	skip_without_limits();
	doc = big_doc(DOC_50M, MEM_DOC_SIZE);
	size = file_size(doc);
	limit = (unsigned long long)(MEM_QUERY_X * (double)size) + MEM_QUERY_C;
	sandbox_init(&sb, "memq");
	/* Numbered paragraphs, then one paragraph of 50 MiB (which is laid
	 * out a block of BLOCK_MAX at a time). */
	for (int which = 0; which < 2; which++) {
		if (which == 1) {
			doc = line_doc(MEM_DOC_SIZE);
			size = file_size(doc);
			limit = (unsigned long long)(MEM_QUERY_X * (double)size) + MEM_QUERY_C;
		}
		for (size_t q = 0; q < sizeof(mem_queries) / sizeof(mem_queries[0]); q++) {
			bool ok = mem_run(&sb, doc, (int)q, limit, true);

			if (!ok)
				fprintf(stderr, "%s %s %s: failed within %.1f MiB (%.1f x %.1f MiB + %llu MiB)\n",
				    which ? "one line:" : "paragraphs:",
				    mem_queries[q][0], mem_queries[q][1] ? mem_queries[q][1] : "",
				    (double)limit / MIB, MEM_QUERY_X, (double)size / MIB,
				    MEM_QUERY_C / MIB);
			assert_true(ok);
		}
	}
	sandbox_done(&sb);
}

/* The reader, which indexes on a second thread while it shows a window,
 * on the same document and on one of 25 MiB (where the bound is
 * tightest): to the end, waiting for the index, a jump and a search,
 * within MEM_READER_X x size + MEM_READER_C. */
static void
test_memory_bound_reader(void **state)
{
	const char *docs[2];
	struct sandbox sb;

	(void)state;
	skip_without_limits();
	docs[0] = big_doc(DOC_50M, MEM_DOC_SIZE);
	docs[1] = big_doc(DOC_25M, MEM_DOC_SIZE / 2);
	sandbox_init(&sb, "memr");
	for (int i = 0; i < 2; i++) {
		unsigned long long size = file_size(docs[i]);
		unsigned long long limit = (unsigned long long)(MEM_READER_X *
		    (double)size) + MEM_READER_C;
		bool ok = mem_run(&sb, docs[i], -1, limit, true);

		if (!ok)
			fprintf(stderr, "reader: failed within %.1f MiB (%.1f x %.1f MiB + %llu MiB)\n",
			    (double)limit / MIB, MEM_READER_X, (double)size / MIB,
			    MEM_READER_C / MIB);
		assert_true(ok);
	}
	sandbox_done(&sb);
}

/* FAULT_MEASURE=1: the smallest limit each command needs (a binary
 * search), printed with the factor it implies; how the constants above
 * were found.  FAULT_MEASURE=N measures on an N MiB document instead.
 * Minutes: main() runs it, alone, only when FAULT_MEASURE is set. */
static void
test_memory_measure(void **state)
{
	const char *env = getenv("FAULT_MEASURE");
	unsigned long long size, mib = env ? strtoull(env, NULL, 10) : 0;
	const char *doc;
	char *own = NULL;
	struct sandbox sb;

	(void)state;
	assert_true(env != NULL && *env != '\0');
	skip_without_limits();
	if (mib <= 1)
		doc = big_doc(DOC_50M, MEM_DOC_SIZE);
	else {
		own = xstrdup(test_tmp("fault-measure.txt"));
		make_doc(own, mib * MIB);
		doc = own;
	}
	size = file_size(doc);
	sandbox_init(&sb, "measure");
	for (int q = -1; q < (int)(sizeof(mem_queries) / sizeof(mem_queries[0])); q++) {
		unsigned long long lo = 1 * MIB, hi = 8 * size + 256 * MIB;

		if (!mem_run(&sb, doc, q, hi, true)) {
			fprintf(stderr, "measure: fails even within %llu MiB\n", hi / MIB);
			continue;
		}
		while (hi - lo > MIB / 4) {
			unsigned long long mid = lo + (hi - lo) / 2;

			if (mem_run(&sb, doc, q, mid, false))
				hi = mid;
			else
				lo = mid;
		}
		fprintf(stderr, "measure: %-26s %7.1f MiB for %.1f MiB: "
		    "%.2f x size + 16 MiB, %.2f x size + 64 MiB\n",
		    q < 0 ? "reader session" : mem_queries[q][0], (double)hi / MIB,
		    (double)size / MIB, ((double)hi - 16.0 * MIB) / (double)size,
		    ((double)hi - 64.0 * MIB) / (double)size);
	}
	if (own) {
		unlink(own);
		free(own);
	}
	sandbox_done(&sb);
}

/* ----------------------------------------------------- terminal safety */

/* What no query may write raw: ESC, C0 controls but tab and newline,
 * DEL, C1 controls in UTF-8 (U+0080-U+009F), direction overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), zero-width characters
 * (U+200B-U+200F, U+2060, U+FEFF).  Returns the offset of the first, or
 * -1. */
static long
first_unsafe(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		unsigned char c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
			return (long)i;
		if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F)
			return (long)i;
		if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x8B && c2 <= 0x8F) ||
		    (c2 >= 0xAA && c2 <= 0xAE)))
			return (long)i;
		if (c == 0xE2 && c1 == 0x81 && (c2 == 0xA0 || (c2 >= 0xA6 && c2 <= 0xA9)))
			return (long)i;
		if (c == 0xEF && c1 == 0xBB && c2 == 0xBF)
			return (long)i;
	}
	return -1;
}

static void
assert_safe(const char *what, const char *s, size_t n)
{
	long at = first_unsafe(s, n);

	if (at >= 0) {
		long from = at > 40 ? at - 40 : 0;

		fprintf(stderr, "%s: unsafe byte 0x%02X at %ld, after: ", what,
		    (unsigned char)s[at], at);
		for (long i = from; i < at; i++)
			fprintf(stderr, (unsigned char)s[i] < 0x20 ? "\\x%02X" : "%c",
			    (unsigned char)s[i]);
		fprintf(stderr, "\n");
	}
	assert_int_equal(at, -1);
}

/* Every query on doc (with extra options before it): no unsafe byte in
 * its output, nor on its standard error. */
static void
queries_safe(struct sandbox *sb, const char *doc, const char *opt)
{
	static const char *const queries[][3] = {
		{ "--dump" }, { "--dump", "--width=24" }, { NULL },
		{ "--outline" }, { "--outline", "--json" },
		{ "--print=1" }, { "--print=2" }, { "--print=2b" }, { "--print=3" },
		{ "--lists" }, { "--lists", "--json" },
		{ "--xrefs" }, { "--xrefs", "--json" },
		{ "--terms" }, { "--terms", "--json" },
		{ "--search=desrever" }, { "--search=desrever", "--json" },
		{ "--search=office" }, { "--search=red", "--json" },
		{ "--resolve=the three concerns" }, { "--resolve=the two concerns" },
		{ "--resolve=the three concerns", "--json" },
		{ "--resolve=desrever", "--all" }, { "--resolve=Link Office" },
		{ "--resolve=Link Office", "--json" }, { "--resolve=2b", "--json" },
		{ "--lint" },
	};
	struct child c = plain;

	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *argv[8] = { (char *)test_lectern() }, what[256];
		struct run r;
		int n = 1;

		if (opt)
			argv[n++] = (char *)opt;
		for (int k = 0; k < 3 && queries[i][k]; k++)
			argv[n++] = (char *)queries[i][k];
		argv[n++] = (char *)doc;
		argv[n] = NULL;
		run_child(&r, &c, sb->env, argv);
		snprintf(what, sizeof(what), "%s %s %s", opt ? opt : "",
		    queries[i][0] ? queries[i][0] : "(plain)",
		    queries[i][1] ? queries[i][1] : "");
		if (r.status != 0 && r.status != 1)
			show(what, &r);
		assert_true(r.status == 0 || r.status == 1);
		assert_safe(what, r.out, r.outlen);
		assert_safe(what, r.err, r.errlen);
		run_done(&r);
	}
}

/* Documents that carry escape sequences and invisible characters: no
 * query writes them raw, in text or JSON; --dump shows them as visible
 * placeholders. */
static void
test_hostile_queries(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *latin1;

	(void)state;
	sandbox_init(&sb, "hostile");
	test_write(sb.doc, hostile_utf8, sizeof(hostile_utf8) - 1);
	queries_safe(&sb, sb.doc, NULL);
	run_in(&r, &sb, &c, "--dump", sb.doc, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "^[]8;;http://evil.example/^[\\click"));
	assert_non_null(strstr(r.out, "^[P+q544e^[\\"));
	assert_non_null(strstr(r.out, "<U+009B>31m"));
	assert_non_null(strstr(r.out, "<U+202E>desrever<U+202C>"));
	assert_non_null(strstr(r.out, "zero<U+200B>width"));
	assert_non_null(strstr(r.out, "bom<U+FEFF>inside"));
	run_done(&r);

	latin1 = xasprintf("%s/latin1.txt", sb.dir);
	test_write(latin1, hostile_latin1, sizeof(hostile_latin1) - 1);
	/* Detected as Windows-1252; forced as Latin-1, where they are C1. */
	queries_safe(&sb, latin1, NULL);
	queries_safe(&sb, latin1, "--encoding=ISO-8859-1");
	queries_safe(&sb, latin1, "--encoding=CP1252");
	run_in(&r, &sb, &c, "--encoding=ISO-8859-1", "--dump", latin1, (char *)NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "<U+009B>31mred<U+009B>0m"));
	assert_non_null(strstr(r.out, "<U+009D>0;pwn<U+009C>"));
	assert_non_null(strstr(r.out, "caf\xC3\xA9"));
	run_done(&r);
	free(latin1);
	sandbox_done(&sb);
}

/* The reader's screens (the script mode prints what the terminal would
 * show): placeholders, never the characters, in the text, the outline,
 * the search, the index, the lists and the peek window. */
static void
test_hostile_screens(void **state)
{
	static const char script[] =
	    "screen\n"
	    "keys o\nscreen\nkeys <Esc>\n"
	    "keys /desrever<Enter>\nscreen\nkeys &\nscreen\nkeys <Esc>\n"
	    "keys i\nscreen\nkeys <Esc>\n"
	    "keys L\nscreen\nkeys <Esc>\n"
	    "keys :3<Enter><Tab>\nstate\nkeys p\nscreen\nkeys <Esc>\n"
	    "keys r\nscreen\nkeys <Esc>\n"
	    "keys :2b<Enter>\nscreen\nstate\nkeys q\n";
	struct sandbox sb;
	struct run r;

	(void)state;
	sandbox_init(&sb, "screens");
	test_write(sb.doc, hostile_utf8, sizeof(hostile_utf8) - 1);
	run_script(&r, &sb, &plain, script);
	if (r.status != 0)
		show("screens", &r);
	assert_int_equal(r.status, 0);
	assert_safe("screens", r.out, r.outlen);
	assert_safe("screens (stderr)", r.err, r.errlen);
	assert_non_null(strstr(r.out, "^[]8;;http://evil.example/^[\\click"));
	assert_non_null(strstr(r.out, "<U+202E>"));
	assert_non_null(strstr(r.out, "<U+200B>"));
	run_done(&r);
	sandbox_done(&sb);
}

/* Nothing a document says is opened or run: with every program that
 * opens a link replaced by one that leaves a mark, following every
 * reference of the hostile document (and its hyperlinks' text) leaves
 * none. */
static void
test_nothing_is_opened(void **state)
{
	static const char *const openers[] = { "xdg-open", "open", "gio",
		"sensible-browser", "x-www-browser", "www-browser", "firefox",
		"chromium", "lynx", "w3m", "browser", "wl-copy", "xclip", "xsel" };
	static const char script[] =
	    "keys <Tab><Enter>\nkeys <BS>\nkeys <Tab><Tab><Enter>\nkeys <BS>\n"
	    "keys <Tab><Tab><Tab><Enter>\nkeys <Tab>p<Enter>\nkeys :3<Enter>\n"
	    "keys <Tab><Enter><Tab><Enter><Tab><Enter><Tab><Enter>\n"
	    "keys :Link Office<Enter>\nkeys i<Enter>,,\nkeys r<Enter>\n"
	    "keys L<Enter>)(\nkeys /click<Enter><Enter>\nkeys q\n";
	struct sandbox sb;
	struct run r;
	char *bin, *mark, *path, *browser;
	struct stat st;

	(void)state;
	sandbox_init(&sb, "opened");
	test_write(sb.doc, hostile_utf8, sizeof(hostile_utf8) - 1);
	bin = xasprintf("%s/bin", sb.dir);
	mark = xasprintf("%s/opened", sb.dir);
	assert_int_equal(mkdir(bin, 0755), 0);
	for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++) {
		char *p = xasprintf("%s/%s", bin, openers[i]);
		char *text = xasprintf("#!/bin/sh\necho \"$0 $*\" >>'%s'\n", mark);

		test_write_str(p, text);
		assert_int_equal(chmod(p, 0755), 0);
		free(text);
		free(p);
	}
	path = xasprintf("PATH=%s:%s", bin, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	browser = xasprintf("BROWSER=%s/browser", bin);
	sandbox_setenv(&sb, path);
	sandbox_setenv(&sb, browser);
	sandbox_setenv(&sb, "DISPLAY=:0");
	sandbox_setenv(&sb, "WAYLAND_DISPLAY=wayland-0");
	run_script(&r, &sb, &plain, script);
	if (r.status != 0)
		show("follow everything", &r);
	assert_int_equal(r.status, 0);
	run_done(&r);
	run_in(&r, &sb, &plain, "--no-state", "--script", "/dev/null", "+/click",
	    sb.doc, (char *)NULL);
	assert_int_equal(r.status, 0);
	run_done(&r);
	if (stat(mark, &st) == 0) {
		size_t n;
		char *what = test_read(mark, &n);

		fprintf(stderr, "opened or run: %s", what);
		free(what);
	}
	assert_int_equal(stat(mark, &st), -1);
	free(browser);
	free(path);
	free(mark);
	free(bin);
	sandbox_done(&sb);
}

/* A file name with escapes in it is not the document, but --lint prints
 * it and the one-line errors name it: never raw either. */
static void
test_hostile_file_name(void **state)
{
	struct sandbox sb;
	struct child c = plain;
	struct run r;
	char *name, *missing;

	(void)state;
	sandbox_init(&sb, "hostilename");
	name = xasprintf("%s/evil\033]0;pwn\007\xC2\x9B" "31m\xE2\x80\xAE.txt", sb.dir);
	missing = xasprintf("%s/missing\033]2;pwn\007.txt", sb.dir);
	test_write_str(name, "TITLE\n\n1. One.\n\n3. Three, citing paragraph 9.\n");
	run_in(&r, &sb, &c, "--lint", name, (char *)NULL);
	assert_int_equal(r.status, 1);
	assert_true(r.outlen > 0);
	assert_safe("--lint FILE:LINE", r.out, r.outlen);
	run_done(&r);
	run_in(&r, &sb, &c, "--dump", missing, (char *)NULL);
	assert_int_equal(r.status, 2);
	assert_int_equal(count_lines(r.err), 1);
	assert_safe("lectern: FILE: reason", r.err, r.errlen);
	run_done(&r);
	unlink(name);
	free(name);
	free(missing);
	sandbox_done(&sb);
}

/* ------------------------------------------------------------------ main */

static int
teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sandboxes) / sizeof(sandboxes[0]); i++)
		if (sandboxes[i]) {
			test_rmtree(sandboxes[i]);
			free(sandboxes[i]);
			sandboxes[i] = NULL;
		}
	for (size_t i = 0; i < sizeof(big_docs) / sizeof(big_docs[0]); i++)
		if (big_docs[i]) {
			unlink(big_docs[i]);
			free(big_docs[i]);
			big_docs[i] = NULL;
		}
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_larger_than_memory),
		cmocka_unit_test(test_low_limit_small_document),
		cmocka_unit_test(test_low_limit_gives_up_cleanly),
		cmocka_unit_test(test_full_disk),
		cmocka_unit_test(test_readonly_home),
		cmocka_unit_test(test_missing_home),
		cmocka_unit_test(test_state_symlink),
		cmocka_unit_test(test_state_truncated),
		cmocka_unit_test(test_concurrent_saves),
		cmocka_unit_test(test_document_shrinks),
		cmocka_unit_test(test_stdin_closes_early),
		cmocka_unit_test(test_stdin_cut_inside_a_character),
		cmocka_unit_test(test_sigpipe),
		cmocka_unit_test(test_output_full),
		cmocka_unit_test(test_memory_bound_queries),
		cmocka_unit_test(test_memory_bound_reader),
		cmocka_unit_test(test_hostile_queries),
		cmocka_unit_test(test_hostile_screens),
		cmocka_unit_test(test_nothing_is_opened),
		cmocka_unit_test(test_hostile_file_name),
	};
	const struct CMUnitTest measure_tests[] = {
		cmocka_unit_test(test_memory_measure),
	};
	const char *measure = getenv("FAULT_MEASURE"), *only = getenv("FAULT_ONLY");

	signal(SIGPIPE, SIG_IGN);
	umask(022);
	/* FAULT_MEASURE runs the measurement alone (it is not a test: it is
	 * not even listed otherwise); FAULT_ONLY=PATTERN the tests whose
	 * names match. */
	if (measure && *measure)
		return cmocka_run_group_tests_name("fault-measure", measure_tests,
		    NULL, teardown);
	if (only && *only)
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests_name("fault", tests, NULL, teardown);
}
