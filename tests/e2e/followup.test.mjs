// Follow-up in the browser, as a CISO: this year's audit programme, an audit of
// Socialförvaltningen, a finding classified as an avvikelse and turned into an action with
// one click (the action links back); then a management review whose inputs are counted
// from live data, with its PDF for kommunstyrelsen. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);
const save = 'form.form button[type=submit].primary';

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO plans an audit, records a finding and makes it an action in one click', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/audit_programmes/new');
  await page.fill('#in-year', year);
  await page.fill('#in-title', `Egenkontroll ${year}`);
  await submit(page, save);
  let programme = new URL(page.url()).pathname;
  if (!/^\/audit_programmes\/\d+$/.test(programme)) { // made by an earlier run on this database
    await visit(page, `/audit_programmes?year=${year}`);
    programme = await page.locator('table.list tbody a').first().getAttribute('href');
  }
  const programmeId = programme.split('/').pop();

  await visit(page, `/internal_audits/new?programme_id=${programmeId}`);
  const what = `Behörigheter i verksamhetssystemet ${tag}`;
  await page.fill('#in-title', what);
  await page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
  await page.fill('#in-planned_on', `${year}-01-01`);
  await page.selectOption('#in-status', 'planned');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  const audit = new URL(page.url()).pathname;
  assert.match(audit, /^\/internal_audits\/\d+$/);
  await visit(page, programme);
  assert.match(await page.locator('main').innerText(), new RegExp(what));

  await visit(page, `/audit_findings/new?audit_id=${audit.split('/').pop()}`);
  const finding = `Avslutade konton ligger kvar ${tag}`;
  await page.selectOption('#in-kind', 'deviation');
  await page.fill('#in-title', finding);
  await page.fill('#in-description', 'Tre konton för personal som slutat var aktiva.');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  const findingPath = new URL(page.url()).pathname;
  assert.match(findingPath, /^\/audit_findings\/\d+$/);

  await Promise.all([page.waitForNavigation(), page.click('#to-action a.button')]);
  assert.equal(await page.inputValue('#in-title'), finding, 'the action form is prefilled');
  await page.selectOption('#in-status', 'planned');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.match(new URL(page.url()).pathname, /^\/actions\/\d+$/);
  assert.equal(await page.locator(`a[href="${findingPath}"]`).count(), 1, 'the action links back to the finding');
  await context.close();
});

test('a CISO prepares the management review: live inputs, decisions, the PDF', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/management_reviews/new');
  await page.fill('#in-title', `Ledningens genomgång ${tag}`);
  await page.fill('#in-planned_on', today);
  await page.fill('#in-attendees', 'Karin Dahl, kommundirektör\nCarl Berg, informationssäkerhetsansvarig');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  const review = new URL(page.url()).pathname;
  assert.match(review, /^\/management_reviews\/\d+$/);
  const inputs = await page.locator('#review-inputs').innerText();
  assert.match(inputs, /Öppna risker/);
  assert.match(inputs, /Resultat av egenkontroll/);
  const pdf = await page.request.get(`${review}/report.pdf`);
  assert.equal(pdf.status(), 200);
  assert.match(pdf.headers()['content-type'], /application\/pdf/);
  await visit(page, `/review_decisions/new?review_id=${review.split('/').pop()}`);
  await page.fill('#in-decision', 'Alla förvaltningar granskar sina behörigheter före årsskiftet');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, review);
  assert.equal(await page.locator('a.button[href^="/actions/new?source_entity=review_decisions"]').count(), 1);
  await context.close();
});

test('a CISO answers an SKR area and sees it beside the 2019 national share', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  const y = 2032;
  await visit(page, `/maturity?year=${y}`);
  assert.match(await page.locator('#mat-incidents').innerText(), /6 av 10 kommuner/);
  // lis suggests a level from its data; answering with the suggestion fills the form in
  const suggested = await page.locator('#mat-incidents td.suggested').innerText();
  const level = (suggested.match(/^([1-4]) – /) || [])[1];
  await Promise.all([page.waitForNavigation(), page.click('#mat-incidents a.use-suggestion')]);
  if (level) {
    assert.equal(await page.locator('#in-level').inputValue(), level);
    assert.ok(await page.locator('#in-answered_yes').isChecked());
  }
  await page.check('#in-answered_yes');
  await page.selectOption('#in-level', '3');
  await page.fill('#in-evidence', 'Incidentrutin beslutad 2026-03-01; /incidents/stats');
  await submit(page, save);
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, `/maturity?year=${y}`);
  assert.match(await page.locator('#mat-incidents').innerText(), /Ja, 3 – Tillämpad i hela organisationen/);
  assert.match(await page.locator('#maturity-summary').innerText(), /Ja på 1 av 10 områden/);
  await context.close();
});

// Trends (issue 19 point 3): the lägesbild's quarters as small charts, each bar's value
// written on it, with the same figures in a table that scrolls in its own focusable box;
// axe passes, also on a phone-sized screen, where the page needs no sideways scrolling.
for (const width of [1280, 320]) {
  test(`the lägesbild's "Utveckling per kvartal" at ${width} px: charts with their values and a table`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height: 800 } });
    await login(page, 'ciso@exempelkommun.se');
    await visit(page, '/lagesbild');
    const section = page.locator('section#trends');
    await section.scrollIntoViewIfNeeded();
    assert.equal(await section.locator('h2').textContent(), 'Utveckling per kvartal');
    const chart = section.locator('figure#trends-classified svg[role=img]');
    assert.ok(await chart.isVisible(), 'the chart of the classified share is drawn');
    assert.match(await chart.locator('title').textContent(), /Informationsmängder som är klassade/);
    assert.equal(await chart.locator('rect.trend-bar').count(), 8);
    assert.equal(await chart.locator('text.trend-value').count(), 8, 'each bar carries its value');
    const box = await chart.boundingBox();
    assert.ok(box.width <= width, `the chart fits: ${box.width}px`);
    const table = section.getByRole('region', { name: 'Nyckeltal per kvartal' });
    assert.equal(await table.getAttribute('tabindex'), '0');
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `the lägesbild is ${scroll}px wide in a ${client}px window`);
    await context.close();
  });
}

test('a management review shows the quarters as charts too', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/management_reviews/new');
  await page.fill('#in-title', `Genomgång med trend ${tag}`);
  await page.fill('#in-planned_on', today);
  await submit(page, save);
  assert.match(new URL(page.url()).pathname, /^\/management_reviews\/\d+$/);
  await visit(page, new URL(page.url()).pathname);
  assert.ok(await page.locator('section#review-trends figure#review-trends-risks-high svg[role=img]').isVisible());
  await context.close();
});
