#!/usr/bin/python3
# neurons-e2e.py: runs the real window under Xvfb and drives it as a person would
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: neurons-e2e.py NEURONS-EXECUTABLE TEST-NAME
#        neurons-e2e.py flatpak:APP-ID TEST-NAME    (the installed Flatpak, through flatpak run)
#        neurons-e2e.py --list                      (the names of the tests)
#
# Each run starts its own X server (Xvfb picks a free display and tells us which), its own
# D-Bus session with its own accessibility bus, and the application; it presses keys with
# xdotool and reads the window back through AT-SPI, as a screen reader would. Every wait has
# a deadline, and everything started is stopped however the test ends.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DEADLINE_SECONDS = 30        # for any one thing the test waits for
SESSION_TIMEOUT_SECONDS = 150  # for the whole run inside the D-Bus session

FLATPAK = 'flatpak:'
# What the tests set for the app; flatpak run is given each one explicitly.
APP_ENVIRONMENT = ('GSETTINGS_BACKEND', 'NEURONS_DATA_DIR', 'GDK_BACKEND', 'GSK_RENDERER',
                   'GDK_DEBUG', 'LANGUAGE', 'LANG', 'G_MESSAGES_DEBUG')
# Lines in the app's log that fail any test: GTK, libadwaita or GLib complaining about us.
# The warnings GTK gives only on an X server without a compositor, as Xvfb is, whatever the
# app does, are let through: tests/xvfb-only-warnings.txt lists them for these and the widget
# tests, one "DOMAIN<tab>MESSAGE" a line.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'xvfb-only-warnings.txt'),
          encoding='utf-8') as warnings:
    LOG_XVFB_ONLY = [(domain + '-WARNING **: ', message) for domain, message in
                     (line.rstrip('\n').split('\t', 1) for line in warnings
                      if line.strip() and not line.startswith('#'))]
LOG_PROBLEM = re.compile(r'^(\*\* )?\(neurons:\d+\): ([\w-]+-)?(CRITICAL|WARNING)\b')


class TestFailure(Exception):
    pass


def wait_for(what, probe, timeout=DEADLINE_SECONDS):
    """Calls probe() until it returns something true, and returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except Exception as error:   # the accessible tree changes under our feet
            last_error = error
        time.sleep(0.1)
    raise TestFailure('timed out waiting for %s%s' % (what, ' (%s)' % last_error if last_error else ''))


def use_classic_role_names(pyatspi):
    """at-spi2-core 2.50 and newer call a push button "button"; the tests use the names of the
    AT-SPI that Debian 12 has, where they drive the Flatpak, and these work with both."""
    if getattr(pyatspi.Accessible, 'classic_role_names', False):
        return
    role_name = pyatspi.Accessible.getRoleName
    renamed = {'button': 'push button'}
    pyatspi.Accessible.getRoleName = lambda accessible: (lambda name: renamed.get(name, name))(role_name(accessible))
    pyatspi.Accessible.classic_role_names = True


def app_command(executable, args, env):
    """The command that starts the app: the executable itself, or flatpak run for an
    installed Flatpak, given the tests' environment and their temporary folders."""
    if not executable.startswith(FLATPAK):
        return [executable] + args
    return (['flatpak', 'run', '--filesystem=' + tempfile.gettempdir()]
            + ['--env=%s=%s' % (name, env[name]) for name in APP_ENVIRONMENT if name in env]
            + [executable[len(FLATPAK):]] + args)


def cli_command(executable, args):
    """The command that runs neurons-cli beside the app under test: the one in the same build
    tree or installation, or the Flatpak's own, which is given the tests' temporary folders."""
    if executable.startswith(FLATPAK):
        return (['flatpak', 'run', '--filesystem=' + tempfile.gettempdir(), '--command=neurons-cli',
                 executable[len(FLATPAK):]] + args)
    directory = os.path.dirname(executable)
    for candidate in (os.path.join(directory, 'neurons-cli'), os.path.join(directory, 'cli', 'neurons-cli')):
        if os.access(candidate, os.X_OK):
            return [candidate] + args
    raise TestFailure('there is no neurons-cli beside %s' % executable)


def run_cli(executable, *args):
    """Runs neurons-cli and returns what it printed; a failure fails the test."""
    done = subprocess.run(cli_command(executable, list(args)), capture_output=True, text=True,
                          timeout=DEADLINE_SECONDS * 2)
    if done.returncode != 0:
        raise TestFailure('neurons-cli %s failed: %s' % (' '.join(args), done.stderr.strip()))
    return done.stdout


class Window:
    """The application under test, seen through AT-SPI and driven with xdotool."""

    def __init__(self, executable, args, env):
        import pyatspi
        self.pyatspi = pyatspi
        use_classic_role_names(pyatspi)
        self.figures = {}
        self.log = tempfile.TemporaryFile(mode='w+')
        self.process = subprocess.Popen(app_command(executable, args, env), env=env, start_new_session=True,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        # A Flatpak's first start on a busy machine can take a while.
        self.app = wait_for('the application on the accessibility bus', self._find_app, timeout=60)
        self.frame = wait_for('the window', lambda: self._first(self.app, lambda a: a.getRoleName() == 'frame'))

    def close(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.seek(0)
        log = self.log.read()
        sys.stderr.write(log)
        problems = [line for line in log.splitlines() if LOG_PROBLEM.search(line)
                    and not any(all(part in line for part in parts) for parts in LOG_XVFB_ONLY)]
        if problems and sys.exc_info()[0] is None:
            raise TestFailure('the app complained in its log:\n  ' + '\n  '.join(problems))

    def _find_app(self):
        desktop = self.pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None:
                continue
            # Inside the Flatpak the app has a process number of its own sandbox, which the
            # accessibility bus does not see; its name tells it from the portals' there.
            if app.get_process_id() == self.process.pid or (self.sandboxed and app.name == 'neurons'):
                return app
        return None

    @property
    def sandboxed(self):
        return self.process.args[0] == 'flatpak'

    def window_id(self):
        """The X window of the main window (the first the app opened)."""
        if self.sandboxed:
            search = ['xdotool', 'search', '--onlyvisible', '--classname', '^neurons$']
        else:
            search = ['xdotool', 'search', '--onlyvisible', '--pid', str(self.process.pid)]
        ids = wait_for('the X window', lambda: subprocess.run(search, capture_output=True, text=True).stdout.split())
        return min(ids, key=int)

    def _first(self, node, predicate):
        if predicate(node):
            return node
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                found = self._first(child, predicate)
                if found is not None:
                    return found
        return None

    def all(self, predicate, node=None):
        """Every accessible below node (the app) that the predicate holds for, in tree order."""
        node = node or self.app
        found = [node] if predicate(node) else []
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                found += self.all(predicate, child)
        return found

    def find(self, what, predicate):
        return wait_for(what, lambda: self._first(self.app, predicate))

    def _first_showing(self, node, predicate):
        """As _first, but skipping whatever is not on screen: hidden pages, closed popovers and
        the lessons not on show are most of the tree."""
        if not node.getState().contains(self.pyatspi.STATE_SHOWING) and node.getRoleName() != 'application':
            return None
        if predicate(node):
            return node
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                found = self._first_showing(child, predicate)
                if found is not None:
                    return found
        return None

    def find_showing(self, what, predicate):
        """What is on screen now, found quickly enough to catch a toast while training runs."""
        return wait_for(what, lambda: self._first_showing(self.app, predicate))

    def figure(self, name):
        """The label that shows a figure, found by its description, e.g. "Samples seen: 12".
        Found once: walking the whole tree is slow while the window trains at full speed."""
        if name not in self.figures:
            self.figures[name] = self.find('the “%s” figure' % name,
                                           lambda a: a.getRoleName() == 'label' and a.description.startswith(name + ':'))
        return self.figures[name]

    def text_of_children(self, node):
        """The text of every label below node, joined: what a row with no name of its own shows."""
        return ' '.join(self.text(a) for a in self.all(lambda a: a.getRoleName() == 'label', node))

    @staticmethod
    def text(accessible):
        text = accessible.queryText()
        return text.getText(0, text.characterCount)

    def revealed(self, banner_label):
        """Whether the banner that holds this label is open. GTK 4.8 marks no hidden state on
        the contents of a closed GtkRevealer, but the revealer itself shrinks to no height."""
        revealer = banner_label.parent.parent
        return revealer.queryComponent().getExtents(self.pyatspi.WINDOW_COORDS).height > 0

    def count(self, name):
        digits = re.sub(r'\D', '', self.text(self.figure(name)))
        if not digits:
            raise TestFailure('the “%s” figure shows no number' % name)
        return int(digits)

    def focus(self):
        """Gives the window the keyboard focus (there is no window manager to do it)."""
        subprocess.run(['xdotool', 'windowfocus', '--sync', self.window_id()], check=True, timeout=DEADLINE_SECONDS)

    def full_speed(self):
        """Picks "As Fast as It Goes" from the speed menu, as a person would: a first run trains
        at a pace to watch, too slow for a test that needs a trained network."""
        speed = self.find('the speed button', lambda a: a.getRoleName() == 'toggle button'
                          and a.name.startswith('Training speed: '))
        speed.queryAction().doAction(0)
        # The menu's items are named for AT-SPI through a relation the tests' pyatspi does not
        # follow; the fastest is the last of the five.
        items = wait_for('the speed menu', lambda: (lambda found: found if len(found) == 5 else None)(
            self.all(lambda a: a.getRoleName() == 'menu item' and a.getState().contains(self.pyatspi.STATE_SHOWING))))
        items[-1].queryAction().doAction(0)
        wait_for('the speed to be the fastest', lambda: speed.name == 'Training speed: Max')
        if speed.getState().contains(self.pyatspi.STATE_PRESSED):
            self.key('Escape')
        wait_for('the speed menu to close', lambda: not speed.getState().contains(self.pyatspi.STATE_PRESSED))

    def key(self, *keys):
        for key in keys:
            subprocess.run(['xdotool', 'key', key], check=True, timeout=DEADLINE_SECONDS)

    def draw(self, canvas, *strokes):
        """Draws strokes on the canvas with the mouse, as a person would. Each stroke is a list
        of points in the canvas's own square, from (0, 0) at its top left to (1, 1)."""
        window_id = self.window_id()
        geometry = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window_id],
                                  capture_output=True, text=True, check=True).stdout
        origin = dict(line.split('=') for line in geometry.split())
        extents = canvas.queryComponent().getExtents(self.pyatspi.WINDOW_COORDS)
        side = min(extents.width, extents.height)
        left = int(origin['X']) + extents.x + (extents.width - side) / 2
        top = int(origin['Y']) + extents.y + (extents.height - side) / 2
        for stroke in strokes:
            # Many small moves, so that the drag reports a path and not a jump.
            path = []
            for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
                path += [(x0 + (x1 - x0) * t / 8, y0 + (y1 - y0) * t / 8) for t in range(8)]
            path.append(stroke[-1])
            command = ['xdotool', 'mousemove', str(round(left + path[0][0] * side)), str(round(top + path[0][1] * side)),
                       'mousedown', '1']
            for x, y in path[1:]:
                command += ['mousemove', str(round(left + x * side)), str(round(top + y * side)), 'sleep', '0.01']
            command += ['mouseup', '1']
            subprocess.run(command, check=True, timeout=DEADLINE_SECONDS)


