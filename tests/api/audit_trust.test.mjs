// The audit log as evidence (issue 15 §5, §6, §14) and as something people read (issue
// 14 §1.5): every read of need-to-know records leaves one row per request; a change to a
// record is shown as field, before, after only to those who may read that record; and
// `lis audit verify` finds the newest rows removed, a tenant's whole chain removed, and a
// row rewritten with its hashes recomputed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { startLis, loggedIn, apiClient, lisStatus, sql, ENGINE, unique } from './harness.mjs';

let server, ciso, cisoApi, admin, adminApi, auditor, auditorApi, syslog;
const syslogLines = [];
before(async () => {
  // the SOC's collector: every new chain head arrives here as an RFC 5424 line
  syslog = dgram.createSocket('udp4');
  syslog.on('message', (m) => syslogLines.push(m.toString('utf8')));
  syslog.bind(0, '127.0.0.1');
  await once(syslog, 'listening');
  process.env.LIS_AUDIT_SYSLOG = `udp:127.0.0.1:${syslog.address().port}`;
  server = await startLis();
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  auditorApi = await apiClient(server.base, 'revisor@exempelkommun.se');
});
after(async () => {
  await server.stop();
  delete process.env.LIS_AUDIT_SYSLOG;
  syslog.close();
});

const count = (where) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE ${where}`).trim());
const reads = (kind) => count(`action = 'read' AND entity = '${kind}'`);

// Runs fn and returns how many read rows of kind it left.
async function readsBy(kind, fn) {
  const before = reads(kind);
  await fn();
  return reads(kind) - before;
}

test('every read of a risk is recorded, once per request: page, API, list, edit form, PATCH', async () => {
  const id = sql("SELECT id FROM risk WHERE tenant_id = 1 ORDER BY id LIMIT 1").trim();
  assert.equal(await readsBy('risks', async () => assert.equal((await ciso.get(`/risks/${id}`)).status, 200)), 1, 'page');
  assert.equal(await readsBy('risks', async () => assert.equal((await cisoApi.get(`/api/v1/risks/${id}`)).status, 200)), 1, 'API');
  assert.equal(await readsBy('risks', async () => assert.equal((await ciso.get(`/risks/${id}/edit`)).status, 200)), 1, 'edit form');
  assert.equal(await readsBy('risks', async () => {
    const r = await cisoApi.patch(`/api/v1/risks/${id}`, { review_date: '2027-01-31' });
    assert.equal(r.status, 200, r.text);
  }), 1, 'a PATCH answers with the record');
  const list = await cisoApi.get('/api/v1/risks?limit=5');
  const row = sql(`SELECT summary FROM audit_log WHERE action = 'read' AND entity = 'risks' ORDER BY id DESC LIMIT 1`);
  for (const r of list.json.items) assert.match(row, new RegExp(`\\b${r.id}\\b`), 'the list row names every id');
  assert.equal(await readsBy('risks', async () => assert.equal((await ciso.get('/risks?q=a')).status, 200)), 1, 'list page and search');
});

test('reads of incidents: the edit form, the API list, the open list, the returned record of a PATCH', async () => {
  const id = sql("SELECT id FROM incident WHERE tenant_id = 1 ORDER BY id LIMIT 1").trim();
  assert.equal(await readsBy('incidents', async () => assert.equal((await ciso.get(`/incidents/${id}/edit`)).status, 200)), 1, 'edit');
  assert.equal(await readsBy('incidents', async () => assert.equal((await cisoApi.get('/api/v1/incidents')).status, 200)), 1, 'API list');
  assert.equal(await readsBy('incidents', async () => assert.equal((await ciso.get('/incidents/open')).status, 200)), 1, 'open list');
  assert.equal(await readsBy('incidents', async () => {
    const r = await cisoApi.patch(`/api/v1/incidents/${id}`, { measures: 'Lösenord bytta.' });
    assert.equal(r.status, 200, r.text);
  }), 1, 'PATCH');
  // the start page reads each kind once, not once per card
  const home = await readsBy('incidents', async () => assert.equal((await ciso.get('/home')).status, 200));
  assert.ok(home <= 1, `the start page wrote ${home} read rows of incidents`);
});

test('the forum\'s suggestion lists and the heat map record one read row per request and kind', async () => {
  // a serious open risk and a late action the forum has not taken up: suggestions
  const unit = sql("SELECT id FROM unit WHERE tenant_id = 1 AND name = 'Socialförvaltningen'").trim();
  const risk = await cisoApi.post('/api/v1/risks', { title: unique('Allvarlig svaghet'), unit_id: Number(unit), likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);
  const late = await cisoApi.post('/api/v1/actions', { title: unique('Sen åtgärd'), unit_id: Number(unit), status: 'ongoing', start_date: '2026-01-01', end_date: '2026-02-01' });
  assert.equal(late.status, 201, late.text);
  const m = await cisoApi.post('/api/v1/meetings', { starts_at: '2027-02-11 13:00', place: 'Tranan' });
  assert.equal(m.status, 201, m.text);
  for (const [what, get] of [
    ['suggestions API', () => cisoApi.get(`/api/v1/meetings/${m.json.id}/suggestions`)],
    ['suggestion page', () => ciso.get(`/meetings/${m.json.id}/suggest`)],
  ]) {
    let shown;
    const risks = await readsBy('risks', async () => { shown = await get(); assert.equal(shown.status, 200, what); });
    assert.equal(risks, 1, `${what}: one read row of risks`);
    const row = sql("SELECT summary FROM audit_log WHERE action = 'read' AND entity = 'risks' ORDER BY id DESC LIMIT 1");
    assert.match(row, new RegExp(`\\b${risk.json.id}\\b`), `${what}: the row names the risks shown: ${row}`);
    assert.equal(await readsBy('actions', get), 1, `${what}: one read row of actions`);
  }
  const heat = await readsBy('risks', async () => assert.equal((await ciso.get('/risks/heatmap?status=open')).status, 200));
  assert.equal(heat, 1, 'the heat map: one read row of the risks it counts');
  const row = sql("SELECT summary FROM audit_log WHERE action = 'read' AND entity = 'risks' ORDER BY id DESC LIMIT 1");
  const open = sql("SELECT id FROM risk WHERE tenant_id = 1 AND status = 'open' ORDER BY id").trim().split('\n');
  for (const id of open) assert.match(row, new RegExp(`\\b${id}\\b`), 'the heat map row names every risk it counts');
  assert.doesNotMatch(row, new RegExp(`\\b${sql("SELECT id FROM risk WHERE tenant_id = 1 AND status <> 'open' ORDER BY id LIMIT 1").trim()}\\b`), 'not the ones filtered out');
});

test('the picker records the need-to-know titles it offers, once per request; people are no such read', async () => {
  for (const [what, get] of [
    ['API picker', () => cisoApi.get('/api/v1/pick/risks?q=N%C3%A4tfiske')],
    ['form picker', () => ciso.get('/pick/risks?q=N%C3%A4tfiske')],
  ]) {
    let got;
    const n = await readsBy('risks', async () => { got = await get(); assert.equal(got.status, 200, what); });
    assert.equal(n, 1, `${what}: one read row of risks`);
    const items = JSON.parse(got.text).items;
    assert.ok(items.length > 0, what);
    // one row names its id, several are named in the summary
    const row = sql("SELECT COALESCE(entity_id, '') || ' ' || summary FROM audit_log WHERE action = 'read' AND entity = 'risks' ORDER BY id DESC LIMIT 1");
    for (const it of items) assert.match(row, new RegExp(`\\b${it.id}\\b`), `${what}: names risk ${it.id}: ${row}`);
  }
  assert.equal(await readsBy('people', async () => assert.equal((await cisoApi.get('/api/v1/pick/people?q=ma')).status, 200)), 0);
});

test('the audit list shows need-to-know titles: reading it is recorded as reading those records, once per kind', async () => {
  let list;
  const n = await readsBy('risks', async () => {
    list = await auditorApi.get('/api/v1/audit?entity=risks&action=create&limit=20');
    assert.equal(list.status, 200, list.text);
  });
  const shown = list.json.items.filter((x) => x.summary).map((x) => x.entity_id);
  assert.ok(shown.length > 0, 'the auditor reads risks: their titles are in the list');
  assert.equal(n, 1, 'one read row of risks for the whole list');
  const row = sql("SELECT COALESCE(entity_id, '') || ' ' || summary FROM audit_log WHERE action = 'read' AND entity = 'risks' ORDER BY id DESC LIMIT 1");
  for (const id of shown) assert.match(row, new RegExp(`\\b${id}\\b`), `names risk ${id}: ${row}`);
  // the page as well; a list of people's changes reads no need-to-know record
  assert.equal(await readsBy('risks', async () => assert.equal((await auditor.get('/audit?entity=risks')).status, 200)), 1, 'the page');
  assert.equal(await readsBy('risks', async () => assert.equal((await auditor.get('/audit?entity=people')).status, 200)), 0);
});

test('an incident change: the handler sees what changed; the tenant admin and the auditor see only that it changed', async () => {
  const id = sql("SELECT id FROM incident WHERE tenant_id = 1 ORDER BY id LIMIT 1").trim();
  const secret = unique('Hemlig kontaktväg');
  const r = await cisoApi.patch(`/api/v1/incidents/${id}`, { dso_contact: secret });
  assert.equal(r.status, 200, r.text);
  const rowId = sql(`SELECT id FROM audit_log WHERE entity = 'incidents' AND entity_id = '${id}' AND action = 'update' ORDER BY id DESC LIMIT 1`).trim();
  // the handler (may read the incident)
  const mine = (await cisoApi.get(`/api/v1/audit/${rowId}`)).json;
  assert.deepEqual(JSON.parse(mine.diff).dso_contact[1], secret);
  let page;
  const read = await readsBy('incidents', async () => { page = await ciso.get(`/audit/${rowId}`); });
  assert.match(page.text, new RegExp(secret));
  assert.equal(read, 1, 'the change shown field by field is a read of the incident, recorded');
  // the tenant admin and the auditor: who, when, which kind and id, not what
  for (const [who, api, browser] of [['admin', adminApi, admin], ['auditor', auditorApi, auditor]]) {
    const j = (await api.get(`/api/v1/audit/${rowId}`)).json;
    assert.equal(j.entity, 'incidents', who);
    assert.equal(j.entity_id, id, who);
    assert.equal(j.actor, 'ciso@exempelkommun.se', who);
    assert.deepEqual(JSON.parse(j.diff), { _withheld: true }, who);
    assert.equal(j.summary, null, `${who}: the summary holds the title`);
    const list = await api.get('/api/v1/audit?entity=incidents&limit=500');
    assert.doesNotMatch(list.text, new RegExp(secret), who);
    const p = await browser.get(`/audit/${rowId}`);
    assert.equal(p.status, 200);
    assert.doesNotMatch(p.text, new RegExp(secret), who);
    assert.match(p.text, /visas bara för den som får läsa posten/, who);
    const csv = await browser.get('/audit.csv?entity=incidents');
    assert.equal(csv.status, 200);
    assert.doesNotMatch(csv.text, new RegExp(secret), `${who}: CSV`);
    // searching for the hidden words finds nothing either
    const title = sql(`SELECT title FROM incident WHERE id = ${id}`).trim();
    const found = await api.get(`/api/v1/audit?entity=incidents&q=${encodeURIComponent(title)}`);
    assert.equal(found.json.items.length, 0, `${who}: search by the title`);
  }
  // a samordnare does not read the log at all
  const samordnare = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.get(`/audit/${rowId}`)).status, 403);
});

test('the audit page is readable: a change as label, before, after, in Stockholm time; filters are choices; reads hidden by default', async () => {
  const name = unique('Läsbar förvaltning');
  const c = await adminApi.post('/api/v1/units', { name, kind: 'forvaltning', parent_id: 3 });
  assert.equal(c.status, 201, c.text);
  const u = await adminApi.patch(`/api/v1/units/${c.json.id}`, { kind: 'avdelning' });
  assert.equal(u.status, 200, u.text);
  const rowId = sql(`SELECT id FROM audit_log WHERE entity = 'units' AND entity_id = '${c.json.id}' AND action = 'update'`).trim();
  const page = await auditor.get(`/audit/${rowId}`);
  assert.equal(page.status, 200);
  const table = page.text.slice(page.text.indexOf('id="change"'));
  assert.match(table, /<th scope="row">Typ<\/th><td class="long">Förvaltning<\/td><td class="long">Avdelning<\/td>/);
  assert.doesNotMatch(page.text, /"kind":\[/, 'no JSON on the page');
  assert.match(page.text, /Ändrad/, 'the action by its label');
  assert.match(page.text, /Organisationsenheter|Enheter/, 'the kind by its label');
  assert.doesNotMatch(page.text, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'no UTC times');
  // the list: filters are choices
  const list = await auditor.get('/audit');
  assert.match(list.text, /<select id="f-entity" name="entity">/);
  assert.match(list.text, /<option value="risks">Risker<\/option>/);
  assert.match(list.text, /<select id="f-action" name="action">/);
  assert.match(list.text, /name="quiet" value="1"/, 'a checkbox to show reads');
  assert.doesNotMatch(list.text, /<td>Läsningar<\/td>/, 'reads left out by default');
  const withReads = await auditor.get('/audit?quiet=1');
  assert.match(withReads.text, /<td>Läsningar<\/td>/);
  // filtered by a person and a kind
  const byAdmin = await auditor.get('/audit?person_id=Anna&entity=units');
  assert.match(byAdmin.text, new RegExp(name));
  assert.doesNotMatch(byAdmin.text, /<td>Carl Berg<\/td>/);
  // the export keeps what is stored
  const csv = await auditor.get(`/audit.csv?entity=units&action=update`);
  assert.match(csv.text, /;update;units;/);
  assert.match(csv.text, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
  assert.match(csv.text, /""kind"":\[""forvaltning"",""avdelning""\]/);
});

// ---- the chain cannot be cut short or rewritten unnoticed ----

function verifyFails(tenant, what) {
  const v = lisStatus('audit', 'verify');
  assert.equal(v.code, 1, `${what}: ${v.out}`);
  assert.match(v.out, new RegExp(`tenant ${tenant}:`), `${what}: names the tenant: ${v.out}`);
  return v.out;
}

function saveChain(tenant) {
  sql(`CREATE TABLE saved_log AS SELECT * FROM audit_log WHERE tenant_id = ${tenant}`);
  sql(`CREATE TABLE saved_head AS SELECT * FROM audit_head WHERE tenant_id = ${tenant}`);
}
function restoreChain(tenant) {
  sql(`DELETE FROM audit_log WHERE tenant_id = ${tenant}`);
  sql(`DELETE FROM audit_head WHERE tenant_id = ${tenant}`);
  sql('INSERT INTO audit_log SELECT * FROM saved_log');
  sql('INSERT INTO audit_head SELECT * FROM saved_head');
  sql('DROP TABLE saved_log');
  sql('DROP TABLE saved_head');
  const v = lisStatus('audit', 'verify');
  assert.equal(v.code, 0, `restored: ${v.out}`);
}

test('lis audit verify: the newest rows of a tenant removed', () => {
  assert.equal(lisStatus('audit', 'verify').code, 0);
  saveChain(2);
  sql('DELETE FROM audit_log WHERE tenant_id = 2 AND seq > (SELECT MAX(seq) - 2 FROM audit_log WHERE tenant_id = 2)');
  assert.match(verifyFails(2, 'newest rows'), /newest rows were removed/);
  restoreChain(2);
});

test('lis audit verify: a tenant\'s whole chain removed, with or without its head', () => {
  saveChain(2);
  sql('DELETE FROM audit_log WHERE tenant_id = 2');
  verifyFails(2, 'rows only');
  sql('DELETE FROM audit_head WHERE tenant_id = 2');
  assert.match(verifyFails(2, 'rows and head'), /whole chain was deleted/);
  restoreChain(2);
});

// The fields of a row as bytes, hex-encoded by the database (NULL as '-').
function rowFields(id) {
  const cols = ['tenant_id', 'seq', 'at', 'actor_id', 'actor', 'ip', 'action', 'entity', 'entity_id', 'summary', 'diff', 'prev_hash'];
  const enc = (c) => ENGINE === 'postgresql'
    ? `CASE WHEN ${c} IS NULL THEN '-' ELSE encode(convert_to(CAST(${c} AS TEXT), 'UTF8'), 'hex') END`
    : `CASE WHEN ${c} IS NULL THEN '-' ELSE hex(${c}) END`;
  const out = sql(`SELECT ${cols.map(enc).join(` || ',' || `)} FROM audit_log WHERE id = ${id}`).trim().split(',');
  return out.map((h) => (h === '-' ? null : Buffer.from(h, 'hex')));
}

test('lis audit verify: a row rewritten with the plain hashes recomputed (no key)', () => {
  saveChain(2);
  const id = sql('SELECT id FROM audit_log WHERE tenant_id = 2 ORDER BY seq DESC LIMIT 1').trim();
  sql(`UPDATE audit_log SET summary = 'Omskriven i efterhand' WHERE id = ${id}`);
  const f = rowFields(id);
  const prev = f.pop();
  // the hash as lis computed it before the chain was keyed: SHA-256 of prev and the fields
  const h = createHash('sha256');
  h.update(prev ?? Buffer.alloc(0));
  for (const x of f) { h.update('\x1f'); h.update(x ?? '\x1e'); }
  const hash = h.digest('hex');
  sql(`UPDATE audit_log SET hash = '${hash}' WHERE id = ${id}`);
  sql(`UPDATE audit_head SET hash = '${hash}' WHERE tenant_id = 2`);
  assert.match(verifyFails(2, 'rewritten'), new RegExp(`row id ${id} .*altered`));
  restoreChain(2);
});

test('lis backup copies the audit key beside the copy', { skip: ENGINE === 'postgresql' }, () => {
  const dest = `${process.env.LIS_WORK || '/tmp'}/audit-backup-${Date.now()}.sqlite`;
  const b = lisStatus('backup', dest);
  assert.equal(b.code, 0, b.out);
  assert.match(b.out, /audit key copied to .*\.key/);
});

test('lis audit rekey leaves a keyed log as it is; without its key lis refuses and says why', () => {
  const r = lisStatus('audit', 'rekey');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /signed 0 rows in 0 chains/);
  assert.equal(lisStatus('audit', 'verify').code, 0);
  const saved = process.env.LIS_AUDIT_KEY_FILE;
  process.env.LIS_AUDIT_KEY_FILE = `/tmp/no-such-dir-${process.pid}/audit.key`;
  try {
    const v = lisStatus('audit', 'verify');
    assert.equal(v.code, 1);
    assert.match(v.out, /no audit key at .*audit\.key/);
  } finally {
    if (saved === undefined) delete process.env.LIS_AUDIT_KEY_FILE; else process.env.LIS_AUDIT_KEY_FILE = saved;
  }
});

test('each new chain head goes to syslog as an RFC 5424 line', async () => {
  const c = await adminApi.post('/api/v1/units', { name: unique('Syslogg'), kind: 'enhet', parent_id: 3 });
  assert.equal(c.status, 201, c.text);
  const [seq, hash] = sql('SELECT seq, hash FROM audit_head WHERE tenant_id = 1').trim().split('|');
  for (let i = 0; i < 100 && !syslogLines.some((l) => l.includes(`seq="${seq}"`)); i++)
    await new Promise((r) => setTimeout(r, 20));
  const line = syslogLines.find((l) => l.includes(`tenant="1" seq="${seq}"`));
  assert.ok(line, `no line for seq ${seq} among ${syslogLines.length}`);
  assert.match(line, /^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ lis \d+ audit-head \[lis-head@32473 /);
  assert.match(line, new RegExp(`hash="${hash}" mac="[0-9a-f]{64}"`));
});
