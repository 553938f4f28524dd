// Suppliers and agreements in the browser, as a CISO: the register lists the suppliers the
// demo's free-text names became; a new supplier with a mistyped organisationsnummer is
// refused with the reason, then saved; the demo's SLA promises 24 hours where the
// continuity plan needs 8, and its page says so; the report of unmatched names, the
// agreement form with its supplier picker and a system's agreements; and the supplier's
// page in English. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, switchLanguage } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO registers a supplier, sees its page and the SLA that promises less than the plan needs', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/suppliers');
  const list = await page.locator('table.list').innerText();
  assert.match(list, /Tietoevry/);
  assert.match(list, /Microsoft/);

  await visit(page, '/suppliers/new');
  const name = `Norrlandsdrift ${tag}`;
  await page.fill('#in-name', name);
  await page.fill('#in-org_number', '556677-8898');
  await page.fill('#in-incident_contact', 'Jouren');
  await page.fill('#in-incident_phone', '+46 60 123 00 00');
  await submit(page, 'form.form button[type=submit].primary', { label: 'a wrong organisationsnummer' });
  assert.match(await page.locator('.error-summary').innerText(), /Organisationsnumret stämmer inte/);
  await page.fill('#in-org_number', '5566778899');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/suppliers\/\d+$/);
  const detail = await page.locator('.record-fields').innerText();
  assert.match(detail, /556677-8899/);
  assert.match(detail, /\+46 60 123 00 00/);
  assert.match(await page.locator('#supplier-need').innerText(), /Ingen information i leverantörens system är klassad ännu/);

  await visit(page, '/agreements?kind=sla');
  await submit(page, 'table.list a:has-text("Drift och support")', { label: 'the demo SLA' });
  const check = await page.locator('#sla-check').innerText();
  assert.match(check, /Avtalet lovar mindre än kontinuitetsplanerna kräver/);
  assert.match(check, /Utlovad RTO är längre än planens/);
  await submit(page, '.record-fields a[href^="/suppliers/"]', { label: 'the SLA\'s supplier' });
  assert.match(await page.locator('#supplier-need').innerText(), /Konfidentialitet/);

  await visit(page, '/suppliers/unmatched');
  assert.match(await page.locator('main').innerText(), /Alla leverantörsnamn på systemen matchar en leverantör i registret/);
  await visit(page, '/agreements/new');
  assert.equal(await page.locator('#in-supplier_id').count(), 1);
  await visit(page, '/systems?q=Microsoft 365');
  await submit(page, 'table.list a:has-text("Microsoft 365")', { label: 'a system with its agreements' });
  assert.match(await page.locator('#system-agreements').innerText(), /Drift och support/);

  await visit(page, path);
  await switchLanguage(page);
  assert.match(await page.locator('main').innerText(), /Highest protection need among the supplier's systems/);
  await switchLanguage(page);
  await context.close();
});
