// Classification in the browser, as the people who do it: the information owner opens
// the asset whose draft waits for them, decides it, and sees it current everywhere; the
// samordnare assesses an object's requirements and the share met follows. Every page
// is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the information owner decides the draft; it becomes the current classification', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'agare@exempelkommun.se');
  await visit(page, '/classification');
  assert.match(await page.locator('main').innerText(), /Utkast som väntar på beslut\s*1/);
  // the demo's draft belongs to an asset this owner owns
  const href = await page.locator('a[href^="/classifications?status=draft"]').getAttribute('href');
  await visit(page, href);
  await visit(page, await page.locator('main table tbody a').first().getAttribute('href'));
  const assetHref = await page.locator('dd a[href^="/assets/"]').first().getAttribute('href');
  await visit(page, assetHref);
  assert.match(await page.locator('#classification').innerText(), /Utkast/);
  await submit(page, 'form[action$="/decide"] button', { label: 'after deciding' });
  await visit(page, assetHref);
  const section = await page.locator('#classification').innerText();
  assert.match(section, /Gällande klassning: Version 1/);
  assert.match(section, /Konfidentialitet[\s\S]*skada/);
  assert.doesNotMatch(section, /Besluta klassningen/);
  await context.close();
});

test('the samordnare classifies a new version through the form, with the scale in words', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/assets/3');
  await page.locator('#classification a.button').click();
  await page.waitForLoadState();
  const options = await page.locator('#in-k option').allInnerTexts();
  assert.deepEqual(options.slice(1), ['0 – Försumbar skada', '1 – Måttlig skada', '2 – Betydande skada', '3 – Allvarlig skada', '4 – Synnerligen allvarlig skada']);
  assert.match(await page.locator('#help-k').innerText(), /känd för någon som inte ska ha den/);
  await page.selectOption('#in-k', '2');
  await page.fill('#in-motivation', '');
  await submit(page, 'form.form button[type=submit]', { label: 'invalid classification' });
  assert.match(await page.locator('.error-summary').innerText(), /Motivering/);
  await page.fill('#in-motivation', 'Ny bedömning efter byte av leverantör.');
  await submit(page, 'form.form button[type=submit]', { label: 'after saving the draft' });
  assert.match(await page.locator('main').innerText(), /Utkast/);
  await context.close();
});

test('the requirements of an object are assessed area by area', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/objects/1/requirements');
  const first = page.locator('section.related form').first();
  const select = first.locator('select').first();
  await select.selectOption('met');
  await Promise.all([page.waitForNavigation(), first.locator('button[type=submit]').click()]);
  assert.match(await page.locator('.flash').innerText(), /sparades/);
  assert.match(await page.locator('dl.detail').innerText(), /Bedömda\s*1 av/);
  await visit(page, '/objects/1/annex');
  assert.match(await page.locator('h1').innerText(), /Kravbilaga/);
  await context.close();
});
