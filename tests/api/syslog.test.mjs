// The audit log to the SOC (#23 point 3): with LIS_AUDIT_SYSLOG=tcp:HOST:PORT every audit
// row and every security event (a failed login, a throttled one, a refused permission, an
// API call without a valid token) reaches the collector as an RFC 5424 line, framed by
// octet counting (RFC 6587), with structured data naming tenant, actor, action, kind and
// id; never need-to-know content such as an incident's description or title.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { startLis, loggedIn, apiClient, Browser, sql, unique } from './harness.mjs';

let server, collector, employeeApi, cisoApi;
const lines = [];
let framingErrors = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// the SOC's collector: RFC 6587 octet counting, "LEN SP MSG", over TCP
function startCollector() {
  const srv = net.createServer((sock) => {
    let pending = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const sp = pending.indexOf(0x20);
        if (sp < 0) break;
        const len = Number(pending.subarray(0, sp).toString('ascii'));
        if (!Number.isInteger(len) || len <= 0) { framingErrors++; sock.destroy(); return; }
        if (pending.length < sp + 1 + len) break;
        lines.push(pending.subarray(sp + 1, sp + 1 + len).toString('utf8'));
        pending = pending.subarray(sp + 1 + len);
      }
    });
  });
  return srv;
}

async function waitFor(pred, what) {
  for (let i = 0; i < 150; i++) {
    const l = lines.find(pred);
    if (l) return l;
    await sleep(20);
  }
  assert.fail(`no syslog line for ${what} among ${lines.length}:\n${lines.slice(-5).join('\n')}`);
}
const sd = (line, id) => {
  const m = line.match(new RegExp(`\\[${id}@32473 ([^\\]]*)\\]`));
  assert.ok(m, line);
  return Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
};

before(async () => {
  collector = startCollector();
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  process.env.LIS_AUDIT_SYSLOG = `tcp:127.0.0.1:${collector.address().port}`;
  server = await startLis();
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
});
after(async () => {
  await server.stop();
  delete process.env.LIS_AUDIT_SYSLOG;
  collector.close();
});

test('every audit row reaches the collector: tenant, actor, action, kind, id; never the content', async () => {
  const secret = unique('HEMLIG-beskrivning');
  const title = unique('Intrång i löneservern');
  const r = await employeeApi.post('/api/v1/incidents', {
    title, what_happened: `${secret}: lösenorden till Heroma låg i en delad mapp`,
    discovered_at: new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  assert.equal(r.status, 201, r.text);
  const id = String(r.json.id);
  const row = sql(`SELECT seq, actor, action FROM audit_log WHERE entity = 'incidents' AND entity_id = '${id}' AND action = 'create'`).trim().split('|');
  assert.equal(row.length, 3, 'the create was audited');
  const line = await waitFor((l) => / audit \[lis-audit@32473 /.test(l) && l.includes(`kind="incidents" id="${id}"`) && l.includes('action="create"'), 'the create');
  assert.match(line, /^<109>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ lis \d+ audit \[lis-audit@32473 /);
  assert.deepEqual(sd(line, 'lis-audit'), { tenant: '1', actor: 'medarbetare@exempelkommun.se', action: 'create', kind: 'incidents', id, seq: row[0] });
  // the CISO reads it: a read row, also sent
  assert.equal((await cisoApi.get(`/api/v1/incidents/${id}`)).status, 200);
  await waitFor((l) => l.includes('actor="ciso@exempelkommun.se" action="read" kind="incidents"') && l.includes(id), 'the read');
  // need-to-know content never leaves: not the description, not the title
  await sleep(200);
  for (const l of lines) {
    assert.ok(!l.includes(secret), `the description leaked: ${l}`);
    assert.ok(!l.includes(title), `the title leaked: ${l}`);
    assert.ok(!l.includes('Heroma'), l);
  }
  // the chain head still arrives too, and every frame was whole
  await waitFor((l) => / audit-head \[lis-head@32473 tenant="1" seq="\d+" hash="[0-9a-f]{64}"/.test(l), 'a head');
  assert.equal(framingErrors, 0);
});

test('security events: a failed login, a refused permission, a call without a token, a throttled login', async () => {
  // failed login: an audit row (action login_failed) and a 401 event
  const failed = await new Browser(server.base).login('ciso@exempelkommun.se', 'wrong-password-x');
  assert.equal(failed.status, 401);
  const lf = await waitFor((l) => l.includes('action="login_failed"') && l.includes('actor="ciso@exempelkommun.se"'), 'the failed login');
  assert.equal(sd(lf, 'lis-audit').tenant, '0', 'a failed login belongs to no tenant yet');
  await waitFor((l) => / unauthenticated \[lis-security@32473 /.test(l) && l.includes('path="/login"'), 'the failed login event');
  assert.ok(!lines.some((l) => l.includes('wrong-password-x')), 'never the password');

  // a refused permission: the employee may not read the forum's meetings
  const denied = await employeeApi.get('/api/v1/meetings');
  assert.equal(denied.status, 403, denied.text);
  const d = sd(await waitFor((l) => / denied \[lis-security@32473 /.test(l) && l.includes('path="/api/v1/meetings"'), 'the refusal'), 'lis-security');
  assert.deepEqual(d, { tenant: '1', actor: 'medarbetare@exempelkommun.se', event: 'denied', status: '403', method: 'GET', path: '/api/v1/meetings', ip: '127.0.0.1' });
  assert.match(lines.find((l) => l.includes('path="/api/v1/meetings"')), /^<108>1 /, 'severity warning');

  // an API call with a token that is no token, its query string never sent
  const res = await fetch(`${server.base}/api/v1/incidents?q=HEMLIG-fraga`, { headers: { authorization: 'Bearer not-a-token' } });
  assert.equal(res.status, 401);
  const u = sd(await waitFor((l) => / unauthenticated \[lis-security@32473 /.test(l) && l.includes('path="/api/v1/incidents"'), 'the bad token'), 'lis-security');
  assert.equal(u.actor, '-');
  assert.equal(u.tenant, '0');
  assert.ok(!lines.some((l) => l.includes('HEMLIG-fraga')));

  // throttling: an account guessed at five times is locked; the sixth try is throttled
  const ip = sql("SELECT failures FROM login_throttle WHERE key = 'ip:127.0.0.1'").trim();
  const email = `${unique('gissad')}@exempelkommun.se`;
  try {
    let last;
    for (let i = 0; i < 6; i++) {
      last = await new Browser(server.base).login(email, `guess-${i}-password`);
    }
    assert.equal(last.status, 429);
    const t = sd(await waitFor((l) => / throttled \[lis-security@32473 /.test(l) && l.includes(email), 'the throttled login'), 'lis-security');
    assert.equal(t.event, 'throttled');
    assert.equal(t.actor, email, 'names the account tried');
    assert.equal(t.path, '/login');
  } finally {
    // the address's count as it was, for the files after this one
    sql(`DELETE FROM login_throttle WHERE key = 'acct:${email}'`);
    if (ip) sql(`UPDATE login_throttle SET failures = ${Number(ip)}, locked_until = NULL WHERE key = 'ip:127.0.0.1'`);
    else sql("DELETE FROM login_throttle WHERE key = 'ip:127.0.0.1'");
  }
  assert.equal(framingErrors, 0);
});
