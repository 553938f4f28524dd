// The organisation through the UI and the JSON API: units, people, roles, coverage,
// and every kind of bad input changing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, Api, unique } from './harness.mjs';

let server, admin, api;
before(async () => {
  server = await startLis();
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); });

async function unitByName(name) {
  const r = await api.get(`/api/v1/units?q=${encodeURIComponent(name)}&retired=1`);
  return r.json.items.find((u) => u.name === name);
}

test('the demo organisation is a tree with kommunstyrelsen, nämnder, förvaltningar and bolag', async () => {
  const units = await api.all('/api/v1/units?limit=5');
  const names = units.map((u) => u.name);
  for (const n of ['Exempelkommun', 'Kommunstyrelsen', 'Socialnämnden', 'Socialförvaltningen', 'Stadshus AB', 'Bostads AB'])
    assert.ok(names.includes(n), n);
  const bolag = units.find((u) => u.name === 'Bostads AB');
  assert.equal(bolag.kind, 'bolag');
  assert.equal(bolag.parent_id_name, 'Stadshus AB');
  const tree = await admin.get('/org');
  assert.match(tree.text, /class="tree"/);
});

test('create, rename and move a förvaltning through the UI; the audit log records each', async () => {
  const name = unique('Miljöförvaltningen');
  const ks = await unitByName('Kommunstyrelsen');
  let r = await admin.post('/units', { name, kind: 'forvaltning', parent_id: String(ks.id) });
  assert.equal(r.status, 303, r.text);
  const id = r.location.match(/\/units\/(\d+)/)[1];
  const page = await admin.get(r.location);
  assert.match(page.text, new RegExp(name));
  assert.match(page.text, /Sparat/);
  r = await admin.post(`/units/${id}`, { name: `${name} II`, kind: 'forvaltning', parent_id: String(ks.id) });
  assert.equal(r.status, 303);
  const soc = await unitByName('Socialnämnden');
  r = await admin.post(`/units/${id}`, { name: `${name} II`, kind: 'forvaltning', parent_id: String(soc.id) });
  assert.equal(r.status, 303);
  const moved = (await api.get(`/api/v1/units/${id}`)).json;
  assert.equal(moved.parent_id, soc.id);
  const log = await api.get(`/api/v1/audit?entity=units&limit=100`);
  const mine = log.json.items.filter((e) => e.entity_id === id);
  assert.deepEqual(mine.map((e) => e.action).sort(), ['create', 'update', 'update']);
  const rename = mine.find((e) => e.diff && e.diff.includes('"name"'));
  assert.ok(rename, 'the rename has a diff');
  assert.deepEqual(JSON.parse(rename.diff).name, [name, `${name} II`]);
});

test('moving a unit moves its subtree, and a unit cannot move below itself', async () => {
  const parent = (await api.post('/api/v1/units', { name: unique('Förvaltning A'), kind: 'forvaltning', parent_id: (await unitByName('Kommunstyrelsen')).id })).json;
  const child = (await api.post('/api/v1/units', { name: 'Avdelning B', kind: 'avdelning', parent_id: parent.id })).json;
  const grandchild = (await api.post('/api/v1/units', { name: 'Enhet C', kind: 'enhet', parent_id: child.id })).json;
  let r = await api.patch(`/api/v1/units/${parent.id}`, { parent_id: grandchild.id });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.parent_id, /below itself/);
  r = await api.patch(`/api/v1/units/${parent.id}`, { parent_id: parent.id });
  assert.equal(r.status, 422);
  r = await api.patch(`/api/v1/units/${parent.id}`, { parent_id: (await unitByName('Socialnämnden')).id });
  assert.equal(r.status, 200);
  // the grandchild's permissions follow: the samordnare of Socialförvaltningen is not
  // its admin, but the tree moved as a whole (parent ids unchanged below)
  assert.equal((await api.get(`/api/v1/units/${grandchild.id}`)).json.parent_id, child.id);
});

