"""The command line: --predict, or --train (one process, --nproc K local ranks, or torchrun)."""
import argparse
import os
import sys

from .csv_reader import InputError
from .distributed import spawn_local_workers
from .network import build_model
from .predict import predict_csv, skipped_note
from .run import train_command

# --- script ---
TRAIN_HELP = """Train the network further (the weights in this script are the starting point):
  python3 this.py --train data.csv --epochs 50 --out trained.json
  python3 this.py --train data.csv --nproc 4 --out trained.json      (4 local processes, DDP)
  torchrun --nproc_per_node 4 this.py --train data.csv --out trained.json
  python3 this.py --train big.csv --stream --batch 256 --checkpoint ckpt --out trained.json
Open trained.json in Nanograd Studio (Open model) or use it with `nanograd predict`."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=TRAIN_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--predict", metavar="CSV", help="CSV file to predict")
    parser.add_argument("--out", metavar="FILE", help="--predict: the predictions CSV (default stdout); --train: the trained model file (JSON)")
    train = parser.add_argument_group("training (defaults: the run that trained this model)")
    train.add_argument("--train", metavar="CSV", help="CSV file to train on (columns named like the training data)")
    train.add_argument("--target", metavar="COL", help="target column (default: the model's target name)")
    train.add_argument("--epochs", type=int, metavar="N", help="epochs to train")
    train.add_argument("--batch", type=int, metavar="B", help="batch size, 0 = full batch (with several ranks: the global batch)")
    train.add_argument("--lr", type=float, metavar="X", help="learning rate")
    train.add_argument("--seed", type=int, metavar="S", help="seed of the split, batch order and dropout")
    train.add_argument("--val", type=float, default=0.2, metavar="F", help="fraction held out for validation (default 0.2)")
    train.add_argument("--json", action="store_true", help="one JSON line per epoch and a last {\"type\":\"done\"} line, like nanograd train --json")
    train.add_argument("--checkpoint", metavar="DIR", help="save a checkpoint after every epoch in DIR")
    train.add_argument("--resume", metavar="DIR", help="continue a killed run from its checkpoint in DIR")
    train.add_argument("--refit-preprocessing", action="store_true", help="recompute standardization statistics and categories on the training rows")
    train.add_argument("--device", choices=["cpu", "cuda", "auto"], default="auto", help="where to train (default auto: CUDA when available)")
    train.add_argument("--nproc", type=int, default=1, metavar="K", help="K local worker processes (DistributedDataParallel), without torchrun")
    train.add_argument("--stream", action="store_true", help="read the CSV in chunks instead of loading it (data larger than memory)")
    args = parser.parse_args(argv)
    if args.train and args.predict:
        parser.error("--train and --predict do not go together: run one, then the other")
    if args.nproc < 1:
        parser.error(f"--nproc must be at least 1 (got {args.nproc})")
    if args.nproc > 1 and int(os.environ.get("WORLD_SIZE", "1")) > 1:
        parser.error("--nproc starts its own ranks: leave it out under torchrun")
    training_only = [f for f in ("target", "epochs", "batch", "lr", "seed", "checkpoint", "resume", "stream", "refit_preprocessing") if getattr(args, f) not in (None, False)]
    if training_only and not args.train:
        parser.error(f"--{training_only[0].replace('_', '-')} needs --train")
    return args


def without_nproc(argv):
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--nproc":
            skip = True
        elif not arg.startswith("--nproc="):
            out.append(arg)
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)
    if args.train:
        if args.checkpoint is None and args.resume:
            args.checkpoint = args.resume
        try:
            if args.nproc > 1:
                return spawn_local_workers(args.nproc, main, without_nproc(argv))
            return train_command(args)
        except (InputError, OSError, UnicodeDecodeError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    if not args.predict:
        print(build_model())
        return 0
    try:
        text, skipped = predict_csv(args.predict)
    except (InputError, OSError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    note = skipped_note(skipped)
    if note:
        print(f"note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
