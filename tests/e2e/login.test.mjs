// Logging in and out, as the auditor (revisor), so that these tests share no state
// with the administrator's scenario that may run at the same time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, switchLanguage, PASSWORD } from './lib.mjs';

const USER = 'revisor@exempelkommun.se';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a wrong password shows an error and no session', async () => {
  const { context, page } = await newPage(browser);
  try {
    await visit(page, '/login');
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.fill('#email', USER);
    await page.fill('#password', 'not-the-password');
    const res = await submit(page, 'form[action="/login"] button[type=submit]');
    assert.equal(res.status(), 401);
    assert.equal(new URL(page.url()).pathname, '/login');
    const error = page.locator('.error-summary[role=alert]');
    assert.equal((await error.innerText()).trim(), 'Fel e-postadress eller lösenord.');
    assert.equal(await page.inputValue('#email'), USER, 'the address is kept');
    assert.equal(await page.inputValue('#password'), '', 'the password is not');
    assert.equal((await context.cookies()).some((c) => c.name === 'lis_session'), false);
    // the protected pages still send the visitor to the login page
    await visit(page, '/home');
    assert.equal(new URL(page.url()).pathname, '/login');
  } finally {
    await context.close();
  }
});

test('the login page switches to English before logging in', async () => {
  const { context, page } = await newPage(browser);
  try {
    await visit(page, '/login');
    assert.equal(await page.locator('h2').innerText(), 'Logga in');
    await switchLanguage(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h2').innerText(), 'Log in');
    assert.equal(await page.locator('label[for=password]').innerText(), 'Password');
  } finally {
    await context.close();
  }
});

test('logging in and out works', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, USER, PASSWORD);
    assert.ok((await page.locator('.lead').innerText()).includes('Rita Gran'));
    await submit(page, 'form[action="/logout"] button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.locator('header.top nav').count(), 0);
    // the old session is gone: the start page asks for a login again
    await visit(page, '/home');
    assert.equal(new URL(page.url()).pathname, '/login');
    await visit(page, '/coverage');
    assert.equal(new URL(page.url()).pathname, '/login');
  } finally {
    await context.close();
  }
});
