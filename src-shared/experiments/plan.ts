/**
 * What runs a sweep makes: the grid (cross product of each parameter's values) and/or N
 * configurations sampled from ranges with the sweep's seed, each repeated for seeds 1..K.
 * Values stay as the user typed them (strings) until the host checks each one the way
 * `train` would; sampled numbers are rounded to 4 significant digits so a run can be
 * repeated by typing its value into `nanograd train`.
 */
import { ConfigError } from '../errors';
import { Rng } from '../engine/rng';
import { SWEEP_PARAM_NAMES, paramInfo } from './params';

export interface GridParam {
  name: string;
  values: string[];
}

export interface RangeParam {
  name: string;
  lo: number;
  hi: number;
  log: boolean;
}

export interface SweepPlan {
  grid: GridParam[];
  ranges: RangeParam[];
  /** Number of sampled configurations (0 = no random search). */
  random: number;
  /** Seeds 1..seeds for every configuration. */
  seeds: number;
  /** Seeds the sampling of the ranges. */
  sweepSeed: number;
}

/** A configuration to run: the swept parameters' values (as typed or sampled) and the seed. */
export interface PlannedRun {
  index: number;
  values: Record<string, string>;
  seed: number;
}

/** A sweep this large is almost surely a typo (`--seeds 1000` on a 100-point grid). */
export const MAX_SWEEP_RUNS = 10_000;

function sweepError(message: string, param: string): ConfigError {
  return new ConfigError(message, { field: param });
}

function checkName(name: string, flag: string, what: string): void {
  if (name === '')
    throw sweepError(`${flag} ${what}: the parameter name is missing (use e.g. lr=0.1|0.01)`, '');
  if (name === 'seed')
    throw sweepError(`${flag} seed: seeds are swept with --seeds K (seeds 1..K), not ${flag}`, 'seed');
  if (!paramInfo(name))
    throw sweepError(
      `${flag} ${name}: not a sweepable parameter (use one of: ${SWEEP_PARAM_NAMES.join(', ')})`,
      name,
    );
}

/** `lr=0.1|0.01` -> { name: 'lr', values: ['0.1', '0.01'] }; empty values are refused. */
export function parseGridArg(text: string): GridParam {
  const eq = text.indexOf('=');
  if (eq < 0) throw sweepError(`--grid "${text}": expected PARAM=V1|V2|... (e.g. lr=0.1|0.01)`, '');
  const name = text.slice(0, eq).trim().replace(/^--/, '');
  checkName(name, '--grid', `"${text}"`);
  const values = text
    .slice(eq + 1)
    .split('|')
    .map((v) => v.trim());
  values.forEach((value, i) => {
    if (value === '')
      throw sweepError(`--grid ${name}: value ${i + 1} is empty (got "${text.slice(eq + 1)}")`, name);
  });
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw sweepError(`--grid ${name}: the value ${value} is listed twice`, name);
    seen.add(value);
  }
  return { name, values };
}

/** `lr=1e-4:1e-1:log` -> { name: 'lr', lo: 1e-4, hi: 0.1, log: true }; only numeric parameters. */
export function parseRangeArg(text: string): RangeParam {
  const eq = text.indexOf('=');
  if (eq < 0) throw sweepError(`--range "${text}": expected PARAM=LO:HI or PARAM=LO:HI:log`, '');
  const name = text.slice(0, eq).trim().replace(/^--/, '');
  checkName(name, '--range', `"${text}"`);
  const info = paramInfo(name);
  if (info?.kind === 'text')
    throw sweepError(`--range ${name}: takes names, not numbers; list them with --grid ${name}=A|B`, name);
  const parts = text
    .slice(eq + 1)
    .split(':')
    .map((p) => p.trim());
  const scale = parts.length === 3 ? parts[2] : 'linear';
  if (parts.length < 2 || parts.length > 3 || (scale !== 'log' && scale !== 'linear'))
    throw sweepError(`--range ${name}: expected LO:HI or LO:HI:log (got "${text.slice(eq + 1)}")`, name);
  const [lo, hi] = parts.slice(0, 2).map((p) => (p === '' ? NaN : Number(p)));
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw sweepError(
      `--range ${name}: LO and HI must be numbers (got "${parts[0]}" and "${parts[1]}")`,
      name,
    );
  if (lo > hi) throw sweepError(`--range ${name}: LO ${lo} is greater than HI ${hi}`, name);
  const log = scale === 'log';
  if (log && lo <= 0) throw sweepError(`--range ${name}: a log range needs LO > 0 (got ${lo})`, name);
  return { name, lo, hi, log };
}

