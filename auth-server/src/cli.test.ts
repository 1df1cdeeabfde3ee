import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'auth-server/src/cli.ts';

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Start the CLI in its own process group, so the whole npx → tsx → node chain can be stopped;
 * `cleanup` (the test's onTestFinished) kills whatever is left when the test ends.
 */
function run(cleanup: (fn: () => void) => void, command: string, args: string[]): Running {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup(() => signalGroup(child, 'SIGKILL'));
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Signal the child's whole process group (only processes this test started). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForUrl(running: Running, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /^AUTH_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(running.stdout());
    if (match?.[1]) return match[1];
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no AUTH_URL line; stdout=${running.stdout()} stderr=${running.stderr()}`);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('auth-server CLI', () => {
  it('via npx tsx: prints AUTH_URL and the demo user, serves logins, never prints tokens', async ({ expect, onTestFinished }) => {
    const running = run(onTestFinished, 'npx', ['tsx', CLI, '--port', '0']);
    const url = await waitForUrl(running);
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'demo@tessera.dev', password: 'tessera-demo' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; refreshToken: string };

    signalGroup(running.child, 'SIGTERM');
    await running.exit;
    const lines = running.stdout().trim().split('\n');
    expect(lines).toEqual([`AUTH_URL=${url}`, 'demo user: demo@tessera.dev / tessera-demo']);
    for (const output of [running.stdout(), running.stderr()]) {
      expect(output).not.toContain(body.accessToken);
      expect(output).not.toContain(body.refreshToken);
    }
  });

  it('exits 2 on an unknown flag', async ({ expect, onTestFinished }) => {
    const running = run(onTestFinished, process.execPath, ['--import', 'tsx', CLI, '--bogus']);
    expect((await running.exit).code).toBe(2);
    expect(running.stderr()).toMatch(/Unknown option '--bogus'/);
    expect(running.stdout()).toBe('');
  });

  it('exits 2 on an invalid users file', async ({ expect, onTestFinished }) => {
    const invalidFile = join(dir, 'invalid.json');
    await writeFile(invalidFile, JSON.stringify([{ email: 'a@b.c' }]));
    const running = run(onTestFinished, process.execPath, ['--import', 'tsx', CLI, '--users', invalidFile]);
    expect((await running.exit).code).toBe(2);
    expect(running.stderr()).toMatch(/users file ".*invalid\.json" is invalid/);
    expect(running.stdout()).toBe('');
  });

  it('uses a users file (no demo line) and shuts down cleanly on SIGINT', async ({ expect, onTestFinished }) => {
    const usersFile = join(dir, 'users.json');
    await writeFile(usersFile, JSON.stringify([{ email: 'ada@example.com', password: 'lovelace-1815', name: 'Ada' }]));
    const running = run(onTestFinished, process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--users', usersFile]);
    const url = await waitForUrl(running);
    const login = (email: string, password: string) =>
      fetch(`${url}/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
    expect((await login('ada@example.com', 'lovelace-1815')).status).toBe(200);
    expect((await login('demo@tessera.dev', 'tessera-demo')).status).toBe(401);

    running.child.kill('SIGINT');
    expect(await running.exit).toEqual({ code: 0, signal: null });
    expect(running.stdout()).toBe(`AUTH_URL=${url}\n`);
    expect(running.stderr()).toBe('');
    await expect(fetch(`${url}/me`)).rejects.toThrow();
  });
});
