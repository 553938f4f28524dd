// Backups as a routine (#23 point 2): `lis backup --dir DIR --keep N` (timestamped copies
// with their keys, the oldest beyond N removed) and `lis restore FILE --db TARGET`, which
// puts a backup in place only when it opens, passes SQLite's integrity check, has this
// lis's migrations and its audit log verifies with the backup's own key. SQLite files of
// its own, whichever engine the suite runs on (restore is for SQLite; PostgreSQL has pg_dump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { BIN, freePorts } from './harness.mjs';

const dir = `${process.env.LIS_WORK || '/tmp'}/backup-test-${process.pid}`;
const src = `${dir}/live.sqlite`;
// the files name their own keys (FILE.key), whatever the suite's environment says
const env = { ...process.env, LIS_AUDIT_KEY_FILE: '', LIS_AUDIT_SYSLOG: '', LIS_DB: '' };

function run(...args) {
  try {
    return { code: 0, out: execFileSync(BIN, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: (e.stdout || '') + (e.stderr || '') };
  }
}
const sqlite = (file, q) => execFileSync('sqlite3', [file, q], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const routine = (d) => readdirSync(d).filter((f) => /^lis-\d{8}T\d{6}Z\.sqlite$/.test(f)).sort();

test.before(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/backups`, { recursive: true });
  const r = run('init', '--db', src, '--tenant', 'BACKUP', '--tenant-name', 'Backupkommun', '--email', 'ciso@backup.se', '--name', 'Berit Backup', '--password', 'backup-password-1');
  assert.equal(r.code, 0, r.out);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('lis backup --dir --keep: timestamped copies with their keys, the oldest beyond N removed', async () => {
  const names = [];
  for (let i = 0; i < 4; i++) {
    const r = run('backup', '--db', src, '--dir', `${dir}/backups`, '--keep', '3');
    assert.equal(r.code, 0, r.out);
    const m = r.out.match(/backup written to \S+\/(lis-\d{8}T\d{6}Z\.sqlite)/);
    assert.ok(m, r.out);
    names.push(m[1]);
    await sleep(1100); // one a second: the name is the time
  }
  const kept = routine(`${dir}/backups`);
  assert.deepEqual(kept, names.slice(1), 'the three newest stay, the first is gone');
  for (const f of kept) {
    assert.equal(statSync(`${dir}/backups/${f}`).mode & 0o777, 0o600, 'readable by lis alone');
    assert.equal(readFileSync(`${dir}/backups/${f}.key`, 'utf8'), readFileSync(`${src}.key`, 'utf8'), 'its key beside it');
  }
  assert.ok(!existsSync(`${dir}/backups/${names[0]}.key`), 'the removed backup took its key along');
  // files that are not lis's routine backups are never removed
  writeFileSync(`${dir}/backups/lis-keep-me.sqlite`, 'mine');
  assert.equal(run('backup', '--db', src, '--dir', `${dir}/backups`, '--keep', '1').code, 0);
  assert.equal(routine(`${dir}/backups`).length, 1);
  assert.ok(existsSync(`${dir}/backups/lis-keep-me.sqlite`));
  // bad input: a clear refusal, nothing written
  assert.equal(run('backup', '--db', src, '--dir', `${dir}/backups`, '--keep', '0').code, 2);
  assert.equal(run('backup', '--db', src, '--keep', '3').code, 2, '--keep without --dir');
  const nodir = run('backup', '--db', src, '--dir', `${dir}/nowhere`);
  assert.equal(nodir.code, 1);
  assert.match(nodir.out, /is not a directory/);
});

test('lis restore: a good backup is put in place, verified; an existing target only with --force', () => {
  const [backup] = routine(`${dir}/backups`).slice(-1).map((f) => `${dir}/backups/${f}`);
  const target = `${dir}/restored.sqlite`;
  let r = run('restore', backup, '--db', target);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /integrity check: ok; \d+ migrations applied/);
  assert.match(r.out, /audit log intact/);
  assert.equal(sqlite(target, "SELECT name FROM tenant WHERE code = 'BACKUP'"), 'Backupkommun');
  assert.equal(readFileSync(`${target}.key`, 'utf8'), readFileSync(`${backup}.key`, 'utf8'), 'the backup\'s key became the target\'s');
  assert.equal(run('audit', 'verify', '--db', target).code, 0);
  // the restored database serves: its key is in place
  assert.equal(run('migrate', '--db', target).code, 0);

  sqlite(target, "UPDATE tenant SET name = 'Changed since' WHERE code = 'BACKUP'");
  r = run('restore', backup, '--db', target);
  assert.equal(r.code, 1);
  assert.match(r.out, /exists: give --force/);
  assert.equal(sqlite(target, "SELECT name FROM tenant WHERE code = 'BACKUP'"), 'Changed since', 'refused: nothing changed');
  r = run('restore', backup, '--db', target, '--force');
  assert.equal(r.code, 0, r.out);
  assert.equal(sqlite(target, "SELECT name FROM tenant WHERE code = 'BACKUP'"), 'Backupkommun');
  assert.ok(!existsSync(`${target}.restoring`), 'no copy left behind');
});

test('lis restore refuses a damaged backup, one whose audit log was altered, and one without its key', () => {
  const [good] = routine(`${dir}/backups`).slice(-1).map((f) => `${dir}/backups/${f}`);
  const target = `${dir}/fresh.sqlite`;

  // damaged: 64 KiB of noise in the middle of the file
  const damaged = `${dir}/damaged.sqlite`;
  execFileSync('cp', [good, damaged]);
  execFileSync('cp', [`${good}.key`, `${damaged}.key`]);
  const fd = openSync(damaged, 'r+');
  const noise = Buffer.alloc(65536, 0xa5);
  writeSync(fd, noise, 0, noise.length, Math.floor(statSync(damaged).size / 2));
  closeSync(fd);
  let r = run('restore', damaged, '--db', target);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /malformed|damaged|integrity/);
  assert.match(r.out, /nothing was restored/);
  assert.ok(!existsSync(target) && !existsSync(`${target}.key`), 'no target, no key written');

  // altered audit row: SQLite is fine with it, the keyed chain is not
  const altered = `${dir}/altered.sqlite`;
  execFileSync('cp', [good, altered]);
  execFileSync('cp', [`${good}.key`, `${altered}.key`]);
  sqlite(altered, "UPDATE audit_log SET summary = 'rewritten' WHERE id = (SELECT MIN(id) FROM audit_log)");
  r = run('restore', altered, '--db', target);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /was altered/);
  assert.match(r.out, /audit log does not verify/);
  assert.ok(!existsSync(target));

  // another key: the chain does not verify with it
  const rekeyed = `${dir}/otherkey.sqlite`;
  execFileSync('cp', [good, rekeyed]);
  writeFileSync(`${rekeyed}.key`, 'ab'.repeat(32) + '\n', { mode: 0o600 });
  r = run('restore', rekeyed, '--db', target);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /audit log does not verify/);

  // no key beside it
  const keyless = `${dir}/keyless.sqlite`;
  execFileSync('cp', [good, keyless]);
  r = run('restore', keyless, '--db', target);
  assert.equal(r.code, 1);
  assert.match(r.out, /no audit key .*keyless\.sqlite\.key/);

  // not a lis database
  const other = `${dir}/other.sqlite`;
  sqlite(other, 'CREATE TABLE t (x)');
  writeFileSync(`${other}.key`, 'ab'.repeat(32) + '\n', { mode: 0o600 });
  r = run('restore', other, '--db', target);
  assert.equal(r.code, 1);
  assert.match(r.out, /no lis database/);
  assert.ok(!existsSync(target));

  assert.equal(run('restore', `${dir}/missing.sqlite`, '--db', target).code, 1);
  assert.equal(run('restore', '--db', target).code, 2, 'no FILE: usage');
});

test('lis restore never replaces a database a running lis has open, not even with --force', async () => {
  const [good] = routine(`${dir}/backups`).slice(-1).map((f) => `${dir}/backups/${f}`);
  const port = await freePorts();
  const proc = spawn(BIN, ['serve', '--db', src, '--listen', `127.0.0.1:${port}`, '--threads', '1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  try {
    let up = false;
    for (let i = 0; i < 200 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${port}/health`).then((x) => x.ok, () => false);
      if (!up) await sleep(50);
    }
    assert.ok(up, stderr);
    const r = run('restore', good, '--db', src, '--force');
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /open in a running lis: stop it first/);
  } finally {
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  }
  // stopped: --force restores it
  const r = run('restore', good, '--db', src, '--force');
  assert.equal(r.code, 0, r.out);
});
