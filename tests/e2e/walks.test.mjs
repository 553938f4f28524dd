// Monday morning from the start page, for the roles the other walks leave out (issue 16
// "Done means"): the incident handler goes from the legal clocks on /home to an incident
// not yet assessed, assesses it, and records the early warning the page then asks for;
// the responsible person finds a late action on /home, marks it done and sees it leave
// "Att göra". (The information owner's and the samordnare's walks are in
// classification.test.mjs.) Every page is checked with axe; screenshots go to
// LIS_E2E_SHOTS (or the system's temporary directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

const SHOTS = process.env.LIS_E2E_SHOTS || join(tmpdir(), 'lis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });
const LAPTOP = { width: 1366, height: 900 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A Stockholm wall-clock time some hours ago, as a datetime-local input takes it.
function localAgo(hours) {
  return new Date(Date.now() - hours * 3600e3)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16).replace(' ', 'T');
}
const clocksGroup = (page) => page.locator('#todo ul.todo-list', { has: page.locator('xpath=preceding-sibling::h3[1][normalize-space()="Lagstadgade tidsfrister"]') });
const todoItem = (page, text) => page.locator('#todo ul.todo-list li').filter({ hasText: text });
// "mån 2026-12-07 17:56 CET": a deadline with its weekday and time zone
const SPOKEN = /(mån|tis|ons|tor|fre|lör|sön) \d{4}-\d\d-\d\d \d\d:\d\d CES?T/;

test('the incident handler: /home\'s clocks → "Ej bedömd – bedöm nu" → assessed → the early warning recorded → the next step', async () => {
  const { context, page } = await newPage(browser, { viewport: LAPTOP });
  try {
    await login(page, 'ciso@exempelkommun.se');
    await visit(page, '/home');
    await page.screenshot({ path: join(SHOTS, 'walk-handler-home.png'), fullPage: true });
    // the demo's lost phone is not assessed yet: it is among the clocks, not lost below them
    const untriaged = todoItem(page, 'INC-2026-0003');
    assert.match(await untriaged.first().innerText(), /Ej bedömd – bedöm nu: INC-2026-0003 .* senast \d{4}-\d\d-\d\d \d\d:\d\d/);
    assert.ok((await clocksGroup(page).locator('li').count()) >= 2, 'the running clocks');
    await Promise.all([page.waitForNavigation(), untriaged.first().locator('a').click()]);
    await checkA11y(page, 'the incident not yet assessed');
    const step = page.locator('section.next-step');
    assert.match(await step.innerText(), /Ej bedömd – bedöm nu/);
    assert.match(await step.innerText(), SPOKEN);
    const incidentPath = new URL(page.url()).pathname;
    // assess it: significant, no personal data
    await Promise.all([page.waitForNavigation(), step.getByRole('link', { name: 'Bedöm incidenten' }).click()]);
    await checkA11y(page, 'the assessment form');
    await page.selectOption('#in-significant', 'yes');
    await page.fill('#in-significant_reason', 'Mobilen har åtkomst till verksamhetssystemet; driften påverkas.');
    await page.selectOption('#in-personal_data', 'no');
    await page.fill('#in-personal_data_reason', 'Telefonen var krypterad och spärrades inom en timme.');
    await submit(page, 'form.form button[type=submit].primary', { label: 'after the assessment' });
    assert.equal(await page.locator('.error-summary').count(), 0);
    if (new URL(page.url()).pathname !== incidentPath) await visit(page, incidentPath);
    await page.screenshot({ path: join(SHOTS, 'walk-handler-incident.png'), fullPage: true });
    // the next step in words, with weekday, time and zone; the clocks most urgent first
    assert.match(await step.innerText(), new RegExp(`Skicka tidig varning till CSIRT senast ${SPOKEN.source}`));
    const dues = await page.locator('#clocks tbody tr[data-clock-due]').evaluateAll((rows) => rows.map((r) => +r.dataset.clockDue));
    assert.ok(dues.length >= 2, 'the clocks of a significant incident');
    assert.deepEqual(dues, [...dues].sort((a, b) => a - b), 'most urgent first');
    assert.match(await page.locator('#clocks tbody tr').first().innerText(), /CSIRT: tidig varning/);
    // the early warning, recorded from the step
    await Promise.all([page.waitForNavigation(), step.getByRole('link', { name: 'Registrera som skickad' }).click()]);
    await checkA11y(page, 'recording the early warning');
    assert.equal(new URL(page.url()).searchParams.get('kind'), 'csirt_early');
    await page.fill('#in-sent_at', localAgo(0.25));
    await page.fill('#in-reference', 'CERT-SE 2026-204');
    await submit(page, 'form.form button[type=submit].primary', { label: 'after recording the early warning' });
    assert.equal(await page.locator('.error-summary').count(), 0);
    if (new URL(page.url()).pathname !== incidentPath) await visit(page, incidentPath);
    // the step has moved on; the warning's row says sent
    assert.match(await step.innerText(), /Skicka incidentanmälan till CSIRT senast/);
    const early = page.locator('#clocks tbody tr').filter({ hasText: 'CSIRT: tidig varning' });
    assert.match(await early.innerText(), /Skickad/);
    assert.match(await early.innerText(), /CERT-SE 2026-204/);
    assert.match(await page.locator('ol.timeline').innerText(), /Anmälan registrerad som skickad: CSIRT: tidig varning/);
    // and on /home: assessed, the warning sent, the notification next
    await visit(page, '/home');
    const items = await todoItem(page, 'INC-2026-0003').allInnerTexts();
    assert.ok(!items.some((t) => /Ej bedömd|tidig varning/.test(t)), items.join('\n'));
    assert.ok(items.some((t) => /CSIRT: incidentanmälan/.test(t)), items.join('\n'));
  } finally {
    await context.close();
  }
});

test('the responsible person: a late action on /home → its page → marked done → it leaves "Att göra"', async () => {
  const { context, page } = await newPage(browser, { viewport: LAPTOP });
  try {
    await login(page, 'samordnare@exempelkommun.se');
    await visit(page, '/home');
    // the demo (and other walks) may name more than one action so: this one leaves the list
    const before = await todoItem(page, 'Inför personliga inloggningar på boenden').count();
    const late = todoItem(page, 'Inför personliga inloggningar på boenden').first();
    assert.match(await late.innerText(), /Åtgärd: Inför personliga inloggningar på boenden senast \d{4}-\d\d-\d\d Försenad sedan/);
    await page.screenshot({ path: join(SHOTS, 'walk-responsible-home.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), late.locator('a').click()]);
    await checkA11y(page, 'the late action');
    const actionPath = new URL(page.url()).pathname;
    assert.match(await page.locator('.record-fields').innerText(), /Försenad sedan/);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Markera som genomförd' }).click()]);
    await checkA11y(page, 'after marking it done');
    assert.equal(new URL(page.url()).pathname, actionPath);
    const fields = await page.locator('.record-fields').innerText();
    assert.match(fields, /Status\s*Genomförd/);
    assert.doesNotMatch(fields, /Försenad sedan/);
    assert.equal(await page.getByRole('button', { name: 'Markera som genomförd' }).count(), 0);
    await visit(page, '/home');
    assert.equal(await todoItem(page, 'Inför personliga inloggningar på boenden').count(), before - 1, 'no longer to do');
  } finally {
    await context.close();
  }
});
