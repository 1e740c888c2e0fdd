/*
 * run.c - spawning the program under test with pipes on its standard
 * streams, for the command-line tests.
 */
#include "autoconf.h"

#ifdef __linux__
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

extern char **environ;

static void
fail(const char *what)
{
	fprintf(stderr, "run: %s: %s\n", what, strerror(errno));
	abort();
}

static void
append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*p = realloc(*p, *cap);
		if (*p == NULL)
			fail("realloc");
	}
	memcpy(*p + *len, s, n);
	*len += n;
	(*p)[*len] = '\0';
}

static char **
merged_env(char *const add[])
{
	size_t n = 0, k = 0, i;
	char **env;

	while (environ[n])
		n++;
	while (add && add[k])
		k++;
	env = calloc(n + k + 1, sizeof(*env));
	for (i = 0; i < k; i++)
		env[i] = add[i];
	for (size_t j = 0; j < n; j++) {
		const char *eq = strchr(environ[j], '=');
		size_t nl = eq ? (size_t)(eq - environ[j]) + 1 : strlen(environ[j]);
		int shadowed = 0;

		for (i = 0; i < k; i++)
			if (strncmp(add[i], environ[j], nl) == 0)
				shadowed = 1;
		if (!shadowed)
			env[k + j] = environ[j];
		else
			env[k + j] = (char *)"LECTERN_TEST_UNSET=1";
	}
	return env;
}

