import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, signIn, signInScreen } from '../fixtures/screens';
import { hasSavedSession } from '../fixtures/store-files';
import { expect, test } from '../fixtures/test';

/**
 * Sessions that end on the server side: main notices on its own and tells the page.
 *
 * Short access tokens (4 s) make the app refresh every couple of seconds, so the change arrives
 * as a pushed `session:changed` event, not as the answer to a call the page made.
 */
test.use({ authOptions: { accessTtlSeconds: 4 } });

test('keeps the session fresh by itself', async ({ app, auth }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);

  await expect.poll(() => auth.requestCounts()['POST /auth/refresh'] ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expectSignedIn(app.page, DEMO_USER);
});

test('a session revoked on the server ends with "Your session expired"', async ({ app, auth }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  expect(hasSavedSession(app.dataDir)).toBe(true);

  auth.revokeUser(DEMO_USER.email);

  const form = signInScreen(app.page);
  await expect(form.heading).toBeVisible({ timeout: 15_000 });
  await expect(form.alert).toHaveText('Your session expired — sign in again.');
  expect(hasSavedSession(app.dataDir)).toBe(false);
});

test('losing the auth server shows "Offline" and keeps the session; it recovers by itself', async ({ app, auth }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);

  await auth.disconnect();
  const offline = app.page.getByRole('status').filter({ hasText: 'Offline' });
  await expect(offline).toBeVisible({ timeout: 15_000 });
  await expectSignedIn(app.page, DEMO_USER);
  expect(hasSavedSession(app.dataDir)).toBe(true);

  auth.reconnect();
  await expect(offline).toBeHidden({ timeout: 15_000 });
  await expectSignedIn(app.page, DEMO_USER);
});
