#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks that the installed
# binary finds the installed bundled banks (and not the build tree's).
#
#   check_install.sh BUILD_DIR
set -euo pipefail
build="$1"
prefix="$(mktemp -d "${TMPDIR:-/tmp}/centricity-install.XXXXXX")"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/centricity"
test -f "$prefix/share/centricity/questionnaires/customer-centricity.yaml"
test -f "$prefix/share/centricity/questionnaires/scales/common.yaml"
out="$("$prefix/bin/centricity" banks --paths)"
echo "$out"
grep -q "^customer-centricity .*$prefix/share/centricity/questionnaires/customer-centricity.yaml$" <<<"$out"
"$prefix/bin/centricity" validate --strict --quiet customer-centricity
echo "1 passed, 0 failed"
