"""PyTorch-eager side of `diffpilot bench train`: times training steps of ConditionalUnet1D.

One step = forward, MSE loss against a target, backward, torch.optim.AdamW step (lr 1e-4, wd 1e-6,
betas 0.95/0.999), the same work the Java rows time. Run as a subprocess with OMP_NUM_THREADS /
OPENBLAS_NUM_THREADS set. Prints one JSON object: step times in ms.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conditional_unet1d import Unet  # noqa: E402
from bench_unet_eager import percentile, rss_kib  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--down-dims", required=True)
    p.add_argument("--action-dim", type=int, default=2)
    p.add_argument("--cond-dim", type=int, default=40)
    p.add_argument("--step-embed", type=int, default=256)
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--groups", type=int, default=8)
    p.add_argument("--horizon", type=int, default=16)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iterations", type=int, default=20)
    p.add_argument("--budget-seconds", type=float, default=20.0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dims = [int(d) for d in a.down_dims.split(",")]
    net = Unet(a.action_dim, a.cond_dim, a.step_embed, dims, a.kernel, a.groups, True).train()
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4, betas=(0.95, 0.999), eps=1e-8, weight_decay=1e-6)
    x = torch.randn(a.batch, a.horizon, a.action_dim)
    t = torch.randint(0, 100, (a.batch,), dtype=torch.int64)
    g = torch.randn(a.batch, a.cond_dim)
    y = torch.randn(a.batch, a.horizon, a.action_dim)

    def step():
        loss = ((net(x, t, g) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    rss_before = rss_kib()
    times = []
    start = time.perf_counter()
    while len(times) < a.iterations and (len(times) < 3 or time.perf_counter() - start < a.budget_seconds):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    s = sorted(times)
    print(json.dumps({"n": len(s), "p50_ms": percentile(s, 0.5), "p99_ms": percentile(s, 0.99),
                      "rss_before_kib": rss_before, "rss_after_kib": rss_kib(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
