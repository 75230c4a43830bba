// Born-digital test pages for layout-based table detection: tables without a ruling grid, and
// pages whose text must not come out as a table.
import { LOREM, LEADING_PT, PageDrawer, drawPage, type ReadPage } from './pdf-pages.ts';

const LEFT = 72;
const RIGHT = 540;

/** Draws a table: `xs[c]` is column c's anchor (left edge, or right edge for right-aligned columns). */
function drawRows(d: PageDrawer, rows: string[][], yPt: number, xs: number[], aligns: ('left' | 'right' | 'centre')[], options: { boldFirst?: boolean; leading?: number } = {}): number {
  let y = yPt;
  rows.forEach((row, r) => {
    row.forEach((text, c) => {
      text.split('\n').forEach((part, k) => {
        if (part) d.text(part, xs[c], y + k * LEADING_PT, { align: aligns[c], bold: options.boldFirst && r === 0 });
      });
    });
    const lineCount = Math.max(...row.map((t) => t.split('\n').length));
    y += lineCount * LEADING_PT + (options.leading ?? 4);
  });
  return y;
}

export const BORDERLESS_ROWS = [
  ['Region', '2019', '2020', '2021'],
  ['North', '1,234', '2,345', '3,456'],
  ['South', '987', '1,002', '12,345'],
  ['East Coast', '45', '67', '89'],
  ['West', '10,000', '9,500', '9,999'],
];

/** A paragraph, a borderless 5x4 table (numbers right-aligned), a paragraph. */
export function borderlessPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[0], LEFT, 90, RIGHT - LEFT, { justify: true }) + 14;
    y = drawRows(d, BORDERLESS_ROWS, y, [LEFT, 260, 340, 420], ['left', 'right', 'right', 'right']);
    d.paragraph(LOREM[1], LEFT, y + 14, RIGHT - LEFT, { justify: true });
  });
}

export const BOOKTABS_ROWS = [
  ['Method', 'Precision', 'Recall', 'F1 score'],
  ['Baseline', '0.71', '0.64', '0.67'],
  ['Stream parser', '0.82', '0.79', '0.80'],
  ['Lattice parser', '0.93', '0.88', '0.90'],
  ['Ours', '0.95', '0.91', '0.93'],
];

/** A caption, a booktabs table (top rule, rule under the header, bottom rule), a note and a paragraph. */
export function booktabsPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[0], LEFT, 90, RIGHT - LEFT, { justify: true }) + 10;
    d.text('Table 3: Scores of the methods on the test set', 306, y, { align: 'centre' });
    y += 10;
    d.rule(120, 490, y, 1);
    y += 13;
    const xs = [130, 330, 400, 480];
    const aligns: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];
    drawRows(d, [BOOKTABS_ROWS[0]], y, xs, aligns);
    y += 6;
    d.rule(120, 490, y, 0.5);
    y += 13;
    y = drawRows(d, BOOKTABS_ROWS.slice(1), y, xs, aligns, { leading: 2 });
    y -= 8;
    d.rule(120, 490, y, 1);
    d.text('Note: scores on the held-out set, averaged over five runs.', 120, y + 14, { sizePt: 8 });
    d.paragraph(LOREM[2], LEFT, y + 44, RIGHT - LEFT, { justify: true });
  });
}

export const FRAME_ROWS = [
  ['Item', 'Colour', 'Stock'],
  ['Chair', 'Red', '12'],
  ['Table', 'Oak', '3'],
  ['Lamp', 'Black', '27'],
  ['Shelf', 'White', '8'],
];

/** A table with only an outer frame, between paragraphs. */
export function framePage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[1], LEFT, 90, RIGHT - LEFT, { justify: true }) + 12;
    const top = y;
    y += 16;
    y = drawRows(d, FRAME_ROWS, y, [110, 250, 420], ['left', 'left', 'right']);
    d.frame(100, top, 430, y - 6);
    d.paragraph(LOREM[2], LEFT, y + 20, RIGHT - LEFT, { justify: true });
  });
}

