// The security forum: meetings and their items through the API and the forms; the agenda
// in priority order (legal clocks, then the risks' levels, late actions, free text last);
// suggesting items from the registers (preview, then confirm, never twice); bad sources
// (another tenant's risk, a record that does not exist, a kind that does not match);
// approving the minutes freezes them; incidents stay need-to-know; who may write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lisStatus, sql, unique, pdfText, pdfFile, pdfStructure, PASSWORD } from './harness.mjs';

let server, ciso, cisoApi, employee, employeeApi, auditorApi, memberApi, cisoPerson, grannRisk;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  // the API suite shares one database: the member may be there from an earlier run
  lisStatus('user', 'add', '--tenant', 'EXEMPEL', '--email', 'forum@exempelkommun.se', '--name', 'Frida Forum',
    '--role', 'forum_member', '--password', PASSWORD);
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  cisoApi = await apiClient(server.base, 'ciso@exempelkommun.se');
  employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  employeeApi = await apiClient(server.base, 'medarbetare@exempelkommun.se');
  auditorApi = await apiClient(server.base, 'revisor@exempelkommun.se');
  memberApi = await apiClient(server.base, 'forum@exempelkommun.se');
  cisoPerson = (await cisoApi.get('/api/v1/me')).json.person_id;
  // a risk of the other tenant, which no item here may point at
  const grann = sql("SELECT id FROM tenant WHERE code = 'GRANN'").trim();
  const unit = sql(`SELECT id FROM unit WHERE tenant_id = ${grann} ORDER BY id LIMIT 1`).trim();
  grannRisk = sql(`INSERT INTO risk (tenant_id, unit_id, title, likelihood, consequence, level, status, created_at, updated_at) VALUES (${grann}, ${unit}, 'Grannens risk', 4, 4, 'very_high', 'open', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id`).trim().split('\n')[0];
});
after(async () => { await server.stop(); });

const meeting = (extra = {}) => ({ starts_at: '2026-12-20 09:30', place: 'Tranan', ...extra });

async function riskNamed(title) {
  const r = await cisoApi.get(`/api/v1/risks?q=${encodeURIComponent(title)}`);
  return r.json.items.find((x) => x.title === title);
}

test('the demo: a held meeting with approved minutes and a planned one in priority order', async () => {
  const all = (await cisoApi.all('/api/v1/meetings')).filter((m) => m.place?.startsWith('Stadshuset'));
  assert.equal(all.length, 2);
  const held = all.find((m) => m.status === 'held'), planned = all.find((m) => m.status === 'planned');
  assert.ok(held.approved_at && held.approved_by_id);
  const page = await ciso.get(`/meetings/${planned.id}`);
  assert.equal(page.status, 200);
  // the incident with its clocks running, the very high risk, the late action, free text last
  const order = ['INC-2026-0002', 'Personuppgifter skickas okrypterat', 'Inför personliga inloggningar', 'Riktlinje för AI-tjänster'];
  const at = order.map((t) => page.text.indexOf(t));
  assert.ok(at.every((i) => i > 0), at.join());
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'agenda in priority order');
  assert.match(page.text, /Lagstadgad frist löper/);
  assert.match(page.text, /Föreslå ärenden/);
  const minutes = await ciso.get(`/meetings/${held.id}/minutes`);
  assert.equal(minutes.status, 200);
  assert.match(minutes.text, /<h1>Protokoll<\/h1>/);
  assert.match(minutes.text, /Tvåfaktorsinloggning införs/);
  assert.match(minutes.text, /Protokollet justerades av Karin Dahl/);
  assert.match(minutes.text, /Bordlagt/);
});

test('a meeting gets the forum\'s name, starts planned and shows its time in Stockholm', async () => {
  const r = await cisoApi.post('/api/v1/meetings', meeting());
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.title, 'Forum för informations- och IT-säkerhet');
  assert.equal(r.json.status, 'planned');
  assert.equal(r.json.starts_at, '2026-12-20T08:30:00Z');
  const page = await ciso.get(`/meetings/${r.json.id}/agenda`);
  assert.match(page.text, /2026-12-20 09:30/);
  assert.match(page.text, /<h1>Dagordning<\/h1>/);
  const bad = await cisoApi.post('/api/v1/meetings', { starts_at: 'i morgon', status: 'sometimes' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.starts_at && bad.json.error.fields.status);
});

