#!/usr/bin/env python
"""implicit ALS on the NCF leave-latest-out protocol (1 held-out + 99 sampled negatives),
using LOO from ../shared/peers/ncf_protocol.py. Same model/eval as
../shared/peers/implicit_bench.py's run_als, one configuration per dataset (its best):

  ratings_small    factors 64, 15 it, reg 0.1,  alpha 2   (RESULTS.md HR@10 0.6736)
  ml-100k          factors 64, 15 it, reg 0.03, alpha 10  (RESULTS.md HR@10 0.6257)
  ml-latest-small  factors 64, 15 it, reg 0.01, alpha 2   (RESULTS.md HR@10 0.7148)

implicit threads = 2, OpenBLAS/MKL 1 thread. Prints one JSON line per dataset (stdout only;
the protocol file is NOT written, shared/ is read-only).

Usage:
  python benches/peers/implicit_als.py [--datasets ratings_small,ml-100k,ml-latest-small]
"""
import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy/implicit are imported
os.environ["MKL_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

PEERS = os.environ.get("RECSYS_PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "peers"))
sys.path.insert(0, PEERS)

import numpy as np  # noqa: E402
import implicit  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402
from ncf_protocol import LOO  # noqa: E402

CONFIGS = {  # dataset: (regularization, alpha, RESULTS.md HR@10, NDCG@10)
    "ratings_small": (0.1, 2.0, 0.6736, 0.4619),
    "ml-100k": (0.03, 10.0, 0.6257, 0.3781),
    "ml-latest-small": (0.01, 2.0, 0.7148, 0.4999),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default=",".join(CONFIGS))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=os.environ.get("RECSYS_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")))
    a = ap.parse_args()
    for ds in a.datasets.split(","):
        reg, alpha, ref_hr, ref_ndcg = CONFIGS[ds]
        t0 = time.perf_counter()
        loo = LOO(a.data, ds, seed=0)
        X = loo.train_csr()
        prep_s = time.perf_counter() - t0
        model = AlternatingLeastSquares(factors=64, regularization=reg, alpha=alpha, iterations=15,
                                        random_state=0, num_threads=a.threads)
        t0, c0 = time.perf_counter(), time.process_time()
        model.fit(X, show_progress=False)
        fit_s, fit_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        m = loo.evaluate_factors(np.asarray(model.user_factors), np.asarray(model.item_factors))
        eval_s = time.perf_counter() - t0
        rec = dict(dataset=ds, algorithm="implicit.AlternatingLeastSquares",
                   params=dict(factors=64, iterations=15, regularization=reg, alpha=alpha,
                               use_cg=model.use_cg, random_state=0, num_threads=a.threads,
                               openblas_threads=os.environ["OPENBLAS_NUM_THREADS"]),
                   n_users=loo.n_users, n_items=loo.n_items, n_train=loo.n_train,
                   hr10=round(m["hr10"], 4), ndcg10=round(m["ndcg10"], 4),
                   ref_hr10=ref_hr, ref_ndcg10=ref_ndcg,
                   matches_ref=(round(m["hr10"], 4) == ref_hr and round(m["ndcg10"], 4) == ref_ndcg),
                   fit_s=round(fit_s, 3), fit_cpu_s=round(fit_cpu_s, 3), eval_s=round(eval_s, 4),
                   protocol_s=round(prep_s, 2), loadavg_1m=round(os.getloadavg()[0], 2),
                   library_version=implicit.__version__)
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