export const SPANNING_ROWS = [
  ['', 'Revenue', '', 'Cost', ''],
  ['Product', '2020', '2021', '2020', '2021'],
  ['Widgets', '120', '150', '80', '95'],
  ['Gadgets', '310', '290', '200', '185'],
  ['Gizmos', '45', '60', '30', '41'],
  ['Total', '475', '500', '310', '321'],
];

/** A two-level header: 'Revenue' and 'Cost' each centred over two year columns. */
export function spanningHeaderPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[3], LEFT, 90, RIGHT - LEFT, { justify: true }) + 16;
    d.text('Revenue', 305, y, { align: 'centre' });
    d.text('Cost', 445, y, { align: 'centre' });
    y += LEADING_PT;
    const xs = [LEFT, 290, 350, 430, 490];
    const aligns: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right'];
    drawRows(d, [SPANNING_ROWS[1]], y, xs, aligns);
    y += LEADING_PT + 6;
    y = drawRows(d, SPANNING_ROWS.slice(2), y, xs, aligns, { leading: 3 });
    d.paragraph(LOREM[0], LEFT, y + 20, RIGHT - LEFT, { justify: true });
  });
}

export const MULTILINE_ROWS = [
  ['Code', 'Description', 'Qty', 'Price'],
  ['A-100', 'Steel bolts, zinc\nplated', '100', '12.50'],
  ['B-220', 'Washers', '250', '3.10'],
  ['C-310', 'Hex nuts, stainless\nsteel, grade A4', '75', '8.40'],
  ['D-400', 'Brackets', '12', '44.00'],
];

/** Single-spaced rows whose description wraps onto a line with an empty key column. */
export function multiLinePage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[2], LEFT, 90, RIGHT - LEFT, { justify: true }) + 16;
    y = drawRows(d, MULTILINE_ROWS, y, [LEFT, 140, 330, 400], ['left', 'left', 'right', 'right'], { leading: 0 });
    d.paragraph(LOREM[3], LEFT, y + 16, RIGHT - LEFT, { justify: true });
  });
}

export const STACKED_ROWS_A = [
  ['City', 'Population', 'Area', 'Density'],
  ['Amsterdam', '921,402', '219', '4,207'],
  ['Rotterdam', '655,468', '324', '2,023'],
  ['Utrecht', '361,924', '99', '3,656'],
];
export const STACKED_ROWS_B = [
  ['Team', 'Won', 'Lost', 'Drawn', 'Points'],
  ['Ajax', '25', '3', '6', '81'],
  ['PSV', '24', '4', '6', '78'],
  ['Feyenoord', '19', '8', '7', '64'],
  ['Twente', '18', '9', '7', '61'],
];

/** Two borderless tables with a paragraph between them. */
export function stackedPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = 90;
    y = drawRows(d, STACKED_ROWS_A, y, [LEFT, 260, 340, 420], ['left', 'right', 'right', 'right']);
    y = d.paragraph(LOREM[0] + ' ' + LOREM[1], LEFT, y + 16, RIGHT - LEFT, { justify: true });
    drawRows(d, STACKED_ROWS_B, y + 16, [LEFT, 220, 290, 360, 440], ['left', 'right', 'right', 'right', 'right']);
  });
}

/** Only paragraphs of justified body text, with a heading and a page header and footer. */
export function prosePage(): Promise<ReadPage> {
  return drawPage((d) => {
    d.text('Annual Report 2021', LEFT, 40, { sizePt: 8 });
    d.text('Chapter 2', RIGHT, 40, { sizePt: 8, align: 'right' });
    d.text('2. Results of the year', LEFT, 80, { sizePt: 14, bold: true });
    let y = 110;
    for (const text of [...LOREM, ...LOREM]) y = d.paragraph(text, LEFT, y, RIGHT - LEFT, { justify: true, indentPt: 18 }) + 8;
    d.text('Page 12', RIGHT, 760, { sizePt: 8, align: 'right' });
  });
}

