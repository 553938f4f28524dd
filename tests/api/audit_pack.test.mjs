// The audit pack (revisionspaket): the eight questions of the auditors' report (seed 002)
// answered from the demo's data, each figure equal to the list its link shows, as a PDF
// and an XLSX an auditor keeps; the revisor may use it, medarbetare may not; the exports
// are in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique, pdfText } from './harness.mjs';
import { download, readXlsx } from './xlsx-read.mjs';
import { execFileSync } from 'node:child_process';

// The text of worksheet N (argv[1]) of the workbook on stdin, one string per line.
const SHEET_TEXT = String.raw`
import io, sys, zipfile, xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
shared = [''.join(t.text or '' for t in si.iter(M + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(M + 'si')]
for c in ET.fromstring(z.read('xl/worksheets/sheet%s.xml' % sys.argv[1])).iter(M + 'c'):
    v = c.find(M + 'v')
    if v is not None: print(shared[int(v.text)] if c.get('t') == 's' else v.text)
`;

let server, revisor, revisorApi, cisoApi;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  revisor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  revisorApi = await apiClient(server.base, 'revisor@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
});
after(async () => { await server.stop(); });

const pack = async (api = revisorApi) => {
  const r = await api.get('/api/v1/audit-pack');
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const figure = (p, q, key) => p.questions.find((x) => x.key === q).figures.find((f) => f.key === key);
const answer = (p, q) => p.questions.find((x) => x.key === q);

test('the eight questions, each answered Ja / Delvis / Nej with its reason and figures', async () => {
  const p = await pack();
  assert.equal(p.questions.length, 8);
  assert.deepEqual(p.questions.map((q) => q.key),
    ['organisation', 'documents', 'risk', 'detection', 'followup', 'incidents', 'continuity', 'reporting']);
  assert.match(p.questions[0].question, /ändamålsenlig organisation för IT-säkerhetsarbetet/);
  assert.match(p.questions[7].question, /återrapporteringen till kommunstyrelsen/);
  for (const q of p.questions) {
    assert.ok(['yes', 'partly', 'no'].includes(q.answer), q.key);
    assert.equal(q.answer_label, { yes: 'Ja', partly: 'Delvis', no: 'Nej' }[q.answer]);
    assert.ok(q.reason.length > 10, `${q.key}: a reason in words`);
    assert.ok(q.figures.length >= 3, q.key);
  }
  // the demo kommun, much like the one in the auditors' report
  assert.deepEqual(Object.fromEntries(p.questions.map((q) => [q.key, q.answer])), {
    organisation: 'partly', documents: 'partly', risk: 'partly', detection: 'no',
    followup: 'no', incidents: 'yes', continuity: 'partly', reporting: 'no',
  });
  // a CISO and samordnare, but nobody in IT security
  assert.equal(figure(p, 'organisation', 'ciso').value, 1);
  assert.equal(answer(p, 'organisation').reason, 'Ingen har rollen IT-säkerhet.');
  // open very high risks, some assets unclassified
  assert.ok(figure(p, 'risk', 'risks_very_high').value >= 1);
  assert.match(answer(p, 'risk').reason, /Alla informationsmängder är inte klassade\. Mycket höga risker står öppna\./);
  // no management review held: the report's main finding
  assert.equal(figure(p, 'reporting', 'reviews_year').value, 0);
  assert.equal(answer(p, 'reporting').reason, 'Ingen ledningens genomgång har hållits det senaste året.');
  // incidents in aggregate, as the lägesbild shows them to auditors
  assert.ok(figure(p, 'incidents', 'incidents_year').value >= 1);
  assert.ok(figure(p, 'incidents', 'deadlines_met').value >= 1);
  assert.equal(figure(p, 'incidents', 'deadlines_met').href, '/lagesbild#incidents');
  // its figures and answers are the same for the CISO, who sees the whole tenant too
  const c = await pack(cisoApi);
  assert.deepEqual(c.questions.map((q) => q.answer), p.questions.map((q) => q.answer));
});

test('every list figure equals the rows of the list it links to', async () => {
  const p = await pack();
  let compared = 0;
  for (const q of p.questions)
    for (const f of q.figures) {
      if (!f.list || f.value === null) continue;
      assert.match(f.href, /^\/[a-z_]+\?/, f.key);
      const rows = await revisorApi.all(`/api/v1${f.href}&limit=500`);
      assert.equal(rows.length, f.value, `${q.key}/${f.key}: ${f.href}`);
      compared++;
    }
  assert.ok(compared >= 20, `${compared} figures compared`);
  // and the list page shows the same rows to the auditor
  const late = figure(p, 'followup', 'actions_late');
  assert.equal((await revisor.get(late.href)).status, 200);
});

test('the answers follow the data: a new very high risk, a restore test', async () => {
  const before = await pack();
  const unit = (await cisoApi.all('/api/v1/units?limit=500'))[0];
  const risk = await cisoApi.post('/api/v1/risks', { title: unique('Revisionsrisk'), unit_id: unit.id, likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201, risk.text);
  let p = await pack();
  assert.equal(figure(p, 'risk', 'risks_very_high').value, figure(before, 'risk', 'risks_very_high').value + 1);
  assert.notEqual(answer(p, 'risk').answer, 'yes');
  assert.match(answer(p, 'risk').reason, /Mycket höga risker står öppna/);
  // the restore tests of the last year: one more, counted and listed
  const plans = await cisoApi.all('/api/v1/continuity_plans?limit=500');
  assert.ok(plans.length >= 1, 'the demo has continuity plans');
  const today = new Date().toISOString().slice(0, 10);
  const t = await cisoApi.post('/api/v1/continuity_tests', { plan_id: plans[0].id, kind: 'restore', tested_on: today, result: 'passed', scope: 'Återläsning av lönesystemet' });
  assert.equal(t.status, 201, t.text);
  p = await pack();
  const restore = figure(p, 'continuity', 'restore_tests_year');
  assert.equal(restore.value, figure(before, 'continuity', 'restore_tests_year').value + 1);
  assert.ok((await revisorApi.all(`/api/v1${restore.href}&limit=500`)).some((x) => x.id === t.json.id));
  assert.doesNotMatch(answer(p, 'continuity').reason, /Ingen återläsning har testats/);
});

test('the page: the summary, each question with its answer and links, in the nav under Uppföljning', async () => {
  const page = await revisor.get('/followup/audit-pack');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Revisionspaket<\/h1>/);
  assert.match(page.text, /aria-current="page">Revisionspaket/);
  assert.equal((page.text.match(/<section class="related" id="ap-/g) || []).length, 8);
  assert.match(page.text, /<strong class="ap-answer ap-(yes|partly|no)">(Ja|Delvis|Nej)<\/strong>/);
  const p = await pack();
  const ciso = figure(p, 'organisation', 'ciso');
  assert.ok(page.text.includes(`<a class="figure" href="${ciso.href.replace(/&/g, '&amp;')}">${ciso.value}</a>`));
  assert.match(page.text, /href="\/followup\/audit-pack\.pdf"/);
  // English second
  const en = await revisor.post('/lang', { lang: 'en', back: '/followup/audit-pack' });
  assert.ok([200, 303].includes(en.status));
  const enPage = await revisor.get('/followup/audit-pack');
  assert.match(enPage.text, /<h1>Audit pack<\/h1>/);
  assert.match(enPage.text, /Is there an appropriate organisation for the IT security work\?/);
  await revisor.post('/lang', { lang: 'sv', back: '/followup/audit-pack' });
});

test('the PDF holds the eight questions; the XLSX a summary and one sheet per question; both audited', async () => {
  const text = (await pdfText(revisor, '/followup/audit-pack.pdf')).replace(/\s+/g, ' ');
  assert.match(text, /Revisionspaket/);
  for (const q of (await pack()).questions) {
    const start = q.question.split(' ').slice(0, 6).join(' ');
    assert.ok(text.includes(start), `the PDF asks: ${start}`);
  }
  assert.match(text, /\/roles\?role=ciso/);

  const x = await download(revisor, '/followup/audit-pack.xlsx');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-disposition'), /lis-revisionspaket-\d{4}-\d{2}-\d{2}\.xlsx/);
  const book = readXlsx(x.bytes);
  assert.equal(book.sheets.length, 9);
  assert.equal(book.sheets[0], 'Sammanfattning');
  assert.equal(book.sheets[1], '1 Organisation');
  const summary = book.rows;
  const p = await pack();
  for (let i = 0; i < 8; i++) {
    const row = summary.find((r) => r[0] === i + 1);
    assert.ok(row, `summary row ${i + 1}`);
    assert.equal(row[0], i + 1);
    assert.equal(row[1], p.questions[i].question);
    assert.equal(row[2], p.questions[i].answer_label);
  }
  // the evidence rows are in the question's sheet: the CISO's role assignment, with its link
  assert.ok(book.names.includes('xl/worksheets/sheet9.xml'));
  const sheet2 = execFileSync('python3', ['-c', SHEET_TEXT, '2'], { input: x.bytes }).toString('utf8');
  const cisos = await revisorApi.all('/api/v1/roles?role=ciso&limit=500');
  assert.equal(cisos.length, 1);
  assert.ok(sheet2.includes(`/roles/${cisos[0].id}`), 'the CISO row is in sheet 2');
  assert.ok(sheet2.includes('Utsedda informationssäkerhetsansvariga'));

  const log = await revisorApi.get('/api/v1/audit?entity=audit_pack&action=export&limit=50');
  assert.equal(log.status, 200, log.text);
  const formats = log.json.items.map((i) => i.summary);
  assert.ok(formats.includes('PDF') && formats.includes('XLSX'), JSON.stringify(log.json.items));
  assert.ok(log.json.items.every((i) => /revisor/.test(i.actor || i.person_id__label || JSON.stringify(i))));
});

test('medarbetare and a samordnare with a limited scope get no pack', async () => {
  for (const who of ['medarbetare@exempelkommun.se', 'samordnare@exempelkommun.se']) {
    const b = await loggedIn(server.base, who);
    for (const path of ['/followup/audit-pack', '/followup/audit-pack.pdf', '/followup/audit-pack.xlsx'])
      assert.equal((await b.get(path)).status, 403, `${who} ${path}`);
    assert.doesNotMatch((await b.get('/home')).text, /href="\/followup\/audit-pack"/);
    const api = await apiClient(server.base, who);
    assert.equal((await api.get('/api/v1/audit-pack')).status, 403);
  }
  const n = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'audit_pack' AND actor LIKE 'medarbetare%'").trim());
  assert.equal(n, 0);
});
