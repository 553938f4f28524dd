// Device exports (issue 21): an Intune "All devices" export (the portal's columns) or a Graph
// managedDevices CSV imported by the API; unmanaged, non-compliant and stale devices become
// findings of the host "devices" in the förvaltning of their primary user; a re-import fixes
// what is gone and the import's counts give the trend on the lägesbild; a bad row writes
// nothing; ?preview=1 keeps nothing; an employee neither imports nor reads the findings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startLis, apiClient, loggedIn, sql } from './harness.mjs';

let server, cisoApi, employeeApi, ciso;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
});
after(async () => { await server.stop(); });

const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
const importDevices = (api, body, q = '') =>
  api.call('POST', `/api/v1/device-imports?file_name=devices.csv${q}`, undefined, { contentType: 'text/csv', raw: body });
const head = '"Device ID","Device name","Managed by","Ownership","Compliance","OS","OS version","Last check-in","Primary user UPN"';
const intune = (rows) => '\ufeff' + [head, ...rows.map((r) => r.map((c) => `"${c}"`).join(','))].join('\r\n') + '\r\n';
async function deviceFindings(status) {
  const items = await cisoApi.all(`/api/v1/scan_findings?host=devices&limit=500${status ? `&status=${status}` : ''}`);
  return items.filter((f) => f.port.endsWith(tag));
}
// a person with a unit below the root: their device's findings land in that unit
const person = () => sql("SELECT p.email || '|' || p.unit_id FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.parent_id IS NOT NULL ORDER BY p.id LIMIT 1").trim().split('|');

test('the sample Intune and Graph exports are read', async () => {
  for (const [file, devices] of [['intune_all_devices.csv', 5], ['graph_managed_devices.csv', 3]]) {
    const body = readFileSync(`tests/fixtures/devices/${file}`, 'utf8');
    const r = await importDevices(cisoApi, body, '&preview=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.devices, devices, file);
    assert.equal(r.json.preview, true);
  }
  const r = await importDevices(cisoApi, readFileSync('tests/fixtures/devices/intune_all_devices.csv', 'utf8'), '&preview=1');
  assert.equal(r.json.unmanaged, 1, 'TEK-PC-77 is managed by none');
  assert.equal(r.json.noncompliant, 2, 'Noncompliant and Error');
});

test('unmanaged, non-compliant and stale devices per förvaltning; a re-import fixes and gives the trend', async () => {
  const [email, unit] = person();
  const rows = [
    [`1`, `UNM-${tag}`, 'None', 'Personal', 'Unknown', 'Windows', '10', '', email],
    [`2`, `NC-${tag}`, 'Intune', 'Corporate', 'Noncompliant', 'Windows', '10', `${daysAgo(1)} 08:00:00.0000000`, ''],
    [`3`, `OLD-${tag}`, 'Intune', 'Corporate', 'Compliant', 'iOS/iPadOS', '17', `${daysAgo(60)} 08:00:00.0000000`, ''],
    [`4`, `OK-${tag}`, 'Co-managed', 'Corporate', 'Compliant', 'Windows', '11', `${daysAgo(2)}T07:00:00Z`, email],
  ];
  const before = Number(sql("SELECT COUNT(*) FROM scan_import WHERE format = 'Devices (CSV)'").trim());
  const preview = await importDevices(cisoApi, intune(rows), '&preview=1');
  assert.equal(preview.status, 200, preview.text);
  assert.equal((await deviceFindings('open')).length, 0, 'a preview keeps nothing');
  let r = await importDevices(cisoApi, intune(rows));
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.devices, r.json.unmanaged, r.json.noncompliant, r.json.stale], [4, 1, 1, 1]);
  let open = await deviceFindings('open');
  assert.deepEqual(open.map((f) => `${f.plugin}|${f.port}`).sort(),
    [`noncompliant|NC-${tag}`, `stale|OLD-${tag}`, `unmanaged|UNM-${tag}`].sort());
  const unm = open.find((f) => f.plugin === 'unmanaged');
  assert.equal(String(unm.unit_id), unit, "in the förvaltning of the device's user");
  assert.equal(unm.severity, 'high');
  assert.equal(unm.due_on, new Date(Date.parse(daysAgo(0)) + 30 * 86400000).toISOString().slice(0, 10));

  // enrolled and compliant now; the stale one checked in
  rows[0][2] = 'Intune'; rows[0][4] = 'Compliant'; rows[0][7] = `${daysAgo(0)} 08:00:00.0000000`;
  rows[2][7] = `${daysAgo(0)} 09:00:00.0000000`;
  r = await importDevices(cisoApi, intune(rows));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.fixed >= 2, true);
  open = await deviceFindings('open');
  assert.deepEqual(open.map((f) => `${f.plugin}|${f.port}`), [`noncompliant|NC-${tag}`]);
  assert.equal(Number(sql("SELECT COUNT(*) FROM scan_import WHERE format = 'Devices (CSV)'").trim()), before + 2);
  const dash = await ciso.get('/lagesbild');
  assert.match(dash.text, /<h3>Enheter \(Intune\/MDM\)<\/h3>/);
  assert.match(dash.text, /Senaste importen \d{4}-\d\d-\d\d: 1 fynd; importen innan \d{4}-\d\d-\d\d: 3 \(-2\)\./);
});

test('a bad row is reported by its row and nothing is written; an employee may not import nor read', async () => {
  const before = sql('SELECT COUNT(*) FROM scan_import').trim();
  const r = await importDevices(cisoApi, intune([
    ['1', `B1-${tag}`, 'Kanske', 'Corporate', 'Compliant', 'Windows', '10', '', ''],
    ['2', `B2-${tag}`, 'Intune', 'Corporate', 'Compliant', 'Windows', '10', 'igår', ''],
    ['3', `B3-${tag}`, 'Intune', 'Corporate', 'Halvbra', 'Windows', '10', '', ''],
  ]));
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /row 2: B1-\w+: the management state \\?"Kanske\\?" is neither managed nor unmanaged/);
  assert.match(r.text, /row 3: B2-\w+: the last check-in \\?"igår\\?" is not a date/);
  assert.match(r.text, /row 4: B3-\w+: the compliance state \\?"Halvbra\\?" is not known/);
  assert.equal(sql('SELECT COUNT(*) FROM scan_import').trim(), before);
  const nohead = await importDevices(cisoApi, 'name;os\r\nx;y\r\n');
  assert.equal(nohead.status, 422);
  assert.match(nohead.text, /no deviceName \(Device name\) column/);
  assert.equal((await importDevices(employeeApi, intune([['1', `E-${tag}`, 'None', '', '', '', '', '', '']]))).status, 403);
  const list = await employeeApi.get('/api/v1/scan_findings?host=devices');
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 0, 'an employee reads no device finding');
});
