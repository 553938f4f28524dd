// The audit log to the SOC over TLS (#23 point 3, RFC 5425): with LIS_AUDIT_SYSLOG=
// tls:HOST:PORT the audit rows reach the collector inside a TLS connection, framed by
// octet counting, after lis has verified the collector's certificate against
// LIS_AUDIT_SYSLOG_CA and checked that it names HOST. A collector lis does not trust, or
// one whose certificate names another host, receives nothing, and lis goes on serving
// requests as usual. A CA file lis cannot read, or a tls: target without a port, stops
// lis from starting with a message that says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, apiClient, lisStatus, sql, unique } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let dir;

// A self-signed certificate made here with the openssl CLI, naming `name`
function makeCert(label, name, san) {
  const key = join(dir, `${label}.key`), cert = join(dir, `${label}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  return { keyFile: key, certFile: cert, key: readFileSync(key), cert: readFileSync(cert) };
}

// The SOC's collector over TLS: "LEN SP MSG" frames inside the TLS stream. It counts the
// handshakes that succeeded and those the client broke off (an untrusted certificate).
async function startCollector(cert, options = {}) {
  const c = { lines: [], framingErrors: 0, secure: 0, refused: 0, alerts: [], clients: [] };
  c.server = tls.createServer({ key: cert.key, cert: cert.cert, ...options }, (sock) => {
    c.secure++;
    if (options.requestCert) c.clients.push(sock.getPeerCertificate().subject?.CN);
    let pending = Buffer.alloc(0);
    sock.on('error', () => {});
    sock.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const sp = pending.indexOf(0x20);
        if (sp < 0) break;
        const len = Number(pending.subarray(0, sp).toString('ascii'));
        if (!Number.isInteger(len) || len <= 0) { c.framingErrors++; sock.destroy(); return; }
        if (pending.length < sp + 1 + len) break;
        c.lines.push(pending.subarray(sp + 1, sp + 1 + len).toString('utf8'));
        pending = pending.subarray(sp + 1 + len);
      }
    });
  });
  c.server.on('tlsClientError', (e) => {
    c.refused++;
    // the client's TLS alert when it rejects the certificate ("alert unknown ca", "alert bad certificate")
    if (/alert/i.test(e.message)) c.alerts.push(e.message);
  });
  // "localhost" may resolve to ::1 or 127.0.0.1: listen on both when the machine has IPv6
  try {
    c.server.listen(0, '::');
    await once(c.server, 'listening');
  } catch {
    c.server.listen(0, '127.0.0.1');
    await once(c.server, 'listening');
  }
  c.port = c.server.address().port;
  return c;
}

async function waitUntil(pred, what, c) {
  for (let i = 0; i < 200; i++) {
    if (pred()) return;
    await sleep(25);
  }
  assert.fail(`${what}: ${c.lines.length} lines, ${c.secure} handshakes, ${c.refused} refused ${c.alerts.join('; ')}\n${c.lines.slice(-3).join('\n')}`);
}

async function withLis(target, ca, fn, env = {}) {
  const vars = { LIS_AUDIT_SYSLOG: target, LIS_AUDIT_SYSLOG_CA: ca, ...env };
  Object.assign(process.env, vars);
  let server;
  try {
    server = await startLis();
    await fn(server);
  } finally {
    if (server) await server.stop();
    for (const k of Object.keys(vars)) delete process.env[k];
  }
}

// An incident with need-to-know content, created by an employee and read by the CISO;
// the statuses a user would see, and how long the two requests took
async function incidentRoundTrip(server) {
  const employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  const secret = unique('HEMLIG-tls');
  const title = unique('Läckt VPN-nyckel');
  const t0 = Date.now();
  const r = await employeeApi.post('/api/v1/incidents', {
    title, what_happened: `${secret}: nyckeln till Citrix låg i ett ärende`,
    discovered_at: new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  assert.equal(r.status, 201, r.text);
  const id = String(r.json.id);
  const read = await cisoApi.get(`/api/v1/incidents/${id}`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.title, title);
  return { id, secret, title, ms: Date.now() - t0 };
}

before(() => { dir = mkdtempSync(join(tmpdir(), 'lis-syslog-tls-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

test('over TLS to a collector lis trusts: every audit row arrives framed, never the content', async () => {
  const cert = makeCert('soc', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  const c = await startCollector(cert);
  try {
    await withLis(`tls:localhost:${c.port}`, cert.certFile, async (server) => {
      const { id, secret, title } = await incidentRoundTrip(server);
      const row = sql(`SELECT seq FROM audit_log WHERE entity = 'incidents' AND entity_id = '${id}' AND action = 'create'`).trim();
      assert.match(row, /^\d+$/, 'the create was audited');
      const create = () => c.lines.find((l) => l.includes(`action="create" kind="incidents" id="${id}"`));
      await waitUntil(create, 'the create over TLS', c);
      assert.match(create(), /^<109>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ lis \d+ audit \[lis-audit@32473 tenant="1" actor="medarbetare@exempelkommun\.se" action="create" kind="incidents" id="\d+" seq="\d+"\]/);
      assert.ok(create().includes(`seq="${row}"`), create());
      await waitUntil(() => c.lines.some((l) => l.includes('actor="ciso@exempelkommun.se" action="read" kind="incidents"') && l.includes(`id="${id}"`)), 'the read over TLS', c);
      await waitUntil(() => c.lines.some((l) => / audit-head \[lis-head@32473 tenant="1" seq="\d+" hash="[0-9a-f]{64}" mac="[0-9a-f]{64}"\]/.test(l)), 'a chain head over TLS', c);
      await sleep(200);
      for (const l of c.lines) {
        assert.ok(!l.includes(secret), `the description leaked: ${l}`);
        assert.ok(!l.includes(title), `the title leaked: ${l}`);
        assert.ok(!l.includes('Citrix'), l);
      }
      assert.equal(c.framingErrors, 0);
      assert.deepEqual(c.alerts, [], 'lis trusted the collector');
    });
  } finally {
    c.server.close();
  }
});

test('a collector that asks for a client certificate gets the one LIS_AUDIT_SYSLOG_CERT/KEY name', async () => {
  const soc = makeCert('soc3', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  const client = makeCert('client', 'lis.exempelkommun.se', 'DNS:lis.exempelkommun.se');
  // the collector accepts only connections presenting a certificate it knows
  const c = await startCollector(soc, { requestCert: true, rejectUnauthorized: true, ca: client.cert });
  try {
    await withLis(`tls:127.0.0.1:${c.port}`, soc.certFile, async (server) => {
      const { id } = await incidentRoundTrip(server);
      await waitUntil(() => c.lines.some((l) => l.includes(`action="create" kind="incidents" id="${id}"`)), 'the create with a client certificate', c);
    }, { LIS_AUDIT_SYSLOG_CERT: client.certFile, LIS_AUDIT_SYSLOG_KEY: client.keyFile });
    assert.ok(c.clients.length > 0 && c.clients.every((cn) => cn === 'lis.exempelkommun.se'), c.clients.join());
    assert.equal(c.framingErrors, 0);
  } finally {
    c.server.close();
  }
});

test('a collector lis does not trust, or one named otherwise, receives nothing; lis serves on', async () => {
  const trusted = makeCert('soc2', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  // the same name, but a certificate no CA lis knows has signed: a stranger listening there
  const stranger = makeCert('stranger', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  // trusted by lis, but for another host than the one lis was told to send to
  const other = makeCert('other', 'soc.annan-kommun.se', 'DNS:soc.annan-kommun.se');
  for (const [label, serverCert, ca] of [['untrusted', stranger, trusted.certFile], ['wrong name', other, other.certFile]]) {
    const c = await startCollector(serverCert);
    try {
      await withLis(`tls:localhost:${c.port}`, ca, async (server) => {
        const before = c.alerts.length;
        const { ms } = await incidentRoundTrip(server);
        // lis tried, and broke the handshake off with an alert: it sent nothing
        await waitUntil(() => c.alerts.length > before, `${label}: lis refused the certificate`, c);
        assert.match(c.alerts.at(-1), label === 'untrusted' ? /unknown ca/ : /bad certificate/);
        assert.ok(ms < 8000, `${label}: the requests took ${ms} ms`);
        // later requests are served at once; the next attempt waits for the back-off
        const health = await fetch(`${server.base}/health`);
        assert.equal(health.status, 200);
        await incidentRoundTrip(server);
      });
      assert.equal(c.secure, 0, `${label}: no TLS connection was completed`);
      assert.deepEqual(c.lines, [], `${label}: nothing reached the collector`);
    } finally {
      c.server.close();
    }
  }
});

test('a CA file lis cannot read, a tls: target without a port: lis refuses to start and says why', () => {
  process.env.LIS_AUDIT_SYSLOG = 'tls:localhost:6514';
  process.env.LIS_AUDIT_SYSLOG_CA = join(dir, 'no-such-ca.pem');
  try {
    let v = lisStatus('audit', 'verify');
    assert.notEqual(v.code, 0);
    assert.match(v.out, /LIS_AUDIT_SYSLOG_CA=\S*no-such-ca\.pem: cannot read it: No such file/);
    process.env.LIS_AUDIT_SYSLOG_CA = join(dir, 'stranger.key.txt');
    execFileSync('sh', ['-c', `echo 'not a certificate' > '${process.env.LIS_AUDIT_SYSLOG_CA}'`]);
    v = lisStatus('audit', 'verify');
    assert.notEqual(v.code, 0);
    assert.match(v.out, /LIS_AUDIT_SYSLOG_CA=\S*: not a PEM file of CA certificates/);
    delete process.env.LIS_AUDIT_SYSLOG_CA;
    process.env.LIS_AUDIT_SYSLOG = 'tls:localhost';
    v = lisStatus('audit', 'verify');
    assert.notEqual(v.code, 0);
    assert.match(v.out, /LIS_AUDIT_SYSLOG=tls:localhost: give .*tls:HOST:PORT/);
    // a client certificate without its key
    process.env.LIS_AUDIT_SYSLOG = 'tls:localhost:6514';
    process.env.LIS_AUDIT_SYSLOG_CERT = join(dir, 'soc.pem');
    v = lisStatus('audit', 'verify');
    assert.notEqual(v.code, 0);
    assert.match(v.out, /LIS_AUDIT_SYSLOG_CERT and LIS_AUDIT_SYSLOG_KEY go together/);
    // everything right: lis starts (the collector's absence never stops it)
    process.env.LIS_AUDIT_SYSLOG_KEY = join(dir, 'soc.key');
    process.env.LIS_AUDIT_SYSLOG_CA = join(dir, 'soc.pem');
    v = lisStatus('audit', 'verify');
    assert.equal(v.code, 0, v.out);
  } finally {
    for (const k of ['LIS_AUDIT_SYSLOG', 'LIS_AUDIT_SYSLOG_CA', 'LIS_AUDIT_SYSLOG_CERT', 'LIS_AUDIT_SYSLOG_KEY']) delete process.env[k];
  }
});
