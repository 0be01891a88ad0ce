/**
 * Learning-rate schedules, formula for formula as PyTorch's `torch.optim.lr_scheduler` (the
 * reference for every number here; tests/fixtures/torch/make_training_fixtures.py records
 * PyTorch's sequences and tests/unit/training/schedule.test.ts compares them to 1e-6).
 *
 * `lr` below is the configured learning rate (the optimizer's `lr`), `E` the number of epochs,
 * `W` the warm-up epochs, `B` the batches per epoch, `e` the 0-based epoch and `b` the 0-based
 * batch within it.
 *
 *   warm-up (any schedule but onecycle), epochs e < W:
 *       lr · (e + 1) / (W + 1)
 *     = LinearLR(start_factor=1/(W+1), end_factor=1, total_iters=W), stepped per epoch; after it
 *     the schedule below runs on the remaining E − W epochs with its own epoch count e' = e − W
 *     (SequentialLR([warm-up, schedule], milestones=[W])).
 *   constant:  lr
 *   step:      lr · gamma^floor(e' / stepSize)                          StepLR(step_size, gamma)
 *   cosine:    lr · (1 + cos(π · e' / (E − W))) / 2     CosineAnnealingLR(T_max=E − W, eta_min=0)
 *   onecycle:  per batch, t = e·B + b of T = E·B steps:                OneCycleLR(max_lr=lr,
 *              total_steps=T) with PyTorch's defaults pct_start 0.3, anneal_strategy 'cos',
 *              div_factor 25, final_div_factor 1e4, three_phase False:
 *              rises from lr/25 to lr over steps 0 .. 0.3·T − 1, then falls to lr/25/1e4 at T − 1
 *              (cosine annealing in both phases). Momentum is NOT cycled (cycle_momentum=False):
 *              the optimizer keeps the momentum / betas the user chose.
 *
 * The epoch-wise schedules change the rate between epochs only, as `scheduler.step()` after each
 * epoch does; onecycle changes it before every batch, as `scheduler.step()` after each
 * `optimizer.step()` does.
 */
export const SCHEDULES = ['constant', 'step', 'cosine', 'onecycle'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export interface ScheduleConfig {
  name: ScheduleName;
  /** step: epochs between decays (PyTorch step_size). */
  stepSize: number;
  /** step: decay factor (PyTorch gamma, default 0.1). */
  gamma: number;
  /** Linear warm-up epochs before the schedule (not with onecycle, which warms up by itself). */
  warmup: number;
}

export const DEFAULT_SCHEDULE: Readonly<ScheduleConfig> = Object.freeze({
  name: 'constant',
  stepSize: 10,
  gamma: 0.1,
  warmup: 0,
});

/** PyTorch OneCycleLR's defaults. */
export const ONE_CYCLE = Object.freeze({ pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 });

/** Where in the run a batch is: what a rate depends on. */
export interface ScheduleClock {
  epochs: number;
  batchesPerEpoch: number;
}

/** Whether the schedule changes the rate within an epoch (then the host sets it before every batch). */
export function isPerBatch(schedule: ScheduleConfig): boolean {
  return schedule.name === 'onecycle';
}

/**
 * The learning rate of batch `batch` (0-based) in epoch `epoch` (0-based). For the epoch-wise
 * schedules the batch does not matter.
 */
export function learningRateAt(
  schedule: ScheduleConfig,
  lr: number,
  clock: ScheduleClock,
  epoch: number,
  batch = 0,
): number {
  if (schedule.name === 'onecycle') {
    return oneCycleLr(lr, clock.epochs * clock.batchesPerEpoch, epoch * clock.batchesPerEpoch + batch);
  }
  const warmup = schedule.warmup;
  if (epoch < warmup) return (lr * (epoch + 1)) / (warmup + 1);
  const e = epoch - warmup;
  switch (schedule.name) {
    case 'constant':
      return lr;
    case 'step':
      return lr * schedule.gamma ** Math.floor(e / schedule.stepSize);
    case 'cosine': {
      const tMax = Math.max(1, clock.epochs - warmup);
      return (lr * (1 + Math.cos((Math.PI * e) / tMax))) / 2;
    }
  }
}

/** OneCycleLR (two phases, cosine annealing) at 0-based step `step` of `totalSteps`. */
export function oneCycleLr(maxLr: number, totalSteps: number, step: number): number {
  const initial = maxLr / ONE_CYCLE.divFactor;
  const min = initial / ONE_CYCLE.finalDivFactor;
  const warmEnd = ONE_CYCLE.pctStart * totalSteps - 1;
  const anneal = (start: number, end: number, pct: number): number =>
    end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  if (step <= warmEnd) return anneal(initial, maxLr, step / warmEnd);
  return anneal(maxLr, min, (step - warmEnd) / (totalSteps - 1 - warmEnd));
}

/** The rate of every epoch (its first batch's rate for onecycle): what the lr curve shows. */
export function epochLearningRates(schedule: ScheduleConfig, lr: number, clock: ScheduleClock): number[] {
  return Array.from({ length: clock.epochs }, (_, e) => learningRateAt(schedule, lr, clock, e, 0));
}
