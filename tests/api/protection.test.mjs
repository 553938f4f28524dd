// What protects what (issue 21 point 4): a system's SOC logging and MFA, recorded by hand
// or through the CSV import; the coverage page's shares per förvaltning and confidentiality
// level, and the systems at K2+ without MFA flagged there and on their own page; penetration
// tests as need-to-know records on the system's page, whose findings become a scan finding
// (with the deadline of its severity), an action or a risk with one click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, apiClient, loggedIn, sql, unique } from './harness.mjs';

let server, cisoApi, employeeApi, ciso, coord;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
});
after(async () => { await server.stop(); });

// a system in operation whose information is classified at confidentiality level >= 2
function classifiedSystem(minK) {
  const row = sql(`SELECT s.id, MAX(CAST(c.k AS INTEGER)) FROM system s JOIN system_asset l ON l.system_id = s.id
    JOIN information_asset a ON a.id = l.asset_id AND a.status <> 'retired'
    JOIN classification c ON c.asset_id = a.id AND c.is_current = 1
    WHERE s.status <> 'retired' GROUP BY s.id HAVING MAX(CAST(c.k AS INTEGER)) >= ${minK} ORDER BY s.id LIMIT 1`).trim();
  assert.ok(row, `the demo has a system at K${minK} or above`);
  const [id, k] = row.split('|');
  return { id: Number(id), k: Number(k) };
}
const coverage = async () => {
  const r = await cisoApi.get('/api/v1/inventory-coverage');
  assert.equal(r.status, 200, r.text);
  return r.json.protection;
};
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (d, n) => new Date(Date.parse(d) + n * 86400000).toISOString().slice(0, 10);

test('a K2+ system without MFA is flagged on the coverage page and its own page, until MFA is recorded', async () => {
  const sys = classifiedSystem(2);
  let r = await cisoApi.patch(`/api/v1/systems/${sys.id}`, { mfa: 'no', soc_logging: 'yes' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.mfa, 'no');
  assert.equal(r.json.soc_logging, 'yes');
  assert.equal((await cisoApi.patch(`/api/v1/systems/${sys.id}`, { mfa: 'kanske' })).status, 422, 'only yes or no');
  let p = await coverage();
  assert.equal(p.mfa_required_from, 2, 'BEH-08 of the catalogue: from confidentiality level 2');
  const flagged = p.mfa_missing.find((s) => s.id === sys.id);
  assert.ok(flagged, 'the system is flagged');
  assert.equal(flagged.k, sys.k);
  assert.equal(flagged.mfa, 'no');
  const level = p.levels.find((l) => l.k === sys.k);
  assert.ok(level.mfa_missing >= 1 && level.soc_logging >= 1);
  assert.equal(p.total.systems, p.units.reduce((n, u) => n + u.systems, 0), 'the förvaltningar sum to the total');
  assert.equal(p.total.soc_percent, Math.floor(p.total.soc_logging * 100 / p.total.systems));
  const page = await ciso.get('/inventory/coverage');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2>Vad skyddar vad<\/h2>/);
  assert.match(page.text, new RegExp(`<a href="/systems/${sys.id}">[^<]+</a> – K${sys.k}, Flerfaktorsautentisering: nej`));
  const own = await ciso.get(`/systems/${sys.id}`);
  assert.match(own.text, /Flerfaktorsautentisering krävs men saknas\./);
  assert.match(own.text, new RegExp(`konfidentialitet nivå ${sys.k}; Kravkatalogen`));

  r = await cisoApi.patch(`/api/v1/systems/${sys.id}`, { mfa: 'yes' });
  assert.equal(r.status, 200, r.text);
  p = await coverage();
  assert.equal(p.mfa_missing.find((s) => s.id === sys.id), undefined, 'no longer flagged');
  assert.doesNotMatch((await ciso.get(`/systems/${sys.id}`)).text, /krävs men saknas/);
  const en = await cisoApi.get(`/api/v1/systems/${sys.id}`);
  assert.equal(en.json.mfa, 'yes');
});

test('a disabled BEH-08 flags nothing; an unclassified system is never flagged', async () => {
  const sys = classifiedSystem(2);
  await cisoApi.patch(`/api/v1/systems/${sys.id}`, { mfa: 'no' });
  const before = await coverage();
  assert.ok(before.mfa_missing.some((s) => s.id === sys.id));
  assert.ok(before.mfa_missing.every((s) => s.k >= 2), 'only K2 and above are flagged');
  sql("UPDATE requirement SET active = 0 WHERE code = 'BEH-08'");
  try {
    const off = await coverage();
    assert.equal(off.mfa_required_from, 0);
    assert.equal(off.mfa_missing.length, 0);
  } finally {
    sql("UPDATE requirement SET active = 1 WHERE code = 'BEH-08'");
  }
  await cisoApi.patch(`/api/v1/systems/${sys.id}`, { mfa: null });
  const after = await coverage();
  assert.equal(after.mfa_missing.find((s) => s.id === sys.id).mfa, null, 'not stated counts as missing');
});

