import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { KeyValueStore } from '../ports';
import { confKeyValueStore, STORE_FILE_MODE } from './conf-key-value-store';

/** A `<dir>/<name>.json` electron-store (the packaged app). Same behaviour as the conf adapter. */
export function openElectronStore(dir: string, name: string): KeyValueStore {
  return confKeyValueStore(
    () =>
      new ElectronStore<Record<string, unknown>>({
        name,
        cwd: dir,
        configFileMode: STORE_FILE_MODE,
        clearInvalidConfig: false,
        watch: false,
      }),
    join(dir, `${name}.json`),
  );
}
