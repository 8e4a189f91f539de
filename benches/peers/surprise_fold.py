#!/usr/bin/env python
"""Surprise SVD / SVDpp (library defaults, random_state=0) on ONE official ml-100k fold.

Same model construction and fold loading as ../shared/peers/surprise_bench.py
(Reader('ml-100k'), Dataset.load_from_folds + PredefinedKFold), restricted to one fold.
Prints one JSON line per algorithm (stdout only; nothing is appended anywhere).

Usage:
  python benches/peers/surprise_fold.py --fold u1 --algos SVD,SVDpp
"""
import argparse
import json
import os
import time
from pathlib import Path

import surprise
from surprise import SVD, SVDpp, Dataset, Reader, accuracy
from surprise.model_selection import PredefinedKFold

SEED = 0
DEFAULT_DATA = os.environ.get("RECSYS_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))


def make_algo(name):
    if name == "SVD":
        a = SVD(n_factors=100, n_epochs=20, lr_all=0.005, reg_all=0.02, random_state=SEED)
        params = dict(n_factors=100, n_epochs=20, lr_all=0.005, reg_all=0.02,
                      init_std_dev=a.init_std_dev, biased=a.biased, random_state=SEED)
    elif name == "SVDpp":
        a = SVDpp(n_factors=20, n_epochs=20, lr_all=0.007, reg_all=0.02, random_state=SEED)
        params = dict(n_factors=20, n_epochs=20, lr_all=0.007, reg_all=0.02,
                      init_std_dev=a.init_std_dev, cache_ratings=getattr(a, "cache_ratings", None),
                      random_state=SEED)
    else:
        raise ValueError(f"unknown algorithm {name!r} (SVD, SVDpp)")
    return a, params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", default="u1", choices=[f"u{k}" for k in range(1, 6)])
    ap.add_argument("--algos", default="SVD,SVDpp")
    ap.add_argument("--seed", type=int, default=0, help="random_state")
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder holding ml-100k/")
    a = ap.parse_args()
    global SEED
    SEED = a.seed
    algos = [x.strip() for x in a.algos.split(",") if x.strip()]
    for name in algos:  # fail fast on a bad name
        make_algo(name)

    folder = Path(a.data) / "ml-100k"
    data = Dataset.load_from_folds([(str(folder / f"{a.fold}.base"), str(folder / f"{a.fold}.test"))],
                                   reader=Reader("ml-100k"))
    trainset, testset = next(PredefinedKFold().split(data))

    for name in algos:
        algo, params = make_algo(name)
        t0, c0 = time.perf_counter(), time.process_time()
        algo.fit(trainset)
        fit_s, fit_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        preds = algo.test(testset)
        eval_s, eval_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        rec = dict(dataset="ml-100k", split=f"{a.fold}.base/{a.fold}.test", algorithm=f"surprise.{name}",
                   params=params,
                   rmse=round(accuracy.rmse(preds, verbose=False), 4),
                   mae=round(accuracy.mae(preds, verbose=False), 4),
                   n_train=trainset.n_ratings, n_test=len(testset),
                   fit_s=round(fit_s, 3), fit_cpu_s=round(fit_cpu_s, 3),
                   eval_s=round(eval_s, 3), eval_cpu_s=round(eval_cpu_s, 3),
                   threads=1, loadavg_1m=round(os.getloadavg()[0], 2),
                   library_version=surprise.__version__)
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
