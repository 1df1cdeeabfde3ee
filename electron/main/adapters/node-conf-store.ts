import { join } from 'node:path';
import Conf from 'conf';
import type { KeyValueStore } from '../ports';
import { confKeyValueStore, STORE_FILE_MODE } from './conf-key-value-store';

/** A `<dir>/<name>.json` store on conf, electron-store's own engine (tests and the browser harness). */
export function openConfStore(dir: string, name: string): KeyValueStore {
  return confKeyValueStore(
    () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: name,
        configFileMode: STORE_FILE_MODE,
        clearInvalidConfig: false,
        watch: false,
      }),
    join(dir, `${name}.json`),
  );
}
