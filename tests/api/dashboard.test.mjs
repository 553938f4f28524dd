// The lägesbild: every figure equals the list it links to, and the page follows changes
// at once (a new very high risk, a late action).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, pdfText, pdfFile, pdfStructure } from './harness.mjs';

let server, ciso, api, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  api = await apiClient(server.base, 'ciso@exempelkommun.se');
  social = (await api.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const figure = (text, id) => {
  const m = text.match(new RegExp(`<div class="card" id="${id}"><h2>[^<]+</h2><p><a class="figure" href="([^"]+)"><strong>(\\d+)</strong>`));
  assert.ok(m, `card ${id}`);
  return { href: m[1].replace(/&amp;/g, '&'), n: Number(m[2]) };
};

test('each risk figure equals the register it links to; the follow-up figures equal the follow-up page', async () => {
  const page = await ciso.get('/lagesbild');
  assert.equal(page.status, 200);
  assert.match(page.text, /aria-current="page">Lägesbild/);
  for (const id of ['open', 'very-high', 'high']) {
    const { href, n } = figure(page.text, id);
    const listed = await api.all(`/api/v1${href}${href.includes('?') ? '&' : '?'}limit=500`);
    assert.equal(n, listed.length, `${id}: ${href}`);
  }
  const late = figure(page.text, 'late');
  const follow = await ciso.get(late.href);
  assert.equal(follow.status, 200);
  for (const [card, id] of [['late', 'late'], ['due-soon', 'due-soon'], ['done', 'done']]) {
    const shown = Number(follow.text.match(new RegExp(`id="${id}"><h2>[^<]+</h2><p><strong>(\\d+)<`))[1]);
    assert.equal(figure(page.text, card).n, shown, card);
  }
  // the demo's analysis covers one managed object
  assert.match(page.text, /[1-9]\d* av \d+ förvaltningsobjekt har en genomförd riskanalys/);
  // the per-förvaltning table sums subtrees: IT-avdelningen's risks count for its förvaltning
  assert.match(page.text, /Kommunledningsförvaltningen<\/a><\/th><td>[3-9]/);
});

test('the page follows changes at once: a new very high risk, an overdue review', async () => {
  const before = figure((await ciso.get('/lagesbild')).text, 'very-high').n;
  const r = await api.post('/api/v1/risks', { title: unique('Ny allvarlig'), unit_id: social.id, likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(r.status, 201);
  const acc = await api.post('/api/v1/risks', { title: unique('Omprövas'), unit_id: social.id, likelihood: 1, consequence: 1, status: 'accepted', treatment: 'accept', acceptance_reason: 'Liten risk', review_date: '2020-01-01' });
  assert.equal(acc.status, 201, acc.text);
  const page = await ciso.get('/lagesbild');
  assert.equal(figure(page.text, 'very-high').n, before + 1);
  assert.match(page.text, new RegExp(`Högsta öppna risker[\\s\\S]*href="/risks/${r.json.id}"`));
  assert.match(page.text, new RegExp(`id="reviews"[\\s\\S]*href="/risks/${acc.json.id}">[^<]+</a> — 2020-01-01`));
  // the heat map counts open risks, and its cells carry the same filter
  assert.match(page.text, /href="\/risks\?status=open&amp;likelihood=4&amp;consequence=4"/);
});

test('a förvaltning\'s lägesbild: every figure equals the filtered list it links to', async () => {
  const year = new Date().getUTCFullYear();
  const day = (d) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10);
  // one late, one due soon and one done action, and a high risk, in a unit below the förvaltning
  const child = (await api.all('/api/v1/units?limit=500')).find((u) => u.parent_id === social.id) || social;
  for (const [status, end] of [['ongoing', day(-3)], ['planned', day(5)], ['done', day(-1)]]) {
    const a = await api.post('/api/v1/actions', { title: unique('Åtgärd'), unit_id: child.id, status, plan_year: year, start_date: `${year}-01-01`, end_date: end < `${year}-01-01` ? `${year}-01-02` : end, priority: 'high' });
    assert.equal(a.status, 201, a.text);
  }
  const risk = await api.post('/api/v1/risks', { title: unique('Förvaltningens risk'), unit_id: child.id, likelihood: 3, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);

  const tenantPage = await ciso.get('/lagesbild');
  assert.match(tenantPage.text, new RegExp(`<a href="/lagesbild\\?unit=${social.id}">Socialförvaltningen</a>`));
  assert.match(tenantPage.text, /<select id="f-unit" name="unit">/);
  const page = await ciso.get(`/lagesbild?unit=${social.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Lägesbild: Socialförvaltningen<\/h1>/);
  for (const id of ['open', 'very-high', 'high', 'late', 'due-soon', 'done']) {
    const { href, n } = figure(page.text, id);
    assert.match(href, new RegExp(`unit_id_within=${social.id}`), id);
    const listed = await api.all(`/api/v1${href}&limit=500`);
    assert.equal(n, listed.length, `${id}: ${href}`);
  }
  assert.ok(figure(page.text, 'late').n >= 1 && figure(page.text, 'due-soon').n >= 1 && figure(page.text, 'done').n >= 1);
  // less than the tenant's, and the risk just added is counted
  assert.ok(figure(page.text, 'open').n < figure(tenantPage.text, 'open').n);
  const listed = await api.all(`/api/v1${figure(page.text, 'open').href}&limit=500`);
  assert.ok(listed.some((x) => x.id === risk.json.id));
  // the heat map's cells carry the förvaltning's filter
  assert.match(page.text, new RegExp(`href="/risks\\?status=open&amp;unit_id_within=${social.id}&amp;likelihood=`));
  // classification: the assets counted are the filtered asset list
  const cls = page.text.match(/id="cls-assets" href="([^"]+)">(\d+) av (\d+) informationsmängder/);
  assert.ok(cls, 'classification figure');
  // the figure leads to those not yet classified, while any are left: the list holds
  // exactly the difference, and without that filter, every asset counted
  const link = cls[1].replace(/&amp;/g, '&');
  const unclassified = await api.all(`/api/v1${link}&limit=500`);
  if (Number(cls[2]) < Number(cls[3])) {
    assert.match(link, /classified=no/);
    assert.equal(unclassified.length, Number(cls[3]) - Number(cls[2]));
    assert.ok(unclassified.every((a) => a.levels === null), 'none of them has levels');
  }
  const assets = await api.all(`/api/v1${link.replace('&classified=no', '')}&limit=500`);
  assert.equal(Number(cls[3]), assets.length);
  assert.equal(assets.filter((a) => /^K\d R\d T\d$/.test(a.levels ?? '')).length, Number(cls[2]), 'the classified ones show their levels');
  // incidents have no unit: their clocks are on the tenant's page, for the CISO
  assert.match(tenantPage.text, /id="inc-clocks" href="\/incidents\/open">Lagstadgade tidsfrister: \d+ försenade och \d+/);
  assert.doesNotMatch(page.text, /id="inc-clocks"/);
  assert.equal((await ciso.get('/lagesbild?unit=999999999')).status, 404);
  assert.equal((await ciso.get('/lagesbild?unit=abc')).status, 404);
});

test('the management summary: headline figures in plain words, top five risks, late actions, who printed it', async () => {
  const dash = await ciso.get('/lagesbild');
  const page = await ciso.get('/lagesbild/summary');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Lägesbild för ledningen — Exempelkommun<\/h1>/);
  assert.match(page.text, /id="printed">Utskriven \d{4}-\d\d-\d\d \d\d:\d\d av Carl Berg\./);
  const open = figure(dash.text, 'open').n, vh = figure(dash.text, 'very-high').n, high = figure(dash.text, 'high').n;
  assert.match(page.text, new RegExp(`<dd>${open} öppna risker, varav ${vh} på mycket hög och ${high} på hög nivå\\.</dd>`));
  assert.match(page.text, new RegExp(`<dd>${figure(dash.text, 'late').n} åtgärder är försenade`));
  const lines = (page.text.match(/<dt>/g) || []).length;
  assert.ok(lines >= 5 && lines <= 8, `${lines} headline figures`);
  // the top five: the lägesbild's first five, with owner and treatment columns
  const top = page.text.match(/id="top">[\s\S]*?<\/section>/)[0];
  assert.equal((top.match(/<tr>/g) || []).length, 1 + Math.min(5, open));
  assert.match(top, /<th scope="col">Riskägare<\/th><th scope="col">Hantering<\/th>/);
  const firstTop = dash.text.match(/id="top">[\s\S]*?<a href="\/risks\/\d+">([^<]+)<\/a>/)[1];
  assert.match(top, new RegExp(`<th scope="row">${firstTop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</th>`));
  assert.match(page.text, /id="late"/);
  assert.match(page.text, /href="\/lagesbild\/summary\.pdf">Som PDF</);
  // per förvaltning
  const unit = await ciso.get(`/lagesbild/summary?unit=${social.id}`);
  assert.equal(unit.status, 200);
  assert.match(unit.text, /<h1>Lägesbild för ledningen — Socialförvaltningen<\/h1>/);
  assert.match(unit.text, new RegExp(`href="/lagesbild/summary\\.pdf\\?unit=${social.id}"`));
  assert.equal((await ciso.get('/lagesbild/summary?unit=0')).status, 404);
  // the kommundirektör sees it too, incidents in aggregate
  const ledning = await loggedIn(server.base, 'ledning@exempelkommun.se');
  const forLedning = await ledning.get('/lagesbild/summary');
  assert.equal(forLedning.status, 200);
  assert.match(forLedning.text, /Utskriven [^<]+ av Karin Dahl\./);
});

test('the summary as PDF: A4, its text holds the headline figures and the top risk', async () => {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const html = await ciso.get('/lagesbild/summary');
  const getBytes = async (path) => {
    const res = await fetch(server.base + path, { headers: { cookie: ciso.cookieHeader() } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const pdf = await getBytes('/lagesbild/summary.pdf');
  assert.equal(pdf.status, 200);
  assert.match(pdf.type, /^application\/pdf/);
  assert.equal(Buffer.from(pdf.bytes.slice(0, 5)).toString(), '%PDF-');
  const file = join(mkdtempSync(join(tmpdir(), 'lis-pdf-')), 'summary.pdf');
  writeFileSync(file, Buffer.from(pdf.bytes));
  // in drawing order, each cell's lines together; compared without spaces, as a narrow
  // column may break a long word
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const bare = text.replace(/\s+/g, '');
  assert.match(text, /Lägesbild för ledningen — Exempelkommun/);
  assert.match(text, /Utskriven \d{4}-\d\d-\d\d \d\d:\d\d av Carl Berg/);
  const open = html.text.match(/<dd>(\d+ öppna risker, varav \d+ på mycket hög och \d+ på hög nivå\.)<\/dd>/)[1];
  assert.ok(bare.includes(open.replace(/\s+/g, '')), open);
  const late = html.text.match(/<dd>(\d+ åtgärder är försenade)/)[1];
  assert.ok(bare.includes(late.replace(/\s+/g, '')), late);
  const topRisk = html.text.match(/id="top">[\s\S]*?<th scope="row">([^<]+)<\/th>/)[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  assert.ok(bare.includes(topRisk.replace(/\s+/g, '')), `top risk ${topRisk}`);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+595(\.\d+)? x 841/);
  // a förvaltning's, and a unit that is not there
  const unit = await getBytes(`/lagesbild/summary.pdf?unit=${social.id}`);
  assert.equal(unit.status, 200);
  assert.equal((await ciso.get('/lagesbild/summary.pdf?unit=0')).status, 404);
});

test('continuity: plans with an overdue or missing test counted as on the start page, on the tenant\'s page only', async () => {
  const home = (await ciso.get('/home')).text;
  const card = home.match(/id="continuity-card">[\s\S]*?<strong>(\d+)<\/strong>/);
  const page = (await ciso.get('/lagesbild')).text;
  const m = page.match(/<a id="cont-overdue" href="\/continuity">(\d+) kontinuitetsplaner/);
  assert.ok(m, 'the continuity figure links to /continuity');
  assert.equal(m[1], card ? card[1] : '0');
  assert.doesNotMatch((await ciso.get(`/lagesbild?unit=${social.id}`)).text, /id="cont-overdue"/);
});

test('the summary PDF for a nämnd: tagged, the heat map in colour with counts and words, Swedish plurals', async () => {
  // a förvaltning of its own, with one accepted risk past its review date, then two
  const admin = await apiClient(server.base, 'admin@exempelkommun.se');
  const unit = await admin.post('/api/v1/units', { name: unique('Plural'), kind: 'forvaltning', parent_id: social.parent_id });
  assert.equal(unit.status, 201, unit.text);
  const tenant = sql("SELECT id FROM tenant WHERE code = 'EXEMPEL'").trim();
  const addRisk = (title) => sql(`INSERT INTO risk (tenant_id, unit_id, title, likelihood, consequence, level, status, treatment, review_date, created_at, updated_at) VALUES (${tenant}, ${unit.json.id}, '${title}', 4, 4, 'very_high', 'open', 'accept', '2020-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
  addRisk('Första accepterade risken');
  const path = `/lagesbild/summary.pdf?unit=${unit.json.id}`;
  let text = (await pdfText(ciso, path)).replace(/\s+/g, ' ');
  assert.ok(text.includes('1 öppen risk, varav 1 på mycket hög'), text);
  assert.ok(text.includes('1 accepterad risk har passerat sitt omprövningsdatum.'), text);
  assert.ok(text.includes('0 åtgärder är försenade'), text);
  const page = await ciso.get(`/lagesbild/summary?unit=${unit.json.id}`);
  assert.match(page.text, /1 accepterad risk har passerat sitt omprövningsdatum\./);
  addRisk('Andra accepterade risken');
  text = (await pdfText(ciso, path)).replace(/\s+/g, ' ');
  assert.ok(text.includes('2 öppna risker, varav 2 på mycket hög'), text);
  assert.ok(text.includes('2 accepterade risker har passerat sitt omprövningsdatum.'), text);
  // the heat map: the two risks in the top right cell, every cell a count and a level's word
  const layout = await pdfText(ciso, path);
  assert.match(layout, /Öppna risker på riskmatrisen/);
  assert.match(layout, /Konsekvens →/);
  assert.match(layout, /Mycket hög \(4\)/);
  const file = await pdfFile(ciso, path);
  const pdf = pdfStructure(file);
  assert.equal(pdf.tagged, 'yes');
  assert.match(pdf.title, /^Lägesbild för ledningen — Plural/);
  const heat = pdf.tree.slice(pdf.tree.indexOf('"Öppna risker på riskmatrisen"'));
  const cells = [...heat.slice(0, heat.indexOf('H2', 10)).matchAll(/TD\n\s+"(\d+)/g)].map((m) => Number(m[1]));
  assert.equal(cells.length, 16, heat);
  assert.equal(cells.reduce((a, b) => a + b, 0), 2);
  assert.equal(cells[3], 2, 'likelihood 4 × consequence 4, top right');
  // in colour: the PDF paints the cells (the matrix's colours, not only black and grey)
  const { execFileSync } = await import('node:child_process');
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', file], { maxBuffer: 1 << 24 });
  const header = ppm.subarray(0, 20).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  let coloured = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3)
    if (Math.max(ppm[i], ppm[i + 1], ppm[i + 2]) - Math.min(ppm[i], ppm[i + 1], ppm[i + 2]) > 60) coloured++;
  assert.ok(coloured > 500, `coloured pixels: ${coloured}`);
  // the count and its noun agree wherever the figure stands (the demo has one classification due)
  const summaryPage = (await ciso.get('/lagesbild/summary')).text;
  const due = Number(summaryPage.match(/(\d+) klassning(?:ar)? ska omprövas/)[1]);
  assert.ok(summaryPage.includes(`${due} ${due === 1 ? 'klassning' : 'klassningar'} ska omprövas`), summaryPage);
  const dashboard = (await ciso.get('/lagesbild')).text;
  assert.ok(dashboard.includes(`${due} ${due === 1 ? 'klassning har' : 'klassningar har'} passerat sitt omprövningsdatum`));
  // no heading left alone at the foot of a page: the whole organisation's summary runs
  // over two pages, and no page's last line of text is a heading
  const whole = await pdfText(ciso, '/lagesbild/summary.pdf');
  const headings = /^(Läget i korthet|Öppna risker på riskmatrisen|De fem högsta riskerna|Försenade åtgärder \d{4})$/;
  for (const pageText of whole.split('\f').filter((t) => t.trim())) {
    const lines = pageText.split('\n').map((x) => x.trim()).filter(Boolean);
    assert.ok(!headings.test(lines.at(-2)), `a heading at the foot of a page:\n${pageText}`);
  }
  // the headings are tagged, the top risks a table with its header row
  assert.match(pdf.tree, /H1 \(block\)\n\s+"Lägesbild för ledningen/);
  assert.match(pdf.tree, /H2 \(block\)\n\s+"De fem högsta riskerna"\n\s+Table/);
});
