// Risks: analyses and risks through the API and the forms; ratings inside the tenant's
// matrix with derived levels; accepting needs a reason and a review date; who may write
// (CISO, samordnare in their förvaltning, the risk owner on their own risk; never the
// auditor or an employee); the register's filters and CSV; the heat map's SVG and counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, social, school, owner, ownerPerson;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  const units = await cisoApi.all('/api/v1/units?limit=500');
  social = units.find((u) => u.name === 'Socialförvaltningen');
  school = units.find((u) => u.name === 'Barn- och utbildningsförvaltningen');
  owner = await apiClient(server.base, 'agare@exempelkommun.se');
  ownerPerson = (await cisoApi.get('/api/v1/people?q=agare@exempelkommun.se')).json.items[0];
});
after(async () => { await server.stop(); });

const risk = (extra = {}) => ({ title: unique('Risk'), unit_id: social.id, likelihood: 2, consequence: 3, status: 'open', ...extra });

test('a risk is created, its levels derived from the ratings, and read back', async () => {
  const r = await cisoApi.post('/api/v1/risks', risk({ likelihood: 4, consequence: 3, residual_likelihood: 1, residual_consequence: 2, threat: 'Nätfiske', vulnerability: 'Ingen tvåfaktorsinloggning' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.level, 'very_high');
  assert.equal(r.json.residual_level, 'low');
  // lowering the rating lowers the level
  const p = await cisoApi.patch(`/api/v1/risks/${r.json.id}`, { likelihood: 1 });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.level, 'low');
  // the level is derived, never written
  const w = await cisoApi.patch(`/api/v1/risks/${r.json.id}`, { level: 'low' });
  assert.equal(w.status, 400);
  const page = await ciso.get(`/risks/${r.json.id}`);
  assert.match(page.text, /Risknivå<\/dt><dd>Låg/);
  assert.match(page.text, /Kvarstående risknivå<\/dt><dd>Låg/);
  // the rating by name on the matrix, and its history from the audit log
  assert.match(page.text, /<li>Sannolikhet: Låg \(1 av 4\)<\/li><li>Konsekvens: Allvarlig \(3 av 4\)<\/li>/);
  assert.match(page.text, /Skapad — Sannolikhet 4, Konsekvens 3, Risknivå Mycket hög/);
  assert.match(page.text, /Sannolikhet 4 → 1, Risknivå Mycket hög → Låg/);
});

test('ratings outside the matrix and half a residual rating are refused per field, nothing saved', async () => {
  const title = unique('Utanför');
  let r = await cisoApi.post('/api/v1/risks', risk({ title, likelihood: 5 }));
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.likelihood, /Outside the risk matrix\. \(1–4\)/);
  r = await cisoApi.post('/api/v1/risks', risk({ title, consequence: 0 }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.consequence);
  r = await cisoApi.post('/api/v1/risks', risk({ title, residual_likelihood: 2 }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.residual_consequence);
  const form = await ciso.post('/risks', { title, unit_id: String(social.id), likelihood: '9', consequence: '1', status: 'open' });
  assert.equal(form.status, 422);
  assert.match(form.text, /Utanför riskmatrisen/);
  assert.equal((await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(title)}`)).json.items.length, 0);
});

test('accepting a risk needs a reason and a review date; accepted status needs the accept treatment', async () => {
  const title = unique('Accepterad');
  let r = await cisoApi.post('/api/v1/risks', risk({ title, treatment: 'accept' }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.acceptance_reason);
  assert.ok(r.json.error.fields.review_date);
  r = await cisoApi.post('/api/v1/risks', risk({ title, status: 'accepted', treatment: 'reduce' }));
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.status);
  const form = await ciso.post('/risks', { title, unit_id: String(social.id), likelihood: '1', consequence: '1', status: 'open', treatment: 'accept' });
  assert.equal(form.status, 422);
  assert.match(form.text, /Motivera varför risken accepteras/);
  assert.equal((await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(title)}`)).json.items.length, 0);
  r = await cisoApi.post('/api/v1/risks', risk({ title, treatment: 'accept', status: 'accepted', acceptance_reason: 'Låg sannolikhet, systemet avvecklas', review_date: '2027-06-30' }));
  assert.equal(r.status, 201, r.text);
  // and the reason cannot be taken away while the risk stays accepted
  const p = await cisoApi.patch(`/api/v1/risks/${r.json.id}`, { acceptance_reason: null });
  assert.equal(p.status, 422);
  assert.equal((await cisoApi.get(`/api/v1/risks/${r.json.id}`)).json.acceptance_reason, 'Låg sannolikhet, systemet avvecklas');
});

