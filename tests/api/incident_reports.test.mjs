// Reporting as Cybersäkerhetslagen has it: the final report a month after the incident
// notification, provisional while none is sent; an incident still going on at that date
// gets a progress report then and the final report a month after it was handled (lis
// asks, and recomputes when the handling time is recorded); one submission serving two
// duties recorded once; a delrapport the authority asks for with its own deadline. Bad
// input changes nothing; an employee sees none of it.
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

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());

// A significant incident, aware 2026-05-12 10:00 Swedish time, notification sent 14 May
async function significant(extra = {}) {
  const r = await cisoApi.post('/api/v1/incidents', { title: unique('Intrång'), what_happened: 'Intrång i ärendesystemet.',
    discovered_at: '2026-05-12T08:00:00Z' });
  assert.equal(r.status, 201, r.text);
  const t = await cisoApi.patch(`/api/v1/incidents/${r.json.id}`, { status: 'triaged', aware_at: '2026-05-12T08:00:00Z',
    personal_data: 'no', personal_data_reason: 'Inga personuppgifter.', significant: 'yes',
    significant_reason: 'Ärendehanteringen stod still två dagar.', ...extra });
  assert.equal(t.status, 200, t.text);
  return r.json.id;
}
const deadlines = async (id) => {
  const d = await cisoApi.get(`/api/v1/incidents/${id}/deadlines`);
  assert.equal(d.status, 200, d.text);
  return d.json;
};
const kinds = (d) => d.deadlines.map((x) => x.kind);
const clock = (d, k) => d.deadlines.find((x) => x.kind === k);

test('the final report is provisional until the notification is sent, and lis asks whether the incident goes on', async () => {
  const id = await significant();
  let d = await deadlines(id);
  assert.deepEqual(kinds(d), ['csirt_early', 'csirt_notification', 'csirt_final']);
  // counted from the notification's deadline (15 May 10:00) → 15 June 23:59:59 CEST
  assert.equal(clock(d, 'csirt_final').due, '2026-06-15T21:59:59Z');
  assert.equal(clock(d, 'csirt_final').provisional, true);
  assert.equal(clock(d, 'csirt_final').ask_ongoing, true);
  const page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Preliminärt: räknat från incidentanmälans frist/);
  assert.match(page.text, /Pågår incidenten fortfarande när slutrapporten ska lämnas\?/);
  assert.match(page.text, new RegExp(`href="/incidents/${id}/edit#in-handled_at"`));
  // the notification sent on 17 June (late) moves the final report to 17 July
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_notification',
    sent_at: '2026-06-17T08:00:00Z', reference: 'NCSC-1' });
  assert.equal(n.status, 201, n.text);
  d = await deadlines(id);
  assert.equal(clock(d, 'csirt_final').due, '2026-07-17T21:59:59Z');
  assert.equal(clock(d, 'csirt_final').provisional, false);
  assert.equal(clock(d, 'csirt_notification').state, 'sent_late');
});

test('still going on a month after: a progress report then, the final report a month after handling', async () => {
  const id = await significant();
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_notification',
    sent_at: '2026-05-14T10:00:00Z' });
  assert.equal(n.status, 201, n.text);
  // the handler sends a progress report: the final report now waits for the handling
  const p = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_progress',
    sent_at: '2026-06-15T08:00:00Z', reference: 'NCSC-2' });
  assert.equal(p.status, 201, p.text);
  let d = await deadlines(id);
  assert.deepEqual(kinds(d), ['csirt_early', 'csirt_notification', 'csirt_progress']);
  assert.equal(clock(d, 'csirt_progress').due, '2026-06-15T21:59:59Z');
  assert.equal(clock(d, 'csirt_progress').state, 'sent');
  assert.equal(clock(d, 'csirt_progress').final_waits_handled, true);
  let page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Incidenten pågick när slutrapporten skulle lämnas/);
  // handled on 20 July 14:00 Swedish time: the final report is due 20 August
  const h = await cisoApi.patch(`/api/v1/incidents/${id}`, { handled_at: '2026-07-20T12:00:00Z' });
  assert.equal(h.status, 200, h.text);
  d = await deadlines(id);
  assert.equal(d.handled_at, '2026-07-20T12:00:00Z');
  assert.deepEqual(kinds(d), ['csirt_early', 'csirt_notification', 'csirt_progress', 'csirt_final']);
  assert.equal(clock(d, 'csirt_final').due, '2026-08-20T21:59:59Z');
  assert.equal(clock(d, 'csirt_final').ask_ongoing, false);
  page = await ciso.get(`/incidents/${id}`);
  assert.doesNotMatch(page.text, /Incidenten pågick när slutrapporten skulle lämnas/);
  assert.match(page.text, /CSIRT: lägesrapport/);
});

