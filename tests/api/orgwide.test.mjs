// Organisation-wide requirements (issue 19 point 1): a policy adopted by KF, management
// trained, an incident routine are assessed once for the tenant on their own page, shown
// read-only on every object's assessment, counted once (coverage, audit pack, lägesbild),
// a gap becomes an action in one click, and the objects' earlier answers to a requirement
// that becomes organisation-wide stay as history while the strictest becomes the tenant's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, coord, coordApi, employee, employeeApi, revisorApi, reqs;
const byCode = (code) => reqs.find((q) => q.code === code);
const careObject = () => sql("SELECT o.id FROM managed_object o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = 'EXEMPEL' AND o.name = 'Vård och omsorg'").trim();

before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  revisorApi = await apiClient(server.base, 'revisor@exempelkommun.se');
  reqs = await cisoApi.all('/api/v1/requirements?limit=500');
});
after(async () => { await server.stop(); });

test('the catalogue marks the requirements about the organisation, not those per system', async () => {
  for (const code of ['DOK-01', 'DOK-02', 'UTB-04', 'INC-01', 'PUL-02']) assert.equal(byCode(code).org_wide, true, code);
  for (const code of ['BEH-01', 'DOK-03', 'DOK-07', 'UTB-07', 'LOG-01']) assert.equal(byCode(code).org_wide, false, code);
  const marked = await cisoApi.all('/api/v1/requirements?org_wide=1&limit=500');
  assert.ok(marked.length >= 15 && marked.every((q) => q.kind === 'AR'), `${marked.length}`);
  // lis's marker is lis's: a tenant does not change it on a shipped requirement
  const r = await cisoApi.patch(`/api/v1/requirements/${byCode('BEH-01').id}`, { org_wide: true });
  assert.equal(r.status, 422);
});

