/*
 * readbench.c - the reader benchmark: lectern, less and vim as a person
 * sees them, keys in and screen out, in an 80x24 pseudo-terminal.
 *
 * For each size (6K, 5M and 100M by default) the document is made by
 * mkdoc (bench/mkdoc.c), or reused from the output directory that
 * bench/run shares with the backend benchmark.  Each program runs there,
 * on "doc-SIZE.txt", in a pty of the harness of the end-to-end tests
 * (tests/e2e/vt.c, which renders its output with libvterm).  Every
 * figure is the time, on CLOCK_MONOTONIC, from spawning the program or
 * writing a key to the pty until the rendered screen meets a condition:
 *
 *   first screen   spawn -> the title in the text rows and the file name
 *                  on the bottom row, the screen then drawn in full;
 *   G              G -> the last paragraph (its unique word) drawn;
 *                  -> lectern's status line shows the label of a part
 *                  near the end; -> a line number near the end: lectern's
 *                  "line N", vim's ruler; for less, G drawn plus = (sent
 *                  as soon as G is drawn) -> its answer "lines A-B/T";
 *   /word          from a fresh start: spawn -> first screen -> "/" and
 *                  "zanzibarquux" (which only the last paragraph holds)
 *                  typed a key at a time, each as soon as the one before
 *                  is echoed -> Enter -> the word drawn in the text rows;
 *                  then g and the same search again at once;
 *   /word2, n      with lectern's indexing done: g, a word whose first
 *                  two matches are more than a screen apart, then n;
 *   key response   key -> first change of the screen, for every key but
 *                  less's = and the quit: a key that blocks shows here;
 *   peak RSS       VmHWM of the program at the end of each session (for
 *                  lectern once its indexing is done);
 *   quit           q -> the process has exited.
 *
 * "The text rows" are all rows but the bottom one, so that the search
 * prompt, which echoes the word, never counts as the match.  A screen
 * drawn in pieces is timed at its last piece: once a condition holds,
 * output is taken in until the screen has been still for QUIET seconds,
 * and the figure is the time of its last change.  lectern's "[indexing
 * N%]" is not counted as a change.  The first search is typed the
 * moment the first screen shows, without that wait.
 *
 * Two sessions per program and run: the first screen and G (then the
 * later search and n), and the first search.  The programs take turns
 * in every run, after one run each, not timed, that warms the page
 * cache.  Medians and worst cases are printed side by side with
 * lectern's targets: PASS or MISS on the median; on the worst for the
 * key response and the memory.  The exit status is 0 when every session
 * ran, 1 when one failed (timed out, died), 2 when nothing could run: a
 * MISS is not a failure.
 *
 * Nothing here knows lectern's code, only its screen.
 */
#define _GNU_SOURCE             /* memmem, ptsname_r */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "readbench"
#include "common.h"
#include "vt.h"


#define ROWS 24
#define COLS 80
#define MB (1024.0 * 1024.0)
#define MAX_SIZES 8
#define MAX_SAMPLES 1024
#define WORD_SCAN (2u << 20)    /* bytes searched for the second word */
#define WORD_GAP 30             /* source lines before and between its
                                 * first two matches: more than a screen */
#define WORD_LINES 2000         /* where it must first stand, at most */
#define TITLE "REPORT OF THE WORKING GROUP"     /* on every first screen */

/* Timeouts, in seconds: generous, since less takes seconds to search
 * 100 MB on a loaded machine; every wait has one. */
#define TO_SCREEN 60.0
#define TO_KEY 120.0
#define TO_INDEX 600.0          /* lectern indexing 100 MB */
#define TO_EXIT 10.0
#define QUIET 0.03              /* a screen still this long is drawn */
#define QUIET_MAX 1.0

/* lectern's targets (from the issue), in seconds. */
#define T_FIRST 10e-3
#define T_G 50e-3
#define T_LINE_LAG 50e-3
#define T_SEARCH_FIRST 500e-3
#define T_SEARCH_LATER 5e-3
#define T_RESPONSE 50e-3
#define T_RSS_RATIO 2.0
#define T_BIG (5.0 * MB)

/* ------------------------------------------------------------ figures */

enum measure {
	M_FIRST, M_G_END, M_G_LABEL, M_G_LINE, M_G_LAG, M_SEARCH_SPAWN,
	M_SEARCH_KEYS, M_SEARCH_AGAIN, M_SEARCH_WORD, M_NEXT, M_TOP,
	M_PANELS, M_RESPONSE, M_INDEXED, M_RSS, M_QUIT, NMEASURES
};

struct samples {
	double v[MAX_SAMPLES];
	unsigned n;
};

/* One program on one document. */
struct result {
	struct samples m[NMEASURES];
	unsigned failed;
	char err[512];              /* the first failure */
	char note[1024];            /* the first oddity seen */
	char slow_key[16];          /* the key slowest to change the screen */
	double slow;
};

/* ---------------------------------------------------------- documents */

struct doc {
	char spec[16];              /* as given: "100M" */
	char path[64];              /* relative to the output directory */
	uint64_t bytes;
	unsigned last_para;
	char unique[64];            /* stands only in the last paragraph */
	unsigned long lines;
	char word[32];              /* for the later search and n; "" if none */
	unsigned long word_line[2];
};

/* ------------------------------------------------------------ programs */

enum prog_id { LECTERN, LESS, VIM, NPROGS };

struct prog {
	const char *name;
	char path[PATH_MAX];        /* absolute; "" when not run */
	const char *top;            /* the keys that go to the top */
	const char *quit;
};

static struct prog progs[NPROGS] = {
	{ "lectern", "", "g", "q" },
	{ "less", "", "g", "q" },
	{ "vim", "", "gg", ":q\r" },
};

/* ------------------------------------------------------------ sessions */

enum watch_id {
	W_FIRST, W_RESPONSE, W_END, W_LABEL, W_LINE, W_INDEXED, W_ECHO,
	W_MATCH, W_TOP, W_NEXT, W_PANEL, NWATCHES
};

struct sess;

/* What a condition looks at: the text rows (all but the bottom one),
 * the bottom row, and the argument it was armed with. */
struct view {
	const struct sess *s;
	const char *text, *bottom, *arg;
};

typedef bool pred_fn(const struct view *v);

/* A condition on the screen and the first time it held since it was
 * armed (-1 until then).  Every armed watch is checked after each read,
 * so conditions that come true together or out of order are each timed
 * when they came true, not when we got round to waiting for them. */
