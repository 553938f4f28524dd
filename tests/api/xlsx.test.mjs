// XLSX export of every list: the same columns, rows and filters as the CSV, as a real
// workbook (one sheet, bold frozen header with a filter, numbers as numbers, Ja/Nej),
// nothing of another tenant, no formulas from user text, no temporary file left behind,
// and the audit log's export recorded like the CSV one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startLis, loggedIn, apiClient, lisStatus, sql, unique, PASSWORD } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server, admin, api, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  lisStatus('user', 'add', '--tenant', 'GRANN', '--email', 'xlsx-b@grannkommun.se', '--name', 'Greta Grann',
    '--role', 'tenant_admin', '--password', PASSWORD);
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  social = (await api.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('lis-export-'));

async function workbook(browser, path) {
  const res = await download(browser, path);
  assert.equal(res.status, 200, `${path}: ${res.bytes.toString('utf8', 0, 300)}`);
  assert.equal(res.headers.get('content-type'), XLSX_TYPE);
  assert.equal(res.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
  return { res, ...readXlsx(res.bytes) };
}

test('units as XLSX: one sheet named Enheter, the CSV header in bold, frozen, filtered, every row', async () => {
  const before = leftovers();
  const { res, sheets, rows, sheetXml, styles } = await workbook(admin, '/units.xlsx');
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="lis-units-\d{4}-\d\d-\d\d\.xlsx"$/);
  assert.deepEqual(sheets, ['Enheter']);
  const csv = await admin.get('/units.csv');
  assert.deepEqual(rows[0], csv.text.slice(1).split('\r\n')[0].split(';'));
  assert.deepEqual(rows[0].slice(0, 3), ['id', 'Namn', 'Typ']);
  const units = await api.all('/api/v1/units?limit=500');
  assert.equal(rows.length - 1, units.length);
  const soc = rows.find((r) => r[1] === 'Socialförvaltningen');
  assert.equal(soc[0], social.id, 'the id is a number');
  assert.equal(soc[2], 'Förvaltning');
  assert.match(sheetXml, /<pane [^>]*ySplit="1"[^>]*state="frozen"/);
  assert.match(sheetXml, new RegExp(`<autoFilter ref="A1:[A-Z]+${rows.length}"/>`));
  assert.match(sheetXml, /<col [^>]*width=/);
  assert.match(styles, /<b\/>/);
  assert.deepEqual(leftovers(), before, 'no temporary file is left behind');
});

test('systems as XLSX: search and filters narrow the rows, long text wraps, text is never a formula', async () => {
  const tag = unique('Kalkyl');
  await api.post('/api/v1/systems', { name: `${tag} drift`, unit_id: social.id, status: 'operation', hosting: 'cloud' });
  const evil = await api.post('/api/v1/systems', { name: `=HYPERLINK("http://x","${tag}")`, unit_id: social.id, status: 'planned', description: 'Rad ett\nRad två' });
  assert.equal(evil.status, 201, evil.text);
  // longer than a cell of Excel holds: only an older version or the database itself allows that
  sql(`UPDATE system SET description = 'Rad ett Rad två ${'å'.repeat(33000)}' WHERE id = ${evil.json.id}`);
  const all = await workbook(admin, '/systems.xlsx');
  assert.deepEqual(all.sheets, ['System']);
  assert.ok(all.rows[0].includes('Systemägare'));
  assert.equal(all.rows.length - 1, (await api.all('/api/v1/systems?limit=500')).length);
  const found = await workbook(admin, `/systems.xlsx?q=${encodeURIComponent(tag)}`);
  assert.equal(found.rows.length, 3);
  const drift = found.rows.find((r) => r[1] === `${tag} drift`);
  assert.ok(drift.includes('I drift') && drift.includes('Molntjänst'), JSON.stringify(drift));
  const planned = await workbook(admin, `/systems.xlsx?q=${encodeURIComponent(tag)}&status=planned`);
  assert.equal(planned.rows.length, 2);
  const row = planned.rows[1];
  assert.equal(row[1], `=HYPERLINK("http://x","${tag}")`, 'kept as text');
  assert.doesNotMatch(planned.sheetXml, /<f>/, 'no formula cell');
  const desc = row.find((c) => typeof c === 'string' && c.startsWith('Rad ett Rad två'));
  assert.equal([...desc].length, 32767, 'cut to Excel\'s limit of a cell');
  assert.match(planned.styles, /wrapText="1"/);
});