def ready_window(executable, args=(), env=None):
    """Starts the window and waits until the digits are loaded and it has the focus."""
    window = Window(executable, list(args), env or os.environ.copy())
    try:
        window.find('the loaded digits', lambda a: a.getRoleName() == 'push button'
                    and a.name == 'Start training'
                    and a.getState().contains(window.pyatspi.STATE_SENSITIVE))
        window.focus()
    except BaseException:
        window.close()
        raise
    return window


def test_play(executable):
    """Space starts training and the samples counter grows; Space again pauses it."""
    window = ready_window(executable)
    try:
        before = window.count('Samples seen')
        window.key('space')
        first = wait_for('training to start', lambda: (lambda n: n if n > before else None)(window.count('Samples seen')))
        wait_for('the counter to keep growing', lambda: window.count('Samples seen') > first)
        window.key('space')
        wait_for('training to pause', lambda: window.text(window.figure('Samples per second')) == 'Paused')
        paused = window.count('Samples seen')
        time.sleep(0.5)
        if window.count('Samples seen') != paused:
            raise TestFailure('the counter went on growing after the pause')
    finally:
        window.close()


def test_space_on_slider(executable):
    """Space still trains when the focus is on something that does not use it, the slider."""
    window = ready_window(executable)
    try:
        window.key('alt+l', 'Tab')
        window.find('the focus on the learning-rate slider', lambda a: a.getRoleName() == 'slider'
                    and a.getState().contains(window.pyatspi.STATE_FOCUSED))
        window.key('space')
        wait_for('training to start', lambda: window.count('Samples seen') > 0)
    finally:
        window.close()


def test_step(executable):
    """→ trains on exactly one sample, and so does N."""
    window = ready_window(executable)
    try:
        before = window.count('Samples seen')
        window.key('Right')
        wait_for('one step', lambda: window.count('Samples seen') == before + 1)
        time.sleep(0.5)
        if window.count('Samples seen') != before + 1:
            raise TestFailure('→ trained on more than one sample: %d' % window.count('Samples seen'))
        window.key('n')
        wait_for('a second step', lambda: window.count('Samples seen') == before + 2)
    finally:
        window.close()


def test_relu(executable):
    """Switching to ReLU (with its mnemonic, Alt+E) sets the learning rate to 0.05."""
    window = ready_window(executable)
    try:
        rate = window.find('the learning rate', lambda a: a.getRoleName() == 'spin button')
        if abs(rate.queryValue().currentValue - 0.30) > 1e-9:
            raise TestFailure('Sigmoid starts with a learning rate of %g, not 0.30' % rate.queryValue().currentValue)
        window.key('alt+e')
        wait_for('the learning rate to become 0.05', lambda: abs(rate.queryValue().currentValue - 0.05) < 1e-9)
        window.find('He marked as suiting ReLU', lambda a: a.getRoleName() in ('check box', 'radio button')
                    and a.name == 'He (suits ReLU)'
                    and a.getState().contains(window.pyatspi.STATE_CHECKED))

        # A rate tried with ReLU (as lesson 6 does) does not stick to the next switch: back to
        # Sigmoid gives 0.30, and ReLU again gives 0.05.
        rate.queryValue().currentValue = 0.30
        wait_for('the learning rate to become 0.30', lambda: abs(rate.queryValue().currentValue - 0.30) < 1e-9)
        sigmoid = window.find('the Sigmoid button', lambda a: a.getRoleName() in ('check box', 'radio button') and a.name == 'Sigmoid')
        window.key('alt+s')
        wait_for('Sigmoid to get 0.30', lambda: abs(rate.queryValue().currentValue - 0.30) < 1e-9
                 and sigmoid.getState().contains(window.pyatspi.STATE_CHECKED))
        window.key('alt+e')
        wait_for('ReLU to get 0.05 again', lambda: abs(rate.queryValue().currentValue - 0.05) < 1e-9)
    finally:
        window.close()


def test_reset(executable):
    """Ctrl+R starts again from fresh weights: the samples counter goes back to zero."""
    window = ready_window(executable)
    try:
        window.key('n', 'n', 'n')
        wait_for('three steps', lambda: window.count('Samples seen') == 3)
        window.key('ctrl+r')
        wait_for('the counter to go back to zero', lambda: window.count('Samples seen') == 0)
    finally:
        window.close()


def write_relu_network(path, layers, samples_seen=0):
    network = {'format': 'neurons-network', 'version': 1, 'layer_sizes': [784, 16, 16, 10],
               'hidden_activation': 'relu', 'output_activation': 'sigmoid', 'cost': 'quadratic',
               'initialization': 'he', 'learning_rate': 0.05, 'seed': 7, 'samples_seen': samples_seen,
               'layers': layers}
    with open(path, 'w') as file:
        json.dump(network, file)


def layer(n_out, n_in, weight, bias=0.0):
    """A layer whose weight from input i to neuron j is weight(i, j)."""
    return {'weights': [[weight(i, j) for i in range(n_in)] for j in range(n_out)], 'biases': [bias] * n_out}


def write_diverging_network(path):
    """A network whose first step overflows: huge positive weights into the hidden layers, and
    into the outputs huge weights of both signs, whose infinite sums make NaN."""
    write_relu_network(path, [layer(16, 784, lambda i, j: 1e18),
                              layer(16, 16, lambda i, j: 1e18),
                              layer(10, 16, lambda i, j: -1e18 if (i + j) % 2 else 1e18)])


