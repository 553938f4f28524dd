// The årshjul in the browser, as a samordnare: she adds the förvaltning's yearly
// management review through the form, finds it in November's column with its owner and
// unit, narrows the wheel to her förvaltning and to her own duties, prints it without the
// menu and the forms, and makes a calendar address that she copies to Outlook. Every page
// is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser;
const tag = `${process.pid}-${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a samordnare adds a yearly duty and reads it on her årshjul, narrowed, printed and subscribed to', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'samordnare@exempelkommun.se');
    // the menu leads there (under Arbete)
    assert.equal(await page.locator('nav.main a[href="/yearwheel"]').count(), 1);
    await visit(page, '/yearly_duties/new');
    const name = `Ledningens genomgång ${tag}`;
    await page.fill('#in-name', name);
    await page.selectOption('#in-recurrence', 'yearly');
    await page.selectOption('#in-month', '11');
    await page.fill('#in-day', '20');
    // her förvaltning's duty: a samordnare keeps her förvaltning's, not the whole kommun's
    await page.selectOption('#in-unit_id', { label: 'Socialförvaltningen' });
    await submit(page, 'form.form button[type=submit].primary');
    assert.equal(await page.locator('.error-summary').count(), 0, await page.content());
    assert.match(new URL(page.url()).pathname, /^\/yearly_duties\/\d+$/);

    const year = new Date().getFullYear();
    await visit(page, `/yearwheel?year=${year}`);
    assert.equal(await page.locator('h1').innerText(), `Årshjul ${year}`);
    assert.equal(await page.locator('.wheel-month h2').count(), 12);
    const november = page.locator('section.wheel-month', { has: page.locator('h2', { hasText: 'November' }) });
    assert.match(await november.innerText(), new RegExp(`${year}-11-20\\s+Återkommande uppgift: ${name} \\(Socialförvaltningen\\)`));
    // an empty month says so in words, not by a blank
    assert.ok((await page.locator('.wheel-month p.muted').count()) >= 1);

    // per förvaltning, with the keyboard-usable form; then only hers
    await page.selectOption('#f-unit', { label: 'Socialförvaltningen' });
    await submit(page, '#choose button[type=submit]', { label: 'the wheel of Socialförvaltningen' });
    assert.match(page.url(), /unit_id=\d+/);
    await page.check('#f-mine');
    await submit(page, '#choose button[type=submit]', { label: 'mitt årshjul' });
    assert.equal(await page.locator('h1').innerText(), `Mitt årshjul ${year}`);
    assert.ok(!(await page.locator('.wheel').innerText()).includes(name), 'the duty has no owner: not hers');

    // printed: the months, without the menu, the choices and the feed's forms
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#choose').isVisible(), false);
    assert.equal(await page.locator('header.top').isVisible(), false);
    assert.ok(await page.locator('.wheel').isVisible());
    await page.emulateMedia({ media: 'screen' });

    // the calendar address, shown once
    await submit(page, 'form[action="/yearwheel/feed"] button[type=submit]', { label: 'the new calendar address' });
    const href = await page.locator('#feed-link').getAttribute('href');
    assert.match(href, /^\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await page.request.get(href);
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /^BEGIN:VCALENDAR\r\n/);
    await visit(page, '/yearwheel?mine=1');
    assert.match(await page.locator('[role=status]').innerText(), /aktiv kalenderadress/);
    await submit(page, 'form[action="/yearwheel/feed/revoke"] button[type=submit]', { label: 'revoked' });
    assert.equal((await page.request.get(href)).status(), 404);
    await checkA11y(page, 'after revoking');
  } finally {
    await context.close();
  }
});
