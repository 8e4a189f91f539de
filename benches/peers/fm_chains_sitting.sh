#!/bin/bash
# One sitting for docs/BENCHMARKS.md "Two chains side by side": recsys's Bayesian FMs as in
# experiments/bfm-parallel-chains.toml (one chain of 200 and two of 100 for user + item; two chains of 256 side by
# side for every richer feature set), then myFM 0.4.0 on the same features and sweeps (`mf` 200,
# `svdpp_flipped` 512, `side` 512, `side_date` 512, `side_date` 512 ordered probit; one thread),
# then recsys again, on ml-100k u1-u5, with the load after each. Needs the release `recsys`
# binary and a Python 3.12 venv with `myfm==0.4.0 "setuptools<81" pandas scipy` (MYFM_PY).
set -e
cd "$(dirname "$0")/../.."
PY=${MYFM_PY:-../peers-venv2-py312/bin/python}
export RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
export MYFM_BENCH_DIR=${MYFM_BENCH_DIR:-$RECSYS_DATA/../peers/more}
OUT=${OUT:-$(mktemp -d)}
load() { echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"; }
ours() {
  RAYON_NUM_THREADS=2 target/release/recsys compare --config experiments/bfm-parallel-chains.toml \
    --out "$OUT/$1" 2>&1 | grep '^| ml-100k'
  load
}
myfm() { "$PY" -W ignore "$@" 2>/dev/null | grep 'mean' | tail -1; load; }
ours first
myfm benches/peers/myfm_time.py mf 200 1,2,3,4,5
myfm benches/peers/myfm_time.py svdpp_flipped 512 1,2,3,4,5
myfm benches/peers/myfm_side_time.py side 512 1,2,3,4,5
myfm benches/peers/myfm_side_time.py side_date 512 1,2,3,4,5
myfm benches/peers/myfm_side_time.py side_date 512 1,2,3,4,5 ordinal
ours second
