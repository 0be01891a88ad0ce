"""Reading a CSV exactly like Nanograd Studio (src-shared/data), and the feature step."""
import csv
import io
import re

import torch

from .model_data import MAX_TOKEN_SPELLINGS, MISSING_TOKENS
from .network import FEATURES, MISSING_POLICY

# --- script ---
DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$")
FLOAT32_MAX = 3.4028234663852886e38


class InputError(Exception):
    pass


def detect_delimiter(text):
    """The delimiter (, ; or tab) seen most often outside quotes in the header line."""
    counts = {",": 0, ";": 0, "\t": 0}
    in_quotes = False
    seen_content = False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "\r\n":
            if seen_content:
                break
        elif not in_quotes and ch in counts:
            counts[ch] += 1
        if ch.strip():
            seen_content = True
    best = ","
    for d in (",", ";", "\t"):
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
        if all(not cell.strip(" \t\r\n" + delimiter) for cell in record):
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


def encode_rows(path, header, rows, lines, delimiter, features=None, dtype=torch.float32):
    """The feature step: raw model inputs [N, inputs] for the rows that can be encoded, and their
    indices. Numeric columns give their value, categorical ones one-hot 0/1 per category (an
    unseen category is all zeros); standardization happens later (in the network, or in the
    training data). Missing cells take the feature's "fill" when the policy is impute and every
    feature has one (like the app), else the row is left out. `features` defaults to FEATURES."""
    features = FEATURES if features is None else features
    decimal_comma = delimiter != ","
    positions = {}
    for feature in features:
        if feature["name"] not in header:
            raise InputError(f'{path} has no column "{feature["name"]}" (the model needs: {", ".join(f["name"] for f in features)})')
        positions[feature["name"]] = header.index(feature["name"])
    can_fill = MISSING_POLICY == "impute" and all(feature.get("fill") is not None for feature in features)
    encoded, kept = [], []
    for index, row in enumerate(rows):
        values = []
        skip = False
        for feature in features:
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
    width = sum(1 if f["kind"] == "numeric" else len(f["categories"]) for f in features)
    tensor = torch.tensor(encoded, dtype=dtype).reshape(len(encoded), width)
    return tensor, kept


