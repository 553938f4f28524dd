// Several lis processes on one PostgreSQL (#23 point 4): the app tier keeps nothing of its
// own, so two `lis serve` on one database behave as one. Both start at once on an empty
// database (the migrations run once, under the advisory lock, and /health answers only
// after them); a session begun through one works through the other, and ends in both;
// writes through both at once are all there, each once; a summary page one process keeps
// (src/http/page_memo.h) shows a change made through the other at once. The mail queue's
// claim by two processes at once is remind.test.mjs's. Runs only on PostgreSQL
// (LIS_ENGINE=postgresql): a SQLite file is one process's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DB, ENGINE, PASSWORD, Browser, Api, loggedIn, apiClient, unique, freePorts } from './harness.mjs';

const pg = ENGINE === 'postgresql';
let url, psql, env, procs = [];

// a database of this file's own, empty, on the same PostgreSQL as LIS_TEST_DB
function freshDatabase() {
  const u = new URL(DB);
  const name = `${u.pathname.slice(1)}_multi`;
  const args = ['-h', u.searchParams.get('host'), '-p', u.searchParams.get('port'), '-U', u.searchParams.get('user')];
  execFileSync('psql', [...args, '-d', 'postgres', '-q', '-c', `DROP DATABASE IF EXISTS ${name}`, '-c', `CREATE DATABASE ${name}`],
    { env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
  psql = (statement) => execFileSync('psql', [...args, '-d', name, '-At', '-c', statement], { encoding: 'utf8' }).trim();
  u.pathname = `/${name}`;
  return u.toString();
}

function serve(port) {
  const proc = spawn(BIN, ['serve', '--db', url, '--listen', `127.0.0.1:${port}`, '--threads', '2'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, ASAN_OPTIONS: 'detect_leaks=1', LIS_REMIND_TICK: '0' },
  });
  proc.stderrText = '';
  proc.stderr.on('data', (d) => { proc.stderrText += d; });
  proc.base = `http://127.0.0.1:${port}`;
  procs.push(proc);
  return proc;
}

// polls /health; at its first 200, what the migrations table held
async function firstHealthy(proc) {
  for (let i = 0; i < 1200; i++) {
    if (proc.exitCode !== null) throw new Error(`lis exited: ${proc.stderrText}`);
    try {
      const r = await fetch(proc.base + '/health');
      if (r.ok) return Number(psql('SELECT COUNT(*) FROM schema_migrations'));
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no /health: ${proc.stderrText}`);
}

let a, b;
before(async () => {
  if (!pg) return;
  url = freshDatabase();
  // the audit key every process of the service is given (an empty database has none yet)
  const key = join(mkdtempSync(join(tmpdir(), 'lis-multi-')), 'audit.key');
  writeFileSync(key, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  env = { ...process.env, LIS_AUDIT_KEY_FILE: key };
  const port = await freePorts(2);
  a = serve(port);
  b = serve(port + 1);
});
after(async () => {
  for (const p of procs) {
    if (p.exitCode === null) { p.kill('SIGTERM'); await once(p, 'exit'); }
    assert.doesNotMatch(p.stderrText, /ERROR: (Address|Leak)Sanitizer|runtime error:/, p.stderrText);
  }
});

const migrations = readdirSync('src/db/migrations').filter((f) => f.endsWith('.sql')).length;

test('two processes started at once on an empty database: the migrations run once, /health only after them', { skip: !pg && 'PostgreSQL only' }, async () => {
  const [seenA, seenB] = await Promise.all([firstHealthy(a), firstHealthy(b)]);
  assert.equal(seenA, migrations, 'A answered /health before every migration was applied');
  assert.equal(seenB, migrations, 'B answered /health before every migration was applied');
  assert.equal(psql('SELECT COUNT(*) || \'/\' || COUNT(DISTINCT version) FROM schema_migrations'), `${migrations}/${migrations}`);
  // each migration's own work once: the last one's table exists once, empty
  assert.equal(psql('SELECT COUNT(*) FROM write_generation'), '0');
  // the demo data while both serve
  execFileSync(BIN, ['demo', '--db', url, '--password', PASSWORD], { stdio: 'ignore', env });
});

test('a session begun through one process works through the other, and ends in both', { skip: !pg && 'PostgreSQL only' }, async () => {
  const viaA = await loggedIn(a.base, 'ciso@exempelkommun.se');
  const viaB = new Browser(b.base);
  viaB.cookies = new Map(viaA.cookies);
  const home = await viaB.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, /name="_csrf"/);
  // a form posted through B with the token A's page gave
  const out = await viaB.request('POST', '/logout', { form: { _csrf: viaA.csrf } });
  assert.equal(out.status, 303);
  assert.equal((await viaA.get('/home')).status, 303, 'the session ended through B still works through A');
});

test('writes through both at once: 50 actions each, all there, each once', { skip: !pg && 'PostgreSQL only' }, async () => {
  const apiA = await apiClient(a.base, 'ciso@exempelkommun.se');
  const apiB = new Api(b.base, apiA.token);
  const social = (await apiA.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  const tag = unique('Samtidig');
  const write = async (api, who) => {
    const ids = [];
    for (let i = 0; i < 50; i++) {
      const r = await api.post('/api/v1/actions', { title: `${tag} ${who} ${i}`, unit_id: social.id, status: 'planned', plan_year: 2043 });
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.id);
    }
    return ids;
  };
  const [idsA, idsB] = await Promise.all([write(apiA, 'A'), write(apiB, 'B')]);
  assert.equal(new Set([...idsA, ...idsB]).size, 100);
  const listed = (await apiB.all(`/api/v1/actions?plan_year=2043&limit=500`)).filter((x) => x.title.startsWith(tag));
  assert.equal(listed.length, 100);
  assert.equal(psql(`SELECT COUNT(*) FROM action_item WHERE title LIKE '${tag}%'`), '100');
  // every write audited once, each tenant's chain unbroken (one sequence across processes)
  assert.equal(psql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'actions' AND action = 'create' AND entity_id IN (SELECT CAST(id AS TEXT) FROM action_item WHERE title LIKE '${tag}%')`), '100');
  assert.equal(psql('SELECT COUNT(*) FROM (SELECT tenant_id, seq FROM audit_log GROUP BY tenant_id, seq HAVING COUNT(*) > 1) d'), '0');
  execFileSync(BIN, ['audit', 'verify', '--db', url], { encoding: 'utf8', env }); // exits 1 on a problem
});

