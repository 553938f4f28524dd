// Requirements: lis's catalogue in every tenant (with citations), switched off only with
// a reason and never edited; own requirements; which apply to an object follows its
// protection need; the self-assessment saved per area, audited, bad input refused; the
// share met; the procurement annex holds the SKA requirements, in Swedish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';

let server, admin, adminWeb, coord, coordWeb, owner, employee, social, ownerPerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await apiClient(server.base, 'admin@exempelkommun.se');
  adminWeb = await loggedIn(server.base, 'admin@exempelkommun.se');
  coord = await apiClient(server.base, 'samordnare@exempelkommun.se');
  coordWeb = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  owner = await apiClient(server.base, 'agare@exempelkommun.se');
  employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  social = (await admin.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  ownerPerson = (await admin.get('/api/v1/people?q=agare%40exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

test('the shipped catalogue is in the tenant: at least 120 requirements, cited, in both languages', async () => {
  const all = await admin.all('/api/v1/requirements?source=lis&limit=200');
  assert.ok(all.length >= 120, `${all.length} requirements`);
  for (const q of all) {
    assert.match(q.code, /^[A-Z]{3}-\d\d$/);
    assert.match(q.text_sv, /ska/);
    assert.ok(q.text_en, q.code);
    assert.match(q.iso27002, /^\d\.\d+/, q.code);
    assert.ok(['AR', 'SKA'].includes(q.kind));
    assert.ok(['K', 'R', 'T', 'S', '*'].includes(q.aspect));
    assert.ok(q.min_level >= 1 && q.min_level <= 3);
  }
  const areas = new Set(all.map((q) => q.area));
  for (const a of ['behorighet', 'loggning', 'backup', 'kryptering', 'leverantor', 'kontinuitet', 'fysisk', 'utveckling', 'incident', 'personuppgifter']) assert.ok(areas.has(a), a);
  assert.ok(all.some((q) => q.gdpr) && all.some((q) => q.msbfs));
  const page = await adminWeb.get('/requirements?area=backup');
  assert.match(page.text, /Säkerhetskopiering och återläsning/);
});

test('a shipped requirement is not edited, and switched off only with a reason', async () => {
  sql("UPDATE requirement SET active = 1, disabled_reason = NULL WHERE code = 'BAK-01'"); // as shipped
  const q = (await admin.get('/api/v1/requirements?q=BAK-01')).json.items[0];
  let r = await admin.patch(`/api/v1/requirements/${q.id}`, { text_sv: 'Ingen backup ska tas.' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.text_sv);
  r = await admin.patch(`/api/v1/requirements/${q.id}`, { active: false });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.disabled_reason);
  assert.equal((await coord.patch(`/api/v1/requirements/${q.id}`, { active: false, disabled_reason: 'x' })).status, 403);
  r = await admin.patch(`/api/v1/requirements/${q.id}`, { active: false, disabled_reason: 'Ersätts av vårt eget krav EGN-01.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.active, false);
  r = await admin.patch(`/api/v1/requirements/${q.id}`, { active: true, disabled_reason: null });
  assert.equal(r.status, 200, r.text);
  const own = await admin.post('/api/v1/requirements', { code: unique('EGN').replace(/\s/g, '-').slice(0, 20), area: 'backup', kind: 'AR', aspect: 'T', min_level: 2, text_sv: 'Vi ska återläsa ett helt system varje kvartal.', iso27002: '8.13' });
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.source, 'own');
  const dup = await admin.post('/api/v1/requirements', { code: 'bak-01', area: 'backup', kind: 'AR', aspect: 'T', min_level: 2, text_sv: 'Dubblett ska nekas.' });
  assert.equal(dup.status, 422);
  assert.ok(dup.json.error.fields.code);
});

async function objectWithNeed(k, r, t) {
  const object = (await coord.post('/api/v1/objects', { name: unique('Kravobjekt'), unit_id: social.id, status: 'procurement' })).json;
  const system = (await coord.post('/api/v1/systems', { name: unique('Kravsystem'), unit_id: social.id, status: 'planned', object_id: object.id })).json;
  const asset = (await admin.post('/api/v1/assets', { name: unique('Kravinfo'), unit_id: social.id, status: 'operation', owner_id: ownerPerson.id })).json;
  assert.equal((await coord.post('/api/v1/system_assets', { system_id: system.id, asset_id: asset.id })).status, 201);
  const c = await coord.post('/api/v1/classifications', { asset_id: asset.id, k: String(k), r: String(r), t: String(t), motivation: 'Test.', classified_on: '2026-11-01' });
  assert.equal(c.status, 201, c.text);
  assert.equal((await owner.post(`/api/v1/classifications/${c.json.id}/decide`)).status, 200);
  return object;
}

const codesOn = (html) => [...html.matchAll(/<div class="requirement[^"]*" id="req-\d+"><p><strong>([A-Z]+-\d+)/g)].map((m) => m[1]);

test('the requirements that apply follow the protection need', async () => {
  const low = await objectWithNeed(1, 1, 1);
  const high = await objectWithNeed(3, 1, 3);
  const lowCodes = codesOn((await coordWeb.get(`/objects/${low.id}/requirements`)).text);
  const highCodes = codesOn((await coordWeb.get(`/objects/${high.id}/requirements`)).text);
  const catalogue = await admin.all('/api/v1/requirements?source=lis&limit=200');
  const expect = (need) => catalogue.filter((q) => q.active && (q.aspect === '*' || (need[q.aspect] ?? -1) >= q.min_level)).map((q) => q.code).sort();
  assert.deepEqual(lowCodes.sort(), expect({ K: 1, R: 1, T: 1 }));
  assert.deepEqual(highCodes.sort(), expect({ K: 3, R: 1, T: 3 }));
  assert.ok(highCodes.length > lowCodes.length);
  const empty = (await coord.post('/api/v1/objects', { name: unique('Tomt'), unit_id: social.id, status: 'planned' })).json;
  assert.match((await coordWeb.get(`/objects/${empty.id}/requirements`)).text, /Inga krav gäller ännu/);
});

test('self-assessment: saved and audited; bad input changes nothing; share met', async () => {
  const object = await objectWithNeed(2, 2, 2);
  const page = (await coordWeb.get(`/objects/${object.id}/requirements`)).text;
  const backup = [...page.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
  const area = page.match(/id="area-backup"[\s\S]*?<\/section>/)[0];
  const ids = [...area.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 3 && backup.length > ids.length);
  const before = sql('SELECT COUNT(*) FROM answer').trim();
  const bad = await coordWeb.post(`/objects/${object.id}/requirements`, { area: 'backup', [`status_${ids[0]}`]: 'met', [`status_${ids[1]}`]: 'maybe' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Okänd bedömning/);
  assert.equal(sql('SELECT COUNT(*) FROM answer').trim(), before);
  const ok = await coordWeb.post(`/objects/${object.id}/requirements`, { area: 'backup', [`status_${ids[0]}`]: 'met', [`status_${ids[1]}`]: 'not_met', [`comment_${ids[1]}`]: 'Återläsning aldrig provad.', [`status_${ids[2]}`]: 'na' });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const answers = (await coord.get(`/api/v1/answers?object_id=${object.id}`)).json.items;
  assert.equal(answers.length, 3);
  assert.equal(answers.find((a) => String(a.requirement_id) === ids[1]).comment, 'Återläsning aldrig provad.');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'answers' AND summary LIKE '%${object.name}'`).trim(), '3');
  const applicable = backup.length;
  const after = (await coordWeb.get(`/objects/${object.id}`)).text;
  const share = Math.round(100 / (applicable - 1));
  assert.match(after, new RegExp(`<strong>${share} %</strong> \\(1 av ${applicable - 1}\\)`));
  // clearing a status removes the answer, audited; a requirement not in the form is left alone
  await coordWeb.post(`/objects/${object.id}/requirements`, { [`status_${ids[0]}`]: 'met', [`status_${ids[2]}`]: '' });
  assert.equal((await coord.get(`/api/v1/answers?object_id=${object.id}`)).json.items.length, 2);
  // the per-object counts the coverage page sums follow the page's saves, removals included
  assert.equal(sql(`SELECT met || '/' || na || '/' || answered FROM answer_tally WHERE object_id = ${object.id}`).trim(), '1/0/2');
  // the assessment names weaknesses: to an employee it does not exist (need-to-know)
  assert.equal((await employee.get(`/objects/${object.id}/requirements`)).status, 404);
  assert.equal((await (await loggedIn(server.base, 'medarbetare@exempelkommun.se')).post(`/objects/${object.id}/requirements`, { area: 'backup', [`status_${ids[0]}`]: 'na' })).status, 404);
  assert.equal(sql(`SELECT met || '/' || na || '/' || answered FROM answer_tally WHERE object_id = ${object.id}`).trim(), '1/0/2', 'nothing changed');
});

/* The page as a coordinator sees it: each requirement's form values and the mark of what
 * she saw, as the browser would send them back. */
function formOf(html) {
  const form = {};
  for (const m of html.matchAll(/<select id="st-(\d+)" name="status_\1">([\s\S]*?)<\/select>/g))
    form[`status_${m[1]}`] = (m[2].match(/<option value="([a-z_]*)" selected>/) || [, ''])[1];
  for (const m of html.matchAll(/name="seen_(\d+)" value="([0-9a-f]+)"/g)) form[`seen_${m[1]}`] = m[2];
  for (const m of html.matchAll(/name="comment_(\d+)" rows="2">([^<]*)<\/textarea>/g)) form[`comment_${m[1]}`] = m[2];
  return form;
}

test('self-assessment: one save keeps every chapter, and never overwrites what someone else saved meanwhile', async () => {
  const object = await objectWithNeed(2, 2, 2);
  const url = `/objects/${object.id}/requirements`;
  const page = (await coordWeb.get(url)).text;
  const inArea = (a) => [...page.match(new RegExp(`id="area-${a}"[\\s\\S]*?<\\/section>`))[0].matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
  const backup = inArea('backup');
  const areas = [...page.matchAll(/<section class="related" id="area-([a-z_]+)"/g)].map((m) => m[1]);
  const other = inArea(areas.find((a) => a !== 'backup'));
  // a change in two chapters, one save (the form of the whole page, any button): both kept
  const mine = formOf(page);
  mine[`status_${backup[0]}`] = 'met';
  mine[`status_${other[0]}`] = 'not_met';
  mine[`comment_${other[0]}`] = 'Saknas helt.';
  const saved = await coordWeb.post(url, mine);
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  assert.match(saved.headers.get('location'), /saved=2$/);
  const status = (id) => sql(`SELECT status FROM answer WHERE object_id = ${object.id} AND requirement_id = ${id}`).trim();
  assert.equal(status(backup[0]), 'met');
  assert.equal(status(other[0]), 'not_met');
  assert.match((await coordWeb.get(`${url}?saved=2`)).text, /Sparat. Ändrade svar: 2/);

  // the coordinator reads the page; meanwhile the CISO saves the same requirement
  const stale = formOf((await coordWeb.get(url)).text);
  const ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const theirs = formOf((await ciso.get(url)).text);
  theirs[`status_${backup[1]}`] = 'partly';
  theirs[`comment_${backup[1]}`] = 'Bara för filservrarna.';
  assert.equal((await ciso.post(url, theirs)).status, 303);
  // her unchanged copy of that answer is no change: the CISO's stays
  assert.equal((await coordWeb.post(url, stale)).status, 303);
  assert.equal(status(backup[1]), 'partly');
  // her change to it is not written over the CISO's: it comes back to her, with theirs shown
  const conflicting = { ...stale, [`status_${backup[1]}`]: 'met', [`status_${backup[2]}`]: 'na' };
  const back = await coordWeb.post(url, conflicting);
  assert.equal(back.status, 409);
  assert.match(back.text, /Någon annan sparade under tiden/);
  assert.match(back.text, /Sparat av någon annan under tiden: Delvis uppfyllt — Bara för filservrarna\./);
  assert.equal(status(backup[1]), 'partly', 'the CISO\'s answer is kept');
  assert.equal(status(backup[2]), 'na', 'her other change is saved');
  const again = formOf(back.text);
  assert.equal(again[`status_${backup[1]}`], 'met', 'her value is still in the form');
  // saved again after reading theirs, hers is written
  assert.equal((await coordWeb.post(url, again)).status, 303);
  assert.equal(status(backup[1]), 'met');

  // filters: not yet assessed, gaps, one chapter
  const open = (await coordWeb.get(`${url}?show=open`)).text;
  const unanswered = [...open.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
  assert.ok(unanswered.length > 0 && !unanswered.includes(backup[0]) && !unanswered.includes(other[0]));
  assert.equal(sql(`SELECT COUNT(*) FROM answer WHERE object_id = ${object.id} AND requirement_id IN (${unanswered.join(',')})`).trim(), '0');
  const gaps = (await coordWeb.get(`${url}?show=gaps`)).text;
  assert.deepEqual([...gaps.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]), [other[0]]);
  const chapter = (await coordWeb.get(`${url}?area=backup`)).text;
  assert.deepEqual([...chapter.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]), backup);
  assert.match(chapter, /<nav class="chapter-index"/);
});

test('an answer through the API must concern a requirement that applies', async () => {
  const object = await objectWithNeed(1, 1, 1);
  const strict = (await admin.all('/api/v1/requirements?source=lis&limit=200')).find((q) => q.aspect === 'K' && q.min_level === 3);
  const r = await coord.post('/api/v1/answers', { object_id: object.id, requirement_id: strict.id, status: 'met' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.requirement_id);
});

test('the procurement annex lists the SKA requirements, in Swedish also for an English user', async () => {
  const object = await objectWithNeed(2, 1, 2);
  await coordWeb.post('/lang', { lang: 'en' });
  const annex = (await coordWeb.get(`/objects/${object.id}/annex`)).text;
  await coordWeb.post('/lang', { lang: 'sv' });
  assert.match(annex, /Kravbilaga: säkerhetskrav på leverantör/);
  assert.match(annex, new RegExp(object.name));
  const codes = [...annex.matchAll(/<tr><td>([A-Z]+-\d+)<\/td>/g)].map((m) => m[1]);
  const catalogue = await admin.all('/api/v1/requirements?source=lis&kind=SKA&limit=200');
  const need = { K: 2, R: 1, T: 2 };
  const expected = catalogue.filter((q) => q.active && (q.aspect === '*' || (need[q.aspect] ?? -1) >= q.min_level)).map((q) => q.code);
  assert.deepEqual(codes.sort(), expected.sort());
  assert.ok(codes.length > 10);

  // the same annex as a workbook: heading block, then one row per SKA requirement
  const file = await download(coordWeb, `/objects/${object.id}/annex.xlsx`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get('content-type'), /spreadsheetml/);
  const book = readXlsx(file.bytes);
  assert.deepEqual(book.sheets, ['Kravbilaga']);
  assert.equal(book.rows[1][1], object.name);
  const header = book.rows.findIndex((r) => r[0] === 'Kod');
  assert.deepEqual(book.rows[header], ['Kod', 'Krav', 'ISO/IEC 27002:2022', 'Leverantörens svar (uppfyllt / delvis / ej uppfyllt)', 'Kommentar']);
  assert.deepEqual(book.rows.slice(header + 1).map((r) => r[0]).sort(), expected.sort());
});

test('a gap becomes an action in the handlingsplan with one click, linked back', async () => {
  const object = await objectWithNeed(2, 2, 2);
  const page = (await coordWeb.get(`/objects/${object.id}/requirements`)).text;
  const area = page.match(/id="area-backup"[\s\S]*?<\/section>/)[0];
  const id = area.match(/name="status_(\d+)"/)[1];
  await coordWeb.post(`/objects/${object.id}/requirements`, { area: 'backup', [`status_${id}`]: 'not_met' });
  const ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const after = (await ciso.get(`/objects/${object.id}/requirements`)).text;
  const href = after.match(/href="(\/actions\/new\?source_entity=answers&amp;source_id=(\d+)&amp;unit_id=\d+&amp;title=[^"]+)"/);
  assert.ok(href, 'a "Skapa åtgärd" link for the gap');
  const form = await ciso.get(href[1].replaceAll('&amp;', '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, /value="BAK-\d\d: /);
  const answerId = href[2];
  const ciApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  const action = await ciApi.post('/api/v1/actions', { title: 'Inför återläsningsprov', unit_id: social.id, status: 'planned', source_entity: 'answers', source_id: Number(answerId) });
  assert.equal(action.status, 201, action.text);
  const linked = (await ciso.get(`/objects/${object.id}/requirements`)).text;
  assert.match(linked, new RegExp(`Åtgärd: <a href="/actions/${action.json.id}">Inför återläsningsprov</a>`));
  assert.doesNotMatch(linked, new RegExp(`source_id=${answerId}&`), 'no second link once an action exists');
});
