#!/bin/sh
# Adds Listening Post to this user's application menu (no administrator rights needed).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$apps" "$icons"
cp "$here/listening-post.png" "$icons/listening-post.png"
sed "s|^Exec=.*|Exec=\"$here/listening-post\"|" "$here/listening-post.desktop" > "$apps/listening-post.desktop"
echo "Listening Post is now in your application menu."
