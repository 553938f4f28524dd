// Vulnerability scans (issue 21): OpenVAS and Nessus exports imported by the API, the page
// and the command line; counts and fixed/still-open marks checked against the files
// themselves; findings need-to-know like risks (an employee reads none, reads are
// audited); a finding becomes an action; accepting takes a reason and a review date; a bad
// file writes nothing; overdue findings reach "Att göra".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, loggedIn, apiClient, sql, lis, lisStatus } from './harness.mjs';

const FIX = new URL('../fixtures/scans/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIX), 'utf8');

let server, ciso, cisoApi, employeeApi, employee;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

// A host address no other run of the suite used, so the counts start from nothing.
const uniqueNet = () => `10.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

// The findings an OpenVAS report holds, read by the test itself: host|oid|port of each
// result with a severity above 0.
function openvasKeys(xml) {
  const keys = new Set();
  for (const r of xml.match(/<result id=[\s\S]*?<\/result>/g) || []) {
    const host = r.match(/<host>([^<]*)/)[1].trim();
    const port = r.match(/<port>([^<]*)/)[1].trim();
    const oid = r.match(/<nvt oid="([^"]+)"/)[1];
    const severity = parseFloat(r.match(/<severity>([^<]*)/)[1]);
    if (severity > 0) keys.add(`${host}|${oid}|${port}`);
  }
  return keys;
}

const importScan = (api, body, query = '') =>
  api.call('POST', `/api/v1/scan-imports${query}`, undefined, { contentType: 'application/xml', raw: body });

async function findingsOf(host, status) {
  const items = await cisoApi.all(`/api/v1/scan_findings?host=${encodeURIComponent(host)}&limit=500${status ? `&status=${status}` : ''}`);
  return new Map(items.map((f) => [`${f.host}|${f.plugin}|${f.port}`, f]));
}

test('an OpenVAS re-scan marks what is fixed and what is still open, counted against the files', async () => {
  const host = `${uniqueNet()}.7`;
  const first = fixture('many_vuln.xml').replaceAll('192.168.1.1001', host);
  const firstKeys = openvasKeys(first);
  assert.ok(firstKeys.size > 20, 'the sample holds many findings');

  // a preview counts and writes nothing
  let r = await importScan(cisoApi, first, '?preview=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.findings, firstKeys.size);
  assert.equal((await findingsOf(host)).size, 0, 'a preview writes nothing');

  r = await importScan(cisoApi, first, '?file_name=many_vuln.xml');
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.findings, r.json.hosts, r.json.new, r.json.still_open, r.json.fixed],
    [firstKeys.size, 1, firstKeys.size, 0, 0]);
  assert.ok(r.json.unmapped_hosts.some((h) => h.startsWith(host)), 'the host has no system yet');
  const firstSeen = await findingsOf(host);
  assert.equal(firstSeen.size, firstKeys.size);

  // the re-scan: the first ten results gone (fixed), one found on a new port (new)
  const results = first.match(/<result id=[\s\S]*?<\/result>/g);
  let second = first;
  for (const gone of results.slice(0, 10)) second = second.replace(gone, '');
  const moved = results[10].replace(/<port>([^<]*)<\/port>/, '<port>8443/tcp</port>');
  second = second.replace(results[10], `${results[10]}${moved}`);
  const secondKeys = openvasKeys(second);
  const fixed = [...firstKeys].filter((k) => !secondKeys.has(k));
  const stillOpen = [...secondKeys].filter((k) => firstKeys.has(k));
  const added = [...secondKeys].filter((k) => !firstKeys.has(k));
  assert.ok(fixed.length > 0 && added.length === 1);

  r = await importScan(cisoApi, second);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.findings, r.json.new, r.json.still_open, r.json.fixed],
    [secondKeys.size, added.length, stillOpen.length, fixed.length]);
  const fixedNow = await findingsOf(host, 'fixed');
  assert.deepEqual([...fixedNow.keys()].sort(), fixed.sort(), 'exactly the findings the re-scan no longer reports are fixed');
  const openNow = await findingsOf(host, 'open');
  assert.deepEqual([...openNow.keys()].sort(), [...secondKeys].sort());
  for (const k of stillOpen) assert.equal(openNow.get(k).first_seen, firstSeen.get(k).first_seen, 'first seen is kept');
  for (const f of fixedNow.values()) assert.ok(f.fixed_on, 'a fixed finding says when');

  // the first file again: what was fixed is back (new), the moved port is now fixed
  r = await importScan(cisoApi, first);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.new, r.json.still_open, r.json.fixed], [fixed.length, stillOpen.length, added.length]);

  // the import is listed with its counts
  const imports = await cisoApi.all('/api/v1/scan_imports?limit=500');
  assert.ok(imports.some((i) => i.file_name === 'many_vuln.xml' && i.findings === firstKeys.size));
});

test('host rules by address range: a CIDR or from–to range maps its hosts, an exact address wins over it; a bad range is refused', async () => {
  const net = uniqueNet();
  const file = fixture('two_hosts.nessus').replaceAll('10.20.1.', `${net}.`);
  const systems = await cisoApi.all('/api/v1/systems?limit=500');
  const [wide, exact] = [systems[1], systems[2]];
  for (const bad of [`${net}.0/33`, `${net}.9-${net}.1`, `${net}.0/x`]) {
    const r = await cisoApi.post('/api/v1/scan_host_rules', { pattern: bad, system_id: wide.id });
    assert.equal(r.status, 422, `${bad}: ${r.text}`);
    assert.match(r.json.error.fields.pattern, /cannot be read|går inte att läsa/);
  }
  assert.equal((await cisoApi.post('/api/v1/scan_host_rules', { pattern: `${net}.0/24`, system_id: wide.id })).status, 201);
  assert.equal((await cisoApi.post('/api/v1/scan_host_rules', { pattern: `${net}.16`, system_id: exact.id })).status, 201);
  const r = await importScan(cisoApi, file);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unmapped_count, 0);
  for (const [, f] of await findingsOf(`${net}.15`)) assert.equal(f.system_id, wide.id, 'the /24 maps .15');
  for (const [, f] of await findingsOf(`${net}.16`)) assert.equal(f.system_id, exact.id, 'the exact address wins');
});

test('a .nessus file: severity from CVSS v3, else v2, else the scanner; hosts mapped by a rule to a system', async () => {
  const net = uniqueNet();
  const file = fixture('two_hosts.nessus').replaceAll('10.20.1.', `${net}.`);
  const systems = await cisoApi.all('/api/v1/systems?limit=500');
  const system = systems[0];
  const rule = await cisoApi.post('/api/v1/scan_host_rules', { pattern: `${net}.*`, system_id: system.id });
  assert.equal(rule.status, 201, rule.text);

  const r = await importScan(cisoApi, file);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.findings, r.json.hosts, r.json.new, r.json.informational, r.json.unmapped_count], [4, 2, 4, 1, 0]);
  const found = new Map();
  for (const h of [`${net}.15`, `${net}.16`]) for (const [k, f] of await findingsOf(h)) found.set(k, f);
  const sev = (plugin) => [...found.values()].find((f) => f.plugin === plugin);
  assert.equal(sev('73756').severity, 'critical');
  assert.equal(sev('73756').cvss, '10.0');
  assert.equal(sev('51192').severity, 'medium'); // v3 6.5 over v2 6.4
  assert.equal(sev('51192').cvss_version, '3');
  assert.equal(sev('18405').severity, 'high');   // no CVSS: the scanner's rating 3
  assert.equal(sev('30218').severity, 'low');    // v2 2.6
  assert.equal(sev('73756').host_name, 'ekonomi-db01.kommun.local');
  assert.match(sev('73756').output, /stöd upphörde/, 'non-ASCII output kept');
  for (const f of found.values()) assert.equal(f.system_id, system.id, 'the rule maps both hosts');
  // the default deadline: 14 days for critical
  const due = new Date(sev('73756').first_seen);
  due.setUTCDate(due.getUTCDate() + 14);
  assert.equal(sev('73756').due_on, due.toISOString().slice(0, 10));

  // the system's page counts its open findings
  const page = await ciso.get(`/systems/${system.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="scan-findings"/);
  assert.match(page.text, /Visa systemets öppna fynd/);

  // the lägesbild counts them per system (and per förvaltning, per object)
  const dash = await ciso.get('/lagesbild');
  assert.equal(dash.status, 200);
  assert.match(dash.text, /Öppna skanningsfynd/);
  assert.match(dash.text, new RegExp(`href="/scan_findings\\?status=open&amp;system_id=${system.id}"`));
  // and the import page leads to the scan import
  assert.match((await ciso.get('/import')).text, /href="\/import\/scan"/);
});

