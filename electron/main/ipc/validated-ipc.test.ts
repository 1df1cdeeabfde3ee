import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../../shared/channels';
import type { SessionView } from '../../../shared/session-view';
import { createMemoryLogger } from '../logging/logger';
import { createSenderCheck } from './trusted-sender';
import { registerHandlers, type Handlers, type InvokeEvent, type InvokeListener } from './validated-ipc';

const appUrl = 'http://127.0.0.1:4000/';
const ours: InvokeEvent = { senderFrame: { url: appUrl, parent: null } };
const signedOut: SessionView = {
  status: 'signed-out',
  reason: 'none',
  storage: { level: 'secure', backend: 'aes-256-gcm', weakAllowed: false, canPersist: true },
};

function setup(overrides: Partial<Handlers> = {}) {
  const listeners = new Map<string, InvokeListener>();
  const handlers: Handlers = {
    getSession: vi.fn(async () => ({ ok: true as const, session: signedOut })),
    signIn: vi.fn(async () => ({ ok: true as const, session: signedOut })),
    signOut: vi.fn(async () => ({ ok: true as const, session: signedOut })),
    setWeakStorageAllowed: vi.fn(async () => ({ ok: true as const, session: signedOut })),
    ...overrides,
  };
  const logger = createMemoryLogger();
  registerHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, {
    isTrustedSender: createSenderCheck(appUrl),
    logger,
  });
  const invoke = (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { listeners, handlers, invoke, logger };
}

const valid = { email: 'demo@tessera.dev', password: 'tessera-demo', remember: true };

describe('validated IPC', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup().listeners.keys()].sort()).toEqual(Object.values(channels).sort());
  });

  it('passes parsed input to the handler and returns its result', async () => {
    const { invoke, handlers } = setup();
    expect(await invoke(channels.signIn, ours, { ...valid, email: '  demo@tessera.dev ' })).toEqual({ ok: true, session: signedOut });
    expect(handlers.signIn).toHaveBeenCalledWith(valid);
  });

  it.each([
    ['a foreign origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe of our page', { senderFrame: { url: appUrl, parent: { url: appUrl } } }],
    ['no frame (destroyed)', { senderFrame: null }],
  ])('refuses calls from %s', async (_name, event) => {
    const { invoke, handlers, logger } = setup();
    expect(await invoke(channels.signIn, event as InvokeEvent, valid)).toEqual({ ok: false, code: 'forbidden_sender' });
    expect(handlers.signIn).not.toHaveBeenCalled();
    expect(logger.lines.join()).toContain('untrusted sender');
  });

  it.each([
    ['nothing', []],
    ['a string', ['demo@tessera.dev']],
    ['missing password', [{ email: 'demo@tessera.dev', remember: true }]],
    ['wrong types', [{ email: 1, password: true, remember: 'yes' }]],
    ['an extra key', [{ ...valid, admin: true }]],
    ['a __proto__ key', [JSON.parse('{"email":"a@b.c","password":"p","remember":true,"__proto__":{"x":1}}')]],
    ['a 1 MB password', [{ ...valid, password: 'x'.repeat(1024 * 1024) }]],
    ['an oversized email', [{ ...valid, email: `${'a'.repeat(400)}@tessera.dev` }]],
    ['two arguments', [valid, valid]],
  ])('answers invalid_request for %s without calling the handler', async (_name, args) => {
    const { invoke, handlers } = setup();
    expect(await invoke(channels.signIn, ours, ...args)).toEqual({ ok: false, code: 'invalid_request' });
    expect(handlers.signIn).not.toHaveBeenCalled();
  });

  it('refuses input for channels that take none', async () => {
    const { invoke } = setup();
    expect(await invoke(channels.getSession, ours, { sneaky: 1 })).toEqual({ ok: false, code: 'invalid_request' });
  });

  it('turns a throwing handler into `internal` and keeps serving', async () => {
    const { invoke, logger } = setup({
      signOut: async () => {
        throw new Error('boom Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-sig-sig');
      },
    });
    expect(await invoke(channels.signOut, ours)).toEqual({ ok: false, code: 'internal' });
    expect(await invoke(channels.getSession, ours)).toEqual({ ok: true, session: signedOut });
    expect(logger.lines.join()).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('refuses a response carrying a token (strict SessionView) instead of sending it', async () => {
    const leaky = { ...signedOut, accessToken: 'secret-token' } as unknown as SessionView;
    const { invoke } = setup({ getSession: async () => ({ ok: true, session: leaky }) });
    expect(await invoke(channels.getSession, ours)).toEqual({ ok: false, code: 'internal' });
  });
});
