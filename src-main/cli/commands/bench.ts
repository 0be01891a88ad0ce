/**
 * `nanograd bench`: the engine benchmark (anchor workloads W1–W4 and GEMM). Prints one JSON
 * record per line with --json ({workload, seconds, samples_per_s, metric}), a table otherwise;
 * progress goes to stderr on a terminal only, so piped JSON stays clean.
 */
import type { Command } from 'commander';
import type { BackendPreference } from '../../../src-shared/engine/fast';
import { WORKLOADS, formatTable, runBench, type BenchRecord, type WorkloadKey } from '../../bench';
import type { CliContext } from '../context';
import { UsageError } from '../options';
import { addThreadsOption, useThreads } from '../threads';

interface BenchFlags {
  json?: boolean;
  workload?: WorkloadKey[];
  backend: BackendPreference;
  threads?: number;
}

function parseWorkload(value: string, previous: WorkloadKey[] | undefined): WorkloadKey[] {
  const key = value.toUpperCase() as WorkloadKey;
  if (!WORKLOADS.includes(key))
    throw new UsageError(`--workload must be one of ${WORKLOADS.join(', ')} (got ${JSON.stringify(value)})`);
  return [...(previous ?? []), key];
}

function parseBackend(value: string): BackendPreference {
  if (value !== 'auto' && value !== 'js' && value !== 'wasm' && value !== 'wasm-simd')
    throw new UsageError(`--backend must be one of auto, js, wasm, wasm-simd (got ${JSON.stringify(value)})`);
  return value;
}

export function register(program: Command, context: CliContext): void {
  const command = program
    .command('bench')
    .description(
      'Benchmark the training engine on the anchor workloads (W1 xor, W2 spiral, W3 digits, W4 mnist-size, GEMM).',
    )
    .option('--json', 'one JSON record per line: {"workload","seconds","samples_per_s","metric"}')
    .option(
      '--workload <name>',
      `run only this workload (${WORKLOADS.join(', ')}); repeatable`,
      parseWorkload,
    )
    .option(
      '--backend <name>',
      'kernels: auto (WebAssembly where faster), js, wasm (relaxed SIMD where the runtime has it) or wasm-simd (no FMA)',
      parseBackend,
      'auto',
    );
  addThreadsOption(command).action(async (flags: BenchFlags) => {
    const tty = Boolean(process.stderr.isTTY);
    const records: BenchRecord[] = [];
    const threads = useThreads(flags.threads);
    await runBench(flags.workload ?? WORKLOADS, {
      backend: flags.backend,
      threads,
      progress: (message) => {
        if (tty) process.stderr.write(`${message}\n`);
      },
      onRecord: (record) => {
        records.push(record);
        if (flags.json) process.stdout.write(`${JSON.stringify(record)}\n`);
      },
    });
    if (!flags.json) process.stdout.write(`${formatTable(records)}\n`);
    context.exitCode = 0;
  });
}
