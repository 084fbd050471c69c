"""PyTorch twins of the course models, timed like unsupervised.bench.ModelBenchmark (the reference side of the
benchmark; PyTorch is never a dependency of the course). Same layers, Glorot-uniform weights and zero biases (what
the Keras defaults and our DL4J builders use), Adam 1e-3, same batch sizes, random data of the same shapes,
reshuffled every epoch. Prints one RESULT line with the wall-clock and CPU seconds of every timed unit.

    OMP_NUM_THREADS=2 /usr/bin/python3 src/bench/torch_twin.py mnist_ae 10240 2048 1 3
"""
import json
import os
import sys
import time

import torch
from torch import nn

GAN_NOISE = 100


def glorot(model):
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def dense(widths, hidden, last):
    layers = []
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        layers.append(nn.Linear(a, b))
        act = last if i == len(widths) - 2 else hidden
        if act is not None:
            layers.append(act())
    return glorot(nn.Sequential(*layers))


def deep_ae():
    enc = [nn.Linear(784, 2000), nn.ReLU(), nn.Linear(2000, 500), nn.ReLU(), nn.Linear(500, 500), nn.ReLU(),
           nn.Linear(500, 10), nn.Sigmoid()]
    dec = [nn.Linear(10, 500), nn.ReLU(), nn.Linear(500, 500), nn.ReLU(), nn.Linear(500, 2000), nn.ReLU(),
           nn.Linear(2000, 784)]
    return glorot(nn.Sequential(*enc, *dec))


class Unflatten(nn.Module):
    def forward(self, x):
        return x.view(-1, 1, 28, 28)


def conv_dae():
    def conv(i, o, pad, act=True):
        return [nn.Conv2d(i, o, 3, padding=pad)] + ([nn.ReLU()] if act else [])
    pool = lambda: nn.MaxPool2d(2, ceil_mode=True)  # Keras' 'same' pooling: 7x7 -> 4x4
    up = lambda: nn.Upsample(scale_factor=2, mode="nearest")
    return glorot(nn.Sequential(
        Unflatten(), *conv(1, 64, 1), pool(), *conv(64, 32, 1), pool(), *conv(32, 16, 1), pool(),
        *conv(16, 16, 1), up(), *conv(16, 32, 1), up(), *conv(32, 64, 0), up(), *conv(64, 1, 1, act=False),
        nn.Flatten()))


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 500), nn.ReLU())
        self.mu = nn.Linear(500, 10)
        self.log_var = nn.Linear(500, 10)
        self.dec = nn.Sequential(nn.Linear(10, 500), nn.ReLU(), nn.Linear(500, 784))
        glorot(self)

    def loss(self, x):
        h = self.enc(x)
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.dec(z)
        nll = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp()) / x.shape[0]
        return nll + kl


class Dec(nn.Module):
    """DEC: encoder 784-500-500-2000-10 and Student-t soft assignments to 10 centres, KL to a target."""

    def __init__(self):
        super().__init__()
        self.enc = dense([784, 500, 500, 2000, 10], nn.ReLU, None)
        self.centres = nn.Parameter(torch.randn(10, 10))

    def forward(self, x):
        q = 1.0 / (1.0 + torch.cdist(self.enc(x), self.centres).pow(2))
        return q / q.sum(1, keepdim=True)


def make(name):
    """(model, loss(model, x, y)) for one benchmark name."""
    mse = lambda m, x, y: nn.functional.mse_loss(m(x), y)
    xent = lambda m, x, y: nn.functional.cross_entropy(m(x), y)
    mnist_ae = lambda: dense([784, 512, 256, 128, 64, 128, 256, 512, 784], nn.ReLU, nn.Sigmoid)
    if name == "blob_ae":
        return dense([2, 32, 16, 32, 2], nn.ReLU, nn.Sigmoid), mse
    if name == "mnist_linear_ae":
        return dense([784, 784, 784], None, None), mse
    if name == "mnist_ae":
        return mnist_ae(), mse
    if name == "mnist_classifier":
        return dense([784, 128, 64, 10], nn.ReLU, None), xent
    if name == "mnist_pretrained_classifier":
        encoder = list(mnist_ae().children())[:8]  # 784-512-256-128-64 with ReLUs
        head = dense([64, 128, 64, 10], nn.ReLU, None)
        return nn.Sequential(*encoder, *head), xent
    if name == "fashion_deep_ae":
        return deep_ae(), mse
    if name == "conv_dae":
        return conv_dae(), mse
    if name == "vae":
        return Vae(), lambda m, x, y: m.loss(x)
    if name == "dec_step":
        return Dec(), lambda m, x, y: nn.functional.kl_div(m(x).log(), y, reduction="batchmean")
    raise SystemExit(f"no PyTorch twin for {name}")


def epochs(name, samples, batch):
    gen = torch.Generator().manual_seed(42)
    x = torch.randn(samples, 2, generator=gen) if name == "blob_ae" else torch.rand(samples, 784, generator=gen)
    if "classifier" in name:
        y = torch.arange(samples) % 10
    elif name == "dec_step":
        y = torch.rand(samples, 10, generator=gen)
        y = y / y.sum(1, keepdim=True)
    else:
        y = x
    model, loss = make(name)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def unit():
        order = torch.randperm(samples, generator=gen)
        for start in range(0, samples, batch):
            rows = order[start:start + batch]
            opt.zero_grad()
            value = loss(model, x[rows], y[rows])
            value.backward()
            opt.step()
    return unit


def gan_steps(steps, batch):
    lrelu = lambda: nn.LeakyReLU(0.2)
    g = dense([GAN_NOISE, 256, 512, 784], lrelu, nn.Tanh)
    d = dense([784, 512, 256, 1], lrelu, nn.Sigmoid)
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-3)
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-3)
    bce = nn.functional.binary_cross_entropy
    real = torch.rand(batch, 784)
    labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)])
    fooled = torch.ones(batch, 1)

    def unit():
        for _ in range(steps):
            noise = torch.randn(batch, GAN_NOISE)
            with torch.no_grad():
                fake = g(noise)
            opt_d.zero_grad()
            bce(d(torch.cat([real, fake])), labels).backward()
            opt_d.step()
            opt_g.zero_grad()
            bce(d(g(noise)), fooled).backward()  # only G steps; D's gradients are cleared before its next step
            opt_g.step()
    return unit


def sgemm(n):
    a, b = torch.rand(n, n), torch.rand(n, n)
    c = torch.empty(n, n)
    return lambda: torch.mm(a, b, out=c)


def main():
    name, samples, batch, warm_up, timed = sys.argv[1], *map(int, sys.argv[2:6])
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    torch.manual_seed(42)
    unit = sgemm(samples) if name == "sgemm" else gan_steps(samples, batch) if name == "gan_step" \
        else epochs(name, samples, batch)
    for _ in range(warm_up):
        unit()
    seconds, cpu_seconds = [], []
    for _ in range(timed):
        start, cpu_start = time.perf_counter(), time.process_time()
        unit()
        seconds.append(round(time.perf_counter() - start, 5))
        cpu_seconds.append(round(time.process_time() - cpu_start, 5))
    print("RESULT " + json.dumps({"model": name, "seconds": seconds, "cpu_seconds": cpu_seconds,
                                  "threads": torch.get_num_threads(),
                                  "blas": torch.__config__.show().split("BLAS_INFO=")[1].split(",")[0]}))


if __name__ == "__main__":
    main()
