// Two-step verification of local accounts: enrolment with a first code, the login's second
// step (no session before it; wrong, replayed and expired codes refused; a recovery code
// works once), the tenant's requirement sending a person to enrolment before anything
// else, the admin's reset, every event in the audit log, and API tokens left alone.
// A tenant of its own, so the rest of the suite is untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, Browser, loggedIn, PASSWORD, lis, sql, Api } from './harness.mjs';
import { totp, freshStep } from './totp.mjs';

let server;
const tag = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TENANT = `TS${tag}`.toUpperCase();
const admin = `admin-${tag}@tvasteg.se`;
const ciso = `ciso-${tag}@tvasteg.se`;
const employee = `emp-${tag}@tvasteg.se`;

before(async () => {
  server = await startLis();
  lis('init', '--tenant', TENANT, '--tenant-name', `Tvåsteg ${tag}`, '--email', admin, '--name', 'Tina Admin', '--password', PASSWORD);
  lis('user', 'add', '--tenant', TENANT, '--email', ciso, '--name', 'Cecilia Säker', '--role', 'ciso', '--password', PASSWORD);
  lis('user', 'add', '--tenant', TENANT, '--email', employee, '--name', 'Erik Anställd', '--role', 'employee', '--password', PASSWORD);
});
after(async () => { await server.stop(); });

// Switches two-step verification on for a logged-in browser; returns the secret and codes.
async function enrol(b) {
  const start = await b.post('/account/two-step/start');
  assert.equal(start.status, 303, start.text);
  const page = await b.get('/account/two-step');
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg [^>]*viewBox/);
  const secret = page.text.match(/id="totp-secret">([A-Z2-7]+)</)[1];
  await freshStep();
  const done = await b.post('/account/two-step/confirm', { code: totp(secret) });
  assert.equal(done.status, 200, done.text);
  const codes = [...done.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.equal(done.headers.get('cache-control'), 'no-store');
  return { secret, codes, usedStep: totp(secret) };
}

// The first step: the password; answers where it sends the browser.
async function password(b, email) {
  const page = await b.get('/login');
  const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
  return b.request('POST', '/login', { form: { _pre: pre, email, password: PASSWORD, next: '/home' } });
}

async function secondStep(b, code) {
  const page = await b.get('/login/code');
  if (page.status !== 200) return page;
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
  return b.request('POST', '/login/code', { form: { _csrf: csrf, code } });
}

function auditActions(email) {
  return sql(`SELECT a.action FROM audit_log a JOIN account c ON c.id = a.actor_id WHERE c.email = '${email}' ORDER BY a.id`)
    .trim().split('\n');
}

test('enrolment needs a first code; then the password alone opens no session', async () => {
  const b = await loggedIn(server.base, ciso);
  const off = await b.get('/account');
  assert.match(off.text, /Tvåstegsverifiering är inte på/);
  await b.post('/account/two-step/start');
  const page = await b.get('/account/two-step');
  assert.match(page.text, /id="totp-secret"/);
  // a wrong first code switches nothing on
  const waiting = page.text.match(/id="totp-secret">([A-Z2-7]+)</)[1];
  const wrong = await b.post('/account/two-step/confirm', { code: totp(waiting, 7) });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /Koden stämmer inte/);
  assert.equal(sql(`SELECT COUNT(*) FROM account_totp t JOIN account a ON a.id = t.account_id WHERE a.email = '${ciso}' AND t.enabled_at IS NOT NULL`).trim(), '0');
  const { secret, codes } = await enrol(b);
  // stored sealed and hashed: neither the secret nor a recovery code is in the database
  const stored = sql(`SELECT t.sealed_secret FROM account_totp t JOIN account a ON a.id = t.account_id WHERE a.email = '${ciso}'`);
  assert.doesNotMatch(stored, new RegExp(secret));
  const hashes = sql(`SELECT r.code_hash FROM account_totp_recovery r JOIN account a ON a.id = r.account_id WHERE a.email = '${ciso}'`);
  assert.equal(hashes.trim().split('\n').length, 10);
  assert.match(hashes, /^\$argon2id\$/);
  for (const c of codes) assert.doesNotMatch(hashes, new RegExp(c));
  assert.ok(auditActions(ciso).includes('totp_enrolled'));

  const c = new Browser(server.base);
  const first = await password(c, ciso);
  assert.equal(first.status, 303);
  assert.equal(first.location, '/login/code');
  assert.ok(!c.cookies.has('lis_session'), 'no session after the password alone');
  const home = await c.get('/home');
  assert.equal(home.status, 303);
  assert.match(home.location, /^\/login/);
});

