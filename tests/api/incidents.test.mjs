// Incidents: an employee reports (form and API), gets a reference number and sees only
// their own; another employee gets 404; the CISO triages, answers the two legal
// questions with reasons, and sees the deadlines in JSON; notifications are recorded;
// every read is audited; bad input gets per-field errors and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, lis, PASSWORD } from './harness.mjs';

let server, employee, employeeApi, otherApi, other, ciso, cisoApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  other = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  otherApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
});
after(async () => { await server.stop(); });

const year = () => new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4);
const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());

test('an employee reports through the form and gets a reference number', async () => {
  const form = await employee.get('/incidents/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /Vad hände\?/);
  assert.doesNotMatch(form.text, /name="personal_data"/, 'triage fields are not in the report form');
  const title = unique('Konstigt mejl');
  const r = await employee.post('/incidents', { title, what_happened: 'Ett mejl bad mig logga in.',
    discovered_at: '2026-01-20T08:15', affected: 'E-post', contact: '070-1' });
  assert.equal(r.status, 303, r.text.slice(0, 800));
  const page = await employee.get(r.location);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`INC-${year()}-\\d{4}`));
  assert.match(page.text, /Din rapport har tagits emot/);
  assert.doesNotMatch(page.text, /Lagstadgade frister/, 'the reporter does not see the handlers\' sections');
  // discovered 08:15 Swedish (winter) time is 07:15 UTC
  const id = r.location.match(/\/incidents\/(\d+)/)[1];
  assert.equal(sql(`SELECT discovered_at FROM incident WHERE id = ${id}`).trim(), '2026-01-20T07:15:00Z');
});

test('report through the API (a SOC): own list, other employee 404, reads audited', async () => {
  const title = unique('SOC-larm');
  const r = await employeeApi.post('/api/v1/incidents', { title, what_happened: 'EDR-larm på klient.',
    discovered_at: isoAgo(1) });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.reference, new RegExp(`^INC-${year()}-\\d{4}$`));
  assert.equal(r.json.status, 'reported');
  assert.equal(r.json.personal_data, 'unknown');
  const id = r.json.id;
  const mine = await employeeApi.all('/api/v1/incidents');
  assert.ok(mine.some((i) => i.id === id));
  assert.ok(mine.every((i) => i.reporter_id === r.json.reporter_id), 'only their own');
  assert.equal((await otherApi.get(`/api/v1/incidents/${id}`)).status, 404);
  assert.equal((await other.get(`/incidents/${id}`)).status, 404);
  assert.ok(!(await otherApi.all('/api/v1/incidents')).some((i) => i.id === id));
  assert.equal((await other.get(`/incidents/${id}/imy-draft`)).status, 404);
  assert.equal((await otherApi.get(`/api/v1/incidents/${id}/deadlines`)).status, 404);
  // the reporter cannot triage their own report
  const t = await employeeApi.patch(`/api/v1/incidents/${id}`, { severity: 'high' });
  assert.equal(t.status, 403, t.text);
  // the next report gets the next number
  const r2 = await employeeApi.post('/api/v1/incidents', { title: unique('Till'), what_happened: 'x', discovered_at: isoAgo(1) });
  assert.equal(Number(r2.json.reference.slice(-4)), Number(r.json.reference.slice(-4)) + 1);
  // every read of the incident is in the audit log
  const before = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'incidents' AND entity_id = '${id}' AND action = 'read'`).trim());
  await cisoApi.get(`/api/v1/incidents/${id}`);
  await ciso.get(`/incidents/${id}`);
  const afterReads = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'incidents' AND entity_id = '${id}' AND action = 'read'`).trim());
  assert.equal(afterReads, before + 2);
});

