#!/usr/bin/env bash
# The publish loop of README.md and docs/publish.md, run as a user runs it:
# the blocks after "<!-- test: publish -->" as written, then exports made from
# what they published the way each platform writes them (tests/publish/
# make_export.py, the FormApp stand-in), then the blocks after
# "<!-- test: score -->" and README's "<!-- test: publish loop -->". Every
# Result must be the same, byte for byte: the answers are the same.
#
#   check_publish.sh BINARY SOURCE_DIR
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$2"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-docs-publish.XXXXXX")"
trap 'echo "kept $tmp"' ERR
mkdir -p "$tmp/bin" "$tmp/work/answers" "$tmp/readme"
ln -s "$bin" "$tmp/bin/centricity"
export PATH="$tmp/bin:$PATH" SOURCE_DATE_EPOCH=1767225600

# The block after MARKER in FILE.
block() {
  awk -v marker="<!-- test: $2 -->" '$0 == marker { grab = 1; next }
       grab && /^```sh/ { inside = 1; next }
       inside && /^```/ { exit }
       inside { print }' "$1" > "$tmp/$3"
  test -s "$tmp/$3"
}
block "$root/docs/publish.md" publish publish.sh
block "$root/docs/publish.md" score score.sh
block "$root/README.md" "publish loop" loop.sh

# The docs ask 'role=Executive,Manager,Front line'; the team says Frontline.
sed 's/role: Frontline/role: Front line/' "$root/tests/data/publish/field-team.yaml" \
  >"$tmp/work/answers/team.yaml"
cd "$tmp/work"
bash -euo pipefail "$tmp/publish.sh"
centricity show customer-centricity --to json >bank.json
make_export() { python3 "$root/tests/publish/make_export.py" "$@"; }
make_export qualtrics survey.qsf bank.json answers/team.yaml qualtrics-responses.csv
make_export limesurvey-codes survey.txt bank.json answers/team.yaml results-survey123456.csv
make_export surveyjs survey.json bank.json answers/team.yaml surveyjs-results.json
node "$root/tests/publish/formapp_standin.js" create-form.gs bank.json items.json >/dev/null
make_export google-forms items.json bank.json answers/team.yaml form-responses.csv
bash -euo pipefail "$tmp/score.sh" 2>"$tmp/score.err" || { cat "$tmp/score.err"; exit 1; }
test -s report.html
centricity score answers/team.yaml --bank customer-centricity --group-by role -o expected.json
for result in qualtrics limesurvey surveyjs google-forms page; do
  cmp expected.json "$result.json"
done

cp qualtrics-responses.csv "$tmp/readme/"
cd "$tmp/readme"
bash -euo pipefail "$tmp/loop.sh" 2>/dev/null
cmp "$tmp/work/expected.json" result.json
test -s report.html
echo "the publish loop of the docs: five platforms, one Result"
rm -rf "$tmp"