test('findings are need-to-know: an employee reads none and may not import; a read is audited', async () => {
  const host = `${uniqueNet()}.2`;
  const r = await importScan(cisoApi, fixture('one_vuln.xml').replaceAll('10.0.101.2', host));
  assert.equal(r.status, 201, r.text);
  const [finding] = (await findingsOf(host)).values();
  assert.ok(finding);

  const list = await employeeApi.get(`/api/v1/scan_findings?host=${host}`);
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 0, 'an employee sees no finding');
  const one = await employeeApi.get(`/api/v1/scan_findings/${finding.id}`);
  assert.ok([403, 404].includes(one.status), `an employee cannot read a finding (${one.status})`);
  const csv = await employee.get('/scan_findings.csv');
  assert.ok(!csv.text.includes(host), 'nor in the export');
  const imp = await importScan(employeeApi, fixture('one_vuln.xml'));
  assert.equal(imp.status, 403);

  const before = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'scan_findings' AND action = 'read' AND entity_id = '${finding.id}'`).trim());
  const page = await ciso.get(`/scan_findings/${finding.id}`);
  assert.equal(page.status, 200);
  const afterReads = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'scan_findings' AND action = 'read' AND entity_id = '${finding.id}'`).trim());
  assert.equal(afterReads, before + 1, 'reading a finding is recorded');
});

