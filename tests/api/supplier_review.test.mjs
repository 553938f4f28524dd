// Suppliers followed up (issue 18 points 3 and 4): the SKA annex lis writes for a tender
// comes back with the supplier's answers and is imported (every bad row named, nothing
// half-written), the gaps become actions or accepted risks; a supplier review with its
// questions and findings (a finding becomes an action) moves the next review date, which
// shows overdue; certifications with their expiry flagged; an incident names the supplier
// and shows its incident contact; answers and findings are need-to-know.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { xlsx } from './xlsx-write.mjs';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';

let server, ciso, cisoApi, employeeApi, employee, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  social = (await cisoApi.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => { await server.stop(); });

const count = (where) => Number(sql(`SELECT COUNT(*) FROM supplier_answer WHERE ${where}`).trim());
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const supplier = async (fields = {}) => {
  const r = await cisoApi.post('/api/v1/suppliers', { name: unique('Leverantör'), incident_contact: 'Jouren', incident_phone: '+46 8 555 000 99', ...fields });
  assert.equal(r.status, 201, r.text);
  return r.json;
};

// The annex of an object with SKA requirements, as the workbook lis writes.
async function annexBook() {
  for (const o of await cisoApi.all('/api/v1/objects?limit=50')) {
    const file = await download(ciso, `/objects/${o.id}/annex.xlsx`);
    if (file.status !== 200) continue;
    const book = readXlsx(file.bytes);
    const header = book.rows.findIndex((r) => r[0] === 'Kod');
    if (book.rows.length - header - 1 >= 4) return { book, header };
  }
  throw new Error('no object with four SKA requirements');
}

test('the annex comes back: answers imported, a bad row refused with nothing written', async () => {
  const { book, header } = await annexBook();
  assert.deepEqual(book.rows[header].slice(3), ['Leverantörens svar (uppfyllt / delvis / ej uppfyllt)', 'Kommentar']);
  assert.match(book.sheetXml, /<dataValidation[^>]*type="list"/, 'the answer column offers the allowed words');
  const codes = book.rows.slice(header + 1).map((r) => r[0]);
  const s = await supplier();
  // the supplier fills in four answers in Swedish and English; one code is unknown, one answer is not a word lis knows
  const filled = (extra) => {
    const rows = book.rows.map((r) => r.map(String));
    const at = (i) => rows[header + 1 + i];
    at(0)[3] = 'Uppfyllt';
    at(1)[3] = 'delvis'; at(1)[4] = 'Loggar sparas 3 månader, inte 12';
    at(2)[3] = 'not met'; at(2)[4] = 'Ingen tvåfaktorsinloggning';
    at(3)[3] = 'EJ UPPFYLLT';
    return xlsx([...rows, ...extra]);
  };
  const bad = filled([['XYZ-99', 'Påhittat krav', '', 'met', ''], [codes[4] ?? codes[0], 'x', '', 'kanske', '']]);
  const refused = await cisoApi.call('POST', `/api/v1/suppliers/${s.id}/annex-import`, undefined, { raw: bad, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.json.error.message, /2 rows cannot be imported; nothing was imported/);
  const lines = book.rows.length;
  assert.deepEqual(refused.json.error.rows.map((r) => [r.line, r.code, r.problem]),
    [[lines + 1, 'XYZ-99', 'Unknown requirement'], [lines + 2, codes[4] ?? codes[0], 'The answer must be met, partly or not met']]);
  assert.equal(count(`supplier_id = ${s.id}`), 0, 'nothing half-written');

  const good = filled([]);
  const preview = await cisoApi.call('POST', `/api/v1/suppliers/${s.id}/annex-import?preview=1`, undefined, { raw: good, contentType: 'application/octet-stream' });
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.new, 4);
  assert.equal(count(`supplier_id = ${s.id}`), 0, 'a preview writes nothing');
  const done = await cisoApi.call('POST', `/api/v1/suppliers/${s.id}/annex-import`, undefined, { raw: good, contentType: 'application/octet-stream' });
  assert.equal(done.status, 201, done.text);
  assert.equal(done.json.new, 4);
  assert.equal(done.json.unanswered, codes.length - 4);
  const answers = await cisoApi.all(`/api/v1/supplier_answers?supplier_id=${s.id}`);
  const byCode = Object.fromEntries(answers.map((a) => [a.requirement_id_label ?? a.title, a]));
  assert.equal(answers.length, 4);
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, ['met', 'not_met', 'not_met', 'partly']);
  assert.ok(answers.some((a) => a.comment === 'Loggar sparas 3 månader, inte 12' && a.status === 'partly'), JSON.stringify(byCode));
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'supplier_answers' AND action = 'import'").trim()) >= 1);
  // imported again with one answer changed: updated, not doubled
  const again = book.rows.map((r) => r.map(String));
  again[header + 1][3] = 'delvis';
  const second = await cisoApi.call('POST', `/api/v1/suppliers/${s.id}/annex-import`, undefined, { raw: xlsx(again), contentType: 'application/octet-stream' });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.updated, 1);
  assert.equal(count(`supplier_id = ${s.id}`), 4);

  // an employee neither reads the answers nor imports
  assert.equal((await employeeApi.all(`/api/v1/supplier_answers?supplier_id=${s.id}`)).length, 0);
  assert.equal((await employeeApi.get(`/api/v1/supplier_answers/${answers[0].id}`)).status, 404);
  assert.equal((await employeeApi.call('POST', `/api/v1/suppliers/${s.id}/annex-import`, undefined, { raw: good, contentType: 'application/octet-stream' })).status, 403);
  const page = (await employee.get(`/suppliers/${s.id}`)).text;
  assert.doesNotMatch(page, /Brister i leverantörens svar|Loggar sparas/);
  assert.doesNotMatch(page, /annex-import/);
});

