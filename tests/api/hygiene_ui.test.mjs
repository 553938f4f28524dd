// Directory hygiene in the web UI (issue 21 point 2): an AD export uploaded under Import is
// previewed with its counts and nothing kept, then imported as previewed — once, by its
// uploader only; a bad file is refused per row; the API previews with ?preview=1; the
// lägesbild's card shows open inactive, never-used and privileged accounts and the trend
// between the last two imports; an employee neither imports nor sees the card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, apiClient, loggedIn, sql } from './harness.mjs';

let server, ciso, cisoApi, employee;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const tag = Math.random().toString(36).slice(2, 8);
function adExport(rows) {
  const head = '"sAMAccountName";"displayName";"Enabled";"lastLogonTimestamp";"memberOf";"department"';
  return Buffer.from('\ufeff' + [head, ...rows.map((r) => r.map((c) => `"${c}"`).join(';'))].join('\r\n') + '\r\n', 'utf8');
}
const open = () => Number(sql(`SELECT COUNT(*) FROM scan_finding WHERE host = 'directory' AND status = 'open' AND port LIKE '%${tag}'`).trim());
const imports = () => Number(sql("SELECT COUNT(*) FROM scan_import WHERE format = 'Directory (CSV)'").trim());

test('upload, preview with counts and nothing kept, then import as previewed, once', async () => {
  const form = await ciso.get('/import/directory');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Kataloghygien: importera kontoexport<\/h1>/);
  assert.match((await ciso.get('/import')).text, /href="\/import\/directory"/, 'linked from Import');
  const rows = [
    [`adm.${tag}`, 'Anna Admin', 'True', `${daysAgo(200)} 08:00`, 'CN=Domain Admins,CN=Users,DC=k,DC=se', ''],
    [`ny.${tag}`, 'Nils Ny', 'True', '', '', ''],
    [`ok.${tag}`, 'Olle', 'True', `${daysAgo(2)} 08:00`, '', ''],
  ];
  const before = imports();
  const preview = await ciso.upload('/import/directory', {}, 'file', 'ad.csv', adExport(rows));
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.match(preview.text, /3 konton i filen/);
  assert.match(preview.text, /Inaktiva konton \(90 dagar\)<\/th><td>1</);
  assert.match(preview.text, /Aldrig använda konton<\/th><td>1</);
  assert.match(preview.text, /Privilegierade konton<\/th><td>1</);
  assert.equal(open(), 0, 'a preview keeps no finding');
  assert.equal(imports(), before, 'a preview keeps no import');
  const id = preview.text.match(/action="\/import\/directory\/(\d+)"/)[1];
  const other = await loggedIn(server.base, 'admin@exempelkommun.se');
  assert.equal((await other.post(`/import/directory/${id}`, {})).status, 404, 'only the uploader confirms');
  const done = await ciso.post(`/import/directory/${id}`, {});
  assert.equal(done.status, 200, done.text.slice(0, 2000));
  assert.match(done.text, /<h1>Kontona är importerade<\/h1>/);
  assert.equal(open(), 3, 'inactive, never used, privileged');
  assert.equal(imports(), before + 1);
  assert.equal((await ciso.post(`/import/directory/${id}`, {})).status, 404, 'an upload is imported once');
});

test('a bad file is refused by its rows and keeps nothing; an employee may not import', async () => {
  const before = imports();
  const bad = await ciso.upload('/import/directory', {}, 'file', 'bad.csv', adExport([[`b.${tag}`, 'B', 'kanske', '', '', '']]));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /1 rader kan inte läsas/);
  assert.match(bad.text, /row 2: b\.\w+: enabled &quot;kanske&quot; is neither true nor false/);
  assert.equal(imports(), before);
  const empty = await ciso.upload('/import/directory', {}, 'file', 'empty.csv', Buffer.from(''));
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Välj en kontoexport i CSV-format/);
  assert.equal((await employee.get('/import/directory')).status, 403);
  assert.equal((await employee.upload('/import/directory', {}, 'file', 'ad.csv', adExport([[`e.${tag}`, 'E', 'True', '', '', '']]))).status, 403);
});

test('the API previews with ?preview=1 and keeps nothing', async () => {
  const before = imports();
  const r = await cisoApi.call('POST', '/api/v1/directory-imports?preview=1', undefined,
    { contentType: 'text/csv', raw: adExport([[`p.${tag}`, 'P', 'True', '', '', '']]).toString('utf8') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.preview, true);
  assert.equal(r.json.never_used, 1);
  assert.equal(imports(), before);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM scan_finding WHERE port = 'p.${tag}'`).trim()), 0);
});

test('the lägesbild card: open accounts by check and the trend between the last two imports', async () => {
  // a second import: the never-used account signed in; two new inactive accounts
  const rows = [
    [`adm.${tag}`, 'Anna Admin', 'True', `${daysAgo(200)} 08:00`, 'CN=Domain Admins,CN=Users,DC=k,DC=se', ''],
    [`ny.${tag}`, 'Nils Ny', 'True', `${daysAgo(1)} 08:00`, '', ''],
    [`i1.${tag}`, 'I1', 'True', `${daysAgo(120)} 08:00`, '', ''],
    [`i2.${tag}`, 'I2', 'True', `${daysAgo(130)} 08:00`, '', ''],
  ];
  const preview = await ciso.upload('/import/directory', {}, 'file', 'ad2.csv', adExport(rows));
  const id = preview.text.match(/action="\/import\/directory\/(\d+)"/)[1];
  assert.equal((await ciso.post(`/import/directory/${id}`, {})).status, 200);
  const last = sql("SELECT findings FROM scan_import WHERE format = 'Directory (CSV)' ORDER BY id DESC LIMIT 2").trim().split('\n').map(Number);
  assert.deepEqual(last, [4, 3], 'four findings now (3 inactive, 1 privileged), three before');
  const inactive = Number(sql("SELECT COUNT(*) FROM scan_finding WHERE host = 'directory' AND plugin = 'inactive' AND status = 'open'").trim());
  const dash = await ciso.get('/lagesbild');
  assert.equal(dash.status, 200);
  assert.match(dash.text, /<h2>Katalog- och enhetshygien<\/h2>/);
  assert.match(dash.text, /<h3>Katalogen \(AD\/Entra ID\)<\/h3>/);
  assert.match(dash.text, /<th scope="col">Inaktiva konton \(90 dagar\)<\/th>/, 'the days the count is of');
  assert.match(dash.text, new RegExp(`plugin=inactive&amp;status=open">${inactive}</a>`));
  assert.match(dash.text, /Senaste importen \d{4}-\d\d-\d\d: 4 fynd; importen innan \d{4}-\d\d-\d\d: 3 \(\+1\)\./);
  const emp = await employee.get('/lagesbild');
  assert.doesNotMatch(emp.text, /id="directory-hygiene"|Katalog- och enhetshygien/, 'an employee reads no directory finding');
});
