#!/usr/bin/env python3
"""Writes the ConditionalUnet1D reference fixtures the Java tests compare against.

Run from the repository root with Debian's PyTorch (no safetensors package needed):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 \
        policy/src/test/python/make_unet_fixtures.py policy/src/test/resources/fixtures/unet

The network below is written from a reading of diffusion_policy's
model/diffusion/conditional_unet1d.py (and its conv1d_components / positional_embedding):
module names are chosen so that state_dict keys are the reference's keys. For each
configuration it writes <name>.weights.safetensors (random state_dict, GroupNorm affine
randomised too so that it is exercised), <name>.io.safetensors (sample [B,T,A] f32,
timestep [B] i64, global_cond [B,G] f32, output [B,T,A] f32) and <name>.json (the sizes).
"""
import json
import math
import os
import struct
import sys

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


class Mish(nn.Module):
    def forward(self, x):
        return x * torch.tanh(F.softplus(x))


class Conv1dBlock(nn.Module):
    def __init__(self, cin, cout, k, n_groups=8):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv1d(cin, cout, k, padding=k // 2),
            nn.GroupNorm(n_groups, cout),
            Mish())

    def forward(self, x):
        return self.block(x)


class Unsqueeze(nn.Module):
    def forward(self, x):
        return x.unsqueeze(-1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, cond_dim, k, n_groups, predict_scale):
        super().__init__()
        self.blocks = nn.ModuleList([Conv1dBlock(cin, cout, k, n_groups), Conv1dBlock(cout, cout, k, n_groups)])
        self.predict_scale = predict_scale
        self.cout = cout
        self.cond_encoder = nn.Sequential(Mish(), nn.Linear(cond_dim, cout * 2 if predict_scale else cout), Unsqueeze())
        self.residual_conv = nn.Conv1d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, cond):
        out = self.blocks[0](x)
        film = self.cond_encoder(cond)
        if self.predict_scale:
            film = film.reshape(film.shape[0], 2, self.cout, 1)
            out = film[:, 0] * out + film[:, 1]
        else:
            out = out + film
        out = self.blocks[1](out)
        return out + self.residual_conv(x)


class Down(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = nn.Conv1d(dim, dim, 3, 2, 1)

    def forward(self, x):
        return self.conv(x)


class Up(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = nn.ConvTranspose1d(dim, dim, 4, 2, 1)

    def forward(self, x):
        return self.conv(x)


class Unet(nn.Module):
    def __init__(self, input_dim, global_cond_dim, dsed, down_dims, k, n_groups, predict_scale):
        super().__init__()
        dims = [input_dim] + list(down_dims)
        self.diffusion_step_encoder = nn.Sequential(
            StepEmbedding(dsed), nn.Linear(dsed, dsed * 4), Mish(), nn.Linear(dsed * 4, dsed))
        cond_dim = dsed + global_cond_dim
        in_out = list(zip(dims[:-1], dims[1:]))
        rb = lambda a, b: ResBlock(a, b, cond_dim, k, n_groups, predict_scale)
        self.mid_modules = nn.ModuleList([rb(dims[-1], dims[-1]), rb(dims[-1], dims[-1])])
        self.down_modules = nn.ModuleList([
            nn.ModuleList([rb(a, b), rb(b, b), Down(b) if i < len(in_out) - 1 else nn.Identity()])
            for i, (a, b) in enumerate(in_out)])
        # the reference's up path: every level but the first, reversed, always with an upsample
        self.up_modules = nn.ModuleList([
            nn.ModuleList([rb(b * 2, a), rb(a, a), Up(a)]) for (a, b) in reversed(in_out[1:])])
        # the reference builds the final block with GroupNorm's default 8 groups, whatever n_groups is
        self.final_conv = nn.Sequential(Conv1dBlock(down_dims[0], down_dims[0], k), nn.Conv1d(down_dims[0], input_dim, 1))

    def forward(self, sample, timestep, global_cond):
        x = sample.transpose(1, 2)
        feature = self.diffusion_step_encoder(timestep)
        if global_cond is not None and global_cond.shape[-1] > 0:
            feature = torch.cat([feature, global_cond], dim=-1)
        skips = []
        for res1, res2, down in self.down_modules:
            x = res2(res1(x, feature), feature)
            skips.append(x)
            x = down(x)
        for m in self.mid_modules:
            x = m(x, feature)
        for res1, res2, up in self.up_modules:
            x = torch.cat((x, skips.pop()), dim=1)
            x = up(res2(res1(x, feature), feature))
        return self.final_conv(x).transpose(1, 2)


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


def main(out_dir):
    torch.set_num_threads(1)
    os.makedirs(out_dir, exist_ok=True)
    for name, c in CONFIGS.items():
        torch.manual_seed(c["seed"])
        net = Unet(c["input_dim"], c["global_cond_dim"], c["dsed"], c["down_dims"], c["k"], c["n_groups"],
                   c["predict_scale"]).eval()
        with torch.no_grad():
            for m in net.modules():
                if isinstance(m, nn.GroupNorm):
                    m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
                    m.bias.copy_(0.2 * torch.randn_like(m.bias))
            b, t = c["batch"], c["horizon"]
            sample = torch.randn(b, t, c["input_dim"])
            timestep = torch.randint(0, 100, (b,), dtype=torch.int64)
            cond = torch.randn(b, c["global_cond_dim"])
            out = net(sample, timestep, cond)
        write_safetensors(os.path.join(out_dir, name + ".weights.safetensors"), net.state_dict())
        write_safetensors(os.path.join(out_dir, name + ".io.safetensors"),
                          {"sample": sample, "timestep": timestep, "global_cond": cond, "output": out})
        meta = {k: v for k, v in c.items() if k != "seed"}
        meta["torch"] = torch.__version__
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(meta, f, indent=2)
        print(name, "params", sum(p.numel() for p in net.parameters()), "output", tuple(out.shape))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "policy/src/test/resources/fixtures/unet")
