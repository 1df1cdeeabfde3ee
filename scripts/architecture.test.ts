import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The rooms' import rules, checked on every source file.
 *
 * - Only adapters, window code and the composition root import `electron` (or electron-store):
 *   services stay testable in plain Node.
 * - `shared/` runs anywhere: no node, no electron, nothing but zod and itself.
 * - The renderer is sandboxed web code: no node modules, no electron.
 * - The preload hands the page verbs, never `ipcRenderer` itself.
 */
const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles.map((ref) => ref.fileName);
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/') || spec === 'electron-store';
const electronRooms = [/^electron\/main\/adapters\//, /^electron\/main\/window\//, /^electron\/main\/composition-root(\.test)?\.ts$/, /^electron\/preload\//];

describe('architecture', () => {
  it('only adapters, window code and the composition root import electron', () => {
    const offenders = sources('electron/main')
      .filter((file) => !electronRooms.some((room) => room.test(file)))
      .filter((file) => importsOf(file).some(isElectron));
    expect(offenders).toEqual([]);
  });

  it('the services exist and are among the files checked', () => {
    const files = sources('electron/main');
    for (const service of ['session/session-store.ts', 'auth/auth-service.ts', 'auth/auth-api.ts']) {
      expect(files).toContain(`electron/main/${service}`);
    }
  });

  it('shared/ imports only zod and itself', () => {
    const offenders = sources('shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('./') && spec !== 'zod')
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer imports no node modules and no electron', () => {
    const offenders = sources('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => nodeBuiltins.has(spec) || isElectron(spec))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches outside its room only for shared/', () => {
    const offenders = sources('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => {
          const target = relative(root, join(root, file, '..', spec));
          return !target.startsWith('renderer/') && !target.startsWith('shared/');
        })
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload never exposes ipcRenderer', () => {
    const preload = readFileSync(join(root, 'electron/preload/index.ts'), 'utf8');
    const exposed = [...preload.matchAll(/exposeInMainWorld\(([^;]*)\);/gs)].map((match) => match[1] ?? '');
    expect(exposed).toHaveLength(1);
    expect(exposed[0]).toMatch(/^'tessera', createTesseraApi\(ipcRenderer\)$/);
  });

  it.each([
    ['shell.openExternal (checklist #15: we open no external links)', /openExternal/],
    ['enableBlinkFeatures (checklist #10)', /enableBlinkFeatures/],
    ['<webview> or allowpopups (checklists #11, #12)', /<webview[\s/]|allowpopups/i],
    ['nodeIntegration: true (checklist #2)', /nodeIntegration\w*:\s*true/],
    ['contextIsolation/sandbox/webSecurity turned off (checklists #3, #4, #6)', /(contextIsolation|sandbox|webSecurity):\s*false/],
    ['allowRunningInsecureContent: true (checklist #8)', /allowRunningInsecureContent:\s*true/],
    ['experimentalFeatures: true (checklist #9)', /experimentalFeatures:\s*true/],
    ['loadFile / file:// pages (checklist #18)', /\.loadFile\(|loadURL\(\s*['"`]file:/],
  ])('no source in electron/ or renderer/ uses %s', (_name, pattern) => {
    const offenders = [...sources('electron'), ...sources('renderer')]
      .filter((file) => !file.endsWith('.test.ts') && !file.endsWith('.test.tsx'))
      .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('uses a supported Electron major (checklist #16)', () => {
    const installed = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
});
