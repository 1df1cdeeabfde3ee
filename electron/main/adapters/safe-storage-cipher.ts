import type { SafeStorage } from 'electron';
import type { Cipher } from '../ports';

/**
 * The production Cipher: Electron's async safeStorage.
 *
 * Uses the async API (`isAsyncEncryptionAvailable`, `encryptStringAsync`, `decryptStringAsync`);
 * the sync API is deprecated since Electron 45. On Linux the backend may be `basic_text`, a
 * hard-coded key that protects nothing: reported as weak so the store keeps tokens off disk
 * unless the user opts in (Electron safeStorage docs; VS Code's secret storage does the same).
 * Must be used after `app` is ready.
 */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

const platformBackends: Partial<Record<NodeJS.Platform, string>> = { darwin: 'keychain', win32: 'dpapi' };

export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Cipher {
  return {
    async status() {
      const available = await safeStorage.isAsyncEncryptionAvailable();
      const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : (platformBackends[platform] ?? platform);
      return { available, backend, weak: backend === 'basic_text' || backend === 'unknown' };
    },
    encrypt: (plaintext) => safeStorage.encryptStringAsync(plaintext),
    async decrypt(ciphertext) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      return { plaintext: result, shouldReEncrypt };
    },
  };
}
