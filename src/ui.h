/*
 * ui.h - what the parts of the front end share: the application state
 * and the functions each view offers the others.  Private to app.c,
 * action.c, prompt.c, script.c and view_*.c.
 *
 * The front end only asks the backend (model.h and what it holds); it
 * never parses text.  Views draw into a screen (screen.h); only term.c
 * talks to the terminal, and the script mode has no terminal at all.
 */
#ifndef LECTERN_UI_H
#define LECTERN_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history.h"
#include "screen.h"
#include "search.h"

struct text;
struct model;
struct builder;
struct lexicon;
struct display;
struct layout;
struct lblock;
struct term;
struct config;
struct buf;

#define CACHE_BLOCKS 256
#define PROMPT_MAX 512

enum mode { MODE_TEXT, MODE_PROMPT, MODE_OUTLINE, MODE_PANEL, MODE_PEEK };

enum link_kind { LINK_XREF, LINK_TERM };

/* A cross-reference shown in the text: its words and where it goes. */
struct link {
	uint32_t off, end;
	uint32_t target;        /* a node, or DOC_NONE (external, unresolved) */
	uint32_t list;          /* a list reference: the list */
	uint8_t kind;           /* enum link_kind */
	bool external;
};

struct span {
	uint32_t off, end;
};

/* A laid-out block, with its links and search matches. */
struct bentry {
	uint32_t block;         /* DOC_NONE: a free slot */
	struct lblock *lb;
	struct link *links;
	size_t nlinks;
	bool have_links;
	struct span *matches;
	size_t nmatches;
	uint32_t match_gen;     /* the search the matches are for */
	uint64_t stamp;         /* for eviction, least recently used first */
};

/* A place on the screen's text area: a block and a line of its layout. */
struct vpos {
	uint32_t block, line;
};

enum panel_kind { PANEL_LISTS, PANEL_RELATED, PANEL_INDEX, PANEL_HITS,
	PANEL_HELP };

struct prow {
	char *text;             /* UTF-8 */
	uint32_t node;          /* where Enter goes, DOC_NONE for headers */
	uint32_t off;           /* the exact offset, when there is one */
	uint32_t aux;           /* a list, a term, the end of a match */
};

struct panel {
	enum panel_kind kind;
	char title[128];
	struct prow *rows;
	size_t nrows, cap;
	size_t *shown;          /* rows passing the filter */
	size_t nshown;
	size_t sel, top;
	char filter[128];       /* type-ahead (the index) */
	char *keys;             /* what the filter matches, folded, per row */
	size_t *key_at;         /* a row's key in keys; made at the first filter */
};

struct outline {
	uint8_t *folded;        /* per node */
	uint32_t sel;           /* the node under the cursor */
	uint32_t top;           /* first visible row */
	char filter[128];
	bool filtering;         /* typing a filter */
	bool side;              /* a pane beside the text (else full) */
	int width;
};

enum prompt_kind { PROMPT_GOTO, PROMPT_SEARCH, PROMPT_SEARCH_BACK };

struct prompt {
	enum prompt_kind kind;
	char text[PROMPT_MAX];
	size_t len, cursor;
	/* history of each kind, newest last */
	char **hist[3];
	size_t nhist[3];
	size_t browse;          /* index while browsing, == nhist when not */
	/* completion */
	char **comp;
	size_t ncomp, compi;
	char stem[PROMPT_MAX];
};

struct peek {
	uint32_t node;
	size_t scroll;
	struct layout *lay;     /* kept while it is open, at width lay_w */
	int lay_w;
};

/* A key bound to an action (action.c's table). */
struct binding {
	int key;
	int action;
};

struct app {
	/* the document */
	struct text *text;
	const char *name;       /* as shown in the status line */
	struct model *model;
	struct builder *builder;
	struct lexicon *lx;
	bool complete;          /* the model is of the whole document */
	/* layout */
	struct display *disp;
	struct layout *lay;
	int lay_width;
	int want_width;         /* --width, or 0 */
	int number_cols;        /* the widest paragraph number: a floor for
	                           the margin (0: the layout's own) */
	int left;               /* column where the text starts */
	struct bentry cache[CACHE_BLOCKS];
	uint64_t clock;
	/* the screen */
	struct screen scr;
	int rows, cols;
	struct term *term;      /* NULL in script mode */
	bool full_redraw;
	/* the reading position: the top row of the text area */
	struct vpos top;
	/* the selected cross-reference */
	bool have_sel;
	struct link sel;
	/* search */
	struct pattern pat;
	bool have_pat;
	bool backward;
	uint32_t gen;
	uint32_t *cands;        /* candidate blocks of the search */
	size_t ncands;
	uint32_t *counts;       /* matches per candidate, for "n of m" */
	bool counted;
	bool recount;           /* the message awaits "n of m" (idle work) */
	char *recount_prefix;   /* what it said before the match */
	bool have_cur;
	struct span cur;        /* the current match */
	struct pos search_start;
	char *search_src;       /* the pattern as typed */
	/* Before the whole text is parsed, a search reads the text itself
	 * (app_window_search); what it learned is kept, by text offset, so
	 * that the same search again needs no second read of the text, and
	 * completed while the reader is idle (app_search_idle). */
	struct search_memo raw_memo;
	/* Where a reload of a large document was read, to go there once
	 * the index is ready, if it was not read yet when it began. */
	struct pos resume, resume_from;   /* ... unless moved from here */
	bool have_resume;
	bool reloading;         /* reloaded, the index not ready yet */
	/* the list whose items are highlighted */
	uint32_t hl_list;
	/* the term chosen in the index, for ',', and its last mention */
	uint32_t mention_term;
	uint32_t mention_off;
	/* Does the model have numbered units for ] and [ (-1: not asked)? */
	int numbered;
	/* history and marks */
	struct history *hist;
	/* modes */
	enum mode mode;
	enum mode under;        /* the mode under a prompt or peek */
	struct prompt prompt;
	struct panel panel;
	struct outline outline;
	struct peek peek;
	/* the status line's message */
	char msg[256];
	bool msg_error;
	int64_t msg_until;      /* ms; 0 keeps it until the next key */
	/* keys */
	struct binding *bindings;
	size_t nbindings, capbindings;
	unsigned count;
	int pending;            /* 'm' or '\'' waiting for a letter */
	/* an action waiting for the index (+1, 0 for none) */
	int pending_action;
	char pending_goto[128]; /* a ':' place beyond the part shown, "" */
	/* options */
	bool mouse;
	bool state_on;
	bool quit;
	/* the file, to notice changes */
	int64_t mtime, size;
	bool changed;
	int64_t next_check;
};