test('items: sources must exist in the tenant and match the kind; decisions need text', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', meeting())).json;
  const risk = await riskNamed('Behörigheter ligger kvar efter rollbyte');
  const ok = await cisoApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Behörigheter', kind: 'risk', source_id: risk.id });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.source_entity, 'risks');
  assert.equal(ok.json.status, 'open');
  assert.equal(ok.json.position, 1);
  const free = await cisoApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Årshjulet', kind: 'free' });
  assert.equal(free.json.position, 2);
  const before = (await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`)).length;
  for (const [body, field] of [
    [{ kind: 'risk', source_id: Number(grannRisk) }, 'source_id'],
    [{ kind: 'risk', source_id: 999999 }, 'source_id'],
    [{ kind: 'risk' }, 'source_id'],
    [{ kind: 'risk', source_entity: 'actions', source_id: risk.id }, 'source_entity'],
    [{ kind: 'free', source_entity: 'risks', source_id: risk.id }, 'source_entity'],
    [{ kind: 'incident', source_entity: 'incidents', source_id: 999999 }, 'source_id'],
    [{ kind: 'free', status: 'decided' }, 'decision'],
    [{ kind: 'risk', source_id: risk.id }, 'source_id'], // already on this meeting
  ]) {
    const r = await cisoApi.post('/api/v1/forum_items', { meeting_id: m.id, title: unique('Fel'), ...body });
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.error.fields[field], `${JSON.stringify(body)}: ${r.text}`);
  }
  assert.equal((await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`)).length, before, 'nothing saved');
  // the form says the same on the page
  const form = await ciso.post('/forum_items', { meeting_id: String(m.id), title: 'x', kind: 'risk', source_id: '999999' });
  assert.equal(form.status, 422);
});

