import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, expectStorageNoticeFor, signIn, signInScreen, signedInScreen, storageNotice } from '../fixtures/screens';
import { hasSavedSession } from '../fixtures/store-files';
import { expect, test } from '../fixtures/test';

/**
 * A weak keystore (Linux `basic_text`): sessions stay in memory unless the user opts in.
 *
 * Electron on Linux runs with `--password-store=basic`, which is exactly this; the harness
 * simulates it. Elsewhere Electron has a real keystore and this file is skipped with the reason.
 */
test.use({ keystore: 'weak' });

test('says why the session won\'t be remembered, and keeps it in memory', async ({ app }, testInfo) => {
  const notice = storageNotice(app.page);
  await expect(signInScreen(app.page).heading).toBeVisible();
  await expectStorageNoticeFor(app.page, 'weak');
  await app.screenshot(testInfo, 'sign-in-weak-storage');

  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  await expect(notice.region).toBeVisible();
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText('This session ends when you quit Tessera');
  expect(hasSavedSession(app.dataDir)).toBe(false);

  await app.restart();
  await expect(signInScreen(app.page).heading).toBeVisible();
});

test('opting in to weaker storage remembers the session across restarts, and opting out forgets it', async ({ app }) => {
  const notice = storageNotice(app.page);
  await expect(signInScreen(app.page).heading).toBeVisible();
  await notice.optIn.click();
  await expect(notice.region).toHaveText(/Sessions are remembered with weaker storage on this computer\./);

  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText('Remembered on this device (weaker storage)');
  expect(hasSavedSession(app.dataDir)).toBe(true);

  await app.restart();
  await expectSignedIn(app.page, DEMO_USER);
  await expect(storageNotice(app.page).optOut).toBeVisible();

  await storageNotice(app.page).optOut.click();
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText('This session ends when you quit Tessera');
  expect(hasSavedSession(app.dataDir)).toBe(false);
  await expect(storageNotice(app.page).optIn).toBeVisible();
});
