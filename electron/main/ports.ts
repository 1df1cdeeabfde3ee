/**
 * Ports: the small interfaces services depend on.
 *
 * Services (session store, auth service, auth API client) see only these, never `electron`, so
 * they run and are tested in plain Node. Adapters implement them over safeStorage, electron-store,
 * fetch and the system clock; the composition root picks the adapters.
 */

/** What the OS keystore can do on this machine. */
export interface CipherStatus {
  /** Encryption works at all. */
  available: boolean;
  /** Backend name as reported (`basic_text`, `gnome_libsecret`, `keychain`, `dpapi`, `aes-256-gcm`…). */
  backend: string;
  /** Encryption exists but protects little (Linux `basic_text`: a hard-coded key). */
  weak: boolean;
}

export interface DecryptResult {
  plaintext: string;
  /** The keystore rotated its key or gained a better one: encrypt again and save. */
  shouldReEncrypt: boolean;
}

/** Encrypts secrets at rest. Production: Electron's async safeStorage. Tests/harness: AES-256-GCM. */
export interface Cipher {
  status(): Promise<CipherStatus>;
  encrypt(plaintext: string): Promise<Uint8Array>;
  decrypt(ciphertext: Uint8Array): Promise<DecryptResult>;
}

/**
 * A JSON key-value file (electron-store / conf).
 *
 * Every method may throw: the file can be corrupt, a directory, or read-only. Callers decide.
 */
export interface KeyValueStore {
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Move the file aside as `<path>.corrupt-<timestamp>`; returns the new path, or null if there was none. */
  quarantine(timestamp: number): string | null;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** `fetch`, narrowed to what the API client uses. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
