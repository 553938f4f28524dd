// Related records in place and due dates, from the descriptors: a record's page lists
// the records that point to it (only those the reader may read, counted the same way),
// "Lägg till" opens the child's form with the reference fixed and comes back to the
// parent (a return path that is not a local path is refused); a date that is due marks
// overdue rows in the JSON, the lists, the pages and the CSV, and ?overdue=1 filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, employee, employeeApi, social, employeeId;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const units = await cisoApi.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
  employeeId = (await employeeApi.get('/api/v1/me')).json.person_id;
});
after(async () => { await server.stop(); });

const isoDay = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const section = (html, kind) => {
  const m = html.match(new RegExp(`<section class="related" id="related-${kind}"[\\s\\S]*?</section>`));
  return m ? m[0] : '';
};

test('an action\'s page lists its risks only to those who may read them, and counts only those', async () => {
  const riskTitle = unique('Hemlig risk');
  const risk = (await cisoApi.post('/api/v1/risks', { title: riskTitle, unit_id: social.id, likelihood: 2, consequence: 2, status: 'open' })).json;
  // the employee is responsible for the action, so reads it (their own row), but not the risk
  const action = (await cisoApi.post('/api/v1/actions', { title: unique('Åtgärd med risk'), unit_id: social.id, status: 'planned', responsible_id: employeeId })).json;
  const link = await cisoApi.post('/api/v1/risk_actions', { risk_id: risk.id, action_id: action.id });
  assert.equal(link.status, 201, link.text);
  const mine = section((await ciso.get(`/actions/${action.id}`)).text, 'risk_actions');
  assert.match(mine, /<span class="count">\(1\)<\/span>/);
  assert.match(mine, new RegExp(riskTitle));
  // the employee reads the action but not the risk: need-to-know
  const page = await employee.get(`/actions/${action.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, new RegExp(riskTitle));
  assert.match(section(page.text, 'risk_actions'), /<span class="count">\(0\)<\/span>/);
  assert.doesNotMatch(section(page.text, 'risk_actions'), /Lägg till/, 'no add button without the right to add');
  // the API needs nothing of its own: the reference field filters, under the same scope
  assert.deepEqual((await cisoApi.get(`/api/v1/risk_actions?action_id=${action.id}`)).json.items.map((l) => l.risk_id), [risk.id]);
  assert.deepEqual((await employeeApi.get(`/api/v1/risk_actions?action_id=${action.id}`)).json.items, []);
});

test('a reference to a record the reader may not read is not named, in lists and the JSON', async () => {
  const riskTitle = unique('Namnlös risk');
  const risk = (await cisoApi.post('/api/v1/risks', { title: riskTitle, unit_id: social.id, likelihood: 1, consequence: 1, status: 'open' })).json;
  const action = (await cisoApi.post('/api/v1/actions', { title: unique('Åtgärd'), unit_id: social.id, status: 'planned', responsible_id: employeeId, source_entity: 'risks', source_id: risk.id })).json;
  const page = await employee.get(`/actions/${action.id}`);
  assert.doesNotMatch(page.text, new RegExp(riskTitle));
  assert.doesNotMatch(page.text, /Skapad från \(typ\)|>risks</, 'no table name on screen');
  assert.match(page.text, /Skapad från: Risk \(syns bara för dem som får se posten\)/);
  const cisoPage = await ciso.get(`/actions/${action.id}`);
  assert.match(cisoPage.text, new RegExp(`Skapad från: <a href="/risks/${risk.id}">Risk ${riskTitle}`));
  assert.doesNotMatch(cisoPage.text, /Skapad från \(typ\)|Skapad från \(nummer\)/);
});

test('a task is added in place: the form fixes the incident, saving and cancelling lead back to it', async () => {
  const inc = (await employeeApi.post('/api/v1/incidents', { title: unique('Tappad dator'), what_happened: 'Glömd på bussen.', discovered_at: isoAgo(2) })).json;
  const page = await ciso.get(`/incidents/${inc.id}`);
  const add = `/incident_tasks/new?incident_id=${inc.id}&amp;return=/incidents/${inc.id}`;
  assert.ok(section(page.text, 'incident_tasks').includes(`href="${add}"`), 'Lägg till under Uppgifter');
  const form = await ciso.get(add.replace(/&amp;/g, '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<input type="hidden" id="in-incident_id" name="incident_id" value="${inc.id}">`));
  assert.match(form.text, /<input type="hidden" name="return" value="\/incidents\/\d+">/);
  assert.doesNotMatch(form.text, /<input type="text" id="in-incident_id"|<select id="in-incident_id"/, 'the incident is fixed');
  assert.match(form.text, new RegExp(`<a href="/incidents/${inc.id}">Avbryt</a>`));
  assert.match(form.text, new RegExp(`class="crumb">.*<a href="/incidents/${inc.id}">Incident ${inc.reference}`));
  const title = unique('Spärra datorn');
  const saved = await ciso.post('/incident_tasks', { incident_id: String(inc.id), title, owner_id: 'ciso@exempelkommun.se', status: 'open', return: `/incidents/${inc.id}` });
  assert.equal(saved.status, 303, saved.text.slice(0, 800));
  assert.equal(saved.location, `/incidents/${inc.id}?saved=1`);
  const back = await ciso.get(saved.location);
  assert.match(section(back.text, 'incident_tasks'), new RegExp(title));
  assert.match(section(back.text, 'incident_tasks'), /<span class="count">\(1\)<\/span>/);
  // the task's own page leads back to its incident
  const taskId = sql(`SELECT id FROM incident_task WHERE title = '${title}'`).trim();
  assert.match((await ciso.get(`/incident_tasks/${taskId}`)).text, new RegExp(`class="crumb">.*<a href="/incidents/${inc.id}">`));
  // filtering by the reference works in the API as it is
  assert.deepEqual((await cisoApi.get(`/api/v1/incident_tasks?incident_id=${inc.id}`)).json.items.map((t) => t.title), [title]);
});

