#!/bin/bash
# One sitting for docs/BENCHMARKS.md "FM for top-N": recsys `fm-warp` over seeds 0-4
# (experiments/fm-warp-seeds.toml, 2 threads) and LightFM 1.17 WARP over random_states 0-4
# (benches/peers/lightfm_seeds.py, Hogwild on 2 threads), on the NCF protocol with the peers'
# candidates, ml-100k and ratings-small, alternated twice, with the load after each. Needs the
# release `recsys` binary and a venv with lightfm 1.17 (LIGHTFM_PY).
set -e
cd "$(dirname "$0")/../.."
PY=${LIGHTFM_PY:-../peers-venv/bin/python}
export RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
export PEERS_DIR=${PEERS_DIR:-$RECSYS_DATA/../peers}
OUT=${OUT:-$(mktemp -d)}
load() { echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"; }
ours() {
  RAYON_NUM_THREADS=2 target/release/recsys compare --config experiments/fm-warp-seeds.toml \
    --out "$OUT/$1" >/dev/null 2>&1
  # dataset, model, HR@10, fit s per row of the report
  python3 -c 'import csv,sys; [print(r["dataset"], r["model"], r["hr@10"], r["fit_seconds"]) for r in csv.DictReader(open(sys.argv[1]))]' "$OUT/$1/report.csv"
  load
}
lightfm() {
  for d in ml-100k ratings_small; do "$PY" benches/peers/lightfm_seeds.py $d 0,1,2,3,4 2>/dev/null | tail -1; done
  load
}
for round in 1 2; do ours "round$round"; lightfm; done