test('the page answers them once; who may read and who may write', async () => {
  const page = await ciso.get('/requirements/org-wide');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Organisationsgemensamma krav<\/h1>/);
  const dok = page.text.slice(page.text.indexOf('<strong>DOK-01</strong>'));
  assert.match(dok.slice(0, 3000), /Uppfylls av styrdokument: <a href="\/documents\/\d+">Informationssäkerhetspolicy<\/a>/);
  assert.match(dok.slice(0, 3000), /<option value="met" selected>/);
  // an employee sees the requirements, not the organisation's weaknesses
  const mine = await employee.get('/requirements/org-wide');
  assert.equal(mine.status, 200);
  assert.ok(!mine.text.includes('Kommunledningen har inte utbildats'));
  assert.match(mine.text, /visas bara för den som får se risker/);
  assert.equal((await employeeApi.get('/api/v1/org_answers')).json.items.length, 0);
  // a samordnare keeps an object's answers, not the organisation's
  const kry = byCode('KRY-01').id;
  assert.equal((await coord.post('/requirements/org-wide', { [`status_${kry}`]: 'met' })).status, 403);
  // the CISO saves; a bad value is refused and nothing is written
  const bad = await ciso.post('/requirements/org-wide', { [`status_${kry}`]: 'maybe' });
  assert.equal(bad.status, 422);
  assert.equal(sql(`SELECT COUNT(*) FROM org_answer WHERE requirement_id = ${kry}`).trim(), '0');
  const saved = await ciso.post('/requirements/org-wide', { [`status_${kry}`]: 'partly', [`comment_${kry}`]: 'Riktlinjen är ett utkast.', [`evidence_${kry}`]: '' });
  assert.equal(saved.status, 303);
  assert.match(saved.location, /saved=1/);
  const row = (await cisoApi.all(`/api/v1/org_answers?requirement_id=${kry}`))[0];
  assert.equal(row.status, 'partly');
  assert.equal(row.comment, 'Riktlinjen är ett utkast.');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'org_answers' AND entity_id = '${row.id}' AND action = 'create'`).trim(), '1');
});

test('the API: one answer per requirement, only to one that is organisation-wide', async () => {
  const dup = await cisoApi.post('/api/v1/org_answers', { requirement_id: byCode('DOK-01').id, status: 'met' });
  assert.equal(dup.status, 422);
  const notOrg = await cisoApi.post('/api/v1/org_answers', { requirement_id: byCode('BEH-01').id, status: 'met' });
  assert.equal(notOrg.status, 422);
  assert.ok(notOrg.json.error.fields.requirement_id);
  assert.equal((await coordApi.post('/api/v1/org_answers', { requirement_id: byCode('KON-03').id, status: 'met' })).status, 403);
  const made = await cisoApi.post('/api/v1/org_answers', { requirement_id: byCode('KON-03').id, status: 'met', comment: 'RSA 2023' });
  assert.equal(made.status, 201, made.text);
  // an object's answer to it is refused: it is answered once for the organisation
  const perObject = await coordApi.post('/api/v1/answers', { object_id: Number(careObject()), requirement_id: byCode('DOK-02').id, status: 'met' });
  assert.equal(perObject.status, 422);
  assert.match(perObject.json.error.fields.requirement_id, /organisationsgemensamt|organisation-wide/i);
});

test('every object shows them read-only with the tenant\'s answer and a link to where they are answered', async () => {
  const object = careObject();
  const page = await coord.get(`/objects/${object}/requirements`);
  assert.equal(page.status, 200);
  const dok1 = byCode('DOK-01').id;
  assert.ok(!page.text.includes(`name="status_${dok1}"`), 'no field to answer again');
  // a samordnare sees the requirement and where it is answered, not the weakness
  const theirs = page.text.slice(page.text.indexOf('<strong>DOK-01</strong>'));
  assert.match(theirs.slice(0, 3000), /Organisationens bedömning: visas för den som får se risker/);
  assert.ok(theirs.slice(0, 3000).includes(`href="/requirements/org-wide#req-${dok1}"`));
  const cisoPage = await ciso.get(`/objects/${object}/requirements`);
  assert.ok(!cisoPage.text.includes(`name="status_${dok1}"`));
  const at = cisoPage.text.slice(cisoPage.text.indexOf('<strong>DOK-01</strong>'));
  assert.match(at.slice(0, 3000), /Organisationens bedömning: Uppfyllt — Informationssäkerhetspolicyn antogs/);
  // the object's own share leaves them out
  const objectCounts = sql(`SELECT COUNT(*) FROM answer a JOIN requirement q ON q.id = a.requirement_id WHERE a.object_id = ${object} AND q.org_wide = 0`).trim();
  assert.equal(sql(`SELECT answered FROM answer_tally WHERE object_id = ${object}`).trim(), objectCounts);
});

test('a gap becomes an action in one click, for the whole organisation', async () => {
  const utb4 = byCode('UTB-04');
  const answer = (await cisoApi.all(`/api/v1/org_answers?requirement_id=${utb4.id}`))[0];
  assert.equal(answer.status, 'not_met');
  const page = await ciso.get('/requirements/org-wide');
  const link = page.text.match(new RegExp(`href="(/actions/new\\?source_entity=org_answers&amp;source_id=${answer.id}&amp;unit_id=(\\d+)&amp;title=[^"]+)"`));
  assert.ok(link, 'the button that opens the action form');
  const form = await ciso.get(link[1].replace(/&amp;/g, '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, /UTB-04: /);
  const action = await cisoApi.post('/api/v1/actions', { title: unique('UTB-04: Utbilda ledningen'), unit_id: Number(link[2]), status: 'planned', source_entity: 'org_answers', source_id: answer.id });
  assert.equal(action.status, 201, action.text);
  const after = await ciso.get('/requirements/org-wide');
  assert.ok(after.text.includes(`<a href="/actions/${action.json.id}">`));
});

