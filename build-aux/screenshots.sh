#!/usr/bin/env bash
# screenshots.sh: takes the screenshots of the README and the AppStream metainfo from a build
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/sdk.sh run build-aux/screenshots.sh BUILD-DIR OUT-DIR [SECONDS]
#
# Starts the window of BUILD-DIR as on a first run (settings in memory) on a virtual screen of
# each size the app is made for, light and dark, presses Play and lets it train at the first
# run's pace for SECONDS (default 20), and
# writes OUT-DIR/network-WxH-light.png and -dark.png; at 1366×768 also the Learning and Test
# pages and draw mode. There is no window manager, so the window is sized to the screen the way
# a maximised window would be.

set -euo pipefail

build_dir=$(realpath "${1:?usage: screenshots.sh BUILD-DIR OUT-DIR [SECONDS]}")
out_dir=${2:?usage: screenshots.sh BUILD-DIR OUT-DIR [SECONDS]}
seconds=${3:-20}
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$out_dir"
out_dir=$(realpath "$out_dir")

# Runs the app on a virtual screen and leaves it running; sets app_pid and xvfb_pid.
start_app ()  # WIDTH HEIGHT SCHEME
{
  local display_file
  display_file=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "$1x$2x24" -nolisten tcp 3>"$display_file" 2>/dev/null &
  xvfb_pid=$!
  while [ ! -s "$display_file" ]; do sleep 0.1; done
  export DISPLAY=":$(cat "$display_file")"
  rm -f "$display_file"
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build_dir/data" \
  NEURONS_DATA_DIR="$source_root/data/mnist" ADW_DEBUG_COLOR_SCHEME="prefer-$3" \
  GDK_BACKEND=x11 GSK_RENDERER=cairo \
    "$build_dir/src/neurons" >"$out_dir/log-$1x$2-$3.txt" 2>&1 &
  app_pid=$!
  local window=
  for _ in $(seq 100); do
    window=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | head -n 1) && [ -n "$window" ] && break
    sleep 0.1
  done
  xdotool windowmove "$window" 0 0 windowsize "$window" "$1" "$2" windowfocus --sync "$window"
}

stop_app ()
{
  kill "$app_pid" "$xvfb_pid" 2>/dev/null || true
  wait "$app_pid" "$xvfb_pid" 2>/dev/null || true
}

shoot ()  # NAME
{
  import -window root "$out_dir/$1.png"
  echo "$out_dir/$1.png"
}

for size in 1920x1080 1366x768 1024x600 360x720; do
  for scheme in light dark; do
    start_app "${size%x*}" "${size#*x}" "$scheme"
    sleep 2
    xdotool key space
    sleep "$seconds"
    shoot "network-$size-$scheme"
    if [ "$size" = 1366x768 ]; then
      xdotool key alt+2 && sleep 2 && shoot "learning-$size-$scheme"
      xdotool key alt+3 && sleep 2 && shoot "test-$size-$scheme"
      # Draw mode, with a 7 drawn where the canvas is at this size
      xdotool key alt+1 d && sleep 2
      xdotool mousemove 470 190 mousedown 1 mousemove 560 185 mousemove 650 190 mousemove 610 290 \
              mousemove 575 390 mousemove 560 440 mouseup 1 && sleep 2 && shoot "draw-$size-$scheme"
    fi
    stop_app
  done
done
