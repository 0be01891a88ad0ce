#!/usr/bin/python3
"""PyTorch and scikit-learn side of the cross-validated comparison in docs/accuracy.md.

Run cv-ours.ts first: it writes cv-ours.json (our 5-fold scores) and each fold's encoded rows
to /tmp/nanograd-cv/ (our preprocessing, so all three train on the same inputs and folds).
For every classic set and fold this trains
  - PyTorch 1.13: the same MLP (16-16 ReLU, He init, zero biases), Adam lr 0.01, batches of 32
    reshuffled every epoch, 100 epochs, softmax cross-entropy / MSE on the standardized target;
  - scikit-learn 1.2 MLPClassifier / MLPRegressor: hidden_layer_sizes=(16, 16), relu, adam,
    learning_rate_init=0.01, batch_size=32, max_iter=100 epochs, alpha=0 (no L2, as ours),
    no early stopping (its own Glorot init and softmax/identity output),
scores the validation fold (accuracy; R² for diabetes) and writes cv-reference.json, then
prints the markdown table of docs/accuracy.md.

    /usr/bin/python3 tests/unit/training/accuracy/cv_reference.py
"""
import json
import os
import sys
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
import torch  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.metrics import r2_score  # noqa: E402
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402
from torch import nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TMP = "/tmp/nanograd-cv"


def torch_fold(d, seed, config):
    torch.manual_seed(seed)
    xtr = torch.tensor(d["xTrain"], dtype=torch.float32).reshape(-1, d["inputs"])
    xva = torch.tensor(d["xVal"], dtype=torch.float32).reshape(-1, d["inputs"])
    classification = d["task"] == "classification"
    ytr = torch.tensor(d["yTrain"], dtype=torch.long if classification else torch.float32)
    yva = np.array(d["yVal"])
    layers, width = [], d["inputs"]
    for _ in range(2):
        layers += [nn.Linear(width, 16), nn.ReLU()]
        width = 16
    layers.append(nn.Linear(width, d["outputs"]))
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=config["optimizer"]["lr"])
    loss_fn = nn.CrossEntropyLoss() if classification else nn.MSELoss()
    n, batch = len(ytr), config["batchSize"]
    for _ in range(config["epochs"]):
        perm = torch.randperm(n)
        for s in range(0, n, batch):
            idx = perm[s : s + batch]
            opt.zero_grad(set_to_none=True)
            out = model(xtr[idx])
            loss_fn(out if classification else out[:, 0], ytr[idx]).backward()
            opt.step()
    with torch.no_grad():
        out = model(xva).numpy()
    return float((out.argmax(1) == yva).mean()) if classification else float(r2_score(yva, out[:, 0]))


def sklearn_fold(d, seed, config):
    xtr = np.array(d["xTrain"]).reshape(-1, d["inputs"])
    xva = np.array(d["xVal"]).reshape(-1, d["inputs"])
    args = dict(
        hidden_layer_sizes=(16, 16),
        activation="relu",
        solver="adam",
        learning_rate_init=config["optimizer"]["lr"],
        batch_size=config["batchSize"],
        max_iter=config["epochs"],
        alpha=0.0,
        n_iter_no_change=config["epochs"] + 1,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if d["task"] == "classification":
            model = MLPClassifier(**args).fit(xtr, np.array(d["yTrain"], dtype=int))
            return float(model.score(xva, np.array(d["yVal"], dtype=int)))
        model = MLPRegressor(**args).fit(xtr, np.array(d["yTrain"]))
        return float(r2_score(np.array(d["yVal"]), model.predict(xva)))


def stats(values):
    v = np.array(values)
    return float(v.mean()), float(v.std())


def main():
    torch.set_num_threads(1)
    with open(os.path.join(HERE, "cv-ours.json"), encoding="utf-8") as f:
        ours = json.load(f)
    config = ours["config"]
    out = {"torch": torch.__version__, "sklearn": sklearn.__version__, "results": {}}
    for name, data in ours["results"].items():
        rows = []
        for fold in data["folds"]:
            with open(os.path.join(TMP, f"{name}-{fold['fold']}.json"), encoding="utf-8") as f:
                d = json.load(f)
            t = torch_fold(d, ours["seed"] + fold["fold"], config)
            s = sklearn_fold(d, ours["seed"] + fold["fold"], config)
            rows.append({"fold": fold["fold"], "torch": t, "sklearn": s})
            print(f"{name} fold {fold['fold']}: ours {fold['score']:.4f} torch {t:.4f} sklearn {s:.4f}", file=sys.stderr)
        out["results"][name] = rows
    path = os.path.join(HERE, "cv-reference.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)

    print("| data set | task (score) | rows | ours | PyTorch %s | scikit-learn %s MLP |" % (torch.__version__, sklearn.__version__))
    print("| --- | --- | --- | --- | --- | --- |")
    for name, data in ours["results"].items():
        regression = data["task"] == "regression"
        fmt = (lambda m, s: f"{m:.3f} ± {s:.3f}") if regression else (lambda m, s: f"{m * 100:.1f} ± {s * 100:.1f}")
        n = sum(len(f["val"]) for f in data["folds"])
        cells = [fmt(*stats([f["score"] for f in data["folds"]]))]
        cells += [fmt(*stats([r[k] for r in out["results"][name]])) for k in ("torch", "sklearn")]
        what = "regression (R²)" if regression else "classification (accuracy %)"
        print(f"| {name} | {what} | {n} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