struct watch {
	pred_fn *pred;
	const char *arg;
	double t;
	bool on;
};

struct sess {
	struct vt *vt;
	int fd;                     /* the pty master, -1 if not found */
	pid_t pid;
	enum prog_id id;
	const struct prog *p;
	const struct doc *d;
	struct result *res;
	double t_spawn, t_key;
	char *snap_text, *snap_bottom;  /* the screen when the key went */
	char *cur_text, *cur_core;  /* the screen now (status: its core) */
	double t_change;            /* when it last changed */
	char *traced;               /* the screen last traced */
	char typed[64];             /* the prompt as typed so far */
	char keys[16];              /* the keys last sent, for reports */
	struct watch w[NWATCHES];
	bool failed;
};

static bool trace, trace_all;
static bool coarse;             /* said that take_in() falls back */

static void fail(struct sess *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The child running now, for the signal handler. */
static volatile sig_atomic_t running_pid;

static void
sleep_s(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		bench_die("out of memory");
	return p;
}

static void
replace(char **p, const char *s)
{
	free(*p);
	*p = xstrdup(s);
}

static void
add(struct result *r, enum measure m, double v)
{
	struct samples *s = &r->m[m];

	if (s->n < MAX_SAMPLES)
		s->v[s->n++] = v;
}

static const char *
human_time(double s, char *buf, size_t n)
{
	const char *sign = s < 0 ? "-" : "";

	s = s < 0 ? -s : s;
	if (s < 1e-3)
		snprintf(buf, n, "%s%.0f us", sign, s * 1e6);
	else if (s < 10e-3)
		snprintf(buf, n, "%s%.2f ms", sign, s * 1e3);
	else if (s < 1)
		snprintf(buf, n, "%s%.1f ms", sign, s * 1e3);
	else
		snprintf(buf, n, "%s%.2f s", sign, s);
	return buf;
}

/* p made absolute in out (of PATH_MAX bytes), not resolved: vim, for
 * one, looks at the name it was run by. */
static void
absolute(const char *p, char *out)
{
	char cwd[PATH_MAX];
	size_t n, m = strlen(p);

	if (p[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL ||
	    (n = strlen(cwd)) + 1 + m >= PATH_MAX) {
		snprintf(out, PATH_MAX, "%s", p);
		return;
	}
	memcpy(out, cwd, n);
	out[n] = '/';
	memcpy(out + n + 1, p, m + 1);
}

/* The absolute path of an executable: name itself if it has a slash,
 * else looked up in PATH; "" if there is none. */
static void
find_program(const char *name, char *out)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	out[0] = '\0';
	if (strchr(name, '/') != NULL) {
		if (access(name, X_OK) == 0)
			absolute(name, out);
		return;
	}
	while (path != NULL && *path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name);
		if (len > 0 && access(buf, X_OK) == 0) {
			absolute(buf, out);
			return;
		}
		path += len + (path[len] == ':');
	}
}

/* A signal that ends us ends the program under test too (it would get
 * SIGHUP when the pty closes, but a program may ignore that). */
static void
on_signal(int sig)
{
	pid_t pid = (pid_t)running_pid;

	if (pid > 0) {
		kill(-pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The document of one size, in the current directory (the output
 * directory), named as bench.c names it and with the same info file. */
static void
make_doc(struct doc *d, const char *mkdoc)
{
	struct bench_doc bd;
	bool made;
	int status;

	snprintf(d->path, sizeof(d->path), "doc-%s.txt", d->spec);
	if ((status = bench_make_doc(mkdoc, d->spec, d->path, &bd, &made)) != 0)
		bench_die("%s: mkdoc failed (status %d)", d->path, status);
	if (made)
		printf("readbench: made %s\n", d->path);
	d->bytes = bd.bytes;
	d->last_para = bd.last_para;
	snprintf(d->unique, sizeof(d->unique), "%s", bd.unique);
}

static unsigned long
count_lines(const char *path)
{
	static char buf[1 << 20];
	unsigned long n = 0;
	ssize_t got;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		bench_die("%s: %s", path, strerror(errno));
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + got - p)));
		    p++)
			n++;
	close(fd);
	return n;
}

/* ------------------------------------------- a word for the later search */

/*
 * The later search and n want a word whose first two matches are more
 * than a screen apart, so that both move the screen, and which the three
 * programs find in the same places and can be seen finding: in lower
 * case wherever it stands (less and vim match case, lectern does not),
 * not in a word split at a line end (lectern joins those, less and vim
 * do not), and within the first 80 columns of its line (less and vim
 * cut the document's 90-column lines into rows, and would cut it).
 */

/* The number of matches of w in buf[0..n), the source lines (1-based)
 * of the first two and the column where each ends (UTF-8 characters). */
static unsigned
matches(const char *buf, size_t n, const char *w, unsigned long line[2],
    unsigned long col[2])
{
	size_t wl = strlen(w);
	const char *p = buf, *end = buf + n, *ls = buf, *bol = buf, *nl;
	unsigned long ln = 1;
	unsigned k = 0;

	while ((p = memmem(p, (size_t)(end - p), w, wl)) != NULL) {
		for (; (nl = memchr(ls, '\n', (size_t)(p - ls))) != NULL;
		    ls = nl + 1) {
			ln++;
			bol = nl + 1;
		}
		ls = p;
		if (k < 2) {
			line[k] = ln;
			col[k] = 0;
			for (const char *c = bol; c < p + wl; c++)
				col[k] += ((unsigned char)*c & 0xC0) != 0x80;
		}
		k++;
		p += wl;
	}
	return k;
}

/* The text with every "-\n" between two letters taken out: the words
 * split at a line end joined, as lectern shows them. */
static char *
joined(const char *low, size_t n, size_t *jn)
{
	char *j = malloc(n + 1);
	size_t k = 0;

	if (j == NULL)
		bench_die("out of memory");
	for (size_t i = 0; i < n; i++) {
		if (low[i] == '-' && i > 0 && i + 2 < n && low[i + 1] == '\n' &&
		    islower((unsigned char)low[i - 1]) &&
		    islower((unsigned char)low[i + 2])) {
			i++;
			continue;
		}
		j[k++] = low[i];
	}
	*jn = k;
	return j;
}

