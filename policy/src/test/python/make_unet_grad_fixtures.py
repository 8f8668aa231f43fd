#!/usr/bin/env python3
"""Writes the ConditionalUnet1D gradient fixtures the java training backend is checked against.

Run from the repository root with Debian's PyTorch:

    OMP_NUM_THREADS=1 /usr/bin/python3 policy/src/test/python/make_unet_grad_fixtures.py \
        policy/src/test/resources/fixtures/unet-grad

For each configuration: <name>.weights.safetensors (random state_dict, GroupNorm affine randomised),
<name>.io.safetensors (sample [B,T,A], timestep [B] i64, global_cond [B,G], target [B,T,A], loss [1]),
<name>.grad.safetensors (the gradient of the loss, mean((net(sample) - target)^2), under each
parameter's state_dict name) and <name>.json (the sizes). The network is the one
make_unet_fixtures.py uses.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_unet_fixtures import CONFIGS as FORWARD_CONFIGS, cases, write_meta, write_safetensors  # noqa: E402

# The forward fixtures' configurations, each with a seed of its own.
CONFIGS = {name: dict(c, seed=c["seed"] + 10) for name, c in FORWARD_CONFIGS.items()}


def main(out_dir):
    for name, c, net, sample, timestep, cond in cases(out_dir, CONFIGS):
        net.train()
        target = torch.randn(c["batch"], c["horizon"], c["input_dim"])
        loss = ((net(sample, timestep, cond) - target) ** 2).mean()
        loss.backward()
        write_safetensors(os.path.join(out_dir, name + ".weights.safetensors"), net.state_dict())
        write_safetensors(os.path.join(out_dir, name + ".io.safetensors"),
                          {"sample": sample, "timestep": timestep, "global_cond": cond, "target": target,
                           "loss": loss.detach().reshape(1)})
        write_safetensors(os.path.join(out_dir, name + ".grad.safetensors"),
                          {n: p.grad for n, p in net.named_parameters()})
        write_meta(out_dir, name, c)
        print(name, "loss", float(loss), "params", sum(p.numel() for p in net.parameters()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "policy/src/test/resources/fixtures/unet-grad")
