// SCIM 2.0 (RFC 7643/7644) for the tenant's directory: the tenant admin makes a bearer token
// (shown once, kept hashed); with it a directory lists people filtered by userName, reads
// one, creates, replaces and patches them; active=false deactivates the person and ends
// their sessions and tokens at once. Errors are SCIM error JSON; another tenant's people
// are out of reach; a revoked token opens nothing. A tenant of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, PASSWORD, lis, sql } from './harness.mjs';

let server, token, tenantId, created;
const tag = `s${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TENANT = `SC${tag}`.toUpperCase();
const admin = `admin-${tag}@scim.se`;
const leaver = `leaver-${tag}@scim.se`;

before(async () => {
  server = await startLis();
  lis('init', '--tenant', TENANT, '--tenant-name', `Scimkommun ${tag}`, '--email', admin, '--name', 'Siv Admin', '--password', PASSWORD);
  lis('user', 'add', '--tenant', TENANT, '--email', leaver, '--name', 'Lars Slutar', '--role', 'employee', '--password', PASSWORD);
  tenantId = sql(`SELECT id FROM tenant WHERE code = '${TENANT}'`).trim();
});
after(async () => { await server.stop(); });

async function scim(method, path, body, bearer = token) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/scim+json';
  const res = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

function assertScimError(res, status, scimType) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers.get('content-type'), 'application/scim+json');
  assert.deepEqual(res.json.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  assert.equal(res.json.status, String(status));
  if (scimType) assert.equal(res.json.scimType, scimType);
  assert.ok(res.json.detail);
}

test('the tenant admin makes a token, shown once and kept hashed; without it SCIM answers 401', async () => {
  assertScimError(await scim('GET', '/scim/v2/Users', undefined, null), 401);
  const b = await loggedIn(server.base, admin);
  const page = await b.get('/settings/scim');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="scim-state">Ingen token finns/);
  assert.match(page.text, /id="scim-url">[^<]*\/scim\/v2</);
  const made = await b.post('/settings/scim/token');
  assert.equal(made.status, 200);
  assert.equal(made.headers.get('cache-control'), 'no-store');
  token = made.text.match(/id="scim-token">(scim_[A-Za-z0-9_-]+)</)[1];
  assert.equal(sql(`SELECT COUNT(*) FROM tenant WHERE scim_token_hash LIKE '%${token.slice(5, 20)}%'`).trim(), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE tenant_id = ${tenantId} AND action = 'scim_token_created'`).trim(), '1');
  assert.match((await b.get('/settings/scim')).text, /id="scim-state">En token finns/);
  assertScimError(await scim('GET', '/scim/v2/Users', undefined, 'scim_not-the-token-at-all'), 401);
  // a person without admin rights makes none
  const plain = await loggedIn(server.base, leaver);
  assert.equal((await plain.post('/settings/scim/token')).status, 403);
});

