#!/usr/bin/python3
"""Write the classic data sets built into Nanograd Studio (src-shared/data/classic/*.csv).

    /usr/bin/python3 scripts/make_classic_csv.py [--penguins PATH/TO/vega-datasets/data/penguins.json]

iris, wine, breast-cancer, digits and diabetes come from Debian's python3-sklearn (the CSV files
it ships under sklearn/datasets/data/, BSD-3-Clause); penguins from the npm package
vega-datasets (`cd /tmp && npm pack vega-datasets && tar xzf vega-datasets-*.tgz`, data/penguins.json,
CC0-1.0): without --penguins the committed penguins.csv is left as it is.

Each file: a header row, the features in the source's order with its names, the target column
LAST, holding the class name where the source has meaningful ones (iris species, tumour
diagnosis, penguin species) and the integer class otherwise (wine cultivar 0-2, digit 0-9);
diabetes is regression on the raw (unscaled) measurements. Rows keep the source's order.
Numbers are written with repr() (round-trips float64 exactly). Files are written atomically.
"""
import argparse
import csv
import io
import json
import os
import sys

from sklearn import datasets

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src-shared", "data", "classic")

# (file stem, loader, target column name, use class names?)
SETS = [
    ("iris", datasets.load_iris, "species", True),
    ("wine", datasets.load_wine, "cultivar", False),
    ("breast-cancer", datasets.load_breast_cancer, "diagnosis", True),
    ("digits", datasets.load_digits, "digit", False),
]


def number_text(value):
    as_float = float(value)
    return str(int(as_float)) if as_float.is_integer() else repr(as_float)


def write(stem, header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = os.path.join(OUT, stem + ".csv")
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    os.replace(path + ".tmp", path)
    print(f"{stem}.csv: {len(rows)} rows x {len(header) - 1} features", file=sys.stderr)


def export(stem, loader, target_name, use_names):
    bunch = loader()
    rows = []
    for features, target in zip(bunch.data, bunch.target):
        label = str(bunch.target_names[target]) if use_names else str(int(target))
        rows.append([number_text(v) for v in features] + [label])
    write(stem, [str(n) for n in bunch.feature_names] + [target_name], rows)


def export_diabetes():
    bunch = datasets.load_diabetes(scaled=False)
    rows = [[number_text(v) for v in features] + [number_text(t)] for features, t in zip(bunch.data, bunch.target)]
    write("diabetes", list(bunch.feature_names) + ["progression"], rows)


def export_penguins(path):
    with open(path, encoding="utf-8") as f:
        records = json.load(f)
    columns = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"]
    rows = []
    for r in records:
        cells = []
        for c in columns:
            v = r.get(c)
            # Missing as an empty cell; the source's one Sex of "." means unknown too.
            if v is None or v == ".":
                cells.append("")
            elif isinstance(v, (int, float)):
                cells.append(number_text(v))
            else:
                cells.append(str(v))
        rows.append(cells + [r["Species"]])
    write("penguins", [c for c in columns] + ["Species"], rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--penguins", help="vega-datasets' data/penguins.json")
    args = parser.parse_args()
    for spec in SETS:
        export(*spec)
    export_diabetes()
    if args.penguins:
        export_penguins(args.penguins)
