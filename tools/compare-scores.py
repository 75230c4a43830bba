# Per-table cell_exact of two score.json files side by side, changed tables only.
#   python3 tools/compare-scores.py before/score.json after/score.json [--all]
import json,sys
a={(r['case'],r['table']):r for r in json.load(open(sys.argv[1]))['rows']}
b={(r['case'],r['table']):r for r in json.load(open(sys.argv[2]))['rows']}
for k in sorted(set(a)|set(b)):
    x=a.get(k,{}).get('cell_exact',0) or 0; y=b.get(k,{}).get('cell_exact',0) or 0
    if '--all' in sys.argv or abs(x-y)>0.005:
        print(f"{k[0]:28} {k[1][9:17]} {x:.2f} -> {y:.2f} {'+' if y>x else '-'}")