test('the CISO triages; deadlines in JSON; a notification recorded shows as sent', async () => {
  const r = await employeeApi.post('/api/v1/incidents', { title: unique('Ransomware'), what_happened: 'Krypterade filer.', discovered_at: isoAgo(3) });
  const id = r.json.id;
  const aware = isoAgo(2);
  const t = await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'triaged', category: 'ransomware', severity: 'critical',
    aware_at: aware, personal_data: 'yes', personal_data_reason: 'Elevdokumentation.', significant: 'yes', significant_reason: 'Skolorna stoppade.' });
  assert.equal(t.status, 200, t.text);
  assert.equal(r.json.triaged_at, null);
  assert.match(t.json.triaged_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'the time it was taken on is kept');
  const d = await cisoApi.get(`/api/v1/incidents/${id}/deadlines`);
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.json.deadlines.map((x) => x.kind), ['imy', 'csirt_early', 'csirt_notification', 'csirt_final']);
  const due = (k) => d.json.deadlines.find((x) => x.kind === k);
  assert.equal(Date.parse(due('imy').due) - Date.parse(aware), 72 * 3600e3);
  assert.equal(Date.parse(due('csirt_early').due) - Date.parse(aware), 24 * 3600e3);
  assert.equal(due('csirt_early').state, 'ok');
  assert.equal(due('imy').sent_at, null);
  // the employee does not get the clocks
  assert.equal((await employeeApi.get(`/api/v1/incidents/${id}/deadlines`)).status, 404);
  // record the early warning
  const sent = isoAgo(1);
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'csirt_early', sent_at: sent, reference: 'CERT-SE 42' });
  assert.equal(n.status, 201, n.text);
  const d2 = await cisoApi.get(`/api/v1/incidents/${id}/deadlines`);
  const early = d2.json.deadlines.find((x) => x.kind === 'csirt_early');
  assert.equal(early.state, 'sent');
  assert.equal(early.sent_at, sent);
  assert.equal(early.reference, 'CERT-SE 42');
  const page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Lagstadgade frister/);
  assert.match(page.text, /Skickad/);
  assert.match(page.text, /I tid|Bråttom/);
  assert.match(page.text, /Anmälan registrerad som skickad/, 'the timeline shows it');
  assert.match(page.text, /ändrade: /);
  const draft = await ciso.get(`/incidents/${id}/imy-draft`);
  assert.equal(draft.status, 200);
  assert.match(draft.text, /Elevdokumentation\./);
  assert.match(draft.text, /saknas, fyll i/);
  const open = await ciso.get('/incidents/open');
  assert.match(open.text, new RegExp(r.json.reference));
  assert.match(open.text, /Närmaste frist/);
  // the employee's overview lists their own, without clocks
  const mine = await employee.get('/incidents/open');
  assert.match(mine.text, /Mina rapporterade incidenter/);
  assert.match(mine.text, new RegExp(r.json.reference));
  // closing needs lessons
  const c1 = await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'closed' });
  assert.equal(c1.status, 422);
  assert.ok(c1.json.error.fields.lessons);
  const c2 = await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'closed', lessons: 'Testa återläsning.' });
  assert.equal(c2.status, 200, c2.text);
  assert.ok(c2.json.closed_at);
});

test('bad input gets an error per field and writes nothing', async () => {
  const incidents = count('incident'), audit = count('audit_log');
  const future = new Date(Date.now() + 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const r = await employeeApi.post('/api/v1/incidents', { title: '', what_happened: 'x', discovered_at: future });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.fields.title);
  const r2 = await employeeApi.post('/api/v1/incidents', { title: 'x', what_happened: 'x', discovered_at: 'igår' });
  assert.equal(r2.status, 422);
  assert.ok(r2.json.error.fields.discovered_at);
  const r3 = await employeeApi.post('/api/v1/incidents', { title: 'x', what_happened: 'x', discovered_at: future });
  assert.equal(r3.status, 422);
  assert.match(r3.json.error.fields.discovered_at, /future/);
  const made = await employeeApi.post('/api/v1/incidents', { title: unique('Senare'), what_happened: 'x', discovered_at: isoAgo(1) });
  const id = made.json.id;
  const n0 = count('incident'), a0 = count('audit_log'), s0 = count('incident_notification');
  // a reason is required with an answer; awareness cannot be in the future
  const t = await cisoApi.patch(`/api/v1/incidents/${id}`, { personal_data: 'yes', aware_at: future, severity: 'extreme' });
  assert.equal(t.status, 422, t.text);
  assert.ok(t.json.error.fields.severity);
  const t2 = await cisoApi.patch(`/api/v1/incidents/${id}`, { personal_data: 'yes', aware_at: future });
  assert.ok(t2.json.error.fields.personal_data_reason);
  assert.ok(t2.json.error.fields.aware_at);
  // a notification before awareness, and one in the future
  const aware = sql(`SELECT aware_at FROM incident WHERE id = ${id}`).trim();
  const before = new Date(Date.parse(aware) - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const n = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'imy', sent_at: before });
  assert.equal(n.status, 422, n.text);
  assert.match(n.json.error.fields.sent_at, /before the organisation became aware/);
  const n2 = await cisoApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'fax', sent_at: isoAgo(0) });
  assert.ok(n2.json.error.fields.kind);
  // an employee cannot record notifications or see them
  assert.equal((await employeeApi.get('/api/v1/incident_notifications')).status, 403);
  const n3 = await employeeApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'imy', sent_at: isoAgo(0) });
  assert.equal(n3.status, 403);
  assert.equal(count('incident'), n0);
  assert.equal(count('audit_log'), a0);
  assert.equal(count('incident_notification'), s0);
  assert.ok(incidents < n0 && audit < a0);
});

