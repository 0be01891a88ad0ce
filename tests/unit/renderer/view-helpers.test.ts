// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { frameToPixels, surfaceMode } from '../../../src-renderer/src/lib/boundary-paint';
import { NEGATIVE, POSITIVE, divergingColor } from '../../../src-renderer/src/lib/colors';
import {
  describeNetwork,
  sameSpec,
  edgeWidth,
  layoutDiagram,
  MAX_DRAWN_EDGES,
  PITCH,
} from '../../../src-renderer/src/lib/diagram-layout';
import { formatLoss, formatStatus } from '../../../src-renderer/src/lib/format';
import { isSpaceActivated, isTextEntry } from '../../../src-renderer/src/composables/useKeyboardShortcuts';
import { readCsvFile } from '../../../src-renderer/src/lib/csv-file';
import { metricsAt, snapshotOf } from './fake-api';

describe('boundary heatmap', () => {
  it('flips frame rows (from yMin upward) into image rows (top down)', () => {
    // 2x2 frame: bottom row certain class 0, top row certain class 1.
    const frame = { xMin: 0, xMax: 1, yMin: 0, yMax: 1, size: 2, values: [0, 0, 1, 1], classes: null };
    const pixels = frameToPixels(frame, surfaceMode('classification', 2, frame, null));
    const rgbAt = (pixel: number) => Array.from(pixels.slice(pixel * 4, pixel * 4 + 3));
    expect(rgbAt(0)).toEqual([...POSITIVE]); // top-left = frame row 1
    expect(rgbAt(3)).toEqual([...NEGATIVE]); // bottom-right = frame row 0
    expect(pixels[3]).toBe(200);
  });

  it('colours regression values over the range of surface and points', () => {
    const frame = { xMin: 0, xMax: 1, yMin: 0, yMax: 1, size: 1, values: [5], classes: null };
    const mode = surfaceMode('regression', 0, frame, {
      xy: [0, 0, 1, 1],
      label: [0, 10],
      val: [false, false],
      rows: [0, 1],
    });
    expect(mode).toEqual({ kind: 'regression', min: 0, max: 10 });
    expect(Array.from(frameToPixels(frame, mode).slice(0, 3))).toEqual(divergingColor(0.5).map(Math.round));
  });
});

describe('network diagram layout', () => {
  const spec = {
    inputSize: 2,
    layers: [
      { units: 3, activation: 'relu' as const },
      { units: 1, activation: 'linear' as const },
    ],
  };

  it('draws one edge per weight, reading the row-major [out, in] layout', () => {
    const params = [
      { inSize: 2, outSize: 3, weight: new Float32Array([1, 2, 3, 4, 5, -6]), bias: new Float32Array(3) },
      { inSize: 3, outSize: 1, weight: new Float32Array([0.1, 0.2, 0.3]), bias: new Float32Array([0.5]) },
    ];
    const layout = layoutDiagram(spec, params, 300, 200);
    expect(layout.edges).toHaveLength(2 * 3 + 3 * 1);
    expect(layout.edges.find((edge) => edge.key === '1:2:1')?.weight).toBe(-6); // output 2, input 1
    expect(layout.maxAbsWeight).toBe(6);
    expect(layout.columns[2].neurons[0].bias).toBe(0.5);
    expect(edgeWidth(-6, 6)).toBe(4);
    expect(edgeWidth(0, 6)).toBe(0.5);
  });

  it('draws every neuron of a wide layer (the diagram grows and scrolls) and ignores weights of another shape', () => {
    const wide = {
      inputSize: 2,
      layers: [
        { units: 40, activation: 'tanh' as const },
        { units: 2, activation: 'linear' as const },
      ],
    };
    const stale = [{ inSize: 2, outSize: 3, weight: new Float32Array(6).fill(1), bias: new Float32Array(3) }];
    const layout = layoutDiagram(wide, stale, 300, 200);
    expect(layout.columns[1].neurons).toHaveLength(40);
    expect(layout.height).toBeGreaterThanOrEqual(40 * PITCH);
    const ys = layout.columns[1].neurons.map((n) => n.y);
    expect(Math.min(...ys)).toBeGreaterThan(0);
    expect(Math.max(...ys)).toBeLessThan(layout.height);
    expect(layout.maxAbsWeight).toBe(0);
    expect(describeNetwork(wide)).toBe('Network diagram: 2 inputs, hidden layers 40 tanh, 2 outputs');
  });

  it('names every neuron for screen readers, inputs by their feature', () => {
    const layout = layoutDiagram(spec, null, 300, 200, ['mean_radius', 'color=red']);
    expect(layout.columns[0].neurons.map((n) => n.name)).toEqual(['Input mean_radius', 'Input color=red']);
    expect(layout.columns[1].neurons[2].name).toBe('Neuron 3 of hidden layer 1');
    expect(layout.columns[2].neurons[0].name).toBe('Neuron 1 of the output layer');
    expect(layoutDiagram(spec, null, 300, 200).columns[0].neurons[1].name).toBe('Input x2');
  });

  it('keeps all 1024 units of the widest layer but leaves out a million connection lines', () => {
    const huge = {
      inputSize: 2,
      layers: [
        { units: 1024, activation: 'relu' as const },
        { units: 1024, activation: 'relu' as const },
        { units: 2, activation: 'linear' as const },
      ],
    };
    const layout = layoutDiagram(huge, null, 300, 200);
    expect(layout.columns[2].neurons).toHaveLength(1024);
    expect(layout.edges).toHaveLength(0);
    expect(layout.edgesOmitted).toBe(2 * 1024 + 1024 * 1024 + 1024 * 2);
    expect(layout.edgesOmitted).toBeGreaterThan(MAX_DRAWN_EDGES);
  });

  it('tells the same architecture apart from a changed one (the diagram keeps its layout)', () => {
    const spec = (units: number, activation: 'tanh' | 'relu' = 'tanh') => ({
      inputSize: 2,
      layers: [
        { units, activation },
        { units: 2, activation: 'linear' as const },
      ],
    });
    expect(sameSpec(spec(8), spec(8))).toBe(true);
    expect(sameSpec(spec(8), spec(9))).toBe(false);
    expect(sameSpec(spec(8), spec(8, 'relu'))).toBe(false);
    expect(sameSpec(spec(8), { ...spec(8), inputSize: 3 })).toBe(false);
    expect(sameSpec(spec(8), { inputSize: 2, layers: spec(8).layers.slice(1) })).toBe(false);
  });
});

