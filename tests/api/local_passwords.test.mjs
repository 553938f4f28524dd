// Local passwords switched off per tenant (issue 22): refused while no emergency admin has
// two-step verification; then a normal person's password is refused with "Logga in med
// <name>" (right or wrong), the session begun with a password before the switch ends, the
// emergency admin logs in with password and code, the last emergency admin keeps the mark
// and two-step verification, API tokens keep working, and every change is in the audit log.
// Also the throttle of the login through the provider (/login/sso/…). A tenant of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, Browser, loggedIn, apiClient, PASSWORD, lis, sql } from './harness.mjs';
import { totp, freshStep } from './totp.mjs';

let server;
const tag = `l${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TENANT = `LP${tag}`.toUpperCase();
const TENANT_NAME = `Lösenkommun ${tag}`;
const admin = `admin-${tag}@losen.se`;
const second = `andra-${tag}@losen.se`;
const employee = `emp-${tag}@losen.se`;
let adminSecret, tenantId, employeeSession, employeeApi;
const recovery = [];

before(async () => {
  server = await startLis();
  lis('init', '--tenant', TENANT, '--tenant-name', TENANT_NAME, '--email', admin, '--name', 'Nora Nöd', '--password', PASSWORD);
  lis('user', 'add', '--tenant', TENANT, '--email', second, '--name', 'Anders Andra', '--role', 'tenant_admin', '--password', PASSWORD);
  lis('user', 'add', '--tenant', TENANT, '--email', employee, '--name', 'Erik Anställd', '--role', 'employee', '--password', PASSWORD);
  tenantId = sql(`SELECT id FROM tenant WHERE code = '${TENANT}'`).trim();
});
after(async () => {
  sql(`DELETE FROM oidc_provider WHERE tenant_id = ${tenantId}`);
  await server.stop();
});

async function password(b, email, pw = PASSWORD) {
  const page = await b.get('/login');
  const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
  return b.request('POST', '/login', { form: { _pre: pre, email, password: pw, next: '/home' } });
}

async function secondStep(b, code) {
  const page = await b.get('/login/code');
  assert.equal(page.status, 200, page.text);
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
  return b.request('POST', '/login/code', { form: { _csrf: csrf, code } });
}

function audit(action) {
  return sql(`SELECT COUNT(*) FROM audit_log WHERE tenant_id = ${tenantId} AND action = '${action}'`).trim();
}

// Logs the admin in with password and a fresh code (a step not used before).
let lastStep = null;
async function adminIn({ recoveryCode } = {}) {
  const b = new Browser(server.base);
  const first = await password(b, admin);
  assert.equal(first.status, 303, first.text);
  assert.equal(first.location, '/login/code');
  if (recoveryCode) {
    const ok = await secondStep(b, recovery.shift());
    assert.equal(ok.status, 303, ok.text);
    await b.get('/home');
    return b;
  }
  await freshStep();
  let code = totp(adminSecret);
  if (code === lastStep) { await new Promise((r) => setTimeout(r, 30000)); await freshStep(); code = totp(adminSecret); }
  lastStep = code;
  const ok = await secondStep(b, code);
  assert.equal(ok.status, 303, ok.text);
  await b.get('/home');
  return b;
}

test('passwords cannot be switched off while no emergency admin has two-step verification', async () => {
  const b = await loggedIn(server.base, admin);
  employeeSession = await loggedIn(server.base, employee);
  employeeApi = await apiClient(server.base, employee);
  const page = await b.get('/settings/passwords');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="password-state">Lokala lösenord är påslagna/);
  assert.match(page.text, /id="no-emergency-admins"/);
  const refused = await b.post('/settings/passwords', { password_login: 'off' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="password-message">Lösenorden kan inte stängas av: ingen nödadministratör/);
  // marked, but without two-step verification: still refused
  const marked = await b.post('/settings/passwords/emergency', { mark: '1', email: admin.toUpperCase() });
  assert.equal(marked.status, 303, marked.text);
  const listed = await b.get('/settings/passwords');
  assert.match(listed.text, /id="emergency-admins"[\s\S]*Nora Nöd[\s\S]*Inte påslagen/);
  assert.equal((await b.post('/settings/passwords', { password_login: 'off' })).status, 422);
  assert.equal(sql(`SELECT password_login FROM tenant WHERE id = ${tenantId}`).trim(), '1');
  // an unknown address marks nobody; a person without admin rights changes nothing
  const unknown = await b.post('/settings/passwords/emergency', { mark: '1', email: `nobody-${tag}@losen.se` });
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /Ingen aktiv person i organisationen har den e-postadressen/);
  assert.equal((await employeeSession.post('/settings/passwords', { password_login: 'off' })).status, 403);
  assert.equal((await employeeSession.post('/settings/passwords/emergency', { mark: '1', email: employee })).status, 403);
  assert.equal(audit('emergency_admin_marked'), '1');
});

test('with an emergency admin with two-step verification, passwords are switched off (audited)', async () => {
  const b = await loggedIn(server.base, admin);
  await b.post('/account/two-step/start');
  const page = await b.get('/account/two-step');
  adminSecret = page.text.match(/id="totp-secret">([A-Z2-7]+)</)[1];
  await freshStep();
  lastStep = totp(adminSecret);
  const done = await b.post('/account/two-step/confirm', { code: lastStep });
  assert.equal(done.status, 200, done.text);
  recovery.push(...[...done.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]));
  const off = await b.post('/settings/passwords', { password_login: 'off' });
  assert.equal(off.status, 303, off.text);
  assert.equal(sql(`SELECT password_login FROM tenant WHERE id = ${tenantId}`).trim(), '0');
  const diff = sql(`SELECT diff FROM audit_log WHERE tenant_id = ${tenantId} AND summary = 'local passwords switched off'`);
  assert.match(diff, /"password_login":\["on","off"\]/);
});

const addressFailures = () => sql(`SELECT COALESCE((SELECT failures FROM login_throttle WHERE key = 'ip:127.0.0.1'), 0)`).trim();

test('a normal person\'s password is refused, right or wrong, pointing to the provider; the old session ends', async () => {
  const before = addressFailures();
  const right = await password(new Browser(server.base), employee);
  assert.equal(right.status, 403);
  assert.match(right.text, new RegExp(`Inloggning med lösenord är avstängd i din organisation. Logga in med ${TENANT_NAME}.`));
  assert.equal(right.cookies.filter((c) => c.startsWith('lis_session=') && !/Max-Age=0/.test(c)).length, 0);
  const wrong = await password(new Browser(server.base), employee, 'not the password');
  assert.equal(wrong.status, 403);
  assert.match(wrong.text, /Logga in med/);
  // the same answer for any password: the address is not charged for it (the account is)
  assert.equal(addressFailures(), before);
  assert.equal(sql(`SELECT failures FROM login_throttle WHERE key = 'acct:${employee}'`).trim(), '2');
  // the name on the provider's button when the tenant has one
  sql(`INSERT INTO oidc_provider (tenant_id, display_name, issuer, client_id, updated_at) VALUES (${tenantId}, 'Lösenkommuns konto', 'https://idp.invalid', 'lis', '2026-01-01T00:00:00Z')`);
  const named = await password(new Browser(server.base), employee);
  assert.match(named.text, /Logga in med Lösenkommuns konto\./);
  // English too
  const en = new Browser(server.base);
  en.cookies.set('lis_lang', 'en');
  const english = await password(en, employee);
  assert.match(english.text, /Logging in with a password is switched off in your organisation. Log in with Lösenkommuns konto\./);
  // the session begun with the password before the switch opens nothing now
  const home = await employeeSession.get('/home');
  assert.equal(home.status, 303);
  assert.match(home.location, /^\/login/);
  assert.ok(Number(audit('login_refused')) >= 3);
  // a second tenant admin without the mark is refused as well
  assert.equal((await password(new Browser(server.base), second)).status, 403);
});

test('API tokens are not passwords: the person\'s token keeps working', async () => {
  const me = await employeeApi.get('/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.email, employee);
});

test('the emergency admin logs in with password and code; the last mark and its two-step verification stay', async () => {
  const b = await adminIn();
  assert.equal((await b.get('/home')).status, 200);
  const page = await b.get('/settings/passwords');
  assert.match(page.text, /id="password-state">Lokala lösenord är avstängda. Medarbetarna loggar in med Lösenkommuns konto/);
  const adminId = sql(`SELECT id FROM person WHERE tenant_id = ${tenantId} AND email = '${admin}'`).trim();
  const unmark = await b.post('/settings/passwords/emergency', { mark: '0', person_id: adminId });
  assert.equal(unmark.status, 409);
  assert.match(unmark.text, /Markeringen kan inte tas bort: personen är den sista nödadministratören/);
  assert.equal(sql(`SELECT emergency_admin FROM person WHERE id = ${adminId}`).trim(), '1');
  // nor is the two-step verification switched off, by the admin or reset by another admin
  const off = await b.post('/account/two-step/off', { proof: PASSWORD });
  assert.equal(off.status, 409);
  assert.match(off.text, /Tvåstegsverifieringen kan inte stängas av/);
  const reset = await b.post(`/people/${adminId}/two-step/reset`);
  assert.equal(reset.status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM account_totp t JOIN account a ON a.id = t.account_id WHERE a.email = '${admin}' AND t.enabled_at IS NOT NULL`).trim(), '1');
  // a second emergency admin without two-step verification does not make the first removable
  assert.equal((await b.post('/settings/passwords/emergency', { mark: '1', email: second })).status, 303);
  assert.equal((await b.post('/settings/passwords/emergency', { mark: '0', person_id: adminId })).status, 409);
  // the second emergency admin without two-step verification is told what is missing
  const needs = await password(new Browser(server.base), second);
  assert.equal(needs.status, 403);
  assert.match(needs.text, /Du är nödadministratör men har inte tvåstegsverifiering påslagen/);
});

