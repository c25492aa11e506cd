// SPDX-License-Identifier: GPL-2.0
/*
 * membind NODE CMD [ARG...]: run CMD with its memory bound to NODE
 * (set_mempolicy(MPOL_BIND), inherited over fork and exec), as
 * numactl --membind does: its anonymous memory and the page cache it
 * reads in come from NODE alone, and reclaim runs there when NODE is
 * full instead of spilling to the other nodes.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#define MPOL_BIND_	2
#define MAX_NODES	1024

int main(int argc, char **argv)
{
	unsigned long mask[MAX_NODES / (8 * sizeof(long))] = { 0 };
	char *end;
	long node;

	if (argc < 3) {
		fprintf(stderr, "usage: membind NODE CMD [ARG...]\n");
		return 2;
	}
	node = strtol(argv[1], &end, 10);
	if (*end || end == argv[1] || node < 0 || node >= MAX_NODES) {
		fprintf(stderr, "membind: bad node %s\n", argv[1]);
		return 2;
	}
	mask[node / (8 * sizeof(long))] |= 1UL << (node % (8 * sizeof(long)));
	if (syscall(SYS_set_mempolicy, MPOL_BIND_, mask, MAX_NODES + 1)) {
		perror("membind: set_mempolicy");
		return 1;
	}
	execvp(argv[2], argv + 2);
	perror("membind: exec");
	return 127;
}
