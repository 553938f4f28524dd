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

test('home care: a strict RTO rolls down to its systems; the register\'s weaker agreement and a slower measured restore are flagged; the graph draws it', async () => {
  // Hemtjänst (BIA: life and health unacceptable after 4 h; RTO unset, RPO 1 h)
  //   → Planeringssystemet (its object's plan) → Lagringstjänsten → Serverhallen (premises)
  //   → Trygghetslarmet → Larmleverantören (typed)
  const care = await process('Hemtjänst');
  const object = await made('objects', { name: unique('Hemtjänstens planering'), unit_id: unit, status: 'operation' });
  const planning = await system('Planeringssystemet', { object_id: object.id });
  const storage = await system('Lagringstjänsten');
  const alarm = await system('Trygghetslarmet');
  const carePlan = await made('continuity_plans', { name: unique('Hemtjänst'), process_id: care.id, mtpd_hours: 72, rpo_hours: 1 });
  await made('bia_impacts', { plan_id: carePlan.id, kind: 'life_health', after_hours: '4', level: 4 });
  const objectPlan = await made('continuity_plans', { name: unique('Planeringens plan'), object_id: object.id, rto_hours: 2, rpo_hours: 1 });
  await depends({ process_id: care.id, needs_system_id: planning.id });
  await depends({ process_id: care.id, needs_system_id: alarm.id });
  await depends({ system_id: planning.id, needs_system_id: storage.id });
  await depends({ system_id: storage.id, premises: 'Serverhallen i kommunhuset' });
  await depends({ system_id: alarm.id, supplier: unique('Larmleverantören'), sla_restore_hours: 2 });

  // the supplier register: Tieto's agreement covers the planning system, 24 h against a need of 4 h
  const supplier = await made('suppliers', { name: unique('Tieto Hemtjänst') });
  const weak = await made('agreements', { supplier_id: supplier.id, title: unique('Driftavtal planering'), kind: 'sla', rto_hours: 24, rpo_hours: 1 });
  await made('agreement_systems', { agreement_id: weak.id, system_id: planning.id });
  // one that keeps the need covers the storage: not flagged
  const good = await made('agreements', { supplier_id: supplier.id, title: unique('Lagringsavtal'), kind: 'sla', rto_hours: 2 });
  await made('agreement_systems', { agreement_id: good.id, system_id: storage.id });

  // restore tests of the object's plan: the latest measured 9 h (the older 3 h no longer counts)
  const tabletop = await api.post('/api/v1/continuity_tests', { plan_id: objectPlan.id, kind: 'tabletop', tested_on: '2026-01-10', result: 'passed', measured_restore_hours: 3 });
  assert.equal(tabletop.status, 422, tabletop.text);
  assert.ok(tabletop.json.error.fields.measured_restore_hours, 'a tabletop exercise measures no restore');
  const negative = await api.post('/api/v1/continuity_tests', { plan_id: objectPlan.id, kind: 'restore', tested_on: '2026-01-10', result: 'passed', measured_restore_hours: -1 });
  assert.equal(negative.status, 422);
  await made('continuity_tests', { plan_id: objectPlan.id, kind: 'restore', tested_on: '2025-03-01', result: 'passed', measured_restore_hours: 3 });
  const slow = await made('continuity_tests', { plan_id: objectPlan.id, kind: 'restore', tested_on: '2026-02-01', result: 'partial', findings: 'Återläsningen tog 9 timmar', measured_restore_hours: 9 });
  assert.equal(slow.measured_restore_hours, 9);

  const res = await api.get('/api/v1/continuity/rollup');
  assert.equal(res.status, 200, res.text);
  const of = (s) => res.json.systems.find((x) => x.id === s.id);
  const p = of(planning);
  assert.equal(p.rto.hours, 4, 'the BIA\'s MTPD rolls down to the planning system');
  assert.equal(p.rto.source.name, care.name);
  assert.equal(of(storage).rto.hours, 4, 'and on to what it needs');
  assert.deepEqual(of(storage).rto.via.map((n) => n.name), [planning.name]);
  assert.equal(p.rto_gap, true);
  const agreement = p.capabilities.find((c) => c.kind === 'agreement');
  assert.equal(agreement.supplier.name, supplier.name, 'the flag names the supplier');
  assert.equal(agreement.supplier.id, supplier.id);
  assert.equal(agreement.agreement.title, weak.title);
  assert.equal(agreement.rto_hours, 24);
  assert.equal(agreement.rto_gap, true);
  assert.equal(agreement.rpo_gap, false, 'RPO 1 h meets the need of 1 h');
  const tested = p.capabilities.filter((c) => c.kind === 'restore_test');
  assert.equal(tested.length, 1, 'only the latest measured restore');
  assert.equal(tested[0].rto_hours, 9);
  assert.equal(tested[0].test.id, slow.id);
  assert.equal(tested[0].rto_gap, true);
  assert.equal(p.capabilities.find((c) => c.kind === 'plan').rto_gap, false, 'the plan promises 2 h');
  assert.equal(of(storage).rto_gap, false, 'a 2 h agreement meets 4 h');
  assert.equal(of(storage).capabilities[0].supplier.name, supplier.name);
  assert.equal(of(alarm).rto_gap, false, 'the typed 2 h SLA meets 4 h');

  const page = await admin.get('/continuity/rollup');
  assert.equal(page.status, 200);
  const row = page.text.split('<tr>').find((r) => r.includes(`>${planning.name}</a></th>`)) || '';
  assert.match(row, new RegExp(`<a href="/suppliers/${supplier.id}">${supplier.name}</a>, <a href="/agreements/${weak.id}">${weak.title}</a>: RTO 24 timmar \\(RPO 1 timmar\\) <strong class="weaker">\\(svagare än behovet\\)</strong>`));
  assert.match(row, new RegExp(`<a href="/continuity_tests/${slow.id}">Återläsningstest 2026-02-01</a>: uppmätt återställningstid 9 timmar <strong class="weaker">`));
  assert.match(row, /Lovar längre återställningstid än som behövs/);

  // the graph: SVG by the server with a title, naming the nodes and their needs
  const svg = (page.text.match(/<svg class="rollup-graph"[\s\S]*?<\/svg>/) || [''])[0];
  assert.ok(svg, 'the graph is drawn');
  assert.match(svg, /<title id="graph-svg-title">Beroendegraf/);
  for (const name of [care.name, planning.name, storage.name, alarm.name, supplier.name, 'Serverhallen i kommunhuset'])
    assert.ok(svg.includes(name), `names ${name}`);
  const box = (name) => (svg.match(new RegExp(`<g class="node[^"]*"><title>[^<]*${name}[\\s\\S]*?</g>`)) || [''])[0];
  assert.match(box(planning.name), /class="node system weak"/);
  assert.match(box(planning.name), /RTO 4 h · RPO 1 h/);
  assert.match(box(planning.name), /stroke-dasharray/, 'a dashed border');
  assert.match(box(planning.name), /Svagare förmåga<\/text>/, 'and words, not only colour');
  assert.match(box(supplier.name), /weak/, 'the supplier with the weaker agreement is marked');
  assert.match(box(storage.name), /RTO 4 h/);
  assert.doesNotMatch(box(alarm.name), /weak/);

  // filtered to the process: its nodes only; an unknown process says so
  const only = await admin.get(`/continuity/rollup?process=${care.id}`);
  const onlySvg = (only.text.match(/<svg class="rollup-graph"[\s\S]*?<\/svg>/) || [''])[0];
  assert.ok(onlySvg.includes(planning.name));
  assert.ok(!onlySvg.includes('Lönesystemet'), 'another process\'s systems are left out');
  const order = (text) => (text.match(/<table class="list rollup">[\s\S]*?<\/table>/) || [''])[0];
  assert.ok(order(page.text).includes('Lönesystemet'), 'unfiltered, the restore order has every system');
  assert.ok(order(only.text).includes(planning.name), 'the restore order narrows with the graph');
  assert.ok(!order(only.text).includes('Lönesystemet'), 'and leaves another process\'s systems out');
  assert.match(order(only.text), /<tr><td>1<\/td>/, 'ranked from 1 within the filter');
  const unknown = await admin.get('/continuity/rollup?process=999999999');
  assert.match(unknown.text, /id="graph-unknown"/);
  assert.doesNotMatch(unknown.text, /<svg class="rollup-graph"/);
  assert.equal(order(unknown.text), '', 'nor a restore order of everything');
  const junk = await admin.get('/continuity/rollup?unit=abc');
  assert.match(junk.text, /id="graph-unknown"/);
});

test('a graph of forty and more nodes scrolls rather than shrinks', async () => {
  const root = await process('Stor process');
  await made('continuity_plans', { name: unique('Stor'), process_id: root.id, rto_hours: 8 });
  let prev = null;
  for (let i = 0; i < 42; i++) {
    const s = await system(`Kedja ${i}`);
    await depends(prev ? { system_id: prev.id, needs_system_id: s.id } : { process_id: root.id, needs_system_id: s.id });
    prev = s;
  }
  const page = await admin.get(`/continuity/rollup?process=${root.id}`);
  const svg = page.text.match(/<svg class="rollup-graph"[^>]*width="(\d+)" height="(\d+)"/);
  assert.ok(svg);
  assert.ok(Number(svg[1]) > 2000, `wide enough to read: ${svg[1]}`);
  assert.match(page.text, /<div class="graph-scroll" tabindex="0" role="region"/);
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