test('create: a User with the RFC 7643 shape; a second with the same userName is refused', async () => {
  const res = await scim('POST', '/scim/v2/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `Sara.Ny-${tag}@SCIM.se`,
    name: { givenName: 'Sara', familyName: 'Ny' },
    emails: [{ value: `sara.ny-${tag}@scim.se`, primary: true }],
    active: true,
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.get('content-type'), 'application/scim+json');
  created = res.json;
  assert.deepEqual(created.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User']);
  assert.equal(created.userName, `sara.ny-${tag}@scim.se`);
  assert.equal(created.displayName, 'Sara Ny');
  assert.equal(created.active, true);
  assert.equal(created.meta.resourceType, 'User');
  assert.equal(created.meta.location, `/scim/v2/Users/${created.id}`);
  assert.equal(res.headers.get('location'), `/scim/v2/Users/${created.id}`);
  assert.equal(sql(`SELECT name || '|' || tenant_id FROM person WHERE id = ${created.id}`).trim(), `Sara Ny|${tenantId}`);
  assert.equal(sql(`SELECT actor FROM audit_log WHERE tenant_id = ${tenantId} AND entity = 'people' AND entity_id = '${created.id}' AND action = 'create'`).trim(), 'scim');
  assertScimError(await scim('POST', '/scim/v2/Users', { userName: `sara.ny-${tag}@scim.se` }), 409, 'uniqueness');
  assertScimError(await scim('POST', '/scim/v2/Users', { displayName: 'Utan adress' }), 400, 'invalidValue');
  assertScimError(await scim('POST', '/scim/v2/Users', { userName: 'inte en adress' }), 400, 'invalidValue');
  assertScimError(await scim('POST', '/scim/v2/Users', { userName: `x-${tag}@scim.se`, active: 'kanske' }), 400, 'invalidValue');
  const bad = await fetch(`${server.base}/scim/v2/Users`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{not json' });
  assert.equal(bad.status, 400);
  assert.equal(sql(`SELECT COUNT(*) FROM person WHERE tenant_id = ${tenantId}`).trim(), '3');
});

test('list and filter: userName eq finds one person of the tenant, case aside; others are out of reach', async () => {
  const all = await scim('GET', '/scim/v2/Users');
  assert.equal(all.status, 200);
  assert.deepEqual(all.json.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  assert.equal(all.json.totalResults, 3);
  assert.equal(all.json.Resources.length, 3);
  const page = await scim('GET', '/scim/v2/Users?startIndex=2&count=1');
  assert.equal(page.json.totalResults, 3);
  assert.equal(page.json.startIndex, 2);
  assert.equal(page.json.itemsPerPage, 1);
  assert.equal(page.json.Resources[0].id, all.json.Resources[1].id);
  const one = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${leaver.toUpperCase()}"`)}`);
  assert.equal(one.json.totalResults, 1);
  assert.equal(one.json.Resources[0].userName, leaver);
  assert.equal(one.json.Resources[0].displayName, 'Lars Slutar');
  const none = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "ciso@exempelkommun.se"')}`);
  assert.equal(none.json.totalResults, 0);
  assert.deepEqual(none.json.Resources, []);
  assertScimError(await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('displayName co "a"')}`), 400, 'invalidFilter');
  const got = await scim('GET', `/scim/v2/Users/${created.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.userName, created.userName);
  // a person of the demo tenant is not found with this tenant's token
  const other = sql(`SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = 'ciso@exempelkommun.se' LIMIT 1`).trim();
  assertScimError(await scim('GET', `/scim/v2/Users/${other}`), 404);
  assertScimError(await scim('PATCH', `/scim/v2/Users/${other}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }), 404);
  assert.equal(sql(`SELECT active FROM person WHERE id = ${other}`).trim(), '1');
});

test('PATCH active=false deactivates: the person\'s session cookie and API token stop working at once', async () => {
  const browser = await loggedIn(server.base, leaver);
  assert.equal((await browser.get('/home')).status, 200);
  const api = await apiClient(server.base, leaver);
  assert.equal((await api.get('/api/v1/me')).status, 200);
  const id = sql(`SELECT id FROM person WHERE tenant_id = ${tenantId} AND email = '${leaver}'`).trim();
  const res = await scim('PATCH', `/scim/v2/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.active, false);
  const home = await browser.get('/home');
  assert.equal(home.status, 303);
  assert.match(home.location, /^\/login/);
  assert.equal((await api.get('/api/v1/me')).status, 401);
  const login = await browser.login(leaver);
  assert.equal(login.status, 401);
  assert.equal(sql(`SELECT actor FROM audit_log WHERE tenant_id = ${tenantId} AND entity = 'people' AND entity_id = '${id}' AND action = 'update' ORDER BY id DESC LIMIT 1`).trim(), 'scim');
  // a path outside the User schema is refused and changes nothing
  assertScimError(await scim('PATCH', `/scim/v2/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: true }, { op: 'replace', path: 'favouriteColour', value: 'x' }] }), 400, 'invalidPath');
  assert.equal(sql(`SELECT active FROM person WHERE id = ${id}`).trim(), '0');
  assertScimError(await scim('PATCH', `/scim/v2/Users/${id}`, { Operations: [{ op: 'remove', path: 'active' }] }), 400);
  // a value object without a path re-activates
  const back = await scim('PATCH', `/scim/v2/Users/${id}`, { Operations: [{ op: 'replace', value: { active: true, displayName: 'Lars Tillbaka' } }] });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.active, true);
  assert.equal(back.json.displayName, 'Lars Tillbaka');
});

test('Entra ID\'s shapes: attributes lis does not keep are left aside, givenName and familyName together rename, DELETE deactivates', async () => {
  const made = await scim('POST', '/scim/v2/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: 'e-4711', userName: `eva-${tag}@scim.se`, active: true,
    emails: [{ primary: true, type: 'work', value: `eva-${tag}@scim.se` }],
    meta: { resourceType: 'User' }, name: { formatted: 'Eva Entra', familyName: 'Entra', givenName: 'Eva' },
    title: 'Enhetschef', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Socialförvaltningen' },
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  // Entra's usual update: many attributes, only some of them lis's
  const res = await scim('PATCH', `/scim/v2/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'Add', path: 'externalId', value: 'e-4712' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: `eva-${tag}@scim.se` },
      { op: 'Replace', path: 'name.givenName', value: 'Eva' },
      { op: 'Replace', path: 'name.familyName', value: 'Ändrad' },
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+46 8 123 45' },
      { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Barn- och utbildningsförvaltningen' },
      { op: 'Remove', path: 'title' },
    ],
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.displayName, 'Eva Ändrad');
  assert.equal(sql(`SELECT name FROM person WHERE id = ${id}`).trim(), 'Eva Ändrad');
  // displayName wins over the parts; the core schema's URN before a path is understood
  const both = await scim('PATCH', `/scim/v2/Users/${id}`, { Operations: [
    { op: 'replace', path: 'name.familyName', value: 'Fel' },
    { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:displayName', value: 'Eva Entra' },
  ] });
  assert.equal(both.status, 200, both.text);
  assert.equal(both.json.displayName, 'Eva Entra');
  assertScimError(await scim('PATCH', `/scim/v2/Users/${id}`, { Operations: [{ op: 'remove', path: 'displayName' }] }), 400);
  // DELETE (Entra's hard delete) deactivates; the person stays for the audit trail
  const del = await scim('DELETE', `/scim/v2/Users/${id}`);
  assert.equal(del.status, 204, del.text);
  assert.equal(sql(`SELECT active FROM person WHERE id = ${id}`).trim(), '0');
  assert.equal((await scim('GET', `/scim/v2/Users/${id}`)).json.active, false);
  assertScimError(await scim('DELETE', '/scim/v2/Users/999999999'), 404);
  assertScimError(await scim('DELETE', `/scim/v2/Users/${id}`, undefined, null), 401);
});

test('discovery: ServiceProviderConfig, ResourceTypes and Schemas say what lis supports, behind the token', async () => {
  const config = await scim('GET', '/scim/v2/ServiceProviderConfig');
  assert.equal(config.status, 200, config.text);
  assert.equal(config.headers.get('content-type'), 'application/scim+json');
  assert.deepEqual(config.json.schemas, ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
  assert.equal(config.json.patch.supported, true);
  assert.equal(config.json.bulk.supported, false);
  assert.equal(config.json.filter.maxResults, 200);
  assert.equal(config.json.authenticationSchemes[0].type, 'oauthbearertoken');
  const types = await scim('GET', '/scim/v2/ResourceTypes');
  assert.equal(types.json.totalResults, 1);
  assert.equal(types.json.Resources[0].endpoint, '/Users');
  const schemas = await scim('GET', '/scim/v2/Schemas');
  const user = schemas.json.Resources[0];
  assert.equal(user.id, 'urn:ietf:params:scim:schemas:core:2.0:User');
  assert.deepEqual(user.attributes.map((a) => a.name), ['userName', 'displayName', 'name', 'emails', 'active']);
  assert.equal(user.attributes[0].mutability, 'immutable');
  assertScimError(await scim('GET', '/scim/v2/Schemas', undefined, null), 401);
});

test('PUT replaces the name and active; userName cannot change; a revoked token opens nothing', async () => {
  const put = await scim('PUT', `/scim/v2/Users/${created.id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: created.userName, displayName: 'Sara Nyare', active: false });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.displayName, 'Sara Nyare');
  assert.equal(put.json.active, false);
  assert.equal(sql(`SELECT name || '|' || active FROM person WHERE id = ${created.id}`).trim(), 'Sara Nyare|0');
  assertScimError(await scim('PUT', `/scim/v2/Users/${created.id}`, { userName: `annan-${tag}@scim.se` }), 400, 'mutability');
  assertScimError(await scim('GET', '/scim/v2/Users/999999999'), 404);
  const b = await loggedIn(server.base, admin);
  assert.equal((await b.post('/settings/scim/revoke')).status, 303);
  assertScimError(await scim('GET', '/scim/v2/Users'), 401);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE tenant_id = ${tenantId} AND action = 'scim_token_revoked'`).trim(), '1');
});