test('handled within the month: no progress report; handling cannot be in the future or before awareness', async () => {
  const id = await significant({ handled_at: '2026-05-20T08:00:00Z' });
  const d = await deadlines(id);
  assert.deepEqual(kinds(d), ['csirt_early', 'csirt_notification', 'csirt_final']);
  assert.equal(clock(d, 'csirt_final').ask_ongoing, false);
  for (const handled_at of ['2099-01-01T00:00:00Z', '2026-05-01T08:00:00Z']) {
    const bad = await cisoApi.patch(`/api/v1/incidents/${id}`, { handled_at });
    assert.equal(bad.status, 422, bad.text);
    assert.ok(bad.json.error.fields.handled_at);
  }
  assert.equal(sql(`SELECT handled_at FROM incident WHERE id = ${id}`).trim(), '2026-05-20T08:00:00Z');
});

test('one submission serves two duties, recorded once', async () => {
  const id = await significant();
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_notification',
    also_serves: 'csirt_early', sent_at: '2026-05-13T06:00:00Z', reference: 'NCSC-7' });
  assert.equal(n.status, 201, n.text);
  const d = await deadlines(id);
  assert.equal(clock(d, 'csirt_early').state, 'sent');
  assert.equal(clock(d, 'csirt_early').reference, 'NCSC-7');
  assert.equal(clock(d, 'csirt_notification').state, 'sent');
  const rows = count(`incident_notification WHERE incident_id = ${id}`);
  // the early warning again, as its own row or as another's second duty: refused
  const again = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_early', sent_at: '2026-05-13T07:00:00Z' });
  assert.equal(again.status, 422, again.text);
  assert.ok(again.json.error.fields.kind);
  const twice = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_final',
    also_serves: 'csirt_early', sent_at: '2026-05-20T07:00:00Z' });
  assert.equal(twice.status, 422, twice.text);
  assert.ok(twice.json.error.fields.also_serves);
  const itself = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_final',
    also_serves: 'csirt_final', sent_at: '2026-05-20T07:00:00Z' });
  assert.equal(itself.status, 422, itself.text);
  assert.ok(itself.json.error.fields.also_serves);
  assert.equal(count(`incident_notification WHERE incident_id = ${id}`), rows);
});

test('a delrapport the authority asks for has its own deadline, shown overdue until sent', async () => {
  const id = await significant();
  const before = count('incident_report_request');
  const bad = await cisoApi.post('/api/v1/incident_report_requests', { incident_id: id, requested_at: '2026-05-20T08:00:00Z',
    asked_for: 'Läget i återställningen.', due_at: '2026-05-19T08:00:00Z' });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.error.fields.due_at);
  const early = await cisoApi.post('/api/v1/incident_report_requests', { incident_id: id, requested_at: '2026-05-01T08:00:00Z',
    asked_for: 'x', due_at: '2026-05-19T08:00:00Z' });
  assert.equal(early.status, 422, early.text);
  assert.ok(early.json.error.fields.requested_at);
  assert.equal(count('incident_report_request'), before);
  const r = await cisoApi.post('/api/v1/incident_report_requests', { incident_id: id, requested_at: '2026-05-20T08:00:00Z',
    requested_by: 'NCSC, handläggare', asked_for: 'Läget i återställningen.', due_at: '2026-05-22T08:00:00Z' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.overdue, true);
  const page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Begärda delrapporter/);
  assert.match(page.text, /Försenad sedan/);
  const sent = await cisoApi.patch(`/api/v1/incident_report_requests/${r.json.id}`, { sent_at: '2026-05-22T07:00:00Z', reference: 'NCSC-9' });
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.json.overdue, false);
  const beforeAsk = await cisoApi.patch(`/api/v1/incident_report_requests/${r.json.id}`, { sent_at: '2026-05-19T07:00:00Z' });
  assert.equal(beforeAsk.status, 422, beforeAsk.text);
  // need-to-know: an employee gets none of it
  const one = await employeeApi.get(`/api/v1/incident_report_requests/${r.json.id}`);
  assert.ok([403, 404].includes(one.status), one.text);
  assert.doesNotMatch(one.text, /återställningen/);
  const list = await employeeApi.get('/api/v1/incident_report_requests');
  assert.ok(list.status === 403 || (list.status === 200 && list.json.items.length === 0), list.text);
});

