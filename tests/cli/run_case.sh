#!/usr/bin/env bash
# Runs one golden CLI case: the real binary with the case's arguments, then
# compares what it printed and its exit status with the expected files.
#
#   run_case.sh BINARY CASE_DIR
#
# A case folder holds:
#   args              one argument per line ("@BIN_DIR@" is replaced by the
#                     folder of the binary, "@TMP@" by a fresh temp folder,
#                     "@DATA@" by the absolute path of tests/data; the same
#                     words are replaced in env and the expected files)
#   stdin             optional: fed to standard input (else /dev/null)
#   env               optional: VAR=value lines added to the environment
#   expected_stdout   optional: exact standard output
#   expected_stderr   optional: exact standard error
#   expected_exit     optional: exit status (default 0)
#   check             optional: a bash script run afterwards in the temp
#                     folder (with $CASE, the case folder, and $BIN, the
#                     binary, set); it fails the case if it fails
# The binary runs with the case folder as working directory, with NO_COLOR
# set and no terminal. On failure the temp folder is kept and named.
set -u
bin="$1"
case_dir="$2"
cd "$case_dir" || exit 2
case_abs="$PWD"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-cli.XXXXXX")"
data="$(cd "$case_abs/../../../data" && pwd)"
bin_dir="$(dirname "$bin")"
args=()
if [ -f args ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line//@BIN_DIR@/$bin_dir}"
    line="${line//@TMP@/$tmp}"
    line="${line//@DATA@/$data}"
    args+=("$line")
  done < args
fi
envs=()
if [ -f env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line//@TMP@/$tmp}"
    [ -n "$line" ] && envs+=("${line//@DATA@/$data}")
  done < env
fi
stdin=/dev/null
[ -f stdin ] && stdin=stdin

env NO_COLOR=1 COLUMNS=100 "${envs[@]}" "$bin" "${args[@]}" <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
expected_status=0
[ -f expected_exit ] && expected_status="$(tr -d '[:space:]' < expected_exit)"

failed=0
compare() {
  local name="$1"
  if [ -f "expected_$name" ]; then
    sed -e "s|@TMP@|$tmp|g" -e "s|@DATA@|$data|g" "expected_$name" > "$tmp/expected_$name"
    if ! diff -u "$tmp/expected_$name" "$tmp/$name" > "$tmp/$name.diff"; then
      echo "--- $name differs (expected vs actual):"
      cat "$tmp/$name.diff"
      failed=1
    fi
  fi
}
compare stdout
compare stderr
if [ "$status" != "$expected_status" ]; then
  echo "--- exit status $status, expected $expected_status"
  echo "stderr was:"; cat "$tmp/stderr"
  failed=1
fi
if [ -f check ] && [ "$failed" -eq 0 ]; then
  if ! (cd "$tmp" && CASE="$case_abs" BIN="$bin" bash "$case_abs/check"); then
    echo "--- check script failed"
    failed=1
  fi
fi
if [ "$failed" -ne 0 ]; then
  echo "case $(basename "$case_dir") failed; its files are in $tmp"
  exit 1
fi
rm -rf "$tmp"
exit 0
