#!/bin/bash
# make refresh: export base..HEAD of build/linux as patches/NNNN-*.patch and
# series.  Output is stable: zero "From" hashes, no signature, the cover
# letter's text carried over from the previous patches/0000-cover-letter.patch
# (its shortlog and diffstat regenerated) and dated like the newest commit.
. "$(dirname "$0")/lib.sh"

git -C "$LINUX" rev-parse -q --verify base >/dev/null || die "no tree: make tree"
[ -z "$(git -C "$LINUX" status --porcelain -uno)" ] ||
	die "build/linux has uncommitted changes: commit them first"
n=$(git -C "$LINUX" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "build/linux has no commits on base"
branch=$(git -C "$LINUX" symbolic-ref -q --short HEAD) || die "build/linux: HEAD is detached"

# The cover letter's subject and text, as git's branch description.
cover=$TOP/patches/0000-cover-letter.patch
if [ -f "$cover" ]; then
	desc=$(awk '
		!hdr && /^Subject: / { s = $0; sub(/^Subject: (\[[^]]*\] )?/, "", s); insub = 1; next }
		!hdr && insub && /^[ \t]/ { sub(/^[ \t]+/, " "); s = s $0; next }
		!hdr && /^$/ { hdr = 1; print s; print ""; next }
		!hdr { insub = 0; next }
		/^[^ \t].* \([0-9]+\):$/ { exit }
		{ body[++nb] = $0 }
		END { while (nb > 0 && body[nb] == "") nb--; for (i = 1; i <= nb; i++) print body[i] }
	' "$cover")
	git -C "$LINUX" config "branch.$branch.description" "$desc"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$LINUX" format-patch -q --zero-commit --no-signature --cover-letter \
	--cover-from-description=subject -o "$tmp" "base..$branch" || die "format-patch failed"
date=$(git -C "$LINUX" log -1 --format='%ad' --date=rfc2822 HEAD)
sed -i "s/^Date: .*/Date: $date/" "$tmp/0000-cover-letter.patch"

rm -f "$TOP"/patches/*.patch
mv "$tmp"/*.patch "$TOP/patches/"
(cd "$TOP/patches" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter') >"$TOP/series"
say "  exported $n patches and the cover letter to patches/; series updated"
git -C "$TOP" status --short -- patches series | sed 's/^/  /'
