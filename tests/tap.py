# tap.py: the Test Anything Protocol report that meson reads from the Python checks.
#
# SPDX-License-Identifier: GPL-3.0-or-later


class Tap:
    """Collects results and prints them as TAP; a failed check prints its detail below it."""

    def __init__(self):
        self.results = []

    def check(self, description, passed, detail=''):
        self.results.append((description, passed, detail, None))

    def skip(self, description, reason):
        """Reports a check that could not run, with the reason; meson counts it as skipped."""
        self.results.append((description, True, '', reason))

    def finish(self):
        print(f'1..{len(self.results)}')
        for number, (description, passed, detail, skipped) in enumerate(self.results, 1):
            if skipped is not None:
                print(f'ok {number} - {description} # SKIP {skipped}')
            elif passed:
                print(f'ok {number} - {description}')
            else:
                print(f'not ok {number} - {description}')
                for line in str(detail).splitlines():
                    print(f'# {line}')
