// E-mail: the tenant administrator points lis at the kommun's SMTP relay (here a real
// SMTP server on loopback, tests/smtp/server.py with Debian's aiosmtpd, demanding a
// login) and presses "Skicka testmeddelande": the message arrives at her own address,
// the subject and the Swedish text intact in UTF-8; the password is never shown again and
// is not in the database in clear; a wrong password, a stopped server or STARTTLS that
// the server cannot do are said plainly, and nothing is sent in their stead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, loggedIn, sql } from './harness.mjs';

let server, admin, ciso, smtp, mailDir, port;
const USER = 'relay', PASSWORD = 'hemligt-lösen-1';

// A free loopback port (the SMTP server then binds it).
function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); });
  });
}
// Starts the SMTP server; resolves once it says "ready".
function startSmtp() {
  const child = spawn('/usr/bin/python3', ['tests/smtp/server.py', mailDir, String(port), '--user', USER, '--password', PASSWORD], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).includes('ready')) resolve(child); });
    child.on('exit', (code) => reject(new Error(`SMTP server exited ${code}`)));
  });
}
function stopSmtp() {
  return new Promise((resolve) => { if (!smtp || smtp.exitCode !== null) return resolve(); smtp.once('exit', resolve); smtp.kill('SIGTERM'); });
}
const received = () => readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
// One received message: its headers (unfolded) and its body decoded.
function readMessage(name) {
  const raw = readFileSync(join(mailDir, name), 'latin1');
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8');
  const envelope = JSON.parse(readFileSync(join(mailDir, name.replace('.eml', '.json')), 'utf8'));
  return { headers, body, envelope, raw };
}
// RFC 2047 encoded words (B, UTF-8) decoded; adjacent words join without the space.
const decodeWords = (v) => v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));

const settings = (over = {}) => ({ host: '127.0.0.1', port: String(port), security: 'none', username: USER, password: PASSWORD, sender: 'lis@exempelkommun.se', ...over });

before(async () => {
  mailDir = mkdtempSync(join(tmpdir(), 'lis-mail-'));
  port = await freePort();
  smtp = await startSmtp();
  server = await startLis();
  sql('DELETE FROM login_throttle');
  sql('DELETE FROM mail_setting'); // a database kept from an earlier run starts unconfigured
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
});
after(async () => { await server.stop(); await stopSmtp(); });

test('only the tenant administrator reaches the e-mail settings; a bad form changes nothing', async () => {
  assert.equal((await ciso.get('/settings/mail')).status, 403);
  assert.equal((await ciso.post('/settings/mail', settings())).status, 403);
  const page = await admin.get('/settings/mail');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/settings\/mail" aria-current="page">E-post<\/a>/);
  for (const [field, bad] of [['port', '70000'], ['host', 'smtp.kommun.se/evil'], ['sender', 'inte en adress'], ['security', 'ssl3']]) {
    const res = await admin.post('/settings/mail', settings({ [field]: bad }));
    assert.equal(res.status, 422, `${field}: ${res.status}`);
    assert.match(res.text, /role="alert"/);
  }
  assert.equal(sql('SELECT COUNT(*) FROM mail_setting').trim(), '0', 'nothing saved');
  // with nothing saved, the test button says so
  const early = await admin.post('/settings/mail/test');
  assert.equal(early.status, 422);
  assert.match(early.text, /Spara inställningarna först/);
});

test('saved, the password is never shown again nor kept in clear; the test message arrives in UTF-8', async () => {
  const saved = await admin.post('/settings/mail', settings());
  assert.equal(saved.status, 303, saved.text);
  const page = await admin.get(saved.location);
  assert.match(page.text, /Inställningarna är sparade/);
  assert.match(page.text, /Ett lösenord är sparat och visas inte/);
  assert.ok(!page.text.includes(PASSWORD), 'the password is not on the page');
  const stored = sql('SELECT password_sealed FROM mail_setting').trim();
  assert.ok(stored.length > 40 && !stored.includes(PASSWORD) && !stored.includes(Buffer.from(PASSWORD).toString('hex')));
  assert.ok(!sql("SELECT summary FROM audit_log WHERE entity = 'mail_setting'").includes(PASSWORD));

  const before = received().length;
  const res = await admin.post('/settings/mail/test');
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /Testmeddelandet är skickat till admin@exempelkommun\.se/);
  const mails = received();
  assert.equal(mails.length, before + 1);
  const m = readMessage(mails.at(-1));
  assert.deepEqual(m.envelope.to, ['admin@exempelkommun.se']);
  assert.equal(m.envelope.from, 'lis@exempelkommun.se');
  assert.equal(m.envelope.login, USER, 'logged in as the relay user');
  assert.equal(m.headers.from, 'lis@exempelkommun.se');
  assert.equal(m.headers.to, 'admin@exempelkommun.se');
  assert.match(m.headers.subject, /^=\?UTF-8\?B\?/, 'a non-ASCII subject is encoded');
  assert.equal(decodeWords(m.headers.subject), 'Testmeddelande från lis – åäö fungerar');
  assert.equal(m.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(m.headers['mime-version'], '1.0');
  assert.match(m.headers['message-id'], /^<[0-9a-f]+@127\.0\.0\.1>$/);
  assert.match(m.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.match(m.body, /^Hej!\r\n\r\nDet här är ett testmeddelande från lis för Exempelkommun\./);
  assert.ok(m.body.includes('å, ä och ö visas rätt'));
  for (const line of m.raw.split('\r\n')) assert.ok(line.length <= 78, `a line over 78: ${line}`);

  // saved again without typing the password: it is kept, and still logs in
  assert.equal((await admin.post('/settings/mail', settings({ password: '' }))).status, 303);
  assert.equal((await admin.post('/settings/mail/test')).status, 200);
  assert.equal(received().length, before + 2);
});

test('a wrong password, STARTTLS the server cannot do and a stopped server are said plainly; nothing is sent', async () => {
  const before = received().length;
  assert.equal((await admin.post('/settings/mail', settings({ password: 'fel-lösenord' }))).status, 303);
  let res = await admin.post('/settings/mail/test');
  assert.equal(res.status, 502);
  assert.match(res.text, /Testmeddelandet kunde inte skickas\. Servern svarade:/);
  // STARTTLS is demanded, never skipped: this server offers none
  assert.equal((await admin.post('/settings/mail', settings({ security: 'starttls' }))).status, 303);
  res = await admin.post('/settings/mail/test');
  assert.equal(res.status, 502);
  assert.equal(received().length, before, 'nothing went in clear');
  // the password removed: the server refuses the anonymous sender
  assert.equal((await admin.post('/settings/mail', settings({ password: '', forget_password: '1' }))).status, 303);
  assert.equal(sql('SELECT COUNT(*) FROM mail_setting WHERE password_sealed IS NULL').trim(), '1');
  assert.match((await admin.get('/settings/mail')).text, /Inget lösenord är sparat/);
  assert.equal((await admin.post('/settings/mail/test')).status, 502);
  // the server stopped
  assert.equal((await admin.post('/settings/mail', settings())).status, 303);
  await stopSmtp();
  res = await admin.post('/settings/mail/test');
  assert.equal(res.status, 502);
  assert.match(res.text, /Servern svarade: \S/);
  assert.equal(received().length, before);
  // back up, it works again
  smtp = await startSmtp();
  assert.equal((await admin.post('/settings/mail/test')).status, 200);
  assert.equal(received().length, before + 1);
});
