/*
 * main.c - lectern's command line: parse the options, load the document,
 * and hand it to the mode that was asked for.  Nothing else lives here.
 */
#include "autoconf.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "display.h"
#include "doc.h"
#include "dump.h"
#include "lexicon.h"
#include "load.h"
#include "model.h"
#include "parse.h"
#include "paths.h"
#include "query.h"
#include "reader.h"
#include "util.h"

#define DEFAULT_DOC "iom-dg-response.txt"

enum mode {
	MODE_READ, MODE_DUMP, MODE_OUTLINE, MODE_PRINT, MODE_LISTS, MODE_XREFS,
	MODE_TERMS, MODE_SEARCH, MODE_RESOLVE, MODE_LINT
};

struct options {
	enum mode mode;
	const char *mode_name;      /* the option that chose it */
	const char *arg;            /* its argument: a label, words, a phrase */
	const char *file;
	struct load_opts load;
	int width;                  /* 0: the window's */
	bool json, all;
	struct reader_opts reader;
};

enum {
	OPT_ENCODING = 256, OPT_FORCE, OPT_WIDTH, OPT_HELP, OPT_VERSION,
	OPT_JSON, OPT_ALL, OPT_MOUSE, OPT_NO_STATE, OPT_SCRIPT,
	OPT_MODE                    /* OPT_MODE + enum mode */
};

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "dump", no_argument, NULL, OPT_MODE + MODE_DUMP },
	{ "outline", no_argument, NULL, OPT_MODE + MODE_OUTLINE },
	{ "print", required_argument, NULL, OPT_MODE + MODE_PRINT },
	{ "lists", no_argument, NULL, OPT_MODE + MODE_LISTS },
	{ "xrefs", no_argument, NULL, OPT_MODE + MODE_XREFS },
	{ "terms", no_argument, NULL, OPT_MODE + MODE_TERMS },
	{ "search", required_argument, NULL, OPT_MODE + MODE_SEARCH },
	{ "resolve", required_argument, NULL, OPT_MODE + MODE_RESOLVE },
	{ "lint", no_argument, NULL, OPT_MODE + MODE_LINT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "mouse", no_argument, NULL, OPT_MOUSE },
	{ "no-state", no_argument, NULL, OPT_NO_STATE },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
usage(void)
{
	printf("Usage: lectern [OPTION]... [+COMMAND] [FILE]\n"
	    "Read a structured plain-text document (a report, a resolution, an RFC)\n"
	    "in the terminal.  With no FILE, or when FILE is -, read standard input;\n"
	    "with no FILE and standard input a terminal, open the bundled document.\n"
	    "\n"
	    "Reading:\n"
	    "  -e, --encoding=NAME  read FILE in encoding NAME (any name iconv knows)\n"
	    "                       instead of detecting it\n"
	    "  -f, --force          read a file that looks binary\n"
	    "  -w, --width=N        lay the text out N columns wide\n"
	    "      --mouse          let the wheel scroll and clicks follow links\n"
	    "      --no-state       do not remember the reading position\n"
	    "      --script=FILE    run the keys and commands in FILE without a\n"
	    "                       terminal, printing screens (for tests)\n"
	    "  +LABEL, +/WORD       open at a label (+6b) or at a word (+/duplicat)\n"
	    "\n"
	    "Queries (print and exit; --json for JSON):\n"
	    "  -d, --dump           the whole document, reflowed\n"
	    "      --outline        the tree of sections, paragraphs and items\n"
	    "      --print=LABEL    one node and its children, reflowed\n"
	    "      --lists          the named lists (\"four points\" and their items)\n"
	    "      --xrefs          the cross-references and related passages\n"
	    "      --terms          the term index\n"
	    "      --search=WORDS   the passages that hold all the words\n"
	    "      --resolve=PHRASE what a phrase points to (\"the three concerns\")\n"
	    "      --all            with --resolve, every match, not the first\n"
	    "      --lint           what an editor would flag, FILE:LINE: messages\n"
	    "      --json           print the query's answer as JSON\n"
	    "\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n"
	    "\n"
	    "When standard output is not a terminal, lectern prints the document as\n"
	    "--dump does.  Exit status: 0 success, 1 nothing found or a problem\n"
	    "reported, 2 trouble (a bad option, a file that cannot be read).\n"
	    "\n"
	    "Full documentation: man lectern\n");
}

static void
version(void)
{
	printf("lectern %s\n", PACKAGE_VERSION);
}

/* The message names what was typed, which may hold anything: its
 * controls are shown as placeholders, as a file's name is. */
