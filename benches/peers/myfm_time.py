"""Same-sitting timing of myFM 0.4.0 on ml-100k official folds: the `mf` and `svdpp_flipped`
configs of /work/shared/peers/more/myfm_bench.py (rebuilt here so nothing is appended to the
shared results). Usage: python myfm_time.py CFG ITERS FOLDS"""
import sys, time
import numpy as np, pandas as pd, scipy.sparse as sps
import myfm
from myfm import RelationBlock

cfg, iters, folds = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3].split(",")]
import os
D = os.path.join(os.environ.get("RECSYS_DATA", "/work/shared/data"), "ml-100k")
cols = ["user_id", "movie_id", "rating", "timestamp"]
rmses, fits = [], []
for k in folds:
    tr = pd.read_csv(f"{D}/u{k}.base", sep="\t", names=cols)
    te = pd.read_csv(f"{D}/u{k}.test", sep="\t", names=cols)
    users = np.union1d(tr.user_id.unique(), te.user_id.unique())
    movies = np.union1d(tr.movie_id.unique(), te.movie_id.unique())
    uix = {u: i for i, u in enumerate(users)}
    mix = {m: i for i, m in enumerate(movies)}
    nu, nm = len(users), len(movies)
    def block_user():
        X = sps.identity(nu, format="csr")
        if cfg == "mf":
            return X
        g = tr.groupby("user_id").movie_id.apply(list)
        rows, colsx, vals = [], [], []
        for u in users:
            ms = g.get(u, [])
            for m in ms:
                rows.append(uix[u]); colsx.append(mix[m]); vals.append(1 / np.sqrt(len(ms)))
        return sps.hstack([X, sps.csr_matrix((vals, (rows, colsx)), shape=(nu, nm))]).tocsr()
    def block_item():
        X = sps.identity(nm, format="csr")
        if cfg == "mf":
            return X
        g = tr.groupby("movie_id").user_id.apply(list)
        rows, colsx, vals = [], [], []
        for m in movies:
            us = g.get(m, [])
            for u in us:
                rows.append(mix[m]); colsx.append(uix[u]); vals.append(1 / np.sqrt(len(us)))
        return sps.hstack([X, sps.csr_matrix((vals, (rows, colsx)), shape=(nm, nu))]).tocsr()
    UB, IB = block_user(), block_item()
    def blocks(df):
        return [RelationBlock(df.user_id.map(uix).values, UB), RelationBlock(df.movie_id.map(mix).values, IB)]
    shapes = None if cfg == "mf" else [nu, nm, nm, nu]
    fm = myfm.MyFMRegressor(rank=10, random_seed=0)
    t = time.perf_counter()
    fm.fit(sps.csr_matrix((len(tr), 0)), tr.rating.values.astype(np.float64), X_rel=blocks(tr),
           group_shapes=shapes, n_iter=iters, n_kept_samples=iters)
    fits.append(time.perf_counter() - t)
    pred = fm.predict(sps.csr_matrix((len(te), 0)), blocks(te))
    rmses.append(float(np.sqrt(np.mean((te.rating.values - pred) ** 2))))
    print(f"fold {k}: rmse {rmses[-1]:.4f} fit {fits[-1]:.2f}s", flush=True)
print(f"{cfg} iters {iters}: mean rmse {np.mean(rmses):.4f} mean fit {np.mean(fits):.2f}s")