test('passwords switched on again: everyone logs in, the mark can go', async () => {
  const b = await adminIn({ recoveryCode: true });
  assert.equal((await b.post('/settings/passwords', { password_login: 'on' })).status, 303);
  const adminId = sql(`SELECT id FROM person WHERE tenant_id = ${tenantId} AND email = '${admin}'`).trim();
  assert.equal((await b.post('/settings/passwords/emergency', { mark: '0', person_id: adminId })).status, 303);
  assert.equal(audit('emergency_admin_unmarked'), '1');
  const e = await loggedIn(server.base, employee);
  assert.equal((await e.get('/home')).status, 200);
  assert.equal((await b.post('/settings/passwords', { password_login: 'maybe' })).status, 422);
});

test('the login through the provider is throttled per address like the password', async () => {
  // the count starts here: the files before this one logged in through a provider from
  // this address too
  sql(`DELETE FROM login_throttle WHERE key LIKE 'ip:sso:%'`);
  // a tenant without a provider: each start is refused at once, and counted
  const statuses = [];
  for (let i = 0; i < 302; i++) {
    const r = await new Browser(server.base).get('/login/sso/999999999');
    statuses.push(r.status);
    if (r.status === 429) {
      assert.match(r.text, /För många misslyckade försök/);
      break;
    }
  }
  // 300 attempts, then the address is locked
  assert.equal(statuses.length, 301, statuses.slice(-3).join(','));
  assert.ok(statuses.slice(0, 300).every((s) => s === 404));
  // the return from the provider is counted by the same key
  const cb = await new Browser(server.base).get('/login/sso/callback?state=x&code=y');
  assert.equal(cb.status, 429);
  // the password login has its own count and is not locked by it
  const e = await loggedIn(server.base, employee);
  assert.equal((await e.get('/home')).status, 200);
  sql(`DELETE FROM login_throttle WHERE key LIKE 'ip:sso:%'`);
  const again = await new Browser(server.base).get('/login/sso/999999999');
  assert.equal(again.status, 404);
});