test('through the page: the returned annex previewed row by row, then imported; a gap becomes an action or an accepted risk', async () => {
  const { book, header } = await annexBook();
  const s = await supplier();
  const agr = (await cisoApi.post('/api/v1/agreements', { title: unique('Driftavtal'), kind: 'avtal', supplier_id: s.id })).json;
  const rows = book.rows.map((r) => r.map(String));
  rows[header + 1][3] = 'partly'; rows[header + 1][4] = 'Säkerhetskopior testas inte';
  rows[header + 2][3] = 'nja';
  const refused = await ciso.upload(`/suppliers/${s.id}/annex-import`, { agreement_id: String(agr.id) }, 'file', 'bilaga.xlsx', xlsx(rows));
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Filen kan inte importeras. Ingenting har sparats./);
  assert.match(refused.text, new RegExp(`<tr class="error"><td>${header + 3}</td><td>${rows[header + 2][0]}</td><td>nja</td><td></td><td>Svaret ska vara uppfyllt, delvis eller ej uppfyllt</td></tr>`));
  assert.doesNotMatch(refused.text, /name="step" value="import"/);
  rows[header + 2][3] = 'uppfyllt';
  const preview = await ciso.upload(`/suppliers/${s.id}/annex-import`, { agreement_id: String(agr.id) }, 'file', 'bilaga.xlsx', xlsx(rows));
  assert.equal(preview.status, 200, preview.text);
  assert.equal(count(`supplier_id = ${s.id}`), 0, 'a preview writes nothing');
  const upload = preview.text.match(/name="upload" value="(\d+)"/)[1];
  const done = await ciso.post(`/suppliers/${s.id}/annex-import`, { step: 'import', upload });
  assert.equal(done.status, 200, done.text);
  assert.match(done.text, /Importen är klar/);
  assert.equal(count(`supplier_id = ${s.id} AND agreement_id = ${agr.id}`), 2, 'recorded for the agreement');
  assert.equal((await ciso.post(`/suppliers/${s.id}/annex-import`, { step: 'import', upload })).status, 404, 'not twice');

  const page = (await ciso.get(`/suppliers/${s.id}`)).text;
  assert.match(page, /Brister i leverantörens svar \(1\)/);
  const gapId = page.match(/href="\/supplier_answers\/(\d+)">/)[1];
  const answerPage = (await ciso.get(`/supplier_answers/${gapId}`)).text;
  const make = answerPage.match(/href="(\/actions\/new\?source_entity=supplier_answers&amp;source_id=\d+&amp;title=[^"]+)"/);
  assert.ok(make, 'a "Skapa åtgärd" button for the gap');
  assert.match(answerPage, /href="\/risks\/new\?source_entity=supplier_answers&amp;source_id=\d+&amp;title=[^"]+&amp;treatment=accept&amp;status=accepted"[^>]*>Acceptera som risk/);
  const form = await ciso.get(make[1].replaceAll('&amp;', '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`value="${s.name}: `));
  const action = await cisoApi.post('/api/v1/actions', { title: 'Kräv återläsningsprov', unit_id: social.id, status: 'planned', source_entity: 'supplier_answers', source_id: Number(gapId) });
  assert.equal(action.status, 201, action.text);
  assert.match((await ciso.get(`/supplier_answers/${gapId}`)).text, /Kräv återläsningsprov/);
  // the employee may not make an action from an answer she cannot read
  assert.equal((await employeeApi.post('/api/v1/actions', { title: 'x', unit_id: social.id, status: 'planned', source_entity: 'supplier_answers', source_id: Number(gapId) })).status >= 400, true);
});

