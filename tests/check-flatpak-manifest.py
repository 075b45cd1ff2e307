#!/usr/bin/env python3
# check-flatpak-manifest.py: the Flatpak manifest builds the app this meson project installs,
# under its id, with no more access than the window needs.
#
# Usage: check-flatpak-manifest.py MANIFEST DESKTOP_FILE APPLICATION_ID BUILD_ROOT
#   DESKTOP_FILE    the desktop file the build made (its name is the id, its Exec the command)
#   APPLICATION_ID  application_id from meson.build
#   BUILD_ROOT      a configured build directory, whose introspection names the installed programs
#
# Prints TAP. When flatpak-builder is not installed, the check of its own reading is reported as
# skipped, loudly, and the structural checks still run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import json
import pathlib
import shutil
import subprocess
import sys

from tap import Tap

FINISH_ARGS = ['--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri']

tap = Tap()


def installed_programs(build_root):
    targets = json.loads((build_root / 'meson-info' / 'intro-targets.json').read_text())
    programs = {}
    for target in targets:
        if target['type'] == 'executable' and target['installed']:
            for filename in target['install_filename']:
                programs[pathlib.PurePath(filename).name] = filename
    return programs


def main():
    if len(sys.argv) != 5:
        sys.exit(f'usage: {sys.argv[0]} MANIFEST DESKTOP_FILE APPLICATION_ID BUILD_ROOT')
    manifest_path = pathlib.Path(sys.argv[1]).resolve()
    desktop_path = pathlib.Path(sys.argv[2])
    application_id = sys.argv[3]
    build_root = pathlib.Path(sys.argv[4])

    manifest = json.loads(manifest_path.read_text(encoding='utf-8'))
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(desktop_path, encoding='utf-8')
    exec_program = desktop['Desktop Entry']['Exec'].split()[0]
    programs = installed_programs(build_root)

    tap.check(f'the id is the application id of meson.build ({application_id})',
          manifest.get('id') == application_id, f'id is {manifest.get("id")!r}')
    tap.check(f'the id names the installed desktop file ({desktop_path.name})',
          f'{manifest.get("id")}.desktop' == desktop_path.name,
          f'the desktop file is {desktop_path.name}')

    command = manifest.get('command')
    tap.check(f'the command is the program the desktop file starts ({exec_program})',
          command == exec_program, f'command is {command!r}')
    tap.check('the command is a program meson installs into bindir',
          command in programs and pathlib.PurePath(programs[command]).parent.name == 'bin',
          f'installed programs: {programs}')

    tap.check('the runtime is org.gnome.Platform 51 with org.gnome.Sdk',
          (manifest.get('runtime'), manifest.get('runtime-version'), manifest.get('sdk'))
          == ('org.gnome.Platform', '51', 'org.gnome.Sdk'))
    tap.check(f'finish-args are exactly {" ".join(FINISH_ARGS)}',
          manifest.get('finish-args') == FINISH_ARGS,
          f'finish-args are {manifest.get("finish-args")}')

    modules = manifest.get('modules', [])
    tap.check('there is one module, neurons itself (json-glib comes with the GNOME runtime)',
          len(modules) == 1 and isinstance(modules[0], dict), f'modules are {modules}')
    module = modules[0] if modules and isinstance(modules[0], dict) else {}
    tap.check('the module is named neurons and built with meson',
          (module.get('name'), module.get('buildsystem')) == ('neurons', 'meson'),
          f'name {module.get("name")!r}, buildsystem {module.get("buildsystem")!r}')
    tap.check('the module is configured as a release build',
          '-Dbuildtype=release' in module.get('config-opts', []),
          f'config-opts are {module.get("config-opts")}')
    tap.check('the module leaves the test suites out (the SDK has no Xvfb or xdotool)',
          '-Dtests=false' in module.get('config-opts', []),
          f'config-opts are {module.get("config-opts")}')
    sources = module.get('sources', [])
    source_root = manifest_path.parent / sources[0].get('path', '') if sources else None
    tap.check('the module builds this source tree (one dir source, "..")',
          len(sources) == 1 and sources[0].get('type') == 'dir' and sources[0].get('path') == '..'
          and (source_root / 'meson.build').is_file()
          and "project('neurons'" in (source_root / 'meson.build').read_text(encoding='utf-8'),
          f'sources are {sources}')

    flatpak_builder = shutil.which('flatpak-builder')
    if flatpak_builder is None:
        print('# WARNING: flatpak-builder is not installed, so the manifest was not read by '
              'flatpak-builder itself; only the checks above ran (apt-get install flatpak-builder)')
        tap.skip('flatpak-builder --show-manifest reads it without a warning',
             'flatpak-builder is not installed')
    else:
        shown = subprocess.run([flatpak_builder, '--show-manifest', str(manifest_path)],
                               capture_output=True, text=True)
        detail = f'exit status {shown.returncode}, stderr: {shown.stderr.strip()!r}'
        passed = shown.returncode == 0 and shown.stderr.strip() == ''
        if passed:
            canonical = json.loads(shown.stdout)
            passed = (canonical.get('id') == application_id
                      and canonical.get('command') == command
                      and canonical.get('finish-args') == FINISH_ARGS)
            detail = f'flatpak-builder read id {canonical.get("id")!r}, ' \
                     f'command {canonical.get("command")!r}, ' \
                     f'finish-args {canonical.get("finish-args")}'
        tap.check('flatpak-builder --show-manifest reads it without a warning, '
              'with the same id, command and finish-args', passed, detail)

    tap.finish()


if __name__ == '__main__':
    main()