/* Whether w fits (see above). */
static bool
good_word(const char *raw, const char *low, size_t n, const char *jtext,
    size_t jn, const char *w, unsigned long line[2])
{
	unsigned long l2[2], col[2];
	unsigned k = matches(raw, n, w, line, col);

	return k >= 2 && line[0] > WORD_GAP && line[1] >= line[0] + WORD_GAP &&
	    col[0] <= COLS && col[1] <= COLS &&
	    matches(low, n, w, l2, col) == k &&
	    matches(jtext, jn, w, l2, col) == k;
}

/* Whether w (of wl bytes) stands between spaces before raw + i: it was
 * tried there. */
static bool
tried(const char *raw, size_t i, const char *w, size_t wl)
{
	for (const char *p = raw + 1; (p = memmem(p, (size_t)(raw + i - p), w,
	    wl)) != NULL; p++)
		if (p[-1] == ' ' && p[wl] == ' ')
			return true;
	return false;
}

/* The first word, in the order of the text, that fits: lower-case
 * letters only, 8 or more, between spaces, in the first WORD_LINES
 * lines. */
static void
find_word(struct doc *d)
{
	char *raw = malloc(WORD_SCAN + 1), *low, *jtext;
	size_t n = 0, jn;
	unsigned long line = 1;
	ssize_t got;
	int fd = open(d->path, O_RDONLY);

	d->word[0] = '\0';
	if (raw == NULL || fd < 0)
		bench_die("%s: %s", d->path, strerror(errno));
	while (n < WORD_SCAN && (got = read(fd, raw + n, WORD_SCAN - n)) > 0)
		n += (size_t)got;
	close(fd);
	raw[n] = '\0';
	low = xstrdup(raw);
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	jtext = joined(low, n, &jn);
	for (size_t i = 1; i < n && line < WORD_LINES && !d->word[0]; i++) {
		size_t k = i;
		char w[sizeof(d->word)];

		line += raw[i] == '\n';
		if (raw[i - 1] != ' ' || line <= WORD_GAP)
			continue;
		while (k < n && k - i < sizeof(w) - 1 &&
		    islower((unsigned char)raw[k]))
			k++;
		if (k - i < 8 || k >= n || raw[k] != ' ')
			continue;
		memcpy(w, raw + i, k - i);
		w[k - i] = '\0';
		if (!tried(raw, i, w, k - i) &&
		    good_word(raw, low, n, jtext, jn, w, d->word_line))
			snprintf(d->word, sizeof(d->word), "%s", w);
		i = k - 1;
	}
	free(jtext);
	free(low);
	free(raw);
}

/* ---------------------------------------------------- the pty, closely */

/*
 * vt.h offers no wait for an arbitrary condition with a fine clock
 * (vt_wait_text() knows one substring, and counts in milliseconds) and
 * no access to the pty master, so we find the master ourselves: the
 * harness opens it with posix_openpt(), and while a session runs it is
 * the only /dev/ptmx descriptor we hold; it is checked against the
 * child's standard input.  We only poll() it: vt_wait_idle() reads.
 */
static int
find_master(pid_t pid)
{
	char link[300], target[PATH_MAX], pts[PATH_MAX], child[PATH_MAX];
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	int fd = -1, n = 0;
	ssize_t len;

	if (dir == NULL)
		return -1;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(dir))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
		if ((len = readlink(link, target, sizeof(target) - 1)) <= 0)
			continue;
		target[len] = '\0';
		if (strcmp(target, "/dev/ptmx") == 0 ||
		    strcmp(target, "/dev/pts/ptmx") == 0) {
			fd = atoi(e->d_name);
			n++;
		}
	}
	closedir(dir);
	snprintf(link, sizeof(link), "/proc/%ld/fd/0", (long)pid);
	if (n != 1 || ptsname_r(fd, pts, sizeof(pts)) != 0 ||
	    (len = readlink(link, child, sizeof(child) - 1)) <= 0)
		return -1;
	child[len] = '\0';
	return strcmp(pts, child) == 0 ? fd : -1;
}

/* Wait at most `left` seconds for output and take in what has come.
 * False when the program is gone. */
static bool
take_in(struct sess *s, double left)
{
	int ms = (int)(left * 1e3) + 1;
	struct pollfd p;

	if (s->fd < 0) {
		/* No master to poll: waiting for a text no screen holds takes
		 * in output for a millisecond. */
		vt_wait_text(s->vt, "\001", 1);
		return vt_running(s->vt);
	}
	p.fd = s->fd;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, ms < 100 ? ms : 100) <= 0)
		return true;
	if (p.revents & POLLIN)
		vt_wait_idle(s->vt, 0, 1);      /* what is there, no waiting */
	else {
		/* POLLHUP: the pty is closed, the program gone or going */
		if (!vt_running(s->vt))
			return false;
		sleep_s(1e-4);
	}
	return true;
}

/* lectern's status line without its "[indexing N%]", so that progress
 * alone is no change of the screen. */
static void
status_core(const char *bottom, char *out, size_t n)
{
	const char *ix = strstr(bottom, "[indexing");
	const char *close = ix ? strchr(ix, ']') : NULL;

	if (close == NULL)
		snprintf(out, n, "%s", bottom);
	else
		snprintf(out, n, "%.*s%s", (int)(ix - bottom), bottom, close + 1);
}

/* With --trace-all, every new state of the screen, with its time. */
static void
trace_change(struct sess *s, const char *scr, double t)
{
	if (!trace_all || strcmp(scr, s->traced) == 0)
		return;
	printf("--- %s %s at %.3f ms from spawn, %.3f ms from the key:\n%s\n"
	    "---\n", s->p->name, s->d->spec, (t - s->t_spawn) * 1e3,
	    (t - s->t_key) * 1e3, scr);
	replace(&s->traced, scr);
}

/* Remember when the screen last changed.  lectern's top row, the
 * breadcrumb, is left out, as its indexing progress is: it fills in
 * with the headings above the paragraph when the index arrives, which
 * no key causes (the label's arrival is timed on its own, after G). */
static void
track_change(struct sess *s, const char *text, const char *bottom, double t)
{
	char core[COLS * 4 + 1];
	const char *nl;

	if (s->id == LECTERN && (nl = strchr(text, '\n')) != NULL)
		text = nl + 1;
	status_core(bottom, core, sizeof(core));
	if (strcmp(text, s->cur_text) != 0 || strcmp(core, s->cur_core) != 0) {
		replace(&s->cur_text, text);
		replace(&s->cur_core, core);
		s->t_change = t;
	}
}

