/*
 * vt.c - a program in a pseudo-terminal, seen through libvterm.
 *
 * vt_spawn() opens a pty master (posix_openpt, no -lutil needed), sets
 * its window size and forks; the child resets its signal dispositions
 * and mask, starts a new session, opens the slave (which makes it the
 * controlling terminal and the child's group the foreground group),
 * points fds 0-2 at it and execs.  A close-on-exec pipe tells the parent
 * whether the exec worked, so a bad argv[0] makes vt_spawn() fail
 * instead of producing a program that exits 127, and vt_spawn() returns
 * only once the child holds the slave.
 *
 * The master is non-blocking.  Every wait is a loop of poll() with the
 * time left until a deadline; what is read is appended to a raw log (for
 * vt_raw) and fed to a UTF-8 VTerm with its screen layer and the
 * alternate screen enabled.  Whatever libvterm writes back, through the
 * output callback, is queued and written to the master: its answers to
 * DA, DSR and other queries (so programs that query the terminal do not
 * stall; nothing else answers them), and the keys vt_key() encodes.
 * vt_send() and these answers share one queue, written with poll() for
 * POLLOUT while output is still taken in, so neither side can deadlock
 * on a full pty buffer.  When the last descriptor of the slave is
 * closed, the master's read() fails with EIO (or returns 0 elsewhere):
 * that is the end of output, after which the master is no longer polled.
 *
 * The exit of the program is detected with waitid(WNOWAIT), which leaves
 * it a zombie until vt_free(): its pid, which is also its process group
 * id, cannot be reused meanwhile, so vt_free() can always kill the group
 * (stray background children included) without risk of hitting someone
 * else's processes, and only then reaps it.
 *
 * The state that libvterm reports through settermprop (title, alternate
 * screen, cursor visibility, mouse) is recorded as it changes.  libvterm
 * 0.1.4 keeps the cursor-key (DECCKM) and keypad (DECKPAM) modes to
 * itself, so a second VTerm, with no state or screen layer, is fed the
 * same bytes and used as a parser to track these two modes.
 */
#include "autoconf.h"

#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#include "vt.h"

#define READ_CHUNK      4096
#define PUMP_MAX        (64 * 1024) /* read at most this per pump */
#define SEND_TIMEOUT    5000        /* ms */
#define KILL_TIMEOUT    5000        /* ms to wait for a SIGKILLed child */
#define SETTLE_QUIET    50          /* ms without output after exit */
#define SETTLE_MAX      1000        /* ms to drain output after exit */
#define WIDE_CONT       ((uint32_t)-1)  /* libvterm: right half of a wide cell */

extern char **environ;

struct buf {
	char *p;
	size_t len, cap;
};

struct vt {
	pid_t pid;
	int fd;                 /* the pty master, non-blocking */
	bool eof;               /* the slave is closed: no more output */
	bool exited;            /* status is known (the zombie is kept) */
	int status;             /* 0-255, or 128 + signal */
	int rows, cols;
	VTerm *term;
	VTermScreen *screen;
	VTerm *scan;            /* parser only: DECCKM and DECKPAM */
	struct buf raw;         /* everything the program wrote */
	struct buf out;         /* queued for the program */
	struct vt_state st;
};

static bool	 flush_out(struct vt *, int);

/*
 * Buffers and time.
 */

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("vt");
		abort();
	}
	return p;
}