def write_dead_network(path):
    """A network whose first-layer ReLU neurons can never fire: their biases are far below
    anything the pixels can make up for, and so they get no gradient to recover with."""
    write_relu_network(path, [layer(16, 784, lambda i, j: 0.01 * ((i + j) % 3 - 1), bias=-1000.0),
                              layer(16, 16, lambda i, j: 0.1 * ((i + j) % 3 - 1)),
                              layer(10, 16, lambda i, j: 0.1 * ((i + j) % 3 - 1))])


def test_diverged(executable):
    """When training diverges it stops, a banner says why, and Ctrl+R starts again."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'diverging.json')
        write_diverging_network(path)
        window = ready_window(executable, [path])
        try:
            play = window.find('the Play button', lambda a: a.getRoleName() == 'push button'
                               and a.name == 'Start training')
            window.key('space')
            banner = window.find('the divergence banner', lambda a: a.getRoleName() == 'label'
                                 and window.text(a).startswith('Training stopped'))
            wait_for('the banner to open', lambda: window.revealed(banner))
            if 'too high for ReLU' not in window.text(banner):
                raise TestFailure('the banner does not name the cause: %s' % window.text(banner))
            wait_for('Play to be disabled', lambda: not play.getState().contains(window.pyatspi.STATE_SENSITIVE))
            window.key('ctrl+r')
            wait_for('Play to be enabled again', lambda: play.getState().contains(window.pyatspi.STATE_SENSITIVE))
            wait_for('the banner to close', lambda: not window.revealed(banner))
            window.key('n')
            wait_for('a step from the fresh weights', lambda: window.count('Samples seen') == 1)
        finally:
            window.close()


def test_dead_relu(executable):
    """When every first-layer ReLU neuron has died, a banner says the network cannot learn."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'dead.json')
        write_dead_network(path)
        window = ready_window(executable, [path])
        try:
            is_banner = lambda a: (a.getRoleName() == 'label'
                                   and window.text(a).startswith('Every neuron of the first hidden layer'))
            # A closed AdwBanner leaves its text out of the accessible tree, or shrinks to nothing.
            if any(window.revealed(label) for label in window.all(is_banner)):
                raise TestFailure('the banner is open before any training')
            window.key('space')
            banner = window.find('the dead-neuron banner', is_banner)
            wait_for('the banner to open', lambda: window.revealed(banner))
            window.key('space', 'ctrl+r')
            wait_for('the banner to close after a reset', lambda: not window.revealed(banner))
        finally:
            window.close()


def test_open_file(executable):
    """A network file given on the command line replaces the fresh network, settings and all."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'trained.json')
        small = lambda i, j: 0.01 * ((i * 7 + j * 3) % 5 - 2)
        write_relu_network(path, [layer(16, 784, small), layer(16, 16, small), layer(10, 16, small)],
                           samples_seen=1234)
        window = ready_window(executable, [path])
        try:
            wait_for('the file’s sample count', lambda: window.count('Samples seen') == 1234)
            # The activation and initialisation are those of the file. (Wide windows show
            # them in the sidebar's choices only: their header holds the view switcher.)
            wait_for('the file’s activation', lambda: checked(window, 'ReLU'))
            wait_for('the file’s initialisation', lambda: checked(window, 'He (suits ReLU)'))
            rate = window.find('the learning rate', lambda a: a.getRoleName() == 'spin button')
            if abs(rate.queryValue().currentValue - 0.05) > 1e-9:
                raise TestFailure('the file’s learning rate was not taken: %g' % rate.queryValue().currentValue)
            window.key('n')
            wait_for('training to go on from the file', lambda: window.count('Samples seen') == 1235)
        finally:
            window.close()


def test_bad_file(executable):
    """A network file that cannot be read is refused with the reason, and the window stays."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'broken.json')
        with open(path, 'w') as file:
            file.write('{"format": "neurons-network", "layers": [')
        window = Window(executable, [path], os.environ.copy())
        try:
            heading = window.find('the error dialog', lambda a: a.getRoleName() == 'label'
                                  and window.text(a) == 'Could Not Open “broken.json”')
            dialog = heading
            while dialog.getRoleName() not in ('dialog', 'alert', 'frame'):
                dialog = dialog.parent
            body = window._first(dialog, lambda a: a.getRoleName() == 'label' and 'broken.json' in window.text(a)
                                 and a is not heading and window.text(a) != window.text(heading))
            if body is None or len(window.text(body)) < 20:
                raise TestFailure('the dialog does not say what is wrong with the file')
            window.figure('Samples seen')
        finally:
            window.close()


def test_missing_data(executable):
    """A data folder without the digits shows an error page with the loader's reason."""
    with tempfile.TemporaryDirectory() as directory:
        window = Window(executable, ['--data', directory], os.environ.copy())
        try:
            window.find('the error page', lambda a: a.getRoleName() == 'label'
                        and window.text(a) == 'The Handwritten Digits Could Not Be Loaded')
            window.find('the loader’s reason, naming the folder', lambda a: a.getRoleName() == 'label'
                        and directory in window.text(a))
        finally:
            window.close()


# Digits as a person draws them with a mouse, in the canvas's unit square.
ONE = [[(0.52, 0.15), (0.50, 0.5), (0.48, 0.85)]]
SEVEN = [[(0.25, 0.18), (0.5, 0.17), (0.75, 0.18), (0.62, 0.45), (0.48, 0.85)]]


def trained_window(executable):
    """A window whose network has trained until it reads nine test images in ten."""
    window = ready_window(executable)
    try:
        window.full_speed()
        # Space would go to the speed button, which has the focus now: press Play itself.
        play_button(window).queryAction().doAction(0)
        wait_for('a test set accuracy of 90 %', lambda: (lambda text: re.match(r'^\d', text) and float(text.split()[0]) >= 90)(
            window.text(window.figure('Test set accuracy'))), timeout=60)
    except BaseException:
        window.close()
        raise
    return window


def settled(window, what, accessible):
    """Waits until the accessible is on screen and stays where it is for a tenth of a second:
    the window may still be laying out what a key just changed."""
    last = []

    def probe():
        extents = accessible.queryComponent().getExtents(window.pyatspi.WINDOW_COORDS)
        now = (extents.x, extents.y, extents.width, extents.height)
        still = last == [now] and extents.width > 0
        last[:] = [now]
        return still

    wait_for('%s to settle on screen' % what, probe)


def network_view(window):
    return window.find('the network diagram', lambda a: a.name == 'Network diagram')


def play_button(window):
    """The Play button, named for what it does next: "Start training" while paused.
    (In draw mode the figures beside the network make way for the canvas.)"""
    return window.find('the Play button', lambda a: a.getRoleName() == 'push button'
                       and a.name in ('Start training', 'Pause training'))


def test_draw(executable):
    """D shows the canvas, and a 1 and a 7 drawn with the mouse are read as such; C clears the
    canvas, Ctrl+Z takes back the last stroke, and what cannot be pasted is said in a toast."""
    window = trained_window(executable)
    try:
        # The mouse draws where the canvas is: the lessons must not be folding away over it.
        lessons = window.find('the Lessons button', lambda a: a.getRoleName() in ('push button', 'toggle button')
                              and a.name == 'Lessons')
        if lessons.getState().contains(window.pyatspi.STATE_PRESSED):
            window.key('F9')
        window.key('d')
        canvas = window.find('the drawing canvas', lambda a: a.name == 'Drawing canvas')
        wait_for('training to pause', lambda: play_button(window).name == 'Start training')
        settled(window, 'the canvas', canvas)
        window.draw(canvas, *ONE)
        wait_for('a 1 to be read as 1 (%s)' % canvas.description, lambda: canvas.description.startswith('Prediction: 1,'))
        if not network_view(window).description.startswith('Prediction: 1, true label unknown'):
            raise TestFailure('the network view does not follow the drawing: %s' % network_view(window).description)
        window.key('c')
        wait_for('the canvas to clear', lambda: canvas.description == 'Draw a digit')
        window.draw(canvas, *SEVEN)
        wait_for('a 7 to be read as 7 (%s)' % canvas.description, lambda: canvas.description.startswith('Prediction: 7,'))
        window.key('ctrl+z')
        wait_for('the stroke to be taken back', lambda: canvas.description == 'Draw a digit')
        # What the canvas cannot use, it says in a toast: here an empty clipboard.
        window.key('ctrl+v')
        window.find('the toast about the empty clipboard', lambda a: a.getRoleName() == 'label'
                    and window.text(a).startswith('There is no picture to paste'))
    finally:
        window.close()


