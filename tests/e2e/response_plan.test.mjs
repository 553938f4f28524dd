// Readiness for a cyber incident in the browser, as a CISO on a Monday: the continuity
// page says the kommun's plan has never been exercised; the plan's page shows the call
// tree and offers the PDF to print; a contact is added in place with the person picker
// left empty and a name given; the lägesbild carries the same line. Every page with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO finds the plan, its call tree and its PDF, and adds a contact in place', async () => {
  const { page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/continuity');
  const readiness = await page.locator('#readiness').innerText();
  assert.match(readiness, /Plan för hantering av cyberincidenter: beslutad 2026-02-17, aldrig övad/);
  await page.click('#readiness a:has-text("Plan för hantering av cyberincidenter")');
  await page.waitForLoadState();
  await visit(page, new URL(page.url()).pathname, { label: 'the plan' });
  const main = await page.locator('main').innerText();
  assert.match(main, /Larmkedja/);
  assert.match(main, /070-100 00 02/);
  const pdf = page.locator('a:has-text("Skriv ut planen (PDF)")');
  assert.match(await pdf.getAttribute('href'), /^\/response_plans\/\d+\/plan\.pdf$/);
  const planPath = new URL(page.url()).pathname;

  // a contact added in place returns to the plan
  await page.click('section:has(h2:has-text("Larmkedja")) a:has-text("Lägg till")');
  await page.waitForLoadState();
  await visit(page, new URL(page.url()).pathname + new URL(page.url()).search, { label: 'new contact form' });
  await page.fill('#in-position', '4');
  await page.fill('#in-role', `Kommunikatör ${tag}`);
  await page.fill('#in-name', 'Kommunikationschefen');
  await page.fill('#in-phone', '070-100 00 04');
  await submit(page, 'form.form button[type=submit].primary', { label: 'the plan after adding a contact' });
  assert.equal(new URL(page.url()).pathname, planPath);
  assert.match(await page.locator('main').innerText(), new RegExp(`Kommunikatör ${tag}`));

  await visit(page, '/lagesbild');
  assert.match(await page.locator('#continuity').innerText(), /Plan för hantering av cyberincidenter: beslutad 2026-02-17/);
});
