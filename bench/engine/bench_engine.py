#!/usr/bin/env python3
"""Benchmarks traindeck-engine on full Fashion-MNIST (mlp, cnn): images/s and time to 91 %
test accuracy, plus a PyTorch CPU reference with the same model and settings when torch is
importable (use /usr/bin/python3 for Debian's torch; see PITFALLS.md on OpenBLAS).

Usage: bench_engine.py ENGINE [--data DIR] [--threads N] [--models mlp,cnn] [--out FILE.md]
Writes a Markdown table fragment (stdout, or --out).
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

TARGET = 0.91


def run_engine(engine, data, model, threads):
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
        cmd = [engine, "train", "--data", data, "--out", out, "--model", model,
               "--threads", str(threads)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
    rates = [l["samples_per_s"] for l in lines if l["event"] == "step"]
    tests = [l for l in lines if l["event"] == "eval" and l["split"] == "test"]
    reached = next((l["elapsed"] for l in tests if l["accuracy"] >= TARGET), None)
    end = next((l for l in lines if l["event"] == "end"), {})
    return {
        "images_per_s": sum(rates) / len(rates) if rates else 0.0,
        "time_to_target": reached,
        "final": end.get("final_test_accuracy"),
        "elapsed": end.get("elapsed"),
        "ok": proc.returncode == 0,
    }


def run_torch(data, model, threads, epochs):
    try:
        import gzip
        import numpy as np
        import torch
        from torch import nn
    except ImportError:
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(1)

    def load(name, offset):
        with gzip.open(os.path.join(data, name + ".gz"), "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=offset)

    xtr = load("train-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28)[:55000]
    ytr = load("train-labels-idx1-ubyte", 8)[:55000]
    xte = load("t10k-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28)
    yte = load("t10k-labels-idx1-ubyte", 8)
    mean, std = xtr.mean() / 255, xtr.std() / 255
    to = lambda x: (torch.tensor(x, dtype=torch.float32) / 255 - mean) / std
    xtr, xte, ytr, yte = to(xtr), to(xte), torch.tensor(ytr).long(), torch.tensor(yte).long()
    if model == "mlp":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),
                            nn.ReLU(), nn.Linear(128, 10))
    else:
        net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32),
                            nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64),
                            nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    start, seen, train_time, reached, acc = time.time(), 0, 0.0, None, 0.0
    for _ in range(epochs):
        net.train()
        t0 = time.time()
        for idx in torch.randperm(len(xtr)).split(128):
            opt.zero_grad()
            loss_fn(net(xtr[idx]), ytr[idx]).backward()
            opt.step()
            seen += len(idx)
        train_time += time.time() - t0
        net.eval()
        with torch.no_grad():
            acc = sum((net(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item()
                      for i in range(0, len(xte), 1000)) / len(xte)
        if reached is None and acc >= TARGET:
            reached = time.time() - start
    return {"images_per_s": seen / train_time, "time_to_target": reached, "final": acc,
            "elapsed": time.time() - start, "ok": True}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("engine")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--models", default="mlp,cnn")
    ap.add_argument("--out")
    args = ap.parse_args()
    epochs = {"mlp": 5, "cnn": 6}  # the engine's defaults for these models
    rows = ["| model | implementation | threads | images/s | time to 91 % | final test acc |",
            "|---|---|---|---|---|---|"]
    fmt = lambda v, f: "-" if v is None else f.format(v)
    for model in args.models.split(","):
        results = [("traindeck-engine", run_engine(args.engine, args.data, model, args.threads))]
        ref = run_torch(args.data, model, args.threads, epochs[model])
        if ref:
            results.append(("PyTorch (CPU)", ref))
        for name, r in results:
            rows.append(f"| {model} | {name} | {args.threads} | {fmt(r['images_per_s'], '{:.0f}')} | "
                        f"{fmt(r['time_to_target'], '{:.1f} s')} | {fmt(r['final'], '{:.4f}')} |")
    text = "\n".join(rows) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
