#!/usr/bin/env bash
# Opt-in print check of the HTML report (CENTRICITY_BROWSER_TESTS=ON): the
# sample report (the default bank's sample team, grouped by role) printed to
# PDF by headless Chromium, then read back with poppler-utils:
#  - the paper is A4;
#  - the page count is at most one more than the same page printed with no
#    page-break rules at all (one break, before the detail, is allowed);
#  - no page but the last is nearly empty (its text reaches less than 30%
#    down the page);
#  - no page ends with a heading.
#
#   check_report_print.sh BINARY CHROMIUM DATA_DIR
set -euo pipefail
bin="$1"
chromium="$2"
data="$3"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/centricity-print.XXXXXX")"
trap 'echo "files kept in $tmp"' ERR
"$bin" score "$data/score/default-team.yaml" --bank customer-centricity --group-by role \
  --generated-at 2026-01-01T00:00:00Z -q -o "$tmp/result.json"
"$bin" report "$tmp/result.json" -o "$tmp/report.html"
# The same page with every break rule overridden: the pages the text needs.
sed 's|</head>|<style>@media print { * { break-before: auto !important; break-after: auto !important; break-inside: auto !important; } }</style></head>|' \
  "$tmp/report.html" > "$tmp/flow.html"
print() { # print HTML PDF
  # --no-sandbox: CI containers run as root, where Chromium's sandbox refuses.
  timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$2" "file://$1" >"$tmp/chromium.log" 2>&1 || true
  test -s "$2" || { echo "no PDF from Chromium:"; tail -20 "$tmp/chromium.log"; exit 1; }
}
print "$tmp/report.html" "$tmp/report.pdf"
print "$tmp/flow.html" "$tmp/flow.pdf"
pdftotext -bbox-layout "$tmp/report.pdf" "$tmp/report.bbox.html"
/usr/bin/python3 - "$tmp" <<'END'
import html, re, sys
tmp = sys.argv[1]
failed = []

def pages_of(name):
    text = open(f"{tmp}/{name}").read()
    return re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S)

def count(pdf):
    import subprocess
    info = subprocess.run(["pdfinfo", f"{tmp}/{pdf}"], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), info

pages, info = count("report.pdf")
flow, _ = count("flow.pdf")
size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
width, height = float(size.group(1)), float(size.group(2))
print(f"{pages} pages of {width:.0f} x {height:.0f} pt; {flow} with no break rules")
if abs(width - 595.3) > 2 or abs(height - 841.9) > 2:
    failed.append(f"the paper is {width:.0f} x {height:.0f} pt, not A4 (595 x 842)")
if pages > flow + 1:
    failed.append(f"{pages} pages where the text needs {flow}: page breaks beyond the one before the detail")

headings = set()
for level, text in re.findall(r"<h([1-4])[^>]*>(.*?)</h\1>", open(f"{tmp}/report.html").read(), re.S):
    headings.add(" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()))
bbox = pages_of("report.bbox.html")
top = 15 / 25.4 * 72
bottom = height - 16 / 25.4 * 72
for number, (_, _, body) in enumerate(bbox, 1):
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", body, re.S):
        words = [html.unescape(w) for w in re.findall(r">([^<]*)</word>", line)]
        lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', line))
        lines.append((lowest, " ".join(words)))
    if not lines:
        failed.append(f"page {number} is empty")
        continue
    lines.sort()
    fill = (lines[-1][0] - top) / (bottom - top)
    print(f"page {number}: text down to {fill:.0%} of the page; last line: {lines[-1][1][:70]}")
    if number < len(bbox) and fill < 0.30:
        failed.append(f"page {number} is nearly empty ({fill:.0%})")
    if number < len(bbox) and lines[-1][1] in headings:
        failed.append(f"page {number} ends with the heading '{lines[-1][1]}'")
for problem in failed:
    print("FAILED:", problem)
sys.exit(1 if failed else 0)
END
rm -rf "$tmp"
