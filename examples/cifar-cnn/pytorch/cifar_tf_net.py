#!/usr/bin/env python3
"""PyTorch reference for examples/cifar-cnn's real-data baseline: the TensorFlow-tutorial CIFAR-10 network
(`cifarNetTf` in @dlkit/models) trained with the same recipe on the same files.

Reads the CIFAR-10 JPEG archive itself (tarfile + PIL: `train|test/<class>/*.jpg`, classes in CIFAR-10's
label order), standardises per channel with the training set's mean and deviation of the [0, 1] pixels,
and trains with momentum SGD, the trainer's L2 penalty (lambda * sum w^2 over every weight of rank >= 2, as
`train(..., { l2 })` in @dlkit/models), a step schedule and optional random crop (pad 4) + horizontal flip.

  /usr/bin/python3 cifar_tf_net.py --data /work/shared/data/cifar10/cifar10-jpg.tar.gz --epochs 2 \
      --json ../reports/pytorch-baseline.json [--augment --l2 5e-4 --step 15 --gamma 0.1] [--checkpoint DIR --resume]

Prints one line per epoch (test accuracy, wall seconds since the start) and writes the curve as JSON.
"""
import argparse
import io
import json
import os
import sys
import tarfile
import time

# Debian's torch calls the system BLAS (OpenBLAS, whose own pthread pool is sized to the machine). Left alone,
# torch.set_num_threads(2) runs two OpenMP threads that each call a 2-thread BLAS: four threads on two cores,
# and PyTorch measured far below its best here (2 threads: MLP 16k instead of 103k img/s, LeNet 2.8k instead of
# 5.4k). One BLAS thread under each OpenMP thread is PyTorch's best on every benchmark model; 'N threads' then
# means N threads. Must be set before numpy or torch load the BLAS.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('MKL_NUM_THREADS', '1')

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']


def load_jpeg_tar(path):
    """Returns {'train': (uint8 [N,32,32,3], int64 [N]), 'test': ...} from the JPEG tree in a tar(.gz)."""
    parts = {'train': ([], []), 'test': ([], [])}
    with tarfile.open(path, 'r:*') as tar:
        for member in tar:
            if not member.isfile() or not member.name.lower().endswith(('.jpg', '.jpeg', '.png')):
                continue
            bits = member.name.strip('./').split('/')
            if len(bits) < 3 or bits[-3] not in parts or bits[-2] not in CLASSES:
                continue
            data = tar.extractfile(member).read()
            img = Image.open(io.BytesIO(data)).convert('RGB')
            if img.size != (32, 32):
                sys.exit(f'{path}: {member.name} is {img.size[0]}x{img.size[1]}, expected 32x32')
            parts[bits[-3]][0].append((member.name, np.asarray(img, dtype=np.uint8)))
            parts[bits[-3]][1].append(CLASSES.index(bits[-2]))
    out = {}
    for split, (imgs, labels) in parts.items():
        if not imgs:
            sys.exit(f'{path}: no {split}/<class>/*.jpg images found')
        # The same order as @dlkit/datasets' image-tree reader: by class, then by file name.
        order = sorted(range(len(imgs)), key=lambda i: (labels[i], imgs[i][0]))
        out[split] = (np.stack([imgs[i][1] for i in order]), np.array([labels[i] for i in order], dtype=np.int64))
    return out


