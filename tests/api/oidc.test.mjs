// Single sign-on with OpenID Connect (issue 22 points 1, 2, 5). The tenant administrator
// points lis at the kommun's provider — here a real one on loopback (oidc-provider,
// tests/oidc/provider.mjs) — tests it, and the login page offers "Logga in med
// Exempelkommun". A person walks the whole login over real HTTP: lis sends the browser to
// the provider with PKCE, state and nonce; the provider's login and consent forms are
// posted; lis exchanges the code, checks the ID token and lets Maja in as herself, recorded
// with the method. Unknown addresses are refused or created without roles as the tenant
// chose; logout offers the provider's logout. Then a provider that misbehaves (a tiny fake
// one whose tokens the test signs itself): another issuer or audience, an expired token, a
// bad signature, a replayed state, no nonce, alg none, HS256, a key rotated at the provider
// (the key set fetched again once) — each refused, nobody logged in, the refusal audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, Browser, sql, setCookies, apiClient } from './harness.mjs';
import { startProvider, startFakeProvider, signingKey, mint, USERS } from '../oidc/provider.mjs';

const CLIENT_ID = 'lis-exempelkommun', CLIENT_SECRET = 'hemlig+klient/nyckel=1 &x:y%';
let server, admin, provider, fake, tenantId;

// A cookie jar for the provider's side, and a GET/POST that never follows redirects.
class Jar {
  constructor() { this.cookies = new Map(); }
  async fetch(url, { method = 'GET', form } = {}) {
    const headers = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body;
    if (form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(form).toString(); }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    for (const c of setCookies(res.headers)) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(c) || /Max-Age=0/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
}

const settings = (over = {}) => ({
  enabled: '1', display_name: 'Exempelkommun', issuer: provider.issuer, client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET, email_claim: 'email', allowed_domains: 'exempelkommun.se',
  unknown_users: 'refuse', ...over,
});
const lastAudit = (action) => sql(`SELECT COALESCE(actor, '') || '|' || COALESCE(summary, '') FROM audit_log WHERE action = '${action}' AND entity = 'session' ORDER BY id DESC LIMIT 1`).trim();

// Begins a login at lis: the redirect to the provider, its parameters, and the browser.
async function begin(browser = new Browser(server.base)) {
  const start = await browser.get(`/login/sso/${tenantId}?next=/home`);
  assert.equal(start.status, 303, start.text);
  return { browser, to: new URL(start.location) };
}

// The whole login at the real provider as a person does it: login form, consent form, back.
async function loginAtProvider(user) {
  const { browser, to } = await begin();
  const jar = new Jar();
  let res = await jar.fetch(to.href);
  assert.equal(res.status, 303, res.text);
  let page = await jar.fetch(new URL(res.location, provider.issuer).href);
  assert.equal(page.status, 200);
  assert.match(page.text, /name="prompt" value="login"/, 'the provider shows its login form');
  const action = (text) => new URL(text.match(/<form[^>]*action="([^"]+)"/)[1].replace(/&amp;/g, '&'), provider.issuer).href;
  res = await jar.fetch(action(page.text), { method: 'POST', form: { prompt: 'login', login: user, password: 'vad-som-helst' } });
  // back through the authorization endpoint to the consent form, posted, and back again
  for (let hops = 0; hops < 8 && !res.location?.startsWith(server.base); hops++) {
    if (res.status === 200 && /name="prompt" value="consent"/.test(res.text)) {
      res = await jar.fetch(action(res.text), { method: 'POST', form: { prompt: 'consent' } });
    } else {
      assert.ok([302, 303].includes(res.status), `provider: ${res.status} ${res.text.slice(0, 300)}`);
      res = await jar.fetch(new URL(res.location, provider.issuer).href);
    }
  }
  assert.ok(res.location?.startsWith(`${server.base}/login/sso/callback?`), `back at lis: ${res.location}`);
  const callback = new URL(res.location);
  const done = await browser.get(callback.pathname + callback.search);
  return { browser, done, to, callback };
}

before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  sql('DELETE FROM oidc_login');
  sql('DELETE FROM oidc_provider');
  sql("UPDATE person SET active = 1 WHERE email = 'medarbetare@exempelkommun.se'");
  tenantId = sql("SELECT id FROM tenant WHERE name = 'Exempelkommun'").trim();
  provider = await startProvider({
    clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
    redirectUri: `${server.base}/login/sso/callback`, postLogoutUri: `${server.base}/login`,
  });
  fake = await startFakeProvider();
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); await provider?.close(); await fake?.close(); });

