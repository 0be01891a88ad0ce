"""Training the network the way Nanograd Studio does: its loss, optimizer, hyper-parameters,
regularization and dropout (from the model's saved config; flags override), its seeded batch
order and dropout masks, and per-epoch metrics computed like the studio's (over the whole
training and validation parts after each epoch, losses summed in float64)."""
import copy
import math

import torch
from torch import nn

from .model_data import LOSS, TASK, TRAINING
from .rng import BATCH_ORDER_STREAM, DROPOUT_STREAM, Rng, derive_seed

# --- script ---
# The studio's defaults (training/config.ts), for a model saved without a training config.
DEFAULT_CONFIG = {
    "hiddenLayers": [],
    "loss": "auto",
    "optimizer": {"name": "adam", "lr": 0.01},
    "batchSize": 32,
    "epochs": 100,
    "regularization": "none",
    "regRate": 0,
    "dropout": 0,
    "init": "he",
    "seed": 1,
}


def run_config(epochs=None, batch=None, lr=None, seed=None):
    """The saved training config with the flags that were given applied."""
    saved = TRAINING["config"] if TRAINING and TRAINING.get("config") else DEFAULT_CONFIG
    config = copy.deepcopy(saved)
    if epochs is not None:
        config["epochs"] = epochs
    if batch is not None:
        config["batchSize"] = batch
    if lr is not None:
        config["optimizer"]["lr"] = lr
    if seed is not None:
        config["seed"] = seed
    return config


def make_optimizer(params, optimizer):
    """torch.optim with the studio's optimizer settings (its defaults are PyTorch's)."""
    name, lr = optimizer["name"], optimizer["lr"]
    decay = optimizer.get("weightDecay")
    if name in ("sgd", "momentum"):
        momentum = optimizer.get("momentum", 0.9 if name == "momentum" else 0.0)
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=bool(optimizer.get("nesterov", False)), weight_decay=decay or 0.0)
    betas = (optimizer.get("beta1", 0.9), optimizer.get("beta2", 0.999))
    eps = optimizer.get("eps", 1e-8)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=betas, eps=eps, weight_decay=0.01 if decay is None else decay)
    return torch.optim.Adam(params, lr=lr, betas=betas, eps=eps, weight_decay=decay or 0.0)


ONE_CYCLE = {"pctStart": 0.3, "divFactor": 25, "finalDivFactor": 1e4}  # PyTorch OneCycleLR's defaults


def one_cycle_lr(max_lr, total_steps, step):
    """OneCycleLR (two phases, cosine annealing) at 0-based step `step` of `total_steps`."""
    initial = max_lr / ONE_CYCLE["divFactor"]
    low = initial / ONE_CYCLE["finalDivFactor"]
    warm_end = ONE_CYCLE["pctStart"] * total_steps - 1

    def anneal(start, end, pct):
        return end + (start - end) / 2 * (math.cos(math.pi * pct) + 1)

    if step <= warm_end:
        return anneal(initial, max_lr, step / warm_end)
    return anneal(max_lr, low, (step - warm_end) / (total_steps - 1 - warm_end))


def learning_rate_at(schedule, lr, epochs, batches, epoch, batch=0):
    """The studio's schedules (training/schedule.ts = torch.optim.lr_scheduler): the rate of batch
    `batch` in 0-based epoch `epoch` (only onecycle changes it within an epoch)."""
    name = schedule["name"] if schedule else "constant"
    if name == "onecycle":
        return one_cycle_lr(lr, epochs * batches, epoch * batches + batch)
    warmup = schedule.get("warmup", 0) if schedule else 0
    if epoch < warmup:
        return lr * (epoch + 1) / (warmup + 1)
    e = epoch - warmup
    if name == "step":
        return lr * schedule["gamma"] ** math.floor(e / schedule["stepSize"])
    if name == "cosine":
        return lr * (1 + math.cos(math.pi * e / max(1, epochs - warmup))) / 2
    return lr


class BestEpochTracker:
    """Keras EarlyStopping on the validation loss, as the studio's (training/early-stop.ts)."""

    def __init__(self, rule):
        self.rule = rule
        self.min_delta = rule.get("minDelta", 0) if rule else 0
        self.best = None
        self.wait = 0

    def observe(self, metrics):
        """(improved, stop) after an epoch."""
        loss = metrics["valLoss"]
        if loss is None or not math.isfinite(loss):
            return False, False
        if self.best is None or loss < self.best["valLoss"] - self.min_delta:
            self.best = {"epoch": metrics["epoch"], "valLoss": loss, "valAccuracy": metrics["valAccuracy"]}
            self.wait = 0
            return True, False
        self.wait += 1
        return False, self.rule is not None and self.wait >= self.rule["patience"]


