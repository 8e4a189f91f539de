"""Cornac 3 BPR on the NCF protocol (the peers' leave-latest candidate files, 99 sampled
negatives) over several seeds, timed, as `../shared/peers/more/ncf_bench.py` runs it (64 factors,
learning rate 0.05, regularization 0.01, 100 iterations; Cornac's BPR runs on one thread with a
seed), without appending to the shared results. Usage (a venv with cornac 3):
  python cornac_bpr_seeds.py DATASET SEEDS   # DATASET: ml-100k | ratings_small
Needs ../shared/peers/more on the path (PEERS_DIR, default ../shared/peers) and RECSYS_DATA
(default ../shared/data)."""
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.environ.get("PEERS_DIR", "../shared/peers"), "more"))
import cornac  # noqa: E402
import ncf_bench as nb  # noqa: E402
import numpy as np  # noqa: E402
import ncommon  # noqa: E402
from ncommon import Timer  # noqa: E402

# ncommon finds the data beside a `shared/` folder of its own; point it at RECSYS_DATA
ncommon.DATA = nb.DATA = Path(os.environ.get("RECSYS_DATA", "../shared/data"))

name, seeds = sys.argv[1], [int(s) for s in sys.argv[2].split(",")]
p = nb.Proto(name)
data = nb.cornac_data(p)
hrs, fits = [], []
for s in seeds:
    m = cornac.models.BPR(k=64, max_iter=100, learning_rate=0.05, lambda_reg=0.01, seed=s,
                          verbose=False)
    with Timer() as tf:
        m.fit(data)
    hrs.append(p.evaluate(nb.cornac_scores(p, m, data))["hr10"])
    fits.append(tf.s)
    print(f"{name} seed {s}: hr@10 {hrs[-1]:.4f} fit {fits[-1]:.2f}s", flush=True)
print(f"{name} cornac bpr: mean hr@10 {np.mean(hrs):.4f} (sd {np.std(hrs, ddof=1):.4f}) "
      f"mean fit {np.mean(fits):.2f}s over seeds {seeds}", flush=True)
