import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Cipher, CipherStatus } from '../ports';

/**
 * An AES-256-GCM cipher in plain Node, standing in for safeStorage.
 *
 * Used by unit tests and the browser harness, where Electron can't run. It behaves like the real
 * port: authenticated (a tampered byte fails to decrypt), and it knows older keys so the
 * re-encrypt path (`shouldReEncrypt`) is exercised for real.
 *
 * Format: version(1) | key id(1) | iv(12) | tag(16) | ciphertext.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 2 + IV_BYTES + TAG_BYTES;

export interface AesKey {
  id: number;
  key: Uint8Array;
}

export interface AesGcmCipherOptions {
  /** The key to encrypt with; decrypting with any other known key asks for re-encryption. */
  current: AesKey;
  previous?: readonly AesKey[];
  /** Simulate a keystore: `weak` like Linux basic_text, `available: false` like none at all. */
  status?: Partial<CipherStatus>;
}

export function createAesGcmCipher(options: AesGcmCipherOptions): Cipher {
  const keys = new Map<number, Uint8Array>([...(options.previous ?? []), options.current].map((k) => [k.id, k.key]));
  for (const key of keys.values()) if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const status: CipherStatus = { available: true, backend: 'aes-256-gcm', weak: false, ...options.status };
  const ensureAvailable = () => {
    if (!status.available) throw new Error('encryption is not available');
  };

  return {
    status: async () => ({ ...status }),
    async encrypt(plaintext) {
      ensureAvailable();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', options.current.key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION, options.current.id]), iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      ensureAvailable();
      const bytes = Buffer.from(data);
      if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION) throw new Error('not a Tessera ciphertext');
      const keyId = bytes[1] as number;
      const key = keys.get(keyId);
      if (!key) throw new Error('ciphertext was made with an unknown key');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(2, 2 + IV_BYTES));
      decipher.setAuthTag(bytes.subarray(2 + IV_BYTES, HEADER_BYTES));
      const plaintext = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
      return { plaintext, shouldReEncrypt: keyId !== options.current.id };
    },
  };
}

/** Reads a 32-byte key from `path`, creating it (mode 0600) on first use. */
export function loadOrCreateKeyFile(path: string): AesKey {
  try {
    const key = readFileSync(path);
    if (key.length === 32) return { id: 1, key };
    throw new Error(`key file ${path} is not 32 bytes`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  return { id: 1, key };
}
