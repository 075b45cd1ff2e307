# test-lib.sh: what build-aux/test.sh and build-aux/test-sdk.sh share: stages that are counted,
# meson builds and test runs whose every test is counted, a virtual X server and a session bus
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Source it; it keeps the counts in n_passed, n_failed and failures.

n_passed=0
n_failed=0
failures=()

record ()  # NAME STATUS
{
  if [ "$2" -eq 0 ]; then
    n_passed=$((n_passed + 1))
  else
    n_failed=$((n_failed + 1))
    failures+=("$1")
  fi
}

stage ()  # NAME COMMAND...
{
  local name=$1 start=$SECONDS status
  shift
  echo
  echo "==> $name"
  "$@"
  status=$?
  if [ $status -eq 0 ]; then
    echo "<== $name: passed ($((SECONDS - start)) s)"
  else
    echo "<== $name: FAILED with status $status ($((SECONDS - start)) s)"
  fi
  record "$name" $status
  return $status
}

# meson setup that also works on a build folder left by an earlier run.
configure ()  # BUILD-DIR OPTION...
{
  local build_dir=$1
  shift
  if [ -f "$build_dir/build.ninja" ]; then
    meson setup --reconfigure "$build_dir" "$@"
  else
    rm -rf "$build_dir"
    meson setup "$build_dir" "$@"
  fi
}

build ()  # BUILD-DIR OPTION...
{
  configure "$@" && ninja -C "$1"
}

# Runs meson test and counts each test it ran, by its line in testlog.json.
run_tests ()  # LABEL BUILD-DIR MESON-TEST-ARGUMENT...
{
  local label=$1 build_dir=$2 start=$SECONDS status counts passed failed
  shift 2
  echo
  echo "==> $label"
  rm -f "$build_dir/meson-logs/testlog.json"
  meson test -C "$build_dir" --print-errorlogs "$@"
  status=$?

  counts=$(python3 - "$build_dir/meson-logs/testlog.json" "$label" <<'PYTHON'
import json
import os
import sys

passed = failed = 0
if os.path.exists(sys.argv[1]):
    for line in open(sys.argv[1]):
        test = json.loads(line)
        if test["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
            print("%s: %s" % (sys.argv[2], test["name"]), file=sys.stderr)
print(passed, failed)
PYTHON
)
  read -r passed failed <<<"$counts"
  n_passed=$((n_passed + passed))
  n_failed=$((n_failed + failed))
  if [ "$failed" -gt 0 ]; then
    failures+=("$label: $failed of $((passed + failed)) tests")
  elif [ $status -ne 0 ] || [ "$passed" -eq 0 ]; then
    # meson itself failed, or nothing ran: that counts as a failure too
    record "$label: meson test exited with $status after $passed tests" 1
  fi
  echo "<== $label: $passed passed, $failed failed ($((SECONDS - start)) s)"
}

# One virtual X server for the suites that draw; tests that need their own start their own.
start_xvfb ()  # WORK-DIR
{
  local display_file=$1/display
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$display_file" 2>"$1/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 100); do
    if [ -s "$display_file" ]; then
      export DISPLAY=":$(cat "$display_file")"
      # On a desktop, GTK would otherwise open the test windows on the Wayland session.
      unset WAYLAND_DISPLAY
      echo "Xvfb is on $DISPLAY"
      return 0
    fi
    sleep 0.1
  done
  cat "$1/xvfb.log"
  return 1
}

# A private session bus, as the window and its accessibility tree expect one.
start_session_bus ()
{
  local variables
  variables=$(dbus-launch --sh-syntax) || return 1
  eval "$variables"
  dbus_pid=$DBUS_SESSION_BUS_PID
}

stop_services ()
{
  if [ -n "${dbus_pid:-}" ]; then
    kill "$dbus_pid" 2>/dev/null
  fi
  if [ -n "${xvfb_pid:-}" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
}

# The verdict: the failures, the time, and the line CI reads. Exits 1 if anything failed.
finish ()
{
  echo
  if [ ${#failures[@]} -gt 0 ]; then
    echo "Failed:"
    printf '  %s\n' "${failures[@]}"
  fi
  echo "took $((SECONDS / 60)) min $((SECONDS % 60)) s"
  echo "$n_passed passed, $n_failed failed"
  [ "$n_failed" -eq 0 ]
}
