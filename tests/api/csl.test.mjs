// Cybersäkerhetslagen's duties per organisation (issue 17 §4) and roles with time (§6):
// each organisation's status follows from its reason (a kommun by size, a bolag by its
// sector); registering it and then changing a registered fact starts a 14-day clock on
// the start page of the CISO until the change is recorded as reported; management
// training per mandate period, the ledning without it flagged; the supervisory authority
// as the CISO keeps it; a role with its share of working time and a deputy, and the
// coverage page's functions that rest on one person. Only the CISO and the administrator
// write any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql } from './harness.mjs';

let server, cisoApi, employeeApi, ciso, units, people;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  units = await cisoApi.all('/api/v1/units?limit=500');
  people = await cisoApi.all('/api/v1/people?limit=500');
});
after(async () => { await server.stop(); });

const unit = (name) => units.find((u) => u.name === name);
const root = () => units.find((u) => u.parent_id === null);
const person = (email) => people.find((p) => p.email === email);
const count = (where) => Number(sql(`SELECT COUNT(*) FROM csl_change WHERE ${where}`).trim());
const todo = async (api) => (await api.get('/api/v1/todo')).json.items;
const overview = async () => {
  const r = await cisoApi.get('/api/v1/csl');
  assert.equal(r.status, 200, r.text);
  return r.json;
};
// a date n days after the ISO date d
const plus = (d, n) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const weekday = (d) => new Date(`${d}T12:00:00Z`).getUTCDay();

let kommun; // the kommun's record, registered below

