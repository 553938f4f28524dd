// The import preview as a samordnare uses it with a kommun's system list: lis proposes a
// field per column, the error column comes first and bad rows are marked, the user maps a
// column lis did not know and updates the preview, imports the good rows and gets the
// bad ones back as a file; each page axe-clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit } from './lib.mjs';

let browser;
const tag = `Imp${process.pid}x${Date.now() % 100000}`;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a kommun list: the mapping preview, a changed column, the good rows imported, the bad ones downloaded', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'samordnare@exempelkommun.se');
  await visit(page, '/import');
  assert.match(await page.locator('#file-help').innerText(), /50 MB/);
  const csv = 'Systemnamn;Förvaltning;Status;Driftform;Kontakt\r\n' +
    `${tag} Lönesystem;Socialförvaltningen;I drift;Moln;Olle Falk\r\n` +
    `${tag} Okänt;Socialförv.;I drift;Egen;Olle Falk\r\n`;
  await page.selectOption('#kind', 'systems');
  await page.setInputFiles('#file', { name: 'system.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
  const res = await submit(page, 'form[action="/import"] button[type=submit]', { label: 'the preview' });
  assert.equal(res.status(), 422, 'a row has errors');
  const heads = await page.locator('table.import thead th').allInnerTexts();
  assert.match(heads[1], /Resultat/, 'the error column comes first after the line');
  assert.equal(await page.locator('#map_0').inputValue(), 'name');
  assert.equal(await page.locator('#map_1').inputValue(), 'unit_id');
  assert.equal(await page.locator('#map_3').inputValue(), 'hosting');
  assert.equal(await page.locator('#map_4').inputValue(), '', 'Kontakt is not known');
  const bad = page.locator('table.import tbody tr.bad');
  assert.equal(await bad.count(), 1);
  assert.match(await bad.locator('td').nth(1).innerText(), /Förvaltning 'Socialförv\.' finns inte\. Möjliga värden: .*Socialförvaltningen/);
  assert.match(await page.locator('.import-counts').innerText(), /1 rad kan importeras, 1 rad har fel/);

  // Kontakt is the förvaltare (a samordnare may name one; owners are appointed by others)
  await page.selectOption('#map_4', 'manager_id');
  await submit(page, 'button[name=step][value=remap]', { label: 'the preview with Kontakt as förvaltare' });
  assert.equal(await page.locator('#map_4').inputValue(), 'manager_id', 'the choice stays');
  await submit(page, 'button[name=step][value=import]', { label: 'the import done' });
  assert.match(await page.locator('[role=status]').innerText(), /1 rad importerades[\s\S]*1 rad med fel importerades inte/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/rejected"]')]);
  const rejected = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(rejected).toString('utf8');
  assert.match(text, /^\ufeffSystemnamn;Förvaltning;Status;Driftform;Kontakt;Orsak\r\n/);
  assert.match(text, new RegExp(`${tag} Okänt;Socialförv\\.;I drift;Egen;Olle Falk;Förvaltning 'Socialförv\\.' finns inte`));
  await visit(page, '/systems?q=' + encodeURIComponent(tag));
  const href = await page.locator('table.list tbody a', { hasText: `${tag} Lönesystem` }).first().getAttribute('href');
  await visit(page, href, { label: 'the imported system' });
  assert.match(await page.locator('main').innerText(), /Förvaltare\s+Olle Falk/);
  await context.close();
});

test('a value lis does not know is corrected once in the preview for every row that writes it', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'samordnare@exempelkommun.se');
  await visit(page, '/import');
  const csv = 'Systemnamn;Förvaltning;Status\r\n' +
    `${tag} Ett;Socialförv.;I drift\r\n` +
    `${tag} Två;Socialförv.;Pågående\r\n`;
  await page.selectOption('#kind', 'systems');
  await page.setInputFiles('#file', { name: 'system.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await submit(page, 'form[action="/import"] button[type=submit]', { label: 'the preview with unknown values' });
  const fixes = page.locator('section.import-fixes');
  assert.match(await fixes.locator('h2').innerText(), /Värden som lis inte känner igen/);
  const unit = fixes.locator('tr', { hasText: 'Socialförv.' });
  assert.match(await unit.innerText(), /Förvaltning\s+Socialförv\.\s+2/, 'once, with its two rows');
  await unit.locator('select').selectOption({ label: 'Socialförvaltningen' });
  await fixes.locator('tr', { hasText: 'Pågående' }).locator('select').selectOption({ label: 'I drift' });
  await submit(page, 'button[name=step][value=remap]', { label: 'the preview with the values corrected' });
  assert.match(await page.locator('.import-counts').innerText(), /2 rader kan importeras, 0 rader har fel/);
  await submit(page, 'button[name=step][value=import]', { label: 'the corrected rows imported' });
  assert.match(await page.locator('[role=status]').innerText(), /2 rader importerades/);
  await visit(page, '/systems?q=' + encodeURIComponent(`${tag} T`));
  assert.equal(await page.locator('table.list tbody tr').count(), 1, 'Två');
  assert.match(await page.locator('table.list tbody').innerText(), /Socialförvaltningen/);
  await context.close();
});

test('a device export: the form under Import, the preview of its counts, the import, its findings from the lägesbild', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'ciso@exempelkommun.se');
  await visit(page, '/import');
  await Promise.all([page.waitForNavigation(), page.click('a[href="/import/devices"]')]);
  const day = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
  const csv = '"Device name","Managed by","Compliance","OS","Last check-in","Primary user UPN"\r\n' +
    `"${tag}-PC1","None","Unknown","Windows","",""\r\n` +
    `"${tag}-PC2","Intune","Noncompliant","Windows","${day(1)} 08:00:00",""\r\n` +
    `"${tag}-PC3","Intune","Compliant","macOS","${day(1)} 08:00:00",""\r\n`;
  await page.setInputFiles('#signal-file', { name: 'enheter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await submit(page, 'form[action="/import/devices"] button[type=submit]', { label: 'the device preview' });
  assert.match(await page.locator('h1').innerText(), /Förhandsgranskning av enhetsexporten/);
  assert.match(await page.locator('[role=status]').innerText(), /3 enheter i filen/);
  assert.match(await page.locator('table.list').innerText(), /Ohanterade enheter\s+1\s+Enheter som inte följer policy\s+1/);
  await submit(page, 'form[action^="/import/devices/"] button[type=submit]', { label: 'the devices imported' });
  assert.match(await page.locator('h1').innerText(), /Enheterna är importerade/);
  await visit(page, '/lagesbild');
  const card = page.locator('#directory-hygiene');
  assert.match(await card.locator('h3').nth(1).innerText(), /Enheter \(Intune\/MDM\)/);
  await Promise.all([page.waitForNavigation(), card.locator('a[href*="plugin=unmanaged"]').click()]);
  assert.match(await page.locator('table.list tbody').innerText(), new RegExp(`Ohanterad enhet: ${tag}-PC1`));
  await context.close();
});
