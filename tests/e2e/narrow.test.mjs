// A phone-sized screen (320 CSS pixels, WCAG 1.4.10 Reflow): no page may need sideways
// scrolling; wide tables scroll inside their own box. As the CISO, who may appoint roles
// (so /coverage has its "Utse" links) and whose language no other test changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit } from './lib.mjs';

let browser, context, page;

before(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser, { viewport: { width: 320, height: 640 } }));
  await login(page, 'ciso@exempelkommun.se');
});
after(async () => {
  await context?.close();
  await browser?.close();
});

for (const path of ['/home', '/org', '/coverage', '/units', '/units/new', '/people', '/roles', '/roles/new', '/audit', '/account', '/inventory', '/systems', '/systems/new', '/assets', '/systems/1', '/system_assets/new', '/classification', '/classifications', '/classifications/new?asset_id=3', '/assets/3', '/objects/1', '/objects/1/requirements', '/objects/1/annex', '/requirements', '/requirements/1',
  '/incidents/open', '/incidents/new', '/incidents/2', '/incidents/2/edit', '/incidents/2/csirt-draft', '/incidents/stats',
  '/continuity', '/continuity_plans/new', '/continuity_tests/new', '/rsa/new', '/csl', '/csl_organisations/new', '/csl_trainings/new']) {
  test(`320 px wide: ${path} needs no sideways scrolling`, async () => {
    await visit(page, path);
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= width, `${path} is ${scroll}px wide in a ${width}px window`);
  });
}

test('the "Utse" links on /coverage say which role and unit they are for', async () => {
  await visit(page, '/coverage');
  const link = page.getByRole('link', { name: 'Utse (Informationssäkerhetssamordnare, Bostads AB)', exact: true });
  assert.equal(await link.count(), 1);
  const hidden = await link.locator('span.vh').boundingBox();
  assert.ok(hidden && hidden.width <= 1 && hidden.height <= 1, 'only "Utse" is shown');
});

test('the sort arrow in a list header is not read out', async () => {
  await visit(page, '/units?sort=name&dir=asc');
  const th = page.locator('th[aria-sort=ascending]');
  assert.equal(await th.count(), 1, 'the sorted column says so with aria-sort');
  assert.match(await th.innerText(), /▲/, 'the arrow is shown');
  assert.equal(await th.getByRole('link', { name: 'Namn', exact: true }).count(), 1, 'and not part of the name');
});
