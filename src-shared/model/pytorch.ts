/**
 * PyTorch export: ONE self-contained Python script (torch + the standard library, no pandas)
 * holding the architecture as an nn.Module, the weights, the preprocessing and a command line:
 *   python3 model.py --predict data.csv [--out predictions.csv]
 * prints the same CSV as `nanograd predict` (input columns, predicted_<target>, p_<class>).
 * The CSV reading rules mirror src-shared/data (delimiter from the header line, trimmed cells,
 * strict numbers, decimal comma in ;/tab files, empty cells and missing-value markers such as
 * "?" or "NA" in a mostly numeric column are missing).
 */
import { MAX_TOKEN_SPELLINGS, MISSING_TOKENS } from '../data/csv/infer';
import type { ModelFile } from './types';
import { float32ArrayText } from './float-text';
import { predictionColumns } from './predict';

/** A Python literal for JSON-like data (JSON string escapes are valid Python escapes). */
function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `float("${value}")`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

const MODULES: Record<string, string> = {
  linear: 'nn.Identity()',
  relu: 'nn.ReLU()',
  leaky_relu: 'nn.LeakyReLU(0.01)',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  gelu: 'nn.GELU()',
};

export function exportPytorch(model: ModelFile): string {
  const pre = model.preprocessing;
  const features = pre.features.map((f) =>
    f.kind === 'numeric'
      ? { name: f.name, kind: 'numeric', mean: f.mean ?? 0, std: f.std ?? 1, fill: f.fill ?? null }
      : { name: f.name, kind: 'categorical', categories: f.categories ?? [], fill: f.fill ?? null },
  );
  const weightLines = model.weights
    .map(
      (w, i) =>
        `    # layer ${i + 1}: weight [${model.layers[i].outSize}, ${model.layers[i].inSize}] row-major, bias [${model.layers[i].outSize}]\n    (${float32ArrayText(w.weight)},\n     ${float32ArrayText(w.bias)}),`,
    )
    .join('\n');
  const layerLines = model.layers
    .map((l) => `    (${l.inSize}, ${l.outSize}, ${JSON.stringify(l.activation)}),`)
    .join('\n');
  const target = pre.target;
  return `#!/usr/bin/env python3
"""${model.task === 'classification' ? 'Classifier' : 'Regressor'} ${JSON.stringify(model.name).slice(1, -1)} exported by Nanograd Studio (PyTorch script).

Predict on a CSV (columns named like the training data; extra columns are kept, the target
column is optional):
    python3 ${safeName(model.name)}.py --predict data.csv [--out predictions.csv]
Use the network in your own code (save this file as ${safeName(model.name)}.py; inputs are the
raw features in INPUT_NAMES order, one-hot 0/1 for categorical columns; standardization
happens inside the module):
    from ${safeName(model.name)} import build_model
    net = build_model()   # an nn.Module with the trained weights; train it further as usual
Needs only torch and the Python standard library.
"""
import argparse
import csv
import decimal
import io
import re
import struct
import sys

import torch
from torch import nn

TASK = ${py(model.task)}
LOSS = ${py(model.loss)}
OUTPUT = ${py(model.output)}  # softmax | sigmoid | none, applied to the last layer
# (inputs, outputs, activation) per layer
LAYERS = [
${layerLines}
]
FEATURES = [
${features.map((f) => `    ${py(f)},`).join('\n')}
]
INPUT_NAMES = ${py(pre.encodedNames)}
TARGET = ${py({ name: target.name, classes: target.classes ?? null, mean: target.mean ?? null, std: target.std ?? null })}
MISSING_POLICY = ${py(pre.missing.policy)}  # drop: rows with an empty feature cell get no prediction; impute: use "fill"
PREDICTION_COLUMNS = ${py(predictionColumns(model))}
WEIGHTS = [
${weightLines}
]

ACTIVATIONS = {
${Object.entries(MODULES)
  .map(([name, code]) => `    ${JSON.stringify(name)}: lambda: ${code},`)
  .join('\n')}
}


class NanogradNet(nn.Module):
    """Standardize numeric inputs, then Linear + activation per layer. Returns raw outputs."""

    def __init__(self):
        super().__init__()
        means, stds = [], []
        for feature in FEATURES:
            if feature["kind"] == "numeric":
                means.append(feature["mean"])
                stds.append(feature["std"])
            else:
                means.extend([0.0] * len(feature["categories"]))
                stds.extend([1.0] * len(feature["categories"]))
        self.register_buffer("input_mean", torch.tensor(means, dtype=torch.float32))
        self.register_buffer("input_std", torch.tensor(stds, dtype=torch.float32))
        modules = []
        for inputs, outputs, activation in LAYERS:
            modules.append(nn.Linear(inputs, outputs))
            modules.append(ACTIVATIONS[activation]())
        self.layers = nn.Sequential(*modules)

    def forward(self, x):
        return self.layers((x - self.input_mean) / self.input_std)


def build_model():
    net = NanogradNet()
    linears = [m for m in net.layers if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for linear, (weight, bias) in zip(linears, WEIGHTS):
            linear.weight.copy_(torch.tensor(weight, dtype=torch.float32).view(linear.out_features, linear.in_features))
            linear.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    return net.eval()


def transform_output(raw):
    """Raw outputs -> probabilities [N, classes] / values [N, 1] in the target's units."""
    if TASK == "regression":
        return raw.double() * TARGET["std"] + TARGET["mean"]
    if OUTPUT == "softmax":
        return torch.softmax(raw, dim=1)
    if OUTPUT == "sigmoid":
        p = torch.sigmoid(raw)
        return torch.cat([1 - p, p], dim=1) if p.shape[1] == 1 else p
    return raw


# ---------- reading a CSV exactly like Nanograd Studio ----------

DECIMAL = re.compile(r"^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?(?:\\d+,\\d*|,\\d+)(?:[eE][+-]?\\d+)?$")
FLOAT32_MAX = 3.4028234663852886e38
MISSING_TOKENS = ${py([...MISSING_TOKENS])}  # compared lower-case
MAX_TOKEN_SPELLINGS = ${MAX_TOKEN_SPELLINGS}


class InputError(Exception):
    pass


def detect_delimiter(text):
    """The delimiter (, ; or tab) seen most often outside quotes in the header line."""
    counts = {",": 0, ";": 0, "\\t": 0}
    in_quotes = False
    seen_content = False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "\\r\\n":
            if seen_content:
                break
        elif not in_quotes and ch in counts:
            counts[ch] += 1
        if ch.strip():
            seen_content = True
    best = ","
    for d in (",", ";", "\\t"):
        if counts[d] > counts[best]:
            best = d
    return best


def parse_number(cell, decimal_comma):
    text = cell
    if not DECIMAL.match(text):
        if not (decimal_comma and DECIMAL_COMMA.match(text)):
            return None
        text = text.replace(",", ".", 1)
    value = float(text)
    return value if abs(value) <= FLOAT32_MAX else None


def read_csv(path):
    """Returns (header, rows, line_numbers, delimiter) with trimmed cells."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    if not text.strip():
        raise InputError(f"{path} is empty")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    header, rows, lines = None, [], []
    previous_end = 0
    for record in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if all(not cell.strip(" \\t\\r\\n" + delimiter) for cell in record):
            continue
        cells = [cell.strip() for cell in record]
        if header is None:
            header = [name or f"column{i + 1}" for i, name in enumerate(cells)]
            continue
        if len(cells) != len(header):
            raise InputError(f"{path} row {line} is ragged: expected {len(header)} fields (like the header), got {len(cells)}")
        rows.append(cells)
        lines.append(line)
    if header is None or not rows:
        raise InputError(f"{path} has no data rows")
    return header, rows, lines, delimiter


def mark_missing(header, rows, delimiter):
    """Missing-value markers in a mostly numeric column become empty cells, as in Nanograd
    Studio: more than half of the non-empty cells are numbers, every other one is one of
    MISSING_TOKENS (any case), in at most MAX_TOKEN_SPELLINGS spellings. Returns the emptied
    cells as written, {(row index, column index): text}, for the predictions CSV to show."""
    decimal_comma = delimiter != ","
    marked = {}
    for c in range(len(header)):
        numbers, other, markers = 0, 0, {}
        for row in rows:
            cell = row[c]
            if cell == "":
                continue
            if parse_number(cell, decimal_comma) is not None:
                numbers += 1
            elif cell.lower() in MISSING_TOKENS:
                markers[cell] = markers.get(cell, 0) + 1
            else:
                other += 1
        filled = numbers + other + sum(markers.values())
        if markers and other == 0 and len(markers) <= MAX_TOKEN_SPELLINGS and numbers > filled / 2:
            for r, row in enumerate(rows):
                if row[c] in markers:
                    marked[(r, c)] = row[c]
                    row[c] = ""
    return marked


def encode_rows(path, header, rows, lines, delimiter):
    """Raw features [N, inputs] (float32) for the rows that can be predicted, and their indices."""
    decimal_comma = delimiter != ","
    positions = {}
    for feature in FEATURES:
        if feature["name"] not in header:
            raise InputError(f'{path} has no column "{feature["name"]}" (the model needs: {", ".join(f["name"] for f in FEATURES)})')
        positions[feature["name"]] = header.index(feature["name"])
    # Like the app: missing cells are filled only when the model has a fill for EVERY feature.
    can_fill = MISSING_POLICY == "impute" and all(feature.get("fill") is not None for feature in FEATURES)
    encoded, kept = [], []
    for index, row in enumerate(rows):
        values = []
        skip = False
        for feature in FEATURES:
            cell = row[positions[feature["name"]]]
            if cell == "" or (feature["kind"] == "numeric" and cell.lower() in MISSING_TOKENS):
                if not can_fill:
                    skip = True
                    break
                cell = feature["fill"]
            if feature["kind"] == "numeric":
                value = float(cell) if isinstance(cell, (int, float)) else parse_number(str(cell), decimal_comma)
                if value is None:
                    raise InputError(f'{path} row {lines[index]}, column "{feature["name"]}": "{cell}" is not a number')
                values.append(value)
            else:
                values.extend(1.0 if str(cell) == category else 0.0 for category in feature["categories"])
        if not skip:
            encoded.append(values)
            kept.append(index)
    tensor = torch.tensor(encoded, dtype=torch.float32).reshape(len(encoded), len(INPUT_NAMES))
    return tensor, kept


def skipped_note(skipped_lines):
    """The note for rows that could not be predicted (worded like nanograd predict's), or None."""
    n = len(skipped_lines)
    if n == 0:
        return None
    one = n == 1
    listed = ", ".join(str(line) for line in skipped_lines[:5])
    more = f" and {n - 5} more" if n > 5 else ""
    return (
        f"{n} {'row' if one else 'rows'} could not be predicted because of "
        f"{'a missing value' if one else 'missing values'} (the model's policy is {MISSING_POLICY}); "
        f"{'its' if one else 'their'} prediction cells are empty: {'row' if one else 'rows'} {listed}{more}"
    )


def js_number_text(value):
    """A number as JavaScript's String(number) writes it (the app's CSV output): the shortest
    round-trip digits, plain notation for 1e-6 <= |value| < 1e21, otherwise like 1.5e-7."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    parts = decimal.Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(str(d) for d in parts.digits)
    k = len(digits)
    n = parts.exponent + k  # value = 0.<digits> * 10**n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return sign + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def float32_text(value):
    """Shortest decimal that reads back as the same float32 (as Nanograd Studio writes it)."""
    value = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        text = "%.*g" % (digits, value)
        if struct.unpack("f", struct.pack("f", float(text)))[0] == value:
            break
    return js_number_text(float(text))


def display_rows(header, rows, delimiter):
    """Cells as the app shows them: numeric columns (every non-empty cell a number) in canonical
    number form ("2.0" -> "2", "3,5" -> "3.5"), other columns as written."""
    decimal_comma = delimiter != ","
    shown = [list(row) for row in rows]
    for c in range(len(header)):
        values = [parse_number(row[c], decimal_comma) if row[c] != "" else "" for row in rows]
        if any(v is None for v in values):
            continue
        for r, v in enumerate(values):
            shown[r][c] = "" if v == "" else js_number_text(v)
    return shown


def predict_csv(path):
    header, rows, lines, delimiter = read_csv(path)
    marked = mark_missing(header, rows, delimiter)
    features, kept = encode_rows(path, header, rows, lines, delimiter)
    net = build_model()
    with torch.no_grad():
        outputs = transform_output(net(features))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\\n")
    writer.writerow(header + PREDICTION_COLUMNS)
    classes = TARGET["classes"]
    shown = display_rows(header, rows, delimiter)
    # Missing-value markers are shown as written (like nanograd predict), not as empty cells.
    for (r, c), text in marked.items():
        shown[r][c] = text
    # Every input row, in order; a row that cannot be predicted gets empty prediction cells.
    position_of = {index: position for position, index in enumerate(kept)}
    for index in range(len(rows)):
        if index not in position_of:
            writer.writerow(shown[index] + [""] * len(PREDICTION_COLUMNS))
            continue
        row = outputs[position_of[index]].tolist()
        if TASK == "regression":
            extra = [float32_text(row[0])]
        else:
            best = max(range(len(row)), key=lambda c: (row[c], -c))
            extra = [classes[best]] + [float32_text(p) for p in row]
        writer.writerow(shown[index] + extra)
    return out.getvalue(), [lines[index] for index in range(len(rows)) if index not in position_of]


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
`;
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return cleaned === '' ? 'model' : cleaned;
}