test('the auditor reads but cannot write; an employee cannot write', async () => {
  const auditor = await apiClient(server.base, 'revisor@exempelkommun.se');
  const employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const existing = (await cisoApi.post('/api/v1/risks', risk())).json;
  for (const who of [auditor, employee]) {
    assert.equal((await who.get('/api/v1/risks')).status, 200);
    assert.equal((await who.post('/api/v1/risks', risk())).status, 403);
    // the auditor reads every risk; an employee does not even see it (need-to-know)
    assert.equal((await who.patch(`/api/v1/risks/${existing.id}`, { status: 'closed' })).status, who === auditor ? 403 : 404);
    assert.equal((await who.post('/api/v1/analyses', { title: unique('A'), unit_id: social.id, scope_kind: 'unit', status: 'planned' })).status, 403);
  }
  const auditorUi = await loggedIn(server.base, 'revisor@exempelkommun.se');
  const page = await auditorUi.get(`/risks/${existing.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /\/edit"/);
  assert.equal((await auditorUi.get(`/risks/${existing.id}/edit`)).status, 403);
  assert.equal((await cisoApi.get(`/api/v1/risks/${existing.id}`)).json.status, 'open');
});

test('a samordnare writes risks of their förvaltning only', async () => {
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const r = await samordnare.post('/api/v1/risks', risk());
  assert.equal(r.status, 201, r.text);
  assert.equal((await samordnare.post('/api/v1/risks', risk({ unit_id: school.id }))).status, 403);
  assert.equal((await samordnare.patch(`/api/v1/risks/${r.json.id}`, { unit_id: school.id })).status, 403);
  assert.equal((await samordnare.patch(`/api/v1/risks/${r.json.id}`, { status: 'treated' })).status, 200);
});

test('the risk owner edits their own risk, not others, and cannot move it out of reach', async () => {
  const mine = (await cisoApi.post('/api/v1/risks', risk({ unit_id: school.id, owner_id: ownerPerson.id }))).json;
  const other = (await cisoApi.post('/api/v1/risks', risk({ unit_id: school.id }))).json;
  // an informationsägare has no right to create risks
  assert.equal((await owner.post('/api/v1/risks', risk({ owner_id: ownerPerson.id, unit_id: school.id }))).status, 403);
  let r = await owner.patch(`/api/v1/risks/${mine.id}`, { treatment: 'reduce', residual_likelihood: 1, residual_consequence: 1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.residual_level, 'low');
  // another's risk outside any unit they write in is not theirs to see (need-to-know)
  assert.equal((await owner.patch(`/api/v1/risks/${other.id}`, { status: 'closed' })).status, 404);
  // the owner's own förvaltning is Socialförvaltningen (where they hold no risk role either)
  assert.equal((await owner.patch(`/api/v1/risks/${mine.id}`, { unit_id: social.id })).status, 403);
  const ui = await loggedIn(server.base, 'agare@exempelkommun.se');
  assert.match((await ui.get(`/risks/${mine.id}`)).text, new RegExp(`href="/risks/${mine.id}/edit"`));
  assert.equal((await ui.get(`/risks/${other.id}`)).status, 404);
});

test('an analysis names its scope; its risks are listed on its page', async () => {
  let r = await cisoApi.post('/api/v1/analyses', { title: unique('Analys'), unit_id: social.id, scope_kind: 'object', status: 'ongoing' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.object_id);
  r = await cisoApi.post('/api/v1/analyses', { title: unique('Analys'), unit_id: social.id, scope_kind: 'process', status: 'ongoing' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.process_id);
  const object = (await cisoApi.post('/api/v1/objects', { name: unique('Objekt'), unit_id: social.id, status: 'operation' })).json;
  r = await cisoApi.post('/api/v1/analyses', { title: unique('Analys'), unit_id: social.id, scope_kind: 'object', object_id: object.id, analysed_on: '2026-04-01', participants: 'Sara, Olle', status: 'done' });
  assert.equal(r.status, 201, r.text);
  const analysis = r.json;
  // a unit-wide analysis keeps no object
  const unitWide = await cisoApi.post('/api/v1/analyses', { title: unique('Enhetsanalys'), unit_id: social.id, scope_kind: 'unit', object_id: object.id, status: 'planned' });
  assert.equal(unitWide.status, 201);
  assert.equal(unitWide.json.object_id, null);
  const a = (await cisoApi.post('/api/v1/risks', risk({ analysis_id: analysis.id, likelihood: 4, consequence: 4 }))).json;
  const b = (await cisoApi.post('/api/v1/risks', risk({ analysis_id: analysis.id }))).json;
  const page = await ciso.get(`/analyses/${analysis.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Risker i analysen <span class="count">\(2\)<\/span>/);
  assert.ok(page.text.indexOf(a.title) < page.text.indexOf(b.title), 'the most serious first');
  assert.match(page.text, new RegExp(`href="/risks/new\\?analysis_id=${analysis.id}&amp;unit_id=${social.id}&amp;return=/analyses/${analysis.id}"`));
  // its own heat map: the two risks in their cells, each cell the register filtered to the analysis
  assert.match(page.text, new RegExp(`href="/risks\\?analysis_id=${analysis.id}&amp;likelihood=4&amp;consequence=4" data-l="4" data-c="4" data-count="1"`));
  assert.match(page.text, new RegExp(`href="/risks\\?analysis_id=${analysis.id}&amp;likelihood=2&amp;consequence=3" data-l="2" data-c="3" data-count="1"`));
  const listed = await cisoApi.get(`/api/v1/risks?analysis_id=${analysis.id}`);
  assert.deepEqual(listed.json.items.map((x) => x.id).sort(), [a.id, b.id].sort());
});

test('the register filters by status, treatment, unit, owner and level, and exports CSV', async () => {
  const tag = unique('Filter');
  const high = (await cisoApi.post('/api/v1/risks', risk({ title: `${tag} hög`, likelihood: 3, consequence: 3, treatment: 'reduce', owner_id: ownerPerson.id }))).json;
  const low = (await cisoApi.post('/api/v1/risks', risk({ title: `${tag} låg`, likelihood: 1, consequence: 1, unit_id: school.id, status: 'closed' }))).json;
  const q = `q=${encodeURIComponent(tag)}`;
  const ids = async (f) => (await cisoApi.get(`/api/v1/risks?${q}&${f}`)).json.items.map((x) => x.id);
  assert.deepEqual(await ids('level=high'), [high.id]);
  assert.deepEqual(await ids('level=low'), [low.id]);
  assert.deepEqual(await ids('status=closed'), [low.id]);
  assert.deepEqual(await ids('treatment=reduce'), [high.id]);
  assert.deepEqual(await ids(`unit_id=${school.id}`), [low.id]);
  assert.deepEqual(await ids(`owner_id=${ownerPerson.id}`), [high.id]);
  const page = await ciso.get(`/risks?${q}&level=high`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`${tag} hög`));
  assert.doesNotMatch(page.text, new RegExp(`${tag} låg`));
  assert.match(page.text, /<select id="f-level" name="level">/);
  const csv = await ciso.get(`/risks.csv?${q}`);
  assert.equal(csv.status, 200);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /Rubrik.*Sannolikhet.*Konsekvens.*Risknivå/);
  assert.equal(lines.length, 3);
  assert.ok(lines.some((l) => l.includes(`${tag} hög`) && l.includes('Hög')));
});

