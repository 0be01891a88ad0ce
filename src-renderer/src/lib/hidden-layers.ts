import type { Activation, LayerSpec } from '@shared/engine/types';

/** Same bounds the training config validator enforces, so the UI rejects what the backend would. */
export const MAX_UNITS = 1024;
export const MAX_HIDDEN_LAYERS = 12;

export type HiddenLayersParse = { ok: true; units: number[] } | { ok: false; error: string };

/**
 * Parses the `Hidden layers` field: whole numbers separated by commas or spaces ("16,16").
 * An empty field means no hidden layer (a linear / logistic model), which is a valid design.
 */
export function parseHiddenLayers(text: string): HiddenLayersParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, units: [] };
  const parts = trimmed.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length > MAX_HIDDEN_LAYERS) {
    return { ok: false, error: `Hidden layers: at most ${MAX_HIDDEN_LAYERS} layers (got ${parts.length})` };
  }
  const units: number[] = [];
  for (const [index, part] of parts.entries()) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || !Number.isInteger(value) || value < 1 || value > MAX_UNITS) {
      return {
        ok: false,
        error: `Hidden layers: layer ${index + 1} must be a whole number from 1 to ${MAX_UNITS} (got "${part}")`,
      };
    }
    units.push(value);
  }
  return { ok: true, units };
}

export function formatHiddenLayers(layers: readonly LayerSpec[]): string {
  return layers.map((layer) => layer.units).join(',');
}

/** Keeps each surviving layer's activation so retyping sizes does not reset per-layer choices. */
export function resizeLayers(
  previous: readonly LayerSpec[],
  units: readonly number[],
  fallback: Activation,
): LayerSpec[] {
  return units.map((count, index) => ({ units: count, activation: previous[index]?.activation ?? fallback }));
}

export function clampUnits(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_UNITS, Math.max(1, Math.round(value)));
}
