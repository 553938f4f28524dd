// Trends (issue 19 point 3): the lägesbild's key figures kept per quarter. lis demo writes
// the current quarter counted and seven drawn before it; `lis trends-snapshot` counts the
// current quarter again, updating its one row (never a second); two processes at once
// still make one row; a past quarter stays as it was; a tenant without any row gets its
// first at once; the figures a reader may not see live (every risk, incidents) are left
// out of the API, the CSV and the lägesbild, never shown as 0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN, DB, startLis, loggedIn, apiClient, sql, lis, unique, pdfText } from './harness.mjs';

let srv, ciso, cisoApi, staffApi;
before(async () => {
  srv = await startLis();
  ciso = await loggedIn(srv.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(srv.base, 'ciso@exempelkommun.se');
  staffApi = await apiClient(srv.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await srv.stop(); });

const tenant = () => sql("SELECT id FROM tenant WHERE code = 'EXEMPEL'").trim();
const rows = (quarter) => Number(sql(`SELECT COUNT(*) FROM trend_snapshot WHERE tenant_id = ${tenant()} AND quarter = '${quarter}'`).trim());
const current = async () => (await cisoApi.get('/api/v1/trends')).json.quarters.at(-1);
const risks = (f) => f.risks_low + f.risks_medium + f.risks_high + f.risks_very_high;

// the quarter after q: "2026-Q4" → "2027-Q1"
function nextQuarter(q) {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
}
function firstDay(q) {
  return `${q.slice(0, 4)}-${String(Number(q.slice(6)) * 3 - 2).padStart(2, '0')}-15 12:00`;
}

test('the demo keeps the current quarter and the seven before it, oldest first', async () => {
  const r = await cisoApi.get('/api/v1/trends');
  assert.equal(r.status, 200, r.text);
  const qs = r.json.quarters;
  assert.ok(qs.length >= 8, r.text);
  const last8 = qs.slice(-8).map((q) => q.quarter);
  assert.deepEqual([...last8].sort(), last8, 'oldest first');
  for (let i = 1; i < 8; i++) assert.equal(nextQuarter(last8[i - 1]), last8[i], 'no quarter missing');
  const now = qs.at(-1);
  for (const key of ['risks_low', 'risks_medium', 'risks_high', 'risks_very_high', 'actions_open', 'actions_late',
    'objects', 'objects_analysed', 'assets', 'assets_classified', 'incidents', 'deadlines_met', 'deadlines_late'])
    assert.equal(typeof now.figures[key], 'number', `${key} counted for the CISO`);
  // the history leads up to today: earlier quarters had fewer assets classified
  const share = (f) => f.assets_classified / Math.max(1, f.assets);
  assert.ok(share(qs.at(-8).figures) <= share(now.figures), 'the classified share grew over the two years');
});

test('a second count in the same quarter updates its one row, never a second', async () => {
  const before = await current();
  lis('trends-snapshot', '--tenant', 'EXEMPEL');
  assert.equal(rows(before.quarter), 1);
  const social = sql("SELECT id FROM unit WHERE name = 'Socialförvaltningen'").trim();
  const r = await cisoApi.post('/api/v1/risks', { title: unique('Trendens risk'), unit_id: Number(social), likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(r.status, 201, r.text);
  const out = lis('trends-snapshot', '--tenant', 'EXEMPEL');
  assert.match(out, /^EXEMPEL \d{4}-Q[1-4] counted$/m);
  assert.equal(rows(before.quarter), 1, 'still one row for the quarter');
  const after = await current();
  assert.equal(after.quarter, before.quarter);
  assert.equal(risks(after.figures), risks(before.figures) + 1, 'the new risk is counted');
  // the live lägesbild and the kept quarter agree
  const live = Number(sql(`SELECT COUNT(*) FROM risk WHERE tenant_id = ${tenant()} AND status = 'open'`).trim());
  assert.equal(risks(after.figures), live);
});

test('a quarter that has ended stays as it was last counted', async () => {
  const qs = (await cisoApi.get('/api/v1/trends')).json.quarters;
  const past = qs.at(-2);
  lis('trends-snapshot', '--tenant', 'EXEMPEL');
  const again = (await cisoApi.get('/api/v1/trends')).json.quarters.at(-2);
  assert.deepEqual(again, past);
});

test('two processes counting at once make one row', async () => {
  const next = nextQuarter((await current()).quarter);
  const run = () => new Promise((resolve) => {
    const p = spawn(BIN, ['trends-snapshot', '--tenant', 'EXEMPEL', '--now', firstDay(next), '--db', DB], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => resolve({ code, out, err }));
  });
  try {
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    assert.match(a.out + b.out, new RegExp(`EXEMPEL ${next} counted`));
    assert.equal(rows(next), 1);
    assert.equal(sql(`SELECT COUNT(*) FROM trend_snapshot WHERE tenant_id = ${tenant()} AND quarter = '${next}' AND counted_on IS NOT NULL AND claimed_until IS NULL`).trim(), '1');
    // a claim another process holds is left alone: the pass does not count it
    const until = '2099-01-01T00:00:00Z'; // beyond --now
    sql(`UPDATE trend_snapshot SET claimed_until = '${until}' WHERE tenant_id = ${tenant()} AND quarter = '${next}'`);
    assert.match(lis('trends-snapshot', '--tenant', 'EXEMPEL', '--now', firstDay(next)), /taken by another process/);
  } finally {
    sql(`DELETE FROM trend_snapshot WHERE quarter = '${next}'`);
  }
  // the API shows no quarter after today's
  assert.notEqual((await current()).quarter, next);
});

test('need-to-know: who may not read every risk sees no risk figures, not zeros', async () => {
  const r = await staffApi.get('/api/v1/trends');
  assert.equal(r.status, 200, r.text);
  const now = r.json.quarters.at(-1).figures;
  assert.equal(now.risks_high, undefined, r.text);
  assert.equal(now.risks_very_high, undefined);
  assert.equal(now.incidents, undefined, 'incidents are for their handlers, ledning and auditors');
  assert.equal(typeof now.assets, 'number', 'classification coverage is for every reader');
  const staff = await loggedIn(srv.base, 'medarbetare@exempelkommun.se');
  const page = await staff.get('/lagesbild');
  if (page.status === 200) {
    assert.doesNotMatch(page.text, /id="trends-risks-high"/);
    assert.doesNotMatch(page.text, /id="trends-incidents"/);
  }
  const csv = await staff.get('/trends.csv');
  assert.equal(csv.status, 200);
  const [head, ...lines] = csv.text.trim().split('\r\n');
  const col = head.split(';').indexOf('risks_high');
  for (const line of lines) assert.equal(line.split(';')[col], '', 'left empty');
});

test('the lägesbild draws the quarters as labelled charts with a table', async () => {
  const page = await ciso.get('/lagesbild');
  assert.equal(page.status, 200);
  assert.match(page.text, /<section class="related trends" id="trends"><h2>Utveckling per kvartal<\/h2>/);
  const chart = page.text.match(/<figure class="trend" id="trends-risks-high">[\s\S]*?<\/figure>/);
  assert.ok(chart, 'a chart of the high risks');
  assert.match(chart[0], /role="img" aria-labelledby="trends-risks-high-t trends-risks-high-d"><title id="trends-risks-high-t">Öppna risker: /);
  assert.match(chart[0], /<desc id="trends-risks-high-d">\d{4}-Q[1-4]: \d+/);
  assert.equal((chart[0].match(/<rect class="trend-bar"/g) || []).length, 8, 'eight quarters');
  assert.match(page.text, /<div class="table-scroll" tabindex="0" role="region" aria-label="Nyckeltal per kvartal"><table class="list trend-table">/);
  assert.match(page.text, /<th scope="row">Informationsmängder som är klassade<\/th>(<td>\d+\u00a0%<\/td>){8}/);
});

test('the management review shows the quarters up to the one it was held in, on its page and in its PDF', async () => {
  const qs = (await cisoApi.get('/api/v1/trends')).json.quarters;
  const earlier = qs.at(-3).quarter;
  const heldOn = firstDay(earlier).slice(0, 10);
  const review = await cisoApi.post('/api/v1/management_reviews', { title: unique('Genomgång med trend'), planned_on: heldOn });
  assert.equal(review.status, 201, review.text);
  const live = (await ciso.get(`/management_reviews/${review.json.id}`)).text;
  const head = (html) => html.match(/<section class="related trends" id="review-trends">[\s\S]*?<thead><tr>([\s\S]*?)<\/tr><\/thead>/)[1];
  assert.match(head(live), new RegExp(`<th scope="col">${qs.at(-1).quarter}</th>$`), 'a review not yet held: up to today');
  const held = await cisoApi.patch(`/api/v1/management_reviews/${review.json.id}`, { status: 'held', held_on: heldOn });
  assert.equal(held.status, 200, held.text);
  const page = (await ciso.get(`/management_reviews/${review.json.id}`)).text;
  assert.match(head(page), new RegExp(`<th scope="col">${earlier}</th>$`), 'held: up to its quarter');
  assert.match(page, /id="review-trends-risks-high"/);
  const text = await pdfText(ciso, `/management_reviews/${review.json.id}/report.pdf`);
  assert.match(text, /Utveckling per kvartal/);
  assert.match(text, new RegExp(earlier));
  assert.doesNotMatch(text, new RegExp(qs.at(-1).quarter), 'nothing after the quarter it was held in');
});

test('?upto= gives the quarters up to one, and refuses what is no quarter', async () => {
  const qs = (await cisoApi.get('/api/v1/trends')).json.quarters;
  const r = await cisoApi.get(`/api/v1/trends?upto=${qs.at(-3).quarter}`);
  assert.equal(r.json.quarters.at(-1).quarter, qs.at(-3).quarter);
  const bad = await cisoApi.get('/api/v1/trends?upto=2026-Q5');
  assert.equal(bad.status, 400);
});

test('a tenant without any quarter gets its first at once', async () => {
  const kept = sql(`SELECT COUNT(*) FROM trend_snapshot WHERE tenant_id = ${tenant()}`).trim();
  assert.ok(Number(kept) >= 8);
  sql(`DELETE FROM trend_snapshot WHERE tenant_id = ${tenant()}`);
  const r = await cisoApi.get('/api/v1/trends');
  assert.equal(r.json.quarters.length, 1, r.text);
  assert.equal(typeof r.json.quarters[0].figures.assets, 'number');
  // the history back, for the tests that come after
  lis('demo', '--password', 'demo-password-1');
});
