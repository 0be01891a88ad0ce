"""Writing a Nanograd Studio model file (the studio's current format, version 1) and the JSON
lines of `nanograd train --json`, with numbers written the way JavaScript writes them."""
import datetime
import json
import math
import os

from .model_data import LAYERS, LOSS, OUTPUT, PREPROCESSING, TASK, TRAINING
from .predict import float32_text, js_number_text

# --- script ---
MODEL_FORMAT = "nanograd-studio/model"
MODEL_VERSION = 1


def json_text(value, indent=None, inline=lambda path: False, path=()):
    """JSON like JavaScript's JSON.stringify(value, null, indent): numbers as String(number)
    (NaN and infinities as null), and lists whose key path satisfies `inline` (weights) written
    on one line as float32 text."""
    if isinstance(value, (list, tuple)) and inline(path):
        return "[" + ",".join(float32_text(v) for v in value) + "]"
    if value is None or value is True or value is False:
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return js_number_text(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    inner = None if indent is None else indent + "  "
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v is not ...]
        parts = [json.dumps(k, ensure_ascii=False) + (": " if inner is not None else ":") + json_text(v, inner, inline, path + (k,)) for k, v in items]
    else:
        parts = [json_text(v, inner, inline, path + (str(i),)) for i, v in enumerate(value)]
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    if not parts:
        return opening + closing
    if inner is None:
        return opening + ",".join(parts) + closing
    return opening + "\n" + ",\n".join(inner + p for p in parts) + "\n" + indent + closing


def json_line(value):
    """One compact JSON line, as `nanograd train --json` prints it."""
    return json_text(value)


def model_document(name, weights, features, target, config, epochs, history):
    """The model file as a dict: this script's network with trained `weights`, the
    preprocessing it was trained with and the training record (config, epochs, history)."""
    preprocessing = dict(PREPROCESSING)
    preprocessing["features"] = features
    # Derived input features keep their names (x1², ...): they come from the same two columns.
    if not PREPROCESSING.get("inputFeatures"):
        preprocessing["encodedNames"] = encoded_input_names(features)
    preprocessing["target"] = target
    previous = (TRAINING or {}).get("epochs", 0)
    now = datetime.datetime.now(datetime.timezone.utc)
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "name": name,
        "createdAt": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
        "task": TASK,
        "loss": LOSS,
        "output": OUTPUT,
        "layers": [{"inSize": i, "outSize": o, "activation": a} for i, o, a in LAYERS],
        "activations": [a for _, _, a in LAYERS],
        "weights": [{"weight": w, "bias": b} for w, b in weights],
        "preprocessing": preprocessing,
        "training": {
            "config": config,
            "epochs": previous + epochs,
            "metrics": history[-1] if history else None,
            "history": history,
        },
    }


def encoded_input_names(features):
    names = []
    for feature in features:
        if feature["kind"] == "numeric":
            names.append(feature["name"])
        else:
            names.extend(f'{feature["name"]}={category}' for category in feature["categories"])
    return names


def write_model_file(path, document):
    """Writes the model file atomically (a temporary file renamed over the target)."""
    text = json_text(document, "", lambda p: len(p) == 3 and p[0] == "weights") + "\n"
    write_atomic(path, text)


def write_atomic(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