/* Look at the screen as it is now: every armed watch, and changes. */
static void
check_watches(struct sess *s)
{
	double t = bench_now();
	char *text = vt_screen(s->vt), *bottom;

	trace_change(s, text, t);
	if ((bottom = strrchr(text, '\n')) != NULL)
		*bottom++ = '\0';
	else
		bottom = text + strlen(text);
	track_change(s, text, bottom, t);
	for (int i = 0; i < NWATCHES; i++) {
		struct watch *w = &s->w[i];
		struct view v = { s, text, bottom, w->arg };

		if (w->on && w->t < 0 && w->pred(&v))
			w->t = t;
	}
	free(text);
}

static void
arm(struct sess *s, enum watch_id i, pred_fn *pred, const char *arg)
{
	s->w[i].pred = pred;
	s->w[i].arg = arg;
	s->w[i].t = -1;
	s->w[i].on = true;
	check_watches(s);
}

static void
fail(struct sess *s, const char *fmt, ...)
{
	struct result *r = s->res;
	va_list ap;
	size_t n;

	s->failed = true;
	r->failed++;
	if (r->err[0] != '\0')
		return;
	n = (size_t)snprintf(r->err, sizeof(r->err), "%s on %s: ",
	    s->p->name, s->d->spec);
	va_start(ap, fmt);
	if (n < sizeof(r->err))
		vsnprintf(r->err + n, sizeof(r->err) - n, fmt, ap);
	va_end(ap);
}

/* With --trace, the screen when a wait is over. */
static void
show(struct sess *s, const char *what)
{
	char *scr;

	if (!trace)
		return;
	scr = vt_screen(s->vt);
	printf("--- %s %s %s, %.3f ms after the key:\n%s\n---\n", s->p->name,
	    s->d->spec, what, (bench_now() - s->t_key) * 1e3, scr);
	free(scr);
}

/* Take in output until watch i has fired; false (the session failed)
 * after timeout seconds or when the program has gone. */
static bool
await(struct sess *s, enum watch_id i, double timeout, const char *what)
{
	double deadline = bench_now() + timeout;

	while (s->w[i].t < 0) {
		double left = deadline - bench_now();
		bool alive;

		if (left <= 0) {
			show(s, "TIMEOUT");
			fail(s, "%s: nothing after %.0f s", what, timeout);
			return false;
		}
		alive = take_in(s, left);
		check_watches(s);
		if (!alive && s->w[i].t < 0) {
			fail(s, "%s: the program exited", what);
			return false;
		}
	}
	show(s, what);
	return true;
}

/* After watch i has fired: take in output until the screen has been
 * still for QUIET seconds (QUIET_MAX at most), and return when it last
 * changed, or when the watch fired if that was later.  The time of a
 * screen drawn in pieces is that of its last piece. */
static double
settled(struct sess *s, enum watch_id i)
{
	double fired = s->w[i].t, end = fired + QUIET_MAX;

	while (bench_now() - s->t_change < QUIET && bench_now() < end) {
		bool alive = take_in(s, QUIET - (bench_now() - s->t_change));

		check_watches(s);
		if (!alive)
			break;
	}
	return s->t_change > fired ? s->t_change : fired;
}

/* await() and settled(): the time from the key, or -1. */
static double
await_drawn(struct sess *s, enum watch_id i, double timeout,
    const char *what)
{
	if (!await(s, i, timeout, what))
		return -1;
	return settled(s, i) - s->t_key;
}

/* ---------------------------------------------------------- conditions */

/* The first screen: the title (arg) in the text rows, the file name on
 * the bottom row. */
static bool
p_first(const struct view *v)
{
	return strstr(v->bottom, v->s->d->path) != NULL &&
	    strstr(v->text, v->arg) != NULL;
}

static bool
p_text_has(const struct view *v)
{
	return strstr(v->text, v->arg) != NULL;
}

/* The bottom row starts with arg: a prompt and what was typed. */
static bool
p_prompt(const struct view *v)
{
	return strncmp(v->bottom, v->arg, strlen(v->arg)) == 0;
}

/* Anything on the screen changed since the key (lectern's indexing
 * progress aside). */
static bool
p_changed(const struct view *v)
{
	char a[COLS * 4 + 1], b[COLS * 4 + 1];

	if (strcmp(v->text, v->s->snap_text) != 0)
		return true;
	status_core(v->bottom, a, sizeof(a));
	status_core(v->s->snap_bottom, b, sizeof(b));
	return strcmp(a, b) != 0;
}

/* A search has answered: the word in the text rows, and the screen
 * changed since Enter (lectern may have shown the match as it was
 * typed; Enter then changes the status line). */
static bool
p_found(const struct view *v)
{
	return strstr(v->text, v->arg) != NULL && p_changed(v);
}

/* The text moved, and holds arg: n, or g back to the title. */
static bool
p_moved_to(const struct view *v)
{
	return strstr(v->text, v->arg) != NULL &&
	    strcmp(v->text, v->s->snap_text) != 0;
}

/* lectern has indexed everything: its status line is drawn and says no
 * more "[indexing". */
static bool
p_indexed(const struct view *v)
{
	return strstr(v->bottom, v->s->d->path) != NULL &&
	    strstr(v->bottom, "[indexing") == NULL;
}

/* The number after `after` in s, or 0. */
static unsigned long
number_after(const char *s, const char *after)
{
	const char *p = strstr(s, after);

	return p != NULL ? strtoul(p + strlen(after), NULL, 10) : 0;
}

/* After G, lectern's status line has the label of a paragraph near the
 * end: a pilcrow and its number (the part on the top row). */
static bool
p_label(const struct view *v)
{
	unsigned long n = number_after(v->bottom, "\xC2\xB6");

	return n > 0 && n + 20 >= v->s->d->last_para;
}

/* The status line gives the line number at the end of the document:
 *   lectern  "line N" (it says "line ?" until it knows), N the source
 *            line of the top row, near the end;
 *   less     the answer to =, "lines A-B/T", B and T the last line (it
 *            may wrap onto the bottom row from the row above);
 *   vim      the ruler "L,C", L the last line. */
