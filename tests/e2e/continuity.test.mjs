// Continuity in the browser, as a CISO: the försörjningsstöd plan's BIA shows the impact
// grid and the MTPD that follows; an impact is added from the plan's page; a dependency is
// recorded with the pickers; the roll-up page shows the restore order, why Procapita IFO
// needs 24 hours, and Tietoevry's weaker agreement, in words (not by colour alone).
// Every page is checked with axe, in Swedish and in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y, switchLanguage } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function pick(page, id, typed) {
  const box = page.locator(`#in-${id}`);
  await box.focus();
  await page.keyboard.type(typed);
  const list = page.locator(`#${await box.getAttribute('aria-controls')}`);
  await list.waitFor({ state: 'visible' });
  await checkA11y(page, `the ${id} list open`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

test('a CISO reads a BIA, adds an impact and a dependency, and reads the restore order', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/continuity');
  await Promise.all([page.waitForNavigation(), page.click('a:text("Utbetalning av försörjningsstöd")')]);
  await checkA11y(page, 'the plan');
  const bia = page.locator('section.bia');
  assert.match(await bia.innerText(), /MTPD enligt konsekvensanalysen: 3 dygn/);
  assert.match(await bia.innerText(), /Efter 3 dygn når konsekvensen för Liv och hälsa steg 4/);
  const plan = new URL(page.url()).pathname;

  // an impact from the plan's related list: personal data unacceptable after a day
  await Promise.all([page.waitForNavigation(), page.click('#related-bia_impacts a[href^="/bia_impacts/new"]')]);
  await checkA11y(page, 'the impact form');
  await page.selectOption('#in-kind', 'personal_data');
  await page.selectOption('#in-after_hours', '24');
  await page.selectOption('#in-level', '4');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, plan);
  assert.match(await page.locator('section.bia').innerText(), /MTPD enligt konsekvensanalysen: 1 dygn/);
  assert.match(await page.locator('section.bia').innerText(), /Planen anger en MTPD på 72 timmar/);

  // a dependency: Procapita IFO needs Public 360
  await visit(page, '/dependencies/new');
  await pick(page, 'system_id', 'procapita');
  await pick(page, 'needs_system_id', 'public 360');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);

  await visit(page, '/continuity/rollup');
  const row = page.locator('table.rollup tr', { hasText: 'Procapita IFO behöver' });
  assert.match(await row.innerText(), /eftersom Handläggning av försörjningsstöd/);
  assert.match(await row.innerText(), /Tietoevry \(avtal\): 48 timmar/);
  assert.match(await row.innerText(), /Lovar längre återställningstid än som behövs/);
  const publicRow = page.locator('table.rollup tr', { hasText: 'Public 360 behöver' });
  assert.match(await publicRow.innerText(), /via Procapita IFO/);
  await switchLanguage(page);
  assert.match(await page.locator('h1').innerText(), /Recovery needs and restore order/);
  await visit(page, plan);
  assert.match(await page.locator('section.bia').innerText(), /MTPD from the impact analysis: 1 day/);
  await switchLanguage(page);
  await context.close();
});

test('the roll-up\'s graph: drawn by the server, readable without colour, scrolls in its box, filtered per process', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/continuity/rollup', { label: 'the roll-up with its graph' });
  const graph = page.locator('svg.rollup-graph');
  assert.match(await graph.locator('title').first().innerHTML(), /Beroendegraf/);
  const procapita = graph.locator('g.node', { hasText: 'Procapita IFO' });
  assert.equal(await procapita.count(), 1);
  // the weaker agreement is said in words beside the dashed border, not by colour alone
  assert.match(await procapita.locator('text').allTextContents().then((t) => t.join(' ')), /RTO 24 h.*Svagare förmåga/);
  assert.equal(await procapita.locator('rect').getAttribute('stroke-dasharray'), '7 4');
  assert.ok(await graph.locator('g.node', { hasText: 'Tietoevry' }).count() >= 1, 'the supplier is drawn');
  // the box takes the focus to be scrolled from the keyboard
  await page.focus('.graph-scroll');
  await page.screenshot({ path: `${process.env.LIS_WORK || '/tmp'}/rollup-graph.png`, fullPage: true });
  // filtered to the process whose plan the demo analysed
  await page.selectOption('#f-process', { label: 'Handläggning av försörjningsstöd' });
  await Promise.all([page.waitForNavigation(), page.click('#graph-filter button[type=submit]')]);
  await checkA11y(page, 'the graph filtered to one process');
  assert.ok(await page.locator('svg.rollup-graph g.node', { hasText: 'Procapita IFO' }).count() === 1);
  await switchLanguage(page);
  assert.match(await page.locator('svg.rollup-graph desc').innerHTML(), /The processes are on the left/);
  await checkA11y(page, 'the graph in English');
  await switchLanguage(page);
  await context.close();
});
