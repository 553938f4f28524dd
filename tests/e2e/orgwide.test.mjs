// The organisation-wide requirements in the browser (issue 19 point 1): the CISO answers one
// on /requirements/org-wide, once for the tenant; every object's self-assessment then shows
// it read-only with that answer and a link to where it is answered. Every page checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the CISO answers an organisation-wide requirement; an object\'s self-assessment shows it read-only with the answer', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/requirements/org-wide');
  assert.equal(await page.locator('h1').innerText(), 'Organisationsgemensamma krav');
  const row = page.locator('div.requirement', { has: page.locator('strong', { hasText: /^KRY-01$/ }) });
  const id = (await row.getAttribute('id')).replace('req-', '');
  await page.selectOption(`#st-${id}`, 'partly');
  const chosen = (await page.locator(`#st-${id} option:checked`).innerText()).trim();
  const comment = `Riktlinjen för kryptering är ett utkast ${tag}`;
  await row.locator('summary').click();
  await page.fill(`#co-${id}`, comment);
  await submit(page, 'form button[type=submit].primary');
  assert.match(page.url(), /saved=1/);
  assert.equal(await page.locator(`#st-${id}`).inputValue(), 'partly', 'kept');
  assert.equal(await page.locator(`#co-${id}`).inputValue(), comment);

  // an object's self-assessment: the requirement with the tenant's answer, no field to answer it
  await visit(page, '/objects');
  const object = await page.locator('table.list tbody a[href^="/objects/"]').first().getAttribute('href');
  await visit(page, `${object}/requirements`);
  const section = page.locator('#org-wide');
  await section.waitFor();
  const shown = section.locator(`#req-${id}`);
  assert.match(await shown.innerText(), new RegExp(`${chosen} — ${comment}`));
  assert.equal(await page.locator(`[name="status_${id}"]`).count(), 0, 'read-only: answered once for the organisation');
  await shown.locator(`a[href="/requirements/org-wide#req-${id}"]`).click();
  await page.waitForURL(/\/requirements\/org-wide/);
  await context.close();
});
