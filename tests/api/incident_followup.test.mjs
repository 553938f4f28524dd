// Incident follow-up: lessons learned become risks and actions with one click (the form
// prefilled, the incident as origin, shown on the risk and listed on the incident);
// need-to-know holds for the origin: those who may not see the incident neither name
// it as an origin nor learn what it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, lis, PASSWORD } from './harness.mjs';

let server, ciso, cisoApi, employee, coordApi, coord;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const decode = (s) => s.replace(/&amp;/g, '&');

// A closed incident affecting a unit, with two lessons.
async function closedIncident(title) {
  const r = await cisoApi.post('/api/v1/incidents', { title, what_happened: 'Hemlig detalj: lösenordet låg i klartext.', discovered_at: isoAgo(5) });
  assert.equal(r.status, 201, r.text);
  const units = await cisoApi.all('/api/v1/units?q=Socialf%C3%B6rvaltningen');
  const unit = units[0];
  const l = await cisoApi.post('/api/v1/incident_links', { incident_id: r.json.id, unit_id: unit.id });
  assert.equal(l.status, 201, l.text);
  const c = await cisoApi.patch(`/api/v1/incidents/${r.json.id}`, { status: 'closed',
    lessons: '- Återläsning av säkerhetskopior testades aldrig. Den ska testas varje kvartal.\n- Ingen visste vem som skulle larma IMY.' });
  assert.equal(c.status, 200, c.text);
  return { id: r.json.id, reference: r.json.reference, unit };
}

