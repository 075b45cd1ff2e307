#!/usr/bin/env bash
# test.sh: everything CI checks, from a fresh Debian or Ubuntu machine to one verdict
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# 1. installs what this machine is missing (build-aux/install-deps.sh)
# 2. makes the SDK if needed (build-aux/sdk.sh: Debian testing, GTK 4.24, libadwaita 1.10) and,
#    inside it, builds and runs the nn, cli, data and widgets suites, the same under
#    AddressSanitizer and UBSan, and the fuzzers (build-aux/test-sdk.sh)
# 3. builds the core and neurons-cli natively with this machine's GLib (-Dapp=false) and runs
#    their suites
# 4. runs README.md's first command exactly as written, in a fresh clone with nothing of the
#    app installed: it builds the Flatpak, installs it and must open a window that stays
#    (tests/check-readme-start.py)
# 5. checks the installed Flatpak's files and its neurons-cli (tests/check-install.py), and
#    runs every end-to-end test against it (tests/e2e/neurons-e2e.py flatpak:APP-ID)
#
# Every stage runs even when an earlier one failed, so one run shows everything that is wrong.
# The last line says "N passed, M failed", counting each test of a suite and each other stage;
# the exit status is 1 if anything failed. FUZZ_SECONDS=10 build-aux/test.sh fuzzes for less.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=build-aux/test-lib.sh
source build-aux/test-lib.sh

app_id=io.github.neurons.Neurons
work_dir=$(mktemp -d -t neurons-ci-XXXXXX)
trap 'rm -rf "$work_dir"' EXIT
export FUZZ_SECONDS=${FUZZ_SECONDS:-60}
# The system's Python, which has pyatspi, whatever python3 comes first on the PATH.
python=/usr/bin/python3

sdk_versions ()
{
  build-aux/sdk.sh ensure && echo "The SDK: $(build-aux/sdk.sh versions)"
}

# The SDK's own run counts its tests; they are added to ours.
tests_in_sdk ()
{
  # In the project's folder: the SDK has a /tmp of its own.
  local results=_build-ci/sdk-results.txt status line
  mkdir -p _build-ci
  rm -f "$results"
  build-aux/sdk.sh run build-aux/test-sdk.sh "$results"
  status=$?
  if [ ! -s "$results" ]; then
    record "the run inside the SDK ended with $status before its verdict" 1
    return
  fi
  {
    read -r passed failed
    n_passed=$((n_passed + passed))
    n_failed=$((n_failed + failed))
    while IFS= read -r line; do
      [ -n "$line" ] && failures+=("in the SDK: $line")
    done
  } <"$results"
}

# A TAP-printing check, each of its results counted.
run_tap ()  # LABEL COMMAND...
{
  local label=$1 start=$SECONDS output passed failed
  shift
  echo
  echo "==> $label"
  output=$("$@" 2>&1)
  echo "$output"
  passed=$(grep -c '^ok ' <<<"$output")
  failed=$(grep -c '^not ok ' <<<"$output")
  n_passed=$((n_passed + passed))
  n_failed=$((n_failed + failed))
  if [ "$failed" -gt 0 ]; then
    failures+=("$label: $failed of $((passed + failed)) checks")
  elif [ "$passed" -eq 0 ]; then
    record "$label: no check ran" 1
  fi
  echo "<== $label: $passed passed, $failed failed ($((SECONDS - start)) s)"
}

stage "install dependencies" build-aux/install-deps.sh
stage "the SDK" sdk_versions
echo
echo "==> inside the SDK"
tests_in_sdk

stage "build the core and neurons-cli with this machine's GLib" build _build-ci-core -Dapp=false
run_tests "nn, cli and data suites with this machine's GLib" _build-ci-core

run_tap "README.md's first command, from a fresh clone" \
  env PYTHONPATH=tests $python tests/check-readme-start.py "$PWD" "$app_id"
if ! flatpak info --user "$app_id" >/dev/null 2>&1; then
  # So that the Flatpak's own tests still run and say what they find.
  stage "build and install the Flatpak" build-aux/flatpak.sh
fi
run_tap "the installed Flatpak" env PYTHONPATH=tests $python tests/check-install.py "$app_id"
for name in $($python tests/e2e/neurons-e2e.py --list); do
  stage "end-to-end test $name, on the Flatpak" $python tests/e2e/neurons-e2e.py "flatpak:$app_id" "$name"
done

finish
