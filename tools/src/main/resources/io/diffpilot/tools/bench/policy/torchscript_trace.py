#!/usr/bin/env python3
"""Traces ConditionalUnet1D with given weights into a TorchScript file for DJL.

Run by `diffpilot bench policy` (the torchscript rows) and its test with Debian's
/usr/bin/python3 (torch 1.13). The network is conditional_unet1d.py (beside this file), whose
module names are diffusion_policy's state_dict keys, so the Java state dict loads with
strict=True and no renaming.

    torchscript_trace.py --weights W.safetensors --config C.json --horizon T --out unet.pt

C.json: {"input_dim", "global_cond_dim", "step_embed_dim", "down_dims", "kernel_size",
"n_groups", "cond_predict_scale"}. The trace takes (sample [B,T,A] f32, timestep [B] i64,
global_cond [B,G] f32); it is checked against eager mode at two batch sizes before saving.
Prints one JSON line: {"out", "max_abs_eager_diff"}.
"""
import argparse
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conditional_unet1d import Unet  # noqa: E402

DTYPES = {"F32": torch.float32, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        start, end = h["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=DTYPES[h["dtype"]])
        tensors[name] = t.reshape(h["shape"]).clone()
    return tensors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--horizon", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    with open(a.config) as f:
        c = json.load(f)
    net = Unet(c["input_dim"], c["global_cond_dim"], c["step_embed_dim"], c["down_dims"], c["kernel_size"],
               c["n_groups"], c["cond_predict_scale"])
    net.load_state_dict(read_safetensors(a.weights), strict=True)
    net.eval()
    gen = torch.Generator().manual_seed(0)

    def inputs(batch):
        return (torch.randn(batch, a.horizon, c["input_dim"], generator=gen),
                torch.randint(0, 100, (batch,), generator=gen, dtype=torch.int64),
                torch.randn(batch, c["global_cond_dim"], generator=gen))

    with torch.no_grad():
        traced = torch.jit.trace(net, inputs(2), check_trace=False)
        worst = 0.0
        for batch in (1, 3):
            x = inputs(batch)
            worst = max(worst, (traced(*x) - net(*x)).abs().max().item())
    if worst > 1e-5:
        raise SystemExit("trace differs from eager mode by %g" % worst)
    traced.save(a.out)
    print(json.dumps({"out": a.out, "max_abs_eager_diff": worst}))


if __name__ == "__main__":
    main()
