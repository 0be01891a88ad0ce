/**
 * Training in the desktop app: the UI drives the backend in main's worker thread over IPC, with
 * the same expectations as the web build's tests (tests/e2e/training.spec.ts).
 */
import { expectXorTrained, pauseStepResumeStop, startLongRun } from '../e2e/studio-flows';
import { trainXor } from '../e2e/studio-helpers';
import { expect, test } from './studio-app';

test.describe('training in the desktop app', () => {
  test('trains XOR to a loss below 0.05', async ({ studio }) => {
    const { page } = studio;
    await trainXor(page);
    await expectXorTrained(page);
  });

  // XOR's 1000 epochs take about a tenth of a second, too short to pause in; a long spiral run
  // shows that pause, step, resume and stop reach the worker thread within an epoch.
  test('pause, step, resume and stop a run, with main responsive throughout', async ({ studio }) => {
    const { app, page } = studio;
    await startLongRun(page);

    // Training runs in the worker thread: main's event loop keeps answering while it runs.
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await app.evaluate(({ app: electronApp }) => electronApp.getName());
      expect(Date.now() - started, 'a main-process round trip during training (ms)').toBeLessThan(2_000);
    }

    await pauseStepResumeStop(page);
  });
});
