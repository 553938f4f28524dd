// The business impact analysis of a continuity plan: impacts over time on the tenant's
// consequence scale, the MTPD that follows and why, the warning when the plan states a
// longer one, the check against the availability classification, and the yearly review
// on the start page's "Att göra".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, admin, api, employeeApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  admin = await loggedIn(server.base, 'admin@exempelkommun.se');
  api = await apiClient(server.base, 'admin@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
const section = (html) => (html.match(/<section class="bia"[\s\S]*?<\/section>/) || [''])[0];

// a process of its own, so that these plans' needs reach no demo system
async function processPlan(fields = {}) {
  const unit = (await api.get('/api/v1/units?limit=1')).json.items[0].id;
  const process = (await api.post('/api/v1/processes', { name: unique('Hemtjänst'), unit_id: unit, status: 'operation' })).json;
  const plan = await api.post('/api/v1/continuity_plans', { name: unique('Hemtjänst'), process_id: process.id, ...fields });
  assert.equal(plan.status, 201, plan.text);
  return plan.json;
}

test('impacts over time give the MTPD, explained; a longer stated MTPD is flagged', async () => {
  const plan = await processPlan({ mtpd_hours: 48, rto_hours: 8, workarounds: 'Papperslistor över brukarna', workaround_hours: 12,
    min_level: 'Alla brukare får sina insatser', people_needed: 'Två undersköterskor per grupp', premises_needed: 'Hemtjänstens lokal' });
  const empty = await admin.get(`/continuity_plans/${plan.id}`);
  assert.match(section(empty.text), /Inga konsekvenser bedömda ännu/);
  const add = (kind, after_hours, level) => api.post('/api/v1/bia_impacts', { plan_id: plan.id, kind, after_hours, level });
  assert.equal((await add('duties', '1', 2)).status, 201);
  assert.equal((await add('life_health', '4', 3)).status, 201);
  const reached = await add('life_health', '24', 4);
  assert.equal(reached.status, 201, reached.text);
  assert.equal(reached.json.unit_id, plan.unit_id, 'in the plan\'s unit');
  const before = count('bia_impact');
  const twice = await add('life_health', '24', 3);
  assert.equal(twice.status, 422);
  assert.ok(twice.json.error.fields.after_hours);
  const above = await add('money', '72', 5); // the default scale has 4 steps
  assert.equal(above.status, 422);
  assert.ok(above.json.error.fields.level);
  const unknown = await add('weather', '24', 2);
  assert.equal(unknown.status, 422);
  assert.ok(unknown.json.error.fields.kind);
  const odd = await add('money', '48', 2);
  assert.equal(odd.status, 422);
  assert.ok(odd.json.error.fields.after_hours);
  assert.equal(count('bia_impact'), before, 'nothing written');
  assert.equal((await employeeApi.post('/api/v1/bia_impacts', { plan_id: plan.id, kind: 'money', after_hours: '168', level: 1 })).status, 403);

  const page = await admin.get(`/continuity_plans/${plan.id}`);
  const bia = section(page.text);
  assert.match(bia, /MTPD enligt konsekvensanalysen: 1 dygn<\/strong> \(24 timmar\)/);
  assert.match(bia, /Efter 1 dygn når konsekvensen för Liv och hälsa steg 4 – [^,]+, kommunens gräns för det oacceptabla/);
  // the grid carries a level forward: life and health stays unacceptable after 3 days
  const life = bia.split('<tr>').find((r) => r.includes('Liv och hälsa'));
  assert.equal((life.match(/Oacceptabelt/g) || []).length, 3, life);
  assert.match(bia, /Planen anger en MTPD på 48 timmar, längre än vad konsekvensanalysen tål/);
  assert.match(page.text, /Papperslistor över brukarna/);
  const english = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  await english.post('/lang', { lang: 'en', back: '/home' });
  const en = section((await english.get(`/continuity_plans/${plan.id}`)).text);
  await english.post('/lang', { lang: 'sv', back: '/home' });
  assert.match(en, /MTPD from the impact analysis: 1 day<\/strong> \(24 hours\)\. After 1 day the impact on Life and health reaches step 4/);

  // a stated MTPD within what the BIA bears: no warning
  const fixed = await api.patch(`/api/v1/continuity_plans/${plan.id}`, { mtpd_hours: 24 });
  assert.equal(fixed.status, 200, fixed.text);
  assert.doesNotMatch(section((await admin.get(`/continuity_plans/${plan.id}`)).text), /Planen anger en MTPD/);
});

test('no impact reaching the unacceptable step: MTPD more than a week', async () => {
  const plan = await processPlan();
  assert.equal((await api.post('/api/v1/bia_impacts', { plan_id: plan.id, kind: 'money', after_hours: '168', level: 3 })).status, 201);
  const bia = section((await admin.get(`/continuity_plans/${plan.id}`)).text);
  assert.match(bia, /MTPD enligt konsekvensanalysen: längre än 1 vecka/);
});

test('the BIA is checked against the availability classification of the information involved', async () => {
  // a förvaltningsobjekt whose systems handle classified information, with its highest T
  const row = sql(`SELECT s.object_id, MAX(c.t) FROM classification c JOIN system_asset sa ON sa.asset_id = c.asset_id
    JOIN system s ON s.id = sa.system_id WHERE c.is_current = 1 AND s.object_id IS NOT NULL
    GROUP BY s.object_id ORDER BY MAX(c.t) DESC, s.object_id LIMIT 1`).trim();
  assert.ok(row, 'the demo has classified information behind an object');
  const [object, t] = row.split('|').map(Number);
  const plan = await api.post('/api/v1/continuity_plans', { name: unique('Objektplan'), object_id: object });
  assert.equal(plan.status, 201, plan.text);
  const id = plan.json.id;
  if (t >= 2) {
    // nothing unacceptable within a week, but the information is classified T2 or higher
    await api.post('/api/v1/bia_impacts', { plan_id: id, kind: 'trust', after_hours: '24', level: 2 });
    assert.match(section((await admin.get(`/continuity_plans/${id}`)).text),
      /class="notice warn">Tillgänglighetsklassningen av [^<]+ \(Tillgänglighet [^)]+\) kräver kortare avbrott än konsekvensanalysen tål/);
    // unacceptable after an hour: T3 and T4 agree, T2 asks less than the BIA
    await api.post('/api/v1/bia_impacts', { plan_id: id, kind: 'life_health', after_hours: '1', level: 4 });
    const bia = section((await admin.get(`/continuity_plans/${id}`)).text);
    if (t >= 3) assert.match(bia, /Stämmer med tillgänglighetsklassningen av/);
    else assert.match(bia, /Konsekvensanalysen kräver kortare avbrott än tillgänglighetsklassningen av/);
  } else {
    await api.post('/api/v1/bia_impacts', { plan_id: id, kind: 'life_health', after_hours: '1', level: 4 });
    assert.match(section((await admin.get(`/continuity_plans/${id}`)).text), /Konsekvensanalysen kräver kortare avbrott/);
  }
});

