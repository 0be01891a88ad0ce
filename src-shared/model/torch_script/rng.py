"""Nanograd Studio's seeded random numbers (src-shared/engine/rng.ts), bit for bit: the same seed
gives the studio's batch order and dropout masks."""
import torch

# --- script ---
MASK32 = 0xFFFFFFFF
MULBERRY_STEP = 0x6D2B79F5
# The streams of one seed (engine/rng.ts SEED_STREAMS); the data generators read Rng(seed) itself.
INIT_STREAM, BATCH_ORDER_STREAM, DROPOUT_STREAM, SPLIT_STREAM = 0, 1, 2, 3


def to_int32(value):
    value &= MASK32
    return value - (1 << 32) if value & 0x80000000 else value


def imul(a, b):
    """JavaScript's Math.imul on unsigned 32-bit values: the low 32 bits of the product."""
    return (a * b) & MASK32


def derive_seed(seed, stream):
    """Independent PRNG streams from one user seed (engine/rng.ts deriveSeed)."""
    h = to_int32(seed ^ to_int32(imul((stream + 1) & MASK32, 0x9E3779B9)))
    h &= MASK32
    h = imul(h ^ (h >> 16), 0x85EBCA6B)
    h = imul(h ^ (h >> 13), 0xC2B2AE35)
    return to_int32(h ^ (h >> 16))


def mulberry_hash(state):
    """mulberry32's output for a state (the state after its increment), as an integer < 2**32."""
    t = imul(state ^ (state >> 15), 1 | state)
    t = ((t + imul(t ^ (t >> 7), 61 | t)) & MASK32) ^ t
    return (t ^ (t >> 14)) & MASK32


def _imul_tensor(a, b):
    """Math.imul on int64 tensors holding unsigned 32-bit values, without int64 overflow."""
    low = a * (b & 0xFFFF)
    high = ((a * (b >> 16)) & 0xFFFF) << 16
    return (low + high) & MASK32


class Rng:
    """mulberry32: next() is a float in [0, 1), a multiple of 2**-32. The state only advances by a
    constant, so a block of draws is computed at once (next_block) for dropout masks."""

    def __init__(self, seed):
        self.state = seed & MASK32

    def next(self):
        self.state = (self.state + MULBERRY_STEP) & MASK32
        return mulberry_hash(self.state) / 4294967296

    def next_block(self, count):
        """The next `count` draws as a float64 tensor (identical to calling next() count times)."""
        steps = torch.arange(1, count + 1, dtype=torch.int64)
        states = (self.state + steps * MULBERRY_STEP) & MASK32
        self.state = (self.state + count * MULBERRY_STEP) & MASK32
        t = _imul_tensor(states ^ (states >> 15), states | 1)
        t = ((t + _imul_tensor(t ^ (t >> 7), t | 61)) & MASK32) ^ t
        return ((t ^ (t >> 14)) & MASK32).double() / 4294967296

    def shuffle(self, items):
        """In-place Fisher-Yates: for i = n-1 down to 1, j = floor(next() * (i + 1))."""
        n = len(items)
        if n < 2:
            return items
        draws = self.next_block(n - 1).tolist()
        for k, i in enumerate(range(n - 1, 0, -1)):
            j = int(draws[k] * (i + 1))
            items[i], items[j] = items[j], items[i]
        return items
