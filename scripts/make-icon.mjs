// Draws the app icon: a small 2-4-1 network on a dark rounded square, rendered with anti-aliased
// signed distances into RGBA pixels and encoded with node:zlib, so it needs no image tool or
// dependency. Writes into build/ (electron-builder's buildResources):
//   icon.png   1024x1024, Linux icon set and the window icon (main.ts loads resources/icon.png)
//   icon.icns  macOS: PNG entries 16..1024 (electron-builder would otherwise download a converter)
//   icon.ico   Windows: 16, 24, 32, 48, 64 px 32-bit bitmaps and a 256 px PNG
// Run: node scripts/make-icon.mjs [out-dir]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'build'));

// Geometry in units of a 1024-pixel canvas.
const CANVAS = 1024;
const PAD = 64;
const CORNER = 200;
const BACKGROUND = [30, 34, 44];
const EDGE = [120, 170, 230];
const LAYERS = [
  { x: 272, ys: [384, 640], color: [78, 201, 176] },
  { x: 512, ys: [224, 416, 608, 800], color: [246, 178, 72] },
  { x: 752, ys: [512], color: [236, 96, 130] },
];
const NODE_RADIUS = 62;
const RING = 14;
const EDGE_WIDTH = 18;

const clamp01 = (v) => Math.min(1, Math.max(0, v));

function roundedRectDistance(px, py) {
  const inner = CANVAS / 2 - PAD - CORNER;
  const qx = Math.abs(px - CANVAS / 2) - inner;
  const qy = Math.abs(py - CANVAS / 2) - inner;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - CORNER;
}

function segmentDistance(px, py, [ax, ay, bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const nodes = LAYERS.flatMap((layer) => layer.ys.map((y) => ({ x: layer.x, y, color: layer.color })));
const edges = [];
for (let l = 0; l + 1 < LAYERS.length; l++) {
  for (const ay of LAYERS[l].ys)
    for (const by of LAYERS[l + 1].ys) edges.push([LAYERS[l].x, ay, LAYERS[l + 1].x, by]);
}

/** Source-over compositing of `color` with coverage `a` onto the straight-alpha pixel p. */
function over(p, color, a) {
  if (a <= 0) return;
  const outA = a + p[3] * (1 - a);
  for (let c = 0; c < 3; c++) p[c] = (color[c] * a + p[c] * p[3] * (1 - a)) / outA;
  p[3] = outA;
}

/** Colour at canvas point (px, py); `pixel` is the canvas size of one output pixel (anti-aliasing width). */
function shade(px, py, pixel) {
  const coverage = (distance) => clamp01(0.5 - distance / pixel);
  const p = [0, 0, 0, 0];
  over(p, BACKGROUND, coverage(roundedRectDistance(px, py)));
  if (p[3] === 0) return p;
  const edge = Math.min(...edges.map((segment) => segmentDistance(px, py, segment)));
  over(p, EDGE, 0.55 * coverage(edge - EDGE_WIDTH / 2));
  for (const node of nodes) {
    const d = Math.hypot(px - node.x, py - node.y) - NODE_RADIUS;
    if (d > pixel) continue;
    over(p, [255, 255, 255], coverage(d));
    over(p, node.color, coverage(d + RING));
  }
  return p;
}

/** The icon at size x size pixels as straight-alpha RGBA, top row first, sampled at pixel centres. */
function render(size) {
  const pixel = CANVAS / size;
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = shade((x + 0.5) * pixel, (y + 0.5) * pixel, pixel);
      rgba.set([p[0], p[1], p[2], p[3] * 255].map(Math.round), (y * size + x) * 4);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function encodePng(size, rgba) {
  const rowBytes = size * 4 + 1;
  const raw = Buffer.alloc(rowBytes * size);
  // Filter type 0 on every row: the flat areas compress better without a predictor here.
  for (let y = 0; y < size; y++) rgba.copy(raw, y * rowBytes + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const pngCache = new Map();
const png = (size) => {
  if (!pngCache.has(size)) pngCache.set(size, encodePng(size, render(size)));
  return pngCache.get(size);
};

/** Apple icon image: PNG payloads under the OSType of each size (ic10 is 512@2x, and so on). */
function encodeIcns() {
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ];
  const entries = types.map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png(size).length + 8, 4);
    return Buffer.concat([head, png(size)]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

/** A 32-bit BGRA device-independent bitmap as ICO stores it: bottom-up, then an empty AND mask. */
function icoBitmap(size) {
  const rgba = render(size);
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // XOR bitmap + AND mask
  info.writeUInt16LE(1, 12); // planes
  info.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = (y * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([info, pixels, mask]);
}

function encodeIco() {
  const images = [16, 24, 32, 48, 64].map((size) => ({ size, data: icoBitmap(size) }));
  images.push({ size: 256, data: png(256) });
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size; // 0 means 256
    header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, bytes] of [
  ['icon.png', png(1024)],
  ['icon.icns', encodeIcns()],
  ['icon.ico', encodeIco()],
]) {
  const file = path.join(outDir, name);
  writeFileSync(file, bytes);
  console.log(`${path.relative(process.cwd(), file)}: ${bytes.length} bytes`);
}
