// Readiness for a cyber incident: the incident response plan with its call tree and
// phone numbers, printable as a PDF to keep offline (the tree in calling order); an
// exercise whose findings become actions; the plan's decision and last exercise on the
// continuity page and the lägesbild. Everyone reads the plan; only handlers write it;
// an exercise's findings are read by those who read risks. Bad input changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, pdfText } from './harness.mjs';

let server, ciso, cisoApi, employee, employeeApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
let planId;

test('the CISO writes the plan and its call tree; the PDF lists the tree in calling order', async () => {
  const name = unique('Plan för cyberincidenter');
  const p = await cisoApi.post('/api/v1/response_plans', { name, decided_on: '2026-03-10', decided_by: 'Kommunstyrelsen § 41',
    roles: 'Incidentledare: IT-chefen.', decision_levels: 'Kommundirektören beslutar om nedkoppling.',
    crisis_board: 'Vid utpressningsprogram som stoppar verksamhet i mer än 24 timmar.',
    communication: 'Sms-grupp och samling i stadshusets reception.', paper_copies: 'Kommundirektörens kassaskåp.' });
  assert.equal(p.status, 201, p.text);
  planId = p.json.id;
  const first = await cisoApi.post('/api/v1/response_contacts', { plan_id: planId, position: 1, role: 'IT-jour', name: 'Jouren', phone: '070-111 11 11' });
  assert.equal(first.status, 201, first.text);
  const chief = await cisoApi.post('/api/v1/response_contacts', { plan_id: planId, position: 2, role: 'Incidentledare', name: 'Kim IT-chef',
    phone: '070-222 22 22', alt_phone: '08-123 45', called_by_id: first.json.id });
  assert.equal(chief.status, 201, chief.text);
  const director = await cisoApi.post('/api/v1/response_contacts', { plan_id: planId, position: 3, role: 'Kommundirektör', name: 'Alex Direktör',
    phone: '070-333 33 33', called_by_id: chief.json.id });
  assert.equal(director.status, 201, director.text);
  // bad input: nobody named, a caller from nowhere; nothing written
  const before = count('response_contact');
  const nobody = await cisoApi.post('/api/v1/response_contacts', { plan_id: planId, position: 4, role: 'Kommunikatör', phone: '070-4' });
  assert.equal(nobody.status, 422, nobody.text);
  assert.ok(nobody.json.error.fields.name);
  const noPhone = await cisoApi.post('/api/v1/response_contacts', { plan_id: planId, position: 4, role: 'Kommunikatör', name: 'Sam' });
  assert.equal(noPhone.status, 422, noPhone.text);
  const self = await cisoApi.patch(`/api/v1/response_contacts/${chief.json.id}`, { called_by_id: chief.json.id });
  assert.equal(self.status, 422, self.text);
  assert.equal(count('response_contact'), before);

  const text = (await pdfText(ciso, `/response_plans/${planId}/plan.pdf`, '-raw')).replace(/[ \t]+/g, ' ');
  assert.match(text, /Kommunstyrelsen § 41/);
  assert.match(text, /070-222 22 22/);
  assert.match(text, /Kommundirektörens kassaskåp/);
  const at = (s) => text.indexOf(s);
  assert.ok(at('IT-jour') < at('→ Incidentledare') && at('→ Incidentledare') < at('→ → Kommundirektör'), 'the calling order');
  // the plan's page offers the PDF and says it was never exercised
  const page = await ciso.get(`/response_plans/${planId}`);
  assert.match(page.text, /Skriv ut planen \(PDF\)/);
  assert.match(page.text, /aldrig övad/);
});

test('an exercise whose findings become actions; the lägesbild shows the last exercise', async () => {
  const unit = Number(sql("SELECT id FROM unit WHERE parent_id IS NULL AND tenant_id = (SELECT tenant_id FROM response_plan WHERE id = " + planId + ") ORDER BY id LIMIT 1").trim());
  const bad = await cisoApi.post('/api/v1/response_exercises', { plan_id: planId, unit_id: unit, held_on: '2099-01-01', kind: 'tabletop', result: 'passed' });
  assert.equal(bad.status, 422, bad.text);
  const x = await cisoApi.post('/api/v1/response_exercises', { plan_id: planId, unit_id: unit, held_on: '2026-11-20', kind: 'tabletop',
    scenario: 'Utpressningsprogram en fredagkväll.', result: 'partial',
    findings: 'Ingen nådde IT-jouren på telefon.\nReservtelefonen till kommundirektören saknades.', next_due: '2027-11-20' });
  assert.equal(x.status, 201, x.text);
  const page = await ciso.get(`/response_exercises/${x.json.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Ingen nådde IT-jouren på telefon\./);
  assert.match(page.text, /href="\/actions\/new\?[^"]*source_entity=response_exercises/);
  const plan = await ciso.get(`/response_plans/${planId}`);
  assert.match(plan.text, /Senaste övning: 2026-11-20/);
  const lage = await ciso.get('/lagesbild');
  assert.match(lage.text, /senast övad 2026-11-20/);
  const cont = await ciso.get('/continuity');
  assert.match(cont.text, /Beredskap för cyberincidenter/);
  // an employee reads the plan and prints it, but not the exercise's findings, and writes nothing
  assert.equal((await employee.get(`/response_plans/${planId}`)).status, 200);
  assert.match(await pdfText(employee, `/response_plans/${planId}/plan.pdf`), /Kim IT-chef/);
  const ex = await employeeApi.get(`/api/v1/response_exercises/${x.json.id}`);
  assert.ok([403, 404].includes(ex.status), ex.text);
  const w = await employeeApi.patch(`/api/v1/response_plans/${planId}`, { name: 'Kapad' });
  assert.ok([403, 404].includes(w.status), w.text);
});
