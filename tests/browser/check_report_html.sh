#!/usr/bin/env bash
# Opt-in browser check of the HTML report (CENTRICITY_BROWSER_TESTS=ON): renders
# a report with every kind of chart, opens it in headless Chromium, takes a
# screenshot and fails on any console message (a blocked fetch, a script, a
# CSP violation) or an empty screenshot.
#
#   check_report_html.sh BINARY CHROMIUM DATA_DIR
set -euo pipefail
bin="$1"
chromium="$2"
data="$3"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-browser.XXXXXX")"
"$bin" report "$data/score/result-after.json" --compare "$data/score/result-before.json" \
  -o "$tmp/report.html"
# --no-sandbox: CI containers run as root, where Chromium's sandbox refuses.
timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --enable-logging=stderr --v=0 --window-size=1100,4000 \
  --screenshot="$tmp/report.png" "file://$tmp/report.html" >"$tmp/log" 2>&1 || true
if grep -q ':CONSOLE' "$tmp/log"; then
  echo "console messages while rendering (files kept in $tmp):"
  grep ':CONSOLE' "$tmp/log"
  exit 1
fi
size="$(stat -c %s "$tmp/report.png" 2>/dev/null || echo 0)"
if [ "$size" -lt 20000 ]; then
  echo "no usable screenshot (${size} bytes; files kept in $tmp):"
  tail -20 "$tmp/log"
  exit 1
fi
echo "screenshot: $tmp/report.png (${size} bytes)"
