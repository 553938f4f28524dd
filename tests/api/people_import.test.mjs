// People kept in step with the HR export (issue 22 point 4): a file that creates two people,
// moves one to another unit and ends one's employment; the person who left loses their
// session and API token at once. A file with one bad row writes nothing and names the row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, lis, PASSWORD } from './harness.mjs';

let server, admin;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await apiClient(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); });

const one = (q) => sql(q).trim();
const importPeople = (text, preview) =>
  admin.call('POST', '/api/v1/import/people' + (preview ? '?preview=1' : ''), undefined,
    { contentType: 'text/csv', raw: Buffer.from(text, 'utf8') });

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
  assert.match(preview.text, new RegExp(`<td>${tag}.eva@exempelkommun.se</td><td>Skapas</td>`));
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
