#!/usr/bin/env bash
# tests/install_test.sh BUILD-DIR SOURCE-DIR CC GOLD PDF [CFLAG...]
# tests/install_test.sh --built PROGRAM GOLD PDF
#
# The second form only runs an already built examples/tables.c (the one the
# build makes) and compares its lines with gold. The first installs the build into a temporary prefix, builds examples/tables.c
# against the installed copy the way a user would (pkg-config), runs it on
# PDF and compares its lines (title, body rows, total) with what the gold
# file says. Then the same against the static library, and a program that
# links libcairo before libbudgetx, which must refuse with a clear error
# instead of reading every page as unruled.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The expected lines, from gold: the first amount after the first totals
# label of a row (合计, 总计, 收入总计 ...), the way a reader of the page finds it.
expected() { # expected GOLD > lines
    python3 - "$1" <<'PY'
import json, re, sys
total = re.compile(r"^(?:合[计計]|[总總][计計]|小[计計]|共[计計]|.{0,16}(?:合[计計]|[总總][计計]))$")
amount = re.compile(r"^-?\d+(?:\.\d+)?$")
for t in json.load(open(sys.argv[1], encoding="utf-8"))["tables"]:
    found = "-"
    for row in t["rows"]:
        labels = [i for i, c in enumerate(row) if total.match(c)]
        if labels:
            found = next((c for c in row[labels[0] + 1:] if amount.match(c)), "-")
            break
    print(f"{t['title']}\t{len(t['rows'])}\t{found}")
PY
}

compare() { # compare PROGRAM PDF: PROGRAM's output against $tmp/expected
    if ! "$1" "$2" >"$tmp/out"; then
        echo "$1 failed on $2" >&2
        return 1
    fi
    diff -u "$tmp/expected" "$tmp/out" >&2 || { echo "$1: output differs from gold" >&2; return 1; }
}

if [ "$1" = --built ]; then
    expected "$3" >"$tmp/expected"
    compare "$2" "$4"
    echo "$2: output matches gold ($(wc -l <"$tmp/expected") tables)"
    exit 0
fi

build=$1 src=$2 cc=$3 gold=$4 pdf=$5
shift 5
cflags=("$@")
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in lib/libbudgetx.a lib/libbudgetx.so lib/pkgconfig/budgetx.pc include/budgetx/budgetx.h \
    include/budgetx/bx_version.h bin/budgetx; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
# The shared library carries its SOVERSION.
soname=$(objdump -p "$prefix/lib/libbudgetx.so" | awk '$1 == "SONAME" { print $2 }')
[[ $soname =~ ^libbudgetx\.so\.[0-9]+$ ]] || { echo "bad SONAME '$soname'" >&2; exit 1; }
[ -e "$prefix/lib/$soname" ] || { echo "no $soname installed" >&2; exit 1; }

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# shellcheck disable=SC2046 # pkg-config's words are meant to split
"$cc" "${cflags[@]}" -o "$tmp/tables" "$src/examples/tables.c" \
    $(pkg-config --cflags --libs budgetx) -Wl,-rpath,"$prefix/lib"
# shellcheck disable=SC2046
"$cc" "${cflags[@]}" -o "$tmp/tables-static" "$src/examples/tables.c" \
    $(pkg-config --cflags budgetx) "$prefix/lib/libbudgetx.a" \
    $(pkg-config --static --libs budgetx | sed 's/-lbudgetx\b//')
# shellcheck disable=SC2046
"$cc" "${cflags[@]}" -o "$tmp/tables-late" "$src/examples/tables.c" \
    -Wl,--no-as-needed -lcairo $(pkg-config --cflags --libs budgetx) -Wl,-rpath,"$prefix/lib"

expected "$gold" >"$tmp/expected"

fail=0
for program in tables tables-static; do
    compare "$tmp/$program" "$pdf" || fail=1
done
status=0
"$tmp/tables-late" "$pdf" >"$tmp/late.out" 2>"$tmp/late.err" || status=$?
if [ $status -ne 2 ] || [ -s "$tmp/late.out" ] || ! grep -q 'link order' "$tmp/late.err"; then
    echo "libcairo before libbudgetx: expected exit 2 and a link-order error, got $status:" >&2
    cat "$tmp/late.err" >&2
    fail=1
fi
[ $fail -eq 0 ] && echo "installed library: example output matches gold ($(wc -l <"$tmp/expected") tables)"
exit $fail
