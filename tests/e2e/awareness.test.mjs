// Awareness in the browser, as a CISO: a campaign for Socialförvaltningen is created,
// a completion recorded in place, the training platform's export uploaded — refused
// whole for an unknown e-mail, then previewed and imported once corrected — and the
// share per förvaltning rises; the demo's autumn phishing drill shows its trend; an
// employee finds the missing basic course on the start page. Every page is checked
// with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function pick(page, id, typed) {
  const box = page.locator(`#in-${id}`);
  await box.focus();
  await page.keyboard.type(typed);
  const list = page.locator(`#${await box.getAttribute('aria-controls')}`);
  await list.waitFor({ state: 'visible' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

// the Socialförvaltningen row of the share table: [in the target group, completed]
async function socRow(page) {
  const cells = await page.locator('#awareness-share table').first().locator('tr', { hasText: 'Socialförvaltningen' })
    .locator('td').allInnerTexts();
  return cells.slice(0, 2).map(Number);
}

test('a CISO runs a campaign for Socialförvaltningen: a completion, an export refused, then imported', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/training_campaigns');
  assert.match(await page.locator('table.list').innerText(), /Grundutbildning i informationssäkerhet/);
  await visit(page, '/training_campaigns/new');
  const name = `Sekretess i socialtjänsten ${tag}`;
  await page.fill('#in-name', name);
  await page.selectOption('#in-kind', 'elearning');
  await page.selectOption('#in-target', 'unit');
  await page.selectOption('#in-target_unit_id', { label: 'Socialförvaltningen' });
  await page.fill('#in-starts_on', '2026-01-01');
  await page.fill('#in-repeat_months', '12');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/training_campaigns\/\d+$/);
  const [reached, none] = await socRow(page);
  assert.ok(reached >= 2);
  assert.equal(none, 0);

  // recorded in place: Sara Ek did it today
  await submit(page, '#related-training_completions a.button');
  await pick(page, 'person_id', 'sara');
  await page.fill('#in-completed_on', new Date().toISOString().slice(0, 10));
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(new URL(page.url()).pathname, path);
  assert.match(await page.locator('#related-training_completions').innerText(), /Sara Ek/);
  assert.deepEqual(await socRow(page), [reached, 1]);

  // the platform's export with an address lis does not know: refused whole
  const bad = 'E-post;Datum\nagare@exempelkommun.se;2026-11-02\nnågon@annanstans.se;2026-11-03\n';
  await page.setInputFiles('#aw-file', { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await submit(page, '#awareness-import button[type=submit]', { label: 'the refused export' });
  assert.match(await page.locator('.error-summary').innerText(), /Ingenting har sparats/);
  assert.match(await page.locator('tr.error').innerText(), /någon@annanstans\.se\s+2026-11-03\s+Okänd e-postadress/);
  assert.equal(await page.locator('button[name=step]').count(), 0, 'nothing to import');
  await submit(page, 'main a.button');
  assert.equal(new URL(page.url()).pathname, path);
  assert.deepEqual(await socRow(page), [reached, 1], 'nothing was written');

  // corrected: previewed row by row, then imported
  const good = 'E-post;Datum\nagare@exempelkommun.se;2026-11-02\n';
  await page.setInputFiles('#aw-file', { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await submit(page, '#awareness-import button[type=submit]', { label: 'the preview' });
  assert.match(await page.locator('main table').innerText(), /agare@exempelkommun\.se\s+2026-11-02\s+Nya/);
  await submit(page, 'button[name=step][value=import]', { label: 'the import done' });
  assert.match(await page.locator('.flash').innerText(), /Importen är klar. Nya: 1/);
  await submit(page, `main a[href="${path}"]`);
  assert.deepEqual(await socRow(page), [reached, 2]);
  await context.close();
});

test('the demo\'s autumn phishing drill against the spring one', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ledning@exempelkommun.se');
  await visit(page, '/training_campaigns?kind=phishing');
  await submit(page, 'table.list a:has-text("Phishingövning hösten 2026")');
  const drill = page.locator('#awareness-phishing');
  assert.match(await drill.innerText(), /Jämfört med föregående övning Phishingövning våren 2026/);
  const soc = await drill.locator('tr', { hasText: 'Socialförvaltningen' }).locator('td').allInnerTexts();
  assert.deepEqual(soc, ['415', '46', '77', '11 %', '19 %', '17 %', '-6 procentenheter']);
  assert.match(await drill.locator('table', { hasText: 'Alla övningar' }).innerText(), /Phishingövning våren 2026\s+2026-03-10\s+1210\s+18 %\s+9 %/);
  await context.close();
});

test('an employee is asked for the basic course on the start page', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'medarbetare@exempelkommun.se');
  const todo = await page.locator('section.todo').innerText();
  assert.match(todo, /Utbildning att genomföra/);
  assert.match(todo, /Grundutbildning i informationssäkerhet/);
  await page.click('section.todo a:has-text("Grundutbildning i informationssäkerhet")');
  await page.waitForURL(/\/training_campaigns\/\d+$/);
  await checkA11y(page, 'the campaign as an employee');
  assert.equal(await page.locator('#awareness-share').count(), 0, 'who has done it is for its writers');
  assert.match(await page.locator('#awareness-mine').innerText(), /Du ingår i målgruppen och har inte genomfört utbildningen/);
  await context.close();
});
