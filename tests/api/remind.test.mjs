// Reminders by e-mail (#20): the tenant administrator has pointed lis at an SMTP relay
// (a real SMTP server on loopback, tests/smtp/server.py); `lis remind --now` lets a day
// pass in the demo data, and what each person receives is read as their mail client would:
// one digest per person per day, headers and Swedish text in UTF-8, links; at once what
// cannot wait; nothing an incident's reader may not read; never the same reminder twice,
// also with two lis processes at once; and with the server stopped the message waits with
// the server's answer, and is sent exactly once when it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLis, loggedIn, apiClient, sql, lis, lisStatus, unique, BIN, DB } from './harness.mjs';

let server, admin, ciso, smtp, mailDir, port;
const USER = 'relay', PASSWORD = 'hemligt-lösen-1';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); });
  });
}
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
  const decodeWords = (v) => v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  return { headers, subject: decodeWords(headers.subject), body, envelope, raw };
}
const messagesSince = (n) => received().slice(n).map(readMessage);
const remind = (now) => lis('remind', '--tenant', 'EXEMPEL', '--now', now, '--base-url', 'https://lis.exempelkommun.se').trim();
// A day on from today, 07:00 UTC (08:00 or 09:00 in Stockholm): the morning's digest is due.
const day = (n) => { const d = new Date(Date.now() + n * 86400000); return `${d.toISOString().slice(0, 10)}T07:00:00Z`; };
const personId = (email) => sql(`SELECT id FROM person WHERE email = '${email}' AND tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL')`).trim();

before(async () => {
  process.env.LIS_REMIND_TICK = '0'; // the test lets time pass itself, with lis remind --now
  mailDir = mkdtempSync(join(tmpdir(), 'lis-remind-'));
  port = await freePort();
  smtp = await startSmtp();
  server = await startLis();
  sql('DELETE FROM login_throttle');
  for (const t of ['reminder_sent', 'mail_queue', 'remind_pref', 'mail_setting']) sql(`DELETE FROM ${t}`);
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  ciso = await apiClient(server.base, 'ciso@exempelkommun.se');
  const saved = await admin.post('/settings/mail', { host: '127.0.0.1', port: String(port), security: 'none', username: USER, password: PASSWORD, sender: 'lis@exempelkommun.se' });
  assert.equal(saved.status, 303, saved.text);
});
after(async () => { await server.stop(); await stopSmtp(); });

let taskTitle, incidentTitle;

