// SPDX-License-Identifier: GPL-2.0
/*
 * thpfault SECONDS MIB: for SECONDS, map MIB of anonymous memory aligned to
 * 2 MiB, ask for huge pages (MADV_HUGEPAGE), touch every page (each touch of
 * an unpopulated 2 MiB range is a transparent huge page fault, which
 * compacts or reclaims as /sys/kernel/mm/transparent_hugepage/defrag says),
 * check what was written, unmap, and again.  Prints "thpfault: rounds=N
 * bad=N mmap_failed=N" at the end; exits 1 if a page read back wrong.
 * make stress fails its page allocations (fail_page_alloc, make-it-fail):
 * a failed mmap() is counted and tried again, and the task disarms itself
 * before it prints, or a failed page of its output file would lose the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>

#define HPAGE (2UL << 20)

int main(int argc, char **argv)
{
	unsigned long bytes, off, rounds = 0, bad = 0, mmap_failed = 0;
	time_t end;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: thpfault SECONDS MIB\n");
		return 2;
	}
	end = time(NULL) + atol(argv[1]);
	bytes = strtoul(argv[2], NULL, 0) << 20;
	while (time(NULL) < end) {
		char *raw = mmap(NULL, bytes + HPAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		char *p;

		if (raw == MAP_FAILED) {
			mmap_failed++;
			usleep(10000);
			continue;
		}
		p = (char *)(((unsigned long)raw + HPAGE - 1) & ~(HPAGE - 1));
		madvise(p, bytes, MADV_HUGEPAGE);
		for (off = 0; off < bytes; off += 4096)
			p[off] = (char)(off >> 12) | 1;
		for (off = 0; off < bytes; off += 4096)
			bad += p[off] != ((char)(off >> 12) | 1);
		munmap(raw, bytes + HPAGE);
		rounds++;
	}
	fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "0", 1) != 1)
			perror("thpfault: make-it-fail");
		close(fd);
	}
	printf("thpfault: rounds=%lu bad=%lu mmap_failed=%lu\n", rounds, bad, mmap_failed);
	return bad != 0;
}
