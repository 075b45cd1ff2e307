#!/usr/bin/env python3
# check-layers.py: fails when a file includes a floor above its own, or when the files of one
# floor include each other in a circle.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The floors, from the bottom: src/nn (the model, no GTK), src/widgets (one widget per file),
# src (the application and its window); src/cli stands on src/nn alone. A file may include
# headers of its own floor and of the floors below it, never above. Within a floor, a unit is
# a .c with its headers (foo.c, foo.h, foo-private.h); no units may include each other in a
# circle, directly or through others.

import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from tap import Tap  # noqa: E402

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.MULTILINE)

# What each floor may include from the project, besides itself
ALLOWED_BELOW = {
    'nn': set(),
    'cli': {'nn'},
    'widgets': {'nn'},
    'app': {'nn', 'widgets'},
}
# Libraries a floor may not use: the model and the command line run without a display.
FORBIDDEN_SYSTEM = {
    'nn': ('gtk/', 'gdk/', 'gsk/', 'adwaita.h', 'cairo', 'pango'),
    'cli': ('gtk/', 'gdk/', 'gsk/', 'adwaita.h', 'cairo', 'pango'),
    'widgets': ('adwaita.h',),
    'app': (),
}


def floor_files(src):
    return {
        'nn': sorted((src / 'nn').glob('*.[ch]')),
        'cli': sorted((src / 'cli').glob('*.[ch]')),
        'widgets': sorted((src / 'widgets').glob('*.[ch]')),
        'app': sorted(src.glob('*.[ch]')),
    }


def unit(path):
    """foo.c, foo.h and foo-private.h are one unit, foo."""
    stem = path.stem
    return stem[:-len('-private')] if stem.endswith('-private') else stem


def find_circles(graph):
    """The strongly connected components of more than one unit (Tarjan), each sorted."""
    index, low, on_stack, stack, circles = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def main():
    if len(sys.argv) != 2:
        sys.exit(f'usage: {sys.argv[0]} SRC_DIR')
    src = pathlib.Path(sys.argv[1])
    files = floor_files(src)
    floor_of_header = {path.name: floor for floor, paths in files.items()
                       for path in paths if path.suffix == '.h'}
    tap = Tap()

    for floor, paths in files.items():
        upward, system, graph = [], [], {}
        for path in paths:
            graph.setdefault(unit(path), set())
            for kind, name in INCLUDE.findall(path.read_text(encoding='utf-8')):
                header = pathlib.PurePosixPath(name).name
                if kind == '<':
                    if name.startswith(FORBIDDEN_SYSTEM[floor]):
                        system.append(f'{path.relative_to(src.parent)} includes <{name}>')
                    continue
                target_floor = floor_of_header.get(header)
                if target_floor is None:
                    continue  # generated (config.h, resources) or from a library
                if target_floor == floor:
                    if unit(pathlib.Path(header)) != unit(path):
                        graph[unit(path)].add(unit(pathlib.Path(header)))
                elif target_floor not in ALLOWED_BELOW[floor]:
                    upward.append(f'{path.relative_to(src.parent)} includes "{name}" from {target_floor}')

        tap.check(f'{floor}: no header of a floor above', not upward, '\n'.join(upward))
        tap.check(f'{floor}: no library it must not use', not system, '\n'.join(system))
        circles = find_circles(graph)
        tap.check(f'{floor}: no circle of includes between its files', not circles,
                  '\n'.join(' ↔ '.join(circle) for circle in circles))

    tap.finish()
    return 0 if all(passed for _, passed, _, _ in tap.results) else 1


if __name__ == '__main__':
    sys.exit(main())
