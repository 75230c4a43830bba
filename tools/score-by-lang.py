# cell_exact and found per language and kind of scan for a corpus-real score.json.
#   python3 tools/score-by-lang.py score.json corpus-real/manifest.json
import json,sys,collections
s=json.load(open(sys.argv[1])); m={c['id']:c for c in json.load(open(sys.argv[2]))['cases']}
groups=collections.defaultdict(list)
for r in s['rows']:
    c=m[r['case']]; groups['lang:'+c.get('lang','?')].append(r); groups['all'].append(r)
    tags=set(c.get('tags',[]))
    for k in ['screenshot','phone-photo','page-render','low-dpi-crop','three-line','borderless','zebra','colored-header','faint-rules','merged-cells']:
        if k in tags: groups['tag:'+k].append(r)
for g,rows in sorted(groups.items()):
    n=len(rows); print(f"{g:22} tables={n:3} found={sum(1 for r in rows if r.get('found')):3} ({sum(1 for r in rows if r.get('found'))/n:.0%}) cell_exact={sum(r.get('cell_exact') or 0 for r in rows)/n:.2f}")
