// `node scripts/bench-compare.mjs`: nanograd's benchmark and the anchor systems (PyTorch 1 thread,
// TensorFlow.js wasm) side by side in ONE session, interleaved round by round, because wall times on
// this shared 2-core machine drift between runs: only ratios measured together mean anything.
//
//   node scripts/bench-compare.mjs [--anchors ../shared/bench/anchors] [--rounds 3]
//                                  [--workloads W1,W2,W3,W4,GEMM] [--systems nanograd,torch-1t,tfjs-wasm]
//
// Systems: nanograd (--threads default: all cores), nanograd-<N>t (--threads N), torch-<N>t
// (PyTorch and OpenBLAS with N threads), tfjs-wasm.
//
// Prints a Markdown table (paste into docs/benchmarks.md) and writes every record to
// bench-data/compare-<time>.json. Needs `npm run build:cli`, Debian's /usr/bin/python3 with torch
// (for torch-1t) and the npm registry once (the anchors' tfjs packages, installed into a copy of the
// anchors folder when that folder is read-only).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, accessSync, constants, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = '/usr/bin/python3';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const anchorsSource = resolve(root, option('anchors', '../shared/bench/anchors'));
const rounds = Number(option('rounds', '3'));
const workloads = option('workloads', 'W1,W2,W3,W4,GEMM').split(',');
const systems = option('systems', 'nanograd,torch-1t,tfjs-wasm').split(',');

/** Anchor workload keys, and the records each of our workload keys produces. */
const ANCHOR_KEY = {
  W1: ['xor'],
  W2: ['spiral'],
  W3: ['digits'],
  W4: ['mnist'],
  GEMM: ['gemm256', 'gemm1024'],
};
/** samples/s ratio the best of our systems aims for against torch-1t (issues 4 and 17); GEMM is absolute GFLOP/s. */
const TARGETS = {
  'W1-xor-seed': { vsTorch: 100 },
  'W2-spiral': { vsTorch: 5 },
  'W3-digits': { vsTorch: 1.5 },
  'W4-mnist-size': { vsTorch: 1.0 },
  'GEMM-256': { gflops: 30 },
  'GEMM-1024': { gflops: 75 },
};

function fail(message) {
  console.error(`bench-compare: ${message}`);
  process.exit(1);
}

