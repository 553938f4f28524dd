// The national/regional view (issue 19 point 6): a body (SKR) whose national_viewer reads the
// maturity profile over the tenants that opted in — for the country, per county and per
// size class, beside the 2019 shares — and never one tenant's records; cells under five
// tenants suppressed, with the cell that would reveal them; the opt-in per tenant, kept by
// its administrator and audited; the generated 290 kommuner reproduce seed 003's shares.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, apiClient, loggedIn, lis, lisStatus, sql, PASSWORD } from './harness.mjs';

let server, viewer, viewerApi, adminApi, cisoApi;
const year = Number(new Date().toISOString().slice(0, 4));
// seed 003 (SKR 2019): the share of kommuner answering yes, per area, in per cent
const published = { ciso: 60, management_info: 30, action_plan: 20, risks: 50, classification: 50,
  incidents: 60, continuity: 40, awareness: 50, procurement: 30, followup: 20 };
// … and past level 1 (the "Mognadsnivån" figures: "nästan 9 av 10 på nivå 1" is 10 %); the CISO
// question has none published: half its yes-sayers
const pastLevel1 = { ciso: 30, management_info: 10, action_plan: 10, risks: 30, classification: 40,
  incidents: 40, continuity: 30, awareness: 30, procurement: 20, followup: 10 };

before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  const out = lis('generate-national');
  assert.match(out, /maturity answers and opt-ins/);
  // the body: its own tenant, with a viewer who holds only the national role
  lisStatus('init', '--tenant', 'SKR', '--tenant-name', 'Sveriges Kommuner och Regioner',
    '--email', 'admin@skr.example', '--name', 'Sara Admin', '--password', PASSWORD);
  lisStatus('user', 'add', '--tenant', 'SKR', '--email', 'nora@skr.example', '--name', 'Nora Nationell',
    '--role', 'national_viewer', '--password', PASSWORD);
  viewer = await loggedIn(server.base, 'nora@skr.example');
  viewerApi = await apiClient(server.base, 'nora@skr.example');
  adminApi = await apiClient(server.base, 'admin@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  // Exempelkommun neither opted in nor out yet, and this year answered yes at level 4 everywhere
  sql(`DELETE FROM national_optin WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL')`);
  sql(`DELETE FROM maturity_answer WHERE year = ${year} AND tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL')`);
  for (const area of Object.keys(published)) {
    const res = await cisoApi.post('/api/v1/maturity_answers', { year, area, answered_yes: true, level: 4 });
    assert.equal(res.status, 201, res.text);
  }
});
after(async () => { await server.stop(); });

const cell = (list, key) => list.find((c) => c.key === key);