class StudioMlp(nn.Module):
    """The network's layers (Linear + activation) on standardized inputs, with the studio's
    inverted dropout on hidden outputs: `masks` holds one multiplier tensor per hidden layer."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, x, masks=None):
        modules = list(self.layers)
        hidden = len(modules) // 2 - 1
        for i in range(0, len(modules), 2):
            x = modules[i + 1](modules[i](x))
            if masks is not None and i // 2 < hidden:
                x = x * masks[i // 2]
        return x


def batch_loss(out, y, classes):
    """The model's loss on raw outputs, as a mean (sse: a sum), for backward."""
    if LOSS == "cross_entropy":
        return nn.functional.cross_entropy(out, y)
    if LOSS == "bce":
        return nn.functional.binary_cross_entropy_with_logits(out, y.view(-1, 1).to(out.dtype))
    target = nn.functional.one_hot(y, classes).to(out.dtype) if TASK == "classification" else y
    return nn.functional.mse_loss(out, target, reduction="sum" if LOSS == "sse" else "mean")


def loss_sum(out, y, classes):
    """(summed loss in float64, divisor): the studio's loss definitions (fast/losses.ts)."""
    z = out.double()
    n, k = z.shape
    if LOSS == "cross_entropy":
        return float((torch.logsumexp(z, dim=1) - z.gather(1, y.view(-1, 1)).view(-1)).sum()), n
    if LOSS == "bce":
        t = y.view(-1, 1).double()
        return float((z.clamp(min=0) - z * t + torch.log1p(torch.exp(-z.abs()))).sum()), n * k
    target = nn.functional.one_hot(y, classes).double() if TASK == "classification" else y.double()
    return float(((z - target) ** 2).sum()), (1 if LOSS == "sse" else n * k)


def split_sums(out, y, classes):
    """Sums over a chunk of rows that add up across chunks and ranks: [loss, divisor, rows,
    correct, target sum, target square sum, squared error, absolute error]."""
    total, divisor = loss_sum(out, y, classes)
    sums = [total, divisor, out.shape[0], 0.0, 0.0, 0.0, 0.0, 0.0]
    if TASK == "classification":
        predicted = (out.view(-1) > 0).long() if out.shape[1] == 1 else out.argmax(dim=1)
        sums[3] = float((predicted == y).sum())
    else:
        z, t = out.double(), y.double()
        sums[4], sums[5] = float(t.sum()), float((t * t).sum())
        sums[6], sums[7] = float(((z - t) ** 2).sum()), float((z - t).abs().sum())
    return sums


def scores(sums, target_std):
    """(loss, accuracy, r2, mae) from split_sums totals (None where the task has none)."""
    total, divisor, n, correct, y_sum, y_squares, ss_res, abs_sum = sums
    if n == 0:
        return None, None, None, None
    loss = total / divisor
    if TASK == "classification":
        return loss, correct / n, None, None
    ss_tot = y_squares - y_sum * y_sum / n
    r2 = 1 - ss_res / ss_tot if ss_tot > 1e-12 * max(1.0, y_squares) else (1.0 if ss_res == 0 else 0.0)
    return loss, None, r2, abs_sum / n * target_std


def epoch_metrics(epoch, train, val, seconds, target_std, lr):
    loss, accuracy, r2, mae = scores(train, target_std)
    val_loss, val_accuracy, val_r2, val_mae = scores(val, target_std) if val is not None else (None,) * 4
    return {
        "epoch": epoch, "loss": loss, "valLoss": val_loss, "accuracy": accuracy, "valAccuracy": val_accuracy,
        "r2": r2, "valR2": val_r2, "mae": mae, "valMae": val_mae, "seconds": seconds, "lr": lr,
    }


