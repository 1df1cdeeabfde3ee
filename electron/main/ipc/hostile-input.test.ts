import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/channels';
import { createAesGcmCipher } from '../adapters/aes-gcm-cipher';
import { openConfStore } from '../adapters/node-conf-store';
import { createServices } from '../create-services';
import { createMemoryLogger } from '../logging/logger';
import { systemClock } from '../ports';
import { DEMO, startRealAuthServer } from '../testing/auth-server';
import { testKey } from '../testing/fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { createSenderCheck } from './trusted-sender';
import { registerHandlers, type InvokeEvent, type InvokeListener } from './validated-ipc';

/**
 * Hostile input over IPC, against the real services behind the real wrapper.
 *
 * Every case must get a typed error (never a throw), and main must keep serving afterwards:
 * each case ends by checking that getSession still answers and a real sign-in still works.
 */
const tempDir = useTempDirs();
const appUrl = 'app://tessera/index.html';
const ours: InvokeEvent = { senderFrame: { url: appUrl, parent: null } };
const valid = { email: DEMO.email, password: DEMO.password, remember: false };

async function setup() {
  const server = await startRealAuthServer();
  const dir = tempDir();
  const logger = createMemoryLogger();
  const services = createServices({
    sessionKv: openConfStore(dir, 'session'),
    settingsKv: openConfStore(dir, 'settings'),
    cipher: createAesGcmCipher({ current: testKey(1) }),
    authUrl: server.url,
    clock: systemClock,
    logger,
  });
  const listeners = new Map<string, InvokeListener>();
  registerHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, services.handlers, {
    isTrustedSender: createSenderCheck(appUrl),
    logger,
  });
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) return { ok: false, code: 'unknown_channel' };
    return listener(event, ...args);
  };
  const stillServing = async () => {
    expect(await invoke(channels.getSession, ours)).toMatchObject({ ok: true });
    expect(await invoke(channels.signIn, ours, valid)).toMatchObject({ ok: true, session: { status: 'signed-in' } });
    expect(await invoke(channels.signOut, ours)).toMatchObject({ ok: true, session: { status: 'signed-out' } });
  };
  return { invoke, stillServing, services, logger };
}

const bigString = (bytes: number) => 'x'.repeat(bytes);
const signInCases: Array<[string, unknown[]]> = [
  ['no argument', []],
  ['null', [null]],
  ['a number', [42]],
  ['an array', [[valid.email, valid.password]]],
  ['a string', [valid.email]],
  ['wrong types', [{ email: 1, password: false, remember: 'yes' }]],
  ['missing email', [{ password: valid.password, remember: true }]],
  ['missing remember', [{ email: valid.email, password: valid.password }]],
  ['an extra key', [{ ...valid, role: 'admin' }]],
  ['a __proto__ key', [JSON.parse(`{"email":"${valid.email}","password":"pw","remember":true,"__proto__":{"polluted":true}}`)]],
  ['a constructor key', [{ ...valid, constructor: { prototype: { polluted: true } } }]],
  ['a 1 MB password', [{ ...valid, password: bigString(1024 * 1024) }]],
  ['a 10 MB email', [{ ...valid, email: `${bigString(10 * 1024 * 1024)}@x.y` }]],
  ['an email without @', [{ ...valid, email: 'demo.tessera.dev' }]],
  ['an empty password', [{ ...valid, password: '' }]],
  ['a NUL in the email', [{ ...valid, email: 'demo\u0000@tessera.dev' }]],
  ['a newline in the email', [{ ...valid, email: 'demo@tessera.dev\nBcc: x@y.z' }]],
  ['an escape character in the password', [{ ...valid, password: 'pass\u001bword' }]],
  ['a C1 control in the password', [{ ...valid, password: 'pass\u0085word' }]],
  ['a lone high surrogate in the email', [{ ...valid, email: 'demo\ud800@tessera.dev' }]],
  ['a lone low surrogate in the password', [{ ...valid, password: 'pw\udc00' }]],
  ['two arguments', [valid, valid]],
];

describe('hostile IPC input', () => {
  it.each(signInCases)('sign-in with %s ⇒ invalid_request, main keeps serving', async (_name, args) => {
    const { invoke, stillServing } = await setup();
    expect(await invoke(channels.signIn, ours, ...args)).toEqual({ ok: false, code: 'invalid_request' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing();
  });

  it('a real emoji password (a valid surrogate pair) is not refused as input', async () => {
    const { invoke } = await setup();
    expect(await invoke(channels.signIn, ours, { ...valid, password: 'pass🔑word' })).toEqual({ ok: false, code: 'invalid_credentials' });
  });

  it.each([
    ['getSession with an argument', channels.getSession, [{}]],
    ['signOut with an argument', channels.signOut, ['now']],
    ['setWeakStorageAllowed with a string', channels.setWeakStorageAllowed, [{ allowed: 'true' }]],
    ['setWeakStorageAllowed with nothing', channels.setWeakStorageAllowed, []],
  ])('%s ⇒ invalid_request', async (_name, channel, args) => {
    const { invoke, stillServing } = await setup();
    expect(await invoke(channel, ours, ...args)).toEqual({ ok: false, code: 'invalid_request' });
    await stillServing();
  });

  it('an unknown channel has no handler at all', async () => {
    const { invoke, stillServing } = await setup();
    expect(await invoke('session:export-tokens', ours)).toEqual({ ok: false, code: 'unknown_channel' });
    expect(await invoke('session:get ', ours)).toEqual({ ok: false, code: 'unknown_channel' });
    await stillServing();
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a look-alike host', { senderFrame: { url: 'app://tessera.evil/index.html', parent: null } }],
    ['file://', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a subframe of our page', { senderFrame: { url: appUrl, parent: { url: appUrl } } }],
    ['no frame', { senderFrame: null }],
    ['an event without a frame field', {} as InvokeEvent],
  ])('a call from %s ⇒ forbidden_sender, main keeps serving', async (_name, event) => {
    const { invoke, stillServing } = await setup();
    expect(await invoke(channels.signIn, event as InvokeEvent, valid)).toEqual({ ok: false, code: 'forbidden_sender' });
    expect(await invoke(channels.getSession, event as InvokeEvent)).toEqual({ ok: false, code: 'forbidden_sender' });
    await stillServing();
  });

  it('a flood of 1,000 concurrent calls is answered, each with a value', async () => {
    const { invoke, stillServing } = await setup();
    const calls = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? invoke(channels.getSession, ours) : invoke(channels.signIn, ours, { ...valid, email: i }),
    );
    const results = (await Promise.all(calls)) as Array<{ ok: boolean; code?: string }>;
    expect(results.filter((result) => result.ok)).toHaveLength(500);
    expect(results.filter((result) => result.code === 'invalid_request')).toHaveLength(500);
    await stillServing();
  });

  it('never logs the password of a refused call', async () => {
    const { invoke, logger } = await setup();
    await invoke(channels.signIn, ours, { ...valid, password: 'hunter2-secret', extra: true });
    expect(logger.lines.join('\n')).not.toContain('hunter2-secret');
  });
});
