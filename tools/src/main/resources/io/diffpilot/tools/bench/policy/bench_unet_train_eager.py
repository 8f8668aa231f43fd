"""PyTorch-eager side of `diffpilot bench train`: times training steps of ConditionalUnet1D.

One step = forward, MSE loss against a target, backward, torch.optim.AdamW step (lr 1e-4, wd 1e-6,
betas 0.95/0.999), the same work the Java rows time. Run as a subprocess with OMP_NUM_THREADS /
OPENBLAS_NUM_THREADS set. Prints one JSON object: step times in ms.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_unet_eager import net_and_batch, parse_args, time_calls  # noqa: E402


def main():
    a = parse_args(batch=64, warmup=3, iterations=20, budget_seconds=20.0)
    net, x, t, g = net_and_batch(a)
    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4, betas=(0.95, 0.999), eps=1e-8, weight_decay=1e-6)
    y = torch.randn(a.batch, a.horizon, a.action_dim)

    def step():
        loss = ((net(x, t, g) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    time_calls(step, a, min_calls=3)


if __name__ == "__main__":
    main()
