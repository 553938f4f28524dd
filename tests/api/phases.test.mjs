// The four phases (issue 24 point 5; seed 001: förhindra, upptäcka, bekämpa, återställa):
// requirements (catalogue rows by chapter), actions and incident timeline entries carry a
// phase; the lägesbild counts by phase; an incident's page says how long detecting,
// containing and restoring took, and times in the wrong order are refused or noted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, employee, employeeApi, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  social = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const count = (table) => Number(sql(`SELECT COUNT(*) FROM ${table}`).trim());
const phaseRow = (html, phase) => {
  const row = (html.match(new RegExp(`<tr data-phase="${phase}">[\\s\\S]*?</tr>`)) || [''])[0];
  return [...row.matchAll(/<td class="num">(?:<strong[^>]*>)?(\d+)/g)].map((m) => Number(m[1]));
};

test('catalogue requirements have the phase of their chapter', async () => {
  const logging = await cisoApi.all('/api/v1/requirements?area=loggning&limit=500');
  assert.ok(logging.length > 0);
  assert.ok(logging.every((q) => q.phase === 'detect'), 'logging detects');
  const backup = await cisoApi.all('/api/v1/requirements?area=backup&limit=500');
  assert.ok(backup.every((q) => q.phase === 'recover'), 'backups recover');
  const incident = await cisoApi.all('/api/v1/requirements?area=incident&limit=500');
  assert.ok(incident.every((q) => q.phase === 'respond'));
  const access = await cisoApi.all('/api/v1/requirements?area=behorighet&limit=500');
  assert.ok(access.every((q) => q.phase === 'prevent'));
});

test('an action carries a phase, a wrong one changes nothing, and the lägesbild counts it', async () => {
  const before = count('action_item');
  const bad = await cisoApi.post('/api/v1/actions', { title: unique('Åtgärd'), unit_id: social.id, status: 'planned', phase: 'pray' });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.error.fields.phase);
  assert.equal((await employeeApi.post('/api/v1/actions', { title: unique('Åtgärd'), unit_id: social.id, status: 'planned', phase: 'detect' })).status, 403);
  assert.equal(count('action_item'), before, 'nothing written');

  const page = async () => (await ciso.get('/lagesbild')).text;
  const was = phaseRow(await page(), 'detect');
  assert.equal(was.length, 4, 'the lägesbild has the phases section with a detect row');
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  const late = await cisoApi.post('/api/v1/actions', { title: unique('Logga inloggningar'), unit_id: social.id, status: 'ongoing', phase: 'detect', end_date: yesterday });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.json.phase, 'detect');
  const html = await page();
  assert.match(html, /<h2 id="phases-h">Förhindra, upptäcka, bekämpa, återställa<\/h2>/);
  const now = phaseRow(html, 'detect');
  assert.equal(now[2], was[2] + 1, 'one more open');
  assert.equal(now[3], was[3] + 1, 'one more late');
  const listed = await cisoApi.all('/api/v1/actions?phase=detect&limit=500');
  assert.ok(listed.some((a) => a.id === late.json.id), 'filtered by phase');
});

const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');

test('an incident shows the time spent detecting, containing and restoring', async () => {
  const base = Date.now() - 3 * 86400000;
  const discovered = iso(new Date(base));
  const made = await cisoApi.post('/api/v1/incidents', { title: unique('Utpressningsprogram'), what_happened: 'Filerna krypterades.', discovered_at: discovered });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const aware = iso(new Date(base + 200 * 60000));
  const contained = iso(new Date(base + 440 * 60000));
  const handled = iso(new Date(base + (440 + 2 * 1440 + 60) * 60000));
  // contained before the incident was known, and after it was over: refused, nothing changed
  const early = await cisoApi.patch(`/api/v1/incidents/${id}`, { aware_at: aware, contained_at: discovered });
  assert.equal(early.status, 422, early.text);
  assert.ok(early.json.error.fields.contained_at);
  const afterEnd = await cisoApi.patch(`/api/v1/incidents/${id}`, { aware_at: aware, contained_at: handled, handled_at: contained });
  assert.equal(afterEnd.status, 422);
  assert.equal(sql(`SELECT contained_at FROM incident WHERE id = ${id}`).trim(), '');

  let page = (await ciso.get(`/incidents/${id}`)).text;
  assert.match(page, /id="phase-times"/);
  assert.match(page, /<dt>Bekämpa<\/dt><dd>Tidpunkten är inte registrerad/);
  const ok = await cisoApi.patch(`/api/v1/incidents/${id}`, { status: 'triaged', aware_at: aware, contained_at: contained, handled_at: handled });
  assert.equal(ok.status, 200, ok.text);
  page = (await ciso.get(`/incidents/${id}`)).text;
  assert.match(page, /Känd för incidenthanteringen efter 3 h 20 min/);
  assert.match(page, /Begränsad efter 4 h/);
  assert.match(page, /Återställd efter 2 d 1 h/);
  assert.ok(!/efter -/.test(page), 'never a negative duration');

  // a timeline entry tagged by phase; a wrong phase is refused
  const event = await cisoApi.post('/api/v1/incident_events', { incident_id: id, at: contained, what: 'Nätet segmenterades.', phase: 'respond' });
  assert.equal(event.status, 201, event.text);
  assert.equal(event.json.phase, 'respond');
  const wrong = await cisoApi.post('/api/v1/incident_events', { incident_id: id, at: contained, what: 'x', phase: 'hope' });
  assert.equal(wrong.status, 422);

  // need-to-know: an employee who did not report it reads neither it nor its timeline
  assert.equal((await employee.get(`/incidents/${id}`)).status, 404);
  assert.notEqual((await employeeApi.get(`/api/v1/incident_events/${event.json.id}`)).status, 200);
  const events = count('incident_event');
  const theirs = await employeeApi.post('/api/v1/incident_events', { incident_id: id, at: contained, what: 'x', phase: 'respond' });
  assert.ok([403, 422].includes(theirs.status), `refused: ${theirs.status}`);
  assert.equal(count('incident_event'), events, 'nothing written');
  assert.equal((await employeeApi.get('/api/v1/continuity/service_level_gaps')).status, 403);
});

