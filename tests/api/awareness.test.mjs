// Awareness: a CISO runs a training campaign for Socialförvaltningen, records completions
// by hand and from the training platform's export (people matched by e-mail; a file with
// an unknown address is refused whole, nothing written), and follows the share completed
// per förvaltning and role, the overdue repeats and those without the basic course; a
// phishing drill's numbers per förvaltning and the change since the drill before; the
// start page asks each person for their missing or overdue training; UTB-01 shows as
// met; an employee creates no campaigns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { xlsx } from './xlsx-write.mjs';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, adminApi, coordApi, employeeApi, soc, buf, people = {};
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const units = (await cisoApi.get('/api/v1/units?limit=100')).json.items;
  soc = units.find((u) => u.name === 'Socialförvaltningen');
  buf = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  for (const local of ['samordnare', 'agare', 'medarbetare']) {
    const found = (await cisoApi.get(`/api/v1/people?q=${local}%40exempelkommun.se`)).json.items;
    people[local] = found.find((p) => p.email === `${local}@exempelkommun.se`);
  }
});
after(async () => { await server.stop(); });

const count = (where) => Number(sql(`SELECT COUNT(*) FROM training_completion WHERE ${where}`).trim());
const today = new Date().toISOString().slice(0, 10);
// active people in Socialförvaltningen's subtree: the target group of a campaign for it
const socStaff = () => Number(sql(`SELECT COUNT(*) FROM person p JOIN unit u ON u.id = p.unit_id
  JOIN unit s ON s.id = ${soc.id} WHERE p.active = 1 AND u.path LIKE s.path || '%'`).trim());

async function campaignForSoc(extra = {}) {
  const res = await cisoApi.post('/api/v1/training_campaigns', { name: unique('Säker hantering av personuppgifter'),
    kind: 'elearning', target: 'unit', target_unit_id: soc.id, starts_on: '2025-01-01', repeat_months: 12, ...extra });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('a campaign for Socialförvaltningen: kept by its writers; an employee creates none', async () => {
  const c = await campaignForSoc();
  assert.equal(c.unit_id, soc.id, 'kept by the förvaltning it is aimed at');
  assert.equal(c.basic, false);
  const denied = await employeeApi.post('/api/v1/training_campaigns', { name: 'Min kurs', kind: 'elearning', target: 'all' });
  assert.equal(denied.status, 403, denied.text);
  // the samordnare keeps her förvaltning's campaigns, not another's nor the kommun's
  const own = await coordApi.post('/api/v1/training_campaigns', { name: unique('Introduktion'), kind: 'klassrum', target: 'unit', target_unit_id: soc.id });
  assert.equal(own.status, 201, own.text);
  assert.equal((await coordApi.post('/api/v1/training_campaigns', { name: 'Annan', kind: 'klassrum', target: 'unit', target_unit_id: buf.id })).status, 403);
  assert.equal((await coordApi.post('/api/v1/training_campaigns', { name: 'Alla', kind: 'klassrum', target: 'all' })).status, 403);
  // the target group is checked as a publication's is
  const noUnit = await cisoApi.post('/api/v1/training_campaigns', { name: 'X', kind: 'elearning', target: 'unit' });
  assert.equal(noUnit.status, 422);
  assert.ok(noUnit.json.error.fields.target_unit_id);
  const period = await cisoApi.post('/api/v1/training_campaigns', { name: 'X', kind: 'elearning', target: 'all', starts_on: '2026-05-01', ends_on: '2026-04-01' });
  assert.equal(period.status, 422);
  assert.ok(period.json.error.fields.ends_on);
  // everyone reads the campaigns; the employee cannot record a completion either
  assert.equal((await employeeApi.get(`/api/v1/training_campaigns/${c.id}`)).status, 200);
  const self = await employeeApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.medarbetare.id, completed_on: today });
  assert.equal(self.status, 403);
});

