// A system list larger than the old in-memory limit (issue 16): the upload streamed to a
// temporary file, decoded into the database a piece at a time and read back a record at a
// time. Every character right at the end of a 25 MB file, a quoted line break in its
// middle, a bad row's line number after it, a "?" damaged word on the last line refused
// with its line, and a file over the stated limit refused with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, sql, unique } from './harness.mjs';

let server, coord;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  coord = await loggedIn(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); });

const one = (q) => sql(q).trim();
const uploads = () => Number(one('SELECT COUNT(*) FROM import_upload'));
const pieces = () => Number(one('SELECT COUNT(*) FROM import_upload_piece'));
const ROWS = 2000;
const filler = 'Verksamhetssystem för ärenden, journaler och uppföljning – åäö ÅÄÖ é. ';

// ROWS good rows of about 12.5 kB each (25 MB in all: the bulk in a column lis leaves
// out, as a description is at most 4000 characters), the middle one with a quoted line
// break, then one bad row and, without a line end, the last good one
function bigList(tag, last) {
  const long = filler.repeat(Math.ceil(12500 / filler.length));
  const lines = ['Systemnamn;Förvaltning;Status;Beskrivning;Egen kolumn xyz'];
  for (let i = 0; i < ROWS - 1; i++) {
    const text = i === ROWS / 2 ? `"Första raden\r\nandra raden; med ""citat"""` : `${i} ${filler}`;
    lines.push(`${tag} ${String(i).padStart(5, '0')};Socialförvaltningen;I drift;${text};${long}`);
  }
  lines.push(`${tag} fel;Socialförvaltningen;Okänd status;x;${long}`);
  lines.push(last);
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

test('a 25 MB list imports every row, with every character right at its very end and line numbers right after a quoted line break', async () => {
  const tag = unique('Stor').replace(/\s/g, '');
  const end = 'Slutet – “citat” åäö ÅÄÖ é € 😀';
  const bytes = bigList(tag, `${tag} sist;Socialförvaltningen;I drift;${end};`);
  assert.ok(bytes.length > 24 * 1024 * 1024, `${bytes.length} bytes`);
  const preview = await coord.upload('/import', { kind: 'systems' }, 'file', 'stor.csv', bytes);
  assert.equal(preview.status, 422, preview.text.slice(0, 3000)); // one bad row
  assert.match(preview.text, new RegExp(`${ROWS} rader kan importeras, 1 rad har fel`));
  // the header, ROWS - 1 rows and one more line for the quoted line break: the bad row
  // stands on line ROWS + 2
  assert.match(preview.text, new RegExp(`<tr class="bad"><td>${ROWS + 2}</td>`));
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  assert.ok(Number(one(`SELECT COUNT(*) FROM import_upload_piece WHERE upload_id = ${id}`)) > 50, 'kept in pieces');
  const done = await coord.post(`/import/${id}`, { step: 'import', expect: String(ROWS) });
  assert.equal(done.status, 200, done.text.slice(0, 3000));
  assert.match(done.text, new RegExp(`<li>${ROWS} rader importerades</li>`));
  assert.equal(Number(one(`SELECT COUNT(*) FROM system WHERE name LIKE '${tag} %'`)), ROWS);
  assert.equal(one(`SELECT description FROM system WHERE name = '${tag} sist'`), end);
  assert.equal(one(`SELECT description FROM system WHERE name = '${tag} ${String(ROWS / 2).padStart(5, '0')}'`),
    'Första raden\r\nandra raden; med "citat"');
  assert.equal(one(`SELECT description FROM system WHERE name = '${tag} ${String(ROWS - 2).padStart(5, '0')}'`),
    `${ROWS - 2} ${filler}`.trim());
  assert.equal(Number(one(`SELECT COUNT(*) FROM import_upload_piece WHERE upload_id = ${id}`)), 0, 'pieces gone');
  const rejected = await coord.get(`/import/${id}/rejected`);
  assert.match(rejected.text, new RegExp(`${tag} fel;Socialförvaltningen;Okänd status;x;Verksamhetssystem`));
});

test('many bad rows come back whole and in order in the rejected file (kept in pieces while the import ran)', async () => {
  const tag = unique('Mångafel').replace(/\s/g, '');
  const long = filler.repeat(Math.ceil(12500 / filler.length));
  const BAD = 300; // 300 × 12.5 kB: the rejected rows pass the 256 kB piece many times
  const lines = ['Systemnamn;Förvaltning;Status;Beskrivning;Egen kolumn xyz'];
  for (let i = 0; i < BAD; i++) {
    lines.push(`${tag} bra ${i};Socialförvaltningen;I drift;x;`);
    lines.push(`${tag} fel ${String(i).padStart(3, '0')};Socialförvaltningen;Okänd ${i};"åäö ""citat""";${long}`);
  }
  const preview = await coord.upload('/import', { kind: 'systems' }, 'file', 'fel.csv', Buffer.from(lines.join('\r\n'), 'utf8'));
  assert.equal(preview.status, 422);
  assert.match(preview.text, new RegExp(`${BAD} rader kan importeras, ${BAD} rader har fel`));
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  const done = await coord.post(`/import/${id}`, { step: 'import', expect: String(BAD) });
  assert.equal(done.status, 200, done.text.slice(0, 3000));
  assert.ok(Number(one(`SELECT COUNT(*) FROM import_upload_piece WHERE upload_id = ${id} AND seq < 0`)) >= 10,
    'the rejected rows were kept in pieces');
  assert.equal(Number(one(`SELECT COUNT(*) FROM import_upload_piece WHERE upload_id = ${id} AND seq >= 0`)), 0,
    'the file itself is gone');
  const rejected = await coord.get(`/import/${id}/rejected`);
  assert.equal(rejected.status, 200);
  const rows = rejected.text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(rows.length, BAD + 1, 'the header and every bad row, once');
  assert.match(rows[0], /^Systemnamn;Förvaltning;Status;Beskrivning;Egen kolumn xyz;/);
  rows.slice(1).forEach((row, i) => {
    assert.ok(row.startsWith(`${tag} fel ${String(i).padStart(3, '0')};Socialförvaltningen;Okänd ${i};"åäö ""citat""";${long};`),
      `row ${i}: ${row.slice(0, 80)}`);
    assert.match(row, new RegExp(`Status 'Okänd ${i}'`));
  });
});

test('a "?" damaged word on the last line of a large file is refused with its line, nothing kept', async () => {
  const before = [uploads(), pieces()];
  const tag = unique('Skadad').replace(/\s/g, '');
  const res = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.csv',
    bigList(tag, `${tag} sist;Socialf?rvaltningen;I drift;x;`));
  assert.equal(res.status, 422);
  assert.match(res.text, new RegExp(`Rad ${ROWS + 3}: bokstäver har ersatts med frågetecken \\(&quot;Socialf\\?rvaltningen&quot;\\)`));
  assert.deepEqual([uploads(), pieces()], before, 'nothing was stored');
});

test('a file over the stated limit (50 MB) is refused with a clear message and nothing is written', async () => {
  const page = await coord.get('/import');
  assert.match(page.text, /Högst 50 MB och 20 000 rader per fil/);
  const before = [uploads(), pieces()];
  const tag = unique('Över').replace(/\s/g, '');
  const big = Buffer.concat([Buffer.from(`Systemnamn;Status\r\n${tag};I drift\r\n`), Buffer.alloc(51 * 1024 * 1024, 'a')]);
  const res = await coord.upload('/import', { kind: 'systems' }, 'file', 'stor.csv', big);
  assert.equal(res.status, 413);
  assert.match(res.text, /Filen är för stor: högst 50 MB per fil till en import/);
  assert.deepEqual([uploads(), pieces()], before);
  assert.equal(Number(one(`SELECT COUNT(*) FROM system WHERE name = '${tag}'`)), 0);
});
