// Styrdokument: a CISO adopts a policy and riktlinjer, a förvaltning writes its rutiner.
// The hierarchy, the status from utkast to upphävd, a decided version that is never
// edited (the next version starts as a draft, and its changes show), the review date
// as a due date, drafts seen only by writers, files kept in the database and served as
// attachments, and a requirement such as DOK-01 met by pointing at the policy once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, coordApi, employeeApi, employee, coordUnit;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  coordUnit = (await coordApi.get('/api/v1/me')).json.roles.find((g) => g.role === 'coordinator').unit_id;
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
const decision = { decided_by: 'kf', decided_on: '2026-03-02', decision_paragraph: '§ 12', diarienummer: 'KS 2026/7' };

test('a policy is drafted, decided and kept as version 1; its review date follows the decision', async () => {
  const title = unique('Informationssäkerhetspolicy');
  const draft = await cisoApi.post('/api/v1/documents', { title, level: 'policy', status: 'utkast', body: 'Rad ett\nRad två' });
  assert.equal(draft.status, 201, draft.text);
  assert.equal(draft.json.version, 1);
  // a draft is for its writers: an employee neither lists nor opens it
  assert.equal((await employeeApi.get(`/api/v1/documents/${draft.json.id}`)).status, 404);
  assert.ok(!(await employeeApi.all('/api/v1/documents?limit=500')).some((d) => d.id === draft.json.id));
  const undecided = await cisoApi.patch(`/api/v1/documents/${draft.json.id}`, { status: 'beslutad' });
  assert.equal(undecided.status, 422);
  assert.ok(undecided.json.error.fields.decided_by && undecided.json.error.fields.decided_on);
  assert.equal(count('document_version WHERE document_id = ' + draft.json.id), 0, 'nothing written');
  const decided = await cisoApi.patch(`/api/v1/documents/${draft.json.id}`, { status: 'beslutad', ...decision });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.next_review, '2027-03-02', 'twelve months after the decision');
  const versions = (await cisoApi.get(`/api/v1/document_versions?document_id=${draft.json.id}`)).json.items;
  assert.equal(versions.length, 1);
  assert.equal(versions[0].version, 1);
  assert.equal(versions[0].diarienummer, 'KS 2026/7');
  // now everyone reads it
  assert.equal((await employeeApi.get(`/api/v1/documents/${draft.json.id}`)).status, 200);
});

test('a decided version is not edited; Utkast starts version 2, whose changes show', async () => {
  const title = unique('Riktlinje');
  const policy = (await cisoApi.post('/api/v1/documents', { title: unique('Policy'), level: 'policy', status: 'beslutad', ...decision })).json;
  const doc = (await cisoApi.post('/api/v1/documents', { title, level: 'riktlinje', parent_id: policy.id, status: 'beslutad',
    body: 'Lösenord byts årligen.\nKonton granskas.', ...decision, decided_by: 'ks' })).json;
  assert.equal(doc.status, 'beslutad');
  const edit = await cisoApi.patch(`/api/v1/documents/${doc.id}`, { body: 'Ändrat i smyg' });
  assert.equal(edit.status, 422);
  assert.ok(edit.json.error.fields.body);
  const back = await cisoApi.patch(`/api/v1/documents/${doc.id}`, { status: 'utkast', body: 'Lösenord byts vid behov.\nKonton granskas.' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.version, 2);
  assert.equal(back.json.decided_on, null, 'the next version waits for its own decision');
  const page = await ciso.get(`/documents/${doc.id}`);
  assert.match(page.text, /Ändringar i texten sedan version 1/);
  assert.match(page.text, /<del>.*- Lösenord byts årligen\.<\/del>/);
  assert.match(page.text, /<ins>.*\+ Lösenord byts vid behov\.<\/ins>/);
  const again = await cisoApi.patch(`/api/v1/documents/${doc.id}`, { status: 'beslutad', ...decision, decided_by: 'ks', decided_on: '2026-06-01' });
  assert.equal(again.status, 200, again.text);
  const versions = (await cisoApi.get(`/api/v1/document_versions?document_id=${doc.id}&sort=version`)).json.items;
  assert.deepEqual(versions.map((v) => [v.version, v.body]), [[1, 'Lösenord byts årligen.\nKonton granskas.'], [2, 'Lösenord byts vid behov.\nKonton granskas.']]);
  const v2 = await ciso.get(`/document_versions/${versions[1].id}`);
  assert.match(v2.text, /<ins>.*\+ Lösenord byts vid behov\.<\/ins>/);
  // versions are never written through the API
  assert.equal((await cisoApi.patch(`/api/v1/document_versions/${versions[0].id}`, { body: 'x' })).status, 405);
});

test('status moves forward only; upphävd is final; the hierarchy holds', async () => {
  const policy = (await cisoApi.post('/api/v1/documents', { title: unique('Policy'), level: 'policy', status: 'utkast' })).json;
  const skip = await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'kommunicerad' });
  assert.equal(skip.status, 422);
  assert.ok(skip.json.error.fields.status);
  await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'beslutad', ...decision });
  assert.equal((await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'kommunicerad' })).status, 200);
  assert.equal((await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'beslutad' })).status, 422);
  assert.equal((await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'upphavd' })).status, 200);
  assert.equal((await cisoApi.patch(`/api/v1/documents/${policy.id}`, { status: 'utkast' })).status, 422);
  const rutin = (await cisoApi.post('/api/v1/documents', { title: unique('Rutin'), level: 'rutin', parent_id: policy.id, status: 'utkast' })).json;
  const under = await cisoApi.post('/api/v1/documents', { title: unique('Riktlinje'), level: 'riktlinje', parent_id: rutin.id, status: 'utkast' });
  assert.equal(under.status, 422);
  assert.ok(under.json.error.fields.parent_id);
  const policyUnder = await cisoApi.post('/api/v1/documents', { title: unique('Policy'), level: 'policy', parent_id: policy.id, status: 'utkast' });
  assert.equal(policyUnder.status, 422);
  const demote = await cisoApi.patch(`/api/v1/documents/${policy.id}`, { level: 'rutin' });
  assert.equal(demote.status, 422, 'upphävd, and its rutin would sit under a rutin');
});

