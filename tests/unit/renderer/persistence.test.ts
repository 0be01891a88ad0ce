import { describe, expect, it } from 'vitest';
import {
  SETTINGS_KEY,
  defaultSettings,
  loadSettings,
  saveSettings,
  type SettingsStorage,
} from '../../../src-renderer/src/lib/persistence';

function memoryStorage(
  initial: Record<string, string> = {},
): SettingsStorage & { items: Record<string, string> } {
  const items = { ...initial };
  return {
    items,
    getItem: (key) => (key in items ? items[key] : null),
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

describe('settings persistence', () => {
  it('uses a versioned key and round-trips settings', () => {
    expect(SETTINGS_KEY).toMatch(/v1$/);
    const storage = memoryStorage();
    const settings = defaultSettings();
    settings.design.hiddenLayers = [{ units: 16, activation: 'relu' }];
    settings.design.features = ['x1sq', 'sinx2'];
    settings.hyper.learningRate = 0.5;
    settings.data.kind = 'spiral';
    expect(saveSettings(storage, settings)).toBe(true);
    expect(loadSettings(storage)).toEqual(settings);
  });

  it('falls back to the defaults for missing, non-JSON or foreign-version storage', () => {
    expect(loadSettings(memoryStorage())).toEqual(defaultSettings());
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: '{not json' }))).toEqual(defaultSettings());
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: 'null' }))).toEqual(defaultSettings());
    const future = { ...defaultSettings(), version: 2, hyper: { ...defaultSettings().hyper, epochs: 7 } };
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: JSON.stringify(future) }))).toEqual(
      defaultSettings(),
    );
    expect(loadSettings(null)).toEqual(defaultSettings());
  });

  it('replaces only the corrupt section', () => {
    const stored = defaultSettings();
    stored.hyper.epochs = 250;
    const corrupt = {
      ...stored,
      design: { hiddenLayers: [{ units: -4, activation: 'relu' }], defaultActivation: 'relu' },
      data: { kind: 'not-a-dataset', points: 10, noise: 0, valFraction: 0, seed: 1 },
    };
    const loaded = loadSettings(memoryStorage({ [SETTINGS_KEY]: JSON.stringify(corrupt) }));
    expect(loaded.design).toEqual(defaultSettings().design);
    expect(loaded.data).toEqual(defaultSettings().data);
    expect(loaded.hyper.epochs).toBe(250);
  });

  it('gives settings stored before the input features x1, x2 and keeps the rest of the design', () => {
    const stored = defaultSettings();
    stored.design.hiddenLayers = [{ units: 5, activation: 'gelu' }];
    const old = {
      ...stored,
      design: { hiddenLayers: stored.design.hiddenLayers, defaultActivation: 'gelu' },
    };
    const loaded = loadSettings(memoryStorage({ [SETTINGS_KEY]: JSON.stringify(old) }));
    expect(loaded.design).toEqual({
      hiddenLayers: [{ units: 5, activation: 'gelu' }],
      defaultActivation: 'gelu',
      features: ['x1', 'x2'],
    });
    const bad = { ...stored, design: { ...stored.design, features: [] } };
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: JSON.stringify(bad) })).design.features).toEqual([
      'x1',
      'x2',
    ]);
  });

  it('survives storage that throws', () => {
    const broken: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadSettings(broken)).toEqual(defaultSettings());
    expect(saveSettings(broken, defaultSettings())).toBe(false);
  });
});
