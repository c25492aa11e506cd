// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen: fragment memory the way a busy machine does, in the spirit of
 * the "updatedb plus seven kernel builds" load of the original high-order
 * allocation test, within fixed bounds of time and memory.
 *
 *   loadgen [-s SEED] [-t SECONDS] [-m ANON_MIB] [-u UNMOVABLE_MIB]
 *           [-r RAMP_SECONDS] [-d DIR] [-H HOLD_SECONDS]
 *
 * Workers, each a process:
 *   cache      reads the files under DIR (page cache from a real file
 *              system, clean and reclaimable) and writes and deletes
 *              scratch files in DIR/.loadgen (dirty, then written back)
 *   anon       maps, touches and partly frees anonymous memory, up to
 *              ANON_MIB in all; with swap behind it, it is reclaimable
 *   slab       creates, stats and unlinks small files and directories
 *              (dentries and inodes)
 *   unmovable  fills UNMOVABLE_MIB / 64 KiB pipes and socket pairs,
 *              spread over RAMP_SECONDS (default: the run), each until
 *              it is full (a pipe holds 64 KiB, a socket pair up to its
 *              208 KiB send buffer; the KiB queued are printed), and keeps
 *              them: long-lived unmovable pages, placed wherever the
 *              allocator had room at the time
 *
 * Phases, announced on stdout: "loadgen: run" for SECONDS, or until
 * SIGUSR1; "loadgen: hold" once the churning workers have stopped and
 * only the unmovable pages remain; "loadgen: released" after
 * HOLD_SECONDS (default: until SIGTERM or SIGINT), when everything is
 * freed and loadgen exits.
 * The same SEED gives the same sequence of sizes and choices.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#define MIB		(1UL << 20)
#define MAX_REGIONS	256
#define CHUNK		(64 * 1024)

static volatile sig_atomic_t stop, end_run;
static unsigned int seed = 1;
static const char *dir = "/mnt/data";

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static void on_end_run(int sig)
{
	(void)sig;
	end_run = 1;
}

/* xorshift32: small, seeded, the same sequence on every run. */
static unsigned int rnd(unsigned int *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void read_tree(const char *path, char *buf, unsigned int *s)
{
	struct dirent *e;
	DIR *d = opendir(path);

	if (!d)
		return;
	while (!stop && (e = readdir(d))) {
		char sub[4096];
		struct stat st;
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (lstat(sub, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			read_tree(sub, buf, s);
			continue;
		}
		if (!S_ISREG(st.st_mode) || rnd(s) % 4 == 0)
			continue;
		fd = open(sub, O_RDONLY);
		if (fd < 0)
			continue;
		while (read(fd, buf, CHUNK) > 0)
			;
		close(fd);
	}
	closedir(d);
}

static void worker_cache(void)
{
	unsigned int s = seed ^ 0x1111, n = 0;
	char scratch[4096], name[4200];
	char *buf = malloc(CHUNK);

	snprintf(scratch, sizeof(scratch), "%s/.loadgen", dir);
	mkdir(scratch, 0755);
	memset(buf, 0x5a, CHUNK);
	while (!stop) {
		unsigned int i, chunks = 1 + rnd(&s) % 64;
		int fd;

		read_tree(dir, buf, &s);
		snprintf(name, sizeof(name), "%s/f%u", scratch, n % 32);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		for (i = 0; fd >= 0 && i < chunks && !stop; i++)
			if (write(fd, buf, CHUNK) < 0)
				break;
		if (fd >= 0)
			close(fd);
		n++;
	}
}

static void worker_anon(size_t budget)
{
	struct { char *p; size_t len; } r[MAX_REGIONS] = { 0 };
	unsigned int s = seed ^ 0x2222;
	size_t page = getpagesize(), used = 0, off;

	while (!stop) {
		unsigned int i = rnd(&s) % MAX_REGIONS;
		size_t len = (1 + rnd(&s) % 256) * 64 * 1024;

		/* Fill up to the budget first, then replace regions. */
		if (r[i].p && used + len <= budget)
			continue;
		if (r[i].p) {
			munmap(r[i].p, r[i].len);
			used -= r[i].len;
			r[i].p = NULL;
		}
		if (used + len > budget)
			continue;
		/* MAP_POPULATE: faulting page by page is slow under emulation. */
		r[i].p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (r[i].p == MAP_FAILED) {
			r[i].p = NULL;
			continue;
		}
		r[i].len = len;
		used += len;
		/* Free a random part of it again, leaving holes. */
		for (off = 0; off < len; off += page)
			if (rnd(&s) % 4 == 0)
				madvise(r[i].p + off, page, MADV_DONTNEED);
	}
}

static void worker_slab(void)
{
	unsigned int s = seed ^ 0x3333;
	char base[4096], name[4200];
	struct stat st;

	snprintf(base, sizeof(base), "%s/.loadgen-slab", dir);
	mkdir(base, 0755);
	while (!stop) {
		unsigned int i, n = 100 + rnd(&s) % 900;

		for (i = 0; i < n && !stop; i++) {
			snprintf(name, sizeof(name), "%s/%u", base, i);
			if (rnd(&s) % 2)
				mkdir(name, 0755);
			else
				close(open(name, O_WRONLY | O_CREAT, 0644));
			stat(name, &st);
		}
		for (i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "%s/%u", base, i);
			if (unlink(name))
				rmdir(name);
		}
	}
}

/*
 * Fill pipes and socket pairs with data nobody reads, one every
 * @seconds / (@budget / 64 KiB) over @seconds, budget / 64 KiB of them,
 * and keep them until told to stop; SIGUSR1 ends the filling early.  Each
 * is written until it is full: a pipe holds 64 KiB, a socket pair up to
 * its send buffer (208 KiB by default), so more than @budget is held in
 * all: what was queued is printed.
 */
static void worker_unmovable(size_t budget, unsigned int seconds)
{
	unsigned int s = seed ^ 0x4444, steps = budget / CHUNK, i;
	unsigned long long gap_us = steps ? seconds * 1000000ULL / steps : 0;
	unsigned long long queued = 0;
	char *buf = calloc(1, CHUNK);

	for (i = 0; i < steps && !stop && !end_run; i++) {
		int fds[2], n = 0;
		unsigned long long t;

		if (rnd(&s) % 2 ? pipe2(fds, O_NONBLOCK) :
		    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds)) {
			perror("loadgen: pipe or socketpair");
			break;
		}
		while (write(fds[1], buf, 4096) > 0)
			;
		if (!ioctl(fds[0], FIONREAD, &n))
			queued += n;
		/* in steps of at most a second: SIGUSR1 and SIGTERM end it */
		for (t = gap_us; t && !stop && !end_run; t -= t > 1000000 ? 1000000 : t)
			usleep(t > 1000000 ? 1000000 : t);
	}
	printf("loadgen: unmovable: %u pipes and socket pairs, %llu KiB queued\n",
	       i, queued >> 10);
	while (!stop)
		sleep(1);
}

