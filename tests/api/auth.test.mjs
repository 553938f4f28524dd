// Logging in and out, throttling, sessions, CSRF, language, password change, headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, Browser, loggedIn, PASSWORD, lis } from './harness.mjs';

let server;
before(async () => { server = await startLis(); });
after(async () => { await server.stop(); });

test('login page is Swedish by default and has the security headers', async () => {
  const b = new Browser(server.base);
  const r = await b.get('/login');
  assert.equal(r.status, 200);
  assert.match(r.text, /<html lang="sv">/);
  assert.match(r.text, /Logga in/);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(r.headers.get('referrer-policy'));
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('pages need a login; the login returns to the page asked for', async () => {
  const b = new Browser(server.base);
  const r = await b.get('/people');
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/login\?next=%2Fpeople/);
  const page = await b.get(r.location);
  const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
  const next = page.text.match(/name="next" value="([^"]+)"/)[1];
  assert.equal(next, '/people');
  const res = await b.request('POST', '/login', { form: { _pre: pre, email: 'admin@exempelkommun.se', password: PASSWORD, next } });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/people');
});

test('a login never redirects to another host', async () => {
  const b = new Browser(server.base);
  const page = await b.get('/login');
  const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
  for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
    const res = await b.request('POST', '/login', { form: { _pre: pre, email: 'admin@exempelkommun.se', password: PASSWORD, next } });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/home', next);
  }
});

