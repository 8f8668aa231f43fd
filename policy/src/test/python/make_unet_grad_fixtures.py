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
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_unet_fixtures import Unet, write_safetensors  # noqa: E402

CONFIGS = {
    "film_scale": dict(input_dim=2, global_cond_dim=10, dsed=32, down_dims=[16, 24, 32], k=5, n_groups=8,
                       predict_scale=True, horizon=16, batch=3, seed=11),
    "bias_only": dict(input_dim=3, global_cond_dim=7, dsed=16, down_dims=[8, 16], k=3, n_groups=4,
                      predict_scale=False, horizon=8, batch=2, seed=12),
}


def main(out_dir):
    torch.set_num_threads(1)
    os.makedirs(out_dir, exist_ok=True)
    for name, c in CONFIGS.items():
        torch.manual_seed(c["seed"])
        net = Unet(c["input_dim"], c["global_cond_dim"], c["dsed"], c["down_dims"], c["k"], c["n_groups"],
                   c["predict_scale"]).train()
        with torch.no_grad():
            for m in net.modules():
                if isinstance(m, nn.GroupNorm):
                    m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
                    m.bias.copy_(0.2 * torch.randn_like(m.bias))
        b, t = c["batch"], c["horizon"]
        sample = torch.randn(b, t, c["input_dim"])
        timestep = torch.randint(0, 100, (b,), dtype=torch.int64)
        cond = torch.randn(b, c["global_cond_dim"])
        target = torch.randn(b, t, c["input_dim"])
        loss = ((net(sample, timestep, cond) - target) ** 2).mean()
        loss.backward()
        write_safetensors(os.path.join(out_dir, name + ".weights.safetensors"), net.state_dict())
        write_safetensors(os.path.join(out_dir, name + ".io.safetensors"),
                          {"sample": sample, "timestep": timestep, "global_cond": cond, "target": target,
                           "loss": loss.detach().reshape(1)})
        write_safetensors(os.path.join(out_dir, name + ".grad.safetensors"),
                          {n: p.grad for n, p in net.named_parameters()})
        meta = {k: v for k, v in c.items() if k != "seed"}
        meta["torch"] = torch.__version__
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(meta, f, indent=2)
        print(name, "loss", float(loss), "params", sum(p.numel() for p in net.parameters()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "policy/src/test/resources/fixtures/unet-grad")
