#!/usr/bin/env bash
# bench-training.sh: how fast Neurons trains, beside the same network written in numpy
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/bench-training.sh [PATH-TO-NEURONS-CLI [SECONDS [OPTION…]]]
#   or:  ninja -C _build bench
# Both sides train on one core, one after the other, for SECONDS each (default 5). OPTIONs go
# to both, as in `--optimizer adam --batch 32` (numpy_reference.py knows --optimizer sgd or
# adam, --batch and --output).

set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${1:-$bench_dir/../_build/src/cli/neurons-cli}
seconds=${2:-5}
shift $(( $# < 2 ? $# : 2 ))

echo "== neurons-cli bench --seconds $seconds $*"
neurons_output=$("$cli" bench --seconds "$seconds" "$@")
echo "$neurons_output"
neurons_rate=$(awk '$1 == "median:" { print $2 }' <<<"$neurons_output")

if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "numpy is not installed for /usr/bin/python3 (apt install python3-numpy): no comparison"
  exit 0
fi

# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE may be set on this machine to pin OpenBLAS's kernel;
# numpy runs with the kernel OpenBLAS picks itself, and on one thread, like neurons-cli.
echo
echo "== bench/numpy_reference.py --seconds $seconds $*"
numpy_output=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
               OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
               /usr/bin/python3 "$bench_dir/numpy_reference.py" --seconds "$seconds" "$@")
echo "$numpy_output"
numpy_rate=$(awk '$1 == "median:" { print $2 }' <<<"$numpy_output")

echo
awk -v neurons="$neurons_rate" -v numpy="$numpy_rate" 'BEGIN {
  printf "neurons-cli trains %.0f samples/s, numpy %.0f samples/s: %.1f× as fast\n",
         neurons, numpy, neurons / numpy
}'
