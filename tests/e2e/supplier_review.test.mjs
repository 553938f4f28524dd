// A supplier followed up in the browser, as a CISO: a review planned on the supplier's
// page (whose next review then shows overdue), a finding from it turned into an action
// with one click, a certification expiring within 60 days flagged; the supplier's page
// lists reviews, certifications and open findings, and the employee sees no findings.
// Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO reviews a supplier: a finding becomes an action, a certification near expiry is flagged', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/suppliers/new');
  const name = `Granskad Drift ${tag}`;
  await page.fill('#in-name', name);
  await page.fill('#in-incident_contact', 'Jouren');
  await submit(page, 'form.form button[type=submit].primary', { label: 'a new supplier' });
  const supplierPath = new URL(page.url()).pathname;
  assert.match(supplierPath, /^\/suppliers\/\d+$/);
  assert.match(await page.locator('.record-fields').innerText(), /12/, 'reviewed yearly by default');

  // a review planned last week, not yet held
  await submit(page, 'a[href^="/supplier_reviews/new?supplier_id="]', { label: 'the review form' });
  await page.fill('#in-title', `Årlig uppföljning ${tag}`);
  await page.selectOption('#in-status', 'planned');
  await page.fill('#in-planned_on', day(-7));
  await submit(page, 'form.form button[type=submit].primary', { label: 'the review' });
  assert.equal(new URL(page.url()).pathname, supplierPath, 'back on the supplier, its reviews listed');
  await submit(page, `a:has-text("Årlig uppföljning ${tag}")`, { label: 'the review' });
  assert.match(new URL(page.url()).pathname, /^\/supplier_reviews\/\d+$/);

  // a finding from the review, and the action made from it
  await submit(page, 'a[href^="/supplier_findings/new?review_id="]', { label: 'the finding form' });
  await page.fill('#in-title', `Ingen förteckning över underbiträden ${tag}`);
  await page.selectOption('#in-severity', 'high');
  await submit(page, 'form.form button[type=submit].primary', { label: 'the finding' });
  await submit(page, `a:has-text("Ingen förteckning över underbiträden ${tag}")`, { label: 'the finding' });
  assert.match(await page.locator('#supplier-gap').innerText(), /Skapa åtgärd/);
  await submit(page, '#supplier-gap a.button', { label: 'the action form from the finding' });
  assert.equal(new URL(page.url()).pathname, '/actions/new');
  assert.match(await page.inputValue('#in-title'), new RegExp(`${name}: Ingen förteckning`));

  // a certification expiring within 60 days
  await visit(page, supplierPath);
  await submit(page, '#supplier-certifications a[href^="/supplier_certifications/new"]', { label: 'the certification form' });
  await page.selectOption('#in-standard', 'iso27001');
  await page.fill('#in-seen_on', day(-200));
  await page.fill('#in-expires_on', day(30));
  await submit(page, 'form.form button[type=submit].primary', { label: 'the certification' });

  await visit(page, supplierPath, { label: 'the supplier with its follow-up' });
  assert.match(await page.locator('#supplier-certifications').innerText(), /ISO\/IEC 27001.*Går ut inom 60 dagar/);
  assert.match(await page.locator('#supplier-open-findings').innerText(), /Ingen förteckning över underbiträden/);
  assert.match(await page.locator('main').innerText(), new RegExp(`Årlig uppföljning ${tag}`));
  assert.match(await page.locator('.record-fields').innerText(), /Försenad/, 'the next review is overdue');
  assert.equal(await page.locator('#supplier-annex-import input[type=file]').count(), 1, 'the annex import form');

  // the annex of an object, returned as it was written (no answers yet): previewed row by row
  await visit(page, '/objects');
  const objectPath = await page.locator('table.list a[href^="/objects/"]').first().getAttribute('href');
  const annex = await page.request.get(`${objectPath}/annex.xlsx`);
  assert.equal(annex.status(), 200);
  await visit(page, supplierPath);
  await page.setInputFiles('#annex-file', { name: 'kravbilaga.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await annex.body() });
  await submit(page, '#supplier-annex-import button[type=submit]', { label: 'the preview of the returned annex' });
  assert.match(await page.locator('main').innerText(), /Alla rader kan importeras. Ingenting är sparat ännu./);
  assert.match(await page.locator('main').innerText(), /Obesvarade/);
  await context.close();

  const employee = await newPage(browser);
  await login(employee.page, 'medarbetare@exempelkommun.se');
  await visit(employee.page, supplierPath, { label: 'the supplier as an employee' });
  assert.equal(await employee.page.locator('#supplier-open-findings').count(), 0);
  assert.doesNotMatch(await employee.page.locator('main').innerText(), /Ingen förteckning över underbiträden/);
  assert.match(await employee.page.locator('#supplier-certifications').innerText(), /ISO\/IEC 27001/);
  await employee.context.close();
});
