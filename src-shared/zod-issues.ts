/** Helpers every zod-validated boundary (API payloads, config, model files) uses to name a field. */

/** `['hiddenLayers', 1, 'units']` -> `hiddenLayers[1].units`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The value at `path` inside `root` (undefined when the path leaves the objects). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
