"""The script's training options beyond the studio's run: --refit-preprocessing, a diverging
run, and the one-line errors for flags that cannot work."""
import csv
import json
import os
import statistics

import pytest

from studio import IRIS, cli_built, export_script, json_lines, nanograd, run_script

pytestmark = pytest.mark.skipif(not cli_built() and not os.environ.get("CI"), reason="the CLI is not built (npm run build:cli)")


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    work = tmp_path_factory.mktemp("options")
    model = str(work / "start.json")
    nanograd("train", "--data", IRIS, "--layers", "6", "--activation", "tanh", "--optimizer", "sgd", "--lr", "0.05", "--epochs", "1", "--out", model)
    with open(model, encoding="utf-8") as handle:
        saved = json.load(handle)
    return work, export_script(model, str(work / "start.py")), saved


def shifted_iris(path, offset):
    """Iris with 'sepal length (cm)' moved by `offset` (the other statistics unchanged)."""
    with open(IRIS, encoding="utf-8", newline="") as source, open(path, "w", encoding="utf-8", newline="") as target:
        rows = list(csv.reader(source))
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow([str(round(float(row[0]) + offset, 4))] + row[1:])
    return [float(row[0]) + offset for row in rows[1:]]


def test_refit_preprocessing_recomputes_the_statistics_on_the_new_training_rows(script, tmp_path):
    _, path, saved = script
    values = shifted_iris(tmp_path / "shifted.csv", 100.0)
    out = tmp_path / "refit.json"
    run_script(path, "--train", str(tmp_path / "shifted.csv"), "--val", "0", "--epochs", "1", "--refit-preprocessing", "--out", str(out))
    refit = json.loads(out.read_text(encoding="utf-8"))["preprocessing"]
    assert refit["features"][0]["mean"] == pytest.approx(statistics.fmean(values), rel=1e-12)
    assert refit["features"][0]["std"] == pytest.approx(statistics.pstdev(values), rel=1e-9)
    assert refit["features"][1] == pytest.approx(saved["preprocessing"]["features"][1], rel=0.1)
    assert refit["encodedNames"] == saved["preprocessing"]["encodedNames"]
    # Without the flag the model's own statistics stay.
    kept = tmp_path / "kept.json"
    run_script(path, "--train", str(tmp_path / "shifted.csv"), "--val", "0", "--epochs", "1", "--out", str(kept))
    assert json.loads(kept.read_text(encoding="utf-8"))["preprocessing"]["features"] == saved["preprocessing"]["features"]
    nanograd("predict", "--model", str(out), "--data", str(tmp_path / "shifted.csv"))


def test_a_diverging_run_ends_with_a_diverged_done_line_exit_1_and_no_file(script, tmp_path):
    _, path, _ = script
    out = tmp_path / "never.json"
    done = run_script(path, "--train", IRIS, "--lr", "1e38", "--epochs", "5", "--json", "--out", str(out), check=False)
    assert done.returncode == 1
    _, last = json_lines(done.stdout)
    assert last["state"] == "diverged" and last["message"].startswith("training diverged at epoch 1")
    assert not out.exists()


def test_flags_that_cannot_work_are_one_line_errors(script, tmp_path):
    _, path, _ = script
    cases = [
        (["--train", IRIS, "--device", "cuda"], 1, "--device cuda: no CUDA device is available"),
        (["--train", IRIS, "--stream", "--refit-preprocessing"], 1, "--refit-preprocessing needs the data in memory"),
        (["--train", IRIS, "--val", "1.5"], 1, "--val must be a number from 0 to below 1"),
        (["--train", IRIS, "--predict", IRIS], 2, "--train and --predict do not go together"),
    ]
    for args, code, message in cases:
        done = run_script(path, *args, check=False)
        assert done.returncode == code, (args, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
