import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../../src-shared/api';
import { StudioError } from '../../../src-shared/errors';
import { buildPreloadApi, type IpcRendererLike } from '../../../src-main/electron/preload-api';

function fakeIpc() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      if (channel === 'train:pause')
        return {
          ok: false,
          error: {
            kind: 'training',
            message: 'cannot pause: no training run (press Train first)',
            location: {},
          },
        };
      if (channel === 'files:open') return { ok: true, value: null };
      return { ok: true, value: { echoed: channel } };
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: 'SECRET' }, payload));
  return { ipc, invoked, listeners, emit };
}

describe('preload api', () => {
  it('exposes exactly the StudioApi shape and nothing else', () => {
    const api = buildPreloadApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([
      'crossValidation',
      'data',
      'dataMap',
      'engine',
      'evaluation',
      'files',
      'host',
      'inspect',
      'model',
      'on',
      'project',
      'sweep',
      'train',
    ]);
    expect(api.host).toBe('electron');
    expect(Object.keys(api.train).sort()).toEqual([
      'lrFind',
      'pause',
      'reset',
      'resume',
      'setWeight',
      'start',
      'step',
      'stop',
    ]);
    expect(JSON.stringify(api)).not.toContain('ipc');
  });

  it('maps each method to its request channel and unwraps envelopes', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = buildPreloadApi(ipc);
    await api.data.generate({ kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 });
    await api.data.importCsv({ fileName: 'a.csv', text: 'a\n1', missing: 'drop', valFraction: 0, seed: 1 });
    await api.data.export();
    await api.data.paint({ action: 'undo' });
    await api.train.start({} as never);
    await api.train.pause().catch(() => undefined);
    await api.train.resume();
    await api.train.step();
    await api.train.stop();
    await api.train.reset();
    await api.train.setWeight({ layer: 0, to: 0, from: null, value: 1 });
    await api.train.lrFind({} as never);
    await api.inspect.neuron({ layer: 0, unit: 0 });
    expect(await api.model.export('onnx')).toEqual({ echoed: 'model:export' });
    await api.model.load({ fileName: 'm.json', text: '{}' });
    await api.project.save({} as never);
    await api.project.load({ fileName: 'p.nnproj', text: '{}' });
    await api.dataMap.show({ map: 'pca' });
    await api.dataMap.row(3);
    expect(invoked.find((i) => i.channel === 'datamap:row')!.args).toEqual([{ row: 3 }]);
    await api.sweep.start({} as never);
    await api.sweep.stop();
    await api.evaluation.report({ split: 'val', importance: false });
    await api.crossValidation.start({} as never);
    await api.crossValidation.stop();
    await api.engine.threads(2);
    expect(invoked.find((i) => i.channel === 'engine:threads')!.args).toEqual([{ threads: 2 }]);
    expect(invoked.map((i) => i.channel)).toEqual([...REQUEST_CHANNELS]);
    expect(invoked.find((i) => i.channel === 'model:export')!.args).toEqual([{ format: 'onnx' }]);
    expect(await api.files.open('csv')).toBeNull();
  });

  it('rejects with a StudioError carrying the one-line message', async () => {
    const api = buildPreloadApi(fakeIpc().ipc);
    const err = await api.train.pause().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).message).toBe('cannot pause: no training run (press Train first)');
  });

  it('delivers only the payload to listeners, unsubscribes, and refuses unknown events', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const api = buildPreloadApi(ipc);
    const got: unknown[][] = [];
    const off = api.on('app:command', (...args: unknown[]) => got.push(args));
    emit('app:command', { command: 'open-csv' });
    expect(got).toEqual([[{ command: 'open-csv' }]]);
    off();
    emit('app:command', { command: 'reset' });
    expect(got).toHaveLength(1);
    expect(listeners.get('app:command')!.size).toBe(0);
    expect(() => api.on('ipc:raw' as never, () => undefined)).toThrow('unknown event "ipc:raw"');
  });
});
