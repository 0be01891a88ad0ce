import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type Envelope } from '../../../src-shared/api';
import { FILE_CHANNELS, registerIpcHandlers, type IpcMainLike } from '../../../src-main/electron/ipc';
import { isTrustedSender, type InvokeEventLike } from '../../../src-main/electron/sender';
import { validPayloads } from '../backend/fixtures';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const goodEvent: InvokeEventLike = {
  sender: 'our-contents',
  senderFrame: { url: 'app://studio/index.html', processId: 1, routingId: 1, parent: null },
};

function setup(options: { trusted?: boolean; backendThrows?: boolean } = {}) {
  const { ipcMain, handlers } = fakeIpcMain();
  const calls: { channel: string; payload: unknown }[] = [];
  const saved: unknown[] = [];
  const warnings: string[] = [];
  const unregister = registerIpcHandlers({
    ipcMain,
    isTrustedSender: () => options.trusted ?? true,
    backend: {
      request: async (channel, payload) => {
        if (options.backendThrows) throw new Error('thread exploded\n  at stack line');
        calls.push({ channel, payload });
        return { ok: true, value: `answer to ${channel}` };
      },
    },
    files: {
      open: async (kind) => ({ fileName: `picked.${kind}`, text: 'x' }),
      save: async (file) => {
        saved.push(file);
        return { fileName: file.fileName, location: `/home/u/${file.fileName}` };
      },
    },
    warn: (message) => warnings.push(message),
  });
  const invoke = (channel: string, payload: unknown, event = goodEvent) =>
    handlers.get(channel)!(event, payload) as Promise<Envelope<unknown>>;
  return { handlers, calls, saved, warnings, invoke, unregister };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per request channel plus the two file channels, and removes them', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      [...REQUEST_CHANNELS, FILE_CHANNELS.open, FILE_CHANNELS.save].sort(),
    );
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('forwards valid payloads of every channel to the backend', async () => {
    const { invoke, calls } = setup();
    for (const channel of REQUEST_CHANNELS) {
      expect(await invoke(channel, validPayloads[channel])).toEqual({
        ok: true,
        value: `answer to ${channel}`,
      });
    }
    expect(calls.map((c) => c.channel)).toEqual([...REQUEST_CHANNELS]);
    expect(calls.find((c) => c.channel === 'train:start')?.payload).toEqual(validPayloads['train:start']);
  });

  it('answers invalid payloads with a payload error and never reaches the backend', async () => {
    const { invoke, calls } = setup();
    for (const channel of REQUEST_CHANNELS) {
      const envelope = await invoke(channel, { __proto__: null, junk: true });
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.kind).toBe('payload');
        expect(envelope.error.message.startsWith(`${channel}: `)).toBe(true);
      }
    }
    const lr = await invoke('train:start', {
      ...validPayloads['train:start'],
      optimizer: { name: 'sgd', lr: 0 },
    });
    expect(lr).toEqual({
      ok: false,
      error: {
        kind: 'payload',
        message: 'train:start: field "optimizer.lr" must be a number greater than 0 and at most 1000',
        location: { field: 'optimizer.lr' },
      },
    });
    expect(calls).toHaveLength(0);
  });

  it('refuses every channel for an untrusted sender', async () => {
    const { invoke, calls, warnings } = setup({ trusted: false });
    const evil: InvokeEventLike = {
      sender: 'other',
      senderFrame: { url: 'https://evil.example/', processId: 9, routingId: 9, parent: null },
    };
    for (const channel of [...REQUEST_CHANNELS, FILE_CHANNELS.save]) {
      const envelope = await invoke(channel, validPayloads[channel as keyof typeof validPayloads], evil);
      expect(envelope).toEqual({
        ok: false,
        error: {
          kind: 'payload',
          message: `${channel}: refused (the request did not come from the Nanograd Studio window)`,
          location: {},
        },
      });
    }
    expect(calls).toHaveLength(0);
    expect(warnings[0]).toBe('refused data:generate from https://evil.example/');
  });

  it('turns a backend failure into an internal error envelope with one line', async () => {
    const { invoke } = setup({ backendThrows: true });
    expect(await invoke('train:pause', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Internal error: thread exploded', location: {} },
    });
  });

  it('validates the file channels: open kinds and saved file names', async () => {
    const { invoke, saved } = setup();
    expect(await invoke(FILE_CHANNELS.open, 'csv')).toEqual({
      ok: true,
      value: { fileName: 'picked.csv', text: 'x' },
    });
    const badKind = await invoke(FILE_CHANNELS.open, '/etc/passwd');
    expect(badKind.ok).toBe(false);
    const escape = await invoke(FILE_CHANNELS.save, {
      fileName: '../../.bashrc',
      mimeType: 'text/plain',
      data: 'rm -rf ~',
    });
    expect(escape.ok || escape.error.message).toBe(
      'files:save: field "fileName" must be a plain file name without folders',
    );
    const ok = await invoke(FILE_CHANNELS.save, {
      fileName: 'xor.onnx',
      mimeType: 'application/octet-stream',
      data: new Uint8Array([8, 7]),
    });
    expect(ok).toEqual({ ok: true, value: { fileName: 'xor.onnx', location: '/home/u/xor.onnx' } });
    expect(saved).toHaveLength(1);
  });
});

describe('isTrustedSender', () => {
  const contents = { mainFrame: { processId: 4, routingId: 2 } };
  const window = { webContents: contents, isDestroyed: () => false };
  const frame = (overrides: Partial<NonNullable<InvokeEventLike['senderFrame']>> = {}) => ({
    url: 'app://studio/index.html',
    processId: 4,
    routingId: 2,
    parent: null,
    ...overrides,
  });

  it('accepts the main frame of our window on our origin', () => {
    expect(isTrustedSender({ sender: contents, senderFrame: frame() }, window, 'app://studio')).toBe(true);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame({ url: 'app://studio/deep/page?x=1#y' }) },
        window,
        'app://studio',
      ),
    ).toBe(true);
  });

  it('rejects other windows, subframes, other origins, missing frames and closed windows', () => {
    expect(isTrustedSender({ sender: {}, senderFrame: frame() }, window, 'app://studio')).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame({ parent: {}, routingId: 3 }) },
        window,
        'app://studio',
      ),
    ).toBe(false);
    expect(
      isTrustedSender({ sender: contents, senderFrame: frame({ routingId: 3 }) }, window, 'app://studio'),
    ).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame({ url: 'https://evil.example/' }) },
        window,
        'app://studio',
      ),
    ).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame({ url: 'app://studio.evil/' }) },
        window,
        'app://studio',
      ),
    ).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame({ url: 'file:///etc/passwd' }) },
        window,
        'app://studio',
      ),
    ).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: null }, window, 'app://studio')).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: frame() },
        { ...window, isDestroyed: () => true },
        'app://studio',
      ),
    ).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: frame() }, null, 'app://studio')).toBe(false);
  });

  it('accepts the dev server origin only when that is the app origin', () => {
    const dev = frame({ url: 'http://localhost:5173/' });
    expect(isTrustedSender({ sender: contents, senderFrame: dev }, window, 'http://localhost:5173')).toBe(
      true,
    );
    expect(isTrustedSender({ sender: contents, senderFrame: dev }, window, 'app://studio')).toBe(false);
  });
});