test('the review date is a due date: overdue in the list, the JSON, the page and the export', async () => {
  const title = unique('Gammal riktlinje');
  const doc = (await cisoApi.post('/api/v1/documents', { title, level: 'riktlinje', status: 'beslutad', ...decision,
    decided_on: '2023-01-10', review_months: 12 })).json;
  assert.equal(doc.next_review, '2024-01-10');
  assert.equal(doc.overdue, true);
  const overdue = await cisoApi.all('/api/v1/documents?overdue=1&limit=500');
  assert.ok(overdue.some((d) => d.id === doc.id));
  const list = await ciso.get('/documents?overdue=1');
  assert.match(list.text, /Försenad sedan 2024-01-10/);
  const csv = await ciso.get('/documents.csv');
  assert.equal(csv.status, 200);
  assert.ok(csv.text.includes(title));
  // repealed, the review is moot
  await cisoApi.patch(`/api/v1/documents/${doc.id}`, { status: 'upphavd' });
  assert.equal((await cisoApi.get(`/api/v1/documents/${doc.id}`)).json.overdue, false);
  // the demo's policy, adopted 2024, is due
  const demo = (await employeeApi.get('/api/v1/documents?q=Informationss%C3%A4kerhetspolicy')).json.items
    .find((d) => d.title === 'Informationssäkerhetspolicy');
  assert.equal(demo.overdue, true);
});

test('a förvaltning writes its own rutiner, not the kommun\'s; an employee writes none', async () => {
  const own = await coordApi.post('/api/v1/documents', { title: unique('Rutin'), level: 'rutin', unit_id: coordUnit, status: 'utkast' });
  assert.equal(own.status, 201, own.text);
  const wide = await coordApi.post('/api/v1/documents', { title: unique('Policy'), level: 'policy', status: 'utkast' });
  assert.equal(wide.status, 403);
  const emp = await employeeApi.post('/api/v1/documents', { title: unique('Rutin'), level: 'rutin', unit_id: coordUnit, status: 'utkast' });
  assert.equal(emp.status, 403);
  // the CISO reads the förvaltning's draft; the employee elsewhere does not
  assert.equal((await cisoApi.get(`/api/v1/documents/${own.json.id}`)).status, 200);
  assert.equal((await employeeApi.get(`/api/v1/documents/${own.json.id}`)).status, 404);
});

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n\0\x01binary\ntrailer << >>\n%%EOF\n', 'latin1');
function odt() {
  const type = 'application/vnd.oasis.opendocument.text';
  const b = Buffer.alloc(38 + type.length + 20);
  b.write('PK\x03\x04', 0, 'latin1');
  b.write('mimetype', 30, 'latin1');
  b.write(type, 38, 'latin1');
  return b;
}

