#!/usr/bin/env python3
"""The models' order by sampled, corrected and full-ranking HR@10 and NDCG@10 (docs/PROTOCOLS.md).

Reads the JSON lines of `compare --protocol loo-sampled --json` (one file per dataset) and prints a
Markdown table: each metric's value with the model's rank in parentheses, and the rank changes.

    python3 benches/tables/sampled_vs_full.py ml-100k.jsonl ratings-small.jsonl
"""
import json
import sys

KEYS = ["hr@10", "hr@10 corrected", "hr@10 full", "ndcg@10", "ndcg@10 corrected", "ndcg@10 full"]


def ranks(rows, key):
    order = sorted(rows, key=lambda r: -r["metrics"][key])
    return {r["model"]: i + 1 for i, r in enumerate(order)}


for path in sys.argv[1:]:
    rows = [json.loads(line) for line in open(path) if line.strip()]
    rk = {k: ranks(rows, k) for k in KEYS}
    ds = rows[0]["dataset"]
    print(f"\n**{ds}** (peers' candidates, {rows[0]['metrics'].get('users', 0):.0f} users)\n")
    print("| model | " + " | ".join(KEYS) + " |")
    print("|---|" + "---:|" * len(KEYS))
    for r in sorted(rows, key=lambda r: rk["hr@10 full"][r["model"]]):
        m = r["metrics"]
        cells = []
        for k in KEYS:
            lo, hi = r["ci95"].get(k, (m[k], m[k]))
            cells.append(f"{m[k]:.4f} [{lo:.3f}, {hi:.3f}] ({rk[k][r['model']]})")
        print(f"| {r['model']} | " + " | ".join(cells) + " |")
    for metric in ["hr@10", "ndcg@10"]:
        flips = [
            f"{r['model']} {rk[metric][r['model']]}→{rk[metric + ' full'][r['model']]}"
            for r in rows
            if rk[metric][r["model"]] != rk[metric + " full"][r["model"]]
        ]
        fixed = [
            r["model"]
            for r in rows
            if rk[metric + " corrected"][r["model"]] == rk[metric + " full"][r["model"]]
        ]
        print(f"\n{metric}: sampled rank → full rank where they differ: {', '.join(flips) or 'none'}; "
              f"the corrected rank equals the full rank for {len(fixed)} of {len(rows)} models.")
