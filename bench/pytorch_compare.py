#!/usr/bin/python3
"""The same two networks in PyTorch, timed on this machine, beside NeuralScribe's own figures.

    ./neuralscribe bench --json ours.json            # our figures, first
    /usr/bin/python3 bench/pytorch_compare.py --ours ours.json   # Debian's python3-torch

Builds `compact` and `resnet-se` layer for layer as model/Architecture.java does, then times
  * training: forward, focal loss with label smoothing, backward, gradient clipping at norm 1 and
    an AdamW step on random batches (batch 128 by default) -- the same recipe as ours, but without
    our augmentation and batch building, which run on the same cores in our figure;
  * inference: one image, and one image with test-time augmentation (a batch of 5), eval mode
    under torch.inference_mode, p50 of many calls.
With --ours it prints a Markdown table: each figure, and ours as a ratio of PyTorch's
(training: samples/s ours / PyTorch, higher is better for us; latency: PyTorch / ours).
Runs with Debian's python3-torch; the thread count defaults to the processors, as ours does.
"""
import argparse
import json
import os
import statistics
import time

import torch
from torch import nn
import torch.nn.functional as F

CLASSES = 47


def conv(cin, cout, kernel, stride=1):
    return nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False)


def compact():
    def conv_bn_relu(cin, cout):
        return [conv(cin, cout, 3), nn.BatchNorm2d(cout, eps=1e-5), nn.ReLU()]
    return nn.Sequential(
        *conv_bn_relu(1, 32), *conv_bn_relu(32, 32), nn.MaxPool2d(2),
        *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2),
        *conv_bn_relu(64, 128), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(128 * 3 * 3, 256), nn.BatchNorm1d(256), nn.ReLU(),
        nn.Dropout(0.4), nn.Linear(256, 128), nn.ReLU(),
        nn.Dropout(0.2), nn.Linear(128, CLASSES))


class SeResidualBlock(nn.Module):
    """conv3x3-BN-ReLU-conv3x3-BN, squeeze-and-excitation, stochastic depth, shortcut, ReLU."""

    def __init__(self, cin, cout, stride, drop_path, reduction=4):
        super().__init__()
        self.conv1, self.bn1 = conv(cin, cout, 3, stride), nn.BatchNorm2d(cout)
        self.conv2, self.bn2 = conv(cout, cout, 3), nn.BatchNorm2d(cout)
        self.squeeze = nn.Linear(cout, cout // reduction, bias=False)
        self.excite = nn.Linear(cout // reduction, cout, bias=False)
        self.shortcut = (nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))
                         if cin != cout or stride != 1 else nn.Identity())
        self.drop_path = drop_path

    def forward(self, x):
        r = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        w = torch.sigmoid(self.excite(F.relu(self.squeeze(r.mean((2, 3))))))
        r = r * w[:, :, None, None]
        if self.training and self.drop_path > 0:
            keep = 1 - self.drop_path
            r = r * (torch.rand(r.shape[0], 1, 1, 1) < keep).to(r.dtype) / keep
        return F.relu(r + self.shortcut(x))


def resnet_se():
    return nn.Sequential(
        conv(1, 32, 3), nn.BatchNorm2d(32), nn.ReLU(),
        SeResidualBlock(32, 64, 2, 0.05), SeResidualBlock(64, 160, 2, 0.10),
        SeResidualBlock(160, 320, 1, 0.15), SeResidualBlock(320, 256, 1, 0.20),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.4), nn.Linear(256, CLASSES))


# Channels-last as ours: compact runs channels-last, resnet-se NCHW.
NETWORKS = {"compact": (compact, True), "resnet-se": (resnet_se, False)}


def focal_loss(logits, targets, gamma=2.0):
    """Focal loss on soft targets (label smoothing 0.1, then Mixup), as our FocalLoss."""
    log_p = F.log_softmax(logits, 1)
    return -(targets * (1 - log_p.exp()) ** gamma * log_p).sum(1).mean()


def training_throughput(build, channels_last, batches, batch_size):
    model = build()
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    images = torch.rand(batch_size, 1, 28, 28).contiguous(memory_format=fmt)
    labels = torch.randint(0, CLASSES, (batch_size,))
    smooth = F.one_hot(labels, CLASSES).float() * 0.9 + 0.1 / CLASSES

    def step():
        lam = 0.8  # Mixup with a fixed share: the cost is the same whatever the share
        order = torch.randperm(batch_size)
        x = lam * images + (1 - lam) * images[order]
        y = lam * smooth + (1 - lam) * smooth[order]
        optimizer.zero_grad(set_to_none=True)
        loss = focal_loss(model(x), y)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    for _ in range(3):
        step()
    start = time.perf_counter()
    for _ in range(batches):
        step()
    return batches * batch_size / (time.perf_counter() - start)


def inference_p50(build, channels_last, batch, iterations):
    """p50 of the wall time and of this thread's CPU time, in ms (with one thread all work runs on it)."""
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model = build().to(memory_format=fmt).eval()
    x = torch.rand(batch, 1, 28, 28).contiguous(memory_format=fmt)
    times, cpu = [], []
    warmup = max(10, iterations // 10)
    with torch.inference_mode():
        for i in range(iterations + warmup):
            start, cpu_start = time.perf_counter(), time.thread_time()
            model(x)
            if i >= warmup:
                times.append((time.perf_counter() - start) * 1e3)
                cpu.append((time.thread_time() - cpu_start) * 1e3)
    return statistics.median(times), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arch", default="compact,resnet-se")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--train-batches", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--ours", help="our figures: the JSON of ./neuralscribe bench --json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    figures = {"torch": torch.__version__, "threads": args.threads}
    for arch in args.arch.split(","):
        build, channels_last = NETWORKS[arch]
        one, one_cpu = inference_p50(build, channels_last, 1, args.iterations)
        tta, tta_cpu = inference_p50(build, channels_last, 5, args.iterations)
        figures[arch] = {
            "train_samples_per_second": round(
                training_throughput(build, channels_last, args.train_batches, args.batch_size)),
            "one_image_ms": round(one, 3), "one_image_cpu_ms": round(one_cpu, 3),
            "one_image_tta_ms": round(tta, 3), "one_image_tta_cpu_ms": round(tta_cpu, 3),
        }
        print(json.dumps({arch: figures[arch]}), flush=True)
    if args.ours:
        with open(args.ours) as f:
            ours = json.load(f)
        print(f"\n| network | figure | PyTorch {torch.__version__} | NeuralScribe | ours vs PyTorch |")
        print("|---|---|---|---|---|")
        for arch in args.arch.split(","):
            if arch not in ours:
                continue
            theirs, mine = figures[arch], ours[arch]
            train = mine["train_samples_per_second"]
            print(f"| {arch} | training samples/s | {theirs['train_samples_per_second']} | {train} "
                  f"| {train / theirs['train_samples_per_second']:.2f}× |")
            for key, name in (("one_image", "one image"), ("one_image_tta", "one image + TTA (5)")):
                mine_ms = mine["inference_float32"][key + "_ms"]
                cases = [("p50 ms", theirs[key + "_ms"], mine_ms["p50"])]
                if "cpu_p50" in mine_ms:
                    cases.append(("CPU-time p50 ms", theirs[key + "_cpu_ms"], mine_ms["cpu_p50"]))
                for what, torch_ms, our_ms in cases:
                    print(f"| {arch} | {name}, {what} | {torch_ms:.2f} | {our_ms:.2f} | {torch_ms / our_ms:.2f}× |")


if __name__ == "__main__":
    main()