def test_draw_restores(executable):
    """Draw mode pauses training and D again resumes it; a paused network gets its sample back."""
    window = ready_window(executable)
    try:
        window.key('space')
        wait_for('training to start', lambda: window.count('Samples seen') > 0)
        play = play_button(window)
        window.key('d')
        wait_for('training to pause', lambda: play.name == 'Start training')
        window.key('d')
        wait_for('training to resume', lambda: play.name == 'Pause training')
        running = window.count('Samples seen')
        wait_for('the counter to grow again', lambda: window.count('Samples seen') > running)

        window.key('space')
        wait_for('training to pause', lambda: window.text(window.figure('Samples per second')) == 'Paused')
        view = network_view(window)
        shown = view.description
        if 'true label: ' not in shown:
            raise TestFailure('the network does not show a training sample: %s' % shown)
        window.key('d')
        wait_for('the drawing on show', lambda: 'true label unknown' in view.description)
        window.key('d')
        wait_for('the training sample back on show', lambda: view.description == shown)
        time.sleep(0.5)
        if play.name != 'Start training':
            raise TestFailure('training resumed after draw mode, though it was paused before')
    finally:
        window.close()


def test_draw_leaves(executable):
    """Play in draw mode ends it and trains, the training sample back on show; switching to
    another page ends it too, and training that ran before resumes."""
    window = ready_window(executable)
    try:
        play = play_button(window)
        draw = window.find('the Draw button', lambda a: a.getRoleName() in ('push button', 'toggle button')
                           and a.name.startswith('Draw a digit'))
        drawing = lambda: draw.getState().contains(window.pyatspi.STATE_PRESSED)
        view = network_view(window)
        window.key('d')
        wait_for('draw mode', drawing)
        wait_for('the drawing on show', lambda: 'true label unknown' in view.description)
        play.queryAction().doAction(0)
        wait_for('draw mode to end', lambda: not drawing())
        wait_for('training to run', lambda: play.name == 'Pause training')
        wait_for('a training sample on show', lambda: 'true label: ' in view.description)

        window.key('d')
        wait_for('draw mode', drawing)
        wait_for('training to pause', lambda: play.name == 'Start training')
        window.key('alt+2')
        wait_for('draw mode to end', lambda: not drawing())
        wait_for('training to resume', lambda: play.name == 'Pause training')
    finally:
        window.close()


def test_test_page(executable):
    """Alt+3 shows the test bench; an image picked there with the keyboard is put through the
    network on the Network page, with training paused."""
    window = trained_window(executable)
    try:
        window.key('alt+3')
        window.find('the Test page', lambda a: a.getRoleName() == 'page tab' and a.name == 'Test'
                    and a.getState().contains(window.pyatspi.STATE_SELECTED))
        # GTK 4.8 offers no AT-SPI action or focus grab on the images: Tab to one, as people do.
        image = None
        for _ in range(80):
            window.key('Tab')
            image = window._first(window.app, lambda a: a.getState().contains(window.pyatspi.STATE_FOCUSED)
                                  and a.getRoleName() == 'push button' and a.name.startswith('Test image '))
            if image is not None:
                break
        if image is None:
            raise TestFailure('Tab never reached an image of the test bench')
        label = re.match(r'Test image \d+, a (\d)', image.name).group(1)
        window.key('Return')
        wait_for('training to pause', lambda: play_button(window).name == 'Start training')
        window.find('the Network page', lambda a: a.getRoleName() == 'page tab' and a.name == 'Network'
                    and a.getState().contains(window.pyatspi.STATE_SELECTED))
        view = network_view(window)
        wait_for('the image in the network view', lambda: view.description.endswith('true label: ' + label))
    finally:
        window.close()


def in_window_dialog(window, title):
    """A dialog shown inside the window (an AdwDialog), found by its title once it is on show."""
    return window.find('the “%s” dialog' % title, lambda a: a.getRoleName() in ('dialog', 'alert')
                       and a.name == title and a.getState().contains(window.pyatspi.STATE_SHOWING))


