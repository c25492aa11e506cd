#!/bin/bash
# Build what the guest runs and pack it as an initramfs:
#   build-guest.sh SRC OUT INITRAMFS
# SRC is the kernel tree, OUT its build directory (for the uapi headers),
# the selftests named in config/tests are built static from SRC, the
# programs in guest/ static from this repository.
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?source tree}") out=$(realpath "${2:?build dir}") img=$(realpath -m "${3:?initramfs}")
root=$out/initramfs
CFLAGS="-static -O2 -Wall"
# as tools/testing/selftests/lib.mk builds them
KST_CFLAGS="-D_GNU_SOURCE="

make -C "$src" O="$out" -s headers >/dev/null || exit 1
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,tests,etc,root}

# busybox and its applets
cp /bin/busybox "$root/bin/busybox" || die "busybox-static is not installed"
for a in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done

# the selftests, and the project's own guest tests (guest/NAME)
kst=$src/tools/testing/selftests
for t in $(sed -e 's/#.*//' "$TOP/config/tests"); do
	dir=${t%/*} name=${t##*/}
	if [ "$dir" = guest ]; then	# a test of this project's, guest/NAME.sh
		mkdir -p "$root/tests/guest"
		install -m 755 "$TOP/guest/$name.sh" "$root/tests/guest/$name"
		echo "$t" >>"$root/tests/list"
		continue
	fi
	extra=""
	[ "$dir" = mm ] && extra="$kst/mm/vm_util.c $kst/mm/hugepage_settings.c"
	mkdir -p "$root/tests/$dir"
	# shellcheck disable=SC2086
	gcc $CFLAGS $KST_CFLAGS -I"$kst" -I"$kst/$dir" -isystem "$out/usr/include" \
		-o "$root/tests/$dir/$name" "$kst/$t.c" $extra -lrt -lpthread -lm ||
		die "building selftest $t failed"
	echo "$t" >>"$root/tests/list"
done

# the project's own guest programs and scripts
for c in "$TOP"/guest/*.c; do
	[ -e "$c" ] || continue
	gcc $CFLAGS -o "$root/bin/$(basename "$c" .c)" "$c" || die "building $c failed"
done
install -m 755 "$TOP/guest/init" "$root/init"
for s in "$TOP"/guest/*.sh; do
	[ -e "$s" ] && install -m 755 "$s" "$root/bin/$(basename "$s" .sh)"
done

# the kernel's modules, with modules.dep for modprobe
make -C "$src" O="$out" -s INSTALL_MOD_PATH="$root" INSTALL_MOD_STRIP=1 modules_install >/dev/null ||
	die "modules_install failed"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$img.tmp" && mv "$img.tmp" "$img"