/** The cross product of the grid's values, last parameter varying fastest (as itertools.product). */
export function gridConfigurations(grid: GridParam[]): Record<string, string>[] {
  let configs: Record<string, string>[] = [{}];
  for (const param of grid) {
    configs = configs.flatMap((config) => param.values.map((value) => ({ ...config, [param.name]: value })));
  }
  return configs;
}

/** A number the way a user would type it: 4 significant digits, integers for integer flags. */
export function roundSample(value: number, integer: boolean): number {
  return integer ? Math.round(value) : Number(value.toPrecision(4));
}

/** `count` configurations drawn from the ranges: uniform, or log-uniform with `:log`. */
export function sampleConfigurations(
  ranges: RangeParam[],
  count: number,
  sweepSeed: number,
): Record<string, string>[] {
  const rng = new Rng(sweepSeed);
  return Array.from({ length: count }, () => {
    const config: Record<string, string> = {};
    for (const range of ranges) {
      const u = rng.next();
      const raw = range.log
        ? Math.exp(Math.log(range.lo) + (Math.log(range.hi) - Math.log(range.lo)) * u)
        : range.lo + (range.hi - range.lo) * u;
      const value = roundSample(
        Math.min(range.hi, Math.max(range.lo, raw)),
        paramInfo(range.name)?.kind === 'integer',
      );
      config[range.name] = String(value);
    }
    return config;
  });
}

/**
 * Every run of a sweep, in order: each configuration (grid × sampled) with seeds 1..K.
 * A parameter given both as a grid and as a range, or twice, is refused.
 */
export function planRuns(plan: SweepPlan): PlannedRun[] {
  const names = [...plan.grid.map((g) => g.name), ...plan.ranges.map((r) => r.name)];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw sweepError(`${twice}: given more than once (as --grid or --range): give it once`, twice);
  if (plan.ranges.length > 0 && plan.random <= 0)
    throw sweepError(
      `--range ${plan.ranges[0].name}: needs --random N (how many configurations to sample)`,
      plan.ranges[0].name,
    );
  if (plan.random > 0 && plan.ranges.length === 0)
    throw sweepError('--random: needs at least one --range PARAM=LO:HI to sample from', 'random');
  if (!Number.isInteger(plan.seeds) || plan.seeds < 1)
    throw sweepError(`--seeds must be a whole number of at least 1 (got ${plan.seeds})`, 'seeds');
  if (names.length === 0)
    throw sweepError(
      'nothing to sweep: give --grid PARAM=V1|V2|... or --random N with --range PARAM=LO:HI',
      'grid',
    );
  const grid = gridConfigurations(plan.grid);
  const sampled = plan.random > 0 ? sampleConfigurations(plan.ranges, plan.random, plan.sweepSeed) : [{}];
  const total = grid.length * sampled.length * plan.seeds;
  if (total > MAX_SWEEP_RUNS)
    throw sweepError(
      `the sweep would make ${total} runs (more than ${MAX_SWEEP_RUNS}): use fewer values or seeds`,
      'grid',
    );
  const runs: PlannedRun[] = [];
  for (const sample of sampled)
    for (const point of grid)
      for (let seed = 1; seed <= plan.seeds; seed++)
        runs.push({ index: runs.length, values: { ...point, ...sample }, seed });
  return runs;
}

/** The swept parameter names of a plan, in the order results show them. */
export function sweptNames(plan: Pick<SweepPlan, 'grid' | 'ranges'>): string[] {
  return [...plan.grid.map((g) => g.name), ...plan.ranges.map((r) => r.name)];
}
