// The national view in the browser (issue 19 point 6), as a national body's viewer (SKR, a
// tenant of its own; tests/e2e/run.sh adds it and the 290 generated kommuner that opted in):
// the maturity per area beside 2019, the key shares table, and the cells under five tenants
// hidden — with the cell that would reveal them. Every page checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit } from './lib.mjs';

let browser;
const year = new Date().toISOString().slice(0, 4);

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a national viewer reads the key shares over the kommuner that opted in; small cells hidden', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'nora@skr.example');
  assert.equal(await page.locator('header.top nav a[href="/national"]').count(), 1, 'in the viewer\'s menu');
  await visit(page, `/national?year=${year}`);
  assert.match(await page.locator('h1').innerText(), /^Nationell vy: mognad per område/);
  assert.match(await page.locator('#national-tenants').innerText(), /290/);
  // the key shares table: one row per share, counted from the kommuner's own records
  const keys = page.locator('#national-keys');
  assert.deepEqual(await keys.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.id)),
    ['key-policy', 'key-plan_decided', 'key-classified_80', 'key-restore_tested', 'key-internal_audit', 'key-deadlines_met', 'key-staff_trained']);
  assert.equal((await keys.locator('#key-internal_audit td.share').innerText()).trim(), '20,0 %');
  // a share over no tenant (no incidents, no staff in lis) shows no figure
  assert.doesNotMatch(await keys.locator('#key-deadlines_met td.share').innerText(), /\d/);
  assert.doesNotMatch(await keys.locator('#key-staff_trained td.share').innerText(), /\d/);
  // small cells: Gotland is one kommun (hidden), and Blekinge goes with it, in the maturity
  // table and in the key shares per county alike
  assert.match(await page.locator('#cell-09 td.suppressed').innerText(), /Färre än fem organisationer/);
  assert.match(await page.locator('#cell-10 td.suppressed').innerText(), /Dold så att/);
  assert.match(await page.locator('#keys-09 td.suppressed').innerText(), /Färre än fem organisationer/);
  assert.equal(await page.locator('#keys-09 td').count(), 1, 'no figure of the hidden cell');
  assert.ok(await page.locator('#keys-01 td').count() > 1, 'Stockholms län is shown');
  await context.close();
});

test('a kommun\'s CISO does not read the national view', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/national', { status: 404 });
  await context.close();
});
