// Coverage per förvaltning: what each förvaltning has inventoried, classified and met,
// summed over its whole subtree; the drill-down lists hold exactly the counted rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, api, owner, web, social, ownerPerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  owner = await apiClient(server.base, 'agare@exempelkommun.se');
  web = await loggedIn(server.base, 'ciso@exempelkommun.se');
  social = (await api.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  ownerPerson = (await api.get('/api/v1/people?q=agare%40exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

const socialCounts = async () => (await api.get('/api/v1/inventory-coverage')).json.units.find((u) => u.unit_id === social.id).counts;

test('a new unit below the förvaltning counts for it; classification and answers move the figures', async () => {
  const before = await socialCounts();
  const sub = await api.post('/api/v1/units', { name: unique('Enhet'), kind: 'avdelning', parent_id: social.id });
  assert.equal(sub.status, 201, sub.text);
  const asset = (await api.post('/api/v1/assets', { name: unique('Täckt'), unit_id: sub.json.id, status: 'operation', owner_id: ownerPerson.id })).json;
  let now = await socialCounts();
  assert.equal(now.assets, before.assets + 1);
  assert.equal(now.classified, before.classified);
  const c = await api.post('/api/v1/classifications', { asset_id: asset.id, k: '2', r: '1', t: '1', motivation: 'Test.', classified_on: '2026-11-20' });
  assert.equal(c.status, 201, c.text);
  assert.equal((await owner.post(`/api/v1/classifications/${c.json.id}/decide`)).status, 200);
  now = await socialCounts();
  assert.equal(now.classified, before.classified + 1);

  const object = (await api.post('/api/v1/objects', { name: unique('Täckobjekt'), unit_id: sub.json.id, status: 'operation' })).json;
  const system = (await api.post('/api/v1/systems', { name: unique('Täcksystem'), unit_id: sub.json.id, status: 'operation', object_id: object.id })).json;
  await api.post('/api/v1/system_assets', { system_id: system.id, asset_id: asset.id });
  now = await socialCounts();
  assert.equal(now.objects, before.objects + 1);
  assert.equal(now.systems_with_need, before.systems_with_need + 1);
  assert.ok(now.requirements_applicable > before.requirements_applicable);
  const q = (await api.get('/api/v1/requirements?q=BAK-01')).json.items[0];
  const a = await api.post('/api/v1/answers', { object_id: object.id, requirement_id: q.id, status: 'met' });
  assert.equal(a.status, 201, a.text);
  const afterAnswer = await socialCounts();
  assert.equal(afterAnswer.requirements_met, before.requirements_met + 1);
  // the per-object tally follows an edit of the answer, not only its creation
  assert.equal((await api.patch(`/api/v1/answers/${a.json.id}`, { status: 'not_met' })).status, 200);
  assert.equal((await socialCounts()).requirements_met, before.requirements_met);
  assert.equal((await api.patch(`/api/v1/answers/${a.json.id}`, { status: 'met' })).status, 200);
  assert.equal((await socialCounts()).requirements_met, before.requirements_met + 1);

  // the drill-down: the förvaltning's subtree, exactly the counted rows
  const listed = await api.all(`/api/v1/assets?unit_id_within=${social.id}&status_not=retired&limit=500`);
  assert.equal(listed.length, now.assets);
  assert.ok(listed.some((x) => x.id === asset.id));
  const page = await web.get('/inventory/coverage');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/assets\\?unit_id_within=${social.id}&amp;status_not=retired">${now.assets}<`));
  assert.match(page.text, /Hela organisationen/);
});
