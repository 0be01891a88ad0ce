import type { Activation, LayerSpec } from '@shared/engine/types';
import { LIMITS } from '@shared/training/config';

export type HiddenLayersParse = { ok: true; units: number[] } | { ok: false; error: string };

/**
 * Parses the `Hidden layers` field: whole numbers separated by commas or spaces ("16,16").
 * An empty field means no hidden layer (a linear / logistic model), which is a valid design.
 */
export function parseHiddenLayers(text: string): HiddenLayersParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, units: [] };
  const parts = trimmed.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length > LIMITS.maxHiddenLayers) {
    return {
      ok: false,
      error: `Hidden layers: at most ${LIMITS.maxHiddenLayers} layers (got ${parts.length})`,
    };
  }
  const units: number[] = [];
  for (const [index, part] of parts.entries()) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || !Number.isInteger(value) || value < 1 || value > LIMITS.maxUnits) {
      return {
        ok: false,
        error: `Hidden layers: layer ${index + 1} must be a whole number from 1 to ${LIMITS.maxUnits} (got "${part}")`,
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
  return Math.min(LIMITS.maxUnits, Math.max(1, Math.round(value)));
}