test('duplicate names among siblings are refused; the same name elsewhere is fine', async () => {
  const ks = await unitByName('Kommunstyrelsen');
  const name = unique('Dubblett');
  assert.equal((await api.post('/api/v1/units', { name, kind: 'forvaltning', parent_id: ks.id })).status, 201);
  const r = await api.post('/api/v1/units', { name: name.toUpperCase(), kind: 'forvaltning', parent_id: ks.id });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.name, /already exists/);
  assert.equal((await api.post('/api/v1/units', { name, kind: 'avdelning', parent_id: (await unitByName(name)).id })).status, 201);
});

test('retire and reinstate: retired units keep their history; a unit with live sub-units cannot be retired', async () => {
  const parent = (await api.post('/api/v1/units', { name: unique('Retire me'), kind: 'forvaltning', parent_id: (await unitByName('Kommunstyrelsen')).id })).json;
  const child = (await api.post('/api/v1/units', { name: 'Child', kind: 'avdelning', parent_id: parent.id })).json;
  let r = await api.call('POST', `/api/v1/units/${parent.id}/retire`);
  assert.equal(r.status, 422);
  r = await api.call('POST', `/api/v1/units/${child.id}/retire`);
  assert.equal(r.status, 200);
  assert.ok(r.json.retired_at);
  r = await api.call('POST', `/api/v1/units/${parent.id}/retire`);
  assert.equal(r.status, 200);
  const list = await api.get(`/api/v1/units?q=${encodeURIComponent(parent.name)}`);
  assert.equal(list.json.items.length, 0, 'retired units are hidden by default');
  const withRetired = await api.get(`/api/v1/units?q=${encodeURIComponent(parent.name)}&retired=1`);
  assert.equal(withRetired.json.items.length, 1);
  assert.equal((await api.get(`/api/v1/units/${parent.id}`)).status, 200, 'still readable');
  // reinstating the child first is refused: its parent is retired
  assert.equal((await api.call('POST', `/api/v1/units/${child.id}/reinstate`)).status, 422);
  assert.equal((await api.call('POST', `/api/v1/units/${parent.id}/reinstate`)).status, 200);
  assert.equal((await api.call('POST', `/api/v1/units/${child.id}/reinstate`)).status, 200);
});