// the heat map's SVG, parsed by xmllint, and each cell's count against the API
test('the heat map is well-formed SVG whose cell counts match the register', async () => {
  const page = await ciso.get('/risks/heatmap');
  assert.equal(page.status, 200);
  const svgs = page.text.match(/<svg[\s\S]*?<\/svg>/g);
  assert.equal(svgs.length, 2, 'inherent and residual');
  for (const svg of svgs) execFileSync('xmllint', ['--noout', '-'], { input: svg }); // throws if malformed
  const all = await cisoApi.all('/api/v1/risks?limit=500');
  for (const [k, svg] of svgs.entries()) {
    const cells = [...svg.matchAll(/<a href="([^"]+)" data-l="(\d)" data-c="(\d)" data-count="(\d+)"><title>([^<]+)<\/title>/g)];
    assert.equal(cells.length, 16, '4×4 cells');
    let sum = 0;
    for (const [, href, l, c, n, label] of cells) {
      const lk = k ? 'residual_likelihood' : 'likelihood', ck = k ? 'residual_consequence' : 'consequence';
      const expected = all.filter((x) => x[lk] === Number(l) && x[ck] === Number(c)).length;
      assert.equal(Number(n), expected, `${k ? 'residual' : 'inherent'} cell ${l}×${c}`);
      assert.equal(href.replace(/&amp;/g, '&'), `/risks?${lk}=${l}&${ck}=${c}`);
      assert.match(label, new RegExp(`: ${n} risker, nivå `));
      sum += Number(n);
      // the cell's link lists exactly its risks
      const listed = await cisoApi.all(`/api/v1/risks?${lk}=${l}&${ck}=${c}&limit=500`);
      assert.equal(listed.length, expected);
    }
    assert.equal(sum, all.filter((x) => (k ? x.residual_likelihood : x.likelihood) !== null).length);
  }
  // the demo's spread: the two serious social risks are in their cells
  assert.match(svgs[0], /data-l="4" data-c="4" data-count="[1-9]/);
  // a filter narrows the counts and goes along in the links
  const open = await ciso.get('/risks/heatmap?status=closed');
  assert.match(open.text, /href="\/risks\?status=closed&amp;likelihood=1&amp;consequence=1"/);
  const closed = all.filter((x) => x.status === 'closed' && x.likelihood === 1 && x.consequence === 1).length;
  assert.match(open.text, new RegExp(`data-l="1" data-c="1" data-count="${closed}"`));
  // unknown filter values change nothing and break nothing
  assert.equal((await ciso.get('/risks/heatmap?unit_id=abc&status=%3Cscript%3E')).status, 200);
});

test('the English heat map names the matrix in English', async () => {
  const en = await loggedIn(server.base, 'ciso@exempelkommun.se');
  await en.post('/lang', { lang: 'en', back: '/risks/heatmap' });
  const page = await en.get('/risks/heatmap');
  assert.match(page.text, /Likelihood Very high, consequence Very serious: \d+ risks, level Very high/);
  await en.post('/lang', { lang: 'sv', back: '/home' });
});

test('need-to-know: an employee sees no risk; a samordnare only their förvaltning\'s; the owner their own; the CISO, ledning and auditors all', async () => {
  const inSocial = (await cisoApi.post('/api/v1/risks', risk({ title: unique('Socialens svaghet') }))).json;
  const inSchool = (await cisoApi.post('/api/v1/risks', risk({ title: unique('Skolans svaghet'), unit_id: school.id, likelihood: 4, consequence: 4 }))).json;
  const owned = (await cisoApi.post('/api/v1/risks', risk({ title: unique('Ägarens svaghet'), unit_id: school.id, owner_id: ownerPerson.id }))).json;
  const analysis = (await cisoApi.post('/api/v1/analyses', { title: unique('Skolans analys'), unit_id: school.id, scope_kind: 'unit', status: 'done', analysed_on: '2026-01-15' })).json;
  const all = await cisoApi.all('/api/v1/risks?limit=500');
  const employee = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  const employeeUi = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  const samordnareUi = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  const csvIds = (text) => text.split('\n').slice(1).filter(Boolean).map((l) => Number(l.replace(/^\uFEFF/, '').split(/[;,]/)[0]));

  // an employee: nothing, anywhere
  assert.deepEqual(await employee.all('/api/v1/risks?limit=500'), []);
  assert.deepEqual(await employee.all('/api/v1/analyses?limit=500'), []);
  assert.equal((await employee.get(`/api/v1/risks/${inSocial.id}`)).status, 404);
  assert.equal((await employeeUi.get(`/risks/${inSocial.id}`)).status, 404);
  assert.equal((await employeeUi.get(`/analyses/${analysis.id}`)).status, 404);
  const emptyCsv = await employeeUi.get('/risks.csv');
  assert.equal(emptyCsv.status, 200);
  assert.deepEqual(csvIds(emptyCsv.text), []);
  const emptyHeat = await employeeUi.get('/risks/heatmap');
  assert.deepEqual([...new Set([...emptyHeat.text.matchAll(/data-count="(\d+)"/g)].map((m) => m[1]))], ['0']);
  assert.doesNotMatch((await employeeUi.get('/risks')).text, /Socialens svaghet|Skolans svaghet/);

  // the samordnare of Socialförvaltningen: its risks, not the school's: list, detail, CSV, API
  const seen = await samordnare.all('/api/v1/risks?limit=500');
  assert.ok(seen.some((x) => x.id === inSocial.id));
  assert.ok(!seen.some((x) => x.id === inSchool.id || x.id === owned.id));
  for (const x of seen) assert.ok(x.unit_id === social.id || all.find((y) => y.id === x.id), 'only risks that exist');
  assert.equal((await samordnare.get(`/api/v1/risks/${inSchool.id}`)).status, 404);
  assert.equal((await samordnare.get(`/api/v1/risks/${inSocial.id}`)).status, 200);
  assert.equal((await samordnareUi.get(`/risks/${inSchool.id}`)).status, 404);
  const list = await samordnareUi.get(`/risks?q=${encodeURIComponent('svaghet')}&limit=500`);
  assert.match(list.text, new RegExp(inSocial.title));
  assert.doesNotMatch(list.text, new RegExp(inSchool.title));
  const csv = await samordnareUi.get('/risks.csv');
  assert.ok(csvIds(csv.text).includes(inSocial.id));
  assert.ok(!csvIds(csv.text).includes(inSchool.id));
  assert.equal((await samordnare.get(`/api/v1/analyses/${analysis.id}`)).status, 404);
  // the heat map counts only what they can see: its total is their list's
  const heat = await samordnareUi.get('/risks/heatmap');
  const inherent = heat.text.match(/id="inherent">[\s\S]*?<\/svg>/)[0];
  const total = [...inherent.matchAll(/data-count="(\d+)"/g)].reduce((a, m) => a + Number(m[1]), 0);
  assert.equal(total, seen.filter((x) => x.likelihood && x.consequence).length);
  // and so does the lägesbild
  const dash = await samordnareUi.get('/lagesbild');
  const open = Number(dash.text.match(/id="open"><h2>[^<]+<\/h2><p><a class="figure" href="[^"]+"><strong>(\d+)</)[1]);
  assert.equal(open, seen.filter((x) => x.status === 'open').length);
  assert.doesNotMatch(dash.text, new RegExp(inSchool.title));

  // the risk owner (an informationsägare): their own risk, in another förvaltning too
  const ownerSees = await owner.all('/api/v1/risks?limit=500');
  assert.ok(ownerSees.some((x) => x.id === owned.id));
  assert.ok(ownerSees.every((x) => x.owner_id === ownerPerson.id));

  // CISO, ledning and the auditor see every risk
  for (const email of ['ledning@exempelkommun.se', 'revisor@exempelkommun.se']) {
    const who = await apiClient(server.base, email);
    assert.equal((await who.all('/api/v1/risks?limit=500')).length, all.length, email);
    assert.equal((await who.get(`/api/v1/risks/${inSchool.id}`)).status, 200, email);
  }
});

// last in this file: it changes the tenant's matrix (and restores it)
test('the matrix changes from 4×4 to 5×5 and back; every rating is moved, none lost; only the CISO may', async () => {
  const r0 = (await cisoApi.post('/api/v1/risks', risk({ likelihood: 3, consequence: 2, residual_likelihood: 2, residual_consequence: 1 }))).json;
  const top = (await cisoApi.post('/api/v1/risks', risk({ likelihood: 4, consequence: 4 }))).json;
  const before = await cisoApi.all('/api/v1/risks?limit=500');
  const samordnare = await apiClient(server.base, 'samordnare@exempelkommun.se');
  assert.equal((await samordnare.post('/api/v1/risk_matrix', { likelihood_levels: 5, consequence_levels: 5 })).status, 403);
  let r = await cisoApi.post('/api/v1/risk_matrix', { likelihood_levels: 2, consequence_levels: 10 });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.likelihood_levels && r.json.error.fields.consequence_levels);
  assert.equal((await cisoApi.get('/api/v1/risk_matrix')).json.likelihood_levels, 4);

  // through the form: first the preview, then the confirmed change
  const preview = await ciso.post('/risks/matrix', { likelihood_levels: '5', consequence_levels: '5' });
  assert.equal(preview.status, 200);
  assert.match(preview.text, /Sannolikhet<\/th><td>1 → 1, 2 → 2, 3 → 4, 4 → 5<\/td>/);
  assert.equal((await cisoApi.get('/api/v1/risk_matrix')).json.likelihood_levels, 4, 'a preview changes nothing');
  const done = await ciso.post('/risks/matrix', { likelihood_levels: '5', consequence_levels: '5', confirm: '1' });
  assert.equal(done.status, 303);
  const page = await ciso.get(done.location);
  // the flash counts the risks whose ratings or levels moved (a 2×2 stays, but is "låg" on 5×5)
  const moved5 = await cisoApi.all('/api/v1/risks?limit=500');
  const keys = ['likelihood', 'consequence', 'level', 'residual_likelihood', 'residual_consequence', 'residual_level'];
  const movedCount = before.filter((x) => {
    const y = moved5.find((z) => z.id === x.id);
    return keys.some((k) => x[k] !== y[k]);
  }).length;
  assert.ok(movedCount > 0);
  assert.match(page.text, new RegExp(`Matrisen är nu 5×5\\. ${movedCount} risker fick sina bedömningar flyttade`));
  const m = (await cisoApi.get('/api/v1/risk_matrix')).json;
  assert.equal(m.likelihood_levels, 5);
  assert.equal(m.levels[4][4], 'very_high');

  const moved = (await cisoApi.get(`/api/v1/risks/${r0.id}`)).json;
  assert.deepEqual([moved.likelihood, moved.consequence, moved.residual_likelihood, moved.residual_consequence], [4, 2, 2, 1]);
  assert.equal(moved.level, 'medium');
  const corner = (await cisoApi.get(`/api/v1/risks/${top.id}`)).json;
  assert.deepEqual([corner.likelihood, corner.consequence, corner.level], [5, 5, 'very_high']);
  // every risk still has a rating inside the new matrix
  const after = await cisoApi.all('/api/v1/risks?limit=500');
  assert.equal(after.length, before.length);
  for (const x of after) assert.ok(x.likelihood >= 1 && x.likelihood <= 5 && x.consequence >= 1 && x.consequence <= 5);
  // the heat map is 5×5 and a rating of 5 is now accepted
  const heat = await ciso.get('/risks/heatmap');
  assert.equal((heat.text.match(/<a href="\/risks\?likelihood=/g) || []).length, 25);
  assert.match(heat.text, /Sannolikhet Mycket hög, konsekvens Mycket allvarlig/);
  assert.equal((await cisoApi.post('/api/v1/risks', risk({ likelihood: 5, consequence: 5 }))).status, 201);
  // each move is in the audit log
  assert.match(sql(`SELECT diff FROM audit_log WHERE entity = 'risks' AND entity_id = '${r0.id}' AND action <> 'read' ORDER BY seq DESC LIMIT 1`), /"likelihood":\["3","4"\]/);
  assert.match(sql("SELECT summary FROM audit_log WHERE summary LIKE 'risk matrix%' ORDER BY seq DESC LIMIT 1"), /4×4 → 5×5/);

  // and back: the round trip restores the 4×4 ratings
  r = await cisoApi.post('/api/v1/risk_matrix', { likelihood_levels: 4, consequence_levels: 4 });
  assert.equal(r.status, 200, r.text);
  const back = (await cisoApi.get(`/api/v1/risks/${r0.id}`)).json;
  assert.deepEqual([back.likelihood, back.consequence, back.residual_likelihood, back.residual_consequence], [3, 2, 2, 1]);
  const all = await cisoApi.all('/api/v1/risks?limit=500');
  for (const x of before) {
    const y = all.find((z) => z.id === x.id);
    assert.deepEqual([y.likelihood, y.consequence, y.level], [x.likelihood, x.consequence, x.level], `risk ${x.id}`);
  }
});
