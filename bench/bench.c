/*
 * bench.c - the backend benchmark: how fast lectern models a large
 * document, how much memory that takes, and how fast the model answers.
 *
 * For each size given (6K, 5M and 100M by default) a document is made by
 * mkdoc (bench/mkdoc.c) and kept in the output directory, so that later
 * runs reuse it.  Each size is measured in a child process of its own, so
 * that its peak resident memory is its own: the child loads the document
 * (load_open + load_finish), parses it (parse_text) and builds the model
 * (model_from_doc: word index, terms, named lists, cross-references),
 * timing each stage with CLOCK_MONOTONIC; reads its peak resident set
 * (VmHWM); then times lookups in the loaded model, many times each:
 * words (index_lookup and the first posting; index_containing for a
 * substring), terms (terms_find), resolve() of a label, a list, a term and
 * plain words, and xrefs_related() in the middle of the document.  A
 * second pass builds the model again one part more at a time to show
 * where the time goes.  Then, in another child, a reference that is not
 * lectern's code (floor.c): a bare word index over the same document,
 * the least any word index does, to show what the throughput target
 * leaves for the rest.  Finally the program itself is timed as a whole
 * process on the bundled document: lectern --outline FILE >/dev/null.
 *
 * Everything runs pinned to one CPU, so the figures are for one core.
 * The table gives each target next to the measured value with PASS or
 * MISS.  The exit status is 0 whatever the figures: this is a benchmark,
 * not a test (it is 2 only when it cannot run at all).
 *
 * Sizes are in MB of 2^20 bytes, and so is throughput (MB/s).
 */
#define _GNU_SOURCE             /* sched_setaffinity, CPU_SET */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
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

#define BENCH_NAME "bench"
#include "common.h"
#include "floor.h"
#include "doc.h"
#include "index.h"
#include "lexicon.h"
#include "lists.h"
#include "load.h"
#include "model.h"
#include "parse.h"
#include "resolve.h"
#include "terms.h"
#include "util.h"
#include "xref.h"


#define MB (1024.0 * 1024.0)
#define MAX_SIZES 16
#define MAX_LOOKUPS 12
#define MAX_ARGS 32
#define MIN_REPS 50
#define MAX_REPS 2000
#define REP_BUDGET 0.4          /* seconds per lookup, at most */
#define RELATED_NODES 200

/* Targets (from the issue). */
#define T_THROUGHPUT 150.0      /* MB/s for the whole pipeline */
#define T_RSS_RATIO 2.0         /* peak RSS / document size */
#define T_BIG (5.0 * MB)        /* those two apply from this size */
#define T_LOOKUP 1e-3           /* seconds, for 9 calls in 10 (p90) */
#define T_OUTLINE 5e-3          /* seconds, median, whole process */

struct lookup {
	char name[40];
	char what[160];             /* what was looked up */
	double median, p90, worst;  /* seconds */
	unsigned reps;
	unsigned found;             /* results of the first argument */
};

/* What a child reports for one size. */
struct result {
	bool ok;
	char err[256];
	uint64_t bytes;
	double load, parse, model;
	double parse2, index, terms, lists, xrefs;
	uint64_t rss_base, rss_peak;
	uint64_t rss_load, rss_parse, rss_model;    /* VmRSS after each */
	uint32_t nodes, blocks, words, nterms, nlists, nxrefs;
	uint64_t index_mem;
	struct lookup look[MAX_LOOKUPS];
	size_t nlook;
};

struct doc_info {
	char spec[32];              /* as given: "100M" */
	char path[4096];
	uint64_t bytes;
	uint32_t last_para;
	char unique[64];
	double gen_time;            /* 0 when it was reused */
};

struct opts {
	const char *lexicon;
	const char *lectern;
	const char *outline_doc;
	const char *mkdoc;
	const char *out;
	int cpu;
	unsigned runs;
	bool lookups;               /* time lookups (not with --build-only) */
	bool breakdown;             /* the second pass, part by part */
	bool reference;             /* the bare word index of floor.c */
};

static char outdir[2048];
static bool outdir_temp;

/* ------------------------------------------------------------- helpers */

/* Forget the peak resident set so far (Linux 4.0 and later). */
static void
reset_peak(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "5", 1) != 1) {
			/* an old kernel: the peak then includes the parent's */
		}
		close(fd);
	}
}

