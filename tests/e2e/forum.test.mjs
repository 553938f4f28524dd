// The security forum in the browser, as the CISO: plan a meeting, let lis suggest its
// items from the registers (preview, then confirm), decide one, and read the agenda and
// the minutes; every page checked with axe-core.
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

const here = () => page.url().replace(/^https?:\/\/[^/]+/, '');

test('plan a meeting, suggest its items, decide one and see the minutes', async () => {
  await visit(page, '/meetings');
  assert.ok(await page.locator('header.top nav a[aria-current="page"]', { hasText: 'Forum' }).count());
  await visit(page, '/meetings/new');
  await page.fill('#in-starts_at', '2027-02-10T13:00');
  await page.fill('#in-place', `Tranan ${tag}`);
  await page.fill('#in-chair_id', 'ciso@exempelkommun.se');
  await page.selectOption('#in-status', 'planned');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the new meeting' });
  assert.match(new URL(page.url()).pathname, /^\/meetings\/\d+$/);
  const meetingPath = new URL(page.url()).pathname;
  assert.match(await page.locator('.record-fields').innerText(), /2027-02-10 13:00/);
  assert.match(await page.locator('.record-fields').innerText(), /Forum för informations- och IT-säkerhet/);

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Föreslå ärenden' }).click()]);
  await visit(page, here(), { label: 'the suggestions' });
  const boxes = page.locator('input[name=pick]');
  const n = await boxes.count();
  assert.ok(n >= 2, `suggestions: ${n}`);
  // leave the last one out
  await boxes.nth(n - 1).uncheck();
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the meeting with its items' });
  assert.equal(new URL(page.url()).pathname, meetingPath);
  const rows = page.locator('table.agenda tbody tr');
  assert.equal(await rows.count(), n - 1);

  // decide the first item on the agenda
  await Promise.all([page.waitForNavigation(), rows.first().locator('a').first().click()]);
  await visit(page, here(), { label: 'the first item' });
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Ändra' }).click()]);
  await visit(page, here(), { label: 'editing the item' });
  await page.fill('#in-decision', `Forumet beslutade enligt förslaget ${tag}.`);
  await page.selectOption('#in-status', 'decided');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the decided item' });

  await visit(page, meetingPath, { label: 'the meeting with a decision' });
  assert.match(await page.locator('table.agenda').innerText(), new RegExp(`Forumet beslutade enligt förslaget ${tag}`));
  await visit(page, `${meetingPath}/agenda`, { label: 'the agenda' });
  assert.equal(await page.locator('h1').innerText(), 'Dagordning');
  assert.equal(await page.locator('ol.items > li').count(), n - 1);
  await visit(page, `${meetingPath}/minutes`, { label: 'the minutes' });
  assert.equal(await page.locator('h1').innerText(), 'Protokoll');
  assert.match(await page.locator('article.document').innerText(), new RegExp(`Beslut: Forumet beslutade enligt förslaget ${tag}`));
  assert.match(await page.locator('article.document').innerText(), /Protokollet är inte justerat/);
});
