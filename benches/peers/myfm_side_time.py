"""Same-sitting timing of myFM 0.4.0's `side` and `side_date` configs on ml-100k official folds
(implicit sets + user/movie side columns [+ the rating date]), by calling `build`/`fit_eval` of
the peers' `myfm_bench.py` without appending to the shared results.
With a fourth argument `ordinal`, fits `MyFMOrderedProbit` on the ratings as classes 0-4 and
predicts the expected rating from `predict_proba`; with `MYFM_SEEDS=0,1` (ordinal only) it fits
one chain per seed and averages their expected ratings, as `BfmParams::chains` keeps two chains'
samples (the fit time is then the chains' sum).
Usage: MYFM_BENCH_DIR=<folder with myfm_bench.py and ncommon.py> python myfm_side_time.py CFG ITERS FOLDS [ordinal]"""
import os
import sys

sys.path.insert(0, os.environ.get("MYFM_BENCH_DIR", "../shared/peers/more"))
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy.sparse as sps  # noqa: E402
import myfm  # noqa: E402
import myfm_bench as mb  # noqa: E402

cfg, iters, folds = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3].split(",")]
ordinal = len(sys.argv) > 4 and sys.argv[4] == "ordinal"


def fit_eval_ordinal(tr, te):
    Xtr, btr, Xte, bte, shapes = mb.build(tr, te, cfg, user_info=user_info, movie_info=movie_info)
    if Xtr is None:
        Xtr, Xte = sps.csr_matrix((len(tr), 0)), sps.csr_matrix((len(te), 0))
    seeds = [int(x) for x in os.environ.get("MYFM_SEEDS", str(mb.SEED)).split(",")]
    preds, fit_s = [], 0.0
    for seed in seeds:
        fm = myfm.MyFMOrderedProbit(rank=10, random_seed=seed)
        t = time.perf_counter()
        fm.fit(Xtr, tr.rating.values - 1, X_rel=btr, group_shapes=shapes, n_iter=iters, n_kept_samples=iters)
        fit_s += time.perf_counter() - t
        preds.append(fm.predict_proba(Xte, bte).dot(np.arange(1, 6)))
    pred = np.mean(preds, axis=0)
    return dict(rmse=float(np.sqrt(np.mean((te.rating.values - pred) ** 2))), fit_s=fit_s)


dm = mb.local_ml100k_manager()
user_info = dm.load_user_info().set_index("user_id")
user_info["zipcode"] = user_info.zipcode.str[0]
movie_info = dm.load_movie_info()
movie_info["release_year"] = movie_info["release_date"].dt.year
movie_info = movie_info[["movie_id", "release_year", "genres"]].set_index("movie_id")
rmses, fits = [], []
for k in folds:
    tr, te = dm.load_rating_predefined_split(fold=k)
    if ordinal:
        m = fit_eval_ordinal(tr, te)
    else:
        m = mb.fit_eval(tr, te, cfg, 10, iters, iters, user_info=user_info, movie_info=movie_info)
    rmses.append(m["rmse"])
    fits.append(m["fit_s"])
    print(f"fold {k}: rmse {rmses[-1]:.4f} fit {fits[-1]:.2f}s", flush=True)
print(f"{cfg}{' ordinal' if ordinal else ''} iters {iters}: mean rmse {np.mean(rmses):.4f} mean fit {np.mean(fits):.2f}s")
