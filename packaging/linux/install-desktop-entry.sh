#!/usr/bin/env bash
# Register ReviewDesk with the desktop for the current user: the menu entry, the icon, the
# AppStream metainfo, and the .rdbundle file type with ReviewDesk as its opener.
#
#   packaging/linux/install-desktop-entry.sh [PROGRAM]     install
#   packaging/linux/install-desktop-entry.sh --uninstall   remove it again
#
# PROGRAM is the reviewdesk program to start: the `reviewdesk` of a virtual environment
# (e.g. ~/.venvs/reviewdesk/bin/reviewdesk) or of the PyInstaller folder
# (dist/ReviewDesk/reviewdesk). Without it, `reviewdesk` on PATH is used.
# Files go under ${XDG_DATA_HOME:-~/.local/share}; nothing needs root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
icons=$(cd "$here/../../resources/icons" 2>/dev/null && pwd || true)
[ -n "$icons" ] || icons="$here/icons"   # inside the PyInstaller folder the icons sit beside
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=org.reviewdesk.ReviewDesk

refresh() {
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime"; fi
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$data/applications"
  fi
  if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
        "$data/mime/packages/$app_id.xml" "$data/icons/hicolor/scalable/apps/$app_id.svg"
  for size in 16 24 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  refresh
  echo "Removed ReviewDesk's desktop entry from $data"
  exit 0
fi

program=${1:-reviewdesk}
if [ "$program" != reviewdesk ]; then
  [ -x "$program" ] || { echo "install-desktop-entry: $program is not a program that can be run" >&2; exit 1; }
  program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")
elif ! command -v reviewdesk >/dev/null; then
  echo "install-desktop-entry: reviewdesk is not on PATH; name the program to start" >&2
  exit 1
fi
[ -f "$icons/reviewdesk.svg" ] || { echo "install-desktop-entry: no icons in $icons" >&2; exit 1; }

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" \
         "$data/icons/hicolor/scalable/apps"
# Quote the program for the Exec key (the desktop entry spec's rules for spaces).
quoted=$program
case $program in *" "*) quoted="\"$program\"" ;; esac
sed -e "s|^Exec=reviewdesk |Exec=$quoted |" -e "s|^TryExec=reviewdesk$|TryExec=$program|" \
    "$here/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
cp "$here/$app_id.mime.xml" "$data/mime/packages/$app_id.xml"
cp "$icons/reviewdesk.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$icons/reviewdesk-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
refresh
echo "Installed ReviewDesk's desktop entry in $data (it starts $program)"