/* app.c */
/* "indexing the document (40%): what comes when it is ready" */
void app_message_later(struct app *a, const char *what);
void app_message(struct app *a, bool error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int64_t app_now(void);
void app_draw(struct app *a);
void app_key(struct app *a, int key);
void app_resize(struct app *a, int rows, int cols);
bool app_wait_model(struct app *a);
/* Reading a large document before it is indexed: move the window when
 * the view reaches its edge (dir -1 or 1), show the end (G), the
 * beginning (g), or a search's first match.  Each returns false when the
 * model is complete (nothing to do). */
bool app_window_edge(struct app *a, int dir);
bool app_window_bottom(struct app *a);
bool app_window_top(struct app *a);
bool app_window_search(struct app *a, const char *pattern, bool backward);
/* Idle work for the last window search: read on through the text for
 * its first match after the window, a few megabytes at a time, unless
 * work is false.  1 when there is more to do at once, -1 when what is
 * left waits for the file to be read, 0 when there is nothing to do. */
int app_search_idle(struct app *a, bool work);

/* view_text.c: the reading view */
void text_reset_layout(struct app *a);
int text_rows(const struct app *a);
struct pos text_pos(struct app *a);
void text_goto_pos(struct app *a, struct pos p);
void text_goto_node(struct app *a, uint32_t node);
void text_goto_off(struct app *a, uint32_t off);
uint32_t text_current_node(struct app *a);
void text_draw(struct app *a, int col0, int cols);
void text_draw_breadcrumb(struct app *a);
void text_draw_status(struct app *a);
void text_scroll(struct app *a, long lines);
void text_top(struct app *a);
void text_bottom(struct app *a);
bool text_unit(struct app *a, int dir, bool any_node);
/* A node's name for panels and titles: its label, "title", or ¶
 * (buf: DOC_LABEL_MAX bytes, for a label put together). */
const char *ui_node_name(const struct doc *d, uint32_t node, char *buf);
bool text_parent(struct app *a);
bool text_link(struct app *a, int dir);
bool text_follow(struct app *a);
void text_jump_node(struct app *a, uint32_t node);
void text_jump_off(struct app *a, uint32_t off);
bool text_search_start(struct app *a, const char *pattern, bool backward);
bool text_search_next(struct app *a, int dir);
void text_search_clear(struct app *a);
void text_search_describe(struct app *a, struct buf *out);
/* The message after a search or n: "PREFIXmatch 3 of 17, in 5(b)".  On
 * a terminal, when counting would take a while, first without "3 of 17",
 * which text_search_recount() adds when no key is waiting. */
void text_search_message(struct app *a, const char *prefix);
void text_search_recount(struct app *a);
bool text_list_item(struct app *a, int dir);
bool text_next_mention(struct app *a);
void text_click(struct app *a, int row, int col);
uint32_t text_row_off(struct app *a, int row);

/* view_outline.c */
void outline_open(struct app *a);
void outline_draw(struct app *a);
void outline_key(struct app *a, int key);
void outline_click(struct app *a, int row, int col);
void outline_free(struct app *a);

/* view_panel.c: lists, related passages, the index, search hits, help */
void panel_open(struct app *a, enum panel_kind kind);
void panel_resized(struct app *a);
void panel_close(struct app *a);
void panel_draw(struct app *a);
void panel_key(struct app *a, int key);
void panel_free(struct app *a);

/* view_peek.c */
bool peek_open(struct app *a);
void peek_draw(struct app *a);
void peek_key(struct app *a, int key);
void peek_close(struct app *a);

/* prompt.c */
void prompt_open(struct app *a, enum prompt_kind kind);
void prompt_draw(struct app *a);
void prompt_key(struct app *a, int key);
void prompt_free(struct app *a);
/* Go where a label, line or phrase leads (the nearest answer at or
 * after the reading position; a list's first item, its items
 * highlighted), as a jump the history records or not; false, with a
 * message, when nothing answers. */
bool prompt_go(struct app *a, const char *s, bool jump);

/* script.c and app.c: the headless mode */
struct reader_opts;
int script_run(struct app *a, const char *path, const struct reader_opts *o);
void app_script_start(struct app *a, int rows, int cols,
    const struct reader_opts *o);

/* action.c */
bool action_key(struct app *a, int key);
/* Run action act (its index + 1, as pending_action keeps it). */
void action_run(struct app *a, int act);
void action_bind_defaults(struct app *a);
/* Bind key (a key name) to action (a name; "" unbinds); false if either
 * is unknown. */
bool action_bind(struct app *a, const char *key, const char *action);
bool action_known(const char *name);
/* The help screen's rows: "keys<TAB>description<TAB>name\n" each. */
size_t action_help(struct buf *rows);
/* R and Ctrl-Z, in app.c. */
void action_reload(struct app *a);
void action_suspend(struct app *a);

#endif
