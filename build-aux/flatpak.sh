#!/usr/bin/env bash
# flatpak.sh: builds the Neurons Flatpak offline against the SDK and installs it for the user
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/flatpak.sh
#
# 1. Makes the SDK if needed (build-aux/sdk.sh: Debian testing, GTK 4.24, libadwaita 1.10).
# 2. Turns it into a local Flatpak runtime, io.github.neurons.Sdk//forky, serving as both the
#    runtime and the SDK: its usr/ becomes files/, its etc/ files/etc (less the files that
#    describe the host), with a [Runtime] metadata file. It is exported to a local repository
#    and installed for the user from a --no-gpg-verify remote, once per SDK recipe.
# 3. Builds flatpak/io.github.neurons.Neurons.json with flatpak-builder against it. Only the
#    runtime and SDK change, in a generated copy, which also skips build folders and, for
#    flatpak-builder older than 1.3, AppStream composition.
# 4. Installs the app for the user and writes a bundle people can install:
#    _flatpak/io.github.neurons.Neurons.flatpak.
#
# Then `flatpak run io.github.neurons.Neurons` starts it. With Flathub at hand, the committed
# manifest builds as it is: flatpak-builder --user --install --install-deps-from=flathub
# _flatpak/build flatpak/io.github.neurons.Neurons.json

set -euo pipefail

source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$source_root"

app_id=io.github.neurons.Neurons
runtime_id=io.github.neurons.Sdk
runtime_branch=forky
remote=neurons-sdk
work=$source_root/_flatpak
cache_dir=${NEURONS_SDK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/neurons/sdk}

log ()
{
  echo "flatpak: $*" >&2
}

build-aux/sdk.sh ensure
rootfs=$(build-aux/sdk.sh path)
recipe=$(cat "$rootfs/.neurons-sdk-recipe")

# The runtime, from the SDK's root filesystem: exported once per SDK recipe, and installed
# wherever it is missing (FLATPAK_USER_DIR may point the user installation elsewhere).
repo=$cache_dir/flatpak-repo
export_stamp=$cache_dir/flatpak-runtime.recipe
if [ "$(cat "$export_stamp" 2>/dev/null)" != "$recipe" ] || [ ! -d "$repo" ]; then
  start=$SECONDS
  staging=$cache_dir/flatpak-runtime
  rm -rf "$staging"
  mkdir -p "$staging"
  # Hard links: the staging folder is read once by build-export, so a copy would be wasted.
  cp -al "$rootfs/usr" "$staging/files"
  cp -a "$rootfs/etc" "$staging/files/etc"
  # These describe the machine the app runs on; Flatpak provides them from the host.
  rm -f "$staging/files/etc/"{resolv.conf,hosts,passwd,group,machine-id,localtime}
  cat >"$staging/metadata" <<EOF
[Runtime]
name=$runtime_id
runtime=$runtime_id/x86_64/$runtime_branch
sdk=$runtime_id/x86_64/$runtime_branch
EOF
  log "exporting the runtime $runtime_id//$runtime_branch"
  flatpak build-export --runtime --files=files --disable-sandbox "$repo" "$staging" "$runtime_branch" >/dev/null
  rm -rf "$staging"
  echo "$recipe" >"$export_stamp"
  log "runtime exported in $((SECONDS - start)) s"
fi
exported_commit=$(cat "$repo/refs/heads/runtime/$runtime_id/x86_64/$runtime_branch")
installed_commit=$(flatpak info --user --show-commit "$runtime_id//$runtime_branch" 2>/dev/null || true)
if [ "$installed_commit" != "$exported_commit" ]; then
  start=$SECONDS
  flatpak remote-add --user --if-not-exists --no-gpg-verify "$remote" "$repo"
  flatpak remote-modify --user --no-gpg-verify --url="file://$repo" "$remote"
  flatpak install --user --noninteractive --reinstall "$remote" "$runtime_id//$runtime_branch" >/dev/null
  log "runtime installed in $((SECONDS - start)) s"
fi

# The project's own manifest, with the local runtime in place of GNOME's.
mkdir -p "$work"
manifest=$work/$app_id.json
/usr/bin/python3 - "flatpak/$app_id.json" "$manifest" "$source_root" "$runtime_id" "$runtime_branch" <<'EOF'
import json
import subprocess
import sys

source, target, root, runtime_id, branch = sys.argv[1:]
manifest = json.load(open(source))
manifest['runtime'] = manifest['sdk'] = runtime_id
manifest['runtime-version'] = branch
version = subprocess.run(['flatpak-builder', '--version'], capture_output=True, text=True).stdout.split()[-1]
if tuple(int(part) for part in version.split('.')[:2]) < (1, 3):
    # flatpak-builder 1.2 composes AppStream with a tool the runtime does not carry.
    manifest['appstream-compose'] = False
# What git ignores (build folders, this one) is not part of the source.
ignored = subprocess.run(['git', 'ls-files', '--others', '--ignored', '--exclude-standard', '--directory'],
                         cwd=root, capture_output=True, text=True).stdout.split()
for module in manifest['modules']:
    for entry in module.get('sources', []):
        if entry.get('type') == 'dir':
            entry['path'] = root
            entry['skip'] = ['.git'] + [path.rstrip('/') for path in ignored]
json.dump(manifest, open(target, 'w'), indent=2)
EOF

start=$SECONDS
log "building $app_id against $runtime_id//$runtime_branch"
flatpak-builder --user --install --force-clean --disable-rofiles-fuse --disable-updates \
  --state-dir="$work/state" --repo="$work/repo" "$work/build" "$manifest" >"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; log "the build failed; the whole log is $work/build.log"; exit 1; }
flatpak build-bundle --runtime-repo="file://$cache_dir/flatpak-repo" "$work/repo" "$work/$app_id.flatpak" "$app_id" >/dev/null
log "built and installed in $((SECONDS - start)) s; bundle: $work/$app_id.flatpak ($(du -h "$work/$app_id.flatpak" | cut -f1))"
log "start it with: flatpak run $app_id"
