#!/usr/bin/env bash
# Build the one-folder ReviewDesk with PyInstaller, then check the result the way a user
# would use it: --help, about, import the sample brief and a PDF, annotate, export to Word,
# and open the window with the sample brief (offscreen) for a screenshot.
#
#   packaging/build_pyinstaller.sh            build in build/pyinstaller/, program in
#                                             build/pyinstaller/dist/ReviewDesk/
#
# It makes its own build environment (build/pyinstaller/venv) with ReviewDesk and
# PyInstaller installed, so nothing from the test or development tools is bundled.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/pyinstaller"
venv="$out/venv"
python=${PYTHON:-python3}
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }

step "build environment ($venv)"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install -q --upgrade "$root" "pyinstaller>=6.10"

step "pyinstaller"
rm -rf "$out/dist"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" "$root/packaging/reviewdesk.spec"
folder="$out/dist/ReviewDesk"
program="$folder/reviewdesk"
# The desktop entry and its installer travel with the folder (see packaging/README.md).
mkdir -p "$folder/desktop/icons"
cp "$root"/packaging/linux/org.reviewdesk.ReviewDesk.* "$root/packaging/linux/install-desktop-entry.sh" \
   "$folder/desktop/"
cp "$root"/resources/icons/reviewdesk* "$folder/desktop/icons/"
du -sh "$folder"

step "check the bundled program"
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
export HOME="$check/home" XDG_DATA_HOME="$check/data" XDG_STATE_HOME="$check/state"
export XDG_CONFIG_HOME="$check/config" REVIEWDESK_DB="$check/review.sqlite3"
export REVIEWDESK_REVIEWER="Package Check" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
cd "$check"  # nothing may come from the source tree

"$program" --help > help.txt && grep -q "usage: reviewdesk" help.txt && echo "--help: ok"
"$program" --version
"$program" about > about.txt && grep -q "PySide6" about.txt && grep -q "bundled application" about.txt \
  && echo "about: lists the bundled libraries"
brief=$("$program" import --sample --json | "$venv/bin/python" -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
echo "imported the sample brief: $brief"
"$program" annotate "$brief" --quote "Sarn" --tag Indicator --comment "Checked in the bundle" > /dev/null
"$program" export "$brief" -o sample-review.docx > /dev/null
"$venv/bin/python" - sample-review.docx <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as docx:
    comments = docx.read("word/comments.xml").decode("utf-8")
assert "Checked in the bundle" in comments, "the export lacks the comment"
print("export: a Word file with the comment")
PY
# A PDF made here, so that the PDF reader's child process runs inside the frozen program.
"$venv/bin/python" - sample.pdf <<'PY'
import sys
from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument
app = QGuiApplication([])
writer = QPdfWriter(sys.argv[1])
writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
document = QTextDocument()
document.setHtml("<h1>Harbour levies in Port Tamsin</h1><p>The council raised the harbour "
                 "levy twice in 2025, and berth bookings fell by a fifth.</p>"
                 "<h2>Recommendations</h2><p>Publish the levy formula before each change.</p>")
document.print_(writer)
PY
"$program" import sample.pdf > /dev/null && echo "import of a PDF: ok"
# A text file that is not UTF-8, so that the encoding detector (and its compiled part, when
# the wheel has one) runs inside the frozen program.
"$venv/bin/python" -c "import sys; open(sys.argv[1], 'wb').write(('Harbour levies\n\n'
  'Совет порта дважды поднял сбор, и число заявок на причалы упало на пятую часть.\n')
  .encode('cp1251'))" levies.txt
"$program" import levies.txt > levies-import.txt
grep -q "read as windows-1251" levies-import.txt \
  || { cat levies-import.txt; echo "levies.txt was not read as windows-1251" >&2; exit 1; }
echo "import of a windows-1251 text file: ok"
"$program" --sample --screenshot window.png
cp window.png "$out/window.png"
echo "window (offscreen): screenshot saved to $out/window.png"
if command -v xvfb-run >/dev/null; then
  # A real X11 window, as on a desktop: the bundled Qt finds its platform plugin.
  env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1280x800x24" \
    "$program" --sample --screenshot x11-window.png
  cp x11-window.png "$out/x11-window.png"
  echo "window (X11 under Xvfb): screenshot saved to $out/x11-window.png"
fi
printf '\nThe bundled program works: %s\n' "$folder"
