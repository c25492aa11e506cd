#!/bin/bash
# make matrix: the series built at every patch with configurations that
# switch off, one at a time, what it touches (config/matrix/NAME.config,
# each over tinyconfig + vm.config + config/matrix/base.config), and the
# files it changes checked with W=1 and sparse against vanilla 7.3 in the
# same configuration.
#   MATRIX_CONFIGS="no-numa ..."  (default: all of config/matrix/no-*)
#   MATRIX_COMMITS=head           only the last patch, without the W=1 and
#                                 sparse comparison (make check's !NUMA build)
#   MATRIX_FROM=N                 vanilla (the W=1/sparse baseline) and the
#                                 patches from N on: those added since an
#                                 earlier run passed the ones before
# Verdict lines "PASS|FAIL matrix: ..." on stdout; logs, the warnings and
# build/matrix/summary under build/matrix (build/matrix-head for
# MATRIX_COMMITS=head).  The work tree build/matrix/src is a git worktree
# of build/linux, which is left alone.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

# make check's head-only build has a tree of its own, so that it can run
# while a make matrix does (ccache serves both: the same relative paths)
out=$BUILD/matrix
[ "${MATRIX_COMMITS:-all}" = head ] && out=$BUILD/matrix-head
src=$out/src
mkdir -p "$out"
git -C "$LINUX" rev-parse -q --verify base >/dev/null || die "build/linux has no tag base (make tree)"
# one run at a time in a tree
exec 9>"$out/.lock"
flock -n 9 || die "another make matrix is running in $out"
git -C "$LINUX" worktree prune
[ -e "$src/.git" ] || git -C "$LINUX" worktree add -q --detach "$src" base || die "cannot add $src"

configs=${MATRIX_CONFIGS:-$(cd "$TOP/config/matrix" && ls no-*.config | sed 's/\.config$//')}
head=$(git -C "$LINUX" rev-parse HEAD)
# base, then each patch that touches more than tools/, Documentation/, MAINTAINERS
commits=()
if [ "${MATRIX_COMMITS:-all}" = head ]; then
	commits=("$head")
else
	commits=("$(git -C "$LINUX" rev-parse base)")
	from=${MATRIX_FROM:-1} i=0
	case $from in '' | *[!0-9]*) die "MATRIX_FROM: a patch number" ;; esac
	for c in $(git -C "$LINUX" rev-list --reverse base..HEAD); do
		i=$((i + 1))
		[ "$i" -ge "$from" ] || continue
		git -C "$LINUX" diff --name-only "$c~1" "$c" |
			grep -qvE '^(tools/|Documentation/|MAINTAINERS$)' && commits+=("$c")
	done
fi
# the C files of the kernel the series changes, checked with W=1 and sparse,
# and those that instantiate a trace header it changes (CREATE_TRACE_POINTS)
series_c=$(git -C "$LINUX" diff --name-only base HEAD -- '*.c' | grep -v '^tools/')
for h in $(git -C "$LINUX" diff --name-only base HEAD -- 'include/trace/events/*.h'); do
	for f in $(git -C "$LINUX" grep -l -F "<${h#include/}>" HEAD -- '*.c' | sed 's/^HEAD://'); do
		git -C "$LINUX" grep -q CREATE_TRACE_POINTS HEAD -- "$f" && series_c="$series_c $f"
	done
done

# warnings FILE OUT: make W=1 C=2 on the object of one C file (if the tree
# has it and the configuration builds it), the warnings and errors of gcc and
# sparse with line and column numbers and the source path dropped (so that
# a patch that moves code does not make an old warning new), sorted, in
# OUT; fails if make or sparse did.  One file at a time, so that a warning
# of a header counts once per object on both sides of the comparison.
warnings() {
	local f=$1 o=$2 log=$2.log
	: >"$o"
	# not in the tree yet, or not built in this configuration
	[ -f "$src/$f" ] && [ -f "$obj/$(dirname "$f")/.$(basename "${f%.c}").o.cmd" ] || return 0
	# (sparse stops at 100 warnings a file by default, and hides the rest)
	make -C "$src" O="$obj" W=1 C=2 CHECK="$sparse" \
		CF="-fmax-warnings=unlimited -fmax-errors=unlimited" \
		KCFLAGS=-Wno-error "${f%.c}.o" >"$log" 2>&1 || return 1
	# the kernel skips a sparse older than it needs, and says so
	grep -q 'is not available or not up to date' "$log" && return 1
	# gcc and sparse ran on it (W=1 changes the flags: it is rebuilt)
	grep -qE "^ +CHECK +$f\$" "$log" || return 1
	# (a delimiter that the pattern's alternation does not use); only the
	# file's own and its headers' warnings: the first make of a round also
	# rebuilds objects of the prepare stage, whose warnings are no one's
	# (make prints the real path of the tree: a symlink in $src would keep
	# the .c file's warnings under an absolute path that matches no file)
	sed -nE "s#^($src/|$(realpath "$src")/)?([^ :]+):[0-9]+(:[0-9]+)?: (warning|error): #\2: \4: #p" \
		"$log" >"$o.raw" || return 1
	awk -F': ' -v f="$f" '$1 == f || $1 ~ /\.h$/' "$o.raw" | sort >"$o"
}
# w1_prepare: what W=1 rebuilds before any object (the prepare stage), so
# that its warnings are in no file's list
w1_prepare() {
	make -C "$src" O="$obj" W=1 C=2 CHECK="$sparse" KCFLAGS=-Wno-error prepare \
		>"$out/$cfg/prepare.log" 2>&1
}
# Debian 12's sparse is too old for 7.3: the one this prints may be built
[ "${MATRIX_COMMITS:-all}" = head ] ||
	sparse=$("$TOP/scripts/fetch-sparse.sh" "$src") || die "no sparse for the W=1/sparse check"

