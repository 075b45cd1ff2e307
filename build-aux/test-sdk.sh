#!/usr/bin/env bash
# test-sdk.sh: the part of the test run that happens inside the SDK (GTK 4.24, libadwaita 1.10)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/sdk.sh run build-aux/test-sdk.sh RESULTS-FILE
#
# 1. builds in _build-ci and runs the nn, cli, data and widgets suites (the widgets under Xvfb)
# 2. builds again with AddressSanitizer and UBSan in _build-ci-asan and runs the nn, cli and
#    widgets suites there
# 3. builds the libFuzzer targets in tests/fuzz/ with clang in _build-ci-fuzz and fuzzes each
#    file reader for $FUZZ_SECONDS (default 60) seconds, from a copy of its corpus
#
# The end-to-end tests are not run here: build-aux/test.sh runs them against the installed
# Flatpak. Every stage runs even when an earlier one failed. Writes "PASSED FAILED" and then
# one line per failure to RESULTS-FILE, for build-aux/test.sh to add up.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=build-aux/test-lib.sh
source build-aux/test-lib.sh

results=${1:?usage: test-sdk.sh RESULTS-FILE}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
work_dir=$(mktemp -d -t neurons-sdk-XXXXXX)

cleanup ()
{
  stop_services
  rm -rf "$work_dir"
}
trap cleanup EXIT

build_fuzzers ()
{
  CC=clang configure _build-ci-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    && ninja -C _build-ci-fuzz tests/fuzz/fuzz-idx tests/fuzz/fuzz-network-file
}

fuzz ()  # NAME
{
  local corpus=$work_dir/corpus-$1
  cp -r "tests/fuzz/corpus-$1" "$corpus" || return 1
  G_DEBUG=fatal-criticals \
  _build-ci-fuzz/tests/fuzz/fuzz-"$1" -max_total_time="$FUZZ_SECONDS" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$PWD/_build-ci-fuzz/fuzz-$1-" "$corpus"
}

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

echo "Inside the SDK: GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), GLib $(pkg-config --modversion glib-2.0)"

stage "build" build _build-ci
stage "virtual X server" start_xvfb "$work_dir"
stage "session bus" start_session_bus
# The PyTorch check (suite torch) runs with the host's core build, where install-deps.sh
# installs python3-torch; the SDK has no PyTorch, and a skipped test counts as failed.
run_tests "nn, cli, data and widgets suites" _build-ci --no-suite e2e --no-suite torch

stage "build with AddressSanitizer and UBSan" \
  build _build-ci-asan -Db_sanitize=address,undefined -Db_lundef=false
# GTK's GL set-up in Mesa and fontconfig keep memory to the end of the process; the widgets
# run without GL (GDK_DISABLE=gl), and leaks inside system libraries are suppressed by name
# (build-aux/lsan.supp). The SVG export test is left out here (suite cairo-svg): Cairo's SVG
# surface leaks inside libcairo, which has no symbols to suppress by; it runs in the plain
# build above.
GDK_DISABLE=gl LSAN_OPTIONS=suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0 \
  run_tests "nn, cli and widgets suites under AddressSanitizer and UBSan" _build-ci-asan \
  --suite nn --suite cli --suite widgets --no-suite cairo-svg --timeout-multiplier 4

stage "build the fuzzers with clang" build_fuzzers
stage "fuzz the IDX reader for $FUZZ_SECONDS s" fuzz idx
stage "fuzz the network file reader for $FUZZ_SECONDS s" fuzz network-file

{
  echo "$n_passed $n_failed"
  printf '%s\n' "${failures[@]}"
} >"$results"
finish
