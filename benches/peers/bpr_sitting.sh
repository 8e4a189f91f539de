#!/bin/bash
# One sitting for docs/BENCHMARKS.md "BPR on the NCF protocol": recsys `bpr` over seeds 0-4
# (the 2-strata rows of experiments/bpr-seeds.toml, 2 threads) and Cornac 3 BPR over seeds 0-4
# (benches/peers/cornac_bpr_seeds.py, its one thread), on the peers' candidate files for ml-100k
# and ratings-small, alternated twice, with the load after each. Needs the release `recsys`
# binary and a venv with cornac 3 (CORNAC_PY).
set -e
cd "$(dirname "$0")/../.."
PY=${CORNAC_PY:-../peers-venv/bin/python}
export RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
export PEERS_DIR=${PEERS_DIR:-$RECSYS_DATA/../peers}
OUT=${OUT:-$(mktemp -d)}
load() { echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"; }
ours() {
  RAYON_NUM_THREADS=2 target/release/recsys compare --config experiments/bpr-seeds.toml \
    --out "$OUT/$1" >/dev/null 2>&1
  # dataset, model, HR@10, fit s per 2-strata row of the report
  python3 -c 'import csv,sys; [print(r["dataset"], r["model"], r["hr@10"], r["fit_seconds"]) for r in csv.DictReader(open(sys.argv[1])) if "-b2-" in r["model"]]' "$OUT/$1/report.csv"
  load
}
cornac() {
  for d in ml-100k ratings_small; do "$PY" benches/peers/cornac_bpr_seeds.py $d 0,1,2,3,4 2>/dev/null | tail -1; done
  load
}
for round in 1 2; do ours "round$round"; cornac; done
