// Two-step verification in the browser, as the samordnare (no other browser test logs in
// as her): switching it on from her account page (QR code and key, a first code from the
// "app" — computed here with node's crypto), the recovery codes shown once, logging in
// again through the second step, a recovery code at the second step, and switching it off.
// Every page on the way is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y, PASSWORD, ADMIN } from './lib.mjs';
import { totp, freshStep } from '../api/totp.mjs';

const USER = 'samordnare@exempelkommun.se';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function passwordStep(page) {
  await visit(page, '/login');
  await page.fill('#email', USER);
  await page.fill('#password', PASSWORD);
  await submit(page, 'form[action="/login"] button[type=submit]', { label: 'the second step' });
  assert.equal(new URL(page.url()).pathname, '/login/code');
  assert.equal((await page.context().cookies()).some((c) => c.name === 'lis_session'), false);
}

test('switching on two-step verification, logging in with a code and with a recovery code', async () => {
  const { context, page } = await newPage(browser);
  let secret, codes;
  try {
    await login(page, USER);
    await visit(page, '/account');
    await page.getByRole('link', { name: 'Hantera tvåstegsverifiering' }).click();
    await page.waitForURL('**/account/two-step');
    await checkA11y(page, 'two-step, off');
    await submit(page, 'form[action="/account/two-step/start"] button[type=submit]', { label: 'the QR code' });
    assert.equal(await page.locator('figure.qr svg').count(), 1);
    secret = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    // a wrong first code: an error, still off
    await page.fill('#code', totp(secret, 9));
    const wrong = await submit(page, 'form[action="/account/two-step/confirm"] button[type=submit]', { label: 'a wrong first code' });
    assert.equal(wrong.status(), 422);
    assert.match(await page.locator('.error-summary[role=alert]').innerText(), /Koden stämmer inte/);
    await freshStep();
    await page.fill('#code', totp(secret));
    await submit(page, 'form[action="/account/two-step/confirm"] button[type=submit]', { label: 'the recovery codes' });
    codes = await page.locator('#recovery-codes code').allInnerTexts();
    assert.equal(codes.length, 10);
    assert.match(await page.locator('.flash[role=status]').innerText(), /Tvåstegsverifiering är på/);
    // shown once: the page again shows how many are left, not the codes
    await visit(page, '/account/two-step');
    assert.equal(await page.locator('#recovery-codes').count(), 0);
    assert.equal((await page.locator('#codes-left').innerText()).trim(), '10');
    await submit(page, 'form[action="/logout"] button[type=submit]');
  } finally {
    await context.close();
  }

  // logging in: the password, then the app's code
  {
    const { context: c2, page: p2 } = await newPage(browser);
    try {
      await passwordStep(p2);
      await p2.fill('#code', totp(secret, 1)); // the enrolment's step is spent: the next one
      await submit(p2, 'form[action="/login/code"] button[type=submit]', { label: 'after the code' });
      assert.equal(new URL(p2.url()).pathname, '/home');
      assert.ok((await p2.locator('.lead').innerText()).includes('Sara Ek'));
    } finally {
      await c2.close();
    }
  }

  // without the phone: a recovery code, once
  const { context: c3, page: p3 } = await newPage(browser);
  try {
    await passwordStep(p3);
    await p3.fill('#code', totp(secret, 5));
    const wrong = await submit(p3, 'form[action="/login/code"] button[type=submit]', { label: 'a wrong code' });
    assert.equal(wrong.status(), 401);
    assert.match(await p3.locator('.error-summary[role=alert]').innerText(), /Koden stämmer inte/);
    await p3.fill('#code', codes[0]);
    await submit(p3, 'form[action="/login/code"] button[type=submit]', { label: 'after a recovery code' });
    assert.equal(new URL(p3.url()).pathname, '/home');
    await visit(p3, '/account/two-step');
    assert.equal((await p3.locator('#codes-left').innerText()).trim(), '9');
    // switching it off needs the password (or a code)
    await p3.fill('#proof-off', PASSWORD);
    await submit(p3, 'form[action="/account/two-step/off"] button[type=submit]', { label: 'switched off' });
    assert.equal(await p3.locator('form[action="/account/two-step/start"]').count(), 1);
  } finally {
    await c3.close();
  }
});

test('the tenant admin\'s setting of who must use two-step verification is accessible', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, ADMIN);
    await visit(page, '/settings/two-step');
    assert.equal(await page.locator('#policy-nobody').isChecked(), true);
    assert.equal(await page.locator('input[name=role]').count(), 13, 'every role, the national viewer too');
  } finally {
    await context.close();
  }
});
