#!/usr/bin/env bash
# The shard recipes of docs/import.md, run as a user runs them:
#  - the block after "<!-- test: shard recipe -->", as written, with
#    centricity on PATH, export.csv and my-bank.yaml in the working folder;
#  - scripts/dask-score on a local Dask cluster of two worker processes
#    (Debian's python3-distributed, which scripts/setup --test installs),
#    and the indented block after "<!-- test: dask local -->", as written,
#    on the recipe's shards.
# Both Results must equal one run over the whole export, byte for byte.
#
#   check_shards.sh BINARY SOURCE_DIR
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$2"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-shards.XXXXXX")"
trap 'echo "kept $tmp"' ERR
mkdir -p "$tmp/bin" "$tmp/recipe"
ln -s "$bin" "$tmp/bin/centricity"
export PATH="$tmp/bin:$PATH" SOURCE_DATE_EPOCH=1767225600
export_csv="$root/tests/data/exports-small/google-forms-40.csv"
bank="$root/tests/data/exports-small/bench-bank.yaml"
centricity score "$export_csv" --bank "$bank" -o "$tmp/one.json" -q

# The documented block, extracted and run verbatim.
awk '/<!-- test: shard recipe -->/ { grab = 1; next }
     grab && /^```sh/ { inside = 1; next }
     inside && /^```/ { exit }
     inside { print }' "$root/docs/import.md" > "$tmp/recipe.sh"
test -s "$tmp/recipe.sh"
cp "$export_csv" "$tmp/recipe/export.csv"
cp "$bank" "$tmp/recipe/my-bank.yaml"
(cd "$tmp/recipe" && bash -euo pipefail "$tmp/recipe.sh")
test "$(ls "$tmp/recipe"/shard.*.part.json | wc -l)" -eq 8
cmp "$tmp/one.json" "$tmp/recipe/result.json"
echo "shard recipe: 8 shards merged equal one run"

if /usr/bin/python3 -c 'import distributed' 2>/dev/null; then
  (cd "$tmp/recipe" && /usr/bin/python3 "$root/scripts/dask-score" --local 2 \
     --bank my-bank.yaml -o "$tmp/dask.json" --keep-partials "$tmp/dask-partials" \
     shard.*.csv 2>"$tmp/dask.log") || { cat "$tmp/dask.log"; exit 1; }
  test "$(ls "$tmp/dask-partials" | wc -l)" -eq 8
  cmp "$tmp/one.json" "$tmp/dask.json"
  # The documented local run, extracted and run verbatim.
  awk '/<!-- test: dask local -->/ { grab = 1; next }
       grab && /^    / { inside = 1; print substr($0, 5); next }
       inside && /[^ ]/ { exit }' "$root/docs/import.md" > "$tmp/dask-local.sh"
  grep -q -- '--local' "$tmp/dask-local.sh"
  rm "$tmp/recipe/result.json"
  mkdir -p "$tmp/recipe/scripts"
  cp "$root/scripts/dask-score" "$tmp/recipe/scripts/"
  (cd "$tmp/recipe" && bash -euo pipefail "$tmp/dask-local.sh" 2>"$tmp/dask.log") ||
    { cat "$tmp/dask.log"; exit 1; }
  cmp "$tmp/one.json" "$tmp/recipe/result.json"
  # Options after -- reach every task, and --group-by is passed on.
  centricity score "$export_csv" --bank "$bank" --group-by Role -o "$tmp/one-role.json" -q
  (cd "$tmp/recipe" && /usr/bin/python3 "$root/scripts/dask-score" --local 2 \
     --bank my-bank.yaml --group-by Role -o "$tmp/dask-role.json" shard.*.csv \
     -- --threads 1 2>"$tmp/dask.log") || { cat "$tmp/dask.log"; exit 1; }
  cmp "$tmp/one-role.json" "$tmp/dask-role.json"
  # A failing shard fails the run with its message.
  if (cd "$tmp/recipe" && /usr/bin/python3 "$root/scripts/dask-score" --local 2 \
        --bank my-bank.yaml -o "$tmp/bad.json" shard.00.csv missing.csv 2>"$tmp/dask.log"); then
    echo "dask-score succeeded on a missing shard"; exit 1
  fi
  grep -q "missing.csv: centricity score exited 3" "$tmp/dask.log"
  test ! -e "$tmp/bad.json"
  echo "dask-score: local cluster of 2 workers, Results equal one run"
else
  echo "dask-score: python3-distributed is not installed (scripts/setup --test installs it)"
  exit 1
fi
rm -rf "$tmp"
