#!/usr/bin/env python
"""Writes crates/recsys-neighbors/tests/fixtures/surprise_knn.json: Surprise 1.1.5's exact
predictions of KNNBasic, KNNWithMeans and KNNBaseline (user- and item-based; cosine, msd, pearson,
pearson_baseline; several k, min_k, min_support, shrinkage and baseline options) on a small seeded
random ratings matrix, for tests/rating_surprise.rs.

The ratings are listed sorted by (user, item) and both id spaces are ascending integers, so
Surprise's neighbour lists (ur, ir) are in ascending raw-id order: the Rust test builds its dense
indices in the same order, and ties between equal similarities resolve the same way on both sides.

Every config predicts every (user, item) pair of the grid (users + one unknown user) x (items + one
unknown item) that is not a training rating; `details` gives actual_k and was_impossible.

Run: /work/peers-venv/bin/python benches/peers/surprise_knn_exact.py
"""
import json
import pathlib

import numpy as np
import pandas as pd
import surprise
from surprise import Dataset, KNNBaseline, KNNBasic, KNNWithMeans, Reader

N_USERS, N_ITEMS = 18, 14
USERS = list(range(1, N_USERS + 1))
ITEMS = list(range(101, 101 + N_ITEMS))
UNKNOWN_USER, UNKNOWN_ITEM = 999, 9999
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/recsys-neighbors/tests/fixtures/surprise_knn.json"


def draw(seed=7):
    rng = np.random.RandomState(seed)
    ub = rng.normal(0, 0.6, N_USERS)
    ib = rng.normal(0, 0.6, N_ITEMS)
    rows = []
    for u in range(N_USERS):
        for i in range(N_ITEMS):
            if rng.rand() < 0.5:
                r = 3.2 + ub[u] + ib[i] + rng.normal(0, 0.9)
                rows.append((USERS[u], ITEMS[i], float(min(5.0, max(1.0, round(r * 2) / 2)))))
    rows = [r for r in rows if r[0] != USERS[-1] and r[1] != ITEMS[-1]]
    # the last user rates four items, all 3.0 (pearson is undefined with them); the last item has
    # one rating; the scale's ends occur
    rows += [(USERS[-1], ITEMS[i], 3.0) for i in (0, 3, 5, 8)]
    rows += [(USERS[2], ITEMS[-1], 4.5), (USERS[0], ITEMS[1], 1.0), (USERS[1], ITEMS[2], 5.0)]
    df = pd.DataFrame(rows, columns=["user", "item", "rating"])
    df = df.drop_duplicates(["user", "item"], keep="last").sort_values(["user", "item"])
    return df.reset_index(drop=True)


CONFIGS = []
for algo in ["KNNBasic", "KNNWithMeans", "KNNBaseline"]:
    for sim in ["cosine", "msd", "pearson", "pearson_baseline"]:
        for user_based in [True, False]:
            CONFIGS.append(dict(algo=algo, similarity=sim, user_based=user_based, k=40, min_k=1,
                                min_support=1, shrinkage=100.0, reg_u=15.0, reg_i=10.0, n_epochs=10))
# the knobs: few neighbours (ties at the cut), min_k fall-backs, min_support, shrinkage, baselines
CONFIGS += [
    dict(algo="KNNBasic", similarity="msd", user_based=True, k=3, min_k=2, min_support=2,
         shrinkage=100.0, reg_u=15.0, reg_i=10.0, n_epochs=10),
    dict(algo="KNNBasic", similarity="cosine", user_based=False, k=2, min_k=2, min_support=3,
         shrinkage=100.0, reg_u=15.0, reg_i=10.0, n_epochs=10),
    dict(algo="KNNWithMeans", similarity="pearson", user_based=False, k=4, min_k=3, min_support=2,
         shrinkage=100.0, reg_u=15.0, reg_i=10.0, n_epochs=10),
    dict(algo="KNNWithMeans", similarity="pearson_baseline", user_based=True, k=5, min_k=0,
         min_support=1, shrinkage=3.0, reg_u=2.0, reg_i=1.0, n_epochs=4),
    dict(algo="KNNBaseline", similarity="pearson_baseline", user_based=False, k=3, min_k=2,
         min_support=3, shrinkage=0.0, reg_u=5.0, reg_i=2.0, n_epochs=20),
    dict(algo="KNNBaseline", similarity="msd", user_based=True, k=6, min_k=0, min_support=2,
         shrinkage=100.0, reg_u=0.0, reg_i=0.0, n_epochs=1),
]

ALGOS = dict(KNNBasic=KNNBasic, KNNWithMeans=KNNWithMeans, KNNBaseline=KNNBaseline)


def main():
    df = draw()
    data = Dataset.load_from_df(df[["user", "item", "rating"]], Reader(rating_scale=(1.0, 5.0)))
    trainset = data.build_full_trainset()
    seen = set(zip(df.user, df.item))
    pairs = [(u, i) for u in USERS + [UNKNOWN_USER] for i in ITEMS + [UNKNOWN_ITEM] if (u, i) not in seen]
    out = dict(
        surprise=surprise.__version__,
        script="benches/peers/surprise_knn_exact.py",
        rating_scale=[1.0, 5.0],
        ratings=[[int(u), int(i), float(r)] for u, i, r in df.itertuples(index=False)],
        pairs=[[u, i] for u, i in pairs],
        configs=[],
    )
    for c in CONFIGS:
        sim_options = dict(name=c["similarity"], user_based=c["user_based"],
                           min_support=c["min_support"], shrinkage=c["shrinkage"])
        bsl_options = dict(method="als", reg_u=c["reg_u"], reg_i=c["reg_i"], n_epochs=c["n_epochs"])
        algo = ALGOS[c["algo"]](k=c["k"], min_k=c["min_k"], sim_options=sim_options,
                                bsl_options=bsl_options, verbose=False)
        algo.fit(trainset)
        est, actual_k, impossible = [], [], []
        for u, i in pairs:
            p = algo.predict(u, i)
            est.append(float(p.est))
            actual_k.append(int(p.details.get("actual_k", 0)))
            impossible.append(bool(p.details["was_impossible"]))
        out["configs"].append(dict(c, est=est, actual_k=actual_k, was_impossible=impossible))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: {len(df)} ratings, {len(pairs)} pairs x {len(CONFIGS)} configs")


if __name__ == "__main__":
    main()