/* Append n bytes; the buffer stays NUL-terminated. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Drop the first n bytes. */
static void
buf_shift(struct buf *b, size_t n)
{
	memmove(b->p, b->p + n, b->len - n);
	b->len -= n;
	b->p[b->len] = '\0';
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until deadline, at least 0. */
static int
left_ms(long long deadline)
{
	long long d = deadline - now_ms();

	return d < 0 ? 0 : d > INT_MAX ? INT_MAX : (int)d;
}

static void
sleep_ms(int ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

/*
 * libvterm callbacks.
 */

/* What libvterm sends to the program: answers to queries, keys. */
static void
on_output(const char *s, size_t len, void *user)
{
	struct vt *vt = user;

	buf_add(&vt->out, s, len);
}

static int
on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;

	switch (prop) {
	case VTERM_PROP_CURSORVISIBLE:
		vt->st.cursor_visible = val->boolean != 0;
		break;
	case VTERM_PROP_ALTSCREEN:
		vt->st.altscreen = val->boolean != 0;
		break;
	case VTERM_PROP_TITLE:
		snprintf(vt->st.title, sizeof(vt->st.title), "%s",
		    val->string != NULL ? val->string : "");
		break;
	case VTERM_PROP_MOUSE:
		vt->st.mouse = val->number != VTERM_PROP_MOUSE_NONE;
		break;
	default:
		break;
	}
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_termprop,
};

/* The scanner's callbacks: only the modes libvterm does not report.
 * libvterm hands the text callback all the rest of the input: it must
 * take the text only, up to the next control character, or the escape
 * sequences after it are never parsed (and DECCKM after a word in the
 * same read went unseen). */
static int
scan_text(const char *bytes, size_t len, void *user)
{
	size_t n = 0;

	(void)user;
	while (n < len && (unsigned char)bytes[n] >= 0x20 && bytes[n] != 0x7F)
		n++;
	return (int)n;
}

static int
scan_control(unsigned char c, void *user)
{
	return 1;
}

static int
scan_escape(const char *bytes, size_t len, void *user)
{
	struct vt *vt = user;

	if (len != 1)
		return 1;
	if (bytes[0] == '=')
		vt->st.appkeypad = true;
	else if (bytes[0] == '>')
		vt->st.appkeypad = false;
	else if (bytes[0] == 'c')   /* RIS */
		vt->st.appkeypad = vt->st.appcursor = false;
	return 1;
}

static int
scan_csi(const char *leader, const long args[], int argc,
    const char *intermed, char command, void *user)
{
	struct vt *vt = user;
	int i;

	if (intermed != NULL && strcmp(intermed, "!") == 0 && command == 'p') {
		vt->st.appkeypad = vt->st.appcursor = false;  /* DECSTR */
		return 1;
	}
	if (leader == NULL || strcmp(leader, "?") != 0 || intermed != NULL ||
	    (command != 'h' && command != 'l'))
		return 1;
	for (i = 0; i < argc; i++)
		if (CSI_ARG(args[i]) == 1)
			vt->st.appcursor = command == 'h';
	return 1;
}

static int
scan_string(const char *command, size_t len, void *user)
{
	return 1;
}

static int
scan_resize(int rows, int cols, void *user)
{
	return 1;
}

static const VTermParserCallbacks scan_cbs = {
	.text = scan_text,
	.control = scan_control,
	.escape = scan_escape,
	.csi = scan_csi,
	.osc = scan_string,
	.dcs = scan_string,
	.resize = scan_resize,
};

static void
term_new(struct vt *vt, int rows, int cols)
{
	vt->term = vterm_new(rows, cols);
	vt->scan = vterm_new(rows, cols);
	if (vt->term == NULL || vt->scan == NULL) {
		perror("vterm_new");
		abort();
	}
	vterm_set_utf8(vt->term, 1);
	vterm_set_utf8(vt->scan, 1);
	vterm_output_set_callback(vt->term, on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_set_callbacks(vt->screen, &screen_cbs, vt);
	vt->st.cursor_visible = true;
	vterm_screen_reset(vt->screen, 1);
	vterm_parser_set_callbacks(vt->scan, &scan_cbs, vt);
}

/*
 * Taking in output and writing input.
 */

static void
feed(struct vt *vt, const char *s, size_t n)
{
	buf_add(&vt->raw, s, n);
	vterm_input_write(vt->term, s, n);
	vterm_input_write(vt->scan, s, n);
}

/* Read what is there, without waiting; return the number of bytes. */
static size_t
drain(struct vt *vt)
{
	char b[READ_CHUNK];
	size_t total = 0;
	ssize_t n;

	while (!vt->eof && total < PUMP_MAX) {
		n = read(vt->fd, b, sizeof(b));
		if (n > 0) {
			feed(vt, b, (size_t)n);
			total += (size_t)n;
		} else if (n < 0 && errno == EINTR)
			continue;
		else {
			if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
				vt->eof = true;   /* EIO: the slave is closed */
			break;
		}
	}
	return total;
}

/* Wait up to timeout_ms for output, take in what there is and send the
 * answers libvterm made; return the number of bytes read. */
static size_t
pump(struct vt *vt, int timeout_ms)
{
	struct pollfd pfd;
	size_t n;

	if (vt->eof) {
		sleep_ms(min_int(timeout_ms, 10));
		return 0;
	}
	pfd.fd = vt->fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return 0;
	n = drain(vt);
	if (vt->out.len > 0)
		flush_out(vt, SEND_TIMEOUT);
	return n;
}

/* Write the queue to the program, taking in output while the pty is
 * full.  On failure or timeout the rest of the queue is dropped. */
static bool
flush_out(struct vt *vt, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	struct pollfd pfd;
	ssize_t n;

	while (vt->out.len > 0) {
		n = write(vt->fd, vt->out.p, vt->out.len);
		if (n > 0) {
			buf_shift(&vt->out, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if ((n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
		    vt->eof || left_ms(deadline) == 0)
			break;
		pfd.fd = vt->fd;
		pfd.events = POLLOUT | (vt->eof ? 0 : POLLIN);
		pfd.revents = 0;
		if (poll(&pfd, 1, min_int(left_ms(deadline), 100)) > 0 &&
		    (pfd.revents & POLLIN))
			drain(vt);
	}
	if (vt->out.len == 0)
		return true;
	vt->out.len = 0;
	vt->out.p[0] = '\0';
	return false;
}

bool
vt_sendn(struct vt *vt, const char *bytes, size_t n)
{
	buf_add(&vt->out, bytes, n);
	return flush_out(vt, SEND_TIMEOUT);
}

bool
vt_send(struct vt *vt, const char *bytes)
{
	return vt_sendn(vt, bytes, strlen(bytes));
}

/*
 * Keys.
 */

static const struct {
	const char *name;
	VTermKey key;
} keys[] = {
	{ "Enter", VTERM_KEY_ENTER },
	{ "Return", VTERM_KEY_ENTER },
	{ "Tab", VTERM_KEY_TAB },
	{ "Backspace", VTERM_KEY_BACKSPACE },
	{ "BS", VTERM_KEY_BACKSPACE },
	{ "Escape", VTERM_KEY_ESCAPE },
	{ "Esc", VTERM_KEY_ESCAPE },
	{ "Up", VTERM_KEY_UP },
	{ "Down", VTERM_KEY_DOWN },
	{ "Left", VTERM_KEY_LEFT },
	{ "Right", VTERM_KEY_RIGHT },
	{ "Insert", VTERM_KEY_INS },
	{ "Delete", VTERM_KEY_DEL },
	{ "Del", VTERM_KEY_DEL },
	{ "Home", VTERM_KEY_HOME },
	{ "End", VTERM_KEY_END },
	{ "PageUp", VTERM_KEY_PAGEUP },
	{ "PgUp", VTERM_KEY_PAGEUP },
	{ "PageDown", VTERM_KEY_PAGEDOWN },
	{ "PgDn", VTERM_KEY_PAGEDOWN },
};

/* Decode one UTF-8 character that makes up all of the n bytes of s;
 * return it, or -1. */
static long
utf8_one(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	long cp;

	if (n == 0)
		return -1;
	len = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 :
	    u[0] >= 0xC0 ? 2 : 0;
	if (len != n)
		return -1;
	cp = len == 1 ? u[0] : u[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (u[i] & 0x3F);
	}
	return cp;
}

/* Take the "C-", "M-", "S-" prefixes off *s (of *n bytes). */
static VTermModifier
key_mods(const char **s, size_t *n)
{
	int mod = VTERM_MOD_NONE;

	while (*n > 2 && (*s)[1] == '-') {
		if ((*s)[0] == 'C')
			mod |= VTERM_MOD_CTRL;
		else if ((*s)[0] == 'M' || (*s)[0] == 'A')
			mod |= VTERM_MOD_ALT;
		else if ((*s)[0] == 'S')
			mod |= VTERM_MOD_SHIFT;
		else
			break;
		*s += 2;
		*n -= 2;
	}
	return (VTermModifier)mod;
}

/* Have libvterm encode the key named s (n bytes) with mod. */
static bool
key_encode(struct vt *vt, const char *s, size_t n, VTermModifier mod)
{
	size_t i;
	long cp;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == n &&
		    strncasecmp(keys[i].name, s, n) == 0) {
			vterm_keyboard_key(vt->term, keys[i].key, mod);
			return true;
		}
	if ((n == 2 || n == 3) && (s[0] == 'F' || s[0] == 'f') &&
	    strspn(s + 1, "0123456789") == n - 1 &&
	    (i = (size_t)atoi(s + 1)) >= 1 && i <= 12) {
		vterm_keyboard_key(vt->term, VTERM_KEY_FUNCTION(i), mod);
		return true;
	}
	if (n == 5 && strncasecmp(s, "Space", 5) == 0)
		cp = ' ';
	else if ((cp = utf8_one(s, n)) < 0)
		return false;
	if ((mod & VTERM_MOD_CTRL) && cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	vterm_keyboard_unichar(vt->term, (uint32_t)cp, mod);
	return true;
}

bool
vt_key(struct vt *vt, const char *name)
{
	size_t n = strlen(name);
	VTermModifier mod;

	if (n > 2 && name[0] == '<' && name[n - 1] == '>') {
		name++;
		n -= 2;
	}
	mod = key_mods(&name, &n);
	if (!key_encode(vt, name, n, mod))
		return false;
	return flush_out(vt, SEND_TIMEOUT);
}

/*
 * The screen.
 */

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18 & 0x07));
		s[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		s[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, s, n);
}

/* Append row r, trailing spaces stripped. */
static void
row_text(struct vt *vt, int r, struct buf *b)
{
	VTermScreenCell cell;
	VTermPos pos;
	size_t start = b->len;
	int i;

	pos.row = r;
	for (pos.col = 0; r >= 0 && r < vt->rows && pos.col < vt->cols;
	    pos.col++) {
		if (!vterm_screen_get_cell(vt->screen, pos, &cell))
			continue;
		if (cell.chars[0] == WIDE_CONT)
			continue;
		if (cell.chars[0] == 0) {
			buf_add(b, " ", 1);
			continue;
		}
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL &&
		    cell.chars[i] != 0; i++)
			put_utf8(b, cell.chars[i]);
	}
	while (b->len > start && b->p[b->len - 1] == ' ')
		b->len--;
	if (b->p != NULL)
		b->p[b->len] = '\0';
}

char *
vt_row(struct vt *vt, int r)
{
	struct buf b = { NULL, 0, 0 };

	buf_add(&b, "", 0);
	row_text(vt, r, &b);
	return b.p;
}

char *
vt_screen(struct vt *vt)
{
	struct buf b = { NULL, 0, 0 };
	int r;

	buf_add(&b, "", 0);
	for (r = 0; r < vt->rows; r++) {
		if (r > 0)
			buf_add(&b, "\n", 1);
		row_text(vt, r, &b);
	}
	return b.p;
}

static bool
screen_has(struct vt *vt, const char *text)
{
	char *s = vt_screen(vt);
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

/* A palette index for an indexed colour, else -1. */
static int
color_index(const VTermColor *c, bool *is_default, bool fg)
{
	*is_default = fg ? VTERM_COLOR_IS_DEFAULT_FG(c) :
	    VTERM_COLOR_IS_DEFAULT_BG(c);
	if (*is_default || !VTERM_COLOR_IS_INDEXED(c))
		return -1;
	return c->indexed.idx;
}

void
vt_attr(struct vt *vt, int r, int c, struct vt_cell_attr *a)
{
	VTermScreenCell cell;
	VTermPos pos;

	memset(a, 0, sizeof(*a));
	a->fg = a->bg = -1;
	pos.row = r;
	pos.col = c;
	if (r < 0 || r >= vt->rows || c < 0 || c >= vt->cols ||
	    !vterm_screen_get_cell(vt->screen, pos, &cell))
		return;
	a->bold = cell.attrs.bold;
	a->underline = cell.attrs.underline != VTERM_UNDERLINE_OFF;
	a->reverse = cell.attrs.reverse;
	a->italic = cell.attrs.italic;
	a->fg = color_index(&cell.fg, &a->fg_default, true);
	a->bg = color_index(&cell.bg, &a->bg_default, false);
}

void
vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

void
vt_size(struct vt *vt, int *rows, int *cols)
{
	*rows = vt->rows;
	*cols = vt->cols;
}

const char *
vt_raw(struct vt *vt, size_t *len)
{
	if (len != NULL)
		*len = vt->raw.len;
	return vt->raw.p != NULL ? vt->raw.p : "";
}

void
vt_state(struct vt *vt, struct vt_state *st)
{
	*st = vt->st;
}

/*
 * Waiting.
 */

bool
vt_wait_text(struct vt *vt, const char *text, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		if (screen_has(vt, text))
			return true;
		if (vt->eof || left_ms(deadline) == 0)
			return false;
		while (pump(vt, left_ms(deadline)) == 0)
			if (vt->eof || left_ms(deadline) == 0)
				break;
	}
}

void
vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	while (!vt->eof && left_ms(deadline) > 0)
		if (pump(vt, min_int(quiet_ms, left_ms(deadline))) == 0 &&
		    !vt->eof)
			return;
}

/*
 * The process.
 */

/* Learn, without reaping, whether the program has exited. */
static bool
check_exit(struct vt *vt)
{
	siginfo_t si;

	if (vt->exited)
		return true;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)vt->pid, &si,
	    WEXITED | WNOHANG | WNOWAIT) == -1) {
		if (errno != ECHILD)
			return false;
		vt->exited = true;          /* reaped behind our back */
		vt->status = -1;
		return true;
	}
	if (si.si_pid == 0)
		return false;
	vt->exited = true;
	vt->status = si.si_code == CLD_EXITED ? si.si_status & 0xFF :
	    128 + si.si_status;
	return true;
}

