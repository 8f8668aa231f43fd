"""diffusion_policy's ConditionalUnet1D, written from a reading of the public reference
(diffusion_policy/model/diffusion/conditional_unet1d.py, conv1d_components.py,
positional_embedding.py). Module names are chosen so that state_dict keys are the reference's.

The one definition shared by the fixture generators (policy/src/test/python/make_unet_*.py),
the PyTorch-eager benchmarks (bench_unet_eager.py, bench_unet_train_eager.py, torch_eager_bench.py)
and the TorchScript tracer; needs only torch (Debian's python3-torch).
"""
import math

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