// The assessments met and not met per phase, counted here from the rows a reader may read
// (the answers' API applies the same need-to-know), with each requirement's phase.
const PHASE_CODES = ['prevent', 'detect', 'respond', 'recover', 'none'];
async function countedByHand(api) {
  const reqs = await api.all('/api/v1/requirements?limit=500');
  const phases = new Map(reqs.map((q) => [q.id, q.phase || 'none']));
  // an organisation-wide requirement counts once, by the tenant's answer; the objects'
  // earlier answers to it are history
  const orgWide = new Set(reqs.filter((q) => q.org_wide).map((q) => q.id));
  const active = new Set(reqs.filter((q) => q.active).map((q) => q.id));
  const want = Object.fromEntries(PHASE_CODES.map((p) => [p, [0, 0]]));
  const answers = (await api.all('/api/v1/answers?limit=500')).filter((a) => !orgWide.has(a.requirement_id));
  const tenant = (await api.all('/api/v1/org_answers?limit=500')).filter((a) => active.has(a.requirement_id));
  for (const a of [...answers, ...tenant]) {
    const row = want[phases.get(a.requirement_id) || 'none'];
    if (a.status === 'met') row[0]++;
    if (a.status === 'partly' || a.status === 'not_met') row[1]++;
  }
  return want;
}
const shownByPhase = (html) => Object.fromEntries(PHASE_CODES.map((p) => {
  const row = phaseRow(html, p);
  return [p, row.length ? row.slice(0, 2) : [0, 0]];
}));

test('the lägesbild counts the assessments met and not met in each phase, and follows their changes', async () => {
  let want = await countedByHand(cisoApi);
  assert.ok(want.detect[0] > 0 && want.detect[1] > 0, JSON.stringify(want));
  assert.deepEqual(shownByPhase((await ciso.get('/lagesbild')).text), want);

  // one assessment of a detecting requirement met no longer; another answered anew
  const detecting = (await cisoApi.all('/api/v1/requirements?phase=detect&limit=500')).map((q) => q.id);
  const met = (await cisoApi.all('/api/v1/answers?status=met&limit=500')).find((a) => detecting.includes(a.requirement_id));
  const changed = await cisoApi.patch(`/api/v1/answers/${met.id}`, { status: 'not_met', comment: 'Loggarna sparas inte.' });
  assert.equal(changed.status, 200, changed.text);
  const now = shownByPhase((await ciso.get('/lagesbild')).text);
  assert.deepEqual(now.detect, [want.detect[0] - 1, want.detect[1] + 1]);
  want = await countedByHand(cisoApi);
  assert.deepEqual(now, want);

  // the kommun's own requirement, assessed on two objects (met, partly met), moved to another
  // phase takes its assessments along; with no phase, to the last row
  const admin = await apiClient(server.base, 'admin@exempelkommun.se');
  const own = await admin.post('/api/v1/requirements', { code: unique('EGN').replace(/\s/g, '-').slice(0, 20), area: 'loggning',
    phase: 'detect', kind: 'AR', aspect: '*', min_level: 1, text_sv: 'Vi ska granska loggarna varje vecka.' });
  assert.equal(own.status, 201, own.text);
  const objects = [...new Set((await cisoApi.all('/api/v1/answers?limit=500')).map((a) => a.object_id))].slice(0, 2);
  assert.equal(objects.length, 2);
  for (const [i, object] of objects.entries()) {
    const r = await cisoApi.post('/api/v1/answers', { object_id: object, requirement_id: own.json.id, status: ['met', 'partly'][i] });
    assert.equal(r.status, 201, r.text);
  }
  want = await countedByHand(cisoApi);
  assert.deepEqual(shownByPhase((await ciso.get('/lagesbild')).text), want);
  for (const phase of ['recover', null, 'detect']) {
    const moved = await admin.patch(`/api/v1/requirements/${own.json.id}`, { phase });
    assert.equal(moved.status, 200, moved.text);
    const shown = shownByPhase((await ciso.get('/lagesbild')).text);
    const to = phase || 'none';
    if (to !== 'detect') {
      assert.deepEqual(shown.detect, [want.detect[0] - 1, want.detect[1] - 1]);
      assert.deepEqual(shown[to], [want[to][0] + 1, want[to][1] + 1]);
    }
    assert.deepEqual(shown, await countedByHand(cisoApi));
  }
  assert.deepEqual(shownByPhase((await ciso.get('/lagesbild')).text), want);
  // switched off again: the objects' assessments later tests read hold only the catalogue
  const off = await admin.patch(`/api/v1/requirements/${own.json.id}`, { active: false, disabled_reason: 'Testets eget krav.' });
  assert.equal(off.status, 200, off.text);

  // a reader who sees only her förvaltning's objects counts only their assessments
  const coord = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const coordApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const hers = await countedByHand(coordApi);
  const all = await countedByHand(cisoApi);
  assert.ok(PHASE_CODES.some((p) => hers[p][0] < all[p][0]), 'she reads fewer than the CISO');
  assert.deepEqual(shownByPhase((await coord.get('/lagesbild')).text), hers);
});
