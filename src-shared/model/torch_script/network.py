"""The network as an nn.Module with the model's weights, and what its outputs mean."""
import torch
from torch import nn

from .model_data import LAYERS, OUTPUT, PREPROCESSING, TASK, WEIGHTS

# --- script ---
FEATURES = PREPROCESSING["features"]
# Derived inputs of 2-input data (x1sq = x1², x1x2 = x1·x2, sinx1 = sin(x1), ...), or None.
INPUT_FEATURES = PREPROCESSING.get("inputFeatures")
# The columns the network reads: the raw ones (the derived features are computed inside).
INPUT_NAMES = [f["name"] for f in FEATURES] if INPUT_FEATURES else PREPROCESSING["encodedNames"]
TARGET = PREPROCESSING["target"]
# drop: rows with an empty feature cell get no prediction; impute: use the feature's "fill"
MISSING_POLICY = PREPROCESSING["missing"]["policy"]

ACTIVATIONS = {
    "linear": lambda: nn.Identity(),
    "relu": lambda: nn.ReLU(),
    "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "tanh": lambda: nn.Tanh(),
    "sigmoid": lambda: nn.Sigmoid(),
    "gelu": lambda: nn.GELU(),
}


FEATURE_FUNCTIONS = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1sq": lambda a, b: a * a,
    "x2sq": lambda a, b: b * b,
    "x1x2": lambda a, b: a * b,
    "sinx1": lambda a, b: torch.sin(a),
    "sinx2": lambda a, b: torch.sin(b),
}


def input_features(x, features=None):
    """The model's inputs from standardized rows [N, 2]: its derived features in its order,
    computed in float64 from the float32 values (as the studio computes them); rows of a model
    without derived features pass through."""
    features = INPUT_FEATURES if features is None else features
    if not features:
        return x
    a, b = x[:, 0].double(), x[:, 1].double()
    return torch.stack([FEATURE_FUNCTIONS[name](a, b) for name in features], dim=1).to(x.dtype)


def input_statistics(features):
    """Per-input standardization (means, stds) for raw encoded inputs: numeric columns use their
    statistics, one-hot columns pass through."""
    means, stds = [], []
    for feature in features:
        if feature["kind"] == "numeric":
            means.append(feature.get("mean", 0.0))
            stds.append(feature.get("std", 1.0))
        else:
            means.extend([0.0] * len(feature["categories"]))
            stds.extend([1.0] * len(feature["categories"]))
    return means, stds


class NanogradNet(nn.Module):
    """Standardize numeric inputs, compute the derived input features (if the model has them),
    then Linear + activation per layer. Returns raw outputs."""

    def __init__(self, features=None):
        super().__init__()
        means, stds = input_statistics(FEATURES if features is None else features)
        self.register_buffer("input_mean", torch.tensor(means, dtype=torch.float32))
        self.register_buffer("input_std", torch.tensor(stds, dtype=torch.float32))
        modules = []
        for inputs, outputs, activation in LAYERS:
            modules.append(nn.Linear(inputs, outputs))
            modules.append(ACTIVATIONS[activation]())
        self.layers = nn.Sequential(*modules)

    def forward(self, x):
        return self.layers(input_features((x - self.input_mean) / self.input_std))


def build_model(weights=None, features=None):
    """The network with the model's weights (or `weights`, same layout as WEIGHTS), in eval mode."""
    net = NanogradNet(features)
    linears = [m for m in net.layers if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for linear, (weight, bias) in zip(linears, WEIGHTS if weights is None else weights):
            linear.weight.copy_(torch.tensor(weight, dtype=torch.float32).view(linear.out_features, linear.in_features))
            linear.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    return net.eval()


def transform_output(raw, target=None):
    """Raw outputs -> probabilities [N, classes] / values [N, 1] in the target's units."""
    target = TARGET if target is None else target
    if TASK == "regression":
        return raw.double() * target.get("std", 1.0) + target.get("mean", 0.0)
    if OUTPUT == "softmax":
        return torch.softmax(raw, dim=1)
    if OUTPUT == "sigmoid":
        p = torch.sigmoid(raw)
        return torch.cat([1 - p, p], dim=1) if p.shape[1] == 1 else p
    return raw
