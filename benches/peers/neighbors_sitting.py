#!/usr/bin/env python
"""The peers' half of the top-N neighbourhood sitting (docs/BENCHMARKS.md, "Neighbourhood models:
top-N"): on the NCF leave-one-out protocol (the exact ../shared/peers/protocol/ncf_loo_<ds>.tsv, via
../shared/peers/more/ncf_bench.py's Proto), fit seconds and HR@10/NDCG@10 of implicit 0.7.3's
CosineRecommender / BM25Recommender (K1 1.2, B 0.75) and of numpy EASE (float64, LAPACK dpotrf +
dpotri, the peers' ease_fit). Fit times are the median of --repeats runs.

Run: /work/peers-venv/bin/python benches/peers/neighbors_sitting.py ratings_small --k 400 --lam 500
"""
import argparse
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")
sys.path.insert(0, "/work/shared/peers/more")
sys.path.insert(0, "/work/shared/peers")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from implicit.nearest_neighbours import BM25Recommender, CosineRecommender  # noqa: E402
import ncf_bench  # noqa: E402
from ncf_bench import Proto, ease_fit  # noqa: E402

# ncommon's DATA assumes the peers' own checkout layout; the data lives in /work/shared/data here
ncf_bench.DATA = __import__("pathlib").Path("/work/shared/data")


def timed(f, repeats):
    secs, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        secs.append(time.perf_counter() - t)
    return statistics.median(secs), secs, out


def sampled(p, S):
    XS = p.X.astype(np.float32) @ S
    XS = XS.toarray() if sp.issparse(XS) else np.asarray(XS)
    return p.evaluate(np.take_along_axis(XS, p.cand, axis=1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--k", type=int, default=400)
    ap.add_argument("--lam", type=float, default=500.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--only", default="cosine,bm25,ease")
    a = ap.parse_args()
    p = Proto(a.dataset)
    ui = sp.csr_matrix(p.X, dtype=np.float32)
    print("| peer | fit s (median) | all fits s | HR@10 | NDCG@10 |")
    print("|---|---:|---|---:|---:|")
    for name, make in [("cosine", lambda: CosineRecommender(K=a.k)),
                       ("bm25", lambda: BM25Recommender(K=a.k, K1=1.2, B=0.75))]:
        if name not in a.only:
            continue
        def fit():
            m = make()
            m.fit(ui, show_progress=False)
            return m
        med, secs, m = timed(fit, a.repeats)
        r = sampled(p, m.similarity)
        print(f"| implicit {type(m).__name__} K={a.k} | {med:.3f} | {', '.join(f'{s:.3f}' for s in secs)} "
              f"| {r['hr10']:.4f} | {r['ndcg10']:.4f} |", flush=True)
    if "ease" in a.only:
        med, secs, B = timed(lambda: ease_fit(p.X, a.lam), a.repeats)
        r = sampled(p, B)
        print(f"| numpy EASE λ={a.lam:g} float64 | {med:.3f} | {', '.join(f'{s:.3f}' for s in secs)} "
              f"| {r['hr10']:.4f} | {r['ndcg10']:.4f} |", flush=True)


main()
