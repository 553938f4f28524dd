// The audit pack in the browser, as the revisor: reached from the menu's "Uppföljning", eight
// questions each with its answer, a figure's link leading to the list of exactly that many
// rows, the downloads offered; medarbetare has no such entry. Every page is checked with axe;
// a screenshot goes to LIS_E2E_SHOTS (or the system's temporary directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, newPage, login, visit, navTexts } from './lib.mjs';

const SHOTS = process.env.LIS_E2E_SHOTS || join(tmpdir(), 'lis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the revisor opens the audit pack from the menu and follows a figure to its list', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
  await login(page, 'revisor@exempelkommun.se');
  assert.ok((await navTexts(page)).includes('Revisionspaket'));
  const href = await page.locator('header.top nav a', { hasText: 'Revisionspaket' }).getAttribute('href');
  assert.equal(href, '/followup/audit-pack');
  await visit(page, href);
  assert.equal(await page.locator('h1').innerText(), 'Revisionspaket');
  assert.equal(await page.locator('section.related[id^="ap-"]').count(), 8);
  assert.equal(await page.locator('#ap-summary tbody tr').count(), 8);
  const answers = await page.locator('#ap-summary strong.ap-answer').allInnerTexts();
  assert.ok(answers.every((a) => ['Ja', 'Delvis', 'Nej'].includes(a)), answers.join());
  await page.screenshot({ path: join(SHOTS, 'audit-pack.png'), fullPage: true });

  // the CISO figure: its number, then the list it links to with as many rows
  const link = page.locator('#ap-ciso a.figure');
  const n = Number(await link.innerText());
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(new URL(page.url()).pathname, '/roles');
  assert.equal(await page.locator('table.list tbody tr').count(), n);

  await visit(page, '/followup/audit-pack');
  assert.equal(await page.locator('#ap-pdf').getAttribute('href'), '/followup/audit-pack.pdf');
  assert.equal(await page.locator('#ap-xlsx').getAttribute('href'), '/followup/audit-pack.xlsx');
  await context.close();
});

test('medarbetare has no audit pack in the menu and is refused it', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'medarbetare@exempelkommun.se');
  assert.ok(!(await navTexts(page)).includes('Revisionspaket'));
  await visit(page, '/followup/audit-pack', { status: 403 });
  await context.close();
});
