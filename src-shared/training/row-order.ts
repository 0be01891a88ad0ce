/**
 * The order a session trains its rows in and how far the current epoch has got: a seeded
 * reshuffle in place before every epoch (as the benchmark anchors do), or the order a caller
 * fixes per epoch (the benchmark passes the anchors' orders).
 */
import { identityPermutation, type Rng } from '../engine/rng';

export class RowOrder {
  /** The current epoch's permutation of the training rows. */
  order: Int32Array;
  /** Next position in `order`; meaningful while `inEpoch`. */
  cursor = 0;
  inEpoch = false;

  constructor(
    n: number,
    private readonly rng: Rng,
    private readonly fixed: ((epoch: number) => Int32Array) | null,
  ) {
    this.order = identityPermutation(n);
  }

  /** Other rows from the next epoch on (only called between epochs). */
  resize(n: number): void {
    this.order = identityPermutation(n);
  }

  /** Starts epoch `epoch` (0-based) at its first row; null reshuffles whatever the fixed order (the lr range test). */
  begin(epoch: number | null): void {
    if (epoch !== null && this.fixed) this.order = this.fixed(epoch);
    else this.rng.shuffle(this.order);
    this.cursor = 0;
    this.inEpoch = true;
  }

  /** The next batch's row count; moves past it and ends the epoch after its last row. */
  take(batchSize: number): number {
    const count = Math.min(batchSize, this.order.length - this.cursor);
    this.cursor += count;
    if (this.cursor >= this.order.length) this.inEpoch = false;
    return count;
  }
}
