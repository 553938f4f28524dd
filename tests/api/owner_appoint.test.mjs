// Who appoints an owner (issue 15 §8): a samordnare who writes the inventory cannot make
// herself an asset's owner and then decide its classification — not by form, API or CSV
// import. Owners are appointed by the CISO, the tenant admin and the ledning for their
// own units; an owner cannot hand the ownership on. A classification decision records by
// right of what it was made (informationsägare, CISO, ledning), on the decision and in
// the audit log, in Swedish and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, coordApi, coordWeb, ownerApi, cisoApi, cisoWeb, ledningApi, ledningWeb, adminApi;
let social, school, coordPerson, ownerPerson, teacherPerson;
before(async () => {
  server = await startLis();
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  coordWeb = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  ownerApi = await apiClient(server.base, 'agare@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  cisoWeb = await loggedIn(server.base, 'ciso@exempelkommun.se');
  ledningApi = await apiClient(server.base, 'ledning@exempelkommun.se');
  ledningWeb = await loggedIn(server.base, 'ledning@exempelkommun.se');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  const units = (await adminApi.get('/api/v1/units?limit=100')).json.items;
  social = units.find((u) => u.name === 'Socialförvaltningen');
  school = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  const person = async (email) => (await adminApi.get(`/api/v1/people?q=${encodeURIComponent(email)}`)).json.items[0];
  coordPerson = await person('samordnare@exempelkommun.se');
  ownerPerson = await person('agare@exempelkommun.se');
  teacherPerson = await person('medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const ownerOf = (table, id) => sql(`SELECT COALESCE(CAST(owner_id AS TEXT), '-') FROM ${table} WHERE id = ${id}`).trim();

async function assetBy(api, extra = {}) {
  const r = await api.post('/api/v1/assets', { name: unique('Ägarprov'), unit_id: social.id, status: 'operation', ...extra });
  return r;
}

test('a samordnare cannot make herself owner: not when creating, not by a change, by API or form', async () => {
  // creating with herself as owner: refused, nothing saved
  const name = unique('Självutsedd');
  const made = await coordApi.post('/api/v1/assets', { name, unit_id: social.id, status: 'operation', owner_id: coordPerson.id });
  assert.equal(made.status, 403, made.text);
  assert.ok(made.json.error.fields.owner_id, made.text);
  assert.equal(sql(`SELECT COUNT(*) FROM information_asset WHERE name = '${name}'`).trim(), '0');
  // she still writes the inventory: an asset without owner, a system, a change of name
  const asset = await assetBy(coordApi);
  assert.equal(asset.status, 201, asset.text);
  for (const kind of ['assets', 'systems', 'objects', 'processes']) {
    const mine = kind === 'assets' ? asset.json : (await coordApi.post(`/api/v1/${kind}`, { name: unique('Utan ägare'), unit_id: social.id, status: 'operation' })).json;
    const patch = await coordApi.patch(`/api/v1/${kind}/${mine.id}`, { owner_id: coordPerson.id });
    assert.equal(patch.status, 403, `${kind}: ${patch.text}`);
    assert.match(patch.json.error.fields.owner_id, /may not change this field/, kind);
    const table = { assets: 'information_asset', systems: 'system', objects: 'managed_object', processes: 'process' }[kind];
    assert.equal(ownerOf(table, mine.id), '-', `${kind}: the owner is unchanged`);
  }
  const renamed = await coordApi.patch(`/api/v1/assets/${asset.json.id}`, { name: unique('Nytt namn') });
  assert.equal(renamed.status, 200, renamed.text);
  // the form: the owner field says who appoints; choosing herself is refused on the field
  const form = await coordWeb.get(`/assets/${asset.json.id}/edit`);
  assert.match(form.text, /Ägaren utses av ledningen för enheten/);
  const post = await coordWeb.post(`/assets/${asset.json.id}`, { name: 'Formulärnamn', unit_id: String(social.id), status: 'operation', owner_id: String(coordPerson.id) });
  assert.equal(post.status, 422, post.text.slice(0, 300));
  assert.match(post.text, /Du har inte rätt att ändra det här fältet i den här enheten/);
  assert.equal(ownerOf('information_asset', asset.json.id), '-');
  assert.notEqual(sql(`SELECT name FROM information_asset WHERE id = ${asset.json.id}`).trim(), 'Formulärnamn', 'nothing of the form was saved');
  // a new record through the form, owner filled in: refused, not created
  const formName = unique('Formulärägare');
  const created = await coordWeb.post('/assets', { name: formName, unit_id: String(social.id), status: 'operation', owner_id: String(coordPerson.id) });
  assert.notEqual(created.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM information_asset WHERE name = '${formName}'`).trim(), '0');
});

test('a CSV import cannot name owners for someone without the right to appoint them', async () => {
  const tag = unique('Impägare').replace(/\s/g, '');
  const csv = `Namn;Enhet;Status;Informationsägare\n${tag} Egen;Socialförvaltningen;I drift;samordnare@exempelkommun.se\n${tag} Utan;Socialförvaltningen;I drift;\n`;
  const preview = await coordWeb.upload('/import', { kind: 'assets' }, 'file', 'agare.csv', Buffer.from(csv));
  assert.equal(preview.status, 422, preview.text.slice(0, 2000));
  assert.match(preview.text, /1 rad kan importeras, 1 rad har fel/);
  assert.match(preview.text, /<tr class="bad"><td>2<\/td><td>[\s\S]*?Du har inte rätt att ändra det här fältet/);
  assert.equal(sql(`SELECT COUNT(*) FROM information_asset WHERE name LIKE '${tag}%'`).trim(), '0');
  // the CISO may: the same file imports
  const ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const ok = await ciso.upload('/import', { kind: 'assets' }, 'file', 'agare.csv', Buffer.from(csv));
  assert.equal(ok.status, 200, ok.text.slice(0, 2000));
  const id = ok.text.match(/action="\/import\/(\d+)"/)[1];
  assert.equal((await ciso.post(`/import/${id}`, { step: 'import', expect: '2' })).status, 200);
  assert.equal(sql(`SELECT owner_id FROM information_asset WHERE name = '${tag} Egen'`).trim(), String(coordPerson.id));
});

test('the owner cannot hand the ownership on; the CISO, the admin and the ledning appoint', async () => {
  const asset = (await assetBy(cisoApi, { owner_id: ownerPerson.id })).json;
  assert.equal(ownerOf('information_asset', asset.id), String(ownerPerson.id), 'the CISO appoints when creating');
  const handOn = await ownerApi.patch(`/api/v1/assets/${asset.id}`, { owner_id: coordPerson.id });
  assert.equal(handOn.status, 403, handOn.text);
  assert.equal(ownerOf('information_asset', asset.id), String(ownerPerson.id));
  // the tenant-wide ledning: may appoint, but not otherwise write the inventory
  const byLedning = await ledningApi.patch(`/api/v1/assets/${asset.id}`, { owner_id: coordPerson.id });
  assert.equal(byLedning.status, 200, byLedning.text);
  assert.equal(ownerOf('information_asset', asset.id), String(coordPerson.id));
  const rename = await ledningApi.patch(`/api/v1/assets/${asset.id}`, { name: unique('Ledningens namn') });
  assert.equal(rename.status, 403, 'appointing is not writing the inventory');
  // the ledning through the form: the edit page, the owner changed, the rest as it was
  const edit = await ledningWeb.get(`/assets/${asset.id}`);
  assert.match(edit.text, new RegExp(`href="/assets/${asset.id}/edit"`), 'the page offers the edit form');
  assert.equal((await ledningWeb.get(`/assets/${asset.id}/edit`)).status, 200);
  const current = (await cisoApi.get(`/api/v1/assets/${asset.id}`)).json;
  const post = await ledningWeb.post(`/assets/${asset.id}`, { name: current.name, unit_id: String(social.id), status: 'operation', owner_id: String(ownerPerson.id) });
  assert.equal(post.status, 303, post.text.slice(0, 500));
  assert.equal(ownerOf('information_asset', asset.id), String(ownerPerson.id));
  // the tenant admin too
  assert.equal((await adminApi.patch(`/api/v1/assets/${asset.id}`, { owner_id: null })).status, 200);
  assert.equal(ownerOf('information_asset', asset.id), '-');
  // every appointment is in the audit log as a change of the owner
  const changes = sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'assets' AND entity_id = '${asset.id}' AND action = 'update' AND diff LIKE '%owner_id%'`).trim();
  assert.equal(changes, '3');
});

test('a ledning held for one förvaltning appoints there and nowhere else', async () => {
  const role = await adminApi.post('/api/v1/roles', { person_id: teacherPerson.id, role: 'ledning', unit_id: school.id });
  assert.equal(role.status, 201, role.text);
  try {
    const chef = await apiClient(server.base, 'medarbetare@exempelkommun.se');
    const inSchool = (await cisoApi.post('/api/v1/assets', { name: unique('Elevregister'), unit_id: school.id, status: 'operation' })).json;
    const inSocial = (await assetBy(cisoApi)).json;
    assert.equal((await chef.patch(`/api/v1/assets/${inSchool.id}`, { owner_id: teacherPerson.id })).status, 200);
    assert.equal(ownerOf('information_asset', inSchool.id), String(teacherPerson.id));
    assert.equal((await chef.patch(`/api/v1/assets/${inSocial.id}`, { owner_id: teacherPerson.id })).status, 403);
    assert.equal(ownerOf('information_asset', inSocial.id), '-');
  } finally {
    assert.equal((await adminApi.delete(`/api/v1/roles/${role.json.id}`)).status, 204);
  }
});

test('a decision records by right of what it was made: owner, CISO; on the page and in the audit log', async () => {
  const levels = { k: '2', r: '1', t: '2', motivation: 'Personuppgifter om brukare.', classified_on: '2026-11-02' };
  // the samordnare prepares; she is not the owner and appoints no one: she cannot decide
  const asset = (await assetBy(cisoApi, { owner_id: ownerPerson.id })).json;
  const draft = await coordApi.post('/api/v1/classifications', { asset_id: asset.id, ...levels });
  assert.equal(draft.status, 201, draft.text);
  const byCoord = await coordApi.post(`/api/v1/classifications/${draft.json.id}/decide`);
  assert.equal(byCoord.status, 422, byCoord.text);
  // the owner decides as information owner
  const byOwner = await ownerApi.post(`/api/v1/classifications/${draft.json.id}/decide`);
  assert.equal(byOwner.status, 200, byOwner.text);
  assert.equal(byOwner.json.decided_as, 'owner');
  // the next version, decided by the CISO in the owner's stead
  const v2 = await coordApi.post('/api/v1/classifications', { asset_id: asset.id, ...levels, k: '3' });
  assert.equal(v2.status, 201, v2.text);
  const page = await cisoWeb.get(`/assets/${asset.id}`);
  assert.match(page.text, /Du beslutar i informationsägarens ställe/);
  const byCiso = await cisoApi.post(`/api/v1/classifications/${v2.json.id}/decide`);
  assert.equal(byCiso.status, 200, byCiso.text);
  assert.equal(byCiso.json.decided_as, 'ciso');
  assert.equal(byCiso.json.decided_by, (await cisoApi.get('/api/v1/people?q=ciso%40exempelkommun.se')).json.items[0].id);
  // on the asset's page and the decision's own page, in Swedish and English
  const sv = await cisoWeb.get(`/assets/${asset.id}`);
  assert.match(sv.text, /Beslutad i egenskap av<\/dt><dd>informationssäkerhetsansvarig \(CISO\)/);
  const decision = await cisoWeb.get(`/classifications/${v2.json.id}`);
  assert.match(decision.text, /Beslutad i egenskap av[\s\S]{0,40}informationssäkerhetsansvarig \(CISO\)/);
  const first = await cisoWeb.get(`/classifications/${draft.json.id}`);
  assert.match(first.text, /Beslutad i egenskap av[\s\S]{0,40}informationsägare/);
  await cisoWeb.post('/lang', { lang: 'en', next: `/classifications/${v2.json.id}` });
  const en = await cisoWeb.get(`/classifications/${v2.json.id}`);
  assert.match(en.text, /Decided as[\s\S]{0,40}chief information security officer \(CISO\)/);
  await cisoWeb.post('/lang', { lang: 'sv', next: '/home' });
  // the audit log: the decide row carries the basis, shown in words
  const rowId = sql(`SELECT id FROM audit_log WHERE entity = 'classifications' AND entity_id = '${v2.json.id}' AND action = 'decide'`).trim();
  assert.match(sql(`SELECT diff FROM audit_log WHERE id = ${rowId}`), /"decided_as":\[null,"ciso"\]/);
  const auditPage = await cisoWeb.get(`/audit/${rowId}`);
  assert.match(auditPage.text, /Beslutad i egenskap av[\s\S]{0,200}informationssäkerhetsansvarig \(CISO\)/);
  // and the list filters by it
  const mine = await cisoApi.get(`/api/v1/classifications?asset_id=${asset.id}&decided_as=ciso`);
  assert.deepEqual(mine.json.items.map((c) => c.id), [v2.json.id]);
});
