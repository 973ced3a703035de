#!/usr/bin/env bash
# The browser round trips of `centricity publish` (CENTRICITY_BROWSER_TESTS=ON;
# scripts/setup installs chromium and runs npm ci here): publish the default
# bank, answer it in headless Chromium with the answers of
# tests/data/publish/field-team.yaml, and score what comes back with no --map
# and no --from. The Result must equal, byte for byte, the one of the answers
# files themselves.
#
#   publish_round_trip.sh BINARY SOURCE_DIR CHROMIUM FORMAT
#
# FORMAT surveyjs: the SurveyJS library renders the survey, answers are
# clicked in, survey.data of each respondent is stored in one JSON array.
# FORMAT html: the published page is answered with keys and clicks, and the
# answers files it saves are scored.
set -euo pipefail
bin="$1"
src="$2"
chromium="$3"
format="$4"
here="$src/tests/browser"
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "tests/browser/node_modules is missing: run CENTRICITY_BROWSER_TESTS=ON scripts/setup --test" \
    "(or npm ci --prefix tests/browser)"
  exit 1
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-browser-publish.XXXXXX")"
trap 'echo "files kept in $tmp"' ERR
answers="$src/tests/data/publish/field-team.yaml"
ask='role=Executive,Manager,Frontline'
when='2024-05-01T12:00:00Z'

"$bin" show customer-centricity --to json >"$tmp/bank.json"
python3 "$src/tests/publish/make_export.py" people - "$tmp/bank.json" "$answers" "$tmp/people.json"
case "$format" in
  surveyjs)
    "$bin" publish customer-centricity --to surveyjs --ask "$ask" -q -o "$tmp/survey.json"
    node "$here/surveyjs_round_trip.js" "$chromium" "$tmp/survey.json" "$tmp/people.json" \
      "$tmp/results.json"
    inputs=("$tmp/results.json")
    ;;
  html)
    "$bin" publish customer-centricity --to html --ask "$ask" -o "$tmp/survey.html"
    node "$here/html_round_trip.js" "$chromium" "$tmp/survey.html" "$tmp/people.json" \
      "$tmp/bank.json" "$tmp/saved"
    inputs=("$tmp"/saved/respondent-*.yaml)
    ;;
  *)
    echo "publish_round_trip.sh: unknown format '$format'" >&2
    exit 2
    ;;
esac

"$bin" score "$answers" -b customer-centricity --group-by role --generated-at "$when" \
  -o "$tmp/expected.json"
status=0
"$bin" score "${inputs[@]}" -b customer-centricity --group-by role --generated-at "$when" \
  -o "$tmp/actual.json" 2>"$tmp/stderr" || status=$?
cat "$tmp/stderr"
if [ "$status" -ne 0 ]; then
  echo "scoring failed with status $status (files kept in $tmp)"
  exit 1
fi
if [ "$format" = surveyjs ] && ! grep -q "surveyjs JSON, 12 rows, 12 scored; 154 of 154 questions mapped" "$tmp/stderr"; then
  echo "the results were not read as a SurveyJS export with every question mapped (files kept in $tmp)"
  exit 1
fi
if ! cmp "$tmp/expected.json" "$tmp/actual.json"; then
  diff <(python3 -m json.tool "$tmp/expected.json") <(python3 -m json.tool "$tmp/actual.json") | head -40
  echo "the Results differ (files kept in $tmp)"
  exit 1
fi
echo "$format: the Result of what came back from the browser equals the one from the answers files"
rm -rf "$tmp"