test('the CSV import maps SOC and MFA columns with Swedish words', async () => {
  const tag = unique('Prot').replace(/\s/g, '');
  const csv = '\ufeffNamn;Enhet;Status;Loggar till SOC;MFA\r\n' +
    `${tag} A;Socialförvaltningen;I drift;Ja;Nej\r\n` +
    `${tag} B;Socialförvaltningen;I drift;Nej;Ja\r\n`;
  const preview = await coord.upload('/import', { kind: 'systems' }, 'file', 'system.csv', Buffer.from(csv, 'utf8'));
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.match(preview.text, /2 rader kan importeras, 0 rader har fel/);
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  const done = await coord.post(`/import/${id}`, { step: 'import', expect: '2' });
  assert.equal(done.status, 200, done.text.slice(0, 2000));
  assert.equal(sql(`SELECT soc_logging || '/' || mfa FROM system WHERE name = '${tag} A'`).trim(), 'yes/no');
  assert.equal(sql(`SELECT soc_logging || '/' || mfa FROM system WHERE name = '${tag} B'`).trim(), 'no/yes');
});

test('a penetration test: on its system page, need-to-know, findings to a scan finding with a deadline', async () => {
  const sys = classifiedSystem(1);
  const tested = today();
  const findings = '- SQL-injektion i sökfältet på inloggningssidan\n- Svaga TLS-chiffer på administrationsgränssnittet\n';
  let r = await cisoApi.post('/api/v1/pentests', { system_id: sys.id, tested_on: tested, tester: 'Säkerhetsbolaget AB', scope: 'Webbgränssnittet utifrån', findings });
  assert.equal(r.status, 201, r.text);
  const pt = r.json;
  const sysUnit = sql(`SELECT unit_id FROM system WHERE id = ${sys.id}`).trim();
  assert.equal(String(pt.unit_id), sysUnit, 'the test is in its system\'s unit');

  const bad = await cisoApi.post('/api/v1/pentests', { system_id: sys.id, tested_on: tested, tester: 'X', scope: 'Y', retest_result: 'passed' });
  assert.equal(bad.status, 422, 'a retest result needs its date');
  assert.match(bad.text, /retest/i);
  const early = await cisoApi.patch(`/api/v1/pentests/${pt.id}`, { retest_on: addDays(tested, -3), retest_result: 'failed' });
  assert.equal(early.status, 422, 'a retest before the test');

  const page = await ciso.get(`/systems/${sys.id}`);
  assert.match(page.text, /<h2[^>]*>Penetrationstester/);
  assert.match(page.text, new RegExp(`href="/pentests/${pt.id}"`));
  const own = await ciso.get(`/pentests/${pt.id}`);
  assert.match(own.text, /SQL-injektion i sökfältet/);
  assert.match(own.text, /Skapa åtgärd/);
  assert.match(own.text, new RegExp(`href="/actions/new\\?source_entity=pentests&amp;source_id=${pt.id}`));
  assert.match(own.text, new RegExp(`action="/pentests/${pt.id}/scan-finding"`));

  // an employee reads no test: not in a list, not on the system's page, not by id
  const list = await employeeApi.get('/api/v1/pentests');
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 0);
  assert.ok([403, 404].includes((await employeeApi.get(`/api/v1/pentests/${pt.id}`)).status));
  const emp = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  assert.doesNotMatch((await emp.get(`/systems/${sys.id}`)).text, new RegExp(`/pentests/${pt.id}"`));
  assert.notEqual((await employeeApi.post(`/api/v1/pentests/${pt.id}/scan-finding?item=1&severity=high`)).status, 200);

  // the second finding as a high scan finding: the tenant's deadline for high (default 30 days)
  r = await cisoApi.post(`/api/v1/pentests/${pt.id}/scan-finding?item=2&severity=high`);
  assert.equal(r.status, 200, r.text);
  const made = await cisoApi.all(`/api/v1/scan_findings?host=pentest-${pt.id}`);
  assert.equal(made.length, 1);
  assert.equal(made[0].title, 'Svaga TLS-chiffer på administrationsgränssnittet');
  assert.equal(made[0].severity, 'high');
  assert.equal(made[0].status, 'open');
  assert.equal(made[0].due_on, addDays(today(), 30));
  assert.equal(made[0].system_id, sys.id);
  assert.equal(made[0].scanner, 'pentest');
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'scan_findings' AND action = 'create' AND entity_id = '${made[0].id}'`).trim()), 1, 'audited');
  assert.equal((await cisoApi.post(`/api/v1/pentests/${pt.id}/scan-finding?item=2&severity=high`)).status, 422, 'once only');
  assert.equal((await cisoApi.post(`/api/v1/pentests/${pt.id}/scan-finding?item=3&severity=high`)).status, 422, 'no third finding');
  assert.equal((await cisoApi.post(`/api/v1/pentests/${pt.id}/scan-finding?item=1&severity=urgent`)).status, 422, 'no such severity');
  assert.equal((await cisoApi.all(`/api/v1/scan_findings?host=pentest-${pt.id}`)).length, 1, 'the refusals wrote nothing');

  // the form, as the page posts it
  const form = await ciso.post(`/pentests/${pt.id}/scan-finding`, { item: '1', severity: 'critical' });
  assert.equal(form.status, 303, form.text.slice(0, 500));
  const crit = (await cisoApi.all(`/api/v1/scan_findings?host=pentest-${pt.id}`)).find((f) => f.port === '1');
  assert.equal(crit.severity, 'critical');
  assert.equal(crit.due_on, addDays(today(), 14));

  // a retest: passed
  r = await cisoApi.patch(`/api/v1/pentests/${pt.id}`, { retest_on: addDays(tested, 20), retest_result: 'passed' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.retest_result, 'passed');
});