def dialog_window_id(title):
    """The X window of a dialog of its own, such as GTK's file chooser, found by its title."""
    return wait_for('the “%s” window' % title, lambda: subprocess.run(
        ['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % title],
        capture_output=True, text=True).stdout.split())[0]


def press(window, what, name):
    """Activates a button through AT-SPI, as a screen reader would: one whose name has the
    word, since a dialog's buttons may be named with their mnemonic as well ("_Cancel Cancel"),
    and newer AT-SPI calls the role "button" rather than "push button"."""
    button = window.find(what, lambda a: a.getRoleName() in ('push button', 'button') and name in a.name.split())
    button.queryAction().doAction(0)


def test_save_file(executable):
    """Ctrl+S asks where to save (GTK's own file dialog, typed into as a person would), writes
    the network there, and the sidebar names the file until more training makes it unsaved."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'three.neurons.json')
        window = ready_window(executable)
        try:
            window.key('n', 'n', 'n')
            wait_for('three steps', lambda: window.count('Samples seen') == 3)
            window.find('the unsaved marker', lambda a: a.getRoleName() == 'label'
                        and window.text(a) == 'Unsaved progress')
            window.key('ctrl+s')
            subprocess.run(['xdotool', 'windowfocus', '--sync', dialog_window_id('Save Network')],
                           check=True, timeout=DEADLINE_SECONDS)
            window.key('ctrl+a')
            subprocess.run(['xdotool', 'type', '--delay', '20', path], check=True, timeout=DEADLINE_SECONDS)
            window.key('Return')
            wait_for('the file', lambda: os.path.exists(path))
            with open(path) as file:
                saved = json.load(file)
            if saved['samples_seen'] != 3 or saved['layer_sizes'] != [784, 16, 16, 10]:
                raise TestFailure('the file does not hold the network: %s'
                                  % {key: saved[key] for key in ('samples_seen', 'layer_sizes')})
            caption = window.find('the file name in the sidebar', lambda a: a.getRoleName() == 'label'
                                  and window.text(a) == 'Saved as three.neurons.json')
            window.focus()
            window.key('n')
            wait_for('the unsaved marker again', lambda: window.text(caption) == 'Unsaved progress · three.neurons.json')
        finally:
            window.close()


def test_unsaved_quit(executable):
    """Ctrl+Q after training asks whether to save; Cancel keeps the window, Discard quits."""
    window = ready_window(executable)
    try:
        window.key('n', 'n')
        wait_for('two steps', lambda: window.count('Samples seen') == 2)
        window.key('ctrl+q')
        heading = window.find('the unsaved-progress question', lambda a: a.getRoleName() == 'label'
                              and window.text(a) == 'Save Progress?')
        window.find('the number of samples at stake', lambda a: a.getRoleName() == 'label'
                    and window.text(a).startswith('The network has learned from 2 samples.'))
        press(window, 'the Cancel button', 'Cancel')
        time.sleep(0.5)
        if window.process.poll() is not None:
            raise TestFailure('Cancel quit the application')
        if window.count('Samples seen') != 2:
            raise TestFailure('Cancel lost the progress')
        window.focus()
        window.key('ctrl+q')
        window.find('the question again', lambda a: a.getRoleName() == 'label' and window.text(a) == 'Save Progress?'
                    and a is not heading)
        press(window, 'the Discard button', 'Discard')
        wait_for('the application to quit', lambda: window.process.poll() is not None)
    finally:
        window.close()


FASHION_CLASSES = ('T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
                   'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot')


def test_fashion(executable):
    """Preferences switch the dataset to Fashion-MNIST: a fresh network, and the network view
    names classes of clothes instead of digits."""
    window = ready_window(executable)
    try:
        view = window.find('the network diagram', lambda a: a.name == 'Network diagram')
        if not re.match(r'^Prediction: \d, true label: \d', view.description):
            raise TestFailure('the digits are not named as digits: %s' % view.description)
        window.key('n')
        wait_for('a step', lambda: window.count('Samples seen') == 1)
        window.key('ctrl+comma')
        in_window_dialog(window, 'Preferences')
        window.key('alt+c')
        wait_for('a class of clothes in the network view', lambda: any(
            'true label: ' + name in view.description for name in FASHION_CLASSES))
        wait_for('a fresh network', lambda: window.count('Samples seen') == 0)
    finally:
        window.close()


# The lessons pane (src/neurons-lessons-pane.c) and its Try-it buttons (src/neurons-window-lessons.c).
# GTK 4.8 marks no showing state on the pane's widgets, so the lesson on show is read from the
# button that lists the lessons ("Lesson 6 of 9"), and what is on screen from its extents.

def on_screen(window, accessible):
    extents = accessible.queryComponent().getExtents(window.pyatspi.WINDOW_COORDS)
    return extents.x >= 0 and extents.width > 0


def lesson_on_show(window):
    button = window.find('the list of lessons', lambda a: a.getRoleName() == 'push button'
                         and re.match(r'^Lesson \d+ of \d+$', a.name or ''))
    return int(re.match(r'^Lesson (\d+)', button.name).group(1))


def show_lessons(window):
    """Shows the lessons if they are hidden: in a window too narrow for them beside the
    network, they cover it, and make way for what a Try-it button sets up."""
    toggle = window.find('the Lessons button', lambda a: a.getRoleName() in ('push button', 'toggle button')
                         and a.name == 'Lessons')
    if not toggle.getState().contains(window.pyatspi.STATE_PRESSED):
        toggle.queryAction().doAction(0)
        wait_for('the lessons on show', lambda: toggle.getState().contains(window.pyatspi.STATE_PRESSED))


def open_lesson(window, number):
    """Turns the lessons' pages with Next up to lesson number."""
    show_lessons(window)
    next_button = window.find('the Next button', lambda a: a.getRoleName() == 'push button'
                              and a.name == 'Next lesson')
    while lesson_on_show(window) < number:
        shown = lesson_on_show(window)
        next_button.queryAction().doAction(0)
        wait_for('lesson %d' % (shown + 1), lambda: lesson_on_show(window) == shown + 1)


def try_it(window, name):
    """Presses a Try-it button, as a screen reader would."""
    button = window.find('the “%s” button' % name, lambda a: a.getRoleName() == 'push button' and a.name == name)
    button.queryAction().doAction(0)


def wait_for_toast(window, text):
    window.find_showing('the toast “%s”' % text, lambda a: a.getRoleName() == 'label' and window.text(a) == text)


def checked(window, name):
    """Whether the check or radio button of that name is checked."""
    button = window.find('the “%s” choice' % name, lambda a: a.getRoleName() in ('check box', 'radio button')
                         and a.name == name)
    return button.getState().contains(window.pyatspi.STATE_CHECKED)


def learning_rate(window):
    return window.find('the learning rate', lambda a: a.getRoleName() == 'spin button').queryValue().currentValue


def test_lessons_pane(executable):
    """The lessons are beside the network from the start, their titles headings; F9 hides and
    shows them; Next and Previous turn their pages."""
    window = ready_window(executable)
    try:
        heading = window.find('the first lesson', lambda a: a.getRoleName() == 'heading'
                              and window.text(a) == 'A Chain of Voters')
        toggle = window.find('the Lessons button', lambda a: a.getRoleName() in ('push button', 'toggle button')
                             and a.name == 'Lessons')
        wait_for('the first lesson on screen', lambda: on_screen(window, heading))
        window.key('F9')
        wait_for('F9 to hide the lessons', lambda: not on_screen(window, heading)
                 and not toggle.getState().contains(window.pyatspi.STATE_PRESSED))
        window.key('F9')
        wait_for('F9 to show the lessons again', lambda: on_screen(window, heading)
                 and toggle.getState().contains(window.pyatspi.STATE_PRESSED))
        open_lesson(window, 7)
        window.find('the heading of lesson 7', lambda a: a.getRoleName() == 'heading' and window.text(a) == 'Did It Learn?')
        previous = window.find('the Previous button', lambda a: a.getRoleName() == 'push button'
                               and a.name == 'Previous lesson')
        previous.queryAction().doAction(0)
        wait_for('lesson 6', lambda: lesson_on_show(window) == 6)
    finally:
        window.close()


def test_lessons_fresh(executable):
    """Lesson 1's button starts the network Neurons opens with, lesson 2's switch the activation
    with its initialisation and rate, and lesson 4's trains fresh weights at 100 digits a second."""
    window = ready_window(executable)
    try:
        window.key('alt+e', 'n', 'n')
        wait_for('ReLU, two steps in', lambda: checked(window, 'ReLU') and window.count('Samples seen') == 2)
        try_it(window, 'Start a Fresh Network')
        wait_for('Sigmoid checked', lambda: checked(window, 'Sigmoid'))
        wait_for('Xavier checked', lambda: checked(window, 'Xavier (suits Sigmoid)'))
        wait_for('a learning rate of 0.30', lambda: abs(learning_rate(window) - 0.30) < 1e-9)
        wait_for('fresh weights', lambda: window.count('Samples seen') == 0)
        wait_for_toast(window, 'A fresh network, as Neurons starts: Sigmoid, Xavier initialisation, '
                       'learning rate 0.30. Press Play to train.')

        open_lesson(window, 2)
        try_it(window, 'Use ReLU')
        wait_for('ReLU checked', lambda: checked(window, 'ReLU'))
        wait_for('He checked', lambda: checked(window, 'He (suits ReLU)'))
        wait_for('a learning rate of 0.05', lambda: abs(learning_rate(window) - 0.05) < 1e-9)
        wait_for_toast(window, 'A fresh network with ReLU, He initialisation and learning rate 0.05.')
        try_it(window, 'Use Sigmoid')
        wait_for('Sigmoid checked', lambda: checked(window, 'Sigmoid'))
        wait_for('a learning rate of 0.30', lambda: abs(learning_rate(window) - 0.30) < 1e-9)

        open_lesson(window, 4)
        try_it(window, 'Watch the Tiles Learn')
        window.find('the speed at 100 per second', lambda a: a.name == 'Training speed: 100/s')
        wait_for('training at 100 digits per second', lambda: window.count('Samples seen') > 100)
        wait_for_toast(window, 'A fresh network, training at 100 digits per second: watch the tiles.')
    finally:
        window.close()


def test_lessons_init(executable):
    """Lesson 3's buttons start again from each initialisation, keeping the activation and rate."""
    window = ready_window(executable)
    try:
        open_lesson(window, 3)
        window.key('n', 'n')
        wait_for('two steps', lambda: window.count('Samples seen') == 2)
        try_it(window, 'Start with He initialisation')
        wait_for('He checked', lambda: checked(window, 'He'))
        wait_for('fresh weights', lambda: window.count('Samples seen') == 0)
        wait_for_toast(window, 'Fresh weights with He initialisation: compare the tiles and their colour scale.')
        try_it(window, 'Start with Uniform initialisation')
        wait_for('Uniform checked', lambda: checked(window, 'Uniform'))
        if not checked(window, 'Sigmoid') or abs(learning_rate(window) - 0.30) > 1e-9:
            raise TestFailure('the activation or the learning rate changed with the initialisation')
        try_it(window, 'Start with Xavier initialisation')
        wait_for('Xavier checked', lambda: checked(window, 'Xavier (suits Sigmoid)'))
    finally:
        window.close()


def test_lessons_step(executable):
    """Lesson 5's buttons take one step, paused, then train one digit per second."""
    window = ready_window(executable)
    try:
        open_lesson(window, 5)
        before = window.count('Samples seen')
        try_it(window, 'Take One Step')
        wait_for('one step', lambda: window.count('Samples seen') == before + 1)
        wait_for_toast(window, 'Paused, then trained on one digit. Press → or N for the next.')
        if window.text(window.figure('Samples per second')) != 'Paused':
            raise TestFailure('training runs after one step')
        try_it(window, 'Train One Digit per Second')
        window.find('the speed at 1 per second', lambda a: a.name == 'Training speed: 1/s')
        wait_for('training at 1 digit per second', lambda: window.count('Samples seen') >= before + 3)
    finally:
        window.close()


def test_lessons_rates(executable):
    """Lesson 6's buttons: ReLU at 0.30 trains at full speed from fresh weights and kills
    first-layer neurons, as the lesson says; Sigmoid at 3.0 and ReLU at 0.05 set what they name."""
    window = ready_window(executable)
    try:
        open_lesson(window, 6)
        # The toast first: it goes away after a few seconds, and a loaded machine polls slowly.
        try_it(window, 'ReLU at learning rate 0.30')
        wait_for_toast(window, 'A fresh network with ReLU at learning rate 0.30, training at full speed.')
        wait_for('ReLU checked', lambda: checked(window, 'ReLU'))
        wait_for('He checked', lambda: checked(window, 'He (suits ReLU)'))
        wait_for('a learning rate of 0.30', lambda: abs(learning_rate(window) - 0.30) < 1e-9)
        wait_for('an epoch of training', lambda: window.count('Samples seen') > 60000, timeout=60)
        tiles = window.find('the weight tiles', lambda a: a.name.startswith('First-layer weights')
                            and ' dead' in (a.description or ''))
        wait_for('several dead neurons', lambda: int(re.search(r'(\d+) dead', tiles.description).group(1)) >= 3)

        try_it(window, 'Sigmoid at learning rate 3.0')
        wait_for_toast(window, 'A fresh network with Sigmoid at learning rate 3.0, training at full speed.')
        wait_for('Sigmoid checked', lambda: checked(window, 'Sigmoid'))
        wait_for('Xavier checked', lambda: checked(window, 'Xavier (suits Sigmoid)'))
        wait_for('a learning rate of 3.0', lambda: abs(learning_rate(window) - 3.0) < 1e-9)

        try_it(window, 'ReLU at learning rate 0.05')
        wait_for('a learning rate of 0.05', lambda: abs(learning_rate(window) - 0.05) < 1e-9)
        wait_for('ReLU checked', lambda: checked(window, 'ReLU'))
    finally:
        window.close()


def test_lessons_test_page(executable):
    """Lesson 7's button shows the Test page."""
    window = ready_window(executable)
    try:
        open_lesson(window, 7)
        try_it(window, 'Show the Test Page')
        # Pages that are not on show are hidden from screen readers, the test bench with them.
        bench = window.find('the test bench', lambda a: a.name == 'Test bench')
        wait_for('the test bench on screen', lambda: on_screen(window, bench))
        wait_for_toast(window, 'The Test page: the test panel and the confusion matrix.')
    finally:
        window.close()


def test_lessons_draw(executable):
    """Lesson 9's button enters draw mode, which pauses training."""
    window = ready_window(executable)
    try:
        open_lesson(window, 9)
        window.key('space')
        wait_for('training to start', lambda: window.count('Samples seen') > 0)
        try_it(window, 'Draw a Digit')
        canvas = window.find('the drawing canvas', lambda a: a.name == 'Drawing canvas')
        wait_for('the canvas on screen', lambda: canvas.queryComponent().getExtents(window.pyatspi.WINDOW_COORDS).width > 100)
        wait_for('training to pause', lambda: play_button(window).name == 'Start training')
        wait_for_toast(window, 'Draw mode: draw a digit with the mouse, a finger, or the arrow keys and Space.')
    finally:
        window.close()


def test_hover_mark(executable):
    """Pointing at a first-layer tile marks that neuron's weighted sum on lesson 2's activation
    curves, and the mark goes when the pointer leaves; choosing a neuron from the keyboard
    marks it too."""
    window = ready_window(executable)
    try:
        open_lesson(window, 2)
        curves = window.find('lesson 2’s activation curves',
                             lambda a: 'The network uses' in (a.description or ''))
        if 'weighted sum is' in curves.description:
            raise TestFailure('the curves are marked before any neuron is chosen: %r' % curves.description)
        tiles = window.find('the weight tiles', lambda a: a.name.startswith('First-layer weights')
                            and a.getRoleName() in ('panel', 'grouping'))
        window_id = window.window_id()
        geometry = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window_id],
                                  capture_output=True, text=True, check=True).stdout
        origin = dict(line.split('=') for line in geometry.split())
        extents = tiles.queryComponent().getExtents(window.pyatspi.WINDOW_COORDS)
        # The middle of the first of the 4 × 4 tiles
        x = int(origin['X']) + extents.x + extents.width // 8
        y = int(origin['Y']) + extents.y + extents.width // 8
        subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'sleep', '0.1',
                        'mousemove', str(x + 2), str(y + 2)], check=True, timeout=DEADLINE_SECONDS)
        wait_for('the weighted sum marked on the curves',
                 lambda: re.search(r'weighted sum is -?\d+\.\d\d', curves.description or '') is not None)
        subprocess.run(['xdotool', 'mousemove', '0', '0'], check=True, timeout=DEADLINE_SECONDS)
        wait_for('the mark to go with the pointer',
                 lambda: 'weighted sum is' not in (curves.description or ''))

        # From the keyboard: Tab to the diagram, then an arrow key moves the selection, and the
        # mark follows it (the pointer resting over the window must not undo it).
        diagram = None
        for _ in range(80):
            window.key('Tab')
            diagram = window._first(window.app, lambda a: a.getState().contains(window.pyatspi.STATE_FOCUSED)
                                    and a.name == 'Network diagram')
            if diagram is not None:
                break
        if diagram is None:
            raise TestFailure('Tab never reached the network diagram')
        window.key('Down')
        wait_for('the second neuron chosen', lambda: 'neuron 2 selected' in (diagram.description or ''))
        wait_for('the weighted sum marked again',
                 lambda: re.search(r'weighted sum is -?\d+\.\d\d', curves.description or '') is not None)
    finally:
        window.close()