test('a day passes: one digest per person, Swedish in UTF-8, what, by when, why and a link', async () => {
  // an incident task left with someone who may not read the incident (her handling role
  // ended after it was assigned): she is told she has one, never what it is about
  const incident = sql("SELECT id || '|' || title FROM incident WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL') ORDER BY id LIMIT 1").trim().split('|');
  incidentTitle = incident[1];
  taskTitle = unique('Kontrollera loggarna för det läckta kontot');
  const made = await ciso.post('/api/v1/incident_tasks', { incident_id: Number(incident[0]), title: taskTitle, owner_id: Number(personId('ciso@exempelkommun.se')) });
  assert.equal(made.status, 201, made.text);
  sql(`UPDATE incident_task SET owner_id = ${personId('medarbetare@exempelkommun.se')} WHERE id = ${made.json.id}`);

  const start = received().length;
  const audited = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_queue' AND action = 'send'"));
  const out = remind(day(1));
  const [, queued, sent, failed] = out.match(/^(\d+) queued, (\d+) sent, (\d+) failed$/).map(Number);
  assert.ok(queued > 3, out);
  assert.equal(sent, queued, out);
  assert.equal(failed, 0);
  const mails = messagesSince(start);
  assert.equal(mails.length, sent);

  // one digest per person, never two
  const digests = mails.filter((m) => /^lis: \d+ (saker|sak) att göra \(\d{4}-\d{2}-\d{2}\)$/.test(m.subject));
  assert.ok(digests.length >= 2, mails.map((m) => m.subject).join('\n'));
  const to = digests.map((m) => m.envelope.to[0]);
  assert.equal(new Set(to).size, to.length, `a second digest: ${to}`);

  const d = digests.find((m) => m.envelope.to[0] === 'ciso@exempelkommun.se');
  assert.ok(d, 'the CISO has a digest');
  assert.equal(d.headers.from, 'lis@exempelkommun.se');
  assert.equal(d.headers.to, 'ciso@exempelkommun.se');
  assert.match(d.headers.subject, /^=\?UTF-8\?B\?/, 'the subject (att göra) is an encoded word');
  assert.equal(d.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(d.headers['content-transfer-encoding'], 'base64');
  assert.match(d.body, /^Hej [^\r\n]+!\r\n\r\nDet här behöver dig i lis för Exempelkommun i dag:\r\n/);
  // every item: what and title, why, by when, the link
  assert.match(d.body, /Åtgärd: [^\r\n]+\r\n(Försenad sedan \d{4}-\d{2}-\d{2}\.|Förfaller (i dag|i morgon|om \d+ dagar)\.)\r\nSenast: \d{4}-\d{2}-\d{2}\r\nhttps:\/\/lis\.exempelkommun\.se\/actions\/\d+\r\n/);
  const count = Number(d.subject.match(/(\d+) saker/)[1]);
  assert.equal((d.body.match(/^https:\/\/lis\.exempelkommun\.se\//gm) || []).length, count, 'as many links as the subject says');
  assert.match(d.body, /avsluta påminnelserna \(utom lagstadgade frister\) under Mitt konto: https:\/\/lis\.exempelkommun\.se\/account/);
  for (const line of d.raw.split('\r\n')) assert.ok(line.length <= 78, `a line over 78: ${line}`);

  // the task that cannot wait: at once, alone, and without the incident's content
  const hers = mails.filter((m) => m.envelope.to[0] === 'medarbetare@exempelkommun.se');
  const task = hers.find((m) => m.subject === 'lis: Incidentuppgift – en incident du hanterar');
  assert.ok(task, hers.map((m) => m.subject).join('\n') || 'nothing to medarbetare');
  assert.match(task.body, /Incidentuppgift: en incident du hanterar\r\nTilldelad dig\.\r\n/);
  for (const m of hers) {
    assert.ok(!m.body.includes(taskTitle) && !m.subject.includes(taskTitle), 'the task title leaked');
    assert.ok(!m.body.includes(incidentTitle) && !m.subject.includes(incidentTitle), 'the incident title leaked');
  }
  // the handlers' legal clocks and tasks name the incident: they may read it
  const cisoTask = mails.find((m) => m.envelope.to[0] === 'ciso@exempelkommun.se' && m.subject.startsWith('lis: Incidentuppgift – ') && !m.subject.endsWith('en incident du hanterar'));
  assert.ok(cisoTask, 'the handler reads her task by name');

  // the queue says what was sent; sends are audited
  assert.equal(sql("SELECT COUNT(*) FROM mail_queue WHERE status = 'sent'").trim(), String(sent));
  assert.equal(Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_queue' AND action = 'send'")), audited + sent);
  // what lis read for each person to write to them is recorded as read for a reminder
  assert.match(sql("SELECT summary FROM audit_log WHERE action = 'read' AND entity = 'incidents' AND actor = 'ciso@exempelkommun.se' AND ip = 'remind' ORDER BY id DESC LIMIT 1"), /^reminder/);
});

test('the same day again queues nothing; two processes at once send each message once', async () => {
  const start = received().length;
  assert.equal(remind(day(1)), '0 queued, 0 sent, 0 failed');
  assert.equal(received().length, start);

  // a week on, two lis processes do the same work at the same moment
  const run = () => new Promise((resolve) => {
    const p = spawn(BIN, ['remind', '--tenant', 'EXEMPEL', '--now', day(8), '--db', DB], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => { out += b; });
    p.stderr.on('data', (b) => { out += b; });
    p.on('exit', (code) => resolve({ code, out }));
  });
  const [a, b] = await Promise.all([run(), run()]);
  assert.equal(a.code, 0, a.out);
  assert.equal(b.code, 0, b.out);
  const sent = [a, b].map((r) => Number(r.out.match(/(\d+) sent/)[1])).reduce((x, y) => x + y);
  const mails = messagesSince(start);
  assert.ok(sent > 0, `${a.out} ${b.out}`);
  assert.equal(mails.length, sent);
  const keys = mails.map((m) => `${m.envelope.to[0]} ${m.subject}`);
  assert.equal(new Set(keys).size, keys.length, `sent twice: ${keys}`);
  assert.equal(sql("SELECT COUNT(*) FROM mail_queue WHERE status <> 'sent'").trim(), '0');
});

test('the server stopped: the message waits with its answer; back up, it is sent exactly once', async () => {
  const title = unique('Spärra det läckta kontot i katalogen');
  const incident = sql("SELECT id FROM incident WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL') ORDER BY id LIMIT 1").trim();
  const made = await ciso.post('/api/v1/incident_tasks', { incident_id: Number(incident), title, owner_id: Number(personId('ciso@exempelkommun.se')) });
  assert.equal(made.status, 201, made.text);
  await stopSmtp();
  const start = received().length;
  const retries = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_queue' AND action = 'send_retry'"));
  const now = day(8);
  assert.equal(remind(now), '1 queued, 0 sent, 1 failed');
  const row = sql(`SELECT status || '|' || attempts || '|' || next_attempt_at || '|' || last_error FROM mail_queue WHERE subject LIKE '%${title}'`).trim().split('|');
  assert.equal(row[0], 'queued');
  assert.equal(row[1], '1');
  assert.ok(row[2] > now, `retried later: ${row[2]}`);
  assert.match(row[3], /\S/, 'the server\'s answer is kept');
  assert.equal(Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_queue' AND action = 'send_retry'")), retries + 1);
  // before the backoff has passed nothing is tried
  assert.equal(remind(now), '0 queued, 0 sent, 0 failed');

  smtp = await startSmtp();
  const later = new Date(Date.parse(now) + 5 * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  // another process has claimed it and is sending it: left alone while its claim holds
  const claimed = (until) => sql(`UPDATE mail_queue SET status = 'sending', claimed_until = '${until}' WHERE subject LIKE '%${title}'`);
  // (other people's digests may fall due in these five minutes when the whole suite has run
  // before: what is counted here is this message alone)
  const ours = () => messagesSince(start).filter((m) => m.subject.endsWith(title));
  const status = () => sql(`SELECT status FROM mail_queue WHERE subject LIKE '%${title}'`).trim();
  claimed(new Date(Date.parse(later) + 60000).toISOString().replace(/\.\d+Z$/, 'Z'));
  assert.match(remind(later), /, 0 failed$/);
  assert.equal(status(), 'sending');
  assert.equal(ours().length, 0);
  // that process died: once its claim has run out the message is taken again
  claimed(now);
  assert.match(remind(later), /, [1-9]\d* sent, 0 failed$/);
  assert.equal(status(), 'sent');
  remind(later);
  const mails = ours();
  assert.equal(mails.length, 1);
  assert.equal(mails[0].subject, `lis: Incidentuppgift – ${title}`);
  assert.equal(sql(`SELECT status || '|' || attempts || '|' || COALESCE(claimed_until, '-') FROM mail_queue WHERE subject LIKE '%${title}'`).trim(), 'sent|2|-');
});

test('lis remind says what is wrong: no tenant, a time that is not one', () => {
  let r = lisStatus('remind', '--tenant', 'NOSUCH');
  assert.equal(r.code, 1);
  assert.match(r.out, /no tenant NOSUCH/);
  r = lisStatus('remind', '--tenant', 'EXEMPEL', '--now', '2026-13-45');
  assert.equal(r.code, 1);
  assert.match(r.out, /--now wants a time/);
  assert.equal(lisStatus('remind').code, 2);
});

test('each person chooses on her account: one message each in English; stopped, nothing but legal deadlines', async () => {
  const coordinator = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.match((await coordinator.get('/account')).text, /<a href="\/account\/reminders">Välj hur du får påminnelser<\/a>/);
  const page = await coordinator.get('/account/reminders');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="mode-digest" name="mode" value="digest" checked/);
  assert.match(page.text, /Inga påminnelser|lis: \d+ (saker|sak) att göra/, 'her messages are listed');
  // bad input is refused and changes nothing
  const me = personId('samordnare@exempelkommun.se');
  for (const bad of [{ mode: 'weekly', lang: 'sv' }, { mode: 'digest', lang: 'de' }, { lang: 'sv' }]) {
    const res = await coordinator.post('/account/reminders', bad);
    assert.equal(res.status, 422, JSON.stringify(bad));
    assert.match(res.text, /role="alert"/);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM remind_pref WHERE person_id = ${me}`).trim(), '0');
  const saved = await coordinator.post('/account/reminders', { mode: 'immediate', lang: 'en' });
  assert.equal(saved.status, 303);
  assert.match((await coordinator.get(saved.location)).text, /Dina val är sparade\.[\s\S]*id="mode-immediate" name="mode" value="immediate" checked/);
  assert.match(sql(`SELECT summary FROM audit_log WHERE entity = 'remind_pref' AND entity_id = '${me}' ORDER BY id DESC LIMIT 1`), /reminders: immediate, en/);

  const owner = await loggedIn(server.base, 'agare@exempelkommun.se');
  assert.equal((await owner.post('/account/reminders', { mode: 'digest', lang: 'sv', unsubscribed: '1' })).status, 303);

  // two weeks on: the overdue come round again
  const start = received().length;
  remind(day(15));
  const mails = messagesSince(start);
  const hers = mails.filter((m) => m.envelope.to[0] === 'samordnare@exempelkommun.se');
  assert.ok(hers.length >= 1, mails.map((m) => `${m.envelope.to} ${m.subject}`).join('\n'));
  for (const m of hers) {
    assert.doesNotMatch(m.subject, /things to do|att göra/, 'no digest: one message each');
    assert.match(m.body, /^Hello [^\r\n]+,\r\n\r\nThis needs you in lis for Exempelkommun:\r\n/);
    assert.match(m.body, /(Overdue since \d{4}-\d{2}-\d{2}|Falls due)/);
  }
  assert.equal(mails.filter((m) => m.envelope.to[0] === 'agare@exempelkommun.se').length, 0, 'stopped');
  assert.ok(mails.some((m) => m.envelope.to[0] === 'ciso@exempelkommun.se'), 'the others still are told');
});

test('the administrator reads every message queued, sent and failed; nobody else does', async () => {
  const page = await admin.get('/settings/mail/queue');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Utgående e-post<\/h1>/);
  assert.match(page.text, /<table class="list" id="mail-queue">[\s\S]*<td>ciso@exempelkommun\.se<\/td>[\s\S]*<td>Skickat<\/td>/);
  assert.match((await admin.get('/settings/mail')).text, /<a href="\/settings\/mail\/queue">Utgående e-post<\/a>/);
  assert.match((await admin.get('/settings/mail/queue?status=failed')).text, /Inga brev\./);
  assert.equal((await admin.get('/settings/mail/queue?status=bogus')).status, 400);
  const cisoPage = await loggedIn(server.base, 'ciso@exempelkommun.se');
  assert.equal((await cisoPage.get('/settings/mail/queue')).status, 403);
  // through the API anyone reads the messages sent to them, and only those
  const own = await ciso.get('/api/v1/mail/queue');
  assert.equal(own.status, 200);
  assert.ok(own.json.items.length > 0);
  assert.ok(own.json.items.every((m) => m.to === 'ciso@exempelkommun.se'), own.text.slice(0, 300));

  const api = await apiClient(server.base, 'admin@exempelkommun.se');
  const res = await api.get('/api/v1/mail/queue');
  assert.equal(res.status, 200);
  assert.ok(res.json.items.length > 5);
  const retried = res.json.items.find((m) => m.attempts === 2);
  assert.ok(retried, 'the message sent on its second attempt');
  assert.equal(retried.status, 'sent');
  assert.equal(retried.last_error, null);
  assert.match(retried.sent_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(res.json.items.every((m) => ['digest', 'reminder'].includes(m.kind)));
  assert.equal((await api.get('/api/v1/mail/queue?status=queued')).json.items.length, 0);
  assert.equal((await api.get('/api/v1/mail/queue?status=nope')).status, 400);
});

test('the start page shows the same reminders, also to one without e-mail, and keeps need-to-know', async () => {
  const c = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const home = (await c.get('/home')).text;
  assert.match(home, /<section class="reminders" id="reminders" aria-labelledby="reminders-title">\s*<h2 id="reminders-title">Påminnelser i dag<\/h2>/);
  const section = home.match(/<section class="reminders"[\s\S]*?<\/section>/)[0];
  assert.match(section, /<span class="what">Åtgärd:<\/span> <a href="\/actions\/\d+">[^<]+<\/a> <span class="why">(Försenad sedan \d{4}-\d{2}-\d{2}|Förfaller [^<]+)\.<\/span>/);
  const worker = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  const hers = (await worker.get('/home')).text.match(/<section class="reminders"[\s\S]*?<\/section>/)[0];
  assert.match(hers, /Incidentuppgift:<\/span> <a href="\/incident_tasks\/\d+">en incident du hanterar<\/a> <span class="why">Tilldelad dig\.<\/span>/);
  assert.ok(!hers.includes(taskTitle) && !hers.includes(incidentTitle));
});

test('lis serve does the same on its own, every tick', async () => {
  const title = unique('Byt lösenordet till tjänstekontot');
  const incident = sql("SELECT id FROM incident WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL') ORDER BY id LIMIT 1").trim();
  const made = await ciso.post('/api/v1/incident_tasks', { incident_id: Number(incident), title, owner_id: Number(personId('ciso@exempelkommun.se')) });
  assert.equal(made.status, 201, made.text);
  const start = received().length;
  process.env.LIS_REMIND_TICK = '1';
  const ticking = await startLis();
  process.env.LIS_REMIND_TICK = '0';
  try {
    let mine = [];
    for (let i = 0; i < 100 && mine.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      mine = messagesSince(start).filter((m) => m.subject === `lis: Incidentuppgift – ${title}`);
    }
    assert.equal(mine.length, 1, 'the tick queued and sent the task at once');
    await new Promise((r) => setTimeout(r, 2500)); // more ticks: never again
    assert.equal(messagesSince(start).filter((m) => m.subject === `lis: Incidentuppgift – ${title}`).length, 1);
  } finally {
    await ticking.stop();
  }
});