test('a supplier review: the next one falls due after the interval, a finding becomes an action', async () => {
  const s = await supplier({ review_months: 6 });
  assert.equal(s.review_months, 6);
  const dflt = await supplier();
  assert.equal(dflt.review_months, 12, 'yearly by default');
  const noDate = await cisoApi.post('/api/v1/supplier_reviews', { title: 'Årlig uppföljning', supplier_id: s.id, status: 'held' });
  assert.equal(noDate.status, 422);
  assert.ok(noDate.json.error.fields.held_on);
  // planned in the past and not held: the supplier's review is overdue
  const planned = await cisoApi.post('/api/v1/supplier_reviews', { title: 'Uppföljning 2026', supplier_id: s.id, status: 'planned', planned_on: day(-10) });
  assert.equal(planned.status, 201, planned.text);
  let sup = (await cisoApi.get(`/api/v1/suppliers/${s.id}`)).json;
  assert.equal(sup.next_review, day(-10));
  assert.equal(sup.overdue, true);
  assert.ok((await cisoApi.all('/api/v1/suppliers?overdue=1&limit=500')).some((x) => x.id === s.id));
  // questions: an SKA requirement or the tenant's own text
  const req = (await cisoApi.all('/api/v1/requirements?kind=SKA&limit=5'))[0];
  assert.equal((await cisoApi.post('/api/v1/supplier_review_questions', { review_id: planned.json.id, requirement_id: req.id, answer: 'Vi testar återläsning kvartalsvis', evidence: 'Testrapport 2026-Q3', status: 'met' })).status, 201);
  assert.equal((await cisoApi.post('/api/v1/supplier_review_questions', { review_id: planned.json.id, question: 'Hur hanteras underbiträden?', answer: 'Ingen lista finns', status: 'not_met' })).status, 201);
  const empty = await cisoApi.post('/api/v1/supplier_review_questions', { review_id: planned.json.id });
  assert.equal(empty.status, 422);
  // held: next review six months after
  const held = await cisoApi.patch(`/api/v1/supplier_reviews/${planned.json.id}`, { status: 'held', held_on: '2026-11-15' });
  assert.equal(held.status, 200, held.text);
  sup = (await cisoApi.get(`/api/v1/suppliers/${s.id}`)).json;
  assert.equal(sup.next_review, '2027-05-15');
  // a finding from the review
  const finding = await cisoApi.post('/api/v1/supplier_findings', { title: 'Ingen förteckning över underbiträden', review_id: planned.json.id, severity: 'high' });
  assert.equal(finding.status, 201, finding.text);
  assert.equal(finding.json.supplier_id, s.id, 'the supplier from the review');
  assert.equal(finding.json.status, 'open');
  const fpage = (await ciso.get(`/supplier_findings/${finding.json.id}`)).text;
  const make = fpage.match(/href="(\/actions\/new\?source_entity=supplier_findings&amp;source_id=\d+&amp;title=[^"]+)"/);
  assert.ok(make, 'a "Skapa åtgärd" button for the finding');
  const action = await cisoApi.post('/api/v1/actions', { title: 'Begär förteckning över underbiträden', unit_id: social.id, status: 'planned', source_entity: 'supplier_findings', source_id: finding.json.id });
  assert.equal(action.status, 201, action.text);
  assert.match((await ciso.get(`/supplier_findings/${finding.json.id}`)).text, /Begär förteckning över underbiträden/);
  const page = (await ciso.get(`/suppliers/${s.id}`)).text;
  assert.match(page, /Öppna iakttagelser \(1\)/);
  assert.match(page, /Uppföljning 2026/);
  // need-to-know: the employee reads the review, not its questions and findings
  assert.equal((await employeeApi.get(`/api/v1/supplier_reviews/${planned.json.id}`)).status, 200);
  assert.equal((await employeeApi.get(`/api/v1/supplier_findings/${finding.json.id}`)).status, 404);
  assert.equal((await employeeApi.all(`/api/v1/supplier_review_questions?review_id=${planned.json.id}`)).length, 0);
  const epage = (await employee.get(`/suppliers/${s.id}`)).text;
  assert.doesNotMatch(epage, /Ingen förteckning över underbiträden|Öppna iakttagelser/);
  assert.equal((await employeeApi.post('/api/v1/supplier_findings', { title: 'x', supplier_id: s.id, severity: 'low' })).status, 403);
});

