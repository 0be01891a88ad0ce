"""The two references `nanograd train` reports with every run, on the same split
(evaluation/baselines.ts): a trivial model (the training class shares / the training mean, as
scikit-learn's Dummy prior) and a linear model (no hidden layer) trained with the same loss,
optimizer, batch size, epochs, regularization and seed."""
import copy
import math

import torch
from torch import nn

from .distributed import Cluster
from .model_data import LOSS, TASK
from .rng import INIT_STREAM, Rng, derive_seed
from .train import Trainer, epoch_metrics, loss_sum

# --- script ---
MIN_SHARE = 1e-15  # a class without training rows is not log(0)


def trivial_baseline(data, classes):
    if data.val_x is None:
        return {"valLoss": None, "valAccuracy": None}
    n_val = data.val_x.shape[0]
    if TASK == "regression":
        mean = float(data.y.double().sum()) / data.y.shape[0]
        out = torch.full((n_val, 1), mean, dtype=torch.float32)
        total, divisor = loss_sum(out, data.val_y, classes)
        return {"valLoss": total / divisor, "valAccuracy": None}
    counts = torch.bincount(data.y, minlength=classes).tolist()
    majority = max(range(classes), key=lambda c: (counts[c], -c))
    shares = [max(c / data.y.shape[0], MIN_SHARE) for c in counts]
    if LOSS == "cross_entropy":
        row = [math.log(s) for s in shares]
    elif LOSS == "bce":
        row = [math.log(shares[1] / shares[0])]
    else:
        row = shares
    out = torch.tensor([row] * n_val, dtype=torch.float32)
    total, divisor = loss_sum(out, data.val_y, classes)
    return {"valLoss": total / divisor, "valAccuracy": float((data.val_y == majority).sum()) / n_val}


def linear_layers(inputs, outputs, seed):
    """One Linear layer with the studio's Xavier init from the seed's init stream (engine/init.ts)."""
    rng = Rng(derive_seed(seed, INIT_STREAM))
    bound = math.sqrt(6 / (inputs + outputs))
    linear = nn.Linear(inputs, outputs)
    with torch.no_grad():
        weights = [bound * (2 * rng.next() - 1) for _ in range(inputs * outputs)]
        linear.weight.copy_(torch.tensor(weights, dtype=torch.float32).view(outputs, inputs))
        linear.bias.zero_()
    return nn.Sequential(linear, nn.Identity())


def linear_baseline(data, config, classes, run_epoch, chunks):
    if data.val_x is None:
        return {"valLoss": None, "valAccuracy": None}
    config = dict(copy.deepcopy(config), hiddenLayers=[], dropout=0, init="xavier")
    outputs = 1 if LOSS == "bce" or TASK == "regression" else classes
    trainer = Trainer(linear_layers(data.x.shape[1], outputs, config["seed"]), config, classes, torch.device("cpu"))
    local = Cluster()
    last = None
    while trainer.epoch < config["epochs"]:
        loss = run_epoch(trainer, data, config, local, trainer.epoch + 1)
        if not math.isfinite(loss):
            return {"valLoss": None, "valAccuracy": None}
        train = trainer.sums(chunks(data.x, data.y))
        val = trainer.sums(chunks(data.val_x, data.val_y))
        trainer.epoch += 1
        last = epoch_metrics(trainer.epoch, train, val, 0.0, 1.0, trainer.epoch_lr)
        if not math.isfinite(last["loss"]):
            return {"valLoss": None, "valAccuracy": None}
        if trainer.observe(last):
            break
    return {"valLoss": last["valLoss"], "valAccuracy": last["valAccuracy"] if TASK == "classification" else None}
