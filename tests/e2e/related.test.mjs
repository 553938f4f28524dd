// Related records in place and due dates, in the browser: the CISO adds a task to an
// incident from the incident's own page and lands back there with the task listed; a
// late action shows "Försenad sedan …" in the handlingsplan. Every page is checked with
// axe-core (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser, ciso;
const tag = `${process.pid}-${Date.now() % 100000}`;

// A Stockholm date some days from today, as a date input takes it.
function stockholmDay(days) {
  return new Date(Date.now() + days * 86400e3)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 10);
}

before(async () => {
  browser = await launch();
  ciso = await newPage(browser);
  await login(ciso.page, 'ciso@exempelkommun.se');
});
after(async () => {
  await ciso?.context.close();
  await browser?.close();
});

test('a task is added to an incident in place and the CISO lands back on the incident', async () => {
  const page = ciso.page;
  await visit(page, '/incidents');
  await submit(page, 'table.list tbody tr th a');
  const incidentPath = new URL(page.url()).pathname;
  assert.match(incidentPath, /^\/incidents\/\d+$/);
  const tasks = page.locator('#related-incident_tasks');
  const before = Number((await tasks.locator('h2 .count').innerText()).replace(/\D/g, ''));
  await submit(page, '#related-incident_tasks a.button');
  // the form knows its incident: shown, not asked for, and the way back leads there
  assert.equal(await page.locator('#in-incident_id').getAttribute('type'), 'hidden');
  assert.equal(await page.locator('p.crumb a').last().getAttribute('href'), incidentPath);
  const title = `Byt lösenord på tjänstekontot ${tag}`;
  await page.fill('#in-title', title);
  await page.fill('#in-owner_id', 'ciso@exempelkommun.se');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(new URL(page.url()).pathname, incidentPath, 'back on the incident page');
  assert.match(await page.locator('.flash').innerText(), /Sparat/);
  assert.match(await tasks.innerText(), new RegExp(title));
  assert.equal(await tasks.locator('h2 .count').innerText(), `(${before + 1})`);
});

test('a late action shows "Försenad sedan …" in the handlingsplan', async () => {
  const page = ciso.page;
  await visit(page, '/actions/new');
  const title = `Sen åtgärd ${tag}`;
  const end = stockholmDay(-3);
  await page.fill('#in-title', title);
  await page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
  await page.fill('#in-start_date', stockholmDay(-60));
  await page.fill('#in-end_date', end);
  await page.selectOption('#in-status', 'ongoing');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.match(await page.locator('.record-fields').innerText(), new RegExp(`Försenad sedan ${end}`));
  await visit(page, `/plan/${stockholmDay(0).slice(0, 4)}`);
  const row = page.locator('tr', { has: page.locator(`a:text-is("${title}")`) });
  assert.match(await row.innerText(), new RegExp(`Försenad sedan ${end}`));
  assert.match(await row.innerText(), /Pågår/);
});
