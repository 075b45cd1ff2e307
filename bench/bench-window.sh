#!/usr/bin/env bash
# bench-window.sh: the real window training at full speed, beside neurons-cli bench
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/bench-window.sh [--race] [PATH-TO-BENCH-WINDOW [PATH-TO-NEURONS-CLI [SECONDS]]]
#   or:  ninja -C _build bench-window   (and bench-window-race)
# Runs the application's window under Xvfb with the Cairo renderer for SECONDS (default 10)
# at full speed (bench/bench-window.c), and prints the frames it drew per second and the
# samples it trained per second; then the same training on one core without a window
# (neurons-cli bench), and how the two compare.
# Targets: at least 50 frames/s, and at least 70 % of the command line's samples/s.
# With --race, the window runs the "Sigmoid vs ReLU" race instead, two networks on two threads:
# at least 50 frames/s, and each racer at least 40 % of the command line's samples/s (its
# measurements on the test set included).

set -euo pipefail

race=
if [ "${1:-}" = --race ]; then
  race=--race
  shift
fi

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_window=${1:-$bench_dir/../_build/bench/bench-window}
cli=${2:-$bench_dir/../_build/src/cli/neurons-cli}
seconds=${3:-10}

for program in Xvfb dbus-run-session; do
  if ! command -v "$program" >/dev/null; then
    echo "bench-window.sh needs $program (apt install xvfb dbus)" >&2
    exit 1
  fi
done

workdir=$(mktemp -d)
xvfb_pid=
cleanup () {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$workdir"
}
trap cleanup EXIT

# Xvfb picks a free display itself and writes its number to fd 5.
Xvfb -displayfd 5 -screen 0 1440x900x24 -nolisten tcp -noreset 5>"$workdir/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$workdir/display" ] && break
  sleep 0.1
done
display=$(cat "$workdir/display")
if [ -z "$display" ]; then
  echo "Xvfb did not start" >&2
  exit 1
fi

# The session's accessibility services chat on stdout too; only the window's figures count.
# The window needs its settings schema, compiled into the build's data folder beside src/.
run_window () {
  DISPLAY=":$display" GDK_BACKEND=x11 GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$(dirname "$bench_window")/../data" \
    timeout $((seconds + 60)) dbus-run-session -- "$bench_window" $race "$seconds" "$@" 2>/dev/null \
    | awk '$1 == "frames/s:"' || true
}

if [ -n "$race" ]; then
  echo "== the window racing Sigmoid against ReLU, $seconds s (Xvfb, GSK_RENDERER=cairo)"
  race_output=$(run_window)
  if [ -z "$race_output" ]; then
    echo "the window printed no figures: run $bench_window --race $seconds to see why" >&2
    exit 1
  fi
  echo "$race_output"
  echo
  echo "== neurons-cli bench --seconds $seconds"
  cli_output=$("$cli" bench --seconds "$seconds")
  echo "$cli_output"
  awk -v frames="$(awk '{ print $2 }' <<<"$race_output")" -v a="$(awk '{ print $4 }' <<<"$race_output")" \
      -v b="$(awk '{ print $5 }' <<<"$race_output")" -v cli="$(awk '$1 == "median:" { print $2 }' <<<"$cli_output")" 'BEGIN {
    printf "\nthe window draws %.1f frames/s (target ≥ 50); Sigmoid trains %.0f samples/s, %.0f %%, and ReLU %.0f, %.0f %% of neurons-cli'"'"'s %.0f (target ≥ 40 %% each)\n",
           frames, a, 100 * a / cli, b, 100 * b / cli, cli
  }'
  exit 0
fi

echo "== the window without checkpoints, $seconds s at full speed (Xvfb, GSK_RENDERER=cairo)"
bare_output=$(run_window --no-checkpoints)
echo "$bare_output"

echo "== the window keeping checkpoints, as it does, $seconds s"
window_output=$(run_window)
if [ -z "$window_output" ] || [ -z "$bare_output" ]; then
  echo "the window printed no figures: run $bench_window $seconds to see why" >&2
  exit 1
fi
echo "$window_output"
awk -v bare="$(awk '{ print $4 }' <<<"$bare_output")" -v kept="$(awk '{ print $4 }' <<<"$window_output")" 'BEGIN {
  printf "keeping checkpoints costs %.1f %% of the training speed (target < 3 %%)\n", 100 * (1 - kept / bare)
}'

window_rate=$(awk '{ print $4 }' <<<"$window_output")
frame_rate=$(awk '{ print $2 }' <<<"$window_output")

if [ ! -x "$cli" ]; then
  echo "no neurons-cli at $cli: no comparison"
  exit 0
fi

echo
echo "== neurons-cli bench --seconds $seconds"
cli_output=$("$cli" bench --seconds "$seconds")
echo "$cli_output"
cli_rate=$(awk '$1 == "median:" { print $2 }' <<<"$cli_output")

echo
awk -v frames="$frame_rate" -v window="$window_rate" -v cli="$cli_rate" 'BEGIN {
  printf "the window draws %.1f frames/s (target ≥ 50) and trains %.0f samples/s, %.0f %% of neurons-cli'"'"'s %.0f (target ≥ 70 %%)\n",
         frames, window, 100 * window / cli, cli
}'
