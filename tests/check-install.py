#!/usr/bin/env python3
# check-install.py: checks the installed Flatpak of Neurons: every file lands in /app where the
# desktop expects it, and its neurons-cli, run inside the sandbox with no NEURONS_DATA_DIR,
# finds the digits and the German messages where it was told at build time.
#
# Usage: check-install.py APPLICATION_ID
#
# Run it after build-aux/flatpak.sh has installed the app for the user. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import pathlib
import subprocess
import sys
import tempfile

from tap import Tap

PREFIX = '/app'

tap = Tap()


def expected_files(application_id):
    return [
        'bin/neurons',
        'bin/neurons-cli',
        'share/neurons/mnist/train-images-idx3-ubyte.gz',
        'share/neurons/mnist/train-labels-idx1-ubyte.gz',
        'share/neurons/mnist/t10k-images-idx3-ubyte.gz',
        'share/neurons/mnist/t10k-labels-idx1-ubyte.gz',
        f'share/applications/{application_id}.desktop',
        f'share/icons/hicolor/scalable/apps/{application_id}.svg',
        f'share/icons/hicolor/symbolic/apps/{application_id}-symbolic.svg',
        f'share/glib-2.0/schemas/{application_id}.gschema.xml',
        f'share/mime/packages/{application_id}.xml',
    ]


def run_in_app(application_id, out_dir, arguments, language=None):
    """Runs the installed neurons-cli in the app's sandbox, with out_dir shared, the
    environment flatpak gives it, and LANGUAGE when given."""
    command = ['flatpak', 'run', '--user', '--command=neurons-cli', '--filesystem=' + str(out_dir),
               '--unset-env=NEURONS_DATA_DIR']
    command.append('--env=LANGUAGE=' + (language or ''))
    return subprocess.run(command + [application_id] + arguments, capture_output=True, text=True)


def check_installed_cli(application_id, scratch):
    out_dir = scratch / 'out'
    out_dir.mkdir()
    english = run_in_app(application_id, out_dir,
                         ['train', '--steps', '100', '--out', str(out_dir / 'network.json')])
    tap.check(f'the installed neurons-cli trains 100 samples from the data in {PREFIX}/share/neurons, '
              'with no NEURONS_DATA_DIR',
              english.returncode == 0 and (out_dir / 'network.json').is_file(),
              f'exit status {english.returncode}\n{english.stdout}{english.stderr}')

    german = run_in_app(application_id, out_dir,
                        ['train', '--steps', '100', '--out', str(out_dir / 'network-de.json')], language='de')
    translated = set(german.stdout.splitlines()) - set(english.stdout.splitlines())
    tap.check(f'with LANGUAGE=de it speaks German from {PREFIX}/share/locale',
              german.returncode == 0 and len(translated) > 0,
              f'exit status {german.returncode}; English:\n{english.stdout}German:\n{german.stdout}')


def main():
    if len(sys.argv) != 2:
        sys.exit(f'usage: {sys.argv[0]} APPLICATION_ID')
    application_id = sys.argv[1]

    location = subprocess.run(['flatpak', 'info', '--user', '--show-location', application_id],
                              capture_output=True, text=True)
    tap.check(f'{application_id} is installed for the user', location.returncode == 0, location.stderr)
    if location.returncode == 0:
        app_root = pathlib.Path(location.stdout.strip()) / 'files'
        for name in expected_files(application_id):
            tap.check(f'{PREFIX}/{name} is installed', (app_root / name).is_file())
        for name in ('bin/neurons', 'bin/neurons-cli'):
            tap.check(f'{PREFIX}/{name} is executable', os.access(app_root / name, os.X_OK))
        # flatpak-builder 1.2 keeps the metainfo under its old name; newer ones where we put it.
        tap.check(f'the AppStream metainfo is in {PREFIX}/share',
                  (app_root / 'share' / 'metainfo' / f'{application_id}.metainfo.xml').is_file()
                  or (app_root / 'share' / 'appdata' / f'{application_id}.appdata.xml').is_file())
        # The translations go to the app's Locale extension; the German run below reads them.
        tap.check(f'the schemas in {PREFIX} are compiled',
                  (app_root / 'share' / 'glib-2.0' / 'schemas' / 'gschemas.compiled').is_file())
        with tempfile.TemporaryDirectory(prefix='neurons-install-',
                                         dir=os.path.expanduser('~/.cache')) as scratch_name:
            check_installed_cli(application_id, pathlib.Path(scratch_name))

    tap.finish()


if __name__ == '__main__':
    main()