test('counted once: the coverage, the audit pack and the lägesbild agree with the lists they link to', async () => {
  const gaps = await revisorApi.all('/api/v1/org_answers?status_not=met&status_not=na&limit=500');
  assert.ok(gaps.length >= 3);
  const cov = (await cisoApi.get('/api/v1/inventory-coverage')).json.org_wide;
  const all = await cisoApi.all('/api/v1/org_answers?limit=500');
  assert.equal(cov.gaps, gaps.length);
  assert.equal(cov.requirements_met, all.filter((a) => a.status === 'met').length);
  assert.equal(cov.requirements_applicable, (await cisoApi.all('/api/v1/requirements?org_wide=1&active=1&limit=500')).length);
  const pack = (await revisorApi.get('/api/v1/audit-pack')).json;
  const fig = pack.questions.find((q) => q.key === 'documents').figures.find((f) => f.key === 'org_gaps');
  assert.equal(fig.value, gaps.length);
  assert.equal((await revisorApi.all(`/api/v1${fig.href}&limit=500`)).length, fig.value);
  assert.equal(pack.questions.find((q) => q.key === 'documents').answer, 'partly');
  // the lägesbild's phases: the object tallies plus the tenant's answers, once
  const dash = await ciso.get('/lagesbild');
  const prevent = dash.text.match(/<tr data-phase="prevent">.*?<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/);
  const objects = sql("SELECT COALESCE(SUM(a.not_met), 0) FROM answer_phase_tally a JOIN tenant t ON t.id = a.tenant_id WHERE t.code = 'EXEMPEL' AND a.phase = 'prevent'").trim();
  const org = sql("SELECT COUNT(*) FROM org_answer g JOIN requirement q ON q.id = g.requirement_id JOIN tenant t ON t.id = g.tenant_id WHERE t.code = 'EXEMPEL' AND q.phase = 'prevent' AND g.status IN ('partly', 'not_met')").trim();
  assert.equal(Number(prevent[2]), Number(objects) + Number(org));
});

test('a requirement that becomes organisation-wide keeps the objects\' answers as history; the strictest becomes the tenant\'s', async () => {
  const code = `EGN-${Date.now() % 100000}`;
  const own = await cisoApi.post('/api/v1/requirements', { code, area: 'dokumentation', kind: 'AR', aspect: '*', min_level: 1, text_sv: 'Kommunen ska ha en beslutad kontinuitetspolicy.' });
  assert.equal(own.status, 201, own.text);
  const objects = sql("SELECT o.id FROM managed_object o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = 'EXEMPEL' AND o.name IN ('Vård och omsorg', 'Ekonomi') ORDER BY o.id").trim().split('\n');
  const first = await cisoApi.post('/api/v1/answers', { object_id: Number(objects[0]), requirement_id: own.json.id, status: 'met' });
  assert.equal(first.status, 201, first.text);
  const second = await cisoApi.post('/api/v1/answers', { object_id: Number(objects[1]), requirement_id: own.json.id, status: 'partly', comment: 'Saknas för ekonomi.' });
  assert.equal(second.status, 201, second.text);
  const tallied = sql(`SELECT SUM(answered) FROM answer_tally WHERE object_id IN (${objects.join(',')})`).trim();
  const marked = await cisoApi.patch(`/api/v1/requirements/${own.json.id}`, { org_wide: true });
  assert.equal(marked.status, 200, marked.text);
  const carried = await cisoApi.all(`/api/v1/org_answers?requirement_id=${own.json.id}`);
  assert.equal(carried.length, 1);
  assert.equal(carried[0].status, 'partly');
  assert.equal(carried[0].comment, 'Saknas för ekonomi.');
  // the objects' answers stay, listed from the page, and leave the objects' counts
  assert.equal((await cisoApi.all(`/api/v1/answers?requirement_id=${own.json.id}`)).length, 2);
  assert.equal(sql(`SELECT SUM(answered) FROM answer_tally WHERE object_id IN (${objects.join(',')})`).trim(), String(Number(tallied) - 2));
  const page = await ciso.get('/requirements/org-wide');
  assert.ok(page.text.includes(`href="/answers?requirement_id=${own.json.id}"`));
  // switched off again: later tests read the catalogue's requirements only
  const off = await cisoApi.patch(`/api/v1/requirements/${own.json.id}`, { active: false, disabled_reason: 'Testets eget krav.' });
  assert.equal(off.status, 200, off.text);
});
