// Need-to-know beyond risks: self-assessment answers, restore-test and exercise findings,
// the handlingsplan (actions, plan decisions, the plan pages and follow-up) and the
// procurement annex are read by those who see every risk (CISO, IT-säkerhet, ledning,
// auditors, forum), by the writers of the record's förvaltning and by the person
// responsible; everyone else sees none of it — in lists, pages, exports, counts and in the
// titles that references, options and "made from" lists show. Every leak is asked of a
// role that must not see it and of one that must, so each check can fail both ways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, cisoApi, units, people;
const ui = {}, api = {};
const EMAILS = {
  ciso: 'ciso@exempelkommun.se',
  revisor: 'revisor@exempelkommun.se',
  medarbetare: 'medarbetare@exempelkommun.se',
  samordnare: 'samordnare@exempelkommun.se', // Socialförvaltningen
  agare: 'agare@exempelkommun.se', // informationsägare in Socialförvaltningen, a risk owner
};
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  for (const [who, email] of Object.entries(EMAILS)) {
    ui[who] = await loggedIn(server.base, email);
    api[who] = await apiClient(server.base, email);
  }
  cisoApi = api.ciso;
  units = await cisoApi.all('/api/v1/units?limit=500');
  people = await cisoApi.all('/api/v1/people?limit=500');
});
after(async () => { await server.stop(); });

