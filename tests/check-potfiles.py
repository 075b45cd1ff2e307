#!/usr/bin/env python3
# check-potfiles.py: fails when a file with strings to translate is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

# gettext's calls in C: _("…"), N_("…"), C_("context", "…"), NC_("context", "…"), not
# g_(…) or FOO_(…).
C_CALL = re.compile(r'(?<![A-Za-z0-9_])N?C?_\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(yes|true|1)"')
# Files that hold translatable text by their nature, whatever is in them.
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.mime.xml.in', '.gschema.xml')
SCANNED_FOLDERS = ('src', 'data')


def has_translatable_strings(path, relative):
    name = path.name
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if relative.parts[:2] == ('data', 'lessons'):
        return name != 'meson.build' and not name.endswith('.gresource.xml')
    if name.endswith(('.c', '.h')):
        return C_CALL.search(path.read_text(encoding='utf-8')) is not None
    if name.endswith('.ui'):
        return UI_TRANSLATABLE.search(path.read_text(encoding='utf-8')) is not None
    return False


def main():
    if len(sys.argv) != 2:
        sys.exit(f'usage: {sys.argv[0]} SOURCE_ROOT')
    root = pathlib.Path(sys.argv[1])
    potfiles = root / 'po' / 'POTFILES.in'

    listed = []
    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

    found = set()
    for folder in SCANNED_FOLDERS:
        for path in sorted((root / folder).rglob('*')):
            relative = path.relative_to(root)
            if path.is_file() and has_translatable_strings(path, relative):
                found.add(relative.as_posix())

    missing = sorted(found - set(listed))
    nonexistent = [name for name in listed if not (root / name).is_file()]
    duplicated = sorted({name for name in listed if listed.count(name) > 1})

    print(f'{len(found)} files under {", ".join(SCANNED_FOLDERS)}/ have strings to translate; '
          f'{potfiles.relative_to(root)} names {len(listed)}')
    for name in missing:
        print(f'not in po/POTFILES.in, but has strings to translate: {name}')
    for name in nonexistent:
        print(f'named in po/POTFILES.in, but does not exist: {name}')
    for name in duplicated:
        print(f'named more than once in po/POTFILES.in: {name}')

    if missing or nonexistent or duplicated:
        sys.exit(1)
    print('po/POTFILES.in is complete')


if __name__ == '__main__':
    main()
