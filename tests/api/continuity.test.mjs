// Continuity: a plan per förvaltningsobjekt or process with its impact analysis (MTPD,
// RTO, RPO), restore tests and exercises with findings, and the overview that flags
// plans whose next test is overdue or that were never tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, admin, api, employeeApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());

test('a plan for a förvaltningsobjekt: RTO within MTPD, in the object\'s unit', async () => {
  const object = (await api.get('/api/v1/objects?limit=1')).json.items[0];
  const process = (await api.get('/api/v1/processes?limit=1')).json.items[0];
  const before = count('continuity_plan');
  const both = await api.post('/api/v1/continuity_plans', { name: unique('Plan'), object_id: object.id, process_id: process.id });
  assert.equal(both.status, 422);
  assert.ok(both.json.error.fields.object_id);
  const slow = await api.post('/api/v1/continuity_plans', { name: unique('Plan'), object_id: object.id, mtpd_hours: 24, rto_hours: 48 });
  assert.equal(slow.status, 422);
  assert.ok(slow.json.error.fields.rto_hours);
  assert.equal(count('continuity_plan'), before, 'nothing written');
  const name = unique('Kontinuitetsplan');
  const ok = await api.post('/api/v1/continuity_plans', { name, object_id: object.id, mtpd_hours: 24, rto_hours: 8, rpo_hours: 4,
    dependencies: 'Leverantör, nätverk', plan: 'https://intranat.example/plan.pdf' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.unit_id, object.unit_id);
  const denied = await employeeApi.post('/api/v1/continuity_plans', { name: unique('Plan'), object_id: object.id });
  assert.equal(denied.status, 403, denied.text);
});

test('a failed restore test needs findings; the next is due a year later; overdue plans are flagged', async () => {
  const object = (await api.get('/api/v1/objects?limit=1')).json.items[0];
  const name = unique('Återläsning');
  const plan = (await api.post('/api/v1/continuity_plans', { name, object_id: object.id })).json;
  const never = unique('Otestad');
  await api.post('/api/v1/continuity_plans', { name: never, object_id: object.id });
  const failed = await api.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'restore', tested_on: '2025-03-01', result: 'failed' });
  assert.equal(failed.status, 422);
  assert.ok(failed.json.error.fields.findings);
  const future = await api.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'restore', tested_on: '2999-01-01', result: 'passed' });
  assert.ok(future.json.error.fields.tested_on);
  const t = await api.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'restore', tested_on: '2025-03-01', result: 'failed',
    findings: 'Säkerhetskopian gick inte att läsa tillbaka.' });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.json.next_due, '2026-03-01');
  assert.equal(t.json.unit_id, plan.unit_id);
  const page = await admin.get('/continuity');
  assert.equal(page.status, 200);
  const row = (n) => page.text.split('<tr>').find((r) => r.includes(n)) || '';
  assert.match(row(name), /2026-03-01 <strong class="clock clock-red">Försenat/);
  assert.match(row(name), /Misslyckades/);
  assert.match(row(never), /Aldrig testad/);
  assert.match(page.text, /planer har ett försenat test eller har aldrig testats/);
  const detail = await admin.get(`/continuity_plans/${plan.id}`);
  assert.match(detail.text, /Nästa test är försenat/);
  // the plan's tests, listed where the plan is (a related list) with a way to add one there
  const tests = detail.text.match(/<section class="related" id="related-continuity_tests"[\s\S]*?<\/section>/)[0];
  assert.match(tests, /2025-03-01<\/a><\/th><td>Återläsningstest<\/td><td>Misslyckades<\/td><td>2026-03-01/);
  assert.match(tests, new RegExp(`href="/continuity_tests/new\\?plan_id=${plan.id}&amp;return=/continuity_plans/${plan.id}"`));
});

test('demo: a failed restore test with its findings, and the plan flagged overdue', async () => {
  const page = await admin.get('/continuity');
  const row = page.text.split('<tr>').find((r) => r.includes('Verksamhetssystemen i socialtjänsten')) || '';
  assert.match(row, /Misslyckades/);
  assert.match(row, /Försenat/);
  const tests = await api.all('/api/v1/continuity_tests?result=failed');
  assert.ok(tests.some((t) => /loggfilerna/.test(t.findings ?? '')), 'the findings are kept');
});

test('the RSA is tracked per term of office, its due date is data', async () => {
  const page = await admin.get('/continuity');
  assert.match(page.text, /2027–2030<\/a>: Ska redovisas senast 2027-10-31 — <strong>Inte redovisad ännu/);
  const dup = await api.post('/api/v1/rsa', { term: '2027–2030', due_on: '2027-10-31' });
  assert.equal(dup.status, 422);
  assert.ok(dup.json.error.fields.term);
  const future = await api.post('/api/v1/rsa', { term: '2031–2034', due_on: '2031-10-31', reported_on: '2999-01-01' });
  assert.ok(future.json.error.fields.reported_on);
  const ok = await api.post('/api/v1/rsa', { term: '2019–2022', due_on: '2019-10-31', reported_on: '2019-10-20' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal((await employeeApi.post('/api/v1/rsa', { term: '2015–2018', due_on: '2015-10-31' })).status, 403);
});