test('the yearly review is a due date on the start page', async () => {
  const name = unique('Granskas');
  const plan = await processPlan({ name, last_reviewed: '2025-01-15' });
  const got = await api.get(`/api/v1/continuity_plans/${plan.id}`);
  assert.equal(got.json.review_due, '2026-01-15');
  const ignored = await api.patch(`/api/v1/continuity_plans/${plan.id}`, { review_due: '2099-01-01' });
  assert.ok(ignored.status >= 400 && ignored.status < 500, 'set by the rules, not by input');
  assert.equal((await api.get(`/api/v1/continuity_plans/${plan.id}`)).json.review_due, '2026-01-15');
  const todo = await api.get('/api/v1/todo');
  assert.equal(todo.status, 200, todo.text);
  const item = todo.json.items.find((i) => i.title === name);
  assert.ok(item, JSON.stringify(todo.json.items.map((i) => i.title)));
  assert.equal(item.what, 'Konsekvensanalys att granska');
  assert.equal(item.group, 'late');
  const home = await admin.get('/home');
  assert.match(home.text, new RegExp(`Konsekvensanalys att granska[\\s\\S]*?${name}`));
});

test('the limit of the unacceptable is the tenant\'s: a lower step gives an earlier MTPD', async () => {
  const ciso = await apiClient(server.base, 'ciso@exempelkommun.se');
  const cisoWeb = await loggedIn(server.base, 'ciso@exempelkommun.se');
  assert.deepEqual((await ciso.get('/api/v1/continuity/unacceptable')).json, { step: 4, steps: 4 });
  const plan = await processPlan();
  await api.post('/api/v1/bia_impacts', { plan_id: plan.id, kind: 'duties', after_hours: '4', level: 3 });
  await api.post('/api/v1/bia_impacts', { plan_id: plan.id, kind: 'life_health', after_hours: '72', level: 4 });
  assert.match(section((await admin.get(`/continuity_plans/${plan.id}`)).text), /MTPD enligt konsekvensanalysen: 3 dygn/);
  assert.equal((await employeeApi.post('/api/v1/continuity/unacceptable', { step: 3 })).status, 403);
  const bad = await ciso.post('/api/v1/continuity/unacceptable', { step: 5 });
  assert.equal(bad.status, 422);
  assert.equal((await ciso.get('/api/v1/continuity/unacceptable')).json.step, 4, 'unchanged');
  try {
    const form = await cisoWeb.post('/continuity/unacceptable', { step: '3' });
    assert.ok(form.status === 303 || form.status === 302, form.status);
    assert.equal((await ciso.get('/api/v1/continuity/unacceptable')).json.step, 3);
    const bia = section((await admin.get(`/continuity_plans/${plan.id}`)).text);
    assert.match(bia, /MTPD enligt konsekvensanalysen: 4 timmar<\/strong>\. Efter 4 timmar når konsekvensen för Kommunens uppdrag och skyldigheter steg 3/);
    const page = await cisoWeb.get('/continuity');
    assert.match(page.text, /Ett avbrott blir oacceptabelt när en konsekvens når <strong>3 – /);
    assert.match(page.text, /<option value="3" selected>/);
    assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE summary LIKE 'BIA unacceptable step 4 → 3%'").trim()) >= 1, 'audited');
  } finally {
    assert.equal((await ciso.post('/api/v1/continuity/unacceptable', { step: 4 })).status, 200);
  }
});
