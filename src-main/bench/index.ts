/** The benchmark as a library for the CLI and the tests: run workloads, format records. */
import type { BackendPreference } from '../../src-shared/engine/fast';
import { WORKLOADS, runWorkload, type BenchRecord, type WorkloadKey } from './workloads';

export { WORKLOADS, runWorkload, type BenchRecord, type WorkloadKey };
export { median } from './workloads';

/** The bundled digits CSV (a separate chunk, loaded only when W3 runs). */
export async function bundledDigitsCsv(): Promise<string> {
  return (await import('../../src-shared/data/classic/digits.csv?raw')).default;
}

export async function runBench(
  keys: readonly WorkloadKey[],
  options: {
    backend: BackendPreference;
    /** GEMM threads in use (the pool is installed by the caller); recorded in every record's metric. */
    threads: number;
    progress: (message: string) => void;
    onRecord: (record: BenchRecord) => void;
  },
): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  for (const key of keys) {
    for (const record of await runWorkload(key, {
      backend: options.backend,
      progress: options.progress,
      loadDigitsCsv: bundledDigitsCsv,
    })) {
      if (!('threads' in record.metric)) record.metric.threads = options.threads;
      records.push(record);
      options.onRecord(record);
    }
  }
  return records;
}

const QUALITY_KEYS = [
  'final_loss_seed0',
  'converged_frac_20seeds',
  'train_acc',
  'test_acc',
  'gflops',
  'runs_per_s_1_worker',
  'runs_per_s_all_workers',
  'speedup',
];

function formatNumber(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(3);
  return value.toPrecision(4);
}

/** One human-readable line per record (the JSON form is the machine-readable one). */
export function formatTable(records: readonly BenchRecord[]): string {
  const rows = records.map((r) => [
    r.workload,
    `${formatNumber(r.seconds)} s`,
    r.samples_per_s === null ? '-' : Math.round(r.samples_per_s).toLocaleString('en-US'),
    QUALITY_KEYS.filter((k) => typeof r.metric[k] === 'number')
      .map((k) => `${k} ${formatNumber(r.metric[k] as number)}`)
      .join(', '),
    String(r.metric.backend ?? ''),
  ]);
  const header = ['workload', 'seconds', 'samples/s', 'metric', 'kernels'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
