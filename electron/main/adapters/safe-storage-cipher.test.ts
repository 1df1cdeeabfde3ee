import { describe, expect, it, vi } from 'vitest';
import { createSafeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

/** A stand-in for Electron's safeStorage: reversible "encryption", a chosen backend and availability. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; reEncrypt?: boolean } = {}) {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${text}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString().slice(4), shouldReEncrypt: options.reEncrypt ?? false })),
  } satisfies SafeStorageLike;
}

describe('safeStorage cipher', () => {
  it.each([
    ['linux', 'gnome_libsecret', { available: true, backend: 'gnome_libsecret', weak: false }],
    ['linux', 'kwallet6', { available: true, backend: 'kwallet6', weak: false }],
    ['linux', 'basic_text', { available: true, backend: 'basic_text', weak: true }],
    ['linux', 'unknown', { available: true, backend: 'unknown', weak: true }],
    ['darwin', 'unknown', { available: true, backend: 'keychain', weak: false }],
    ['win32', 'unknown', { available: true, backend: 'dpapi', weak: false }],
  ] as const)('on %s with backend %s reports %o', async (platform, backend, expected) => {
    const safeStorage = fakeSafeStorage({ backend });
    expect(await createSafeStorageCipher(safeStorage, platform).status()).toEqual(expected);
    // Only Linux has selectable backends; elsewhere the platform's keystore is named.
    expect(safeStorage.getSelectedStorageBackend).toHaveBeenCalledTimes(platform === 'linux' ? 1 : 0);
  });

  it('reports unavailable encryption as such', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage({ available: false }), 'linux').status()).available).toBe(false);
  });

  it('uses the async API and passes shouldReEncrypt through', async () => {
    const safeStorage = fakeSafeStorage({ reEncrypt: true });
    const cipher = createSafeStorageCipher(safeStorage, 'linux');
    const ciphertext = await cipher.encrypt('secret');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('secret');
    expect(await cipher.decrypt(ciphertext)).toEqual({ plaintext: 'secret', shouldReEncrypt: true });
    expect(Buffer.isBuffer(safeStorage.decryptStringAsync.mock.calls[0]?.[0])).toBe(true);
  });
});