static bool
p_line(const struct view *v)
{
	char want[48], two[2 * COLS * 4 + 1];
	const char *row;
	unsigned long n;

	switch (v->s->id) {
	case LECTERN:
		n = number_after(v->bottom, "line ");
		return n > 0 && n + 3 * ROWS >= v->s->d->lines;
	case LESS:
		row = strrchr(v->text, '\n');
		snprintf(two, sizeof(two), "%s%s", row ? row + 1 : v->text,
		    v->bottom);
		snprintf(want, sizeof(want), "-%lu/%lu", v->s->d->lines,
		    v->s->d->lines);
		return strstr(two, want) != NULL;
	default:
		snprintf(want, sizeof(want), "%lu,", v->s->d->lines);
		return strstr(v->bottom, want) != NULL;
	}
}

/* ------------------------------------------------------------ sessions */

/* The response to the key before: key -> first change. */
static void
note_response(struct sess *s)
{
	struct watch *w = &s->w[W_RESPONSE];

	if (w->on && w->t >= 0) {
		add(s->res, M_RESPONSE, w->t - s->t_key);
		if (w->t - s->t_key > s->res->slow) {
			s->res->slow = w->t - s->t_key;
			snprintf(s->res->slow_key, sizeof(s->res->slow_key), "%s",
			    s->keys);
		}
	}
	w->on = false;
}

/* Send keys, after taking in what was pending, so that the response
 * watch compares with the screen as it was when the keys went. */
static bool
key(struct sess *s, const char *keys)
{
	char *text, *bottom;

	note_response(s);
	vt_wait_idle(s->vt, 0, 1);
	check_watches(s);
	text = vt_screen(s->vt);
	bottom = strrchr(text, '\n');
	replace(&s->snap_bottom, bottom ? bottom + 1 : "");
	if (bottom != NULL)
		*bottom = '\0';
	free(s->snap_text);
	s->snap_text = text;
	arm(s, W_RESPONSE, p_changed, NULL);
	snprintf(s->keys, sizeof(s->keys), "%s", keys[0] == '\r' ? "Enter" :
	    keys);
	s->t_key = bench_now();
	if (!vt_send(s->vt, keys)) {
		fail(s, "could not send %s", keys);
		return false;
	}
	return true;
}

static bool
start(struct sess *s, enum prog_id id, const struct doc *d,
    struct result *r)
{
	char *lectern[] = { progs[LECTERN].path, "--no-state", (char *)d->path,
		NULL };
	char *less[] = { progs[LESS].path, (char *)d->path, NULL };
	char *vim[] = { progs[VIM].path, "-u", "NONE", "-i", "NONE", "-N", "-n",
		"-R", "-X", "--cmd", "set ruler", (char *)d->path, NULL };
	char *env[] = { "TERM=xterm-256color", "LC_ALL=C.UTF-8",
		"LECTERN_CONFIG=/dev/null", "LESS=", "LESSHISTFILE=-", "LESSOPEN=",
		"LESSCLOSE=", "LESSKEYIN=", "VIMINIT=", "EXINIT=", NULL };
	char *const *argv = id == LECTERN ? lectern : id == LESS ? less : vim;

	memset(s, 0, sizeof(*s));
	s->id = id;
	s->p = &progs[id];
	s->d = d;
	s->res = r;
	s->fd = -1;
	s->snap_text = xstrdup("");
	s->snap_bottom = xstrdup("");
	s->cur_text = xstrdup("");
	s->cur_core = xstrdup("");
	s->traced = xstrdup("");
	s->t_spawn = s->t_key = bench_now();
	if ((s->vt = vt_spawn(argv, env, ROWS, COLS)) == NULL) {
		fail(s, "cannot run %s: %s", argv[0], strerror(errno));
		return false;
	}
	s->pid = vt_pid(s->vt);
	running_pid = s->pid;
	if ((s->fd = find_master(s->pid)) < 0 && !coarse) {
		printf("readbench: no pty master to poll: times are taken to "
		    "about a millisecond\n");
		coarse = true;
	}
	arm(s, W_FIRST, p_first, TITLE);
	if (id == LECTERN)
		arm(s, W_INDEXED, p_indexed, NULL);
	return true;
}

/* q, and the time until the process has exited; then reap it (or kill
 * it, after a failure). */
static void
quit(struct sess *s)
{
	double t, deadline;

	if (s->vt != NULL && !s->failed) {
		note_response(s);
		t = bench_now();
		deadline = t + TO_EXIT;
		if (vt_send(s->vt, s->p->quit))
			while (vt_running(s->vt) && bench_now() < deadline)
				if (!take_in(s, deadline - bench_now()))
					break;
		if (vt_running(s->vt))
			fail(s, "still running %.0f s after it was told to quit",
			    TO_EXIT);
		else {
			add(s->res, M_QUIT, bench_now() - t);
			vt_wait_exit(s->vt, 1000);
		}
	}
	vt_free(s->vt);             /* kills its group if still there */
	s->vt = NULL;
	running_pid = 0;
	free(s->snap_text);
	free(s->snap_bottom);
	free(s->cur_text);
	free(s->cur_core);
	free(s->traced);
}

/* The peak resident memory, once lectern has indexed everything. */
static void
peak_rss(struct sess *s)
{
	char status[64];

	if (s->id == LECTERN &&
	    !await(s, W_INDEXED, TO_INDEX, "indexing done"))
		return;
	snprintf(status, sizeof(status), "/proc/%ld/status", (long)s->pid);
	add(s->res, M_RSS, (double)bench_proc_status(status, "VmHWM"));
}

/* "/word" typed one key at a time, each as soon as the one before is
 * echoed on the bottom row (lectern searches as the word is typed: each
 * key is timed), then Enter; the time from Enter to the match drawn, or
 * -1.  *t_typed: when "/" went. */
static double
search(struct sess *s, const char *word, const char *what, double *t_typed)
{
	size_t n = strlen(word);
	char k[2] = "/";

	if (n + 2 > sizeof(s->typed))
		return -1;
	for (size_t i = 0; i <= n; i++) {
		if (!key(s, k))
			return -1;
		if (i == 0)
			*t_typed = s->t_key;
		snprintf(s->typed, sizeof(s->typed), "/%.*s", (int)i, word);
		arm(s, W_ECHO, p_prompt, s->typed);
		if (!await(s, W_ECHO, TO_KEY, "echoed"))
			return -1;
		k[0] = word[i];
	}
	if (!key(s, "\r"))
		return -1;
	arm(s, W_MATCH, p_found, word);
	return await_drawn(s, W_MATCH, TO_KEY, what);
}

