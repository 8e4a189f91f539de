#!/usr/bin/env bash
# One sitting: every speed ratio against a Python peer that docs/BENCHMARKS.md, docs/NCF.md
# ("Training speed on the CPU (same sitting)") and docs/CONTENT.md ("Speed and memory against
# scikit-learn, same sitting") claim, peer side and our side, back to back, with the docs' commands.
#
# Usage (from anywhere; it works from the repository root):
#   benches/peers/sitting.sh [--peers-only | --ours-only] [OUT_DIR]
#   benches/peers/sitting.sh --report OUT_DIR      # only print the table of an earlier sitting
# Environment:
#   RECSYS_DATA   data folder            (default /work/shared/data)
#   PY            the peers' venv python (default /work/peers-venv/bin/python; see
#                 ../shared/peers/README.md "Environment")
#   PEERS_SRC     the peers' scripts     (default: peers/ beside RECSYS_DATA, i.e. /work/shared/peers)
#   NCF_EPOCHS    epochs of both NCF runs (default 3)
#   MF_REPEATS    our compare runs per MF/ALS row (default 3, as in BENCHMARKS.md)
#   CONTENT_REPEATS  peer/ours pairs per corpus (default 2, as in CONTENT.md)
# OUT_DIR defaults to out/sitting-YYYYmmdd-HHMM under the repository root (out/ is git-ignored).
#
# Nothing is written outside OUT_DIR (and target/ by the build): the peers' folder is copied to
# OUT_DIR/peers and run from there (content_tfidf.py writes its examples next to itself and
# ncf_torch.py its protocol file), and PEERS_RESULTS=OUT_DIR/peers_results.jsonl.
# Our examples are built once first (`cargo build --release --examples`), so no compile time
# falls in the sitting. Before each run: `date -u`, `git rev-parse --short HEAD` and the 1-minute
# load average go to OUT_DIR/runs.tsv; each run's stdout/stderr to OUT_DIR/NN-<id>.{out,err}.
# At the end a Markdown table (what | ours | peer | ratio | load) is printed and saved to
# OUT_DIR/table.md. Ratio = peer seconds / our seconds (medians over repeats; range in brackets).
#
# Duration on the 2-core machine, the build excluded: the peer half took 2 min 43 s at load 2.8-3.2
# (Surprise SVDpp on u1 14 s, PyTorch NCF 3 epochs 25 s + 22 s, scikit-learn keywords46k 2 x 33 s);
# our half is estimated at 1-1.5 min (16 runs, NCF 3 epochs ~10 s each); in all ~4-5 min.
set -u -o pipefail

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }

SIDE=both
REPORT_ONLY=
OUT=
while [ $# -gt 0 ]; do
  case "$1" in
    --peers-only) SIDE=peers ;;
    --ours-only) SIDE=ours ;;
    --report) REPORT_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$OUT" ] || { echo "one output folder only" >&2; exit 2; }; OUT=$1 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ -n "$OUT" ] || OUT="$ROOT/out/sitting-$(date +%Y%m%d-%H%M)"
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd) || { echo "cannot create $OUT" >&2; exit 2; }

RECSYS_DATA=${RECSYS_DATA:-/work/shared/data}
RECSYS_DATA=$(cd "$RECSYS_DATA" 2>/dev/null && pwd) || { echo "RECSYS_DATA not found" >&2; exit 2; }
export RECSYS_DATA
PY=${PY:-/work/peers-venv/bin/python}
PEERS_SRC=${PEERS_SRC:-$(dirname "$RECSYS_DATA")/peers}
NCF_EPOCHS=${NCF_EPOCHS:-3}
MF_REPEATS=${MF_REPEATS:-3}
CONTENT_REPEATS=${CONTENT_REPEATS:-2}
PARSE_PY=$(command -v python3 || echo "$PY")

