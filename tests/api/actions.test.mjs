// Actions and the handlingsplan: MSB's fields through the API and forms, dates in order,
// the origin contract (/actions/new?source_entity=…&source_id=…), links to risks shown on
// both pages, the plan per year with its decision (taken once, by ledning or the CISO)
// and the changes since, carry-over of unfinished actions (CISO, never twice), the
// follow-up view, and who may write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, pdfText } from './harness.mjs';

let server, ciso, cisoApi, social, school, samordnarePerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  const units = await cisoApi.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
  school = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  samordnarePerson = (await cisoApi.get('/api/v1/people?q=samordnare@exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

const action = (extra = {}) => ({ title: unique('Åtgärd'), unit_id: social.id, status: 'planned', ...extra });
const isoDay = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

test('an action with MSB\'s fields is created and read back; the plan year defaults to this year', async () => {
  const r = await cisoApi.post('/api/v1/actions', action({ goal: 'Spårbar åtkomst', measure: 'Personliga konton', priority: 'high', cost: '40 timmar', responsible_id: samordnarePerson.id, start_date: '2026-01-01', end_date: '2026-06-30', progress: 'Upphandlat' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.plan_year, new Date().getUTCFullYear());
  assert.equal(r.json.priority, 'high');
  assert.equal(r.json.responsible_id, samordnarePerson.id);
  const form = await ciso.get('/actions/new');
  for (const label of ['Aktivitet', 'Mål', 'Säkerhetsåtgärd', 'Prioritet', 'Kostnad och resurser', 'Ansvarig', 'Start', 'Slut'])
    assert.match(form.text, new RegExp(label));
});

test('a new action proposes the plan still being drawn up and the status Planerad', async () => {
  const year = new Date().getUTCFullYear();
  const yearOf = (html) => Number(html.match(/name="plan_year"[^>]*value="(\d+)"/)[1]);
  let form = (await ciso.get('/actions/new')).text;
  assert.match(form, /<option value="planned" selected>Planerad<\/option>/);
  // this year's plan is decided in the demo; with no plan under way for next year, this year's
  assert.ok(sql(`SELECT COUNT(*) FROM plan_decision WHERE plan_year = ${year}`).trim() !== '0', 'the demo decided this year\'s plan');
  assert.equal(yearOf(form), year);
  // once next year's plan is under way (undecided, with actions), a new action belongs there
  const next = (await cisoApi.post('/api/v1/actions', action({ plan_year: year + 1 }))).json;
  form = (await ciso.get('/actions/new')).text;
  assert.equal(yearOf(form), year + 1);
  const viaApi = await cisoApi.post('/api/v1/actions', action());
  assert.equal(viaApi.json.plan_year, year + 1);
  // an address that names the year keeps it
  assert.equal(yearOf((await ciso.get(`/actions/new?plan_year=${year}`)).text), year);
  // leave the next year's plan as it was for the tests after this one
  for (const id of [next.id, viaApi.json.id]) {
    sql(`DELETE FROM pick_word WHERE entity = 'actions' AND row_id = ${id}`);
    sql(`DELETE FROM action_item WHERE id = ${id}`);
  }
});

test('bad input: end before start, unknown origin, half an origin, another tenant\'s record → 422, nothing saved', async () => {
  const title = unique('Felaktig åtgärd');
  let r = await cisoApi.post('/api/v1/actions', action({ title, start_date: '2026-05-01', end_date: '2026-04-30' }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.end_date);
  r = await cisoApi.post('/api/v1/actions', action({ title, source_entity: 'nonsense', source_id: 1 }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.source_entity);
  r = await cisoApi.post('/api/v1/actions', action({ title, source_entity: 'risks' }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.source_id);
  r = await cisoApi.post('/api/v1/actions', action({ title, source_entity: 'audit', source_id: 1 }));
  assert.equal(r.status, 422, 'the audit log is no origin');
  const foreignUnit = sql("SELECT id FROM unit WHERE name = 'Kommunledningskontoret'").trim();
  r = await cisoApi.post('/api/v1/actions', action({ title, source_entity: 'units', source_id: Number(foreignUnit) }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.source_id);
  r = await cisoApi.post('/api/v1/actions', action({ title, plan_year: 1999 }));
  assert.equal(r.status, 422);
  const form = await ciso.post('/actions', { title, unit_id: String(social.id), status: 'planned', start_date: '2026-05-01', end_date: '2026-01-01' });
  assert.equal(form.status, 422);
  assert.match(form.text, /Slutdatum kan inte ligga före startdatum/);
  assert.equal((await cisoApi.get(`/api/v1/actions?q=${encodeURIComponent(title)}`)).json.items.length, 0);
});

test('an action created from a risk through the URL contract is linked to it; both pages show it', async () => {
  const risk = (await cisoApi.post('/api/v1/risks', { title: unique('Risk med åtgärd'), unit_id: social.id, likelihood: 3, consequence: 3, status: 'open' })).json;
  const riskPage = await ciso.get(`/risks/${risk.id}`);
  const link = `/actions/new?source_entity=risks&amp;source_id=${risk.id}&amp;unit_id=${social.id}`;
  assert.ok(riskPage.text.includes(`href="${link}"`), 'the risk offers a new action from it');
  const form = await ciso.get(link.replace(/&amp;/g, '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, /name="source_entity"[^>]*value="risks"|value="risks"[^>]*name="source_entity"/);
  const title = unique('Från risken');
  const r = await ciso.post('/actions', { title, unit_id: String(social.id), status: 'planned', source_entity: 'risks', source_id: String(risk.id) });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const actionPage = await ciso.get(r.location);
  assert.match(actionPage.text, new RegExp(`href="/risks/${risk.id}">Risk ${risk.title}`));
  assert.match(actionPage.text, /Risker som åtgärden hanterar <span class="count">\(1\)<\/span>/);
  const after = await ciso.get(`/risks/${risk.id}`);
  assert.match(after.text, new RegExp(`>${title}</a>`));
  const id = Number(r.location.match(/\/actions\/(\d+)/)[1]);
  const links = (await cisoApi.get(`/api/v1/risk_actions?risk_id=${risk.id}`)).json.items;
  assert.deepEqual(links.map((l) => l.action_id), [id]);
  assert.deepEqual((await cisoApi.get(`/api/v1/actions?source_entity=risks&source_id=${risk.id}`)).json.items.map((a) => a.id), [id]);
  // the origin is fixed once created
  assert.equal((await cisoApi.patch(`/api/v1/actions/${id}`, { source_id: 1 })).status, 400);
  // a second link of the same pair is refused
  const dup = await cisoApi.post('/api/v1/risk_actions', { risk_id: risk.id, action_id: id });
  assert.equal(dup.status, 422);
  assert.ok(dup.json.error.fields.action_id);
  // every step is in the audit log
  const audit = sql(`SELECT action || ' ' || entity FROM audit_log WHERE entity_id = '${id}' AND entity = 'actions'`);
  assert.match(audit, /create actions/);
});

test('who may write actions: auditor and employee not; samordnare in their förvaltning; the responsible on their own', async () => {
  const auditor = await apiClient(server.base, 'revisor@exempelkommun.se');
  const employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const schoolAction = (await cisoApi.post('/api/v1/actions', action({ unit_id: school.id, responsible_id: samordnarePerson.id }))).json;
  const otherSchool = (await cisoApi.post('/api/v1/actions', action({ unit_id: school.id }))).json;
  for (const who of [auditor, employee]) {
    assert.equal((await who.get('/api/v1/actions')).status, 200);
    assert.equal((await who.post('/api/v1/actions', action())).status, 403);
    // the auditor sees the action but may not change it; to the employee it does not
    // exist (need-to-know)
    assert.equal((await who.patch(`/api/v1/actions/${schoolAction.id}`, { status: 'done' })).status, who === employee ? 404 : 403);
  }
  assert.equal((await samordnare.post('/api/v1/actions', action())).status, 201);
  assert.equal((await samordnare.post('/api/v1/actions', action({ unit_id: school.id }))).status, 403);
  // responsible for an action outside their förvaltning: may report progress on it
  const p = await samordnare.patch(`/api/v1/actions/${schoolAction.id}`, { status: 'ongoing', progress: 'Påbörjad' });
  assert.equal(p.status, 200, p.text);
  // another förvaltning's action, not hers: it does not exist to her (need-to-know)
  assert.equal((await samordnare.patch(`/api/v1/actions/${otherSchool.id}`, { status: 'ongoing' })).status, 404);
});

test('a plan is decided once, by ledning; later changes show against the decision', async () => {
  const year = 2031;
  const kept = (await cisoApi.post('/api/v1/actions', action({ plan_year: year, end_date: '2031-06-30' }))).json;
  const dropped = (await cisoApi.post('/api/v1/actions', action({ plan_year: year }))).json;
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const ledning = await apiClient(server.base, 'ledning@exempelkommun.se');
  const ledningPerson = (await cisoApi.get('/api/v1/people?q=ledning@exempelkommun.se')).json.items[0];
  const decision = { plan_year: year, decided_by_id: ledningPerson.id, body: 'Kommunstyrelsen', decided_on: '2031-02-10', reference: 'KS 2031/17' };
  assert.equal((await samordnare.post('/api/v1/plan_decisions', decision)).status, 403);
  let r = await ledning.post('/api/v1/plan_decisions', decision);
  assert.equal(r.status, 201, r.text);
  const snapshot = JSON.parse(r.json.snapshot);
  assert.deepEqual(snapshot.map((a) => a.id).sort(), [kept.id, dropped.id].sort());
  // deciding an already decided plan is refused with a clear message, nothing saved
  r = await ledning.post('/api/v1/plan_decisions', { ...decision, reference: 'KS 2031/99' });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.plan_year, /already been decided/);
  assert.equal((await cisoApi.get(`/api/v1/plan_decisions?plan_year=${year}`)).json.items.length, 1);
  // a decision is a record: no editing
  const ui = await loggedIn(server.base, 'ledning@exempelkommun.se');
  const form = await ui.post('/plan_decisions', { plan_year: String(year), decided_by_id: String(ledningPerson.id), body: 'KS', decided_on: '2031-02-11' });
  assert.equal(form.status, 422);
  assert.match(form.text, /redan beslutad/);
  // changes after the decision
  await cisoApi.patch(`/api/v1/actions/${kept.id}`, { end_date: '2031-09-30', status: 'ongoing' });
  sql(`DELETE FROM action_item WHERE id = ${dropped.id}`);
  const added = (await cisoApi.post('/api/v1/actions', action({ plan_year: year }))).json;
  const page = await ciso.get(`/plan/${year}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Beslutad 2031-02-10 av Kommunstyrelsen \(Karin Dahl\), diarienummer KS 2031\/17/);
  assert.match(page.text, /Ändringar sedan beslutet <span class="count">\(3\)<\/span>/);
  assert.match(page.text, new RegExp(`data-change="changed"><strong>Ändrad:</strong> <a href="/actions/${kept.id}">[^<]+</a> — Ändrat: Status, Slut`));
  assert.match(page.text, new RegExp(`data-change="added"><strong>Tillagd:</strong> <a href="/actions/${added.id}">`));
  assert.match(page.text, new RegExp(`data-change="removed"><strong>Borttagen:</strong> ${dropped.title}`));
  // the demo's 2026 plan is decided, with its changes
  const demo = await ciso.get('/plan/2026');
  assert.match(demo.text, /diarienummer KS 2026\/0142/);
  assert.match(demo.text, /Tillagd:<\/strong> <a href="\/actions\/\d+">Nätfiskeövning för alla förvaltningar/);
  // the same plan as a PDF for kommunstyrelsen: the decision, per förvaltning each action
  // with its goal, and the changes since the decision
  assert.match(page.text, new RegExp(`href="/plan/${year}/plan\\.pdf"`));
  await cisoApi.patch(`/api/v1/actions/${kept.id}`, { goal: 'Spårbar åtkomst till personakter' });
  const pdf = (await pdfText(ciso, `/plan/${year}/plan.pdf`, '-raw')).replace(/\s+/g, ' ');
  assert.match(pdf, new RegExp(`Handlingsplan för informationssäkerhet ${year}`));
  assert.match(pdf, /Exempelkommun/);
  assert.match(pdf, /Beslutande organ: Kommunstyrelsen/);
  assert.match(pdf, /Diarienummer: KS 2031\/17/);
  assert.match(pdf, /Socialförvaltningen/);
  assert.ok(pdf.replace(/\s/g, '').includes(kept.title.replace(/\s/g, '')), 'the kept action');
  assert.ok(pdf.replace(/\s/g, '').includes('Spårbaråtkomsttillpersonakter'), 'its goal');
  assert.match(pdf, /Ändringar sedan beslutet/);
  assert.match(pdf, /Borttagen/);
  // no word or date broken inside in the narrow columns ("Priorit-et", "2026-12-" "31")
  assert.match(pdf, /Aktivitet Mål Prioritet Ansvarig Slut Status/);
  assert.ok(!/\d{4}-\d\d- \d\d/.test(pdf), 'a date split over two lines');
  // need-to-know as on the page: the employee's PDF holds none of the förvaltning's actions
  const employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  const theirs = (await pdfText(employee, `/plan/${year}/plan.pdf`, '-raw')).replace(/\s/g, '');
  assert.ok(!theirs.includes(kept.title.replace(/\s/g, '')), 'no action the employee may not read');
  assert.ok(!theirs.includes('KS2031/17'), 'nor the decision');
  assert.equal((await ciso.get('/plan/1999/plan.pdf')).status, 404);
  // an undecided year offers the decision to those who may take it, and only to them
  assert.match((await ui.get('/plan/2039')).text, /href="\/plan_decisions\/new\?plan_year=2039&amp;decided_on=/);
  assert.doesNotMatch((await (await loggedIn(server.base, 'samordnare@exempelkommun.se')).get('/plan/2039')).text, /plan_decisions\/new/);
});

test('carry-over copies unfinished actions to next year, visibly and only once; only the CISO may', async () => {
  const year = 2032;
  const risk = (await cisoApi.post('/api/v1/risks', { title: unique('Risk som följer med'), unit_id: social.id, likelihood: 2, consequence: 2, status: 'open' })).json;
  const planned = (await cisoApi.post('/api/v1/actions', action({ plan_year: year, source_entity: 'risks', source_id: risk.id }))).json;
  const ongoing = (await cisoApi.post('/api/v1/actions', action({ plan_year: year, status: 'ongoing', progress: 'Halvvägs' }))).json;
  const done = (await cisoApi.post('/api/v1/actions', action({ plan_year: year, status: 'done' }))).json;
  const cancelled = (await cisoApi.post('/api/v1/actions', action({ plan_year: year, status: 'cancelled' }))).json;
  const samordnare = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.post(`/plan/${year}/carry-over`, {})).status, 403);
  assert.doesNotMatch((await samordnare.get(`/plan/${year}`)).text, /carry-over/);
  let r = await ciso.post(`/plan/${year}/carry-over`, {});
  assert.equal(r.status, 303);
  assert.equal(r.location, `/plan/${year + 1}?carried=2`);
  const next = await cisoApi.all(`/api/v1/actions?plan_year=${year + 1}&carried_from_year=${year}&limit=500`);
  assert.deepEqual(next.map((a) => a.carried_from_id).sort(), [planned.id, ongoing.id].sort());
  const copy = next.find((a) => a.carried_from_id === ongoing.id);
  assert.equal(copy.title, ongoing.title);
  assert.equal(copy.status, 'ongoing');
  assert.equal(copy.progress, 'Halvvägs');
  const page = await ciso.get(r.location);
  assert.match(page.text, /2 åtgärder fördes över till 2033/);
  assert.match(page.text, new RegExp(`>${planned.title}</a> <span class="tag">överförd från 2032</span>`));
  // the risk link goes along
  const riskPage = await ciso.get(`/risks/${risk.id}`);
  assert.match(riskPage.text, /Åtgärder för risken <span class="count">\(2\)<\/span>/);
  // pressing again copies nothing
  r = await ciso.post(`/plan/${year}/carry-over`, {});
  assert.equal(r.location, `/plan/${year + 1}?carried=0`);
  assert.equal((await cisoApi.all(`/api/v1/actions?plan_year=${year + 1}&limit=500`)).length, 2);
  assert.ok(done.id && cancelled.id);
  // audited
  assert.match(sql(`SELECT diff FROM audit_log WHERE entity = 'actions' AND entity_id = '${copy.id}'`), /carried_from_id/);
  // not a year: 404
  assert.equal((await ciso.post('/plan/abc/carry-over', {})).status, 404);
  assert.equal((await ciso.get('/plan/99999')).status, 404);
});

test('the follow-up view counts late, due soon and done per responsible and per förvaltning', async () => {
  const year = 2030;
  // dates relative to today, so the test does not age; the year is only a label
  const who = samordnarePerson.id;
  await cisoApi.post('/api/v1/actions', action({ plan_year: year, responsible_id: who, end_date: isoDay(-3), status: 'ongoing', title: unique('Sen') }));
  await cisoApi.post('/api/v1/actions', action({ plan_year: year, responsible_id: who, end_date: isoDay(10) }));
  await cisoApi.post('/api/v1/actions', action({ plan_year: year, end_date: isoDay(60) }));
  await cisoApi.post('/api/v1/actions', action({ plan_year: year, unit_id: school.id, status: 'done' }));
  await cisoApi.post('/api/v1/actions', action({ plan_year: year, end_date: isoDay(-1), status: 'cancelled' }));
  const page = await ciso.get(`/plan/${year}/follow-up`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="late"><h2>Försenade<\/h2><p><strong>1</);
  assert.match(page.text, /id="due-soon"><h2>Slut inom 30 dagar<\/h2><p><strong>1</);
  assert.match(page.text, /id="done"><h2>Genomförda<\/h2><p><strong>1</);
  assert.match(page.text, /<th scope="row">Sara Ek<\/th><td>1<\/td><td>1<\/td><td>0<\/td>/);
  assert.match(page.text, /<th scope="row">Ingen ansvarig<\/th><td>0<\/td><td>0<\/td><td>1<\/td>/);
  assert.match(page.text, /<th scope="row">Socialförvaltningen<\/th><td>1<\/td><td>1<\/td><td>0<\/td>/);
  assert.match(page.text, /<th scope="row">Barn- och utbildningsförvaltningen<\/th><td>0<\/td><td>0<\/td><td>1<\/td>/);
  assert.match(page.text, /Försenade åtgärder <span class="count">\(1\)<\/span>/);
});

test('the plan lists the year per förvaltning; the auditor reads it without buttons; CSV of the year', async () => {
  const auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  const page = await auditor.get('/plan/2026');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2>Socialförvaltningen<\/h2>/);
  assert.match(page.text, /<h2>Kommunledningsförvaltningen<\/h2>[\s\S]*Tvåfaktorsinloggning/, 'IT-avdelningen under its förvaltning');
  assert.doesNotMatch(page.text, /carry-over|plan_decisions\/new|actions\/new/);
  assert.equal((await auditor.post('/plan/2026/carry-over', {})).status, 403);
  // one förvaltning's part of the plan, its subtree included
  const klf = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Kommunledningsförvaltningen');
  const part = await auditor.get(`/plan/2026?forvaltning=${klf.id}`);
  assert.match(part.text, /<h2>Kommunledningsförvaltningen<\/h2>[\s\S]*Tvåfaktorsinloggning/);
  assert.doesNotMatch(part.text, /<h2>Socialförvaltningen<\/h2>/);
  assert.match(part.text, new RegExp(`<option value="${klf.id}" selected>Kommunledningsförvaltningen</option>`));
  const index = await auditor.get('/plan');
  assert.match(index.text, /href="\/plan\/2026">Handlingsplan 2026<\/a> — \d+ åtgärder\. Beslut om handlingsplan 2026-02-11/);
  const csv = await auditor.get('/actions.csv?plan_year=2026');
  assert.equal(csv.status, 200);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /Aktivitet.*Mål.*Säkerhetsåtgärd.*Prioritet.*Kostnad och resurser.*Ansvarig.*Start.*Slut/);
  assert.ok(lines.length >= 11);
});

test('"Markera som genomförd": one click for the person responsible, audited; others and done actions are refused', async () => {
  const r = await cisoApi.post('/api/v1/actions', action({ status: 'ongoing', responsible_id: samordnarePerson.id, end_date: isoDay(-5) }));
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  // a reader who is neither responsible nor a writer of the unit gets no button and no change
  const teacherApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const no = await teacherApi.post(`/api/v1/actions/${id}/done`);
  assert.ok([403, 404].includes(no.status), no.text);
  assert.equal(sql(`SELECT status FROM action_item WHERE id = ${id}`).trim(), 'ongoing');
  // the person responsible, in the browser: the button on the page, one click, back to the page
  const owner = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const page = await owner.get(`/actions/${id}`);
  assert.match(page.text, new RegExp(`action="/actions/${id}/done"`));
  assert.match(page.text, /Markera som genomförd/);
  const done = await owner.post(`/actions/${id}/done`);
  assert.equal(done.status, 303, done.text);
  assert.equal(new URL(done.location, server.base).pathname, `/actions/${id}`);
  assert.equal(sql(`SELECT status FROM action_item WHERE id = ${id}`).trim(), 'done');
  assert.match(sql(`SELECT diff FROM audit_log WHERE entity = 'actions' AND entity_id = '${id}' AND action = 'update'`), /"status":\["ongoing","done"\]/);
  const after = await owner.get(`/actions/${id}`);
  assert.doesNotMatch(after.text, new RegExp(`action="/actions/${id}/done"`));
  assert.doesNotMatch(after.text, /Försenad sedan/);
  // through the API too; a kind without a done value has no such command
  const r2 = await cisoApi.post('/api/v1/actions', action({ status: 'planned' }));
  assert.equal((await cisoApi.post(`/api/v1/actions/${r2.json.id}/done`)).status, 200);
  assert.equal((await cisoApi.get(`/api/v1/actions/${r2.json.id}`)).json.status, 'done');
  assert.ok([404, 405].includes((await cisoApi.post(`/api/v1/units/${social.id}/done`)).status));
});
