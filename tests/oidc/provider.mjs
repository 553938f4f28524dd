// provider.mjs - OpenID Connect providers on loopback for tests/api/oidc.test.mjs.
//
// startProvider: a real provider (the npm package oidc-provider, 8.x) with one test client
// and a few test users, its own development login and consent forms, RS256 ID tokens,
// PKCE S256 required and RP-initiated logout. The user logs in with their name as login
// (the development form takes any password); the claims are those below.
//
// startFakeProvider: a tiny provider whose token endpoint answers with whatever ID token
// the test mints (signed here with node's crypto), to play the hostile cases a real
// provider would never produce: another issuer or audience, expired, badly signed, without
// nonce, alg none, HS256, a rotated key. It counts how often its JWKS is fetched.
import Provider from 'oidc-provider';
import { createServer } from 'node:http';
import { generateKeyPairSync, createSign, createHmac, sign as cryptoSign } from 'node:crypto';

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
export const b64url = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

// An RSA (RS256) or EC P-256 (ES256) signing key with its public JWK.
export function signingKey(kid, alg = 'RS256') {
  const { privateKey, publicKey } = alg === 'ES256'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, alg, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

// A compact JWS of claims, signed by key (header fields may be overridden: alg none etc.;
// HS256 is keyed by hmacSecret).
export function mint(claims, key, header = {}, hmacSecret = '') {
  const h = { alg: key.alg, typ: 'JWT', kid: key.kid, ...header };
  const input = `${b64url(h)}.${b64url(claims)}`;
  let sig;
  if (h.alg === 'none') sig = '';
  else if (h.alg === 'HS256') sig = createHmac('sha256', hmacSecret).update(input).digest('base64url');
  else if (key.alg === 'ES256') sig = cryptoSign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  else sig = createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url');
  return `${input}.${sig}`;
}

export const USERS = {
  medarbetare: { email: 'medarbetare@exempelkommun.se', email_verified: true, name: 'Maja Medarbetare', groups: ['lis-samordnare', 'alla-anstallda'] },
  okand: { email: 'ny.person@exempelkommun.se', email_verified: true, name: 'Nils Nyanställd' },
  extern: { email: 'konsult@annatbolag.se', email_verified: true, name: 'Konny Konsult' },
  overifierad: { email: 'ciso@exempelkommun.se', email_verified: false, name: 'Inte bekräftad' },
};

export async function startProvider({ clientId, clientSecret, redirectUri, postLogoutUri }) {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const key = signingKey('real-1');
  const { privateKey } = key;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' }] },
    findAccount: async (ctx, id) => (USERS[id] ? { accountId: id, claims: async () => ({ sub: id, ...USERS[id] }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['lis-test-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  provider.on('server_error', (ctx, err) => console.error('oidc-provider:', err));
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

export async function startFakeProvider() {
  const state = { keys: [signingKey('fake-1')], jwksFetches: 0, discoveryFetches: 0, tokenRequests: [], nextIdToken: null };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/.well-known/openid-configuration') {
      state.discoveryFetches++;
      return json(200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/auth`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
      });
    }
    if (url.pathname === '/jwks') {
      state.jwksFetches++;
      return json(200, { keys: state.keys.map((k) => k.jwk) });
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        state.tokenRequests.push({ authorization: req.headers.authorization, form: Object.fromEntries(new URLSearchParams(body)) });
        json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 60, id_token: state.nextIdToken });
      });
      return undefined;
    }
    return json(404, { error: 'not_found' });
  });
  const port = await listen(server);
  state.issuer = `http://127.0.0.1:${port}`;
  state.close = () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); });
  return state;
}
