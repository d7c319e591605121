"""PyTorch twins of bench/models.mjs, for the dlkit/PyTorch throughput ratio (reference only, never a dependency).

Usage: /usr/bin/python3 torch_models.py THREADS SECONDS  -> JSON on stdout
"""
import json
import os
import sys
import time

# Debian's torch calls the system BLAS (OpenBLAS, whose own pthread pool is sized to the machine). Left alone,
# torch.set_num_threads(2) runs two OpenMP threads that each call a 2-thread BLAS: four threads on two cores,
# and PyTorch measured far below its best here (2 threads: MLP 16k instead of 103k img/s, LeNet 2.8k instead of
# 5.4k). One BLAS thread under each OpenMP thread is PyTorch's best on every benchmark model; "N threads" then
# means N threads. Must be set before numpy or torch load the BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    input = (784,)

    def __init__(self):
        super().__init__()
        self.f1, self.f2 = nn.Linear(784, 256), nn.Linear(256, 10)

    def forward(self, x):
        return self.f2(F.relu(self.f1(x)))


class LeNet(nn.Module):
    input = (1, 28, 28)

    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 32, 5), nn.Conv2d(32, 64, 5)
        self.f1, self.f2 = nn.Linear(1024, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.f2(F.relu(self.f1(x.flatten(1))))


class SeedConvNet(nn.Module):
    input = (1, 28, 28)

    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 64, 5), nn.Conv2d(64, 64, 5)
        self.f1, self.f2 = nn.Linear(1024, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.max_pool2d(torch.tanh(self.c2(x)), 2)
        return self.f2(torch.tanh(self.f1(x.flatten(1))))


class CifarNetTf(nn.Module):
    """The TensorFlow CIFAR-10 tutorial net (cifarNetTf in @dlkit/models). TF's 'same' 3/2 pooling pads only
    after (0, 1); padding=1 here gives the same 16x16 / 8x8 outputs for the same work."""
    input = (3, 32, 32)

    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(3, 64, 5, padding=2), nn.Conv2d(64, 64, 5, padding=2)
        # PyTorch divides alpha by the size: 5 * 1e-4 is tfjs' alpha 1e-4 (depth radius 2, bias 1).
        self.norm = nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=1.0)
        self.f1, self.f2, self.f3 = nn.Linear(4096, 384), nn.Linear(384, 192), nn.Linear(192, 10)

    def forward(self, x):
        x = self.norm(F.max_pool2d(F.relu(self.c1(x)), 3, 2, padding=1))
        x = F.max_pool2d(self.norm(F.relu(self.c2(x))), 3, 2, padding=1)
        return self.f3(F.relu(self.f2(F.relu(self.f1(x.flatten(1))))))


def throughput(cls, batch=64, warmup=3, seconds=4.0, max_steps=100_000):
    torch.manual_seed(0)
    model = cls()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(batch, *cls.input)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    # the same warm-up as dlkit's bench (models.mjs): `warmup` steps and at least min(1 s, seconds)
    w0, i = time.perf_counter(), 0
    while i < warmup or time.perf_counter() - w0 < min(1.0, seconds):
        step()
        i += 1
    steps, t0, cpu0 = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - t0 < seconds and steps < max_steps:
        step()
        steps += 1
    ms = (time.perf_counter() - t0) * 1000
    cpu_ms = (time.process_time() - cpu0) * 1000
    return {"imagesPerSecond": steps * batch * 1000 / ms, "imagesPerCpuSecond": steps * batch * 1000 / cpu_ms, "msPerStep": ms / steps, "steps": steps}


if __name__ == "__main__":
    threads, seconds = int(sys.argv[1]), float(sys.argv[2])
    torch.set_num_threads(threads)
    out = {"torch": torch.__version__, "threads": threads, "blasThreads": os.environ["OPENBLAS_NUM_THREADS"], "models": {}}
    for name, cls in (("mlp", MLP), ("lenet", LeNet), ("seedConvNet", SeedConvNet), ("cifarNetTf", CifarNetTf)):
        out["models"][name] = throughput(cls, seconds=seconds)
    print(json.dumps(out))