NORETURN PRINTF_LIKE(1, 2) static void
bad_usage(const char *fmt, ...)
{
	struct display *d = display_new(NULL);
	struct buf msg, shown;
	va_list ap;

	buf_init(&msg);
	buf_init(&shown);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	display_string(d, msg.data, msg.len, &shown);
	fprintf(stderr, "%s: %s (try 'lectern --help')\n", util_progname, shown.data);
	exit(2);
}

/* --help and --version: a write that failed is an error too. */
NORETURN static void
exit_written(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: standard output: %s\n", util_progname,
		    strerror(errno ? errno : EIO));
		exit(2);
	}
	exit(0);
}

static int
parse_width(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < 1 || v > 1000)
		bad_usage("invalid width '%s': expected a number from 1 to 1000", s);
	return (int)v;
}

static void
set_mode(struct options *o, enum mode m, const char *arg)
{
	const char *name = NULL;

	for (size_t i = 0; longopts[i].name; i++)
		if (longopts[i].val == OPT_MODE + (int)m)
			name = longopts[i].name;
	if (o->mode != MODE_READ && o->mode != m)
		bad_usage("--%s and --%s cannot be used together", o->mode_name, name);
	if (arg && *arg == '\0')
		bad_usage("--%s needs a value that is not empty", name);
	o->mode = m;
	o->mode_name = name;
	o->arg = arg;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":e:fw:dhV", longopts, NULL)) != -1) {
		if (c >= OPT_MODE) {
			set_mode(o, (enum mode)(c - OPT_MODE), optarg);
			continue;
		}
		switch (c) {
		case 'e':
		case OPT_ENCODING:
			o->load.encoding = optarg;
			break;
		case 'f':
		case OPT_FORCE:
			o->load.force = true;
			break;
		case 'w':
		case OPT_WIDTH:
			o->width = parse_width(optarg);
			break;
		case 'd':
			set_mode(o, MODE_DUMP, NULL);
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_ALL:
			o->all = true;
			break;
		case OPT_MOUSE:
			o->reader.mouse = true;
			break;
		case OPT_NO_STATE:
			o->reader.no_state = true;
			break;
		case OPT_SCRIPT:
			o->reader.script = optarg;
			break;
		case 'h':
		case OPT_HELP:
			usage();
			exit_written();
		case 'V':
		case OPT_VERSION:
			version();
			exit_written();
		case ':':
			bad_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				bad_usage("unknown option '-%c'", optopt);
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	for (; optind < argc; optind++) {
		const char *arg = argv[optind];

		if (arg[0] == '+' && arg[1] != '\0' && o->reader.start == NULL)
			o->reader.start = arg + 1;
		else if (o->file == NULL)
			o->file = arg;
		else
			bad_usage("unexpected argument '%s'", arg);
	}
	/* Options that would change nothing are mistakes worth a word. */
	if (o->json && o->mode != MODE_OUTLINE && o->mode != MODE_LISTS &&
	    o->mode != MODE_XREFS && o->mode != MODE_TERMS &&
	    o->mode != MODE_SEARCH && o->mode != MODE_RESOLVE)
		bad_usage("--json goes with --outline, --lists, --xrefs, --terms, "
		    "--search or --resolve");
	if (o->all && o->mode != MODE_RESOLVE)
		bad_usage("--all goes with --resolve");
	o->reader.width = o->width;
}

/* The file to read: the one named, standard input when it is not a
 * terminal, or else the bundled document. */
static const char *
choose_file(const struct options *o, char **owned)
{
	*owned = NULL;
	if (o->file)
		return o->file;
	if (!isatty(STDIN_FILENO))
		return "-";
	if ((*owned = paths_data(DEFAULT_DOC)) == NULL) {
		fprintf(stderr, "%s: %s: bundled document not found "
		    "(set LECTERN_DATADIR)\n", util_progname, DEFAULT_DOC);
		exit(2);
	}
	return *owned;
}

static bool
terminal_usable(void)
{
	const char *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && term && *term &&
	    strcmp(term, "dumb") != 0;
}

/* --width, or the terminal's width when printing to one, or 80. */
static int
output_width(const struct options *o)
{
	struct winsize ws;

	if (o->width > 0)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void
report_load(const struct text *t, const char *shown)
{
	if (t->len == 0)
		fprintf(stderr, "%s: %s: empty document\n", util_progname, shown);
	if (t->replaced)
		fprintf(stderr, "%s: %s: %zu invalid or unmappable "
		    "character%s shown as U+FFFD\n", util_progname, shown,
		    t->replaced, t->replaced == 1 ? "" : "s");
}

/* Read the rest of the document (all of it, for the queries); shown is
 * its name as messages show it. */
static struct text *
load_all(const char *file, const char *shown, const struct options *o)
{
	struct load_error err;
	struct text *t;

	if ((t = load_open(file, &o->load, &err)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", util_progname, shown, err.reason);
		exit(2);
	}
	load_finish_all(&t);
	return t;
}

static struct lexicon *
open_lexicon(void)
{
	char *path = paths_data("lexicon");
	int err;
	struct lexicon *lx = lexicon_load(path, &err);

	if (err)
		fprintf(stderr, "%s: %s: %s (lists are matched by their own "
		    "words only)\n", util_progname, path, strerror(err));
	free(path);
	return lx;
}

/* The queries: parse and index, answer, free. */
/* Standard output could not be written: say so; exit status 2. */
static int
output_failed(void)
{
	fprintf(stderr, "%s: standard output: %s\n", util_progname,
	    strerror(errno));
	return 2;
}

/* status, unless what was written to standard output did not all get
 * there. */
static int
flushed(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		return output_failed();
	return status;
}

static int
run_query(const struct options *o, struct text *t, const char *name,
    struct display *disp)
{
	struct query_opts q = { .json = o->json, .all = o->all,
		.width = output_width(o), .name = name, .disp = disp };
	struct lexicon *lx;
	struct model *m;
	int status = 0;

	if (o->mode == MODE_OUTLINE || o->mode == MODE_DUMP) {
		struct doc *d = parse_text(t);

		if (o->mode == MODE_OUTLINE)
			status = query_outline(d, &q, stdout);
		else {
			report_load(t, name);
			if (dump_doc(d, disp, q.width, stdout) < 0)
				status = 2;     /* flushed() says why */
		}
		doc_free(d);
		return flushed(status);
	}
	lx = open_lexicon();
	m = model_build(t, lx);
	switch (o->mode) {
	case MODE_PRINT:
		status = query_print(m, o->arg, &q, stdout);
		break;
	case MODE_LISTS:
		status = query_lists(m, &q, stdout);
		break;
	case MODE_XREFS:
		status = query_xrefs(m, &q, stdout);
		break;
	case MODE_TERMS:
		status = query_terms(m, &q, stdout);
		break;
	case MODE_SEARCH:
		status = query_search(m, o->arg, &q, stdout);
		break;
	case MODE_RESOLVE:
		status = query_resolve(m, o->arg, &q, stdout);
		break;
	case MODE_LINT:
		status = query_lint(m, &q, stdout);
		break;
	default:
		break;
	}
	model_free(m);
	lexicon_free(lx);
	return flushed(status);
}

int
main(int argc, char **argv)
{
	struct options o = { .mode = MODE_READ };
	struct display *disp;
	struct buf shown;
	struct text *t;
	char *owned;
	const char *file;
	int status;

	setlocale(LC_ALL, "");
	util_malloc_setup();
	/* Over a file-size limit, a write fails (and the state file keeps
	 * its old contents) rather than the process being killed. */
	signal(SIGXFSZ, SIG_IGN);
	parse_options(argc, argv, &o);
	file = choose_file(&o, &owned);
	if (o.mode == MODE_READ && !terminal_usable() && o.reader.script == NULL)
		o.mode = MODE_DUMP;
	disp = display_new(NULL);
	/* A file name can hold anything a document can: controls become
	 * placeholders in messages too. */
	buf_init(&shown);
	display_string(disp, file, strlen(file), &shown);
	util_die_subject(shown.data);
	if (o.mode == MODE_READ) {
		/* The reader reads the rest of a large file behind the
		 * first screen. */
		struct load_error err;

		if ((t = load_open(file, &o.load, &err)) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", util_progname, shown.data,
			    err.reason);
			util_die_subject(NULL);
			buf_done(&shown);
			display_free(disp);
			free(owned);
			return 2;
		}
		status = reader_run(t, file, disp, &o.reader);
		if (status == READER_NO_TERMINAL) {
			load_finish_all(&t);
			o.mode = MODE_DUMP;
			status = run_query(&o, t, shown.data, disp);
		}
	} else {
		t = load_all(file, shown.data, &o);
		status = run_query(&o, t, shown.data, disp);
	}
	util_die_subject(NULL);
	buf_done(&shown);
	display_free(disp);
	load_unref(t);
	free(owned);
	return status;
}
