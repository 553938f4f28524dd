// Suppliers and agreements (issue 18): a supplier register with a checked
// organisationsnummer and contacts, systems pointing to it, the supplier's page (its
// systems, their highest protection need, its agreements and incidents), today's
// free-text names turned into records by the migration and linked later by command, and
// agreements: the notice date, an SLA's promise against the continuity plan, the missing
// PUB-avtal flag and the start page of the agreement's responsible person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, lis, unique } from './harness.mjs';

let server, ciso, cisoApi, employeeApi, employee, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  social = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const system = async (fields) => {
  const r = await cisoApi.post('/api/v1/systems', { name: unique('System'), unit_id: social.id, status: 'operation', ...fields });
  assert.equal(r.status, 201, r.text);
  return r.json;
};

test('a Swedish organisationsnummer must pass its check digit and is kept as NNNNNN-NNNN', async () => {
  const before = count('supplier');
  const wrong = await cisoApi.post('/api/v1/suppliers', { name: unique('Leverantör'), org_number: '556677-8898' });
  assert.equal(wrong.status, 422);
  assert.ok(wrong.json.error.fields.org_number, wrong.text);
  const short = await cisoApi.post('/api/v1/suppliers', { name: unique('Leverantör'), org_number: '55667788' });
  assert.equal(short.status, 422);
  assert.equal(count('supplier'), before, 'nothing written');
  const ok = await cisoApi.post('/api/v1/suppliers', { name: unique('Drift AB'), org_number: '16 5566778899',
    security_contact: 'Säkerhetschef', security_phone: '+46 8 555 000 00', incident_contact: 'Jouren', incident_phone: '+46 8 555 000 99' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.org_number, '556677-8899');
  assert.equal(ok.json.country, 'Sverige', 'empty country is Sweden');
  assert.equal(ok.json.incident_phone, '+46 8 555 000 99');
  // a foreign number follows its own country's rules: kept as written
  const fi = await cisoApi.post('/api/v1/suppliers', { name: unique('Oy'), country: 'Finland', org_number: 'FI 1234567-8' });
  assert.equal(fi.status, 201, fi.text);
  assert.equal(fi.json.org_number, 'FI 1234567-8');
  // an employee reads the register but does not write it
  assert.equal((await employeeApi.get(`/api/v1/suppliers/${ok.json.id}`)).status, 200);
  assert.equal((await employeeApi.post('/api/v1/suppliers', { name: unique('X') })).status, 403);
});

test('two suppliers never share a name, case and spaces aside', async () => {
  const name = unique('Norrdrift');
  assert.equal((await cisoApi.post('/api/v1/suppliers', { name })).status, 201);
  const twin = await cisoApi.post('/api/v1/suppliers', { name: ` ${name.toUpperCase().replace(' ', '  ')} ` });
  assert.equal(twin.status, 422, twin.text);
  assert.ok(twin.json.error.fields.name);
});

test('the migration makes records of the free-text names and links the systems; the rest are reported and linked by command', async () => {
  const tag = Date.now().toString(36);
  const a = await system({ supplier: `Tieto Evry ${tag}` });
  const b = await system({ supplier: ` tietoevry${tag.toUpperCase()} ` });
  const c = await system({ supplier: `Ensam ${tag}` });
  // back to the database as it was before migration 0025, with these free-text names
  // (and before 0036, which builds on it)
  sql(`DROP TABLE supplier_exit_plan; DROP TABLE analysis_supplier; DROP TABLE supplier_certification; DROP TABLE supplier_finding; DROP TABLE supplier_review_question;
       DROP TABLE supplier_review; DROP TABLE supplier_answer; DROP INDEX incident_tenant_supplier;
       ALTER TABLE incident DROP COLUMN supplier_id; DELETE FROM schema_migrations WHERE version = 36`);
  sql(`DROP TABLE agreement_transfer; DROP TABLE agreement_system; DROP TABLE agreement;
       UPDATE system SET supplier_id = NULL; DROP INDEX system_tenant_supplier;
       ALTER TABLE system DROP COLUMN supplier_id; DROP TABLE supplier;
       DELETE FROM schema_migrations WHERE version = 25`);
  lis('migrate');
  const one = sql(`SELECT COUNT(DISTINCT supplier_id) FROM system WHERE id IN (${a.id}, ${b.id})`).trim();
  assert.equal(one, '1', 'names differing in case and spaces are one supplier');
  const made = (await cisoApi.get(`/api/v1/systems/${a.id}`)).json;
  assert.ok(made.supplier_id);
  assert.equal((await cisoApi.get(`/api/v1/suppliers/${made.supplier_id}`)).json.name, `Tieto Evry ${tag}`, 'named as first written');
  assert.notEqual((await cisoApi.get(`/api/v1/systems/${c.id}`)).json.supplier_id, made.supplier_id);
  // written after the migration: one name matches the record, one matches none
  const later = await system({ supplier: `TIETO evry ${tag}` });
  const unknown = await system({ supplier: `Okänd ${tag}` });
  const report = (await cisoApi.get('/api/v1/suppliers/unmatched')).json.items;
  assert.ok(report.some((i) => i.system_id === unknown.id && i.supplier === `Okänd ${tag}`), 'the unmatched name is reported');
  assert.ok(!report.some((i) => i.system_id === later.id), 'a name with a record is not');
  const page = await ciso.get(`/suppliers/${made.supplier_id}`);
  assert.match(page.text, /id="supplier-unlinked"/);
  assert.ok(page.text.includes(later.name));
  assert.equal((await employeeApi.post(`/api/v1/suppliers/${made.supplier_id}/link`)).status, 403, 'only writers link');
  const linked = await cisoApi.post(`/api/v1/suppliers/${made.supplier_id}/link`);
  assert.equal(linked.status, 200, linked.text);
  assert.equal((await cisoApi.get(`/api/v1/systems/${later.id}`)).json.supplier_id, made.supplier_id);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'systems' AND entity_id = '${later.id}' AND action = 'update' AND diff LIKE '%supplier_id%'`).trim(), '1', 'the link is audited');
  const html = await ciso.get('/suppliers/unmatched');
  assert.equal(html.status, 200);
  assert.ok(html.text.includes(`Okänd ${tag}`));
});

test('the supplier page shows its systems, their highest protection need and the incidents the reader may read', async () => {
  const supplier = (await cisoApi.post('/api/v1/suppliers', { name: unique('Vårddrift') })).json;
  // a system of the demo whose information is classified
  const classified = sql(`SELECT l.system_id FROM system_asset l JOIN classification c ON c.asset_id = l.asset_id AND c.is_current = 1
    JOIN system s ON s.id = l.system_id JOIN information_asset a ON a.id = l.asset_id
    WHERE s.status <> 'retired' AND a.status <> 'retired' AND c.tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL') ORDER BY CAST(c.k AS INTEGER) DESC, l.system_id LIMIT 1`).trim();
  const k = sql(`SELECT MAX(CAST(c.k AS INTEGER)) FROM system_asset l JOIN classification c ON c.asset_id = l.asset_id AND c.is_current = 1 JOIN information_asset a ON a.id = l.asset_id WHERE a.status <> 'retired' AND l.system_id = ${classified}`).trim();
  assert.equal((await cisoApi.patch(`/api/v1/systems/${classified}`, { supplier_id: supplier.id })).status, 200);
  const listed = (await cisoApi.get(`/api/v1/systems?supplier_id=${supplier.id}`)).json.items;
  assert.deepEqual(listed.map((s) => String(s.id)), [classified]);
  const incident = await cisoApi.post('/api/v1/incidents', { title: unique('Intrång hos leverantören'), what_happened: 'Driftmiljön angripen.', discovered_at: '2026-11-02T08:00:00Z' });
  assert.equal(incident.status, 201, incident.text);
  assert.equal((await cisoApi.post('/api/v1/incident_links', { incident_id: incident.json.id, system_id: Number(classified) })).status, 201);
  const page = await ciso.get(`/suppliers/${supplier.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<tr class="level-${k}"><th scope="row">Konfidentialitet`));
  assert.ok(page.text.includes(incident.json.title), 'the CISO sees the incident');
  const theirs = await employee.get(`/suppliers/${supplier.id}`);
  assert.equal(theirs.status, 200);
  assert.ok(!theirs.text.includes(incident.json.title), 'need-to-know: an employee does not');
  const reader = await loggedIn(server.base, 'ciso@exempelkommun.se');
  await reader.post('/lang', { lang: 'en', back: '/home' });
  const english = await reader.get(`/suppliers/${supplier.id}`);
  await reader.post('/lang', { lang: 'sv', back: '/home' }); // the choice is the account's
  assert.match(english.text, /Highest protection need among the supplier&#39;s systems/);
  assert.match(english.text, /Incidents in the supplier&#39;s systems/);
});

test('an agreement: its notice date follows from end and notice period; figures belong to their kind', async () => {
  const supplier = (await cisoApi.post('/api/v1/suppliers', { name: unique('Avtalspart') })).json;
  const before = count('agreement');
  const bad = await cisoApi.post('/api/v1/agreements', { title: unique('Avtal'), kind: 'avtal', supplier_id: supplier.id, rto_hours: 8,
    start_date: '2026-01-01', end_date: '2025-12-31' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.rto_hours && bad.json.error.fields.end_date, bad.text);
  const pct = await cisoApi.post('/api/v1/agreements', { title: unique('SLA'), kind: 'sla', supplier_id: supplier.id, availability: '101' });
  assert.equal(pct.status, 422);
  assert.equal(count('agreement'), before, 'nothing written');
  const ok = await cisoApi.post('/api/v1/agreements', { title: unique('SLA'), kind: 'sla', supplier_id: supplier.id, availability: '99,50 %',
    start_date: '2024-06-01', end_date: '2027-05-31', notice_months: 3, document_location: 'KS 2024/88' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.notice_date, '2027-02-28');
  assert.equal(ok.json.availability, '99.5');
  const transfer = await cisoApi.post('/api/v1/agreement_transfers', { agreement_id: ok.json.id, country: 'USA', legal_ground: 'scc' });
  assert.equal(transfer.status, 422, 'transfers belong to a PUB-avtal');
  const pub = (await cisoApi.post('/api/v1/agreements', { title: unique('PUB'), kind: 'pub', supplier_id: supplier.id, processing: 'Lagring av e-post.' })).json;
  assert.equal((await cisoApi.post('/api/v1/agreement_transfers', { agreement_id: pub.id, country: 'USA', legal_ground: 'adequacy' })).status, 201);
  const change = await cisoApi.patch(`/api/v1/agreements/${pub.id}`, { kind: 'avtal', processing: null });
  assert.equal(change.status, 422, 'a PUB-avtal with transfers stays one');
});

test('an SLA promising a longer RTO than the continuity plan needs is flagged on the agreement', async () => {
  const object = (await cisoApi.post('/api/v1/objects', { name: unique('Objekt'), unit_id: social.id, status: 'operation' })).json;
  const sys = await system({ object_id: object.id });
  assert.equal((await cisoApi.post('/api/v1/continuity_plans', { name: unique('Plan'), object_id: object.id, mtpd_hours: 24, rto_hours: 8, rpo_hours: 4 })).status, 201);
  const supplier = (await cisoApi.post('/api/v1/suppliers', { name: unique('Hallen') })).json;
  const sla = (await cisoApi.post('/api/v1/agreements', { title: unique('SLA'), kind: 'sla', supplier_id: supplier.id, rto_hours: 24, rpo_hours: 4, backup_hours: 4 })).json;
  assert.equal((await cisoApi.post('/api/v1/agreement_systems', { agreement_id: sla.id, system_id: sys.id })).status, 201);
  assert.equal((await cisoApi.post('/api/v1/agreement_systems', { agreement_id: sla.id, system_id: sys.id })).status, 422, 'once');
  let page = await ciso.get(`/agreements/${sla.id}`);
  assert.match(page.text, /Avtalet lovar mindre än kontinuitetsplanerna kräver/);
  assert.match(page.text, /Utlovad RTO är längre än planens/);
  assert.doesNotMatch(page.text, /Utlovad RPO är längre än planens/);
  assert.equal((await cisoApi.patch(`/api/v1/agreements/${sla.id}`, { rto_hours: 8 })).status, 200);
  page = await ciso.get(`/agreements/${sla.id}`);
  assert.match(page.text, /Avtalet uppfyller kontinuitetsplanernas krav/);
});

test('a system with personal data run by a supplier without a PUB-avtal is flagged until one covers it', async () => {
  const personal = sql(`SELECT l.system_id FROM system_asset l JOIN classification c ON c.asset_id = l.asset_id AND c.is_current = 1
    WHERE c.personal_data = 1 AND c.tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL') ORDER BY l.system_id LIMIT 1`).trim();
  assert.ok(personal, 'the demo has a system with personal data');
  const supplier = (await cisoApi.post('/api/v1/suppliers', { name: unique('Molnet') })).json;
  assert.equal((await cisoApi.patch(`/api/v1/systems/${personal}`, { supplier_id: supplier.id, hosting: 'own' })).status, 200);
  assert.doesNotMatch((await ciso.get(`/systems/${personal}`)).text, /id="pub-missing"/, 'run by ourselves: no processor');
  assert.equal((await cisoApi.patch(`/api/v1/systems/${personal}`, { hosting: 'cloud' })).status, 200);
  assert.match((await ciso.get(`/systems/${personal}`)).text, /id="pub-missing"/);
  assert.match((await ciso.get(`/suppliers/${supplier.id}`)).text, /id="pub-missing"/);
  const flagged = (html) => html.slice(html.indexOf('id="pub-missing"')).split('</section>')[0].includes(`href="/systems/${personal}"`);
  assert.ok(flagged((await ciso.get('/lagesbild')).text), 'on the lägesbild too');
  // a PUB-avtal with the supplier that does not cover the system is not enough
  const pub = (await cisoApi.post('/api/v1/agreements', { title: unique('PUB'), kind: 'pub', supplier_id: supplier.id })).json;
  assert.match((await ciso.get(`/systems/${personal}`)).text, /id="pub-missing"/);
  assert.equal((await cisoApi.post('/api/v1/agreement_systems', { agreement_id: pub.id, system_id: Number(personal) })).status, 201);
  assert.doesNotMatch((await ciso.get(`/systems/${personal}`)).text, /id="pub-missing"/);
  assert.doesNotMatch((await ciso.get(`/suppliers/${supplier.id}`)).text, /id="pub-missing"/);
  assert.ok(!flagged((await ciso.get('/lagesbild')).text));
});

test('the notice date and the end of an agreement reach the responsible person\'s start page', async () => {
  const me = (await cisoApi.get('/api/v1/me')).json;
  const supplier = (await cisoApi.post('/api/v1/suppliers', { name: unique('Påminnelse') })).json;
  const notice = (await cisoApi.post('/api/v1/agreements', { title: unique('Uppsägs snart'), kind: 'avtal', supplier_id: supplier.id,
    responsible_id: me.person_id ?? me.id, end_date: day(40), notice_months: 1 })).json;
  assert.ok(notice.notice_date, JSON.stringify(notice));
  const ending = (await cisoApi.post('/api/v1/agreements', { title: unique('Löper ut'), kind: 'avtal', supplier_id: supplier.id,
    responsible_id: me.person_id ?? me.id, end_date: day(5) })).json;
  const far = (await cisoApi.post('/api/v1/agreements', { title: unique('Långt kvar'), kind: 'avtal', supplier_id: supplier.id,
    responsible_id: me.person_id ?? me.id, end_date: day(400), notice_months: 3 })).json;
  const items = (await cisoApi.get('/api/v1/todo')).json.items;
  const of = (a) => items.filter((i) => i.href === `/agreements/${a.id}`);
  assert.deepEqual(of(notice).map((i) => [i.what, i.due]), [['Sista dag att säga upp avtal', notice.notice_date]]);
  assert.deepEqual(of(ending).map((i) => [i.what, i.due]), [['Avtal som löper ut', day(5)]]);
  assert.equal(of(far).length, 0);
  // not someone else's
  const others = (await employeeApi.get('/api/v1/todo')).json.items;
  assert.ok(!others.some((i) => i.href === `/agreements/${ending.id}`));
  const home = await ciso.get('/home');
  assert.ok(home.text.includes(ending.title));
});
