// Dependencies and the roll-up of recovery needs: processes depend on systems, systems
// on systems, suppliers and premises; each system gets the strictest RTO/RPO of the
// processes that reach it, with the chain that explains it, a flag where its plan or its
// supplier's agreement promises less, the restore order, and cycles reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, admin, api, coordApi, employee;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());

async function made(kind, fields) {
  const r = await api.post(`/api/v1/${kind}`, fields);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

let unit;
const system = (name, extra = {}) => made('systems', { name: unique(name), unit_id: unit, status: 'operation', ...extra });
const process = (name) => made('processes', { name: unique(name), unit_id: unit, status: 'operation' });
const depends = (fields) => made('dependencies', fields);

test('a dependency has one dependant and needs one thing; it lives in the dependant\'s unit', async () => {
  unit = (await api.get('/api/v1/units?limit=1')).json.items[0].id;
  const p = await process('Process');
  const s = await system('System');
  const before = count('continuity_dependency');
  const none = await api.post('/api/v1/dependencies', { needs_system_id: s.id });
  assert.equal(none.status, 422);
  assert.ok(none.json.error.fields.process_id);
  const two = await api.post('/api/v1/dependencies', { process_id: p.id, needs_system_id: s.id, supplier: 'Visma' });
  assert.ok(two.json.error.fields.needs_system_id);
  const self = await api.post('/api/v1/dependencies', { system_id: s.id, needs_system_id: s.id });
  assert.ok(self.json.error.fields.needs_system_id);
  const sla = await api.post('/api/v1/dependencies', { system_id: s.id, premises: 'Serverhallen', sla_restore_hours: 4 });
  assert.ok(sla.json.error.fields.sla_restore_hours);
  assert.equal(count('continuity_dependency'), before, 'nothing written');
  const ok = await depends({ process_id: p.id, needs_system_id: s.id });
  assert.equal(ok.unit_id, p.unit_id);
  await depends({ system_id: s.id, premises: 'Serverhallen i stadshuset' });
});

test('a strict need rolls down a chain and a diamond; weaker promises are flagged; cycles are reported', async () => {
  // Löneutbetalning (BIA: unacceptable after 4 h, RTO unset) → Integrationsplattformen → Lönesystemet
  // Hemtjänst (RTO 24, RPO 2) → Lönesystemet too, and → Verksamhetssystemet → Integrationsplattformen
  const pay = await process('Löneutbetalning');
  const care = await process('Hemtjänst');
  const object = await made('objects', { name: unique('Löneobjekt'), unit_id: unit, status: 'operation' });
  const payroll = await system('Lönesystemet', { object_id: object.id });
  const hub = await system('Integrationsplattformen');
  const care_sys = await system('Verksamhetssystemet');
  const loop_a = await system('Katalogtjänsten');
  const loop_b = await system('Inloggningen');
  const payPlan = await made('continuity_plans', { name: unique('Lön'), process_id: pay.id, mtpd_hours: 48, rpo_hours: 8 });
  await made('bia_impacts', { plan_id: payPlan.id, kind: 'trust', after_hours: '4', level: 4 });
  await made('continuity_plans', { name: unique('Hemtjänst'), process_id: care.id, mtpd_hours: 48, rto_hours: 24, rpo_hours: 2 });
  // the object's plan promises 8 h; Visma's agreement 24 h: both weaker than 4 h
  await made('continuity_plans', { name: unique('Löneobjektets plan'), object_id: object.id, rto_hours: 8, rpo_hours: 24 });
  await depends({ process_id: pay.id, needs_system_id: hub.id });
  await depends({ system_id: hub.id, needs_system_id: payroll.id });
  await depends({ process_id: care.id, needs_system_id: payroll.id });
  await depends({ process_id: care.id, needs_system_id: care_sys.id });
  await depends({ system_id: care_sys.id, needs_system_id: hub.id });
  await depends({ system_id: payroll.id, supplier: 'Visma', sla_restore_hours: 24 });
  await depends({ system_id: payroll.id, needs_system_id: loop_a.id });
  await depends({ system_id: loop_a.id, needs_system_id: loop_b.id });
  await depends({ system_id: loop_b.id, needs_system_id: loop_a.id });

  // each system's and process's page lists what it needs
  const needs = (html) => (html.match(/<section class="related" id="related-dependencies"[\s\S]*?<\/section>/) || [''])[0];
  const payrollNeeds = needs((await admin.get(`/systems/${payroll.id}`)).text);
  assert.match(payrollNeeds, /Beroende av/);
  assert.match(payrollNeeds, /Visma/);
  assert.match(payrollNeeds, new RegExp(loop_a.name));
  assert.match(needs((await admin.get(`/processes/${care.id}`)).text), new RegExp(care_sys.name));

  const res = await api.get('/api/v1/continuity/rollup');
  assert.equal(res.status, 200, res.text);
  const of = (s) => res.json.systems.find((x) => x.id === s.id);
  const p = of(payroll);
  assert.equal(p.rto.hours, 4, 'the BIA\'s MTPD of Löneutbetalning, not Hemtjänst\'s 24 h');
  assert.equal(p.rto.source.name, pay.name);
  assert.deepEqual(p.rto.via.map((n) => n.name), [hub.name]);
  assert.equal(p.rpo.hours, 2, 'RPO from Hemtjänst, directly');
  assert.equal(p.rpo.source.name, care.name);
  assert.deepEqual(p.rpo.via, []);
  assert.equal(p.promised_rto_hours, 8);
  assert.equal(p.supplier_sla_hours, 24);
  assert.equal(p.supplier, 'Visma');
  assert.equal(p.rto_gap, true);
  assert.equal(p.rpo_gap, true);
  // the diamond: the hub is reached from both, gets the strictest
  assert.equal(of(hub).rto.hours, 4);
  assert.equal(of(care_sys).rto.hours, 24);
  assert.equal(of(care_sys).rto_gap, false, 'nothing promised: no gap claimed');
  // the loop below the payroll system gets the need, and is reported, not looped
  assert.equal(of(loop_a).rto.hours, 4);
  assert.equal(of(loop_b).rto.hours, 4);
  const cycle = res.json.cycles.find((c) => c.some((n) => n.id === loop_a.id));
  assert.ok(cycle, JSON.stringify(res.json.cycles));
  assert.deepEqual(cycle.map((n) => n.name).sort(), [loop_a.name, loop_b.name].sort());
  // the restore order: strictest first
  assert.ok(of(hub).restore_order < of(care_sys).restore_order);

  const page = await admin.get('/continuity/rollup');
  assert.equal(page.status, 200);
  const row = page.text.split('<tr>').find((r) => r.includes(`>${payroll.name}</a></th>`)) || '';
  assert.match(row, new RegExp(`${payroll.name} behöver 4 timmar eftersom <a href="/processes/${pay.id}">${pay.name}</a> \\(BIA: MTPD 4 timmar\\) är beroende av det via ${hub.name}\\.`));
  assert.match(row, /Objektets plan: RTO 8 timmar/);
  assert.match(row, /Visma \(avtal\): 24 timmar/);
  assert.match(row, /Lovar längre återställningstid än som behövs/);
  assert.match(page.text, /Cirkulära beroenden/);
  assert.match(page.text, new RegExp(`${loop_a.name} → ${loop_b.name} → ${loop_a.name}|${loop_b.name} → ${loop_a.name} → ${loop_b.name}`));
});

test('the gaps are need-to-know: those who see every risk', async () => {
  assert.equal((await employee.get('/continuity/rollup')).status, 403);
  assert.equal((await coordApi.get('/api/v1/continuity/rollup')).status, 403);
});

test('demo: försörjningsstöd needs Procapita IFO within 24 h, Tietoevry\'s agreement promises 48 h', async () => {
  const res = await api.get('/api/v1/continuity/rollup');
  const procapita = res.json.systems.find((s) => s.name === 'Procapita IFO');
  assert.ok(procapita, 'in the restore order');
  assert.equal(procapita.rto.hours, 24);
  assert.equal(procapita.rto.source.name, 'Handläggning av försörjningsstöd');
  assert.equal(procapita.supplier, 'Tietoevry');
  assert.equal(procapita.supplier_sla_hours, 48);
  assert.equal(procapita.rto_gap, true);
  const directory = res.json.systems.find((s) => s.name === 'Active Directory och Entra ID');
  assert.equal(directory.rto.hours, 24);
  assert.deepEqual(directory.rto.via.map((n) => n.name), ['Procapita IFO']);
});
