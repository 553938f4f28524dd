// Classification in the browser, as the people who do it: the information owner opens
// the asset whose draft waits for them, decides it, and sees it current everywhere; the
// samordnare assesses an object's requirements and the share met follows. Every page
// is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

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

test('the self-assessment is one form: a save in any chapter keeps the changes in every chapter', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/objects/1/requirements?show=open');
  await checkA11y(page, 'self-assessment');
  const chapters = page.locator('section.related');
  assert.ok((await chapters.count()) >= 2, 'at least two chapters not yet assessed');
  const first = chapters.nth(0).locator('select').first();
  const later = chapters.nth(1).locator('select').first();
  const laterName = await later.getAttribute('name');
  await first.selectOption('met');
  await later.selectOption('not_met');
  // the changes are counted where the save button is
  assert.match(await page.locator('.assess-save .unsaved-count').innerText(), /Osparade ändringar: 2/);
  // the first chapter's own button saves the later chapter's change too
  await Promise.all([page.waitForNavigation(), chapters.nth(0).locator('button[type=submit]').click()]);
  assert.match(await page.locator('.flash').innerText(), /Sparat. Ändrade svar: 2/);
  await visit(page, '/objects/1/requirements');
  assert.equal(await page.locator(`select[name="${laterName}"]`).inputValue(), 'not_met');
  assert.match(await page.locator('dl.detail').innerText(), /Bedömda\s*2 av/);
  // the chapter index leads to a chapter; the gap filter shows the one gap
  assert.ok((await page.locator('nav.chapter-index li').count()) >= 2);
  await visit(page, '/objects/1/requirements?show=gaps');
  assert.equal(await page.locator('section.related select').count(), 1);
  await visit(page, '/objects/1/annex');
  assert.match(await page.locator('h1').innerText(), /Kravbilaga/);
  await context.close();
});
