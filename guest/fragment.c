// SPDX-License-Identifier: GPL-2.0
/*
 * fragment NODE [PERCENT]: fill PERCENT (default 75) of the free memory of
 * NODE with anonymous pages bound to it, unmap every other page, and hold
 * the rest until a signal comes.  The node is left with its free memory in
 * order-0 holes between movable pages: what compaction exists to undo.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MPOL_BIND 2

static unsigned long node_free_pages(int nid)
{
	unsigned long count, total = 0;
	char line[512], zone[32], *p;
	int node, pos, order;
	FILE *f = fopen("/proc/buddyinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %31s%n", &node, zone, &pos) != 2 || node != nid)
			continue;
		for (order = 0, p = line + pos; sscanf(p, "%lu%n", &count, &pos) == 1; p += pos)
			total += count << order++;
	}
	fclose(f);
	return total;
}

static void done(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	size_t page = getpagesize(), len, off, holes = 0;
	unsigned long mask;
	int nid, percent;
	char *map;

	if (argc < 2) {
		fprintf(stderr, "usage: fragment NODE [PERCENT]\n");
		return 2;
	}
	nid = atoi(argv[1]);
	percent = argc > 2 ? atoi(argv[2]) : 75;
	if (nid < 0 || nid >= 64 || percent < 1 || percent > 90) {
		fprintf(stderr, "fragment: bad node or percent\n");
		return 2;
	}
	mask = 1UL << nid;
	len = node_free_pages(nid) * percent / 100 * page;
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise(map, len, MADV_NOHUGEPAGE);
	if (syscall(__NR_mbind, map, len, MPOL_BIND, &mask, nid + 2, 0) && nid)
		perror("mbind");
	for (off = 0; off < len; off += page)
		map[off] = 1;
	for (off = 0; off < len; off += 2 * page, holes++)
		madvise(map + off, page, MADV_DONTNEED);
	signal(SIGTERM, done);
	signal(SIGINT, done);
	printf("fragment: node %d: filled %zu MiB, freed every other page (%zu MiB in 4 KiB holes)\n",
	       nid, len >> 20, holes * page >> 20);
	fflush(stdout);
	pause();
	return 0;
}