/* After the exit: take in what is left, until the end of output or a
 * short quiet time (something else may hold the pty). */
static void
settle(struct vt *vt)
{
	long long deadline = now_ms() + SETTLE_MAX;

	while (!vt->eof && left_ms(deadline) > 0)
		if (pump(vt, SETTLE_QUIET) == 0)
			break;
}

static void
kill_group(struct vt *vt)
{
	long long deadline;

	kill(-vt->pid, SIGKILL);
	kill(vt->pid, SIGKILL);
	deadline = now_ms() + KILL_TIMEOUT;
	while (!check_exit(vt) && left_ms(deadline) > 0)
		sleep_ms(5);
}

int
vt_wait_exit(struct vt *vt, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	while (!check_exit(vt)) {
		if (left_ms(deadline) == 0) {
			kill_group(vt);
			settle(vt);
			return -1;
		}
		pump(vt, min_int(left_ms(deadline), 10));
	}
	settle(vt);
	return vt->status;
}

bool
vt_running(struct vt *vt)
{
	return !check_exit(vt);
}

void
vt_kill(struct vt *vt, int sig)
{
	if (vt->pid > 0)
		kill(vt->pid, sig);   /* safe: a zombie keeps its pid */
}

pid_t
vt_pid(struct vt *vt)
{
	return vt->pid;
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws;

	if (rows < 1 || cols < 1)
		return;
	drain(vt);
	if (vt->out.len > 0)
		flush_out(vt, SEND_TIMEOUT);
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
	vterm_set_size(vt->scan, rows, cols);
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(vt->fd, TIOCSWINSZ, &ws);
}

