import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStore, sampleRecord, testKey } from '../testing/fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { RECORD_KEY } from './session-store';

const tempDir = useTempDirs();
const sessionFile = (dir: string) => join(dir, 'session.json');
const asideFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('session.json.corrupt-'));

describe('SessionStore', () => {
  it('saves, loads and clears one encrypted record over a real file', async () => {
    const dir = tempDir();
    const record = sampleRecord();
    const first = makeStore(dir);
    expect(await first.store.save(record, { remember: true })).toEqual({ persistence: 'disk' });

    const second = makeStore(dir, { key: testKey(1) });
    const loaded = await second.store.load();
    expect(loaded).toEqual({ record, persistence: 'disk' });
    expect(second.store.get()).toEqual(record);
    expect(second.store.isValid()).toBe(true);

    second.store.clear();
    expect(second.store.get()).toBeNull();
    expect(JSON.parse(readFileSync(sessionFile(dir), 'utf8'))).toEqual({});
    expect(await makeStore(dir).store.load()).toEqual({ record: null, problem: 'none' });
  });

  it('writes only the base64 ciphertext under "record", mode 0600, with no plaintext token', async () => {
    const dir = tempDir();
    const record = sampleRecord();
    await makeStore(dir).store.save(record, { remember: true });
    const text = readFileSync(sessionFile(dir), 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([RECORD_KEY]);
    expect(json[RECORD_KEY]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const secret of [record.accessToken, record.refreshToken, record.user.email, 'accessToken']) {
      expect(text).not.toContain(secret);
    }
    expect(statSync(sessionFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('isValid is false once the access token expires', async () => {
    const dir = tempDir();
    const { store } = makeStore(dir);
    await store.save(sampleRecord({ expiresAt: 1_000 }), { remember: true });
    expect(store.isValid(999)).toBe(true);
    expect(store.isValid(1_000)).toBe(false);
  });

  it('remember: false keeps the session in memory and removes a saved one', async () => {
    const dir = tempDir();
    const { store } = makeStore(dir);
    await store.save(sampleRecord(), { remember: true });
    expect(await store.save(sampleRecord({ refreshToken: 'r'.repeat(50) }), { remember: false })).toEqual({ persistence: 'memory' });
    expect(store.get()?.refreshToken).toBe('r'.repeat(50));
    expect(JSON.parse(readFileSync(sessionFile(dir), 'utf8'))).toEqual({});
  });

  it.each([
    ['corrupt JSON', (dir: string) => writeFileSync(sessionFile(dir), '{"record": "abc', { mode: 0o600 })],
    ['an empty file', (dir: string) => writeFileSync(sessionFile(dir), '', { mode: 0o600 })],
    ['a record that is not base64', (dir: string) => writeFileSync(sessionFile(dir), '{"record": "not base64!"}')],
    ['a record of the wrong type', (dir: string) => writeFileSync(sessionFile(dir), '{"record": {"accessToken": "x"}}')],
    ['a directory where the file should be', (dir: string) => mkdirSync(sessionFile(dir))],
  ])('%s ⇒ signed out, the bad file kept aside, and the store usable again', async (_name, spoil) => {
    const dir = tempDir();
    spoil(dir);
    const { store, logger } = makeStore(dir, { now: () => 1234 });
    expect(await store.load()).toEqual({ record: null, problem: 'corrupt' });
    expect(asideFiles(dir)).toEqual(['session.json.corrupt-1234']);
    expect(logger.lines.join('\n')).toMatch(/warn .*starting signed out/);

    expect((await store.save(sampleRecord(), { remember: true })).persistence).toBe('disk');
    expect((await makeStore(dir).store.load()).record).not.toBeNull();
  });

  it('tampered ciphertext ⇒ signed out and the file kept aside', async () => {
    const dir = tempDir();
    await makeStore(dir).store.save(sampleRecord(), { remember: true });
    const json = JSON.parse(readFileSync(sessionFile(dir), 'utf8')) as { record: string };
    const bytes = Buffer.from(json.record, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
    writeFileSync(sessionFile(dir), JSON.stringify({ record: bytes.toString('base64') }));

    expect(await makeStore(dir).store.load()).toEqual({ record: null, problem: 'corrupt' });
    expect(asideFiles(dir)).toHaveLength(1);
    expect(existsSync(sessionFile(dir))).toBe(false);
  });

  it('ciphertext of another key ⇒ signed out and the file kept aside', async () => {
    const dir = tempDir();
    await makeStore(dir, { key: testKey(7) }).store.save(sampleRecord(), { remember: true });
    expect((await makeStore(dir, { key: testKey(8) }).store.load()).record).toBeNull();
    expect(asideFiles(dir)).toHaveLength(1);
  });

  it('a decrypted record that fails the schema ⇒ signed out, kept aside, no secrets logged', async () => {
    const dir = tempDir();
    const { kv, cipher } = makeStore(dir);
    const bad = { ...sampleRecord(), v: 2 };
    kv.set(RECORD_KEY, Buffer.from(await cipher.encrypt(JSON.stringify(bad))).toString('base64'));

    const { store, logger } = makeStore(dir);
    expect(await store.load()).toEqual({ record: null, problem: 'corrupt' });
    expect(asideFiles(dir)).toHaveLength(1);
    const log = logger.lines.join('\n');
    expect(log).toContain('failed the schema');
    expect(log).not.toContain(bad.accessToken);
    expect(log).not.toContain(bad.refreshToken);
  });

  it('re-encrypts and saves when the cipher says shouldReEncrypt', async () => {
    const dir = tempDir();
    const record = sampleRecord();
    await makeStore(dir, { key: testKey(1) }).store.save(record, { remember: true });
    const before = readFileSync(sessionFile(dir), 'utf8');

    const rotated = makeStore(dir, { key: testKey(2), previous: [testKey(1)] });
    expect((await rotated.store.load()).record).toEqual(record);
    const after = readFileSync(sessionFile(dir), 'utf8');
    expect(after).not.toEqual(before);
    // Only the new key is needed now.
    expect((await makeStore(dir, { key: testKey(2) }).store.load()).record).toEqual(record);
  });

  describe('weak keystore policy', () => {
    it('basic_text ⇒ nothing written, the session kept in memory', async () => {
      const dir = tempDir();
      const { store } = makeStore(dir, { status: { backend: 'basic_text', weak: true } });
      expect(await store.storage()).toEqual({ level: 'weak', backend: 'basic_text', weakAllowed: false, canPersist: false });
      expect(await store.save(sampleRecord(), { remember: true })).toEqual({ persistence: 'memory' });
      expect(store.get()).not.toBeNull();
      expect(existsSync(sessionFile(dir))).toBe(false);
    });

    it('no encryption at all ⇒ nothing written, and opting in does not change that', async () => {
      const dir = tempDir();
      const { store, settings } = makeStore(dir, { status: { available: false, backend: 'unknown' } });
      settings.setWeakStorageAllowed(true);
      expect((await store.storage()).canPersist).toBe(false);
      expect((await store.save(sampleRecord(), { remember: true })).persistence).toBe('memory');
      expect(existsSync(sessionFile(dir))).toBe(false);
    });

    it('the opt-in is remembered; revoking it removes the saved record', async () => {
      const dir = tempDir();
      const weak = { backend: 'basic_text', weak: true };
      const first = makeStore(dir, { status: weak });
      expect(first.settings.setWeakStorageAllowed(true)).toBe(true);
      expect((await first.store.save(sampleRecord(), { remember: true })).persistence).toBe('disk');

      const second = makeStore(dir, { status: weak, key: testKey(1) });
      expect((await second.store.storage()).weakAllowed).toBe(true);
      expect((await second.store.load()).record).not.toBeNull();
      second.settings.setWeakStorageAllowed(false);
      expect(await second.store.save(second.store.get()!, { remember: true })).toEqual({ persistence: 'memory' });
      expect(second.store.get()).not.toBeNull();
      expect(JSON.parse(readFileSync(sessionFile(dir), 'utf8'))).toEqual({});
    });
  });

  it('a read-only data dir ⇒ the session stays in memory, reported as unsaved', async () => {
    if (process.getuid?.() === 0) {
      // Root ignores directory permissions; simulate with a data dir whose path is a file instead.
      const parent = tempDir();
      const notADir = join(parent, 'blocked');
      writeFileSync(notADir, '');
      const { store } = makeStore(join(notADir, 'data'));
      expect(await store.save(sampleRecord(), { remember: true })).toEqual({ persistence: 'unsaved' });
      expect(store.get()).not.toBeNull();
      return;
    }
    const dir = tempDir();
    chmodSync(dir, 0o500);
    try {
      const { store } = makeStore(dir);
      expect(await store.save(sampleRecord(), { remember: true })).toEqual({ persistence: 'unsaved' });
      expect(store.get()).not.toBeNull();
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
