/** Build-time values electron-vite defines for main (see electron.vite.config.ts). */
interface ImportMetaEnv {
  /** The packaged app's default auth API URL; unset ⇒ the dev server's default. */
  readonly MAIN_VITE_TESSERA_AUTH_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
