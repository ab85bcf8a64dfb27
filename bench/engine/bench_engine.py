#!/usr/bin/env python3
"""Benchmarks traindeck-engine on full Fashion-MNIST against PyTorch CPU, side by side.

Two tables:
  * throughput: training images/s of mlp and cnn at 1 and N threads (a few hundred steps each);
  * full runs: the engine's default configuration of each model trained to the end (time to
    91 % test accuracy, final accuracy, wall time), and PyTorch running the same model with the
    same settings, read back from the engine's saved model so the two cannot drift apart.

Usage: bench_engine.py ENGINE [--data DIR] [--threads N] [--models mlp,cnn]
                              [--torch-python PYTHON] [--out FILE.md]
PyTorch runs in a separate interpreter (--torch-python, e.g. a venv or /usr/bin/python3 for
Debian's python3-torch); without one the PyTorch rows say so instead of showing a figure.
Prints a Markdown fragment (and writes it to --out).
"""
import argparse
import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

TARGET = 0.91
HERE = os.path.abspath(__file__)


def engine_env(threads):
    # OpenBLAS starts one spinning thread per core unless told otherwise (PITFALLS.md).
    return dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))


def read_engine_config(model_file):
    """The resolved training config stored in a .tdk header (see io/checkpoint_file.h)."""
    with open(model_file, "rb") as f:
        if f.read(8) != b"TDKCKPT1":
            raise ValueError(model_file + ": not a traindeck checkpoint")
        (length,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(length))["config"]


