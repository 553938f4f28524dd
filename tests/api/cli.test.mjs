// The command line: help, init, user add, backup, migrate, and the session rules that
// only show over time (idle and absolute timeouts) or behind a proxy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { startLis, loggedIn, Browser, lis, lisStatus, sql, BIN, DB, PASSWORD } from './harness.mjs';

test('lis --help and lis CMD --help explain every command', () => {
  const help = execFileSync(BIN, ['--help'], { encoding: 'utf8' });
  for (const cmd of ['init', 'serve', 'demo', 'user add', 'backup', 'migrate', 'audit verify'])
    assert.ok(help.includes(cmd), cmd);
  for (const cmd of ['init', 'serve', 'demo', 'user', 'backup', 'migrate', 'audit', 'routes']) {
    const out = execFileSync(BIN, [cmd, '--help'], { encoding: 'utf8' });
    assert.match(out, /^usage: lis /, cmd);
  }
  let r;
  try { execFileSync(BIN, ['frobnicate'], { stdio: 'pipe' }); } catch (e) { r = e; }
  assert.equal(r.status, 2);
  assert.match(String(r.stderr), /unknown command frobnicate/);
  try { execFileSync(BIN, ['serve', '--listen'], { stdio: 'pipe' }); } catch (e) { r = e; }
  assert.match(String(r.stderr), /needs a value/);
});

test('lis init creates a tenant with its administrator, who can log in', async () => {
  lis('demo', '--password', PASSWORD);
  const code = `T${Date.now() % 100000}`;
  const out = lis('init', '--tenant', code, '--tenant-name', 'Testkommun', '--email', `ciso-${code}@test.se`, '--name', 'Tess Test', '--password', 'a-strong-password');
  assert.match(out, /created tenant Testkommun/);
  const again = lisStatus('init', '--tenant', code, '--tenant-name', 'Testkommun', '--email', `x-${code}@test.se`, '--name', 'X', '--password', 'a-strong-password');
  assert.equal(again.code, 1, 'the same tenant code twice is refused');
  const weak = lisStatus('init', '--tenant', 'Z1', '--tenant-name', 'Z', '--email', 'z@z.se', '--name', 'Z', '--password', 'short');
  assert.equal(weak.code, 2);
  const server = await startLis();
  try {
    const b = await loggedIn(server.base, `ciso-${code}@test.se`, 'a-strong-password');
    const home = await b.get('/home');
    assert.match(home.text, /class="tenant">Testkommun</);
    assert.match(home.text, /Administratör för organisationen/);
  } finally {
    await server.stop();
  }
});

test('lis user add: adds people with a role; refuses unknown tenants, units and roles', () => {
  let r = lisStatus('user', 'add', '--tenant', 'EXEMPEL', '--email', `u${Date.now()}@exempelkommun.se`, '--name', 'Ulla', '--role', 'auditor');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /password /);
  r = lisStatus('user', 'add', '--tenant', 'NOPE', '--email', 'n@n.se', '--name', 'N');
  assert.equal(r.code, 1);
  assert.match(r.out, /no such tenant/);
  r = lisStatus('user', 'add', '--tenant', 'EXEMPEL', '--email', 'n2@n.se', '--name', 'N', '--role', 'auditor', '--unit', '99999999');
  assert.equal(r.code, 1);
  assert.match(r.out, /no such unit/);
  r = lisStatus('user', 'add', '--tenant', 'EXEMPEL', '--email', 'n3@n.se', '--name', 'N', '--role', 'king');
  assert.equal(r.code, 2);
});

test('lis backup copies a live SQLite database; PostgreSQL gets pg_dump advice; migrate is idempotent', () => {
  const out = `${DB}.backup-test`;
  rmSync(out, { force: true });
  const r = lisStatus('backup', out);
  if (DB.startsWith('postgres')) {
    assert.equal(r.code, 2);
    assert.match(r.out, /pg_dump/);
  } else {
    assert.equal(r.code, 0, r.out);
    assert.ok(existsSync(out));
    const n = execFileSync('sqlite3', [out, 'SELECT COUNT(*) FROM unit'], { encoding: 'utf8' }).trim();
    assert.ok(Number(n) > 10);
    rmSync(out, { force: true });
  }
  const m = lisStatus('migrate');
  assert.equal(m.code, 0);
  assert.match(m.out, /up to date/);
  assert.equal(lisStatus('audit', 'verify').code, 0);
});

test('migrate and serve refuse to start on a changed migration or a descriptor that is no column, naming it', () => {
  lis('demo', '--password', PASSWORD);
  const kept = sql("SELECT checksum FROM schema_migrations WHERE version = 1").trim();
  assert.match(kept, /^[0-9a-f]{64}$/, 'every applied migration has its checksum');
  try {
    sql("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    for (const cmd of [['migrate'], ['serve', '--listen', '127.0.0.1:1']]) {
      const r = lisStatus(...cmd);
      assert.equal(r.code, 1, cmd[0]);
      assert.match(r.out, /migration 0001_foundation\.sql was changed after it was applied/, cmd[0]);
    }
  } finally {
    sql(`UPDATE schema_migrations SET checksum = '${kept}' WHERE version = 1`);
  }
  try {
    sql('ALTER TABLE unit RENAME COLUMN kind TO kind_renamed');
    const r = lisStatus('migrate');
    assert.equal(r.code, 1);
    assert.match(r.out, /units: field kind is not a column of table unit/);
    assert.match(r.out, /refusing to start/);
  } finally {
    sql('ALTER TABLE unit RENAME COLUMN kind_renamed TO kind');
  }
  assert.equal(lisStatus('migrate').code, 0);
});

test('sessions end after an hour idle and after twelve hours in all', async () => {
  const server = await startLis();
  try {
    const b = await loggedIn(server.base, 'ledning@exempelkommun.se');
    assert.equal((await b.get('/home')).status, 200);
    sql("UPDATE session SET last_seen = '2000-01-01T00:00:00Z'");
    assert.equal((await b.get('/home')).status, 303, 'idle too long');
    const c = await loggedIn(server.base, 'ledning@exempelkommun.se');
    sql("UPDATE session SET created_at = '2000-01-01T00:00:00Z'");
    assert.equal((await c.get('/home')).status, 303, 'too old');
  } finally {
    await server.stop();
  }
});

test('behind a proxy that says https, cookies are Secure; without --behind-proxy the header is ignored', async () => {
  for (const [args, secure] of [[['--behind-proxy'], true], [[], false]]) {
    const server = await startLis(args);
    try {
      const b = new Browser(server.base);
      const page = await b.request('GET', '/login', { headers: { 'x-forwarded-proto': 'https' } });
      const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
      const res = await b.request('POST', '/login', { form: { _pre: pre, email: 'admin@exempelkommun.se', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      const cookie = res.cookies.find((x) => x.startsWith('lis_session='));
      assert.equal(/; Secure/.test(cookie), secure, cookie);
    } finally {
      await server.stop();
    }
  }
});