test('lessons learned become a risk and an action with one click each', async () => {
  const title = unique('Läckt lösenord');
  const inc = await closedIncident(title);
  const page = await ciso.get(`/incidents/${inc.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="lessons"/);
  const risks = [...page.text.matchAll(/href="(\/risks\/new\?[^"]+)"/g)].map((m) => decode(m[1]));
  const actions = [...page.text.matchAll(/href="(\/actions\/new\?[^"]+)"/g)].map((m) => decode(m[1]));
  assert.equal(risks.length, 2, 'one button per lesson');
  assert.equal(actions.length, 2);
  const q = new URL(risks[0], server.base).searchParams;
  assert.equal(q.get('source_entity'), 'incidents');
  assert.equal(q.get('source_id'), String(inc.id));
  assert.equal(q.get('unit_id'), String(inc.unit.id));
  assert.equal(q.get('title'), 'Återläsning av säkerhetskopior testades aldrig');
  assert.equal(q.get('description'), 'Återläsning av säkerhetskopior testades aldrig. Den ska testas varje kvartal.');
  assert.equal(new URL(actions[1], server.base).searchParams.get('measure'), 'Ingen visste vem som skulle larma IMY.');
  // the risk form opens prefilled
  const form = await ciso.get(risks[0]);
  assert.equal(form.status, 200);
  assert.match(form.text, /value="Återläsning av säkerhetskopior testades aldrig"/);
  assert.match(form.text, /name="source_entity"[^>]*value="incidents"|value="incidents"[^>]*name="source_entity"/);
  // saved as the user accepted it
  const save = await ciso.post('/risks', { title: q.get('title'), description: q.get('description'),
    unit_id: q.get('unit_id'), likelihood: '3', consequence: '3', status: 'open',
    source_entity: 'incidents', source_id: q.get('source_id') });
  assert.equal(save.status, 303, save.text.slice(0, 1500));
  const riskId = save.location.match(/\/risks\/(\d+)/)[1];
  assert.equal(sql(`SELECT source_entity || ':' || source_id FROM risk WHERE id = ${riskId}`).trim(), `incidents:${inc.id}`);
  // the action through the API, with the same origin
  const a = await cisoApi.post('/api/v1/actions', { title: 'Utse vem som larmar IMY', unit_id: inc.unit.id,
    status: 'planned', source_entity: 'incidents', source_id: inc.id });
  assert.equal(a.status, 201, a.text);
  // the risk's page shows where it came from, to the CISO
  const rp = await ciso.get(`/risks/${riskId}`);
  assert.match(rp.text, new RegExp(`Skapad från: <a href="/incidents/${inc.id}">Incident ${inc.reference}`));
  // the incident lists what was made from it, with status
  const again = await ciso.get(`/incidents/${inc.id}`);
  assert.match(again.text, /Risker och åtgärder från incidenten <span class="count">\(2\)<\/span>/);
  assert.match(again.text, new RegExp(`href="/risks/${riskId}">Återläsning av säkerhetskopior testades aldrig</a> — Öppen`));
  assert.match(again.text, new RegExp(`href="/actions/${a.json.id}">Utse vem som larmar IMY</a> — Planerad`));
  // the risk register filters by origin
  const list = await cisoApi.all(`/api/v1/risks?source_entity=incidents&source_id=${inc.id}`);
  assert.deepEqual(list.map((x) => String(x.id)), [riskId]);
});

test('need-to-know: the origin is hidden from those who may not see the incident', async () => {
  const title = unique('Hemlig incident');
  const inc = await closedIncident(title);
  const r = await cisoApi.post('/api/v1/risks', { title: unique('Risk av lärdom'), unit_id: inc.unit.id,
    likelihood: 2, consequence: 2, status: 'open', source_entity: 'incidents', source_id: inc.id });
  assert.equal(r.status, 201, r.text);
  // the auditor reads every risk (need-to-know of risks) but not the incidents
  const auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  const page = await auditor.get(`/risks/${r.json.id}`);
  assert.equal(page.status, 200);
  assert.equal((await employee.get(`/risks/${r.json.id}`)).status, 404, 'an employee does not see risks');
  assert.match(page.text, /Skapad från: Incident \(syns bara för dem som får se posten\)/);
  assert.ok(!page.text.includes(title), 'the incident title does not leak');
  assert.ok(!page.text.includes(inc.reference));
  // a coordinator may write risks and actions but not see the incident: cannot name it
  const units = await coordApi.all('/api/v1/units?q=Socialf%C3%B6rvaltningen');
  const n = Number(sql('SELECT COUNT(*) FROM risk').trim());
  const bad = await coordApi.post('/api/v1/risks', { title: 'Försök', unit_id: units[0].id, likelihood: 1,
    consequence: 1, status: 'open', source_entity: 'incidents', source_id: inc.id });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.error.fields.source_id);
  const badAction = await coordApi.post('/api/v1/actions', { title: 'Försök', unit_id: units[0].id,
    status: 'planned', source_entity: 'incidents', source_id: inc.id });
  assert.equal(badAction.status, 422, badAction.text);
  assert.equal(Number(sql('SELECT COUNT(*) FROM risk').trim()), n);
  // and the incident page is not theirs to see
  assert.equal((await coord.get(`/incidents/${inc.id}`)).status, 404);
  // an origin needs both halves and a known kind
  const half = await cisoApi.post('/api/v1/risks', { title: 'Halv', unit_id: inc.unit.id, likelihood: 1,
    consequence: 1, status: 'open', source_entity: 'incidents' });
  assert.ok(half.json.error.fields.source_id);
  const kind = await cisoApi.post('/api/v1/risks', { title: 'Okänd', unit_id: inc.unit.id, likelihood: 1,
    consequence: 1, status: 'open', source_entity: 'nothing', source_id: 1 });
  assert.ok(kind.json.error.fields.source_entity);
});

test('lesson splitting: list markers and blank lines start a new lesson', async () => {
  const r = await cisoApi.post('/api/v1/incidents', { title: unique('Delning'), what_happened: 'x', discovered_at: isoAgo(2) });
  await cisoApi.patch(`/api/v1/incidents/${r.json.id}`, { lessons: 'Första lärdomen\nfortsätter här.\n\n2) Andra\n• Tredje' });
  const page = await ciso.get(`/incidents/${r.json.id}`);
  const items = [...page.text.matchAll(/<li><p>([^<]+)<\/p>/g)].map((m) => m[1]);
  assert.deepEqual(items, ['Första lärdomen fortsätter här.', 'Andra', 'Tredje']);
  // no unit linked: the forms open without one, for the user to choose
  assert.doesNotMatch(page.text, /unit_id=/);
});

test('a failed restore test: each finding becomes an action, listed on the test', async () => {
  const object = (await cisoApi.get('/api/v1/objects?limit=1')).json.items[0];
  const plan = (await cisoApi.post('/api/v1/continuity_plans', { name: unique('Återläsning HR'), object_id: object.id })).json;
  const t = await cisoApi.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'restore', tested_on: '2026-02-10',
    result: 'failed', findings: '1. Säkerhetskopian var tre veckor gammal.\n2. Ingen hade lösenordet till valvet.' });
  assert.equal(t.status, 201, t.text);
  const page = await ciso.get(`/continuity_tests/${t.json.id}`);
  assert.equal(page.status, 200);
  const links = [...page.text.matchAll(/href="(\/actions\/new\?[^"]+)"/g)].map((m) => new URL(decode(m[1]), server.base).searchParams);
  assert.equal(links.length, 2, 'one button per finding');
  assert.equal(links[1].get('source_entity'), 'continuity_tests');
  assert.equal(links[1].get('source_id'), String(t.json.id));
  assert.equal(links[1].get('unit_id'), String(plan.unit_id));
  assert.equal(links[1].get('title'), 'Ingen hade lösenordet till valvet');
  const form = await ciso.get(decode(page.text.match(/href="(\/actions\/new\?[^"]+)"/)[1]));
  assert.equal(form.status, 200);
  assert.match(form.text, /Säkerhetskopian var tre veckor gammal/);
  const save = await ciso.post('/actions', { title: links[0].get('title'), measure: links[0].get('measure'),
    unit_id: links[0].get('unit_id'), status: 'planned', source_entity: 'continuity_tests', source_id: links[0].get('source_id') });
  assert.equal(save.status, 303, save.text.slice(0, 1500));
  const actionId = save.location.match(/\/actions\/(\d+)/)[1];
  const again = await ciso.get(`/continuity_tests/${t.json.id}`);
  assert.match(again.text, /Åtgärder och risker från testet <span class="count">\(1\)<\/span>/);
  assert.match(again.text, new RegExp(`href="/actions/${actionId}">Säkerhetskopian var tre veckor gammal</a> — Planerad`));
  const action = await ciso.get(`/actions/${actionId}`);
  assert.match(action.text, new RegExp(`Skapad från: <a href="/continuity_tests/${t.json.id}">`));
  // a passed test has no findings to act on; the auditor reads the findings but has no
  // buttons; to an employee the test does not exist (need-to-know)
  const passed = await cisoApi.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'tabletop', tested_on: '2026-02-11',
    result: 'passed', findings: 'Allt gick bra.' });
  assert.doesNotMatch((await ciso.get(`/continuity_tests/${passed.json.id}`)).text, /\/actions\/new\?/);
  const seen = await (await loggedIn(server.base, 'revisor@exempelkommun.se')).get(`/continuity_tests/${t.json.id}`);
  assert.equal(seen.status, 200);
  assert.doesNotMatch(seen.text, /\/actions\/new\?/);
  assert.match(seen.text, /Ingen hade lösenordet till valvet/);
  const employeeSees = await employee.get(`/continuity_tests/${t.json.id}`);
  assert.equal(employeeSees.status, 404);
  assert.doesNotMatch(employeeSees.text, /Ingen hade lösenordet till valvet/);
});

test('the start page flags plans whose test is overdue or never done', async () => {
  const home = await ciso.get('/home');
  const m = home.text.match(/id="continuity-card">[\s\S]*?<strong>(\d+)<\/strong> planer har ett försenat test/);
  assert.ok(m, 'the continuity card is on the start page');
  const page = await ciso.get('/continuity');
  assert.match(page.text, new RegExp(`<strong>${m[1]}</strong> planer har ett försenat test`));
});

test('tasks with owners: added and ticked off on the incident, in the timeline, need-to-know', async () => {
  const employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const rep = await employeeApi.post('/api/v1/incidents', { title: unique('Stulen dator'), what_happened: 'Datorn stals ur bilen.', discovered_at: isoAgo(3) });
  const id = rep.json.id;
  const me = (await cisoApi.get('/api/v1/me')).json;
  const people = await cisoApi.all('/api/v1/people');
  const pid = (email) => people.find((p) => p.email === email).id;
  // the owner must be someone who may see the incident
  const n0 = Number(sql('SELECT COUNT(*) FROM incident_task').trim());
  const bad = await cisoApi.post('/api/v1/incident_tasks', { incident_id: id, title: 'Spärra kontot', owner_id: pid('samordnare@exempelkommun.se') });
  assert.equal(bad.status, 422, bad.text);
  assert.match(bad.json.error.fields.owner_id, /may not see the incident/);
  assert.equal(Number(sql('SELECT COUNT(*) FROM incident_task').trim()), n0, 'nothing written');
  // a task for the CISO, due Sunday 25 October 2026 09:00 Stockholm (CET, after the change)
  const form = await ciso.post('/incident_tasks', { incident_id: String(id), title: 'Spärra kontot',
    owner_id: 'ciso@exempelkommun.se', due_at: '2026-10-25T09:00', status: 'open' });
  assert.equal(form.status, 303, form.text.slice(0, 1500));
  const taskId = form.location.match(/\/incident_tasks\/(\d+)/)[1];
  assert.equal(sql(`SELECT due_at FROM incident_task WHERE id = ${taskId}`).trim(), '2026-10-25T08:00:00Z');
  // one for the reporter, who may see their own incident
  const t2 = await cisoApi.post('/api/v1/incident_tasks', { incident_id: id, title: 'Anmäl stölden till polisen', owner_id: pid('medarbetare@exempelkommun.se') });
  assert.equal(t2.status, 201, t2.text);
  assert.equal(t2.json.status, 'open');
  const page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Uppgifter <span class="count">\(2\)<\/span>/);
  assert.match(page.text, /2026-10-25 09:00/);
  assert.match(page.text, /Försenad/, 'a task past its due time is flagged');
  assert.match(page.text, /Uppgift tillagd: Spärra kontot \(Carl Berg, Klar senast 2026-10-25 09:00\)/);
  // the CISO's start page lists their open task under "Att göra"
  const home = await ciso.get('/home');
  assert.match(home.text, /Incidentuppgift:<\/span> <a href="\/incident_tasks\//);
  assert.match(home.text, new RegExp(`href="/incident_tasks/${taskId}">Spärra kontot</a>`));
  // ticked off on the incident's page
  const done = await ciso.post(`/incident_tasks/${taskId}/done`);
  assert.equal(done.status, 303, done.text.slice(0, 800));
  assert.equal(done.location, `/incidents/${id}#related-incident_tasks`);
  const row = sql(`SELECT status, done_at FROM incident_task WHERE id = ${taskId}`).trim();
  assert.match(row, /^done\|\d{4}-\d\d-\d\dT/);
  assert.match((await ciso.get(`/incidents/${id}`)).text, /Uppgift klar: Spärra kontot/);
  assert.doesNotMatch((await ciso.get('/home')).text, new RegExp(`href="/incident_tasks/${taskId}"`));
  // the reporter sees and ticks off their own task, but cannot rename it or see others'
  const own = await employeeApi.all('/api/v1/incident_tasks');
  assert.deepEqual(own.map((t) => t.id), [t2.json.id]);
  assert.equal((await employeeApi.get(`/api/v1/incident_tasks/${taskId}`)).status, 404);
  const rename = await employeeApi.patch(`/api/v1/incident_tasks/${t2.json.id}`, { title: 'Annat' });
  assert.equal(rename.status, 403, rename.text);
  const tick = await employeeApi.patch(`/api/v1/incident_tasks/${t2.json.id}`, { status: 'done' });
  assert.equal(tick.status, 200, tick.text);
  assert.ok(tick.json.done_at);
  // another member sees nothing of them; reads are recorded
  const coordTasks = await coordApi.all('/api/v1/incident_tasks');
  assert.equal(coordTasks.length, 0);
  assert.equal((await coord.get(`/incident_tasks/${taskId}`)).status, 404);
  assert.equal((await coord.post(`/incident_tasks/${taskId}/done`)).status, 404);
  const reads = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'incident_tasks' AND entity_id = '${taskId}' AND action = 'read'`).trim());
  await ciso.get(`/incident_tasks/${taskId}`);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'incident_tasks' AND entity_id = '${taskId}' AND action = 'read'`).trim()), reads + 1);
  assert.ok(me);
});