test('the second step: a wrong code is refused and audited, a replayed code never passes', async () => {
  const b = await loggedIn(server.base, employee);
  const { secret } = await enrol(b);
  const c = new Browser(server.base);
  await password(c, employee);
  const page = await c.get('/login/code');
  assert.equal(page.status, 200);
  assert.match(page.text, /autocomplete="one-time-code"/);
  const wrongCode = totp(secret, 5);
  const wrong = await secondStep(c, wrongCode);
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /Koden stämmer inte/);
  assert.ok(!c.cookies.has('lis_session'));
  assert.ok(auditActions(employee).includes('login_code_failed'));
  // without the form's token the step is refused
  const forged = await c.request('POST', '/login/code', { form: { _csrf: 'x'.repeat(32), code: totp(secret) } });
  assert.equal(forged.status, 403);
  // the step used for enrolment is spent: the app's next code (lis takes ±1 step)
  await freshStep();
  const code = totp(secret, 1);
  const ok = await secondStep(c, code);
  assert.equal(ok.status, 303, ok.text);
  assert.equal(ok.location, '/home');
  assert.ok(c.cookies.has('lis_session'));
  assert.ok(!c.cookies.has('lis_pending'));
  assert.equal((await c.get('/home')).status, 200);
  // the same code again, in a new login within its 30 seconds: refused
  const d = new Browser(server.base);
  await password(d, employee);
  const replay = await secondStep(d, code);
  assert.equal(replay.status, 401);
  assert.ok(!d.cookies.has('lis_session'));
  // the pending login cannot be used after it made a session
  const again = await c.request('POST', '/login/code', { form: { _csrf: 'whatever', code } });
  assert.equal(again.status, 401);
  assert.match(again.text, /Logga in igen/);
});

test('a recovery code logs in once; the pending step expires', async () => {
  const b = await loggedIn(server.base, admin);
  const { codes } = await enrol(b);
  adminCodes.push(...codes.slice(5));
  const c = new Browser(server.base);
  await password(c, admin);
  const ok = await secondStep(c, codes[3].toUpperCase());
  assert.equal(ok.status, 303, ok.text);
  assert.ok(c.cookies.has('lis_session'));
  assert.ok(auditActions(admin).includes('recovery_code_used'));
  const left = await c.get('/account/two-step');
  assert.match(left.text, /id="codes-left">9</);
  const d = new Browser(server.base);
  await password(d, admin);
  const twice = await secondStep(d, codes[3]);
  assert.equal(twice.status, 401);
  assert.ok(!d.cookies.has('lis_session'));
  // five minutes later the pending login is gone, even with a right code
  sql(`UPDATE login_pending SET created_at = '2000-01-01T00:00:00Z'`);
  const late = await secondStep(d, codes[4]);
  assert.equal(late.status, 401);
  assert.match(late.text, /tog för lång tid/);
  assert.ok(!d.cookies.has('lis_session'));
  const home = await d.get('/home');
  assert.equal(home.status, 303);
});

test('the second step is throttled like the password', async () => {
  const c = new Browser(server.base);
  await password(c, admin);
  let last;
  for (let i = 0; i < 6; i++) last = await secondStep(c, 'aaaa-aaaa');
  assert.equal(last.status, 429);
  assert.match(last.text, /För många/);
  sql(`DELETE FROM login_throttle WHERE key = 'acct:${admin}'`);
});