const unit = (name) => units.find((u) => u.name === name);
// Whether a unit lies in the subtree of another (itself included), by the parent links.
const within = (unitId, rootId) => {
  for (let u = units.find((x) => x.id === unitId); u; u = units.find((x) => x.id === u.parent_id))
    if (u.id === rootId) return true;
  return false;
};
const person = (email) => people.find((p) => p.email === email);
const csvLines = (text) => text.split('\n').slice(1).filter(Boolean);
const isoAgo = (hours) => new Date(Date.now() - hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');

// An object of Kommunledningsförvaltningen (not the samordnare's) with a gap and its comment.
async function gapInKommunledning() {
  const object = (await cisoApi.all('/api/v1/objects?limit=500')).find((o) => o.name === 'Ekonomi');
  assert.ok(object, 'the demo object Ekonomi');
  const comment = unique('Ingen backupplan finns');
  const answer = (await cisoApi.get(`/api/v1/answers?object_id=${object.id}&limit=1`)).json.items[0];
  assert.ok(answer, 'Ekonomi is assessed in the demo');
  const r = await cisoApi.patch(`/api/v1/answers/${answer.id}`, { status: 'not_met', comment });
  assert.equal(r.status, 200, r.text);
  return { object, answer: r.json, comment };
}

test('self-assessment answers: the CSV, the API, the object\'s assessment page and annex', async () => {
  const { object, answer, comment } = await gapInKommunledning();
  for (const who of ['medarbetare', 'samordnare']) {
    const csv = await ui[who].get('/answers.csv');
    assert.equal(csv.status, 200);
    assert.doesNotMatch(csv.text, new RegExp(comment), `${who}: the comment in answers.csv`);
    assert.ok(!(await api[who].all('/api/v1/answers?limit=500')).some((a) => a.id === answer.id), who);
    assert.equal((await api[who].get(`/api/v1/answers/${answer.id}`)).status, 404, who);
    assert.equal((await ui[who].get(`/answers/${answer.id}`)).status, 404, who);
    for (const page of [`/objects/${object.id}/requirements`, `/objects/${object.id}/annex`, `/objects/${object.id}/annex.xlsx`])
      assert.equal((await ui[who].get(page)).status, 404, `${who} ${page}`);
    // the object itself stays open to all, without its assessment
    const objectPage = await ui[who].get(`/objects/${object.id}`);
    assert.equal(objectPage.status, 200);
    assert.doesNotMatch(objectPage.text, /annex/, who);
  }
  // an employee sees no answer at all
  assert.deepEqual(await api.medarbetare.all('/api/v1/answers?limit=500'), []);
  // the samordnare sees her own förvaltning's answers (Vård och omsorg…), not another's
  const hers = await api.samordnare.all('/api/v1/answers?limit=2000');
  const objects = await cisoApi.all('/api/v1/objects?limit=500');
  const vard = objects.find((o) => o.name === 'Vård och omsorg');
  const social = unit('Socialförvaltningen');
  assert.ok(hers.some((a) => a.object_id === vard.id));
  assert.ok(hers.every((a) => within(objects.find((o) => o.id === a.object_id).unit_id, social.id)));
  assert.ok(!hers.some((a) => a.object_id === object.id));
  assert.equal((await ui.samordnare.get(`/objects/${vard.id}/requirements`)).status, 200);
  // the CISO and the auditor see it everywhere
  for (const who of ['ciso', 'revisor']) {
    const csv = await ui[who].get('/answers.csv');
    assert.match(csv.text, new RegExp(comment), who);
    assert.equal((await api[who].get(`/api/v1/answers/${answer.id}`)).status, 200, who);
    const page = await ui[who].get(`/objects/${object.id}/requirements`);
    assert.equal(page.status, 200, who);
    assert.match(page.text, new RegExp(comment), who);
    assert.equal((await ui[who].get(`/objects/${object.id}/annex`)).status, 200, who);
    assert.equal((await ui[who].get(`/objects/${object.id}/annex.xlsx`)).status, 200, who);
  }
});

test('restore-test findings: the test, the list, the plan\'s page, /continuity and the start page', async () => {
  const tests = await cisoApi.all('/api/v1/continuity_tests?limit=500');
  const restore = tests.find((t) => /30 timmar/.test(t.findings || ''));
  assert.ok(restore, 'the demo\'s failed restore test');
  for (const who of ['medarbetare', 'samordnare']) {
    assert.equal((await ui[who].get(`/continuity_tests/${restore.id}`)).status, 404, who);
    assert.equal((await api[who].get(`/api/v1/continuity_tests/${restore.id}`)).status, 404, who);
    assert.ok(!(await api[who].all('/api/v1/continuity_tests?limit=500')).some((t) => t.id === restore.id), who);
    assert.doesNotMatch((await ui[who].get('/continuity_tests.csv')).text, /30 timmar/, who);
    const plan = await ui[who].get(`/continuity_plans/${restore.plan_id}`);
    assert.equal(plan.status, 200, 'the plan itself is open');
    assert.doesNotMatch(plan.text, new RegExp(`/continuity_tests/${restore.id}"`), who);
    const overview = await ui[who].get('/continuity');
    assert.doesNotMatch(overview.text, new RegExp(`/continuity_plans/${restore.plan_id}"`), who);
  }
  // an employee is told of no overdue plan at all: none is theirs to see
  assert.doesNotMatch((await ui.medarbetare.get('/home')).text, /id="continuity-card"/);
  for (const who of ['ciso', 'revisor']) {
    const page = await ui[who].get(`/continuity_tests/${restore.id}`);
    assert.equal(page.status, 200, who);
    assert.match(page.text, /återläsningen tog 30 timmar/, who);
    assert.match((await ui[who].get(`/continuity_plans/${restore.plan_id}`)).text, new RegExp(`/continuity_tests/${restore.id}"`), who);
    assert.match((await ui[who].get('/continuity')).text, new RegExp(`/continuity_plans/${restore.plan_id}"`), who);
  }
});

test('the handlingsplan: actions, the plan pages, the follow-up, the decision and the lägesbild', async () => {
  const year = new Date().getFullYear();
  const secret = unique('Åtgärda saknad reservkraft');
  const it = unit('IT-avdelningen') || unit('Kommunledningsförvaltningen');
  const action = (await cisoApi.post('/api/v1/actions', { title: secret, unit_id: it.id, status: 'planned', plan_year: year, end_date: `${year}-01-02` })).json;
  assert.ok(action.id);
  const all = await cisoApi.all('/api/v1/actions?limit=500');
  const samordnarePerson = person(EMAILS.samordnare);
  const social = unit('Socialförvaltningen');

  // an employee: only the actions they are responsible for (other tests make some), never this one
  const employeePerson = person(EMAILS.medarbetare);
  const own = await api.medarbetare.all('/api/v1/actions?limit=500');
  assert.ok(own.every((a) => a.responsible_id === employeePerson.id), 'only their own');
  assert.ok(!own.some((a) => a.title === secret));
  assert.deepEqual(await api.medarbetare.all('/api/v1/plan_decisions?limit=500'), []);
  // the samordnare: her förvaltning's and those she is responsible for
  const hers = await api.samordnare.all('/api/v1/actions?limit=500');
  assert.ok(hers.length > 0);
  assert.ok(hers.every((a) => within(a.unit_id, social.id) || a.responsible_id === samordnarePerson.id));
  assert.ok(hers.length < all.length);
  for (const who of ['medarbetare', 'samordnare']) {
    assert.equal((await api[who].get(`/api/v1/actions/${action.id}`)).status, 404, who);
    assert.doesNotMatch((await ui[who].get('/actions.csv')).text, new RegExp(secret), who);
    for (const page of ['/plan', `/plan/${year}`, `/plan/${year}/follow-up`, '/lagesbild', '/lagesbild/summary']) {
      const res = await ui[who].get(page);
      assert.equal(res.status, 200, `${who} ${page}`);
      assert.doesNotMatch(res.text, new RegExp(secret), `${who} ${page}`);
    }
    // the decision's snapshot (the whole plan) is not shown: only that the plan is decided
    const plan = await ui[who].get(`/plan/${year}`);
    assert.doesNotMatch(plan.text, /KS 2026\/0142/, who);
    assert.doesNotMatch(plan.text, /Tvåfaktorsinloggning för alla medarbetare/, who);
  }
  // the employee's plan index counts only their own; the CISO's counts every action of the year
  const index = (await ui.medarbetare.get('/plan')).text;
  const yearCount = all.filter((a) => a.plan_year === year).length;
  assert.doesNotMatch(index, new RegExp(`— ${yearCount} åtgärder`));
  if (!own.some((a) => a.plan_year === year)) assert.match(index, /Inga åtgärder för året/);
  assert.match((await ui.ciso.get('/plan')).text, new RegExp(`Handlingsplan ${year}</a> — ${yearCount} åtgärder`));
  for (const who of ['ciso', 'revisor']) {
    assert.equal((await api[who].all('/api/v1/actions?limit=500')).length, all.length, who);
    assert.match((await ui[who].get('/actions.csv')).text, new RegExp(secret), who);
    for (const page of [`/plan/${year}`, `/plan/${year}/follow-up`, '/lagesbild/summary'])
      assert.match((await ui[who].get(page)).text, new RegExp(secret), `${who} ${page}`);
    assert.ok((await api[who].all('/api/v1/plan_decisions?limit=500')).length > 0, who);
    assert.match((await ui[who].get(`/plan/${year}`)).text, /KS 2026\/0142/, who);
  }
});

test('"made from" on a continuity test and an incident shows only actions the reader may read', async () => {
  // a test of a Socialförvaltningen plan, which its informationsägare (agare@) reads
  const vard = (await cisoApi.all('/api/v1/objects?limit=500')).find((o) => o.name === 'Vård och omsorg');
  const plan = (await cisoApi.post('/api/v1/continuity_plans', { name: unique('Plan för Vård och omsorg'), object_id: vard.id })).json;
  const t = (await cisoApi.post('/api/v1/continuity_tests', { plan_id: plan.id, kind: 'restore', tested_on: '2026-01-10', result: 'failed', findings: 'Återläsningen misslyckades.' })).json;
  assert.ok(t.id, 'test created');
  const secret = unique('Flytta säkerhetskopiorna');
  const made = await cisoApi.post('/api/v1/actions', { title: secret, unit_id: vard.unit_id, status: 'planned', source_entity: 'continuity_tests', source_id: t.id });
  assert.equal(made.status, 201, made.text);
  const agarePage = await ui.agare.get(`/continuity_tests/${t.id}`);
  assert.equal(agarePage.status, 200, 'the informationsägare reads the test');
  assert.doesNotMatch(agarePage.text, new RegExp(secret));
  assert.match((await ui.ciso.get(`/continuity_tests/${t.id}`)).text, new RegExp(secret));

  // an incident reported by an employee; the CISO makes an action from it
  const incident = (await api.medarbetare.post('/api/v1/incidents', { title: unique('Borttappad telefon'), what_happened: 'Telefonen glömdes på bussen.', discovered_at: isoAgo(2) })).json;
  assert.ok(incident.id, 'incident reported');
  const lesson = unique('Inför fjärradering av telefoner');
  assert.equal((await cisoApi.post('/api/v1/actions', { title: lesson, unit_id: vard.unit_id, status: 'planned', source_entity: 'incidents', source_id: incident.id })).status, 201);
  const reporterPage = await ui.medarbetare.get(`/incidents/${incident.id}`);
  assert.equal(reporterPage.status, 200, 'the reporter reads her incident');
  assert.doesNotMatch(reporterPage.text, new RegExp(lesson));
  assert.match((await ui.ciso.get(`/incidents/${incident.id}`)).text, new RegExp(lesson));
});

test('a reference shows the title of a row only to who may read it; pointing at an unreadable row is refused', async () => {
  const school = unit('Barn- och utbildningsförvaltningen');
  const agare = person(EMAILS.agare);
  const analysis = (await cisoApi.post('/api/v1/analyses', { title: unique('Skolans hemliga analys'), unit_id: school.id, scope_kind: 'unit', status: 'done' })).json;
  const other = (await cisoApi.post('/api/v1/analyses', { title: unique('Annan hemlig analys'), unit_id: school.id, scope_kind: 'unit', status: 'done' })).json;
  // the risk owner's own risk, pointed at the school's analysis by the CISO
  const risk = (await cisoApi.post('/api/v1/risks', { title: unique('Ägarens risk'), unit_id: school.id, likelihood: 2, consequence: 2, status: 'open', owner_id: agare.id, analysis_id: analysis.id })).json;
  const own = await api.agare.get(`/api/v1/risks/${risk.id}`);
  assert.equal(own.status, 200);
  assert.equal(own.json.analysis_id, analysis.id);
  assert.notEqual(own.json.analysis_id_name, analysis.title);
  assert.doesNotMatch((await ui.agare.get(`/risks/${risk.id}`)).text, new RegExp(analysis.title));
  assert.doesNotMatch((await ui.agare.get('/risks.csv')).text, new RegExp(analysis.title));
  assert.equal((await cisoApi.get(`/api/v1/risks/${risk.id}`)).json.analysis_id_name, analysis.title);
  // nor can she spell the title out by filtering on a typed name
  const probe = `/api/v1/risks?analysis_id=${encodeURIComponent('Skolans hemliga')}&limit=500`;
  assert.ok(!(await api.agare.all(probe)).some((x) => x.id === risk.id));
  assert.ok((await cisoApi.all(probe)).some((x) => x.id === risk.id));
  // the owner may not point her risk at another analysis she cannot read
  const p = await api.agare.patch(`/api/v1/risks/${risk.id}`, { analysis_id: other.id });
  assert.equal(p.status, 422, p.text);
  assert.ok(p.json.error.fields.analysis_id);
  assert.equal((await cisoApi.get(`/api/v1/risks/${risk.id}`)).json.analysis_id, analysis.id, 'nothing changed');
  // keeping the reference she was given is no error: her edit form saves
  const edit = await api.agare.patch(`/api/v1/risks/${risk.id}`, { analysis_id: analysis.id, description: 'Uppdaterad' });
  assert.equal(edit.status, 200, edit.text);
  // the CISO may
  assert.equal((await cisoApi.patch(`/api/v1/risks/${risk.id}`, { analysis_id: other.id })).status, 200);
});

test('meeting titles are not offered on /forum_items/new to those who may not see meetings', async () => {
  const meetings = await cisoApi.all('/api/v1/meetings?limit=500');
  assert.ok(meetings.length > 0);
  const title = meetings[0].title;
  for (const who of ['medarbetare', 'samordnare']) {
    const page = await ui[who].get('/forum_items/new');
    assert.doesNotMatch(page.text, new RegExp(`<option[^>]*>[^<]*${title}`), who);
  }
  assert.match((await ui.ciso.get('/forum_items/new')).text, new RegExp(`<option[^>]*>[^<]*${title}`));
});

test('inventory coverage counts only the analyses and answers the reader may see', async () => {
  const seen = async (who) => (await api[who].get('/api/v1/inventory-coverage')).json.total;
  const ciso = await seen('ciso');
  assert.ok(ciso.objects_risk_analysed > 0, 'the demo has analysed objects');
  assert.ok(ciso.requirements_met > 0);
  const employee = await seen('medarbetare');
  assert.equal(employee.objects, ciso.objects, 'objects are open to all');
  assert.equal(employee.objects_risk_analysed, 0);
  assert.equal(employee.requirements_met, 0);
  assert.equal(employee.requirements_applicable, 0);
  const revisor = await seen('revisor');
  assert.equal(revisor.objects_risk_analysed, ciso.objects_risk_analysed);
  assert.equal(revisor.requirements_met, ciso.requirements_met);
  // the samordnare: between the two
  const samordnare = await seen('samordnare');
  assert.ok(samordnare.requirements_met <= ciso.requirements_met);
});