test('the generated 290 kommuner reproduce seed 003\'s 2019 shares; small cells suppressed with their complement', async () => {
  const res = await viewerApi.get(`/api/v1/national?year=${year}`);
  assert.equal(res.status, 200, res.text);
  const v = res.json;
  assert.equal(v.min_tenants, 5);
  assert.equal(v.total.shown, true);
  assert.equal(v.total.tenants, 290, 'the generated kommuner, not Exempelkommun (not opted in)');
  for (const a of v.total.areas) {
    assert.equal(a.answered, 290);
    assert.equal(a.yes_share, published[a.area], `${a.area}: ${a.yes_share} %`);
    assert.equal(a.national_yes_share_2019, published[a.area]);
    assert.equal(a.levels.reduce((s, n) => s + n, 0), a.yes, 'every yes has its level');
    assert.equal(a.past_level_1_share, pastLevel1[a.area], `${a.area} past level 1: ${a.levels}`);
    assert.equal(a.national_past_level_1_share_2019, pastLevel1[a.area]);
    assert.deepEqual(a.levels.slice(2), [0, 0], 'the survey measured levels 1 and 2 only');
  }
  // the key shares, from the kommuner's own records: the internal audits held in the last 12
  // months follow the follow-up answers (2 of 10); the generated kommuner keep no policy or plan
  const key = (c, k) => c.key_shares.find((x) => x.key === k);
  assert.deepEqual(v.total.key_shares.map((k) => k.key),
    ['policy', 'plan_decided', 'classified_80', 'restore_tested', 'internal_audit', 'deadlines_met', 'staff_trained']);
  assert.equal(key(v.total, 'internal_audit').share, 20);
  assert.equal(key(v.total, 'internal_audit').count, 58);
  assert.equal(key(v.total, 'internal_audit').of, 290);
  assert.equal(key(v.total, 'policy').share, 0);
  assert.equal(key(v.total, 'classified_80').share, 0, 'no information assets: no coverage');
  // no incident in any of them: no deadline share, and no figure of it
  assert.deepEqual(key(v.total, 'deadlines_met'), { key: 'deadlines_met', label: key(v.total, 'deadlines_met').label, shown: false, reason: 'no_tenants' });
  assert.equal(key(v.total, 'staff_trained').reason, 'no_tenants', 'no staff in lis');
  const stockholm = cell(v.counties, '01');
  assert.equal(key(stockholm, 'internal_audit').of, 26);
  assert.equal(cell(v.counties, '09').key_shares, undefined, 'a hidden cell has no key shares either');
  // counties: Gotland is one kommun (hidden), and Blekinge's five (the smallest shown) go
  // with it, or the country minus the other counties would show Gotland
  assert.deepEqual(cell(v.counties, '09'), { key: '09', label: cell(v.counties, '09').label, shown: false, reason: 'fewer_than_5' });
  assert.equal(cell(v.counties, '10').shown, false);
  assert.equal(cell(v.counties, '10').reason, 'complementary');
  assert.equal(cell(v.counties, '10').tenants, undefined, 'no figure of a hidden cell');
  assert.equal(cell(v.counties, '01').tenants, 26);
  assert.equal(cell(v.counties, '14').tenants, 49);
  assert.equal(v.counties.filter((c) => c.shown).reduce((s, c) => s + c.tenants, 0), 290 - 1 - 5);
  // size classes: the four of 200,000 or more are a cell of 4
  const large = cell(v.size_classes, 'over_200k');
  assert.equal(large.shown, false);
  assert.equal(large.reason, 'fewer_than_5');
  assert.equal(large.areas, undefined);
  assert.equal(cell(v.size_classes, '50k_200k').reason, 'complementary');
  assert.equal(cell(v.size_classes, 'under_15k').tenants, 128);
  assert.equal(cell(v.size_classes, '15k_50k').tenants, 112);
  // aggregates only: no kommun is named
  assert.doesNotMatch(res.text, /kommun"|Exempelkommun|0180|tenant_id/);
});

test('a tenant\'s administrator opts in (who and when recorded, audited); only opted-in tenants count; a cell of exactly 5 is shown', async () => {
  const rows = () => Number(sql('SELECT COUNT(*) FROM national_optin').trim());
  const before = rows();
  // bad input: a clear error and nothing written
  const bad = await adminApi.post('/api/v1/national_optins', { opted_in: true, county_code: '01', size_class: 'huge' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.size_class);
  const noCounty = await adminApi.post('/api/v1/national_optins', { opted_in: true, county_code: '02', size_class: 'over_200k' });
  assert.equal(noCounty.status, 422);
  assert.ok(noCounty.json.error.fields.county_code);
  // the CISO does not decide it: the tenant's administrator does
  assert.equal((await cisoApi.post('/api/v1/national_optins', { opted_in: true, county_code: '01', size_class: 'over_200k' })).status, 403);
  assert.equal(rows(), before);

  const made = await adminApi.post('/api/v1/national_optins', { opted_in: true, county_code: '01', size_class: 'over_200k' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.decided_by, sql("SELECT name FROM person WHERE email = 'admin@exempelkommun.se'").trim(), 'who decided');
  assert.equal(made.json.decided_on, new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }));
  const twice = await adminApi.post('/api/v1/national_optins', { opted_in: true, county_code: '01', size_class: 'under_15k' });
  assert.equal(twice.status, 422, 'one decision per tenant');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'national_optins' AND action = 'create' AND entity_id = '${made.json.id}'`).trim(), '1');

  let v = (await viewerApi.get(`/api/v1/national?year=${year}`)).json;
  assert.equal(v.total.tenants, 291);
  const ciso = v.total.areas.find((a) => a.area === 'ciso');
  assert.equal(ciso.yes, 174 + 1);
  assert.equal(ciso.levels[3], 1, 'Exempelkommun\'s level 4 counts');
  // Exempelkommun's own records count in the key shares; its incidents' deadlines are the
  // only ones, and one tenant's deadlines are never shown, though its cell is
  const key = (c, k) => c.key_shares.find((x) => x.key === k);
  assert.equal(key(v.total, 'policy').count, 1);
  assert.equal(key(v.total, 'policy').of, 291);
  const deadlines = key(v.total, 'deadlines_met');
  assert.equal(deadlines.shown, false);
  assert.equal(deadlines.reason, 'fewer_than_5');
  assert.equal(deadlines.count, undefined);
  assert.equal(key(cell(v.size_classes, 'over_200k'), 'deadlines_met').reason, 'fewer_than_5');
  // so are one tenant's staff trained: pooled over the tenants with staff, hidden below five
  assert.equal(key(v.total, 'staff_trained').reason, 'fewer_than_5');
  assert.equal(key(v.total, 'staff_trained').of, undefined);
  // the four largest and Exempelkommun: exactly five, shown, and the complement is lifted
  const large = cell(v.size_classes, 'over_200k');
  assert.equal(large.shown, true);
  assert.equal(large.tenants, 5);
  assert.equal(cell(v.size_classes, '50k_200k').shown, true);
  assert.equal(cell(v.counties, '01').tenants, 27);

  // opting out: the tenant no longer counts, and the change is recorded
  const out = await adminApi.patch(`/api/v1/national_optins/${made.json.id}`, { opted_in: false });
  assert.equal(out.status, 200, out.text);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'national_optins' AND action = 'update' AND entity_id = '${made.json.id}'`).trim(), '1');
  v = (await viewerApi.get(`/api/v1/national?year=${year}`)).json;
  assert.equal(v.total.tenants, 290);
  assert.equal(cell(v.size_classes, 'over_200k').reason, 'fewer_than_5');
});

