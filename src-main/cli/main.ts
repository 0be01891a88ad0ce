import { setFlagsFromString } from 'node:v8';
import { main } from './index';

// Node 20 validates relaxed SIMD (the FMA GEMM kernel) only behind this flag; it must be set
// before any module is compiled. Node >= 22 and Electron have it on by default.
setFlagsFromString('--experimental-wasm-relaxed-simd');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`nanograd: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
