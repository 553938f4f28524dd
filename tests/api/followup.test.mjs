// Follow-up (issue 19): the internal audit — a programme per year, audits with what was
// checked, findings classified and turned into actions with one click, followed until
// closed — and the management review, whose inputs are counted live until it is held and
// then kept, the next one showing the change since.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, cisoApi, samordnareApi, employeeApi, employee, samordnare;
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  samordnare = await loggedIn(server.base, 'samordnare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  samordnareApi = await apiClient(server.base, 'samordnare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
});
after(async () => { await server.stop(); });

const unitNamed = async (name) =>
  (await cisoApi.get(`/api/v1/units?search=${encodeURIComponent(name)}`)).json.items.find((u) => u.name === name);
const personId = (email) => Number(sql(`SELECT id FROM person WHERE email = '${email}'`).trim());

// this year's programme: made once per tenant and year
async function programme() {
  const made = await cisoApi.post('/api/v1/audit_programmes', { year, title: `Egenkontroll ${year}` });
  if (made.status === 201) return made.json;
  return (await cisoApi.get(`/api/v1/audit_programmes?year=${year}`)).json.items[0];
}

async function auditIn(unitName, extra = {}) {
  const p = await programme();
  const unit = await unitNamed(unitName);
  const res = await cisoApi.post('/api/v1/internal_audits', {
    programme_id: p.id, title: unique('Behörigheter'), unit_id: unit.id, planned_on: `${year}-01-01`, status: 'planned', ...extra });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('a programme per year; an audit lies within its year and is held on a day that has passed', async () => {
  const p = await programme();
  const again = await cisoApi.post('/api/v1/audit_programmes', { year, title: 'En till' });
  assert.equal(again.status, 422);
  assert.ok(again.json.error.fields.year, again.text);
  const unit = await unitNamed('Socialförvaltningen');
  const before = Number(sql('SELECT COUNT(*) FROM internal_audit').trim());
  const outside = await cisoApi.post('/api/v1/internal_audits', {
    programme_id: p.id, title: 'Loggning', unit_id: unit.id, planned_on: `${year + 1}-03-01`, status: 'planned' });
  assert.equal(outside.status, 422);
  assert.ok(outside.json.error.fields.planned_on);
  const heldWithoutDay = await cisoApi.post('/api/v1/internal_audits', {
    programme_id: p.id, title: 'Loggning', unit_id: unit.id, planned_on: `${year}-01-01`, status: 'held' });
  assert.ok(heldWithoutDay.json.error.fields.held_on, heldWithoutDay.text);
  assert.equal(Number(sql('SELECT COUNT(*) FROM internal_audit').trim()), before, 'nothing written');
  const employeeTry = await employeeApi.post('/api/v1/internal_audits', {
    programme_id: p.id, title: 'Loggning', unit_id: unit.id, planned_on: `${year}-01-01`, status: 'planned' });
  assert.equal(employeeTry.status, 403);
  // the programme's page lists its audits (what, where, when, who)
  const audit = await auditIn('Socialförvaltningen');
  const page = await ciso.get(`/audit_programmes/${p.id}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(audit.title));
});

test('an audit checks requirements or styrdokument, one per row, in the audited unit', async () => {
  const audit = await auditIn('Socialförvaltningen');
  const requirement = (await cisoApi.get('/api/v1/requirements?limit=1')).json.items[0];
  const document = (await cisoApi.post('/api/v1/documents', { title: unique('Policy'), level: 'policy', status: 'utkast' })).json;
  const both = await cisoApi.post('/api/v1/audit_checks', { audit_id: audit.id, requirement_id: requirement.id, document_id: document.id });
  assert.equal(both.status, 422);
  assert.ok(both.json.error.fields.requirement_id);
  const neither = await cisoApi.post('/api/v1/audit_checks', { audit_id: audit.id });
  assert.equal(neither.status, 422);
  const check = await cisoApi.post('/api/v1/audit_checks', { audit_id: audit.id, requirement_id: requirement.id, note: 'Stickprov 5 konton' });
  assert.equal(check.status, 201, check.text);
  assert.equal(check.json.unit_id, audit.unit_id);
  const doc = await cisoApi.post('/api/v1/audit_checks', { audit_id: audit.id, document_id: document.id });
  assert.equal(doc.status, 201, doc.text);
  const page = await ciso.get(`/internal_audits/${audit.id}`);
  assert.ok(page.text.includes('Stickprov 5 konton'));
});

test('a finding is need-to-know, its reads recorded; it becomes an action with one click and is followed until closed', async () => {
  const audit = await auditIn('Socialförvaltningen');
  const bad = await cisoApi.post('/api/v1/audit_findings', { audit_id: audit.id, kind: 'fel', title: 'x' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.kind);
  const title = unique('Ingen logggranskning');
  const made = await cisoApi.post('/api/v1/audit_findings', {
    audit_id: audit.id, kind: 'deviation', title, description: 'Loggarna för ekonomisystemet granskas inte.' });
  assert.equal(made.status, 201, made.text);
  const finding = made.json;
  assert.equal(finding.status, 'open');
  assert.equal(finding.unit_id, audit.unit_id);

  // need-to-know: the employee in another unit does not see it; the samordnare of the
  // audited unit does, and the read is recorded
  assert.equal((await employeeApi.get(`/api/v1/audit_findings/${finding.id}`)).status, 404);
  assert.ok(!(await employeeApi.all('/api/v1/audit_findings?limit=500')).some((f) => f.id === finding.id));
  assert.ok(!(await employee.get(`/internal_audits/${audit.id}`)).text.includes(title));
  const reads = () => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity = 'audit_findings' AND entity_id = '${finding.id}'`).trim());
  const readsBefore = reads();
  assert.equal((await samordnareApi.get(`/api/v1/audit_findings/${finding.id}`)).status, 200);
  assert.ok(reads() > readsBefore, 'the read is in the audit log');

  // "Att göra": the finding waits for an action
  const todo = async (api) => (await api.get('/api/v1/todo')).json.items;
  assert.ok((await todo(samordnareApi)).some((i) => i.title === title && i.href.startsWith(`/audit_findings/${finding.id}`)));
  assert.ok(!(await todo(employeeApi)).some((i) => i.title === title));

  // one click: the finding's page opens the action form prefilled with it as the origin
  const page = await samordnare.get(`/audit_findings/${finding.id}`);
  assert.equal(page.status, 200);
  const href = page.text.match(/href="(\/actions\/new\?source_entity=audit_findings&amp;source_id=\d+[^"]*)"/);
  assert.ok(href, 'a create-action button');
  const form = await samordnare.get(href[1].replaceAll('&amp;', '&'));
  assert.equal(form.status, 200);
  assert.ok(form.text.includes(title), 'the form carries the finding');
  const action = await samordnareApi.post('/api/v1/actions', {
    title: `Åtgärda: ${title}`, unit_id: audit.unit_id, status: 'planned', source_entity: 'audit_findings', source_id: finding.id });
  assert.equal(action.status, 201, action.text);
  const actionPage = await samordnare.get(`/actions/${action.json.id}`);
  assert.ok(actionPage.text.includes(`href="/audit_findings/${finding.id}"`), 'the action links back to the finding');
  assert.ok((await samordnare.get(`/audit_findings/${finding.id}`)).text.includes(`/actions/${action.json.id}`), 'the finding lists its action');
  assert.ok(!(await todo(samordnareApi)).some((i) => i.title === title), 'no longer waiting for an action');

  // closing while the action is open needs a reason; without one nothing changes
  const closeEarly = await samordnareApi.patch(`/api/v1/audit_findings/${finding.id}`, { status: 'closed' });
  assert.equal(closeEarly.status, 422, closeEarly.text);
  assert.ok(closeEarly.json.error.fields.close_reason);
  assert.equal(sql(`SELECT status FROM audit_finding WHERE id = ${finding.id}`).trim(), 'open');
  const withReason = await samordnareApi.patch(`/api/v1/audit_findings/${finding.id}`, { status: 'closed', close_reason: 'Riskacceptans beslutad av ledningen' });
  assert.equal(withReason.status, 200, withReason.text);
  assert.equal(withReason.json.closed_on, today);
  // reopened, then closed once the action is done: no reason needed
  assert.equal((await samordnareApi.patch(`/api/v1/audit_findings/${finding.id}`, { status: 'open', close_reason: null })).status, 200);
  assert.equal((await samordnareApi.patch(`/api/v1/actions/${action.json.id}`, { status: 'done' })).status, 200);
  const closed = await samordnareApi.patch(`/api/v1/audit_findings/${finding.id}`, { status: 'closed' });
  assert.equal(closed.status, 200, closed.text);
});

