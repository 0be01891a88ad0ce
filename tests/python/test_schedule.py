"""The script's learning-rate schedules equal PyTorch's lr_scheduler sequences (the fixture the
studio's schedule.ts is checked against: tests/fixtures/torch/schedules.json)."""
import json
import os

import pytest

from torch_script.train import BestEpochTracker, learning_rate_at

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "torch", "schedules.json")


def cases():
    with open(FIXTURE, encoding="utf-8") as handle:
        return json.load(handle)["cases"]


@pytest.mark.parametrize("case", cases(), ids=lambda c: f'{c["schedule"]["name"]}-w{c["schedule"]["warmup"]}')
def test_rates_match_pytorch(case):
    epochs, batches = case["epochs"], case["batchesPerEpoch"]
    if case["perBatch"]:
        ours = [learning_rate_at(case["schedule"], case["lr"], epochs, batches, e, b) for e in range(epochs) for b in range(batches)]
    else:
        ours = [learning_rate_at(case["schedule"], case["lr"], epochs, batches, e) for e in range(epochs)]
    assert ours == pytest.approx(case["lrs"], rel=1e-6, abs=1e-12)


def test_early_stopping_waits_patience_epochs_after_the_best_by_more_than_min_delta():
    tracker = BestEpochTracker({"patience": 2, "minDelta": 0.01})
    losses = [1.0, 0.8, 0.795, 0.79]
    seen = [tracker.observe({"epoch": i + 1, "valLoss": v, "valAccuracy": None}) for i, v in enumerate(losses)]
    assert seen == [(True, False), (True, False), (False, False), (False, True)]
    assert tracker.best["epoch"] == 2
