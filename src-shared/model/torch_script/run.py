"""`--train`: one training run from a CSV, in one process or as one rank of a
DistributedDataParallel job, printing `nanograd train --json` lines and writing checkpoints and
the trained model file from rank 0."""
import os
import sys
import time

import torch
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

from .csv_reader import InputError
from .distributed import start_cluster
from .model_data import NAME, TASK
from .baselines import linear_baseline, trivial_baseline
from .model_file import json_line, model_document, write_model_file
from .network import build_model
from .stream import StreamData
from .train import Trainer, epoch_metrics, finite, run_config
from .training_data import load_training_data

# --- script ---
EVAL_CHUNK = 4096
CHECKPOINT_FILE = "checkpoint.pt"


def chunks(x, y, rank=0, world=1):
    """(x, y) chunks of this rank's rows (every world-th row) for evaluation."""
    if x is None:
        return
    if world > 1:
        x, y = x[rank::world], y[rank::world]
    for start in range(0, x.shape[0], EVAL_CHUNK):
        yield x[start:start + EVAL_CHUNK], y[start:start + EVAL_CHUNK]


def format_progress(metrics, total):
    parts = [f"epoch {metrics['epoch']}/{total}", f"loss {metrics['loss']:.4f}"]
    if metrics["valLoss"] is not None:
        parts.append(f"val {metrics['valLoss']:.4f}")
    if metrics["accuracy"] is not None:
        parts.append(f"acc {metrics['accuracy'] * 100:.1f}%")
    if metrics["valAccuracy"] is not None:
        parts.append(f"val acc {metrics['valAccuracy'] * 100:.1f}%")
    if metrics["r2"] is not None:
        parts.append(f"r2 {metrics['r2']:.4f}")
    return "  ".join(parts)


def epoch_line(metrics):
    keys = ["epoch", "loss", "valLoss", "accuracy", "valAccuracy"]
    if TASK == "regression":
        keys += ["r2", "valR2", "mae", "valMae"]
    return json_line({k: metrics[k] for k in keys + ["lr"]})


def done_line(state, message, last, epochs, seconds, out, baselines, notes, best, stopped_epoch):
    line = {"type": "done"}
    for key in ["loss", "valLoss", "accuracy", "valAccuracy"] + (["r2", "valR2", "mae", "valMae"] if TASK == "regression" else []):
        line[key] = last[key] if last else None
    line.update({"epochs": epochs, "seconds": round(seconds, 3), "state": state, "message": message, "out": out, "baselines": baselines, "notes": notes})
    # As nanograd train --json: the best validation epoch of any run with a validation split, and
    # the epoch early stopping ended the run at (null when it did not).
    line.update({"best": best, "stoppedEpoch": stopped_epoch})
    return json_line(line)


def save_checkpoint(directory, trainer, data, args):
    os.makedirs(directory, exist_ok=True)
    state = trainer.state()
    state.update({"config": trainer.config, "features": data.features, "target": data.target, "data": os.path.abspath(args.train), "val": args.val})
    temporary = os.path.join(directory, f".{CHECKPOINT_FILE}.tmp")
    torch.save(state, temporary)
    os.replace(temporary, os.path.join(directory, CHECKPOINT_FILE))


def load_checkpoint(directory):
    path = os.path.join(directory, CHECKPOINT_FILE)
    if not os.path.exists(path):
        raise InputError(f"--resume {directory}: no {CHECKPOINT_FILE} there (write one with --checkpoint DIR)")
    try:
        return torch.load(path, map_location="cpu")
    except Exception as err:  # a truncated or foreign file: one line, not a traceback
        raise InputError(f"--resume {path} cannot be read: {str(err).splitlines()[0]}") from None


def check_args(args, config):
    if not (0 <= args.val < 1):
        raise InputError(f"--val must be a number from 0 to below 1 (got {args.val})")
    if config["epochs"] < 1 or config["batchSize"] < 0:
        raise InputError(f"--epochs must be at least 1 and --batch at least 0 (got {config['epochs']}, {config['batchSize']})")
    if not (config["optimizer"]["lr"] > 0):
        raise InputError(f"--lr must be a number above 0 (got {config['optimizer']['lr']})")


def train_command(args):
    """Runs --train; returns the exit code (0 done, 1 data problem or divergence, 130 Ctrl-C)."""
    cluster = start_cluster(args.device)
    try:
        return _train(args, cluster)
    finally:
        cluster.close()


