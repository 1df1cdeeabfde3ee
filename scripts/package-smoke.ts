/**
 * Packaging smoke test (`npm run test:package`, last step of `npm test`).
 *
 * Runs electron-builder with the real electron-builder.yml for `--linux dir tar.gz` into a temp
 * dir, then checks what a user would get: the asar (entry files, package.json `main`, nothing but
 * production dependencies, no sources, maps, tests or auth-server), the tarball, the fuses and the
 * icon set. It checks PACKAGING, not the Electron binary.
 *
 * Electron dist used:
 * - a real Linux Electron dist when there is one (`ELECTRON_OVERRIDE_DIST_PATH`, or the dist that
 *   `npm install` downloaded to node_modules/electron/dist): the fuses are read back from the real
 *   binary;
 * - otherwise a STAND-IN made here: a shell script named `electron` that carries a fuse wire in
 *   Electron's format and Electron's default fuse states, plus `resources/`, `locales/` and the
 *   licence files. electron-builder copies it and flips its fuses like the real one, so the test
 *   proves the configured fuses get applied; it proves nothing about Electron itself.
 *
 * Needs `out/` (runs `electron-vite build` if out/main/index.js is missing). For the tar.gz it
 * sets ELECTRON_BUILDER_7ZIP_PATH=/usr/bin/7zz when that file exists (Debian `7zip`); without it
 * electron-builder downloads its own 7-Zip. Set TESSERA_PACKAGE_SMOKE_KEEP=1 to keep the temp dir.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = Date.now();

/** The fuse policy from the installer issue; electron-builder.yml must produce exactly this. */
const expectedFuses: Array<[FuseV1Options, string, boolean]> = [
  [FuseV1Options.RunAsNode, 'runAsNode', false],
  [FuseV1Options.EnableCookieEncryption, 'enableCookieEncryption', true],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, 'enableNodeOptionsEnvironmentVariable', false],
  [FuseV1Options.EnableNodeCliInspectArguments, 'enableNodeCliInspectArguments', false],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, 'enableEmbeddedAsarIntegrityValidation', true],
  [FuseV1Options.OnlyLoadAppFromAsar, 'onlyLoadAppFromAsar', true],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, 'grantFileProtocolExtraPrivileges', false],
];
/** Fuse wire bytes, as @electron/fuses reads them. */
const FUSE_ENABLED = 0x31;
const FUSE_DISABLED = 0x30;
/** The marker @electron/fuses looks for in an Electron binary; the wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default fuse states, in wire order (see Electron's fuses doc). */
const ELECTRON_DEFAULT_WIRE = [1, 0, 1, 1, 0, 0, 0, 1];

const EXECUTABLE = 'tessera'; // linux.executableName
const results: Array<{ name: string; ok: boolean; detail: string }> = [];

function check(name: string, ok: boolean, detail: string): boolean {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

function list(items: string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (${items.length})`;
}

function packageNameOf(path: string): string | null {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
  return match ? match[1]! : null;
}

// ---------------------------------------------------------------- the Electron dist to pack with

interface ElectronDist {
  dir: string;
  real: boolean;
  label: string;
}

function isElfExecutable(file: string): boolean {
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    closeSync(fd);
  }
}

function findRealElectronDist(): ElectronDist | null {
  const candidates: Array<[string | undefined, string]> = [
    [process.env.ELECTRON_OVERRIDE_DIST_PATH, 'ELECTRON_OVERRIDE_DIST_PATH'],
    [join(dirname(require.resolve('electron/package.json')), 'dist'), 'node_modules/electron/dist'],
  ];
  for (const [dir, label] of candidates) {
    if (!dir) continue;
    if (process.platform !== 'linux') {
      if (existsSync(dir)) console.log(`  note: ${label} holds a ${process.platform} Electron; this test packs for Linux, so it uses a stand-in`);
      continue;
    }
    if (isElfExecutable(join(dir, 'electron'))) return { dir, real: true, label: `real Electron from ${label} (${dir})` };
  }
  return null;
}

function makeStandInDist(dir: string, electronVersion: string): ElectronDist {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), // fuse wire version 1, 8 fuses
    Buffer.from(ELECTRON_DEFAULT_WIRE.map((on) => (on ? FUSE_ENABLED : FUSE_DISABLED))),
  ]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (Tessera package smoke test); it cannot run the app" >&2\nexit 1\n# fuse wire: '),
    wire,
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for Electron\'s LICENSE\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  return { dir, real: false, label: 'STAND-IN made by this test (no real Electron binary here)' };
}

// ---------------------------------------------------------------- steps

function ensureBuilt(): void {
  if (existsSync(join(root, 'out/main/index.js'))) return;
  console.log('out/main/index.js is missing: running electron-vite build');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}

function runElectronBuilder(dist: ElectronDist, electronVersion: string, output: string, logFile: string): boolean {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const arch = dist.real ? ({ arm: 'armv7l', ia32: 'ia32', arm64: 'arm64' } as Record<string, string>)[process.arch] ?? 'x64' : 'x64';
  const args = [
    cli,
    '--linux', 'dir', 'tar.gz',
    `--${arch}`,
    '--publish', 'never',
    `-c.electronDist=${dist.dir}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${output}`,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  if (!env.ELECTRON_BUILDER_7ZIP_PATH && existsSync('/usr/bin/7zz')) env.ELECTRON_BUILDER_7ZIP_PATH = '/usr/bin/7zz';
  console.log(`  electron-builder --linux dir tar.gz --${arch} (7-Zip: ${env.ELECTRON_BUILDER_7ZIP_PATH ?? "electron-builder's download"})`);
  const result = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  const ok = result.status === 0;
  check('electron-builder packs electron-builder.yml for Linux (dir + tar.gz)', ok, ok ? `exit 0 in ${output}` : `exit ${result.status ?? result.signal}`);
  if (!ok) {
    console.log('  --- electron-builder output (last 40 lines) ---');
    console.log(`${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-40).map((l) => `  | ${l}`).join('\n'));
  }
  return ok;
}

