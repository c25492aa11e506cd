// SPDX-License-Identifier: GPL-2.0
/*
 * pfnmap START_PFN END_PFN: one character per pageblock (512 pages) from
 * /proc/kpageflags: '.' no page in use by the LRU or slab (free or
 * reserved), 0-9 tenths of the block on the LRU, 'S' slab, 'R' reserved.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long start = strtoul(argv[1], 0, 0), end = strtoul(argv[2], 0, 0), pfn;
	uint64_t f[512];
	int fd = open("/proc/kpageflags", O_RDONLY), col = 0;

	for (pfn = start; pfn < end; pfn += 512) {
		int lru = 0, slab = 0, res = 0, i;

		if (pread(fd, f, sizeof(f), pfn * 8) != sizeof(f))
			break;
		for (i = 0; i < 512; i++) {
			lru += !!(f[i] & (1 << 5));
			slab += !!(f[i] & (1 << 7));
			res += !!(f[i] & (1ULL << 32));
		}
		putchar(res > 256 ? 'R' : slab > 0 ? 'S' : lru ? '0' + (lru * 10 - 1) / 512 : '.');
		if (++col % 64 == 0)
			putchar('\n');
	}
	putchar('\n');
	return 0;
}
