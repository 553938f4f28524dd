// The RSA with content (issue 24 point 3): per term of office, the chapters MSBFS 2015:5
// sets out, written by the kommun, and links to the samhällsviktiga processes, the risks
// from the register and the actions that answer them. Exported for the länsstyrelse as a
// PDF and as an XLSX to edit (one sheet per chapter), with today's MTPD/RTO, risk levels
// and action status pulled in. It names weaknesses: read as risks are (an employee gets
// nothing); every export is in the audit log; bad input changes nothing; its owner sees it
// on the start page 90 days before it is due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, pdfText } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';

let server, ciso, cisoApi, employee, employeeApi;
let rsaId, riskTitle, actionTitle, cisoPerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  cisoPerson = (await cisoApi.get('/api/v1/people?q=ciso@exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
const isoDay = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const HEADINGS = [
  'Beskrivning av kommunen och dess geografiska område',
  'Beskrivning av arbetsprocess och metod',
  'Identifierad samhällsviktig verksamhet inom kommunens geografiska område',
  'Identifierade kritiska beroenden för kommunens samhällsviktiga verksamhet',
  'Identifierade och analyserade risker för kommunen och dess geografiska område',
  'Identifierade sårbarheter och brister i krisberedskapen',
  'Behov av åtgärder med anledning av analysens resultat',
  'Förmåga att hantera kriser',
];

test('the CISO writes an RSA and links processes, risks and actions through the engine', async () => {
  const units = await cisoApi.all('/api/v1/units?limit=500');
  const social = units.find((u) => u.name === 'Socialförvaltningen');
  riskTitle = unique('Långvarigt elavbrott vintertid');
  const risk = await cisoApi.post('/api/v1/risks', { title: riskTitle, unit_id: social.id, likelihood: 3, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);
  actionTitle = unique('Reservkraft på särskilda boenden');
  const action = await cisoApi.post('/api/v1/actions', { title: actionTitle, unit_id: social.id, status: 'planned', end_date: '2027-06-30', plan_year: 2027 });
  assert.equal(action.status, 201, action.text);
  const term = unique('2031–2034');
  const rsa = await cisoApi.post('/api/v1/rsa', { term, due_on: isoDay(60), owner_id: cisoPerson.id,
    ch_area: 'Exempelkommun har 24 000 invånare och en järnväg med farligt gods.',
    ch_risks: 'Elavbrott vintertid är den största risken.' });
  assert.equal(rsa.status, 201, rsa.text);
  rsaId = rsa.json.id;
  assert.equal(rsa.json.ch_area, 'Exempelkommun har 24 000 invånare och en järnväg med farligt gods.');
  const process = sql("SELECT id FROM process WHERE tenant_id = 1 AND name = 'Handläggning av försörjningsstöd'").trim();
  for (const link of [{ risk_id: risk.json.id }, { action_id: action.json.id, note: 'Beslutad i KS' }, { process_id: Number(process) }]) {
    const res = await cisoApi.post('/api/v1/rsa_links', { rsa_id: rsaId, ...link });
    assert.equal(res.status, 201, res.text);
  }
  const links = await cisoApi.all(`/api/v1/rsa_links?rsa_id=${rsaId}`);
  assert.equal(links.length, 3);
  assert.ok(links.some((l) => l.risk_id === risk.json.id && l.risk_id_name === riskTitle), JSON.stringify(links));
  // the record page: its links in place, which chapters are written and which are empty
  const page = await ciso.get(`/rsa/${rsaId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /2 av 8 kapitel är ifyllda/);
  assert.match(page.text, /Beskrivning av arbetsprocess och metod — <strong class="clock clock-amber">tomt<\/strong>/);
  assert.match(page.text, /Beskrivning av kommunen och dess geografiska område — ifyllt/);
  assert.ok(page.text.includes(riskTitle), 'the linked risk is listed on the page');
  assert.match(page.text, new RegExp(`href="/rsa/${rsaId}/rsa.pdf"`));
  assert.match(page.text, new RegExp(`href="/rsa_links/new\\?rsa_id=${rsaId}`));
});

test('bad input is refused with a reason and changes nothing', async () => {
  const before = count('rsa_link');
  const rsaBefore = sql(`SELECT ch_area FROM rsa WHERE id = ${rsaId}`);
  const two = await cisoApi.post('/api/v1/rsa_links', { rsa_id: rsaId, risk_id: 1, action_id: 1 });
  assert.equal(two.status, 422, two.text);
  assert.match(two.json.error.fields.process_id, /exakt en|exactly one/i);
  const none = await cisoApi.post('/api/v1/rsa_links', { rsa_id: rsaId, note: 'Inget' });
  assert.equal(none.status, 422, none.text);
  const malformed = await cisoApi.call('POST', '/api/v1/rsa_links', undefined, { raw: '{"rsa_id": ' });
  assert.equal(malformed.status, 400, malformed.text);
  const unknown = await cisoApi.post('/api/v1/rsa_links', { rsa_id: rsaId, risk_id: 999999 });
  assert.ok([400, 422].includes(unknown.status), unknown.text);
  assert.equal(count('rsa_link'), before);
  const long = await cisoApi.patch(`/api/v1/rsa/${rsaId}`, { ch_area: 'x'.repeat(20001) });
  assert.equal(long.status, 422, long.text);
  const badDate = await cisoApi.patch(`/api/v1/rsa/${rsaId}`, { due_on: '2027-02-30' });
  assert.ok([400, 422].includes(badDate.status), badDate.text);
  assert.equal(sql(`SELECT ch_area FROM rsa WHERE id = ${rsaId}`), rsaBefore);
});

test('the PDF holds every chapter heading and the linked data of today', async () => {
  const text = (await pdfText(ciso, `/rsa/${rsaId}/rsa.pdf`, '-raw')).replace(/\s+/g, ' ');
  for (const [i, h] of HEADINGS.entries()) assert.ok(text.includes(`${i + 1}. ${h}`), `chapter ${i + 1}: ${h}`);
  assert.ok(text.includes(riskTitle), 'the linked risk');
  assert.ok(text.includes(actionTitle), 'the linked action');
  assert.match(text, /Handläggning av försörjningsstöd/);
  assert.match(text, /Elavbrott vintertid är den största risken\./);
  assert.match(text, /\(Kapitlet är inte ifyllt\.\)/);
  assert.match(text, new RegExp(`Ska redovisas senast:? ${isoDay(60)}`));
  const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'rsa' AND entity_id = '${rsaId}' AND summary LIKE '%pdf%'`).trim();
  assert.ok(Number(audit) >= 1, 'the export is in the audit log');
});

test('the XLSX has one sheet per chapter, the due date as a date and the linked rows', async () => {
  const res = await download(ciso, `/rsa/${rsaId}/rsa.xlsx`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const first = readXlsx(res.bytes, 1);
  assert.equal(first.sheets.length, 9);
  assert.equal(first.sheets[0], 'RSA');
  assert.match(first.sheets[5], /^5 Identifierade och analyserade/);
  const due = first.rows.find((r) => r[0] === 'Ska redovisas senast');
  assert.equal(typeof due[1], 'number', 'the due date is a date cell');
  const excelDay = Math.round((Date.parse(isoDay(60)) - Date.UTC(1899, 11, 30)) / 86400000);
  assert.equal(due[1], excelDay);
  const risks = readXlsx(res.bytes, 6).rows;
  assert.match(risks[0][0], /^5\. Identifierade och analyserade risker/);
  assert.equal(risks[1][0], 'Elavbrott vintertid är den största risken.');
  const row = risks.find((r) => r[0] === riskTitle);
  assert.ok(row, JSON.stringify(risks));
  assert.equal(row[1], 'Mycket hög'); // 3 × 4 on the demo's matrix
  const actions = readXlsx(res.bytes, 8).rows;
  const act = actions.find((r) => r[0] === actionTitle);
  assert.deepEqual(act.slice(1, 3), ['Planerad', '2027-06-30']);
  const critical = readXlsx(res.bytes, 4).rows.find((r) => r[1] === 'Handläggning av försörjningsstöd');
  assert.ok(critical, 'the linked process');
  assert.deepEqual(critical.slice(2, 5), ['72', '24', '4']);
  const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'rsa' AND entity_id = '${rsaId}' AND summary LIKE '%xlsx%'`).trim();
  assert.ok(Number(audit) >= 1);
});

test('an employee reads no RSA, no link and no export (need-to-know like risks)', async () => {
  assert.equal((await employeeApi.get(`/api/v1/rsa/${rsaId}`)).status, 404);
  assert.ok(!(await employeeApi.all('/api/v1/rsa')).length);
  assert.ok(!(await employeeApi.all(`/api/v1/rsa_links?rsa_id=${rsaId}`)).length);
  assert.equal((await employee.get(`/rsa/${rsaId}/rsa.pdf`)).status, 404);
  assert.equal((await employee.get(`/rsa/${rsaId}/rsa.xlsx`)).status, 404);
  const page = await employee.get(`/rsa/${rsaId}`);
  assert.ok([403, 404].includes(page.status));
  assert.ok(!page.text.includes('största risken'));
  // nor links to it: refused as for an RSA that does not exist, nothing written
  const before = count('rsa_link');
  const write = await employeeApi.post('/api/v1/rsa_links', { rsa_id: rsaId, risk_id: 1 });
  assert.ok([403, 422].includes(write.status), write.text);
  assert.equal(count('rsa_link'), before);
});

test('its owner sees the RSA on the start page from 90 days before it is due until reported', async () => {
  const todo = (await cisoApi.get('/api/v1/todo')).json.items;
  const term = sql(`SELECT term FROM rsa WHERE id = ${rsaId}`).trim();
  const item = todo.find((i) => i.href === `/rsa/${rsaId}`);
  assert.ok(item, JSON.stringify(todo));
  assert.equal(item.title, term);
  assert.equal(item.due, isoDay(60));
  assert.equal(item.group, 'ahead', 'beyond 30 days: "Längre fram", not "Inom 30 dagar"');
  const home = await ciso.get('/home');
  assert.match(home.text, /<h3 id="todo-group-\d+">Längre fram<\/h3>/);
  // within 30 days: soon
  assert.equal((await cisoApi.patch(`/api/v1/rsa/${rsaId}`, { due_on: isoDay(20) })).status, 200);
  assert.equal((await cisoApi.get('/api/v1/todo')).json.items.find((i) => i.href === `/rsa/${rsaId}`)?.group, 'soon');
  // further away than 90 days: not yet
  assert.equal((await cisoApi.patch(`/api/v1/rsa/${rsaId}`, { due_on: isoDay(120) })).status, 200);
  assert.ok(!(await cisoApi.get('/api/v1/todo')).json.items.some((i) => i.href === `/rsa/${rsaId}`));
  // reported: done
  assert.equal((await cisoApi.patch(`/api/v1/rsa/${rsaId}`, { due_on: isoDay(30), reported_on: isoDay(0) })).status, 200);
  assert.ok(!(await cisoApi.get('/api/v1/todo')).json.items.some((i) => i.href === `/rsa/${rsaId}`));
});

test('the demo holds the reported RSA of 2023–2026 with its chapters and links', async () => {
  const all = await cisoApi.all('/api/v1/rsa');
  const demo = all.find((r) => r.term === '2023–2026');
  assert.ok(demo, JSON.stringify(all.map((r) => r.term)));
  assert.equal(demo.reported_on, '2023-10-26');
  assert.match(demo.ch_weaknesses, /Säkerhetskopiorna/);
  const text = (await pdfText(ciso, `/rsa/${demo.id}/rsa.pdf`, '-raw')).replace(/\s+/g, ' ');
  assert.match(text, /Utpressningsprogram krypterar filservrar/);
  assert.match(text, /Utredning av barn som far illa/);
  assert.match(text, /Plan för hantering av cyberincidenter/);
});
