#!/usr/bin/env bash
# Plans every product, and a custom trip of 1, 2 and 3 days, on every date of
# 2027 for four parties, in JSON, and prints one SHA-256 over all of it (each
# plan's stdout, stderr and exit status, in a fixed order). A refactoring that
# must change no output keeps this hash: run it before and after.
#
#   scripts/sweep-2027.sh [path/to/jingqin]     (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/jingqin}
if [ $# -eq 0 ]; then cargo build --release --quiet; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cases() {
    local d=2027-01-01
    while [ "${d:0:4}" = 2027 ]; do
        for trip in "--product qhd-1day" "--product qhd-2day" "--product qhd-3day" \
            "--days 1" "--days 2" "--days 3"; do
            for party in "" "--party adults=2,children=1,seniors=2" \
                "--party adults=30,seniors=8 --for operator" "--pace relaxed --party seniors=2"; do
                echo "$trip --date $d $party"
            done
        done
        d=$(date -d "$d + 1 day" +%F)
    done
}

cases | awk '{ printf "%06d %s\n", NR, $0 }' | xargs -P "$(nproc)" -L 1 sh -c '
    n=$1; shift
    { echo "# $*"; "'"$bin"'" plan --format json "$@" 2>&1; echo "# exit $?"; } > "'"$out"'/$n"
' sh
cat "$out"/* | sha256sum | cut -d" " -f1