test('a draft\'s file: type-checked, kept in the database, served as an attachment', async () => {
  const doc = (await cisoApi.post('/api/v1/documents', { title: unique('Rutin med fil'), level: 'rutin', status: 'utkast' })).json;
  const up = await ciso.upload(`/documents/${doc.id}/file`, {}, 'file', 'rutin v1.pdf', pdf);
  assert.equal(up.status, 303, up.text);
  const got = await fetch(`${server.base}/api/v1/documents/${doc.id}/file`, { headers: { authorization: `Bearer ${cisoApi.token}` } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal(got.headers.get('content-disposition'), 'attachment; filename="rutin_v1.pdf"');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), pdf, 'the bytes as uploaded, NUL and all');
  // HTML named .pdf, or a script, is refused and nothing changes
  const html = await ciso.upload(`/documents/${doc.id}/file`, {}, 'file', 'x.pdf', Buffer.from('<html><script>alert(1)</script>'));
  assert.equal(html.status, 422);
  assert.match(html.text, /Filtypen tas inte emot/);
  const page = await ciso.upload(`/documents/${doc.id}/file`, {}, 'file', 'x.html', Buffer.from('<html></html>'));
  assert.equal(page.status, 422);
  const big = await ciso.upload(`/documents/${doc.id}/file`, {}, 'file', 'big.pdf', Buffer.concat([pdf, Buffer.alloc(720 * 1024)]));
  assert.equal(big.status, 422);
  assert.match(big.text, /större än 700 kB/);
  assert.equal((await cisoApi.get(`/api/v1/documents/${doc.id}`)).json.file_name, 'rutin_v1.pdf');
  // through the API: the body is the file
  const api = await cisoApi.call('POST', `/api/v1/documents/${doc.id}/file?name=rutin.odt`, undefined, { raw: odt(), contentType: 'application/vnd.oasis.opendocument.text' });
  assert.equal(api.status, 200, api.text);
  assert.equal(api.json.file_name, 'rutin.odt');
  const wrongOdt = await cisoApi.call('POST', `/api/v1/documents/${doc.id}/file?name=rutin.ods`, undefined, { raw: odt(), contentType: 'application/octet-stream' });
  assert.equal(wrongOdt.status, 422, 'an ODT named .ods');
  // decided, the file is fixed: kept in version 1 and served from there
  await cisoApi.patch(`/api/v1/documents/${doc.id}`, { status: 'beslutad', ...decision, decided_by: 'forvaltningschef' });
  const late = await cisoApi.call('POST', `/api/v1/documents/${doc.id}/file?name=x.pdf`, undefined, { raw: pdf, contentType: 'application/pdf' });
  assert.equal(late.status, 422);
  const v = (await cisoApi.get(`/api/v1/document_versions?document_id=${doc.id}`)).json.items[0];
  const kept = await fetch(`${server.base}/api/v1/document_versions/${v.id}/file`, { headers: { authorization: `Bearer ${cisoApi.token}` } });
  assert.equal(kept.headers.get('content-type'), 'application/vnd.oasis.opendocument.text');
  // an employee may not upload, and reads only what is decided
  const other = (await cisoApi.post('/api/v1/documents', { title: unique('Utkast'), level: 'rutin', status: 'utkast' })).json;
  await ciso.upload(`/documents/${other.id}/file`, {}, 'file', 'a.pdf', pdf);
  assert.equal((await employee.get(`/documents/${other.id}/file`)).status, 404);
  const denied = await employee.upload(`/documents/${other.id}/file`, {}, 'file', 'b.pdf', pdf);
  assert.equal(denied.status, 404);
});

test('DOK-01 is met by pointing at the policy once: shown on every object\'s assessment', async () => {
  const req = (await cisoApi.get('/api/v1/requirements?q=DOK-01')).json.items.find((r) => r.code === 'DOK-01');
  const links = (await cisoApi.get(`/api/v1/document_requirements?requirement_id=${req.id}`)).json.items;
  assert.equal(links.length, 1, 'the demo points the policy at DOK-01');
  const object = sql("SELECT o.id FROM managed_object o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = 'EXEMPEL' ORDER BY o.id LIMIT 1").trim();
  const page = await ciso.get(`/objects/${object}/requirements`);
  assert.equal(page.status, 200);
  const dok = page.text.slice(page.text.indexOf('<strong>DOK-01</strong>'));
  assert.match(dok.slice(0, 2000), /Uppfylls av styrdokument: <a href="\/documents\/\d+">Informationssäkerhetspolicy<\/a>/);
  const reqPage = await ciso.get(`/requirements/${req.id}`);
  assert.match(reqPage.text, /Uppfylls av styrdokument/);
  assert.match(reqPage.text, /Informationssäkerhetspolicy/);
  // a duplicate pointer is refused
  const dup = await cisoApi.post('/api/v1/document_requirements', { document_id: links[0].document_id, requirement_id: req.id });
  assert.equal(dup.status, 409);
});