test('the list page links to the XLSX export with its filters; English headers and Yes/No', async () => {
  const page = await admin.get('/units?kind=forvaltning');
  assert.match(page.text, /href="\/units\.xlsx\?[^"]*kind=forvaltning[^"]*">Exportera XLSX</);
  const sv = await workbook(admin, '/people.xlsx');
  const active = sv.rows[0].indexOf('Aktiv');
  assert.ok(active > 0);
  assert.ok(sv.rows.slice(1).every((r) => ['Ja', 'Nej'].includes(r[active])));
  // English is a choice of the account (not the admin's: other tests read Swedish)
  const english = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await english.post('/lang', { lang: 'en', back: '/home' })).status, 303);
  try {
    const en = await workbook(english, '/people.xlsx');
    assert.deepEqual(en.sheets, ['People']);
    assert.ok(en.rows[0].includes('Active'));
    assert.ok(en.rows.slice(1).every((r) => ['Yes', 'No'].includes(r[en.rows[0].indexOf('Active')])));
  } finally {
    await english.post('/lang', { lang: 'sv', back: '/home' });
  }
});

test("another tenant's export holds only its own rows", async () => {
  const b = await loggedIn(server.base, 'xlsx-b@grannkommun.se');
  const { rows } = await workbook(b, '/units.xlsx');
  const names = rows.slice(1).map((r) => r[1]);
  assert.ok(names.includes('Kommunledningskontoret'));
  assert.ok(!names.includes('Socialförvaltningen'));
  const mine = await workbook(admin, '/units.xlsx');
  assert.ok(!mine.rows.some((r) => r[1] === 'Grannkommun'));
});

test('the audit log as XLSX: only for the auditor, and the export itself is recorded', async () => {
  const employee = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await download(employee, '/audit.xlsx')).status, 403);
  const auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  const count = async () => (await api.all('/api/v1/audit?action=export&limit=500'))
    .filter((x) => x.actor === 'revisor@exempelkommun.se' && x.summary === 'XLSX').length;
  const was = await count();
  const { rows, sheets } = await workbook(auditor, '/audit.xlsx');
  assert.deepEqual(sheets, ['Granskningslogg']);
  assert.deepEqual(rows[0].slice(0, 3), ['id', 'Tid', 'Vem']);
  assert.ok(rows.length > 10);
  assert.equal(await count(), was + 1);
});

test('dates are real dates shown as yyyy-mm-dd, the same days as in the CSV', async () => {
  const { rows, styles } = await workbook(admin, '/classifications.xlsx');
  const col = rows[0].indexOf('Klassad den');
  assert.ok(col > 0, JSON.stringify(rows[0]));
  assert.ok(rows.length > 1, 'the demo has classifications');
  assert.match(styles, /formatCode="yyyy-mm-dd"/);
  const csv = await admin.get('/classifications.csv');
  const csvDays = new Set(csv.text.split('\r\n').slice(1).map((l) => l.match(/\d{4}-\d\d-\d\d/)?.[0]).filter(Boolean));
  for (const r of rows.slice(1)) {
    assert.equal(typeof r[col], 'number', 'a date cell holds a serial number');
    const day = new Date((r[col] - 25569) * 86400000).toISOString().slice(0, 10);
    assert.ok(csvDays.has(day), `${day} is in the CSV`);
  }
});