test('certifications seen, expired or expiring within 60 days flagged', async () => {
  const s = await supplier();
  const soon = await cisoApi.post('/api/v1/supplier_certifications', { supplier_id: s.id, standard: 'iso27001', scope: 'Drift av datacenter', seen_on: day(-300), expires_on: day(30) });
  assert.equal(soon.status, 201, soon.text);
  assert.equal((await cisoApi.post('/api/v1/supplier_certifications', { supplier_id: s.id, standard: 'soc2', seen_on: day(-400), expires_on: day(-1) })).status, 201);
  assert.equal((await cisoApi.post('/api/v1/supplier_certifications', { supplier_id: s.id, standard: 'iso22301', seen_on: day(-10), expires_on: day(400) })).status, 201);
  const wrong = await cisoApi.post('/api/v1/supplier_certifications', { supplier_id: s.id, standard: 'iso9001', seen_on: day(-1), expires_on: day(-5) });
  assert.equal(wrong.status, 422);
  assert.ok(wrong.json.error.fields.expires_on);
  const page = (await employee.get(`/suppliers/${s.id}`)).text;
  assert.match(page, /ISO\/IEC 27001<\/a> · Drift av datacenter · Giltigt till [\d-]+ <strong class="badge warning">Går ut inom 60 dagar/);
  assert.match(page, /SOC 2<\/a> · Giltigt till [\d-]+ <strong class="badge overdue">Har gått ut/);
  assert.match(page, /ISO 22301<\/a> · Giltigt till [\d-]+<\/li>/);
  const expired = await cisoApi.all(`/api/v1/supplier_certifications?supplier_id=${s.id}&overdue=1`);
  assert.deepEqual(expired.map((c) => c.standard), ['soc2']);
});

