#!/usr/bin/env python
"""Surprise's SVD.sgd (Funk SVD, biased, its defaults), written out in numpy, with the order of
each user's ratings within an epoch as the only thing changed. One ml-100k official fold, seed 0;
prints the test RMSE. With `file` it reproduces surprise.SVD(random_state=0) (u1: 0.9513).

Usage: python benches/peers/svd_order_probe.py u1 popdesc [--data DIR]
  orders: file (Surprise's), index (first appearance), revindex, random<N>, popdesc, popasc
About 15 s per run.
"""
import argparse
import os
import random
from collections import Counter

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("fold")
ap.add_argument("order")
ap.add_argument("--data", default=os.environ.get("RECSYS_DATA", "../shared/data"))
a = ap.parse_args()
d = os.path.join(a.data, "ml-100k")

uid, iid, ur = {}, {}, {}
for line in open(f"{d}/{a.fold}.base"):
    u, i, r, _ = line.split("\t")
    uu = uid.setdefault(u, len(uid))
    ii = iid.setdefault(i, len(iid))
    ur.setdefault(uu, []).append((ii, float(r)))
cnt = Counter(i for u in ur for i, _ in ur[u])
shuffler = random.Random(int(a.order[6:] or 0)) if a.order.startswith("random") else None
for u in ur:
    if a.order == "index":
        ur[u].sort()
    elif a.order == "revindex":
        ur[u].sort(reverse=True)
    elif a.order.startswith("random"):
        shuffler.shuffle(ur[u])
    elif a.order == "popdesc":
        ur[u].sort(key=lambda t: (-cnt[t[0]], t[0]))
    elif a.order == "popasc":
        ur[u].sort(key=lambda t: (cnt[t[0]], t[0]))
    elif a.order != "file":
        raise SystemExit(f"unknown order {a.order}")

rng = np.random.RandomState(0)  # Surprise: get_rng(random_state=0)
nu, ni, k = len(uid), len(iid), 100
pu = rng.normal(0, 0.1, (nu, k))
qi = rng.normal(0, 0.1, (ni, k))
bu, bi = np.zeros(nu), np.zeros(ni)
allr = [(u, i, r) for u in ur for i, r in ur[u]]
mu = np.mean([r for _, _, r in allr])
lr, reg = 0.005, 0.02
for _ in range(20):
    for u, i, r in allr:
        p, q = pu[u], qi[i]
        err = r - (mu + bu[u] + bi[i] + p.dot(q))
        bu[u] += lr * (err - reg * bu[u])
        bi[i] += lr * (err - reg * bi[i])
        # simultaneous update: both from the old p and q (p and q are views)
        p_new = p + lr * (err * q - reg * p)
        qi[i] = q + lr * (err * p - reg * q)
        pu[u] = p_new
se, n = 0.0, 0
for line in open(f"{d}/{a.fold}.test"):
    u, i, r, _ = line.split("\t")
    est = mu
    if u in uid:
        est += bu[uid[u]]
    if i in iid:
        est += bi[iid[i]]
    if u in uid and i in iid:
        est += pu[uid[u]].dot(qi[iid[i]])
    se += (float(r) - min(5.0, max(1.0, est))) ** 2
    n += 1
print(a.fold, a.order, round((se / n) ** 0.5, 6))
