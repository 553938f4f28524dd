// People kept in step with the HR export (issue 22 point 4): a file that creates two people,
// moves one to another unit and ends one's employment; the person who left loses their
// session and API token at once. A file with one bad row writes nothing and names the row.
// Excel date cells (1900 and 1904 systems) and the forms exports write are read as dates;
// an employment ending today ends at once, one ending later is kept on the person and
// takes effect on its day when lis's pass runs (lis employment-end --now lets the day come).
// The API's file imports take bodies as large as a web upload; other API bodies stay small.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, lis, PASSWORD } from './harness.mjs';
import { xlsx } from './xlsx-write.mjs';

let server, admin;
before(async () => {
  // lis serve's periodic work every second, so that its pass over ended employments runs
  // (on the first tick and every tenth) while the tests watch
  process.env.LIS_REMIND_TICK = '1';
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await apiClient(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); });

const one = (q) => sql(q).trim();
const importPeople = (text, preview) =>
  admin.call('POST', '/api/v1/import/people' + (preview ? '?preview=1' : ''), undefined,
    { contentType: 'text/csv', raw: Buffer.from(text, 'utf8') });
const importXlsx = (rows, opts, preview) =>
  admin.call('POST', '/api/v1/import/people' + (preview ? '?preview=1' : ''), undefined,
    { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', raw: xlsx(rows, opts) });
// today in Stockholm, and days from it, as YYYY-MM-DD
const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const dayFrom = (date, n) => new Date(Date.parse(date + 'T12:00:00Z') + n * 86400000).toISOString().slice(0, 10);
// the Excel serial of a date: days from 1899-12-30 (1900 system), or from 1904-01-01
const serial = (date, date1904) => Math.round((Date.parse(date + 'T00:00:00Z') - Date.parse(date1904 ? '1904-01-01' : '1899-12-30')) / 86400000);
const addPerson = (email, name) =>
  lis('user', 'add', '--tenant', 'EXEMPEL', '--email', email, '--name', name, '--role', 'employee', '--password', PASSWORD);

test('an HR export creates, moves and deactivates; the one who left loses session and token at once', async () => {
  const tag = unique('hr').replace(/\s/g, '').toLowerCase();
  // people of this test's own (the files after this one log in as the demo's people)
  const leaving = `${tag}.maja@exempelkommun.se`, moving = `${tag}.agnes@exempelkommun.se`;
  lis('user', 'add', '--tenant', 'EXEMPEL', '--email', leaving, '--name', 'Maja Medarbetare', '--role', 'employee', '--password', PASSWORD);
  lis('user', 'add', '--tenant', 'EXEMPEL', '--email', moving, '--name', 'Agnes Ägare', '--role', 'employee', '--password', PASSWORD);
  // the person who will leave: logged in, with an API token
  const leaver = await loggedIn(server.base, leaving);
  const leaverApi = await apiClient(server.base, leaving);
  assert.equal((await leaver.get('/home')).status, 200);
  assert.equal((await leaverApi.get('/api/v1/me')).status, 200);
  const mover = one(`SELECT unit_id FROM person WHERE email = '${moving}'`);
  assert.notEqual(mover, '5');
  const before = Number(one('SELECT COUNT(*) FROM person'));

  // Swedish headers with spacing and case the export tool chose; units as people type them
  const file = 'Namn;E-post;Förvaltning;Anställning upphör\r\n' +
    `Anna Ny;${tag}.anna@Exempelkommun.se;socialförvaltningen ;\r\n` +
    `Bo Ny;${tag}.bo@exempelkommun.se;IT-avdelningen;2099-12-31\r\n` +
    `Agnes Ägare;${moving.toUpperCase()};  it-AVDELNINGEN;\r\n` +
    `Maja Medarbetare;${leaving};Barn- och utbildningsförvaltningen;2020-06-30\r\n`;

  const preview = await importPeople(file, true);
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(preview.json.rows.map((r) => [r.line, r.action]),
    [[2, 'create'], [3, 'create'], [4, 'update'], [5, 'deactivate']]);
  assert.equal(Number(one('SELECT COUNT(*) FROM person')), before, 'a preview writes nothing');
  assert.equal((await leaverApi.get('/api/v1/me')).status, 200, 'a preview ends nothing');

  const done = await importPeople(file);
  assert.equal(done.status, 201, done.text);
  assert.deepEqual([done.json.created, done.json.updated, done.json.deactivated, done.json.errors], [2, 1, 1, 0]);
  assert.equal(one(`SELECT u.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.email = '${tag}.anna@exempelkommun.se'`),
    'Socialförvaltningen');
  assert.equal(one(`SELECT active FROM person WHERE email = '${tag}.bo@exempelkommun.se'`), '1');
  assert.equal(one(`SELECT unit_id FROM person WHERE email = '${moving}'`), '5');
  assert.equal(one(`SELECT active FROM person WHERE email = '${leaving}'`), '0');
  // people not in the file are not touched
  assert.equal(one("SELECT MIN(active) FROM person WHERE email = 'ciso@exempelkommun.se'"), '1');

  // the person who left: the session and the token stop working at once
  const page = await leaver.get('/home');
  assert.notEqual(page.status, 200);
  assert.equal((await leaverApi.get('/api/v1/me')).status, 401);
  // audited: the deactivation is in the audit log
  assert.ok(Number(one("SELECT COUNT(*) FROM audit_log WHERE entity = 'people' AND entity_id = " +
    `(SELECT CAST(id AS TEXT) FROM person WHERE email = '${leaving}')`)) > 0);

  // the same file again changes nothing
  const again = await importPeople(file);
  assert.equal(again.status, 201, again.text);
  assert.deepEqual([again.json.created, again.json.updated, again.json.deactivated, again.json.unchanged], [0, 0, 0, 4]);
});

test('an unknown unit writes nothing and names the row and the unit; English headers work', async () => {
  const tag = unique('hr').replace(/\s/g, '').toLowerCase();
  const before = Number(one('SELECT COUNT(*) FROM person'));
  const file = 'Name,E-mail,Unit,End date\n' +
    `Cecilia Ny,${tag}.c@exempelkommun.se,IT-avdelningen,\n` +
    `Dan Ny,${tag}.d@exempelkommun.se,Räkmackeförvaltningen,\n`;
  const preview = await importPeople(file, true);
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(preview.json.rows.map((r) => r.action), ['create', 'error']);
  assert.match(preview.json.rows[1].error, /Räkmackeförvaltningen/);
  const res = await importPeople(file);
  assert.equal(res.status, 422, res.text);
  assert.match(res.text, /Rad 3: ingen enhet heter \\?"Räkmackeförvaltningen/);
  assert.equal(Number(one('SELECT COUNT(*) FROM person')), before, 'nothing written');
  assert.equal(one(`SELECT COUNT(*) FROM person WHERE email = '${tag}.c@exempelkommun.se'`), '0');
  // no e-mail column: the file is refused
  const bad = await importPeople('Namn;Enhet\nX;IT-avdelningen\n');
  assert.equal(bad.status, 422);
  assert.match(bad.text, /kolumn för e-post/);
});

test('only a tenant administrator may import people', async () => {
  const staff = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const res = await staff.call('POST', '/api/v1/import/people', undefined,
    { contentType: 'text/csv', raw: Buffer.from('E-post\nx@exempelkommun.se\n') });
  assert.equal(res.status, 403);
});

test('the people import page previews each row and imports the previewed file', async () => {
  const tag = unique('hr').replace(/\s/g, '').toLowerCase();
  const page = await loggedIn(server.base, 'admin@exempelkommun.se');
  assert.match((await page.get('/import')).text, /href="\/import\/people"/);
  const file = Buffer.from(`Namn;E-post;Enhet\nEva Ny;${tag}.eva@exempelkommun.se;IT-avdelningen\n`, 'utf8');
  const preview = await page.upload('/import/people', { step: 'preview' }, 'file', 'hr.csv', file);
  assert.equal(preview.status, 200, preview.text.slice(0, 3000));
  assert.match(preview.text, new RegExp(`<td>${tag}.eva@exempelkommun.se</td><td></td><td>Skapas</td>`));
  assert.equal(one(`SELECT COUNT(*) FROM person WHERE email = '${tag}.eva@exempelkommun.se'`), '0');
  const content = preview.text.match(/name="content" value="([^"]*)"/)[1]
    .replace(/&#10;|&#x0?a;/gi, '\n').replace(/&amp;/g, '&').replace(/&#59;/g, ';');
  const done = await page.post('/import/people', { step: 'import', content });
  assert.equal(done.status, 200, done.text.slice(0, 3000));
  assert.match(done.text, /Importen är klar/);
  assert.equal(one(`SELECT COUNT(*) FROM person WHERE email = '${tag}.eva@exempelkommun.se'`), '1');
  // a bad row: the page names it, nothing is written
  const bad = await page.upload('/import/people', { step: 'preview' }, 'file', 'hr.csv',
    Buffer.from(`Namn;E-post;Enhet\nOla Ny;${tag}.ola@exempelkommun.se;Ingenstans\n`, 'utf8'));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Ingenstans/);
  assert.doesNotMatch(bad.text, /name="content"/);
});

test('Excel date cells are read as dates: the built-in and a custom date format, and a 1904 workbook', async () => {
  const tag = unique('hrx').replace(/\s/g, '').toLowerCase();
  const gone = `${tag}.gone@exempelkommun.se`, gone1904 = `${tag}.gone1904@exempelkommun.se`;
  addPerson(gone, 'Gustav Gått');
  addPerson(gone1904, 'Greta Gått');
  const later = dayFrom(stockholmToday(), 200);
  const rows = [['Namn', 'E-post', 'Förvaltning', 'Anställning upphör'],
    ['Gustav Gått', gone, 'IT-avdelningen', { date: serial('2020-06-30') }],
    ['Kalle Kvar', `${tag}.kvar@exempelkommun.se`, 'IT-avdelningen', { date: serial(later), format: 'yyyy-mm-dd' }],
    ['Lisa Lång', `${tag}.lang@exempelkommun.se`, 'IT-avdelningen', dayFrom(later, 1).replace(/-/g, '')],
    ['Tim Tid', `${tag}.tid@exempelkommun.se`, 'IT-avdelningen', `${dayFrom(later, 2)} 00:00:00`]];
  const preview = await importXlsx(rows, undefined, true);
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(preview.json.rows.map((r) => [r.line, r.action]),
    [[2, 'deactivate'], [3, 'create'], [4, 'create'], [5, 'create']]);
  // each row's end as read: the date cells and the text forms alike
  assert.deepEqual(preview.json.rows.map((r) => r.ends), ['2020-06-30', later, dayFrom(later, 1), dayFrom(later, 2)]);
  const done = await importXlsx(rows);
  assert.equal(done.status, 201, done.text);
  assert.equal(one(`SELECT active FROM person WHERE email = '${gone}'`), '0');
  assert.equal(one(`SELECT employment_ends FROM person WHERE email = '${gone}'`), '2020-06-30');
  // a date still to come: kept on the person, who stays active until then
  assert.equal(one(`SELECT active || ' ' || employment_ends FROM person WHERE email = '${tag}.kvar@exempelkommun.se'`), `1 ${later}`);
  assert.equal(one(`SELECT employment_ends FROM person WHERE email = '${tag}.lang@exempelkommun.se'`), dayFrom(later, 1));
  assert.equal(one(`SELECT employment_ends FROM person WHERE email = '${tag}.tid@exempelkommun.se'`), dayFrom(later, 2));

  // a workbook that counts from 1904: the same day is 1462 less
  const in1904 = await importXlsx([['E-post', 'Slutdatum'], [gone1904, { date: serial('2021-03-31', true) }]], { date1904: true });
  assert.equal(in1904.status, 201, in1904.text);
  assert.equal(one(`SELECT active || ' ' || employment_ends FROM person WHERE email = '${gone1904}'`), '0 2021-03-31');
});

test('a date whose day and month may have changed places is refused, naming the forms that are read', async () => {
  const tag = unique('hrd').replace(/\s/g, '').toLowerCase();
  const file = `E-post;Anställning upphör\n${tag}.a@exempelkommun.se;31/12/2026\n`;
  const res = await importPeople(file);
  assert.equal(res.status, 422, res.text);
  assert.match(res.json.error.message, /Rad 2: anställningens slut "31\/12\/2026" är inget datum som läses: skriv ÅÅÅÅ-MM-DD/);
  assert.equal(one(`SELECT COUNT(*) FROM person WHERE email = '${tag}.a@exempelkommun.se'`), '0');
  const page = await loggedIn(server.base, 'admin@exempelkommun.se');
  assert.match((await page.get('/import/people')).text, /hel eller inte alls/);
});

test('an employment ending today ends at once: session and token gone', async () => {
  const tag = unique('hrt').replace(/\s/g, '').toLowerCase();
  const email = `${tag}.idag@exempelkommun.se`;
  addPerson(email, 'Ida Idag');
  const session = await loggedIn(server.base, email);
  const token = await apiClient(server.base, email);
  const res = await importPeople(`E-post;Anställning upphör\n${email};${stockholmToday()}\n`);
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.deactivated, 1);
  assert.equal(one(`SELECT active FROM person WHERE email = '${email}'`), '0');
  assert.notEqual((await session.get('/home')).status, 200);
  assert.equal((await token.get('/api/v1/me')).status, 401);
});

test('an employment ending later takes effect on its day when the pass runs, without another import', async () => {
  const tag = unique('hrf').replace(/\s/g, '').toLowerCase();
  const email = `${tag}.sen@exempelkommun.se`;
  addPerson(email, 'Sune Senare');
  const today = stockholmToday(), ends = dayFrom(today, 3);
  const res = await importPeople(`E-post;Slutdatum\n${email};${ends}\n`);
  assert.equal(res.status, 201, res.text);
  assert.deepEqual([res.json.updated, res.json.deactivated], [1, 0]);
  assert.equal(one(`SELECT active || ' ' || employment_ends FROM person WHERE email = '${email}'`), `1 ${ends}`);
  const session = await loggedIn(server.base, email);
  const token = await apiClient(server.base, email);
  // the person's page shows the day
  const id = one(`SELECT id FROM person WHERE email = '${email}'`);
  const page = await loggedIn(server.base, 'admin@exempelkommun.se');
  const detail = await page.get(`/people/${id}`);
  assert.equal(detail.status, 200);
  assert.match(detail.text, new RegExp(`Anställningen upphör[\\s\\S]{0,200}${ends}`));

  // the day before: nothing happens
  assert.equal(lis('employment-end', '--tenant', 'EXEMPEL', '--now', `${dayFrom(ends, -1)} 23:59`).trim(), '0 deactivated');
  assert.equal(one(`SELECT active FROM person WHERE email = '${email}'`), '1');
  assert.equal((await token.get('/api/v1/me')).status, 200);
  // the day itself, just after midnight in Stockholm: deactivated through the people entity
  assert.match(lis('employment-end', '--tenant', 'EXEMPEL', '--now', `${ends} 00:05`).trim(), /^[1-9]\d* deactivated$/);
  assert.equal(one(`SELECT active FROM person WHERE email = '${email}'`), '0');
  assert.notEqual((await session.get('/home')).status, 200);
  assert.equal((await token.get('/api/v1/me')).status, 401);
  // audited as the system
  assert.equal(one(`SELECT actor FROM audit_log WHERE entity = 'people' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`), 'system');
  // once: a second pass finds nobody
  assert.equal(lis('employment-end', '--tenant', 'EXEMPEL', '--now', `${ends} 00:10`).trim(), '0 deactivated');
});

test('an import file sent to the API may be as large as a web upload; other bodies stay at 1 MB', async () => {
  // 2 MB to a file import: read, and refused for what it holds (no e-mail column), not its size
  const big = await admin.call('POST', '/api/v1/import/people?preview=1', undefined,
    { contentType: 'text/csv', raw: Buffer.alloc(2 * 1024 * 1024, 'x') });
  assert.equal(big.status, 422, big.text.slice(0, 300));
  assert.match(big.text, /kolumn för e-post/);
  // more than 21 MB: too large, and the message says the limits
  const huge = await admin.call('POST', '/api/v1/import/people?preview=1', undefined,
    { contentType: 'text/csv', raw: Buffer.alloc(22 * 1024 * 1024, 'x') });
  assert.equal(huge.status, 413);
  assert.match(huge.text, /21 MB/);
  // 2 MB of JSON to an ordinary route: too large
  const json = await admin.call('POST', '/api/v1/units', { name: 'x'.repeat(2 * 1024 * 1024), kind: 'enhet' });
  assert.equal(json.status, 413);
  assert.match(json.text, /1 MB/);
});

test('lis serve ends an employment whose day has come, without an import or a command', async () => {
  const tag = unique('hrs').replace(/\s/g, '').toLowerCase();
  const email = `${tag}.serve@exempelkommun.se`;
  addPerson(email, 'Stina Servad');
  const token = await apiClient(server.base, email);
  // the day came while nobody looked: the end date is today and the person still active
  sql(`UPDATE person SET employment_ends = '${stockholmToday()}' WHERE email = '${email}'`);
  assert.equal(one(`SELECT active FROM person WHERE email = '${email}'`), '1');
  let active = '1';
  for (let i = 0; i < 60 && active === '1'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    active = one(`SELECT active FROM person WHERE email = '${email}'`);
  }
  assert.equal(active, '0', 'deactivated by lis serve within its tenth tick');
  assert.equal((await token.get('/api/v1/me')).status, 401);
  assert.equal(one(`SELECT actor FROM audit_log WHERE entity = 'people' AND entity_id = (SELECT CAST(id AS TEXT) FROM person WHERE email = '${email}') ORDER BY id DESC LIMIT 1`), 'system');
});
