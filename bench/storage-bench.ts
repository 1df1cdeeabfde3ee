import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createAesGcmCipher } from '../electron/main/adapters/aes-gcm-cipher';
import { openConfStore } from '../electron/main/adapters/node-conf-store';
import { createLogger } from '../electron/main/logging/logger';
import type { SessionRecord } from '../electron/main/session/session-record';
import { RECORD_KEY, SessionStore } from '../electron/main/session/session-store';
import { SettingsStore } from '../electron/main/settings/settings-store';
import { measurePair, type Stats } from './measure';

/**
 * Session save and restore: ours against the seed's layout, same cipher, same conf engine.
 *
 * The seed wrote user id, access token, refresh token and expiry as four keys, each encrypted
 * and `set` on its own (four atomic file writes). Ours is one record, one encrypt, one write.
 */
const record: SessionRecord = {
  v: 1,
  userId: 'usr_0123456789abcdef',
  user: { id: 'usr_0123456789abcdef', email: 'demo@tessera.dev', name: 'Demo User' },
  accessToken: `eyJhbGciOiJIUzI1NiJ9.${'e'.repeat(220)}.${'s'.repeat(43)}`,
  refreshToken: 'r'.repeat(43),
  expiresAt: Date.now() + 900_000,
};

export interface PairResult {
  ours: Stats;
  baseline: Stats;
}

export async function benchStorage(iterations: number): Promise<{ save: PairResult; restore: PairResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  try {
    const cipher = createAesGcmCipher({ current: { id: 1, key: randomBytes(32) } });
    const logger = createLogger(() => undefined);
    const settings = new SettingsStore(openConfStore(dir, 'settings'), logger);
    const store = new SessionStore({ kv: openConfStore(dir, 'session'), cipher, settings, logger, clock: { now: Date.now } });
    const seedKv = openConfStore(dir, 'seed-layout');
    const seedSave = async () => {
      const fields: Array<[string, string]> = [
        ['session_user_id', record.userId],
        ['session_access_token', record.accessToken],
        ['session_refresh_token', record.refreshToken],
        ['session_expires_at', String(record.expiresAt)],
      ];
      for (const [key, value] of fields) seedKv.set(key, Buffer.from(await cipher.encrypt(value)).toString('base64'));
    };
    const save = await measurePair(() => store.save(record, { remember: true }), seedSave, { warmup: 20, iterations });

    // Restore happens once at start, on a freshly opened store: both sides open the file anew.
    const restore = await measurePair(
      () => new SessionStore({ kv: openConfStore(dir, 'session'), cipher, settings, logger, clock: { now: Date.now } }).load(),
      async () => cipher.decrypt(Buffer.from(openConfStore(dir, 'session').get(RECORD_KEY) as string, 'base64')),
      { warmup: 20, iterations },
    );
    return { save, restore };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