test('documents in the API description, the audit log and the picker', async () => {
  const spec = (await cisoApi.get('/api/v1/openapi.json')).json;
  assert.ok(spec.paths['/api/v1/documents'] && spec.paths['/api/v1/documents/{id}/file']);
  const title = unique('Spårad policy');
  const doc = (await cisoApi.post('/api/v1/documents', { title, level: 'policy', status: 'utkast' })).json;
  const audit = sql(`SELECT action FROM audit_log WHERE entity = 'documents' AND entity_id = '${doc.id}'`);
  assert.match(audit, /create/);
  const pick = await cisoApi.get(`/api/v1/pick/documents?q=${encodeURIComponent(title.split(' ')[1])}`);
  assert.ok(pick.json.items.some((i) => i.id === doc.id), pick.text);
  const form = await ciso.get('/documents/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /Överordnat styrdokument/);
});

test('published to Socialförvaltningen: its staff confirm, the share per förvaltning rises, a new version asks again', async () => {
  const coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const title = unique('Riktlinje för distansarbete');
  const draft = (await cisoApi.post('/api/v1/documents', { title, level: 'riktlinje', status: 'utkast', body: 'Version ett' })).json;
  const early = await cisoApi.post('/api/v1/document_publications', { document_id: draft.id, target: 'all' });
  assert.equal(early.status, 422, 'a draft is not published');
  assert.ok(early.json.error.fields.document_id);
  await cisoApi.patch(`/api/v1/documents/${draft.id}`, { status: 'beslutad', ...decision, decided_by: 'ks' });
  const noUnit = await cisoApi.post('/api/v1/document_publications', { document_id: draft.id, target: 'unit' });
  assert.equal(noUnit.status, 422);
  assert.ok(noUnit.json.error.fields.target_unit_id);
  const pub = await cisoApi.post('/api/v1/document_publications', { document_id: draft.id, target: 'unit', target_unit_id: coordUnit });
  assert.equal(pub.status, 201, pub.text);
  assert.equal(pub.json.version, 1);
  assert.equal((await cisoApi.get(`/api/v1/documents/${draft.id}`)).json.status, 'kommunicerad', 'published, it is communicated');

  // the samordnare sees it on the start page; the employee of another förvaltning does not
  assert.match((await coord.get('/home')).text, new RegExp(`Styrdokument att läsa[\\s\\S]*${title}`));
  assert.doesNotMatch((await employee.get('/home')).text, new RegExp(title));
  const notMine = await employeeApi.call('POST', `/api/v1/documents/${draft.id}/acknowledge`);
  assert.equal(notMine.status, 422);
  const before = await ciso.get(`/documents/${draft.id}`);
  const socRow = (text) => (text.match(/<tr><th scope="row">Socialförvaltningen<\/th>.*?<\/tr>/) || [''])[0];
  assert.match(socRow(before.text), /<td class="num">0<\/td><td class="num">0 %<\/td>/);
  assert.match(before.text, /Har inte bekräftat/);
  assert.match(before.text, /Sara Ek/);

  const ack = await coord.post(`/documents/${draft.id}/acknowledge`, { back: 'home' });
  assert.equal(ack.status, 303);
  assert.equal(ack.location, '/home');
  assert.doesNotMatch((await coord.get('/home')).text, new RegExp(title), 'confirmed, it leaves the start page');
  // twice is once
  assert.equal((await coord.post(`/documents/${draft.id}/acknowledge`)).status, 303);
  assert.equal(count(`document_ack WHERE document_id = ${draft.id}`), 1);
  const after = await ciso.get(`/documents/${draft.id}`);
  assert.doesNotMatch(socRow(after.text), /<td class="num">0<\/td><td class="num">0 %<\/td>/);
  const mine = (await coordApi.get(`/api/v1/document_acks?document_id=${draft.id}`)).json.items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].version, 1);
  // an employee sees only their own acknowledgements
  assert.equal((await employeeApi.get(`/api/v1/document_acks?document_id=${draft.id}`)).json.items.length, 0);

  // version 2, decided and published: it asks again
  await cisoApi.patch(`/api/v1/documents/${draft.id}`, { status: 'utkast', body: 'Version två' });
  await cisoApi.patch(`/api/v1/documents/${draft.id}`, { status: 'beslutad', ...decision, decided_by: 'ks' });
  assert.doesNotMatch((await coord.get('/home')).text, new RegExp(title), 'not yet published');
  await cisoApi.post('/api/v1/document_publications', { document_id: draft.id, target: 'role', target_role: 'coordinator' });
  assert.match((await coord.get('/home')).text, new RegExp(title));
  const v2 = await coordApi.call('POST', `/api/v1/documents/${draft.id}/acknowledge`);
  assert.equal(v2.status, 200, v2.text);
  assert.deepEqual((await coordApi.get(`/api/v1/document_acks?document_id=${draft.id}&sort=confirmed_at`)).json.items.map((a) => a.version).sort(), [1, 2]);
});
