"""The script's predictions and number formatting match Nanograd Studio's."""
import math

import pytest

from torch_script import model_data, predict


def test_js_number_text_writes_numbers_like_javascript_string():
    # Expected values are what String(x) prints in JavaScript.
    cases = {
        0.1: "0.1",
        -2.0: "-2",
        1e21: "1e+21",
        1e20: "100000000000000000000",
        1.5e-7: "1.5e-7",
        0.000001: "0.000001",
        123.456: "123.456",
        1 / 3: "0.3333333333333333",
    }
    for value, text in cases.items():
        assert predict.js_number_text(value) == text


def test_float32_text_is_the_shortest_text_that_reads_back_as_the_same_float32():
    assert predict.float32_text(0.1) == "0.1"
    assert predict.float32_text(1 / 3) == "0.33333334"
    assert predict.float32_text(16777217.0) == "16777216"


def reference_probabilities(size, color):
    """The example model's forward pass written out by hand (no torch)."""
    feature = model_data.PREPROCESSING["features"][0]
    x = [(size - feature["mean"]) / feature["std"], 1.0 if color == "red" else 0.0, 1.0 if color == "blue" else 0.0]
    (w1, b1), (w2, b2) = model_data.WEIGHTS
    hidden = [math.tanh(sum(w1[o * 3 + i] * x[i] for i in range(3)) + b1[o]) for o in range(4)]
    logits = [sum(w2[o * 4 + i] * hidden[i] for i in range(4)) + b2[o] for o in range(2)]
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    return [e / sum(exps) for e in exps]


def test_predict_csv_keeps_every_row_and_computes_the_network(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("size,color,kind\n2.5,red,a\n?,blue,b\n1,blue,b\n", encoding="utf-8")
    text, skipped = predict.predict_csv(str(path))
    lines = text.strip().split("\n")
    assert lines[0] == "size,color,kind,predicted_kind,p_a,p_b"
    assert lines[2] == "?,blue,b,,,"  # the marker is shown as written; no prediction
    assert skipped == [3]
    for line, (size, color) in ((lines[1], (2.5, "red")), (lines[3], (1.0, "blue"))):
        cells = line.split(",")
        expected = reference_probabilities(size, color)
        assert [float(c) for c in cells[4:]] == [pytest.approx(p, rel=1e-5, abs=1e-6) for p in expected]
        assert cells[3] == ("a" if expected[0] >= expected[1] else "b")


def test_skipped_note_is_worded_like_nanograd_predict():
    assert predict.skipped_note([]) is None
    assert predict.skipped_note([7]).startswith("1 row could not be predicted because of a missing value")
    assert predict.skipped_note(list(range(2, 10))).endswith("rows 2, 3, 4, 5, 6 and 3 more")
