"""LightFM 1.17 WARP on the NCF protocol (the peers' leave-latest split, 99 sampled negatives,
seed 0) over several `random_state`s, timed, as `implicit_bench.py` runs it (64 components,
learning rate 0.05, 30 epochs, Hogwild on the given threads), without appending to the shared
results. Usage (a venv with lightfm 1.17, scipy, numpy):
  python lightfm_seeds.py DATASET SEEDS [THREADS]   # DATASET: ml-100k | ratings_small
Needs ../shared/peers on the path (PEERS_DIR) and RECSYS_DATA (default ../shared/data)."""
import os
import sys
import time

sys.path.insert(0, os.environ.get("PEERS_DIR", "../shared/peers"))
import numpy as np  # noqa: E402
from lightfm import LightFM  # noqa: E402
from ncf_protocol import LOO  # noqa: E402

name, seeds = sys.argv[1], [int(s) for s in sys.argv[2].split(",")]
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
loo = LOO(os.environ.get("RECSYS_DATA", "../shared/data"), name, seed=0)
X = loo.train_csr().tocoo()
hrs, fits = [], []
for s in seeds:
    model = LightFM(no_components=64, loss="warp", learning_rate=0.05, random_state=s)
    t = time.perf_counter()
    model.fit(X, epochs=30, num_threads=threads)
    fits.append(time.perf_counter() - t)
    uu = np.repeat(np.arange(loo.n_users), loo.cand.shape[1]).astype(np.int32)
    sc = model.predict(uu, loo.cand.ravel().astype(np.int32), num_threads=threads)
    hrs.append(loo.evaluate_scores(sc.reshape(loo.cand.shape))["hr10"])
    print(f"{name} seed {s}: hr@10 {hrs[-1]:.4f} fit {fits[-1]:.2f}s", flush=True)
print(f"{name} lightfm warp: mean hr@10 {np.mean(hrs):.4f} (sd {np.std(hrs, ddof=1):.4f}) "
      f"mean fit {np.mean(fits):.2f}s over seeds {seeds}")