test('a return path that is not a local path is refused: no open redirect', async () => {
  const inc = (await employeeApi.post('/api/v1/incidents', { title: unique('Incident'), what_happened: 'x', discovered_at: isoAgo(1) })).json;
  for (const hostile of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/incidents/1?x=<script>', 'javascript:alert(1)', '/%2F%2Fevil.example']) {
    const title = unique('Uppgift');
    const r = await ciso.post('/incident_tasks', { incident_id: String(inc.id), title, owner_id: 'ciso@exempelkommun.se', status: 'open', return: hostile });
    assert.equal(r.status, 303, `${hostile}: ${r.status}`);
    assert.match(r.location, /^\/incident_tasks\/\d+\?saved=1$/, `${hostile} → ${r.location}`);
    const form = await ciso.get(`/incident_tasks/new?incident_id=${inc.id}&return=${encodeURIComponent(hostile)}`);
    assert.doesNotMatch(form.text, /name="return"/, hostile);
    assert.doesNotMatch(form.text, /evil/, hostile);
  }
});

test('overdue: an unfinished action past its end date is flagged in the JSON, the list, its page and the CSV', async () => {
  const late = (await cisoApi.post('/api/v1/actions', { title: unique('Sen åtgärd'), unit_id: social.id, status: 'ongoing', start_date: isoDay(-60), end_date: isoDay(-2) })).json;
  const done = (await cisoApi.post('/api/v1/actions', { title: unique('Klar åtgärd'), unit_id: social.id, status: 'done', start_date: isoDay(-60), end_date: isoDay(-2) })).json;
  const future = (await cisoApi.post('/api/v1/actions', { title: unique('Kommande åtgärd'), unit_id: social.id, status: 'ongoing', end_date: isoDay(30) })).json;
  assert.equal(late.overdue, true);
  assert.equal(done.overdue, false, 'done makes the date moot');
  assert.equal(future.overdue, false);
  const only = await cisoApi.all('/api/v1/actions?overdue=1&limit=500');
  const ids = only.map((a) => a.id);
  assert.ok(ids.includes(late.id));
  assert.ok(!ids.includes(done.id) && !ids.includes(future.id));
  assert.ok(only.every((a) => a.overdue === true), 'the filter and the flag agree');
  const since = new RegExp(`Försenad sedan ${late.end_date}`);
  assert.match((await ciso.get(`/actions/${late.id}`)).text, since);
  assert.doesNotMatch((await ciso.get(`/actions/${done.id}`)).text, /Försenad sedan/);
  const list = await ciso.get(`/actions?q=${encodeURIComponent(late.title)}`);
  assert.match(list.text, since);
  assert.match((await ciso.get('/actions?overdue=1')).text, /id="f-overdue" name="overdue" value="1" checked/);
  const csv = (await ciso.get(`/actions.csv?q=${encodeURIComponent(late.title)}`)).text;
  const [head, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(head.split(';').at(-1), 'Försenad sedan');
  assert.equal(row.split(';').at(-1), late.end_date);
  const doneCsv = (await ciso.get(`/actions.csv?q=${encodeURIComponent(done.title)}`)).text.split('\r\n')[1];
  assert.equal(doneCsv.split(';').at(-1), '');
  const plan = await ciso.get(`/plan/${late.plan_year}`);
  assert.match(plan.text, since, 'the handlingsplan shows it too');
});

test('overdue: an open incident task past its due time, not a done one', async () => {
  const inc = (await employeeApi.post('/api/v1/incidents', { title: unique('Incident'), what_happened: 'x', discovered_at: isoAgo(30) })).json;
  const owner = (await cisoApi.get('/api/v1/people?q=ciso@exempelkommun.se')).json.items[0].id;
  const made = await cisoApi.post('/api/v1/incident_tasks', { incident_id: inc.id, title: unique('Sen'), owner_id: owner, due_at: isoAgo(5) });
  assert.equal(made.status, 201, made.text);
  const late = made.json;
  const soon = (await cisoApi.post('/api/v1/incident_tasks', { incident_id: inc.id, title: unique('Snart'), owner_id: owner, due_at: isoAgo(-5) })).json;
  assert.equal(late.overdue, true);
  assert.equal(soon.overdue, false);
  const done = await cisoApi.patch(`/api/v1/incident_tasks/${late.id}`, { status: 'done' });
  assert.equal(done.json.overdue, false);
});

test('the OpenAPI description carries the overdue flag and filter, only where a date is due', async () => {
  const doc = await (await fetch(server.base + '/api/v1/openapi.json')).json();
  assert.equal(doc.components.schemas.actions.properties.overdue.type, 'boolean');
  assert.equal(doc.components.schemas.incident_tasks.properties.overdue.type, 'boolean');
  assert.equal(doc.components.schemas.units.properties.overdue, undefined);
  assert.ok(doc.paths['/api/v1/actions'].get.parameters.some((p) => p.name === 'overdue'));
  assert.ok(!doc.paths['/api/v1/units'].get.parameters.some((p) => p.name === 'overdue'));
});

test('overdue: an RSA past its due date until it is reported; a unit lists only its active people', async () => {
  const term = unique('RSA');
  const late = await cisoApi.post('/api/v1/rsa', { term, due_on: isoDay(-10) });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.json.overdue, true);
  const reported = await cisoApi.patch(`/api/v1/rsa/${late.json.id}`, { reported_on: isoDay(-1) });
  assert.equal(reported.json.overdue, false, 'reported: the date is moot');
  assert.ok(!(await cisoApi.all('/api/v1/rsa?overdue=1')).some((x) => x.id === late.json.id));
  const name = unique('Slutat');
  const adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  const gone = await adminApi.post('/api/v1/people', { name, email: `${Date.now()}@exempel.se`, unit_id: social.id, active: false });
  assert.equal(gone.status, 201, gone.text);
  const unitPage = section((await ciso.get(`/units/${social.id}`)).text, 'people');
  assert.ok(unitPage, 'the unit lists its people');
  assert.doesNotMatch(unitPage, new RegExp(name), 'an inactive person is not listed');
});
