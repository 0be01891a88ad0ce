/**
 * The readable report of `nanograd evaluate`: headline scores, the confusion matrix as a
 * table (rows = true class, columns = predicted), the per-class table with macro and weighted
 * averages (or regression errors and residuals), importance, and the notes.
 */
import type { EvaluationReport, ImportanceEntry } from '../../src-shared/evaluation';
import { count } from '../../src-shared/data';
import { formatNumber, formatPercent } from './progress';

export interface ReportContext {
  data: string;
  model: string;
  repeats: number;
}

function table(rows: string[][], rightAlignFrom = 1): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c >= rightAlignFrom ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const fixed = (v: number | null): string => (v === null ? '-' : v.toFixed(4));

export function formatEvaluation(
  report: EvaluationReport & { importance?: ImportanceEntry[] },
  ctx: ReportContext,
): string {
  const rows =
    report.split === 'all'
      ? count(report.rows, 'row')
      : `${report.split} split, ${count(report.rows, 'row')}`;
  const out: string[] = [`${ctx.model} on ${ctx.data} (${rows}): ${report.task}`, ''];
  if (report.task === 'classification') {
    out.push(
      `accuracy ${formatPercent(report.accuracy)}, log loss ${formatNumber(report.logLoss)}, ROC AUC ${fixed(report.rocAuc)}, average precision ${fixed(report.averagePrecision)}${report.classes.length > 2 ? ' (one-vs-rest macro)' : ` (positive class "${report.classes[1]}")`}`,
      '',
      'Confusion matrix (rows = true class, columns = predicted):',
      table([
        ['true \\ predicted', ...report.classes],
        ...report.confusionMatrix.map((r, i) => [report.classes[i], ...r.map(String)]),
      ]),
      '',
      table([
        ['class', 'precision', 'recall', 'f1', 'support'],
        ...report.perClass.map((m) => [
          m.class,
          fixed(m.precision),
          fixed(m.recall),
          fixed(m.f1),
          String(m.support),
        ]),
        [
          'macro avg',
          fixed(report.macro.precision),
          fixed(report.macro.recall),
          fixed(report.macro.f1),
          String(report.rows),
        ],
        [
          'weighted avg',
          fixed(report.weighted.precision),
          fixed(report.weighted.recall),
          fixed(report.weighted.f1),
          String(report.rows),
        ],
      ]),
    );
  } else {
    const r = report.residuals;
    out.push(
      `MSE ${formatNumber(report.mse)}, RMSE ${formatNumber(report.rmse)}, MAE ${formatNumber(report.mae)}, R² ${formatNumber(report.r2)}`,
      `residuals (true - predicted): mean ${formatNumber(r.mean)}, std ${formatNumber(r.std)}, min ${formatNumber(r.min)}, max ${formatNumber(r.max)}`,
    );
  }
  if (report.importance) {
    const what = report.task === 'classification' ? 'accuracy' : 'R²';
    out.push(
      '',
      `Permutation importance (drop in ${what} when the column is shuffled, mean ± std over ${count(ctx.repeats, 'repeat')}):`,
      table(report.importance.map((e) => [e.feature, fixed(e.mean), `± ${fixed(e.std)}`])),
    );
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}
