// The årshjul: a samordnare sees the year's duties month by month — her late action, a
// document she owns that is due for review, the tenant's own recurring duties (a yearly
// management review, an internal audit every four months) — per förvaltning and as "mitt
// årshjul"; and subscribes to her part as an iCalendar feed at a secret address that a
// calendar reads without logging in, until she revokes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, cisoApi, coordApi, coord, employee, units, people;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  units = await cisoApi.all('/api/v1/units?limit=500');
  people = await cisoApi.all('/api/v1/people?limit=500');
});
after(async () => { await server.stop(); });

const unit = (name) => units.find((u) => u.name === name);
const person = (email) => people.find((p) => p.email === email);
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const year = () => Number(today().slice(0, 4));
const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
// The <section> of one month on the page.
function month(page, n) {
  const m = page.match(new RegExp(`<section class="wheel-month" aria-labelledby="month-${n}">[\\s\\S]*?</section>`));
  return m ? m[0] : '';
}

test('a yearly duty needs its month and a day the month has; every N months needs N and a first date; nothing is written', async () => {
  const before = count('yearly_duty');
  const noMonth = await cisoApi.post('/api/v1/yearly_duties', { name: unique('Ledningens genomgång'), recurrence: 'yearly', day: 15 });
  assert.equal(noMonth.status, 422, noMonth.text);
  assert.ok(noMonth.json.error.fields.month, noMonth.text);
  const badDay = await cisoApi.post('/api/v1/yearly_duties', { name: unique('Ledningens genomgång'), recurrence: 'yearly', month: '4', day: 31 });
  assert.equal(badDay.status, 422, badDay.text);
  assert.ok(badDay.json.error.fields.day, badDay.text);
  const noStart = await cisoApi.post('/api/v1/yearly_duties', { name: unique('Internrevision'), recurrence: 'months', every_months: 4 });
  assert.equal(noStart.status, 422, noStart.text);
  assert.ok(noStart.json.error.fields.starts_on, noStart.text);
  assert.equal(count('yearly_duty'), before, 'nothing written');
  // 29 February is a yearly date: in other years it falls on the 28th
  const leap = await cisoApi.post('/api/v1/yearly_duties', { name: unique('Skottdag'), recurrence: 'yearly', month: '2', day: 29 });
  assert.equal(leap.status, 201, leap.text);
  const y = 2027;
  const items = (await cisoApi.get(`/api/v1/yearwheel?year=${y}`)).json.items.filter((i) => i.title === leap.json.name);
  assert.deepEqual(items.map((i) => i.date), [`${y}-02-28`]);
});

test('the wheel shows the tenant\'s own duties in their months, with owner and unit, per förvaltning and per person', async () => {
  const social = unit('Socialförvaltningen');
  const me = person('samordnare@exempelkommun.se');
  const review = (await cisoApi.post('/api/v1/yearly_duties', { name: unique('Ledningens genomgång'), recurrence: 'yearly', month: '11', day: 20, owner_id: me.id, unit_id: social.id })).json;
  const audit = (await cisoApi.post('/api/v1/yearly_duties', { name: unique('Internrevision'), recurrence: 'months', every_months: 4, starts_on: `${year() - 1}-03-10`, unit_id: social.id })).json;
  const other = (await cisoApi.post('/api/v1/yearly_duties', { name: unique('Rapport till kommunstyrelsen'), recurrence: 'yearly', month: '5', day: 5, unit_id: unit('Barn- och utbildningsförvaltningen').id })).json;
  assert.ok(review.id && audit.id && other.id);
  const y = year();
  const page = await coord.get(`/yearwheel?year=${y}`);
  assert.equal(page.status, 200);
  // twelve months, each a heading, in order
  assert.deepEqual([...page.text.matchAll(/<h2 id="month-(\d+)">([^<]+)</g)].map((m) => m[2]),
    ['Januari', 'Februari', 'Mars', 'April', 'Maj', 'Juni', 'Juli', 'Augusti', 'September', 'Oktober', 'November', 'December']);
  const nov = month(page.text, 11);
  assert.ok(nov.includes(`<time datetime="${y}-11-20">${y}-11-20</time>`), nov);
  assert.ok(nov.includes(`>${review.name}</a>`) && nov.includes('Socialförvaltningen'), nov);
  // every four months from March last year: March, July, November this year
  for (const [m, d] of [[3, `${y}-03-10`], [7, `${y}-07-10`], [11, `${y}-11-10`]])
    assert.ok(month(page.text, m).includes(`datetime="${d}"`) && month(page.text, m).includes(audit.name), `month ${m}`);
  assert.ok(!month(page.text, 1).includes(audit.name));
  // per förvaltning: Socialförvaltningen's duties only
  const social_only = (await coordApi.get(`/api/v1/yearwheel?year=${y}&unit_id=${social.id}`)).json.items.map((i) => i.title);
  assert.ok(social_only.includes(review.name) && social_only.includes(audit.name));
  assert.ok(!social_only.includes(other.name), 'another förvaltning\'s duty');
  // mitt årshjul: only what is hers
  const mine = (await coordApi.get(`/api/v1/yearwheel?year=${y}&mine=1`)).json.items.map((i) => i.title);
  assert.ok(mine.includes(review.name));
  assert.ok(!mine.includes(audit.name) && !mine.includes(other.name));
  // bad choices are refused, plainly
  assert.equal((await coordApi.get('/api/v1/yearwheel?year=abc')).status, 400);
  assert.equal((await coord.get('/yearwheel?unit_id=1%20OR%201=1')).status, 400);
});

