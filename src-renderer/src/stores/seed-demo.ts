import { defineStore } from 'pinia';
import { ref } from 'vue';
import { hyperFromConfig, seedDemoConfig, type SeedPreset } from '../lib/defaults';
import { useDataStore } from './data';
import { useDesignStore } from './design';
import { useHyperStore } from './hyper';
import { useRunsStore } from './runs';
import { useTrainingStore } from './training';

export type SeedDemoPhase = 'idle' | SeedPreset | 'done' | 'failed';

/**
 * XOR 2-8-1 trained twice, the micrograd seed's way and PyTorch's way, then overlaid: the
 * curves differ only by loss reduction (sum vs mean) and initialisation scale.
 */
export const useSeedDemoStore = defineStore('seedDemo', () => {
  const data = useDataStore();
  const design = useDesignStore();
  const hyper = useHyperStore();
  const training = useTrainingStore();
  const runs = useRunsStore();
  const phase = ref<SeedDemoPhase>('idle');

  async function run(): Promise<boolean> {
    data.updateBuiltin('kind', 'xor');
    if (!(await data.loadBuiltin())) {
      phase.value = 'failed';
      return false;
    }
    design.apply({
      hiddenLayers: seedDemoConfig('seed').hiddenLayers,
      defaultActivation: 'relu',
      features: ['x1', 'x2'],
    });
    const ids: string[] = [];
    for (const preset of ['seed', 'pytorch'] as const) {
      phase.value = preset;
      const config = seedDemoConfig(preset);
      hyper.apply(hyperFromConfig(config));
      const ended = training.waitForEnd();
      if (!(await training.start(config, `xor (${preset} preset)`))) {
        phase.value = 'failed';
        return false;
      }
      const final = await ended;
      const entry = runs.runs[runs.runs.length - 1];
      if (!final || final.state !== 'done' || !entry) {
        phase.value = 'failed';
        return false;
      }
      ids.push(entry.id);
    }
    runs.select(ids);
    phase.value = 'done';
    return true;
  }

  return { phase, run };
});
