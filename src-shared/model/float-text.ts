/**
 * Text for float32 values: the SHORTEST decimal that reads back (through Math.fround /
 * Float32Array) as exactly the same float32. Files stay small and readable ("0.1" instead of
 * "0.10000000149011612") while save -> load stays bit-identical.
 */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const target = Math.fround(value);
  if (target === 0) return Object.is(target, -0) ? '-0' : '0';
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return String(candidate);
  }
  // 9 significant digits always identify a float32 uniquely.
  return String(Number(target.toPrecision(9)));
}

/** JSON array text of float32 values, one line. */
export function float32ArrayText(values: ArrayLike<number>): string {
  const parts: string[] = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = float32Text(values[i]);
  return `[${parts.join(',')}]`;
}
