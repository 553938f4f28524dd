// The incident page leads the handler (issue 16 §2): the next step in words at the top —
// "Ej bedömd – bedöm nu" with the deadlines a yes would set, then the most urgent
// notification to send with its deadline as weekday, date, time and zone; the clocks most
// urgent first; a notification registered after its deadline shown as sent late; the
// fields grouped, the empty ones folded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, employeeApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const sv = ['sön', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör'];
// an instant as the page reads a deadline: "fre 2026-12-04 16:56 CET", Stockholm time
function readAloud(ms) {
  const d = new Date(ms);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    weekday: 'short', timeZoneName: 'short' }).formatToParts(d).map((p) => [p.type, p.value]));
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  const zone = parts.timeZoneName === 'GMT+2' || parts.timeZoneName === 'CEST' ? 'CEST' : 'CET';
  return `${sv[wd]} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zone}`;
}
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const nextStep = (html) => text((html.match(/<section class="next-step[^"]*"[\s\S]*?<\/section>/) || [''])[0]);

async function report(hoursAgo) {
  const r = await employeeApi.post('/api/v1/incidents', { title: unique('Ledande sida'),
    what_happened: 'Något hände.', discovered_at: isoAgo(hoursAgo) });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('an untriaged incident says "Ej bedömd – bedöm nu" with the deadlines a yes would set', async () => {
  const inc = await report(2);
  const aware = Date.parse(sql(`SELECT aware_at FROM incident WHERE id = ${inc.id}`).trim());
  const page = await ciso.get(`/incidents/${inc.id}`);
  assert.equal(page.status, 200);
  const step = nextStep(page.text);
  assert.match(step, /Ej bedömd – bedöm nu/);
  assert.ok(step.includes(`lämnas senast ${readAloud(aware + 24 * 3600e3)}`), step);
  assert.ok(step.includes(`göras senast ${readAloud(aware + 72 * 3600e3)}`), step);
  assert.match(page.text, new RegExp(`href="/incidents/${inc.id}/edit">Bedöm incidenten`));
  // the next step comes before the fields
  assert.ok(page.text.indexOf('class="next-step') < page.text.indexOf('<dl class="detail"'));
  // and the open incidents say the same instead of "Ingen frist"
  const open = await ciso.get('/incidents/open');
  const row = open.text.split('<tr>').find((r) => r.includes(inc.reference));
  assert.match(row, /Ej bedömd – bedöm nu/);
  assert.doesNotMatch(row, /Ingen frist/);
  // the reporter sees no next step: it is the handlers'
  const mine = await (await loggedIn(server.base, 'medarbetare@exempelkommun.se')).get(`/incidents/${inc.id}`);
  assert.doesNotMatch(mine.text, /class="next-step/);
});

test('a triaged significant incident leads to the early warning, with weekday, date, time and zone', async () => {
  const inc = await report(3);
  const aware = isoAgo(3);
  const t = await cisoApi.patch(`/api/v1/incidents/${inc.id}`, { status: 'triaged', aware_at: aware,
    personal_data: 'no', personal_data_reason: 'Inga personuppgifter.', significant: 'yes', significant_reason: 'Driften stoppad.' });
  assert.equal(t.status, 200, t.text);
  const page = await ciso.get(`/incidents/${inc.id}`);
  const step = nextStep(page.text);
  assert.ok(step.includes(`Skicka tidig varning till CSIRT senast ${readAloud(Date.parse(aware) + 24 * 3600e3)}`), step);
  assert.match(page.text, new RegExp(`href="/incident_notifications/new\\?incident_id=${inc.id}&amp;kind=csirt_early">Registrera som skickad`));
  assert.match(page.text, new RegExp(`href="/incidents/${inc.id}/csirt-draft">Öppna utkastet`));
  // the clocks, most urgent first: the early warning heads the table
  const table = page.text.match(/<table class="list clocks">[\s\S]*?<\/table>/)[0];
  const kinds = [...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
  assert.match(kinds[0], /tidig varning/);
  // an unsent row carries the moments its badge turns (app.js), the sent ones do not
  assert.match(table, /data-clock-amber="\d+" data-clock-due="\d+"/);
  // once sent, the next one leads
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: inc.id, kind: 'csirt_early', sent_at: isoAgo(1) });
  assert.equal(n.status, 201, n.text);
  assert.match(nextStep((await ciso.get(`/incidents/${inc.id}`)).text), /Skicka incidentanmälan till CSIRT senast/);
});

test('a notification registered after its deadline shows as sent late, on the page and in JSON', async () => {
  const inc = await report(40);
  const aware = isoAgo(40);
  const t = await cisoApi.patch(`/api/v1/incidents/${inc.id}`, { status: 'triaged', aware_at: aware,
    personal_data: 'no', personal_data_reason: 'Inga.', significant: 'yes', significant_reason: 'Stort avbrott.' });
  assert.equal(t.status, 200, t.text);
  // overdue and unsent: the next step says the deadline has passed
  const before = nextStep((await ciso.get(`/incidents/${inc.id}`)).text);
  assert.match(before, /Skicka tidig varning till CSIRT/);
  assert.match(before, /Fristen har gått ut/);
  assert.match((await ciso.get(`/incidents/${inc.id}`)).text, /<section class="next-step late"/);
  // sent 30 h after awareness: 6 h late
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: inc.id, kind: 'csirt_early', sent_at: isoAgo(10) });
  assert.equal(n.status, 201, n.text);
  const d = await cisoApi.get(`/api/v1/incidents/${inc.id}/deadlines`);
  assert.equal(d.json.deadlines.find((x) => x.kind === 'csirt_early').state, 'sent_late');
  const page = await ciso.get(`/incidents/${inc.id}`);
  const row = page.text.match(/<tr class="clock-sent-late"[\s\S]*?<\/tr>/);
  assert.ok(row, 'the early warning row is marked sent late');
  assert.match(row[0], /Skickad för sent/);
  // one sent in time stays "Skickad"
  const n2 = await cisoApi.post('/api/v1/incident_notifications', { incident_id: inc.id, kind: 'csirt_notification', sent_at: isoAgo(0) });
  assert.equal(n2.status, 201, n2.text);
  assert.equal((await cisoApi.get(`/api/v1/incidents/${inc.id}/deadlines`)).json.deadlines.find((x) => x.kind === 'csirt_notification').state, 'sent');
});

test('the record page groups the fields under headings and folds the empty ones', async () => {
  const inc = await report(1);
  const page = (await ciso.get(`/incidents/${inc.id}`)).text;
  assert.match(page, /<h2 class="field-group">Rapporten<\/h2>/);
  assert.match(page, /<h2 class="field-group">Bedömning<\/h2>/);
  // nothing is filled in about the personal data yet: no heading for it, its fields folded
  assert.doesNotMatch(page, /<h2 class="field-group">Personuppgiftsincident \(GDPR\)<\/h2>/);
  const folded = page.match(/<details class="empty-fields"><summary>Tomma fält \((\d+)\)<\/summary>([\s\S]*?)<\/details>/);
  assert.ok(folded, 'the empty fields are folded');
  assert.match(folded[2], /Lärdomar/);
  assert.doesNotMatch(folded[2], /Rubrik/, 'a field with a value is not among the empty');
  assert.equal(Number(folded[1]), (folded[2].match(/<dt>/g) || []).length);
  // English has the same headings and the next step in its words
  const en = await loggedIn(server.base, 'ciso@exempelkommun.se');
  await en.post('/lang', { lang: 'en', back: '/home' });
  const enPage = (await en.get(`/incidents/${inc.id}`)).text;
  assert.match(enPage, /<h2 class="field-group">Assessment<\/h2>/);
  assert.match(nextStep(enPage), /Not assessed – assess now/);
  assert.match(nextStep(enPage), /by (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{4}-\d\d-\d\d \d\d:\d\d CES?T/);
  // the choice is remembered on the account: back to Swedish for the files that follow
  await en.post('/lang', { lang: 'sv', back: '/home' });
});
