// The RSA in the browser, as the CISO: the demo's RSA of 2023–2026 says which chapters are
// written and offers the PDF and the XLSX for the länsstyrelse; a risk is linked in place
// with the picker and the page returns to the RSA; an employee cannot open it. Every page
// is checked with axe (visit and submit do).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a CISO reads the RSA, links a risk in place and finds the exports', async () => {
  const { page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/rsa');
  await Promise.all([page.waitForNavigation(), page.click('a:text("2023–2026")')]);
  const rsaPath = new URL(page.url()).pathname;
  await visit(page, rsaPath, { label: 'the RSA' });
  const report = await page.locator('#rsa-chapters').innerText();
  assert.match(report, /8 av 8 kapitel är ifyllda/);
  assert.match(report, /Redovisad 2023-10-26/);
  assert.equal(await page.locator('#rsa-chapters a:has-text("Ladda ner som PDF")').getAttribute('href'), `${rsaPath}/rsa.pdf`);
  assert.equal(await page.locator('#rsa-chapters a:has-text("XLSX")').getAttribute('href'), `${rsaPath}/rsa.xlsx`);

  // a risk linked in place: the form fixes the RSA, saving returns to it
  await page.click('section:has(h2:has-text("Samhällsviktig verksamhet, risker och åtgärder")) a:has-text("Lägg till")');
  await page.waitForLoadState();
  await checkA11y(page, 'the new link form');
  const box = page.locator('#in-risk_id');
  await box.focus();
  await page.keyboard.type('nätfiske');
  await page.locator(`#${await box.getAttribute('aria-controls')}`).waitFor({ state: 'visible' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.fill('#in-note', 'Övertagna konton stoppar e-tjänsterna');
  await submit(page, 'form.form button[type=submit].primary', { label: 'the RSA after linking a risk' });
  assert.equal(new URL(page.url()).pathname, rsaPath);
  assert.match(await page.locator('main').innerText(), /Nätfiske leder till övertagna konton/);

  // two things in one link are refused, with the reason at the field
  await visit(page, `/rsa_links/new?rsa_id=${rsaPath.split('/').pop()}`);
  await submit(page, 'form.form button[type=submit].primary', { label: 'an empty link refused' });
  assert.match(await page.locator('.error-summary').innerText(), /Ange exakt en sak/);
});

test('an employee cannot open the RSA or its export', async () => {
  const { page } = await newPage(browser);
  await login(page, 'medarbetare@exempelkommun.se');
  const res = await page.goto(new URL('/rsa', process.env.LIS_URL || 'http://127.0.0.1:8080').href);
  assert.ok(!(await page.locator('main').innerText()).includes('2023–2026'), `status ${res.status()}`);
});
