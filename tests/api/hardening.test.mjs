// Hostile input that once took the server down for every tenant, or stretched a rule:
// import headers that str_trim moved, NUL bytes in forms, parallel wrong passwords, an
// empty login CSRF pair, a redirect through a TAB. After each, the server still answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, Browser, loggedIn, apiClient, sql, unique, PASSWORD } from './harness.mjs';

let server, employee, ciso, cisoApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
});
after(async () => { await server.stop(); });

async function stillUp() {
  const r = await fetch(server.base + '/health');
  assert.equal(r.status, 200, 'the server still answers');
}

test('import preview: a header starting with a space or a quoted line break is read, not a crash', async () => {
  for (const header of [' name;unit_id;status', '"\nname";unit_id;status', '  Namn ;Enhet;Status']) {
    const csv = `${header}\r\nX;1;in_use\r\n`;
    const r = await employee.upload('/import', { kind: 'systems' }, 'file', 'x.csv', Buffer.from(csv, 'utf8'));
    assert.ok(r.status === 200 || r.status === 422, `${JSON.stringify(header)}: ${r.status}`);
    assert.match(r.text, /Förhandsgranska|Förhandsvisning|import/i);
    await stillUp();
  }
});

test('a multipart text field holding a NUL byte is refused with 400, nothing crashes', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', { starts_at: '2027-03-01 09:30', place: 'Tranan' })).json;
  const boundary = 'XyZhardening';
  const part = (name, value) => Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), value, Buffer.from('\r\n')]);
  const body = Buffer.concat([
    part('_csrf', Buffer.from(ciso.csrf)),
    part('pick', Buffer.from('risks:1\0x')),
    Buffer.from(`--${boundary}--\r\n`)]);
  const r = await ciso.request('POST', `/meetings/${m.id}/suggest`, {
    body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  assert.equal(r.status, 400, r.text.slice(0, 500));
  assert.match(r.text, /NUL/);
  await stillUp();
  assert.equal((await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`)).length, 0, 'nothing suggested');
});

test('an uploaded file that is not text (NUL bytes) gets the import page\'s own message', async () => {
  const r = await employee.upload('/import', { kind: 'systems' }, 'file', 'x.xlsx', Buffer.from('PK\x03\x04\0\0binary', 'latin1'));
  assert.equal(r.status, 422);
  assert.match(r.text, /Filen är inte en textfil/);
});

test('a NUL in a URL-encoded form value is refused, not cut short (ab%00cd is not ab)', async () => {
  const admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  const name = unique('NulUnit');
  const r = await admin.request('POST', '/units', {
    body: `_csrf=${admin.csrf}&name=${encodeURIComponent(name)}%00cd&kind=forvaltning&parent_id=1`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 400, r.text.slice(0, 500));
  assert.match(r.text, /NUL/);
  assert.equal(sql(`SELECT COUNT(*) FROM unit WHERE name LIKE '${name}%'`).trim(), '0');
});

test('a login form with an empty pre-session pair (cookie and field both empty) is refused', async () => {
  const b = new Browser(server.base);
  const res = await b.request('POST', '/login', {
    form: { _pre: '', email: 'admin@exempelkommun.se', password: PASSWORD, next: '/home' },
    headers: { cookie: 'lis_pre=' } });
  assert.equal(res.status, 403);
  assert.ok(!res.cookies.some((c) => c.startsWith('lis_session=') && !/Max-Age=0/.test(c)));
});

test('twelve wrong passwords at once: no more than five are checked', async () => {
  sql('DELETE FROM login_throttle');
  const email = 'ledning@exempelkommun.se';
  const browsers = [];
  for (let i = 0; i < 12; i++) {
    const b = new Browser(server.base);
    const page = await b.get('/login');
    browsers.push([b, page.text.match(/name="_pre" value="([^"]+)"/)[1]]);
  }
  const results = await Promise.all(browsers.map(([b, pre], i) =>
    b.request('POST', '/login', { form: { _pre: pre, email, password: `wrong ${i}` } })));
  const checked = results.filter((r) => r.status === 401).length;
  const refused = results.filter((r) => r.status === 429).length;
  assert.equal(checked + refused, 12);
  assert.ok(checked <= 5, `${checked} wrong passwords were checked against a limit of 5`);
  // and the right one is refused too while the lock holds
  assert.equal((await new Browser(server.base).login(email)).status, 429);
  sql('DELETE FROM login_throttle');
  assert.equal((await new Browser(server.base).login(email)).status, 303);
});

test('after a login, next with a TAB, CR, LF or backslash trick goes home, not to another host', async () => {
  for (const next of ['/\t/evil.example/', '/\n/evil.example/', '/\r/evil.example', '\t//evil.example', '/x\\evil']) {
    sql('DELETE FROM login_throttle');
    const b = new Browser(server.base);
    const page = await b.get('/login');
    const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
    const res = await b.request('POST', '/login', { form: { _pre: pre, email: 'revisor@exempelkommun.se', password: PASSWORD, next } });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/home', JSON.stringify(next));
  }
});
