"""{{TITLE}} exported by Nanograd Studio (PyTorch script).

Predict on a CSV (columns named like the training data; extra columns are kept, the target
column is optional):
    python3 {{MODULE}}.py --predict data.csv [--out predictions.csv]
Train further, the same run as in the studio (its loss, optimizer, hyper-parameters, seeded
batch order), and write a model file the studio opens (Open model shows its curves):
    python3 {{MODULE}}.py --train data.csv [--epochs N] [--batch B] [--lr X] [--out trained.json] [--json]
    python3 {{MODULE}}.py --train data.csv --nproc 4 ...            (4 local DDP processes)
    torchrun --nproc_per_node 4 {{MODULE}}.py --train data.csv ...  (many GPUs or nodes)
    python3 {{MODULE}}.py --train big.csv --stream --checkpoint ckpt ...  (then --resume ckpt)
See --help for every flag. Use the network in your own code (save this file as {{MODULE}}.py;
inputs are the raw features in INPUT_NAMES order, one-hot 0/1 for categorical columns;
standardization and any derived input features (x1², sin(x1), ...) happen inside the module):
    from {{MODULE}} import build_model
    net = build_model()   # an nn.Module with the trained weights; train it further as usual
Needs only torch and the Python standard library.
"""