test('each organisation records its status, which follows from the reason: a kommun by size, a bolag by its sector', async () => {
  const first = await overview();
  const names = first.organisations.map((o) => o.name);
  for (const n of ['Stadshus AB', 'Bostads AB', 'Energi AB']) assert.ok(names.includes(n), `${n} on the overview`);
  assert.ok(!names.includes('Socialförvaltningen'), 'a förvaltning is no organisation of its own');
  assert.equal(first.organisations.find((o) => o.unit_id === root().id).id, null, 'not recorded yet');

  // a bolag's reason for the kommun, and a förvaltning as an organisation: refused, nothing written
  const before = Number(sql('SELECT COUNT(*) FROM csl_organisation').trim());
  const wrongReason = await cisoApi.post('/api/v1/csl_organisations', { unit_id: root().id, reason: 'sector_large', sector: 'energy' });
  assert.equal(wrongReason.status, 422, wrongReason.text);
  assert.ok(wrongReason.json.error.fields.reason, wrongReason.text);
  const forvaltning = await cisoApi.post('/api/v1/csl_organisations', { unit_id: unit('Socialförvaltningen').id, reason: 'public_large' });
  assert.equal(forvaltning.status, 422);
  assert.ok(forvaltning.json.error.fields.unit_id, forvaltning.text);
  const noSector = await cisoApi.post('/api/v1/csl_organisations', { unit_id: unit('Energi AB').id, reason: 'sector_large' });
  assert.equal(noSector.status, 422);
  assert.ok(noSector.json.error.fields.sector, noSector.text);
  const badOrgnr = await cisoApi.post('/api/v1/csl_organisations', { unit_id: root().id, reason: 'public_medium', org_number: '212000-0143' });
  assert.equal(badOrgnr.status, 422);
  assert.ok(badOrgnr.json.error.fields.org_number);
  assert.equal(Number(sql('SELECT COUNT(*) FROM csl_organisation').trim()), before, 'nothing written');

  // the status is not set apart from the reason
  const k = await cisoApi.post('/api/v1/csl_organisations', { unit_id: root().id, reason: 'public_medium', status: 'ej_omfattad',
    org_number: '2120000142', contact_email: 'cert@exempelkommun.se' });
  assert.equal(k.status, 400, 'status is not an input');
  assert.match(k.text, /status/);
  const made = await cisoApi.post('/api/v1/csl_organisations', { unit_id: root().id, reason: 'public_medium',
    org_number: '2120000142', contact_email: 'cert@exempelkommun.se', contact_phone: '010-100 00 00' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.status, 'viktig', 'a kommun of at most a medium-sized enterprise is viktig');
  assert.equal(made.json.org_number, '212000-0142');
  kommun = made.json;
  const energi = await cisoApi.post('/api/v1/csl_organisations', { unit_id: unit('Energi AB').id, reason: 'sector_large', sector: 'energy' });
  assert.equal(energi.json.status, 'vasentlig', 'a large company in energy is väsentlig');
  const bostad = await cisoApi.post('/api/v1/csl_organisations', { unit_id: unit('Bostads AB').id, reason: 'no_sector' });
  assert.equal(bostad.json.status, 'ej_omfattad', 'a housing company is not covered');
  // one record per organisation
  const twice = await cisoApi.post('/api/v1/csl_organisations', { unit_id: root().id, reason: 'public_large' });
  assert.equal(twice.status, 422, twice.text);
  assert.ok(twice.json.error.fields.unit_id, twice.text);
  // a covered organisation not registered is the CISO's to do; one not covered is not
  const items = await todo(cisoApi);
  assert.ok(items.some((i) => i.href === `/csl_organisations/${energi.json.id}` && i.group === 'open'), JSON.stringify(items));
  assert.ok(!items.some((i) => i.href === `/csl_organisations/${bostad.json.id}` && /egistr/.test(i.what)));
  // the export has the status and reason
  const csv = await ciso.get('/csl_organisations.csv');
  assert.equal(csv.status, 200, csv.text);
  assert.match(csv.text, /Viktig verksamhetsutövare|viktig/);
});

test('registering is no change; a changed registered fact is a change to report 14 days later, on the CISO\'s start page until reported', async () => {
  const today = sql("SELECT date('now')").trim(); // close enough for the bound below
  const reg = await cisoApi.patch(`/api/v1/csl_organisations/${kommun.id}`, { registered_on: '2026-02-10', registration_ref: 'MCF-2026-0815' });
  assert.equal(reg.status, 200, reg.text);
  assert.equal(count(`organisation_id = ${kommun.id}`), 0, 'registering starts no clock');
  const future = await cisoApi.patch(`/api/v1/csl_organisations/${kommun.id}`, { registered_on: plus(today, 3) });
  assert.equal(future.status, 422, 'a registration in the future');
  // a change that is no registered fact (the grounds) starts no clock either
  assert.equal((await cisoApi.patch(`/api/v1/csl_organisations/${kommun.id}`, { reason_note: 'Ca 15 000 invånare, 1 100 anställda' })).status, 200);
  assert.equal(count(`organisation_id = ${kommun.id}`), 0);

  // the contact e-mail changes: a change to report
  const changed = await cisoApi.patch(`/api/v1/csl_organisations/${kommun.id}`, { contact_email: 'soc@exempelkommun.se' });
  assert.equal(changed.status, 200, changed.text);
  const changes = (await cisoApi.get(`/api/v1/csl_changes?organisation_id=${kommun.id}`)).json.items;
  assert.equal(changes.length, 1);
  const c = changes[0];
  assert.match(c.facts, /e-post|e-mail/i);
  assert.equal(c.reported_on, null);
  // 14 days after the change, a weekend moving it to the Monday
  let want = plus(c.changed_on, 14);
  while (weekday(want) === 0 || weekday(want) === 6) want = plus(want, 1);
  assert.ok(c.due_on >= want && c.due_on <= plus(want, 4), `${c.changed_on} → ${c.due_on}`);
  if (c.changed_on === '2026-12-04') assert.equal(c.due_on, '2026-12-18');
  // recorded in the audit log, as a change made by hand
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'csl_changes' AND entity_id = '${c.id}' AND action = 'create'`).trim(), '1');

  // on the CISO's start page as a legal clock with its due date; not on an employee's
  const item = (await todo(cisoApi)).find((i) => i.href === `/csl_changes/${c.id}`);
  assert.ok(item, 'the change is on the start page');
  assert.equal(item.group, 'clocks');
  assert.equal(item.due, c.due_on);
  assert.ok(!(await todo(employeeApi)).some((i) => i.href === `/csl_changes/${c.id}`));
  const home = await ciso.get('/home');
  assert.match(home.text, new RegExp(`href="/csl_changes/${c.id}"`));
  assert.match(home.text, new RegExp(c.due_on));

  // a change recorded with an earlier day counts from that day
  const back = await cisoApi.patch(`/api/v1/csl_changes/${c.id}`, { changed_on: '2026-11-02' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.due_on, '2026-11-16');
  const late = (await todo(cisoApi)).find((i) => i.href === `/csl_changes/${c.id}`);
  assert.equal(late.overdue_since, '2026-11-16', 'past its last day: overdue');

  // reported before the change: refused; then reported: gone from the start page
  assert.equal((await cisoApi.patch(`/api/v1/csl_changes/${c.id}`, { reported_on: '2026-11-01' })).status, 422);
  const done = await cisoApi.patch(`/api/v1/csl_changes/${c.id}`, { reported_on: '2026-11-12', report_ref: 'MCF-ÄND-1' });
  assert.equal(done.status, 200, done.text);
  assert.ok(!(await todo(cisoApi)).some((i) => i.href === `/csl_changes/${c.id}`), 'reported: no longer to do');
  const o = (await overview()).organisations.find((x) => x.id === kommun.id);
  assert.equal(o.open_changes, 0);
  // the organisation's name is registered too: the administrator renaming the unit starts a clock
  const admin = await apiClient(server.base, 'admin@exempelkommun.se');
  const renamed = await admin.patch(`/api/v1/units/${root().id}`, { name: 'Exempels kommun' });
  assert.equal(renamed.status, 200, renamed.text);
  const open = async () => (await cisoApi.get(`/api/v1/csl_changes?organisation_id=${kommun.id}`)).json.items.filter((x) => x.reported_on === null);
  const byName = await open();
  assert.equal(byName.length, 1, JSON.stringify(byName));
  assert.match(byName[0].facts, /Namn|Name/);
  assert.equal((await admin.patch(`/api/v1/units/${root().id}`, { name: root().name })).status, 200);
  for (const ch of await open())
    assert.equal((await cisoApi.patch(`/api/v1/csl_changes/${ch.id}`, { reported_on: ch.changed_on })).status, 200);
  assert.equal(o.registration_ref, 'MCF-2026-0815');
});

test('management training per mandate period: the ledning without it this period flagged', async () => {
  const o1 = await overview();
  assert.equal(o1.period.name, '2026-2030');
  assert.equal(o1.period.start, '2026-10-15');
  const org = o1.organisations.find((x) => x.id === kommun.id);
  const karin = person('ledning@exempelkommun.se');
  const k = org.management.find((m) => m.person_id === karin.id);
  assert.ok(k, 'the kommundirektör is the kommun\'s ledning');
  assert.equal(k.trained_on, null);
  assert.ok(org.untrained >= 1);
  assert.ok((await todo(cisoApi)).some((i) => i.href === `/csl_organisations/${kommun.id}` && /utbildning|training/i.test(i.what)));
  // trained in the last period: still missing in this one
  const old = await cisoApi.post('/api/v1/csl_trainings', { person_id: karin.id, organisation_id: kommun.id, trained_on: '2025-03-01', course: 'MCF:s ledningsutbildning' });
  assert.equal(old.status, 201, old.text);
  assert.equal(old.json.period, '2022-2026');
  assert.equal((await overview()).organisations.find((x) => x.id === kommun.id).management.find((m) => m.person_id === karin.id).trained_on, null);
  // in the future: refused
  assert.equal((await cisoApi.post('/api/v1/csl_trainings', { person_id: karin.id, organisation_id: kommun.id, trained_on: '2027-01-10' })).status, 422);
  const now = await cisoApi.post('/api/v1/csl_trainings', { person_id: karin.id, organisation_id: kommun.id, trained_on: '2026-11-20', course: 'Cybersäkerhet för ledningen' });
  assert.equal(now.status, 201, now.text);
  assert.equal(now.json.period, '2026-2030');
  const after2 = (await overview()).organisations.find((x) => x.id === kommun.id);
  assert.equal(after2.management.find((m) => m.person_id === karin.id).trained_on, '2026-11-20');
  assert.equal(after2.untrained, 0);
  assert.ok(!(await todo(cisoApi)).some((i) => i.href === `/csl_organisations/${kommun.id}` && /utbildning|training/i.test(i.what)));
  // the organisation's page shows its ledning and the training
  const page = await ciso.get(`/csl_organisations/${kommun.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Karin Dahl/);
  assert.match(page.text, /2026-11-20/);
});

test('the supervisory authority is data the CISO corrects, shown with the CSIRT', async () => {
  const o = await overview();
  assert.match(o.supervisor.name, /MCF|civilt försvar/);
  assert.equal(o.supervisor.default, true);
  const set = await cisoApi.post('/api/v1/incident_authorities', { kind: 'supervisor', name: 'Post- och telestyrelsen (PTS)', url: 'https://www.pts.se/' });
  assert.equal(set.status, 201, set.text);
  const o2 = await overview();
  assert.equal(o2.supervisor.name, 'Post- och telestyrelsen (PTS)');
  assert.equal(o2.supervisor.default, false);
  assert.ok(o2.csirt.name);
  const page = await ciso.get('/csl');
  assert.equal(page.status, 200);
  assert.match(page.text, /Post- och telestyrelsen/);
});

test('a role records its share of working time and a deputy; the coverage page shows functions resting on one person', async () => {
  const social = unit('Socialförvaltningen');
  const cov = async () => (await cisoApi.get('/api/v1/coverage')).json.units.find((u) => u.unit_id === social.id);
  const c1 = await cov();
  assert.equal(c1.coordinators, 1);
  assert.ok(c1.one_person.includes('coordinator'), JSON.stringify(c1));
  const sara = person('samordnare@exempelkommun.se');
  const olle = person('agare@exempelkommun.se');
  const role = (await cisoApi.get(`/api/v1/roles?person_id=${sara.id}&role=coordinator`)).json.items[0];
  assert.ok(role);
  assert.equal((await cisoApi.patch(`/api/v1/roles/${role.id}`, { deputy_id: sara.id })).status, 422, 'not her own deputy');
  assert.equal((await cisoApi.patch(`/api/v1/roles/${role.id}`, { time_share: 150 })).status, 422);
  const resting = (html) => Number((html.match(/<strong>(\d+)<\/strong> funktioner vilar på en person/) || [])[1] || 0);
  const page1 = await ciso.get('/coverage');
  assert.equal(resting(page1.text), 3, 'the coordinator, the owner and the CISO');
  const ok = await cisoApi.patch(`/api/v1/roles/${role.id}`, { time_share: 20, deputy_id: olle.id });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.time_share, 20);
  assert.equal(ok.json.deputy_id, olle.id);
  const c2 = await cov();
  assert.equal(c2.coordinator_deputies, 1);
  assert.ok(!c2.one_person.includes('coordinator'), JSON.stringify(c2));
  assert.ok(c2.one_person.includes('info_owner'), 'the owner still has no deputy');
  const csv = await ciso.get('/roles.csv');
  assert.match(csv.text, /Olle Falk/);
  // the central function: the one CISO, with no deputy, rests on one person
  const central = async () => (await cisoApi.get('/api/v1/coverage')).json.ciso;
  assert.deepEqual(await central(), { holders: 1, deputies: 0, one_person: true });
  const carl = person('ciso@exempelkommun.se');
  const cisoRole = (await cisoApi.get(`/api/v1/roles?person_id=${carl.id}&role=ciso`)).json.items[0];
  const withDeputy = await cisoApi.patch(`/api/v1/roles/${cisoRole.id}`, { deputy_id: person('admin@exempelkommun.se').id, time_share: 100 });
  assert.equal(withDeputy.status, 200, withDeputy.text);
  assert.deepEqual(await central(), { holders: 1, deputies: 1, one_person: false });
  // the page says the same: the coordinator covered, the owner still alone
  const page2 = await ciso.get('/coverage');
  assert.equal(resting(page2.text), 1, 'the owner alone');
});

