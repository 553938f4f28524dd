// xlsx-read.mjs - downloads an XLSX export as a browser would and reads a
// worksheet back (python3's zipfile and ElementTree: no npm package needed).
import { execFileSync } from 'node:child_process';

const READER = String.raw`
import io, json, re, sys, zipfile, xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
names = z.namelist()
shared = []
if 'xl/sharedStrings.xml' in names:
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(M + 'si'):
        shared.append(''.join(t.text or '' for t in si.iter(M + 't')))
def col(ref):
    n = 0
    for ch in re.match('[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
sheet_xml = z.read('xl/worksheets/sheet%s.xml' % (sys.argv[1] if len(sys.argv) > 1 else '1')).decode('utf-8')
rows = []
for row in ET.fromstring(sheet_xml).iter(M + 'row'):
    cells = {}
    for c in row.iter(M + 'c'):
        v, t = c.find(M + 'v'), c.get('t')
        if t == 's':
            val = shared[int(v.text)]
        elif t == 'inlineStr':
            val = ''.join(x.text or '' for x in c.iter(M + 't'))
        elif t == 'str':
            val = v.text if v is not None else ''
        else:
            val = float(v.text) if v is not None else None
            if val is not None and val.is_integer(): val = int(val)
        cells[col(c.get('r'))] = val
    rows.append([cells.get(i, '') for i in range(max(cells) + 1)] if cells else [])
book = ET.fromstring(z.read('xl/workbook.xml'))
sheets = [s.get('name') for s in book.iter(M + 'sheet')]
json.dump({'names': names, 'sheets': sheets, 'rows': rows, 'sheetXml': sheet_xml,
           'styles': z.read('xl/styles.xml').decode('utf-8')}, sys.stdout)
`;

// GET path with the browser's cookies; the body as bytes.
export async function download(browser, path) {
  const res = await fetch(browser.base + path, { headers: { cookie: browser.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// The workbook's parts, sheet names and one sheet (the first unless told) as rows of cells
// (numbers as numbers).
export function readXlsx(bytes, sheet = 1) {
  return JSON.parse(execFileSync('python3', ['-c', READER, String(sheet)], { input: bytes, maxBuffer: 64 << 20 }).toString('utf8'));
}
