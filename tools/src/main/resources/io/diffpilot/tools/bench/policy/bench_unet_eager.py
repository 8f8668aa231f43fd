"""PyTorch-eager side of `diffpilot bench policy`: times forwards of ConditionalUnet1D.

Run by the Java benchmark as a subprocess with OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set
(Debian's torch does its matrix products in OpenBLAS, whose threads ignore
torch.set_num_threads). Prints one JSON object: times in ms, VmRSS in KiB.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conditional_unet1d import Unet  # noqa: E402


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def percentile(sorted_values, q):
    # nearest rank, as the Java side computes it
    i = max(0, min(len(sorted_values) - 1, int(-(-q * len(sorted_values) // 1)) - 1))
    return sorted_values[i]


def parse_args(batch, warmup, iterations, budget_seconds):
    """The options of both eager benchmarks (PythonEagerBench passes them all); the defaults are each one's own."""
    p = argparse.ArgumentParser()
    p.add_argument("--down-dims", required=True)
    p.add_argument("--action-dim", type=int, default=2)
    p.add_argument("--cond-dim", type=int, default=40)
    p.add_argument("--step-embed", type=int, default=256)
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--groups", type=int, default=8)
    p.add_argument("--horizon", type=int, default=16)
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=warmup)
    p.add_argument("--iterations", type=int, default=iterations)
    p.add_argument("--budget-seconds", type=float, default=budget_seconds)
    return p.parse_args()


def net_and_batch(a):
    """The network of the options (FiLM scale on) and a random batch (x, t, global_cond), seeded with 0."""
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dims = [int(d) for d in a.down_dims.split(",")]
    net = Unet(a.action_dim, a.cond_dim, a.step_embed, dims, a.kernel, a.groups, True)
    x = torch.randn(a.batch, a.horizon, a.action_dim)
    t = torch.randint(0, 100, (a.batch,), dtype=torch.int64)
    g = torch.randn(a.batch, a.cond_dim)
    return net, x, t, g


def time_calls(call, a, min_calls):
    """--warmup untimed calls, then up to --iterations timed ones (at least min_calls, then while the
    budget lasts); prints the JSON line PythonEagerBench reads."""
    for _ in range(a.warmup):
        call()
    rss_before = rss_kib()
    times = []
    start = time.perf_counter()
    while len(times) < a.iterations and (len(times) < min_calls or time.perf_counter() - start < a.budget_seconds):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1e3)
    rss_after = rss_kib()
    s = sorted(times)
    print(json.dumps({"n": len(s), "p50_ms": percentile(s, 0.5), "p99_ms": percentile(s, 0.99),
                      "rss_before_kib": rss_before, "rss_after_kib": rss_after, "torch": torch.__version__}))


def main():
    a = parse_args(batch=1, warmup=5, iterations=50, budget_seconds=10.0)
    net, x, t, g = net_and_batch(a)
    net.eval()
    with torch.inference_mode():
        time_calls(lambda: net(x, t, g), a, min_calls=5)


if __name__ == "__main__":
    main()
