/**
 * Rows picked elsewhere (a clicked confusion-matrix cell) ringed on the plots that draw rows:
 * the decision-boundary plot and the data map. Rows are named by their index in the data table.
 */

/** Indices of the drawn rows (`tableRows[i]` = table row of drawn row i) that are in `picked`. */
export function pickedIndices(tableRows: readonly number[], picked: ReadonlySet<number> | null): number[] {
  if (!picked || picked.size === 0) return [];
  const out: number[] = [];
  tableRows.forEach((row, i) => {
    if (picked.has(row)) out.push(i);
  });
  return out;
}

/** A dark ring under a bright one: visible on either class colour and on the heatmap. */
export function drawRowRings(
  ctx: CanvasRenderingContext2D,
  centres: readonly [number, number][],
  radius: number,
): void {
  for (const [width, colour] of [
    [3.5, 'rgba(20, 20, 20, 0.9)'],
    [1.75, 'rgba(255, 221, 0, 1)'],
  ] as const) {
    ctx.beginPath();
    for (const [x, y] of centres) {
      ctx.moveTo(x + radius, y);
      ctx.arc(x, y, radius, 0, Math.PI * 2);
    }
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
}
