// The people import as a tenant administrator uses it with the HR system's Excel export:
// an end date kept as an Excel date cell is read as the date, one still to come is kept
// on the person and shown on their page (and in their form), one passed deactivates; the
// page says the file is taken whole or not at all. Each page axe-clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';
import { xlsx } from '../api/xlsx-write.mjs';

let browser;
const tag = `hr${process.pid}x${Date.now() % 100000}`;
const serial = (date) => Math.round((Date.parse(date + 'T00:00:00Z') - Date.parse('1899-12-30')) / 86400000);

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an Excel staff list with date cells: previewed, imported, the end date on the person page', async () => {
  const { context, page } = await newPage(browser);
  await login(page);
  await visit(page, '/import/people');
  assert.match(await page.locator('main').innerText(), /hel eller inte alls/);
  assert.match(await page.locator('#people-file-help').innerText(), /datumcell i Excel/);
  const file = xlsx([['Namn', 'E-post', 'Förvaltning', 'Anställning upphör'],
    ['Frida Framtid', `${tag}.frida@exempelkommun.se`, 'IT-avdelningen', { date: serial('2099-06-30') }],
    ['Pelle Passerad', `${tag}.pelle@exempelkommun.se`, 'IT-avdelningen', { date: serial('2020-01-31'), format: 'yyyy-mm-dd' }]]);
  await page.setInputFiles('#people-file', { name: 'personal.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  const res = await submit(page, 'form[action="/import/people"] button[type=submit]', { label: 'the people preview' });
  assert.equal(res.status(), 200);
  const rows = await page.locator('table.list tbody tr').allInnerTexts();
  assert.match(rows[0], /frida@exempelkommun\.se\s+2099-06-30\s+Skapas/);
  assert.match(rows[1], /pelle@exempelkommun\.se\s+2020-01-31\s+Oförändrad/, 'never here and already gone: nothing to do');
  await submit(page, 'button.primary', { label: 'the people import done' });
  assert.match(await page.locator('[role=status]').innerText(), /Importen är klar/);

  await visit(page, `/people?q=${tag}.frida`, { label: 'the imported person in the list' });
  const href = await page.locator('table.list tbody a', { hasText: 'Frida Framtid' }).first().getAttribute('href');
  await visit(page, href, { label: 'the person with an end date' });
  assert.match(await page.locator('main').innerText(), /Anställningen upphör\s+2099-06-30/);
  await visit(page, `${href}/edit`, { label: 'the person form with the end date' });
  const field = page.getByLabel('Anställningen upphör');
  assert.equal(await field.inputValue(), '2099-06-30');
  await context.close();
});