test('suggest: a preview first, then the chosen items in one go, never twice', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', meeting({ starts_at: '2027-01-15 13:00' }))).json;
  const s = await cisoApi.get(`/api/v1/meetings/${m.id}/suggestions`);
  assert.equal(s.status, 200, s.text);
  const picks = s.json.suggestions;
  // open risks at the top levels, late actions, incidents with clocks; nothing already open
  assert.ok(picks.some((p) => p.kind === 'risk' && p.title === 'Nätfiske leder till övertagna konton'));
  assert.ok(!picks.some((p) => p.title === 'Personuppgifter skickas okrypterat med e-post'), 'already an open item');
  assert.ok(!picks.some((p) => p.kind === 'incident'), 'the ransomware incident is already an open item');
  assert.ok(picks.some((p) => p.kind === 'action'));
  assert.equal((await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`)).length, 0, 'the preview creates nothing');
  // the HTML preview lists them with checkboxes
  const preview = await ciso.get(`/meetings/${m.id}/suggest`);
  assert.equal(preview.status, 200);
  assert.match(preview.text, /name="pick" checked value="risks:/);
  const chosen = picks.slice(0, 2).map((p) => p.pick);
  const r = await cisoApi.post(`/api/v1/meetings/${m.id}/suggest`, { pick: chosen });
  assert.equal(r.status, 200, r.text);
  let items = await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`);
  assert.deepEqual(items.map((i) => `${i.source_entity}:${i.source_id}`).sort(), [...chosen].sort());
  // again: nothing duplicated
  await cisoApi.post(`/api/v1/meetings/${m.id}/suggest`, { pick: chosen });
  items = await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`);
  assert.equal(items.length, 2);
  // the rest through the form, as the page posts it
  const rest = (await cisoApi.get(`/api/v1/meetings/${m.id}/suggestions`)).json.suggestions;
  assert.ok(!rest.some((p) => chosen.includes(p.pick)));
  const form = await ciso.request('POST', `/meetings/${m.id}/suggest`, {
    form: new URLSearchParams([['_csrf', ciso.csrf], ...rest.map((p) => ['pick', p.pick])]) });
  assert.equal(form.status, 303, form.text);
  items = await cisoApi.all(`/api/v1/forum_items?meeting_id=${m.id}`);
  assert.equal(items.length, 2 + rest.length);
  // audited
  const audit = await cisoApi.get(`/api/v1/audit?entity=meetings&entity_id=${m.id}`);
  assert.ok(audit.json.items.some((a) => a.action === 'suggest'), audit.text);
  // bad input: a malformed pick list changes nothing
  const bad = await cisoApi.post(`/api/v1/meetings/${m.id}/suggest`, { pick: 'all' });
  assert.equal(bad.status, 422);
});

test('approving the minutes: only the chair, only a held meeting with every item settled; then frozen', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', meeting({ chair_id: cisoPerson }))).json;
  const item = (await cisoApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Säkerhetskopior', kind: 'free' })).json;
  let r = await cisoApi.call('POST', `/api/v1/meetings/${m.id}/approve`);
  assert.equal(r.status, 422);
  assert.match(r.text, /held meeting|hållet/);
  await cisoApi.patch(`/api/v1/meetings/${m.id}`, { status: 'held' });
  r = await cisoApi.call('POST', `/api/v1/meetings/${m.id}/approve`);
  assert.equal(r.status, 422, 'an open item');
  r = await cisoApi.patch(`/api/v1/forum_items/${item.id}`, { status: 'decided', decision: 'Återläsningstest varje kvartal.' });
  assert.equal(r.status, 200, r.text);
  const notChair = await cisoApi.post('/api/v1/meetings', meeting());
  await cisoApi.patch(`/api/v1/meetings/${notChair.json.id}`, { status: 'held' });
  r = await cisoApi.call('POST', `/api/v1/meetings/${notChair.json.id}/approve`);
  assert.equal(r.status, 422);
  r = await cisoApi.call('POST', `/api/v1/meetings/${m.id}/approve`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.approved_at);
  assert.equal(r.json.approved_by_id, cisoPerson);
  // frozen: the decision, the meeting, new items
  r = await cisoApi.patch(`/api/v1/forum_items/${item.id}`, { decision: 'Något annat' });
  assert.equal(r.status, 422);
  assert.match(r.text, /approved|justerat/);
  r = await cisoApi.patch(`/api/v1/meetings/${m.id}`, { place: 'Annan plats' });
  assert.equal(r.status, 422);
  r = await cisoApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Sent', kind: 'free' });
  assert.equal(r.status, 422);
  r = await cisoApi.call('POST', `/api/v1/meetings/${m.id}/approve`);
  assert.equal(r.status, 422);
  const page = await ciso.get(`/meetings/${m.id}`);
  assert.match(page.text, /Protokollet justerades av Carl Berg/);
  assert.doesNotMatch(page.text, /Justera protokollet/);
});

test('postponed items move to the next planned meeting, once', async () => {
  const first = (await cisoApi.post('/api/v1/meetings', meeting({ starts_at: '2030-02-01 13:00', status: 'held' }))).json;
  const next = (await cisoApi.post('/api/v1/meetings', meeting({ starts_at: '2030-03-01 13:00' }))).json;
  await cisoApi.post('/api/v1/forum_items', { meeting_id: first.id, title: 'Molntjänster', kind: 'free', status: 'postponed' });
  let r = await cisoApi.call('POST', `/api/v1/meetings/${first.id}/carry-over`);
  assert.equal(r.status, 204, r.text);
  r = await cisoApi.call('POST', `/api/v1/meetings/${first.id}/carry-over`);
  const moved = await cisoApi.all(`/api/v1/forum_items?meeting_id=${next.id}`);
  assert.deepEqual(moved.map((i) => [i.title, i.status]), [['Molntjänster', 'open']]);
  r = await cisoApi.call('POST', `/api/v1/meetings/${next.id}/carry-over`);
  assert.equal(r.status, 422, 'no later meeting');
});

test('permissions: the auditor reads, an employee does not; a forum member raises items and notes but does not decide', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', meeting())).json;
  // the agenda names weaknesses: read by those who see every risk, not by every employee
  assert.equal((await employeeApi.get('/api/v1/meetings')).status, 403);
  assert.equal((await employeeApi.get(`/api/v1/meetings/${m.id}`)).status, 403);
  assert.notEqual((await employee.get(`/meetings/${m.id}/agenda`)).status, 200);
  assert.notEqual((await employee.get(`/meetings/${m.id}/agenda.pdf`)).status, 200);
  for (const api of [employeeApi, auditorApi]) {
    if (api === auditorApi) assert.equal((await api.get('/api/v1/meetings')).status, 200);
    const w = await api.post('/api/v1/meetings', meeting());
    assert.ok([403, 422].includes(w.status), w.text);
    const i = await api.post('/api/v1/forum_items', { meeting_id: m.id, title: 'x', kind: 'free' });
    assert.ok([403, 422].includes(i.status), i.text);
    assert.equal((await api.call('POST', `/api/v1/meetings/${m.id}/suggest`, {})).status, 403);
    assert.ok([403, 404].includes((await api.get(`/api/v1/meetings/${m.id}/suggestions`)).status), 'no suggestions for a reader');
  }
  const raised = await memberApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Lånade datorer', kind: 'free' });
  assert.equal(raised.status, 201, raised.text);
  let r = await memberApi.patch(`/api/v1/forum_items/${raised.json.id}`, { notes: 'Gäller skolorna.' });
  assert.equal(r.status, 200, r.text);
  r = await memberApi.patch(`/api/v1/forum_items/${raised.json.id}`, { status: 'decided', decision: 'Ja' });
  assert.equal(r.status, 422);
  r = await memberApi.post('/api/v1/forum_items', { meeting_id: m.id, title: 'Beslutat', kind: 'free', status: 'decided', decision: 'Ja' });
  assert.equal(r.status, 422);
  r = await memberApi.post('/api/v1/meetings', meeting());
  assert.ok([403, 422].includes(r.status));
});

test('incidents are need-to-know: others see the reference, never the content', async () => {
  const planned = (await cisoApi.all('/api/v1/meetings')).find((m) => m.status === 'planned' && m.place.startsWith('Stadshuset'));
  const mine = await ciso.get(`/meetings/${planned.id}`);
  assert.match(mine.text, /Ransomware på filserver/);
  const auditor = await loggedIn(server.base, 'revisor@exempelkommun.se');
  for (const path of [`/meetings/${planned.id}`, `/meetings/${planned.id}/agenda`, `/meetings/${planned.id}/minutes`]) {
    const page = await auditor.get(path);
    assert.equal(page.status, 200);
    assert.match(page.text, /INC-2026-0002/);
    assert.doesNotMatch(page.text, /Ransomware|filserver/, path);
  }
  const item = (await auditorApi.all(`/api/v1/forum_items?meeting_id=${planned.id}`)).find((i) => i.kind === 'incident');
  const page = await auditor.get(`/forum_items/${item.id}`);
  assert.doesNotMatch(page.text, /Ransomware|filserver/);
  assert.match(page.text, /INC-2026-0002/);
  // and a forum member cannot point an item at an incident they may not see
  const ra = await memberApi.post('/api/v1/forum_items', { meeting_id: planned.id, title: 'x', kind: 'incident', source_id: Number(item.source_id) });
  assert.equal(ra.status, 422);
});

test('the agenda and the minutes as PDF carry the meeting, its items and decisions', async () => {
  const all = await cisoApi.all('/api/v1/meetings');
  const held = all.find((m) => m.status === 'held' && m.place?.startsWith('Stadshuset'));
  const planned = all.find((m) => m.status === 'planned' && m.place?.startsWith('Stadshuset'));
  const agenda = (await pdfText(ciso, `/meetings/${planned.id}/agenda.pdf`)).replace(/\s+/g, ' ');
  for (const words of ['Dagordning', 'Forum för informations- och IT-säkerhet', 'Carl Berg',
    'Personuppgifter skickas okrypterat', 'Lagstadgad', 'Förslag till beslut', 'Ransomware'])
    assert.ok(agenda.includes(words), `agenda: ${words}\n${agenda}`);
  const minutes = await pdfText(ciso, `/meetings/${held.id}/minutes.pdf`);
  for (const words of ['Protokoll', 'Tvåfaktorsinloggning införs', 'Forumet beslutade enligt förslaget',
    'Protokollet justerades av Karin Dahl', 'Bordlagt'])
    assert.ok(minutes.replace(/\s+/g, ' ').includes(words), `minutes: ${words}\n${minutes}`);
  // need-to-know holds in the PDF too
  const theirs = await pdfText(await loggedIn(server.base, 'revisor@exempelkommun.se'), `/meetings/${planned.id}/agenda.pdf`);
  assert.ok(theirs.includes('INC-2026-0002'));
  assert.ok(!/Ransomware|filserver/.test(theirs), theirs);
  // a meeting that is not the tenant's is not found
  assert.equal((await ciso.get('/meetings/999999/agenda.pdf')).status, 404);
  assert.equal((await ciso.get('/meetings/999999/minutes')).status, 404);
});

test('the minutes are a Swedish protokoll: the kommun, § paragraphs, signatures and justeringsdatum', async () => {
  const held = (await cisoApi.all('/api/v1/meetings')).find((m) => m.status === 'held' && m.place?.startsWith('Stadshuset'));
  const text = await pdfText(ciso, `/meetings/${held.id}/minutes.pdf`);
  const flat = text.replace(/\s+/g, ' ');
  assert.match(text, /^\s*Exempelkommun\s*\n\s*Protokoll\s*\n/, 'the kommun above "Protokoll"');
  assert.match(flat, /Sammanträdesdatum: \d{4}-\d{2}-\d{2} /);
  assert.match(flat, /Plats och tid: Stadshuset, sammanträdesrum Tranan, 13:00/);
  assert.match(flat, /Närvarande: Karin Dahl \(ordförande\), Carl Berg/);
  assert.match(flat, /Protokollförare: Sara Ek/);
  // the items as numbered paragraphs, in order
  const at = ['§ 1 Nätfiske leder till övertagna konton', '§ 2 Incident INC-2026-0001', '§ 3 Riktlinje för AI-tjänster']
    .map((s) => flat.indexOf(s));
  assert.ok(at.every((i) => i > 0), at.join());
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  // the signatures: the role above the line, the printed name below, two side by side
  assert.match(text, /Vid protokollet\s+Ordförande\s*\n(\s*\n)*\s*Sara Ek\s+Karin Dahl\s*\n/);
  assert.match(text, /Justerare\s*\n(\s*\n)*\s*Olle Falk\s*\n/);
  const adjusted = held.adjusted_on;
  assert.match(adjusted, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(flat.includes(`Justeringsdatum: ${adjusted}`), flat);
  assert.ok(flat.indexOf('Justeringsdatum') > flat.indexOf('Olle Falk', flat.indexOf('Vid protokollet')));
  // the page shows the same
  const page = await ciso.get(`/meetings/${held.id}/minutes`);
  assert.match(page.text, /<p class="kommun">Exempelkommun<\/p><h1>Protokoll<\/h1>/);
  assert.match(page.text, /<h2>§ 1 Nätfiske leder till övertagna konton<\/h2>/);
  assert.match(page.text, /<p class="sign-role">Vid protokollet<\/p><p class="sign-line">Sara Ek<\/p>/);
  assert.match(page.text, /<p class="sign-role">Justerare<\/p><p class="sign-line">Olle Falk<\/p>/);
  assert.ok(page.text.includes(`<strong>Justeringsdatum:</strong> ${adjusted}`));
  // tagged for a screen reader: the headings, the paragraphs and the signatures in order
  const pdf = pdfStructure(await pdfFile(ciso, `/meetings/${held.id}/minutes.pdf`));
  assert.equal(pdf.tagged, 'yes');
  assert.match(pdf.title, /^Protokoll — Forum för informations- och IT-säkerhet \d{4}-\d{2}-\d{2} 13:00$/);
  assert.match(pdf.tree, /^Document\n {2}P \(block\)\n {4}"Exempelkommun"\n {2}H1 \(block\)\n {4}"Protokoll"/);
  // (pdfinfo prints an element's first line of text, up to a ligature such as "fi")
  assert.match(pdf.tree, /H2 \(block\)\n\s*"§ 1 Nät/);
  assert.match(pdf.tree, /H2 \(block\)\n\s*"§ 3 Riktlinje för AI-tjänster med personuppgifter"/);
  assert.match(pdf.tree, /"Vid protokollet"\n\s*P \(block\)\n\s*"Sara Ek"/);
  // an agenda stays an agenda: no signatures there
  const agenda = await pdfText(ciso, `/meetings/${held.id}/agenda.pdf`);
  assert.ok(!/Vid protokollet|Justeringsdatum/.test(agenda), agenda);
});

test('a meeting records its protokollförare, justerare and justeringsdatum; a bad date changes nothing', async () => {
  const people = await cisoApi.all('/api/v1/people');
  const sara = people.find((p) => p.name === 'Sara Ek'), olle = people.find((p) => p.name === 'Olle Falk');
  const m = (await cisoApi.post('/api/v1/meetings', meeting({ secretary_id: sara.id, adjuster_id: olle.id }))).json;
  assert.equal(String(m.secretary_id), String(sara.id));
  let r = await cisoApi.patch(`/api/v1/meetings/${m.id}`, { adjusted_on: '2026-13-45' });
  assert.equal(r.status, 422, r.text);
  assert.equal((await cisoApi.get(`/api/v1/meetings/${m.id}`)).json.adjusted_on ?? null, null);
  r = await cisoApi.patch(`/api/v1/meetings/${m.id}`, { adjusted_on: '2026-12-22' });
  assert.equal(r.status, 200, r.text);
  const text = (await pdfText(ciso, `/meetings/${m.id}/minutes.pdf`)).replace(/\s+/g, ' ');
  assert.ok(text.includes('Justeringsdatum: 2026-12-22'), text);
  assert.ok(text.includes('Protokollförare: Sara Ek') && text.includes('Justerare: Olle Falk'), text);
  // the form offers both as person pickers and the date
  const form = await ciso.get(`/meetings/${m.id}/edit`);
  for (const name of ['secretary_id', 'adjuster_id', 'adjusted_on'])
    assert.match(form.text, new RegExp(`name="${name}"`), name);
});

test('a long agenda runs over pages: one tagged table, its header repeated for the eye only', async () => {
  const m = (await cisoApi.post('/api/v1/meetings', meeting({ place: 'Långa salen' }))).json;
  const n = 45;
  for (let i = 1; i <= n; i++) {
    const r = await cisoApi.post('/api/v1/forum_items', {
      meeting_id: m.id, kind: 'free', title: `Punkt ${i}: Hantering av behörigheter i verksamhetssystemen`,
      notes: i === 1 ? 'Diskussionen fortsatte länge. '.repeat(120) : null,
    });
    assert.equal(r.status, 201, r.text);
  }
  const file = await pdfFile(ciso, `/meetings/${m.id}/agenda.pdf`);
  const pdf = pdfStructure(file);
  assert.equal(pdf.tagged, 'yes');
  assert.ok(pdf.pages >= 2, `pages: ${pdf.pages}`);
  const text = await pdfText(ciso, `/meetings/${m.id}/agenda.pdf`);
  for (let i = 1; i <= n; i++) assert.ok(text.includes(`Punkt ${i}: Hantering`), `item ${i}`);
  // the table's header heads every page it runs over ...
  const pages = text.split('\f').filter((p) => p.includes('Punkt '));
  assert.ok(pages.length >= 2);
  for (const page of pages.slice(0, 2)) assert.match(page, /Nr\s+Ärende\s+Typ\s+Allvar/);
  // ... but a screen reader meets one table with one header row and a row per item, and
  // never the footer ("1 (3)") in the text
  assert.equal((pdf.tree.match(/^ {2}Table/gm) || []).length, 1);
  assert.equal((pdf.tree.match(/^ {4}TR$/gm) || []).length, n + 1);
  assert.equal((pdf.tree.match(/^ {6}TH$/gm) || []).length, 4);
  assert.ok(!pdf.tree.includes(`(${pdf.pages})`), 'the footer is not content');
  assert.ok(!/Hanteri-|Hanteri\n/.test(text), 'no word broken inside');
  // the minutes with a paragraph that runs over a page break still render, tagged
  const minutes = pdfStructure(await pdfFile(ciso, `/meetings/${m.id}/minutes.pdf`));
  assert.equal(minutes.tagged, 'yes');
  assert.ok(minutes.pages >= 2);
  assert.ok(!minutes.tree.includes(`(${minutes.pages})`), 'the footer is not in a paragraph');
  assert.match(minutes.tree, /H2 \(block\)\n\s*"§ 45 Punkt 45: Hantering av behörigheter/);
});