/*
 * Spawning.
 */

/* Whether the "NAME=value" strings s and t name the same variable (t may
 * also be a bare "NAME"). */
static bool
same_name(const char *s, const char *t)
{
	size_t n = strcspn(t, "=");

	return strncmp(s, t, n) == 0 && s[n] == '=';
}

static bool
env_names(char *const env[], const char *s)
{
	size_t i;

	for (i = 0; env != NULL && env[i] != NULL; i++)
		if (same_name(s, env[i]))
			return true;
	return false;
}

/* The child's environment: pointers into environ and env. */
static char **
make_env(char *const env[])
{
	size_t n = 2, i, k = 0;
	char **e;

	for (i = 0; environ[i] != NULL; i++)
		n++;
	for (i = 0; env != NULL && env[i] != NULL; i++)
		n++;
	e = xrealloc(NULL, n * sizeof(*e));
	for (i = 0; environ[i] != NULL; i++)
		if (!same_name(environ[i], "LINES=") &&
		    !same_name(environ[i], "COLUMNS=") &&
		    !same_name(environ[i], "TERM=") &&
		    !env_names(env, environ[i]))
			e[k++] = environ[i];
	for (i = 0; env != NULL && env[i] != NULL; i++) {
		const char *eq = strchr(env[i], '=');

		if (eq != NULL && eq[1] != '\0')
			e[k++] = env[i];
	}
	if (!env_names(env, "TERM="))
		e[k++] = "TERM=xterm-256color";
	e[k] = NULL;
	return e;
}