test('only the tenant administrator sets the provider; a bad form changes nothing', async () => {
  const ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  assert.equal((await ciso.get('/settings/sso')).status, 403);
  assert.equal((await ciso.post('/settings/sso', settings())).status, 403);
  const page = await admin.get('/settings/sso');
  assert.equal(page.status, 200);
  assert.match(page.text, /<code id="redirect-uri">http:\/\/127\.0\.0\.1:\d+\/login\/sso\/callback<\/code>/);
  for (const [field, bad] of [['issuer', 'ftp://idp.kommun.se'], ['issuer', 'http://idp.kommun.se'], ['issuer', 'https://user:pw@idp.kommun.se'],
    ['client_id', ''], ['email_claim', 'e mail'], ['allowed_domains', 'kommun.se; DROP'], ['unknown_users', 'admit'], ['display_name', '']]) {
    const res = await admin.post('/settings/sso', settings({ [field]: bad }));
    assert.equal(res.status, 422, `${field}=${bad}: ${res.status}`);
    assert.match(res.text, /role="alert"/);
  }
  assert.equal(sql('SELECT COUNT(*) FROM oidc_provider').trim(), '0', 'nothing saved');
  assert.doesNotMatch((await new Browser(server.base).get('/login')).text, /Logga in med/);
});

test('the administrator saves the provider, the secret sealed, and tests it', async () => {
  const saved = await admin.post('/settings/sso', settings());
  assert.equal(saved.status, 303, saved.text);
  const page = await admin.get(saved.location);
  assert.match(page.text, /Inställningarna är sparade/);
  assert.ok(!page.text.includes(CLIENT_SECRET) && !page.text.includes('hemlig+klient'), 'the secret is never shown again');
  assert.match(page.text, /En klienthemlighet är sparad krypterad/);
  const stored = sql('SELECT client_secret_sealed FROM oidc_provider').trim();
  assert.ok(stored.length > 40 && !stored.includes('hemlig'), 'sealed, not in clear');
  const audit = sql("SELECT summary FROM audit_log WHERE entity = 'oidc_provider' ORDER BY id DESC LIMIT 1");
  assert.match(audit, /provider http:\/\/127\.0\.0\.1:\d+, client lis-exempelkommun/);
  assert.doesNotMatch(audit, /hemlig/);
  // the test fetches discovery and the key set
  const tested = await admin.post('/settings/sso/test');
  assert.equal(tested.status, 200, tested.text);
  assert.match(tested.text, new RegExp(`Leverantören svarar\\. Utfärdare ${provider.issuer}, 1 nycklar för signering`));
  assert.match(tested.text, /har en egen utloggning/);
  // an empty secret field keeps the sealed secret
  assert.equal((await admin.post('/settings/sso', settings({ client_secret: '' }))).status, 303);
  assert.equal(sql('SELECT client_secret_sealed FROM oidc_provider').trim(), stored);
  // the login page now offers the provider
  const login = await new Browser(server.base).get('/login');
  assert.match(login.text, new RegExp(`<form method="get" action="/login/sso/${tenantId}"[^>]*>`));
  assert.match(login.text, /<button type="submit" class="primary">Logga in med Exempelkommun<\/button>/);
});

test('a test of a provider that is not there says so', async () => {
  assert.equal((await admin.post('/settings/sso', settings({ issuer: 'http://127.0.0.1:9/nowhere' }))).status, 303);
  const tested = await admin.post('/settings/sso/test');
  assert.equal(tested.status, 502);
  assert.match(tested.text, /Leverantören gick inte att använda:/);
  assert.equal((await admin.post('/settings/sso', settings())).status, 303);
});

