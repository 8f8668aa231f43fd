#!/usr/bin/env python3
"""PyTorch-eager reference timings for `FastBench` (diffusion_policy's ConditionalUnet1D).

Run by the Java benchmark with Debian's /usr/bin/python3 (torch 1.13) and OMP_NUM_THREADS /
OPENBLAS_NUM_THREADS / MKL_NUM_THREADS set to the thread count. The network is written from a
reading of diffusion_policy's conditional_unet1d.py; weights are random (timing does not depend
on them). The DDIM loop is the deterministic (eta = 0) diffusers DDIMScheduler update written
inline with tensors, the cheapest eager formulation (no scheduler object overhead).

Prints one JSON object per line: {"kind": "forward"|"chunk", "batch", "threads", "steps", "ms": [...]}.
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class StepEmbedding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, t):
        half = self.dim // 2
        scale = math.log(10000) / (half - 1)
        freqs = torch.exp(torch.arange(half, device=t.device) * -scale)
        arg = t[:, None] * freqs[None, :]
        return torch.cat((arg.sin(), arg.cos()), dim=-1)


class Block(nn.Module):
    def __init__(self, cin, cout, k, groups):
        super().__init__()
        self.block = nn.Sequential(nn.Conv1d(cin, cout, k, padding=k // 2), nn.GroupNorm(groups, cout), nn.Mish())

    def forward(self, x):
        return self.block(x)


class Res(nn.Module):
    def __init__(self, cin, cout, cond_dim, k, groups, scale):
        super().__init__()
        self.blocks = nn.ModuleList([Block(cin, cout, k, groups), Block(cout, cout, k, groups)])
        self.scale = scale
        self.cout = cout
        self.cond_encoder = nn.Sequential(nn.Mish(), nn.Linear(cond_dim, cout * 2 if scale else cout))
        self.residual_conv = nn.Conv1d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, cond):
        out = self.blocks[0](x)
        e = self.cond_encoder(cond).unsqueeze(-1)
        if self.scale:
            e = e.reshape(e.shape[0], 2, self.cout, 1)
            out = e[:, 0] * out + e[:, 1]
        else:
            out = out + e
        out = self.blocks[1](out)
        return out + self.residual_conv(x)


class Unet(nn.Module):
    def __init__(self, a, g, dsed, dims, k, groups, scale):
        super().__init__()
        all_dims = [a] + dims
        cond = dsed + g
        self.diffusion_step_encoder = nn.Sequential(StepEmbedding(dsed), nn.Linear(dsed, 4 * dsed), nn.Mish(),
                                                    nn.Linear(4 * dsed, dsed))
        io = list(zip(all_dims[:-1], all_dims[1:]))
        rb = lambda i, o: Res(i, o, cond, k, groups, scale)
        self.down_modules = nn.ModuleList([nn.ModuleList([rb(i, o), rb(o, o),
                                                          nn.Conv1d(o, o, 3, 2, 1) if n < len(io) - 1 else nn.Identity()])
                                           for n, (i, o) in enumerate(io)])
        self.mid_modules = nn.ModuleList([rb(all_dims[-1], all_dims[-1]), rb(all_dims[-1], all_dims[-1])])
        self.up_modules = nn.ModuleList([nn.ModuleList([rb(o * 2, i), rb(i, i), nn.ConvTranspose1d(i, i, 4, 2, 1)])
                                         for (i, o) in reversed(io[1:])])
        self.final_conv = nn.Sequential(Block(dims[0], dims[0], k, 8), nn.Conv1d(dims[0], a, 1))

    def forward(self, sample, timestep, global_cond):
        x = sample.transpose(1, 2)
        feature = torch.cat([self.diffusion_step_encoder(timestep.expand(sample.shape[0])), global_cond], dim=-1)
        h = []
        for r1, r2, down in self.down_modules:
            x = r2(r1(x, feature), feature)
            h.append(x)
            x = down(x)
        for m in self.mid_modules:
            x = m(x, feature)
        for r1, r2, up in self.up_modules:
            x = torch.cat((x, h.pop()), dim=1)
            x = up(r2(r1(x, feature), feature))
        return self.final_conv(x).transpose(1, 2)


def alphas_cumprod(n):
    def bar(t):
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
    betas = torch.tensor([min(1 - bar((i + 1) / n) / bar(i / n), 0.999) for i in range(n)], dtype=torch.float32)
    return torch.cumprod(1 - betas, dim=0)


def ddim(net, ac, x, cond, steps, n=100):
    ratio = n // steps
    for i in range(steps):
        t = (steps - 1 - i) * ratio
        eps = net(x, torch.tensor([t], dtype=torch.long), cond)
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
            t = torch.tensor([50], dtype=torch.long)
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
