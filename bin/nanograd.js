#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build:cli` into out/cli/nanograd.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/nanograd.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('nanograd: not built yet — run npm run build\n');
  process.exit(1);
}
await import(built.href);
