// The lägesbild: every figure equals the list it links to, and the page follows changes
// at once (a new very high risk, a late action).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

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