/* g, or gg: the time until the title is drawn again, or -1. */
static double
top(struct sess *s)
{
	if (!key(s, s->p->top))
		return -1;
	arm(s, W_TOP, p_moved_to, TITLE);
	return await_drawn(s, W_TOP, TO_KEY, "top");
}

/* Note, once per program and size, where two screens differ. */
static void
note_diff(struct sess *s, const char *what, const char *was, const char *is)
{
	int row = 0;

	if (s->res->note[0] != '\0' || strcmp(was, is) == 0)
		return;
	while (*was && *was == *is) {
		row += *was == '\n';
		was++;
		is++;
	}
	while (row > 0 && was[-1] != '\n') {    /* back to the row's start */
		was--;
		is--;
	}
	snprintf(s->res->note, sizeof(s->res->note), "%s; from row %d, it was "
	    "\"%.*s\", it is \"%.*s\"", what, row, (int)strcspn(was, "\n"), was,
	    (int)strcspn(is, "\n"), is);
}

/* A first run, not timed: it brings the document into the page cache
 * and checks that the program shows its first screen.  False if not. */
static bool
warm_up(enum prog_id id, const struct doc *d, struct result *r)
{
	struct sess s;

	if (start(&s, id, d, r))
		await(&s, W_FIRST, TO_SCREEN, "first screen (warming up)");
	quit(&s);
	return !s.failed;
}

/* less shows no line number unless asked: = asks, at once after G has
 * drawn the end, and the time G took plus the time = takes to answer
 * with the line numbers is how long less needs to know where it is.  =
 * is left out of the key responses; its answer waits for a key, and
 * takes the next one. */
static bool
less_where(struct sess *s, double t_g_drawn)
{
	if (!key(s, "="))
		return false;
	s->w[W_RESPONSE].on = false;
	arm(s, W_LINE, p_line, NULL);
	if (!await(s, W_LINE, TO_KEY, "=: the line numbers"))
		return false;
	add(s->res, M_G_LINE, t_g_drawn + s->w[W_LINE].t - s->t_key);
	return true;
}

/* G: the end drawn, the label and line number in the status line, and
 * (lectern) indexing done. */
static bool
press_g(struct sess *s)
{
	struct result *r = s->res;
	double t, t_g, t_end;

	if (!key(s, "G"))
		return false;
	t_g = s->t_key;
	arm(s, W_END, p_text_has, s->d->unique);
	if (s->id != LESS)
		arm(s, W_LINE, p_line, NULL);
	if (s->id == LECTERN)
		arm(s, W_LABEL, p_label, NULL);
	if ((t = await_drawn(s, W_END, TO_KEY, "G: the end")) < 0)
		return false;
	add(r, M_G_END, t);
	t_end = s->w[W_END].t;
	if (s->id == LESS)
		return less_where(s, t);
	if (!await(s, W_LINE, s->id == LECTERN ? TO_INDEX : TO_KEY,
	    "G: the line number"))
		return false;
	add(r, M_G_LINE, s->w[W_LINE].t - t_g);
	if (s->id != LECTERN)
		return true;
	if (!await(s, W_LABEL, TO_INDEX, "G: the label") ||
	    !await(s, W_INDEXED, TO_INDEX, "indexing done"))
		return false;
	add(r, M_G_LABEL, s->w[W_LABEL].t - t_g);
	add(r, M_INDEXED, s->w[W_INDEXED].t - s->t_spawn);
	/* how long after it could know (the end drawn, everything
	 * indexed) the line number came */
	t = s->w[W_INDEXED].t > t_end ? s->w[W_INDEXED].t : t_end;
	add(r, M_G_LAG, s->w[W_LINE].t - t);
	return true;
}

/* lectern's panels, once indexed, each key timed until drawn: the term
 * index opened, two letters typed into it and Enter; the named lists,
 * the related passages and the matches of the last search, each opened
 * and left with Enter; the outline opened and closed. */
static void
panels(struct sess *s)
{
	static const struct {
		const char *keys, *want;        /* want NULL: any change */
	} steps[] = {
		{ "i", "Index of terms" }, { "u", "[u]" }, { "n", "[un]" },
		{ "\r", NULL }, { "L", "Named lists" }, { "\r", NULL },
		{ "r", "Related to" }, { "\r", NULL }, { "&", " of \"" },
		{ "\r", NULL }, { "o", NULL }, { "o", NULL },
	};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		double t;

		if (!key(s, steps[i].keys))
			return;
		arm(s, W_PANEL, steps[i].want ? p_text_has : p_changed,
		    steps[i].want);
		if ((t = await_drawn(s, W_PANEL, TO_KEY, "panel")) < 0)
			return;
		add(s->res, M_PANELS, t);
	}
}

/* The first screen, G, then (everything indexed) g, the second word and
 * n. */
static void
session_g(enum prog_id id, const struct doc *d, struct result *r)
{
	struct sess s;
	double t, t_typed;
	char *first = NULL;

	if (!start(&s, id, d, r) ||
	    !await(&s, W_FIRST, TO_SCREEN, "first screen"))
		goto out;
	add(r, M_FIRST, settled(&s, W_FIRST) - s.t_spawn);
	first = xstrdup(s.cur_text);
	if (!press_g(&s) || (t = top(&s)) < 0)
		goto out;
	add(r, M_TOP, t);
	note_diff(&s, "the top is drawn again otherwise after G (and indexing)",
	    first, s.cur_text);
	if (d->word[0] != '\0') {
		if ((t = search(&s, d->word, "second word found", &t_typed)) < 0)
			goto out;
		add(r, M_SEARCH_WORD, t);
		if (!key(&s, "n"))
			goto out;
		arm(&s, W_NEXT, p_moved_to, d->word);
		if ((t = await_drawn(&s, W_NEXT, TO_KEY, "n")) < 0)
			goto out;
		add(r, M_NEXT, t);
	}
	peak_rss(&s);
	if (id == LECTERN && !s.failed)
		panels(&s);
out:
	free(first);
	quit(&s);
}

/* The first search from a fresh start, typed as soon as the first screen
 * shows; g, and the same search again at once (lectern may still be
 * indexing). */
