#!/usr/bin/env python3
"""PyTorch-eager reference timings for `FastBench` (diffusion_policy's ConditionalUnet1D).

Run by the Java benchmark with Debian's /usr/bin/python3 (torch 1.13) and OMP_NUM_THREADS /
OPENBLAS_NUM_THREADS / MKL_NUM_THREADS set to the thread count. The network is the one of
conditional_unet1d.py (copied out beside this script); weights are random (timing does not depend
on them). The DDIM loop is the deterministic (eta = 0) diffusers DDIMScheduler update written
inline with tensors, the cheapest eager formulation (no scheduler object overhead).

Prints one JSON object per line: {"kind": "forward"|"chunk", "batch", "threads", "steps", "ms": [...]}.
"""
import argparse
import json
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conditional_unet1d import Unet  # noqa: E402


def alphas_cumprod(n):
    def bar(t):
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
    betas = torch.tensor([min(1 - bar((i + 1) / n) / bar(i / n), 0.999) for i in range(n)], dtype=torch.float32)
    return torch.cumprod(1 - betas, dim=0)


def ddim(net, ac, x, cond, steps, n=100):
    ratio = n // steps
    for i in range(steps):
        t = (steps - 1 - i) * ratio
        eps = net(x, torch.tensor([t], dtype=torch.long).expand(x.shape[0]), cond)
        prev = t - ratio
        a = ac[t]
        a_prev = ac[prev] if prev >= 0 else torch.tensor(1.0)
        x0 = ((x - (1 - a).sqrt() * eps) / a.sqrt()).clamp(-1, 1)
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--input-dim", type=int, default=2)
    p.add_argument("--global-cond-dim", type=int, default=40)
    p.add_argument("--step-embed-dim", type=int, default=256)
    p.add_argument("--down-dims", default="64,128,256")
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--groups", type=int, default=8)
    p.add_argument("--horizon", type=int, default=16)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--batches", default="1")
    p.add_argument("--steps", default="10")
    p.add_argument("--forward-iters", type=int, default=200)
    p.add_argument("--chunks", type=int, default=50)
    p.add_argument("--warmup", type=int, default=20)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    dims = [int(d) for d in args.down_dims.split(",")]
    net = Unet(args.input_dim, args.global_cond_dim, args.step_embed_dim, dims, args.kernel, args.groups, True).eval()
    ac = alphas_cumprod(100)
    with torch.inference_mode():
        for batch in [int(b) for b in args.batches.split(",")]:
            x = torch.randn(batch, args.horizon, args.input_dim)
            cond = torch.randn(batch, args.global_cond_dim)
            t = torch.tensor([50], dtype=torch.long).expand(batch)
            for _ in range(args.warmup):
                net(x, t, cond)
            ms = []
            for _ in range(args.forward_iters):
                s = time.perf_counter()
                net(x, t, cond)
                ms.append((time.perf_counter() - s) * 1e3)
            print(json.dumps({"kind": "forward", "batch": batch, "threads": args.threads, "steps": 0, "ms": ms}), flush=True)
            for steps in [int(s) for s in args.steps.split(",")]:
                for _ in range(max(2, args.warmup // steps)):
                    ddim(net, ac, x, cond, steps)
                ms = []
                for _ in range(args.chunks):
                    s = time.perf_counter()
                    ddim(net, ac, torch.randn(batch, args.horizon, args.input_dim), cond, steps)
                    ms.append((time.perf_counter() - s) * 1e3)
                print(json.dumps({"kind": "chunk", "batch": batch, "threads": args.threads, "steps": steps, "ms": ms}),
                      flush=True)


if __name__ == "__main__":
    sys.exit(main())
