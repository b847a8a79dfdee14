#!/usr/bin/env python3
"""Checks a `checker class grade` run of a class made by make_class.py:
every row graded at the commit before the deadline, late commits listed,
a solution's lab at full marks, a skeleton's at 0, a mutant's lab failing
the tests its table names (and whether it lost exactly their points).

    tests/class/check_class.py /tmp/class/expected.json /tmp/class/out
"""
import json, sys

expected = json.load(open(sys.argv[1]))
klass = json.load(open(sys.argv[2] + '/class.json'))
wrong, exact, mutants = [], 0, 0
points_of = {l['lab']: dict(l['tests']) for l in klass['labs']}
for row in klass['students']:
    name = row['student']['slug']
    want = expected[name]
    def bad(why):
        wrong.append('%s: %s' % (name, why))
    if (row.get('commit') or {}).get('id') != want['commit']:
        bad('graded %s, not %s' % (row.get('commit'), want['commit']))
    if len(row['late']) != want['late']:
        bad('%d late commits listed, not %d' % (len(row['late']), want['late']))
    for lab, variant in want['labs'].items():
        score = next(l for l in row['labs'] if l['lab'] == lab)
        tests = [t for t in row['tests'] if t['lab'] == lab]
        failed = {t['test'] for t in tests if t['status'] == 'fail'}
        if variant['kind'] == 'solution' and score['points'] != score['max_points']:
            bad('%s solution scored %d/%d, failing %s' % (lab, score['points'], score['max_points'], sorted(failed)))
        if variant['kind'] == 'skeleton' and score['points'] != 0:
            bad('%s skeleton scored %d' % (lab, score['points']))
        if variant['kind'] == 'mutant':
            mutants += 1
            missed = [t for t in variant['caught_by'] if t not in failed]
            if missed:
                bad('%s mutant %s passed %s' % (lab, variant['name'], missed))
            lost = score['max_points'] - score['points']
            if lost == sum(points_of[lab].get(t, 0) for t in variant['caught_by']):
                exact += 1
print('%d rows, %d wrong; %d mutant labs, %d lost exactly the points of the tests named for them'
      % (len(klass['students']), len(wrong), mutants, exact))
for w in wrong:
    print('  ' + w)
sys.exit(1 if wrong else 0)