def open_race_dialog(window):
    """Opens the race dialog with its shortcut (the main menu's items have no names that the
    tests' pyatspi can read)."""
    window.focus()
    window.key('ctrl+shift+r')
    return in_window_dialog(window, 'Race Two Networks')


RACE_RESULT = re.compile(r'^(?:(?P<winner>[\w ]+) won by (?P<lead>\d+\.\d) points: (?P<won>\d+\.\d) % against '
                         r'(?P<lost>\d+\.\d) %|A tie: both reached \d+\.\d %) after (?P<samples>[\d,]+) samples$')


def run_race(window, dialog, preset, samples):
    """Picks a preset and a sample count in the race dialog, starts the race and returns the
    sentence that says who won."""
    preset_row = window._first(dialog, lambda a: a.getRoleName() == 'combo box' and a.name.startswith('Race'))
    if preset_row is not None and preset not in window.text_of_children(preset_row):
        raise TestFailure('the race dialog does not start with %s' % preset)
    # AdwSpinRow is not on the tests' AT-SPI tree: the count is typed, as a person would
    window.focus()
    window.key('alt+m', 'ctrl+a')
    subprocess.run(['xdotool', 'type', '--delay', '20', str(samples)], check=True, timeout=DEADLINE_SECONDS)
    window.key('Tab', 'alt+s')
    return window.text(window.find('the winner', lambda a: a.getRoleName() in ('label', 'status bar', 'status')
                                   and RACE_RESULT.match(window.text(a))))


def test_race(executable):
    """Ctrl+Shift+R, Race Two Networks: the "Sigmoid vs ReLU" race for 6,000 samples says who
    won, by how much and when; Escape goes back, and again leaves it for the window."""
    window = ready_window(executable)
    try:
        dialog = open_race_dialog(window)
        result = run_race(window, dialog, 'Sigmoid vs ReLU', 6000)
        match = RACE_RESULT.match(result)
        if match['samples'].replace(',', '') != '6000':
            raise TestFailure('the race ended after %s samples, not 6,000: %s' % (match['samples'], result))
        if match['winner'] is not None:
            if match['winner'] not in ('Sigmoid', 'ReLU'):
                raise TestFailure('the winner is neither network: %s' % result)
            lead = float(match['won']) - float(match['lost'])
            if not float(match['won']) > float(match['lost']) or abs(lead - float(match['lead'])) > 0.11:
                raise TestFailure('the lead does not add up: %s' % result)
        # Escape goes back to the choice of race, and again closes the dialog
        window.focus()
        window.key('Escape')
        window.find('the choice of race again', lambda a: a.getRoleName() in ('push button', 'button')
                    and 'Start Race' in a.name and a.getState().contains(window.pyatspi.STATE_SHOWING))
        window.key('Escape')
        wait_for('the dialog to close', lambda: window._first(window.app, lambda a: a.getRoleName() == 'dialog'
                                                              and a.getState().contains(window.pyatspi.STATE_SHOWING)) is None)
        window.count('Samples seen')
    finally:
        window.close()
def pick_preset(window, dialog, preset, position):
    """Picks the race at this position in the dialog's list with the keyboard, as a person
    would: Alt+R goes to the list, Space opens it, the arrows move to the race and Return
    takes it."""
    preset_row = window._first(dialog, lambda a: a.getRoleName() == 'combo box' and a.name.startswith('Race'))
    if preset_row is None:
        raise TestFailure('the race dialog has no list of races')
    window.focus()
    window.key('alt+r')
    time.sleep(0.5)
    window.key('space')
    time.sleep(0.5)
    window.key(*['Down'] * position)
    window.key('Return')
    wait_for('the race %s picked' % preset, lambda: preset in window.text_of_children(preset_row))


