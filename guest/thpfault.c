// SPDX-License-Identifier: GPL-2.0
/*
 * thpfault SECONDS MIB: for SECONDS, map MIB of anonymous memory aligned to
 * 2 MiB, ask for huge pages (MADV_HUGEPAGE), touch every page (each touch of
 * an unpopulated 2 MiB range is a transparent huge page fault, which
 * compacts or reclaims as /sys/kernel/mm/transparent_hugepage/defrag says),
 * check what was written, unmap, and again.  Prints "thpfault: rounds=N
 * bad=N" at the end; exits 1 if a page read back wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>

#define HPAGE (2UL << 20)

int main(int argc, char **argv)
{
	unsigned long bytes, off, rounds = 0, bad = 0;
	time_t end;

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
			perror("thpfault: mmap");
			return 1;
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
	printf("thpfault: rounds=%lu bad=%lu\n", rounds, bad);
	return bad != 0;
}
