// Reminders in the browser (axe-checked at every step): a coordinator finds her choice on
// her account page, gets an error said at the top when the form is incomplete, and saves
// one message per reminder in English; the start page shows the reminders due today; the
// administrator reads the outgoing e-mail from the e-mail settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a person chooses how she is reminded, on her own account page', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'samordnare@exempelkommun.se');
    await visit(page, '/account');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/account/reminders"]')]);
    assert.equal(new URL(page.url()).pathname, '/account/reminders');
    assert.equal(await page.locator('h1').innerText(), 'Påminnelser per e-post');
    // nothing chosen: said at the top, nothing saved
    await page.locator('#mode-digest').evaluate((e) => { e.checked = false; });
    await page.locator('#mode-immediate').evaluate((e) => { e.checked = false; });
    await submit(page, 'form[action="/account/reminders"] button[type=submit]', { label: 'no mode' });
    assert.match(await page.locator('[role=alert]').innerText(), /Välj en sammanställning om dagen eller ett brev per påminnelse/);
    await page.check('#mode-immediate');
    await page.selectOption('#lang', 'en');
    await submit(page, 'form[action="/account/reminders"] button[type=submit]', { label: 'saved' });
    assert.match(await page.locator('[role=status]').innerText(), /Dina val är sparade/);
    assert.ok(await page.locator('#mode-immediate').isChecked());
    assert.equal(await page.locator('#lang').inputValue(), 'en');
    // back to a digest, for whoever reads the demo next
    await page.check('#mode-digest');
    await page.selectOption('#lang', 'sv');
    await submit(page, 'form[action="/account/reminders"] button[type=submit]', { label: 'saved again' });
  } finally {
    await context.close();
  }
});

test('the start page shows the reminders due today; the administrator reads the outgoing e-mail', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'ciso@exempelkommun.se');
    const section = page.locator('#reminders');
    assert.equal(await section.locator('h2').innerText(), 'Påminnelser i dag');
    assert.ok(await section.locator('li').count() > 0);
    await context.clearCookies();
    await login(page);
    await visit(page, '/settings/mail');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/settings/mail/queue"]')]);
    assert.equal(await page.locator('h1').innerText(), 'Utgående e-post');
    await page.selectOption('#f-status', 'failed');
    await submit(page, 'form[action="/settings/mail/queue"] button[type=submit]', { label: 'failed only' });
    assert.match(page.url(), /status=failed/);
  } finally {
    await context.close();
  }
});