test('a summary page kept by one process shows a change made through the other at once', { skip: !pg && 'PostgreSQL only' }, async () => {
  const onB = await loggedIn(b.base, 'ciso@exempelkommun.se');
  const apiA = await apiClient(a.base, 'ciso@exempelkommun.se');
  const social = (await apiA.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  const veryHigh = (text) => Number(text.match(/<div class="card" id="very-high"><h2>[^<]+<\/h2><p><a class="figure" href="[^"]+"><strong>(\d+)<\/strong>/)[1]);
  await onB.get('/lagesbild');
  const before = veryHigh((await onB.get('/lagesbild')).text); // kept by B
  const r = await apiA.post('/api/v1/risks', { title: unique('Via A'), unit_id: social.id, likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(r.status, 201, r.text);
  assert.equal(veryHigh((await onB.get('/lagesbild')).text), before + 1);
  const title = unique('Planpost via A');
  await onB.get('/plan/2044');
  assert.equal((await apiA.post('/api/v1/actions', { title, unit_id: social.id, status: 'planned', plan_year: 2044 })).status, 201);
  assert.match((await onB.get('/plan/2044')).text, new RegExp(title));
});

test('both restarted at once: nothing migrated again', { skip: !pg && 'PostgreSQL only' }, async () => {
  for (const p of [a, b]) { p.kill('SIGTERM'); await once(p, 'exit'); }
  const port = await freePorts(2);
  a = serve(port);
  b = serve(port + 1);
  await Promise.all([firstHealthy(a), firstHealthy(b)]);
  assert.equal(psql('SELECT COUNT(*) FROM schema_migrations'), String(migrations));
});
