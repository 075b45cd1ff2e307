#!/usr/bin/env bash
# sdk.sh: makes the Neurons SDK, a Debian testing root filesystem on the current GNOME stack,
# and runs commands inside it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   build-aux/sdk.sh ensure          make the SDK unless the cached one is up to date
#   build-aux/sdk.sh path            print the folder of the SDK's root filesystem
#   build-aux/sdk.sh versions        print the GTK and libadwaita versions the SDK carries
#   build-aux/sdk.sh run CMD [ARG…]  run CMD inside the SDK, in the current folder
#
# The root filesystem is Debian testing ("forky"), made with debootstrap from Debian's package
# registry, with the packages of build-aux/sdk-packages.txt installed by apt inside it. It is
# kept in $NEURONS_SDK_CACHE (default ~/.cache/neurons/sdk) and reused until the package list
# or this script's recipe changes; then it is made anew (about a minute and 1.7 GB).
#
# Commands run inside it under bubblewrap, in a mount namespace of their own, with fresh /proc,
# /dev, /dev/shm and /tmp and the project's folder at the same path as outside. Those mounts
# belong to the namespace, so they go away with the command however it ends: nothing is ever
# left mounted on the host. Needs root (for debootstrap and apt), debootstrap and bubblewrap;
# build-aux/install-deps.sh installs both.

set -euo pipefail

source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package_list=$source_root/build-aux/sdk-packages.txt
cache_dir=${NEURONS_SDK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/neurons/sdk}
rootfs=$cache_dir/rootfs
suite=forky
# Debian 12's debootstrap has no script for "forky"; testing is made the way sid is.
debootstrap_script=/usr/share/debootstrap/scripts/sid
# The registry's snapshot of testing has a Release file past its Valid-Until date.
apt_options=(-o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false
             -o Dpkg::Use-Pty=false -o quiet=1)

log ()
{
  echo "sdk: $*" >&2
}

# The Debian mirror this machine's apt already uses, so that the SDK comes from the same one.
mirror ()
{
  local uri
  uri=$(grep -rhoE '^(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null \
          | grep -v security | head -n 1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

packages ()
{
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$package_list" | tr -d ' \t'
}

# What the SDK is made from: when this changes, the cached SDK is stale.
recipe ()
{
  {
    echo "suite=$suite"
    packages
    sed -n '/^make_rootfs ()/,/^}/p' "${BASH_SOURCE[0]}"
  } | sha256sum | cut -d' ' -f1
}

# Runs a command inside ROOTFS as root, with its own /proc, /dev, /dev/shm and /tmp.
in_rootfs ()  # ROOTFS COMMAND...
{
  local root=$1
  shift
  bwrap --bind "$root" / \
    --proc /proc --dev /dev --tmpfs /dev/shm --tmpfs /tmp \
    --ro-bind /etc/resolv.conf /etc/resolv.conf \
    --bind "$source_root" "$source_root" \
    --chdir "$PWD" \
    --die-with-parent \
    --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --setenv HOME /root \
    --setenv LANG C.UTF-8 \
    --unsetenv WAYLAND_DISPLAY \
    --unsetenv DBUS_SESSION_BUS_ADDRESS \
    --unsetenv AT_SPI_BUS_ADDRESS \
    --unsetenv DISPLAY \
    "$@"
}

make_rootfs ()  # DIR
{
  local dir=$1 start=$SECONDS
  log "debootstrap $suite into $dir from $(mirror)"
  debootstrap --variant=minbase --include=ca-certificates \
    "$suite" "$dir" "$(mirror)" "$debootstrap_script" >"$cache_dir/debootstrap.log" 2>&1 \
    || { tail -n 30 "$cache_dir/debootstrap.log" >&2; return 1; }
  log "debootstrap took $((SECONDS - start)) s"
  # Start with no services inside: postinst scripts must not try to start daemons.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod +x "$dir/usr/sbin/policy-rc.d"
  mkdir -p "$dir/root"
  start=$SECONDS
  # shellcheck disable=SC2046
  in_rootfs "$dir" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" update \
    >"$cache_dir/apt.log" 2>&1 \
  && in_rootfs "$dir" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install --yes \
       $(packages) >>"$cache_dir/apt.log" 2>&1 \
  && in_rootfs "$dir" apt-get clean \
    || { tail -n 30 "$cache_dir/apt.log" >&2; return 1; }
  log "apt took $((SECONDS - start)) s"
  # What the app's tests and the Flatpak need of a running system but no package makes.
  in_rootfs "$dir" dbus-uuidgen --ensure
  in_rootfs "$dir" glib-compile-schemas /usr/share/glib-2.0/schemas
}

ensure ()
{
  local wanted
  wanted=$(recipe)
  if [ -f "$rootfs/.neurons-sdk-recipe" ] && [ "$(cat "$rootfs/.neurons-sdk-recipe")" = "$wanted" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "making the SDK needs root (debootstrap and apt inside it)"
    return 1
  fi
  mkdir -p "$cache_dir"
  local fresh=$cache_dir/rootfs.new
  rm -rf "$fresh"
  log "making the SDK (its package list or recipe changed, or there was none)"
  make_rootfs "$fresh"
  echo "$wanted" >"$fresh/.neurons-sdk-recipe"
  rm -rf "$rootfs"
  mv "$fresh" "$rootfs"
  log "made in $rootfs: $(du -sh "$rootfs" | cut -f1); $(versions)"
}

versions ()
{
  in_rootfs "$rootfs" sh -c 'echo "GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), GLib $(pkg-config --modversion glib-2.0) (Debian $(cat /etc/debian_version))"'
}

case "${1:-}" in
  ensure)
    ensure
    ;;
  path)
    echo "$rootfs"
    ;;
  versions)
    versions
    ;;
  run)
    shift
    [ $# -gt 0 ] || { log "run what?"; exit 2; }
    ensure
    in_rootfs "$rootfs" "$@"
    ;;
  *)
    sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
