"""PyTorch twins of the course models, timed like unsupervised.bench.ModelBenchmark (the reference side of the
benchmark; PyTorch is never a dependency of the course). Each twin is what the course's builder makes: same layers,
initialisation and updater (Glorot uniform, zero biases and Adam 1e-3, the Keras defaults, for the autoencoders and
classifiers; Glorot normal and Adam 2e-4, beta1 0.5 for the GAN; SGD with classical momentum 0.9 and learning rate
0.01 for DEC), same batch sizes, random data of the same shapes, reshuffled every epoch. Prints one RESULT line with
the wall-clock and CPU seconds of every timed unit.

    OMP_NUM_THREADS=2 /usr/bin/python3 src/bench/torch_twin.py mnist_ae 10240 2048 1 3
"""
import json
import os
import sys
import time

import torch
from torch import nn

GAN_NOISE = 100


def glorot(model, init=nn.init.xavier_uniform_):
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            init(m.weight)
            nn.init.zeros_(m.bias)
    return model


def dense(widths, hidden, last, init=nn.init.xavier_uniform_):
    layers = []
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        layers.append(nn.Linear(a, b))
        act = last if i == len(widths) - 2 else hidden
        if act is not None:
            layers.append(act())
    return glorot(nn.Sequential(*layers), init)


def deep_encoder():
    """FashionAutoencoders.deep's encoder: 784-2000-500-500-10, ReLU, sigmoid code."""
    return dense([784, 2000, 500, 500, 10], nn.ReLU, nn.Sigmoid)


def deep_ae():
    return nn.Sequential(*deep_encoder(), *dense([10, 500, 500, 2000, 784], nn.ReLU, None))


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
    """DeepEmbeddedClustering.build on FashionAutoencoders.deep: its encoder and ClusteringLayer's Student-t soft
    assignments to 10 centroids."""

    def __init__(self):
        super().__init__()
        self.enc = deep_encoder()
        self.centres = nn.Parameter(torch.randn(10, 10))

    def forward(self, x):
        z = self.enc(x)
        q = 1.0 / (1.0 + (z.unsqueeze(1) - self.centres.unsqueeze(0)).pow(2).sum(2))
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
    raise SystemExit(f"no PyTorch twin for {name}")


def epochs(name, samples, batch):
    gen = torch.Generator().manual_seed(42)
    x = torch.randn(samples, 2, generator=gen) if name == "blob_ae" else torch.rand(samples, 784, generator=gen)
    if "classifier" in name:
        y = torch.arange(samples) % 10
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


def dec_steps(samples, batch):
    """DeepEmbeddedClustering.train's steps: rows pulled in one fixed order, KL(P || Q) averaged over the batch."""
    gen = torch.Generator().manual_seed(42)
    x = torch.rand(samples, 784, generator=gen)
    p = torch.rand(samples, 10, generator=gen)
    p = p / p.sum(1, keepdim=True)
    model = Dec()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)  # Keras SGD: classical momentum
    order = torch.randperm(samples, generator=gen)

    def unit():
        for start in range(0, samples, batch):
            rows = order[start:start + batch]
            opt.zero_grad()
            nn.functional.kl_div(model(x[rows]).log(), p[rows], reduction="batchmean").backward()
            opt.step()
    return unit


def gan_steps(steps, batch):
    """Gan.dense and Gan.step: G 100-256-512-784 (tanh), D 784-512-256-1, LeakyReLU 0.2, Glorot normal, Adam 2e-4 and
    beta1 0.5; D steps on real (scaled to [-1, 1]) and fake, then G on fresh noise through D, whose weights it does
    not train (DL4J's FrozenLayerWithBackprop: no gradient for D's parameters)."""
    lrelu = lambda: nn.LeakyReLU(0.2)
    g = dense([GAN_NOISE, 256, 512, 784], lrelu, nn.Tanh, nn.init.xavier_normal_)
    d = dense([784, 512, 256, 1], lrelu, nn.Sigmoid, nn.init.xavier_normal_)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    bce = nn.functional.binary_cross_entropy
    real = torch.rand(batch, 784)
    labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)])
    fooled = torch.ones(batch, 1)

    def unit():
        for _ in range(steps):
            with torch.no_grad():
                fake = g(torch.randn(batch, GAN_NOISE))
            opt_d.zero_grad()
            bce(d(torch.cat([real * 2 - 1, fake])), labels).backward()
            opt_d.step()
            d.requires_grad_(False)
            opt_g.zero_grad()
            bce(d(g(torch.randn(batch, GAN_NOISE))), fooled).backward()
            opt_g.step()
            d.requires_grad_(True)
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
        else dec_steps(samples, batch) if name == "dec_step" else epochs(name, samples, batch)
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
                                  "blas": blas_library()}))


def blas_library():
    """The BLAS library this process loaded (Debian's torch calls whichever libblas.so.3 the loader finds)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.split()[-1]}
    return ", ".join(sorted(paths)) or "none loaded"


if __name__ == "__main__":
    main()
