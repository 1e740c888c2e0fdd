/*
 * action.c - the action table (action.def) and the key map.
 *
 * Each action is a row: its name (for the configuration and the help
 * screen), its default keys and its description, and a handler here.  A
 * count typed before a key repeats it ("5j", "3]").
 */
#include "autoconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "history.h"
#include "builder.h"
#include "keys.h"
#include "lists.h"
#include "model.h"
#include "terms.h"
#include "ui.h"
#include "util.h"

enum action {
#define X(id, name, keys, help) ACT_##id,
#include "action.def"
#undef X
	ACT_COUNT
};

static const struct {
	const char *name;
	const char *keys;
	const char *help;
} actions[ACT_COUNT] = {
#define X(id, name, keys, help) { name, keys, help },
#include "action.def"
#undef X
};

bool
action_known(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return true;
	return false;
}

static int
action_id(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return i;
	return -1;
}

static void
bind_key(struct app *a, int key, int action)
{
	for (size_t i = 0; i < a->nbindings; i++)
		if (a->bindings[i].key == key) {
			a->bindings[i].action = action;
			return;
		}
	GROW(a->bindings, a->capbindings, a->nbindings + 1);
	a->bindings[a->nbindings].key = key;
	a->bindings[a->nbindings].action = action;
	a->nbindings++;
}

void
action_bind_defaults(struct app *a)
{
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[64], *save = NULL;

		snprintf(keys, sizeof(keys), "%s", actions[i].keys);
		for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			int key = keys_from_name(k);

			if (key >= 0)
				bind_key(a, key, i);
		}
	}
}

bool
action_bind(struct app *a, const char *key, const char *action)
{
	int k = keys_from_name(key), id = *action ? action_id(action) : -1;

	if (k < 0 || (*action && id < 0))
		return false;
	bind_key(a, k, id);
	return true;
}

size_t
action_help(struct buf *rows)
{
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[64], *save = NULL;
		bool first = true;

		snprintf(keys, sizeof(keys), "%s", actions[i].keys);
		for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			int key = keys_from_name(k);
			char name[32];

			keys_name(key, name, sizeof(name));
			buf_printf(rows, "%s%s", first ? "" : " ", name);
			first = false;
		}
		buf_printf(rows, "\t%s\t%s\n", actions[i].help, actions[i].name);
	}
	return ACT_COUNT;
}

/* ---------------------------------------------------------- handlers */

static void
structure(struct app *a, int dir, bool any)
{
	if (!text_unit(a, dir, any))
		app_message(a, false, dir > 0 ? "no further part below" : "at the start");
}

/* The actions that need the whole document indexed. */
static bool
needs_index(int act)
{
	return act == ACT_OUTLINE || act == ACT_LISTS || act == ACT_RELATED ||
	    act == ACT_INDEX || act == ACT_ALL_MATCHES || act == ACT_NEXT_MENTION ||
	    act == ACT_NEXT_ITEM || act == ACT_PREV_ITEM;
}

static void run(struct app *a, int act, unsigned count);

void
action_run(struct app *a, int act)
{
	run(a, act - 1, 0);
}

