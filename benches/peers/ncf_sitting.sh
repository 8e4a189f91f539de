#!/bin/bash
# One sitting on the NCF protocol (the peers' candidate files, ml-100k and ratings-small) for
# docs/BENCHMARKS.md, alternated twice, with the load after each half:
#   ncf_sitting.sh warp   recsys `fm-warp` over seeds 0-4 (experiments/fm-warp-seeds.toml) and
#                         LightFM 1.17 WARP over random_states 0-4 (lightfm_seeds.py, Hogwild on 2
#                         threads; a venv with lightfm in PEER_PY)          "FM for top-N"
#   ncf_sitting.sh bpr    recsys `bpr` over seeds 0-4 (the 2-strata rows of
#                         experiments/bpr-seeds.toml) and Cornac 3 BPR over seeds 0-4
#                         (cornac_bpr_seeds.py, its one thread; a venv with cornac 3 in PEER_PY)
#                                                                            "BPR on the NCF protocol"
#   ncf_sitting.sh bpr-tuned   the same with the validation-AUC choice of each dataset
#                         (experiments/bpr-tuned-seeds.toml)
# Ours runs on 2 threads from the release `recsys` binary.
set -e
cd "$(dirname "$0")/../.."
case "$1" in
  warp) CONFIG=experiments/fm-warp-seeds.toml; ROWS=""; PEER=benches/peers/lightfm_seeds.py ;;
  bpr) CONFIG=experiments/bpr-seeds.toml; ROWS="-b2-"; PEER=benches/peers/cornac_bpr_seeds.py ;;
  bpr-tuned) CONFIG=experiments/bpr-tuned-seeds.toml; ROWS="bpr-auc"; PEER=benches/peers/cornac_bpr_seeds.py ;;
  *) echo "usage: $0 warp|bpr|bpr-tuned" >&2; exit 2 ;;
esac
PY=${PEER_PY:-../peers-venv/bin/python}
export RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
export PEERS_DIR=${PEERS_DIR:-$RECSYS_DATA/../peers}
OUT=${OUT:-$(mktemp -d)}
load() { echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"; }
ours() {
  RAYON_NUM_THREADS=2 target/release/recsys compare --config "$CONFIG" --out "$OUT/$1" \
    >/dev/null 2>&1
  # dataset, model, HR@10, fit s per row of the report whose label holds $ROWS
  python3 -c 'import csv,sys; [print(r["dataset"], r["model"], r["hr@10"], r["fit_seconds"]) for r in csv.DictReader(open(sys.argv[1])) if sys.argv[2] in r["model"]]' \
    "$OUT/$1/report.csv" "$ROWS"
  load
}
peer() {
  for d in ml-100k ratings_small; do "$PY" "$PEER" $d 0,1,2,3,4 2>/dev/null | tail -1; done
  load
}
for round in 1 2; do ours "round$round"; peer; done
