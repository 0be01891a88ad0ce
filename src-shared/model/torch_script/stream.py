"""--stream: data larger than memory. The CSV is read in chunks, never whole: each rank takes
every world-th row (an IterableDataset sharded by rank), a row is a validation row when a seeded
hash of its index falls below the validation fraction (every rank agrees without reading the
file twice), and training rows are shuffled through a seeded buffer."""
import csv

import torch
from torch.utils.data import IterableDataset

from .csv_reader import InputError, detect_delimiter, encode_rows
from .model_data import MISSING_TOKENS, TASK
from .network import FEATURES, TARGET
from .rng import MASK32, MULBERRY_STEP, SPLIT_STREAM, Rng, derive_seed, mulberry_hash
from .training_data import standardized, target_values

# --- script ---
SHUFFLE_BUFFER = 8192
STREAM_CHUNK = 4096


class CsvRows(IterableDataset):
    """(index, line number, cells) of this rank's rows of a CSV, read as a stream."""

    def __init__(self, path, rank=0, world=1):
        super().__init__()
        self.path, self.rank, self.world = path, rank, world
        with open(path, encoding="utf-8-sig", newline="") as handle:
            self.delimiter = detect_delimiter(handle.read(65536))
        self.header = None
        for _, _, _ in self.rows(header_only=True):
            break
        if self.header is None:
            raise InputError(f"{path} has no header line")

    def rows(self, header_only=False):
        with open(self.path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter, quotechar='"')
            index, previous_end, header = -1, 0, None
            for record in reader:
                line, previous_end = previous_end + 1, reader.line_num
                if all(not cell.strip(" \t\r\n" + self.delimiter) for cell in record):
                    continue
                cells = [cell.strip() for cell in record]
                if header is None:
                    header = self.header = [name or f"column{i + 1}" for i, name in enumerate(cells)]
                    if header_only:
                        return
                    continue
                index += 1
                if index % self.world != self.rank:
                    continue
                if len(cells) != len(header):
                    raise InputError(f"{self.path} row {line} is ragged: expected {len(header)} fields (like the header), got {len(cells)}")
                yield index, line, cells

    def __iter__(self):
        return self.rows()


class StreamData:
    """The training and validation rows of a streamed CSV, encoded chunk by chunk."""

    streaming = True

    def __init__(self, path, target_name, val_fraction, seed, cluster):
        self.source = CsvRows(path, cluster.rank, cluster.world)
        self.path, self.val_fraction, self.seed = path, val_fraction, seed
        self.val_seed = derive_seed(seed, SPLIT_STREAM) & MASK32
        self.features, self.target = FEATURES, dict(TARGET)
        self.target_name = target_name or TARGET["name"]
        header = self.source.header
        for name in [f["name"] for f in FEATURES] + [self.target_name]:
            if name not in header:
                raise InputError(f'{path} has no column "{name}" (columns: {", ".join(header)})')
        self.target_column = header.index(self.target_name)
        self.counts = (0, 0)

    def is_val(self, index):
        """The seeded hash of a row index, as the index-th draw of Rng(derive_seed(seed, 3))."""
        return mulberry_hash((self.val_seed + (index + 1) * MULBERRY_STEP) & MASK32) / 4294967296 < self.val_fraction

    def encode(self, rows):
        """(x float32 standardized, y) for rows [(index, line, cells)] with a target value; rows
        the model cannot encode (a missing input under the drop policy) are left out."""
        t = self.target_column
        rows = [r for r in rows if r[2][t] != "" and r[2][t].lower() not in MISSING_TOKENS]
        if not rows:
            return None
        cells, lines = [r[2] for r in rows], [r[1] for r in rows]
        header, delimiter = self.source.header, self.source.delimiter
        raw, kept = encode_rows(self.path, header, cells, lines, delimiter, self.features, torch.float64)
        if not kept:
            return None
        cells, lines = [cells[i] for i in kept], [lines[i] for i in kept]
        y = target_values(self.path, header, cells, lines, delimiter, self.target_name, self.target)
        if TASK == "classification":
            y = torch.tensor(y, dtype=torch.int64)
        else:
            y = ((torch.tensor(y, dtype=torch.float64) - self.target.get("mean", 0.0)) / self.target.get("std", 1.0)).float().view(-1, 1)
        return standardized(raw, self.features), y

    def batches(self, size, epoch, rank):
        """This rank's training batches for an epoch: rows shuffled through a seeded buffer."""
        rng = Rng(derive_seed(self.seed + epoch * 7919, 4 + rank))
        buffer = []
        for row in self.source:
            if self.is_val(row[0]):
                continue
            buffer.append(row)
            if len(buffer) >= SHUFFLE_BUFFER:
                rng.shuffle(buffer)
                while len(buffer) >= size:
                    batch, buffer = buffer[:size], buffer[size:]
                    encoded = self.encode(batch)
                    if encoded is not None:
                        yield encoded
        rng.shuffle(buffer)
        for start in range(0, len(buffer), size):
            encoded = self.encode(buffer[start:start + size])
            if encoded is not None:
                yield encoded

    def run_epoch(self, trainer, config, cluster, epoch):
        """One epoch of updates (DDP: ranks with fewer batches join the others' all-reduces)."""
        batch = config["batchSize"] or STREAM_CHUNK
        size = max(1, batch // cluster.world)
        loss = 0.0
        if cluster.distributed:
            with trainer.module.join():
                for x, y in self.batches(size, epoch, cluster.rank):
                    loss = trainer.step(x.to(cluster.device), y.to(cluster.device))
            return loss
        for x, y in self.batches(size, epoch, cluster.rank):
            loss = trainer.step(x.to(cluster.device), y.to(cluster.device))
        return loss

    def evaluate(self, trainer):
        """(training sums, validation sums) of this rank's rows in one pass over the file."""
        parts = {False: [], True: []}
        totals = {False: None, True: None}

        def flush(is_val):
            encoded = self.encode(parts[is_val])
            parts[is_val] = []
            if encoded is not None:
                part = trainer.sums([encoded])
                totals[is_val] = part if totals[is_val] is None else [a + b for a, b in zip(totals[is_val], part)]

        for row in self.source:
            is_val = self.is_val(row[0])
            parts[is_val].append(row)
            if len(parts[is_val]) >= STREAM_CHUNK:
                flush(is_val)
        flush(False)
        flush(True)
        empty = trainer.sums([])
        return totals[False] or empty, totals[True] or empty
