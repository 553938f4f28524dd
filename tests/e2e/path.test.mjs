// The whole classification path in the browser, as a CISO does it on a Monday morning:
// register information, an object and its system, link them, classify and decide,
// see the requirements that follow, assess one as a gap, turn the gap into an action in
// the handlingsplan, and find the object in the coverage per förvaltning. Every page is
// checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser, context, page;
before(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await login(page, 'ciso@exempelkommun.se');
});
after(async () => {
  await context?.close();
  await browser?.close();
});

const tag = `E2E ${Date.now().toString(36)}`;
const idFrom = (url) => Number(new URL(url).pathname.split('/')[2]);

async function create(kind, fill) {
  await visit(page, `/${kind}/new`);
  await fill();
  await submit(page, 'form.form button[type=submit]', { label: `after creating in ${kind}` });
  assert.match(new URL(page.url()).pathname, new RegExp(`^/${kind}/\\d+$`), `${kind} saved`);
  return idFrom(page.url());
}

test('inventory → classify → decide → requirements → gap → action → coverage', async () => {
  const social = async () => page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
  const assetId = await create('assets', async () => {
    await page.fill('#in-name', `${tag} Journaler`);
    await social();
    await page.fill('#in-owner_id', 'ciso@exempelkommun.se');
    await page.selectOption('#in-status', 'operation');
  });
  const objectId = await create('objects', async () => {
    await page.fill('#in-name', `${tag} Vård`);
    await social();
    await page.selectOption('#in-status', 'operation');
  });
  const systemId = await create('systems', async () => {
    await page.fill('#in-name', `${tag} Journalsystem`);
    await social();
    await page.selectOption('#in-status', 'operation');
    await page.fill('#in-object_id', `${tag} Vård`);
  });
  await visit(page, `/system_assets/new?system_id=${systemId}`);
  await page.fill('#in-asset_id', `${tag} Journaler`);
  await submit(page, 'form.form button[type=submit]', { label: 'after linking' });

  // classify the information and decide it as its owner
  await visit(page, `/assets/${assetId}`);
  await page.locator('#classification a.button').click();
  await page.waitForLoadState();
  await page.selectOption('#in-k', '3');
  await page.selectOption('#in-r', '2');
  await page.selectOption('#in-t', '2');
  await page.check('#in-personal_data');
  await page.fill('#in-motivation', 'Journaler med känsliga uppgifter om enskilda.');
  await submit(page, 'form.form button[type=submit]', { label: 'after the draft' });
  await visit(page, `/assets/${assetId}`);
  await page.locator('#classification a.button.primary', { hasText: 'Besluta klassningen' }).click();
  await page.waitForLoadState();
  await page.locator('#decision a.button.primary').click();
  await page.waitForLoadState();
  await submit(page, 'form[action$="/decide"] button[type=submit]', { label: 'after deciding' });

  // the system and the object now have a protection need, and requirements follow
  await visit(page, `/systems/${systemId}`);
  assert.match(await page.locator('table.need').innerText(), /Konfidentialitet\s+3 – Allvarlig skada/);
  await visit(page, `/objects/${objectId}/requirements`);
  const applicable = Number((await page.locator('dl.detail dd').first().innerText()).trim());
  assert.ok(applicable > 50, `${applicable} requirements apply`);

  // a gap, and the action it becomes
  const chapter = page.locator('section#area-backup');
  await chapter.locator('select').first().selectOption('not_met');
  await Promise.all([page.waitForNavigation(), chapter.locator('button[type=submit]').click()]);
  await page.locator('section#area-backup a.button', { hasText: 'Skapa åtgärd' }).first().click();
  await page.waitForLoadState();
  assert.match(await page.inputValue('#in-title'), /^BAK-\d\d: /);
  await page.selectOption('#in-status', 'planned');
  await submit(page, 'form.form button[type=submit]', { label: 'after creating the action' });
  assert.match(new URL(page.url()).pathname, /^\/actions\/\d+$/);
  await visit(page, `/objects/${objectId}/requirements`);
  assert.match(await page.locator('section#area-backup .gap').first().innerText(), /Åtgärd: BAK-\d\d/);

  // coverage per förvaltning counts the object and its requirements
  await visit(page, '/inventory/coverage');
  // the first table: the inventory's coverage (SOC logging and MFA follow in tables of their own)
  const row = page.locator('table.coverage').first().locator('tbody tr', { hasText: 'Socialförvaltningen' });
  assert.match(await row.innerText(), /\d+ %/);
});