def test_race_sgd_adam(executable):
    """The "SGD vs Adam" race for 60,000 samples, picked from the list of races: the window
    names the winner, and the numbers are those neurons-cli race prints for the same race."""
    window = ready_window(executable)
    try:
        dialog = open_race_dialog(window)
        pick_preset(window, dialog, 'SGD vs Adam', 1)
        result = run_race(window, dialog, 'SGD vs Adam', 60000)
        match = RACE_RESULT.match(result)
        if match['samples'].replace(',', '') != '60000' or match['winner'] not in ('SGD', 'Adam'):
            raise TestFailure('the race did not name SGD or Adam the winner after 60,000 samples: %s' % result)
        # the window measures on 1,000 images every 2,000 samples, and the last on all
        rows = run_cli(executable, 'race', '--preset', 'sgd-adam', '--measured-images', '1000',
                       '--every', '2000').splitlines()
        last = rows[-1].split(',')
        sgd, adam = float(last[1]) * 100, float(last[2]) * 100
        expected = 'SGD' if sgd > adam else 'Adam'
        if last[0] != '60000' or match['winner'] != expected or \
                (float(match['won']), float(match['lost'])) != (round(max(sgd, adam), 1), round(min(sgd, adam), 1)):
            raise TestFailure('the window says “%s”, neurons-cli race ends with %s' % (result, rows[-1]))
    finally:
        window.close()


def accuracy_of(text):
    """The percentage in a text such as "91.2 %" or "After 200 samples: 31.5 % on the test set"."""
    found = re.search(r'(\d+(?:\.\d+)?) %', text or '')
    return float(found.group(1)) if found else None


def test_rewind(executable):
    """Train a while, then rewind with the keyboard on the timeline under the header to an
    early checkpoint: training pauses, and the window shows that checkpoint's lower test-set
    accuracy, measured for it; End goes back to the newest moment."""
    window = ready_window(executable)
    try:
        window.full_speed()
        play_button(window).queryAction().doAction(0)
        wait_for('a test set accuracy of 80 %', lambda: (accuracy_of(window.text(window.figure('Test set accuracy'))) or 0) >= 80,
                 timeout=60)
        timeline = window.find('the timeline', lambda a: a.getRoleName() == 'slider' and a.name == 'Training timeline')
        # Tab from the header bar's controls reaches the timeline under them.
        for _ in range(30):
            if timeline.getState().contains(window.pyatspi.STATE_FOCUSED):
                break
            window.key('Tab')
            time.sleep(0.1)
        wait_for('the focus on the timeline', lambda: timeline.getState().contains(window.pyatspi.STATE_FOCUSED))

        # Home is the first checkpoint, the untrained network; two steps on, 200 samples.
        window.key('Home', 'Right', 'Right')
        wait_for('training to pause', lambda: window.text(window.figure('Samples per second')) == 'Paused')
        wait_for('the network after 200 samples', lambda: window.count('Samples seen') == 200)
        label = window.find('the timeline’s text', lambda a: a.getRoleName() == 'label'
                            and window.text(a).startswith('After 200 samples'))
        early = wait_for('the accuracy after 200 samples',
                         lambda: accuracy_of(window.text(label)) if 'on the test set' in window.text(label) else None)
        wait_for('the test set figure to show it too',
                 lambda: accuracy_of(window.text(window.figure('Test set accuracy'))) == early)
        if not early < 80:
            raise TestFailure('after 200 samples the accuracy is %.1f %%, not lower than the trained one' % early)

        # End: back to the newest moment, as trained
        window.key('End')
        wait_for('the newest moment', lambda: window.count('Samples seen') > 200)
        wait_for('its accuracy again', lambda: (accuracy_of(window.text(window.figure('Test set accuracy'))) or 0) >= 80)
    finally:
        window.close()


def number_after(prefix, text):
    """The number a label shows after its prefix, e.g. 0.4513 in "a = σ(z) = 0.4513", in
    either decimal notation."""
    match = re.match(re.escape(prefix) + r'.*?(-?\d+[.,]\d+)$', text)
    if match is None:
        raise TestFailure('“%s” does not end in a number' % text)
    return float(match.group(1).replace(',', '.'))


def test_inspector(executable):
    """Enter on a pinned neuron of the diagram opens its inspector, whose z and a are those
    neurons-cli classify computes for the same network and image; a step adds δ and the steps
    of the weights."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'trained.json')
        run_cli(executable, 'train', '--steps', '300', '--out', path)
        window = ready_window(executable, [path])
        try:
            diagram = None
            for _ in range(80):
                window.key('Tab')
                diagram = window._first(window.app, lambda a: a.getState().contains(window.pyatspi.STATE_FOCUSED)
                                        and a.name == 'Network diagram')
                if diagram is not None:
                    break
            if diagram is None:
                raise TestFailure('Tab never reached the network diagram')
            window.key('Down', 'Down')
            wait_for('the third neuron chosen', lambda: 'neuron 3 selected' in (diagram.description or ''))
            window.key('Return')
            window.find('the neuron pinned', lambda a: a.getRoleName() == 'label'
                        and window.text(a).startswith('This is the linear contribution') and 'Pinned:' in window.text(a))
            window.key('Return')
            dialog = in_window_dialog(window, 'Inside a Neuron')
            spin = window.find('the neuron’s number', lambda a: a.getRoleName() == 'spin button' and a.name == 'Neuron')
            if spin.queryValue().currentValue != 3:
                raise TestFailure('the inspector shows neuron %g, not 3' % spin.queryValue().currentValue)

            def label_starting(prefix, pattern=''):
                return window.find('the “%s…” line' % prefix, lambda a: a.getRoleName() == 'label'
                                   and window.text(a).startswith(prefix) and re.match(pattern, window.text(a))
                                   and a.getState().contains(window.pyatspi.STATE_SHOWING))

            sample = window.text(label_starting('The sample on show is training image '))
            index = re.search(r'training image (\d+)', sample).group(1)
            z = number_after('z = ', window.text(label_starting('z = ', r'z = -?\d+[.,]\d+$')))
            a = number_after('a = ', window.text(label_starting('a = σ(z)')))
            fields = run_cli(executable, 'classify', path, '--training-image', index, '--neuron', '1:3').split('\t')
            expected_z, expected_a = float(fields[3]), float(fields[4])
            if abs(z - expected_z) > 6e-5 or abs(a - expected_a) > 6e-5:
                raise TestFailure('the inspector shows z = %g, a = %g for training image %s; neurons-cli '
                                  'classify says z = %g, a = %g' % (z, a, index, expected_z, expected_a))

            # → trains on one sample, and the inspector shows what the step did to the neuron
            window.key('Right')
            label_starting('δ = (Σ wₖⱼ δₖ) · σ′(z) = ')
            label_starting('w from pixel (row ')
            label_starting('bias b: ')
            wait_for('one sample trained', lambda: window.count('Samples seen') == 301)
            if not dialog.getState().contains(window.pyatspi.STATE_SHOWING):
                raise TestFailure('the inspector closed when the network took a step')
        finally:
            window.close()


def lesion_accuracy(window):
    """The lesion panel's test accuracy as (neurons silenced, images right, images), read once
    it has measured what is silenced now."""
    label = window.find('the lesion accuracy', lambda a: a.getRoleName() == 'label'
                        and window.text(a).startswith('Test accuracy with '))
    match = re.match(r'Test accuracy with (?:every neuron working|(\d+) neurons? silenced): '
                     r'[\d.]+ % \((\d+) of (\d+) images\)', window.text(label))
    if match is None:
        return None
    return int(match.group(1) or 0), int(match.group(2)), int(match.group(3))


def cli_correct(output):
    match = re.search(r'^Test accuracy: [\d.]+ % \((\d+) of (\d+) images\)', output, re.MULTILINE)
    if match is None:
        raise TestFailure('neurons-cli eval printed no accuracy:\n' + output)
    return int(match.group(1)), int(match.group(2))


def test_lesion(executable):
    """Silencing neurons from the keyboard (S on the chosen neuron) changes the test accuracy
    the lesion panel shows to exactly what neurons-cli eval --silence measures on the same
    network, and Restore All brings back the intact accuracy."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'trained.json')
        run_cli(executable, 'train', '--steps', '20000', '--out', path)
        intact = cli_correct(run_cli(executable, 'eval', path))
        one = cli_correct(run_cli(executable, 'eval', path, '--silence', '1:1'))
        two = cli_correct(run_cli(executable, 'eval', path, '--silence', '1:1,1:2'))
        if not two[0] < intact[0]:
            raise TestFailure('silencing two neurons costs nothing in neurons-cli: %r %r' % (intact, two))

        window = ready_window(executable, [path])
        try:
            lesion_button = window.find('the lesion button', lambda a: a.getRoleName() == 'toggle button'
                                        and a.name == 'Silence neurons')
            # Tab to the diagram: arriving from the keyboard chooses the first neuron of layer 1
            diagram = None
            for _ in range(80):
                window.key('Tab')
                diagram = window._first(window.app, lambda a: a.getState().contains(window.pyatspi.STATE_FOCUSED)
                                        and a.name == 'Network diagram')
                if diagram is not None:
                    break
            if diagram is None:
                raise TestFailure('Tab never reached the network diagram')
            wait_for('the first neuron chosen', lambda: 'neuron 1 selected' in (diagram.description or ''))
            window.key('s')
            wait_for('the neuron silenced', lambda: 'neuron 1 selected, silenced' in (diagram.description or ''))
            window.key('Down', 's')
            wait_for('the second neuron silenced', lambda: 'neuron 2 selected, silenced' in (diagram.description or ''))

            lesion_button.queryAction().doAction(0)
            shown = wait_for('the accuracy with two neurons silenced',
                             lambda: (lambda found: found if found and found[0] == 2 else None)(lesion_accuracy(window)))
            if shown[1:] != two:
                raise TestFailure('the window shows %d of %d right with neurons 1:1,1:2 silenced, '
                                  'neurons-cli eval --silence %d of %d' % (shown[1], shown[2], two[0], two[1]))

            # One back on with its switch in the panel: the other alone
            switch = window.find('the switch of neuron 2', lambda a: a.name.startswith('Neuron 2 of layer 1')
                                 and a.getRoleName() in ('list item', 'switch', 'toggle button')
                                 and a.queryAction().nActions > 0)
            switch.queryAction().doAction(0)
            shown = wait_for('the accuracy with one neuron silenced',
                             lambda: (lambda found: found if found and found[0] == 1 else None)(lesion_accuracy(window)))
            if shown[1:] != one:
                raise TestFailure('the window shows %d of %d right with neuron 1:0 silenced, '
                                  'neurons-cli eval --silence %d of %d' % (shown[1], shown[2], one[0], one[1]))

            press(window, 'Restore All', 'Restore')
            shown = wait_for('the intact accuracy',
                             lambda: (lambda found: found if found and found[0] == 0 else None)(lesion_accuracy(window)))
            if shown[1:] != intact:
                raise TestFailure('after Restore All the window shows %d of %d right, neurons-cli eval %d of %d'
                                  % (shown[1], shown[2], intact[0], intact[1]))
        finally:
            window.close()