test('a finding becomes an action with one click; accepting it takes a reason and a review date', async () => {
  const host = `${uniqueNet()}.3`;
  await importScan(cisoApi, fixture('one_vuln.xml').replaceAll('10.0.101.2', host));
  const [finding] = (await findingsOf(host)).values();
  const page = await ciso.get(`/scan_findings/${finding.id}`);
  assert.match(page.text, new RegExp(`/actions/new\\?source_entity=scan_findings&amp;source_id=${finding.id}`));
  assert.match(page.text, new RegExp(`/risks/new\\?source_entity=scan_findings&amp;source_id=${finding.id}`));

  const action = await cisoApi.post('/api/v1/actions', {
    title: `Uppdatera Firefox på ${host}`, unit_id: finding.unit_id, status: 'planned',
    source_entity: 'scan_findings', source_id: finding.id,
  });
  assert.equal(action.status, 201, action.text);
  const again = await ciso.get(`/scan_findings/${finding.id}`);
  assert.match(again.text, new RegExp(`Uppdatera Firefox på ${host.replaceAll('.', '\\.')}`), 'the action is shown on the finding');

  let p = await cisoApi.patch(`/api/v1/scan_findings/${finding.id}`, { status: 'accepted' });
  assert.equal(p.status, 422);
  assert.ok(p.json.error.fields.acceptance_reason && p.json.error.fields.review_date);
  p = await cisoApi.patch(`/api/v1/scan_findings/${finding.id}`, { status: 'accepted', acceptance_reason: 'Kiosk utan nät', review_date: '2027-06-30' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.status, 'accepted');
  // what the scanner saw is the import's to set
  p = await cisoApi.patch(`/api/v1/scan_findings/${finding.id}`, { severity: 'low' });
  assert.equal(p.status, 400);
  // a re-scan that still reports it leaves the decision standing
  const r = await importScan(cisoApi, fixture('one_vuln.xml').replaceAll('10.0.101.2', host));
  assert.deepEqual([r.json.new, r.json.still_open, r.json.fixed], [0, 1, 0]);
  assert.equal((await cisoApi.get(`/api/v1/scan_findings/${finding.id}`)).json.status, 'accepted');
});

test('a bad file is refused with every bad row named, and nothing is written', async () => {
  const count = () => Number(sql('SELECT COUNT(*) FROM scan_import').trim());
  const before = count();
  const net = uniqueNet();
  const csv = `Plugin ID,Host,Protocol,Port,Name,Risk\n10001,${net}.1,tcp,80,Ett fynd,High\n10002,,tcp,80,Utan värd,High\n,${net}.3,tcp,80,Utan plugin,Low\n`;
  let r = await importScan(cisoApi, csv);
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.message, /row 3: the row names no host/);
  assert.match(r.json.error.message, /row 4: the row names no plugin/);
  assert.equal(count(), before);
  assert.equal((await findingsOf(`${net}.1`)).size, 0, 'not even the good row');

  r = await importScan(cisoApi, fixture('one_vuln.xml').slice(0, 3000));
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /malformed/);
  r = await importScan(cisoApi, 'namn;adress\nx;y\n');
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /not a scan export/);
  assert.equal(count(), before);

  // the page says so too, in Swedish
  const page = await ciso.upload('/import/scan', {}, 'file', 'bad.csv', csv);
  assert.equal(page.status, 422);
  assert.match(page.text, /2 rader kan inte bli fynd/);
  assert.match(page.text, /row 3: the row names no host/);
});

