#!/usr/bin/env node
/**
 * Cross-validation speed-up on the worker pool: `nanograd train --folds 5` with 1 worker and
 * with 2, interleaved (the order alternates every round), each job in its own process. Reports
 * per job the fold seconds the CLI measures, the wall seconds, the CPU seconds of the process
 * (user + system, all threads, from /usr/bin/time) and the load average before it, then the
 * medians and the speed-up. Usage: node scripts/bench-cv.mjs [rounds] [-- extra train flags]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const rounds = Number(args[0] && args[0] !== '--' ? args[0] : 5);
const extra =
  dash >= 0
    ? args.slice(dash + 1)
    : ['--data', 'spiral', '--points', '1500', '--epochs', '150', '--layers', '32,32'];
const base = ['bin/nanograd.js', 'train', ...extra, '--folds', '5', '--json'];

function job(workers) {
  const load = loadavg()[0];
  const started = performance.now();
  const out = spawnSync('/usr/bin/time', ['-f', '%U %S', 'node', ...base, '--workers', String(workers)], {
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  if (out.status !== 0) throw new Error(`workers ${workers}: exit ${out.status}: ${out.stderr.trim()}`);
  const done = JSON.parse(out.stdout.trim().split('\n').pop());
  const [user, sys] = out.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { workers, seconds: done.seconds, wall, cpu: user + sys, load, valLossMean: done.cv.valLossMean };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

job(1); // warm the file cache and the JIT's code cache; not counted
const results = [];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [1, 2] : [2, 1];
  for (const workers of order) {
    const r = job(workers);
    results.push(r);
    console.log(
      `round ${round + 1} workers ${workers}: folds ${r.seconds.toFixed(3)} s, wall ${r.wall.toFixed(3)} s, cpu ${r.cpu.toFixed(2)} s (cores used ${(r.cpu / r.wall).toFixed(2)}), load ${r.load.toFixed(2)}, val loss mean ${r.valLossMean}`,
    );
  }
}
const of = (w) => results.filter((r) => r.workers === w);
const m1 = median(of(1).map((r) => r.seconds));
const m2 = median(of(2).map((r) => r.seconds));
const cores = (w) => median(of(w).map((r) => r.cpu / r.wall));
console.log(
  `median fold seconds: 1 worker ${m1.toFixed(3)}, 2 workers ${m2.toFixed(3)}; speed-up ${(m1 / m2).toFixed(2)}x; cores used ${cores(1).toFixed(2)} / ${cores(2).toFixed(2)}; load ${median(results.map((r) => r.load)).toFixed(2)} (median before each job)`,
);
