"""The command line."""
import argparse
import sys

from .csv_reader import InputError
from .network import build_model
from .predict import predict_csv, skipped_note

# --- script ---


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predict", metavar="CSV", help="CSV file to predict")
    parser.add_argument("--out", metavar="FILE", help="write the predictions here instead of stdout")
    args = parser.parse_args(argv)
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