/** A numbered list whose items wrap, hanging-indented under their text. */
export function numberedListPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph('The following steps are required before the system can be used:', LEFT, 90, RIGHT - LEFT) + 6;
    [...LOREM, ...LOREM.slice(0, 2)].forEach((text, i) => {
      d.text(`${i + 1}.`, LEFT + 4, y);
      y = d.paragraph(text, LEFT + 28, y, RIGHT - LEFT - 28, { justify: true }) + 4;
    });
    y = d.paragraph('Bulleted items follow the same pattern:', LEFT, y + 10, RIGHT - LEFT) + 6;
    LOREM.slice(1).forEach((text) => {
      d.text('•', LEFT + 6, y);
      y = d.paragraph(text.slice(0, 120), LEFT + 24, y, RIGHT - LEFT - 24) + 4;
    });
  });
}

/** Two columns of justified prose. */
export function twoColumnPage(): Promise<ReadPage> {
  return drawPage((d) => {
    d.text('Market overview', LEFT, 70, { sizePt: 14, bold: true });
    const width = (RIGHT - LEFT - 20) / 2;
    let y = 100;
    for (const text of [...LOREM, LOREM[0]]) y = d.paragraph(text, LEFT, y, width, { justify: true }) + 6;
    y = 100;
    for (const text of [LOREM[2], LOREM[3], LOREM[0], LOREM[1]]) y = d.paragraph(text, LEFT + width + 20, y, width, { justify: true }) + 6;
  });
}

/** A short 'Name: value' block (three lines, values aligned) between paragraphs. */
export function keyValuePage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[0], LEFT, 90, RIGHT - LEFT, { justify: true }) + 14;
    for (const [key, value] of [['Name:', 'Jane Doe'], ['Customer number:', '4711-0815'], ['Date:', '12 March 2024']]) {
      d.text(key, LEFT, y);
      d.text(value, 200, y);
      y += LEADING_PT;
    }
    d.paragraph(LOREM[1], LEFT, y + 14, RIGHT - LEFT, { justify: true });
  });
}

export const ZEBRA_ROWS = [
  ['Country', 'Capital', 'Population', 'Area'],
  ['Austria', 'Vienna', '9,104,772', '83,879'],
  ['Belgium', 'Brussels', '11,742,796', '30,689'],
  ['Croatia', 'Zagreb', '3,850,894', '56,594'],
  ['Denmark', 'Copenhagen', '5,932,654', '42,943'],
  ['Estonia', 'Tallinn', '1,365,884', '45,339'],
];

/** A borderless table whose body rows are shaded in alternation (no lines at all). */
export function zebraPage(): Promise<ReadPage> {
  return drawPage((d) => {
    let y = d.paragraph(LOREM[1], LEFT, 90, RIGHT - LEFT, { justify: true }) + 16;
    const xs = [LEFT + 6, 200, 400, 500];
    const aligns: ('left' | 'right')[] = ['left', 'left', 'right', 'right'];
    ZEBRA_ROWS.forEach((row, r) => {
      if (r % 2 === 1) d.shade(LEFT, y - 11, 510, y + 5);
      drawRows(d, [row], y, xs, aligns, { boldFirst: false });
      y += 16;
    });
    d.paragraph(LOREM[2], LEFT, y + 16, RIGHT - LEFT, { justify: true });
  });
}

/** Two columns of prose; the right column holds a small borderless table between its paragraphs. */
export function tableInColumnPage(options: { leading?: number } = {}): Promise<ReadPage> {
  return drawPage((d) => {
    const width = (RIGHT - LEFT - 20) / 2;
    let y = 80;
    for (const text of [...LOREM, LOREM[0], LOREM[1]]) y = d.paragraph(text, LEFT, y, width, { justify: true }) + 6;
    const x = LEFT + width + 20;
    y = 80;
    y = d.paragraph(LOREM[2], x, y, width, { justify: true }) + 10;
    d.rule(x, x + width, y - 4, 0.8);
    y += 8;
    STACKED_ROWS_A.forEach((row) => {
      drawRows(d, [row], y, [x + 2, x + 120, x + 170, x + 220], ['left', 'right', 'right', 'right']);
      y += options.leading ?? 12;
    });
    d.rule(x, x + width, y - 6, 0.8);
    y += 10;
    for (const text of [LOREM[3], LOREM[0], LOREM[1]]) y = d.paragraph(text, x, y, width, { justify: true }) + 6;
  });
}
