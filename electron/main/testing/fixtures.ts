import { randomBytes } from 'node:crypto';
import { createAesGcmCipher, type AesKey } from '../adapters/aes-gcm-cipher';
import { openConfStore } from '../adapters/node-conf-store';
import { createMemoryLogger } from '../logging/logger';
import type { CipherStatus } from '../ports';
import type { SessionRecord } from '../session/session-record';
import { SessionStore } from '../session/session-store';
import { SettingsStore } from '../settings/settings-store';

/** Test wiring: real conf files in `dir`, a real AES-GCM cipher, a memory logger. */
export function makeStore(dir: string, options: { key?: AesKey; previous?: AesKey[]; status?: Partial<CipherStatus>; now?: () => number } = {}) {
  const logger = createMemoryLogger();
  const now = options.now ?? Date.now;
  const settings = new SettingsStore(openConfStore(dir, 'settings'), logger, now);
  const kv = openConfStore(dir, 'session');
  const cipher = createAesGcmCipher({
    current: options.key ?? testKey(1),
    previous: options.previous ?? [],
    status: options.status ?? {},
  });
  const store = new SessionStore({ kv, cipher, settings, logger, clock: { now } });
  return { store, kv, settings, logger, cipher };
}

const keys = new Map<number, AesKey>();
export function testKey(id: number): AesKey {
  let key = keys.get(id);
  if (!key) {
    key = { id, key: randomBytes(32) };
    keys.set(id, key);
  }
  return key;
}

export function sampleRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    v: 1,
    userId: 'usr_1',
    user: { id: 'usr_1', email: 'demo@tessera.dev', name: 'Demo User' },
    accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
    refreshToken: 'rt_' + 'q'.repeat(40),
    expiresAt: Date.now() + 15 * 60_000,
    ...overrides,
  };
}