def test_training(executable):
    """The Training section opens from the keyboard (Alt+T); Softmax, chosen with Alt+O and the
    arrow keys, starts a fresh network and says so in a toast."""
    window = ready_window(executable)
    try:
        section = window.find('the Training section', lambda a: a.name == 'Training'
                              and a.getState().contains(window.pyatspi.STATE_EXPANDABLE))
        if section.getState().contains(window.pyatspi.STATE_EXPANDED):
            raise TestFailure('the Training section starts open')
        window.key('n', 'n')
        wait_for('two steps', lambda: window.count('Samples seen') == 2)
        window.key('alt+t')
        wait_for('the Training section to open', lambda: section.getState().contains(window.pyatspi.STATE_EXPANDED))
        window.key('alt+o')
        time.sleep(0.5)
        window.key('Down', 'Return')
        wait_for_toast(window, 'Softmax with cross-entropy: a fresh network')
        wait_for('fresh weights', lambda: window.count('Samples seen') == 0)
    finally:
        window.close()


def test_lessons_next(executable):
    """The last lesson's (Where to Go Next) softmax Try-it switches softmax on at its rate and trains."""
    window = ready_window(executable)
    try:
        open_lesson(window, 10)
        try_it(window, 'ReLU with softmax outputs and cross-entropy at learning rate 0.02')
        # Not the toast: this long page makes each search of the tree slow enough on a loaded
        # machine that the toast can be gone before one finds it (e2e-training reads one).
        wait_for('a learning rate of 0.02', lambda: abs(learning_rate(window) - 0.02) < 1e-9)
        wait_for('ReLU checked', lambda: checked(window, 'ReLU'))
        wait_for('training', lambda: window.count('Samples seen') > 1000)
    finally:
        window.close()


TESTS = {
    'play': test_play,
    'space-on-slider': test_space_on_slider,
    'step': test_step,
    'relu': test_relu,
    'reset': test_reset,
    'diverged': test_diverged,
    'dead-relu': test_dead_relu,
    'open-file': test_open_file,
    'bad-file': test_bad_file,
    'missing-data': test_missing_data,
    'save-file': test_save_file,
    'unsaved-quit': test_unsaved_quit,
    'fashion': test_fashion,
    'draw': test_draw,
    'draw-restores': test_draw_restores,
    'draw-leaves': test_draw_leaves,
    'test-page': test_test_page,
    'lessons-pane': test_lessons_pane,
    'lessons-fresh': test_lessons_fresh,
    'lessons-init': test_lessons_init,
    'lessons-step': test_lessons_step,
    'lessons-rates': test_lessons_rates,
    'lessons-test-page': test_lessons_test_page,
    'lessons-draw': test_lessons_draw,
    'hover-mark': test_hover_mark,
    'race': test_race,
    'race-sgd-adam': test_race_sgd_adam,
    'rewind': test_rewind,
    'inspector': test_inspector,
    'lesion': test_lesion,
    'training': test_training,
    'lessons-next': test_lessons_next,
}


def run_inside_session(executable, name):
    """Inside the D-Bus session: run the test and report it."""
    try:
        TESTS[name](executable)
    except TestFailure as failure:
        print('FAIL: %s: %s' % (name, failure), file=sys.stderr)
        return 1
    print('PASS: %s' % name)
    return 0


def start_xvfb():
    """Starts Xvfb on a display number it picks itself, and returns it with that number."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_end), '-screen', '0', '1440x900x24',
                             '-nolisten', 'tcp', '-noreset'],
                            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        display = reader.readline().strip()
    if not display:
        xvfb.kill()
        raise TestFailure('Xvfb did not start')
    return xvfb, display


def main():
    if sys.argv[1:] == ['--list']:
        print('\n'.join(TESTS))
        return 0
    if len(sys.argv) != 3 or sys.argv[2] not in TESTS:
        print('Usage: %s NEURONS-EXECUTABLE|flatpak:APP-ID {%s}' % (sys.argv[0], ','.join(TESTS)), file=sys.stderr)
        return 2
    executable, name = sys.argv[1:]
    if not executable.startswith(FLATPAK):
        executable = os.path.abspath(executable)

    if os.environ.get('NEURONS_E2E_INSIDE') == '1':
        return run_inside_session(executable, name)

    xvfb, display = start_xvfb()
    env = dict(os.environ,
               DISPLAY=':' + display,
               GDK_BACKEND='x11',
               GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               NEURONS_E2E_INSIDE='1')
    env.pop('WAYLAND_DISPLAY', None)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    if executable.startswith(FLATPAK):
        # The installed app uses its own schema and data, and GTK's own file dialogs, which
        # the tests type into; the test files live in a folder the sandbox is given.
        for name_outside in ('GSETTINGS_SCHEMA_DIR', 'NEURONS_DATA_DIR'):
            env.pop(name_outside, None)
        env['GDK_DEBUG'] = 'no-portals'
        shared = os.path.join(os.path.expanduser('~'), '.cache', 'neurons-e2e')
        os.makedirs(shared, exist_ok=True)
        env['TMPDIR'] = tempfile.mkdtemp(dir=shared)
    session = subprocess.Popen(['dbus-run-session', '--', sys.executable, os.path.abspath(__file__), executable, name],
                               env=env, start_new_session=True)
    try:
        return session.wait(timeout=SESSION_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        print('FAIL: %s: the session did not finish in %d s' % (name, SESSION_TIMEOUT_SECONDS), file=sys.stderr)
        return 1
    finally:
        # Whatever the session started and left behind (the accessibility bus) goes with it.
        for process in (session, xvfb):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        if 'TMPDIR' in env and env['TMPDIR'] != os.environ.get('TMPDIR'):
            shutil.rmtree(env['TMPDIR'], ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