static pid_t spawn(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (!pid) {
		fn(arg);
		_exit(0);
	}
	return pid;
}

struct args {
	size_t anon, unmovable;
	unsigned int seconds, ramp;
};

static void run_cache(void *a) { (void)a; worker_cache(); }
static void run_anon(void *a) { worker_anon(((struct args *)a)->anon); }
static void run_slab(void *a) { (void)a; worker_slab(); }
static void run_unmovable(void *a)
{
	struct args *x = a;

	worker_unmovable(x->unmovable, x->ramp ?: x->seconds);
}

static void reap(pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (pids[i] > 0) {
			kill(pids[i], SIGTERM);
			waitpid(pids[i], NULL, 0);
		}
	}
}

int main(int argc, char **argv)
{
	struct args a = { .anon = 256 * MIB, .unmovable = 16 * MIB, .seconds = 60 };
	struct sigaction sa = { .sa_handler = on_stop };
	struct sigaction su = { .sa_handler = on_end_run };
	struct rlimit rl;
	unsigned int left;
	int hold = -1, opt;
	pid_t churn[3], holder;

	while ((opt = getopt(argc, argv, "s:t:m:u:r:d:H:")) != -1) {
		switch (opt) {
		case 's': seed = strtoul(optarg, NULL, 0) ?: 1; break;
		case 't': a.seconds = strtoul(optarg, NULL, 0); break;
		case 'm': a.anon = strtoul(optarg, NULL, 0) * MIB; break;
		case 'u': a.unmovable = strtoul(optarg, NULL, 0) * MIB; break;
		case 'r': a.ramp = strtoul(optarg, NULL, 0); break;
		case 'd': dir = optarg; break;
		case 'H': hold = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: loadgen [-s SEED] [-t SECONDS] [-m ANON_MIB] "
				"[-u UNMOVABLE_MIB] [-r RAMP_SECONDS] [-d DIR] "
				"[-H HOLD_SECONDS]\n");
			return 2;
		}
	}
	if (!a.seconds || a.seconds > 24 * 3600) {
		fprintf(stderr, "loadgen: SECONDS must be 1 to 86400\n");
		return 2;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &su, NULL);
	/* two descriptors a pipe or socket pair: room for all of them */
	rl.rlim_cur = rl.rlim_max = 2 * a.unmovable / CHUNK + 64;
	if (rl.rlim_cur > 1024 && setrlimit(RLIMIT_NOFILE, &rl))
		perror("loadgen: setrlimit");
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("loadgen: run %u s, seed %u, anon %zu MiB, unmovable %zu MiB, files %s\n",
	       a.seconds, seed, a.anon / MIB, a.unmovable / MIB, dir);
	holder = spawn(run_unmovable, &a);
	churn[0] = spawn(run_cache, &a);
	churn[1] = spawn(run_anon, &a);
	churn[2] = spawn(run_slab, &a);

	/*
	 * In steps of a second, so that a signal between the test and the
	 * sleep is seen a second later at most.  SIGUSR1 ends the filling of
	 * pipes and sockets too.
	 */
	for (left = a.seconds; left && !end_run && !stop; left--)
		sleep(1);
	if (end_run)
		kill(holder, SIGUSR1);
	reap(churn, 3);
	printf("loadgen: hold\n");
	if (hold >= 0)
		sleep(hold);
	else
		while (!stop)
			sleep(1);
	reap(&holder, 1);
	printf("loadgen: released\n");
	return 0;
}
