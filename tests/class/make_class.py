#!/usr/bin/env python3
"""Makes a class of local git repositories to grade with `checker class`.

Each repository is the student edition (`checker export`) with, for each
lab of the assignment and at random, the solution's sources, the
skeleton's, or a mutant's (tests/src/labNN_mutants.rs: one source edit of
the solution, naming the tests that must catch it). Two commits before the
deadline (the edition, then the work) and one after it (the next variant,
which must not be graded). Writes ROOT/roster.txt and ROOT/expected.json:
what each repository's graded commit holds, for check_class.py.

    tests/class/make_class.py --kit . --edition /tmp/edition --root /tmp/class \
        --students 10 --labs 1,2 --deadline 2026-12-07T12:00:00Z --seed 1
"""
import argparse, json, os, random, re, shutil, subprocess, sys
from datetime import datetime, timedelta

def rust_strings(text, start):
    """Parses the Rust string literal at text[start:] ("..." or r#"..."#);
    returns (value, end)."""
    if text.startswith('r', start):
        m = re.match(r'r(#*)"', text[start:])
        hashes = m.group(1)
        body_start = start + m.end()
        end = text.index('"' + hashes, body_start)
        return text[body_start:end], end + 1 + len(hashes)
    assert text[start] == '"', text[start:start + 20]
    i, out = start + 1, []
    while True:
        c = text[i]
        if c == '"':
            return ''.join(out), i + 1
        if c == '\\':
            n = text[i + 1]
            if n == '\n':
                i += 2
                while text[i] in ' \t\n\r':
                    i += 1
                continue
            if n == 'u':
                close = text.index('}', i)
                out.append(chr(int(text[i + 3:close], 16)))
                i = close + 1
                continue
            if n == 'x':
                out.append(chr(int(text[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({'n': '\n', 't': '\t', 'r': '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'"}[n])
            i += 2
            continue
        out.append(c)
        i += 1

STRING = r'(r#*"|")'

def mutants(path):
    """The mutants of a table whose parts are change(...) calls."""
    text = open(path).read()
    found = []
    for block in re.finditer(r'Mutant \{', text):
        at = block.end()
        nxt = text.find('Mutant {', at)
        end = nxt if nxt != -1 else len(text)
        chunk_start = at
        m = re.compile(r'name:\s*').search(text, chunk_start, end)
        if not m:
            continue
        name, _ = rust_strings(text, m.end())
        cb = re.compile(r'caught_by:\s*&\[').search(text, chunk_start, end)
        caught, i = [], cb.end()
        while True:
            while text[i] in ' \n,':
                i += 1
            if text[i] == ']':
                break
            s, i = rust_strings(text, i)
            caught.append(s)
        parts = re.compile(r'parts:\s*&\[').search(text, chunk_start, end)
        if not parts:
            continue
        changes, ok = [], True
        for call in re.compile(r'change\(\s*').finditer(text, parts.end(), end):
            i = call.end()
            args = []
            for _ in range(3):
                while text[i] in ' \n,':
                    i += 1
                if not re.match(STRING, text[i:i + 3]):
                    ok = False
                    break
                s, i = rust_strings(text, i)
                args.append(s)
            if not ok:
                break
            changes.append(args)
        if ok and changes:
            found.append({'name': name, 'caught_by': caught, 'changes': changes})
    return found

def git(repo, *args, when=None):
    env = dict(os.environ, GIT_AUTHOR_NAME='Student', GIT_AUTHOR_EMAIL='s@example.org',
               GIT_COMMITTER_NAME='Student', GIT_COMMITTER_EMAIL='s@example.org')
    if when:
        env['GIT_AUTHOR_DATE'] = env['GIT_COMMITTER_DATE'] = when
    subprocess.run(['git', '-C', repo, *args], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def put_variant(kit, repo, lab_dir, variant):
    """Writes the lab's src/ as the variant has it."""
    src = os.path.join(repo, 'labs', lab_dir, 'src')
    kind = variant['kind']
    origin = 'labs' if kind == 'skeleton' else 'solutions'
    shutil.rmtree(src)
    shutil.copytree(os.path.join(kit, origin, lab_dir, 'src'), src)
    if kind == 'mutant':
        for file, find, replace in variant['changes']:
            path = os.path.join(src, file + '.rs')
            text = open(path).read()
            assert text.count(find) == 1, (variant['name'], file, find[:40])
            open(path, 'w').write(text.replace(find, replace))
    if kind != 'skeleton':
        # The solution's crate is solutionNN_name; the lab's is labNN_name.
        crate = lab_dir.replace('-', '_')
        for file in os.listdir(src):
            path = os.path.join(src, file)
            text = open(path).read()
            open(path, 'w').write(text.replace('solution' + crate[:2] + '_', 'lab' + crate[:2] + '_'))

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--kit', required=True)
    p.add_argument('--edition', required=True, help='the output of checker export')
    p.add_argument('--root', required=True)
    p.add_argument('--students', type=int, default=10)
    p.add_argument('--labs', default='1,2', help='lab numbers')
    p.add_argument('--deadline', default='2026-12-07T12:00:00Z')
    p.add_argument('--seed', type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    deadline = datetime.fromisoformat(a.deadline.replace('Z', '+00:00'))
    lab_dirs = {}
    for number in [int(n) for n in a.labs.split(',')]:
        d = next(x for x in sorted(os.listdir(os.path.join(a.kit, 'labs'))) if x.startswith('%02d-' % number))
        lab_dirs['lab%02d' % number] = d
    tables = {lab: mutants(os.path.join(a.kit, 'tests', 'src', lab + '_mutants.rs')) for lab in lab_dirs}
    os.makedirs(a.root, exist_ok=True)
    roster, expected = [], {}
    def pick(lab):
        kind = rng.choice(['solution', 'skeleton', 'mutant'])
        if kind == 'mutant':
            m = rng.choice(tables[lab])
            return {'kind': 'mutant', 'name': m['name'], 'caught_by': m['caught_by'], 'changes': m['changes']}
        return {'kind': kind}
    for n in range(a.students):
        name = 'student%03d' % n
        repo = os.path.join(a.root, 'repos', name)
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(a.edition, repo)
        git(repo, 'init', '-q', '-b', 'main')
        git(repo, 'add', '-A')
        t0 = (deadline - timedelta(days=2)).isoformat()
        git(repo, 'commit', '-q', '-m', 'the edition', when=t0)
        graded = {lab: pick(lab) for lab in lab_dirs}
        for lab, v in graded.items():
            put_variant(a.kit, repo, lab_dirs[lab], v)
        git(repo, 'add', '-A')
        git(repo, 'commit', '-q', '--allow-empty', '-m', 'my work', when=(deadline - timedelta(hours=1)).isoformat())
        commit = subprocess.run(['git', '-C', repo, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
        # After the deadline: a solution for every lab (must not count).
        late = rng.random() < 0.5
        if late:
            for lab in lab_dirs:
                put_variant(a.kit, repo, lab_dirs[lab], {'kind': 'solution'})
            git(repo, 'add', '-A')
            git(repo, 'commit', '-q', '--allow-empty', '-m', 'too late', when=(deadline + timedelta(hours=3)).isoformat())
        roster.append(repo)
        expected[name] = {'commit': commit, 'late': 1 if late else 0,
                          'labs': {lab: {k: v[k] for k in v if k != 'changes'} for lab, v in graded.items()}}
    open(os.path.join(a.root, 'roster.txt'), 'w').write('\n'.join(roster) + '\n')
    json.dump(expected, open(os.path.join(a.root, 'expected.json'), 'w'), indent=1)
    print('made %d repositories in %s' % (len(roster), a.root))

if __name__ == '__main__':
    main()
