// The incident timeline in the reader's language (issue 16 point 7): the events lis writes
// itself (a notification recorded as sent, a task added, done or opened again) keep a code
// and its arguments, so a Swedish handler's entries read in English to an English reader
// and the reverse — on the incident's page, in the list, the CSV and the JSON API (which
// gives the code beside the text in the requester's language), with times in Swedish time.
// A handler's own words stay as written; lis's entries are not edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, employeeApi, cisoId;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const people = await cisoApi.all('/api/v1/people?limit=500');
  cisoId = people.find((p) => p.email === 'ciso@exempelkommun.se').id;
});
after(async () => {
  await ciso.post('/lang', { lang: 'sv', back: '/home' });
  await server.stop();
});

const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
// an instant in Swedish time as lis shows it: "2026-10-26 17:00"
function stockholm(iso) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&mdash;/g, '—').replace(/\s+/g, ' ');
const timeline = (html) => text((html.match(/<ol class="timeline">[\s\S]*?<\/ol>/) || [''])[0]);

// the CISO's account as one that never chose a language: the API follows Accept-Language
const unchosen = () => sql("UPDATE account SET lang_chosen = 0 WHERE email = 'ciso@exempelkommun.se'");

// the API in a language, as an integration that sends Accept-Language
async function call(api, lang, method, path, body) {
  const res = await fetch(server.base + path, { method, body: body && JSON.stringify(body),
    headers: { authorization: `Bearer ${api.token}`, 'accept-language': lang, ...(body ? { 'content-type': 'application/json' } : {}) } });
  const t = await res.text();
  return { status: res.status, text: t, json: t ? JSON.parse(t) : null };
}

