"""Same-sitting timing of myFM 0.4.0's `side` and `side_date` configs on ml-100k official folds
(implicit sets + user/movie side columns [+ the rating date]), by calling `build`/`fit_eval` of
the peers' `myfm_bench.py` without appending to the shared results.
Usage: MYFM_BENCH_DIR=<folder with myfm_bench.py and ncommon.py> python myfm_side_time.py CFG ITERS FOLDS"""
import os
import sys

sys.path.insert(0, os.environ.get("MYFM_BENCH_DIR", "../shared/peers/more"))
import numpy as np  # noqa: E402
import myfm_bench as mb  # noqa: E402

cfg, iters, folds = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3].split(",")]
dm = mb.local_ml100k_manager()
user_info = dm.load_user_info().set_index("user_id")
user_info["zipcode"] = user_info.zipcode.str[0]
movie_info = dm.load_movie_info()
movie_info["release_year"] = movie_info["release_date"].dt.year
movie_info = movie_info[["movie_id", "release_year", "genres"]].set_index("movie_id")
rmses, fits = [], []
for k in folds:
    tr, te = dm.load_rating_predefined_split(fold=k)
    m = mb.fit_eval(tr, te, cfg, 10, iters, iters, user_info=user_info, movie_info=movie_info)
    rmses.append(m["rmse"])
    fits.append(m["fit_s"])
    print(f"fold {k}: rmse {rmses[-1]:.4f} fit {fits[-1]:.2f}s", flush=True)
print(f"{cfg} iters {iters}: mean rmse {np.mean(rmses):.4f} mean fit {np.mean(fits):.2f}s")