test('completions recorded in lis: the share per förvaltning and role, overdue repeats', async () => {
  const c = await campaignForSoc();
  const staff = socStaff();
  assert.ok(staff >= 2);
  let r = await cisoApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.samordnare.id, completed_on: today });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.source, 'lis');
  assert.equal(r.json.unit_id, soc.id);
  // over a year ago: with a repeat every 12 months, overdue
  r = await cisoApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.agare.id, completed_on: '2025-01-10' });
  assert.equal(r.status, 201, r.text);
  const future = await cisoApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.agare.id, completed_on: '2099-01-01' });
  assert.equal(future.status, 422);
  assert.ok(future.json.error.fields.completed_on);
  const twice = await cisoApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.samordnare.id, completed_on: today });
  assert.equal(twice.status, 422);
  assert.equal(count(`campaign_id = ${c.id}`), 2, 'nothing more written');

  const s = (await cisoApi.get(`/api/v1/training_campaigns/${c.id}/summary`)).json;
  const row = s.per_forvaltning.find((f) => f.forvaltning === 'Socialförvaltningen');
  assert.deepEqual(row, { forvaltning: 'Socialförvaltningen', reached: staff, completed: 1, overdue: 1,
    percent: Math.round(100 / staff) });
  assert.equal(s.per_forvaltning.length, 1, 'nobody outside the target group');
  assert.ok(s.overdue.some((p) => p.person_id === people.agare.id && p.last_completed_on === '2025-01-10'));
  assert.ok(!s.overdue.some((p) => p.person_id === people.samordnare.id));
  const coordinator = s.per_role.find((x) => x.role === 'coordinator');
  assert.deepEqual(coordinator, { role: 'coordinator', reached: 1, completed: 1, percent: 100 });
  assert.equal(s.per_role.find((x) => x.role === 'info_owner').completed, 0, 'her completion is overdue');
  // the page shows the same to the CISO
  const page = await ciso.get(`/training_campaigns/${c.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Andel genomförda/);
  assert.match(page.text, /<th scope="row">Socialförvaltningen<\/th><td class="num">\d+<\/td><td class="num">1<\/td>/);
  assert.match(page.text, /Olle Falk<\/a>, Socialförvaltningen: senast genomförd 2025-01-10/);
  assert.match(page.text, /id="related-training_completions"/);
  assert.doesNotMatch(page.text, /id="related-phishing_results"/);
  // the employee reads the campaign, not who has done it
  const theirs = (await employeeApi.get(`/api/v1/training_campaigns/${c.id}/summary`)).json;
  assert.equal(theirs.per_forvaltning, undefined);
  assert.equal((await employeeApi.get(`/api/v1/training_completions?campaign_id=${c.id}`)).json.items.length, 0);
  const ownRow = (await cisoApi.get(`/api/v1/training_completions?campaign_id=${c.id}&person_id=${people.agare.id}`)).json.items[0];
  assert.equal((await employeeApi.delete(`/api/v1/training_completions/${ownRow.id}`)).status, 404, 'not theirs to read');
  // Olle reads his own completion, and cannot change or remove it
  const olle = await apiClient(server.base, 'agare@exempelkommun.se');
  assert.deepEqual((await olle.get(`/api/v1/training_completions?campaign_id=${c.id}`)).json.items.map((x) => x.id), [ownRow.id]);
  assert.equal((await olle.patch(`/api/v1/training_completions/${ownRow.id}`, { completed_on: today })).status, 403);
  assert.equal((await olle.delete(`/api/v1/training_completions/${ownRow.id}`)).status, 403);
  assert.equal(count(`id = ${ownRow.id} AND completed_on = '2025-01-10'`), 1);
  // the samordnare reads her förvaltning's campaign's completions, and her reading is logged
  const hers = (await coordApi.get(`/api/v1/training_completions?campaign_id=${c.id}`)).json.items;
  assert.deepEqual(hers.map((x) => x.person_id).sort(), [people.samordnare.id, people.agare.id].sort());
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'training_completions' AND action = 'read'").trim()) >= 1);
});

test('people in the target group who never did the basic course', async () => {
  const email = `${unique('ny').replace(/\W+/g, '.')}@exempelkommun.se`;
  const newcomer = await adminApi.post('/api/v1/people', { name: unique('Nyanställd'), email, unit_id: soc.id });
  assert.equal(newcomer.status, 201, newcomer.text);
  const c = await campaignForSoc();
  const s = (await cisoApi.get(`/api/v1/training_campaigns/${c.id}/summary`)).json;
  assert.equal(s.basic_course, true, 'the demo marks its basic course');
  assert.ok(s.without_basic.some((p) => p.person_id === newcomer.json.id));
  // the demo's samordnare did the basic course (2024)
  assert.ok(!s.without_basic.some((p) => p.person_id === people.samordnare.id));
  assert.equal(s.without_basic_count, s.without_basic.length);
  const basic = (await cisoApi.get('/api/v1/training_campaigns?basic=1')).json.items[0];
  await cisoApi.post('/api/v1/training_completions', { campaign_id: basic.id, person_id: newcomer.json.id, completed_on: today });
  const after = (await cisoApi.get(`/api/v1/training_campaigns/${c.id}/summary`)).json;
  assert.equal(after.without_basic_count, s.without_basic_count - 1);
});

test('an export with one unknown e-mail is refused whole: the row is named, nothing written', async () => {
  const c = await campaignForSoc();
  const csv = 'Användare;E-post;Datum\nSara Ek;samordnare@exempelkommun.se;2026-10-01\n'
    + 'Okänd;okand.person@exempelkommun.se;2026-10-02\nOlle Falk;AGARE@exempelkommun.se;2026-10-03 14:10\n';
  const refused = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined, { raw: csv, contentType: 'text/csv' });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.json.error.message, /1 rows cannot be imported; nothing was imported/);
  assert.deepEqual(refused.json.error.rows, [{ line: 3, email: 'okand.person@exempelkommun.se', value: '2026-10-02', problem: 'Unknown e-mail address' }]);
  assert.equal(count(`campaign_id = ${c.id}`), 0, 'not even the good rows');
  // a bad date is named the same way
  const badDate = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined,
    { raw: 'email,date\nsamordnare@exempelkommun.se,1 oktober\n', contentType: 'text/csv' });
  assert.equal(badDate.status, 422);
  assert.equal(badDate.json.error.rows[0].line, 2);
  assert.match(badDate.json.error.rows[0].problem, /date/);
  // no column of addresses
  const noColumn = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined,
    { raw: 'Namn;Datum\nSara;2026-10-01\n', contentType: 'text/csv' });
  assert.equal(noColumn.status, 422);
  assert.match(noColumn.json.error.message, /no column/);

  // corrected: ',' as the platform writes it, an address in capitals; previewed, then imported
  const good = 'E-mail,Completed at\nsamordnare@exempelkommun.se,2026-10-01\nAGARE@exempelkommun.se,2026-10-03 14:10\n'
    + 'agare@exempelkommun.se,2026-10-03\n';
  const preview = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import?preview=1`, undefined, { raw: good, contentType: 'text/csv' });
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.preview, true);
  assert.equal(count(`campaign_id = ${c.id}`), 0, 'a preview writes nothing');
  const done = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined, { raw: good, contentType: 'text/csv' });
  assert.equal(done.status, 201, done.text);
  assert.deepEqual([done.json.rows, done.json.new, done.json.known], [3, 2, 1], 'the same person and day twice is one completion');
  assert.equal(count(`campaign_id = ${c.id} AND source = 'import'`), 2);
  // imported again: nothing new
  const again = await cisoApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined, { raw: good, contentType: 'text/csv' });
  assert.deepEqual([again.json.new, again.json.known], [0, 3]);
  assert.equal(count(`campaign_id = ${c.id}`), 2);
  const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'training_completions' AND action = 'import'`).trim();
  assert.ok(Number(audit) >= 1, 'the import is in the audit log');
  // an employee imports nothing
  const denied = await employeeApi.call('POST', `/api/v1/training_campaigns/${c.id}/import`, undefined, { raw: good, contentType: 'text/csv' });
  assert.equal(denied.status, 403);
});

test('the export as Excel, through the page: preview row by row, then import', async () => {
  const c = await campaignForSoc();
  const file = xlsx([['E-postadress', 'Slutförd'], ['samordnare@exempelkommun.se', { num: 46083 }], ['vem@annanstans.se', '2026-03-04']]);
  const refused = await ciso.upload(`/training_campaigns/${c.id}/import`, {}, 'file', 'export.xlsx', file);
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Filen kan inte importeras. Ingenting har sparats./);
  assert.match(refused.text, /<tr class="error"><td>3<\/td><td>vem@annanstans.se<\/td><td>2026-03-04<\/td><td>Okänd e-postadress<\/td><\/tr>/);
  assert.doesNotMatch(refused.text, /name="step" value="import"/, 'no import offered');
  assert.equal(count(`campaign_id = ${c.id}`), 0);
  const ok = xlsx([['E-postadress', 'Slutförd'], ['samordnare@exempelkommun.se', { num: 46083 }]]);
  const preview = await ciso.upload(`/training_campaigns/${c.id}/import`, {}, 'file', 'export.xlsx', ok);
  assert.equal(preview.status, 200, preview.text);
  assert.match(preview.text, /<td>2<\/td><td>samordnare@exempelkommun.se<\/td><td>2026-03-02<\/td><td>Nya<\/td>/);
  assert.equal(count(`campaign_id = ${c.id}`), 0, 'a preview writes nothing');
  const upload = preview.text.match(/name="upload" value="(\d+)"/)[1];
  const done = await ciso.post(`/training_campaigns/${c.id}/import`, { step: 'import', upload });
  assert.equal(done.status, 200, done.text);
  assert.match(done.text, /Importen är klar/);
  assert.equal(count(`campaign_id = ${c.id} AND completed_on = '2026-03-02'`), 1);
  // the same preview cannot be imported twice
  assert.equal((await ciso.post(`/training_campaigns/${c.id}/import`, { step: 'import', upload })).status, 404);
});

test('a phishing drill: sent, clicked, reported per förvaltning, and the trend since the drill before', async () => {
  const drill = (await cisoApi.post('/api/v1/training_campaigns', { name: unique('Phishingövning december'), kind: 'phishing',
    target: 'all', starts_on: '2026-11-20' })).json;
  let r = await cisoApi.post('/api/v1/phishing_results', { campaign_id: drill.id, forvaltning_id: soc.id, sent: 400, clicked: 80, reported: 120 });
  assert.equal(r.status, 201, r.text);
  const tooMany = await cisoApi.post('/api/v1/phishing_results', { campaign_id: drill.id, forvaltning_id: buf.id, sent: 10, clicked: 11, reported: 0 });
  assert.equal(tooMany.status, 422);
  assert.ok(tooMany.json.error.fields.clicked);
  const twice = await cisoApi.post('/api/v1/phishing_results', { campaign_id: drill.id, forvaltning_id: soc.id, sent: 1, clicked: 0, reported: 0 });
  assert.equal(twice.status, 422);
  const it = (await cisoApi.get('/api/v1/units?q=IT-avdelningen')).json.items[0];
  const notForv = await cisoApi.post('/api/v1/phishing_results', { campaign_id: drill.id, forvaltning_id: it.id, sent: 1, clicked: 0, reported: 0 });
  assert.equal(notForv.status, 422);
  assert.ok(notForv.json.error.fields.forvaltning_id);
  // a drill takes no completions
  const comp = await cisoApi.post('/api/v1/training_completions', { campaign_id: drill.id, person_id: people.agare.id, completed_on: today });
  assert.equal(comp.status, 422);

  // everyone reads the numbers: 20 % clicked against the autumn drill's 11 % (46 of 415)
  const s = (await employeeApi.get(`/api/v1/training_campaigns/${drill.id}/summary`)).json;
  assert.equal(s.previous_drill.name, 'Phishingövning hösten 2026');
  assert.deepEqual(s.phishing, [{ forvaltning_id: soc.id, forvaltning: 'Socialförvaltningen', sent: 400, clicked: 80, reported: 120,
    clicked_percent: 20, reported_percent: 30, previous_clicked_percent: 11, clicked_trend_points: 9 }]);
  assert.deepEqual(s.total, { sent: 400, clicked: 80, reported: 120, clicked_percent: 20, reported_percent: 30 });
  // every drill in order, the whole kommun: spring 18 % clicked (215 of 1210), autumn 13 % (153 of 1189), this one 20 %
  assert.deepEqual(s.drills.map((d) => [d.name, d.clicked_percent]),
    [['Phishingövning våren 2026', 18], ['Phishingövning hösten 2026', 13], [drill.name, 20]]);
  const page = await ciso.get(`/training_campaigns/${drill.id}`);
  assert.match(page.text, /Jämfört med föregående övning <a href="\/training_campaigns\/\d+">Phishingövning hösten 2026<\/a>/);
  assert.match(page.text, /<td class="num">11 %<\/td><td class="num">\+9 procentenheter<\/td>/);
  // a drill has results, not completions: only its own list is on its page
  assert.match(page.text, /id="related-phishing_results"/);
  assert.doesNotMatch(page.text, /id="related-training_completions"/);
  // the demo's autumn drill against its spring: Socialförvaltningen 17 % → 11 %
  const autumn = (await cisoApi.get('/api/v1/training_campaigns?q=h%C3%B6sten')).json.items[0];
  const a = (await cisoApi.get(`/api/v1/training_campaigns/${autumn.id}/summary`)).json;
  assert.equal(a.phishing.find((x) => x.forvaltning === 'Socialförvaltningen').clicked_trend_points, -6);
});

test('the start page asks for a missing training and an overdue repeat', async () => {
  // the teacher never did the demo's basic course, which ended 2026-06-30
  const mine = (await employeeApi.get('/api/v1/todo')).json.items;
  const missing = mine.find((i) => i.title === 'Grundutbildning i informationssäkerhet');
  assert.ok(missing, JSON.stringify(mine));
  assert.equal(missing.what, 'Utbildning att genomföra');
  assert.equal(missing.group, 'late');
  // the samordnare did it 2024-03-01; repeated every 24 months, due 2026-03-01
  const hers = (await coordApi.get('/api/v1/todo')).json.items.find((i) => i.title === 'Grundutbildning i informationssäkerhet');
  assert.equal(hers.what, 'Utbildning att repetera');
  assert.equal(hers.overdue_since, '2026-03-01');
  // the campaign's page tells each their own
  const basic = (await employeeApi.get('/api/v1/training_campaigns?basic=1')).json.items[0];
  assert.deepEqual((await employeeApi.get(`/api/v1/training_campaigns/${basic.id}/summary`)).json.mine,
    { last_completed_on: null, repeat_overdue_since: null });
  assert.deepEqual((await coordApi.get(`/api/v1/training_campaigns/${basic.id}/summary`)).json.mine,
    { last_completed_on: '2024-03-01', repeat_overdue_since: '2026-03-01' });
  // the CISO did it this year: nothing
  assert.ok(!(await cisoApi.get('/api/v1/todo')).json.items.some((i) => i.title === 'Grundutbildning i informationssäkerhet'));
  const home = await (await loggedIn(server.base, 'medarbetare@exempelkommun.se')).get('/home');
  assert.match(home.text, /Utbildning att genomföra/);
});

test('UTB-01 shows as met by the basic course on every object\'s assessment', async () => {
  const object = sql("SELECT o.id FROM managed_object o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = 'EXEMPEL' ORDER BY o.id LIMIT 1").trim();
  const page = await ciso.get(`/objects/${object}/requirements`);
  assert.equal(page.status, 200);
  const utb = page.text.slice(page.text.indexOf('<strong>UTB-01</strong>'));
  assert.match(utb.slice(0, 2000), /Uppfylls av utbildningsinsats: <a href="\/training_campaigns\/\d+">Grundutbildning i informationssäkerhet<\/a>/);
  const utb6 = page.text.slice(page.text.indexOf('<strong>UTB-06</strong>'));
  assert.match(utb6.slice(0, 2000), /Uppfylls av utbildningsinsats: <a href="\/training_campaigns\/\d+">Phishingövning/);
});

test('campaigns in the API description, the export and the audit log', async () => {
  const spec = (await cisoApi.get('/api/v1/openapi.json')).json;
  assert.ok(spec.paths['/api/v1/training_campaigns'] && spec.paths['/api/v1/training_campaigns/{id}/import']);
  const csv = await ciso.get('/training_campaigns.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.text, /Grundutbildning i informationssäkerhet/);
  const created = sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'training_campaigns' AND action = 'create'").trim();
  assert.ok(Number(created) >= 3);
});


test('the lägesbild shows the basic course per förvaltning and the latest drill; an employee sees none of it', async () => {
  const page = await ciso.get('/lagesbild');
  assert.equal(page.status, 200);
  const section = page.text.slice(page.text.indexOf('id="training"'));
  assert.ok(page.text.includes('id="training"'), 'the training section is there');
  assert.match(section, /Utbildning och medvetenhet/);
  assert.match(section, /Grundutbildning i informationssäkerhet/);
  assert.match(section, /Socialförvaltningen<\/th><td>\d+<\/td><td>\d+<\/td><td>\d+ %/);
  assert.match(section, /Phishingövning/);
  const mine = await (await loggedIn(server.base, 'medarbetare@exempelkommun.se')).get('/lagesbild');
  assert.doesNotMatch(mine.text, /id="training"/);
});

// The figures of a campaign counted again here, one person at a time, from the rows
// themselves: who is reached (everyone, a unit's subtree, a role's holders), each one's
// latest completion, their förvaltningar (every förvaltning or bolag above their unit),
// and whether they ever did a basic course. The summary's queries must give the same.
const rowsOf = (statement) => sql(statement).trim().split('\n').filter(Boolean).map((l) => l.split('|'));
const percentOf = (done, reached) => (reached <= 0 || done <= 0 ? 0 : done >= reached ? 100
  : Math.floor((done * 100 + Math.floor(reached / 2)) / reached));
function countedByHand(campaign, cutoff) {
  const tenant = rowsOf("SELECT id FROM tenant WHERE code = 'EXEMPEL'")[0][0];
  const units = new Map(rowsOf(`SELECT id, name, kind, path FROM unit WHERE tenant_id = ${tenant}`)
    .map(([id, name, kind, path]) => [id, { name, kind, path }]));
  const forvaltningar = [...units.values()].filter((u) => u.kind === 'forvaltning' || u.kind === 'bolag');
  const holds = rowsOf(`SELECT ra.person_id, ra.role, u.path FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id
    WHERE ra.tenant_id = ${tenant}`);
  const target = campaign.target_unit_id ? units.get(String(campaign.target_unit_id)) : null;
  const last = new Map();
  for (const [person, on] of rowsOf(`SELECT person_id, completed_on FROM training_completion
      WHERE tenant_id = ${tenant} AND campaign_id = ${campaign.id}`))
    if (!last.has(person) || on > last.get(person)) last.set(person, on);
  const basic = new Set(rowsOf(`SELECT x.person_id FROM training_completion x JOIN training_campaign c
    ON c.id = x.campaign_id WHERE x.tenant_id = ${tenant} AND c.basic = 1`).map(([p]) => p));
  const reached = rowsOf(`SELECT id, name, unit_id FROM person WHERE tenant_id = ${tenant} AND active = 1
      AND unit_id IS NOT NULL`)
    .map(([id, name, unit]) => ({ id, name, unit: units.get(unit) }))
    .filter((p) => campaign.target === 'all'
      || (campaign.target === 'unit' && p.unit.path.startsWith(target.path))
      || (campaign.target === 'role' && holds.some(([who, role, path]) => who === p.id
        && role === campaign.target_role && (!target || path.startsWith(target.path)))));
  const done = (p) => last.has(p.id) && (cutoff === null || last.get(p.id) > cutoff);
  const late = (p) => last.has(p.id) && cutoff !== null && last.get(p.id) <= cutoff;
  // a person counts once for each förvaltning above them, or once above them all
  const above = (p) => {
    const f = forvaltningar.filter((u) => p.unit.path.startsWith(u.path)).map((u) => u.name);
    return f.length ? f : [null];
  };
  const share = new Map();
  for (const p of reached)
    for (const f of above(p)) {
      const row = share.get(f) || { forvaltning: f, reached: 0, completed: 0, overdue: 0 };
      row.reached++;
      row.completed += done(p) ? 1 : 0;
      row.overdue += late(p) ? 1 : 0;
      share.set(f, row);
    }
  const roles = new Map();
  for (const p of reached)
    for (const role of new Set(holds.filter(([who]) => who === p.id).map(([, r]) => r))) {
      const row = roles.get(role) || { role, reached: 0, completed: 0 };
      row.reached++;
      row.completed += done(p) ? 1 : 0;
      roles.set(role, row);
    }
  const withoutBasic = reached.filter((p) => !basic.has(p.id));
  return {
    perForvaltning: [...share.values()].map((r) => ({ ...r, percent: percentOf(r.completed, r.reached) })),
    perRole: [...roles.values()].map((r) => ({ ...r, percent: percentOf(r.completed, r.reached) })),
    overdue: reached.filter(late).map((p) => ({ person_id: Number(p.id), name: p.name, last_completed_on: last.get(p.id) })),
    withoutBasic: withoutBasic.map((p) => ({ person_id: Number(p.id), name: p.name })),
  };
}
const byKey = (key) => (a, b) => String(a[key]).localeCompare(String(b[key]));
const byPerson = (a, b) => a.person_id - b.person_id;

function assertCountedByHand(s, campaign) {
  const want = countedByHand(campaign, s.repeat_cutoff);
  assert.deepEqual([...s.per_forvaltning].sort(byKey('forvaltning')), want.perForvaltning.sort(byKey('forvaltning')));
  assert.deepEqual([...s.per_role].sort(byKey('role')), want.perRole.sort(byKey('role')));
  assert.ok(want.overdue.length <= 200 && want.withoutBasic.length <= 200, 'the lists are whole');
  assert.deepEqual([...s.overdue].sort(byPerson), want.overdue.sort(byPerson));
  assert.equal(s.without_basic_count, want.withoutBasic.length);
  assert.deepEqual([...s.without_basic].sort(byPerson), want.withoutBasic.sort(byPerson));
  // in the orders the page shows them
  const names = s.per_forvaltning.map((r) => r.forvaltning);
  assert.ok(names.indexOf(null) < 0 || names.indexOf(null) === names.length - 1, 'above every förvaltning last');
  assert.deepEqual(s.overdue.map((p) => p.last_completed_on), s.overdue.map((p) => p.last_completed_on).sort());
}

test('a campaign\'s figures are those counted person by person: everyone, a unit, a role', async () => {
  const basic = (await cisoApi.get('/api/v1/training_campaigns?basic=1')).json.items[0];
  const s = (await cisoApi.get(`/api/v1/training_campaigns/${basic.id}/summary`)).json;
  assert.ok(s.per_forvaltning.length > 1 && s.per_forvaltning.some((r) => r.completed > 0));
  assertCountedByHand(s, basic);

  // Socialförvaltningen's staff: one completion long ago (overdue), one today, one of a
  // person who has left (not counted), the newest of two counting
  const forSoc = await campaignForSoc({ repeat_months: 6 });
  const email = `${unique('slutat').replace(/\W+/g, '.')}@exempelkommun.se`;
  const leaver = (await adminApi.post('/api/v1/people', { name: unique('Slutat'), email, unit_id: soc.id })).json;
  for (const [person, on] of [[people.agare.id, '2024-05-02'], [people.samordnare.id, '2024-01-15'],
    [people.samordnare.id, today], [leaver.id, today]]) {
    const r = await cisoApi.post('/api/v1/training_completions', { campaign_id: forSoc.id, person_id: person, completed_on: on });
    assert.equal(r.status, 201, r.text);
  }
  assert.equal((await adminApi.patch(`/api/v1/people/${leaver.id}`, { active: false })).status, 200);
  const soc1 = (await cisoApi.get(`/api/v1/training_campaigns/${forSoc.id}/summary`)).json;
  assert.deepEqual(soc1.overdue.map((p) => p.person_id), [people.agare.id]);
  assert.equal(soc1.per_forvaltning[0].completed, 1);
  assertCountedByHand(soc1, forSoc);

  // the coordinators anywhere, repeated yearly; and those within Socialförvaltningen
  for (const extra of [{ target: 'role', target_role: 'coordinator', target_unit_id: undefined }, { target: 'role', target_role: 'coordinator' }]) {
    const c = await campaignForSoc(extra);
    await cisoApi.post('/api/v1/training_completions', { campaign_id: c.id, person_id: people.samordnare.id, completed_on: '2025-02-03' });
    const s2 = (await cisoApi.get(`/api/v1/training_campaigns/${c.id}/summary`)).json;
    assert.ok(s2.per_role.some((r) => r.role === 'coordinator' && r.reached >= 1));
    assertCountedByHand(s2, c);
  }
});

test('the lägesbild\'s training figures are the newest basic course\'s per förvaltning', async () => {
  const page = (await ciso.get('/lagesbild')).text;
  const section = page.slice(page.indexOf('id="training"'), page.indexOf('</section>', page.indexOf('id="training"')));
  const id = section.match(/href="\/training_campaigns\/(\d+)"/)[1];
  const basic = (await cisoApi.get(`/api/v1/training_campaigns/${id}`)).json;
  assert.equal(basic.basic, true, 'a basic course');
  const s = (await cisoApi.get(`/api/v1/training_campaigns/${id}/summary`)).json;
  const table = section.slice(0, section.indexOf('</table>'));
  const shown = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+) %/g)]
    .map((m) => [m[1], Number(m[2]), Number(m[3]), Number(m[4])]);
  assert.ok(shown.length > 1);
  assert.deepEqual(shown, s.per_forvaltning.map((r) => [r.forvaltning ?? 'Utanför förvaltningarna', r.reached, r.completed, r.percent]));
});