def _train(args, cluster):
    started = time.perf_counter()
    config = run_config(args.epochs, args.batch, args.lr, args.seed)
    check_args(args, config)
    resume = load_checkpoint(args.resume) if args.resume else None
    if resume is not None:
        config["seed"] = resume["config"]["seed"]
    if args.stream:
        if args.refit_preprocessing:
            raise InputError("--refit-preprocessing needs the data in memory: leave out --stream (or refit on a sample first)")
        data = StreamData(args.train, args.target, args.val, config["seed"], cluster)
    else:
        data = load_training_data(args.train, args.target, args.val, config["seed"], args.refit_preprocessing)
    if resume is not None:
        data.features, data.target = resume["features"], resume["target"]
    classes = len(data.target.get("classes") or []) or 1
    layers = build_model(features=data.features).layers
    trainer = Trainer(layers, config, classes, cluster.device, cluster.rank)
    if resume is not None:
        trainer.load_state(resume)
    if cluster.distributed:
        trainer.module = DistributedDataParallel(trainer.model, device_ids=[cluster.local_rank] if cluster.device.type == "cuda" else None)
    if args.stream:
        split_note = f"split: streamed, each row held out for validation with probability {args.val} (seeded hash of its index, seed {config['seed']})"
    else:
        split_note = f"split: {len(data.rows)} training rows, {len(data.val_rows)} validation rows ({'stratified, ' if TASK == 'classification' else ''}seed {config['seed']})"
    notes = [split_note, "inputs encoded with " + ("statistics refitted on the training rows" if args.refit_preprocessing else "the preprocessing saved in this script")]
    if cluster.main and not args.json:
        print(f"training {NAME}: {split_note[7:]}; {config['optimizer']['name']} lr {config['optimizer']['lr']}, batch {config['batchSize']}, {config['epochs']} epochs"
              + (f" on {cluster.world} ranks" if cluster.distributed else ""), file=sys.stderr)
    target_std = data.target.get("std", 1.0) if TASK == "regression" else 1.0
    stopped_epoch = None
    state, message, trained = "done", None, 0
    try:
        while trainer.epoch < config["epochs"]:
            epoch = trainer.epoch + 1
            loss = data.run_epoch(trainer, config, cluster, epoch) if args.stream else run_epoch(trainer, data, config, cluster, epoch)
            if args.stream:
                train_sums, val_sums = data.evaluate(trainer)
            else:
                train_sums = trainer.sums(chunks(data.x, data.y, cluster.rank, cluster.world))
                val_sums = trainer.sums(chunks(data.val_x, data.val_y, cluster.rank, cluster.world)) if data.val_x is not None else None
            train_sums, val_sums = cluster.sum(train_sums), cluster.sum(val_sums) if args.val > 0 else None
            metrics = epoch_metrics(epoch, train_sums, val_sums, time.perf_counter() - started, target_std, trainer.epoch_lr)
            if not finite(loss) or not finite(metrics["loss"]):
                bad = metrics["loss"] if finite(loss) else loss
                state = "diverged"
                message = f"training diverged at epoch {epoch} (loss is {'NaN' if bad != bad else 'infinite'}): lower the learning rate (now {config['optimizer']['lr']}) or standardize the features"
                break
            trainer.epoch, trained = epoch, trained + 1
            trainer.history.append(metrics)
            if cluster.main:
                if args.json:
                    print(epoch_line(metrics), flush=True)
                else:
                    print(format_progress(metrics, config["epochs"]), file=sys.stderr, flush=True)
                if args.checkpoint:
                    save_checkpoint(args.checkpoint, trainer, data, args)
            if trainer.observe(metrics):
                stopped_epoch = epoch
                notes.append(f"early stopping: no better validation loss for {config['earlyStopping']['patience']} epochs after epoch {trainer.tracker.best['epoch']}")
                break
    except KeyboardInterrupt:
        state = "stopped"
    if state != "diverged":
        trainer.restore_best()
        if trainer.best_state is not None:
            notes.append(f"kept the weights of epoch {trainer.tracker.best['epoch']}, the best validation loss")
    seconds = time.perf_counter() - started
    last = trainer.history[-1] if trainer.history else None
    written = None
    if state != "diverged" and args.out and cluster.main:
        name = os.path.basename(args.out)
        name = name[:-5] if name.lower().endswith(".json") else name
        document = model_document(name or NAME, trainer.weights(), data.features, data.target, config, trainer.epoch, trainer.history)
        write_model_file(args.out, document)
        written = args.out
    baselines = None
    if cluster.main and args.json and not args.stream and state != "diverged":
        baselines = {"trivial": trivial_baseline(data, classes), "linear": linear_baseline(data, config, classes, run_epoch, chunks)}
    cluster.barrier()
    if cluster.main:
        if args.json:
            print(done_line(state, message, last, trained, seconds, written, baselines, notes, trainer.tracker.best, stopped_epoch), flush=True)
        elif message:
            print(f"error: {message}", file=sys.stderr)
        else:
            what = format_progress(last, config["epochs"]) if last else "no epoch completed"
            print(f"trained {NAME} for {trainer.epoch} epochs in {seconds:.1f} s: {what}")
            if written:
                print(f"wrote {written}")
    return {"done": 0, "diverged": 1, "stopped": 130}[state]


def run_epoch(trainer, data, config, cluster, epoch):
    """One epoch of updates; returns the last batch loss (one process: a NaN/inf loss ends the
    epoch; DDP: every rank finishes it, and the all-reduced metrics show the divergence)."""
    n = data.x.shape[0]
    batch = n if config["batchSize"] == 0 else min(config["batchSize"], n)
    loss = 0.0
    if not cluster.distributed:
        order = trainer.batch_order(n)
        batches = -(-n // batch)
        trainer.set_epoch_rate(batches)
        for start in range(0, n, batch):
            if trainer.per_batch_rate:
                trainer.set_epoch_rate(batches, start // batch)
            rows = order[start:start + batch]
            loss = trainer.step(data.x[rows].to(cluster.device), data.y[rows].to(cluster.device))
            if not finite(loss):
                return loss
        return loss
    # DDP: the global batch is split over the ranks; DistributedSampler shuffles with the seed.
    sampler = getattr(data, "sampler", None)
    if sampler is None:
        sampler = DistributedSampler(TensorDataset(data.x, data.y), num_replicas=cluster.world, rank=cluster.rank, shuffle=True, seed=config["seed"])
        data.sampler = sampler
    sampler.set_epoch(epoch)
    loader = DataLoader(TensorDataset(data.x, data.y), batch_size=max(1, batch // cluster.world), sampler=sampler)
    trainer.set_epoch_rate(len(loader))
    for b, (x, y) in enumerate(loader):
        if trainer.per_batch_rate:
            trainer.set_epoch_rate(len(loader), b)
        loss = trainer.step(x.to(cluster.device), y.to(cluster.device))
    return loss