static void
run(struct app *a, int act, unsigned count)
{
	long n = count ? count : 1, page = MAX(text_rows(a) - 1, 1);

	/* Still indexing: say so, and do it when the index is ready.
	 * (] and [ work within the part shown meanwhile.) */
	if (!a->complete && needs_index(act)) {
		a->pending_action = act + 1;
		app_message_later(a, actions[act].name);
		return;
	}
	switch (act) {
	case ACT_SCROLL_DOWN: text_scroll(a, n); break;
	case ACT_SCROLL_UP: text_scroll(a, -n); break;
	case ACT_PAGE_DOWN: text_scroll(a, n * page); break;
	case ACT_PAGE_UP: text_scroll(a, -n * page); break;
	case ACT_HALF_DOWN: text_scroll(a, n * MAX(page / 2, 1)); break;
	case ACT_HALF_UP: text_scroll(a, -n * MAX(page / 2, 1)); break;
	case ACT_TOP:
		history_jump(a->hist, text_pos(a));
		if (!app_window_top(a))
			text_top(a);
		break;
	case ACT_BOTTOM:
		history_jump(a->hist, text_pos(a));
		if (!app_window_bottom(a))
			text_bottom(a);
		break;
	case ACT_NEXT_UNIT:
	case ACT_PREV_UNIT:
	case ACT_NEXT_NODE:
	case ACT_PREV_NODE:
		for (long i = 0; i < n; i++)
			structure(a, act == ACT_NEXT_UNIT || act == ACT_NEXT_NODE ? 1 : -1,
			    act == ACT_NEXT_NODE || act == ACT_PREV_NODE);
		break;
	case ACT_PARENT:
		if (!text_parent(a))
			app_message(a, false, "at the top level");
		break;
	case ACT_GOTO: prompt_open(a, PROMPT_GOTO); break;
	case ACT_OUTLINE: outline_open(a); break;
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		for (long i = 0; i < n; i++)
			if (!text_link(a, act == ACT_NEXT_LINK ? 1 : -1)) {
				app_message(a, false, "no more cross-references %s",
				    act == ACT_NEXT_LINK ? "below" : "above");
				break;
			}
		break;
	case ACT_FOLLOW: text_follow(a); break;
	case ACT_BACK:
	case ACT_FORWARD: {
		struct pos to;
		bool ok = act == ACT_BACK ? history_back(a->hist, text_pos(a), &to) :
		    history_forward(a->hist, text_pos(a), &to);

		if (ok) {
			text_goto_pos(a, to);
			a->have_sel = false;
		} else
			app_message(a, false, act == ACT_BACK ? "nothing to go back to" :
			    "nothing to go forward to");
		break;
	}
	case ACT_PEEK: peek_open(a); break;
	case ACT_LISTS: panel_open(a, PANEL_LISTS); break;
	case ACT_NEXT_ITEM: text_list_item(a, 1); break;
	case ACT_PREV_ITEM: text_list_item(a, -1); break;
	case ACT_RELATED: panel_open(a, PANEL_RELATED); break;
	case ACT_INDEX: panel_open(a, PANEL_INDEX); break;
	case ACT_NEXT_MENTION: text_next_mention(a); break;
	case ACT_SEARCH_FWD: prompt_open(a, PROMPT_SEARCH); break;
	case ACT_SEARCH_BACK: prompt_open(a, PROMPT_SEARCH_BACK); break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (!a->have_pat) {
			app_message(a, false, "no search yet (/ searches)");
			break;
		}
		a->msg[0] = '\0';
		for (long i = 0; i < n; i++) {
			/* Which way the text is searched: ? turns n round. */
			bool fwd = (act == ACT_NEXT_MATCH) != a->backward;

			if (text_search_next(a, act == ACT_NEXT_MATCH ? 1 : -1))
				continue;
			/* Still indexing, and nothing more in the part shown:
			 * after it, the text is searched as it is; before it,
			 * when the index is ready. */
			if (!a->complete && fwd && app_window_search(a, a->search_src, false))
				continue;
			if (!a->complete && !fwd) {
				a->pending_action = act + 1;
				app_message_later(a, actions[act].name);
				return;
			}
			app_message(a, true, "no match for %s", a->search_src);
			break;
		}
		if (a->have_cur && !a->msg_error) {
			struct buf b;

			buf_init(&b);
			if (a->msg[0])          /* "search wrapped ..." */
				buf_printf(&b, "%s; ", a->msg);
			text_search_message(a, b.data);
			buf_done(&b);
		}
		break;
	case ACT_ALL_MATCHES:
		if (!a->have_pat)
			app_message(a, false, "no search yet (/ searches)");
		else
			panel_open(a, PANEL_HITS);
		break;
	case ACT_SET_MARK:
	case ACT_GOTO_MARK:
		a->pending = act == ACT_SET_MARK ? 'm' : '\'';
		app_message(a, false, act == ACT_SET_MARK ? "mark: type a letter" :
		    "go to mark: type a letter (' for the last jump)");
		a->msg_until = 0;
		break;
	case ACT_HELP: panel_open(a, PANEL_HELP); break;
	case ACT_REDRAW: a->full_redraw = true; break;
	case ACT_RELOAD: action_reload(a); break;
	case ACT_SUSPEND: action_suspend(a); break;
	case ACT_QUIT: a->quit = true; break;
	}
}

static void
mark_key(struct app *a, int key)
{
	int kind = a->pending;
	struct pos p;

	a->pending = 0;
	a->msg[0] = '\0';
	if (kind == 'm') {
		if (!history_mark_set(a->hist, key, text_pos(a)))
			app_message(a, true, "marks are letters");
		else
			app_message(a, false, "mark %c set", key);
		return;
	}
	if (key == '\'') {
		if (!history_last_jump(a->hist, &p)) {
			app_message(a, false, "no jump yet");
			return;
		}
	} else if (!history_mark_get(a->hist, key, &p)) {
		app_message(a, true, "mark %c is not set", key > 32 && key < 127 ? key : '?');
		return;
	}
	history_jump(a->hist, text_pos(a));
	text_goto_pos(a, p);
}

bool
action_key(struct app *a, int key)
{
	if (a->pending) {
		mark_key(a, key);
		return true;
	}
	if ((key >= '1' && key <= '9') || (key == '0' && a->count > 0)) {
		a->count = MIN(a->count * 10 + (unsigned)(key - '0'), 100000u);
		return true;
	}
	for (size_t i = 0; i < a->nbindings; i++)
		if (a->bindings[i].key == key && a->bindings[i].action >= 0) {
			unsigned count = a->count;

			a->count = 0;
			run(a, a->bindings[i].action, count);
			return true;
		}
	a->count = 0;
	return false;
}
