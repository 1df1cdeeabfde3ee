#!/usr/bin/env node
/**
 * `npm start`: the dev auth server, then the app against it.
 *
 * Makes sure the Electron binary is there (Electron 45 downloads it on first use, and
 * electron-vite doesn't trigger that itself), starts `auth-server` on its default port (or uses
 * TESSERA_AUTH_URL when set), waits for its `AUTH_URL=` line, then runs `electron-vite dev` with
 * TESSERA_AUTH_URL pointing at it. Quitting the app (or Ctrl+C) stops both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const electronViteCli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const children = new Set();

function run(args, options = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(code) {
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

async function startAuthServer() {
  if (process.env.TESSERA_AUTH_URL) {
    console.log(`Using the auth server at ${process.env.TESSERA_AUTH_URL}`);
    return process.env.TESSERA_AUTH_URL;
  }
  const server = run([tsxCli, 'auth-server/src/cli.ts']);
  const lines = createInterface({ input: server.stdout });
  return new Promise((resolve, reject) => {
    server.on('exit', (code) => reject(new Error(`the dev auth server exited (code ${code}); is port 7410 in use? Set TESSERA_AUTH_URL to use another server.`)));
    lines.on('line', (line) => {
      console.log(`[auth-server] ${line}`);
      if (line.startsWith('AUTH_URL=')) resolve(line.slice('AUTH_URL='.length));
    });
  });
}

function ensureElectronBinary() {
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      'the Electron binary is not installed and could not be downloaded (the first `npm start` needs internet). ' +
        'Without it you can still run the real renderer and services in a browser: see e2e/README.md (npm run harness).',
    );
  }
}

try {
  ensureElectronBinary();
  const authUrl = await startAuthServer();
  const app = run([electronViteCli, 'dev'], { stdio: 'inherit', env: { ...process.env, TESSERA_AUTH_URL: authUrl } });
  app.on('exit', (code) => stopAll(code ?? 0));
} catch (error) {
  console.error(`npm start: ${error.message}`);
  stopAll(1);
}