static const char *
human_time(double s, char *buf, size_t n)
{
	if (s < 1e-3)
		snprintf(buf, n, "%.1f us", s * 1e6);
	else if (s < 1)
		snprintf(buf, n, "%.2f ms", s * 1e3);
	else
		snprintf(buf, n, "%.2f s", s);
	return buf;
}

static const char *
human_bytes(double b, char *buf, size_t n)
{
	if (b < MB)
		snprintf(buf, n, "%.1f KB", b / 1024);
	else
		snprintf(buf, n, "%.1f MB", b / MB);
	return buf;
}

static const char *
verdict(bool pass)
{
	return pass ? "PASS" : "MISS";
}

/* Run argv with standard input and output on /dev/null (or output on
 * out_path), wait for it; returns its wait status, -1 if it could not be
 * started. */
static int
run(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = -1, e;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
	    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	e = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		errno = e;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* ---------------------------------------------------------- documents */

static void
setup_outdir(const char *want)
{
	const char *tmp = getenv("TMPDIR");

	if (want != NULL) {
		snprintf(outdir, sizeof(outdir), "%s", want);
		if ((mkdir(outdir, 0755) == 0 || errno == EEXIST) &&
		    access(outdir, W_OK) == 0)
			return;
		fprintf(stderr, "bench: %s: %s; using a temporary directory\n",
		    outdir, strerror(errno));
	}
	snprintf(outdir, sizeof(outdir), "%s/lectern-bench.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(outdir) == NULL)
		bench_die("%s: %s", outdir, strerror(errno));
	outdir_temp = true;
}

/* The document of one size: reused when mkdoc has not changed since it
 * was made, otherwise made again. */
static void
make_doc(const struct opts *o, struct doc_info *di)
{
	struct bench_doc bd;
	bool made;
	double t = bench_now();
	int status;

	snprintf(di->path, sizeof(di->path), "%s/doc-%s.txt", outdir, di->spec);
	status = bench_make_doc(o->mkdoc, di->spec, di->path, &bd, &made);
	di->gen_time = made ? bench_now() - t : 0;
	if (status != 0)
		bench_die("%s: mkdoc failed (status %d)", di->path, status);
	if (made)
		printf("bench: made %s\n", di->path);
	di->bytes = bd.bytes;
	di->last_para = bd.last_para;
	snprintf(di->unique, sizeof(di->unique), "%s", bd.unique);
}

static void
remove_doc(const struct doc_info *di)
{
	char info[4200];

	snprintf(info, sizeof(info), "%s.info", di->path);
	unlink(di->path);
	unlink(info);
}

/* ------------------------------------------------------------ lookups */

struct ctx {
	struct model *m;
	const char *args[MAX_ARGS];
	uint32_t nodes[RELATED_NODES];
	size_t nargs;
	volatile uint32_t sink;
};

typedef unsigned look_fn(struct ctx *c, size_t i);

static unsigned
look_word(struct ctx *c, size_t i)
{
	const char *w = c->args[i];
	uint32_t id = index_lookup(c->m->index, w, strlen(w)), b = 0;
	struct postings it;

	if (id == INDEX_NONE)
		return 0;
	index_postings(c->m->index, id, &it);
	if (!index_next(&it, &b))
		return 0;
	c->sink = b;
	return index_df(c->m->index, id);
}

static unsigned
look_substring(struct ctx *c, size_t i)
{
	const char *w = c->args[i];
	uint32_t ids[64], b = 0;
	size_t n = index_containing(c->m->index, w, strlen(w), ids, 64);
	struct postings it;

	if (n > 0) {
		index_postings(c->m->index, ids[0], &it);
		if (index_next(&it, &b))
			c->sink = b;
	}
	return (unsigned)n;
}

static unsigned
look_term(struct ctx *c, size_t i)
{
	uint32_t t = terms_find(c->m->terms, c->args[i]);

	return t == TERMS_NONE ? 0 : 1;
}

static unsigned
look_resolve(struct ctx *c, size_t i)
{
	struct target out[64];

	return (unsigned)resolve(c->m, c->args[i], out, 64);
}

static unsigned
look_related(struct ctx *c, size_t i)
{
	struct xref out[XREF_RELATED_MAX];

	return (unsigned)xrefs_related(c->m->xrefs, c->nodes[i], out);
}

/* Call fn over and over, cycling through its arguments, and keep the
 * median, the 90th percentile and the worst. */
static void
time_lookup(struct result *r, const char *name, look_fn *fn, struct ctx *c)
{
	struct lookup *l;
	static double t[MAX_REPS];
	double start;
	unsigned n = 0;
	size_t len = 0;

	if (r->nlook == MAX_LOOKUPS || c->nargs == 0)
		return;
	l = &r->look[r->nlook++];
	snprintf(l->name, sizeof(l->name), "%s", name);
	for (size_t i = 0; i < c->nargs; i++) {
		const char *a = fn == look_related ? "" : c->args[i];

		if (len + strlen(a) + 12 >= sizeof(l->what)) {
			snprintf(l->what + len, sizeof(l->what) - len, ", ...");
			break;
		}
		len += (size_t)snprintf(l->what + len, sizeof(l->what) - len,
		    "%s\"%s\"", i ? ", " : "", a);
		if (fn == look_related) {
			snprintf(l->what, sizeof(l->what), "%zu node%s", c->nargs,
			    c->nargs > 1 ? "s" : "");
			break;
		}
	}
	l->found = fn(c, 0);        /* also warms the caches up */
	start = bench_now();
	while (n < MAX_REPS && (n < MIN_REPS || bench_now() - start < REP_BUDGET)) {
		double a = bench_now();

		fn(c, n % c->nargs);
		t[n++] = bench_now() - a;
	}
	qsort(t, n, sizeof(t[0]), bench_cmp_double);
	l->reps = n;
	l->median = t[n / 2];
	l->p90 = t[n * 9 / 10];
	l->worst = t[n - 1];
}

/* "paragraph N (b)" for an item (b) near the middle of the document. */
static bool
label_phrase(const struct doc *d, char *buf, size_t n)
{
	char mk[DOC_MARKER_MAX], lb[DOC_LABEL_MAX];
	uint32_t nn = doc_nnodes(d);

	for (uint32_t i = nn / 2; i < nn; i++) {
		const struct node *nd = doc_node(d, i);

		if (nd->kind == NODE_ITEM && strcmp(doc_marker(d, i, mk), "(b)") == 0 &&
		    nd->parent != DOC_NONE &&
		    doc_node(d, nd->parent)->kind == NODE_PARAGRAPH) {
			snprintf(buf, n, "paragraph %s (b)", doc_label(d, nd->parent, lb));
			return true;
		}
	}
	return false;
}

static bool
relatable(const struct node *nd)
{
	return nd->kind == NODE_PARAGRAPH || nd->kind == NODE_ITEM ||
	    nd->kind == NODE_SUBITEM;
}

/* The paragraph in the middle, and nodes spread over the document. */
static size_t
pick_nodes(const struct doc *d, uint32_t last_para, uint32_t *out, size_t max)
{
	char lab[32];
	uint32_t nn = doc_nnodes(d), mid;
	size_t n = 0;

	snprintf(lab, sizeof(lab), "%u", last_para / 2);
	mid = doc_find_label(d, lab);
	if (max == 1) {
		if (mid == DOC_NONE)
			for (mid = nn / 2; mid < nn && !relatable(doc_node(d, mid)); mid++)
				;
		out[0] = mid;
		return mid < nn;
	}
	for (size_t k = 0; k < max; k++) {
		uint32_t i = (uint32_t)((uint64_t)nn * k / max);

		while (i < nn && !relatable(doc_node(d, i)))
			i++;
		if (i < nn && (n == 0 || out[n - 1] != i))
			out[n++] = i;
	}
	return n;
}

static void
set_args(struct ctx *c, size_t n, const char *const *a)
{
	c->nargs = 0;
	for (size_t i = 0; i < n && c->nargs < MAX_ARGS; i++)
		if (a[i] != NULL)
			c->args[c->nargs++] = a[i];
}

static void
lookups(struct result *r, struct model *m, const struct doc_info *di)
{
	struct ctx c = { .m = m };
	const struct index *ix = m->index;
	uint32_t nw = index_nwords(ix), nt = terms_count(m->terms);
	char label[64], mid_term[256];

	{
		const char *w[] = { di->unique, "migration", "development", "the",
			"coordination", "notaword", nw ? index_word(ix, nw / 7) : NULL,
			nw ? index_word(ix, nw / 3) : NULL,
			nw ? index_word(ix, nw / 2) : NULL,
			nw ? index_word(ix, nw - 1) : NULL };

		set_args(&c, sizeof(w) / sizeof(w[0]), w);
		time_lookup(r, "word, exact", look_word, &c);
	}
	{
		const char *w[] = { "quux", "migrat", "ation", "qqq" };

		set_args(&c, 4, w);
		time_lookup(r, "word, substring", look_substring, &c);
	}
	snprintf(mid_term, sizeof(mid_term), "%s", nt ? terms_text(m->terms, nt / 2) : "");
	{
		const char *w[] = { "the Working Group", "IOM", "Member States",
			mid_term, "the purple elephant" };

		set_args(&c, 5, w);
		time_lookup(r, "term", look_term, &c);
	}
	if (label_phrase(m->doc, label, sizeof(label))) {
		const char *w[] = { label };

		set_args(&c, 1, w);
		time_lookup(r, "resolve, label", look_resolve, &c);
	}
	{
		const char *w1[] = { "the four points" };
		const char *w2[] = { "the Working Group" };
		const char *w3[] = { di->unique };

		set_args(&c, 1, w1);
		time_lookup(r, "resolve, list", look_resolve, &c);
		set_args(&c, 1, w2);
		time_lookup(r, "resolve, term", look_resolve, &c);
		set_args(&c, 1, w3);
		time_lookup(r, "resolve, words", look_resolve, &c);
	}
	c.nargs = pick_nodes(m->doc, di->last_para, c.nodes, 1);
	time_lookup(r, "related, middle node", look_related, &c);
	c.nargs = pick_nodes(m->doc, di->last_para, c.nodes, RELATED_NODES);
	time_lookup(r, "related, spread", look_related, &c);
}

/* ------------------------------------------------------------ a child */

/* Build the model again one part more at a time, to see where the time
 * goes: the word index alone, with the terms, the lists alone, and the
 * whole (the cross-references are what the whole adds). */
static double
timed_parts(struct doc *d, const struct lexicon *lx, unsigned parts)
{
	double t = bench_now();
	struct model *m = model_from_doc_parts(d, lx, parts);

	t = bench_now() - t;
	m->doc = NULL;          /* the caller's, for the next build */
	model_free(m);
	return t;
}

static void
breakdown(struct result *r, struct text *t, const struct lexicon *lx)
{
	double t0 = bench_now(), index, terms, all;
	struct doc *d = parse_text(t);
	struct lists *ls;

	r->parse2 = bench_now() - t0;
	index = timed_parts(d, lx, 0);
	terms = timed_parts(d, lx, MODEL_TERMS);
	t0 = bench_now();
	ls = lists_build(d, lx);
	r->lists = bench_now() - t0;
	lists_free(ls);
	all = timed_parts(d, lx, MODEL_ALL);
	r->index = index;
	r->terms = terms - index;
	r->xrefs = all - terms - r->lists;
	doc_free(d);
}

static void
measure(struct result *r, const struct opts *o, const struct doc_info *di)
{
	struct load_opts lo = { 0 };
	struct load_error le;
	struct lexicon *lx;
	struct text *t;
	struct doc *d;
	struct model *m;
	double t0, t1, t1b, t2, t2b, t3;
	int err = 0;

	util_malloc_setup();        /* as lectern's main() does */
	reset_peak();
	if ((lx = lexicon_load(o->lexicon, &err)) == NULL || err != 0) {
		snprintf(r->err, sizeof(r->err), "%.150s: %.100s", o->lexicon,
		    strerror(err));
		return;
	}
	r->rss_base = bench_proc_status("/proc/self/status", "VmRSS");
	t0 = bench_now();
	if ((t = load_open(di->path, &lo, &le)) == NULL) {
		snprintf(r->err, sizeof(r->err), "%.100s: %.150s", di->path,
		    le.reason);
		return;
	}
	if (load_finish(t) != 0) {
		snprintf(r->err, sizeof(r->err), "%.100s: not UTF-8", di->path);
		return;
	}
	t1 = bench_now();
	r->rss_load = bench_proc_status("/proc/self/status", "VmRSS");     /* not timed */
	t1b = bench_now();
	d = parse_text(t);
	t2 = bench_now();
	r->rss_parse = bench_proc_status("/proc/self/status", "VmRSS");
	t2b = bench_now();
	m = model_from_doc(d, lx);
	t3 = bench_now();
	r->rss_model = bench_proc_status("/proc/self/status", "VmRSS");
	r->rss_peak = bench_proc_status("/proc/self/status", "VmHWM");
	r->index_mem = index_memory(m->index);
	r->bytes = t->len;
	r->load = t1 - t0;
	r->parse = t2 - t1b;
	r->model = t3 - t2b;
	r->nodes = doc_nnodes(d);
	r->blocks = doc_nblocks(d);
	r->words = index_nwords(m->index);
	r->nterms = terms_count(m->terms);
	r->nlists = lists_count(m->lists);
	r->nxrefs = xrefs_count(m->xrefs);
	if (o->lookups)
		lookups(r, m, di);
	model_free(m);
	if (o->breakdown)
		breakdown(r, t, lx);
	load_unref(t);
	lexicon_free(lx);
	r->ok = true;
}

/* Run fn(out, arg) in a child process (pinned as this one is) and bring
 * out, size bytes, back through a pipe; false, with the child's wait
 * status, when it died before it had written it all. */
static bool
in_child(void (*fn)(void *, const void *), const void *arg, void *out,
    size_t size, int *status)
{
	int fd[2];
	pid_t pid;
	size_t got = 0;

	if (pipe(fd) != 0)
		bench_die("pipe: %s", strerror(errno));
	fflush(NULL);
	if ((pid = fork()) < 0)
		bench_die("fork: %s", strerror(errno));
	if (pid == 0) {
		const char *p = out;    /* the child's own copy */
		size_t left = size;

		close(fd[0]);
		fn(out, arg);
		while (left > 0) {
			ssize_t w = write(fd[1], p, left);

			if (w <= 0)
				_exit(1);
			p += w;
			left -= (size_t)w;
		}
		_exit(0);
	}
	close(fd[1]);
	while (got < size) {
		ssize_t n = read(fd[0], (char *)out + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return got == size;
}

struct child_arg {
	const struct opts *o;
	const struct doc_info *di;
};

static void
measure_fn(void *out, const void *arg)
{
	const struct child_arg *a = arg;

	measure(out, a->o, a->di);
}

/* Measure one size in a child process of its own, so that its peak
 * resident set is its own. */
static void
measure_child(struct result *r, const struct opts *o, const struct doc_info *di)
{
	struct child_arg a = { o, di };
	int status = 0;

	memset(r, 0, sizeof(*r));
	if (!in_child(measure_fn, &a, r, sizeof(*r), &status)) {
		memset(r, 0, sizeof(*r));
		snprintf(r->err, sizeof(r->err), "the child died (status %#x)", status);
	}
}

static void
reference_fn(void *out, const void *arg)
{
	const struct doc_info *di = arg;

	floor_measure(di->path, out);
}

/* The reference (floor.c) over the same document, in a process of its
 * own started after the size's child has ended: nothing of it is in that
 * child's peak resident set or in its heap, and it runs with libc's
 * malloc as it comes (the child sets lectern's options, as lectern does). */
static void
reference_child(struct floor_result *f, const struct doc_info *di)
{
	int status = 0;

	memset(f, 0, sizeof(*f));
	if (!in_child(reference_fn, di, f, sizeof(*f), &status)) {
		memset(f, 0, sizeof(*f));
		snprintf(f->err, sizeof(f->err), "the child died (status %#x)",
		    status);
	}
}

/* ------------------------------------------------------------ outline */

/* The median wall-clock time of the whole program printing the outline
 * of the bundled document; -1 if it cannot be run. */
static double
time_outline(const struct opts *o, double *worst)
{
	char *argv[] = { (char *)o->lectern, "--outline", (char *)o->outline_doc,
		NULL };
	double *t, median;
	unsigned n = o->runs ? o->runs : 1;

	if (o->lectern == NULL || o->outline_doc == NULL || o->runs == 0 ||
	    access(o->lectern, X_OK) != 0)
		return -1;
	for (int i = 0; i < 3; i++)                 /* warm up */
		if (run(argv, NULL) != 0)
			return -1;
	t = calloc(n, sizeof(*t));
	if (t == NULL)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		double a = bench_now();

		run(argv, NULL);
		t[i] = bench_now() - a;
	}
	qsort(t, n, sizeof(*t), bench_cmp_double);
	*worst = t[n - 1];
	median = t[n / 2];
	free(t);
	return median;
}

/* ------------------------------------------------------------ reports */

static bool
big(const struct result *r)
{
	return (double)r->bytes >= T_BIG;
}

static double
pipeline(const struct result *r)
{
	return r->load + r->parse + r->model;
}

static double
rate(const struct result *r, double t)
{
	return t > 0 ? (double)r->bytes / MB / t : 0;
}

static void
print_stage(const struct result *r, const char *name, double t)
{
	char b[32];

	printf("    %-34s %10s %9.1f MB/s\n", name, human_time(t, b, sizeof(b)),
	    rate(r, t));
}

/* The reference's line and what it did, under the pipeline's. */
static void
print_reference(const struct floor_result *f)
{
	char b1[32];

	if (!f->ok) {
		printf("    %-34s FAILED: %s\n", "bare word index (reference)",
		    f->err);
		return;
	}
	printf("    %-34s %10s %9.1f MB/s   the least a word index does: "
	    "not a target\n", "bare word index (reference)",
	    human_time(f->index, b1, sizeof(b1)),
	    f->index > 0 ? (double)f->bytes / MB / f->index : 0);
	printf("      not lectern's code (bench/floor.c), best of %d: %llu words, "
	    "%u distinct, %u blocks; without the table %.1f MB/s\n",
	    FLOOR_RUNS, (unsigned long long)f->tokens, f->words, f->blocks,
	    f->scan > 0 ? (double)f->bytes / MB / f->scan : 0);
}

static void
print_size(const struct doc_info *di, const struct result *r,
    const struct floor_result *ref)
{
	char b1[32], b2[32], b3[32], b4[32], b5[32];
	double tp = rate(r, pipeline(r)), ratio = (double)r->rss_peak / (double)r->bytes;

	printf("\n== %s: %s, %llu bytes (%s), %u paragraphs", di->spec, di->path,
	    (unsigned long long)di->bytes, human_bytes((double)di->bytes, b1, sizeof(b1)),
	    di->last_para);
	if (di->gen_time > 0)
		printf("; made in %s (%.0f MB/s)", human_time(di->gen_time, b2, sizeof(b2)),
		    (double)di->bytes / MB / di->gen_time);
	printf("\n");
	if (!r->ok) {
		printf("    FAILED: %s\n", r->err);
		return;
	}
	printf("    model: %u nodes, %u blocks, %u distinct words, %u terms, "
	    "%u lists, %u edges; index %s\n", r->nodes, r->blocks, r->words,
	    r->nterms, r->nlists, r->nxrefs,
	    human_bytes((double)r->index_mem, b1, sizeof(b1)));
	print_stage(r, "load (load_open + load_finish)", r->load);
	print_stage(r, "parse (parse_text)", r->parse);
	print_stage(r, "model (model_from_doc)", r->model);
	print_stage(r, "pipeline", pipeline(r));
	printf("    %-34s %10s %9s      target >= %.0f MB/s%s: %s\n", "",
	    "", "", T_THROUGHPUT, big(r) ? "" : " (5 MB and more)",
	    big(r) ? verdict(tp >= T_THROUGHPUT) : "n/a");
	if (ref != NULL)
		print_reference(ref);
	printf("    %-34s %10s %7.2f x size  target <= %.1f x%s: %s\n",
	    "peak RSS (VmHWM)", human_bytes((double)r->rss_peak, b1, sizeof(b1)),
	    ratio, T_RSS_RATIO, big(r) ? "" : " (5 MB and more)",
	    big(r) ? verdict(ratio <= T_RSS_RATIO) : "n/a");
	printf("    resident after: start %s, load %s, parse %s, model %s\n",
	    human_bytes((double)r->rss_base, b1, sizeof(b1)),
	    human_bytes((double)r->rss_load, b2, sizeof(b2)),
	    human_bytes((double)r->rss_parse, b3, sizeof(b3)),
	    human_bytes((double)r->rss_model, b4, sizeof(b4)));
	if (r->parse2 > 0)
		printf("    second pass, part by part: parse %s, index %s, terms %s, "
		    "lists %s, xrefs %s\n", human_time(r->parse2, b1, sizeof(b1)),
		    human_time(r->index, b2, sizeof(b2)),
		    human_time(r->terms, b3, sizeof(b3)),
		    human_time(r->lists, b4, sizeof(b4)),
		    human_time(r->xrefs, b5, sizeof(b5)));
	if (r->nlook == 0)
		return;
	printf("    %-22s %10s %10s %10s %5s %6s  target\n", "lookup", "median",
	    "p90", "worst", "reps", "found");
	for (size_t i = 0; i < r->nlook; i++) {
		const struct lookup *l = &r->look[i];

		printf("    %-22s %10s %10s %10s %5u %6u  p90 < 1 ms: %s\n",
		    l->name, human_time(l->median, b1, sizeof(b1)),
		    human_time(l->p90, b2, sizeof(b2)),
		    human_time(l->worst, b3, sizeof(b3)), l->reps, l->found,
		    verdict(l->p90 < T_LOOKUP));
		printf("    %-22s   %s\n", "", l->what);
	}
	fflush(stdout);
}

static void
summary_cell(char *buf, size_t n, const char *val, const char *v)
{
	snprintf(buf, n, "%s %s", val, v);
}

static void
print_summary(const struct doc_info *di, const struct result *r,
    const struct floor_result *ref, size_t ns, double outline,
    double outline_worst, unsigned runs)
{
	char cell[96], val[64];

	printf("\n== summary (one core; MB = 2^20 bytes)\n");
	printf("%-34s", "target");
	for (size_t i = 0; i < ns; i++)
		printf(" %-16s", di[i].spec);
	printf("\n");
	printf("%-34s", "pipeline >= 150 MB/s (>= 5 MB)");
	for (size_t i = 0; i < ns; i++) {
		snprintf(val, sizeof(val), "%.1f", rate(&r[i], pipeline(&r[i])));
		summary_cell(cell, sizeof(cell), val, !r[i].ok ? "FAIL" : big(&r[i]) ?
		    verdict(rate(&r[i], pipeline(&r[i])) >= T_THROUGHPUT) : "n/a");
		printf(" %-16s", cell);
	}
	if (ref != NULL) {
		/* not lectern's: no target, no verdict */
		printf("\n%-34s", "bare word index, reference, MB/s");
		for (size_t i = 0; i < ns; i++) {
			if (ref[i].ok && ref[i].index > 0)
				snprintf(val, sizeof(val), "%.1f",
				    (double)ref[i].bytes / MB / ref[i].index);
			else
				snprintf(val, sizeof(val), "FAIL");
			printf(" %-16s", val);
		}
	}
	printf("\n%-34s", "peak RSS <= 2 x size (>= 5 MB)");
	for (size_t i = 0; i < ns; i++) {
		double ratio = r[i].bytes ? (double)r[i].rss_peak / (double)r[i].bytes : 0;

		snprintf(val, sizeof(val), "%.2fx", ratio);
		summary_cell(cell, sizeof(cell), val, !r[i].ok ? "FAIL" : big(&r[i]) ?
		    verdict(ratio <= T_RSS_RATIO) : "n/a");
		printf(" %-16s", cell);
	}
	printf("\n");
	for (size_t k = 0; k < MAX_LOOKUPS; k++) {
		const char *name = NULL;

		for (size_t i = 0; i < ns && name == NULL; i++)
			if (k < r[i].nlook)
				name = r[i].look[k].name;
		if (name == NULL)
			break;
		printf("%-34s", (snprintf(val, sizeof(val), "%s p90 < 1 ms", name), val));
		for (size_t i = 0; i < ns; i++) {
			if (k >= r[i].nlook) {
				printf(" %-16s", "-");
				continue;
			}
			human_time(r[i].look[k].p90, val, sizeof(val));
			summary_cell(cell, sizeof(cell), val,
			    verdict(r[i].look[k].p90 < T_LOOKUP));
			printf(" %-16s", cell);
		}
		printf("\n");
	}
	if (outline < 0)
		printf("%-34s not run\n", "--outline < 5 ms (process)");
	else {
		char b1[32], b2[32];

		printf("%-34s %s %s  (median of %u runs, worst %s)\n",
		    "--outline < 5 ms (process)", human_time(outline, b1, sizeof(b1)),
		    verdict(outline < T_OUTLINE), runs,
		    human_time(outline_worst, b2, sizeof(b2)));
	}
	printf("(lookups: 9 calls in 10 were at least this fast; the median and "
	    "the worst are in the tables above)\n");
}

/* ------------------------------------------------------------- main */

static void
usage(void)
{
	fprintf(stderr,
	    "usage: bench --mkdoc PATH [--lexicon PATH] [--lectern PATH]\n"
	    "             [--outline-doc PATH] [--out DIR] [--cpu N] [--runs N]\n"
	    "             [--build-only] [SIZE ...]\n"
	    "SIZE is a document size with K or M (default: 6K 5M 100M).\n");
	exit(2);
}

static void
pin(int cpu)
{
	cpu_set_t set;
	char model[256] = "?", line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "model name", 10) == 0) {
			char *p = strchr(line, ':');

			snprintf(model, sizeof(model), "%s", p ? p + 2 : line);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	if (f)
		fclose(f);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		printf("bench: could not pin to CPU %d (%s): figures may use more "
		    "than one core\n", cpu, strerror(errno));
	else
		printf("bench: pinned to CPU %d of %ld (%s)\n", cpu,
		    sysconf(_SC_NPROCESSORS_ONLN), model);
}

int
main(int argc, char *argv[])
{
	struct opts o = { .cpu = 0, .runs = 50, .lookups = true,
		.breakdown = true, .reference = true };
	static struct doc_info di[MAX_SIZES];
	static struct result res[MAX_SIZES];
	static struct floor_result ref[MAX_SIZES];
	static const char *const defaults[] = { "6K", "5M", "100M" };
	size_t ns = 0;
	double outline, outline_worst = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--lexicon") == 0 && i + 1 < argc)
			o.lexicon = argv[++i];
		else if (strcmp(a, "--lectern") == 0 && i + 1 < argc)
			o.lectern = argv[++i];
		else if (strcmp(a, "--outline-doc") == 0 && i + 1 < argc)
			o.outline_doc = argv[++i];
		else if (strcmp(a, "--mkdoc") == 0 && i + 1 < argc)
			o.mkdoc = argv[++i];
		else if (strcmp(a, "--out") == 0 && i + 1 < argc)
			o.out = argv[++i];
		else if (strcmp(a, "--cpu") == 0 && i + 1 < argc)
			o.cpu = atoi(argv[++i]);
		else if (strcmp(a, "--runs") == 0 && i + 1 < argc)
			o.runs = (unsigned)atoi(argv[++i]);
		else if (strcmp(a, "--build-only") == 0) {
			/* for profilers: only load, parse and model */
			o.lookups = o.breakdown = o.reference = false;
			o.runs = 0;
		}
		else if (a[0] == '-' || ns == MAX_SIZES)
			usage();
		else
			snprintf(di[ns++].spec, sizeof(di[0].spec), "%s", a);
	}
	if (o.mkdoc == NULL)
		usage();
	if (ns == 0)
		for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			snprintf(di[ns++].spec, sizeof(di[0].spec), "%s", defaults[i]);
	pin(o.cpu);
	setup_outdir(o.out);
	printf("bench: documents in %s%s\n", outdir,
	    outdir_temp ? " (temporary, removed at the end)" : "");
	for (size_t i = 0; i < ns; i++) {
		make_doc(&o, &di[i]);
		measure_child(&res[i], &o, &di[i]);
		if (o.reference)
			reference_child(&ref[i], &di[i]);
		print_size(&di[i], &res[i], o.reference ? &ref[i] : NULL);
	}
	outline = time_outline(&o, &outline_worst);
	print_summary(di, res, o.reference ? ref : NULL, ns, outline,
	    outline_worst, o.runs);
	if (outdir_temp) {
		for (size_t i = 0; i < ns; i++)
			remove_doc(&di[i]);
		rmdir(outdir);
	}
	return 0;
}
