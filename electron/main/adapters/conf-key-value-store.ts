import { renameSync } from 'node:fs';
import type { KeyValueStore } from '../ports';

/** Store files hold session ciphertext and settings: owner read/write only. */
export const STORE_FILE_MODE = 0o600;

/** The subset of conf (and so electron-store, which extends it) the adapter uses. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * A KeyValueStore over conf / electron-store.
 *
 * conf reads and validates the file in its constructor and on every read, so a corrupt file
 * throws from either place. The instance is made lazily and dropped after a failure, so the store
 * recovers once the bad file has been moved aside.
 */
export function confKeyValueStore(open: () => ConfLike, path: string): KeyValueStore {
  let conf: ConfLike | null = null;
  const use = <T>(action: (store: ConfLike) => T): T => {
    try {
      conf ??= open();
      return action(conf);
    } catch (error) {
      conf = null;
      throw error;
    }
  };
  return {
    path,
    get: (key) => use((store) => store.get(key)),
    set: (key, value) => use((store) => store.set(key, value)),
    delete: (key) => use((store) => store.delete(key)),
    quarantine(timestamp) {
      conf = null;
      const aside = `${path}.corrupt-${timestamp}`;
      try {
        renameSync(path, aside);
        return aside;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
