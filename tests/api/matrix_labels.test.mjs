// The tenant's own names and colours on its risk matrix: set on /risks/matrix or through
// the API by the CISO; used by the heat map (text colour by luminance), the register and
// the risk form; bad input changes nothing; a size change keeps an axis's names only
// while its size is the same. Every change is in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, sql, unique } from './harness.mjs';

let server, ciso, api, social;
before(async () => {
  server = await startLis();
  sql('DELETE FROM login_throttle');
  sql('DELETE FROM risk_matrix_label');
  ciso = await loggedIn(server.base, 'ciso@exempelkommun.se');
  api = await apiClient(server.base, 'ciso@exempelkommun.se');
  social = (await api.all('/api/v1/units?limit=500')).find((u) => u.name === 'Socialförvaltningen');
});
after(async () => {
  sql('DELETE FROM risk_matrix_label');
  await server.stop();
});

const form = {
  likelihood_1: 'Sällan', likelihood_2: 'Ibland', likelihood_3: 'Ofta', likelihood_4: 'Nästan säkert',
  consequence_1: 'Liten', consequence_2: 'Märkbar', consequence_3: 'Svår', consequence_4: 'Katastrofal',
  level_low: 'Grön', level_medium: 'Gul', level_high: 'Orange', level_very_high: 'Röd',
  colour_low: '#1B5E20', colour_medium: '#fff0b3', colour_high: '#ffd1a1', colour_very_high: '#b00020',
};

test('bad names and colours are refused per field and change nothing', async () => {
  const bad = await ciso.post('/risks/matrix/labels', { ...form, likelihood_2: '  ', colour_high: 'orange', level_low: 'x'.repeat(41) });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="err-likelihood_2">Skriv ett namn på 1–40 tecken/);
  assert.match(bad.text, /id="err-colour_high">Ange färgen som #rrggbb/);
  assert.match(bad.text, /id="err-level_low">/);
  assert.match(bad.text, /id="in-likelihood_1" name="likelihood_1"[^>]*value="Sällan"/, 'what was typed is kept');
  assert.equal(sql('SELECT COUNT(*) FROM risk_matrix_label').trim(), '0');
  // the API: one name per step, exactly
  let r = await api.post('/api/v1/risk_matrix/labels', { likelihood: ['a', 'b', 'c'], consequence: ['a', 'b', 'c', 'd'], levels: [] });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.likelihood && r.json.error.fields.levels);
  r = await api.post('/api/v1/risk_matrix/labels', { likelihood: ['a', 'b', 'c', ''], consequence: ['a', 'b', 'c', 'd'], levels: [{ name: 'L', colour: '#fff' }, { name: 'M', colour: '#ffffff' }, { name: 'H', colour: '#000000' }, { name: 'V', colour: '#123456' }] });
  assert.equal(r.status, 422);
  assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['levels[0].colour', 'likelihood[3]']);
  assert.equal(sql('SELECT COUNT(*) FROM risk_matrix_label').trim(), '0');
  // only those who change the matrix may
  const employee = await loggedIn(server.base, 'medarbetare@exempelkommun.se');
  assert.equal((await employee.post('/risks/matrix/labels', form)).status, 403);
});

test('the names and colours are used by the heat map, the register, the form and the API, and audited', async () => {
  const saved = await ciso.post('/risks/matrix/labels', form);
  assert.equal(saved.status, 303, saved.text);
  const page = await ciso.get('/risks/matrix?names=saved');
  assert.match(page.text, /Namnen och färgerna är sparade/);
  assert.match(page.text, /Ofta \(3\)/);
  assert.match(page.text, /<td class="level-very_high">Röd<\/td>/);

  const risk = await api.post('/api/v1/risks', { title: unique('Namngiven'), unit_id: social.id, likelihood: 4, consequence: 4, status: 'open' });
  assert.equal(risk.status, 201);
  assert.equal(risk.json.level, 'very_high', 'the stored code is unchanged');
  const heat = await ciso.get('/risks/heatmap');
  assert.match(heat.text, /Nästan säkert \(4\)/);
  assert.match(heat.text, /Katastrofal \(4\)/);
  // a dark fill gets white text, a light one black
  assert.match(heat.text, /fill="#b00020" [^>]*\/><text [^>]*fill="#ffffff">\d+<\/text><text [^>]*fill="#ffffff">Röd</);
  assert.match(heat.text, /fill="#fff0b3" [^>]*\/><text [^>]*fill="#000000">\d+<\/text><text [^>]*fill="#000000">Gul</);
  const register = await ciso.get(`/risks?q=${encodeURIComponent(risk.json.title)}`);
  assert.match(register.text, /<td>Röd<\/td>/);
  const csv = await ciso.get(`/risks.csv?q=${encodeURIComponent(risk.json.title)}`);
  if (csv.status === 200) assert.match(csv.text, /Röd/);
  const edit = await ciso.get(`/risks/${risk.json.id}/edit`);
  const select = edit.text.match(/<select id="in-likelihood" name="likelihood"[^>]*>(.*?)<\/select>/s);
  assert.ok(select, 'likelihood is a choice');
  assert.match(select[1], /<option value="4" selected>4 – Nästan säkert<\/option>/);
  assert.doesNotMatch(select[1], /<option value="5">/, 'only the steps of the matrix');
  const m = (await api.get('/api/v1/risk_matrix')).json;
  assert.deepEqual(m.likelihood, ['Sällan', 'Ibland', 'Ofta', 'Nästan säkert']);
  assert.deepEqual(m.level_names.map((x) => [x.name, x.colour, x.text_colour]), [['Grön', '#1b5e20', '#ffffff'], ['Gul', '#fff0b3', '#000000'], ['Orange', '#ffd1a1', '#000000'], ['Röd', '#b00020', '#ffffff']]);
  const audit = sql("SELECT diff FROM audit_log WHERE summary = 'risk matrix names' ORDER BY seq DESC LIMIT 1");
  assert.match(audit, /"likelihood_3":\["Hög","Ofta"\]/);
  assert.match(audit, /"colour_very_high":\["#f6b3ad","#b00020"\]/);
});

test('a size change keeps the names of an axis whose size stays, and shows so first', async () => {
  const preview = await ciso.post('/risks/matrix', { likelihood_levels: '4', consequence_levels: '5' });
  assert.equal(preview.status, 200);
  assert.match(preview.text, /Sannolikhet: de egna namnen behålls/);
  assert.match(preview.text, /Konsekvens: antalet steg ändras, så standardnamnen gäller efter bytet/);
  let r = await api.post('/api/v1/risk_matrix', { likelihood_levels: 4, consequence_levels: 5 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.likelihood, ['Sällan', 'Ibland', 'Ofta', 'Nästan säkert']);
  assert.equal(r.json.consequence.length, 5);
  assert.notEqual(r.json.consequence[4], 'Katastrofal');
  assert.equal(r.json.level_names[3].name, 'Röd', 'level names do not depend on the size');
  // back to 4×4: the consequence names were dropped with the change, the defaults stay
  r = await api.post('/api/v1/risk_matrix', { likelihood_levels: 4, consequence_levels: 4 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.likelihood[3], 'Nästan säkert');
  assert.notEqual(r.json.consequence[3], 'Katastrofal');
});
