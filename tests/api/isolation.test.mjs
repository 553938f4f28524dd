// Tenant isolation: an administrator of kommun B tries every route of lis (enumerated
// from `lis routes`, not picked by hand) against every kind of record of kommun A,
// through the HTML UI and the JSON API. Nothing of A may be read or changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lis, PASSWORD } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';

let server, a, b, bApi;
before(async () => {
  server = await startLis();
  lis('user', 'add', '--tenant', 'GRANN', '--email', 'admin-b@grannkommun.se', '--name', 'Berit Grann',
    '--role', 'tenant_admin', '--password', PASSWORD);
  a = await apiClient(server.base, 'admin@exempelkommun.se');
  b = await loggedIn(server.base, 'admin-b@grannkommun.se');
  bApi = await apiClient(server.base, 'admin-b@grannkommun.se');
});
after(async () => { await server.stop(); });

async function snapshot() {
  const out = {};
  for (const e of ['units', 'people', 'roles', 'tokens', 'audit'])
    out[e] = await a.all(`/api/v1/${e}?limit=500&retired=1`);
  return out;
}

// Text that only kommun A's records contain.
const A_MARKERS = ['Socialförvaltningen', 'Exempelkommun', 'admin@exempelkommun.se', 'Anna Andersson', 'Stadshus AB'];

test('kommun B reads and changes nothing of kommun A through any route', async () => {
  const before = await snapshot();
  const ids = {
    units: before.units.map((u) => u.id),
    people: before.people.map((p) => p.id),
    roles: before.roles.map((r) => r.id),
    tokens: before.tokens.map((t) => t.id),
    audit: before.audit.slice(0, 5).map((x) => x.id),
  };
  const aUnit = ids.units[0], aPerson = ids.people[0];
  const routes = lis('routes').trim().split('\n').map((l) => l.split(' '));
  assert.ok(routes.length > 40, 'routes are enumerated');
  const form = { name: 'Hacked by B', kind: 'enhet', parent_id: String(aUnit), person_id: String(aPerson),
    unit_id: String(aUnit), role: 'auditor', email: 'intruder@grannkommun.se', title: 'x', active: '1',
    tenant_id: '1', deadline: '2030-01-01', lang: 'en', back: '/home', note: 'x' };
  const json = { name: 'Hacked by B', parent_id: aUnit, person_id: aPerson, unit_id: aUnit, role: 'auditor' };
  let tried = 0;
  for (const [method, pattern, flag] of routes) {
    if (flag === 'public' || pattern.includes(':name')) continue;
    if (pattern === '/logout' || pattern === '/account/password') continue;
    const entity = pattern.match(/^\/(?:api\/v1\/)?([a-z]+)/)?.[1];
    const targets = pattern.includes(':id') ? (ids[entity] || []).map((id) => pattern.replace(':id', id)) : [pattern];
    for (const path of targets) {
      tried++;
      const isApi = path.startsWith('/api/');
      let res;
      if (isApi) {
        const r = await bApi.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : json);
        res = { status: r.status, text: r.text };
      } else if (method === 'GET') {
        res = await b.get(path);
      } else {
        res = await b.post(path, form);
      }
      const where = `${method} ${path} → ${res.status}`;
      if (pattern.includes(':id')) {
        assert.ok([403, 404, 405].includes(res.status), where);
      } else {
        // B may act on B's own records here (a token of its own); never a server error
        assert.ok(res.status < 500, where);
      }
      for (const marker of A_MARKERS)
        assert.ok(!res.text.includes(marker), `${where} shows "${marker}" of kommun A`);
    }
  }
  assert.ok(tried > 100, `tried ${tried} requests`);
  const afterSnap = await snapshot();
  // A's audit log may not gain a single row from B's attempts
  assert.deepEqual(afterSnap.units, before.units);
  assert.deepEqual(afterSnap.people, before.people);
  assert.deepEqual(afterSnap.roles, before.roles);
  assert.deepEqual(afterSnap.tokens.map((t) => [t.id, t.name]), before.tokens.map((t) => [t.id, t.name]));
  // (A's own reading of its log for the snapshot is recorded: reading need-to-know titles
  // in the audit list is a read of those records)
  const notA = (rows) => rows.filter((x) => x.actor !== 'admin@exempelkommun.se');
  assert.ok(afterSnap.audit.every((x) => 'actor' in x), 'the audit rows name their actor');
  assert.equal(notA(afterSnap.audit).length, notA(before.audit).length);
});

test("B's own lists and exports hold only B's records", async () => {
  for (const e of ['units', 'people', 'roles', 'audit']) {
    const page = await b.get(`/${e}`);
    assert.equal(page.status, 200);
    const csv = await b.get(`/${e}.csv`);
    const xlsx = await download(b, `/${e}.xlsx`);
    assert.equal(xlsx.status, 200);
    const cells = JSON.stringify(readXlsx(xlsx.bytes).rows); // the zip is compressed: read it
    const api = await bApi.get(`/api/v1/${e}?limit=500`);
    for (const marker of A_MARKERS) {
      assert.ok(!page.text.includes(marker), `/${e} shows ${marker}`);
      assert.ok(!csv.text.includes(marker), `/${e}.csv shows ${marker}`);
      assert.ok(!cells.includes(marker), `/${e}.xlsx shows ${marker}`);
      assert.ok(!api.text.includes(marker), `/api/v1/${e} shows ${marker}`);
    }
  }
  const cov = await bApi.get('/api/v1/coverage');
  assert.ok(cov.json.units.every((u) => u.name !== 'Socialförvaltningen'));
});
