/*
 * script.c - the headless script mode (--script FILE): the reader run
 * without a terminal, from a file of commands, printing the screen and
 * the view's state where asked.  Tests drive the real program this way
 * and compare what it prints with text kept in the test, as tig's tests
 * do; the same mode is handy for scripted screenshots.
 *
 * Commands, one a line ('#' starts a comment):
 *   keys KEYS        type KEYS: characters, and <Enter> <Tab> <S-Tab>
 *                    <BS> <Esc> <Up> ... <F1> <C-x> ^X <lt> as in keys.h
 *   resize COLS ROWS the window changes size
 *   screen           print the screen, framed by "--- screen" lines
 *   state            print the reading position, mode and selections
 *   wait             wait until the whole document is indexed
 * The window starts at $COLUMNS x $LINES, or 80 x 24.
 */
#include "autoconf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "keys.h"
#include "lists.h"
#include "model.h"
#include "reader.h"
#include "ui.h"
#include "util.h"
#include "xref.h"

static int
env_int(const char *name, int def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 3 && n <= 1000 ? (int)n : def;
}

static void
print_screen(struct app *a)
{
	struct buf b;

	app_draw(a);
	buf_init(&b);
	printf("--- screen %dx%d\n", a->cols, a->rows);
	for (int r = 0; r < a->rows; r++) {
		buf_reset(&b);
		screen_row_text(&a->scr, r, &b);
		printf("%s\n", b.data);
	}
	printf("---\n");
	buf_done(&b);
}

static const char *
label(const struct app *a, uint32_t node, char *lb)
{
	const char *l;

	if (node == DOC_NONE)
		return "-";
	if (doc_node(a->model->doc, node)->kind == NODE_TITLE)
		return "title";
	l = doc_label(a->model->doc, node, lb);
	return *l ? l : "(unlabelled)";
}

static void
print_state(struct app *a)
{
	static const char *const modes[] = { "text", "prompt", "outline", "panel", "peek" };
	struct pos p = text_pos(a);
	uint32_t node = text_current_node(a);
	char lb[DOC_LABEL_MAX];
	struct buf b;

	printf("top: %s (offset %u)\n", label(a, node, lb), p.off);
	printf("mode: %s\n", modes[a->mode]);
	if (a->have_sel) {
		buf_init(&b);
		doc_text_span(a->model->doc, a->sel.off, a->sel.end, &b);
		printf("selected: %s -> %s\n", b.data, a->sel.external ? "(another document)" :
		    label(a, a->sel.target, lb));
		buf_done(&b);
	} else
		printf("selected: none\n");
	if (a->have_cur) {
		buf_init(&b);
		text_search_describe(a, &b);
		printf("search: %s\n", b.data);
		buf_done(&b);
	}
	if (a->hl_list != LISTS_NONE)
		printf("list: %s\n", label(a, lists_at(a->model->lists, a->hl_list), lb));
	printf("indexed: %s\n", a->complete ? "yes" : "no");
	if (a->msg[0])
		printf("message: %s\n", a->msg);
}

static void
send_keys(struct app *a, const char *s)
{
	while (*s) {
		size_t len;
		int k = keys_parse(s, &len);

		if (k < 0) {
			fprintf(stderr, "%s: script: bad key at '%s'\n", util_progname, s);
			return;
		}
		app_key(a, k);
		s += len;
		if (a->quit)
			return;
	}
}

int
script_run(struct app *a, const char *path, const struct reader_opts *o)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char line[4096];
	unsigned lineno = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: %s: %s\n", util_progname, path, strerror(errno));
		return 2;
	}
	app_script_start(a, env_int("LINES", 24), env_int("COLUMNS", 80), o);
	while (!a->quit && fgets(line, sizeof(line), f)) {
		char *s = line, *arg;
		size_t n = strlen(s);

		lineno++;
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		arg = strchr(s, ' ');
		if (arg)
			*arg++ = '\0';
		if (strcmp(s, "keys") == 0 && arg)
			send_keys(a, arg);
		else if (strcmp(s, "resize") == 0 && arg) {
			int c, r;

			if (sscanf(arg, "%d %d", &c, &r) == 2)
				app_resize(a, r, c);
		} else if (strcmp(s, "screen") == 0)
			print_screen(a);
		else if (strcmp(s, "state") == 0)
			print_state(a);
		else if (strcmp(s, "wait") == 0)
			app_wait_model(a);
		else
			fprintf(stderr, "%s: %s:%u: unknown script command '%s'\n",
			    util_progname, path, lineno, s);
		fflush(stdout);
	}
	if (f != stdin)
		fclose(f);
	return 0;
}
