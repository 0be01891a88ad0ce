"""{{TITLE}} exported by Nanograd Studio (PyTorch script).

Predict on a CSV (columns named like the training data; extra columns are kept, the target
column is optional):
    python3 {{MODULE}}.py --predict data.csv [--out predictions.csv]
Use the network in your own code (save this file as {{MODULE}}.py; inputs are the
raw features in INPUT_NAMES order, one-hot 0/1 for categorical columns; standardization
happens inside the module):
    from {{MODULE}} import build_model
    net = build_model()   # an nn.Module with the trained weights; train it further as usual
Needs only torch and the Python standard library.
"""