test('the viewer reads no tenant\'s records; others do not read the national view; every read audited', async () => {
  assert.equal((await viewerApi.get(`/api/v1/maturity?year=${year}`)).status, 404);
  const answers = await viewerApi.get('/api/v1/maturity_answers');
  assert.ok(answers.status === 404 || answers.status === 403 || answers.json.items.length === 0, answers.text);
  const risks = await viewerApi.get('/api/v1/risks');
  assert.ok(risks.status !== 200 || risks.json.items.length === 0, 'no risk of any tenant');
  const incidents = await viewerApi.get('/api/v1/incidents');
  assert.ok(incidents.status !== 200 || incidents.json.items.length === 0, 'no incident of any tenant');
  // a kommun's CISO and administrator do not hold the body's role
  assert.equal((await cisoApi.get('/api/v1/national')).status, 404);
  assert.equal((await adminApi.get('/api/v1/national')).status, 404);

  const reads = () => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'national_optins' AND action = 'read' AND tenant_id = (SELECT id FROM tenant WHERE code = 'SKR')`).trim());
  const n = reads();
  const page = await viewer.get(`/national?year=${year}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Nationell vy: mognad per område/);
  assert.match(page.text, /id="cell-09"><th scope="row">Gotlands län<\/th><td class="suppressed"[^>]*>– Färre än fem organisationer/);
  assert.match(page.text, /id="cell-10"><th scope="row">Blekinge län<\/th><td class="suppressed"[^>]*>– Dold så att/);
  assert.match(page.text, /id="nat-ciso">.*<td class="share">60,0 %<\/td>/);
  assert.match(page.text, /href="\/national"/, 'in the viewer\'s menu');
  const csv = await viewer.get(`/national.csv?year=${year}`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /Län;Gotlands län;;Färre än fem organisationer/);
  assert.match(csv.text, /Riket;Alla som deltar;290;Informationssäkerhetsfunktion;290;174;60,0;87;87;0;0;60;30,0;30\r\n/);
  assert.match(csv.text, /Riket;Alla som deltar;290;Internrevision genomförd senaste 12 månaderna;290;58;20,0;/);
  assert.match(page.text, /id="key-internal_audit"><th scope="row">Internrevision genomförd senaste 12 månaderna<\/th><td class="share">20,0 %<\/td>/);
  assert.match(page.text, /id="nat-followup">.*<td class="past1">10,0 %<\/td>/);
  assert.equal(reads(), n + 2, 'the page and the CSV each recorded');
});

