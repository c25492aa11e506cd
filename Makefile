# Entry points of the project; the work is done by scripts/*.sh.
#
#   make check    what CI runs: packages, tree, series checks, build, boot,
#                 selftests; ends with "N passed, N failed"
#   make run      boot the patched kernel, show compact_node at work, then
#                 an interactive shell in the guest (RUN=demo: no shell)
#   make test     build what changed, boot, run the selftests (no series checks)
#   make bench    vanilla 7.3 (vm.defrag_mode 0 and 1) against the patched
#                 kernel (BENCH=quick: short; BENCH_PARTS=main or contig:
#                 one part; BENCH_RUNS=N)
#   make stress   the patched kernel with lockdep, KASAN, kmemleak, fault
#                 injection ...: every selftest, then STRESS_S seconds (600)
#                 of everything at once; no splat, nothing leaked
#   make matrix   the series built at every patch with configs that switch
#                 off what it touches; W=1 and sparse against vanilla
#                 (MATRIX_CONFIGS="no-numa ..." for some only)
#   make matrix-boot  boot the series in those configs: the selftests pass
#                 or skip with a reason, a short stress, no splat
#   make tree     build/linux: git tree, tag base = pristine 7.3, series applied
#   make refresh  export build/linux (base..HEAD) to patches/ and series
#   make kernel / make guest   build the patched kernel / the initramfs
#   make clean    remove build/ (the base tarball and ccache stay in the cache)
#
# KSRC=/path uses your own v7.3.y tree as the base; FORCE=1 lets make tree
# reset a build/linux that does not carry the series.

SHELL := /bin/bash
S := scripts
B := build
KERNEL := $(B)/obj/arch/x86/boot/bzImage
INITRD := $(B)/initramfs.cpio.gz
RUN ?= shell

.PHONY: check run test bench stress matrix matrix-boot tree refresh kernel guest clean deps

check:
	@$(S)/check.sh

deps:
	@$(S)/deps.sh

bench: deps
	@BENCH=$(or $(BENCH),full) $(S)/bench.sh

stress: deps
	@$(S)/stress.sh

matrix: deps
	@$(S)/tree.sh --existing-ok >/dev/null
	@mkdir -p $(B)/matrix; set -o pipefail; $(S)/matrix.sh | tee $(B)/matrix/results

matrix-boot: deps
	@$(S)/tree.sh --existing-ok >/dev/null
	@mkdir -p $(B)/matrix; set -o pipefail; $(S)/matrix-boot.sh | tee $(B)/matrix/boot-results

tree:
	@$(S)/tree.sh

refresh:
	@$(S)/refresh.sh

kernel:
	@$(S)/tree.sh --existing-ok
	@. $(S)/lib.sh; stage "kernel build (log: kbuild.log)" $(B)/logs/kbuild.log \
		$(S)/build-kernel.sh $(B)/linux $(B)/obj

guest: kernel
	@. $(S)/lib.sh; stage "guest disks (files, swap)" $(B)/logs/disks.log \
		$(S)/build-disks.sh $(B)/linux
	@. $(S)/lib.sh; stage "guest: selftests, initramfs" $(B)/logs/guest.log \
		$(S)/build-guest.sh $(B)/linux $(B)/obj $(INITRD)

run: deps guest
	@$(S)/boot.sh $(KERNEL) $(INITRD) $(if $(filter demo,$(RUN)),demo,shell) $(B)/logs/run

test: guest
	@. $(S)/lib.sh; stage "boot VM and run selftests" $(B)/logs/boot.log \
		$(S)/boot.sh $(KERNEL) $(INITRD) test $(B)/logs/vm; \
	$(S)/verdict.sh $(B)/logs/vm | tee $(B)/logs/test.results; \
	! grep -q '^FAIL' $(B)/logs/test.results

clean:
	rm -rf $(B)
