import json,sys
s=json.load(open(sys.argv[1]))
m={c['id']:c for c in json.load(open(sys.argv[2]))['cases']}
for r in s['rows']:
    c=m[r['case']]
    t=[t for t in c['tables'] if t['file']==r['table']]
    t=t[0] if t else {}
    print(f"{r['case']:14} {r['table'][9:17]:8} {c['kind']:8} {c.get('lang','')} {t.get('style',''):13} {t.get('style_detail',''):14} f={r.get('found')} ex={r.get('cell_exact',0):.2f} {r.get('out_rows')}/{r.get('exp_rows')} {r.get('out_cols')}/{r.get('exp_cols')} {','.join(x for x in c.get('tags',[]) if not x.startswith('font'))}")
