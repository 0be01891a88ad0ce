"""Training data exactly as `nanograd train --from-model` prepares it: the usable rows, the
seeded (stratified) train/validation split, inputs encoded with the model's preprocessing (or
statistics refitted on the training rows) and standardized in float64, then stored as float32."""
import math

import torch

from .csv_reader import InputError, encode_rows, mark_missing, parse_number, read_csv
from .model_data import TASK
from .network import FEATURES, MISSING_POLICY, TARGET, input_statistics, input_features
from .predict import js_number_text
from .rng import SPLIT_STREAM, Rng, derive_seed

# --- script ---
MIN_ROWS_FOR_VALIDATION = 10  # below this many usable rows nothing is held out


def train_count(n, val_fraction):
    return max(1, min(n, math.floor((1 - val_fraction) * n + 1e-9)))


def stratified_quotas(class_of_row, n_val):
    """Validation rows per class, proportional to class size (largest remainder, ties to the
    lower class index), never taking a class's last row away from training."""
    classes = max(class_of_row) + 1
    counts = [0] * classes
    for c in class_of_row:
        counts[c] += 1
    n = len(class_of_row)
    quota, remainders, given = [0] * classes, [], 0
    for c in range(classes):
        ideal = counts[c] * n_val / n
        quota[c] = math.floor(ideal)
        given += quota[c]
        remainders.append((-(ideal - quota[c]), c))
    for _, c in sorted(remainders):
        if given >= n_val:
            break
        quota[c] += 1
        given += 1
    return [max(0, min(quota[c], counts[c] - 1)) for c in range(classes)]


def split_rows(rows, val_fraction, seed, class_of_row):
    """(train rows, validation rows) in the studio's order: one shuffle of the usable rows with the
    seed's split stream (Rng(derive_seed(seed, 3)), engine/rng.ts SEED_STREAMS); a plain split
    takes the first part, a stratified one walks the same order."""
    n = len(rows)
    order = Rng(derive_seed(seed, SPLIT_STREAM)).shuffle(list(range(n)))
    n_val = n - train_count(n, val_fraction) if val_fraction > 0 and n >= MIN_ROWS_FOR_VALIDATION else 0
    if n_val == 0:
        return [rows[i] for i in order], []
    if class_of_row is None:
        return [rows[i] for i in order[: n - n_val]], [rows[i] for i in order[n - n_val:]]
    quota = stratified_quotas(class_of_row, n_val)
    taken = [0] * len(quota)
    train, val = [], []
    for i in order:
        c = class_of_row[i]
        if taken[c] < quota[c]:
            taken[c] += 1
            val.append(rows[i])
        else:
            train.append(rows[i])
    return train, val


def fit_features(path, header, rows, lines, delimiter, features):
    """--refit-preprocessing: the features' statistics and vocabularies from these rows (numeric:
    mean and population std; categorical: the sorted categories), as the studio fits them."""
    decimal_comma = delimiter != ","
    fitted = []
    for feature in features:
        c = header.index(feature["name"])
        cells = [row[c] for row in rows if row[c] != ""]
        if feature["kind"] == "numeric":
            values = [parse_number(cell, decimal_comma) for cell in cells]
            if not values or any(v is None for v in values):
                raise InputError(f'{path}: column "{feature["name"]}" needs numbers in the training rows to refit it')
            mean = sum(values) / len(values)
            std = math.sqrt(sum((v - mean) * (v - mean) for v in values) / len(values))
            new = {"name": feature["name"], "kind": "numeric", "mean": mean, "std": std if std > 0 and math.isfinite(std) else 1}
            if MISSING_POLICY == "impute":
                new["fill"] = mean
        else:
            counts = {}
            for cell in cells:
                counts[cell] = counts.get(cell, 0) + 1
            categories = sorted(counts)
            if not categories:
                raise InputError(f'{path}: column "{feature["name"]}" has no values in the training rows to refit it')
            new = {"name": feature["name"], "kind": "categorical", "categories": categories}
            if MISSING_POLICY == "impute":
                best = categories[0]
                for category in categories:
                    if counts[category] > counts[best]:
                        best = category
                new["fill"] = best
        fitted.append(new)
    return fitted




