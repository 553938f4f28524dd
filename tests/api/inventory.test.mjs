// The inventory, first slice: förvaltningsobjekt, systems, information assets and
// processes through the API and the forms; who may write them (by unit); the links
// between systems and information, shown on both sides; CSV, search and filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, admin, api, social, school, person;
before(async () => {
  server = await startLis();
  // auth.test.mjs locks the employee's login on purpose; the lock would outlive it here
  sql('DELETE FROM login_throttle');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  const units = await api.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
  school = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  person = (await api.get('/api/v1/people?q=samordnare')).json.items[0];
});
after(async () => { await server.stop(); });

const kinds = ['objects', 'systems', 'assets', 'processes'];

test('each kind is created through the API, read back and listed', async () => {
  for (const kind of kinds) {
    const name = unique(`Post ${kind}`);
    const r = await api.post(`/api/v1/${kind}`, { name, unit_id: social.id, status: 'operation', owner_id: person.id, manager_id: person.id, description: 'Rad ett\nRad två' });
    assert.equal(r.status, 201, `${kind}: ${r.text}`);
    const got = (await api.get(`/api/v1/${kind}/${r.json.id}`)).json;
    assert.equal(got.name, name);
    assert.equal(got.unit_id, social.id);
    assert.equal(got.owner_id, person.id);
    assert.equal(got.status, 'operation');
    const list = await api.get(`/api/v1/${kind}?q=${encodeURIComponent(name)}`);
    assert.deepEqual(list.json.items.map((i) => i.id), [r.json.id]);
  }
});

test('each kind is created through its form, with Swedish labels on the way', async () => {
  const labels = { objects: /Objektägare/, systems: /Systemägare[\s\S]*Leverantör[\s\S]*Driftform[\s\S]*Land/, assets: /Informationsägare/, processes: /Processägare/ };
  for (const kind of kinds) {
    const form = await admin.get(`/${kind}/new`);
    assert.equal(form.status, 200);
    assert.match(form.text, labels[kind]);
    assert.match(form.text, /Förvaltare/);
    const name = unique(`Formulär ${kind}`);
    const r = await admin.post(`/${kind}`, { name, unit_id: String(social.id), status: 'planned' });
    assert.equal(r.status, 303, `${kind}: ${r.text.slice(0, 500)}`);
    const page = await admin.get(r.location);
    assert.match(page.text, new RegExp(name));
    assert.match(page.text, /Planerad/);
  }
  const systems = await admin.get('/systems');
  assert.match(systems.text, /aria-current="page">Inventering/);
  const index = await admin.get('/inventory');
  assert.equal(index.status, 200);
  for (const kind of kinds) assert.match(index.text, new RegExp(`href="/${kind}"`));
});

