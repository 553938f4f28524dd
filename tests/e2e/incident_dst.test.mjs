// "Friday evening before the autumn DST change", the walk-through in the browser.
// An employee reports a ransomware incident discovered Friday 2026-10-23 at 21:30
// Stockholm time (CEST); summer time ends Sunday 2026-10-25 at 03:00 (→ 02:00). The CISO
// triages it (personal data breach: yes; significant: yes; each with a reason) and sees
// the deadlines in real hours: the early warning Saturday 21:30 (still CEST), IMY's 72
// hours and the incident notification Monday 2026-10-26 20:30 (CET: the clock went back
// an hour, so 72 real hours end at 20:30, not 21:30; see tests/unit/test_deadline.c),
// the final report a month after the notification, Thursday 2026-11-26 at the end of the
// day. The notifications are recorded with references, the drafts checked, the incident
// closed with lessons learned, and a lesson becomes a risk. Bad input on the way (an
// awareness time in the future, a notification sent before awareness) gets a clear
// message and changes nothing. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser, teacher, ciso, incidentPath, reference;
const tag = `${process.pid}-${Date.now() % 100000}`;
const title = `Krypterade filer på skolans filserver ${tag}`;
const save = 'form.form button[type=submit].primary';

// A Stockholm wall-clock time some hours from now, as a datetime-local input takes it.
function localIn(hours) {
  return new Date(Date.now() + hours * 3600e3)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16).replace(' ', 'T');
}

const clockRow = (page, text) => page.locator('#clocks tbody tr').filter({ hasText: text });

before(async () => {
  browser = await launch();
  teacher = await newPage(browser);
  ciso = await newPage(browser);
});
after(async () => {
  await teacher?.context.close();
  await ciso?.context.close();
  await browser?.close();
});

