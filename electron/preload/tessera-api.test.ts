import { describe, expect, it, vi } from 'vitest';
import { channels, events } from '../../shared/channels';
import { createTesseraApi } from './tessera-api';

function fakeIpc() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
    emit: (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((listener) => listener(...args)),
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
}

describe('preload API', () => {
  it('exposes exactly the named verbs, all plain functions, and not the ipc object', () => {
    const ipc = fakeIpc();
    const api = createTesseraApi(ipc as never);
    expect(Object.keys(api).sort()).toEqual(['getSession', 'onSessionChanged', 'setWeakStorageAllowed', 'signIn', 'signOut']);
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc.invoke);
    }
  });

  it('each verb invokes its contract channel with one argument', async () => {
    const ipc = fakeIpc();
    const api = createTesseraApi(ipc as never);
    const request = { email: 'a@b.c', password: 'pw', remember: true };
    await api.getSession();
    await api.signIn(request);
    await api.signOut();
    await api.setWeakStorageAllowed({ allowed: true });
    expect(ipc.invoke.mock.calls).toEqual([
      [channels.getSession],
      [channels.signIn, request],
      [channels.signOut],
      [channels.setWeakStorageAllowed, { allowed: true }],
    ]);
  });

  it('listeners get the payload without the event, and unsubscribe removes only their own', () => {
    const ipc = fakeIpc();
    const api = createTesseraApi(ipc as never);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onSessionChanged(first);
    api.onSessionChanged(second);
    const event = { sender: { secret: 'ipc internals' } };
    ipc.emit(events.sessionChanged, event, { status: 'signed-out' });
    expect(first).toHaveBeenCalledWith({ status: 'signed-out' });
    expect(first.mock.calls[0]).toHaveLength(1);
    stopFirst();
    expect(ipc.count(events.sessionChanged)).toBe(1);
    ipc.emit(events.sessionChanged, event, { status: 'signed-in' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });
});
