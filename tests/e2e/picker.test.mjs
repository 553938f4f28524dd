// The picker on the risk form, as a CISO who knows a name but not an id: with the keyboard
// only (type, arrows, Enter) a risk owner and an analysis are chosen from search-as-you-type
// lists, axe-clean with a list open; and the same form without JavaScript, through the
// search step that offers the matches as radio buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fillRisk(page, title) {
  await page.fill('#in-title', title);
  await page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
  await page.selectOption('#in-likelihood', '2');
  await page.selectOption('#in-consequence', '3');
  await page.selectOption('#in-status', 'open');
}

test('with the keyboard only: a risk owner and an analysis are picked from the lists', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/risks/new');
  const title = `Tappad surfplatta ${tag}`;
  await fillRisk(page, title);
  const owner = page.locator('#in-owner_id');
  assert.equal(await owner.getAttribute('role'), 'combobox');
  assert.equal(await owner.getAttribute('aria-expanded'), 'false');
  assert.match(await page.locator('#lookup-owner_id').innerText(), /Sök på: Namn, E-postadress/);
  await owner.focus();
  await page.keyboard.type('åke');
  const list = page.locator(`#${await owner.getAttribute('aria-controls')}`);
  await list.waitFor({ state: 'visible' });
  assert.equal(await owner.getAttribute('aria-expanded'), 'true');
  assert.equal(await list.getAttribute('role'), 'listbox');
  assert.deepEqual(await list.locator('[role=option] > span:first-child').allInnerTexts(), ['Lisa Åkesson']);
  assert.match(await list.locator('[role=option] .second').innerText(), /lisa\.akesson@exempelkommun\.se/);
  assert.equal(await owner.locator('xpath=..').locator('[role=status]').textContent(), '1 träff', 'the live region says how many');
  await checkA11y(page, 'the risk owner list open');
  await page.keyboard.press('ArrowDown');
  assert.equal(await owner.getAttribute('aria-activedescendant'), await list.locator('[role=option]').first().getAttribute('id'));
  assert.equal(await list.locator('[role=option]').first().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await owner.inputValue(), 'Lisa Åkesson');
  assert.equal(await owner.getAttribute('aria-expanded'), 'false');
  assert.ok(Number(await page.inputValue('input[type=hidden][name=owner_id]')) > 0, 'the id goes in the hidden field');

  // Escape closes an open list without choosing
  const analysis = page.locator('#in-analysis_id');
  await analysis.focus();
  await page.keyboard.type('riskanalys');
  const alist = page.locator(`#${await analysis.getAttribute('aria-controls')}`);
  await alist.waitFor({ state: 'visible' });
  assert.equal(await alist.locator('[role=option]').count(), 2);
  await page.keyboard.press('Escape');
  assert.equal(await analysis.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Backspace');
  await alist.waitFor({ state: 'visible' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const chosen = await alist.locator('[role=option][aria-selected=true] > span:first-child').innerText();
  await page.keyboard.press('Enter');
  assert.equal(await analysis.inputValue(), chosen);
  await page.focus('main form[method=post] button[type=submit]');
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(res.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/risks\/\d+$/);
  const detail = await page.locator('.record-fields').innerText();
  assert.match(detail, /Lisa Åkesson/);
  assert.ok(detail.includes(chosen), detail);
  await checkA11y(page, 'the saved risk');
  await context.close();
});

test('without JavaScript: typed text that fits several goes through the search step', async () => {
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/risks/new');
  const title = `Obehörig åtkomst ${tag}`;
  await fillRisk(page, title);
  await page.fill('#in-owner_id', 'ma');
  await page.fill('#in-analysis_id', 'kommunövergripande');
  const res = await submit(page, 'main form[method=post] button[type=submit]', { label: 'the search step' });
  assert.equal(res.status(), 422);
  assert.match(await page.locator('.error-summary').innerText(), /Flera träffar/);
  const choices = page.locator('.pick-step input[type=radio][name=owner_id]');
  assert.equal(await choices.count(), 2);
  assert.match(await page.locator('.pick-step').innerText(), /Mats Holm\s+medarbetare@exempelkommun\.se/);
  assert.equal(await page.inputValue('#in-title'), title, 'the other fields are kept');
  assert.equal(await page.inputValue('#in-owner_id'), 'ma', 'the typed text is kept');
  await page.check('.pick-step label:has-text("Mats Holm")');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the saved risk' });
  assert.match(new URL(page.url()).pathname, /^\/risks\/\d+$/);
  const detail = await page.locator('.record-fields').innerText();
  assert.match(detail, /Mats Holm/);
  assert.match(detail, /Kommunövergripande riskanalys 2026/, 'a single match was taken at once');
  await context.close();
});
