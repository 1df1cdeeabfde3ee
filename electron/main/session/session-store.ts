import type { StorageInfo } from '../../../shared/session-view';
import type { Cipher, Clock, KeyValueStore, Logger } from '../ports';
import type { SettingsStore } from '../settings/settings-store';
import { parseSessionRecord, type SessionRecord } from './session-record';

/** The key under which the encrypted record is stored in `session.json`. */
export const RECORD_KEY = 'record';

/** `unsaved`: meant for disk, but the write failed (read-only or full data folder); kept in memory. */
export type Persistence = 'disk' | 'memory' | 'unsaved';

export type LoadResult =
  | { record: SessionRecord; persistence: Persistence }
  | { record: null; problem: 'none' | 'corrupt' | 'unreadable' };

export interface SaveResult {
  persistence: Persistence;
}

/**
 * The session store: save, get, clear and validity of the one session record.
 *
 * Keeps the seed's SessionManager operations (saveSession/getSession/clearSession/isSessionValid)
 * and fixes its weak spots:
 * - one versioned record, encrypted and written in one atomic write (electron-store writes a
 *   temp file and renames it), instead of four separate keys;
 * - tokens go to disk only when the keystore is strong, or the user accepted weak storage
 *   (VS Code's secret storage policy); otherwise the session lives in memory for this run;
 * - a record that is corrupt, tampered with or fails the schema is moved aside and the app starts
 *   signed out: never a crash, never a silent delete of the user's data.
 */
export class SessionStore {
  private current: SessionRecord | null = null;
  private persistence: Persistence = 'memory';
  private status: ReturnType<Cipher['status']> | null = null;

  constructor(
    private readonly deps: {
      kv: KeyValueStore;
      cipher: Cipher;
      settings: SettingsStore;
      logger: Logger;
      clock: Pick<Clock, 'now'>;
    },
  ) {}

  /** How sessions can be kept on this machine right now. */
  async storage(): Promise<StorageInfo> {
    let status;
    try {
      status = await this.cipherStatus();
    } catch (error) {
      this.deps.logger.warn('keystore status unavailable', { error });
      status = { available: false, backend: 'unknown', weak: true };
    }
    const level = !status.available ? 'unavailable' : status.weak ? 'weak' : 'secure';
    // The opt-in only means something for a weak keystore; don't read settings otherwise.
    const weakAllowed = level === 'weak' && this.deps.settings.weakStorageAllowed();
    return {
      level,
      backend: status.backend,
      weakAllowed,
      canPersist: level === 'secure' || (level === 'weak' && weakAllowed),
    };
  }

  /** The session in memory (loaded or saved this run), or null. */
  get(): SessionRecord | null {
    return this.current;
  }

  getPersistence(): Persistence {
    return this.persistence;
  }

  /** True when there is a session whose access token has not expired. */
  isValid(now = this.deps.clock.now()): boolean {
    return this.current !== null && this.current.expiresAt > now;
  }

  /** Reads the record from disk, once at start. Never throws. */
  async load(): Promise<LoadResult> {
    const { kv, cipher, logger } = this.deps;
    let stored: unknown;
    try {
      stored = kv.get(RECORD_KEY);
    } catch (error) {
      if (isUnreadableLocation(error)) {
        logger.warn('session file unreadable; starting signed out', { error });
        return { record: null, problem: 'unreadable' };
      }
      return this.setAside('session file is not valid JSON', error);
    }
    if (stored === undefined) return { record: null, problem: 'none' };
    if (typeof stored !== 'string' || !isBase64(stored)) {
      return this.setAside('session record is not base64 ciphertext');
    }

    const storage = await this.storage();
    if (storage.level === 'unavailable') {
      // The keystore may be locked or missing for this run only: keep the file as it is.
      logger.warn('keystore unavailable; saved session left untouched', { backend: storage.backend });
      return { record: null, problem: 'unreadable' };
    }

    let decrypted;
    try {
      decrypted = await cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch (error) {
      return this.setAside('session record failed to decrypt', error);
    }
    const record = parseSessionRecord(decrypted.plaintext);
    if (!record) return this.setAside('session record failed the schema');

    this.current = record;
    if (!storage.canPersist) {
      // Written while weak storage was allowed, since revoked: honour the revocation.
      this.persistence = 'memory';
      this.removeFromDisk();
    } else {
      this.persistence = 'disk';
      if (decrypted.shouldReEncrypt) await this.write(record);
    }
    return { record, persistence: this.persistence };
  }

  /**
   * Saves the session. `remember: false` keeps it in memory only (and removes any saved record).
   * Never throws: a failed write keeps the session in memory and says so.
   */
  async save(record: SessionRecord, options: { remember: boolean }): Promise<SaveResult> {
    this.current = record;
    const storage = await this.storage();
    if (!options.remember || !storage.canPersist) {
      this.persistence = 'memory';
      this.removeFromDisk();
      return { persistence: 'memory' };
    }
    this.persistence = (await this.write(record)) ? 'disk' : 'unsaved';
    return { persistence: this.persistence };
  }

  /** Forgets the session in memory and on disk. Never throws. */
  clear(): void {
    this.current = null;
    this.persistence = 'memory';
    this.removeFromDisk();
  }

  private cipherStatus(): ReturnType<Cipher['status']> {
    this.status ??= this.deps.cipher.status();
    return this.status;
  }

  private async write(record: SessionRecord): Promise<boolean> {
    try {
      const ciphertext = await this.deps.cipher.encrypt(JSON.stringify(record));
      this.deps.kv.set(RECORD_KEY, Buffer.from(ciphertext).toString('base64'));
      return true;
    } catch (error) {
      this.deps.logger.warn('session could not be written; kept in memory for this run', { error });
      return false;
    }
  }

  private removeFromDisk(): void {
    try {
      if (this.deps.kv.get(RECORD_KEY) !== undefined) this.deps.kv.delete(RECORD_KEY);
    } catch (error) {
      this.deps.logger.warn('saved session could not be removed', { error });
    }
  }

  private setAside(reason: string, error?: unknown): LoadResult {
    const { kv, logger, clock } = this.deps;
    try {
      const movedTo = kv.quarantine(clock.now());
      logger.warn(`${reason}; starting signed out`, { movedTo, error });
    } catch (moveError) {
      logger.warn(`${reason}; could not move the file aside`, { error, moveError });
    }
    return { record: null, problem: 'corrupt' };
  }
}

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && base64Pattern.test(text);
}

/** Permissions and similar: the file may be fine, we just can't read it now. Don't move it. */
function isUnreadableLocation(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EBUSY';
}