def run_engine(engine, data, model, threads, max_steps=None):
    with tempfile.TemporaryDirectory() as out:
        cmd = [engine, "train", "--data", data, "--out", out, "--model", model,
               "--threads", str(threads)]
        if max_steps:
            # Throughput only: no validation split, log often enough for several windows.
            cmd += ["--max-steps", str(max_steps), "--val-size", "0", "--epochs", "1",
                    "--log-every", str(max(1, max_steps // 5))]
        start = time.time()
        proc = subprocess.run(cmd, env=engine_env(threads), capture_output=True, text=True)
        wall = time.time() - start
        lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
        config = None
        if proc.returncode == 0:
            config = read_engine_config(os.path.join(out, "final", "model.tdk"))
    if proc.returncode != 0:
        return {"error": "engine failed: " + proc.stderr.strip()[-300:]}
    # The first window includes start-up (page faults, first allocations): leave it out.
    rates = [l["samples_per_s"] for l in lines if l["event"] == "step"][1:]
    tests = [l for l in lines if l["event"] == "eval" and l["split"] == "test"]
    end = next(l for l in lines if l["event"] == "end")
    return {
        "images_per_s": sum(rates) / len(rates) if rates else None,
        "time_to_target": next((l["elapsed"] for l in tests if l["accuracy"] >= TARGET), None),
        "final": end.get("final_test_accuracy"),
        "wall": wall,
        "config": config,
    }


def run_torch(python, data, model, threads, config, max_steps=None):
    if not python:
        return {"error": "PyTorch unavailable"}
    job = {"data": data, "model": model, "threads": threads, "config": config,
           "max_steps": max_steps}
    proc = subprocess.run([python, HERE, "--torch-worker", json.dumps(job)],
                          capture_output=True, text=True, env=engine_env(threads))
    if proc.returncode != 0:
        return {"error": "PyTorch run failed: " + proc.stderr.strip()[-300:]}
    return json.loads(proc.stdout.splitlines()[-1])


def torch_worker(job):
    """Runs inside the PyTorch interpreter: the engine's model and settings, same data split."""
    import torch
    from torch import nn

    torch.set_num_threads(job["threads"])
    torch.manual_seed(1)
    cfg, data, model = job["config"], job["data"], job["model"]
    start = time.time()

    def load(name, offset):
        with gzip.open(os.path.join(data, name + ".gz"), "rb") as f:
            raw = bytearray(f.read())
        return torch.frombuffer(raw, dtype=torch.uint8)[offset:]

    # The engine carves its validation split from the end of the training set (5000 images).
    val = 5000 if cfg.get("val_size", -1) < 0 else int(cfg["val_size"])
    xtr = load("train-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28)
    ntrain = xtr.shape[0] - val
    xtr, ytr = xtr[:ntrain], load("train-labels-idx1-ubyte", 8)[:ntrain].long()
    xte = load("t10k-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28)
    yte = load("t10k-labels-idx1-ubyte", 8).long()
    xtr, xte = xtr.float() / 255, xte.float() / 255
    mean, std = xtr.mean(), xtr.std()
    xtr, xte = (xtr - mean) / std, (xte - mean) / std

    if model == "mlp":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),
                            nn.ReLU(), nn.Linear(128, 10))
    else:
        net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32),
                            nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64),
                            nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    # The engine excludes biases and norm parameters from weight decay.
    decay = [p for n, p in net.named_parameters() if p.dim() > 1]
    other = [p for n, p in net.named_parameters() if p.dim() <= 1]
    groups = [{"params": decay, "weight_decay": cfg["weight_decay"]},
              {"params": other, "weight_decay": 0.0}]
    if cfg["optimizer"] == "sgd":
        opt = torch.optim.SGD(groups, lr=cfg["lr"], momentum=cfg["momentum"],
                              nesterov=cfg["nesterov"])
    else:
        opt = torch.optim.AdamW(groups, lr=cfg["lr"], betas=(cfg["beta1"], cfg["beta2"]),
                                eps=cfg["eps"])
    batch, epochs = int(cfg["batch_size"]), int(cfg["epochs"])
    steps_per_epoch = (ntrain + batch - 1) // batch
    total = steps_per_epoch * epochs
    if job["max_steps"]:
        total = min(total, job["max_steps"])
    if cfg["schedule"] == "onecycle":
        # The engine keeps beta1 fixed: no momentum cycling.
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg["lr"], total_steps=total,
                                                    cycle_momentum=False)
    elif cfg["schedule"] == "cosine":
        warm = int(cfg["warmup_steps"])
        floor = cfg["min_lr_ratio"]
        import math
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / warm if s < warm else
                                                  floor + (1 - floor) * (1 + math.cos(
                                                      math.pi * min(1.0, (s - warm) / max(
                                                          1, total - warm)))) / 2)
    else:
        sched = None
    loss_fn = nn.CrossEntropyLoss(label_smoothing=cfg["label_smoothing"])

    step, seen, train_time, reached, acc = 0, 0, 0.0, None, None
    for _ in range(epochs):
        net.train()
        t0 = time.time()
        for idx in torch.randperm(ntrain).split(batch):
            opt.zero_grad()
            loss_fn(net(xtr[idx]), ytr[idx]).backward()
            opt.step()
            if sched:
                sched.step()
            seen += len(idx)
            step += 1
            if step >= total:
                break
        train_time += time.time() - t0
        if job["max_steps"]:
            break
        net.eval()
        with torch.no_grad():
            acc = sum((net(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item()
                      for i in range(0, len(xte), 1000)) / len(xte)
        if reached is None and acc >= TARGET:
            reached = time.time() - start
    print(json.dumps({"images_per_s": seen / train_time, "time_to_target": reached,
                      "final": acc, "wall": time.time() - start,
                      "version": torch.__version__}))


def cell(r, key, fmt):
    if "error" in r:
        return r["error"] if key == "images_per_s" else "-"
    v = r.get(key)
    return "-" if v is None else fmt.format(v)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--torch-worker":
        torch_worker(json.loads(sys.argv[2]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("engine")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--models", default="mlp,cnn")
    ap.add_argument("--torch-python")
    ap.add_argument("--out")
    args = ap.parse_args()
    models = args.models.split(",")
    torch_name = "PyTorch (CPU)"
    if args.torch_python:
        probe = subprocess.run([args.torch_python, "-c", "import torch; print(torch.__version__)"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            torch_name = "PyTorch " + probe.stdout.strip() + " (CPU)"
        else:
            args.torch_python = None

    out = ["Throughput: training images/s, batch of the default config, a few hundred steps "
           "after the first window (evaluation excluded).", "",
           "| model | threads | traindeck-engine | " + torch_name + " | engine / PyTorch |",
           "|---|---|---|---|---|"]
    full = {}
    for model in models:
        full[model] = run_engine(args.engine, args.data, model, args.threads)
    for model in models:
        config = full[model].get("config")
        steps = 1000 if model == "mlp" else 250
        for threads in sorted({1, args.threads}):
            e = run_engine(args.engine, args.data, model, threads, steps)
            t = (run_torch(args.torch_python, args.data, model, threads, config, steps)
                 if config else {"error": "no engine config"})
            ratio = ("{:.2f}x".format(e["images_per_s"] / t["images_per_s"])
                     if e.get("images_per_s") and t.get("images_per_s") else "-")
            out.append(f"| {model} | {threads} | {cell(e, 'images_per_s', '{:.0f}')} | "
                       f"{cell(t, 'images_per_s', '{:.0f}')} | {ratio} |")
    out += ["", f"Full runs with the engine's default configuration, {args.threads} threads "
            f"(PyTorch: same model and settings). Time to {TARGET:.0%} counts from process "
            "start, data loading included.", "",
            "| model | implementation | settings | images/s | time to 91 % | final test acc "
            "| wall |", "|---|---|---|---|---|---|---|"]
    for model in models:
        e = full[model]
        c = e.get("config") or {}
        settings = (f"{c.get('epochs')} ep, batch {c.get('batch_size')}, {c.get('optimizer')} "
                    f"lr {c.get('lr')}, {c.get('schedule')}, wd {c.get('weight_decay')}, "
                    f"ls {c.get('label_smoothing')}") if c else "-"
        t = run_torch(args.torch_python, args.data, model, args.threads, c) if c else e
        for name, r in (("traindeck-engine", e), (torch_name, t)):
            out.append(f"| {model} | {name} | {settings} | {cell(r, 'images_per_s', '{:.0f}')} "
                       f"| {cell(r, 'time_to_target', '{:.1f} s')} "
                       f"| {cell(r, 'final', '{:.4f}')} | {cell(r, 'wall', '{:.0f} s')} |")
    text = "\n".join(out) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
