#!/usr/bin/env python3
"""bench/import_preview.py - make bench's import lines: a system list of 20 000 rows (the
page's stated row limit) at 5, 20 and 40 MB (BENCH_IMPORT_MB="5 20 40", or the sizes as
arguments), as a kommun's Excel export saves it (Swedish headers, semicolons, long
descriptions), uploaded to /import for the preview and then imported, through real HTTP
into a demo on SQLite, each size in a lis of its own. Prints rows per second for each step
and the peak of lis's own memory (anonymous RSS, sampled) beside what it was before the
upload, which must not grow with the file, and its peak RSS (VmHWM, reset after the login),
which also counts the SQLite file's pages it reads through mmap, and writes the table
into bench/results.md's section "import_preview.py" (BENCH_OUT names another file). Never
a test: timing is only reported.
"""
import http.client, os, re, socket, subprocess, sys, tempfile, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results_section

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
about = results_section.machine_line('`bench/import_preview.py`')
lis = os.path.join(root, 'lis')
rows = 20000
password = 'bench-password-1'

def one_size(size_mb):
    work = tempfile.mkdtemp(prefix='lis-import-bench.')
    db = os.path.join(work, 'bench.sqlite')
    subprocess.run([lis, 'demo', '--db', db, '--password', password], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = int(size_mb * 1024 * 1024)
    head = 'Systemnamn;Förvaltning;Systemägare;Status;Beskrivning\r\n'
    units = ['Socialförvaltningen', 'Barn- och utbildningsförvaltningen', 'Kommunledningsförvaltningen']
    statuses = ['I drift', 'Avvecklas', 'Planerad']  # and 'Moln', no status, on every 500th row
    filler = 'Verksamhetssystem för ärenden, journaler och uppföljning – åäö ÅÄÖ é. '
    line_room = (target - len(head.encode())) // rows
    body = []
    for i in range(rows):
        start = 'Bänksystem %05d;%s;Olle Falk;%s;' % (i, units[i % 3], statuses[i % 3] if i % 500 else 'Moln')
        room = line_room - len(start.encode()) - 2
        text = (filler * (room // len(filler.encode()) + 1)).encode()[:room].decode('utf-8', 'ignore')
        body.append(start + text + '\r\n')
    data = (head + ''.join(body)).encode('utf-8')
    mb = len(data) / (1024 * 1024)

    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([lis, 'serve', '--db', db, '--listen', '127.0.0.1:%d' % port],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cookies = {}

    def request(method, path, body=None, ctype=None):
        c = http.client.HTTPConnection('127.0.0.1', port, timeout=600)
        h = {'Cookie': '; '.join('%s=%s' % kv for kv in cookies.items())}
        if ctype: h['Content-Type'] = ctype
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        for k, v in r.getheaders():
            if k.lower() == 'set-cookie':
                name, val = v.split(';', 1)[0].split('=', 1)
                cookies[name] = val
        text = r.read().decode('utf-8', 'replace')
        c.close()
        return r.status, text

    def hidden(text, name):
        m = re.search(r'name="%s" value="([^"]*)"' % name, text)
        return m.group(1) if m else ''

    def status_mb(field):
        for line in open('/proc/%d/status' % server.pid):
            if line.startswith(field + ':'): return int(line.split()[1]) / 1024
        return 0

    def vmhwm(): return status_mb('VmHWM')

    def reset_peak():
        # the login's argon2id hash peaks far above an idle lis: start the peak from
        # here (Linux: 5 to clear_refs resets VmHWM), so it shows what the import adds
        try:
            with open('/proc/%d/clear_refs' % server.pid, 'w') as f: f.write('5')
        except OSError: pass
        return status_mb('VmRSS')

    try:
        for _ in range(100):
            try:
                if request('GET', '/health')[0] == 200: break
            except OSError: pass
            time.sleep(0.1)
        _, page = request('GET', '/login')
        form = {'email': 'admin@exempelkommun.se', 'password': password, 'next': '/home', '_pre': hidden(page, '_pre')}
        request('POST', '/login', urllib.parse.urlencode(form), 'application/x-www-form-urlencoded')
        _, page = request('GET', '/import')
        csrf = hidden(page, '_csrf')
        idle = reset_peak()
        # lis reads SQLite through mmap: the database's pages it touches count in its RSS
        # (file-backed, the kernel's page cache), so VmHWM grows with the data imported.
        # What lis itself holds is its anonymous memory: sampled every 10 ms.
        anon = {'before': status_mb('RssAnon'), 'peak': 0.0, 'run': True}
        def sample():
            while anon['run']:
                try: anon['peak'] = max(anon['peak'], status_mb('RssAnon'))
                except OSError: return
                time.sleep(0.01)
        sampler = threading.Thread(target=sample)
        sampler.start()
        b = '----lisbench'
        parts = (('--%s\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n%s\r\n' % (b, csrf)) +
                 ('--%s\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsystems\r\n' % b) +
                 ('--%s\r\nContent-Disposition: form-data; name="file"; filename="system.csv"\r\n'
                  'Content-Type: text/csv\r\n\r\n' % b)).encode() + data + ('\r\n--%s--\r\n' % b).encode()
        t0 = time.monotonic()
        status, text = request('POST', '/import', parts, 'multipart/form-data; boundary=%s' % b)
        preview_s = time.monotonic() - t0
        m = re.search(r'action="/import/(\d+)"', text)
        counts = re.search(r'class="import-counts">([^<]*)<', text)
        if not m:  # over the limit: refused, and what lis grew to meanwhile
            anon['run'] = False
            sampler.join()
            return ('| %d rows | %.1f MB | refused, HTTP %d (%.1f s) | | %.0f MB (%.0f MB) | %.0f MB (%.0f MB) | |'
                    % (rows, mb, status, preview_s, anon['peak'], anon['before'], vmhwm(), idle))
        good = int(re.search(r'name="expect" value="(\d+)"', text).group(1))
        t0 = time.monotonic()
        status2, done = request('POST', '/import/' + m.group(1),
                                urllib.parse.urlencode({'_csrf': csrf, 'step': 'import', 'expect': good}),
                                'application/x-www-form-urlencoded')
        import_s = time.monotonic() - t0
        peak = vmhwm()
        anon['run'] = False
        sampler.join()
        return ('| %d rows, Swedish headers, 1 in 500 rows bad | %.1f MB | %.1f s (%.0f rows/s) | %.1f s (%.0f rows/s, HTTP %d) | %.0f MB (%.0f MB) | %.0f MB (%.0f MB) | %s |'
                % (rows, mb, preview_s, rows / preview_s, import_s, rows / import_s, status2,
                   anon['peak'], anon['before'], peak, idle, counts.group(1).strip() if counts else '?'))
    finally:
        server.terminate()
        server.wait()
        for f in os.listdir(work): os.remove(os.path.join(work, f))
        os.rmdir(work)

sizes = [float(x) for x in (sys.argv[1:] or os.environ.get('BENCH_IMPORT_MB', '5 20 40').split())]
table = ['| import of a system list (SQLite) | file | preview | import | peak heap of lis (before) | peak RSS with the mapped database (before) | lis says |',
         '|---|---|---|---|---|---|---|'] + [one_size(mb) for mb in sizes]
print('\n'.join(table))
results_section.replace('import_preview.py', results_section.out_path(root),
                        '\n'.join([about, ''] + table))