class Trainer:
    """One training run: the model's layers, the optimizer and the studio's seeded streams (batch
    order: Rng(derive_seed(seed, 1)); dropout masks: Rng(derive_seed(seed, 2)))."""

    def __init__(self, layers, config, classes, device, rank=0):
        self.config = config
        self.classes = classes
        self.device = device
        self.model = StudioMlp(layers).to(device)
        self.module = self.model  # replaced by the DistributedDataParallel wrapper when distributed
        self.optimizer = make_optimizer(self.model.parameters(), config["optimizer"])
        seed = config["seed"]
        self.shuffle_rng = Rng(derive_seed(seed, BATCH_ORDER_STREAM))
        self.dropout_rng = Rng(derive_seed(seed, DROPOUT_STREAM) if rank == 0 else derive_seed(seed, DROPOUT_STREAM + 64 * rank))
        self.perm = None
        self.epoch = 0
        self.history = []
        units = [m.out_features for m in layers if isinstance(m, nn.Linear)]
        self.hidden_units = units[:-1] if config["dropout"] > 0 else []
        self.schedule = config.get("schedule")
        self.clip = config.get("clipGradNorm") or 0
        early = config.get("earlyStopping")
        self.tracker = BestEpochTracker(early)
        # Early stopping keeps the best epoch's weights unless the config says keep "last".
        self.keep_best = bool(early) and config.get("keep", "best") == "best"
        self.best_state = None
        self.lr = self.epoch_lr = config["optimizer"]["lr"]

    def set_epoch_rate(self, batches, batch=0):
        """The schedule's rate for the next epoch (batch: onecycle's position within it)."""
        self.lr = learning_rate_at(self.schedule, self.config["optimizer"]["lr"], self.config["epochs"], batches, self.epoch, batch)
        if batch == 0:
            self.epoch_lr = self.lr  # what the epoch's metrics report (as the studio's)
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr

    @property
    def per_batch_rate(self):
        return bool(self.schedule) and self.schedule["name"] == "onecycle"

    def observe(self, metrics):
        """Early stopping after an epoch: True when the run should stop."""
        improved, stop = self.tracker.observe(metrics)
        if improved and self.keep_best:
            self.best_state = copy.deepcopy(self.model.state_dict())
        return stop

    def restore_best(self):
        if self.best_state is not None:
            self.model.load_state_dict(self.best_state)

    def batch_order(self, n):
        """The studio's order for the next epoch: the permutation is reshuffled in place."""
        if self.perm is None or len(self.perm) != n:
            self.perm = list(range(n))
        return self.shuffle_rng.shuffle(self.perm)

    def masks(self, rows):
        if not self.hidden_units:
            return None
        rate = self.config["dropout"]
        keep = 1 / (1 - rate)
        masks = []
        for units in self.hidden_units:
            draws = self.dropout_rng.next_block(rows * units).view(rows, units)
            masks.append(torch.where(draws < rate, 0.0, keep).float().to(self.device))
        return masks

    def step(self, x, y):
        """One update on a batch; returns the batch loss (before the update)."""
        self.model.train()
        out = self.module(x, self.masks(x.shape[0]))
        loss = batch_loss(out, y, self.classes)
        self.optimizer.zero_grad()
        loss.backward()
        self.regularize()
        if self.clip > 0:
            nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.optimizer.step()
        return float(loss)

    def regularize(self):
        """l2 adds rate * w, l1 rate * sign(w) to the weight gradients (not the biases)."""
        kind, rate = self.config["regularization"], self.config["regRate"]
        if kind == "none" or rate == 0:
            return
        with torch.no_grad():
            for m in self.model.layers:
                if isinstance(m, nn.Linear):
                    m.weight.grad.add_(m.weight if kind == "l2" else torch.sign(m.weight), alpha=rate)

    def sums(self, chunks):
        """split_sums over (x, y) chunks without updating (zeros when there are none)."""
        self.model.eval()
        total = [0.0] * 8
        with torch.no_grad():
            for x, y in chunks:
                part = split_sums(self.model(x.to(self.device)), y.to(self.device), self.classes)
                total = [a + b for a, b in zip(total, part)]
        return total

    def weights(self):
        return [
            (m.weight.detach().cpu().flatten().tolist(), m.bias.detach().cpu().tolist())
            for m in self.model.layers
            if isinstance(m, nn.Linear)
        ]

    def state(self):
        return {
            "epoch": self.epoch, "history": self.history, "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(), "perm": self.perm,
            "shuffle": self.shuffle_rng.state, "dropout": self.dropout_rng.state,
            "best": self.tracker.best, "wait": self.tracker.wait, "bestState": self.best_state,
        }

    def load_state(self, state):
        self.epoch, self.history, self.perm = state["epoch"], state["history"], state["perm"]
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.shuffle_rng.state, self.dropout_rng.state = state["shuffle"], state["dropout"]
        self.tracker.best, self.tracker.wait, self.best_state = state["best"], state["wait"], state["bestState"]


def finite(value):
    return value is not None and math.isfinite(value)