test('the recipients are data: defaults, kept by the CISO (audited), used in drafts and on the clocks', async () => {
  const r = await cisoApi.post('/api/v1/incidents', { title: unique('Intrång'), what_happened: 'x', discovered_at: isoAgo(2) });
  const id = r.json.id;
  await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'triaged', personal_data: 'yes', personal_data_reason: 'Elevuppgifter.',
    significant: 'yes', significant_reason: 'Skolorna stod still.' });
  let page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Integritetsskyddsmyndigheten \(IMY\) — <a href="https:\/\/e-tjanster\.imy\.se\/sv\/anmalan"/);
  assert.match(page.text, /CERT-SE, Myndigheten för civilt försvar \(MCF\)[^<]*<a href="https:\/\/www\.cert\.se\/rapportera\/"[^>]*>[^<]*<\/a> — Telefon 010-240 40 40 <em>\(lis standarduppgift\)<\/em>/);
  const change = decode(page.text.match(/href="(\/incident_authorities\/new\?kind=csirt[^"]+)"/)[1]);
  const form = await ciso.get(change);
  assert.equal(form.status, 200);
  assert.match(form.text, /value="CERT-SE, Myndigheten för civilt försvar \(MCF\)"/);
  // a bad address is refused, nothing saved
  const bad = await cisoApi.post('/api/v1/incident_authorities', { kind: 'csirt', name: 'NCSC', url: 'javascript:alert(1)' });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.error.fields.url);
  const creates = () => Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'incident_authorities' AND action = 'create'").trim());
  const createsBefore = creates(); // other files (the supervisory authority of csl) may have kept one
  const saved = await ciso.post('/incident_authorities', { kind: 'csirt', name: 'Nationellt cybersäkerhetscenter (NCSC), FRA',
    url: 'https://cyberportalen.example.se/rapportera', phone: '08-123 45 00' });
  assert.equal(saved.status, 303, saved.text.slice(0, 1500));
  const twice = await cisoApi.post('/api/v1/incident_authorities', { kind: 'csirt', name: 'Igen' });
  assert.equal(twice.status, 422);
  assert.ok(twice.json.error.fields.kind);
  assert.equal(creates(), createsBefore + 1);
  page = await ciso.get(`/incidents/${id}`);
  assert.match(page.text, /Nationellt cybersäkerhetscenter \(NCSC\), FRA — <a href="https:\/\/cyberportalen\.example\.se\/rapportera"/);
  assert.match(page.text, /href="\/incident_authorities\/\d+\/edit"/);
  const draft = await ciso.get(`/incidents/${id}/csirt-draft`);
  assert.match(draft.text, /<dt>Mottagare<\/dt><dd>Nationellt cybersäkerhetscenter \(NCSC\), FRA/);
  const imy = await ciso.get(`/incidents/${id}/imy-draft`);
  assert.match(imy.text, /<dt>Mottagare<\/dt><dd>Integritetsskyddsmyndigheten \(IMY\)/);
  // the CISO keeps them: not an employee, not another handler
  assert.equal((await employee.get('/incident_authorities')).status, 403);
  const email = `itsak-${Date.now()}@exempelkommun.se`;
  lis('user', 'add', '--tenant', 'EXEMPEL', '--email', email, '--name', 'Ivar It', '--role', 'it_security', '--password', PASSWORD);
  const itApi = await apiClient(server.base, email);
  const denied = await itApi.post('/api/v1/incident_authorities', { kind: 'imy', name: 'Annan' });
  assert.equal(denied.status, 403, denied.text);
  assert.equal((await itApi.get('/api/v1/incident_authorities')).status, 200, 'a handler reads them');
});

