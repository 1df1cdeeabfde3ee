import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { startAuthServer } from '../auth-server/src/server';
import { measurePair, type Stats } from './measure';

/**
 * The two rows that need a browser: the login round trip through every layer, and the first
 * screen. Both run the real renderer in the browser harness, in Debian chromium.
 */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const DEMO = { email: 'demo@tessera.dev', password: 'tessera-demo' };

async function startHarness(root: string, dataDir: string, authUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'e2e/harness/cli.ts'), '--port', '0', '--data-dir', dataDir, '--auth-url', authUrl], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('harness did not print HARNESS_URL within 30 s'));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code})`));
    });
    lines.on('line', (line) => {
      if (line.startsWith('HARNESS_URL=')) {
        clearTimeout(timer);
        resolve(line.slice('HARNESS_URL='.length));
      }
    });
  });
  return { url, child };
}

/** A static copy of the sign-in screen's HTML shell: the same markup and stylesheet, no script. */
async function staticShell(page: Page, root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const outer = (await page.evaluate('document.documentElement.outerHTML')) as string;
  const html = `<!doctype html>${outer.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')}`;
  const server = createServer((request, response) => {
    const asset = /^\/assets\/([\w.-]+\.css)$/.exec(request.url ?? '');
    if (asset) {
      response.writeHead(200, { 'content-type': 'text/css' });
      response.end(readFileSync(join(root, 'out/renderer/assets', asset[1]!)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function benchHarness(root: string, iterations: number): Promise<{ login: { ours: Stats; baseline: Stats }; firstScreen: { ours: Stats; baseline: Stats } }> {
  const auth = await startAuthServer({ port: 0, logError: () => undefined });
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-harness-'));
  const harness = await startHarness(root, dataDir, auth.url);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript(defineNameHelper);
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: 'Email' }).waitFor();

    // Row: login round trip. Ours: click → bridge → IPC wrapper → auth-api → store → the UI shows
    // the user. Timed inside the page (click to the "Sign out" button in the DOM), so Playwright's
    // own round trips count on neither side; the fields are filled and the session signed out
    // between runs, untimed.
    const signInThroughApp = async () => {
      await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
      await page.getByLabel('Keep me signed in').setChecked(true);
      const elapsed = await page.evaluate(clickAndWaitForButton, { click: 'Sign in', appears: 'Sign out' });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('textbox', { name: 'Email' }).waitFor();
      return elapsed;
    };
    // Baseline: a bare fetch to /auth/login from a page, timed inside the page the same way (the
    // auth server sends no CORS headers, so it is a no-cors POST: the full round trip, body unread).
    const bare = await browser.newPage();
    await bare.goto(`${auth.url}/nothing-here`);
    const bareFetch = () =>
      bare.evaluate(async ({ url, body }) => {
        const start = performance.now();
        await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body });
        return performance.now() - start;
      }, { url: `${auth.url}/auth/login`, body: JSON.stringify(DEMO) });

    const login = await measurePairTimed(signInThroughApp, bareFetch, iterations);

    // Row: first screen. Ours: navigation → the sign-in screen is interactive (Email focused).
    const shell = await staticShell(page, root);
    const firstScreen = await measurePair(
      async () => {
        await page.goto(harness.url);
        await page.locator('input[type=email]:focus').waitFor();
      },
      async () => {
        await page.goto(shell.url);
        await page.locator('input[type=email]').waitFor();
      },
      { warmup: 3, iterations },
    );
    await shell.close();
    return { login, firstScreen };
  } finally {
    await browser.close();
    harness.child.kill('SIGTERM');
    await auth.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * tsx (esbuild) wraps named functions in `__name(…)` to keep their names; functions sent to the
 * page carry that call along, so the page gets a no-op `__name` first.
 */
function defineNameHelper(): void {
  (globalThis as unknown as { __name: (fn: unknown) => unknown }).__name = (fn) => fn;
}

/** Minimal DOM shapes for code that runs in the page (this file is type-checked without DOM). */
interface PageButton {
  textContent: string | null;
  click(): void;
}
interface PageGlobals {
  document: { body: object; querySelectorAll(selector: string): ArrayLike<PageButton> };
  MutationObserver: new (callback: () => void) => { observe(target: object, options: object): void; disconnect(): void };
}

/** Runs in the page: clicks one button and resolves with the ms until another one is in the DOM. */
function clickAndWaitForButton({ click, appears }: { click: string; appears: string }): Promise<number> {
  const { document, MutationObserver } = globalThis as unknown as PageGlobals;
  const find = (label: string) => Array.from(document.querySelectorAll('button')).find((button) => button.textContent?.trim() === label);
  return new Promise((resolve, reject) => {
    const target = find(click);
    if (!target) return reject(new Error(`no "${click}" button`));
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!find(appears)) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    target.click();
  });
}

/** Both sides report their own elapsed time (measured in the page); median and p95 of those. */
async function measurePairTimed(ours: () => Promise<number>, baseline: () => Promise<number>, iterations: number) {
  const times = { ours: [] as number[], baseline: [] as number[] };
  await measurePair(
    async () => times.ours.push(await ours()),
    async () => times.baseline.push(await baseline()),
    { warmup: 3, iterations },
  );
  const stats = (list: number[]): Stats => {
    const measured = list.slice(3).sort((a, b) => a - b);
    const at = (q: number) => measured[Math.min(measured.length - 1, Math.floor(q * measured.length))] ?? 0;
    return { iterations: measured.length, p50: at(0.5), p95: at(0.95) };
  };
  return { ours: stats(times.ours), baseline: stats(times.baseline) };
}
