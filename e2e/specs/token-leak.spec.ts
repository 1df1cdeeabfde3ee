import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, signIn, signInScreen, signedInScreen } from '../fixtures/screens';
import { readAllFiles } from '../fixtures/store-files';
import { expect, test } from '../fixtures/test';

/**
 * No token ever reaches the page, the console, the logs or the disk in the clear.
 *
 * The tokens are the ones the auth server really issued during the test (the fixture's proxy
 * sees every token response). Short access tokens make the app refresh, so rotated tokens are
 * in the set too. Findings name the place and the token's index, never the token.
 */
test.use({ authOptions: { accessTtlSeconds: 4 } });

interface Source {
  name: string;
  text: string;
}

function leaks(sources: Source[], tokens: string[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    tokens.forEach((token, index) => {
      if (source.text.includes(token)) found.push(`token #${index} in ${source.name}`);
    });
  }
  return found;
}

test('no issued token shows up in bridge responses, events, the page, the console, logs or files', async ({ app, auth }) => {
  const sources: Source[] = [];
  const snapshot = async (label: string) => {
    const { html, session } = await app.page.evaluate(async () => {
      const tessera = (globalThis as unknown as { tessera: { getSession(): Promise<unknown> } }).tessera;
      const doc = (globalThis as unknown as { document: { documentElement: { outerHTML: string } } }).document;
      return { html: doc.documentElement.outerHTML, session: JSON.stringify(await tessera.getSession()) };
    });
    const events = await app.page.evaluate(() => JSON.stringify((globalThis as unknown as { __tesseraEvents?: unknown[] }).__tesseraEvents ?? []));
    sources.push(
      { name: `document (${label})`, text: html },
      { name: `getSession() (${label})`, text: session },
      { name: `session:changed events (${label})`, text: events },
      ...readAllFiles(app.dataDir).map((file) => ({ name: `file ${file.name} (${label})`, text: file.text })),
    );
  };
  const recordEvents = () =>
    app.page.evaluate(() => {
      const page = globalThis as unknown as { __tesseraEvents: unknown[]; tessera: { onSessionChanged(listener: (view: unknown) => void): void } };
      page.__tesseraEvents = [];
      page.tessera.onSessionChanged((view) => page.__tesseraEvents.push(view));
    });

  await expect(signInScreen(app.page).heading).toBeVisible();
  await recordEvents();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  // Let the app refresh (and so rotate the refresh token) at least twice.
  await expect.poll(() => auth.requestCounts()['POST /auth/refresh'] ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await snapshot('signed in');

  // Restart while the app refreshes every ~2 s: quitting waits for a refresh in flight to be
  // saved, so the restored session holds the newest refresh token and keeps refreshing.
  await app.restart();
  await expectSignedIn(app.page, DEMO_USER);
  await recordEvents();
  const refreshes = auth.requestCounts()['POST /auth/refresh'] ?? 0;
  await expect.poll(() => auth.requestCounts()['POST /auth/refresh'] ?? 0, { timeout: 15_000 }).toBeGreaterThan(refreshes);
  await expectSignedIn(app.page, DEMO_USER);
  await snapshot('restored');

  await signedInScreen(app.page).signOut.click();
  await expect(signInScreen(app.page).heading).toBeVisible();
  await snapshot('signed out');

  const tokens = auth.issuedTokens();
  // A login and at least three refreshes, each an access and a refresh token.
  expect(tokens.length).toBeGreaterThanOrEqual(8);

  const bridge = await app.bridgeResponses();
  if (app.observesBridge) expect(bridge.length).toBeGreaterThan(0);
  sources.push(
    ...bridge.map((text, index) => ({ name: `bridge response #${index}`, text })),
    { name: 'console', text: app.consoleMessages().join('\n') },
    { name: 'app output', text: app.processOutput().join('\n') },
  );
  expect(sources.some((source) => source.name.includes('session.json') && source.text.includes('"record"'))).toBe(true);
  expect(leaks(sources, tokens)).toEqual([]);
});
