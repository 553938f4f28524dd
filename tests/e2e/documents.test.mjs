// Styrdokument in the browser, as a CISO: a riktlinje is written under the kommun's
// policy, its parent and owner picked with the keyboard, a PDF uploaded to the draft,
// then decided — the version is kept and the page shows who decided it and when; an
// employee reads the decided riktlinje but not a draft, and confirms the policy published
// to all staff from the start page. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y, switchLanguage } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Picks the first match of what is typed into a picker, with the keyboard only.
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

test('a CISO writes a riktlinje under the policy, uploads its PDF and decides it', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/documents');
  assert.match(await page.locator('table.list').innerText(), /Informationssäkerhetspolicy/);
  assert.match(await page.locator('table.list').innerText(), /Försenad sedan 2025-06-10/, 'the policy\'s review is overdue');
  await visit(page, '/documents/new');
  const title = `Riktlinje för loggning ${tag}`;
  await page.fill('#in-title', title);
  await page.selectOption('#in-level', 'riktlinje');
  await pick(page, 'parent_id', 'informationssäkerhetspolicy');
  assert.equal(await page.locator('#in-parent_id').inputValue(), 'Informationssäkerhetspolicy');
  await pick(page, 'owner_id', 'carl');
  await page.selectOption('#in-status', 'utkast');
  await page.fill('#in-body', 'Loggar sparas i sex månader.\nLoggar granskas varje vecka.');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/documents\/\d+$/);
  assert.match(await page.locator('.record-fields').innerText(), /Informationssäkerhetspolicy/);

  await page.setInputFiles('#document-file', { name: 'loggning.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await submit(page, '.document-file button[type=submit]');
  assert.equal(new URL(page.url()).pathname, path);
  assert.match(await page.locator('.document-file').innerText(), /Ladda ned: loggning\.pdf/);

  await visit(page, `${path}/edit`);
  await page.selectOption('#in-status', 'beslutad');
  await page.selectOption('#in-decided_by', 'ks');
  await page.fill('#in-decided_on', '2026-05-04');
  await page.fill('#in-diarienummer', 'KS 2026/99');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const detail = await page.locator('.record-fields').innerText();
  assert.match(detail, /Beslutad/);
  assert.match(detail, /2027-05-04/, 'next review a year after the decision');
  assert.match(await page.locator('#related-document_versions').innerText(), /Kommunstyrelsen/);
  // the policy lists it among its subordinate documents
  await visit(page, '/documents?q=Informationss%C3%A4kerhetspolicy');
  await submit(page, 'table.list tbody tr th a');
  assert.match(await page.locator('#related-documents').innerText(), new RegExp(title));
  await context.close();

  const emp = await newPage(browser);
  await login(emp.page, 'medarbetare@exempelkommun.se');
  await visit(emp.page, path);
  assert.equal(await emp.page.locator('.document-file form').count(), 0, 'no upload for a reader');
  await visit(emp.page, '/documents');
  assert.doesNotMatch(await emp.page.locator('main').innerText(), /Rutin för behörighetsuppföljning/, 'a draft is not for readers');
  // the policy was published to all staff: the employee confirms it from the start page
  await visit(emp.page, '/home');
  const card = emp.page.locator('#documents-card');
  assert.match(await card.innerText(), /Informationssäkerhetspolicy/);
  await submit(emp.page, '#documents-card li:has-text("Informationssäkerhetspolicy") button');
  assert.equal(new URL(emp.page.url()).pathname, '/home');
  assert.equal(await emp.page.locator('#documents-card li:has-text("Informationssäkerhetspolicy")').count(), 0);
  await emp.context.close();
});

test('in English, the register reads in English, the overdue review too', async () => {
  // the auditor's account: the choice of language is kept on the account, and no other
  // browser test signs in as the auditor
  const { context, page } = await newPage(browser);
  await login(page, 'revisor@exempelkommun.se');
  await visit(page, '/documents');
  await switchLanguage(page);
  assert.match(await page.locator('h1').innerText(), /Governing documents/);
  const list = await page.locator('table.list').innerText();
  assert.match(list, /Communicated/);
  assert.match(list, /Overdue since 2025-06-10/);
  await switchLanguage(page);
  assert.match(await page.locator('h1').innerText(), /Styrdokument/);
  await context.close();
});