test('required but not enrolled: sent to enrolment and nothing else until done; tokens unaffected', async () => {
  // a token made before the rule came in keeps working: it is a second factor of its own
  const person = `risk-${tag}@tvasteg.se`;
  lis('user', 'add', '--tenant', TENANT, '--email', person, '--name', 'Rolf Risk', '--role', 'auditor', '--password', PASSWORD);
  const tokenMaker = await loggedIn(server.base, person);
  const made = await tokenMaker.post('/tokens', { name: 'siem' });
  const token = made.text.match(/id="new-token">([^<]+)</)[1];

  // the admin requires it of everyone who may read risks
  const settings = await loggedInWithCode(admin);
  const page = await settings.get('/settings/two-step');
  assert.equal(page.status, 200);
  const bad = await settings.post('/settings/two-step', { policy: 'roles' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /minst en roll/);
  const saved = await settings.post('/settings/two-step', { policy: 'risk_readers' });
  assert.equal(saved.status, 303);
  assert.ok(auditActions(admin).includes('update'));

  const p = new Browser(server.base);
  const first = await password(p, person);
  assert.equal(first.status, 303);
  assert.equal(first.location, '/home');
  const home = await p.get('/home');
  assert.equal(home.status, 303);
  assert.equal(home.location, '/account/two-step');
  assert.equal((await p.get('/risks')).location, '/account/two-step');
  const account = await p.get('/account/two-step');
  assert.equal(account.status, 200);
  assert.match(account.text, /kräver tvåstegsverifiering/);
  // no way around it: a token cannot be made, the API is closed to the session
  const tok = await p.post('/tokens', { name: 'escape' });
  assert.equal(tok.status, 403);
  assert.equal((await p.get('/api/v1/me')).status, 403);
  // the token made earlier still works
  const api = new Api(server.base, token);
  assert.equal((await api.get('/api/v1/me')).status, 200);
  // an employee is not asked (no risk rights)
  lis('user', 'add', '--tenant', TENANT, '--email', `plain-${tag}@tvasteg.se`, '--name', 'Pelle Plain', '--role', 'employee', '--password', PASSWORD);
  const plain = await loggedIn(server.base, `plain-${tag}@tvasteg.se`);
  assert.equal((await plain.get('/home')).status, 200);
  // once enrolled, everything opens
  await enrol(p);
  assert.equal((await p.get('/home')).status, 200);

  // chosen roles: the employee role now requires it
  const rolesSaved = await settings.post('/settings/two-step', { policy: 'roles', role: 'employee' });
  assert.equal(rolesSaved.status, 303);
  assert.equal((await plain.get('/home')).location, '/account/two-step');
  await settings.post('/settings/two-step', { policy: 'nobody' });
  assert.equal((await plain.get('/home')).status, 200);
});

test('the tenant admin resets a person\'s two-step verification, audited; the person sets it up again', async () => {
  const settings = await loggedInWithCode(admin);
  const id = sql(`SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = '${employee}'`).trim();
  const page = await settings.get(`/people/${id}`);
  assert.match(page.text, /id="twostep-person-state">Tvåstegsverifiering är på/);
  const reset = await settings.post(`/people/${id}/two-step/reset`);
  assert.equal(reset.status, 303, reset.text);
  const after = await settings.get(`/people/${id}`);
  assert.match(after.text, /id="twostep-person-state">Tvåstegsverifiering är inte på/);
  assert.ok(auditActions(admin).includes('totp_reset'));
  // a person without admin rights cannot reset anyone's
  const plain = await loggedIn(server.base, `plain-${tag}@tvasteg.se`);
  const refused = await plain.post(`/people/${id}/two-step/reset`);
  assert.equal(refused.status, 403);
  // the employee logs in with the password alone again
  const e = await loggedIn(server.base, employee);
  assert.equal((await e.get('/home')).status, 200);
  // and switching it off needs the password or a code
  await enrol(e);
  const no = await e.post('/account/two-step/off', { proof: 'wrong password' });
  assert.equal(no.status, 422);
  const yes = await e.post('/account/two-step/off', { proof: PASSWORD });
  assert.equal(yes.status, 303);
  assert.ok(auditActions(employee).includes('totp_disabled'));
});

// Logs the admin in through both steps with one of the recovery codes kept from enrolment.
const adminCodes = [];
async function loggedInWithCode(email) {
  const b = new Browser(server.base);
  await password(b, email);
  const ok = await secondStep(b, adminCodes.shift());
  assert.equal(ok.status, 303, ok.text);
  await b.get('/home');
  return b;
}
