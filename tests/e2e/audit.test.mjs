// The audit log in the browser, as the tenant administrator: a change made in a form is
// found by choosing who and what kind, and shown as field, before and after in Swedish
// and Stockholm time; reads are left out until asked for; every page checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser, context, page;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await login(page, 'admin@exempelkommun.se');
});
after(async () => {
  await context?.close();
  await browser?.close();
});

test('a changed field is shown with its label, before and after', async () => {
  // a unit made and then changed through the forms
  await visit(page, '/units/new');
  await page.fill('#in-name', `Loggförvaltning ${tag}`);
  await page.selectOption('#in-kind', 'forvaltning');
  await page.selectOption('#in-parent_id', { label: 'Exempelkommun' });
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the new unit' });
  const unitPath = new URL(page.url()).pathname;
  assert.match(unitPath, /^\/units\/\d+$/);
  await visit(page, `${unitPath}/edit`);
  await page.selectOption('#in-kind', 'avdelning');
  await submit(page, 'main form[method=post] button[type=submit]', { label: 'the changed unit' });

  // the log, filtered by choices: the kind by its label, the action by its label
  await visit(page, '/audit', { label: 'the audit log' });
  assert.equal(await page.locator('#f-quiet').isChecked(), false, 'reads are left out by default');
  assert.equal(await page.locator('table.list tbody td', { hasText: /^Läsningar$/ }).count(), 0);
  await page.selectOption('#f-entity', { label: await page.locator('#f-entity option[value="units"]').innerText() });
  await page.selectOption('#f-action', { label: 'Ändrad' });
  await submit(page, 'form.filters button[type=submit]', { label: 'the log filtered' });
  const row = page.locator('table.list tbody tr', { hasText: `Loggförvaltning ${tag}` }).first();
  assert.equal(await row.count(), 1, 'the change is listed');
  assert.match(await row.innerText(), /Anna Andersson/, 'who, as a person');
  assert.doesNotMatch(await row.innerText(), /\d\dT\d\d:\d\d:\d\dZ/, 'no UTC time');
  await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
  await visit(page, new URL(page.url()).pathname, { label: 'one change' });
  const change = page.locator('#change table');
  assert.deepEqual(await change.locator('thead th').allInnerTexts(), ['Uppgift', 'Före', 'Efter']);
  const kind = change.locator('tbody tr', { has: page.locator('th', { hasText: /^Typ$/ }) });
  assert.deepEqual(await kind.locator('td').allInnerTexts(), ['Förvaltning', 'Avdelning']);
  assert.match(await page.locator('.record-fields').innerText(), /Händelse\s+Ändrad/);
  assert.equal(await page.locator('#change a', { hasText: `Loggförvaltning ${tag}` }).count(), 1, 'a link to the record');

  // reads come back with the checkbox (reading the risk register leaves one)
  await visit(page, '/risks', { label: 'the risk register' });
  await visit(page, '/audit');
  await page.check('#f-quiet');
  await submit(page, 'form.filters button[type=submit]', { label: 'the log with reads' });
  assert.ok(await page.locator('table.list tbody td', { hasText: /^Läsningar$/ }).count() > 0);
});

test('who is chosen with the picker, with the keyboard; a name typed without choosing also filters', async () => {
  await visit(page, '/audit', { label: 'the audit log' });
  const who = page.locator('#f-person_id');
  assert.equal(await who.getAttribute('role'), 'combobox', 'who is a combobox, not a box wanting an id');
  await who.focus();
  await page.keyboard.type('anna');
  const list = page.locator(`#${await who.getAttribute('aria-controls')}`);
  await list.waitFor({ state: 'visible' });
  assert.deepEqual(await list.locator('[role=option] > span:first-child').allInnerTexts(), ['Anna Andersson']);
  await checkA11y(page, 'the audit log with the person list open');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await who.inputValue(), 'Anna Andersson');
  await submit(page, 'form.filters button[type=submit]', { label: 'the log filtered by person' });
  const people = await page.locator('table.list tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(people.length > 0, 'Anna has changes in the log');
  assert.deepEqual([...new Set(people)], ['Anna Andersson'], 'only her rows');
  assert.equal(await page.locator('#f-person_id').inputValue(), 'Anna Andersson', 'the filter shows whom it holds');

  // typed without choosing from the list: the rows of the people whose name holds it
  await visit(page, '/audit');
  const box = page.locator('#f-person_id');
  await box.fill('Anders');
  // the list opens over the form as the matches arrive: close it without choosing, as a
  // user who wants every "Anders" would, then search
  await page.locator(`#${await box.getAttribute('aria-controls')}`).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  assert.equal(await box.inputValue(), 'Anders', 'closing the list keeps what was typed');
  await submit(page, 'form.filters button[type=submit]', { label: 'the log filtered by a typed name' });
  const typed = await page.locator('table.list tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(typed.length > 0);
  assert.deepEqual([...new Set(typed)], ['Anna Andersson']);
});

