#!/usr/bin/env python3
"""bench/results_section.py - writes one generated section of bench/results.md and keeps
everything else in the file (the hand-written sections, the other benches' sections).

  bench/results_section.py NAME FILE < text     (from a shell script)
  results_section.replace(NAME, FILE, text)      (from a Python bench)

A section is the lines between `<!-- begin NAME: ... -->` and `<!-- end NAME -->`; its
text is replaced whole. A file without the section gets it appended at its end; a file
with a begin marker and no end marker is left as it is (an error: what would be lost is
unknown). The file is written to a temporary file beside it and renamed over it.
"""
import datetime, os, sys, tempfile

TITLE = '# lis benchmark\n'


def markers(name):
    return ('<!-- begin %s: written by make bench; edits between these markers are lost -->' % name,
            '<!-- end %s -->' % name)


def replace(name, path, text):
    begin, end = markers(name)
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = TITLE.splitlines() + ['']
    starts = [i for i, l in enumerate(lines) if l.startswith('<!-- begin %s:' % name)]
    ends = [i for i, l in enumerate(lines) if l.strip() == end]
    body = text.rstrip('\n').splitlines()
    if not starts and not ends:
        if lines and lines[-1].strip():
            lines.append('')
        lines += [begin] + body + [end]
    elif len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0]:
        lines[starts[0]:ends[0] + 1] = [begin] + body + [end]
    else:
        raise SystemExit('%s: the markers of section %s are not one begin followed by one end; '
                         'the file is left as it is' % (path, name))
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.results.')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def machine_line(what):
    """One line that says when and on what a bench ran, with the machine's load."""
    load = open('/proc/loadavg').read().split()[:3]
    return '%s on %s, %d cores, load average before the run %s.' % (
        what, datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        os.cpu_count() or 0, ' '.join(load))


def out_path(root):
    return os.environ.get('BENCH_OUT') or os.path.join(root, 'bench', 'results.md')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        raise SystemExit('usage: bench/results_section.py NAME FILE < text')
    replace(sys.argv[1], sys.argv[2], sys.stdin.read())
