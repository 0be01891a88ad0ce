"""Helpers for the tests that run the exported script next to the `nanograd` CLI: build a model
with the CLI, export it as a PyTorch script, run either side and read its JSON lines."""
import json
import os
import socket
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.path.join(ROOT, "bin", "nanograd.js")
IRIS = os.path.join(ROOT, "src-shared", "data", "classic", "iris.csv")
DIABETES = os.path.join(ROOT, "src-shared", "data", "classic", "diabetes.csv")
PYTHON = sys.executable


def cli_built():
    return os.path.exists(os.path.join(ROOT, "out", "cli", "nanograd.js"))


def nanograd(*args, cwd=None):
    """Runs the CLI; returns stdout (fails the test with its stderr on a non-zero exit)."""
    done = subprocess.run(["node", CLI, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"nanograd {' '.join(args)} failed: {done.stderr.strip()}"
    return done.stdout


def from_model_flag():
    """The CLI's "continue from a model file" flag (renamed from --init to --from-model)."""
    help_text = subprocess.run(["node", CLI, "train", "--help"], capture_output=True, text=True).stdout
    return "--from-model" if "--from-model" in help_text else "--init"


def export_script(model_path, script_path):
    nanograd("export", "--model", model_path, "--format", "pytorch", "--out", script_path)
    return script_path


def run_script(script, *args, cwd=None, env=None, check=True):
    done = subprocess.run([PYTHON, script, *args], cwd=cwd, capture_output=True, text=True, env=env)
    if check:
        assert done.returncode == 0, f"{os.path.basename(script)} {' '.join(args)} failed: {done.stderr.strip()}"
    return done


def json_lines(stdout):
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert lines and lines[-1]["type"] == "done", f"no done line in: {stdout[-500:]}"
    return lines[:-1], lines[-1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def relative_difference(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-12)
