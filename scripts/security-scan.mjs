// `npm run security`: Electronegativity (Doyensec's Electron security scanner) over the desktop
// app, offline. Fails on every finding that docs/security.md does not justify in its
// machine-readable allow-list, and on allow-list entries that no longer match anything.
//
// What is scanned: the Electron sources (src-main/electron, what a fix edits) and the built app
// (out/main, out/preload, out/renderer: what ships, bundled dependencies included), plus
// package.json. They are staged in a temp dir because electronegativity reads only
// .js/.ts/.html/package.json files (the CommonJS preload bundle, index.cjs, is staged as .js so
// it is scanned too) and would otherwise also walk the web build, tests and reports.
//
// Offline: electronegativity fetches translations from S3 on start (replaced here by its bundled
// en-US strings) and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from
// GitHub (skipped; the Electron version is a dependency update, see docs/security.md).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = 'docs/security.md';
const ALLOW_LIST_MARKER = '<!-- electronegativity-allow-list -->';
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const SOURCES = ['src-main/electron'];
const BUILT = ['out/main', 'out/preload', 'out/renderer'];
const REQUIRED_BUILD = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SCANNED_EXTENSIONS = new Set(['.js', '.ts', '.html']);
const RENAMED_EXTENSIONS = new Set(['.cjs', '.mjs']);

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(1);
}

const started = performance.now();
const missing = REQUIRED_BUILD.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) fail(`${missing.join(', ')} not found: run \`npm run build\` first`);

const allowList = readAllowList();
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
const scannerVersion = require('@doyensec/electronegativity/package.json').version;
const electronVersion = require('electron/package.json').version;
const run = loadOfflineRunner(runnerPath);

const stage = mkdtempSync(path.join(os.tmpdir(), 'nanograd-security-'));
try {
  /** staged path (relative, '/') -> project path */
  const origins = new Map();
  const stageFile = (relative) => {
    const ext = path.extname(relative);
    if (!SCANNED_EXTENSIONS.has(ext) && !RENAMED_EXTENSIONS.has(ext)) return;
    const staged = RENAMED_EXTENSIONS.has(ext) ? `${relative}.js` : relative;
    mkdirSync(path.dirname(path.join(stage, staged)), { recursive: true });
    cpSync(path.join(root, relative), path.join(stage, staged));
    origins.set(staged.split(path.sep).join('/'), relative.split(path.sep).join('/'));
  };
  stageFile('package.json');
  for (const dir of [...SOURCES, ...BUILT]) for (const file of walk(dir)) stageFile(file);

  const result = await run({
    input: stage,
    customScan: [],
    excludeFromScan: NETWORK_CHECKS.map((name) => name.toLowerCase()),
    isRelative: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });

  const unparsed = result.errors.filter((error) => !error.tolerable);
  if (unparsed.length > 0) {
    fail(
      `electronegativity could not parse ${unparsed.length} file(s), so they were not checked:\n` +
        unparsed.map((e) => `  ${originOf(origins, e.file)}: ${e.message}`).join('\n'),
    );
  }

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : originOf(origins, issue.file),
    line: issue.location?.line ?? 0,
    sample: issue.sample ?? '',
    description: issue.description,
    url: issue.shortenedURL,
  }));
  const used = new Set();
  const unjustified = findings.filter((finding) => {
    const index = allowList.findIndex((entry) => justifies(entry, finding));
    if (index >= 0) used.add(index);
    return index < 0;
  });
  const stale = allowList.filter((_, index) => !used.has(index));

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const checks = result.globalChecks + result.atomicChecks;
  if (unjustified.length > 0 || stale.length > 0) {
    for (const f of unjustified) {
      console.error(
        `NEW  ${f.check}  ${f.file}:${f.line}  ${oneLine(f.sample)}\n     ${f.description} ${f.url ?? ''}`,
      );
    }
    for (const entry of stale) {
      console.error(
        `STALE  ${entry.check} in ${entry.files.join(', ')} (code: ${entry.code ?? '-'}) matches nothing`,
      );
    }
    fail(
      `${unjustified.length} finding(s) not justified, ${stale.length} stale allow-list entr${stale.length === 1 ? 'y' : 'ies'}: ` +
        `fix the code, or justify the finding in ${DOC} (its allow-list block), or remove the stale entry (${seconds} s)`,
    );
  }
  console.log(
    `security: electronegativity ${scannerVersion} (Electron ${electronVersion}), ${checks} checks over ${origins.size} files ` +
      `(${SOURCES.join(', ')}, ${BUILT.join(', ')}, package.json; skipped: ${NETWORK_CHECKS.join(', ')}, needs network): ` +
      `${findings.length} findings, all justified in ${DOC} (${seconds} s)`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** Project-relative files under dir (no node_modules). */
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(relative));
    } else if (entry.isFile()) out.push(relative);
  }
  return out;
}

function originOf(origins, stagedFile) {
  const key = path.relative(stage, path.resolve(stage, stagedFile)).split(path.sep).join('/');
  return origins.get(key) ?? key;
}

/** Same code whatever the formatter did: collapsed whitespace, one kind of quote. */
function normalize(code) {
  return String(code).replace(/\s+/g, ' ').replace(/["`]/g, "'").trim();
}

function oneLine(text) {
  const line = normalize(text);
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

function justifies(entry, finding) {
  if (entry.check !== finding.check || !entry.files.includes(finding.file)) return false;
  return entry.code === undefined || normalize(finding.sample).includes(normalize(entry.code));
}

/** The JSON block after the allow-list marker in docs/security.md. */
function readAllowList() {
  const docPath = path.join(root, DOC);
  if (!existsSync(docPath)) fail(`${DOC} not found (it holds the allow-list of justified findings)`);
  const text = readFileSync(docPath, 'utf8');
  const at = text.indexOf(ALLOW_LIST_MARKER);
  const block = at < 0 ? null : /```json\n([\s\S]*?)\n```/.exec(text.slice(at));
  if (!block) fail(`${DOC}: no \`\`\`json block after ${ALLOW_LIST_MARKER}`);
  let entries;
  try {
    entries = JSON.parse(block[1]);
  } catch (err) {
    fail(`${DOC}: the allow-list block is not valid JSON (${err.message})`);
  }
  if (!Array.isArray(entries)) fail(`${DOC}: the allow-list block must be a JSON array`);
  entries.forEach((entry, i) => {
    const ok =
      entry &&
      typeof entry.check === 'string' &&
      Array.isArray(entry.files) &&
      entry.files.length > 0 &&
      entry.files.every((file) => typeof file === 'string') &&
      (entry.code === undefined || typeof entry.code === 'string') &&
      typeof entry.why === 'string' &&
      entry.why.trim() !== '';
    if (!ok)
      fail(`${DOC}: allow-list entry ${i + 1} needs "check", "files" (array), "why" and optionally "code"`);
  });
  return entries;
}

/**
 * electronegativity's runner, with its translation loader (which downloads strings from S3 at
 * every start) replaced by the bundled en-US strings.
 */
function loadOfflineRunner(runner) {
  const scannerRequire = createRequire(runner);
  const i18nPath = scannerRequire.resolve('./locales/i18n.js');
  const i18n = scannerRequire('i18n');
  const offline = Object.assign(new Module(i18nPath), { filename: i18nPath, loaded: true });
  offline.exports = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  scannerRequire.cache[i18nPath] = offline;
  return scannerRequire(runner);
}