test('Friday 21:30: an employee reports ransomware', async () => {
  const page = teacher.page;
  await login(page, 'medarbetare@exempelkommun.se');
  await visit(page, '/incidents/new');
  await page.fill('#in-title', title);
  await page.fill('#in-what_happened', 'Alla filer på skolans filserver har fått ändelsen .locked och det ligger ett meddelande om lösensumma i varje mapp.');
  await page.fill('#in-discovered_at', '2026-10-23T21:30');
  await page.fill('#in-affected', 'Filservern för skolorna, elevernas mappar');
  await page.fill('#in-contact', '070-123 45 67');
  await submit(page, save, { label: 'the report' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  incidentPath = new URL(page.url()).pathname;
  assert.match(incidentPath, /^\/incidents\/\d+$/);
  reference = (await page.locator('.notice strong').innerText()).trim();
  assert.match(reference, /^INC-\d{4}-\d{4}$/);
  assert.match(await page.locator('.record-fields').innerText(), /2026-10-23 21:30/);
});

test('the CISO triages it; an awareness time in the future is refused and changes nothing', async () => {
  const page = ciso.page;
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, incidentPath);
  assert.match(await page.locator('#clocks').innerText(), /Ingen lagstadgad frist gäller ännu/);
  await submit(page, `a[href="${incidentPath}/edit"]`);
  await page.selectOption('#in-status', 'triaged');
  await page.selectOption('#in-category', 'ransomware');
  await page.selectOption('#in-severity', 'critical');
  await page.fill('#in-aware_at', localIn(48));
  await page.selectOption('#in-personal_data', 'yes');
  await page.fill('#in-personal_data_reason', 'Elevernas mappar innehåller omdömen och elevhälsans anteckningar.');
  await page.selectOption('#in-significant', 'yes');
  await page.fill('#in-significant_reason', 'Undervisningen i kommunens skolor stannar; återställning tar dagar.');
  await submit(page, save, { label: 'awareness in the future refused' });
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1);
  assert.match(await summary.innerText(), /framtiden/);
  // nothing changed: still reported, no clocks
  await visit(page, incidentPath, { label: 'unchanged after the refusal' });
  assert.match(await page.locator('#clocks').innerText(), /Ingen lagstadgad frist gäller ännu/);
  assert.match(await page.locator('.record-fields').innerText(), /Rapporterad/);
  // now as it was: aware Friday 21:30, when the report came in
  await submit(page, `a[href="${incidentPath}/edit"]`);
  await page.selectOption('#in-status', 'triaged');
  await page.selectOption('#in-category', 'ransomware');
  await page.selectOption('#in-severity', 'critical');
  await page.fill('#in-aware_at', '2026-10-23T21:30');
  await page.selectOption('#in-personal_data', 'yes');
  await page.fill('#in-personal_data_reason', 'Elevernas mappar innehåller omdömen och elevhälsans anteckningar.');
  await page.selectOption('#in-significant', 'yes');
  await page.fill('#in-significant_reason', 'Undervisningen i kommunens skolor stannar; återställning tar dagar.');
  await page.fill('#in-measures', 'Filservern är frånkopplad från nätet; återläsning från säkerhetskopia pågår.');
  await submit(page, save, { label: 'the triaged incident' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.equal(new URL(page.url()).pathname, incidentPath);
});

test('the clocks count real hours across the DST change', async () => {
  const page = ciso.page;
  assert.equal(await page.locator('#clocks tbody tr').count(), 4);
  const due = async (text) => (await clockRow(page, text).locator('td').first().innerText()).trim();
  // read aloud: weekday, date, time and the zone, which changes in between
  assert.equal(await due('IMY:'), 'mån 2026-10-26 20:30 CET', 'IMY: 72 real hours, the clock went back an hour');
  assert.equal(await due('CSIRT: tidig varning'), 'lör 2026-10-24 21:30 CEST', 'early warning: 24 h, still summer time');
  assert.equal(await due('CSIRT: incidentanmälan'), 'mån 2026-10-26 20:30 CET');
  const [finalDue, finalNote] = (await due('CSIRT: slutrapport')).split('\n');
  assert.equal(finalDue, 'tor 2026-11-26 23:59 CET', 'a month after the notification, to the end of the day');
  assert.match(finalNote, /^Preliminärt: räknat från incidentanmälans frist/, 'no notification sent yet: the date moves');
  const recipients = await page.locator('#clocks ul.authorities').innerText();
  assert.match(recipients, /Integritetsskyddsmyndigheten \(IMY\)/);
  assert.match(recipients, /CERT-SE/);
});

test('notifications are recorded; one sent before awareness is refused and changes nothing', async () => {
  const page = ciso.page;
  await submit(page, '#clocks a[href*="kind=csirt_early"]', { label: 'record the early warning' });
  await page.fill('#in-sent_at', '2026-10-23T20:00');
  await page.fill('#in-reference', `CERT-SE 2026-${tag}`);
  await submit(page, save, { label: 'a notification before awareness refused' });
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.match(await page.locator('.error-summary').innerText(), /innan organisationen fick kännedom/);
  await visit(page, incidentPath, { label: 'no notification recorded' });
  assert.doesNotMatch(await clockRow(page, 'CSIRT: tidig varning').innerText(), /Skickad/);
  // Saturday morning, with CERT-SE's reference
  await submit(page, '#clocks a[href*="kind=csirt_early"]', { label: 'record the early warning again' });
  await page.fill('#in-sent_at', '2026-10-24T09:15');
  await page.fill('#in-reference', `CERT-SE 2026-${tag}`);
  await submit(page, save, { label: 'the early warning recorded' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  // Monday morning (CET now), IMY's reference
  await visit(page, incidentPath);
  await submit(page, '#clocks a[href*="kind=imy"]', { label: 'record the IMY notification' });
  await page.fill('#in-sent_at', '2026-10-26T10:05');
  await page.fill('#in-reference', `IMY-2026-${tag}`);
  await submit(page, save, { label: 'the IMY notification recorded' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, incidentPath, { label: 'both sent' });
  const early = await clockRow(page, 'CSIRT: tidig varning').innerText();
  assert.match(early, /Skickad/);
  assert.match(early, new RegExp(`2026-10-24 09:15 \\(CERT-SE 2026-${tag}\\)`));
  const imy = await clockRow(page, 'IMY:').innerText();
  assert.match(imy, /Skickad/);
  assert.match(imy, new RegExp(`2026-10-26 10:05 \\(IMY-2026-${tag}\\)`));
  assert.match(await page.locator('ol.timeline').innerText(), /Anmälan registrerad som skickad/);
});

test('the drafts carry the assessment and the recipient', async () => {
  const page = ciso.page;
  await visit(page, `${incidentPath}/imy-draft`);
  const imy = await page.locator('dl.draft').innerText();
  assert.match(imy, /Integritetsskyddsmyndigheten \(IMY\)/);
  assert.match(imy, /elevhälsans anteckningar/);
  assert.match(imy, /Filservern är frånkopplad/);
  assert.match(imy, /2026-10-26 20:30/);
  await visit(page, `${incidentPath}/csirt-draft`);
  const csirt = await page.locator('dl.draft').innerText();
  assert.match(csirt, /CERT-SE/);
  assert.match(csirt, /Undervisningen i kommunens skolor stannar/);
  assert.match(csirt, /2026-10-24 21:30/);
});

test('closed with lessons learned; a lesson becomes a risk with one click', async () => {
  const page = ciso.page;
  // the affected unit, which the risk will be in
  await visit(page, `/incident_links/new?incident_id=${incidentPath.split('/').pop()}`);
  await page.selectOption('#in-unit_id', { label: 'Barn- och utbildningsförvaltningen' });
  await submit(page, save, { label: 'the affected unit' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  await visit(page, `${incidentPath}/edit`);
  await page.selectOption('#in-status', 'closed');
  await submit(page, save, { label: 'closing without lessons refused' });
  assert.match(await page.locator('.error-summary').innerText(), /lärdomarna/);
  await page.selectOption('#in-status', 'closed');
  await page.fill('#in-lessons', '- Säkerhetskopiorna låg på samma nät som filservern. De ska flyttas till ett skyddat nät.\n- Ingen hade jour på fredagskvällen.');
  await submit(page, save, { label: 'the closed incident' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.match(await page.locator('.record-fields').innerText(), /Avslutad/);
  const lessons = page.locator('#lessons li');
  assert.equal(await lessons.count(), 2);
  await submit(page, '#lessons li:first-child a[href^="/risks/new"]', { label: 'the risk form from a lesson' });
  assert.equal(await page.inputValue('#in-title'), 'Säkerhetskopiorna låg på samma nät som filservern');
  assert.match(await page.inputValue('#in-description'), /De ska flyttas till ett skyddat nät/);
  assert.equal(await page.inputValue('#in-source_entity'), 'incidents');
  assert.equal(await page.locator('#in-unit_id option:checked').innerText(), 'Barn- och utbildningsförvaltningen');
  await page.selectOption('#in-likelihood', '3');
  await page.selectOption('#in-consequence', '4');
  await page.selectOption('#in-status', 'open');
  await submit(page, save, { label: 'the risk from the lesson' });
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.match(new URL(page.url()).pathname, /^\/risks\/\d+$/);
  assert.match(await page.locator('p.origin').innerText(), new RegExp(`Skapad från: Incident ${reference}`));
  await visit(page, incidentPath, { label: 'the incident with its risk' });
  assert.match(await page.locator('ul.made-from').innerText(), /Risk: Säkerhetskopiorna låg på samma nät som filservern — Öppen/);
});
