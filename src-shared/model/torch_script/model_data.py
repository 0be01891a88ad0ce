"""A small example model for linting and testing the script parts. In an exported script
Nanograd Studio writes the real model's data in place of this file (see pytorch.ts)."""

# --- script ---
NAME = "example"
TASK = "classification"
LOSS = "cross_entropy"
OUTPUT = "softmax"  # softmax | sigmoid | none, applied to the last layer
# (inputs, outputs, activation) per layer
LAYERS = [
    (3, 4, "tanh"),
    (4, 2, "linear"),
]
PREPROCESSING = {
    "features": [
        {"name": "size", "kind": "numeric", "mean": 2.0, "std": 0.5, "fill": 2.0},
        {"name": "color", "kind": "categorical", "categories": ["red", "blue"], "fill": "red"},
    ],
    "encodedNames": ["size", "color=red", "color=blue"],
    "target": {"name": "kind", "task": "classification", "classes": ["a", "b"]},
    "missing": {"policy": "drop", "rowsDropped": 0, "cellsImputed": 0},
}
PREDICTION_COLUMNS = ["predicted_kind", "p_a", "p_b"]
WEIGHTS = [
    # layer 1: weight [4, 3] row-major, bias [4]
    ([0.5, -1, 0.25, 1, 0.5, -0.5, -0.75, 0.2, 0.1, 0.3, -0.4, 0.6],
     [0, 0.1, -0.1, 0.2]),
    # layer 2: weight [2, 4] row-major, bias [2]
    ([1, -1, 0.5, 0.25, -1, 1, -0.5, 0.75],
     [0.05, -0.05]),
]
# The training run that made the weights (config, epochs, final metrics), or None.
TRAINING = None
MISSING_TOKENS = ["?", "-", "na", "n/a", "#n/a", "null", "none"]  # compared lower-case
MAX_TOKEN_SPELLINGS = 3