test('an incident names the supplier; its page shows the supplier\'s incident contact', async () => {
  const s = await supplier({ incident_contact: 'Driftjouren dygnet runt', incident_phone: '+46 8 123 456 78' });
  const inc = await cisoApi.post('/api/v1/incidents', { title: 'Driftstörning hos leverantören', what_happened: 'Tjänsten låg nere.', discovered_at: '2026-11-20T08:00:00Z' });
  assert.equal(inc.status, 201, inc.text);
  const named = await cisoApi.patch(`/api/v1/incidents/${inc.json.id}`, { supplier_id: s.id });
  assert.equal(named.status, 200, named.text);
  assert.equal(named.json.supplier_id, s.id);
  const page = (await ciso.get(`/incidents/${inc.json.id}`)).text;
  assert.match(page, /Leverantör som incidenten gäller/);
  assert.match(page, /Driftjouren dygnet runt/);
  assert.match(page, /href="tel:\+46 8 123 456 78"/);
  assert.ok((await cisoApi.all(`/api/v1/incidents?supplier_id=${s.id}`)).some((i) => i.id === inc.json.id));
});
test('a risk analysis names its suppliers; the supplier\'s page shows their risks within read scope', async () => {
  const s = await supplier();
  const analysis = await cisoApi.post('/api/v1/analyses', { title: unique('Riskanalys driftleverantör'), unit_id: social.id, scope_kind: 'unit', status: 'ongoing' });
  assert.equal(analysis.status, 201, analysis.text);
  const link = await cisoApi.post('/api/v1/analysis_suppliers', { analysis_id: analysis.json.id, supplier_id: s.id, note: 'Deltog i analysen' });
  assert.equal(link.status, 201, link.text);
  assert.equal(link.json.unit_id, social.id, 'the unit of the analysis');
  const twice = await cisoApi.post('/api/v1/analysis_suppliers', { analysis_id: analysis.json.id, supplier_id: s.id });
  assert.equal(twice.status, 422);
  const risk = await cisoApi.post('/api/v1/risks', { title: unique('Leverantörens driftstopp'), unit_id: social.id, analysis_id: analysis.json.id, likelihood: 3, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);
  const page = (await ciso.get(`/suppliers/${s.id}`)).text;
  assert.match(page, /Risker i leverantörens riskanalyser \(1\)/);
  assert.match(page, new RegExp(`href="/risks/${risk.json.id}">${risk.json.title}</a>`));
  assert.match((await ciso.get(`/analyses/${analysis.json.id}`)).text, new RegExp(s.name));
  // the employee reads neither the risk nor the link
  const epage = (await employee.get(`/suppliers/${s.id}`)).text;
  assert.doesNotMatch(epage, new RegExp(risk.json.title));
  assert.match(epage, /Risker i leverantörens riskanalyser \(0\)/);
  assert.equal((await employeeApi.all(`/api/v1/analysis_suppliers?supplier_id=${s.id}`)).length, 0);
  // nor adds one: the analysis is not hers to name (refused as a reference she cannot read)
  const denied = await employeeApi.post('/api/v1/analysis_suppliers', { analysis_id: analysis.json.id, supplier_id: s.id, note: 'x' });
  assert.ok([403, 422].includes(denied.status), denied.text);
  assert.equal(sql(`SELECT COUNT(*) FROM analysis_supplier WHERE supplier_id = ${s.id}`).trim(), '1');
});

test('an exit plan per critical supplier, shown with the continuity plan of its systems\' object', async () => {
  const s = await supplier({ critical: true });
  assert.equal(s.critical, true);
  const object = (await cisoApi.post('/api/v1/objects', { name: unique('Verksamhetssystem'), unit_id: social.id, status: 'operation' })).json;
  const sys = await cisoApi.post('/api/v1/systems', { name: unique('Journalsystem'), unit_id: social.id, status: 'operation', object_id: object.id, supplier_id: s.id });
  assert.equal(sys.status, 201, sys.text);
  const plan = await cisoApi.post('/api/v1/continuity_plans', { name: unique('Kontinuitetsplan journal'), object_id: object.id });
  assert.equal(plan.status, 201, plan.text);
  let planPage = (await ciso.get(`/continuity_plans/${plan.json.id}`)).text;
  assert.match(planPage, /Leverantörernas exitplaner/);
  assert.match(planPage, new RegExp(`${s.name}</a> \\(kritisk\\): <strong class="badge warning">Exitplan saknas`));
  assert.match((await ciso.get(`/suppliers/${s.id}`)).text, /Leverantören är kritisk men har ingen exitplan/);
  const future = await cisoApi.post('/api/v1/supplier_exit_plans', { title: 'Exit', supplier_id: s.id, data_export: 'Journaler', tested_on: day(5) });
  assert.equal(future.status, 422);
  assert.ok(future.json.error.fields.tested_on);
  const missing = await cisoApi.post('/api/v1/supplier_exit_plans', { title: 'Exit', supplier_id: s.id });
  assert.equal(missing.status, 422);
  assert.ok(missing.json.error.fields.data_export);
  const exit = await cisoApi.post('/api/v1/supplier_exit_plans', { title: 'Exit från journalsystemet', supplier_id: s.id,
    data_export: 'Alla journaler och loggar exporteras av leverantören', data_format: 'XML enligt standard', time_needed: '3 månader', test_due: day(-3) });
  assert.equal(exit.status, 201, exit.text);
  assert.equal(exit.json.overdue, true, 'the test date has passed');
  planPage = (await ciso.get(`/continuity_plans/${plan.json.id}`)).text;
  assert.match(planPage, /Exit från journalsystemet<\/a> · XML enligt standard · 3 månader · Nästa test [\d-]+ <strong class="badge overdue">Testet är försenat/);
  assert.doesNotMatch(planPage, /Exitplan saknas/);
  assert.doesNotMatch((await ciso.get(`/suppliers/${s.id}`)).text, /har ingen exitplan/);
  assert.equal((await employeeApi.post('/api/v1/supplier_exit_plans', { title: 'x', supplier_id: s.id, data_export: 'x' })).status, 403);
});

test('a review\'s questions from the SKA requirements that apply to the supplier\'s systems', async () => {
  // a demo supplier whose systems hold classified information
  let demo = null;
  for (const x of await cisoApi.all('/api/v1/suppliers?limit=100')) {
    if (/class="level-\d"/.test((await ciso.get(`/suppliers/${x.id}`)).text)) { demo = x; break; }
  }
  assert.ok(demo, 'a demo supplier with a protection need');
  const review = (await cisoApi.post('/api/v1/supplier_reviews', { title: unique('Uppföljning med krav'), supplier_id: demo.id, status: 'planned', planned_on: day(30) })).json;
  const page = (await ciso.get(`/supplier_reviews/${review.id}`)).text;
  assert.match(page, /action="\/supplier_reviews\/\d+\/questions"/);
  const added = await cisoApi.post(`/api/v1/supplier_reviews/${review.id}/questions`);
  assert.equal(added.status, 200, added.text);
  const questions = await cisoApi.all(`/api/v1/supplier_review_questions?review_id=${review.id}`);
  assert.ok(questions.length > 3, `${questions.length} questions`);
  const ska = new Set((await cisoApi.all('/api/v1/requirements?kind=SKA&limit=500')).map((q) => q.id));
  assert.ok(questions.every((q) => ska.has(q.requirement_id)), 'SKA requirements only');
  await cisoApi.post(`/api/v1/supplier_reviews/${review.id}/questions`);
  assert.equal((await cisoApi.all(`/api/v1/supplier_review_questions?review_id=${review.id}`)).length, questions.length, 'none twice');
  // a supplier without classified systems: no requirement applies
  const bare = await supplier();
  const none = (await cisoApi.post('/api/v1/supplier_reviews', { title: unique('Uppföljning utan system'), supplier_id: bare.id, status: 'planned', planned_on: day(30) })).json;
  assert.equal((await cisoApi.post(`/api/v1/supplier_reviews/${none.id}/questions`)).status, 200);
  assert.equal((await cisoApi.all(`/api/v1/supplier_review_questions?review_id=${none.id}`)).length, 0);
  // the employee adds none
  assert.ok([403, 404].includes((await employeeApi.post(`/api/v1/supplier_reviews/${review.id}/questions`)).status));
});

// ---- a minimal .xlsx, zipped here (as tests/api/import_files.test.mjs makes one) ----

