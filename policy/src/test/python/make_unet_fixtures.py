#!/usr/bin/env python3
"""Writes the ConditionalUnet1D reference fixtures the Java tests compare against.

Run from the repository root with Debian's PyTorch (no safetensors package needed):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 \
        policy/src/test/python/make_unet_fixtures.py policy/src/test/resources/fixtures/unet

The network (policy/src/main/resources/io/diffpilot/policy/python/conditional_unet1d.py) is
written from a reading of diffusion_policy's model/diffusion/conditional_unet1d.py (and its
conv1d_components / positional_embedding): module names give the reference's state_dict keys. For each
configuration it writes <name>.weights.safetensors (random state_dict, GroupNorm affine
randomised too so that it is exercised), <name>.io.safetensors (sample [B,T,A] f32,
timestep [B] i64, global_cond [B,G] f32, output [B,T,A] f32) and <name>.json (the sizes).
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn

# The architecture lives beside the benchmark script so that both use one definition.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "main", "resources", "io", "diffpilot", "policy", "python"))
from conditional_unet1d import Unet  # noqa: E402


def write_safetensors(path, tensors):
    names = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().tobytes()  # little-endian on every platform torch 1.13 supports here
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


CONFIGS = {
    # FiLM scale + bias, three levels
    "film_scale": dict(input_dim=2, global_cond_dim=10, dsed=32, down_dims=[16, 24, 32], k=5, n_groups=8,
                       predict_scale=True, horizon=16, batch=3, seed=1),
    # FiLM bias only, two levels, other sizes everywhere
    "bias_only": dict(input_dim=3, global_cond_dim=7, dsed=16, down_dims=[8, 16], k=3, n_groups=4,
                      predict_scale=False, horizon=8, batch=2, seed=2),
}


def random_case(c):
    """Configuration c's network with random weights (GroupNorm affine randomised too, so that it is
    exercised) and a random batch: (net, sample [B,T,A], timestep [B] i64, global_cond [B,G]),
    drawn in this order from torch's generator seeded with c["seed"]."""
    torch.manual_seed(c["seed"])
    net = Unet(c["input_dim"], c["global_cond_dim"], c["dsed"], c["down_dims"], c["k"], c["n_groups"],
               c["predict_scale"])
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.GroupNorm):
                m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
                m.bias.copy_(0.2 * torch.randn_like(m.bias))
    b, t = c["batch"], c["horizon"]
    sample = torch.randn(b, t, c["input_dim"])
    timestep = torch.randint(0, 100, (b,), dtype=torch.int64)
    cond = torch.randn(b, c["global_cond_dim"])
    return net, sample, timestep, cond


def write_meta(out_dir, name, c):
    """<name>.json: the sizes of configuration c and the torch that made the fixtures."""
    meta = {k: v for k, v in c.items() if k != "seed"}
    meta["torch"] = torch.__version__
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2)


def cases(out_dir, configs):
    """Yields (name, c, net, sample, timestep, cond) for each configuration, single-threaded, out_dir made."""
    torch.set_num_threads(1)
    os.makedirs(out_dir, exist_ok=True)
    for name, c in configs.items():
        yield (name, c) + random_case(c)


def main(out_dir):
    for name, c, net, sample, timestep, cond in cases(out_dir, CONFIGS):
        net.eval()
        with torch.no_grad():
            out = net(sample, timestep, cond)
        write_safetensors(os.path.join(out_dir, name + ".weights.safetensors"), net.state_dict())
        write_safetensors(os.path.join(out_dir, name + ".io.safetensors"),
                          {"sample": sample, "timestep": timestep, "global_cond": cond, "output": out})
        write_meta(out_dir, name, c)
        print(name, "params", sum(p.numel() for p in net.parameters()), "output", tuple(out.shape))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "policy/src/test/resources/fixtures/unet")
