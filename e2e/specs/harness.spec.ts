import { existsSync, readFileSync, statSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { DEMO_USER } from '../fixtures/auth-server';
import { spawnHarness, type HarnessProcess } from '../fixtures/harness-process';
import { repoRoot } from '../fixtures/paths';
import { hasSavedSession } from '../fixtures/store-files';
import { expect, test } from '../fixtures/test';

/**
 * The browser harness itself (web project only): it must be as strict as the app it stands in
 * for. Requests are made with raw HTTP so headers can be forged the way a hostile page can't.
 */

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Headers a browser sends for a same-origin `fetch` from the harness's own page. */
const fromPage = (origin: string, extra: Record<string, string> = {}) => ({
  Origin: origin,
  'Sec-Fetch-Site': 'same-origin',
  'Content-Type': 'application/json',
  ...extra,
});

const invoke = (harness: HarnessProcess, channel: string, args: unknown[], headers: Record<string, string> = fromPage(harness.url)) =>
  raw(harness.url, `/__tessera/invoke/${channel}`, { method: 'POST', headers, body: JSON.stringify({ args }) });

test.describe('the browser harness', () => {
  let harness: HarnessProcess;

  test.beforeEach(async ({ dataDir, auth }) => {
    harness = await spawnHarness({ dataDir, authUrl: auth.url, keystore: 'secure' });
  });

  test.afterEach(async () => {
    await harness.stop();
  });

  test('listens on 127.0.0.1 and serves the built renderer like app://, with the bridge first and the CSP untouched', async () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    const page = await raw(harness.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const bridgeAt = page.body.indexOf('<script src="/__tessera/bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('<script type="module"'));

    const built = readFileSync(join(repoRoot, 'out/renderer/index.html'), 'utf8');
    const csp = (html: string) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
    expect(csp(built)).toContain("script-src 'self'");
    expect(csp(page.body)).toBe(csp(built));
    expect(page.headers['content-security-policy']).toBe(csp(built));

    const script = page.body.match(/src="\.\/(assets\/[^"]+\.js)"/)?.[1];
    const style = page.body.match(/href="\.\/(assets\/[^"]+\.css)"/)?.[1];
    expect((await raw(harness.url, `/${script}`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(harness.url, `/${style}`)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(harness.url, '/__tessera/bridge.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test('serves bridge calls only to its own page', async ({ dataDir }) => {
    const other = harness.url.replace('127.0.0.1', 'localhost');
    const allow = ['settings:set-weak-storage-allowed', [{ allowed: true }]] as const;
    const refused: Record<string, string>[] = [
      { Origin: other, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      fromPage(harness.url, { 'Sec-Fetch-Site': 'cross-site' }),
      fromPage(harness.url, { 'Sec-Fetch-Site': 'same-site' }),
      { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      { Origin: harness.url, 'Content-Type': 'application/json' },
    ];
    for (const headers of refused) {
      expect((await invoke(harness, allow[0], [...allow[1]], headers)).status, JSON.stringify(headers)).toBe(403);
    }
    // DNS rebinding: the right socket, someone else's name.
    const rebound = await invoke(harness, allow[0], [...allow[1]], fromPage(harness.url, { Host: `evil.example:${new URL(harness.url).port}` }));
    expect(rebound.status).toBe(421);
    expect((await raw(harness.url, '/__tessera/events', { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await raw(harness.url, '/__tessera/events', { headers: { 'Sec-Fetch-Site': 'same-origin', Origin: other } })).status).toBe(403);
    expect(existsSync(join(dataDir, 'settings.json')), 'no refused call may reach a handler').toBe(false);

    const accepted = await invoke(harness, allow[0], [...allow[1]]);
    expect(accepted.status).toBe(200);
    // The choice is saved (it only takes effect with a weak keystore; this harness's is secure).
    expect(JSON.parse(accepted.body)).toMatchObject({ ok: true, session: { storage: { level: 'secure' } } });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ allowWeakStorage: true });
  });

  test('passes every call through the validating IPC wrapper', async () => {
    const invalid = { ok: false, code: 'invalid_request' };
    expect(JSON.parse((await invoke(harness, 'session:sign-in', [{ email: DEMO_USER.email }])).body)).toEqual(invalid);
    expect(JSON.parse((await invoke(harness, 'session:sign-in', [{ ...DEMO_USER, remember: true, admin: true }])).body)).toEqual(invalid);
    expect(JSON.parse((await invoke(harness, 'session:get', [1, 2])).body)).toEqual(invalid);
    expect((await invoke(harness, 'session:delete-everything', [])).status).toBe(404);
    expect((await invoke(harness, '__proto__', [])).status).toBe(404);

    const signedIn = JSON.parse((await invoke(harness, 'session:sign-in', [{ email: DEMO_USER.email, password: DEMO_USER.password, remember: true }])).body);
    expect(signedIn).toMatchObject({ ok: true, session: { status: 'signed-in', user: { email: DEMO_USER.email } } });
    expect(Object.keys(signedIn.session).sort()).toEqual(['expiresAt', 'offline', 'persistence', 'status', 'storage', 'user']);
  });

  test('refuses oversized and non-JSON bodies', async () => {
    const huge = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const tooLarge = await raw(harness.url, '/__tessera/invoke/session:get', { method: 'POST', headers: fromPage(harness.url), body: huge });
    expect(tooLarge.status).toBe(413);
    const form = await raw(harness.url, '/__tessera/invoke/session:get', {
      method: 'POST',
      headers: fromPage(harness.url, { 'Content-Type': 'text/plain' }),
      body: '{"args":[]}',
    });
    expect(form.status).toBe(415);
    const broken = await raw(harness.url, '/__tessera/invoke/session:get', { method: 'POST', headers: fromPage(harness.url), body: '{"args":' });
    expect(broken.status).toBe(400);
    expect((await raw(harness.url, '/__tessera/invoke/session:get', { headers: fromPage(harness.url) })).status).toBe(405);
  });

  test('serves nothing outside the renderer directory', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/%5c..%5cpackage.json', '/%00', '/%E0%A4%A']) {
      const response = await raw(harness.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('"name": "tessera"');
    }
    expect((await raw(harness.url, '/', { method: 'POST' })).status).toBe(405);
  });

  test('simulates the keystores the app meets: secure, weak (basic_text), unavailable', async ({ dataDir, auth }) => {
    const expected = {
      secure: { level: 'secure', backend: 'aes-256-gcm', canPersist: true },
      weak: { level: 'weak', backend: 'basic_text', canPersist: false },
      unavailable: { level: 'unavailable', backend: 'unknown', canPersist: false },
    } as const;
    for (const keystore of ['weak', 'unavailable'] as const) {
      const other = await spawnHarness({ dataDir: join(dataDir, keystore), authUrl: auth.url, keystore });
      try {
        const answer = JSON.parse((await invoke(other, 'session:get', [])).body);
        expect(answer.session.storage).toMatchObject(expected[keystore]);
      } finally {
        await other.stop();
      }
    }
    expect(JSON.parse((await invoke(harness, 'session:get', [])).body).session.storage).toMatchObject(expected.secure);
  });

  test('keeps its key and the session in owner-only files, and exits cleanly on SIGTERM', async ({ dataDir }) => {
    await invoke(harness, 'session:sign-in', [{ email: DEMO_USER.email, password: DEMO_USER.password, remember: true }]);
    expect(hasSavedSession(dataDir)).toBe(true);
    test.skip(process.platform === 'win32', 'file modes and SIGTERM are POSIX');
    expect(statSync(join(dataDir, 'cipher.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'session.json')).mode & 0o777).toBe(0o600);
    expect(await harness.stop().then(() => harness.exitCode())).toBe(0);
  });
});