test('bad input over the API: a clear error, the right status, nothing changed', async () => {
  const count = async () => (await api.all('/api/v1/units?limit=500')).length;
  const before = await count();
  const ks = (await unitByName('Kommunstyrelsen')).id;
  const cases = [
    [{ raw: '{"name": "x", ' }, 400, 'invalid'],
    [{ raw: '[1,2]' }, 400, 'invalid'],
    [{ raw: '{"name":"A","name":"B","kind":"enhet","parent_id":1}' }, 400, 'invalid'],
    [{ body: { name: 'X', kind: 'forvaltning', parent_id: ks, colour: 'red' } }, 400, 'invalid'],
    [{ body: { name: 'X', kind: 'slott', parent_id: ks } }, 422, 'invalid'],
    [{ body: { name: '', kind: 'forvaltning', parent_id: ks } }, 422, 'invalid'],
    [{ body: { name: 'x'.repeat(201), kind: 'forvaltning', parent_id: ks } }, 422, 'invalid'],
    [{ body: { name: 'X', kind: 'forvaltning', parent_id: 'one' } }, 400, 'invalid'],
    [{ body: { name: 'X', kind: 'forvaltning', parent_id: 987654321 } }, 422, 'invalid'],
    [{ body: { name: 'Line\nbreak', kind: 'forvaltning', parent_id: ks } }, 422, 'invalid'],
    [{ body: { name: 'Nul\u0000byte', kind: 'forvaltning', parent_id: ks } }, 400, 'invalid'],
    [{ body: { name: 'Bell\u0007', kind: 'forvaltning', parent_id: ks } }, 422, 'invalid'],
    [{ body: { name: 7, kind: 'forvaltning', parent_id: ks } }, 400, 'invalid'],
    [{ raw: '{"name":"\xff\xfe","kind":"enhet","parent_id":1}' }, 400, 'invalid'],
  ];
  for (const [input, status, code] of cases) {
    const r = input.raw !== undefined
      ? await api.call('POST', '/api/v1/units', undefined, { raw: Buffer.from(input.raw, 'latin1') })
      : await api.post('/api/v1/units', input.body);
    assert.equal(r.status, status, `${JSON.stringify(input)} → ${r.text}`);
    assert.equal(r.json.error.code, code);
    assert.ok(r.json.error.message.length > 3);
  }
  let r = await api.call('POST', '/api/v1/units', undefined, { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  r = await api.call('POST', '/api/v1/units', undefined, { raw: '{"name":"' + 'x'.repeat(1100 * 1024) + '"}' });
  assert.equal(r.status, 413);
  r = await api.call('PUT', '/api/v1/units/1', { name: 'x' });
  assert.equal(r.status, 405);
  assert.equal(r.json.error.code, 'method_not_allowed');
  r = await api.get('/api/v1/nothing');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  assert.equal(await count(), before);
});

test('the same bad input through the HTML form: errors per field, in Swedish, nothing saved', async () => {
  const r = await admin.post('/units', { name: '', kind: 'slott', parent_id: '999999' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Något behöver rättas/);
  assert.match(r.text, /href="#in-name">Namn<\/a>: Måste fyllas i/);
  assert.match(r.text, /href="#in-kind">Typ<\/a>: Ogiltigt val/);
  assert.match(r.text, /aria-invalid="true"/);
  const bad = await admin.post('/units', { name: '\u0007bell', kind: 'enhet', parent_id: '1' });
  assert.equal(bad.status, 422);
});

test('people: add, duplicate e-mail refused, the same person in two tenants is one account', async () => {
  const email = `${Date.now()}@exempelkommun.se`;
  const soc = await unitByName('Socialförvaltningen');
  let r = await api.post('/api/v1/people', { name: 'Nils Nyman', email: email.toUpperCase(), unit_id: soc.id, title: 'Handläggare' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.email, email, 'stored lower-case');
  assert.equal(r.json.active, true);
  r = await api.post('/api/v1/people', { name: 'Nils Igen', email });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.email, /already exists/);
  r = await api.post('/api/v1/people', { name: 'No Mail', email: 'not-an-address' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.email);
  const person = (await api.get(`/api/v1/people?q=${encodeURIComponent(email)}`)).json.items[0];
  r = await api.patch(`/api/v1/people/${person.id}`, { email: 'other@exempelkommun.se' });
  assert.equal(r.status, 400, 'the login address is fixed once created');
  r = await api.patch(`/api/v1/people/${person.id}`, { title: 'Enhetschef' });
  assert.equal(r.status, 200);
  assert.equal(r.json.title, 'Enhetschef');
});

test('roles: give the samordnare role and the coverage warning for that förvaltning disappears', async () => {
  const cov = async () => (await api.get('/api/v1/coverage')).json.units;
  const bou = (await cov()).find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  assert.equal(bou.coordinators, 0);
  const page = await admin.get('/coverage');
  const missingBefore = Number(page.text.match(/<strong>(\d+)<\/strong> av \d+ förvaltningar och bolag saknar informationssäkerhetssamordnare/)[1]);
  const person = (await api.get('/api/v1/people?q=Mats')).json.items[0];
  const r = await api.post('/api/v1/roles', { person_id: person.id, role: 'coordinator', unit_id: bou.unit_id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.person_id_name, 'Mats Holm');
  assert.equal((await cov()).find((u) => u.unit_id === bou.unit_id).coordinators, 1);
  const after = await admin.get('/coverage');
  const missingAfter = Number(after.text.match(/<strong>(\d+)<\/strong> av \d+ förvaltningar och bolag saknar informationssäkerhetssamordnare/)[1]);
  assert.equal(missingAfter, missingBefore - 1);
  const dup = await api.post('/api/v1/roles', { person_id: person.id, role: 'coordinator', unit_id: bou.unit_id });
  assert.equal(dup.status, 422);
  assert.equal((await api.delete(`/api/v1/roles/${r.json.id}`)).status, 204);
  assert.equal((await cov()).find((u) => u.unit_id === bou.unit_id).coordinators, 0);
});

test('role coverage agrees with the inventory: an owner named there without the role is listed, one click gives the role', async () => {
  const cov = async () => (await api.get('/api/v1/coverage')).json.units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  const before = await cov();
  assert.equal(before.info_owners, 0);
  // Eva Lund owns information in the inventory of the förvaltning, but holds no role there
  const eva = before.inventory_owners_without_role.find((p) => p.name === 'Eva Lund');
  assert.ok(eva, JSON.stringify(before));
  const page = await admin.get('/coverage');
  assert.match(page.text, /personer står som ägare till informationsmängder i inventeringen men har inte rollen informationsägare/);
  const link = `/roles/new?unit_id=${before.unit_id}&amp;role=info_owner&amp;person_id=${eva.person_id}`;
  assert.ok(page.text.includes(link), 'a link that gives her the role');
  const form = await admin.get(link.replaceAll('&amp;', '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, /Eva Lund/, 'the form comes with her chosen');
  const r = await api.post('/api/v1/roles', { person_id: eva.person_id, role: 'info_owner', unit_id: before.unit_id });
  assert.equal(r.status, 201, r.text);
  const after = await cov();
  assert.equal(after.info_owners, 1);
  assert.ok(!after.inventory_owners_without_role.some((p) => p.person_id === eva.person_id), 'the register and the roles agree');
  assert.equal((await api.delete(`/api/v1/roles/${r.json.id}`)).status, 204);
  assert.ok((await cov()).inventory_owners_without_role.some((p) => p.person_id === eva.person_id));
});

test('the tenant sets the coverage deadline; a bad date is refused', async () => {
  let r = await admin.post('/coverage/deadline', { deadline: '2027-02-30' });
  assert.equal(r.status, 303);
  assert.match(r.location, /error=date/);
  r = await admin.post('/coverage/deadline', { deadline: '2026-12-31' });
  assert.equal(r.status, 303);
  assert.equal((await api.get('/api/v1/coverage')).json.deadline, '2026-12-31');
  const auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  assert.equal((await auditor.post('/coverage/deadline', { deadline: '2030-01-01' })).status, 403);
  assert.equal((await api.get('/api/v1/coverage')).json.deadline, '2026-12-31');
});

test('the last tenant administrator cannot be removed, deactivated or have the unit retired', async () => {
  const roles = (await api.get('/api/v1/roles?role=tenant_admin')).json.items;
  assert.equal(roles.length, 1);
  let r = await api.delete(`/api/v1/roles/${roles[0].id}`);
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /at least one active administrator/);
  r = await api.patch(`/api/v1/people/${roles[0].person_id}`, { active: false });
  assert.equal(r.status, 422);
  r = await api.patch(`/api/v1/roles/${roles[0].id}`, { role: 'auditor' });
  assert.equal(r.status, 422);
  assert.equal((await api.get('/api/v1/roles?role=tenant_admin')).json.items.length, 1);
  // with a second administrator, the first may go
  const person = (await api.get('/api/v1/people?q=Karin')).json.items[0];
  const second = await api.post('/api/v1/roles', { person_id: person.id, role: 'tenant_admin', unit_id: roles[0].unit_id });
  assert.equal(second.status, 201);
  assert.equal((await api.delete(`/api/v1/roles/${second.json.id}`)).status, 204);
});

test('permissions: a samordnare reads but cannot change the organisation; an auditor cannot write', async () => {
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.get('/api/v1/units')).status, 200);
  const r = await samordnare.post('/api/v1/units', { name: 'Not allowed', kind: 'enhet', parent_id: 1 });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  assert.equal((await samordnare.get('/api/v1/audit')).status, 403);
  const auditor = await apiClient(server.base, 'revisor@exempelkommun.se');
  assert.equal((await auditor.get('/api/v1/audit')).status, 200);
  assert.equal((await auditor.patch('/api/v1/units/1', { name: 'x' })).status, 403);
  const person = (await api.get('/api/v1/people?q=Mats')).json.items[0];
  assert.equal((await auditor.post('/api/v1/roles', { person_id: person.id, role: 'auditor', unit_id: 1 })).status, 403);
  // the CISO may appoint people to roles but not make administrators
  const ciso = await apiClient(server.base, 'ciso@exempelkommun.se');
  const soc = await unitByName('Socialförvaltningen');
  const ok = await ciso.post('/api/v1/roles', { person_id: person.id, role: 'forum_member', unit_id: soc.id });
  assert.equal(ok.status, 201, ok.text);
  const notAdmin = await ciso.post('/api/v1/roles', { person_id: person.id, role: 'tenant_admin', unit_id: 1 });
  assert.equal(notAdmin.status, 422);
  assert.match(notAdmin.json.error.fields.role, /administrator/);
});

test('lists: search, filter, sort both ways, and keyset pages that neither skip nor repeat', async () => {
  const all = await api.all('/api/v1/units?limit=3&sort=name');
  const ids = all.map((u) => u.id);
  assert.equal(new Set(ids).size, ids.length);
  const sorted = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  assert.deepEqual(all.map((u) => u.id), sorted.map((u) => u.id));
  const desc = await api.all('/api/v1/units?limit=4&sort=name&dir=desc');
  assert.deepEqual(desc.map((u) => u.id), [...sorted].reverse().map((u) => u.id));
  const forv = await api.all('/api/v1/units?kind=forvaltning');
  assert.ok(forv.length >= 4 && forv.every((u) => u.kind === 'forvaltning'));
  const search = await api.get('/api/v1/units?q=social');
  assert.ok(search.json.items.some((u) => u.name === 'Socialförvaltningen'));
  const weird = await api.get('/api/v1/units?q=%25_%5C&sort=nonexistent&limit=99999&after=garbage');
  assert.equal(weird.status, 200);
});

test('CSV export for Swedish Excel: BOM, semicolons, Swedish headers, every row', async () => {
  const res = await admin.get('/units.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="lis-units-/);
  assert.ok(res.text.startsWith('\ufeffid;Namn;Typ;'), res.text.slice(0, 40));
  const rows = res.text.trim().split('\r\n');
  const count = (await api.all('/api/v1/units?limit=500')).length;
  assert.equal(rows.length - 1, count);
  assert.ok(rows.some((r) => r.includes('Socialförvaltningen;Förvaltning')));
});

test('API tokens: shown once, listed by prefix, revoked tokens stop working', async () => {
  const mine = await apiClient(server.base, 'ledning@exempelkommun.se');
  const me = await mine.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.email, 'ledning@exempelkommun.se');
  assert.ok(me.json.roles.some((r) => r.role === 'ledning'));
  const list = await mine.get('/api/v1/tokens');
  assert.ok(list.json.items.length >= 1);
  assert.ok(list.json.items.every((t) => !('token_hash' in t) && t.prefix.startsWith('lis_')));
  const created = await mine.post('/api/v1/tokens', { name: 'Ärendesystem' });
  assert.equal(created.status, 201);
  const second = new Api(server.base, created.json.token);
  assert.equal((await second.get('/api/v1/me')).status, 200);
  assert.equal((await mine.call('POST', `/api/v1/tokens/${created.json.id}/retire`)).status, 200);
  const dead = await second.get('/api/v1/me');
  assert.equal(dead.status, 401);
  assert.equal(dead.json.error.code, 'unauthorized');
  assert.equal((await new Api(server.base, 'lis_forged').get('/api/v1/units')).status, 401);
  assert.equal((await mine.post('/api/v1/tokens', { name: '' })).status, 400);
  // one user's tokens are not another's
  const other = await apiClient(server.base, 'agare@exempelkommun.se');
  assert.equal((await other.get(`/api/v1/tokens/${created.json.id}`)).status, 404);
  assert.equal((await other.call('POST', `/api/v1/tokens/${created.json.id}/reinstate`)).status, 404);
});

test('a browser session may read the API but not write through it (no CSRF door)', async () => {
  const r = await admin.request('GET', '/api/v1/units');
  assert.equal(r.status, 200);
  const w = await admin.request('POST', '/api/v1/units', { body: '{"name":"x","kind":"enhet","parent_id":1}', headers: { 'content-type': 'application/json' } });
  assert.equal(w.status, 403);
  assert.match(w.text, /"token_required"/);
});

test('the OpenAPI description is valid JSON, written from the same descriptors as the API', async () => {
  const r = await fetch(server.base + '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  const doc = await r.json();
  assert.equal(doc.openapi, '3.0.3');
  for (const e of ['units', 'people', 'roles', 'tokens', 'audit']) {
    assert.ok(doc.paths[`/api/v1/${e}`], e);
    assert.ok(doc.components.schemas[e], e);
  }
  assert.deepEqual(doc.components.schemas.units_input.required, ['name', 'kind']);
  assert.ok(doc.components.schemas.units.properties.kind.enum.includes('forvaltning'));
  assert.ok(doc.paths['/api/v1/roles/{id}'].delete);
  assert.ok(!doc.paths['/api/v1/units/{id}'].delete, 'units are retired, never deleted');
});

test('a reference can be given as a name or an e-mail address, and ambiguity is refused', async () => {
  const bou = (await api.get('/api/v1/units?q=Barn- och utbildningsförvaltningen')).json.items[0];
  let r = await api.post('/api/v1/roles', { person_id: 'agare@exempelkommun.se', role: 'dpo', unit_id: bou.id });
  assert.equal(r.status, 400, 'the API wants ids: a string is a type error');
  r = await admin.post('/roles', { person_id: 'agare@exempelkommun.se', role: 'dpo', unit_id: String(bou.id) });
  assert.equal(r.status, 303, r.text);
  const role = (await api.get(`/api/v1/roles?unit_id=${bou.id}&role=dpo`)).json.items[0];
  assert.equal(role.person_id_name, 'Olle Falk');
  await api.post('/api/v1/people', { name: 'Olle Falk', email: `olle2-${Date.now()}@exempelkommun.se` });
  r = await admin.post('/roles', { person_id: 'Olle Falk', role: 'auditor', unit_id: String(bou.id) });
  assert.equal(r.status, 422);
  assert.match(r.text, /Flera träffar/);
  r = await admin.post('/roles', { person_id: 'Nobody Atall', role: 'auditor', unit_id: String(bou.id) });
  assert.equal(r.status, 422);
  const filtered = (await admin.get('/roles?person_id=falk')).text;
  const table = filtered.slice(filtered.indexOf('<tbody>'), filtered.indexOf('</tbody>'));
  assert.match(table, /Olle Falk/);
  assert.doesNotMatch(table, /Anna Andersson/);
});

test('search folds Swedish letters the same on both engines', async () => {
  const email = `asa-${Date.now()}@exempelkommun.se`;
  assert.equal((await api.post('/api/v1/people', { name: 'Åsa Öberg-Ärlig', email })).status, 201);
  for (const q of ['åsa', 'ÅSA', 'öberg', 'ÄRLIG', 'Åsa Ö']) {
    const r = await api.get(`/api/v1/people?q=${encodeURIComponent(q)}`);
    assert.ok(r.json.items.some((p) => p.email === email), `search ${q}`);
  }
});
