#!/usr/bin/env bash
# install-deps.sh: installs what this machine needs to make the SDK, build the Flatpak and run
# the tests on Debian 12 or a similar Debian or Ubuntu; does nothing, quickly, when all of it is
# there already. The app itself builds inside the SDK (build-aux/sdk.sh), which brings GTK and
# libadwaita; only the core and neurons-cli are also built here, with this machine's GLib.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

packages=(
  # the SDK, a Debian testing root filesystem, and commands run inside it
  debootstrap bubblewrap
  # the Flatpak: a local runtime made from the SDK, the app built with flatpak-builder
  flatpak flatpak-builder git
  # the core and neurons-cli, built natively (meson -Dapp=false)
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libgdk-pixbuf-2.0-dev
  # tests/test-torch.py: the training options against PyTorch (about 70 MB to download,
  # 760 MB installed), run with the core's native tests
  python3-torch
  # the end-to-end tests, which drive the installed Flatpak under a virtual X server through
  # its accessibility tree
  xvfb xdotool dbus-x11 at-spi2-core python3-pyatspi
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