test('wrong password is refused and says so; the session cookie is HttpOnly and SameSite', async () => {
  const b = new Browser(server.base);
  const bad = await b.login('ledning@exempelkommun.se', 'not the password');
  assert.equal(bad.status, 401);
  assert.match(bad.text, /Fel e-postadress eller lösenord/);
  assert.ok(!b.cookies.has('lis_session'));
  const page = await b.get('/login');
  const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
  const ok = await b.request('POST', '/login', { form: { _pre: pre, email: 'LEDNING@exempelkommun.se', password: PASSWORD } });
  assert.equal(ok.status, 303);
  const cookie = ok.cookies.find((c) => c.startsWith('lis_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/); // plain HTTP here
});

test('a login form without its pre-session token is refused (login CSRF)', async () => {
  const b = new Browser(server.base);
  const res = await b.request('POST', '/login', { form: { email: 'admin@exempelkommun.se', password: PASSWORD } });
  assert.equal(res.status, 403);
  assert.ok(!b.cookies.has('lis_session'));
});

test('after five wrong passwords the account is locked, even for the right one; others are not', async () => {
  const b = new Browser(server.base);
  for (let i = 0; i < 5; i++) {
    const r = await b.login('medarbetare@exempelkommun.se', `wrong ${i}`);
    assert.equal(r.status, 401);
  }
  const locked = await b.login('medarbetare@exempelkommun.se');
  assert.equal(locked.status, 429);
  assert.match(locked.text, /För många misslyckade försök/);
  const other = await new Browser(server.base).login('revisor@exempelkommun.se');
  assert.equal(other.status, 303);
});

test('a new session id at every login; logout ends the session', async () => {
  // a session id planted before login (session fixation) is replaced, never adopted
  const b = new Browser(server.base);
  b.cookies.set('lis_session', 'planted-by-an-attacker');
  await b.login('agare@exempelkommun.se');
  const second = b.cookies.get('lis_session');
  assert.notEqual(second, 'planted-by-an-attacker');
  const planted = new Browser(server.base);
  planted.cookies.set('lis_session', 'planted-by-an-attacker');
  assert.equal((await planted.get('/home')).status, 303);
  const other = await loggedIn(server.base, 'agare@exempelkommun.se');
  assert.notEqual(other.cookies.get('lis_session'), second, 'each login its own id');
  const out = await b.post('/logout');
  assert.equal(out.status, 303);
  const after = new Browser(server.base);
  after.cookies.set('lis_session', second);
  assert.equal((await after.get('/home')).status, 303);
});

test('a form post without the CSRF token changes nothing', async () => {
  const b = await loggedIn(server.base, 'admin@exempelkommun.se');
  const before = (await b.get('/units?q=CSRF-test')).text;
  const res = await b.request('POST', '/units', { form: { name: 'CSRF-test', kind: 'forvaltning', parent_id: '1' } });
  assert.equal(res.status, 403);
  const res2 = await b.request('POST', '/units', { form: { _csrf: 'x'.repeat(32), name: 'CSRF-test', kind: 'forvaltning', parent_id: '1' } });
  assert.equal(res2.status, 403);
  const afterList = (await b.get('/units?q=CSRF-test')).text;
  assert.doesNotMatch(afterList, /<a href="\/units\/\d+">CSRF-test/);
  assert.equal(before.includes('CSRF-test</a>'), false);
});

test('language: English is selectable and remembered on the account', async () => {
  const b = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.match((await b.get('/home')).text, /Mina roller/);
  const r = await b.post('/lang', { lang: 'en', back: '/home' });
  assert.equal(r.status, 303);
  const home = await b.get('/home');
  assert.match(home.text, /<html lang="en">/);
  assert.match(home.text, /My roles/);
  // a new browser, same account: the choice follows the account
  const fresh = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.match((await fresh.get('/home')).text, /My roles/);
  await fresh.post('/lang', { lang: 'sv', back: '/home' });
  assert.match((await fresh.get('/home')).text, /Mina roller/);
});

test('change password: wrong current, mismatch and too short are refused; success ends other sessions', async () => {
  lis('user', 'add', '--tenant', 'EXEMPEL', '--email', 'pw@exempelkommun.se', '--name', 'Pia Wall', '--password', PASSWORD);
  const other = await loggedIn(server.base, 'pw@exempelkommun.se');
  const b = await loggedIn(server.base, 'pw@exempelkommun.se');
  let r = await b.post('/account/password', { current: 'nope', new: 'a long new password', again: 'a long new password' });
  assert.equal(r.status, 422);
  assert.match(r.text, /nuvarande lösenordet stämmer inte/);
  r = await b.post('/account/password', { current: PASSWORD, new: 'a long new password', again: 'a different one!' });
  assert.equal(r.status, 422);
  r = await b.post('/account/password', { current: PASSWORD, new: 'short', again: 'short' });
  assert.equal(r.status, 422);
  assert.match(r.text, /minst 10 tecken/);
  r = await b.post('/account/password', { current: PASSWORD, new: 'a long new password', again: 'a long new password' });
  assert.equal(r.status, 303);
  assert.equal((await b.get('/home')).status, 200, 'this session stays');
  assert.equal((await other.get('/home')).status, 303, 'the other session ended');
  assert.equal((await new Browser(server.base).login('pw@exempelkommun.se')).status, 401);
  assert.equal((await new Browser(server.base).login('pw@exempelkommun.se', 'a long new password')).status, 303);
});

test('one CISO in two kommuner switches tenant without logging in again', async () => {
  const b = await loggedIn(server.base, 'ciso@exempelkommun.se');
  assert.match((await b.get('/home')).text, /class="tenant">Exempelkommun</);
  const account = await b.get('/account');
  const grann = account.text.match(/<option value="(\d+)"[^>]*>Grannkommun<\/option>/)[1];
  const r = await b.post('/tenant', { tenant_id: grann });
  assert.equal(r.status, 303);
  const home = await b.get('/home');
  assert.match(home.text, /class="tenant">Grannkommun</);
  const units = await b.get('/units');
  assert.doesNotMatch(units.text, /Socialförvaltningen/);
  // a tenant the account does not belong to cannot be switched to
  const stranger = await loggedIn(server.base, 'revisor@exempelkommun.se');
  assert.equal((await stranger.post('/tenant', { tenant_id: grann })).status, 403);
});

test('static assets are served with caching; unknown paths are 404', async () => {
  const r = await fetch(server.base + '/static/app.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/css/);
  assert.match(r.headers.get('cache-control'), /max-age/);
  assert.equal((await fetch(server.base + '/static/nope.css')).status, 404);
  const b = await loggedIn(server.base, 'admin@exempelkommun.se');
  assert.equal((await b.get('/no-such-page')).status, 404);
  assert.equal((await b.get('/units/99999999')).status, 404);
});

test('the language form with an API token instead of a session is refused, not a crash', async () => {
  const { apiClient } = await import('./harness.mjs');
  const api = await apiClient(server.base, 'agare@exempelkommun.se');
  const r = await fetch(server.base + '/lang', {
    method: 'POST', redirect: 'manual',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'lang=en&_csrf=x',
  });
  assert.equal(r.status, 403);
});
