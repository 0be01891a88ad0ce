import type { RequestChannel, RequestOf } from '../../../src-shared/api';
import type { TrainConfig } from '../../../src-shared/training/types';

export const validTrainConfig: TrainConfig = {
  hiddenLayers: [{ units: 8, activation: 'tanh' }],
  loss: 'auto',
  optimizer: { name: 'adam', lr: 0.05 },
  batchSize: 0,
  epochs: 200,
  regularization: 'none',
  regRate: 0,
  dropout: 0,
  init: 'pytorch',
  seed: 7,
};

/**
 * 40 people, `size` large or small by height + weight: feature values far from 0/1 so raw and
 * standardized units cannot be confused.
 */
export const PEOPLE_CSV = [
  'height,weight,size',
  ...Array.from({ length: 40 }, (_, i) => {
    const h = 150 + i;
    const w = 40 + ((i * 7) % 30);
    return `${h},${w},${h + w > 215 ? 'large' : 'small'}`;
  }),
].join('\n');

export const validPayloads: { [C in RequestChannel]: RequestOf<C> } = {
  'data:generate': { kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 },
  'data:import-csv': {
    fileName: 'iris.csv',
    text: 'a,b,label\n1,2,x\n',
    missing: 'drop',
    valFraction: 0.2,
    seed: 1,
  },
  'data:export': {},
  'data:paint': { action: 'add', stroke: 1, label: 1, points: [{ x: 0.5, y: -0.25 }] },
  'train:start': validTrainConfig,
  'train:pause': {},
  'train:resume': {},
  'train:step': {},
  'train:stop': {},
  'train:reset': {},
  'train:set-weight': { layer: 0, to: 1, from: null, value: 0.5 },
  'train:lr-find': validTrainConfig,
  'inspect:neuron': { layer: 0, unit: 0 },
  'model:export': { format: 'onnx' },
  'model:load': { fileName: 'm.nnmodel.json', text: '{}' },
  'project:save': {
    name: 'demo',
    data: {
      source: 'builtin',
      request: { kind: 'circle', points: 200, noise: 0.1, seed: 3, valFraction: 0.2 },
    },
    config: validTrainConfig,
    history: [],
  },
  'project:load': { fileName: 'demo.nnproj', text: '{}', path: '/tmp/demo.nnproj' },
  'datamap:show': { map: 'slice', horizontal: 'mean radius', vertical: 'mean texture', heldRow: 3 },
  'datamap:row': { row: 7 },
  'sweep:start': {
    grid: [{ name: 'lr', values: ['0.1', '0.01'] }],
    ranges: [{ name: 'dropout', lo: 0, hi: 0.5, log: false }],
    random: 2,
    seeds: 2,
    sweepSeed: 1,
    base: validTrainConfig,
  },
  'sweep:stop': {},
  'eval:report': { split: 'val', importance: false },
  'cv:start': { folds: 5, config: validTrainConfig },
  'cv:stop': {},
  'engine:threads': { threads: 2 },
};