/* A pty master, non-blocking and close-on-exec, of rows x cols; its
 * slave's name in name. */
static int
open_master(int rows, int cols, char *name, size_t namesz)
{
	struct winsize ws;
	const char *s;
	int fd;

	if ((fd = posix_openpt(O_RDWR | O_NOCTTY)) == -1)
		return -1;
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (grantpt(fd) == -1 || unlockpt(fd) == -1 ||
	    (s = ptsname(fd)) == NULL || strlen(s) >= namesz ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1 ||
	    ioctl(fd, TIOCSWINSZ, &ws) == -1) {
		close(fd);
		return -1;
	}
	strcpy(name, s);
	return fd;
}

/* In the child: default signal handling, nothing blocked. */
static void
child_signals(void)
{
	struct sigaction sa;
	sigset_t set;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 1; i < NSIG; i++)
		sigaction(i, &sa, NULL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

/* In the child: become a session leader with the slave as controlling
 * terminal and standard input, output and error; exec argv.  On failure,
 * write errno to errfd.  Only async-signal-safe calls here. */
static void
child(char *const argv[], char **envp, const char *name, int master,
    int errfd)
{
	struct termios t;
	int fd, err;

	child_signals();
	close(master);
	if (setsid() == -1 || (fd = open(name, O_RDWR)) == -1)
		goto fail;
#ifdef TIOCSCTTY
	ioctl(fd, TIOCSCTTY, 0);
#endif
	if (tcgetattr(fd, &t) == 0) {
#ifdef IUTF8
		t.c_iflag |= IUTF8;
#endif
		tcsetattr(fd, TCSANOW, &t);
	}
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		goto fail;
	if (fd > 2)
		close(fd);
	environ = envp;
	execvp(argv[0], argv);
fail:
	err = errno;
	if (write(errfd, &err, sizeof(err)) == -1)
		_exit(126);
	_exit(127);
}

/* In the parent: whether the child's exec worked (errno set if not). */
static bool
exec_ok(pid_t pid, int errfd)
{
	ssize_t n;
	int err;

	while ((n = read(errfd, &err, sizeof(err))) == -1 && errno == EINTR)
		continue;
	if (n == 0)
		return true;
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		continue;
	errno = n == (ssize_t)sizeof(err) ? err : EIO;
	return false;
}

static struct vt *
vt_new(int fd, pid_t pid, int rows, int cols)
{
	struct vt *vt = xrealloc(NULL, sizeof(*vt));

	memset(vt, 0, sizeof(*vt));
	vt->fd = fd;
	vt->pid = pid;
	vt->rows = rows;
	vt->cols = cols;
	buf_add(&vt->raw, "", 0);
	buf_add(&vt->out, "", 0);
	term_new(vt, rows, cols);
	return vt;
}

struct vt *
vt_spawn(char *const argv[], char *const env[], int rows, int cols)
{
	char name[PATH_MAX], **envp;
	int fd, pfd[2], err;
	pid_t pid;

	if (argv == NULL || argv[0] == NULL || rows < 1 || cols < 1) {
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open_master(rows, cols, name, sizeof(name))) == -1)
		return NULL;
	if (pipe(pfd) == -1) {
		close(fd);
		return NULL;
	}
	fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	envp = make_env(env);
	if ((pid = fork()) == 0)
		child(argv, envp, name, fd, pfd[1]);
	err = errno;
	free(envp);
	close(pfd[1]);
	if (pid == -1 || !exec_ok(pid, pfd[0])) {
		err = pid == -1 ? err : errno;
		close(pfd[0]);
		close(fd);
		errno = err;
		return NULL;
	}
	close(pfd[0]);
	return vt_new(fd, pid, rows, cols);
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	if (!vt->exited || !vt->eof)
		kill_group(vt);
	if (vt->exited)
		while (waitpid(vt->pid, NULL, 0) == -1 && errno == EINTR)
			continue;
	close(vt->fd);
	vterm_free(vt->term);
	vterm_free(vt->scan);
	free(vt->raw.p);
	free(vt->out.p);
	free(vt);
}
