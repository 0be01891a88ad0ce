"""Derived input features (x1², x1·x2, sin(x1), ...) in the PyTorch script: computed from the two
standardized columns by hand-checked formulas, so the script predicts from the RAW columns what
`nanograd predict` does, and trains the same run as `nanograd train --from-model`."""
import json
import math
import os

import pytest
import torch

from studio import cli_built, export_script, from_model_flag, json_lines, nanograd, relative_difference, run_script
from torch_script import network

needs_cli = pytest.mark.skipif(not cli_built() and not os.environ.get("CI"), reason="the CLI is not built (npm run build:cli)")


def test_input_features_are_the_hand_computed_values():
    x = torch.tensor([[2.0, -0.5], [0.0, 3.0]])
    out = network.input_features(x, ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"])
    # sin(2) = 0.9092974268, sin(-0.5) = -0.4794255386, sin(3) = 0.1411200081
    expected = [[2, -0.5, 4, 0.25, -1, 0.9092974268, -0.4794255386], [0, 3, 0, 9, 0, 0, 0.1411200081]]
    assert out.dtype == torch.float32
    assert out.tolist() == [[pytest.approx(v, abs=1e-7) for v in row] for row in expected]
    assert network.input_features(x, ["x2sq", "x1"]).tolist() == [[0.25, 2.0], [9.0, 0.0]]
    # The example model has no derived features: rows pass through unchanged.
    assert network.input_features(x) is x


@pytest.fixture(scope="module")
def moons(tmp_path_factory):
    work = tmp_path_factory.mktemp("features")
    model = str(work / "moons.json")
    nanograd("train", "--data", "moons", "--points", "160", "--features", "x1sq,x2sq,x1x2,sinx1", "--layers", "6",
             "--activation", "tanh", "--epochs", "3", "--seed", "2", "--out", model)
    # The built-in set as a CSV of its raw columns (the first three columns of predict's output).
    lines = nanograd("predict", "--model", model, "--data", "moons").strip().split("\n")
    data = str(work / "moons.csv")
    with open(data, "w", encoding="utf-8") as handle:
        handle.write("\n".join(",".join(line.split(",")[:3]) for line in lines) + "\n")
    return work, model, data, export_script(model, str(work / "moons.py"))


@needs_cli
def test_script_predicts_from_the_raw_columns_what_nanograd_predict_does(moons):
    _, model, data, script = moons
    studio = nanograd("predict", "--model", model, "--data", data).strip().split("\n")
    ours = run_script(script, "--predict", data).stdout.strip().split("\n")
    assert ours[0] == studio[0] == "x1,x2,label,predicted_label,p_0,p_1"
    assert len(ours) == len(studio) > 100
    for a, b in zip(ours[1:], studio[1:]):
        a, b = a.split(","), b.split(",")
        assert a[:4] == b[:4]
        assert all(abs(float(x) - float(y)) <= 1e-5 for x, y in zip(a[4:], b[4:]))


@needs_cli
def test_script_trains_the_same_run_and_writes_a_model_with_the_features(moons):
    work, model, data, script = moons
    flags = ["--epochs", "12", "--batch", "16", "--seed", "5", "--val", "0.25"]
    studio_epochs, _ = json_lines(nanograd("train", "--data", data, from_model_flag(), model, *flags, "--json"))
    trained = str(work / "trained.json")
    script_epochs, done = json_lines(run_script(script, "--train", data, *flags, "--json", "--out", trained).stdout)
    assert len(script_epochs) == len(studio_epochs) == 12
    for ours, theirs in zip(script_epochs, studio_epochs):
        for key in ("loss", "valLoss"):
            assert relative_difference(ours[key], theirs[key]) < 1e-4, (ours["epoch"], key, ours[key], theirs[key])
    assert script_epochs[-1]["loss"] < script_epochs[0]["loss"]
    assert done["out"] == trained
    with open(trained, encoding="utf-8") as handle:
        document = json.load(handle)
    assert document["preprocessing"]["inputFeatures"] == ["x1sq", "x2sq", "x1x2", "sinx1"]
    assert document["preprocessing"]["encodedNames"] == ["x1²", "x2²", "x1·x2", "sin(x1)"]
    # The studio reads it back and predicts from the raw columns.
    assert nanograd("predict", "--model", trained, "--data", data).startswith("x1,x2,label,predicted_label")
    assert math.isfinite(script_epochs[-1]["valLoss"])