test('statistics as XLSX: the same table as the CSV, handlers only', async () => {
  const { download, readXlsx } = await import('./xlsx-read.mjs');
  const x = await download(ciso, '/incidents/stats.xlsx');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.match(x.headers.get('content-disposition'), /lis-incident-statistics\.xlsx/);
  const book = readXlsx(x.bytes);
  assert.deepEqual(book.sheets, ['Incidentstatistik']);
  const csv = (await ciso.get('/incidents/stats/export')).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    .map((line, n) => line.split(';').map((c, i) => (i === 2 && n ? Number(c) : c.replace(/^"|"$/g, ''))));
  assert.deepEqual(book.rows, csv);
  assert.ok(book.rows.some((r) => r[0] === 'Kategori' && r[1] === 'Ransomware (utpressningsprogram)' && r[2] >= 1));
  assert.ok(book.rows.some((r) => r[0] === 'Månad' && /^\d{4}-\d{2}$/.test(r[1])));
  assert.ok(book.rows.some((r) => r[0] === 'I tid' && /^CSIRT: tidig varning/.test(r[1])));
  assert.ok(book.rows.some((r) => r[0] === 'Tid från rapport till hantering' && Number.isInteger(r[2])));
  assert.match((await ciso.get('/incidents/stats')).text, /href="\/incidents\/stats\.xlsx"/);
  assert.equal((await download(employee, '/incidents/stats.xlsx')).status, 403);
});
