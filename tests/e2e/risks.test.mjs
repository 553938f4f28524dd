// Risks and the action plan in the browser, as the CISO: the heat map and a cell's risks,
// an analysis with a risk rated on the matrix, an action created from the risk, the plan
// with its decision, follow-up and carry-over; every page checked with axe-core, and the
// new pages at 320 px without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser, context, page;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await login(page, 'ciso@exempelkommun.se');
});
after(async () => {
  await context?.close();
  await browser?.close();
});

test('the heat map shows counts and labels in its cells, and a cell leads to its risks', async () => {
  await visit(page, '/risks/heatmap');
  assert.equal(await page.locator('h1').innerText(), 'Värmekarta över risker');
  assert.equal(await page.locator('svg.heatmap').count(), 2);
  const cell = page.locator('#inherent a[data-l="4"][data-c="4"]');
  const count = Number(await cell.getAttribute('data-count'));
  assert.ok(count >= 1, 'the demo has a risk rated 4×4');
  assert.match(await cell.locator('title').textContent(), /Sannolikhet Mycket hög, konsekvens Mycket allvarlig: \d+ risker, nivå Mycket hög/);
  assert.equal(await cell.locator('text').first().textContent(), String(count));
  assert.equal(await cell.locator('text').nth(1).textContent(), 'Mycket hög');
  await Promise.all([page.waitForNavigation(), cell.click()]);
  assert.equal(new URL(page.url()).search, '?likelihood=4&consequence=4');
  await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ''), { label: 'the cell\'s risks' });
  assert.equal(await page.locator('table.list tbody tr').count(), count);
});

test('an analysis is made, a risk in it is rated, and an action is created from the risk', async () => {
  await visit(page, '/analyses/new');
  await page.fill('#in-title', `Riskanalys e-tjänster ${tag}`);
  await page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
  await page.selectOption('#in-scope_kind', 'unit');
  await page.fill('#in-analysed_on', '2026-11-20');
  await page.fill('#in-participants', 'Carl Berg, Sara Ek');
  await page.selectOption('#in-status', 'done');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the new analysis' });
  assert.match(new URL(page.url()).pathname, /^\/analyses\/\d+$/);
  const analysisPath = new URL(page.url()).pathname;
  await Promise.all([page.waitForNavigation(), page.click('a[href^="/risks/new?analysis_id="]')]);
  await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ''), { label: 'new risk in the analysis' });
  await page.fill('#in-title', `Inloggning utan tvåfaktor ${tag}`);
  await page.fill('#in-threat', 'Kontoövertagande');
  // the ratings are chosen by the matrix's names, only steps inside the matrix offered
  assert.equal(await page.locator('#in-consequence option[value="5"]').count(), 0);
  await page.selectOption('#in-likelihood', { label: '3 – Hög' });
  await page.selectOption('#in-consequence', '3');
  await page.selectOption('#in-status', 'open');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the new risk' });
  // added in place: back on the analysis, the risk in its list and on its matrix
  assert.equal(new URL(page.url()).pathname, analysisPath);
  assert.equal(await page.locator('svg.heatmap a[data-l="3"][data-c="3"]').getAttribute('data-count'), '1');
  await submit(page, `#related-risks a:text-is("Inloggning utan tvåfaktor ${tag}")`, { label: 'the new risk' });
  assert.match(new URL(page.url()).pathname, /^\/risks\/\d+$/);
  assert.match(await page.locator('.record-fields').innerText(), /Risknivå\s+Hög/);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Ny åtgärd från risken' }).click()]);
  await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ''), { label: 'new action from the risk' });
  await page.fill('#in-title', `Tvåfaktorsinloggning e-tjänster ${tag}`);
  await page.fill('#in-start_date', '2026-12-01');
  await page.fill('#in-end_date', '2027-03-31');
  await page.selectOption('#in-status', 'planned');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the new action' });
  assert.match(new URL(page.url()).pathname, /^\/actions\/\d+$/);
  assert.match(await page.locator('main').innerText(), /Risker som åtgärden hanterar \(1\)/);
});

test('the lägesbild shows the figures, each a link to its list', async () => {
  await visit(page, '/lagesbild');
  assert.equal(await page.locator('h1').innerText(), 'Lägesbild');
  const open = page.locator('#open a.figure');
  const n = Number(await open.innerText());
  await Promise.all([page.waitForNavigation(), open.click()]);
  await visit(page, '/risks?status=open', { label: 'the open risks' });
  assert.equal(await page.locator('table.list tbody tr').count(), Math.min(n, 50));
});

test('the plan of 2026 shows its decision, its changes and the year per förvaltning', async () => {
  await visit(page, '/plan');
  await visit(page, '/plan/2026');
  assert.equal(await page.locator('h1').innerText(), 'Handlingsplan 2026');
  assert.match(await page.locator('#decision').innerText(), /Kommunstyrelsen/);
  assert.ok(await page.locator('#changes li').count() >= 1);
  assert.ok(await page.locator('section.plan-unit h2').count() >= 2);
  await visit(page, '/plan/2026/follow-up');
  assert.equal(await page.locator('#late h2').innerText(), 'Försenade');
});

test('the 2027 plan is decided through its form, and carry-over marks what came from 2026', async () => {
  await visit(page, '/plan/2026');
  await submit(page, '#carry-over button[type=submit]', { label: 'after carry-over' });
  assert.equal(new URL(page.url()).pathname, '/plan/2027');
  assert.match(await page.locator('[role=status]').innerText(), /fördes över till 2027/);
  assert.ok(await page.getByText('överförd från 2026').count() >= 1);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Besluta planen' }).click()]);
  await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ''), { label: 'the decision form' });
  await page.fill('#in-decided_by_id', 'ledning@exempelkommun.se');
  await page.fill('#in-body', 'Kommunstyrelsen');
  await page.fill('#in-reference', `KS 2026/${tag}`);
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the decision' });
  await visit(page, '/plan/2027');
  assert.match(await page.locator('#decision').innerText(), new RegExp(`KS 2026/${tag}`));
  assert.match(await page.locator('#changes').innerText(), /Inga ändringar sedan beslutet/);
});

test('the matrix page shows the levels and previews a change of size without making it', async () => {
  await visit(page, '/risks/matrix');
  assert.equal(await page.locator('table.matrix tbody tr').count(), 4);
  await page.fill('#in-likelihood_levels', '5');
  await page.fill('#in-consequence_levels', '5');
  await submit(page, '#change form button[type=submit]', { label: 'the preview of 5×5' });
  assert.match(await page.locator('#change').innerText(), /1 → 1, 2 → 2, 3 → 4, 4 → 5/);
  assert.equal(await page.locator('#confirm button').count(), 1);
  await visit(page, '/risks/matrix');
  assert.equal(await page.locator('table.matrix tbody tr').count(), 4, 'still 4×4');
});

for (const path of ['/lagesbild', '/risks/matrix', '/risks/heatmap', '/risks', '/plan/2026', '/plan/2026/follow-up', '/actions']) {
  test(`320 px wide: ${path} needs no sideways scrolling`, async () => {
    const narrow = await newPage(browser, { viewport: { width: 320, height: 640 } });
    try {
      await login(narrow.page, 'ciso@exempelkommun.se');
      await visit(narrow.page, path);
      const { scroll, width } = await narrow.page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
      }));
      assert.ok(scroll <= width, `${path} is ${scroll}px wide in a ${width}px window`);
    } finally {
      await narrow.context.close();
    }
  });
}
