// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { ChartPoint, ChartSeries } from '../../../src-renderer/src/lib/chart-setup';

/** Stands in for Chart.js: records the arrays it is given and every update. */
const charts: FakeChart[] = [];
class FakeChart {
  data: { datasets: Array<{ data: ChartPoint[] }> };
  options: { scales?: Record<string, unknown> };
  updates = 0;
  constructor(_canvas: unknown, config: { data: FakeChart['data']; options: FakeChart['options'] }) {
    this.data = config.data;
    this.options = config.options;
    charts.push(this);
  }
  update(): void {
    this.updates++;
  }
  destroy(): void {}
}

vi.mock('../../../src-renderer/src/lib/chart-setup', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src-renderer/src/lib/chart-setup')>()),
  Chart: FakeChart,
}));

const { default: LineChart } = await import('../../../src-renderer/src/components/LineChart.vue');
const { formatLogTick, resolveColor } = await import('../../../src-renderer/src/lib/chart-setup');

describe('LineChart', () => {
  beforeEach(() => {
    charts.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('gives Chart.js copies of the points, refreshed at redraw time, never the arrays that grow', async () => {
    const points: ChartPoint[] = [{ x: 1, y: 0.5 }];
    const series: ChartSeries[] = [{ label: 'train loss', color: '#000', points }];
    const wrapper = mount(LineChart, {
      props: { label: 'Loss chart', series, version: 0, yTitle: 'loss' },
    });
    const chart = charts[0];
    // Chart.js hooks push() of the arrays it holds and re-lays out the whole line on each call.
    expect(chart.data.datasets[0].data).not.toBe(points);
    expect(chart.data.datasets[0].data).toEqual(points);

    for (let epoch = 2; epoch <= 500; epoch++) points.push({ x: epoch, y: 1 / epoch });
    await wrapper.setProps({ version: 1 });
    await wrapper.setProps({ version: 2 });
    expect(chart.data.datasets[0].data).toHaveLength(1); // nothing reaches the chart between redraws
    const before = chart.updates;

    vi.advanceTimersByTime(200);
    await nextTick();
    expect(chart.updates).toBe(before + 1); // two version bumps, one redraw
    expect(chart.data.datasets[0].data).not.toBe(points);
    expect(chart.data.datasets[0].data).toHaveLength(500);
    expect(chart.data.datasets[0].data.at(-1)).toEqual({ x: 500, y: 1 / 500 });
    wrapper.unmount();
  });
});

describe('chart helpers', () => {
  it('writes log-axis labels without a row of zeros', () => {
    expect(formatLogTick(0.1)).toBe('0.1');
    expect(formatLogTick(0.001)).toBe('0.001');
    expect(formatLogTick(0.0001)).toBe('1e-4');
    expect(formatLogTick(2e-7)).toBe('2e-7');
    expect(formatLogTick(50)).toBe('50');
    expect(formatLogTick(1e6)).toBe('1e6');
  });

  it('resolves var(--name) colours and passes plain ones through', () => {
    const style = { getPropertyValue: (name: string) => (name === '--muted' ? ' #a3acb9 ' : '') };
    expect(resolveColor('var(--muted)', style)).toBe('#a3acb9');
    expect(resolveColor('#0b6fb3', style)).toBe('#0b6fb3');
    expect(resolveColor('var(--missing)', style)).toBe('#808080');
  });
});
