#!/usr/bin/env bash
# Before/after a change, interleaved in one sitting: builds commit BEFORE (default 40ac499, the
# tree before the recsys-core refactor) in a temporary git worktree and the working tree as it
# is, then runs the same `compare`, `content` and `ncf` commands alternately on both builds and
# prints one line per run (side, model, fit seconds, the accuracy figure).
#
# Usage: benches/peers/before_after.sh [BEFORE] [REPEATS]     (from the repository root)
# Environment: RECSYS_DATA (default ../shared/data), PEERS (default ../shared/peers), for the
# peers' candidate files. The old build goes to /tmp/recsys-before-target (a few minutes once).
set -euo pipefail
BEFORE=${1:-40ac499}
REPEATS=${2:-6}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RECSYS_DATA=${RECSYS_DATA:-$ROOT/../shared/data}
PROTO=${PEERS:-$ROOT/../shared/peers}/protocol
WT=/tmp/recsys-before-$BEFORE
[ -d "$WT" ] || git -C "$ROOT" worktree add -f "$WT" "$BEFORE" -q
trap 'git -C "$ROOT" worktree remove --force "$WT"' EXIT
(cd "$WT" && CARGO_TARGET_DIR=/tmp/recsys-before-target cargo build -q --release \
  --example compare --example content --example ncf)
NEW_TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build -q --release --example compare --example content --example ncf)
bin() { if [ "$1" = before ]; then echo /tmp/recsys-before-target/release/examples; else echo "$NEW_TARGET/release/examples"; fi; }
rows() { # side, then a JSON-lines stream on stdin
  python3 -c '
import json, sys
side = sys.argv[1]
for line in sys.stdin:
    if not line.startswith("{"):
        continue
    x = json.loads(line)
    if "model" in x and "fit_seconds" in x:
        m = x["metrics"]
        acc = m.get("rmse", m.get("hr@10"))
        print(side, x["dataset"], x["model"], round(x["fit_seconds"], 4), round(acc, 4))
    elif "corpus" in x:
        print(side, x["corpus"], "tfidf+top30", round(x["fit_seconds"] + x["neighbours_seconds"], 4), x["nnz"])
    elif x.get("summary"):
        print(side, x["dataset"], x["model"], round(x["sec_per_epoch"], 4), round(x["hr10"], 4))
' "$1"
}
for r in $(seq 1 "$REPEATS"); do
  order="before after"; [ $((r % 2)) -eq 0 ] && order="after before"
  for side in $order; do
    B=$(bin "$side")
    "$B/compare" --dataset ml-100k --protocol official --models svd,svdpp --json 2>/dev/null | rows "$side"
    "$B/compare" --dataset ratings-small --protocol loo-sampled --candidates "$PROTO/ncf_loo_ratings_small.tsv" \
      --models als --json 2>/dev/null | rows "$side"
    "$B/content" --corpus tmdb-5000 --all-neighbours 30 --json 2>/dev/null | rows "$side"
  done
done
for side in before after; do
  "$(bin "$side")/ncf" --dataset ratings-small --candidates "$PROTO/ncf_loo_ratings_small.tsv" \
    --model ncf-mlp --set epochs=3 --json 2>/dev/null | rows "$side"
done
