#!/usr/bin/env bash
# The round trip of `centricity publish`: publish the default bank, make the
# response export the platform would give for that definition with the
# answers of tests/data/publish/field-team.yaml, score it with no --map and
# no --from, and compare the Result byte for byte with scoring the answers
# files themselves.
#
#   round_trip.sh BINARY SOURCE_DIR FORMAT [BANK ANSWERS]
#
# FORMAT: qualtrics, limesurvey-codes, limesurvey-text, google-forms or
# surveyjs (its results as make_export.py writes them; the browser round
# trips of surveyjs and html are in tests/browser/). BANK and ANSWERS
# default to the bundled customer-centricity and field-team.yaml; the
# answers give every respondent a role.
set -euo pipefail
bin="$1"
src="$2"
format="$3"
bank="${4:-customer-centricity}"
answers="${5:-$src/tests/data/publish/field-team.yaml}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-publish.XXXXXX")"
trap 'echo "files kept in $tmp"' ERR
ask='role=Executive,Manager,Frontline'
when='2024-05-01T12:00:00Z'

"$bin" show "$bank" --to json >"$tmp/bank.json"
questions="$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["questions"]))' "$tmp/bank.json")"
export_file="$tmp/export.csv"
case "$format" in
  qualtrics) to=qualtrics; definition="$tmp/survey.qsf" ;;
  limesurvey-*) to=limesurvey; definition="$tmp/survey.txt" ;;
  google-forms) to=google-forms; definition="$tmp/create-form.gs" ;;
  surveyjs) to=surveyjs; definition="$tmp/survey.json"; export_file="$tmp/export.json" ;;
  *) echo "round_trip.sh: unknown format '$format'" >&2; exit 2 ;;
esac
"$bin" publish "$bank" --to "$to" --ask "$ask" -q -o "$definition"

if [ "$format" = google-forms ]; then
  # The script must be valid JavaScript, and build the form on a stand-in.
  cp "$definition" "$tmp/create-form.js"
  node --check "$tmp/create-form.js"
  node "$src/tests/publish/formapp_standin.js" "$definition" "$tmp/bank.json" "$tmp/items.json" "$ask"
  definition="$tmp/items.json"
fi

python3 "$src/tests/publish/make_export.py" "$format" "$definition" "$tmp/bank.json" "$answers" \
  "$export_file"
"$bin" score "$answers" -b "$bank" --group-by role --generated-at "$when" \
  -o "$tmp/expected.json"
status=0
"$bin" score "$export_file" -b "$bank" --group-by role --generated-at "$when" \
  --write-map "$tmp/map.yaml" -o "$tmp/actual.json" 2>"$tmp/stderr" || status=$?
cat "$tmp/stderr"
if [ "$status" -ne 0 ]; then
  echo "scoring the export failed with status $status (files kept in $tmp)"
  exit 1
fi
if ! grep -q "$questions of $questions questions mapped" "$tmp/stderr"; then
  echo "not every question was mapped (files kept in $tmp)"
  exit 1
fi
# Platforms whose exports carry the ids (or codes made from them) match by id.
case "$format" in
  qualtrics | limesurvey-codes)
    if grep 'question: [a-z]' "$tmp/map.yaml" | grep -v '# by id$'; then
      echo "columns above were not matched by id (files kept in $tmp)"
      exit 1
    fi
    ;;
esac
if ! cmp "$tmp/expected.json" "$tmp/actual.json"; then
  diff <(python3 -m json.tool "$tmp/expected.json") <(python3 -m json.tool "$tmp/actual.json") | head -40
  echo "the Results differ (files kept in $tmp)"
  exit 1
fi
echo "$format: the Result from the export equals the one from the answers files"
rm -rf "$tmp"