function writable(dir) {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The anchors need node_modules and generated data next to them; use a private copy when read-only. */
function prepareAnchors() {
  if (!existsSync(join(anchorsSource, 'torch_anchor.py'))) fail(`no anchor scripts in ${anchorsSource}`);
  let dir = anchorsSource;
  if (!writable(anchorsSource)) {
    dir = join(tmpdir(), 'nanograd-anchors');
    if (!existsSync(join(dir, 'torch_anchor.py'))) {
      cpSync(anchorsSource, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
      spawnSync('chmod', ['-R', 'u+w', dir]);
    }
  }
  if (systems.some((s) => s.startsWith('tfjs')) && !existsSync(join(dir, 'node_modules/@tensorflow/tfjs'))) {
    console.error(`installing the anchors' tfjs packages in ${dir}`);
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    if (npm.status !== 0) fail('npm ci in the anchors folder failed');
  }
  if (workloads.includes('W4') && !existsSync(join(dir, 'data/mnist_size_X.f32'))) {
    console.error('generating the anchors data files (gen_data.py)');
    const gen = spawnSync(PYTHON, ['gen_data.py'], { cwd: dir, stdio: 'inherit' });
    if (gen.status !== 0) fail('gen_data.py failed');
  }
  return dir;
}

function cpuTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { busy: fields[0] + fields[1] + fields[2] + fields[5] + fields[6], steal: fields[7] ?? 0 };
}

/**
 * Runs one process under /usr/bin/time; returns its RESULT records with the process's own CPU
 * seconds and how many cores the rest of the machine kept busy meanwhile (the contention check).
 */
function runJob(system, command, args, cwd) {
  const timeFile = join(tmpdir(), `bench-compare-${process.pid}.time`);
  const before = cpuTicks();
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', timeFile, command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  const wall = (performance.now() - started) / 1000;
  const after = cpuTicks();
  const [, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  const clk = 100; // USER_HZ on Linux
  const foreign = (after.busy - before.busy) / clk - (user + sys);
  const proc = { wall_s: wall, cpu_s: user + sys, foreign_cores: Math.max(0, foreign / wall) };
  if (result.status !== 0) {
    console.error(
      `${system}: ${command} ${args.join(' ')} exited ${result.status}\n${result.stderr.slice(-2000)}`,
    );
    return [];
  }
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{') || line.startsWith('RESULT '))
    .map((line) => JSON.parse(line.replace(/^RESULT /, '')))
    .map((record) => ({ ...record, system, proc }));
}

function runSystem(system, workload, anchorsDir) {
  const ours = /^nanograd(?:-(\d+)t)?$/.exec(system);
  if (ours) {
    const threads = ours[1] ? ['--threads', ours[1]] : [];
    return runJob(
      system,
      process.execPath,
      ['bin/nanograd.js', 'bench', '--json', '--workload', workload, ...threads],
      root,
    );
  }
  const torch = /^torch-(\d+)t$/.exec(system);
  if (torch) {
    return ANCHOR_KEY[workload].flatMap((key) =>
      runJob(system, PYTHON, ['torch_anchor.py', '--threads', torch[1], '--workload', key], anchorsDir),
    );
  }
  if (system === 'tfjs-wasm') {
    return ANCHOR_KEY[workload].flatMap((key) =>
      runJob(
        system,
        process.execPath,
        ['tfjs_anchor.mjs', '--backend', 'wasm', '--workload', key],
        anchorsDir,
      ),
    );
  }
  return fail(`unknown system ${system} (nanograd, nanograd-<N>t, torch-<N>t, tfjs-wasm)`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** GFLOP/s for GEMM records, seconds for the others; both as "bigger is better" throughput. */
function throughput(record) {
  return typeof record.metric?.gflops === 'number' ? record.metric.gflops : record.samples_per_s;
}

function quality(record) {
  const m = record.metric ?? {};
  if (typeof m.final_loss_seed0 === 'number')
    return `loss₀ ${m.final_loss_seed0.toExponential(2)}, ${Math.round(m.converged_frac_20seeds * 20)}/20 conv.`;
  if (typeof m.test_acc === 'number') return `test acc ${m.test_acc.toFixed(4)}`;
  if (typeof m.train_acc === 'number') return `train acc ${m.train_acc.toFixed(4)}`;
  return '';
}

function fmt(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(digits);
}

if (!existsSync(join(root, 'bin/nanograd.js')) || !existsSync(join(root, 'out/cli')))
  fail('build the CLI first: npm run build:cli');
const anchorsDir = prepareAnchors();
const started = new Date();
const loadStart = loadavg();
const records = [];
for (let round = 0; round < rounds; round++) {
  for (const workload of workloads) {
    // Rotate the order each round so no system always runs right after the heaviest one.
    const order = systems.map((_, i) => systems[(i + round) % systems.length]);
    for (const system of order) {
      const got = runSystem(system, workload, anchorsDir);
      for (const record of got) {
        records.push({ ...record, round });
        console.error(
          `round ${round + 1}/${rounds} ${system.padEnd(9)} ${record.workload.padEnd(14)} ${fmt(record.seconds, 4)} s` +
            `  cpu ${fmt(record.proc.cpu_s, 3)} s  others busy ${record.proc.foreign_cores.toFixed(2)} cores`,
        );
      }
    }
  }
}

const byCell = new Map();
for (const record of records) {
  const key = `${record.workload}|${record.system}`;
  if (!byCell.has(key)) byCell.set(key, []);
  byCell.get(key).push(record);
}
const cell = (workload, system) => {
  const runs = byCell.get(`${workload}|${system}`) ?? [];
  if (runs.length === 0) return null;
  return {
    seconds: median(runs.map((r) => r.seconds)),
    throughput: median(runs.map(throughput)),
    quality: quality(runs[runs.length - 1]),
    backend: runs[runs.length - 1].metric?.backend,
    spread: runs.length > 1 ? Math.max(...runs.map(throughput)) / Math.min(...runs.map(throughput)) : 1,
  };
};

const names = [...new Set(records.map((r) => r.workload))];
const oursSystems = systems.filter((s) => s.startsWith('nanograd'));
const lines = [
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${rounds} interleaved rounds, medians; ` +
    `load average at start ${loadStart.map((l) => l.toFixed(2)).join(' / ')}.`,
  '',
  `| workload | ${systems.join(' | ')} | ${oursSystems.map((s) => `${s} ÷ torch-1t`).join(' | ')} | target | quality (ours / torch-1t) |`,
  `|---|${systems.map(() => '---').join('|')}|${oursSystems.map(() => '---').join('|')}|---|---|`,
];
for (const workload of names) {
  const cells = Object.fromEntries(systems.map((s) => [s, cell(workload, s)]));
  const gemm = workload.startsWith('GEMM');
  const show = (c) => (c === null ? '—' : gemm ? `${fmt(c.throughput)} GFLOP/s` : `${fmt(c.seconds)} s`);
  const ratio = (mine, other) =>
    cells[mine] && cells[other] ? `${fmt(cells[mine].throughput / cells[other].throughput)}×` : '—';
  const target = TARGETS[workload];
  const best = oursSystems
    .map((s) => cells[s])
    .filter(Boolean)
    .sort((a, b) => b.throughput - a.throughput)[0];
  let goal = '';
  if (target?.vsTorch && best && cells['torch-1t']) {
    const met = best.throughput / cells['torch-1t'].throughput >= target.vsTorch;
    goal = `≥ ${target.vsTorch}× ${met ? 'met' : 'NOT met'}`;
  } else if (target?.gflops && best) {
    goal = `≥ ${target.gflops} GFLOP/s ${best.throughput >= target.gflops ? 'met' : 'NOT met'}`;
  }
  lines.push(
    `| ${workload} | ${systems.map((s) => show(cells[s])).join(' | ')} | ${oursSystems.map((s) => ratio(s, 'torch-1t')).join(' | ')} | ${goal} | ` +
      `${best?.quality ?? '—'} / ${cells['torch-1t']?.quality ?? '—'} |`,
  );
}
const kernels = names
  .map((w) => `${w} ${cell(w, oursSystems[0])?.backend ?? '?'}`)
  .filter((s) => !s.endsWith('?'))
  .join(', ');
lines.push('', `nanograd kernels: ${kernels}.`);
const spreads = names
  .flatMap((w) => systems.map((s) => [w, s, cell(w, s)]))
  .filter(([, , c]) => c && c.spread > 1.15)
  .map(([w, s, c]) => `${s} ${w} ${c.spread.toFixed(2)}×`);
if (spreads.length > 0)
  lines.push(`Round-to-round spread above 15 % (max/min throughput): ${spreads.join(', ')}.`);
console.log(lines.join('\n'));

mkdirSync(join(root, 'bench-data'), { recursive: true });
const out = join(root, 'bench-data', `compare-${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  out,
  JSON.stringify({ started: started.toISOString(), loadStart, loadEnd: loadavg(), records }, null, 1),
);
console.error(`records: ${out}`);
