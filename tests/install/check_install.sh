#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks what a user gets:
# the binary finds the installed bundled banks (and not the build tree's),
# 'man centricity' shows the manual, the bash, zsh and fish completions
# complete commands, options, bank ids and formats, and the documents the
# manual refers to are there.
#
#   check_install.sh BUILD_DIR
set -euo pipefail
build="$1"
here="$(cd "$(dirname "$0")" && pwd)"
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

# The man page, found as 'man centricity' finds it, with every command.
page="$(MANPATH="$prefix/share/man" MANWIDTH=80 man centricity 2>/dev/null)"
for section in NAME SYNOPSIS "centricity assess" "centricity score" "centricity validate" \
               "Exit status" "SEE ALSO"; do
  grep -q "^$section" <<<"$page" || { echo "man centricity: no section '$section'"; exit 1; }
done
# The documents it refers to: the folder configured for the install.
grep -q "share/doc/centricity" <<<"$page"
# --help points at it, not at docs/*.md paths that are not installed.
"$prefix/bin/centricity" --help | grep -q "the manual is 'man centricity'"
if "$prefix/bin/centricity" --help | grep -q "docs/"; then
  echo "--help names docs/ paths"; exit 1
fi
for doc in manual.md assess.md import.md scoring.md report.md templates.md bank-format.md \
           result.schema.json bank.schema.json; do
  test -f "$prefix/share/doc/centricity/$doc"
done

# The completions, each in the folder its shell reads, each completing a
# command, an option, a bundled bank id and a format.
export PATH="$prefix/bin:$PATH"
bash_complete() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _centricity
           printf "%s\n" "${COMPREPLY[@]}"' _ \
    "$prefix/share/bash-completion/completions/centricity" "$@"
}
expect() { # expect WHAT EXPECTED ACTUAL
  grep -qx -- "$2" <<<"$3" || { printf '%s: expected %s in:\n%s\n' "$1" "$2" "$3"; exit 1; }
}
expect "bash, command" score "$(bash_complete centricity sc)"
expect "bash, option" --group-by "$(bash_complete centricity score --gr)"
expect "bash, bank id" four-tough-questions "$(bash_complete centricity score --bank four)"
expect "bash, format" html "$(bash_complete centricity report result.json --to h)"
test -z "$(bash_complete centricity compare --to h)" # compare writes no html

fish_complete() {
  # fish reads vendor completions from $XDG_DATA_DIRS; no user config.
  XDG_DATA_DIRS="$prefix/share:/usr/share" XDG_CONFIG_HOME="$prefix/fish-config" \
    fish -c "complete -C '$1'" | cut -f1
}
expect "fish, command" score "$(fish_complete 'centricity sc')"
expect "fish, option" --group-by "$(fish_complete 'centricity score --gr')"
expect "fish, bank id" four-tough-questions "$(fish_complete 'centricity show four')"
expect "fish, format" json "$(fish_complete 'centricity show --to ')"

zsh_complete() {
  zsh -f "$here/zsh_complete.zsh" "$prefix/share/zsh/site-functions" "$1"
}
grep -q "centricity score " <<<"$(zsh_complete 'centricity sc')" || { echo "zsh: command"; exit 1; }
grep -q "centricity score --group-by" <<<"$(zsh_complete 'centricity score --gr')" \
  || { echo "zsh: option"; exit 1; }
grep -q "four-tough-questions" <<<"$(zsh_complete 'centricity score --bank four')" \
  || { echo "zsh: bank id"; exit 1; }
echo "1 passed, 0 failed"
