// The e-mail settings in the browser, as the tenant administrator: the form reached from
// the menu, a port out of range refused with the error said at the top (axe-checked), and
// the settings saved with the password not shown again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the administrator sets the SMTP relay; a bad port is refused, the password stays hidden', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page);
    assert.equal(await page.locator('nav.main a[href="/settings/mail"]').count(), 1);
    await visit(page, '/settings/mail');
    await page.fill('#host', 'smtp.exempelkommun.se');
    await page.fill('#port', '70000');
    await page.check('#security-starttls');
    await page.fill('#sender', 'lis@exempelkommun.se');
    // the browser's own check would stop the form: send it as a browser without one would
    await page.locator('form[action="/settings/mail"]').evaluate((f) => { f.noValidate = true; });
    await submit(page, 'form[action="/settings/mail"] button[type=submit]', { label: 'a bad port' });
    assert.match(await page.locator('[role=alert]').innerText(), /Ange en port mellan 1 och 65535/);
    await page.fill('#port', '587');
    await page.fill('#username', 'lis-relay');
    await page.fill('#password', 'hemligt-lösen');
    await submit(page, 'form[action="/settings/mail"] button[type=submit]', { label: 'saved' });
    assert.match(await page.locator('[role=status]').innerText(), /Inställningarna är sparade/);
    assert.equal(await page.locator('#password').inputValue(), '');
    assert.match(await page.locator('#password-help').innerText(), /Ett lösenord är sparat/);
    assert.ok(!(await page.content()).includes('hemligt-lösen'));
  } finally {
    await context.close();
  }
});
