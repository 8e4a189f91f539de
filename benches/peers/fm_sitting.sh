#!/bin/bash
# One sitting for docs/BENCHMARKS.md "Factorization machines": recsys `bfm` (1 and 2 threads)
# and `bfm-implicit`, and myFM 0.4.0's `mf` and `svdpp_flipped` (benches/peers/myfm_time.py), on
# ml-100k u1-u5, back to back, with the load after each. Needs the release `compare` example and
# a Python 3.12 venv with `myfm==0.4.0 "setuptools<81" pandas scipy` (MYFM_PY, default
# ../peers-venv2-py312/bin/python).
set -e
cd "$(dirname "$0")/../.."
PY=${MYFM_PY:-../peers-venv2-py312/bin/python}
export RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
load() { echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"; }
for t in 1 2; do
  RAYON_NUM_THREADS=$t target/release/examples/compare --dataset ml-100k --protocol official --models bfm | tail -1; load
done
"$PY" -W ignore benches/peers/myfm_time.py mf 200 1,2,3,4,5 2>/dev/null | tail -1; load
target/release/examples/compare --dataset ml-100k --protocol official --models bfm-implicit | tail -1; load
"$PY" -W ignore benches/peers/myfm_time.py svdpp_flipped 512 1,2,3,4,5 2>/dev/null | tail -1; load