test('bad input: unknown status, missing unit, another tenant\'s unit → 422, nothing saved', async () => {
  const name = unique('Felaktig');
  let r = await api.post('/api/v1/systems', { name, unit_id: social.id, status: 'broken' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.status);
  r = await api.post('/api/v1/systems', { name, status: 'operation' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.unit_id);
  r = await api.post('/api/v1/systems', { name, unit_id: social.id, status: 'operation', hosting: 'moon' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.hosting);
  const foreign = sql("SELECT id FROM unit WHERE name = 'Kommunledningskontoret'").trim();
  assert.match(foreign, /^\d+$/);
  r = await api.post('/api/v1/systems', { name, unit_id: Number(foreign), status: 'operation' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.unit_id);
  const form = await admin.post('/assets', { name, unit_id: '', status: 'planned' });
  assert.equal(form.status, 422);
  assert.equal((await api.get(`/api/v1/systems?q=${encodeURIComponent(name)}`)).json.items.length, 0);
  assert.equal((await api.get(`/api/v1/assets?q=${encodeURIComponent(name)}`)).json.items.length, 0);
});

test('an employee cannot write the inventory; a samordnare writes only in their förvaltning', async () => {
  const employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  let r = await employee.post('/api/v1/systems', { name: unique('Medarbetarens'), unit_id: school.id, status: 'planned' });
  assert.equal(r.status, 403);
  assert.equal((await employee.get('/api/v1/systems')).status, 200);
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  r = await samordnare.post('/api/v1/systems', { name: unique('Procapita'), unit_id: social.id, status: 'operation', supplier: 'Tieto', hosting: 'supplier', hosting_country: 'Sverige' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await samordnare.post('/api/v1/systems', { name: unique('Skolsystem'), unit_id: school.id, status: 'operation' });
  assert.equal(r.status, 403);
  // nor may it move its system out of its förvaltning
  r = await samordnare.patch(`/api/v1/systems/${id}`, { unit_id: school.id });
  assert.equal(r.status, 403);
  r = await samordnare.patch(`/api/v1/systems/${id}`, { status: 'retired' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'retired');
});

test('a system linked to an information asset shows on both pages; a second link is refused', async () => {
  const sys = (await api.post('/api/v1/systems', { name: unique('Lifecare'), unit_id: social.id, status: 'operation' })).json;
  const asset = (await api.post('/api/v1/assets', { name: unique('Personakter'), unit_id: social.id, status: 'operation' })).json;
  const sysPage = await admin.get(`/systems/${sys.id}`);
  assert.match(sysPage.text, new RegExp(`href="/system_assets/new\\?system_id=${sys.id}&amp;return=/systems/${sys.id}"`));
  const form = await admin.get(`/system_assets/new?system_id=${sys.id}`);
  assert.equal(form.status, 200);
  let r = await admin.post('/system_assets', { system_id: String(sys.id), asset_id: String(asset.id), note: 'Huvudsystem' });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const onSystem = await admin.get(`/systems/${sys.id}`);
  assert.match(onSystem.text, new RegExp(`href="/system_assets/\\d+">${asset.name}</a></th><td>Huvudsystem</td>`));
  const onAsset = await admin.get(`/assets/${asset.id}`);
  assert.match(onAsset.text, new RegExp(`href="/system_assets/\\d+">${sys.name}</a>`));
  r = await api.post('/api/v1/system_assets', { system_id: sys.id, asset_id: asset.id });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.asset_id, /already linked/);
  const links = (await api.get(`/api/v1/system_assets?system_id=${sys.id}`)).json.items;
  assert.equal(links.length, 1);
  // the samordnare of the system's förvaltning may remove the link; the employee may not
  const employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  assert.equal((await employee.delete(`/api/v1/system_assets/${links[0].id}`)).status, 403);
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.delete(`/api/v1/system_assets/${links[0].id}`)).status, 204);
  assert.equal((await api.get(`/api/v1/system_assets?system_id=${sys.id}`)).json.items.length, 0);
});

test('a link takes its system\'s unit and follows the system when it moves', async () => {
  const sys = (await api.post('/api/v1/systems', { name: unique('Flyttsystem'), unit_id: social.id, status: 'operation' })).json;
  const asset = (await api.post('/api/v1/assets', { name: unique('Flyttinfo'), unit_id: school.id, status: 'operation' })).json;
  const link = (await api.post('/api/v1/system_assets', { system_id: sys.id, asset_id: asset.id })).json;
  assert.equal(link.unit_id, social.id);
  // the unit is derived, never sent
  const sent = await api.post('/api/v1/system_assets', { system_id: sys.id, asset_id: asset.id, unit_id: school.id });
  assert.equal(sent.status, 400);
  assert.ok(sent.json.error.fields.unit_id);
  assert.equal((await api.patch(`/api/v1/systems/${sys.id}`, { unit_id: school.id })).status, 200);
  assert.equal((await api.get(`/api/v1/system_assets/${link.id}`)).json.unit_id, school.id);
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.patch(`/api/v1/system_assets/${link.id}`, { note: 'x' })).status, 403);
});

test('CSV export of systems, search and the status filter', async () => {
  const tag = unique('Sökbar');
  await api.post('/api/v1/systems', { name: `${tag} drift`, unit_id: social.id, status: 'operation', supplier: 'Visma', hosting: 'cloud' });
  await api.post('/api/v1/systems', { name: `${tag} plan`, unit_id: social.id, status: 'planned' });
  const found = await api.get(`/api/v1/systems?q=${encodeURIComponent(tag)}`);
  assert.equal(found.json.items.length, 2);
  const planned = await api.get(`/api/v1/systems?q=${encodeURIComponent(tag)}&status=planned`);
  assert.deepEqual(planned.json.items.map((s) => s.name), [`${tag} plan`]);
  const all = await api.all('/api/v1/systems?status=operation&limit=7');
  assert.ok(all.every((s) => s.status === 'operation'));
  const csv = await admin.get('/systems.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.ok(csv.text.startsWith('\ufeffid;Namn;'), csv.text.slice(0, 40));
  assert.match(csv.text, /Systemägare/);
  assert.ok(csv.text.includes(`${tag} drift;`));
  assert.match(csv.text, /I drift/);
  assert.match(csv.text, /Molntjänst/);
  // one record per line starting with its id (a quoted cell may hold line breaks)
  const rows = (csv.text.match(/\r\n\d+;/g) || []).length;
  assert.equal(rows, (await api.all('/api/v1/systems?limit=500')).length);
});

test('a filter finds the rows where a field is empty: systems with no owner, no hosting', async () => {
  const tag = unique('Tom');
  await api.post('/api/v1/systems', { name: `${tag} utan`, unit_id: social.id, status: 'operation' });
  await api.post('/api/v1/systems', { name: `${tag} med`, unit_id: social.id, status: 'operation', owner_id: person.id, hosting: 'cloud' });
  const names = async (q) => (await api.get(`/api/v1/systems?q=${encodeURIComponent(tag)}&${q}`)).json.items.map((s) => s.name);
  assert.deepEqual(await names('owner_id=-'), [`${tag} utan`]);
  assert.deepEqual(await names('hosting=-'), [`${tag} utan`]);
  assert.deepEqual((await names('owner_id=')).sort(), [`${tag} med`, `${tag} utan`], 'an empty value is no filter');
  // the list page offers "(saknas)" for a field that may be empty, not for a required one
  const page = await admin.get(`/systems?q=${encodeURIComponent(tag)}&hosting=-`);
  assert.match(page.text, /<select id="f-hosting" name="hosting">.*?<option value="-" selected>\(saknas\)<\/option>/s);
  const status = page.text.match(/<select id="f-status" name="status">(.*?)<\/select>/s)[1];
  assert.doesNotMatch(status, /value="-"/, 'a system always has a status');
  assert.match(page.text, new RegExp(`${tag} utan`));
  assert.doesNotMatch(page.text, new RegExp(`${tag} med`));
});

test('every write is in the audit log', async () => {
  const name = unique('Granskad');
  const r = await api.post('/api/v1/processes', { name, unit_id: social.id, status: 'planned' });
  await api.patch(`/api/v1/processes/${r.json.id}`, { status: 'operation' });
  const log = await api.get('/api/v1/audit?entity=processes&limit=100');
  const mine = log.json.items.filter((e) => e.entity_id === String(r.json.id));
  assert.deepEqual(mine.map((e) => e.action).sort(), ['create', 'update']);
});

test('a unit that still owns inventory records or roles cannot be retired', async () => {
  const unit = (await api.post('/api/v1/units', { name: `Hem ${Date.now()}`, kind: 'forvaltning', parent_id: 3 })).json;
  const sys = await api.post('/api/v1/systems', { name: 'Kvar här', unit_id: unit.id, status: 'operation' });
  assert.equal(sys.status, 201, sys.text);
  let r = await api.call('POST', `/api/v1/units/${unit.id}/retire`);
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /move them first/);
  assert.equal((await api.patch(`/api/v1/systems/${sys.json.id}`, { unit_id: 3 })).status, 200);
  r = await api.call('POST', `/api/v1/units/${unit.id}/retire`);
  assert.equal(r.status, 200, r.text);
});