t0=$(date +%s) pass=0 fail=0
for cfg in $configs; do
	frag=$TOP/config/matrix/$cfg.config
	[ -f "$frag" ] || die "no configuration $frag"
	obj=$out/obj-$cfg
	rm -rf "$out/$cfg"
	mkdir -p "$out/$cfg"
	n=0
	for c in "${commits[@]}"; do
		label="patch $(git -C "$LINUX" rev-list --count base.."$c")"
		[ "$label" = "patch 0" ] && label="base (vanilla)"
		git -C "$src" checkout -q --detach "$c" || die "cannot check out $c"
		log=$out/$cfg/build-$n.log
		t1=$(date +%s)
		if ! KBUILD_TARGETS=vmlinux "$TOP/scripts/build-kernel.sh" "$src" "$obj" \
			"$TOP/config/matrix/base.config" "$frag" >"$log" 2>&1; then
			echo "FAIL matrix: $cfg: $label builds (see $log)"
			fail=$((fail + 1)) n=$((n + 1))
			continue
		fi
		verdict="builds in $(($(date +%s) - t1))s"
		if [ "${MATRIX_COMMITS:-all}" != head ]; then
			if [ "$label" = "base (vanilla)" ]; then
				total=0 bad=""
				w1_prepare || bad=" (prepare)"
				for f in $series_c; do
					b=$out/$cfg/base-$(echo "$f" | tr / _).txt
					warnings "$f" "$b" || bad="$bad $f"
					total=$((total + $(grep -c . "$b")))
				done
				if [ -n "$bad" ]; then
					echo "FAIL matrix: $cfg: $label: W=1/sparse check of$bad (see $out/$cfg)"
					echo "# without vanilla's warnings the patches cannot be compared: skipping $cfg"
					fail=$((fail + 1))
					break
				fi
				verdict="$verdict, $total W=1/sparse warnings in the files the series changes"
			else
				# the files this patch changes, or all of them if it changes a header
				files=$(git -C "$LINUX" diff --name-only "$c~1" "$c" -- '*.c' | grep -v '^tools/')
				git -C "$LINUX" diff --name-only "$c~1" "$c" -- '*.h' | grep -q . && files=$series_c
				new="" bad=""
				w1_prepare || bad=" (prepare)"
				for f in $files; do
					p=$out/$cfg/patch$n-$(echo "$f" | tr / _).txt
					b=$out/$cfg/base-$(echo "$f" | tr / _).txt
					warnings "$f" "$p" || { bad="$bad $f"; continue; }
					[ -f "$b" ] || : >"$b"	# a file the series adds
					# new: more of a warning than vanilla has (a multiset difference)
					new="$new$(comm -23 "$p" "$b")"
				done
				if [ -n "$bad$new" ]; then
					echo "FAIL matrix: $cfg: $label: new W=1/sparse warnings${bad:+ (check failed for$bad)}"
					printf '%s\n' "$new" | grep . | head -10 | sed 's/^/# /'
					fail=$((fail + 1)) n=$((n + 1))
					continue
				fi
				verdict="$verdict, no new W=1/sparse warning"
			fi
		fi
		echo "PASS matrix: $cfg: $label $verdict"
		pass=$((pass + 1)) n=$((n + 1))
	done
done
git -C "$src" checkout -q --detach base
line="$(date -u '+%F %H:%M') UTC, $(git -C "$LINUX" describe --always --tags "$head"): configs: $(echo $configs); ${#commits[@]} commits each${MATRIX_FROM:+ (vanilla and patches $MATRIX_FROM-)}; $pass passed, $fail failed; $(($(date +%s) - t0))s"
[ "${MATRIX_COMMITS:-all}" = head ] || echo "$line" >>"$out/summary"
echo "# $line"
[ "$fail" -eq 0 ]