void
run_collect(struct run *r, pid_t pid, int in, int out, int err,
    const char *input, size_t inlen, int timeout)
{
	size_t outcap = 0, errcap = 0, written = 0;
	time_t start = time(NULL);
	int st;

	memset(r, 0, sizeof(*r));
	append(&r->out, &r->outlen, &outcap, "", 0);
	append(&r->err, &r->errlen, &errcap, "", 0);
	if (in >= 0 && (input == NULL || inlen == 0)) {
		close(in);
		in = -1;
	}
	/* Never block: a write of more than the pipe has room for would wait
	 * for a child that may be waiting for us to read its output. */
	fcntl(out, F_SETFL, O_NONBLOCK);
	fcntl(err, F_SETFL, O_NONBLOCK);
	if (in >= 0)
		fcntl(in, F_SETFL, O_NONBLOCK);
	signal(SIGPIPE, SIG_IGN);
	while (out >= 0 || err >= 0) {
		struct pollfd p[3] = {
			{ out, POLLIN, 0 }, { err, POLLIN, 0 }, { in, POLLOUT, 0 }
		};
		char buf[65536];

		if (time(NULL) - start > timeout) {
			fprintf(stderr, "run: killed after %d s\n", timeout);
			kill(pid, SIGKILL);
			break;
		}
		if (poll(p, 3, 1000) < 0 && errno != EINTR)
			fail("poll");
		for (int i = 0; i < 2; i++) {
			int *fd = i == 0 ? &out : &err;
			ssize_t n;

			if (*fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(*fd, buf, sizeof(buf));
			if (n > 0) {
				if (i == 0)
					append(&r->out, &r->outlen, &outcap, buf, (size_t)n);
				else
					append(&r->err, &r->errlen, &errcap, buf, (size_t)n);
			} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(*fd);
				*fd = -1;
			}
		}
		if (in >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t n = write(in, input + written, inlen - written);

			if (n > 0)
				written += (size_t)n;
			if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
			    written == inlen) {
				close(in);          /* done, or the child closed it */
				in = -1;
			}
		}
	}
	/* After a timeout too: nothing stays open. */
	for (int i = 0; i < 3; i++) {
		int fd = i == 0 ? in : i == 1 ? out : err;

		if (fd >= 0)
			close(fd);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fail("waitpid");
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void
run_argv(struct run *r, char *const argv[], const char *input, size_t inlen,
    char *const env[])
{
	int in[2], out[2], err[2];
	posix_spawn_file_actions_t fa;
	char **e = merged_env(env);
	pid_t pid;

	/* Close-on-exec: the child gets its ends as 0, 1 and 2 only. */
	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		fail("pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, err[0]);
	if ((errno = posix_spawn(&pid, argv[0], &fa, NULL, argv, e)) != 0)
		fail(argv[0]);
	posix_spawn_file_actions_destroy(&fa);
	free(e);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	run_collect(r, pid, in[1], out[0], err[0], input, inlen, 20);
}

void
run_lectern(struct run *r, const char *input, size_t inlen, char *const env[],
    ...)
{
	char *argv[64];
	const char *lectern = getenv("LECTERN");
	va_list ap;
	int n = 0;

	if (lectern == NULL)
		lectern = "../../src/lectern";
	argv[n++] = (char *)lectern;
	va_start(ap, env);
	while (n < 63 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	run_argv(r, argv, input, inlen, env);
}

void
run_done(struct run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

const char *
test_data(const char *name)
{
	static char path[4096];
	const char *dir = getenv("TESTDATA");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	return path;
}

const char *
test_src(const char *rel)
{
	static char path[4][4096];
	static int next;
	const char *top = getenv("TOPSRC");
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", top ? top : ".", rel);
	return p;
}

const char *
test_bundled(void)
{
	return test_src("resources/iom-dg-response.txt");
}

const char *
test_lectern(void)
{
	const char *p = getenv("LECTERN");

	return p ? p : "../../src/lectern";
}

bool
test_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
test_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

long
test_status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	size_t n = strlen(field);
	char line[256];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = atol(line + n + 1);
	if (f)
		fclose(f);
	return kb;
}

bool
test_peak_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");

	/* 5: the peak resident set (proc(5)). */
	return f != NULL && fputs("5", f) >= 0 && fclose(f) == 0;
}

const char *
test_tmp(const char *name)
{
	static char path[4][4096];
	static int next;
	const char *dir = getenv("TMPDIR");
	char *p = path[next++ % 4];

	mkdir(dir ? dir : "/tmp", 0755);
	snprintf(p, sizeof(path[0]), "%s/%ld-%s", dir ? dir : "/tmp",
	    (long)getpid(), name);
	return p;
}

void
test_write(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		fail(path);
}

void
test_write_str(const char *path, const char *s)
{
	test_write(path, s, strlen(s));
}

char *
test_read(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t len = 0, cap = 0;
	char buf[65536];
	size_t k;

	if (f == NULL)
		fail(path);
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
		append(&p, &len, &cap, buf, k);
	fclose(f);
	if (p == NULL)
		append(&p, &len, &cap, "", 0);
	*n = len;
	return p;
}

const char *
test_drop_dac(void)
{
#ifdef __linux__
	static const int caps[] = {
		CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
	};
	static char why[256];
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (geteuid() != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (prctl(PR_CAPBSET_READ, caps[i], 0, 0, 0) == 1 &&
		    prctl(PR_CAPBSET_DROP, caps[i], 0, 0, 0) != 0) {
			snprintf(why, sizeof(why), "as root, cannot drop "
			    "capability %d from the bounding set: %s", caps[i],
			    strerror(errno));
			return why;
		}
	if (syscall(SYS_capget, &h, d) != 0) {
		snprintf(why, sizeof(why), "as root, capget: %s", strerror(errno));
		return why;
	}
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		d[CAP_TO_INDEX(caps[i])].effective &= ~CAP_TO_MASK(caps[i]);
	if (syscall(SYS_capset, &h, d) != 0) {
		snprintf(why, sizeof(why), "as root, capset: %s", strerror(errno));
		return why;
	}
	return NULL;
#else
	return geteuid() == 0 ? "as root, and no way to give up the "
	    "capabilities that bypass file permissions here" : NULL;
#endif
}

struct dac_call {
	void (*fn)(void *);
	void *arg;
	const char *why;
};

static void *
without_dac(void *p)
{
	struct dac_call *c = p;

	c->why = test_drop_dac();
	if (c->why == NULL)
		c->fn(c->arg);
	return NULL;
}

const char *
test_without_dac(void (*fn)(void *), void *arg)
{
	struct dac_call c = { fn, arg, NULL };
	pthread_t t;

	if (geteuid() != 0) {
		fn(arg);
		return NULL;
	}
	if ((errno = pthread_create(&t, NULL, without_dac, &c)) != 0)
		fail("pthread_create");
	if ((errno = pthread_join(t, NULL)) != 0)
		fail("pthread_join");
	return c.why;
}

static const char *watched;

static void
on_alarm(int sig)
{
	static const char pre[] = "watchdog: ", post[] = " did not finish\n";

	(void)sig;
	if (write(2, pre, sizeof(pre) - 1) < 0 ||
	    write(2, watched, strlen(watched)) < 0 ||
	    write(2, post, sizeof(post) - 1) < 0) {
		/* nothing else to do */
	}
	_exit(1);
}

void
test_watchdog(unsigned seconds, const char *what)
{
	watched = what ? what : "a test";
	signal(SIGALRM, on_alarm);
	alarm(seconds);
}

int
test_watchdog_stop(void **state)
{
	(void)state;
	alarm(0);
	return 0;
}

long long
test_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
test_sleep_ms(int ms)
{
	nanosleep(&(struct timespec){ ms / 1000, (long)(ms % 1000) * 1000000 },
	    NULL);
}

static int
remove_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR)
		return rmdir(p) != 0 && errno != ENOENT;
	return unlink(p) != 0 && errno != ENOENT;
}

static int
open_up(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_D || flag == FTW_DNR)
		chmod(p, 0755);
	return 0;
}

void
test_rmtree(const char *dir)
{
	nftw(dir, open_up, 16, FTW_PHYS);
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
