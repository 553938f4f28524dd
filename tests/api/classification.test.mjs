// Informationsklassning: a draft prepared by the samordnare, decided by the information
// owner (and by no one else), frozen once decided, versioned; the protection need of
// systems and objects follows the current classifications; reclassification triggers,
// overdue and never-classified assets on the overview; bad input changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, coord, owner, ownerWeb, admin, adminWeb, employee, social, ownerPerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  sql("UPDATE tenant SET review_months = 12 WHERE code = 'EXEMPEL'"); // a failed run may have left 24
  coord = await apiClient(server.base, 'samordnare@exempelkommun.se');
  owner = await apiClient(server.base, 'agare@exempelkommun.se');
  ownerWeb = await loggedIn(server.base, 'agare@exempelkommun.se');
  admin = await apiClient(server.base, 'admin@exempelkommun.se');
  adminWeb = await loggedIn(server.base, 'admin@exempelkommun.se');
  employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  social = (await admin.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  ownerPerson = (await admin.get('/api/v1/people?q=agare%40exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

async function newAsset(name = unique('Information')) {
  // the tenant admin appoints the owner (a samordnare may not: owner_appoint.test.mjs)
  const r = await admin.post('/api/v1/assets', { name, unit_id: social.id, status: 'operation', owner_id: ownerPerson.id });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const levels = (k, r, t, extra = {}) => ({ k: String(k), r: String(r), t: String(t), motivation: 'Bedömt på klassningsmöte.', classified_on: '2026-11-02', ...extra });

async function classify(asset, k, r, t, extra) {
  const c = await coord.post('/api/v1/classifications', { asset_id: asset.id, ...levels(k, r, t, extra) });
  assert.equal(c.status, 201, c.text);
  const d = await owner.post(`/api/v1/classifications/${c.json.id}/decide`);
  assert.equal(d.status, 200, d.text);
  return d.json;
}

test('a draft is prepared, decided by the information owner (not the samordnare), then frozen', async () => {
  const asset = await newAsset();
  const draft = await coord.post('/api/v1/classifications', { asset_id: asset.id, ...levels(2, 1, 3, { personal_data: true, participants: 'Olle, Sara' }) });
  assert.equal(draft.status, 201, draft.text);
  assert.equal(draft.json.status, 'draft');
  assert.equal(draft.json.version, 1);
  assert.equal(draft.json.unit_id, social.id);
  const second = await coord.post('/api/v1/classifications', { asset_id: asset.id, ...levels(1, 1, 1) });
  assert.equal(second.status, 422);
  assert.ok(second.json.error.fields.asset_id, second.text);

  const byCoord = await coord.post(`/api/v1/classifications/${draft.json.id}/decide`);
  assert.equal(byCoord.status, 422);
  assert.match(byCoord.json.error.message, /owner/);
  assert.equal((await employee.post(`/api/v1/classifications/${draft.json.id}/decide`)).status, 422);

  const decided = await owner.post(`/api/v1/classifications/${draft.json.id}/decide`);
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.status, 'decided');
  assert.equal(decided.json.decided_by, ownerPerson.id);
  assert.equal(decided.json.decided_as, 'owner');
  assert.equal(decided.json.next_review, '2027-11-02', 'twelve months after the classification date');
  assert.equal((await owner.post(`/api/v1/classifications/${draft.json.id}/decide`)).status, 422);

  const edit = await coord.patch(`/api/v1/classifications/${draft.json.id}`, { k: '0' });
  assert.equal(edit.status, 422);
  assert.equal((await coord.get(`/api/v1/classifications/${draft.json.id}`)).json.k, '2');
  const audit = sql(`SELECT action FROM audit_log WHERE entity = 'classifications' AND entity_id = '${draft.json.id}' ORDER BY seq`);
  assert.deepEqual(audit.trim().split('\n'), ['create', 'decide']);

  const page = await ownerWeb.get(`/assets/${asset.id}`);
  assert.match(page.text, /Gällande klassning: Version 1/);
  assert.match(page.text, /3 – Allvarlig skada/);
  assert.match(page.text, /Personuppgifter \(GDPR\)/);
  assert.match(page.text, /Nästa översyn[\s\S]*2027-11-02/);
});

test('a new version replaces the current one; the earlier stays readable', async () => {
  const asset = await newAsset();
  const v1 = await classify(asset, 1, 1, 1);
  const form = await ownerWeb.get(`/assets/${asset.id}`);
  assert.match(form.text, /Ny version/);
  const v2 = await classify(asset, 3, 2, 2, { sensitive_data: true, osl: true, osl_ref: '26 kap. 1 § OSL' });
  assert.equal(v2.version, 2);
  assert.equal(v2.personal_data, true, 'sensitive personal data are personal data');
  assert.equal(sql(`SELECT is_current FROM classification WHERE id = ${v1.id}`).trim(), '0');
  assert.equal(sql(`SELECT is_current FROM classification WHERE id = ${v2.id}`).trim(), '1');
  const page = await ownerWeb.get(`/assets/${asset.id}`);
  assert.match(page.text, /Gällande klassning: Version 2/);
  assert.match(page.text, /Version 1<\/a> \(Beslutad/);
  assert.match(page.text, /26 kap\. 1 § OSL/);
  assert.equal((await ownerWeb.get(`/classifications/${v1.id}`)).status, 200);
});

test('bad input gets an error per field and writes nothing', async () => {
  const asset = await newAsset();
  const before = sql('SELECT COUNT(*) FROM classification').trim();
  const cases = [
    [{ ...levels(5, 1, 1) }, 'k'],
    [{ ...levels(1, 1, 1), osl: true }, 'osl_ref'],
    [{ ...levels(1, 1, 1), motivation: '' }, 'motivation'],
    [{ ...levels(1, 1, 1), next_review: '2026-01-01' }, 'next_review'],
    [{ ...levels(1, 1, 1), classified_on: '2026-02-30' }, 'classified_on'],
    [{ ...levels(1, 1, 1), status: 'decided' }, 'status'],
  ];
  for (const [body, field] of cases) {
    const r = await coord.post('/api/v1/classifications', { asset_id: asset.id, ...body });
    assert.ok(r.status === 422 || r.status === 400, `${field}: ${r.status} ${r.text}`);
    assert.ok(r.json.error.fields[field], `${field}: ${r.text}`);
  }
  assert.equal((await employee.post('/api/v1/classifications', { asset_id: asset.id, ...levels(1, 1, 1) })).status, 403);
  assert.equal(sql('SELECT COUNT(*) FROM classification').trim(), before);
  const form = await adminWeb.post('/classifications', { asset_id: String(asset.id), k: '9', r: '1', t: '1', motivation: 'x', classified_on: '2026-11-02' });
  assert.equal(form.status, 422);
  assert.match(form.text, /Konfidentialitet/);
  assert.equal(sql('SELECT COUNT(*) FROM classification').trim(), before);
});

test('a system and its object need at least the highest level of their information', async () => {
  const a = await newAsset(unique('Journaler'));
  const b = await newAsset(unique('Kontaktuppgifter'));
  const unclassified = await newAsset(unique('Oklassad'));
  await classify(a, 3, 1, 2);
  await classify(b, 2, 2, 4);
  const object = (await coord.post('/api/v1/objects', { name: unique('Omsorgsobjekt'), unit_id: social.id, status: 'operation' })).json;
  const system = (await coord.post('/api/v1/systems', { name: unique('Omsorgssystem'), unit_id: social.id, status: 'operation', object_id: object.id })).json;
  for (const asset of [a, b, unclassified]) {
    const l = await coord.post('/api/v1/system_assets', { system_id: system.id, asset_id: asset.id });
    assert.equal(l.status, 201, l.text);
  }
  const row = (html, aspect) => html.match(new RegExp(`<th scope="row">${aspect}</th><td>([^<]+)</td><td>([\\s\\S]*?)</td>`));
  let page = (await ownerWeb.get(`/systems/${system.id}`)).text;
  assert.match(row(page, 'Konfidentialitet')[1], /^3 – Allvarlig/);
  assert.match(row(page, 'Konfidentialitet')[2], new RegExp(a.name));
  assert.match(row(page, 'Riktighet')[1], /^2 – Betydande/);
  assert.match(row(page, 'Riktighet')[2], new RegExp(b.name));
  assert.match(row(page, 'Tillgänglighet')[1], /^4 – Synnerligen/);
  assert.match(page, /Nivå 4 ligger utanför kravkatalogen/);
  assert.match(page, new RegExp(`utan gällande klassning: <a href="/assets/${unclassified.id}"`));
  const objectPage = (await ownerWeb.get(`/objects/${object.id}`)).text;
  assert.match(row(objectPage, 'Konfidentialitet')[1], /^3 – Allvarlig/);
  assert.match(objectPage, new RegExp(system.name));

  // a new decision for a lowers confidentiality everywhere at once
  await classify(a, 1, 1, 1);
  page = (await ownerWeb.get(`/systems/${system.id}`)).text;
  assert.match(row(page, 'Konfidentialitet')[1], /^2 – Betydande/);
  assert.match(row(page, 'Konfidentialitet')[2], new RegExp(b.name));

  // retired information no longer raises the object's need (the coverage counts read the same)
  const retired = await coord.patch(`/api/v1/assets/${b.id}`, { status: 'retired' });
  assert.equal(retired.status, 200, retired.text);
  const after = (await ownerWeb.get(`/objects/${object.id}`)).text;
  assert.match(row(after, 'Tillgänglighet')[1], /^1 – /);
});

test('reclassification: triggers, never classified and overdue show on the overview', async () => {
  const never = await newAsset(unique('Aldrig'));
  const trig = await newAsset(unique('Upphandlas'));
  const c = await classify(trig, 1, 1, 1);
  const bad = await coord.post(`/api/v1/classifications/${c.id}/trigger`, { reason: 'whim' });
  assert.equal(bad.status, 422);
  assert.equal((await employee.post(`/api/v1/classifications/${c.id}/trigger`, { reason: 'procurement' })).status, 403);
  const t = await coord.post(`/api/v1/classifications/${c.id}/trigger`, { reason: 'procurement' });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.review_trigger, 'procurement');
  const late = await newAsset(unique('Försenad'));
  const old = await classify(late, 1, 1, 1, { classified_on: '2024-01-10' });
  assert.equal(old.next_review, '2025-01-10');

  const page = (await adminWeb.get('/classification')).text;
  const rowOf = (name) => page.match(new RegExp(`${name}</a></td><td>[^<]*</td>\\s*<td>([^<]+)</td>`))?.[1];
  assert.equal(rowOf(never.name), 'Aldrig klassad');
  assert.equal(rowOf(trig.name), 'Upphandling');
  assert.equal(rowOf(late.name), 'Översyn försenad');
  const asset = (await ownerWeb.get(`/assets/${trig.id}`)).text;
  assert.match(asset, /Översyn behövs[\s\S]*Upphandling/);
});

test('the review interval is the tenant admin\'s, checked and audited', async () => {
  const bad = await adminWeb.post('/classification/settings', { months: '0' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /mellan 1 och 60/);
  const coordWeb = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await coordWeb.post('/classification/settings', { months: '6' })).status, 403);
  const ok = await adminWeb.post('/classification/settings', { months: '24' });
  assert.equal(ok.status, 303);
  const asset = await newAsset();
  const c = await classify(asset, 1, 1, 1, { classified_on: '2026-11-03' });
  assert.equal(c.next_review, '2028-11-03');
  assert.match(sql("SELECT diff FROM audit_log WHERE action = 'settings' ORDER BY seq DESC LIMIT 1"), /"review_months":\["12","24"\]/);
  await adminWeb.post('/classification/settings', { months: '12' });
});

test('a system going into procurement or operation marks its information due, audited', async () => {
  const asset = await newAsset(unique('Uppföljd'));
  await classify(asset, 1, 1, 1);
  const system = (await coord.post('/api/v1/systems', { name: unique('Nytt system'), unit_id: social.id, status: 'planned' })).json;
  assert.equal((await coord.post('/api/v1/system_assets', { system_id: system.id, asset_id: asset.id })).status, 201);
  const current = async () => (await coord.get(`/api/v1/classifications?asset_id=${asset.id}&status=decided`)).json.items.find((c) => c.version === 1);
  assert.equal((await current()).review_trigger, null);
  assert.equal((await coord.patch(`/api/v1/systems/${system.id}`, { status: 'procurement' })).status, 200);
  assert.equal((await current()).review_trigger, 'procurement');
  const again = await classify(asset, 1, 1, 1);
  assert.equal(again.review_trigger, null, 'a new decision starts clean');
  assert.equal((await coord.patch(`/api/v1/systems/${system.id}`, { status: 'operation' })).status, 200);
  const v2 = (await coord.get(`/api/v1/classifications/${again.id}`)).json;
  assert.equal(v2.review_trigger, 'golive');
  assert.match(sql(`SELECT action FROM audit_log WHERE entity = 'classifications' AND entity_id = '${again.id}' ORDER BY seq DESC LIMIT 1`), /trigger/);
});

// Issue 16 §3: a decided version offers "Ny version", never an "Ändra" that fails, and the
// new version carries over every answer, the OSL reference and the motivation too.
test('a decided version offers "Ny version", filled in from it; no "Ändra" that fails', async () => {
  const asset = await newAsset();
  const decided = await classify(asset, 3, 2, 2, { osl: true, osl_ref: 'OSL 26 kap. 1 § (socialtjänst)', participants: 'Olle & Sara' });
  const coordWeb = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const page = await coordWeb.get(`/classifications/${decided.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, new RegExp(`href="/classifications/${decided.id}/edit"`), 'no Ändra on a decided version');
  assert.match(page.text, new RegExp(`href="/classifications/${decided.id}/new-version">Ny version`));
  // the asset's page offers the same
  assert.match((await coordWeb.get(`/assets/${asset.id}`)).text, new RegExp(`href="/classifications/${decided.id}/new-version"`));
  const go = await coordWeb.get(`/classifications/${decided.id}/new-version`);
  assert.equal(go.status, 303);
  const url = new URL(go.location, server.base);
  assert.equal(url.pathname, '/classifications/new');
  const q = url.searchParams;
  assert.equal(q.get('asset_id'), String(asset.id));
  assert.equal(q.get('k'), '3');
  assert.equal(q.get('osl'), '1');
  assert.equal(q.get('osl_ref'), 'OSL 26 kap. 1 § (socialtjänst)');
  assert.equal(q.get('participants'), 'Olle & Sara');
  assert.equal(q.get('motivation'), 'Bedömt på klassningsmöte.');
  // the form it leads to is filled in: saving it as it is makes version 2
  const form = await coordWeb.get(go.location);
  assert.match(form.text, /value="OSL 26 kap. 1 § \(socialtjänst\)"/);
  // one who may not prepare a version is refused, and an unknown id is not found
  const employeeWeb = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  assert.equal((await employeeWeb.get(`/classifications/${decided.id}/new-version`)).status, 403);
  assert.doesNotMatch((await employeeWeb.get(`/classifications/${decided.id}`)).text, /new-version/);
  assert.equal((await coordWeb.get('/classifications/999999/new-version')).status, 404);
  assert.equal((await coordWeb.get('/classifications/x/new-version')).status, 404);
  // a draft keeps its "Ändra"
  const draft = await coord.post('/api/v1/classifications', { asset_id: asset.id, ...levels(3, 3, 2) });
  assert.equal(draft.status, 201, draft.text);
  const draftPage = await coordWeb.get(`/classifications/${draft.json.id}`);
  assert.match(draftPage.text, new RegExp(`href="/classifications/${draft.json.id}/edit"`));
  assert.doesNotMatch(draftPage.text, /new-version/);
});
