// Cybersäkerhetslagen in the browser, as a CISO: the overview of the organisations; a new
// bolag's status recorded through the form (a sector reason without the sector is refused
// with the reason, then saved and shown as väsentlig); registered, then a registered fact
// changed: the change to report, 14 days later, on the organisation's page and the start
// page; marked reported; the ledning's training on the organisation's page; the coverage
// page with the functions resting on one person; the overview in English. Every page is
// checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, switchLanguage } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO records a bolag\'s status and registration, changes a fact and reports the change', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/csl');
  const overview = await page.locator('main').innerText();
  assert.match(overview, /Energi AB/);
  assert.match(overview, /Ledningens utbildning/);
  assert.match(overview, /tillsynsmyndigheten/);

  // a new bolag under the koncern (the administrator makes units), so the test can run
  // again on the same database
  const name = `Vatten AB ${tag}`;
  const admin = await newPage(browser);
  await login(admin.page, 'admin@exempelkommun.se');
  await visit(admin.page, '/units/new');
  await admin.page.fill('#in-name', name);
  await admin.page.selectOption('#in-kind', 'bolag');
  await admin.page.selectOption('#in-parent_id', { label: 'Stadshus AB' });
  await submit(admin.page, 'form.form button[type=submit].primary', { label: 'the new bolag' });
  assert.match(new URL(admin.page.url()).pathname, /^\/units\/\d+$/);
  await admin.context.close();

  await visit(page, '/csl');
  await submit(page, `main a:has-text("Ange status (${name})")`, { label: 'the status form' });
  await page.selectOption('#in-reason', 'sector_medium');
  await submit(page, 'form.form button[type=submit].primary', { label: 'a sector reason without the sector' });
  assert.match(await page.locator('.error-summary').innerText(), /Ange bolagets sektor/);
  await page.selectOption('#in-sector', 'drinking_water');
  await page.fill('#in-contact_phone', '010-200 00 00');
  await page.fill('#in-registered_on', '2026-02-10');
  await page.fill('#in-registration_ref', `MCF-${tag}`);
  await submit(page, 'form.form button[type=submit].primary', { label: 'the organisation saved' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/csl_organisations\/\d+$/);
  assert.match(await page.locator('.record-fields').innerText(), /Viktig verksamhetsutövare/);

  // a registered fact changes: a change to report within 14 days
  await visit(page, `${path}/edit`);
  await page.fill('#in-contact_phone', '010-300 00 00');
  await submit(page, 'form.form button[type=submit].primary', { label: 'a registered fact changed' });
  const detail = await page.locator('main').innerText();
  assert.match(detail, /Ändringar att anmäla/);
  assert.match(detail, /Kontaktens telefon/);
  await visit(page, '/home');
  const todo = await page.locator('#todo').innerText();
  assert.match(todo, /Lagstadgade frister|Ändring att anmäla/);
  assert.match(todo, new RegExp(`${name}: Kontaktens telefon`));
  await submit(page, `#todo a:has-text("${name}: Kontaktens telefon")`, { label: 'the change to report' });
  const due = await page.locator('.record-fields').innerText();
  assert.match(due, /Anmäls senast/);
  await visit(page, `${new URL(page.url()).pathname}/edit`);
  await page.fill('#in-reported_on', new Date().toISOString().slice(0, 10));
  await page.fill('#in-report_ref', `ÄND-${tag}`);
  await submit(page, 'form.form button[type=submit].primary', { label: 'the change reported' });
  await visit(page, '/home');
  assert.doesNotMatch(await page.locator('#todo').innerText(), new RegExp(`${name}: Kontaktens telefon`));

  // the kommun's own page shows its ledning and their training this mandate period
  await visit(page, '/csl');
  assert.match(await page.locator('main').innerText(), /Karin Dahl/);
  await visit(page, '/coverage');
  assert.match(await page.locator('main').innerText(), /vilar på en person/);
  await visit(page, '/roles/new');
  assert.equal(await page.locator('#in-deputy_id').count(), 1);
  assert.equal(await page.locator('#in-time_share').count(), 1);

  await visit(page, '/csl');
  await switchLanguage(page);
  assert.match(await page.locator('main').innerText(), /Management training/);
  await switchLanguage(page);
  await context.close();
});
