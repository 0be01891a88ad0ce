"""The exported script trains the same run as the studio: per-epoch training and validation
losses equal `nanograd train --from-model M --json` to 1e-4 relative (same split, batch order,
dropout masks, float32 math), and the model file it writes is one the studio reads."""
import json
import os

import pytest

from studio import DIABETES, IRIS, cli_built, export_script, from_model_flag, json_lines, nanograd, relative_difference, run_script

pytestmark = pytest.mark.skipif(not cli_built() and not os.environ.get("CI"), reason="the CLI is not built (npm run build:cli)")

RUNS = {
    # name: (data, how the studio trains the starting model; the continued run keeps these settings)
    "sgd": (IRIS, ["--layers", "8", "--activation", "tanh", "--optimizer", "sgd", "--lr", "0.1"]),
    "adam": (IRIS, ["--layers", "8,6", "--activation", "relu", "--optimizer", "adam", "--lr", "0.01",
                    "--dropout", "0.2", "--regularization", "l2", "--reg-rate", "0.01"]),
    "regression": (DIABETES, ["--layers", "8", "--activation", "gelu", "--optimizer", "sgd", "--lr", "0.01"]),
}
CONTINUE = ["--epochs", "24", "--batch", "16", "--seed", "5", "--val", "0.2"]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    work = tmp_path_factory.mktemp("parity")
    made = {}
    for name, (data, flags) in RUNS.items():
        model = str(work / f"{name}.json")
        nanograd("train", "--data", data, *flags, "--epochs", "2", "--seed", "2", "--out", model)
        made[name] = (model, export_script(model, str(work / f"{name}.py")))
    return work, made


@pytest.mark.parametrize("name", sorted(RUNS))
def test_per_epoch_losses_match_the_cli_to_1e_4(scripts, name):
    _, made = scripts
    model, script = made[name]
    data = RUNS[name][0]
    studio_epochs, studio_done = json_lines(nanograd("train", "--data", data, from_model_flag(), model, *CONTINUE, "--json"))
    script_epochs, script_done = json_lines(run_script(script, "--train", data, *CONTINUE, "--json").stdout)
    assert len(script_epochs) == len(studio_epochs) == 24
    for ours, theirs in zip(script_epochs, studio_epochs):
        assert ours.keys() == theirs.keys()
        assert ours["epoch"] == theirs["epoch"]
        for key in ("loss", "valLoss") + (("r2", "valR2", "mae", "valMae") if name == "regression" else ()):
            assert relative_difference(ours[key], theirs[key]) < 1e-4, (name, ours["epoch"], key, ours[key], theirs[key])
    assert set(script_done) == set(studio_done)
    # The same trivial and linear baselines on the same split.
    for kind in ("trivial", "linear"):
        for key in ("valLoss", "valAccuracy") if name != "regression" else ("valLoss",):
            ours, theirs = script_done["baselines"][kind][key], studio_done["baselines"][kind][key]
            assert relative_difference(ours, theirs) < 1e-4, (name, kind, key, ours, theirs)
    assert script_done["state"] == "done" and script_done["epochs"] == 24
    # The run learned something (a test that cannot pass with a frozen network).
    assert script_epochs[-1]["loss"] < script_epochs[0]["loss"]


def test_trained_model_file_round_trips_through_the_studio(scripts):
    work, made = scripts
    _, script = made["adam"]
    trained = str(work / "trained.json")
    _, done = json_lines(run_script(script, "--train", IRIS, "--epochs", "5", "--json", "--out", trained).stdout)
    assert done["out"] == trained
    # The studio's own reader (zod schema + relation checks) accepts it and keeps the history.
    again = str(work / "again.json")
    nanograd("export", "--model", trained, "--format", "json", "--out", again)
    with open(again, encoding="utf-8") as handle:
        document = json.load(handle)
    assert document["format"] == "nanograd-studio/model" and document["version"] == 1
    assert [m["epoch"] for m in document["training"]["history"]] == [1, 2, 3, 4, 5]
    assert document["training"]["epochs"] == 2 + 5
    # nanograd predict with the trained file = the trained file exported again, run with --predict.
    studio = nanograd("predict", "--model", trained, "--data", IRIS).strip().splitlines()
    retrained_script = export_script(trained, str(work / "trained.py"))
    ours = run_script(retrained_script, "--predict", IRIS).stdout.strip().splitlines()
    assert ours[0] == studio[0] and len(ours) == len(studio) == 151
    for a, b in zip(ours[1:], studio[1:]):
        a, b = a.split(","), b.split(",")
        assert a[:6] == b[:6]
        assert all(abs(float(x) - float(y)) <= 1e-5 for x, y in zip(a[6:], b[6:]))
    # Training changed the weights the script started from.
    with open(made["adam"][0], encoding="utf-8") as handle:
        assert json.load(handle)["weights"] != document["weights"]
