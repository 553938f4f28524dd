#!/usr/bin/env python3
"""bench/scan_import.py - make bench's scan import line: a large Nessus file generated from
the samples (tests/fixtures/scans/two_hosts.nessus, each copy of its hosts on new
addresses, so every finding is new), imported by `lis import-scan` into a fresh SQLite
database; prints MB/s and the peak RSS of lis (getrusage of the child), and the same for a
re-import of the file (every finding still open), and writes the table into
bench/results.md's section "scan_import.py" (BENCH_OUT names another file). Never a test:
timing is only reported.

  BENCH_SCAN_MB=256   size of the generated file in MB (the issue's case: 1024)
"""
import os, re, resource, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results_section

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
size_mb = int(os.environ.get('BENCH_SCAN_MB', '256'))
# said before the file is generated, so that the load is the machine's, not this script's
about = results_section.machine_line('`bench/scan_import.py` (BENCH_SCAN_MB=%d)' % size_mb)
lis = os.path.join(root, 'lis')
sample = open(os.path.join(root, 'tests/fixtures/scans/two_hosts.nessus'), encoding='utf-8').read()
head, rest = sample.split('<ReportHost', 1)
hosts = '<ReportHost' + rest[:rest.rindex('</ReportHost>') + len('</ReportHost>')]
tail = rest[rest.rindex('</ReportHost>') + len('</ReportHost>'):]

work = tempfile.mkdtemp(prefix='lis-scan-bench.')
path = os.path.join(work, 'large.nessus')
with open(path, 'w', encoding='utf-8') as f:
    f.write(head)
    written, n = len(head), 0
    while written < size_mb * 1024 * 1024:
        block = hosts.replace('10.20.1.', '10.%d.%d.' % (n // 250 % 250, n % 250)) \
                     .replace('ekonomi-db01', 'ekonomi-db%d' % n)
        if n >= 62500:  # beyond the addresses above: a name of its own keeps hosts apart
            block = block.replace('<tag name="host-ip">10.', '<tag name="host-ip">b%d-10.' % (n // 62500))
        f.write(block)
        written += len(block.encode('utf-8'))
        n += 1
    f.write(tail)
mb = os.path.getsize(path) / (1024 * 1024)
db = os.path.join(work, 'bench.sqlite')
subprocess.run([lis, 'init', '--db', db, '--tenant', 'BENCH', '--tenant-name', 'Bench',
                '--email', 'a@bench.se', '--name', 'A'], check=True, stdout=subprocess.DEVNULL)

def run(label):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    out = subprocess.run([lis, 'import-scan', path, '--tenant', 'BENCH', '--db', db],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    secs = time.monotonic() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB → MB (peak so far)
    table.append('| %s | %.0f MB | %.1f s | %.1f MB/s | %.0f MB | %s |' % (label, mb, secs, mb / secs, rss, out))
    print(table[-1])

table = ['| scan import (SQLite) | file | time | throughput | peak RSS of lis | lis says |',
         '|---|---|---|---|---|---|']
print('\n'.join(table))
run('first import')
run('re-import')
results_section.replace('scan_import.py', results_section.out_path(root),
                        '\n'.join([about, ''] + table))
os.remove(path)
os.remove(db)
