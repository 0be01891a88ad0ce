/** What goes through files: loaded models, saved projects, opened and saved files. */
import type { MissingPolicy, Task } from '../data/types';
import type { MlpSpec } from '../engine/types';
import type { ModelFile } from '../model/types';
import type { EpochMetrics, TrainConfig } from '../training/types';
import type { BuiltinDataRequest } from './data';

export interface ModelSummary {
  name: string;
  task: Task;
  spec: MlpSpec;
  featureNames: string[];
  classes: string[] | null;
  config: TrainConfig | null;
  /** The curves of the run that wrote the file (e.g. the exported PyTorch script's --train). */
  history: EpochMetrics[];
}

/** The UI's saved state: what a project file holds besides the trained weights. */
export interface ProjectState {
  name: string;
  data:
    | { source: 'builtin'; request: BuiltinDataRequest }
    | {
        source: 'csv';
        fileName: string;
        path?: string;
        /** Embedded when small (<= 1 MB) so the project opens anywhere. */
        text?: string;
        target?: string;
        missing: MissingPolicy;
        valFraction: number;
        seed: number;
      };
  config: TrainConfig;
  history: EpochMetrics[];
}

export interface ProjectFile {
  format: 'nanograd-studio/project';
  version: 1;
  state: ProjectState;
  model: ModelFile | null;
}

export interface OpenedFile {
  fileName: string;
  text: string;
  path?: string;
}

export interface SavedFile {
  fileName: string;
  /** Where it went: a path (Electron/CLI) or 'download' (web). */
  location: string;
}