test('an employee reads the duties but writes none of them', async () => {
  assert.equal((await employeeApi.get('/api/v1/csl')).status, 200);
  assert.equal((await employeeApi.get(`/api/v1/csl_organisations/${kommun.id}`)).status, 200);
  const before = sql(`SELECT contact_phone FROM csl_organisation WHERE id = ${kommun.id}`).trim();
  assert.equal((await employeeApi.patch(`/api/v1/csl_organisations/${kommun.id}`, { contact_phone: '000' })).status, 403);
  assert.equal(sql(`SELECT contact_phone FROM csl_organisation WHERE id = ${kommun.id}`).trim(), before);
  assert.equal((await employeeApi.post('/api/v1/csl_organisations', { unit_id: unit('Stadshus AB').id, reason: 'no_sector' })).status, 403);
  assert.equal((await employeeApi.post('/api/v1/csl_trainings', { person_id: person('ledning@exempelkommun.se').id, organisation_id: kommun.id, trained_on: '2026-11-01' })).status, 403);
  const change = sql(`SELECT id FROM csl_change WHERE organisation_id = ${kommun.id} LIMIT 1`).trim();
  assert.equal((await employeeApi.patch(`/api/v1/csl_changes/${change}`, { reported_on: null })).status, 403);
  const role = (await employeeApi.get('/api/v1/roles?role=coordinator')).json.items[0];
  assert.equal((await employeeApi.patch(`/api/v1/roles/${role.id}`, { time_share: 50 })).status, 403);
  // no way in from the start page either
  assert.ok(!(await todo(employeeApi)).some((i) => /csl_/.test(i.href)));
});