class SamePool(nn.Module):
    """Max pool 3x3 stride 2 with TensorFlow's 'same' padding (pad only bottom/right by 1 on 32 / 16 inputs)."""

    def forward(self, x):
        h = x.shape[-1]
        pad = max((((h + 1) // 2) - 1) * 2 + 3 - h, 0)
        x = F.pad(x, (pad // 2, pad - pad // 2, pad // 2, pad - pad // 2), value=float('-inf'))
        return F.max_pool2d(x, 3, 2)


class CifarNetTf(nn.Module):
    """conv 5x5 64 ReLU, pool, LRN, conv 5x5 64 ReLU, LRN, pool, fc 384, fc 192, [dropout], softmax output."""

    def __init__(self, dropout=0.0):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 5, padding=2)
        self.conv2 = nn.Conv2d(64, 64, 5, padding=2)
        # dlkit's LRN (tf.nn.lrn convention) alpha 1e-4 over 5 channels = PyTorch's alpha 5e-4 (divided by n).
        self.norm = nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=1.0)
        self.pool = SamePool()
        self.fc1 = nn.Linear(8 * 8 * 64, 384)
        self.fc2 = nn.Linear(384, 192)
        self.drop = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.out = nn.Linear(192, 10)
        for m in (self.conv1, self.conv2, self.fc1, self.fc2):
            nn.init.kaiming_normal_(m.weight, nonlinearity='relu')
            nn.init.zeros_(m.bias)
        nn.init.xavier_uniform_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x):
        x = self.norm(self.pool(F.relu(self.conv1(x))))
        x = self.pool(self.norm(F.relu(self.conv2(x))))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc2(F.relu(self.fc1(x))))
        return self.out(self.drop(x))


def augment(x, gen):
    """Random 32x32 crop of the zero-padded (pad 4) standardised images + horizontal flip with p = 0.5."""
    n = x.shape[0]
    padded = F.pad(x, (4, 4, 4, 4))
    dx = torch.randint(0, 9, (n,), generator=gen)
    dy = torch.randint(0, 9, (n,), generator=gen)
    flip = torch.rand(n, generator=gen) < 0.5
    out = torch.empty_like(x)
    for i in range(n):
        img = padded[i, :, dy[i]:dy[i] + 32, dx[i]:dx[i] + 32]
        out[i] = img.flip(-1) if flip[i] else img
    return out


def evaluate(model, x, y, batch=500):
    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            logits = model(x[i:i + batch])
            loss += F.cross_entropy(logits, y[i:i + batch], reduction='sum').item()
            correct += (logits.argmax(1) == y[i:i + batch]).sum().item()
    return correct / x.shape[0], loss / x.shape[0]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default='/work/shared/data/cifar10/cifar10-jpg.tar.gz', help='CIFAR-10 JPEG .tar(.gz)')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--batch-size', type=int, default=64)
    p.add_argument('--lr', type=float, default=0.01)
    p.add_argument('--momentum', type=float, default=0.9)
    p.add_argument('--l2', type=float, default=0.0, help='lambda of lambda * sum w^2 over every kernel (dlkit train l2)')
    p.add_argument('--dropout', type=float, default=0.0)
    p.add_argument('--augment', action='store_true')
    p.add_argument('--step', type=int, default=0, help='multiply the rate by --gamma every STEP epochs (0: constant)')
    p.add_argument('--gamma', type=float, default=0.1)
    p.add_argument('--limit', type=int, default=0, help='N training images, a stratified seeded draw (0: all)')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--checkpoint', help='folder for a checkpoint after every epoch')
    p.add_argument('--resume', action='store_true', help='continue from the checkpoint in --checkpoint')
    p.add_argument('--json', help='write settings and the per-epoch curve here')
    a = p.parse_args()
    if a.resume and not a.checkpoint:
        sys.exit('--resume needs --checkpoint DIR')
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    t_load = time.time()
    data = load_jpeg_tar(a.data)
    xtr, ytr = data['train']
    xte, yte = data['test']
    if a.limit and a.limit < len(ytr):
        # The tree is ordered by class: draw the same share of every class (seeded), never the first N.
        rs = np.random.RandomState(0)
        per_class = [rs.permutation(np.flatnonzero(ytr == c)) for c in range(len(CLASSES))]
        take = np.sort(np.concatenate([idx[:round(a.limit * len(idx) / len(ytr))] for idx in per_class]))
        xtr, ytr = xtr[take], ytr[take]
    xtr = torch.from_numpy(xtr).float().div_(255).permute(0, 3, 1, 2).contiguous()
    xte = torch.from_numpy(xte).float().div_(255).permute(0, 3, 1, 2).contiguous()
    mean = xtr.mean(dim=(0, 2, 3), keepdim=True)
    std = xtr.std(dim=(0, 2, 3), keepdim=True, unbiased=False)
    xtr = (xtr - mean) / std
    xte = (xte - mean) / std
    ytr, yte = torch.from_numpy(ytr), torch.from_numpy(yte)
    load_s = time.time() - t_load
    print(f'data: {a.data}: {xtr.shape[0]} train / {xte.shape[0]} test images, loaded in {load_s:.1f} s; '
          f'torch {torch.__version__}, {a.threads} threads', flush=True)

    model = CifarNetTf(a.dropout)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum)
    gen = torch.Generator().manual_seed(a.seed)
    history, start_epoch, elapsed0 = [], 0, 0.0
    ckpt = os.path.join(a.checkpoint, 'checkpoint.pt') if a.checkpoint else None
    if a.resume and ckpt and os.path.exists(ckpt):
        state = torch.load(ckpt)
        model.load_state_dict(state['model'])
        opt.load_state_dict(state['optimizer'])
        gen.set_state(state['generator'])
        torch.set_rng_state(state['torch_rng'])
        history, start_epoch = state['history'], state['epoch']
        elapsed0 = history[-1]['seconds'] if history else 0.0
        print(f'resumed after epoch {start_epoch} from {ckpt}', flush=True)
    kernels = [p_ for p_ in model.parameters() if p_.dim() >= 2]
    started = time.time()
    n = xtr.shape[0]
    for epoch in range(start_epoch, a.epochs):
        lr = a.lr * (a.gamma ** (epoch // a.step) if a.step > 0 else 1.0)
        for g in opt.param_groups:
            g['lr'] = lr
        model.train()
        perm = torch.randperm(n, generator=gen)
        x_epoch = augment(xtr, gen) if a.augment else xtr
        tot_loss, tot_correct, t0 = 0.0, 0, time.time()
        for i in range(0, n, a.batch_size):
            idx = perm[i:i + a.batch_size]
            xb, yb = x_epoch[idx], ytr[idx]
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            total = loss + a.l2 * sum((k * k).sum() for k in kernels) if a.l2 > 0 else loss
            opt.zero_grad()
            total.backward()
            opt.step()
            tot_loss += total.item() * yb.shape[0]
            tot_correct += (logits.argmax(1) == yb).sum().item()
        test_acc, test_loss = evaluate(model, xte, yte)
        seconds = elapsed0 + time.time() - started
        rec = {'epoch': epoch + 1, 'learningRate': lr, 'trainLoss': tot_loss / n, 'trainAccuracy': tot_correct / n,
               'testAccuracy': test_acc, 'testLoss': test_loss, 'epochSeconds': time.time() - t0, 'seconds': seconds}
        history.append(rec)
        print(f'epoch {epoch + 1}/{a.epochs}: train loss {rec["trainLoss"]:.4f} acc {rec["trainAccuracy"]:.3f}, '
              f'test acc {test_acc * 100:.2f} %, loss {test_loss:.4f}, {rec["epochSeconds"]:.0f} s (total {seconds:.0f} s)', flush=True)
        if ckpt:
            os.makedirs(a.checkpoint, exist_ok=True)
            torch.save({'model': model.state_dict(), 'optimizer': opt.state_dict(), 'generator': gen.get_state(),
                        'torch_rng': torch.get_rng_state(), 'history': history, 'epoch': epoch + 1}, ckpt + '.tmp')
            os.replace(ckpt + '.tmp', ckpt)
    if a.json:
        out = {'framework': f'pytorch {torch.__version__}', 'data': a.data, 'trainSamples': int(n), 'testSamples': int(xte.shape[0]),
               'threads': a.threads, 'loadSeconds': load_s,
               'settings': {k: v for k, v in vars(a).items() if k not in ('json', 'checkpoint', 'resume')}, 'history': history}
        tmp = a.json + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(out, f, indent=2)
        os.replace(tmp, a.json)
        print(f'json: {a.json}')


if __name__ == '__main__':
    main()
