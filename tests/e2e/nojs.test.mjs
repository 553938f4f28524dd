// Without JavaScript: logging in and creating a unit must work with plain HTML forms.
// The unit is an avdelning, which role coverage does not count, so this file can run
// beside the coverage scenario. Selectors avoid visible texts: the administrator's
// language may be switched by that scenario meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser, context, page;

before(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser, { javaScriptEnabled: false }));
});
after(async () => {
  await context?.close();
  await browser?.close();
});

test('without JavaScript: log in', async () => {
  await login(page);
  // the menu's groups open without JavaScript (details/summary)
  const org = page.locator('header.top nav a[href="/org"]');
  assert.equal(await org.isVisible(), false);
  await page.locator('header.top nav summary', { hasText: 'Administration' }).click();
  assert.ok(await org.isVisible());
});

test('without JavaScript: an invalid unit form comes back with errors', async () => {
  await visit(page, '/units/new');
  await page.selectOption('#in-kind', 'avdelning');
  const res = await submit(page, 'form.form button[type=submit].primary');
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.error-summary a[href="#in-name"]').count(), 1);
  assert.equal(await page.getAttribute('#in-name', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#in-kind'), 'avdelning', 'what was chosen is kept');
});

test('without JavaScript: create a unit and find it in the organisation', async () => {
  const name = `Arkivavdelningen ${process.pid}`;
  await visit(page, '/org');
  await submit(page, 'a[href="/units/new"]');
  await page.fill('#in-name', name);
  await page.selectOption('#in-kind', 'avdelning');
  await page.selectOption('#in-parent_id', { label: 'Kommunledningsförvaltningen' });
  await submit(page, 'form.form button[type=submit].primary');
  assert.match(new URL(page.url()).pathname, /^\/units\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), name);
  await visit(page, '/org');
  assert.equal(await page.locator('ul.tree a', { hasText: name }).count(), 1);
});
