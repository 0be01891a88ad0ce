// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src-shared/training/config';
import { parseHiddenLayers, resizeLayers } from '../../../src-renderer/src/lib/hidden-layers';
import { useDesignStore } from '../../../src-renderer/src/stores/design';
import { freshStudio } from './setup';

describe('parseHiddenLayers', () => {
  it('reads comma and space separated sizes', () => {
    expect(parseHiddenLayers('16,16')).toEqual({ ok: true, units: [16, 16] });
    expect(parseHiddenLayers(' 8, 4  2 ')).toEqual({ ok: true, units: [8, 4, 2] });
  });

  it('treats an empty field as no hidden layer', () => {
    expect(parseHiddenLayers('  ')).toEqual({ ok: true, units: [] });
  });

  it('names the bad layer and value', () => {
    expect(parseHiddenLayers('16,abc')).toEqual({
      ok: false,
      error: 'Hidden layers: layer 2 must be a whole number from 1 to 1024 (got "abc")',
    });
    const zero = parseHiddenLayers('0');
    expect(zero.ok).toBe(false);
    expect(!zero.ok && zero.error).toContain('layer 1');
    expect(parseHiddenLayers('2.5').ok).toBe(false);
    expect(parseHiddenLayers('2000').ok).toBe(false);
    expect(parseHiddenLayers('-3').ok).toBe(false);
  });

  it('refuses more layers than the limit', () => {
    const text = Array.from({ length: LIMITS.maxHiddenLayers + 1 }, () => '2').join(',');
    const parsed = parseHiddenLayers(text);
    expect(parsed.ok).toBe(false);
  });

  it('keeps per-layer activations when sizes are retyped', () => {
    const layers = resizeLayers(
      [
        { units: 4, activation: 'relu' },
        { units: 4, activation: 'sigmoid' },
      ],
      [16, 8, 2],
      'tanh',
    );
    expect(layers).toEqual([
      { units: 16, activation: 'relu' },
      { units: 8, activation: 'sigmoid' },
      { units: 2, activation: 'tanh' },
    ]);
  });
});

describe('design store', () => {
  beforeEach(() => {
    freshStudio();
  });

  it('applies "16,16" from the text field and reports errors without changing the design', () => {
    const design = useDesignStore();
    expect(design.setHiddenFromText('16,16')).toBeNull();
    expect(design.hiddenLayers.map((layer) => layer.units)).toEqual([16, 16]);
    expect(design.hiddenText).toBe('16,16');
    expect(design.setHiddenFromText('16,x')).toContain('layer 2');
    expect(design.hiddenText).toBe('16,16');
  });

  it('adds a layer with the last size and the default activation, removes the last or a given layer', () => {
    const design = useDesignStore();
    design.setHiddenFromText('6,3');
    design.setDefaultActivation('gelu');
    design.addLayer();
    expect(design.hiddenLayers).toEqual([
      { units: 6, activation: 'tanh' },
      { units: 3, activation: 'tanh' },
      { units: 3, activation: 'gelu' },
    ]);
    design.removeLayer(0);
    expect(design.hiddenText).toBe('3,3');
    design.removeLayer();
    design.removeLayer();
    expect(design.hiddenLayers).toEqual([]);
    expect(design.canRemoveLayer).toBe(false);
    design.removeLayer(); // nothing left: a no-op, not a crash
    design.addLayer();
    expect(design.hiddenLayers).toEqual([{ units: 4, activation: 'gelu' }]);
  });

  it('stops adding at the layer limit', () => {
    const design = useDesignStore();
    design.setHiddenFromText('');
    for (let i = 0; i < LIMITS.maxHiddenLayers + 3; i++) design.addLayer();
    expect(design.hiddenLayers).toHaveLength(LIMITS.maxHiddenLayers);
    expect(design.canAddLayer).toBe(false);
  });

  it('clamps units and sets per-layer activations', () => {
    const design = useDesignStore();
    design.setHiddenFromText('4,4');
    design.setUnits(1, 5000);
    design.setUnits(0, 0);
    design.setActivation(1, 'relu');
    expect(design.hiddenLayers).toEqual([
      { units: 1, activation: 'tanh' },
      { units: 1024, activation: 'relu' },
    ]);
  });
});