# ---------------------------------------------------------------- the table (also --report)
report() {
  "$PARSE_PY" - "$OUT" <<'PYEOF'
import json, os, re, statistics, sys
out = sys.argv[1]
runs = {}
path = os.path.join(out, "runs.tsv")
if os.path.exists(path):
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "n" or len(p) < 8:
                continue
            runs[p[1]] = dict(n=p[0], side=p[2], utc=p[3], head=p[4], load=p[5], rc=p[6], wall=p[7])

def lines(rid):
    r = runs.get(rid)
    if r is None:
        return []
    fn = os.path.join(out, f"{r['n']}-{rid}.out")
    res = []
    try:
        with open(fn) as f:
            for l in f:
                l = l.strip()
                if l.startswith("{"):
                    try:
                        res.append(json.loads(l))
                    except ValueError:
                        pass
    except OSError:
        pass
    return res

def ids(prefix):
    return sorted(k for k in runs if k == prefix or re.fullmatch(re.escape(prefix) + r"-\d+", k))

def loads(*prefixes):
    v = [float(runs[k]["load"]) for p in prefixes for k in ids(p) if runs[k]["load"] not in ("", "?")]
    if not v:
        return "–"
    return f"{min(v):.2f}" if min(v) == max(v) else f"{min(v):.2f}–{max(v):.2f}"

def fit(o):
    for k in ("fit_seconds", "fit_s"):
        if k in o:
            return float(o[k])
    return None

def ours_model(prefix, model):
    """our compare runs: fit_seconds (mean per fold) of `model`, one value per run."""
    v = []
    for k in ids(prefix):
        for o in lines(k):
            if o.get("model") == model and fit(o) is not None:
                v.append(fit(o))
    return v

def fmt(v, nd=3):
    if not v:
        return "–"
    m = statistics.median(v)
    if len(v) == 1:
        return f"{m:.{nd}f}"
    return f"{m:.{nd}f} ({min(v):.{nd}f}–{max(v):.{nd}f}, n={len(v)})"

def ratio(peer, ours, pairs=None):
    if not peer or not ours:
        return "–"
    r = statistics.median(peer) / statistics.median(ours)
    if pairs:
        rs = [p / o for p, o in pairs if o > 0]
    else:
        rs = [p / o for p in peer for o in ours if o > 0]
    if len(rs) > 1:
        return f"**{r:.1f}×** ({min(rs):.1f}–{max(rs):.1f}×)"
    return f"**{r:.1f}×**"

rows = []
def row(what, ours, peer, rat, load, note=""):
    rows.append((what, ours, peer, rat, load, note))

# --- MF: Surprise SVD / SVDpp (benches/peers/surprise_fold.py) vs compare svd,svdpp
svd_peer = [fit(o) for k in ids("surprise") for o in lines(k) if o.get("algorithm") == "surprise.SVD"]
svdpp_peer = [fit(o) for k in ids("surprise") for o in lines(k) if o.get("algorithm") == "surprise.SVDpp"]
svd_cpu = [o.get("fit_cpu_s") for k in ids("surprise") for o in lines(k) if o.get("algorithm") == "surprise.SVD"]
svd_ours = ours_model("compare-mf", "svd")
svdpp_ours = ours_model("compare-mf", "svdpp")
peer_mean = [statistics.mean(svd_peer)] if svd_peer else []
row("SVD, defaults, ml-100k u1–u5: fit s per fold", fmt(svd_ours), fmt(peer_mean) + (f" (folds {min(svd_peer):.3f}–{max(svd_peer):.3f})" if svd_peer else ""),
    ratio(peer_mean, svd_ours), loads("surprise", "compare-mf"),
    f"Surprise 1 thread (fit CPU mean {statistics.mean(svd_cpu):.3f} s)" if svd_cpu and all(c is not None for c in svd_cpu) else "Surprise 1 thread")
row("SVD++, defaults, ml-100k: fit s per fold (Surprise on u1)", fmt(svdpp_ours), fmt(svdpp_peer, 2), ratio(svdpp_peer, svdpp_ours),
    loads("surprise", "compare-mf"), "ours: mean over u1–u5")

# --- baseline (BENCHMARKS.md "Models" table; fit times side by side, no ratio in the doc)
bl_peer = [fit(o) for k in ids("surprise-baseline") for o in lines(k) if o.get("fold") == "mean"]
bl_ours = ours_model("compare-baseline", "baseline")
row("baseline (BaselineOnly), ml-100k u1–u5: fit s per fold", fmt(bl_ours, 4), fmt(bl_peer, 3), ratio(bl_peer, bl_ours),
    loads("surprise-baseline", "compare-baseline"), "Models table; no ratio in the doc")

# --- implicit ALS (benches/peers/implicit_als.py) vs compare als on the peers' candidates
als = {o.get("dataset"): o for k in ids("implicit-als") for o in lines(k)}
for peer_ds, ours_id, label in (("ratings_small", "compare-als-ratings-small", "ratings-small"),
                                ("ml-100k", "compare-als-ml-100k", "ml-100k")):
    p = [fit(als[peer_ds])] if peer_ds in als else []
    o = ours_model(ours_id, "als")
    hr = [x.get("metrics", {}).get("hr@10") for k in ids(ours_id) for x in lines(k) if x.get("model") == "als"]
    note = "both 2 threads"
    if peer_ds in als:
        note += f"; HR@10 peer {als[peer_ds].get('hr10')}"
    if hr and hr[0] is not None:
        note += f", ours {hr[0]:.4f}"
    row(f"implicit ALS, {label}, peers' candidates: fit s", fmt(o), fmt(p), ratio(p, o),
        loads("implicit-als", ours_id), note)

# --- NCF-MLP: ncf example vs ncf_torch.py (2 threads, OMP_WAIT_POLICY=PASSIVE)
for ds, peer_ds in (("ratings-small", "ratings_small"), ("ml-100k", "ml-100k")):
    o = [float(x["sec_per_epoch"]) for k in ids(f"ncf-ours-{ds}") for x in lines(k) if x.get("summary") and "sec_per_epoch" in x]
    p = [float(x["sec_per_epoch"]) for k in ids(f"ncf-torch-{ds}") for x in lines(k) if x.get("summary") and "sec_per_epoch" in x]
    ep_o = [x.get("epochs") for k in ids(f"ncf-ours-{ds}") for x in lines(k) if x.get("summary")]
    ep_p = [x.get("epochs") for k in ids(f"ncf-torch-{ds}") for x in lines(k) if x.get("summary")]
    sps_o = [x.get("samples_per_s") for k in ids(f"ncf-ours-{ds}") for x in lines(k) if x.get("summary")]
    sps_p = [x.get("train_samples_per_s") for k in ids(f"ncf-torch-{ds}") for x in lines(k) if x.get("summary")]
    note = f"epochs ours {ep_o[0] if ep_o else '–'}, PyTorch {ep_p[0] if ep_p else '–'}"
    note += f"; samples/s ours {sps_o[0]:,.0f}" if sps_o and sps_o[0] else "; samples/s ours –"
    note += f", PyTorch {sps_p[0]:,.0f}" if sps_p and sps_p[0] else ", PyTorch –"
    row(f"NCF-MLP, {ds}: s per epoch", fmt(o), fmt(p), ratio(p, o), loads(f"ncf-ours-{ds}", f"ncf-torch-{ds}"), note)

# --- TF-IDF + all top-30 neighbours: content example vs content_tfidf.py (paired a, b, ...)
for corpus, subset in (("tmdb-5000", "tmdb5000"), ("keywords", "keywords46k"), ("ml-latest-small", "ml-latest-small")):
    po, pp, pairs, rss_o, rss_p = [], [], [], [], []
    for prefix, fit, nb, times, rss in ((f"content-ours-{corpus}", "fit_seconds", "neighbours_seconds", po, rss_o),
                                        (f"content-sklearn-{subset}", "fit_s", "eval_s", pp, rss_p)):
        for k in ids(prefix):
            for x in lines(k):
                if fit in x and nb in x:
                    times.append((k.rsplit("-", 1)[1], x[fit] + x[nb]))
                    if x.get("peak_rss_mib") is not None:
                        rss.append(float(x["peak_rss_mib"]))
    d_o, d_p = dict(po), dict(pp)
    pairs = [(d_p[i], d_o[i]) for i in d_o if i in d_p]
    o, p = [v for _, v in po], [v for _, v in pp]
    note = "fit + every row's top 30"
    if rss_o or rss_p:
        note += f"; peak MiB ours {max(rss_o):.1f}" if rss_o else "; peak MiB ours –"
        note += f", sklearn {max(rss_p):.0f}" if rss_p else ", sklearn –"
    row(f"TF-IDF + top-30, {corpus}: fit + neighbours s", fmt(o), fmt(p), ratio(p, o, pairs),
        loads(f"content-ours-{corpus}", f"content-sklearn-{subset}"), note)

heads = sorted({r["head"] for r in runs.values()})
utc = sorted(r["utc"] for r in runs.values())
failed = [f"{r['n']}-{k} (rc {r['rc']})" for k, r in runs.items() if r["rc"] not in ("0", "")]
rebuilt = []
for k, r in runs.items():
    if r["side"] == "ours":
        try:
            with open(os.path.join(out, f"{r['n']}-{k}.err"), errors="replace") as f:
                if any(l.lstrip().startswith("Compiling ") for l in f):
                    rebuilt.append(f"{r['n']}-{k}")
        except OSError:
            pass
print(f"\nSitting in {out}: {len(runs)} runs, {utc[0] if utc else '?'} – {utc[-1] if utc else '?'}, "
      f"HEAD {', '.join(heads) or '?'}")
if failed:
    print("FAILED runs: " + ", ".join(sorted(failed)))
if rebuilt:
    print("WARNING: cargo compiled during these runs (sources changed after the build; the machine "
          "was busy compiling): " + ", ".join(sorted(rebuilt)))
print()
print("| what | ours (s) | peer (s) | ratio (peer / ours) | load 1m before runs | notes |")
print("|---|---:|---:|---:|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
PYEOF
}

if [ -n "$REPORT_ONLY" ]; then
  [ -f "$OUT/runs.tsv" ] || { echo "no runs.tsv in $OUT" >&2; exit 2; }
  report | tee "$OUT/table.md"
  exit 0
fi

# ---------------------------------------------------------------- set-up
cd "$ROOT" || exit 2
RUNS=$OUT/runs.tsv
[ -f "$RUNS" ] || printf 'n\tid\tside\tutc\thead\tload1m_before\trc\twall_s\tcommand\n' >"$RUNS"
N=$(($(wc -l <"$RUNS") - 1))
PEERS=$OUT/peers
export PEERS_RESULTS=$OUT/peers_results.jsonl
export RECSYS_PEERS=$PEERS        # benches/peers/implicit_als.py imports ncf_protocol from there
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ anywhere

want() { [ "$SIDE" = both ] || [ "$SIDE" = "$1" ]; }
load1() { cut -d' ' -f1 /proc/loadavg; }
head_rev() { git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'; }

# run SIDE ID CMD...: logs date -u, HEAD and the load, runs CMD with stdout/stderr to files.
run() {
  local side=$1 id=$2; shift 2
  want "$side" || return 0
  N=$((N + 1))
  local n; n=$(printf '%02d' "$N")
  local utc load hd t0 rc t1
  utc=$(date -u +%Y-%m-%dT%H:%M:%SZ); load=$(load1); hd=$(head_rev)
  echo "[$utc] $n $id ($side; load $load; HEAD $hd)" >&2
  t0=$(date +%s.%N)
  "$@" >"$OUT/$n-$id.out" 2>"$OUT/$n-$id.err"
  rc=$?
  t1=$(date +%s.%N)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\n' "$n" "$id" "$side" "$utc" "$hd" "$load" "$rc" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$*" >>"$RUNS"
  if [ "$rc" != 0 ]; then
    echo "    FAILED (rc $rc); last lines of $OUT/$n-$id.err:" >&2
    tail -n 5 "$OUT/$n-$id.err" | sed 's/^/      /' >&2
  fi
  return 0
}
# /usr/bin/time -v where it exists (the docs wrap the content runs in it; its report goes to .time)
timev() {
  local f=$1; shift
  if [ -x /usr/bin/time ]; then /usr/bin/time -v -o "$f" "$@"; else "$@"; fi
}

{
  echo "started: $(date -u)"
  echo "side: $SIDE"
  echo "HEAD: $(head_rev) ($(GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed paths in the work tree)"
  echo "RECSYS_DATA: $RECSYS_DATA"
  echo "PEERS_SRC: $PEERS_SRC"
  echo "PY: $PY"
  echo "NCF_EPOCHS=$NCF_EPOCHS MF_REPEATS=$MF_REPEATS CONTENT_REPEATS=$CONTENT_REPEATS"
  echo "nproc: $(nproc); loadavg: $(cat /proc/loadavg)"
  uname -a
} >>"$OUT/meta.txt"

if want peers; then
  [ -x "$PY" ] || { echo "PY=$PY is not executable (make the venv: ../shared/peers/README.md)" >&2; exit 2; }
  [ -d "$PEERS_SRC" ] || { echo "PEERS_SRC=$PEERS_SRC not found" >&2; exit 2; }
  if [ ! -f "$PEERS/ncf_torch.py" ]; then
    mkdir -p "$PEERS"
    # the scripts and the protocol files; not results.jsonl, logs or examples (they are rewritten)
    cp -r "$PEERS_SRC"/*.py "$PEERS_SRC"/protocol "$PEERS"/ && chmod -R u+w "$PEERS" ||
      { echo "cannot copy $PEERS_SRC to $PEERS" >&2; exit 2; }
  fi
  {
    echo "python: $("$PY" --version 2>&1)"
    "$PY" - <<'EOF' 2>&1
import importlib
for m in ("numpy", "scipy", "pandas", "sklearn", "surprise", "implicit", "torch"):
    try:
        print(f"  {m} {importlib.import_module(m).__version__}")
    except Exception as e:
        print(f"  {m}: {type(e).__name__}: {e}")
try:
    from threadpoolctl import threadpool_info
    for i in threadpool_info():
        print(f"  threadpool: {i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}")
except Exception as e:
    print(f"  threadpoolctl: {e}")
EOF
    env | grep -E '^(OPENBLAS|OMP|MKL)_' | sed 's/^/  env /'
  } >>"$OUT/meta.txt"
fi

PROTO=$PEERS_SRC/protocol      # our side reads the peers' candidates (read only)
if want ours; then
  echo "[$(date -u +%H:%M:%SZ)] cargo build --release --examples (not part of the sitting)" >&2
  if ! cargo build --release --examples >"$OUT/00-build.log" 2>&1; then
    echo "build failed; see $OUT/00-build.log" >&2
    tail -n 20 "$OUT/00-build.log" >&2
    exit 1
  fi
  echo "built: $(date -u)" >>"$OUT/meta.txt"
fi
echo "sitting starts: $(date -u) (load $(load1))" | tee -a "$OUT/meta.txt" >&2

# ---------------------------------------------------------------- 1. SVD / SVD++ (BENCHMARKS.md)
# Surprise SVD on u1–u5 and SVDpp on u1, then three compare runs of svd and svdpp.
run peers surprise-1 "$PY" benches/peers/surprise_fold.py --fold u1 --algos SVD,SVDpp --data "$RECSYS_DATA"
for k in 2 3 4 5; do
  run peers "surprise-$k" "$PY" benches/peers/surprise_fold.py --fold "u$k" --algos SVD --data "$RECSYS_DATA"
done
for r in $(seq 1 "$MF_REPEATS"); do
  run ours "compare-mf-$r" cargo run --release --example compare -- --dataset ml-100k --protocol official \
    --models svd,svdpp --json
done

# ---------------------------------------------------------------- 2. baseline (BENCHMARKS.md, Models)
run peers surprise-baseline env -C "$PEERS" "$PY" surprise_bench.py ml100k --algos BaselineOnly --data "$RECSYS_DATA"
run ours compare-baseline cargo run --release --example compare -- --dataset ml-100k --protocol official \
  --models baseline --json

# ---------------------------------------------------------------- 3. implicit ALS (BENCHMARKS.md)
run peers implicit-als env OMP_WAIT_POLICY=PASSIVE "$PY" benches/peers/implicit_als.py \
  --datasets ratings_small,ml-100k --threads 2 --data "$RECSYS_DATA"
for r in $(seq 1 "$MF_REPEATS"); do
  run ours "compare-als-ratings-small-$r" cargo run --release --example compare -- --dataset ratings-small \
    --protocol loo-sampled --candidates "$PROTO/ncf_loo_ratings_small.tsv" --models als,popularity --json
done
for r in $(seq 1 "$MF_REPEATS"); do
  run ours "compare-als-ml-100k-$r" cargo run --release --example compare -- --dataset ml-100k \
    --protocol loo-sampled --candidates "$PROTO/ncf_loo_ml-100k.tsv" --models als,popularity --json
done

# ---------------------------------------------------------------- 4. NCF-MLP epochs (NCF.md)
# ratings-small PyTorch first, ml-100k ours first (as in NCF.md's sittings)
run peers ncf-torch-ratings-small env -C "$PEERS" OMP_WAIT_POLICY=PASSIVE "$PY" ncf_torch.py ratings_small \
  --epochs "$NCF_EPOCHS" --threads 2 --data "$RECSYS_DATA"
run ours ncf-ours-ratings-small cargo run --release --example ncf -- --dataset ratings-small \
  --candidates "$PROTO/ncf_loo_ratings_small.tsv" --model ncf-mlp --set "epochs=$NCF_EPOCHS" --json
run ours ncf-ours-ml-100k cargo run --release --example ncf -- --dataset ml-100k \
  --candidates "$PROTO/ncf_loo_ml-100k.tsv" --model ncf-mlp --set "epochs=$NCF_EPOCHS" --json
run peers ncf-torch-ml-100k env -C "$PEERS" OMP_WAIT_POLICY=PASSIVE "$PY" ncf_torch.py ml-100k \
  --epochs "$NCF_EPOCHS" --threads 2 --data "$RECSYS_DATA"

# ---------------------------------------------------------------- 5. TF-IDF top-30 (CONTENT.md)
# alternating sklearn / ours, CONTENT_REPEATS pairs per corpus
for pair in tmdb-5000:tmdb5000 keywords:keywords46k ml-latest-small:ml-latest-small; do
  corpus=${pair%%:*} subset=${pair#*:}
  for r in $(seq 1 "$CONTENT_REPEATS"); do
    run peers "content-sklearn-$subset-$r" timev "$OUT/content-sklearn-$subset-$r.time" \
      env -C "$PEERS" "$PY" content_tfidf.py "$subset" --data "$RECSYS_DATA"
    run ours "content-ours-$corpus-$r" timev "$OUT/content-ours-$corpus-$r.time" \
      cargo run --release --example content -- --corpus "$corpus" --all-neighbours 30 --json
  done
done

echo "sitting ends: $(date -u) (load $(load1))" | tee -a "$OUT/meta.txt" >&2
report | tee "$OUT/table.md"