function lockPackages(): { prod: Set<string>; devOnly: Set<string>; requiredProd: Set<string> } {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; link?: boolean }>;
  };
  const prod = new Set<string>();
  const requiredProd = new Set<string>();
  const dev = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = packageNameOf(path);
    if (!name || entry.link) continue;
    if (entry.dev || entry.devOptional) {
      dev.add(name);
    } else {
      prod.add(name);
      if (!entry.optional) requiredProd.add(name);
    }
  }
  const devOnly = new Set([...dev].filter((name) => !prod.has(name)));
  return { prod, devOnly, requiredProd };
}

function checkAsar(asarPath: string): void {
  const entries = listPackage(asarPath, { isPack: false }).map((p) => p.replace(/\\/g, '/'));
  const has = (p: string) => entries.includes(p);
  const isFile = (p: string) => {
    if (!has(p)) return false;
    try {
      return !('files' in statFile(asarPath, p.slice(1)));
    } catch {
      return false;
    }
  };

  const entryFiles = ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'];
  const html = isFile('/out/renderer/index.html') ? extractFile(asarPath, 'out/renderer/index.html').toString('utf8') : '';
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `/out/renderer/${m[1]}`);
  const missing = [...entryFiles, ...assets].filter((p) => !isFile(p));
  check('main, preload and renderer entry files are in the asar', missing.length === 0 && assets.length > 0,
    missing.length ? `missing ${list(missing)}` : `${entryFiles.map((p) => p.slice(1)).join(', ')} + ${assets.length} renderer assets`);

  let pkg: { main?: string; type?: string; scripts?: unknown; devDependencies?: unknown } = {};
  try {
    pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as typeof pkg;
  } catch {
    // reported below
  }
  const mainPath = pkg.main ? posix.join('/', posix.normalize(pkg.main)) : '';
  const mainInside = Boolean(pkg.main) && !posix.normalize(pkg.main ?? '').startsWith('..') && isFile(mainPath);
  check("package.json's main points at a file inside the asar", mainInside && pkg.type === 'module' && !pkg.scripts && !pkg.devDependencies,
    `main=${pkg.main ?? '(none)'}${mainInside ? ' (present)' : ' (NOT in the asar)'}, type=${pkg.type ?? '(none)'}${pkg.scripts || pkg.devDependencies ? ', but scripts/devDependencies leaked' : ''}`);

  const topLevel = entries.filter((p) => /^\/[^/]+$/.test(p));
  const outDirs = entries.filter((p) => /^\/out\/[^/]+$/.test(p));
  const strayTop = topLevel.filter((p) => !['/package.json', '/out', '/node_modules'].includes(p));
  const strayOut = outDirs.filter((p) => !['/out/main', '/out/preload', '/out/renderer'].includes(p));
  check('only package.json, out/ and node_modules/ at the top of the asar', strayTop.length + strayOut.length === 0,
    strayTop.length + strayOut.length ? `unexpected ${list([...strayTop, ...strayOut])}` : `${topLevel.map((p) => p.slice(1)).join(', ')}; out/ = main, preload, renderer`);

  const sources = entries.filter((p) => /\.(ts|tsx|mts|cts|map)$/.test(p));
  check('no TypeScript sources, declarations or source maps', sources.length === 0, sources.length ? list(sources) : `0 of ${entries.length} entries`);

  const tests = entries.filter((p) =>
    /(^|\/)(e2e|__tests__|tests?|specs?|test-results|playwright-report|coverage)(\/|$)/.test(p) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(p));
  const authServer = entries.filter((p) => /(^|\/)auth-server(\/|$)/.test(p));
  check('no tests and no auth-server', tests.length + authServer.length === 0,
    tests.length + authServer.length ? list([...tests, ...authServer]) : 'no e2e/, test(s)/, spec(s)/, *.test.*, *.spec.*, auth-server/');

  const { prod, devOnly, requiredProd } = lockPackages();
  const packaged = new Set(entries.filter((p) => packageNameOf(p) && has(`${p}/package.json`)).map((p) => packageNameOf(p)!));
  const notProd = [...packaged].filter((name) => !prod.has(name));
  const absent = [...requiredProd].filter((name) => !packaged.has(name));
  check("the asar's node_modules holds exactly the production dependencies", notProd.length === 0 && absent.length === 0,
    notProd.length || absent.length
      ? `${notProd.length ? `not production: ${list(notProd)}` : ''}${absent.length ? ` missing: ${list(absent)}` : ''}`
      : `${packaged.size} packages = package-lock's non-dev set (${list([...packaged].sort(), 4)})`);

  const devInside = [...packaged].filter((name) => devOnly.has(name));
  const ownDev = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> }).devDependencies ?? {});
  const ownDevOnly = ownDev.filter((name) => devOnly.has(name));
  check('no dev-only package in the asar', devInside.length === 0,
    devInside.length ? list(devInside) : `none of ${devOnly.size} dev-only packages, e.g. ${list(ownDevOnly.filter((n) => ['electron', 'react', 'vite', 'typescript', 'vitest'].includes(n)))}`);

  const mainSources = entries.filter((p) => /^\/out\/main\/.+\.[cm]?js$/.test(p)).map((p) => extractFile(asarPath, p.slice(1)).toString('utf8'));
  const specifiers = new Set<string>();
  for (const source of mainSources) {
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"'./][^"']*)["']/gm)) specifiers.add(m[1]!);
  }
  const builtins = new Set(builtinModules);
  const external = [...specifiers]
    .filter((s) => !s.startsWith('node:') && !builtins.has(s) && s !== 'electron' && !s.startsWith('electron/'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
  const unresolved = [...new Set(external)].filter((name) => !packaged.has(name));
  check("the main bundle's external imports are packaged", unresolved.length === 0,
    unresolved.length ? `not in the asar: ${list(unresolved)}` : `${[...new Set(external)].join(', ') || '(none)'} found in node_modules`);
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function checkTarball(output: string, asarPath: string): void {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const tarball = readdirSync(output).find((f) => f.endsWith('.tar.gz'));
  if (!tarball) {
    check('the tar.gz contains the executable and the same app.asar', false, `no .tar.gz in ${output}`);
    return;
  }
  const file = join(output, tarball);
  const listing = spawnSync('tar', ['-tzf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const names = listing.stdout.split(/\r?\n/);
  const asarEntry = names.find((n) => /^[^/]+\/resources\/app\.asar$/.test(n));
  const exeEntry = names.find((n) => new RegExp(`^[^/]+/${EXECUTABLE}$`).test(n));
  let same = false;
  if (asarEntry) {
    const extracted = spawnSync('tar', ['-xzOf', file, asarEntry], { maxBuffer: 1024 * 1024 * 1024 });
    same = extracted.status === 0 && sha256(extracted.stdout) === sha256(readFileSync(asarPath));
  }
  const named = tarball.startsWith(`${pkg.name}-${pkg.version}-`);
  check('the tar.gz contains the executable and the same app.asar', listing.status === 0 && Boolean(asarEntry && exeEntry) && same && named,
    `${tarball}: ${asarEntry ?? 'NO resources/app.asar'}${same ? ' (identical to the unpacked one)' : ' (DIFFERS)'}, ${exeEntry ?? `NO ${EXECUTABLE}`}`);
}

async function checkFuses(executable: string, dist: ElectronDist): Promise<void> {
  const what = dist.real ? 'the real Electron binary' : 'the stand-in binary';
  try {
    const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
    const wrong = expectedFuses
      .filter(([index, , on]) => wire[index] !== (on ? FUSE_ENABLED : FUSE_DISABLED))
      .map(([index, name, on]) => `${name}=${wire[index] === FUSE_ENABLED ? 'on' : wire[index] === FUSE_DISABLED ? 'off' : `?${wire[index]}`} (want ${on ? 'on' : 'off'})`);
    check(`fuses read back from ${what} match the policy`, wrong.length === 0,
      wrong.length ? list(wrong, 8) : `${expectedFuses.map(([, name, on]) => `${name}=${on ? 'on' : 'off'}`).join(', ')}${dist.real ? '' : ' (flipped by electron-builder in the stand-in: the config is applied; says nothing about Electron)'}`);
  } catch (error) {
    check(`fuses read back from ${what} match the policy`, false, (error as Error).message);
  }
}

function pngSize(file: string): [number, number] | null {
  const data = readFileSync(file);
  if (data.length < 24 || !data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return null;
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

function checkIcons(): void {
  const problems: string[] = [];
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  for (const size of sizes) {
    const file = join(root, 'build/icons', `${size}x${size}.png`);
    const actual = existsSync(file) ? pngSize(file) : null;
    if (!actual || actual[0] !== size || actual[1] !== size) problems.push(`build/icons/${size}x${size}.png`);
  }
  const icnsFile = join(root, 'build/icon.icns');
  const icns = existsSync(icnsFile) ? readFileSync(icnsFile) : Buffer.alloc(0);
  if (icns.length < 8 || icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) problems.push('build/icon.icns');
  const icoFile = join(root, 'build/icon.ico');
  const ico = existsSync(icoFile) ? readFileSync(icoFile) : Buffer.alloc(0);
  const icoCount = ico.length >= 6 && ico.readUInt16LE(0) === 0 && ico.readUInt16LE(2) === 1 ? ico.readUInt16LE(4) : 0;
  if (icoCount < 5) problems.push('build/icon.ico');
  if (!existsSync(join(root, 'build/icon.svg'))) problems.push('build/icon.svg');
  check('the icon set electron-builder.yml points at is there', problems.length === 0,
    problems.length ? `missing or malformed: ${list(problems)} (run node scripts/generate-icons.mjs)` : `build/icons ${sizes.join('/')} px, icon.icns (${icns.length} B), icon.ico (${icoCount} sizes)`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  console.log('package smoke: checks PACKAGING (electron-builder.yml → asar, tar.gz, fuses, icons), not the Electron binary: nothing here runs Electron');
  ensureBuilt();
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const work = mkdtempSync(join(tmpdir(), 'tessera-package-smoke-'));
  try {
    const dist = findRealElectronDist() ?? makeStandInDist(join(work, 'electron-dist'), electronVersion);
    console.log(`  Electron ${electronVersion} dist: ${dist.label}`);
    const output = join(work, 'release');
    checkIcons();
    if (!runElectronBuilder(dist, electronVersion, output, join(work, 'electron-builder.log'))) return 1;
    const unpacked = readdirSync(output).find((f) => /^linux(-[a-z0-9]+)?-unpacked$/.test(f)) ?? 'linux-unpacked';
    const appDir = join(output, unpacked);
    const asarPath = join(appDir, 'resources', 'app.asar');
    const asarOk = check('resources/app.asar exists (asar: true, nothing unpacked beside it)',
      existsSync(asarPath) && !existsSync(join(appDir, 'resources', 'app')) && !existsSync(`${asarPath}.unpacked`),
      existsSync(asarPath) ? `${(statSync(asarPath).size / 1024).toFixed(0)} KiB` : `not found in ${appDir}`);
    if (asarOk) {
      checkAsar(asarPath);
      checkTarball(output, asarPath);
    }
    await checkFuses(join(appDir, EXECUTABLE), dist);
    if (!dist.real) console.log('  note: no real Electron dist, so the stand-in was packed; the Electron binary itself was not checked');
  } finally {
    if (process.env.TESSERA_PACKAGE_SMOKE_KEEP === '1') console.log(`  kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return results.some((r) => !r.ok) ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  check('package smoke ran to the end', false, (error as Error).stack ?? String(error));
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
try {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results/package-smoke.json'), `${JSON.stringify({ passed, failed, results }, null, 2)}\n`);
} catch {
  // the report is a convenience for print-test-summary; the exit code is what counts
}
console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`package: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || exitCode !== 0 ? 1 : 0;
