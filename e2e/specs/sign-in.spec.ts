import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, expectStorageNoticeFor, signIn, signInScreen, signedInScreen } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';

/** Signing in and out as a user does, with the mouse and with the keyboard only. */

test('signs in with the demo user, shows who is signed in, and signs out', async ({ app }, testInfo) => {
  const { page } = app;
  const form = signInScreen(page);
  await expect(form.heading).toBeVisible();
  await expect(form.email).toBeFocused();
  await expect(form.remember).toBeChecked();
  await expectStorageNoticeFor(page, app.keystore);
  await app.screenshot(testInfo, 'sign-in');

  await signIn(page, DEMO_USER);
  await expectSignedIn(page, DEMO_USER);
  const screen = signedInScreen(page);
  await expect(screen.heading).toBeFocused();
  await expect(screen.detail('Session expires')).not.toBeEmpty();
  await app.screenshot(testInfo, 'signed-in');

  await screen.signOut.click();
  await expect(form.heading).toBeVisible();
  await expect(form.email).toHaveValue('');
  await expect(form.alert).toHaveCount(0);
  expect(app.pageErrors()).toEqual([]);
});

test('works with the keyboard only: tab through the form, type, Enter submits', async ({ app }) => {
  const { page } = app;
  const form = signInScreen(page);
  await expect(form.heading).toBeVisible();
  await expect(form.email).toBeFocused();

  await page.keyboard.type(DEMO_USER.email);
  await page.keyboard.press('Tab');
  await expect(form.password).toBeFocused();
  await page.keyboard.type(DEMO_USER.password);
  await page.keyboard.press('Tab');
  await expect(form.remember).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.submit).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(form.password).toBeFocused();
  await page.keyboard.press('Enter');

  await expectSignedIn(page, DEMO_USER);
  const screen = signedInScreen(page);
  await expect(screen.heading).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(screen.signOut).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.heading).toBeVisible();
  await expect(form.email).toBeFocused();
});

test('the page sees exactly the preload API: five named verbs, nothing else', async ({ app }) => {
  const verbs = await app.page.evaluate(() => Object.keys((globalThis as unknown as { tessera: object }).tessera).sort());
  expect(verbs).toEqual(['getSession', 'onSessionChanged', 'setWeakStorageAllowed', 'signIn', 'signOut']);
});