test('Maja logs in through the real provider: PKCE, state and nonce, then a session as herself', async () => {
  const { browser, done, to, callback } = await loginAtProvider('medarbetare');
  assert.equal(to.searchParams.get('response_type'), 'code');
  assert.equal(to.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  assert.match(to.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.ok(to.searchParams.get('state').length >= 40 && to.searchParams.get('nonce').length >= 40);
  assert.match(to.searchParams.get('scope'), /openid/);
  assert.equal(done.status, 303, done.text);
  assert.equal(done.location, '/home');
  const me = await browser.get('/home');
  assert.equal(me.status, 200);
  assert.match(me.text, /Maja|Medarbetare|medarbetare/);
  assert.match(lastAudit('login'), /^medarbetare@exempelkommun\.se\|method: oidc \(http:\/\/127\.0\.0\.1:\d+, RS256\)$/);
  assert.equal(sql(`SELECT login_method FROM session WHERE account_id = (SELECT id FROM account WHERE email = 'medarbetare@exempelkommun.se') ORDER BY created_at DESC LIMIT 1`).trim(), 'oidc');
  // the state was used once: the same answer again is refused, and nobody is let in
  const again = new Browser(server.base);
  again.cookies.set('lis_sso', callback.searchParams.get('state'));
  const replay = await again.get(callback.pathname + callback.search);
  assert.equal(replay.status, 400);
  assert.match(replay.text, /Inloggningen har gått ut eller redan använts/);
  assert.ok(!again.cookies.has('lis_session'));

  // logout ends lis's session and offers the provider's logout
  const out = await browser.post('/logout');
  assert.equal(out.status, 200, out.text);
  assert.match(out.text, /Du är utloggad/);
  const link = new URL(out.text.match(/id="provider-logout" href="([^"]+)"/)[1].replace(/&amp;/g, '&'));
  assert.equal(link.origin, provider.issuer);
  assert.equal(link.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(link.searchParams.get('post_logout_redirect_uri'), `${server.base}/login`);
  const providerLogout = await new Jar().fetch(link.href);
  assert.equal(providerLogout.status, 200, 'the provider takes the logout request');
  assert.equal((await browser.get('/home')).status, 303, 'the lis session is gone');
  // a password login's logout goes straight to the login page
  const pw = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const pwOut = await pw.post('/logout');
  assert.equal(pwOut.status, 303);
  assert.equal(pwOut.location, '/login');
});

test('an unknown address is refused, or created without roles when the tenant chose so', async () => {
  const refused = await loginAtProvider('okand');
  assert.equal(refused.done.status, 401);
  assert.match(refused.done.text, /Det finns ingen aktiv person med din e-postadress/);
  assert.match(lastAudit('login_failed'), /^ny\.person@exempelkommun\.se\|method: oidc; no person of the tenant has the address$/);
  assert.equal(sql("SELECT COUNT(*) FROM account WHERE email = 'ny.person@exempelkommun.se'").trim(), '0');

  const domain = await loginAtProvider('extern');
  assert.equal(domain.done.status, 401);
  assert.match(domain.done.text, /hör inte till de domäner som får logga in/);

  const unverified = await loginAtProvider('overifierad');
  assert.equal(unverified.done.status, 401, 'email_verified false lets nobody in, not even a known address');
  assert.match(unverified.done.text, /ingen bekräftad e-postadress/);

  assert.equal((await admin.post('/settings/sso', settings({ unknown_users: 'create' }))).status, 303);
  const created = await loginAtProvider('okand');
  assert.equal(created.done.status, 303, created.done.text);
  assert.equal(sql("SELECT name || '|' || active FROM person WHERE email = 'ny.person@exempelkommun.se'").trim(), 'Nils Nyanställd|1');
  assert.equal(sql("SELECT COUNT(*) FROM role_assignment WHERE person_id = (SELECT id FROM person WHERE email = 'ny.person@exempelkommun.se')").trim(), '0', 'no roles');
  assert.equal(sql("SELECT COALESCE(password_hash, 'none') FROM account WHERE email = 'ny.person@exempelkommun.se'").trim(), 'none');
  assert.match(sql("SELECT summary FROM audit_log WHERE entity = 'people' AND action = 'create' ORDER BY id DESC LIMIT 1"), /ny\.person@exempelkommun\.se, created at first login/);
  // and a person without a password cannot log in with one
  const pw = await new Browser(server.base).login('ny.person@exempelkommun.se', 'demo-password-1');
  assert.equal(pw.status, 401);
  // a deactivated person is refused even when they exist
  sql("UPDATE person SET active = 0 WHERE email = 'medarbetare@exempelkommun.se'");
  const gone = await loginAtProvider('medarbetare');
  sql("UPDATE person SET active = 1 WHERE email = 'medarbetare@exempelkommun.se'");
  assert.equal(gone.done.status, 401);
  assert.match(lastAudit('login_failed'), /the person is deactivated/);
  assert.equal((await admin.post('/settings/sso', settings())).status, 303);
});

test('group claims map to roles for a unit, given and taken at each login, audited', async () => {
  const api = await apiClient(server.base, 'admin@exempelkommun.se');
  const unit = sql(`SELECT id FROM unit WHERE tenant_id = ${tenantId} AND parent_id IS NOT NULL ORDER BY id LIMIT 1`).trim();
  const root = sql(`SELECT id FROM unit WHERE tenant_id = ${tenantId} AND parent_id IS NULL ORDER BY id LIMIT 1`).trim();
  // only the tenant administrator keeps the mapping
  const ciso = await apiClient(server.base, 'ciso@exempelkommun.se');
  assert.equal((await ciso.post('/api/v1/sso_group_roles', { group_name: 'lis-samordnare', role: 'ciso', unit_id: Number(root) })).status, 403);
  const bad = await api.post('/api/v1/sso_group_roles', { group_name: 'lis-samordnare', role: 'kung', unit_id: Number(unit) });
  assert.equal(bad.status, 422, bad.text);
  const made = await api.post('/api/v1/sso_group_roles', { group_name: 'lis-samordnare', role: 'coordinator', unit_id: Number(unit) });
  assert.equal(made.status, 201, made.text);
  const other = await api.post('/api/v1/sso_group_roles', { group_name: 'lis-forum', role: 'forum_member', unit_id: Number(root) });
  assert.equal(other.status, 201, other.text);
  assert.match((await admin.get('/settings/sso')).text, /<a href="\/sso_group_roles">Grupper med roller<\/a>/);
  assert.equal((await admin.get('/sso_group_roles')).status, 200);

  const maja = `(SELECT id FROM person WHERE email = 'medarbetare@exempelkommun.se' AND tenant_id = ${tenantId})`;
  const handGiven = sql(`SELECT COUNT(*) FROM role_assignment WHERE person_id = ${maja} AND via_group IS NULL`).trim();
  const first = await loginAtProvider('medarbetare');
  assert.equal(first.done.status, 303, first.done.text);
  assert.equal(sql(`SELECT role || '|' || unit_id || '|' || via_group FROM role_assignment WHERE person_id = ${maja} AND via_group IS NOT NULL`).trim(),
    `coordinator|${unit}|lis-samordnare`, 'the mapped group gives its role; the unmapped one nothing; lis-forum is not hers');
  assert.match(sql("SELECT summary FROM audit_log WHERE entity = 'roles' AND action = 'create' ORDER BY id DESC LIMIT 1"), /medarbetare@exempelkommun\.se: coordinator for .+, from the provider's group lis-samordnare/);
  const me = await (await first.browser.get('/home')).text;
  assert.ok(me.length > 0);
  // the same groups again: nothing changes, nothing is audited
  const audits = sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'roles'").trim();
  assert.equal((await loginAtProvider('medarbetare')).done.status, 303);
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'roles'").trim(), audits);
  // she leaves the group at the provider: the role goes at her next login; hand-given ones stay
  USERS.medarbetare.groups = ['alla-anstallda'];
  try {
    assert.equal((await loginAtProvider('medarbetare')).done.status, 303);
  } finally {
    USERS.medarbetare.groups = ['lis-samordnare', 'alla-anstallda'];
  }
  assert.equal(sql(`SELECT COUNT(*) FROM role_assignment WHERE person_id = ${maja} AND via_group IS NOT NULL`).trim(), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM role_assignment WHERE person_id = ${maja} AND via_group IS NULL`).trim(), handGiven);
  assert.match(sql("SELECT summary FROM audit_log WHERE entity = 'roles' AND action = 'delete' ORDER BY id DESC LIMIT 1"), /coordinator taken, the provider's group lis-samordnare no longer gives it/);
  // the mapping removed: nothing more is given
  assert.equal((await api.delete(`/api/v1/sso_group_roles/${made.json.id}`)).status, 204);
  assert.equal((await loginAtProvider('medarbetare')).done.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM role_assignment WHERE person_id = ${maja} AND via_group IS NOT NULL`).trim(), '0');
});

// ---- a provider that misbehaves: tokens minted by the test -----------------------------

const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (nonce, over = {}) => ({
  iss: fake.issuer, aud: CLIENT_ID, sub: 'maja-1', iat: now(), exp: now() + 300, nonce,
  email: USERS.medarbetare.email, email_verified: true, ...over,
});

// One login against the fake provider; makeToken(nonce) is the ID token it will hand out.
async function fakeLogin(makeToken, { keepCookie = true } = {}) {
  const { browser, to } = await begin();
  assert.equal(to.origin, fake.issuer);
  fake.nextIdToken = makeToken(to.searchParams.get('nonce'));
  if (!keepCookie) browser.cookies.delete('lis_sso');
  const done = await browser.get(`/login/sso/callback?code=code-${Date.now()}&state=${encodeURIComponent(to.searchParams.get('state'))}`);
  return { done, browser, to };
}

test('against a provider that misbehaves: each bad token is refused and audited with why', async () => {
  assert.equal((await admin.post('/settings/sso', settings({ issuer: fake.issuer }))).status, 303);
  const key = fake.keys[0];

  // first a good token, so the refusals below are the tokens' fault alone
  const good = await fakeLogin((nonce) => mint(claimsFor(nonce), key));
  assert.equal(good.done.status, 303, good.done.text);
  const req = fake.tokenRequests.at(-1);
  assert.equal(req.form.grant_type, 'authorization_code');
  assert.match(req.form.code_verifier, /^[A-Za-z0-9_-]{43,128}$/, 'the PKCE verifier is sent');
  assert.equal(req.form.redirect_uri, `${server.base}/login/sso/callback`);
  const [id, secret] = Buffer.from(req.authorization.replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
  assert.deepEqual([id, secret], [CLIENT_ID, CLIENT_SECRET], 'client_secret_basic with the unsealed secret');

  const other = signingKey('fake-1'); // the same kid, another key: a forged signature
  const cases = [
    ['wrong issuer', (n) => mint(claimsFor(n, { iss: 'https://evil.example' }), key), /issuer is not the provider's/],
    ['wrong audience', (n) => mint(claimsFor(n, { aud: 'another-client' }), key), /not meant for this client/],
    ['several audiences, no azp', (n) => mint(claimsFor(n, { aud: [CLIENT_ID, 'another-client'] }), key), /not meant for this client/],
    ['expired', (n) => mint(claimsFor(n, { iat: now() - 3600, exp: now() - 600 }), key), /has expired/],
    ['issued in the future', (n) => mint(claimsFor(n, { iat: now() + 3600 }), key), /issue time is missing or in the future/],
    ['bad signature', (n) => mint(claimsFor(n), other), /signature does not verify/],
    ['tampered payload', (n) => { const t = mint(claimsFor(n), key).split('.'); t[1] = Buffer.from(JSON.stringify(claimsFor(n, { email: 'ciso@exempelkommun.se' }))).toString('base64url'); return t.join('.'); }, /signature does not verify/],
    ['missing nonce', (n) => { const c = claimsFor(n); delete c.nonce; return mint(c, key); }, /nonce is missing or not this login's/],
    ['another login\'s nonce', () => mint(claimsFor('x'.repeat(43)), key), /nonce is missing or not this login's/],
    ['alg none', (n) => mint(claimsFor(n), key, { alg: 'none' }), /algorithm is refused \(only RS256 and ES256\) \(alg none\)/],
    ['HS256 keyed by the client secret', (n) => mint(claimsFor(n), key, { alg: 'HS256' }, CLIENT_SECRET), /algorithm is refused.*\(alg HS256\)/],
    ['not a JWT', () => 'not.a.jwt', /not a signed JWT/],
  ];
  for (const [what, make, why] of cases) {
    const sessionsBefore = sql('SELECT COUNT(*) FROM session').trim();
    const { done, browser } = await fakeLogin(make);
    assert.equal(done.status, 401, `${what}: ${done.status}`);
    assert.match(done.text, /Inloggningen kunde inte bekräftas/, what);
    assert.ok(!browser.cookies.has('lis_session'), `${what}: no session cookie`);
    assert.equal(sql('SELECT COUNT(*) FROM session').trim(), sessionsBefore, `${what}: no session`);
    assert.match(lastAudit('login_failed'), why, what);
  }

  // a login whose browser lacks the cookie that began it is refused before the provider
  const requests = fake.tokenRequests.length;
  const csrf = await fakeLogin((n) => mint(claimsFor(n), key), { keepCookie: false });
  assert.equal(csrf.done.status, 400);
  assert.equal(fake.tokenRequests.length, requests, 'no code is exchanged for a state this browser did not begin');
});

test('a key rotated at the provider: the key set is fetched again, once', async () => {
  const before = fake.jwksFetches, discoveries = fake.discoveryFetches;
  const rotated = signingKey('fake-2', 'ES256');
  fake.keys = [rotated];
  const ok = await fakeLogin((n) => mint(claimsFor(n), rotated));
  assert.equal(ok.done.status, 303, ok.done.text);
  assert.equal(fake.jwksFetches, before + 1, 'one fetch for the unknown kid');
  assert.match(lastAudit('login'), /method: oidc \(http:\/\/127\.0\.0\.1:\d+, ES256\)/);
  // the new key is kept: the next login fetches nothing
  assert.equal((await fakeLogin((n) => mint(claimsFor(n), rotated))).done.status, 303);
  assert.equal(fake.jwksFetches, before + 1);
  // a kid the provider does not have either: one fetch, then refused
  const stranger = signingKey('nobody-has-this');
  const refused = await fakeLogin((n) => mint(claimsFor(n), stranger));
  assert.equal(refused.done.status, 401);
  assert.equal(fake.jwksFetches, before + 2, 'exactly one more fetch, no loop');
  assert.match(lastAudit('login_failed'), /no key of the provider's JWKS fits/);
  // the discovery document is kept for an hour: three logins begun, not one fetch
  assert.equal(fake.discoveryFetches, discoveries);
  sql("UPDATE oidc_provider SET discovery_at = '2020-01-01T00:00:00Z'");
  await begin();
  assert.equal(fake.discoveryFetches, discoveries + 1, 'an old one is fetched anew');
});

test('a state kept past ten minutes is refused', async () => {
  const { browser, to } = await begin();
  sql("UPDATE oidc_login SET created_at = '2020-01-01T00:00:00Z'");
  fake.nextIdToken = mint(claimsFor(to.searchParams.get('nonce')), fake.keys[0]);
  const done = await browser.get(`/login/sso/callback?code=c&state=${encodeURIComponent(to.searchParams.get('state'))}`);
  assert.equal(done.status, 400);
  assert.match(done.text, /gått ut eller redan använts/);
});

test('switched off, the button goes and the login cannot be begun', async () => {
  const off = settings({ issuer: fake.issuer });
  delete off.enabled;
  assert.equal((await admin.post('/settings/sso', off)).status, 303);
  assert.doesNotMatch((await new Browser(server.base).get('/login')).text, /Logga in med/);
  assert.equal((await new Browser(server.base).get(`/login/sso/${tenantId}`)).status, 404);
});
