// Device exports in the web UI and on the command line (issue 21 point 3): an Intune export
// uploaded under Import is previewed with every count the import would make (devices,
// unmanaged, non-compliant, stale at the tenant's stale days; new, still open, fixed) and
// nothing kept, then imported as previewed — once, by its uploader only; a bad file is refused
// by its rows and writes nothing; a re-import marks the fixed ones; a user who may not write
// risks gets 403 and a post without the CSRF token changes nothing; the page reads in English
// too; `lis import-devices` prints the counts, or the bad rows and exit code 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, apiClient, loggedIn, sql, lis, lisStatus } from './harness.mjs';

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
const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
const head = '"Device ID","Device name","Managed by","Ownership","Compliance","OS","OS version","Last check-in","Primary user UPN"';
const intune = (rows) => Buffer.from('\ufeff' + [head, ...rows.map((r) => r.map((c) => `"${c}"`).join(','))].join('\r\n') + '\r\n', 'utf8');
const count = (q) => Number(sql(q).trim());
const openOfTag = () => count(`SELECT COUNT(*) FROM scan_finding WHERE host = 'devices' AND status = 'open' AND port LIKE '%${tag}'`);
const openDevices = () => count("SELECT COUNT(*) FROM scan_finding WHERE host = 'devices' AND status = 'open'");
const imports = () => count("SELECT COUNT(*) FROM scan_import WHERE format = 'Devices (CSV)'");
const row = (text, label) => Number((text.match(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`)) || [])[1]);
const uploadId = (text) => text.match(/action="\/import\/devices\/(\d+)"/)[1];

// unmanaged; managed but not compliant; managed, compliant, 20 days without check-in; fine
const rows = () => [
  ['1', `UNM-${tag}`, 'None', 'Personal', 'Unknown', 'Windows', '10', '', ''],
  ['2', `NC-${tag}`, 'Intune', 'Corporate', 'Noncompliant', 'Windows', '11', `${daysAgo(1)} 08:00:00.0000000`, ''],
  ['3', `OLD-${tag}`, 'Intune', 'Corporate', 'Compliant', 'iOS/iPadOS', '17', `${daysAgo(20)} 08:00:00.0000000`, ''],
  ['4', `OK-${tag}`, 'Co-managed', 'Corporate', 'Compliant', 'Windows', '11', `${daysAgo(2)}T07:00:00Z`, ''],
];

test('the form under Import, a preview of every count that keeps nothing, then the import as previewed, once', async () => {
  const form = await ciso.get('/import/devices');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Enheter: importera enhetsexport<\/h1>/);
  assert.match(form.text, /<form method="post" action="\/import\/devices" enctype="multipart\/form-data"/);
  const index = (await ciso.get('/import')).text;
  assert.match(index, /href="\/import\/directory"[^]*href="\/import\/devices">Importera enheter från Intune/, 'linked next to the directory import');

  const beforeImports = imports(), otherOpen = openDevices();
  const preview = await ciso.upload('/import/devices', {}, 'file', 'enheter.csv', intune(rows()));
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.match(preview.text, /<h1>Förhandsgranskning av enhetsexporten<\/h1>/);
  assert.match(preview.text, /4 enheter i filen/);
  assert.equal(row(preview.text, 'Ohanterade enheter'), 1);
  assert.equal(row(preview.text, 'Enheter som inte följer policy'), 1);
  assert.equal(row(preview.text, 'Enheter utan incheckning \\(30 dagar\\)'), 0, '20 days is not stale at the default 30');
  assert.equal(row(preview.text, 'Nya'), 2);
  assert.equal(row(preview.text, 'Kvarstår'), 0);
  assert.equal(row(preview.text, 'Åtgärdade'), otherOpen, 'the open device findings this export no longer reports');
  assert.equal(openOfTag(), 0, 'a preview keeps no finding');
  assert.equal(imports(), beforeImports, 'a preview keeps no import');

  // the tenant's stale days count: at 10 days the 20-day-old device is stale
  const setting = await cisoApi.post('/api/v1/directory_settings', { inactive_days: 90, stale_days: 10 });
  assert.equal(setting.status, 201, setting.text);
  try {
    const again = await ciso.upload('/import/devices', {}, 'file', 'enheter.csv', intune(rows()));
    assert.equal(again.status, 200);
    assert.equal(row(again.text, 'Enheter utan incheckning \\(10 dagar\\)'), 1);
    assert.equal(row(again.text, 'Nya'), 3);
    const id = uploadId(again.text);
    const other = await loggedIn(server.base, 'admin@exempelkommun.se');
    assert.equal((await other.post(`/import/devices/${id}`, {})).status, 404, 'only the uploader confirms');
    assert.equal((await ciso.post(`/import/directory/${id}`, {})).status, 404, 'a device upload is no account export');
    const done = await ciso.post(`/import/devices/${id}`, {});
    assert.equal(done.status, 200, done.text.slice(0, 2000));
    assert.match(done.text, /<h1>Enheterna är importerade<\/h1>/);
    assert.equal(row(done.text, 'Nya'), 3, 'imported as previewed');
    assert.match(done.text, /href="\/scan_findings\?host=devices&amp;status=open">Öppna fynd för enheter</);
    assert.equal(openOfTag(), 3, 'unmanaged, non-compliant, stale');
    assert.equal(imports(), beforeImports + 1);
    assert.equal((await ciso.post(`/import/devices/${id}`, {})).status, 404, 'an upload is imported once');
  } finally {
    sql(`DELETE FROM directory_setting WHERE id = ${setting.json.id}`);
  }
});

test('the findings read in the reader’s language on the list, their page and the lägesbild; the API keeps the stored title', async () => {
  const list = await ciso.get('/scan_findings?host=devices&status=open');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`>Ohanterad enhet: UNM-${tag}</a>`));
  assert.match(list.text, new RegExp(`>Enhet som inte följer policy: NC-${tag}</a>`));
  assert.match(list.text, /<td>Enheter \(Intune\/MDM\)<\/td>/, 'the host as where it comes from');
  assert.doesNotMatch(list.text, /Unmanaged device:/);
  const id = sql(`SELECT id FROM scan_finding WHERE port = 'UNM-${tag}'`).trim();
  const page = await ciso.get(`/scan_findings/${id}`);
  assert.match(page.text, new RegExp(`<h1>Ohanterad enhet: UNM-${tag}</h1>`));
  const json = await cisoApi.get(`/api/v1/scan_findings/${id}`);
  assert.equal(json.json.title, `Unmanaged device: UNM-${tag}`, 'integrations get the stored text');
  assert.equal(json.json.host, 'devices');
  const dash = await ciso.get('/lagesbild');
  assert.match(dash.text, /<h2>Katalog- och enhetshygien<\/h2>/);
  assert.match(dash.text, /<th scope="col">Enheter utan incheckning \(30 dagar\)<\/th>/, 'the days the count is of');
  assert.match(dash.text, /href="\/scan_findings\?host=devices&amp;plugin=unmanaged&amp;status=open">\d+<\/a>/);

  const en = await loggedIn(server.base, 'ciso@exempelkommun.se');
  await en.post('/lang', { lang: 'en', back: '/home' });
  try {
    const enList = await en.get('/scan_findings?host=devices&status=open');
    assert.match(enList.text, new RegExp(`>Unmanaged device: UNM-${tag}</a>`));
    assert.match(enList.text, /<td>Devices \(Intune\/MDM\)<\/td>/);
    const enDash = await en.get('/lagesbild');
    assert.match(enDash.text, /<h2>Directory and device hygiene<\/h2>/);
    assert.match(enDash.text, /<th scope="col">Devices not checked in \(30 days\)<\/th>/);
  } finally {
    await en.post('/lang', { lang: 'sv', back: '/home' });
  }
});

test('a re-import marks the fixed ones', async () => {
  const now = rows();
  now[0][2] = 'Intune'; now[0][4] = 'Compliant'; now[0][7] = `${daysAgo(0)} 08:00:00.0000000`; // enrolled
  now[1][4] = 'Compliant'; // compliant now
  const preview = await ciso.upload('/import/devices', {}, 'file', 'enheter2.csv', intune(now));
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.equal(row(preview.text, 'Ohanterade enheter'), 0);
  assert.equal(row(preview.text, 'Nya'), 0);
  assert.equal(row(preview.text, 'Åtgärdade'), 3, 'unmanaged, non-compliant and (at 30 days again) stale');
  const done = await ciso.post(`/import/devices/${uploadId(preview.text)}`, {});
  assert.equal(done.status, 200);
  assert.equal(openOfTag(), 0);
  assert.equal(count(`SELECT COUNT(*) FROM scan_finding WHERE host = 'devices' AND status = 'fixed' AND port LIKE '%${tag}'`), 3);
});

test('a bad file is refused by its rows and writes nothing', async () => {
  const beforeImports = imports(), beforeUploads = count("SELECT COUNT(*) FROM import_upload WHERE entity = 'devices'");
  const bad = await ciso.upload('/import/devices', {}, 'file', 'bad.csv', intune([
    ['1', `B1-${tag}`, 'Kanske', 'Corporate', 'Compliant', 'Windows', '10', '', ''],
    ['2', `B2-${tag}`, 'None', 'Corporate', 'Unknown', 'Windows', '10', '', ''],
    ['3', `B3-${tag}`, 'Intune', 'Corporate', 'Compliant', 'Windows', '10', 'igår', ''],
  ]));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /2 rader kan inte läsas/);
  assert.match(bad.text, /row 2: B1-\w+: the management state &quot;Kanske&quot; is neither managed nor unmanaged/);
  assert.match(bad.text, /row 4: B3-\w+: the last check-in &quot;igår&quot; is not a date/);
  assert.match(bad.text, /Inget har importerats/);
  assert.doesNotMatch(bad.text, /action="\/import\/devices\/\d+"/, 'nothing to confirm');
  assert.equal(imports(), beforeImports);
  assert.equal(count("SELECT COUNT(*) FROM import_upload WHERE entity = 'devices'"), beforeUploads, 'the file is not kept');
  assert.equal(count(`SELECT COUNT(*) FROM scan_finding WHERE port LIKE 'B_-${tag}'`), 0);
  const nohead = await ciso.upload('/import/devices', {}, 'file', 'x.csv', Buffer.from('name;os\r\nx;y\r\n'));
  assert.equal(nohead.status, 422);
  assert.match(nohead.text, /Filen kan inte läsas: .*no deviceName \(Device name\) column/);
  const empty = await ciso.upload('/import/devices', {}, 'file', 'empty.csv', Buffer.from(''));
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Välj en enhetsexport i CSV-format/);
});

test('403 for a user who may not write risks; a post without the CSRF token changes nothing', async () => {
  assert.equal((await employee.get('/import/devices')).status, 403);
  assert.equal((await employee.upload('/import/devices', {}, 'file', 'e.csv', intune(rows()))).status, 403);
  const beforeUploads = count("SELECT COUNT(*) FROM import_upload WHERE entity = 'devices'");
  const fd = new FormData();
  fd.append('_csrf', 'x'.repeat(32));
  fd.append('file', new Blob([intune(rows())], { type: 'text/csv' }), 'enheter.csv');
  assert.equal((await ciso.request('POST', '/import/devices', { body: fd })).status, 403);
  assert.equal(count("SELECT COUNT(*) FROM import_upload WHERE entity = 'devices'"), beforeUploads);
  const preview = await ciso.upload('/import/devices', {}, 'file', 'enheter.csv', intune(rows()));
  const id = uploadId(preview.text);
  const beforeImports = imports();
  assert.equal((await ciso.request('POST', `/import/devices/${id}`, { form: {} })).status, 403);
  assert.equal(imports(), beforeImports, 'not imported without the token');
});

test('the page in English', async () => {
  const en = await loggedIn(server.base, 'ciso@exempelkommun.se');
  await en.post('/lang', { lang: 'en', back: '/import/devices' });
  try {
    const form = await en.get('/import/devices');
    assert.match(form.text, /<h1>Devices: import a device export<\/h1>/);
    assert.match(form.text, /Device export \(CSV\)/);
    const preview = await en.upload('/import/devices', {}, 'file', 'enheter.csv', intune(rows()));
    assert.match(preview.text, /<h1>Preview of the device export<\/h1>/);
    assert.match(preview.text, /4 devices in the file/);
    assert.equal(row(preview.text, 'Unmanaged devices'), 1);
    assert.equal(row(preview.text, 'Non-compliant devices'), 1);
    assert.equal(row(preview.text, 'Devices not checked in \\(30 days\\)'), 0);
    assert.match(preview.text, />Import the devices</);
    assert.match((await en.get('/import')).text, /Import devices from Intune, MDM or Entra ID/);
  } finally {
    await en.post('/lang', { lang: 'sv', back: '/home' });
  }
});

test('lis import-devices prints the counts; a bad file names its rows, imports nothing and exits 1', async () => {
  assert.match(lis('--help'), /import-devices FILE/);
  assert.match(lis('import-devices', '--help'), /^usage: lis import-devices FILE --tenant CODE/);
  const dir = mkdtempSync(join(tmpdir(), 'lis-dev-'));
  const file = join(dir, 'enheter.csv');
  writeFileSync(file, intune(rows()));
  const otherOpen = openDevices() - openOfTag();
  const out = lis('import-devices', file, '--tenant', 'EXEMPEL').trim();
  assert.equal(out, `4 devices: 1 unmanaged, 1 non-compliant, 0 stale (no check-in in 30 days); 2 new, 0 still open, ${otherOpen} fixed`);
  assert.equal(openOfTag(), 2);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'import-devices'") >= 1, true, 'audited as import-devices');

  const beforeImports = imports();
  writeFileSync(join(dir, 'bad.csv'), intune([['1', `C1-${tag}`, 'Intune', 'Corporate', 'Halvbra', 'Windows', '10', '', '']]));
  const bad = lisStatus('import-devices', join(dir, 'bad.csv'), '--tenant', 'EXEMPEL');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /row 2: C1-\w+: the compliance state "Halvbra" is not known/);
  assert.match(bad.out, /1 bad rows; nothing was imported/);
  assert.equal(imports(), beforeImports);
  const usage = lisStatus('import-devices', file);
  assert.equal(usage.code, 2, 'no --tenant: the usage');
  assert.match(usage.out, /usage: lis import-devices FILE --tenant CODE/);
});