test('significance support: lis suggests from the answers against the thresholds, the answers become the reason', async () => {
  const r = await cisoApi.post('/api/v1/incidents', { title: unique('Hemtjänsten på papper'), what_happened: 'Verksamhetssystemet nere.',
    discovered_at: '2026-05-12T08:00:00Z' });
  const id = r.json.id;
  let page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Är incidenten betydande\? Stöd för bedömningen/);
  assert.match(page.text, /lis kan inte föreslå något ännu/);
  assert.match(page.text, /ej verifierad mot föreskriften/, 'lis\'s defaults are marked as not verified');
  // home care on manual routines for 30 hours: the 12-hour threshold is reached
  const t = await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'triaged', personal_data: 'no', personal_data_reason: 'Inga.',
    sig_restricted_hours: 2, sig_manual_hours: 30, significant: 'yes' });
  assert.equal(t.status, 200, t.text);
  assert.match(t.json.significant_reason, /^Bedömt mot trösklarna:/);
  assert.match(t.json.significant_reason, /manuella reservrutiner \(timmar\): 30 \(tröskel 12, ej verifierad, nådd\)/);
  assert.match(t.json.significant_reason, /lis föreslår: betydande incident/);
  page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /lis föreslår: betydande incident/);
  assert.doesNotMatch(page.text, /id="sig-differs"/);
  // answering no against the suggestion is allowed, with a notice
  const no = await cisoApi.patch(`/api/v1/incidents/${id}`, { significant: 'no', significant_reason: 'Reservrutinerna höll, ingen påverkan på brukarna.' });
  assert.equal(no.status, 200, no.text);
  page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /id="sig-differs"/);
  // a negative answer is refused and changes nothing
  const bad = await cisoApi.patch(`/api/v1/incidents/${id}`, { sig_people: -5 });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(sql(`SELECT sig_manual_hours FROM incident WHERE id = ${id}`).trim(), '30');
});

test('the CISO keeps the thresholds; a handler who is not CISO cannot change them', async () => {
  const before = count('significance_threshold');
  const own = await cisoApi.post('/api/v1/significance_thresholds', { criterion: 'manual_hours', threshold: 48, verified: 'yes',
    source: 'MCFFS 2026:8, kontrollerad 2026-12-04' });
  assert.equal(own.status, 201, own.text);
  const twice = await cisoApi.post('/api/v1/significance_thresholds', { criterion: 'manual_hours', threshold: 24, verified: 'no' });
  assert.equal(twice.status, 422, twice.text);
  assert.equal(count('significance_threshold'), before + 1);
  const r = await cisoApi.post('/api/v1/incidents', { title: unique('Driftstopp'), what_happened: 'x', discovered_at: '2026-05-12T08:00:00Z' });
  await cisoApi.patch(`/api/v1/incidents/${r.json.id}`, { sig_restricted_hours: 1, sig_manual_hours: 30, sig_people: 0, sig_cost_percent: 0 });
  const page = await ciso.get(`/incidents/${r.json.id}`);
  assert.match(page.text, /lis föreslår: inte betydande/, '30 hours is below the CISO\'s own 48');
  // the employee cannot read or write them
  const e = await employeeApi.post('/api/v1/significance_thresholds', { criterion: 'people', threshold: 1, verified: 'yes' });
  assert.ok([403, 404].includes(e.status), e.text);
  assert.equal(count('significance_threshold'), before + 1);
  assert.equal((await cisoApi.delete(`/api/v1/significance_thresholds/${own.json.id}`)).status, 204);
});
