#!/bin/bash
# Boot a kernel and initramfs in the test VM.
#   boot.sh KERNEL INITRAMFS MODE LOGDIR
# MODE is the guest's job (test, demo, shell; see guest/init).  The VM has
# 1 GiB (GUEST_MEM_MB) in two NUMA nodes of 512 MiB (GUEST_NODE0_MB for node
# 0, node 1 the rest) with one CPU each, and a
# third node with a CPU and no memory (GUEST_CPUS=4: node 0 gets a second
# CPU), and the disks of build-disks.sh.  The console is kept in LOGDIR/console.log; in
# test mode the guest also writes its KTAP to LOGDIR/results.tap.
# BOOT_TIMEOUT (seconds, default 1200) bounds a non-interactive run.
. "$(dirname "$0")/lib.sh"

kernel=${1:?kernel} initrd=${2:?initramfs} mode=${3:?mode} logdir=${4:?logdir}
mem=${GUEST_MEM_MB:-1024} cpus=${GUEST_CPUS:-3}
node0=${GUEST_NODE0_MB:-$((mem / 2))}	# node 1 has the rest
[ "$cpus" = 3 ] || [ "$cpus" = 4 ] || die "GUEST_CPUS: 3 or 4"
cpus0=cpus=0
[ "$cpus" = 4 ] && cpus0=cpus=0,cpus=3
mkdir -p "$logdir"
console=$logdir/console.log results=$logdir/results.tap
rm -f "$console" "$results"

qemu=(qemu-system-x86_64 -machine q35 -cpu max -m "$mem" -smp "$cpus,sockets=$cpus,cores=1,threads=1"
	-object memory-backend-ram,id=m0,size=${node0}M
	-object memory-backend-ram,id=m1,size=$((mem - node0))M
	-numa "node,nodeid=0,memdev=m0,$cpus0"
	-numa node,nodeid=1,memdev=m1,cpus=1
	-numa node,nodeid=2,cpus=2
	-kernel "$kernel" -initrd "$initrd" -display none -no-reboot
	-append "console=ttyS0 panic=-1 loglevel=5 mmho.mode=$mode ${BOOT_APPEND:-}")
# The disks of build-disks.sh: /dev/vda (ext2, files) and /dev/vdb (swap),
# never written back (snapshot=on), so every boot starts alike.
for img in "$BUILD/disk.img" "$BUILD/swap.img"; do
	[ -f "$img" ] && qemu+=(-drive "file=$img,if=virtio,format=raw,snapshot=on")
done

case $mode in
shell)
	"${qemu[@]}" -serial mon:stdio -serial null | tee "$console"
	;;
demo)
	timeout -k 10 "${BOOT_TIMEOUT:-1200}" "${qemu[@]}" -monitor none \
		-serial stdio -serial null </dev/null | tee "$console"
	;;
*)
	timeout --foreground -k 10 "${BOOT_TIMEOUT:-1200}" "${qemu[@]}" -monitor none \
		-serial "file:$console" -serial "file:$results" </dev/null
	rc=$?
	[ $rc -eq 124 ] && say "boot: timed out after ${BOOT_TIMEOUT:-1200}s (console: $console)"
	exit $rc
	;;
esac
