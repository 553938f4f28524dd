// The audit log: who did what, when, to what, from where; filters; CSV export; and the
// hash chain that `lis audit verify` checks, also after someone edits a row by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lisStatus, sql } from './harness.mjs';

let server, admin, auditor;
before(async () => {
  server = await startLis();
  admin = await apiClient(server.base, 'admin@exempelkommun.se');
  auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
});
after(async () => { await server.stop(); });

test('every change is logged with who, when, what and from where', async () => {
  const r = await admin.post('/api/v1/units', { name: 'Loggad förvaltning', kind: 'forvaltning', parent_id: 3 });
  assert.equal(r.status, 201);
  const log = await admin.get(`/api/v1/audit?entity=units&action=create&limit=5`);
  const row = log.json.items.find((x) => x.entity_id === String(r.json.id));
  assert.ok(row, 'the create is in the log');
  assert.equal(row.actor, 'admin@exempelkommun.se');
  assert.equal(row.ip, '127.0.0.1');
  assert.match(row.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(row.summary, 'Loggad förvaltning');
  assert.deepEqual(JSON.parse(row.diff).kind, [null, 'forvaltning']);
  const logins = await admin.get('/api/v1/audit?action=login');
  assert.ok(logins.json.items.some((x) => x.actor === 'revisor@exempelkommun.se'));
});

test('the auditor filters the log by who, what and date, and exports it as CSV', async () => {
  // who: a person (typed part of a name until the picker), what: a kind of record
  const page = await auditor.get('/audit?person_id=Anna+Andersson&entity=units');
  assert.equal(page.status, 200);
  assert.match(page.text, /Granskningslogg/);
  assert.match(page.text, /<td>Anna Andersson<\/td>/);
  assert.doesNotMatch(page.text, /<td>Rita Gran<\/td>/);
  const today = new Date().toISOString().slice(0, 10);
  const none = await auditor.get('/audit?at_to=2000-01-01');
  assert.match(none.text, /Inga träffar/);
  const csv = await auditor.get(`/audit.csv?at_from=${today}`);
  assert.equal(csv.status, 200);
  assert.ok(csv.text.startsWith('\ufeffid;Tid;Vem;'), csv.text.slice(0, 80));
  assert.ok(csv.text.split('\r\n').length > 10);
  // the export itself is recorded
  const exp = await admin.get('/api/v1/audit?action=export');
  assert.ok(exp.json.items.some((x) => x.actor === 'revisor@exempelkommun.se'));
});

test('people without the auditor role cannot read the log', async () => {
  const employee = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await employee.get('/audit')).status, 403);
  assert.equal((await employee.get('/audit.csv')).status, 403);
  assert.doesNotMatch((await employee.get('/home')).text, /href="\/audit"/);
});

test('lis audit verify: intact, then names the row edited or removed by hand', async () => {
  let v = lisStatus('audit', 'verify');
  assert.equal(v.code, 0, v.out);
  assert.match(v.out, /audit log intact/);
  const target = sql("SELECT id FROM audit_log WHERE tenant_id = 1 ORDER BY seq LIMIT 1 OFFSET 3").trim();
  sql(`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${target}`);
  v = lisStatus('audit', 'verify');
  assert.equal(v.code, 1, v.out);
  assert.match(v.out, new RegExp(`row id ${target} .*altered`));
  sql(`UPDATE audit_log SET actor = 'system' WHERE id = ${target}`);
  v = lisStatus('audit', 'verify');
  assert.equal(v.code, 0, 'restored: ' + v.out);
  const gone = sql("SELECT id FROM audit_log WHERE tenant_id = 1 ORDER BY seq LIMIT 1 OFFSET 5").trim();
  const nextId = sql(`SELECT id FROM audit_log WHERE tenant_id = 1 AND seq > (SELECT seq FROM audit_log WHERE id = ${gone}) ORDER BY seq LIMIT 1`).trim();
  sql(`CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE id = ${gone}`);
  sql(`DELETE FROM audit_log WHERE id = ${gone}`);
  v = lisStatus('audit', 'verify');
  assert.equal(v.code, 1, v.out);
  assert.match(v.out, new RegExp(`before row id ${nextId} .*removed or altered`));
  sql('INSERT INTO audit_log SELECT * FROM audit_saved');
  sql('DROP TABLE audit_saved');
  assert.equal(lisStatus('audit', 'verify').code, 0, 'put back, the chain holds again');
});
