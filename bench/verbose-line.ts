// The line `pdf2xlsx --verbose` prints at the end of a run, as the bench reads it: pages and
// tables, run time, each stage's time, peak RSS, CPU and the main thread's load. Its own file so
// that an end-to-end test checks it against what the CLI prints (the bench is not run by the tests).
export const VERBOSE_LINE = new RegExp(
  [
    String.raw`(?<pages>\d+) pages?, (?<tables>\d+) tables? in (?<run>[\d.]+)s \(open (?<open>[\d.]+)s, render (?<render>[\d.]+)s, text [\d.]+s, detect (?<detect>[\d.]+)s, structure (?<structure>[\d.]+)s, `,
    String.raw`ocr (?<ocr>[\d.]+)s \[probe (?<probe>[\d.]+)s, page (?<page>[\d.]+)s, reread (?<reread>[\d.]+)s, cells (?<cells>[\d.]+)s; `,
    String.raw`in models: find text (?<findText>[\d.]+)s, classify (?<classify>[\d.]+)s, recognise (?<recognize>[\d.]+)s\] summed over threads; `,
    String.raw`assemble (?<assemble>[\d.]+)s, write (?<write>[\d.]+)s\); peak RSS (?<rss>\d+) MB; cpu (?<cpu>[\d.]+)s; `,
    String.raw`main thread busy (?<mainBusy>[\d.]+)% \((?<mainBusyS>[\d.]+)s, (?<mainBesidePool>[\d.]+)s of it beside the pool\)`,
  ].join(''),
);
