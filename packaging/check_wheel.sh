#!/usr/bin/env bash
# Build the sdist and the wheel from this checkout, install the wheel into a new, clean
# virtual environment, and use it as a new user would, away from the source tree:
# --help, import the sample brief, annotate it, export it to Word, and open the window.
#
#   packaging/check_wheel.sh            (CI runs it; it takes a few minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "build the sdist and the wheel"
"$python" -m venv "$work/build-env"
"$work/build-env/bin/pip" install -q build
"$work/build-env/bin/python" -m build --outdir "$work/dist" "$root" > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
ls "$work/dist"
wheel=$(ls "$work"/dist/reviewdesk-*.whl)
"$work/build-env/bin/python" - "$wheel" "$work"/dist/reviewdesk-*.tar.gz <<'PY'
import sys, tarfile, zipfile
wheel = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = {"reviewdesk/resources/samples/sample-brief.md",
          "reviewdesk/resources/codebook/default.json",
          "reviewdesk/resources/style/reviewdesk.qss",
          "reviewdesk/resources/icons/reviewdesk.svg",
          "reviewdesk/resources/icons/reviewdesk-256.png",
          "reviewdesk/storage/migrations/env.py"}
missing = needed - wheel
assert not missing, f"the wheel lacks {sorted(missing)}"
assert not any(name.startswith("tests/") for name in wheel), "the wheel carries the tests"
sdist = {name.split("/", 1)[1] for name in tarfile.open(sys.argv[2]).getnames() if "/" in name}
for name in ("LICENSE", "resources/icons/reviewdesk.svg", "packaging/reviewdesk.spec",
             "packaging/linux/org.reviewdesk.ReviewDesk.desktop", "tests/conftest.py"):
    assert name in sdist, f"the sdist lacks {name}"
print(f"the wheel holds the resources ({len(wheel)} files); the sdist the project files")
PY

step "install the wheel into a clean virtual environment"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
bin="$work/venv/bin"

step "use it"
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen
export REVIEWDESK_REVIEWER="Wheel Check"
unset REVIEWDESK_DB
mkdir -p "$HOME"
cd "$work"  # nothing may come from the source tree
"$bin/python" -c "import reviewdesk, sys; f = reviewdesk.__file__; \
print('reviewdesk is loaded from', f); sys.exit(f.startswith('$root'))"
"$bin/reviewdesk" --help > help.txt && grep -q "usage: reviewdesk" help.txt && echo "--help: ok"
"$bin/reviewdesk" about > about.txt && head -4 about.txt
brief=$("$bin/reviewdesk" import --sample --json | "$bin/python" -c \
  "import json, sys; print(json.load(sys.stdin)[0]['id'])")
echo "imported the sample brief: $brief"
test -f "$XDG_DATA_HOME/ReviewDesk/reviewdesk.sqlite3" && echo "the database is in the data folder"
"$bin/reviewdesk" annotate "$brief" --quote "Sarn" --tag Indicator \
  --comment "Checked from the wheel" > /dev/null
"$bin/reviewdesk" export "$brief" -o sample-review.docx
"$bin/python" - sample-review.docx <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as docx:
    assert "Checked from the wheel" in docx.read("word/comments.xml").decode("utf-8")
print("export: a Word file with the comment")
PY
if "$bin/python" -c "from reviewdesk.ui.app import screen_problem" 2>/dev/null; then
  "$bin/reviewdesk" --sample --screenshot window.png && test -s window.png \
    && echo "the window opened with the sample brief"
fi
printf '\nThe wheel installs and works in a clean environment.\n'