test('the import page previews a Nessus CSV, then imports exactly what was previewed', async () => {
  const net = uniqueNet();
  const csv = fixture('nessus_many_vuln.csv').replaceAll('10.1.1.1', `${net}.1`).replaceAll('10.2.1.1', `${net}.2`);
  const preview = await ciso.upload('/import/scan', {}, 'file', 'nessus.csv', csv);
  assert.equal(preview.status, 200, preview.text);
  assert.match(preview.text, /4 fynd på 2 värdar: 4 nya, 0 kvarstår, 0 åtgärdade/);
  assert.match(preview.text, new RegExp(`${net.replaceAll('.', '\\.')}\\.1`), 'unmapped hosts listed');
  assert.equal((await findingsOf(`${net}.1`)).size, 0, 'the preview wrote nothing');
  const action = preview.text.match(/action="(\/import\/scan\/\d+)"/)[1];
  const done = await ciso.post(action, {});
  assert.equal(done.status, 200, done.text);
  assert.match(done.text, /Skanningen är importerad/);
  assert.equal((await findingsOf(`${net}.1`)).size, 2);
  assert.equal((await findingsOf(`${net}.2`)).size, 2);
});

test('lis import-scan prints the counts; overdue findings reach the start page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lis-scan-'));
  const host = `${uniqueNet()}.9`;
  const file = join(dir, 'one.xml');
  writeFileSync(file, fixture('one_vuln.xml').replaceAll('10.0.101.2', host));
  assert.equal(lis('import-scan', file, '--tenant', 'EXEMPEL').split('\n')[0], '1 findings on 1 hosts: 1 new, 0 still open, 0 fixed');
  assert.equal(lis('import-scan', file, '--tenant', 'EXEMPEL').split('\n')[0], '1 findings on 1 hosts: 0 new, 1 still open, 0 fixed');
  const bad = lisStatus('import-scan', join(dir, 'missing.xml'), '--tenant', 'EXEMPEL');
  assert.notEqual(bad.code, 0);
  assert.match(bad.out, /nothing was imported/);

  const [finding] = (await findingsOf(host)).values();
  sql(`UPDATE scan_finding SET due_on = '2020-01-31' WHERE id = ${finding.id}`);
  const todo = await cisoApi.get('/api/v1/todo');
  const item = todo.json.items.find((i) => i.href === `/scan_findings/${finding.id}`);
  assert.ok(item, 'the overdue finding is on the CISO\'s list');
  assert.equal(item.group, 'late');
  assert.equal(item.overdue_since, '2020-01-31');
  const employeeTodo = await employeeApi.get('/api/v1/todo');
  assert.ok(!employeeTodo.json.items.some((i) => i.href === `/scan_findings/${finding.id}`));
});
