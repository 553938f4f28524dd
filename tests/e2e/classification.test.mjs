// Classification in the browser, as the people who do it: the information owner goes from
// the start page to the draft that waits for them, decides it, and sees it current; the
// samordnare assesses an object's requirements and the share met follows. Every page
// is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

const SHOTS = process.env.LIS_E2E_SHOTS || join(tmpdir(), 'lis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The owner's Monday (issue 16 §3): the start page's "Att besluta" leads straight to the
// draft's own page, which shows the decision with the whole picture; a confirm step, and
// the draft is the current classification. Screenshots go to LIS_E2E_SHOTS to be looked at.
test('the owner\'s Monday: "Att besluta" → the draft\'s page → confirm → decided', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 900 } });
  await login(page, 'agare@exempelkommun.se');
  await visit(page, '/home');
  const decide = page.locator('#todo ul.todo-list a.button', { hasText: 'Besluta' }).first();
  const href = await decide.getAttribute('href');
  assert.match(href, /^\/classifications\/\d+$/, 'straight to the draft\'s own page');
  await Promise.all([page.waitForNavigation(), decide.click()]);
  await checkA11y(page, 'the draft with its decision');
  await page.screenshot({ path: join(SHOTS, 'decide-draft.png'), fullPage: true });
  const decision = page.locator('#decision');
  const text = await decision.innerText();
  assert.match(text, /Beslut om klassningen/);
  assert.match(text, /Konfidentialitet: \d( → \d)? \([^)]*skada/);
  assert.match(text, /Detta ändrar:/);
  await Promise.all([page.waitForNavigation(), decision.locator('a.button.primary').click()]);
  await checkA11y(page, 'the confirm step');
  await page.screenshot({ path: join(SHOTS, 'decide-confirm.png'), fullPage: true });
  assert.match(await page.locator('main').innerText(), /Du beslutar klassningen av/);
  await submit(page, 'form[action$="/decide"] button[type=submit]', { label: 'after deciding' });
  assert.match(await page.locator('main').innerText(), /Ny version/);
  assert.equal(await page.locator('#decision').count(), 0);
  // the asset shows it current
  await visit(page, await page.locator('dd a[href^="/assets/"]').first().getAttribute('href'));
  const section = await page.locator('#classification').innerText();
  assert.match(section, /Gällande klassning: Version 1/);
  assert.doesNotMatch(section, /Besluta klassningen/);
  // and it has left "Att besluta" on the start page
  await visit(page, '/home');
  assert.equal(await page.locator(`#todo a[href="${href}"]`).count(), 0, 'the decided version is no longer to decide');
  await context.close();
});

test('the samordnare classifies a new version through the form, with the scale in words', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/assets/3');
  await page.locator('#classification a.button').click();
  await page.waitForLoadState();
  const options = await page.locator('#in-k option').allInnerTexts();
  assert.deepEqual(options.slice(1), ['0 – Försumbar skada', '1 – Måttlig skada', '2 – Betydande skada', '3 – Allvarlig skada', '4 – Synnerligen allvarlig skada']);
  assert.match(await page.locator('#help-k').innerText(), /känd för någon som inte ska ha den/);
  await page.selectOption('#in-k', '2');
  await page.fill('#in-motivation', '');
  await submit(page, 'form.form button[type=submit]', { label: 'invalid classification' });
  assert.match(await page.locator('.error-summary').innerText(), /Motivering/);
  await page.fill('#in-motivation', 'Ny bedömning efter byte av leverantör.');
  await submit(page, 'form.form button[type=submit]', { label: 'after saving the draft' });
  assert.match(await page.locator('main').innerText(), /Utkast/);
  await context.close();
});

test('the self-assessment is one form: a save in any chapter keeps the changes in every chapter', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/objects/1/requirements?show=open');
  await checkA11y(page, 'self-assessment');
  const chapters = page.locator('section.related');
  assert.ok((await chapters.count()) >= 2, 'at least two chapters not yet assessed');
  const first = chapters.nth(0).locator('select').first();
  const later = chapters.nth(1).locator('select').first();
  const laterName = await later.getAttribute('name');
  await first.selectOption('met');
  await later.selectOption('not_met');
  // the changes are counted where the save button is
  assert.match(await page.locator('.assess-save .unsaved-count').innerText(), /Osparade ändringar: 2/);
  // the first chapter's own button saves the later chapter's change too
  await Promise.all([page.waitForNavigation(), chapters.nth(0).locator('button[type=submit]').click()]);
  assert.match(await page.locator('.flash').innerText(), /Sparat. Ändrade svar: 2/);
  await visit(page, '/objects/1/requirements');
  assert.equal(await page.locator(`select[name="${laterName}"]`).inputValue(), 'not_met');
  assert.match(await page.locator('dl.detail').innerText(), /Bedömda\s*2 av/);
  // the chapter index leads to a chapter; the gap filter shows the one gap
  assert.ok((await page.locator('nav.chapter-index li').count()) >= 2);
  await visit(page, '/objects/1/requirements?show=gaps');
  assert.equal(await page.locator('section.related select').count(), 1);
  await visit(page, '/objects/1/annex');
  assert.match(await page.locator('h1').innerText(), /Kravbilaga/);
  await context.close();
});

test('the samordnare\'s overview: her förvaltning first, a choice of another, whose decision each draft waits for', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 900 } });
  await login(page, 'samordnare@exempelkommun.se');
  // a new version of an asset in her förvaltning, for its owner to decide
  await visit(page, '/assets/10');
  await Promise.all([page.waitForNavigation(), page.locator('#classification a.button').click()]);
  await checkA11y(page, 'the new version\'s form');
  await page.fill('#in-motivation', 'Ny bedömning efter upphandlingen av verksamhetssystemet.');
  await submit(page, 'form.form button[type=submit]', { label: 'the draft saved' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  // from the start page through the menu, as she would
  await visit(page, '/home');
  await page.locator('nav.main summary', { hasText: 'Register' }).click();
  await Promise.all([page.waitForNavigation(), page.locator('nav.main a[href="/classification"]').click()]);
  await checkA11y(page, 'the overview per förvaltning');
  await page.screenshot({ path: join(SHOTS, 'classification-overview.png'), fullPage: true });
  assert.match(await page.locator('h1').innerText(), /Informationsklassning: Socialförvaltningen/);
  assert.equal(await page.locator('#f-forvaltning option:checked').innerText(), 'Socialförvaltningen');
  assert.ok(await page.locator('h2#drafts').isVisible());
  // each draft names whose decision it waits for
  const drafts = page.locator('table', { has: page.locator('th', { hasText: 'Väntar på beslut av' }) });
  const waits = await drafts.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.lastElementChild.textContent.trim()));
  assert.ok(waits.length >= 1, 'a draft waits');
  for (const who of waits) assert.match(who, /\S/, 'every draft names an owner (or says none is appointed)');
  const mine = drafts.locator('tbody tr').filter({ hasText: 'Social dokumentation inom individ- och familjeomsorgen' });
  assert.match(await mine.innerText(), /Olle Falk/);
  await page.selectOption('#f-forvaltning', '');
  await submit(page, 'form.filters button[type=submit]', { label: 'the whole organisation' });
  assert.equal(await page.locator('h1').innerText(), 'Informationsklassning');
  await context.close();
});
