// The picker behind every reference field: one search endpoint over the descriptors
// (/pick/:e for the forms, /api/v1/pick/:e for integrations) that finds rows by the start
// of any word of their name and search fields, tells namesakes apart by a second line,
// and never offers what the caller may not read (tenant, need-to-know, retired rows).
// Without JavaScript a form takes typed text that names one row and otherwise comes back
// with the matches to choose from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lis, unique, PASSWORD } from './harness.mjs';

let server, ciso, cisoApi, adminApi, employeeApi, employee, social, neighbour;
before(async () => {
  server = await startLis();
  lis('user', 'add', '--tenant', 'GRANN', '--email', 'pick-b@grannkommun.se', '--name', 'Pickolle Grann',
    '--role', 'tenant_admin', '--password', PASSWORD);
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  neighbour = await apiClient(server.base, 'pick-b@grannkommun.se');
  const units = await cisoApi.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const pick = async (client, kind, q) => {
  const r = await client.get(`/api/v1/pick/${kind}?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

test('a word start finds a person by first name, surname or a part of a double name', async () => {
  const tag = unique('Pickx').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const created = await adminApi.post('/api/v1/people', { name: `Anna-Olle ${tag}`, email: `${tag}@exempelkommun.se`, unit_id: social.id });
  assert.equal(created.status, 201, created.text);
  const byFirst = await pick(cisoApi, 'people', 'olle');
  const names = byFirst.items.map((i) => i.title);
  assert.ok(names.includes('Olle Falk'), names.join(', '));
  assert.ok(names.includes(`Anna-Olle ${tag}`), 'the second half of a double name is a word start');
  const bySurname = await pick(cisoApi, 'people', tag.toUpperCase());
  assert.deepEqual(bySurname.items.map((i) => i.id), [created.json.id], 'case does not matter');
  const row = bySurname.items[0];
  assert.equal(row.detail, `${tag}@exempelkommun.se`);
  assert.equal(row.unit, 'Socialförvaltningen');
  // two words must both start words of the row; the middle of a word is no match
  assert.equal((await pick(cisoApi, 'people', `olle ${tag}`)).items.length, 1);
  assert.equal((await pick(cisoApi, 'people', 'lle')).items.filter((i) => i.title === 'Olle Falk').length, 0);
  assert.deepEqual((await pick(cisoApi, 'people', '')).items, [], 'nothing typed, nothing offered');
});

test('Swedish letters match whatever their case, on both engines', async () => {
  const tag = unique('x').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const r = await adminApi.post('/api/v1/people', { name: `Åsa Öberg-Ärlig ${tag}`, email: `asa-${tag}@exempelkommun.se` });
  assert.equal(r.status, 201, r.text);
  for (const q of [`åsa ${tag}`, `ÅSA ${tag}`, `öberg ${tag}`, `ÄRL ${tag}`])
    assert.deepEqual((await pick(cisoApi, 'people', q)).items.map((i) => i.id), [r.json.id], q);
  // an edit is searchable at once, the old name no longer
  const p = await adminApi.patch(`/api/v1/people/${r.json.id}`, { name: `Östen Ek ${tag}` });
  assert.equal(p.status, 200, p.text);
  assert.equal((await pick(cisoApi, 'people', `åsa ${tag}`)).items.length, 0);
  assert.equal((await pick(cisoApi, 'people', `öst ${tag}`)).items.length, 1);
});

test('namesakes are told apart by their second line', async () => {
  const name = unique('Lifecare');
  const objects = await cisoApi.get('/api/v1/objects?limit=2');
  const [o1, o2] = objects.json.items;
  for (const [object, supplier] of [[o1, 'Tietoevry'], [o2, 'CGI']]) {
    const r = await cisoApi.post('/api/v1/systems', { name, unit_id: social.id, status: 'operation', object_id: object.id, supplier });
    assert.equal(r.status, 201, r.text);
  }
  const found = await pick(cisoApi, 'systems', name);
  assert.equal(found.items.length, 2);
  const details = found.items.map((i) => i.detail).sort();
  assert.deepEqual(details, [`${o2.name} · CGI`, `${o1.name} · Tietoevry`].sort());
});

test('a picker never offers what the caller may not read: need-to-know risks', async () => {
  const title = unique('Pickrisk');
  const r = await cisoApi.post('/api/v1/risks', { title, unit_id: social.id, likelihood: 2, consequence: 3, status: 'open' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await pick(cisoApi, 'risks', title)).items.length, 1, 'the CISO reads every risk');
  assert.equal((await employeeApi.get(`/api/v1/risks/${r.json.id}`)).status, 404, 'the employee may not read it');
  assert.deepEqual((await pick(employeeApi, 'risks', title)).items, [], 'so the picker does not offer it');
  // the form's endpoint answers the same to the session
  const ui = await employee.get(`/pick/risks?q=${encodeURIComponent(title)}`);
  assert.equal(ui.status, 200);
  assert.deepEqual(JSON.parse(ui.text).items, []);
  const uiCiso = await ciso.get(`/pick/risks?q=${encodeURIComponent(title)}`);
  assert.equal(JSON.parse(uiCiso.text).items[0].id, r.json.id);
});

test('another kommun\'s rows are never offered, nor retired ones', async () => {
  assert.deepEqual((await pick(cisoApi, 'people', 'pickolle')).items, [], 'kommun B\'s person stays in B');
  assert.equal((await pick(neighbour, 'people', 'pickolle')).items.length, 1);
  assert.deepEqual((await pick(neighbour, 'people', 'olle falk')).items, []);
  const name = unique('Pickenhet');
  const u = await adminApi.post('/api/v1/units', { name, kind: 'enhet', parent_id: social.id });
  assert.equal(u.status, 201, u.text);
  assert.equal((await pick(cisoApi, 'units', name)).items.length, 1);
  assert.equal((await adminApi.post(`/api/v1/units/${u.json.id}/retire`)).status, 200);
  assert.deepEqual((await pick(cisoApi, 'units', name)).items, [], 'a retired unit is not offered');
});

test('only kinds that are pointed to can be searched', async () => {
  assert.equal((await cisoApi.get('/api/v1/pick/nosuchkind?q=a')).status, 404);
  assert.equal((await cisoApi.get('/api/v1/pick/audit?q=a')).status, 404);
  assert.equal((await cisoApi.get('/api/v1/pick/people?q=' + 'a'.repeat(400))).json.items.length, 0);
  const unauth = await fetch(server.base + '/api/v1/pick/people?q=olle');
  assert.equal(unauth.status, 401);
});

test('without JavaScript: typed text naming one row is taken, else the form offers the matches', async () => {
  const tag = unique('Nojs').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const a = await adminApi.post('/api/v1/people', { name: `Greta ${tag}`, email: `greta-${tag}@exempelkommun.se` });
  const b = await adminApi.post('/api/v1/people', { name: `Gustav ${tag}`, email: `gustav-${tag}@exempelkommun.se` });
  const form = (owner) => ({ title: unique('Nojsrisk'), unit_id: String(social.id), likelihood: '2', consequence: '3', status: 'open', owner_id: owner });
  // two match: nothing saved, the form comes back with both as choices, the text kept
  let f = form(`${tag}`);
  let r = await ciso.post('/risks', f);
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /Flera träffar/);
  assert.match(r.text, new RegExp(`type="radio" name="owner_id" id="in-owner_id-${a.json.id}" value="${a.json.id}"`));
  assert.match(r.text, new RegExp(`value="${b.json.id}"><label[^>]*>Gustav ${tag} <span class="second">gustav-${tag}@exempelkommun.se`));
  assert.match(r.text, new RegExp(`name="owner_id__text"[^>]*value="${tag}"`));
  assert.match(r.text, new RegExp(`value="${f.title}"`), 'the other fields are kept');
  assert.equal((await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(f.title)}`)).json.items.length, 0);
  // choosing one saves it
  r = await ciso.post('/risks', { ...f, owner_id: String(b.json.id), owner_id__text: tag });
  assert.equal(r.status, 303, r.text);
  let saved = (await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(f.title)}`)).json.items[0];
  assert.equal(saved.owner_id, b.json.id);
  // the start of one name is enough when only one matches
  f = form(`gre ${tag}`);
  r = await ciso.post('/risks', f);
  assert.equal(r.status, 303, r.text);
  saved = (await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(f.title)}`)).json.items[0];
  assert.equal(saved.owner_id, a.json.id);
  // no match: the text is kept and said so
  f = form(`zzq${tag}`);
  r = await ciso.post('/risks', f);
  assert.equal(r.status, 422);
  assert.match(r.text, /Ingen träff/);
  assert.match(r.text, new RegExp(`name="owner_id__text"[^>]*value="zzq${tag}"`));
  // a form field shows what to type for that kind
  const page = await ciso.get('/risks/new');
  assert.match(page.text, /id="lookup-owner_id">Skriv början av ett ord och välj i listan. Sök på: Namn, E-postadress/);
  assert.match(page.text, /data-pick="\/pick\/people"/);
  assert.match(page.text, /data-pick="\/pick\/analyses"/);
});
