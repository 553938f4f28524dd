// CSV import of systems and information assets as kommuner have them: Excel's ';' with
// a BOM or Windows-1252, Swedish headers and labels, quoted fields with line breaks. The
// preview shows each row's errors and writes nothing; confirming writes all rows or
// none, each audited; an upload is only the uploader's to confirm.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, sql, unique } from './harness.mjs';

let server, coord, admin;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
});
after(async () => { await server.stop(); });

const count = (table, like) => Number(sql(`SELECT COUNT(*) FROM ${table} WHERE name LIKE '${like}%'`).trim());

test('an Excel file with a BOM, Swedish headers and a multi-line cell: preview, then import', async () => {
  const tag = unique('Imp').replace(/\s/g, '');
  const csv = '\ufeffNamn;Enhet;Status;Leverantör;Driftform;Beskrivning;Anteckning\r\n' +
    `${tag} Lifecare;Socialförvaltningen;I drift;Tietoevry;Molntjänst;"Verksamhetssystem för\r\nvård och omsorg; ""LSS""";x\r\n` +
    `${tag} Procapita;Socialförvaltningen;planerad;Tietoevry;Egen drift;;\r\n`;
  const preview = await coord.upload('/import', { kind: 'systems' }, 'file', 'system.csv', Buffer.from(csv, 'utf8'));
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.match(preview.text, /2 rader kan importeras, 0 rader har fel/);
  assert.match(preview.text, /<label for="map_6">Anteckning<\/label><select id="map_6" name="map_6"><option value="" selected>Används inte/);
  assert.equal(count('system', tag), 0, 'a preview writes nothing');
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  const other = await loggedIn(server.base, 'admin@exempelkommun.se');
  assert.equal((await other.post(`/import/${id}`, { step: 'import', expect: '2' })).status, 404, 'only the uploader confirms');
  const done = await coord.post(`/import/${id}`, { step: 'import', expect: '2' });
  assert.equal(done.status, 200, done.text.slice(0, 2000));
  assert.match(done.text, /<li>2 rader importerades<\/li>/);
  assert.equal(count('system', tag), 2);
  assert.equal(sql(`SELECT description FROM system WHERE name = '${tag} Lifecare'`).trim(), 'Verksamhetssystem för\r\nvård och omsorg; "LSS"'.replace('\r\n', '\n').replace('\n', '\r\n').trim());
  assert.equal(sql(`SELECT status || '/' || hosting FROM system WHERE name = '${tag} Procapita'`).trim(), 'planned/own');
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'systems' AND action = 'create' AND summary LIKE '${tag}%'`).trim()), 2);
  assert.match(sql("SELECT summary FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1"), /^2 rader/);
  assert.equal((await coord.post(`/import/${id}`, { step: 'import', expect: '2' })).status, 404, 'an upload is imported once');
});

test('Windows-1252 with commas is read as text', async () => {
  const tag = unique('Win').replace(/\s/g, '');
  const latin1 = Buffer.from(`Namn,Enhet,Status\n${tag} Löner,Socialförvaltningen,I drift\n`, 'latin1');
  const preview = await coord.upload('/import', { kind: 'assets' }, 'file', 'info.csv', latin1);
  assert.equal(preview.status, 200, preview.text.slice(0, 1500));
  assert.match(preview.text, new RegExp(`${tag} Löner`));
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  assert.match(preview.text, /<dd>CSV, Windows-1252<\/dd>/);
  assert.equal((await coord.post(`/import/${id}`, { step: 'import', expect: '1' })).status, 200);
  assert.equal(count('information_asset', tag), 1);
});

test('row errors are shown per row with the value; the good rows go in, the bad come back as a file', async () => {
  const tag = unique('Fel').replace(/\s/g, '');
  const csv = 'Namn;Förvaltning;Status;Driftform\n' +
    `${tag} Bra;Socialförvaltningen;I drift;Egen drift\n` +
    `${tag} Okänd enhet;Socialförv.;I drift;Egen drift\n` +
    `${tag} Fel status;Socialförvaltningen;Trasig;Egen drift\n` +
    `${tag} Annans enhet;Barn- och utbildningsförvaltningen;I drift;Egen drift\n` +
    `${tag} Kort rad;Socialförvaltningen\n`;
  const preview = await coord.upload('/import', { kind: 'systems' }, 'file', 'fel.csv', Buffer.from(csv));
  assert.equal(preview.status, 422);
  assert.match(preview.text, /1 rad kan importeras, 4 rader har fel/);
  // the error column comes first, with the value and what is allowed
  assert.match(preview.text, /<tr class="bad"><td>3<\/td><td><ul class="errors"><li>Förvaltning &#39;Socialförv.&#39; finns inte. Möjliga värden: [^<]*Socialförvaltningen/);
  assert.match(preview.text, /<td>4<\/td><td><ul class="errors"><li>Status &#39;Trasig&#39; är inte ett tillåtet värde. Möjliga värden: Planerad, Under upphandling, I drift, Under avveckling, Avvecklad/);
  // a förvaltning the samordnare may not write in is named, not a bare "no permission"
  assert.match(preview.text, /<td>5<\/td><td><ul class="errors"><li>Förvaltning &#39;Barn- och utbildningsförvaltningen&#39;: du får inte lägga till eller ändra poster i den enheten<\/li>/);
  assert.match(preview.text, /<td>6<\/td><td>[\s\S]*?samma antal kolumner/);
  assert.equal(count('system', tag), 0, 'a preview writes nothing');
  const id = preview.text.match(/action="\/import\/(\d+)"/)[1];
  const done = await coord.post(`/import/${id}`, { step: 'import', expect: '1' });
  assert.equal(done.status, 200, done.text.slice(0, 3000));
  assert.match(done.text, /<li>1 rad importerades<\/li>/);
  assert.match(done.text, /<li>4 rader med fel importerades inte<\/li>/);
  assert.equal(count('system', tag), 1);
  const rejected = await coord.get(`/import/${id}/rejected`);
  assert.equal(rejected.status, 200);
  assert.match(rejected.headers.get('content-type'), /text\/csv/);
  const lines = rejected.text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Namn;Förvaltning;Status;Driftform;Orsak');
  assert.equal(lines.length, 5);
  assert.equal(lines[1], `${tag} Okänd enhet;Socialförv.;I drift;Egen drift;Förvaltning 'Socialförv.' finns inte. Möjliga värden: ` + lines[1].split('Möjliga värden: ')[1]);
  assert.match(lines[2], /Trasig;Egen drift;Status 'Trasig' är inte ett tillåtet värde/);
  assert.equal((await admin.get(`/import/${id}/rejected`)).status, 404, 'only the uploader gets the rejected rows');

  const missing = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.csv', Buffer.from('Namn;Leverantör\nA;B\n'));
  assert.equal(missing.status, 422);
  assert.match(missing.text, /Obligatoriska kolumner saknas: Enhet, Status/);
  const broken = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.csv', Buffer.from('Namn;Enhet;Status\nA;Socialförvaltningen;I drift\n"B;Socialförvaltningen;I drift\n'));
  assert.equal(broken.status, 422);
  assert.match(broken.text, /kunde inte läsas som CSV \(Rad 3\): ett citattecken \(&quot;\) avslutas aldrig/);
  const zip = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1]));
  assert.equal(zip.status, 422);
  assert.match(zip.text, /inte en Excel-fil som går att läsa/);
  const binary = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.bin', Buffer.from([1, 2, 3, 0, 0, 7]));
  assert.equal(binary.status, 422);
  assert.match(binary.text, /varken en textfil/);
  const nokind = await coord.upload('/import', { kind: 'units' }, 'file', 'x.csv', Buffer.from('Namn\nA\n'));
  assert.equal(nokind.status, 422);
  const empty = await coord.upload('/import', { kind: 'systems' }, 'file', 'x.csv', Buffer.from('Namn;Enhet;Status\n'));
  assert.equal(empty.status, 422);
  assert.match(empty.text, /inga rader/);
});

test('the import page works without JavaScript and the form needs its CSRF token', async () => {
  const page = await coord.get('/import');
  assert.equal(page.status, 200);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  const fd = new FormData();
  fd.append('kind', 'systems');
  fd.append('file', new Blob(['Namn;Enhet;Status\nA;Socialförvaltningen;I drift\n']), 'a.csv');
  const res = await fetch(server.base + '/import', { method: 'POST', body: fd, headers: { cookie: coord.cookieHeader() }, redirect: 'manual' });
  assert.equal(res.status, 403);
});