test('an audit due or late is on the start page of whoever runs it', async () => {
  // the samordnare of Socialförvaltningen audits another förvaltning
  const audit = await auditIn('Barn- och utbildningsförvaltningen', { auditor_id: personId('samordnare@exempelkommun.se') });
  const items = (await samordnareApi.get('/api/v1/todo')).json.items;
  const item = items.find((i) => i.href === `/internal_audits/${audit.id}`);
  assert.ok(item, JSON.stringify(items));
  assert.equal(item.due, `${year}-01-01`);
  // held, it is no longer due
  assert.equal((await samordnareApi.patch(`/api/v1/internal_audits/${audit.id}`, { status: 'held', held_on: today })).status, 200);
  assert.ok(!(await samordnareApi.get('/api/v1/todo')).json.items.some((i) => i.href === `/internal_audits/${audit.id}`));
});

test('the management review: inputs from live data, kept when held, the next shows the change; decisions become actions; a PDF', async () => {
  const first = await cisoApi.post('/api/v1/management_reviews', { title: unique('Ledningens genomgång'), planned_on: today });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.status, 'planned');
  assert.equal(first.json.snapshot, null);
  const decision = await cisoApi.post('/api/v1/review_decisions', { review_id: first.json.id, decision: 'Inför logggranskning i alla förvaltningar' });
  assert.equal(decision.status, 201, decision.text);
  const livePage = await ciso.get(`/management_reviews/${first.json.id}`);
  assert.equal(livePage.status, 200);
  assert.match(livePage.text, /id="rf-findings_open"/);
  assert.match(livePage.text, /href="\/actions\/new\?source_entity=review_decisions&amp;source_id=\d+/, 'a decision becomes an action');

  const held = await cisoApi.patch(`/api/v1/management_reviews/${first.json.id}`, { status: 'held' });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.held_on, today);
  const kept = JSON.parse(held.json.snapshot);
  const openFindings = Number(sql("SELECT COUNT(*) FROM audit_finding WHERE status = 'open'").trim());
  assert.equal(kept.figures.findings_open, openFindings);
  assert.ok(Number.isInteger(kept.figures.risks_open));

  // a new finding: the held review keeps its figure, a new review shows the change
  const audit = await auditIn('Socialförvaltningen');
  assert.equal((await cisoApi.post('/api/v1/audit_findings', { audit_id: audit.id, kind: 'observation', title: unique('Gamla konton') })).status, 201);
  const cell = (html, key, cls) => html.match(new RegExp(`id="rf-${key}"[^]*?<td class="${cls}">([^<]*)<`))[1];
  assert.equal(cell((await ciso.get(`/management_reviews/${first.json.id}`)).text, 'findings_open', 'now'), String(openFindings));
  const second = await cisoApi.post('/api/v1/management_reviews', { title: unique('Ledningens genomgång'), planned_on: today });
  const secondPage = (await ciso.get(`/management_reviews/${second.json.id}`)).text;
  assert.equal(cell(secondPage, 'findings_open', 'now'), String(openFindings + 1));
  assert.equal(cell(secondPage, 'findings_open', 'before'), String(openFindings));
  assert.equal(cell(secondPage, 'findings_open', 'change'), '+1');
  assert.equal(cell(secondPage, 'decisions_earlier', 'now'), String(Number(sql(
    "SELECT COUNT(*) FROM review_decision d JOIN management_review m ON m.id = d.review_id WHERE m.status = 'held'").trim())));

  // what was presented stays presented
  const undo = await cisoApi.patch(`/api/v1/management_reviews/${first.json.id}`, { status: 'planned' });
  assert.equal(undo.status, 422);
  assert.ok(undo.json.error.fields.status);

  // the PDF for kommunstyrelsen; the review is need-to-know
  const pdf = await ciso.get(`/management_reviews/${first.json.id}/report.pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  assert.ok(pdf.text.startsWith('%PDF'));
  assert.equal((await employee.get(`/management_reviews/${first.json.id}/report.pdf`)).status, 404);
  assert.equal((await employeeApi.get(`/api/v1/management_reviews/${first.json.id}`)).status, 404);
  assert.equal((await employeeApi.post('/api/v1/management_reviews', { title: 'x', planned_on: today })).status, 403);
});

test('the menu\'s "Uppföljning" leads the CISO and the ledning to the audit and the review; not an employee', async () => {
  const nav = async (browser) => ((await browser.get('/home')).text.match(/<nav class="main"[\s\S]*?<\/nav>/) || [''])[0];
  const followUp = (n) => n.slice(n.indexOf('>Uppföljning<'));
  const cisoNav = followUp(await nav(ciso));
  assert.match(cisoNav, /href="\/audit_programmes">Egenkontroll</);
  assert.match(cisoNav, /href="\/management_reviews">Ledningens genomgång</);
  const ledning = await loggedIn(server.base, 'ledning@exempelkommun.se');
  assert.match(followUp(await nav(ledning)), /href="\/management_reviews"/);
  const employeeNav = await nav(employee);
  assert.doesNotMatch(employeeNav, /audit_programmes|management_reviews/);
  // the lists answer in both languages
  assert.equal((await ciso.get('/audit_findings')).status, 200);
  assert.equal((await ciso.get('/management_reviews')).status, 200);
});

test('maturity per SKR area: yes then a level, once per area and year, beside the 2019 national shares; need-to-know', async () => {
  const y = 2031; // a year of its own, so reruns on one database start clean
  sql(`DELETE FROM maturity_answer WHERE year = ${y}`);
  const noLevel = await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'risks', answered_yes: true });
  assert.equal(noLevel.status, 422);
  assert.ok(noLevel.json.error.fields.level);
  const levelForNo = await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'risks', answered_yes: false, level: 2 });
  assert.ok(levelForNo.json.error.fields.level);
  const tooHigh = await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'risks', answered_yes: true, level: 5 });
  assert.ok(tooHigh.json.error.fields.level);
  const risks = await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'risks', answered_yes: true, level: 2, evidence: '/risks?status=open' });
  assert.equal(risks.status, 201, risks.text);
  const twice = await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'risks', answered_yes: false });
  assert.equal(twice.status, 422);
  assert.ok(twice.json.error.fields.area);
  assert.equal((await cisoApi.post('/api/v1/maturity_answers', { year: y, area: 'followup', answered_yes: false })).status, 201);

  const profile = await cisoApi.get(`/api/v1/maturity?year=${y}`);
  assert.equal(profile.status, 200, profile.text);
  assert.equal(profile.json.answered_yes, 1);
  assert.equal(profile.json.national_mean_yes_2019, 4.1);
  const area = (code) => profile.json.areas.find((a) => a.area === code);
  const answer = (a) => ({ area: a.area, national_yes_share_2019: a.national_yes_share_2019, answered_yes: a.answered_yes, level: a.level });
  assert.deepEqual(answer(area('risks')), { area: 'risks', national_yes_share_2019: 0.5, answered_yes: true, level: 2 });
  assert.deepEqual(answer(area('followup')), { area: 'followup', national_yes_share_2019: 0.2, answered_yes: false, level: null });
  assert.equal(area('ciso').answered_yes, null);
  assert.equal(profile.json.areas.length, 10);

  const page = await ciso.get(`/maturity?year=${y}`);
  assert.equal(page.status, 200);
  const row = (code) => (page.text.match(new RegExp(`<tr id="mat-${code}">[\\s\\S]*?</tr>`)) || [''])[0];
  assert.match(row('risks'), /5 av 10 kommuner/);
  assert.match(row('risks'), /Ja, 2 – Definierad, delvis tillämpad/);
  assert.match(row('followup'), /2 av 10 kommuner[\s\S]*Nej/);
  assert.match(row('ciso'), /Inte besvarat[\s\S]*href="\/maturity_answers\/new\?year=2031&amp;area=ciso"/);
  assert.match(page.text, /Ja på 1 av 10 områden\. Kommunerna i riket 2019: i snitt ja på 4,1 av 10\./);

  // the answers name the weakest areas: not for an employee, nor a samordnare of one förvaltning
  assert.equal((await employee.get(`/maturity?year=${y}`)).status, 404);
  assert.equal((await employeeApi.get(`/api/v1/maturity?year=${y}`)).status, 404);
  assert.equal((await employeeApi.get(`/api/v1/maturity_answers/${risks.json.id}`)).status, 404);
  assert.equal((await samordnareApi.get(`/api/v1/maturity?year=${y}`)).status, 404);
  assert.equal((await employeeApi.post('/api/v1/maturity_answers', { year: y, area: 'ciso', answered_yes: true, level: 1 })).status, 403);
});

test('lis suggests a level per area from its own data and says why; each figure is the rows of its list', async () => {
  const profile = async () => (await cisoApi.get('/api/v1/maturity?year=2032')).json;
  const area = (p, code) => p.areas.find((a) => a.area === code);
  let p = await profile();
  let compared = 0;
  for (const a of p.areas) {
    assert.ok(a.suggested_level >= 0 && a.suggested_level <= 4, a.area);
    // below 4 lis says why; at 4 there is nothing to say
    assert.equal(a.suggestion_reasons.length === 0, a.suggested_level === 4, `${a.area}: ${a.suggestion_reasons}`);
    for (const [key, f] of Object.entries(a.suggestion_figures)) {
      assert.ok(f, `${a.area}/${key} is counted for the CISO`);
      if (!/\?/.test(f.href)) continue; /* the lägesbild's coverage figures */
      const rows = await cisoApi.all(`/api/v1${f.href}&limit=500`);
      assert.equal(rows.length, f.value, `${a.area}/${key}: ${f.href}`);
      compared++;
    }
  }
  assert.ok(compared >= 30, `${compared} figures compared`);
  // this file held an audit in a programme this year, and a management review
  const followup = area(p, 'followup');
  assert.ok(followup.suggestion_figures.audits_held.value >= 1);
  assert.equal(followup.suggested_level, 4, JSON.stringify(followup));

  // the data moves the suggestion: a data processing agreement lifts procurement past "no PUB"
  const noPub = /Inga personuppgiftsbiträdesavtal är registrerade/;
  const proc = area(p, 'procurement');
  assert.equal(proc.suggestion_reasons.some((r) => noPub.test(r)), proc.suggestion_figures.pub_agreements.value === 0);
  const supplier = (await cisoApi.all('/api/v1/suppliers?limit=500'))[0];
  assert.ok(supplier, 'the demo has suppliers');
  const pub = await cisoApi.post('/api/v1/agreements', { title: unique('PUB hemtjänst'), kind: 'pub', supplier_id: supplier.id });
  assert.equal(pub.status, 201, pub.text);
  p = await profile();
  assert.equal(area(p, 'procurement').suggestion_figures.pub_agreements.value, proc.suggestion_figures.pub_agreements.value + 1);
  assert.ok(!area(p, 'procurement').suggestion_reasons.some((r) => noPub.test(r)));

  // the page: the suggestion beside the answer, why not higher, and one click to answer with it
  const page = await ciso.get('/maturity?year=2032');
  const row = (code) => (page.text.match(new RegExp(`<tr id="mat-${code}">[\\s\\S]*?</tr>`)) || [''])[0];
  assert.match(page.text, /<th scope="col">lis föreslår<\/th>/);
  assert.match(row('followup'), /4 – Följs upp och förbättras[\s\S]*Allt lis räknar på håller\./);
  assert.match(row('followup'), /href="\/maturity_answers\/new\?year=2032&amp;area=followup&amp;answered_yes=1&amp;level=4"/);
  const low = p.areas.find((a) => a.suggested_level < 4);
  assert.ok(low, 'some area is below 4 in the demo');
  assert.match(row(low.area), /<details><summary>Därför inte högre/);
  const form = await ciso.get(`/maturity_answers/new?year=2032&area=followup&answered_yes=1&level=4`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="4" selected/);
});

test('the review\'s objectives: each goal of the year\'s handlingsplan and how far its actions are done, and the training share, kept and compared', async () => {
  const year = Number(today.slice(0, 4));
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const unit = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
  const goal = unique('Alla system med känsliga personuppgifter har MFA');
  const make = async (status, end) => {
    const r = await cisoApi.post('/api/v1/actions', { title: unique('MFA'), goal: `  ${goal} `, unit_id: unit.id, status, plan_year: year, end_date: end });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  await make('done', yesterday);
  await make('planned', yesterday); // late
  await make('cancelled', yesterday); // not counted
  const review = await cisoApi.post('/api/v1/management_reviews', { title: unique('Ledningens genomgång'), planned_on: today });
  const page = (await ciso.get(`/management_reviews/${review.json.id}`)).text;
  assert.match(page, /Årets mål i handlingsplanen/);
  const row = page.slice(page.indexOf(goal)).slice(0, 400);
  assert.match(row, /<td class="num">1\/2<\/td><td class="num"><strong>1<\/strong><\/td>/);
  assert.match(page, /id="rf-training_share"/);
  const held = await cisoApi.patch(`/api/v1/management_reviews/${review.json.id}`, { status: 'held' });
  assert.equal(held.status, 200, held.text);
  const kept = JSON.parse(held.json.snapshot);
  assert.deepEqual(kept.goals.find((g) => g.goal === goal), { goal, total: 2, done: 1, late: 1 });
  assert.ok(kept.figures.goal_actions >= 2 && kept.figures.goal_actions_late >= 1);
  assert.ok(Number.isInteger(kept.figures.training_share) && kept.figures.training_reached >= kept.figures.training_done);
  assert.ok(Number.isInteger(kept.figures.org_wide_gaps));
  // the next review: the goal's progress beside the one before
  await make('done', today);
  const next = await cisoApi.post('/api/v1/management_reviews', { title: unique('Ledningens genomgång'), planned_on: today });
  const nextPage = (await ciso.get(`/management_reviews/${next.json.id}`)).text;
  assert.match(nextPage.slice(nextPage.indexOf(goal)).slice(0, 400), /<td class="num">2\/3<\/td><td class="num"><strong>1<\/strong><\/td><td class="num">1\/2<\/td>/);
  const pdf = await ciso.get(`/management_reviews/${review.json.id}/report.pdf`);
  assert.equal(pdf.status, 200);
});
