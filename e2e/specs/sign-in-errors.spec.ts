import { existsSync } from 'node:fs';
import { DEMO_USER } from '../fixtures/auth-server';
import { expectSignedIn, signIn, signInScreen } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';

/** What the user sees when signing in fails, and that nothing is kept from a failed attempt. */

const wrongCredentials = 'Wrong email or password.';
const unreachable = "Can't reach the server. Check your connection and try again.";

test('a wrong password shows an alert, keeps the fields and writes no file', async ({ app }) => {
  const form = signInScreen(app.page);
  await signIn(app.page, { email: DEMO_USER.email, password: 'not-the-password' });

  await expect(form.alert).toHaveText(wrongCredentials);
  await expect(form.alert).toBeFocused();
  await expect(form.email).toHaveValue(DEMO_USER.email);
  await expect(form.password).toHaveValue('not-the-password');
  await expect(form.heading).toBeVisible();
  expect(existsSync(app.sessionFile), 'session.json must not be written').toBe(false);
});

test('an unknown email shows the same alert', async ({ app }) => {
  const form = signInScreen(app.page);
  await signIn(app.page, { email: 'nobody@tessera.dev', password: DEMO_USER.password });

  await expect(form.alert).toHaveText(wrongCredentials);
  await expect(form.email).toHaveValue('nobody@tessera.dev');
  expect(existsSync(app.sessionFile), 'session.json must not be written').toBe(false);
});

test.describe('with a rate limit of 3 failures', () => {
  test.use({ authOptions: { rateLimit: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 60 } } });

  test('repeated failures show the rate-limit alert with the seconds to wait', async ({ app, auth }) => {
    const form = signInScreen(app.page);
    const logins = () => auth.requestCounts()['POST /auth/login'] ?? 0;
    await signIn(app.page, { email: DEMO_USER.email, password: 'guess-1' });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      if (attempt > 1) {
        await form.password.fill(`guess-${attempt}`);
        await form.submit.click();
      }
      await expect.poll(logins).toBe(attempt);
      await expect(form.submit).toBeEnabled();
      // The attempt that reaches the limit still answers "wrong"; the next one is refused.
      if (attempt <= 3) await expect(form.alert).toHaveText(wrongCredentials);
    }

    await expect(form.alert).toHaveText(/^Too many attempts\. Try again in \d+ seconds\.$/);
    const seconds = Number((await form.alert.textContent())?.match(/\d+/)?.[0]);
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
    await expect(form.email).toHaveValue(DEMO_USER.email);
    expect(auth.requestCounts()['POST /auth/login']).toBe(4);

    // Submitting during the wait repeats the message without asking the server again.
    await form.submit.click();
    await expect(form.alert).toHaveText(/^Too many attempts\. Try again in \d+ seconds?\.$/);
    expect(auth.requestCounts()['POST /auth/login']).toBe(4);
  });
});

test('an unreachable auth server shows an alert; once it is back, sign-in works without a restart', async ({ app, auth }) => {
  const form = signInScreen(app.page);
  await auth.stop();
  await signIn(app.page, DEMO_USER);
  await expect(form.alert).toHaveText(unreachable);
  await expect(form.email).toHaveValue(DEMO_USER.email);
  await expect(form.password).toHaveValue(DEMO_USER.password);

  await auth.start();
  await form.submit.click();
  await expectSignedIn(app.page, DEMO_USER);
});