test('affected units, systems and assets are linked; exactly one per link', async () => {
  const made = await employeeApi.post('/api/v1/incidents', { title: unique('Avbrott'), what_happened: 'x', discovered_at: isoAgo(1) });
  const systems = await cisoApi.all('/api/v1/systems');
  const units = await cisoApi.all('/api/v1/units');
  const bad = await cisoApi.post('/api/v1/incident_links', { incident_id: made.json.id, unit_id: units[0].id, system_id: systems[0].id });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.unit_id);
  const ok = await cisoApi.post('/api/v1/incident_links', { incident_id: made.json.id, system_id: systems[0].id, note: 'nere' });
  assert.equal(ok.status, 201, ok.text);
  const page = await ciso.get(`/incidents/${made.json.id}`);
  assert.match(page.text, new RegExp(systems[0].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('demo data: a ransomware incident with clocks running and the early warning sent', async () => {
  const all = await cisoApi.all('/api/v1/incidents?q=Ransomware%20p%C3%A5%20filserver');
  assert.equal(all.length, 1);
  const d = await cisoApi.get(`/api/v1/incidents/${all[0].id}/deadlines`);
  const early = d.json.deadlines.find((x) => x.kind === 'csirt_early');
  assert.equal(early.state, 'sent');
  assert.ok(d.json.deadlines.some((x) => x.state === 'ok' || x.state === 'amber'));
  const nav = await ciso.get('/incidents/open');
  assert.match(nav.text, /aria-current="page">Incidenter/);
  // the start page: open incidents and the nearest deadline for a handler, a way to
  // report for everyone
  const home = await ciso.get('/home');
  assert.match(home.text, /<strong>\d+<\/strong> öppna incidenter/);
  assert.match(home.text, /Närmaste frist/);
  const teacherHome = await employee.get('/home');
  assert.match(teacherHome.text, /href="\/incidents\/new"/);
  assert.doesNotMatch(teacherHome.text, /öppna incidenter/);
});

test('a handler of another kommun reaches nothing of these incidents', async () => {
  const email = `ciso-${Date.now()}@grannkommun.se`;
  lis('user', 'add', '--tenant', 'GRANN', '--email', email, '--name', 'Greta Grann', '--role', 'ciso', '--password', PASSWORD);
  const b = await loggedIn(server.base, email);
  const bApi = await apiClient(server.base, email);
  const made = await employeeApi.post('/api/v1/incidents', { title: unique('Hemligt'), what_happened: 'x', discovered_at: isoAgo(1) });
  const id = made.json.id;
  for (const path of [`/api/v1/incidents/${id}`, `/api/v1/incidents/${id}/deadlines`])
    assert.equal((await bApi.get(path)).status, 404, path);
  for (const path of [`/incidents/${id}`, `/incidents/${id}/imy-draft`, `/incidents/${id}/csirt-draft`, `/incidents/${id}/edit`])
    assert.equal((await b.get(path)).status, 404, path);
  assert.equal((await bApi.patch(`/api/v1/incidents/${id}`, { severity: 'low' })).status, 404);
  const n = await bApi.post('/api/v1/incident_notifications', { incident_id: id, kind: 'imy', sent_at: isoAgo(0) });
  assert.equal(n.status, 422);
  assert.ok(n.json.error.fields.incident_id);
  assert.ok(!(await bApi.all('/api/v1/incidents')).some((i) => i.id === id));
  const open = await b.get('/incidents/open');
  assert.doesNotMatch(open.text, new RegExp(made.json.reference));
});

test('a CSV export of incidents is recorded in the audit log', async () => {
  const before = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'incidents' AND action = 'export'").trim());
  const csv = await ciso.get('/incidents.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.text, /Referensnummer/);
  const after = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'incidents' AND action = 'export'").trim());
  assert.equal(after, before + 1);
});

test('statistics: per month, category and unit, time to triage, deadlines met; CSV', async () => {
  const page = await ciso.get('/incidents/stats');
  assert.equal(page.status, 200);
  for (const text of ['Incidenter per månad', 'Incidenter per kategori', 'Incidenter per påverkad enhet',
    'Tid från rapport till hantering', 'Hölls de lagstadgade fristerna?', 'Ransomware (utpressningsprogram)', '<svg aria-hidden="true"'])
    assert.ok(page.text.includes(text), text);
  // the demo's early warning went out in time
  const early = page.text.match(/CSIRT: tidig varning \(24 h\)<\/th><td>(\d+)<\/td>/);
  assert.ok(early && Number(early[1]) >= 1, 'an early warning sent on time is counted');
  assert.equal((await employee.get('/incidents/stats')).status, 403);
  assert.equal((await employee.get('/incidents/stats/export')).status, 403);
  const csv = await ciso.get('/incidents/stats/export');
  assert.equal(csv.status, 200);
  assert.ok(csv.text.startsWith('\uFEFFDel;Vad;Antal\r\n'), csv.text.slice(0, 40));
  assert.match(csv.text, /Kategori;Ransomware \(utpressningsprogram\);\d+/);
  assert.match(csv.text, /Månad;\d{4}-\d{2};\d+/);
});
