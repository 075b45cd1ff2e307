#!/usr/bin/env bash
# install-deps.sh: installs what Neurons needs to build, test and run on Debian 12 or a
# similar Debian or Ubuntu; does nothing, quickly, when all of it is there already.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

packages=(
  # building
  meson ninja-build pkg-config gcc gettext desktop-file-utils appstream
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libgdk-pixbuf-2.0-dev
  # the fuzzers: clang and its libFuzzer and sanitizer runtimes
  clang libclang-rt-14-dev
  # the tests that drive the window, under a virtual X server
  xvfb xdotool imagemagick dbus-x11 at-spi2-core python3-pyatspi
  # reading exported SVGs back (gdk-pixbuf's SVG loader), checking the Flatpak manifest with
  # flatpak-builder itself, and running the /app install in a sandbox as the Flatpak would
  librsvg2-common flatpak-builder bubblewrap
  # a second dataset in the same format, and the numpy reference of the benchmark
  dataset-fashion-mnist python3-numpy python3-threadpoolctl
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query --show --showformat='${db:Status-Status}' "$package" 2>/dev/null \
       | grep -qx installed; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install --yes "${missing[@]}"
