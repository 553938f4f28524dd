// The incident scenario from the issue, in the browser: a teacher reports an incident
// and gets a reference number; the CISO triages it (personal data: yes; significant:
// yes, each with a reason), sees the legal clocks in words, records the CSIRT early
// warning as sent and sees it marked sent, and opens the IMY draft. Every page on the
// way is checked with axe-core (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y } from './lib.mjs';

let browser, teacher, ciso, incidentPath, reference;
const title = `Ransomware på skolans filserver ${process.pid}-${Date.now() % 100000}`;

// A Stockholm wall-clock time some hours ago, as a datetime-local input takes it.
function localAgo(hours) {
  return new Date(Date.now() - hours * 3600e3)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16).replace(' ', 'T');
}

before(async () => {
  browser = await launch();
  teacher = await newPage(browser);
  ciso = await newPage(browser);
  // a controllable clock (running at real speed) to see the deadline clocks count down
  await ciso.page.clock.install();
});
after(async () => {
  await teacher?.context.close();
  await ciso?.context.close();
  await browser?.close();
});

test('an employee reports an incident and gets a reference number', async () => {
  const page = teacher.page;
  await login(page, 'medarbetare@exempelkommun.se');
  await visit(page, '/incidents/open');
  assert.equal(await page.locator('h1').innerText(), 'Mina rapporterade incidenter');
  await submit(page, 'a[href="/incidents/new"]');
  await page.fill('#in-title', title);
  await page.fill('#in-what_happened', 'Filerna går inte att öppna och det ligger ett meddelande om lösensumma i varje mapp.');
  await page.fill('#in-discovered_at', localAgo(3));
  await page.fill('#in-affected', 'Filservern för skolorna');
  await page.fill('#in-contact', '070-123 45 67');
  assert.equal(await page.locator('#in-personal_data').count(), 0, 'no triage fields for the reporter');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  incidentPath = new URL(page.url()).pathname;
  assert.match(incidentPath, /^\/incidents\/\d+$/);
  reference = (await page.locator('.notice strong').innerText()).trim();
  assert.match(reference, /^INC-\d{4}-\d{4}$/);
  assert.equal(await page.locator('h1').innerText(), reference);
});

test('the CISO triages it and the legal clocks appear, in words', async () => {
  const page = ciso.page;
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/incidents/open');
  assert.equal(await page.locator('h1').innerText(), 'Öppna incidenter');
  await submit(page, `a[href="${incidentPath}"]`);
  assert.match(await page.locator('#clocks').innerText(), /Ingen lagstadgad frist gäller ännu/);
  // the page leads: not yet assessed, with the one button that assesses it
  assert.match(await page.locator('.next-step').innerText(), /Ej bedömd – bedöm nu/);
  await checkA11y(page, 'an untriaged incident');
  await submit(page, `.next-step a[href="${incidentPath}/edit"]`);
  await page.selectOption('#in-status', 'triaged');
  await page.selectOption('#in-category', 'ransomware');
  await page.selectOption('#in-severity', 'critical');
  await page.fill('#in-aware_at', localAgo(2));
  await page.selectOption('#in-personal_data', 'yes');
  await page.selectOption('#in-significant', 'yes');
  // a "yes" without a reason is refused, field by field
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.match(await page.locator('.error-summary').innerText(), /Skäl för bedömningen/);
  await page.fill('#in-personal_data_reason', 'Elevdokumentation med känsliga personuppgifter.');
  await page.fill('#in-significant_reason', 'Skolornas verksamhet är allvarligt störd.');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const clocks = page.locator('#clocks table tbody tr');
  assert.equal(await clocks.count(), 4);
  const text = await page.locator('#clocks').innerText();
  assert.match(text, /IMY: anmälan av personuppgiftsincident/);
  assert.match(text, /CSIRT: tidig varning/);
  assert.match(text, /I tid/, 'each state is a word, not only a colour');
  assert.match(text, /kvar:/);
  // the next step names the soonest: the early warning, with weekday and zone
  assert.match(await page.locator('.next-step').innerText(),
    /Skicka tidig varning till CSIRT senast (mån|tis|ons|tor|fre|lör|sön) \d{4}-\d\d-\d\d \d\d:\d\d CES?T/);
  await checkA11y(page, 'a triaged incident');
});

test('the early warning is recorded as sent and its clock says so', async () => {
  const page = ciso.page;
  const early = page.locator('#clocks tbody tr').filter({ hasText: 'CSIRT: tidig varning' });
  await submit(page, `#clocks a[href*="kind=csirt_early"]`);
  await page.fill('#in-sent_at', localAgo(1));
  await page.fill('#in-reference', 'CERT-SE 2026-77');
  await submit(page, 'form.form button[type=submit].primary');
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, incidentPath);
  assert.match(await early.innerText(), /Skickad/);
  assert.match(await early.innerText(), /CERT-SE 2026-77/);
  assert.match(await page.locator('ol.timeline').innerText(), /Anmälan registrerad som skickad/);
  // the clocks count down while the page is open (app.js)
  const imyLeft = page.locator('#clocks tbody tr').filter({ hasText: 'IMY:' }).locator('td[data-due]');
  const before = await imyLeft.innerText();
  assert.match(before, /^kvar: \d+ d \d+ h$/);
  await page.clock.fastForward('05:00:00');
  assert.notEqual(await imyLeft.innerText(), before);
  assert.match(await imyLeft.innerText(), /^kvar: \d+ d \d+ h$/);
  // the badge and the row turn with the countdown: amber a quarter of IMY's 72 h before
  // its deadline, red after it (awareness was 2 h before the page opened)
  const imyRow = page.locator('#clocks tbody tr').filter({ hasText: 'IMY:' });
  assert.match(await imyRow.locator('strong.clock').innerText(), /I tid/);
  await page.clock.fastForward(50 * 3600e3); /* 57 h after awareness: 15 h left */
  assert.match(await imyRow.locator('strong.clock').innerText(), /Bråttom/);
  assert.equal(await imyRow.getAttribute('class'), 'clock-amber');
  await page.clock.fastForward(16 * 3600e3);
  assert.match(await imyRow.locator('strong.clock').innerText(), /Försenad/);
  assert.equal(await imyRow.getAttribute('class'), 'clock-red');
  assert.match(await imyLeft.innerText(), /^försenad med/);
  await visit(page, `${incidentPath}/imy-draft`);
  assert.match(await page.locator('dl.draft').innerText(), /Elevdokumentation med känsliga personuppgifter/);
  await visit(page, '/incidents/open');
  const row = page.locator('table.list tbody tr').filter({ hasText: reference });
  assert.match(await row.innerText(), /IMY|CSIRT/);
  await checkA11y(page, 'open incidents');
});
