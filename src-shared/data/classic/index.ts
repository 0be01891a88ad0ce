/**
 * The classic data sets shipped with the studio (CSV files in this folder, see README.md for
 * sources and licences). Each loads lazily: the CSV text is bundled as its own chunk (`?raw`),
 * so nothing is fetched at run time and a set costs nothing until it is chosen.
 */
import { ConfigError } from '../../errors';
import { parseCsv } from '../csv';
import type { Table, Task } from '../types';

export const CLASSIC_DATASETS = ['iris', 'wine', 'breast-cancer', 'digits', 'diabetes', 'penguins'] as const;
export type ClassicName = (typeof CLASSIC_DATASETS)[number];

export interface ClassicInfo {
  name: ClassicName;
  title: string;
  task: Task;
  rows: number;
  /** Input columns (before one-hot encoding). */
  features: number;
  target: string;
  /** One line for menus and previews. */
  description: string;
}

export const CLASSIC_INFO: Record<ClassicName, ClassicInfo> = {
  iris: {
    name: 'iris',
    title: 'Iris',
    task: 'classification',
    rows: 150,
    features: 4,
    target: 'species',
    description: "Fisher's iris flowers: 4 measurements (cm), 3 species",
  },
  wine: {
    name: 'wine',
    title: 'Wine',
    task: 'classification',
    rows: 178,
    features: 13,
    target: 'cultivar',
    description: 'chemical analysis of Italian wines: 13 measurements, 3 cultivars',
  },
  'breast-cancer': {
    name: 'breast-cancer',
    title: 'Breast cancer (Wisconsin)',
    task: 'classification',
    rows: 569,
    features: 30,
    target: 'diagnosis',
    description: 'cell nuclei of breast masses: 30 features, benign or malignant',
  },
  digits: {
    name: 'digits',
    title: 'Digits (8×8)',
    task: 'classification',
    rows: 1797,
    features: 64,
    target: 'digit',
    description: 'handwritten digits as 8×8 images of grey levels 0-16, 10 classes',
  },
  diabetes: {
    name: 'diabetes',
    title: 'Diabetes',
    task: 'regression',
    rows: 442,
    features: 10,
    target: 'progression',
    description: 'disease progression one year after baseline from 10 measurements (regression)',
  },
  penguins: {
    name: 'penguins',
    title: 'Palmer penguins',
    task: 'classification',
    rows: 344,
    features: 6,
    target: 'Species',
    description:
      'Palmer Archipelago penguins: island, beak, flipper, mass, sex (with missing values), 3 species',
  },
};

const LOADERS: Record<ClassicName, () => Promise<{ default: string }>> = {
  iris: () => import('./iris.csv?raw'),
  wine: () => import('./wine.csv?raw'),
  'breast-cancer': () => import('./breast-cancer.csv?raw'),
  digits: () => import('./digits.csv?raw'),
  diabetes: () => import('./diabetes.csv?raw'),
  penguins: () => import('./penguins.csv?raw'),
};

export function isClassicName(name: string): name is ClassicName {
  return (CLASSIC_DATASETS as readonly string[]).includes(name);
}

/** The CSV text of a classic set. */
export async function loadClassicText(name: ClassicName): Promise<string> {
  const load = LOADERS[name];
  if (!load) {
    throw new ConfigError(
      `unknown classic data set "${name}" (choose one of: ${CLASSIC_DATASETS.join(', ')})`,
      {
        field: 'dataset',
      },
    );
  }
  return (await load()).default;
}

/** A classic set parsed like any CSV file; its source name is the set's name (`iris`). */
export async function loadClassicTable(name: ClassicName): Promise<Table> {
  return parseCsv(await loadClassicText(name), name);
}
