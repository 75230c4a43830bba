// The line `pdf2xlsx --verbose` prints at the end of a run, as the bench reads it: pages and
// tables, run time, each stage's time, peak RSS, CPU and the main thread's load. Its own file so
// that an end-to-end test checks it against what the CLI prints (the bench is not run by the tests).
export const VERBOSE_LINE =
  /(\d+) pages?, (\d+) tables? in ([\d.]+)s \(open ([\d.]+)s, render ([\d.]+)s, text [\d.]+s, detect ([\d.]+)s, ocr ([\d.]+)s \[probe ([\d.]+)s, page ([\d.]+)s, reread ([\d.]+)s, cells ([\d.]+)s\] summed over threads; assemble [\d.]+s, write ([\d.]+)s\); peak RSS (\d+) MB; cpu ([\d.]+)s; main thread busy ([\d.]+)% \(([\d.]+)s, ([\d.]+)s of it beside the pool\)/;
