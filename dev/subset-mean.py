# Mean cell_exact and found count over the tables of the cases that have an output in the folder.
#   python3 dev/subset-mean.py OUTDIR [more OUTDIRS...]  (each has score.json and <case>.xlsx files)
import json,sys,os
for d in sys.argv[1:]:
    rows=[r for r in json.load(open(os.path.join(d,'score.json')))['rows'] if os.path.exists(os.path.join(d,r['case']+'.xlsx'))]
    n=len(rows); ex=sum(r.get('cell_exact') or 0 for r in rows)/max(1,n); f=sum(1 for r in rows if r.get('found'))
    print(f"{d:30} tables={n:3} found={f:3} cell_exact={ex:.3f}")
