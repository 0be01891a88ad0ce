"""pytest set-up: the PyTorch script's parts (src-shared/model/torch_script) import as the
package `torch_script`, with its small example model (model_data.py)."""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "src-shared", "model"))