test('duties lis derives are on the wheel of whoever is to do them: an action ending this year, a document due for review', async () => {
  const me = person('samordnare@exempelkommun.se');
  const y = year();
  const action = (await cisoApi.post('/api/v1/actions', { title: unique('Åtgärd'), unit_id: unit('Socialförvaltningen').id, status: 'planned', responsible_id: me.id, end_date: `${y}-12-30` })).json;
  const doc = await cisoApi.post('/api/v1/documents', { title: unique('Rutin'), level: 'policy', status: 'beslutad', decided_by: 'kf', decided_on: `${y - 1}-09-01`, owner_id: me.id });
  assert.equal(doc.status, 201, doc.text);
  const items = (await coordApi.get(`/api/v1/yearwheel?year=${y}&mine=1`)).json.items;
  const a = items.find((i) => i.title === action.title);
  assert.ok(a, 'an action ending this year, far beyond the start page\'s 30 days');
  assert.equal(a.date, `${y}-12-30`);
  assert.equal(a.source, 'derived');
  assert.equal(a.href, `/actions/${action.id}`);
  const d = items.find((i) => i.title === doc.json.title);
  assert.ok(d, 'the document\'s review a year after its decision');
  assert.equal(d.date, doc.json.next_review);
  assert.equal(d.what, 'Styrdokument att revidera');
  // another person's wheel does not carry them
  const teacher = await employee.get(`/yearwheel?year=${y}`);
  assert.equal(teacher.status, 200);
  assert.ok(!teacher.text.includes(action.title) && !teacher.text.includes(doc.json.title));
});

// Unfolds an iCalendar text (RFC 5545 3.1) into its logical lines.
const unfold = (text) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

test('the calendar feed: a secret address, RFC 5545 text (CRLF, folding, escaping, dates), stable UIDs, revoked and regenerated', async () => {
  const me = person('samordnare@exempelkommun.se');
  const name = unique('Forum; möte, med "citat" och en mycket lång rubrik som måste vikas över flera rader i kalendern');
  const duty = (await cisoApi.post('/api/v1/yearly_duties', { name, recurrence: 'yearly', month: '12', day: 31, owner_id: me.id })).json;
  const hashesBefore = sql('SELECT token_hash FROM calendar_feed').trim();
  const made = await coord.post('/yearwheel/feed');
  assert.equal(made.status, 200, made.text);
  const path = made.text.match(/id="feed-link" href="(\/calendar\/[A-Za-z0-9_-]+\.ics)"/)[1];
  const token = path.slice('/calendar/'.length, -4);
  // only the hash is kept
  const hashes = sql('SELECT token_hash FROM calendar_feed').trim();
  assert.ok(!hashes.includes(token) && hashes !== hashesBefore);
  // a calendar reads it without a session
  const res = await fetch(server.base + path);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar; charset=utf-8/);
  const raw = await res.text();
  assert.ok(raw.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), raw.slice(0, 80));
  assert.ok(raw.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(raw), 'every line ends in CRLF');
  for (const line of raw.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `longer than 75 octets: ${line}`);
  const lines = unfold(raw);
  const y = year();
  const escaped = name.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
  const at = lines.indexOf(`SUMMARY:Återkommande uppgift: ${escaped}`);
  assert.ok(at > 0, lines.filter((l) => l.startsWith('SUMMARY')).join('\n'));
  const event = lines.slice(lines.lastIndexOf('BEGIN:VEVENT', at), lines.indexOf('END:VEVENT', at));
  assert.ok(event.includes(`DTSTART;VALUE=DATE:${y}1231`), event.join('\n'));
  assert.ok(event.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)), event.join('\n'));
  const uid = event.find((l) => l.startsWith('UID:'));
  assert.match(uid, new RegExp(`^UID:t\\d+-duty-${duty.id}-${y}1231@lis$`));
  // this year and the next
  assert.ok(lines.includes(`UID:${uid.slice(4).replace(`${y}1231`, `${y + 1}1231`)}`));
  // renamed, the same event keeps its UID
  assert.equal((await cisoApi.patch(`/api/v1/yearly_duties/${duty.id}`, { name: unique('Forummöte') })).status, 200);
  const again = unfold(await (await fetch(server.base + path)).text());
  assert.ok(again.includes(uid));
  // a new address revokes the old one
  const second = await coord.post('/yearwheel/feed');
  const path2 = second.text.match(/id="feed-link" href="([^"]+)"/)[1];
  assert.notEqual(path2, path);
  assert.equal((await fetch(server.base + path)).status, 404);
  assert.equal((await fetch(server.base + path2)).status, 200);
  // revoked, it answers nothing
  const revoked = await coord.post('/yearwheel/feed/revoke');
  assert.equal(revoked.status, 200);
  assert.equal((await fetch(server.base + path2)).status, 404);
  assert.equal((await fetch(server.base + '/calendar/not-a-token.ics')).status, 404);
  // creating and revoking are in the audit log
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'calendar_feed' AND action = 'revoke'").trim()) >= 1);
});