def standardized(raw, features):
    """(raw - mean) / std per numeric input, in float64, then float32 (as the studio encodes),
    then the model's derived input features of the two columns (x1², sin(x1), ...) if it has them."""
    means, stds = input_statistics(features)
    mean = torch.tensor(means, dtype=torch.float64)
    std = torch.tensor(stds, dtype=torch.float64)
    return input_features(((raw - mean) / std).float())


class TrainingData:
    """Encoded train and validation parts: x (float32, standardized) and y (class index per row,
    or the standardized target), plus the preprocessing they were encoded with."""

    def __init__(self, x, y, val_x, val_y, features, target, rows, val_rows):
        self.x, self.y, self.val_x, self.val_y = x, y, val_x, val_y
        self.features, self.target = features, target
        self.rows, self.val_rows = rows, val_rows


def target_values(path, header, rows, lines, delimiter, target_name, target):
    """Class index per row (classification, by the model's classes) or the raw target values."""
    c = header.index(target_name)
    decimal_comma = delimiter != ","
    cells = [row[c] for row in rows]
    if TASK == "classification":
        numeric = all(parse_number(cell, decimal_comma) is not None for cell in cells)
        index = {name: i for i, name in enumerate(target["classes"])}
        values = []
        for cell, line in zip(cells, lines):
            key = js_number_text(parse_number(cell, decimal_comma)) if numeric else cell
            if key not in index:
                raise InputError(f'{path} row {line}, column "{target_name}": class "{key}" is not one the model predicts ({", ".join(target["classes"])})')
            values.append(index[key])
        return values
    values = []
    for cell, line in zip(cells, lines):
        value = parse_number(cell, decimal_comma)
        if value is None:
            raise InputError(f'{path} row {line}, column "{target_name}": "{cell}" is not a number')
        values.append(value)
    return values


def load_training_data(path, target_name=None, val_fraction=0.2, seed=1, refit=False):
    """The studio's training data for this model from a CSV (see the module docstring)."""
    header, rows, lines, delimiter = read_csv(path)
    mark_missing(header, rows, delimiter)
    target_name = target_name or TARGET["name"]
    if target_name not in header:
        raise InputError(f'{path} has no target column "{target_name}" (columns: {", ".join(header)}); name it with --target')
    for feature in FEATURES:
        if feature["name"] not in header:
            raise InputError(f'{path} has no column "{feature["name"]}" (the model needs: {", ".join(f["name"] for f in FEATURES)})')
    t = header.index(target_name)
    can_fill = MISSING_POLICY == "impute" and all(f.get("fill") is not None for f in FEATURES)
    columns = [header.index(f["name"]) for f in FEATURES]
    usable = [i for i, row in enumerate(rows) if row[t] != "" and (can_fill or all(row[c] != "" for c in columns))]
    if len(usable) < 2:
        raise InputError(f"{path}: only {len(usable)} usable rows (with a target and every input); at least 2 are needed")
    pick = lambda part: ([rows[i] for i in part], [lines[i] for i in part])  # noqa: E731
    target = dict(TARGET)
    class_of_row = None
    if TASK == "classification":
        class_of_row = target_values(path, header, *pick(usable), delimiter, target_name, target)
    train_rows, val_rows = split_rows(usable, val_fraction, seed, class_of_row)
    features = FEATURES
    if refit:
        features = fit_features(path, header, *pick(train_rows), delimiter, FEATURES)
        if TASK == "regression":
            values = target_values(path, header, *pick(train_rows), delimiter, target_name, target)
            mean = sum(values) / len(values)
            std = math.sqrt(sum((v - mean) * (v - mean) for v in values) / len(values))
            target["mean"], target["std"] = mean, (std if std > 0 and math.isfinite(std) else 1)

    def encode(part):
        if not part:
            return None, None
        part_rows, part_lines = pick(part)
        raw, kept = encode_rows(path, header, part_rows, part_lines, delimiter, features, torch.float64)
        y = target_values(path, header, part_rows, part_lines, delimiter, target_name, target)
        if TASK == "classification":
            y = torch.tensor(y, dtype=torch.int64)
        else:
            y = ((torch.tensor(y, dtype=torch.float64) - target.get("mean", 0.0)) / target.get("std", 1.0)).float().view(-1, 1)
        return standardized(raw, features), y[kept] if len(kept) != len(part) else y

    x, y = encode(train_rows)
    val_x, val_y = encode(val_rows)
    return TrainingData(x, y, val_x, val_y, features, target, train_rows, val_rows)
