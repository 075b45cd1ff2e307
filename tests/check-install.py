#!/usr/bin/env python3
# check-install.py: builds Neurons for the prefix /app, as the Flatpak does, installs it into a
# scratch DESTDIR and checks that every file lands where the desktop expects it; then runs the
# installed neurons-cli with /app bound to that DESTDIR (bubblewrap) and no NEURONS_DATA_DIR,
# so that it has to find the digits and the German messages where it was told at build time.
#
# Usage: check-install.py SOURCE_ROOT APPLICATION_ID
#
# Prints TAP. Without bwrap the run is reported as skipped, loudly, and the binary is only
# searched for the data folder it was built with.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from tap import Tap

PREFIX = '/app'

tap = Tap()


def run(command, log):
    """Runs a build step, keeping its output for the report; True when it succeeded."""
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    log.append(f'$ {" ".join(map(str, command))}\n{completed.stdout}')
    return completed.returncode == 0


def expected_files(application_id):
    return [
        'bin/neurons',
        'bin/neurons-cli',
        'share/neurons/mnist/train-images-idx3-ubyte.gz',
        'share/neurons/mnist/train-labels-idx1-ubyte.gz',
        'share/neurons/mnist/t10k-images-idx3-ubyte.gz',
        'share/neurons/mnist/t10k-labels-idx1-ubyte.gz',
        f'share/applications/{application_id}.desktop',
        f'share/metainfo/{application_id}.metainfo.xml',
        f'share/icons/hicolor/scalable/apps/{application_id}.svg',
        f'share/icons/hicolor/symbolic/apps/{application_id}-symbolic.svg',
        f'share/glib-2.0/schemas/{application_id}.gschema.xml',
        f'share/mime/packages/{application_id}.xml',
        'share/locale/de/LC_MESSAGES/neurons.mo',
    ]


def run_in_app(bwrap, app_root, out_dir, arguments, language=None):
    """Runs a program of the installed tree as /app, with nothing of this machine but /usr and
    /etc, an environment of PATH alone (and LANGUAGE when given), and out_dir as /out."""
    command = [
        bwrap,
        '--ro-bind', '/usr', '/usr',
        '--symlink', 'usr/lib', '/lib',
        '--symlink', 'usr/lib64', '/lib64',
        '--symlink', 'usr/bin', '/bin',
        '--ro-bind', '/etc', '/etc',
        '--proc', '/proc',
        '--dev', '/dev',
        '--tmpfs', '/tmp',
        '--ro-bind', str(app_root), PREFIX,
        '--bind', str(out_dir), '/out',
        '--unshare-all',
        '--die-with-parent',
        '--clearenv',
        '--setenv', 'PATH', '/usr/bin:/bin',
        '--setenv', 'LANG', 'C.UTF-8',
    ]
    if language is not None:
        command += ['--setenv', 'LANGUAGE', language]
    return subprocess.run(command + ['--'] + arguments, capture_output=True, text=True)


def check_installed_cli(app_root, scratch):
    cli = app_root / 'bin' / 'neurons-cli'
    bwrap = shutil.which('bwrap')
    if bwrap is None:
        print('# WARNING: bubblewrap is not installed, so the installed neurons-cli was not run; '
              'only its data folder was looked for in the binary (apt-get install bubblewrap)')
        tap.skip(f'the installed neurons-cli trains from the data under {PREFIX}',
                 'bwrap is not installed')
        wanted = f'{PREFIX}/share/neurons'.encode()
        tap.check(f'the installed neurons-cli looks for its data in {PREFIX}/share/neurons',
                  cli.is_file() and wanted in cli.read_bytes())
        return

    out_dir = scratch / 'out'
    out_dir.mkdir()
    english = run_in_app(bwrap, app_root, out_dir,
                         [f'{PREFIX}/bin/neurons-cli', 'train', '--steps', '100',
                          '--out', '/out/network.json'])
    tap.check(f'the installed neurons-cli trains 100 samples from the data in {PREFIX}/share/neurons, '
          'with no NEURONS_DATA_DIR',
          english.returncode == 0 and (out_dir / 'network.json').is_file(),
          f'exit status {english.returncode}\n{english.stdout}{english.stderr}')

    german = run_in_app(bwrap, app_root, out_dir,
                        [f'{PREFIX}/bin/neurons-cli', 'train', '--steps', '100',
                         '--out', '/out/network-de.json'], language='de')
    translated = set(german.stdout.splitlines()) - set(english.stdout.splitlines())
    tap.check(f'with LANGUAGE=de it speaks German from {PREFIX}/share/locale',
          german.returncode == 0 and len(translated) > 0,
          f'exit status {german.returncode}; English:\n{english.stdout}German:\n{german.stdout}')


def main():
    if len(sys.argv) != 3:
        sys.exit(f'usage: {sys.argv[0]} SOURCE_ROOT APPLICATION_ID')
    source_root = pathlib.Path(sys.argv[1]).resolve()
    application_id = sys.argv[2]

    with tempfile.TemporaryDirectory(prefix='neurons-install-') as scratch_name:
        scratch = pathlib.Path(scratch_name)
        build, destdir = scratch / 'build', scratch / 'dest'
        app_root = destdir / PREFIX.lstrip('/')
        log = []

        built = (run(['meson', 'setup', f'--prefix={PREFIX}', '--buildtype=release', '-Dtests=false',
                      build, source_root], log)
                 and run(['meson', 'compile', '-C', build], log)
                 and run(['meson', 'install', '-C', build, '--no-rebuild',
                          '--destdir', destdir], log))
        tap.check(f'a build for the prefix {PREFIX} installs into a DESTDIR', built,
              '\n'.join(log[-1:]))

        if built:
            for name in expected_files(application_id):
                tap.check(f'{PREFIX}/{name} is installed', (app_root / name).is_file())
            for name in ('bin/neurons', 'bin/neurons-cli'):
                tap.check(f'{PREFIX}/{name} is executable', os.access(app_root / name, os.X_OK))
            check_installed_cli(app_root, scratch)

    tap.finish()


if __name__ == '__main__':
    main()