async function incident() {
  const r = await employeeApi.post('/api/v1/incidents', { title: unique('Tidslinje'),
    what_happened: 'Något hände.', discovered_at: isoAgo(6) });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// a notification, a task with a due time, the task ticked off: written in lang
async function work(lang, id, title) {
  const sent = isoAgo(2), due = new Date(Date.now() + 26 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const n = await call(cisoApi, lang, 'POST', '/api/v1/incident_notifications',
    { incident_id: id, kind: 'csirt_early', sent_at: sent, reference: 'CERT-4711' });
  assert.equal(n.status, 201, n.text);
  const t = await call(cisoApi, lang, 'POST', '/api/v1/incident_tasks',
    { incident_id: id, title, owner_id: cisoId, due_at: due });
  assert.equal(t.status, 201, t.text);
  const d = await call(cisoApi, lang, 'PATCH', `/api/v1/incident_tasks/${t.json.id}`, { status: 'done' });
  assert.equal(d.status, 200, d.text);
  return { sent: stockholm(sent), due: stockholm(due) };
}

// every line somewhere in what the reader was given
function readsAll(hay, lines, where) {
  for (const line of lines) assert.ok(hay.includes(line), `${line}\nin ${where}: ${hay}`);
}

const english = (title, at) => [
  `Notification recorded as sent: CSIRT: early warning (24 h) ${at.sent} — CERT-4711`,
  `Task added: ${title} (Carl Berg, Due ${at.due})`,
  `Task done: ${title}`,
];
const swedish = (title, at) => [
  `Anmälan registrerad som skickad: CSIRT: tidig varning (24 h) ${at.sent} — CERT-4711`,
  `Uppgift tillagd: ${title} (Carl Berg, Klar senast ${at.due})`,
  `Uppgift klar: ${title}`,
];

test('a Swedish handler\'s entries read in English to an English reader: page, list, CSV and JSON', async () => {
  const id = await incident();
  const title = unique('Byt lösenord');
  const at = await work('sv', id, title);
  // the Swedish page
  const sv = timeline((await ciso.get(`/incidents/${id}`)).text);
  readsAll(sv, swedish(title, at), 'the page');
  // the English reader
  await ciso.post('/lang', { lang: 'en', back: '/home' });
  try {
    const en = timeline((await ciso.get(`/incidents/${id}`)).text);
    readsAll(en, english(title, at), 'the page');
    assert.doesNotMatch(en, /Uppgift|Anmälan/);
    const list = text((await ciso.get(`/incident_events?incident_id=${id}`)).text);
    readsAll(list, english(title, at), 'the list');
    const csv = (await ciso.get(`/incident_events.csv?incident_id=${id}`)).text;
    readsAll(csv, english(title, at), 'the CSV');
    assert.doesNotMatch(csv, /Uppgift|Anmälan/);
  } finally {
    await ciso.post('/lang', { lang: 'sv', back: '/home' });
    unchosen();
  }
  // the JSON API: the code, its arguments and the words in the requester's language
  const items = (await call(cisoApi, 'en', 'GET', `/api/v1/incident_events?incident_id=${id}&sort=at`)).json.items;
  assert.deepEqual(items.map((e) => e.code), ['notified', 'task_added', 'task_done']);
  assert.deepEqual(items.map((e) => e.what), english(title, at));
  assert.equal(JSON.parse(items[1].args).title, title);
  const svItems = (await call(cisoApi, 'sv', 'GET', `/api/v1/incident_events?incident_id=${id}&sort=at`)).json.items;
  assert.deepEqual(svItems.map((e) => e.what), swedish(title, at));
  // filtered by code
  const done = (await call(cisoApi, 'en', 'GET', `/api/v1/incident_events?incident_id=${id}&code=task_done`)).json.items;
  assert.deepEqual(done.map((e) => e.what), [`Task done: ${title}`]);
});

test('the reverse: an English handler\'s entries read in Swedish; reopening a task too', async () => {
  const id = await incident();
  const title = unique('Change password');
  const at = await work('en', id, title);
  const sv = timeline((await ciso.get(`/incidents/${id}`)).text);
  readsAll(sv, swedish(title, at), 'the page');
  assert.doesNotMatch(sv, /Task added|Notification recorded/);
  // written in the writer's words, for the search
  const stored = sql(`SELECT what FROM incident_event WHERE incident_id = ${id} AND code = 'task_done'`).trim();
  assert.equal(stored, `Task done: ${title}`);
  const found = (await call(cisoApi, 'sv', 'GET', `/api/v1/incident_events?incident_id=${id}&q=${encodeURIComponent('Task done')}`)).json.items;
  assert.deepEqual(found.map((e) => e.what), [`Uppgift klar: ${title}`]);
  // opened again, in Swedish, reads in English
  const task = (await cisoApi.all(`/api/v1/incident_tasks?incident_id=${id}`))[0];
  const o = await call(cisoApi, 'sv', 'PATCH', `/api/v1/incident_tasks/${task.id}`, { status: 'open' });
  assert.equal(o.status, 200, o.text);
  const reopened = (await call(cisoApi, 'en', 'GET', `/api/v1/incident_events?incident_id=${id}&code=task_reopened`)).json.items;
  assert.deepEqual(reopened.map((e) => e.what), [`Task opened again: ${title}`]);
});

test('a handler\'s own words stay as written; lis\'s entries cannot be changed', async () => {
  const id = await incident();
  const own = await call(cisoApi, 'en', 'POST', '/api/v1/incident_events', { incident_id: id, what: 'Isolerade servern från nätet.' });
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.code, null);
  assert.equal(own.json.what, 'Isolerade servern från nätet.');
  const en = await call(cisoApi, 'en', 'GET', `/api/v1/incident_events/${own.json.id}`);
  assert.equal(en.json.what, 'Isolerade servern från nätet.');
  const edit = await call(cisoApi, 'en', 'PATCH', `/api/v1/incident_events/${own.json.id}`, { what: 'Isolerade servern.' });
  assert.equal(edit.status, 200, edit.text);
  // lis's entry: refused with a reason, nothing changed
  await work('sv', id, unique('Uppgift'));
  const lis = (await call(cisoApi, 'sv', 'GET', `/api/v1/incident_events?incident_id=${id}&code=task_done`)).json.items[0];
  const before = sql(`SELECT what || '|' || args FROM incident_event WHERE id = ${lis.id}`);
  const r = await call(cisoApi, 'en', 'PATCH', `/api/v1/incident_events/${lis.id}`, { what: 'Inget hände.' });
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /lis recorded this event/);
  assert.equal(sql(`SELECT what || '|' || args FROM incident_event WHERE id = ${lis.id}`), before);
  // and its page offers no "Ändra"
  const page = await ciso.get(`/incident_events/${lis.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, new RegExp(`href="/incident_events/${lis.id}/edit"`));
});

// The account's chosen language wins over the request's Accept-Language for a token (as it
// does for a session); Accept-Language decides only when the account chose none.
test('over the API the account\'s chosen language wins; Accept-Language only as the fallback', async () => {
  const id = await incident();
  await work('sv', id, unique('Språkval'));
  const whats = async (lang) => (await call(cisoApi, lang, 'GET', `/api/v1/incident_events?incident_id=${id}&code=task_done`)).json.items.map((e) => e.what);
  unchosen();
  const sv = await whats('sv'), en = await whats('en');
  assert.equal(sv.length, 1);
  assert.notDeepEqual(sv, en, 'none chosen: as the request asks');
  await ciso.post('/lang', { lang: 'en', back: '/home' });
  try {
    assert.deepEqual(await whats('sv'), en, 'chosen English: English though the request asks Swedish');
    assert.deepEqual(await whats('en'), en);
    await ciso.post('/lang', { lang: 'sv', back: '/home' });
    assert.deepEqual(await whats('en'), sv, 'chosen Swedish: Swedish though the request asks English');
  } finally {
    await ciso.post('/lang', { lang: 'sv', back: '/home' });
    unchosen();
  }
});
