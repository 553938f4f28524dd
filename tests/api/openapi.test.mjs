// The OpenAPI description is written from the route table (src/app/routes.c) and the
// entity descriptors: every /api/v1 route that `lis routes` lists, hand-written ones
// included, is documented with its summary, and nothing is documented that is not served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, apiClient, lis } from './harness.mjs';

let server, api, doc, routes;
before(async () => {
  server = await startLis();
  api = await apiClient(server.base, 'ciso@exempelkommun.se');
  doc = await (await fetch(server.base + '/api/v1/openapi.json')).json();
  // "METHOD PATH [public] — summary"
  routes = lis('routes').trim().split('\n').map((line) => {
    const [head, summary] = line.split(' — ');
    const [method, path] = head.split(' ');
    return { method, path, summary };
  });
});
after(async () => { await server.stop(); });

const openapiPath = (path) => path.replace(/:([a-z_]+)/g, '{$1}');

test('every route has a one-line summary in lis routes', () => {
  assert.ok(routes.length > 100, `${routes.length} routes`);
  for (const r of routes) assert.ok(r.summary && r.summary.trim().length > 3, `${r.method} ${r.path}`);
});

test('every /api/v1 route in lis routes is in the OpenAPI description, with its summary', () => {
  const api = routes.filter((r) => r.path.startsWith('/api/v1/'));
  assert.ok(api.length > 50, `${api.length} API routes`);
  for (const r of api) {
    const op = doc.paths[openapiPath(r.path)]?.[r.method.toLowerCase()];
    assert.ok(op, `${r.method} ${r.path} is documented`);
    assert.ok(op.summary.startsWith(r.summary.replace(/ \(.*\)$/, '')), `${r.method} ${r.path}: ${op.summary}`);
  }
  // the hand-written ones by name, as a reader of the README would look for them
  for (const [method, path] of [['get', '/api/v1/me'], ['get', '/api/v1/coverage'],
    ['get', '/api/v1/inventory-coverage'], ['get', '/api/v1/risk_matrix'],
    ['post', '/api/v1/risk_matrix/labels'], ['get', '/api/v1/incidents/{id}/deadlines'],
    ['post', '/api/v1/classifications/{id}/trigger'], ['post', '/api/v1/meetings/{id}/suggest'],
    ['get', '/api/v1/meetings/{id}/suggestions'], ['post', '/api/v1/tokens']])
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  const trigger = doc.paths['/api/v1/classifications/{id}/trigger'].post;
  assert.match(trigger.requestBody.description, /procurement/);
  assert.deepEqual(trigger.parameters.map((p) => [p.name, p.in]), [['id', 'path']]);
});

test('the description documents nothing that lis does not serve', () => {
  const served = new Set(routes.map((r) => `${r.method.toLowerCase()} ${openapiPath(r.path)}`));
  for (const [path, ops] of Object.entries(doc.paths))
    for (const method of Object.keys(ops))
      assert.ok(served.has(`${method} ${path}`), `${method} ${path} is in lis routes`);
  // capabilities come from the descriptors: units are retired, never deleted
  assert.ok(!doc.paths['/api/v1/units/{id}'].delete);
  assert.ok(doc.paths['/api/v1/units/{id}/retire'].post);
  assert.ok(doc.paths['/api/v1/roles/{id}'].delete);
});

test('every documented list without parameters answers a token holder', async () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get || path.includes('{')) continue;
    const r = await api.get(path);
    // the national view answers only a body's national_viewer (tests/api/national.test.mjs)
    const want = path === '/api/v1/national' ? 404 : 200;
    assert.equal(r.status, want, `GET ${path}: ${r.text.slice(0, 200)}`);
  }
});