static void
session_search(enum prog_id id, const struct doc *d, struct result *r)
{
	struct sess s;
	double t, t_typed;

	if (!start(&s, id, d, r) ||
	    !await(&s, W_FIRST, TO_SCREEN, "first screen"))
		goto out;
	if ((t = search(&s, d->unique, "found", &t_typed)) < 0)
		goto out;
	t += s.t_key;               /* Enter went at t_key */
	add(r, M_SEARCH_SPAWN, t - s.t_spawn);
	add(r, M_SEARCH_KEYS, t - t_typed);
	if ((t = top(&s)) < 0)
		goto out;
	add(r, M_TOP, t);
	if ((t = search(&s, d->unique, "found again", &t_typed)) < 0)
		goto out;
	add(r, M_SEARCH_AGAIN, t);
	peak_rss(&s);
out:
	quit(&s);
}

/* ------------------------------------------------------------- reports */

struct stat2 {
	double median, worst;
	unsigned n;
};

static struct stat2
stats(const struct samples *s)
{
	struct stat2 st = { 0, 0, s->n };
	static double v[MAX_SAMPLES];

	if (s->n == 0)
		return st;
	memcpy(v, s->v, s->n * sizeof(v[0]));
	qsort(v, s->n, sizeof(v[0]), bench_cmp_double);
	st.median = s->n % 2 ? v[s->n / 2] : (v[s->n / 2 - 1] + v[s->n / 2]) / 2;
	st.worst = v[s->n - 1];
	return st;
}

struct row {
	enum measure m;
	const char *name;
	double target;              /* 0: none */
	const char *tname;
	bool on_worst;              /* judged on the worst, not the median */
};

static const struct row rows[] = {
	{ M_FIRST, "first screen (spawn -> drawn)", T_FIRST, "<= 10 ms", false },
	{ M_G_END, "G: the end drawn", T_G, "<= 50 ms", false },
	{ M_G_LABEL, "G: label in status line", 0, "", false },
	{ M_G_LINE, "G: line number shown", 0, "", false },
	{ M_G_LAG, "  ... after indexing done", T_LINE_LAG, "<= 50 ms", false },
	{ M_SEARCH_SPAWN, "/word fresh: spawn -> match", T_SEARCH_FIRST,
	  "< 500 ms", false },
	{ M_SEARCH_KEYS, "/word fresh: keys -> match", 0, "", false },
	{ M_SEARCH_AGAIN, "/word again at once (Enter->)", T_SEARCH_LATER,
	  "< 5 ms", false },
	{ M_SEARCH_WORD, "/word2 indexed (Enter->)", T_SEARCH_LATER, "< 5 ms",
	  false },
	{ M_NEXT, "n indexed", T_SEARCH_LATER, "< 5 ms", false },
	{ M_TOP, "g (top)", 0, "", false },
	{ M_PANELS, "panels: key -> drawn (i L r & o)", T_RESPONSE,
	  "worst <= 50 ms", true },
	{ M_RESPONSE, "key -> first change", T_RESPONSE, "worst <= 50 ms",
	  true },
	{ M_INDEXED, "indexing done (from spawn)", 0, "", false },
	{ M_RSS, "peak RSS (VmHWM)", T_RSS_RATIO, "<= 2x (>= 5 MB)", true },
	{ M_QUIT, "q -> exit", 0, "", false },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static void
cell(const struct row *rw, const struct stat2 *st, const struct doc *d,
    char *buf, size_t n)
{
	char a[32], b[32];

	if (st->n == 0)
		snprintf(buf, n, "-");
	else if (rw->m == M_RSS)
		snprintf(buf, n, "%.1f MB %.2fx", st->worst / MB,
		    st->worst / (double)d->bytes);
	else
		snprintf(buf, n, "%s (%s)", human_time(st->median, a, sizeof(a)),
		    human_time(st->worst, b, sizeof(b)));
}

/* PASS, MISS or n/a for lectern's figure in a row. */
static const char *
verdict(const struct row *rw, const struct stat2 *st, const struct doc *d)
{
	double v = rw->on_worst ? st->worst : st->median;

	if (rw->target == 0)
		return "";
	if (st->n == 0)
		return "-";
	if (rw->m == M_RSS) {
		if ((double)d->bytes < T_BIG)
			return "n/a";
		v /= (double)d->bytes;
	}
	return v <= rw->target ? "PASS" : "MISS";
}

static void
print_size(const struct doc *d, struct result r[NPROGS], unsigned runs)
{
	char buf[64];

	printf("\n== %s: %s, %llu bytes (%.1f MB), %lu lines, last paragraph "
	    "%u\n", d->spec, d->path, (unsigned long long)d->bytes,
	    (double)d->bytes / MB, d->lines, d->last_para);
	printf("   word: \"%s\" (last paragraph only); ", d->unique);
	if (d->word[0] != '\0')
		printf("word2: \"%s\" (lines %lu and %lu)\n", d->word,
		    d->word_line[0], d->word_line[1]);
	else
		printf("no word2 fits: no /word2 and n\n");
	printf("   %u runs of each session; median (worst); peak RSS: the "
	    "highest\n", runs);
	printf("%-32s", "measure");
	for (int p = 0; p < NPROGS; p++)
		if (progs[p].path[0] != '\0')
			printf(" %-20s", progs[p].name);
	printf(" lectern's target\n");
	for (size_t i = 0; i < NROWS; i++) {
		struct stat2 st0 = stats(&r[LECTERN].m[rows[i].m]);

		printf("%-32s", rows[i].name);
		for (int p = 0; p < NPROGS; p++) {
			struct stat2 st = stats(&r[p].m[rows[i].m]);

			if (progs[p].path[0] == '\0')
				continue;
			cell(&rows[i], &st, d, buf, sizeof(buf));
			printf(" %-20s", buf);
		}
		if (rows[i].target != 0)
			printf(" %-15s %s", rows[i].tname, verdict(&rows[i], &st0, d));
		printf("\n");
	}
	for (int p = 0; p < NPROGS; p++) {
		if (r[p].slow > 0)
			printf("   %s: the slowest key to change the screen: %s, %s\n",
			    progs[p].name, r[p].slow_key,
			    human_time(r[p].slow, buf, sizeof(buf)));
		if (r[p].note[0] != '\0')
			printf("   %s: note: %s\n", progs[p].name, r[p].note);
		if (r[p].failed)
			printf("   %s: %u session(s) FAILED; the first: %s\n",
			    progs[p].name, r[p].failed, r[p].err);
	}
	fflush(stdout);
}

static void
print_summary(const struct doc *d, struct result (*r)[NPROGS], size_t ns)
{
	char buf[64], cellb[96];

	printf("\n== lectern's targets (median; worst for the key response "
	    "and the memory)\n");
	printf("%-32s %-15s", "measure", "target");
	for (size_t k = 0; k < ns; k++)
		printf(" %-18s", d[k].spec);
	printf("\n");
	for (size_t i = 0; i < NROWS; i++) {
		if (rows[i].target == 0)
			continue;
		printf("%-32s %-15s", rows[i].name, rows[i].tname);
		for (size_t k = 0; k < ns; k++) {
			struct stat2 st = stats(&r[k][LECTERN].m[rows[i].m]);

			if (st.n == 0)
				snprintf(buf, sizeof(buf), "-");
			else if (rows[i].m == M_RSS)
				snprintf(buf, sizeof(buf), "%.2fx",
				    st.worst / (double)d[k].bytes);
			else
				human_time(rows[i].on_worst ? st.worst : st.median, buf,
				    sizeof(buf));
			snprintf(cellb, sizeof(cellb), "%s %s", buf,
			    verdict(&rows[i], &st, &d[k]));
			printf(" %-18s", cellb);
		}
		printf("\n");
	}
}

/* ---------------------------------------------------------------- main */

static void
usage(void)
{
	fprintf(stderr,
	    "usage: readbench --mkdoc PATH --lectern PATH [--less PATH|none]\n"
	    "                 [--vim PATH|none] [--out DIR] [--runs N]\n"
	    "                 [--trace | --trace-all] [SIZE ...]\n"
	    "SIZE is a document size with K or M (default: 6K 5M 100M).  less and\n"
	    "vim are looked up in PATH unless given; either is skipped if absent.\n"
	    "--trace prints the screen at the end of each wait, --trace-all every\n"
	    "state of the screen.\n");
	exit(2);
}

/* The program of id: path as given ("none": not run), else looked up in
 * PATH; not run when absent. */
static void
set_prog(enum prog_id id, const char *path)
{
	if (path != NULL && strcmp(path, "none") == 0)
		progs[id].path[0] = '\0';
	else {
		find_program(path ? path : progs[id].name, progs[id].path);
		if (progs[id].path[0] == '\0')
			printf("readbench: no %s to run (%s)\n", progs[id].name,
			    path ? path : "not in PATH");
	}
}

static void
describe(const char *out)
{
	char load[128] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f != NULL) {
		if (fgets(load, sizeof(load), f) == NULL)
			snprintf(load, sizeof(load), "?");
		load[strcspn(load, "\n")] = '\0';
		fclose(f);
	}
	printf("readbench: %dx%d pty, TERM=xterm-256color, LC_ALL=C.UTF-8, "
	    "in %s; %ld CPUs, load average %s\n", COLS, ROWS, out,
	    sysconf(_SC_NPROCESSORS_ONLN), load);
	printf("readbench: lectern --no-state FILE; less FILE (LESS= LESSOPEN=); "
	    "vim -u NONE -i NONE -N -n -R -X --cmd 'set ruler' FILE\n");
	for (int p = 0; p < NPROGS; p++)
		printf("readbench: %-7s %s\n", progs[p].name,
		    progs[p].path[0] ? progs[p].path : "(not run)");
	fflush(stdout);
}

