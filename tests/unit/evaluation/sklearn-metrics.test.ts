/**
 * Every metric against scikit-learn 1.2 on the same inputs (tests/fixtures/sklearn/metrics.json,
 * written by make_metric_fixtures.py), to 1e-9 in float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classificationReport, prCurve, regressionReport, rocCurve } from '../../../src-shared/evaluation';

interface ClassificationCase {
  name: string;
  task: 'classification';
  classes: number;
  y: number[];
  p: number[][];
  expected: Record<string, unknown> & {
    precision: number[];
    recall: number[];
    f1: number[];
    support: number[];
    rocCurve?: { fpr: number[]; tpr: number[]; thresholds: number[] };
    prCurve?: { precision: number[]; recall: number[] };
  };
}
interface RegressionCase {
  name: string;
  task: 'regression';
  y: number[];
  pred: number[];
  expected: Record<string, unknown>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/sklearn/metrics.json', import.meta.url), 'utf8'),
) as { cases: (ClassificationCase | RegressionCase)[] };

const TOLERANCE = 1e-9;

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (expected === null) {
    expect(actual, path).toBeNull();
  } else if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(
      Math.abs((actual as number) - expected),
      `${path}: ${String(actual)} vs ${expected}`,
    ).toBeLessThanOrEqual(TOLERANCE);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else {
    for (const [key, e] of Object.entries(expected as Record<string, unknown>))
      expectClose((actual as Record<string, unknown>)[key], e, `${path}.${key}`);
  }
}

const classification = fixture.cases.filter((c): c is ClassificationCase => c.task === 'classification');
const regression = fixture.cases.filter((c): c is RegressionCase => c.task === 'regression');

describe('classification metrics equal scikit-learn 1.2', () => {
  it('has the fixture cases it was written for', () => {
    expect(classification.length).toBeGreaterThanOrEqual(8);
    expect(regression.length).toBeGreaterThanOrEqual(3);
  });
  for (const c of classification) {
    it(c.name, () => {
      const classes = Array.from({ length: c.classes }, (_, i) => `c${i}`);
      const report = classificationReport(c.p.flat(), c.y, classes);
      const e = c.expected;
      expect(report.rows).toBe(c.y.length);
      expectClose(report.accuracy, e.accuracy, 'accuracy');
      expectClose(report.logLoss, e.logLoss, 'logLoss');
      expectClose(
        report.perClass.map((m) => m.precision),
        e.precision,
        'precision',
      );
      expectClose(
        report.perClass.map((m) => m.recall),
        e.recall,
        'recall',
      );
      expectClose(
        report.perClass.map((m) => m.f1),
        e.f1,
        'f1',
      );
      expect(report.perClass.map((m) => m.support)).toEqual(e.support);
      expectClose(report.macro, e.macro, 'macro');
      expectClose(report.weighted, e.weighted, 'weighted');
      expect(report.confusionMatrix).toEqual(e.confusionMatrix);
      expectClose(report.rocAuc, e.rocAuc, 'rocAuc');
      expectClose(report.averagePrecision, e.averagePrecision, 'averagePrecision');
      if (e.rocCurve) {
        const positive = c.y.map((y) => (y === 1 ? 1 : 0));
        const score = c.p.map((row) => row[1]);
        expectClose(rocCurve(positive, score), e.rocCurve, 'rocCurve');
        expectClose(prCurve(positive, score), e.prCurve, 'prCurve');
      }
    });
  }

  it('notes a class that is never predicted (precision 0 by zero_division=0)', () => {
    const c = classification.find((x) => x.name.includes('never predicted'))!;
    const report = classificationReport(c.p.flat(), c.y, ['a', 'b', 'c']);
    expect(report.perClass[2].precision).toBe(0);
    expect(report.notes.join(' ')).toMatch(/class "c" never predicted .*zero_division=0/);
  });
});

describe('regression metrics equal scikit-learn 1.2', () => {
  for (const c of regression) {
    it(c.name, () => {
      const report = regressionReport(c.pred, c.y);
      expect(report.rows).toBe(c.y.length);
      for (const key of ['mse', 'rmse', 'mae', 'r2'] as const) expectClose(report[key], c.expected[key], key);
      expectClose(report.residuals, c.expected.residuals, 'residuals');
    });
  }
});
