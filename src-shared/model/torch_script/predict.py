"""Predictions as the same CSV as `nanograd predict` writes."""
import csv
import decimal
import io
import struct

import torch

from .csv_reader import encode_rows, mark_missing, parse_number, read_csv
from .model_data import PREDICTION_COLUMNS, TASK
from .network import MISSING_POLICY, TARGET, build_model, transform_output

# --- script ---


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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + PREDICTION_COLUMNS)
    classes = TARGET.get("classes")
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


