#!/usr/bin/env python
"""Surprise 1.1.5 KNNBaseline (item-based pearson_baseline, k 40, the defaults otherwise: the
peers' configuration in ../shared/peers/surprise_bench.py) timed per fold: fit, then the
prediction of the test fold (`algo.test`), separately; RMSE from the predictions.

ml-100k: the official u1..u5 folds (Reader('ml-100k'), PredefinedKFold), as the peers ran them.
ratings-small: the peers' 80/20 split, training = every rating not in their test file.

Prints one JSON line per fold and repeat (stdout only; nothing is appended anywhere).

Usage:
  python benches/peers/surprise_knn_timing.py [--dataset ml-100k|ratings-small] [--repeats 3]
      [--folds u1,u2,u3,u4,u5] [--data DIR]
"""
import argparse
import json
import os
import time
from pathlib import Path

import pandas as pd
from surprise import Dataset, KNNBaseline, Reader, accuracy
from surprise.model_selection import PredefinedKFold

DEFAULT_DATA = os.environ.get(
    "RECSYS_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"),
)


def algo():
    return KNNBaseline(sim_options={"name": "pearson_baseline", "user_based": False}, verbose=False)


def timed(trainset, testset, **tags):
    a = algo()
    t0 = time.perf_counter()
    a.fit(trainset)
    t1 = time.perf_counter()
    preds = a.test(testset)
    t2 = time.perf_counter()
    rmse = accuracy.rmse(preds, verbose=False)
    print(json.dumps(dict(tags, algorithm="surprise.KNNBaseline", rmse=round(rmse, 6),
                          fit_s=round(t1 - t0, 4), predict_s=round(t2 - t1, 4),
                          total_s=round(t2 - t0, 4), loadavg_1m=os.getloadavg()[0])), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="ml-100k", choices=["ml-100k", "ratings-small"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--folds", default="u1,u2,u3,u4,u5")
    ap.add_argument("--data", default=DEFAULT_DATA)
    a = ap.parse_args()
    d = Path(a.data)
    if a.dataset == "ml-100k":
        folds = [(str(d / "ml-100k" / f"{f}.base"), str(d / "ml-100k" / f"{f}.test"))
                 for f in a.folds.split(",")]
        data = Dataset.load_from_folds(folds, reader=Reader("ml-100k"))
        splits = list(PredefinedKFold().split(data))
        names = a.folds.split(",")
    else:
        df = pd.read_csv(d / "the-movies-dataset" / "ratings_small.csv")
        peers = Path(os.environ.get("RECSYS_PEERS", d.parent / "peers"))
        test = pd.read_csv(peers / "protocol" / "ratings_small_surprise_split80_seed0_test.csv")
        cols = list(test.columns[:3])
        held = set(zip(test[cols[0]].astype(int), test[cols[1]].astype(int)))
        mask = [(u, i) not in held for u, i in zip(df.userId, df.movieId)]
        train_df = df[mask]
        data = Dataset.load_from_df(train_df[["userId", "movieId", "rating"]], Reader(rating_scale=(0.5, 5.0)))
        trainset = data.build_full_trainset()
        testset = [(int(u), int(i), float(r)) for u, i, r in test[cols].itertuples(index=False)]
        splits, names = [(trainset, testset)], ["80/20"]
    for rep in range(a.repeats):
        for name, (trainset, testset) in zip(names, splits):
            timed(trainset, testset, dataset=a.dataset, fold=name, repeat=rep)


if __name__ == "__main__":
    main()