describe('status text', () => {
  it('formats the live line the e2e tests and screen readers read', () => {
    const last = { ...metricsAt(120, 0.0123, 0.98), valLoss: 0.015 };
    expect(formatStatus(snapshotOf('running', 120, 1000), last)).toBe(
      'Epoch 120/1000 · loss 0.0123 · val 0.0150 · acc 98.0% · running',
    );
    expect(formatLoss(0.00001234)).toBe('1.23e-5');
    expect(formatLoss(Number.NaN)).toBe('NaN');
  });
});

describe('keyboard shortcut targets', () => {
  it('ignores typing in text fields but not on checkboxes', () => {
    document.body.innerHTML =
      '<input id="t" type="text"><input id="c" type="checkbox"><select id="s"></select><button id="b">x</button><p id="p">x</p>';
    const el = (id: string) => document.getElementById(id);
    expect(isTextEntry(el('t'))).toBe(true);
    expect(isTextEntry(el('s'))).toBe(true);
    expect(isTextEntry(el('c'))).toBe(false);
    expect(isTextEntry(el('p'))).toBe(false);
    expect(isSpaceActivated(el('b'))).toBe(true);
    expect(isSpaceActivated(el('p'))).toBe(false);
  });
});

describe('reading a CSV file', () => {
  const file = (name: string, bytes: number[]) => ({
    name,
    size: bytes.length,
    arrayBuffer: async () => new Uint8Array(bytes).buffer,
  });

  it('reads UTF-8 text and refuses binary or non-UTF-8 files with the line, naming the file', async () => {
    expect(await readCsvFile(file('a.csv', [...new TextEncoder().encode('x,y\n1,2\n')]))).toEqual({
      ok: true,
      text: 'x,y\n1,2\n',
    });
    expect(await readCsvFile(file('b.png', [0x89, 0x50, 0, 0]))).toEqual({
      ok: false,
      reason: 'b.png is not a text file (byte 2 is a NUL byte, line 1); save the data as CSV text',
    });
    const latin1 = await readCsvFile(file('c.csv', [0x78, 0x0a, 0x63, 0x61, 0x66, 0xe9]));
    expect(latin1).toEqual({
      ok: false,
      reason: 'c.csv line 2 is not valid UTF-8 text (byte 0xE9 at offset 5); save the file as "CSV UTF-8"',
    });
  });

  it('reads UTF-16 text with a byte-order mark (Excel "Unicode text") instead of calling it binary', async () => {
    const utf16 = [0xff, 0xfe, ...[...'x,y\n1,2\n'].flatMap((char) => [char.charCodeAt(0), 0])];
    expect(await readCsvFile(file('u.txt', utf16))).toEqual({ ok: true, text: 'x,y\n1,2\n' });
  });

  it('refuses files over the size limit before reading them', async () => {
    const huge = {
      name: 'big.csv',
      size: 60 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('read')),
    };
    const read = await readCsvFile(huge);
    expect(read).toEqual({ ok: false, reason: 'big.csv is 60 MB; the studio reads CSV files up to 50 MB' });
  });
});
