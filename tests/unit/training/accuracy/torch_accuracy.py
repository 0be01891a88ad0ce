#!/usr/bin/python3
"""PyTorch side of the accuracy comparison in docs/accuracy.md.

Reads ours.json (written by our-accuracy.ts: the config, and for every data set and seed the
exact train/validation row indices our pipeline chose) and trains a PyTorch MLP of the SAME
shape and settings on the SAME rows: standardization with the training rows' mean and
population std (sklearn StandardScaler), Linear layers with Kaiming-normal weights (fan_in,
ReLU gain) and zero biases (our 'he' init), Adam (PyTorch defaults, lr from the config),
mini-batches of the configured size reshuffled every epoch, softmax cross-entropy, the
configured number of epochs. Writes torch.json with the final validation accuracy per seed.

Run with Debian's python3-torch:  /usr/bin/python3 tests/unit/training/accuracy/torch_accuracy.py
"""
import csv
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402
from torch import nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "..", "..", "src-shared", "data", "classic")


def load(name, classes):
    with open(os.path.join(FIXTURES, name.replace("_", "-") + ".csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    body = rows[1:]
    index = {label: i for i, label in enumerate(classes)}
    x = torch.tensor([[float(v) for v in r[:-1]] for r in body], dtype=torch.float64)
    y = torch.tensor([index[r[-1]] for r in body], dtype=torch.long)
    return x, y


def activation(name):
    return {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU, "leaky_relu": nn.LeakyReLU}[name]()


def build(inputs, hidden, outputs, init):
    layers, width = [], inputs
    for units, act in hidden:
        layers += [nn.Linear(width, units), activation(act)]
        width = units
    layers.append(nn.Linear(width, outputs))
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, nn.Linear):
            if init == "he":
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            elif init == "xavier":
                nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def run(x, y, train_idx, val_idx, classes, config, hidden, seed):
    torch.manual_seed(seed)
    xtr, xva = x[train_idx], x[val_idx]
    mean = xtr.mean(0)
    std = xtr.std(0, unbiased=False)
    std[std == 0] = 1
    xtr = ((xtr - mean) / std).float()
    xva = ((xva - mean) / std).float()
    ytr, yva = y[train_idx], y[val_idx]
    model = build(x.shape[1], hidden, len(classes), config["init"])
    opt = torch.optim.Adam(model.parameters(), lr=config["optimizer"]["lr"])
    loss_fn = nn.CrossEntropyLoss()
    n, batch = len(train_idx), config["batchSize"] or len(train_idx)
    for _ in range(config["epochs"]):
        perm = torch.randperm(n)
        for s in range(0, n, batch):
            idx = perm[s : s + batch]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
    with torch.no_grad():
        return (model(xva).argmax(1) == yva).float().mean().item()


def main():
    torch.set_num_threads(1)
    with open(os.path.join(HERE, "ours.json"), encoding="utf-8") as f:
        ours = json.load(f)
    config = ours["config"]
    hidden = [(int(part.split()[0]), part.split()[1]) for part in config["hidden"].split(", ")]
    out = {"torch": torch.__version__, "results": {}}
    for name, data in ours["results"].items():
        x, y = load(name, data["classes"])
        accs = []
        for r in data["runs"]:
            acc = run(x, y, torch.tensor(r["train"]), torch.tensor(r["val"]), data["classes"], config, hidden, r["seed"])
            accs.append({"seed": r["seed"], "valAccuracy": acc})
            print(f"{name} seed {r['seed']}: torch val accuracy {acc:.4f} (ours {r['valAccuracy']:.4f})", file=sys.stderr)
        out["results"][name] = accs
    path = os.path.join(HERE, "torch.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
