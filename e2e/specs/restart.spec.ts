import { readFileSync, writeFileSync } from 'node:fs';
import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, rememberedStorageText, signIn, signInScreen, signedInScreen } from '../fixtures/screens';
import { corruptSessionFiles, hasSavedSession } from '../fixtures/store-files';
import { expect, test } from '../fixtures/test';

/** What survives quitting and starting the app again, and what must not. */

test('a remembered session survives a restart (restored from disk)', async ({ app }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText(rememberedStorageText(app.keystore));
  expect(hasSavedSession(app.dataDir)).toBe(true);

  await app.restart();
  await expectSignedIn(app.page, DEMO_USER);
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText(rememberedStorageText(app.keystore));
});

test('without "Keep me signed in", a restart shows the sign-in screen', async ({ app }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER, { remember: false });
  await expectSignedIn(app.page, DEMO_USER);
  await expect(signedInScreen(app.page).detail('Storage')).toHaveText('This session ends when you quit Tessera');
  expect(hasSavedSession(app.dataDir)).toBe(false);

  await app.restart();
  const form = signInScreen(app.page);
  await expect(form.heading).toBeVisible();
  await expect(form.alert).toHaveCount(0);
});

test('after signing out, a restart shows the sign-in screen and the record is gone from the store', async ({ app }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  expect(hasSavedSession(app.dataDir)).toBe(true);

  await signedInScreen(app.page).signOut.click();
  await expect(signInScreen(app.page).heading).toBeVisible();
  expect(hasSavedSession(app.dataDir)).toBe(false);

  await app.restart();
  await expect(signInScreen(app.page).heading).toBeVisible();
  expect(hasSavedSession(app.dataDir)).toBe(false);
  expect(readFileSync(app.sessionFile, 'utf8')).not.toContain('record');
});

test('a corrupt session file: sign-in screen, no crash, the file kept aside', async ({ app }) => {
  await expect(signInScreen(app.page).heading).toBeVisible();
  await app.allowRememberedSessions();
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);

  const corrupt = '{"record": "this is not what Tessera wrote';
  await app.restart({ whileStopped: () => writeFileSync(app.sessionFile, corrupt) });

  const form = signInScreen(app.page);
  await expect(form.heading).toBeVisible();
  await expect(form.corruptNote).toBeVisible();
  const keptAside = corruptSessionFiles(app.dataDir);
  expect(keptAside).toHaveLength(1);
  expect(readFileSync(keptAside[0] as string, 'utf8')).toBe(corrupt);
  expect(hasSavedSession(app.dataDir)).toBe(false);

  // Still a working app: signing in again saves a fresh record.
  await signIn(app.page, DEMO_USER);
  await expectSignedIn(app.page, DEMO_USER);
  expect(hasSavedSession(app.dataDir)).toBe(true);
  expect(app.pageErrors()).toEqual([]);
});
