#!/usr/bin/python3
# check-readme-start.py: runs the first command of README.md exactly as written, in a fresh
# clone, with nothing of the app installed, and checks that it ends in a window that stays open
#
# Usage: check-readme-start.py SOURCE_ROOT APPLICATION_ID
#
# Uninstalls the app's Flatpak and removes its data (~/.var/app/APPLICATION_ID) first, and
# fails if a settings schema of the app is installed on this machine. The command runs under
# its own Xvfb and D-Bus session, as a person's desktop would give it; its whole output is
# printed. Passes when a window of the app appears, the command is still running 10 seconds
# later, and the app's log has no GTK, libadwaita or GLib warning. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tap import Tap

DEADLINE_SECONDS = 30 * 60   # a fresh machine makes the SDK and the runtime first
LOG_PROBLEM = re.compile(r'^(\*\* )?\(neurons:\d+\): ([\w-]+-)?(CRITICAL|WARNING)\b')

tap = Tap()


def first_command(readme):
    """The first fenced sh block of the README, as one line."""
    match = re.search(r'```sh\n(.*?)```', readme.read_text(), re.S)
    return match.group(1).strip() if match else None


def installed_schemas(application_id):
    folders = [pathlib.Path(folder) / 'glib-2.0' / 'schemas'
               for folder in os.environ.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share').split(':') if folder]
    folders.append(pathlib.Path.home() / '.local' / 'share' / 'glib-2.0' / 'schemas')
    return [str(folder / (application_id + '.gschema.xml')) for folder in folders
            if (folder / (application_id + '.gschema.xml')).exists()]


def app_window():
    found = subprocess.run(['xdotool', 'search', '--onlyvisible', '--classname', '^neurons$'],
                           capture_output=True, text=True).stdout.split()
    return found[0] if found else None


def start_xvfb():
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_end), '-screen', '0', '1366x768x24',
                             '-nolisten', 'tcp'], pass_fds=[write_end], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        return xvfb, ':' + reader.readline().strip()


def main():
    if len(sys.argv) != 3:
        sys.exit(f'usage: {sys.argv[0]} SOURCE_ROOT APPLICATION_ID')
    source_root, application_id = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2]

    command = first_command(source_root / 'README.md')
    tap.check('README.md starts with a command in an sh block', command is not None)
    if command is None:
        return tap.finish()
    print(f'# the command: {command}')

    subprocess.run(['flatpak', 'uninstall', '--user', '--noninteractive', application_id],
                   capture_output=True)
    shutil.rmtree(pathlib.Path.home() / '.var' / 'app' / application_id, ignore_errors=True)
    schemas = installed_schemas(application_id)
    tap.check('no settings schema of the app is installed on this machine', not schemas, '\n'.join(schemas))

    with tempfile.TemporaryDirectory(prefix='neurons-readme-') as scratch_name:
        clone = pathlib.Path(scratch_name) / 'neurons'
        cloned = subprocess.run(['git', 'clone', '--quiet', str(source_root), str(clone)],
                                capture_output=True, text=True)
        tap.check('a fresh clone', cloned.returncode == 0, cloned.stderr)
        if cloned.returncode != 0:
            return tap.finish()

        xvfb, display = start_xvfb()
        env = dict(os.environ, DISPLAY=display, GDK_BACKEND='x11')
        for name in ('WAYLAND_DISPLAY', 'GSETTINGS_SCHEMA_DIR', 'GSETTINGS_BACKEND', 'NEURONS_DATA_DIR'):
            env.pop(name, None)
        log_path = pathlib.Path(scratch_name) / 'command.log'
        with open(log_path, 'w') as log:
            process = subprocess.Popen(['dbus-run-session', '--', 'bash', '-c', command], cwd=clone, env=env,
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + DEADLINE_SECONDS
            window = None
            os.environ['DISPLAY'] = display
            while time.monotonic() < deadline and process.poll() is None and window is None:
                time.sleep(2)
                window = app_window()
            tap.check('a window of the app appears', window is not None,
                      f'the command exited with {process.returncode}' if process.returncode is not None
                      else 'no window in time')
            if window is not None:
                time.sleep(10)
                tap.check('the app is still running 10 seconds later', process.poll() is None and app_window(),
                          f'the command exited with {process.returncode}')
        finally:
            for child in (process, xvfb):
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGTERM)
                    try:
                        child.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        os.killpg(child.pid, signal.SIGKILL)
                        child.wait()
        output = log_path.read_text(errors='replace')
        for line in output.splitlines():
            print('# ' + line)
        problems = [line for line in output.splitlines() if LOG_PROBLEM.search(line)]
        tap.check('no GTK, libadwaita or GLib warning in the app’s log', not problems, '\n'.join(problems))
    tap.finish()


if __name__ == '__main__':
    main()
