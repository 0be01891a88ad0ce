import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe("the 'nanograd-studio' library entry (dist/lib, built by the global setup)", () => {
  it('resolves through package.json exports in plain Node and runs the micrograd reference graph', () => {
    // A separate Node process: the package's own `exports`, not vitest's resolver, must find dist/lib.
    const script = `
      import { Value, FastMlp, MlpTrainer, Rng, StudioError } from 'nanograd-studio';
      const a = new Value(2), b = new Value(3);
      const e = a.mul(b).add(a).pow(2);
      e.backward();
      console.log(JSON.stringify({ e: e.data, da: a.grad, db: b.grad,
        kinds: [FastMlp, MlpTrainer, Rng, StudioError].map((x) => typeof x) }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ e: 64, da: 64, db: 32, kinds: Array(4).fill('function') });
  });

  it('ships type declarations next to the bundle', () => {
    expect(existsSync(`${root}/dist/lib/index.d.ts`)).toBe(true);
    expect(existsSync(`${root}/dist/lib/engine/reference/scalar/value.d.ts`)).toBe(true);
  });
});
