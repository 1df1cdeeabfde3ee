import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, signIn, signInScreen, signedInScreen } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';

/**
 * Several windows on one session: main owns it, and every window hears `session:changed`.
 * (Electron: File › New Window; harness: a second page on the same harness.)
 */
test('two windows stay in sync through sign-in and sign-out', async ({ app }) => {
  const first = app.page;
  await expect(signInScreen(first).heading).toBeVisible();
  const second = await app.openWindow();
  await expect(signInScreen(second).heading).toBeVisible();

  await signIn(first, DEMO_USER);
  await expectSignedIn(first, DEMO_USER);
  await expectSignedIn(second, DEMO_USER);

  // A window opened now starts on the same state.
  const third = await app.openWindow();
  await expectSignedIn(third, DEMO_USER);

  await signedInScreen(second).signOut.click();
  for (const window of [first, second, third]) await expect(signInScreen(window).heading).toBeVisible();
});

test.describe('with short access tokens', () => {
  test.use({ authOptions: { accessTtlSeconds: 4 } });

  test('a session revoked on the server ends in every window', async ({ app, auth }) => {
    const first = app.page;
    await signIn(first, DEMO_USER);
    await expectSignedIn(first, DEMO_USER);
    const second = await app.openWindow();
    await expectSignedIn(second, DEMO_USER);

    auth.revokeUser(DEMO_USER.email);
    for (const window of [first, second]) {
      await expect(signInScreen(window).alert).toHaveText('Your session expired — sign in again.', { timeout: 15_000 });
    }
  });
});
