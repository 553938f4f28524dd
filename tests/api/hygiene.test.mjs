// Directory hygiene (issue 21 point 3): an Active Directory / Entra ID account export
// imported by the API and the command line; inactive enabled accounts, enabled accounts
// never used and members of the admin groups become findings of the directory (a disabled
// old account does not); a re-import marks what was fixed; an account's department maps
// it to its förvaltning; a bad row writes nothing; an employee reads no finding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, apiClient, sql, lis, lisStatus } from './harness.mjs';

let server, cisoApi, employeeApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
// a Windows FILETIME (100 ns since 1601) n days ago
const filetimeDaysAgo = (n) => ((BigInt(Date.now() - n * 86400000) + 11644473600000n) * 10000n).toString();
const tag = Math.random().toString(36).slice(2, 8);
const unitName = () => sql("SELECT name FROM unit WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1").trim();
const unitId = () => sql("SELECT id FROM unit WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1").trim();

function adExport(rows) {
  const head = '"sAMAccountName";"displayName";"Enabled";"lastLogonTimestamp";"memberOf";"department"';
  return '\ufeff' + [head, ...rows.map((r) => r.map((c) => `"${c}"`).join(';'))].join('\r\n') + '\r\n';
}

const importDir = (api, body) =>
  api.call('POST', '/api/v1/directory-imports?file_name=ad.csv', undefined, { contentType: 'text/csv', raw: body });

async function directoryFindings(status) {
  const items = await cisoApi.all(`/api/v1/scan_findings?host=directory&limit=500${status ? `&status=${status}` : ''}`);
  return items.filter((f) => f.port.endsWith(tag));
}

test('an export with an inactive admin, a never-used account and a disabled old one; a re-import marks the fixed', async () => {
  const admin = `adm.${tag}`, fresh = `ny.${tag}`, old = `gammal.${tag}`, active = `aktiv.${tag}`;
  const rows = [
    [admin, 'Anna Admin', 'True', filetimeDaysAgo(200), 'CN=Domain Admins,CN=Users,DC=k,DC=se', unitName()],
    [fresh, 'Nils Ny', 'True', '', 'CN=Personal,OU=Grupper,DC=k,DC=se', ''],
    [old, 'Gammal', 'False', `${daysAgo(900)} 08:15`, 'CN=Domain Admins,CN=Users,DC=k,DC=se', ''],
    [active, 'Aktiv', 'True', `${daysAgo(3)}T07:00:00Z`, '', ''],
  ];
  let r = await importDir(cisoApi, adExport(rows));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.accounts, 4);
  assert.ok(r.json.inactive >= 1 && r.json.never_used >= 1 && r.json.privileged >= 1);
  let open = await directoryFindings('open');
  const keys = open.map((f) => `${f.plugin}|${f.port}`).sort();
  assert.deepEqual(keys, [`inactive|${admin}`, `never-used|${fresh}`, `privileged|${admin}`].sort(),
    'the inactive admin twice, the never-used once, the disabled old and the active account not at all');
  const inactive = open.find((f) => f.plugin === 'inactive');
  assert.match(inactive.title, /Anna Admin/);
  assert.equal(String(inactive.unit_id), unitId(), 'the department maps the account to its förvaltning');
  assert.equal(inactive.severity, 'medium');
  assert.equal(open.find((f) => f.plugin === 'privileged').severity, 'high');

  // the never-used account signed in, the admin left the group: re-imported from the CLI
  rows[1][3] = `${daysAgo(1)} 09:00`;
  rows[0][4] = 'CN=Personal,OU=Grupper,DC=k,DC=se';
  const dir = mkdtempSync(join(tmpdir(), 'lis-hyg-'));
  const file = join(dir, 'ad.csv');
  writeFileSync(file, adExport(rows));
  const out = lis('import-directory', file, '--tenant', 'EXEMPEL').split('\n');
  assert.match(out[0], /^4 accounts: \d+ inactive, \d+ never used, \d+ privileged$/);
  assert.equal(out[0], '4 accounts: 1 inactive, 0 never used, 0 privileged');
  open = await directoryFindings('open');
  assert.deepEqual(open.map((f) => `${f.plugin}|${f.port}`), [`inactive|${admin}`]);
  const fixed = await directoryFindings('fixed');
  assert.deepEqual(fixed.map((f) => `${f.plugin}|${f.port}`).sort(), [`never-used|${fresh}`, `privileged|${admin}`].sort());
  const imports = sql("SELECT COUNT(*) FROM scan_import WHERE format = 'Directory (CSV)'").trim();
  assert.ok(Number(imports) >= 2, 'each import is kept, for the trend');
});

test('a bad row is reported by its row and nothing is written', async () => {
  const before = sql("SELECT COUNT(*) FROM scan_import").trim();
  const body = adExport([[`x.${tag}`, 'X', 'True', '', '', ''], [`y.${tag}`, 'Y', 'kanske', '', '', ''], [`z.${tag}`, 'Z', 'True', 'igår', '', '']]);
  const r = await importDir(cisoApi, body);
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /row 3: y\.\w+: enabled \\?"kanske\\?" is neither true nor false/);
  assert.match(r.text, /row 4: z\.\w+: the last sign-in \\?"igår\\?" is not a date/);
  assert.equal(sql("SELECT COUNT(*) FROM scan_import").trim(), before);
  const dir = mkdtempSync(join(tmpdir(), 'lis-hyg-'));
  writeFileSync(join(dir, 'bad.csv'), body);
  const bad = lisStatus('import-directory', join(dir, 'bad.csv'), '--tenant', 'EXEMPEL');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /2 bad rows; nothing was imported/);
});

test('an employee reads no directory finding and may not import', async () => {
  const r = await importDir(cisoApi, adExport([[`emp.${tag}`, 'E', 'True', '', '', '']]));
  assert.equal(r.status, 201, r.text);
  const [finding] = await directoryFindings('open');
  assert.ok(finding);
  const list = await employeeApi.get('/api/v1/scan_findings?host=directory');
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 0, 'an employee sees no finding');
  const one = await employeeApi.get(`/api/v1/scan_findings/${finding.id}`);
  assert.ok([403, 404].includes(one.status), `an employee cannot read a finding (${one.status})`);
  const imp = await importDir(employeeApi, adExport([[`e2.${tag}`, 'E', 'True', '', '', '']]));
  assert.equal(imp.status, 403);
});

test('the tenant sets the days and its own admin groups', async () => {
  const s = await cisoApi.post('/api/v1/directory_settings', { inactive_days: 30, admin_groups: 'IT-Admin\nServerAdmins' });
  assert.equal(s.status, 201, s.text);
  const acc = `set.${tag}`;
  const r = await importDir(cisoApi, adExport([[acc, 'S', 'True', `${daysAgo(40)} 10:00`, 'CN=IT-Admin,OU=G,DC=k,DC=se', '']]));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.inactive_days, 30);
  const open = (await directoryFindings('open')).filter((f) => f.port === acc).map((f) => f.plugin).sort();
  assert.deepEqual(open, ['inactive', 'privileged'], '40 days is inactive at 30; IT-Admin is an admin group');
  assert.equal((await employeeApi.post('/api/v1/directory_settings', { inactive_days: 5 })).status, 403);
  sql(`DELETE FROM directory_setting WHERE id = ${s.json.id}`);
});