/* All sessions on one document. */
static void
measure_doc(struct doc *d, struct result r[NPROGS], unsigned runs)
{
	bool ok[NPROGS];

	for (int p = 0; p < NPROGS; p++)
		ok[p] = progs[p].path[0] != '\0' && warm_up((enum prog_id)p, d, &r[p]);
	/* The programs take turns in every run, so that the load of the
	 * machine falls on each alike. */
	for (unsigned n = 0; n < runs; n++)
		for (int p = 0; p < NPROGS; p++)
			if (ok[p]) {
				session_g((enum prog_id)p, d, &r[p]);
				session_search((enum prog_id)p, d, &r[p]);
			}
}

int
main(int argc, char *argv[])
{
	static struct doc docs[MAX_SIZES];
	static struct result res[MAX_SIZES][NPROGS];
	static const char *const defaults[] = { "6K", "5M", "100M" };
	const char *lectern = NULL, *less = NULL, *vim = NULL;
	const char *out = "bench/out";
	char mkdoc[PATH_MAX] = "";
	unsigned runs = 5, failed = 0;
	size_t ns = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--mkdoc") == 0 && i + 1 < argc)
			find_program(argv[++i], mkdoc);
		else if (strcmp(a, "--lectern") == 0 && i + 1 < argc)
			lectern = argv[++i];
		else if (strcmp(a, "--less") == 0 && i + 1 < argc)
			less = argv[++i];
		else if (strcmp(a, "--vim") == 0 && i + 1 < argc)
			vim = argv[++i];
		else if (strcmp(a, "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(a, "--runs") == 0 && i + 1 < argc)
			runs = (unsigned)atoi(argv[++i]);
		else if (strcmp(a, "--trace") == 0)
			trace = true;
		else if (strcmp(a, "--trace-all") == 0)
			trace = trace_all = true;
		else if (a[0] == '-' || ns == MAX_SIZES || strlen(a) > 8)
			usage();
		else
			snprintf(docs[ns++].spec, sizeof(docs[0].spec), "%s", a);
	}
	if (mkdoc[0] == '\0' || lectern == NULL || runs < 1 || runs > 100)
		usage();
	if (ns == 0)
		for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			snprintf(docs[ns++].spec, sizeof(docs[0].spec), "%s", defaults[i]);
	set_prog(LECTERN, lectern);
	set_prog(LESS, less);
	set_prog(VIM, vim);
	if (progs[LECTERN].path[0] == '\0')
		bench_die("no lectern to run");
	/* The programs run in the output directory, on "doc-100M.txt": so a
	 * person would open it, and the file name fits on a status line. */
	if ((mkdir(out, 0755) != 0 && errno != EEXIST) || chdir(out) != 0)
		bench_die("%s: %s", out, strerror(errno));
	catch_signals();
	describe(out);
	for (size_t k = 0; k < ns; k++) {
		make_doc(&docs[k], mkdoc);
		docs[k].lines = count_lines(docs[k].path);
		find_word(&docs[k]);
		measure_doc(&docs[k], res[k], runs);
		print_size(&docs[k], res[k], runs);
		for (int p = 0; p < NPROGS; p++)
			failed += res[k][p].failed;
	}
	print_summary(docs, res, ns);
	if (failed > 0)
		printf("\nreadbench: %u session(s) failed (see above)\n", failed);
	return failed > 0 ? 1 : 0;
}
