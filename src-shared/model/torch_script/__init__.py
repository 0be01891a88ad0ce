"""The exported PyTorch script, as Python files that can be linted and tested.

Nanograd Studio (src-shared/model/pytorch.ts) joins these parts into ONE self-contained script:
header.py's docstring, the imports of every part, the model's data in place of model_data.py,
then each part's code below its "# --- script ---" line. This package file itself is not exported.
"""
