import type { KeyValueStore, Logger } from '../ports';

/**
 * User settings that are not secrets.
 *
 * Today: whether the user accepted weaker session storage when the keystore is weak. It's a
 * remembered, revocable choice, kept apart from the session so revoking it never touches tokens.
 * A broken settings file is moved aside and defaults apply; it never stops the app.
 */
export class SettingsStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  weakStorageAllowed(): boolean {
    try {
      return this.kv.get('allowWeakStorage') === true;
    } catch (error) {
      this.setAside(error);
      return false;
    }
  }

  /** Returns false when the choice could not be saved (it still applies for this run's caller). */
  setWeakStorageAllowed(allowed: boolean): boolean {
    try {
      this.kv.set('allowWeakStorage', allowed);
      return true;
    } catch (error) {
      this.logger.warn('settings could not be saved', { error });
      return false;
    }
  }

  private setAside(error: unknown): void {
    try {
      const aside = this.kv.quarantine(this.now());
      this.logger.warn('settings file unreadable; defaults apply', { error, movedTo: aside });
    } catch (moveError) {
      this.logger.warn('settings file unreadable and could not be moved aside', { error, moveError });
    }
  }
}
