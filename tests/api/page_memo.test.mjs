// Summary pages kept between requests (src/http/page_memo.h): the lägesbild, the coverage
// and classification overviews, the incident statistics and the handlingsplan are counted
// once per change. Each test reads a page (so it is kept), changes a record and reads the
// page again: the change shows at once. Readers never see each other's kept page: not two
// people with different read scopes, not two sessions of one person (the CSRF token).
// And /plan/YEAR is paged, 200 actions a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, admin, adminApi, employeeApi, social, school, owner;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const units = await cisoApi.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
  school = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  owner = (await adminApi.get('/api/v1/people?q=agare%40exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

// reads a page twice (the second time it is the kept one) and checks both are the same
async function readTwice(who, path) {
  const first = await who.get(path);
  assert.equal(first.status, 200, `${path}: ${first.status}`);
  const second = await who.get(path);
  assert.equal(second.status, 200);
  return second.text;
}

const coverageAssets = (text) => Number(text.match(/<tr class="total"><th scope="row">[^<]+<\/th><td><a href="[^"]+">(\d+)<\/a>/)[1]);
const incidentTotal = (text) => Number(text.match(/<p class="lead">(\d+) /)[1]);
const veryHigh = (text) => Number(text.match(/<div class="card" id="very-high"><h2>[^<]+<\/h2><p><a class="figure" href="[^"]+"><strong>(\d+)<\/strong>/)[1]);

test('the coverage and classification overviews follow a new information asset at once', async () => {
  const cov = coverageAssets(await readTwice(admin, '/inventory/coverage'));
  const overview = await readTwice(admin, '/classification');
  const name = unique('Minnesprov');
  assert.doesNotMatch(overview, new RegExp(name));
  const r = await adminApi.post('/api/v1/assets', { name, unit_id: social.id, status: 'operation', owner_id: owner.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(coverageAssets((await admin.get('/inventory/coverage')).text), cov + 1);
  // a new asset is never classified: first on the overview's list of what to do
  assert.match((await admin.get('/classification')).text, new RegExp(`href="/assets/${r.json.id}#classification">${name}<`));
  // retired: gone again
  assert.equal((await adminApi.patch(`/api/v1/assets/${r.json.id}`, { status: 'retired' })).status, 200);
  assert.equal(coverageAssets((await admin.get('/inventory/coverage')).text), cov);
  assert.doesNotMatch((await admin.get('/classification')).text, new RegExp(name));
});

test('the incident statistics and the lägesbild follow a new incident and a new risk at once', async () => {
  const total = incidentTotal(await readTwice(ciso, '/incidents/stats'));
  const when = new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const inc = await employeeApi.post('/api/v1/incidents', { title: unique('Minnesprov'), what_happened: 'Ett mejl.', discovered_at: when });
  assert.equal(inc.status, 201, inc.text);
  assert.equal(incidentTotal((await ciso.get('/incidents/stats')).text), total + 1);

  const high = veryHigh(await readTwice(ciso, '/lagesbild'));
  const risk = await cisoApi.post('/api/v1/risks', { title: unique('Minnesprov'), unit_id: social.id, likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);
  const page = (await ciso.get('/lagesbild')).text;
  assert.equal(veryHigh(page), high + 1);
  assert.match(page, new RegExp(`href="/risks/${risk.json.id}"`));
  // and in English: the language is part of what is kept
  const en = (await ciso.get('/lagesbild?lang=en')).text;
  assert.equal(veryHigh(en), high + 1);
});

test('readers with different scopes never see each other\'s plan; two sessions each get their own form token', async () => {
  const year = 2041;
  const samordnare = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const mine = await cisoApi.post('/api/v1/actions', { title: unique('Socialt minnesprov'), unit_id: social.id, status: 'planned', plan_year: year });
  assert.equal(mine.status, 201, mine.text);
  const theirs = await cisoApi.post('/api/v1/actions', { title: unique('Skolans minnesprov'), unit_id: school.id, status: 'planned', plan_year: year });
  assert.equal(theirs.status, 201, theirs.text);
  // the CISO reads the whole plan first (kept), then the samordnare her förvaltning's part
  for (let round = 0; round < 2; round++) {
    const all = (await ciso.get(`/plan/${year}`)).text;
    assert.match(all, new RegExp(`/actions/${theirs.json.id}"`));
    assert.match(all, new RegExp(`/actions/${mine.json.id}"`));
    const part = await samordnare.get(`/plan/${year}`);
    assert.equal(part.status, 200);
    assert.match(part.text, new RegExp(`/actions/${mine.json.id}"`));
    assert.doesNotMatch(part.text, new RegExp(`/actions/${theirs.json.id}"`), 'another förvaltning\'s action');
  }
  // the lägesbild's figures are each reader's own too (the samordnare sees the risks of her
  // förvaltning only), whoever read the page first
  const openRisks = (text) => Number(text.match(/<div class="card" id="open"><h2>[^<]+<\/h2><p><a class="figure" href="[^"]+"><strong>(\d+)<\/strong>/)[1]);
  const all = openRisks((await ciso.get('/lagesbild')).text);
  const hers = openRisks((await samordnare.get('/lagesbild')).text);
  assert.ok(hers < all, `${hers} < ${all}`);
  assert.equal(openRisks((await samordnare.get('/lagesbild')).text), hers);
  assert.equal(openRisks((await ciso.get('/lagesbild')).text), all);

  // a second session of the CISO: the carry-over form carries that session's token
  const other = await loggedIn(server.base, 'ciso@exempelkommun.se');
  const token = (await other.get('/home')).text.match(/name="_csrf" value="([^"]+)"/)[1];
  const kept = (await ciso.get(`/plan/${year}`)).text.match(/action="\/plan\/2041\/carry-over"><input type="hidden" name="_csrf" value="([^"]+)"/)[1];
  const own = (await other.get(`/plan/${year}`)).text.match(/action="\/plan\/2041\/carry-over"><input type="hidden" name="_csrf" value="([^"]+)"/)[1];
  assert.equal(own, token);
  assert.notEqual(kept, own);
  // a change of the samordnare's action shows to both at once
  const title = unique('Omdöpt minnesprov');
  assert.equal((await cisoApi.patch(`/api/v1/actions/${mine.json.id}`, { title })).status, 200);
  assert.match((await ciso.get(`/plan/${year}`)).text, new RegExp(title));
  assert.match((await samordnare.get(`/plan/${year}`)).text, new RegExp(title));
});

test('/plan/YEAR shows 200 actions a page, per förvaltning too; a bad page number is refused', async () => {
  const year = 2042;
  for (let i = 0; i < 201; i++) {
    const r = await cisoApi.post('/api/v1/actions', { title: `Sidprov ${String(i).padStart(3, '0')}`, unit_id: social.id, status: 'planned', plan_year: year });
    assert.equal(r.status, 201, r.text);
  }
  const rows = (text) => (text.match(/<tr><td><a href="\/actions\/\d+"/g) || []).length;
  const first = (await ciso.get(`/plan/${year}`)).text;
  assert.equal(rows(first), 200);
  assert.match(first, /Sida 1 av 2/);
  assert.match(first, /Sidprov 000/);
  assert.doesNotMatch(first, /Sidprov 200/);
  const next = first.match(/href="(\/plan\/2042\?forvaltning=&amp;page=2)" rel="next"/);
  assert.ok(next, 'a link to the next page');
  const second = (await ciso.get(next[1].replace(/&amp;/g, '&'))).text;
  assert.equal(rows(second), 1);
  assert.match(second, /Sidprov 200/);
  assert.match(second, /Sida 2 av 2/);
  assert.match(second, /rel="prev"/);
  // the förvaltning's own part is paged the same way (all 201 are Socialförvaltningen's)
  const own = (await ciso.get(`/plan/${year}?forvaltning=${social.id}&page=2`)).text;
  assert.equal(rows(own), 1);
  assert.match(own, new RegExp(`href="/plan/2042\\?forvaltning=${social.id}&amp;page=1" rel="prev"`));
  for (const bad of ['0', '-1', 'x', '1e3'])
    assert.equal((await ciso.get(`/plan/${year}?page=${bad}`)).status, 400, bad);
  // past the last page: no rows, and a way back
  const past = (await ciso.get(`/plan/${year}?page=9`)).text;
  assert.equal(rows(past), 0);
});
