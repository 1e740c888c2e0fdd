/*
 * main.c - lectern's command line: parse the options, load the document,
 * and hand it to the mode that was asked for.  Nothing else lives here.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
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
#include "load.h"
#include "pager.h"
#include "parse.h"
#include "paths.h"
#include "query.h"
#include "util.h"

#define DEFAULT_DOC "iom-dg-response.txt"

enum mode { MODE_READ, MODE_DUMP, MODE_OUTLINE };

struct options {
	enum mode mode;
	const char *file;
	struct load_opts load;
	int width;                  /* 0: the window's */
	bool json;
};

enum {
	OPT_ENCODING = 256, OPT_FORCE, OPT_WIDTH, OPT_DUMP, OPT_HELP,
	OPT_VERSION, OPT_OUTLINE, OPT_JSON
};

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "outline", no_argument, NULL, OPT_OUTLINE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
usage(void)
{
	printf("Usage: lectern [OPTION]... [FILE]\n"
	    "Read a structured plain-text document (a report, a resolution, an RFC)\n"
	    "in the terminal.  With no FILE, or when FILE is -, read standard input;\n"
	    "with no FILE and standard input a terminal, open the bundled document.\n"
	    "\n"
	    "  -e, --encoding=NAME  read FILE in encoding NAME (any name iconv knows)\n"
	    "                       instead of detecting it\n"
	    "  -f, --force          read a file that looks binary\n"
	    "  -w, --width=N        lay the text out N columns wide\n"
	    "  -d, --dump           print the document as text and exit\n"
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

NORETURN PRINTF_LIKE(1, 2) static void
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", util_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try 'lectern --help')\n");
	exit(2);
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
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":e:fw:dhV", longopts, NULL)) != -1) {
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
		case OPT_DUMP:
			o->mode = MODE_DUMP;
			break;
		case OPT_OUTLINE:
			o->mode = MODE_OUTLINE;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case 'h':
		case OPT_HELP:
			usage();
			exit(0);
		case 'V':
		case OPT_VERSION:
			version();
			exit(0);
		case ':':
			bad_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt)
				bad_usage("unknown option '-%c'", optopt);
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
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
dump_width(const struct options *o)
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
report_load(const struct text *t)
{
	if (t->len == 0)
		fprintf(stderr, "%s: %s: empty document\n", util_progname,
		    t->name);
	if (t->replaced)
		fprintf(stderr, "%s: %s: %zu invalid or unmappable "
		    "character%s shown as U+FFFD\n", util_progname, t->name,
		    t->replaced, t->replaced == 1 ? "" : "s");
}

int
main(int argc, char **argv)
{
	struct options o = { .mode = MODE_READ };
	struct load_error err;
	struct display *disp;
	struct text *t, *re;
	char *owned;
	const char *file;
	int status = 0;

	setlocale(LC_ALL, "");
	parse_options(argc, argv, &o);
	file = choose_file(&o, &owned);
	if ((t = load_open(file, &o.load, &err)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", util_progname, file, err.reason);
		return 2;
	}
	if (o.mode == MODE_READ && !terminal_usable())
		o.mode = MODE_DUMP;
	switch (load_finish(t, &err)) {
	case 1:
		re = load_redecode(t);
		load_unref(t);
		t = re;
		break;
	case -1:
		fprintf(stderr, "%s: %s: %s\n", util_progname, file, err.reason);
		break;
	}
	disp = display_new(NULL);
	if (o.mode == MODE_OUTLINE) {
		struct query_opts q = { .json = o.json, .width = o.width,
			.name = file, .disp = disp };
		struct doc *d = parse_text(t);

		status = query_outline(d, &q, stdout);
		doc_free(d);
	} else if (o.mode == MODE_DUMP) {
		struct doc *d = parse_text(t);
		int ret;

		report_load(t);
		ret = dump_doc(d, disp, dump_width(&o), stdout);
		doc_free(d);
		if (ret < 0) {
			fprintf(stderr, "%s: standard output: %s\n",
			    util_progname, strerror(errno));
			status = 2;
		}
	} else
		status = pager_run(t, disp, o.width);
	display_free(disp);
	load_unref(t);
	free(owned);
	return status;
}
