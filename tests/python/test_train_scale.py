"""The exported script at scale: two DDP ranks on CPU (gloo) launched with the env:// variables
by hand (Debian's torchrun crashes before starting workers), --stream, and --resume after a kill."""
import json
import os
import signal
import subprocess
import time

import pytest

from studio import IRIS, PYTHON, cli_built, export_script, free_port, json_lines, nanograd, relative_difference, run_script

pytestmark = pytest.mark.skipif(not cli_built() and not os.environ.get("CI"), reason="the CLI is not built (npm run build:cli)")

FLAGS = ["--epochs", "40", "--lr", "0.01", "--batch", "16", "--seed", "4"]


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale")
    model = str(work / "start.json")
    nanograd("train", "--data", IRIS, "--layers", "8", "--activation", "relu", "--optimizer", "adam", "--lr", "0.01", "--epochs", "1", "--out", model)
    return work, export_script(model, str(work / "start.py"))


def test_two_ranks_train_like_one_process_and_only_rank_0_writes(script):
    work, path = script
    port = str(free_port())
    ranks = []
    for rank in (0, 1):
        cwd = work / f"rank{rank}"
        cwd.mkdir()
        env = dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE="2", MASTER_ADDR="127.0.0.1", MASTER_PORT=port)
        ranks.append(subprocess.Popen([PYTHON, path, "--train", IRIS, *FLAGS, "--json", "--out", "trained.json"], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [rank.communicate(timeout=300) for rank in ranks]
    assert [rank.returncode for rank in ranks] == [0, 0], [err for _, err in outputs]
    epochs, done = json_lines(outputs[0][0])
    assert len(epochs) == 40 and done["state"] == "done"
    # Rank 1 neither prints nor writes: the model file exists once, in rank 0's directory.
    assert outputs[1][0] == ""
    assert (work / "rank0" / "trained.json").exists() and not (work / "rank1" / "trained.json").exists()
    nanograd("predict", "--model", str(work / "rank0" / "trained.json"), "--data", IRIS)
    _, single = json_lines(run_script(path, "--train", IRIS, *FLAGS, "--json").stdout)
    assert abs(done["accuracy"] - single["accuracy"]) <= 0.02, (done["accuracy"], single["accuracy"])
    assert done["accuracy"] > 0.85


def test_nproc_spawns_local_ranks_that_stream_the_csv(script):
    work, path = script
    out = str(work / "streamed.json")
    epochs, done = json_lines(run_script(path, "--train", IRIS, "--stream", "--nproc", "2", *FLAGS[:2], "--batch", "16", "--lr", "0.01", "--json", "--out", out).stdout)
    assert len(epochs) == 40 and done["state"] == "done" and done["out"] == out
    assert epochs[-1]["loss"] < epochs[0]["loss"] and done["accuracy"] > 0.85
    assert done["valLoss"] is not None
    with open(out, encoding="utf-8") as handle:
        assert len(json.load(handle)["training"]["history"]) == 40


class Rank:
    def __init__(self, rank, world):
        self.rank, self.world = rank, world


def test_stream_shards_rows_by_rank_and_holds_out_the_rows_a_seeded_hash_picks(tmp_path):
    from torch_script.rng import MASK32, Rng, derive_seed
    from torch_script.stream import StreamData

    data_file = tmp_path / "example.csv"  # the columns of the package's example model
    data_file.write_text("size,color,kind\n" + "".join(f"{i % 7},{'red' if i % 3 else 'blue'},{'a' if i % 2 else 'b'}\n" for i in range(150)), encoding="utf-8")
    data = StreamData(str(data_file), None, 0.25, 9, Rank(0, 1))
    picked = [i for i in range(150) if data.is_val(i)]
    # The index-th draw of Rng(derive_seed(seed, 3)): every rank computes the same set.
    draws = Rng(derive_seed(9, 3) & MASK32)
    assert picked == [i for i in range(150) if draws.next() < 0.25]
    assert 20 <= len(picked) <= 55  # about a quarter of 150
    assert picked != [i for i in range(150) if StreamData(str(data_file), None, 0.25, 10, Rank(0, 1)).is_val(i)]
    shards = [[index for index, _, _ in StreamData(str(data_file), None, 0.25, 9, Rank(r, 2)).source] for r in (0, 1)]
    assert shards == [list(range(0, 150, 2)), list(range(1, 150, 2))]


def test_a_killed_run_resumes_from_its_checkpoint_to_the_same_result(script):
    work, path = script
    checkpoints = work / "checkpoints"
    flags = ["--train", IRIS, "--epochs", "150", "--batch", "16", "--lr", "0.005", "--seed", "6", "--json"]
    job = subprocess.Popen([PYTHON, path, *flags, "--checkpoint", str(checkpoints)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    target = checkpoints / "checkpoint.pt"
    while not target.exists() and job.poll() is None:
        time.sleep(0.02)
    job.send_signal(signal.SIGKILL)
    job.communicate()
    assert target.exists(), "the run ended before writing a checkpoint"
    resumed_epochs, resumed = json_lines(run_script(path, *flags, "--resume", str(checkpoints)).stdout)
    assert resumed["state"] == "done"
    first = resumed_epochs[0]["epoch"]
    assert 1 < first <= 150 and resumed_epochs[-1]["epoch"] == 150
    full_epochs, full = json_lines(run_script(path, *flags).stdout)
    by_epoch = {m["epoch"]: m for m in full_epochs}
    for metrics in resumed_epochs:
        assert relative_difference(metrics["loss"], by_epoch[metrics["epoch"]]["loss"]) < 1e-6
    assert relative_difference(resumed["valLoss"], full["valLoss"]) < 1e-6


def test_bad_training_input_is_one_line_with_exit_1(script, tmp_path):
    _, path = script
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n", encoding="utf-8")
    done = run_script(path, "--train", str(broken), check=False)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("error: ")
    assert "has no target column" in done.stderr
    missing = run_script(path, "--resume", str(tmp_path / "nothing"), "--train", IRIS, check=False)
    assert missing.returncode == 1 and "no checkpoint.pt there" in missing.stderr
    usage = run_script(path, "--epochs", "3", check=False)
    assert usage.returncode == 2 and "--epochs needs --train" in usage.stderr
