import { describe, expect, it } from 'vitest';
import { StudioBackend, type BackendHost } from '../../../src-shared/backend';
import type { EngineThreads } from '../../../src-shared/api';

/* engine:threads: reads the count (starting at the cores), sets it through the host, and says one thread where the host cannot share memory. */
function backendWith(extra: Partial<BackendHost>) {
  const set: number[] = [];
  const backend = new StudioBackend({
    emit: () => {},
    yieldToHost: () => Promise.resolve(),
    now: () => 0,
    ...extra,
    ...(extra.setGemmThreads
      ? { setGemmThreads: (n: number) => (set.push(n), extra.setGemmThreads!(n)) }
      : {}),
  });
  const call = async (threads?: number) => {
    const envelope = await backend.handle('engine:threads', threads === undefined ? {} : { threads });
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.value as EngineThreads;
  };
  return { call, set };
}

describe('engine:threads', () => {
  it('starts at the core count and sets what the host starts', async () => {
    const { call, set } = backendWith({ cores: 4, setGemmThreads: (n) => Math.min(n, 3) });
    expect(await call()).toEqual({ threads: 3, cores: 4, available: true });
    expect(await call(2)).toEqual({ threads: 2, cores: 4, available: true });
    expect(await call()).toEqual({ threads: 2, cores: 4, available: true });
    expect(set).toEqual([4, 2]);
  });

  it('is one thread, not available, where the host has no shared memory', async () => {
    const { call } = backendWith({ cores: 8 });
    expect(await call(4)).toEqual({ threads: 1, cores: 8, available: false });
  });

  it('refuses a count outside 1..64 with one line', async () => {
    const { call } = backendWith({ cores: 2, setGemmThreads: (n) => n });
    await expect(call(0)).rejects.toThrow(/threads.*whole number from 1 to 64/);
  });
});