test('the administrator\'s settings page offers the decision: county and size class; the viewer cannot make it', async () => {
  const admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  const form = await admin.get('/national_optins/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /Gotlands län/);
  assert.match(form.text, /200 000 invånare eller fler/);
  // the body's viewer decides nothing for its own tenant either
  const skr = Number(sql("SELECT COUNT(*) FROM national_optin WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'SKR')").trim());
  assert.equal((await viewerApi.post('/api/v1/national_optins', { opted_in: true, county_code: '01', size_class: 'over_200k' })).status, 403);
  assert.equal(Number(sql("SELECT COUNT(*) FROM national_optin WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'SKR')").trim()), skr);
});

// One definition of "trained" (src/awareness/dashboard.c): an active person of the tenant with
// a basic course completed and not expired by its repeat interval, over the tenant's active
// people. The management review (and the lägesbild's trend, which counts the same) and the
// national view must give Exempelkommun the same people and the same trained.
test('the staff trained: the review and the national view count the same tenant alike; an expired completion is no training', async () => {
  const opt = sql("SELECT id FROM national_optin WHERE tenant_id = (SELECT id FROM tenant WHERE code = 'EXEMPEL')").trim();
  assert.equal((await adminApi.patch(`/api/v1/national_optins/${opt}`, { opted_in: true })).status, 200);
  // four generated kommuner with one untrained person each: with Exempelkommun five tenants
  // with staff, so the pooled share is shown, and Exempelkommun's part is the rest
  const others = sql("SELECT t.code FROM tenant t JOIN national_optin o ON o.tenant_id = t.id AND o.opted_in = 1 WHERE t.code <> 'EXEMPEL' ORDER BY t.id LIMIT 4").trim().split('\n');
  assert.equal(others.length, 4);
  for (const code of others)
    if (!Number(sql(`SELECT COUNT(*) FROM person p JOIN tenant t ON t.id = p.tenant_id WHERE t.code = '${code}'`).trim()))
      assert.equal(lisStatus('user', 'add', '--tenant', code, '--email', `staff@${code.toLowerCase()}.example`, '--name', 'Stina Staff',
        '--role', 'employee', '--password', PASSWORD).code, 0);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const unique = (s) => `${s} ${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const counted = async () => {
    const review = await cisoApi.post('/api/v1/management_reviews', { title: unique('Ledningens genomgång'), planned_on: today });
    assert.equal(review.status, 201, review.text);
    const held = await cisoApi.patch(`/api/v1/management_reviews/${review.json.id}`, { status: 'held' });
    assert.equal(held.status, 200, held.text);
    const f = JSON.parse(held.json.snapshot).figures;
    const v = (await viewerApi.get(`/api/v1/national?year=${year}`)).json;
    const k = v.total.key_shares.find((x) => x.key === 'staff_trained');
    assert.equal(k.shown, true, JSON.stringify(k));
    return { review: [f.training_reached, f.training_done], national: [k.of - 4, k.count] };
  };
  const first = await counted();
  assert.deepEqual(first.national, first.review, 'the same people and the same trained');
  assert.ok(first.review[0] > first.review[1], 'someone in the demo is not trained');
  // a basic course repeated every year: a newcomer who did it two years ago is not trained, one
  // who did it this year is; both pages move alike
  const course = await cisoApi.post('/api/v1/training_campaigns', { name: unique('Grundkurs'), kind: 'elearning', target: 'all', basic: true, repeat_months: 12 });
  assert.equal(course.status, 201, course.text);
  const unit = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  const add = async (name, completed_on) => {
    const p = await adminApi.post('/api/v1/people', { name, email: `${unique('n').replace(/\W/g, '')}@exempelkommun.se`, unit_id: unit.id });
    assert.equal(p.status, 201, p.text);
    const c = await cisoApi.post('/api/v1/training_completions', { campaign_id: course.json.id, person_id: p.json.id, completed_on });
    assert.equal(c.status, 201, c.text);
  };
  await add('Ella Förfallen', `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`);
  await add('Ivar Aktuell', today);
  const second = await counted();
  assert.deepEqual(second.national, second.review);
  assert.deepEqual(second.review, [first.review[0] + 2, first.review[1] + 1], 'the expired one counted as staff, not as trained');
});
