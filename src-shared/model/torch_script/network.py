"""The network as an nn.Module with the model's weights, and what its outputs mean."""
import torch
from torch import nn

from .model_data import LAYERS, OUTPUT, PREPROCESSING, TASK, WEIGHTS

# --- script ---
FEATURES = PREPROCESSING["features"]
INPUT_NAMES = PREPROCESSING["encodedNames"]
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
    """Standardize numeric inputs, then Linear + activation per layer. Returns raw outputs."""

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
        return self.layers((x - self.input_mean) / self.input_std)


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
