import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTable } from '../../src/assemble/build-table.ts';
import { detectWordTables } from '../../src/layout/detect-word-tables.ts';
import type { CellGrid, Ruling, Word } from '../../src/types.ts';
import { CHAR_PX, LINE_PX, PAGE, WORD_HEIGHT_PX, gridProblem, monoWords } from './mono-words.ts';
import { mulberry32 } from '../../fixtures/lib/prng.ts';
import { rowsOf, spansOf } from './pdf-pages.ts';

const NO_HINTS = { horizontalRules: [], excludeBoxes: [] };

function detect(words: Word[], hints: { horizontalRules: Ruling[]; excludeBoxes: CellGrid['box'][] } = NO_HINTS): { grids: CellGrid[]; rows: string[][][] } {
  const grids = detectWordTables(words, PAGE, hints);
  for (const grid of grids) assert.equal(gridProblem(grid), '');
  const rows = grids.map((grid, i) => {
    const inside = words.filter((w) => {
      const x = (w.box.left + w.box.right) / 2;
      const y = (w.box.top + w.box.bottom) / 2;
      return x >= grid.box.left && x <= grid.box.right && y >= grid.box.top && y <= grid.box.bottom;
    });
    return rowsOf(buildTable(grid, inside, { pageNumber: 1, tableIndex: i, dpi: PAGE.dpi, source: 'text-layer', lowConfidence: 60 }));
  });
  return { grids, rows };
}

const PROSE = [
  'The committee reviewed the annual figures in detail and found',
  'that the growth in the northern region was driven mostly by new',
  'contracts signed in the second half of the year. Costs rose less',
  'than expected because the price of raw materials stayed flat.',
];

describe('detectWordTables on synthetic word layouts', () => {
  it('finds a borderless table with right-aligned numbers between paragraphs', () => {
    const words = monoWords([
      ...PROSE,
      '',
      'Region         2019      2020      2021',
      'North         1,234     2,345     3,456',
      'South           987     1,002    12,345',
      'East Coast       45        67        89',
      'West         10,000     9,500     9,999',
      '',
      ...PROSE,
    ]);
    const { grids, rows } = detect(words);
    assert.equal(grids.length, 1);
    assert.deepEqual(rows[0], [
      ['Region', '2019', '2020', '2021'],
      ['North', '1,234', '2,345', '3,456'],
      ['South', '987', '1,002', '12,345'],
      ['East Coast', '45', '67', '89'],
      ['West', '10,000', '9,500', '9,999'],
    ]);
    // Outer edges a little outside the words, inner ones in the gaps.
    const grid = grids[0];
    const tableWords = words.filter((w) => w.box.top >= 200 + 5 * LINE_PX && w.box.top < 200 + 10 * LINE_PX);
    assert.ok(grid.box.left < Math.min(...tableWords.map((w) => w.box.left)));
    assert.ok(grid.box.right > Math.max(...tableWords.map((w) => w.box.right)));
    assert.ok(grid.box.top < Math.min(...tableWords.map((w) => w.box.top)));
    assert.ok(grid.box.bottom > Math.max(...tableWords.map((w) => w.box.bottom)));
    assert.ok(grid.box.top > 200 + 4 * LINE_PX, 'the paragraph above is outside');
  });

  it('joins a wrapped line with an empty key column to its row', () => {
    const { rows } = detect(monoWords([
      'Code     Description            Qty',
      'A-1      Steel bolts, zinc      100',
      '         plated',
      'B-2      Washers                250',
      'C-3      Hex nuts, stainless     75',
      '         steel',
      'D-4      Brackets                12',
    ]));
    assert.deepEqual(rows, [[
      ['Code', 'Description', 'Qty'],
      ['A-1', 'Steel bolts, zinc\nplated', '100'],
      ['B-2', 'Washers', '250'],
      ['C-3', 'Hex nuts, stainless\nsteel', '75'],
      ['D-4', 'Brackets', '12'],
    ]]);
  });

  it('reads a table with two columns of wrapped text beside short ones', () => {
    const { rows } = detect(monoWords([
      'ID     Requirement                       Rationale                          Priority',
      'R1     The system shall store every      Auditors need the full history     High',
      '       change made to a record           of each record',
      'R2     Users can export reports to       Finance works in spreadsheets      Medium',
      '       spreadsheets and PDF files',
      'R3     Passwords expire after ninety     Required by the security policy    High',
      '       days without a change',
    ]));
    assert.deepEqual(rows, [[
      ['ID', 'Requirement', 'Rationale', 'Priority'],
      ['R1', 'The system shall store every\nchange made to a record', 'Auditors need the full history\nof each record', 'High'],
      ['R2', 'Users can export reports to\nspreadsheets and PDF files', 'Finance works in spreadsheets', 'Medium'],
      ['R3', 'Passwords expire after ninety\ndays without a change', 'Required by the security policy', 'High'],
    ]]);
  });

  it('joins one-word cells wrapped under a row with a key (Human / Resources)', () => {
    const { rows } = detect(monoWords([
      'ID     Name            Dept        Title       City',
      'E1     Anna Weber      Human       Senior      Hamburg',
      '                       Resources   Engineer',
      'E2     Marco Rossi     Sales       Analyst     Venice',
      'E3     Peter Novak     Finance     Vice        Prague',
      '                                   President',
      'E4     Maria Garcia    Legal       Assistant   Madrid',
    ]));
    assert.deepEqual(rows, [[
      ['ID', 'Name', 'Dept', 'Title', 'City'],
      ['E1', 'Anna Weber', 'Human\nResources', 'Senior\nEngineer', 'Hamburg'],
      ['E2', 'Marco Rossi', 'Sales', 'Analyst', 'Venice'],
      ['E3', 'Peter Novak', 'Finance', 'Vice\nPresident', 'Prague'],
      ['E4', 'Maria Garcia', 'Legal', 'Assistant', 'Madrid'],
    ]]);
  });

  it('keeps a row without a key that fills most columns (a group listed under its key)', () => {
    const { rows } = detect(monoWords([
      'Group     Item       Colour',
      'Fruit     Apple      Red',
      '          Banana     Yellow',
      'Veg       Carrot     Orange',
      '          Leek       Green',
    ]));
    assert.deepEqual(rows, [[
      ['Group', 'Item', 'Colour'],
      ['Fruit', 'Apple', 'Red'],
      ['', 'Banana', 'Yellow'],
      ['Veg', 'Carrot', 'Orange'],
      ['', 'Leek', 'Green'],
    ]]);
  });

  it('reads a header whose wrapped label stands above and below the centred labels; a row with a blank number is a body row', () => {
    const header = [
      ...monoWords(['Employee'], { top: 200 }),
      ...monoWords(['           Name          Dept          Ext.'], { top: 222 }),
      ...monoWords(['ID'], { top: 244 }),
    ];
    const body = monoWords([
      'E-41       Anna Weber    Sales',
      'E-42       Marco Rossi   Finance       0168',
      'E-43       Peter Novak   Legal         4331',
      'E-44       Maria Garcia  Sales         4388',
    ], { top: 310, linePx: 56 });
    const { rows } = detect([...header, ...body]);
    assert.deepEqual(rows, [[
      ['Employee\nID', 'Name', 'Dept', 'Ext.'],
      ['E-41', 'Anna Weber', 'Sales', ''],
      ['E-42', 'Marco Rossi', 'Finance', '0168'],
      ['E-43', 'Peter Novak', 'Legal', '4331'],
      ['E-44', 'Maria Garcia', 'Sales', '4388'],
    ]]);
  });

  it('splits two right-aligned columns of numbers set a word space apart', () => {
    const { rows } = detect(monoWords([
      'Line item              FY2019     FY2018   Change',
      'Revenue                 586.2      507.4    15.5%',
      'Cost of revenue        (322.7)    (319.1) (121.3%)',
      'Gross profit            263.5      188.3    40.0%',
      'Research                (57.8)     (26.1) (240.3%)',
      'Other                    12.0        9.5     1.1%',
    ]));
    assert.deepEqual(rows, [[
      ['Line item', 'FY2019', 'FY2018', 'Change'],
      ['Revenue', '586.2', '507.4', '15.5%'],
      ['Cost of revenue', '(322.7)', '(319.1)', '(121.3%)'],
      ['Gross profit', '263.5', '188.3', '40.0%'],
      ['Research', '(57.8)', '(26.1)', '(240.3%)'],
      ['Other', '12.0', '9.5', '1.1%'],
    ]]);
  });

  it('keeps numbers written with spaces between thousands whole', () => {
    const { rows } = detect(monoWords([
      'Region        Sales      Staff',
      'North        12 345        120',
      'South         9 870         85',
      'East         10 002         97',
      'West          1 234         12',
    ]));
    assert.deepEqual(rows, [[
      ['Region', 'Sales', 'Staff'],
      ['North', '12 345', '120'],
      ['South', '9 870', '85'],
      ['East', '10 002', '97'],
      ['West', '1 234', '12'],
    ]]);
  });

  it('gives a column of lone currency signs to the amounts beside it', () => {
    const { rows } = detect(monoWords([
      'Item                       2021            2022',
      'Balance at start     $   34,155     $    36,599',
      'Net income                7,778          (2,028)',
      'Other items               1,300            1,626',
      'Balance at end       $   40,667     §    37,700',
    ]));
    assert.deepEqual(rows, [[
      ['Item', '2021', '2022'],
      ['Balance at start', '$ 34,155', '$ 36,599'],
      ['Net income', '7,778', '(2,028)'],
      ['Other items', '1,300', '1,626'],
      ['Balance at end', '$ 40,667', '§ 37,700'],
    ]]);
  });

  it('takes in the wrapped first line of the first row\'s label, set tight above it', () => {
    const row = (label: string, ...values: string[]) => label.padEnd(70) + values.map((v) => v.padStart(9)).join('');
    const words = [
      ...monoWords(['CASH, CASH EQUIVALENTS, AND RESTRICTED CASH, BEGINNING OF'], { top: 300 }),
      ...monoWords([
        row('PERIOD', '34,155', '36,599', '42,377'),
        row('Net income', '7,778', '(2,028)', '15,885'),
        row('Depreciation and amortization of property and equipment and other', '8,038', '9,594', '15,546'),
        row('Stock-based compensation', '3,591', '5,209', '5,897'),
      ], { top: 345, linePx: 64 }),
    ];
    const { rows } = detect(words);
    assert.deepEqual(rows, [[
      ['CASH, CASH EQUIVALENTS, AND RESTRICTED CASH, BEGINNING OF\nPERIOD', '34,155', '36,599', '42,377'],
      ['Net income', '7,778', '(2,028)', '15,885'],
      ['Depreciation and amortization of property and equipment and other', '8,038', '9,594', '15,546'],
      ['Stock-based compensation', '3,591', '5,209', '5,897'],
    ]]);
  });

  it('keeps rows with an empty key that hold their own numbers', () => {
    const { rows } = detect(monoWords([
      'Group     Item        Count',
      'Fruit     Apple          12',
      '          Banana         15',
      'Veg       Carrot          7',
      '          Leek            3',
    ]));
    assert.deepEqual(rows, [[
      ['Group', 'Item', 'Count'],
      ['Fruit', 'Apple', '12'],
      ['', 'Banana', '15'],
      ['Veg', 'Carrot', '7'],
      ['', 'Leek', '3'],
    ]]);
  });

  it('uses row spacing: lines closer than the rows are one cell', () => {
    // Rows 1.6 lines apart, wrapped lines 1 line apart; the continuation starts with a capital.
    const lines = ['Name        Role                 Years', 'Ann         Head of Sales            4', '            North Region', 'Bob         Engineer                 7', 'Cy          Director of              2', '            Operations'];
    const tops = [0, 80, 130, 210, 290, 340];
    const words = lines.flatMap((line, i) => monoWords([line], { top: 200 + tops[i] }));
    const { rows } = detect(words);
    assert.deepEqual(rows, [[
      ['Name', 'Role', 'Years'],
      ['Ann', 'Head of Sales\nNorth Region', '4'],
      ['Bob', 'Engineer', '7'],
      ['Cy', 'Director of\nOperations', '2'],
    ]]);
  });

  it('makes a header spanning two columns a merged cell', () => {
    const words = monoWords([
      '             Revenue (EUR)       Cost (EUR)',
      'Product      2020     2021     2020     2021',
      'Widgets       120      150       80       95',
      'Gadgets       310      290      200      185',
      'Gizmos         45       60       30       41',
    ]);
    const grids = detectWordTables(words, PAGE, NO_HINTS);
    assert.equal(grids.length, 1);
    const table = buildTable(grids[0], words, { pageNumber: 1, tableIndex: 0, dpi: 300, source: 'text-layer', lowConfidence: 60 });
    assert.deepEqual(rowsOf(table), [
      ['', 'Revenue (EUR)', '', 'Cost (EUR)', ''],
      ['Product', '2020', '2021', '2020', '2021'],
      ['Widgets', '120', '150', '80', '95'],
      ['Gadgets', '310', '290', '200', '185'],
      ['Gizmos', '45', '60', '30', '41'],
    ]);
    assert.deepEqual(spansOf(table), ['0,1:1x2', '0,3:1x2']);
  });

  it('leaves out a title above and a note below', () => {
    const { rows } = detect(monoWords([
      '   Table 4. Staff by site and grade, 2023',
      '',
      'Site        Junior    Senior    Total',
      'Leeds           14         6       20',
      'York             9         4       13',
      'Hull            11         2       13',
      '',
      'Source: staff records at 31 December 2023.',
    ]));
    assert.deepEqual(rows, [[
      ['Site', 'Junior', 'Senior', 'Total'],
      ['Leeds', '14', '6', '20'],
      ['York', '9', '4', '13'],
      ['Hull', '11', '2', '13'],
    ]]);
  });

  it('uses rules as row separators and bounds (booktabs)', () => {
    const words = monoWords([
      'Model        Year     Sold',
      'Alpha        2021      120',
      'Beta         2021       95',
      'Gamma        2022       40',
    ]);
    const rule = (y: number): Ruling => ({ orientation: 'horizontal', position: y, start: 180, end: 760, thickness: 3 });
    const { grids, rows } = detect(words, { horizontalRules: [rule(190), rule(245), rule(395)], excludeBoxes: [] });
    assert.equal(rows[0].length, 4);
    assert.equal(grids[0].rowEdges[1], 245, 'the header rule is the row edge');
  });

  it('leaves a caption above the top rule out, even one in two parts', () => {
    const words = monoWords([
      'Table 3                     Sales by model',
      'Model        Year     Sold',
      'Alpha        2021      120',
      'Beta         2021       95',
      'Gamma        2022       40',
    ]);
    const rule = (y: number): Ruling => ({ orientation: 'horizontal', position: y, start: 180, end: 760, thickness: 3 });
    const { rows } = detect(words, { horizontalRules: [rule(245), rule(295), rule(445)], excludeBoxes: [] });
    assert.deepEqual(rows, [[
      ['Model', 'Year', 'Sold'],
      ['Alpha', '2021', '120'],
      ['Beta', '2021', '95'],
      ['Gamma', '2022', '40'],
    ]]);
  });

  it('reads a table with a rule under every row, but not a chart whose gridlines run through its labels', () => {
    const lines = [
      'Month        Sales     Costs',
      'January        120        80',
      'February       135        82',
      'March          150        90',
      'April          160        95',
    ];
    const rule = (y: number): Ruling => ({ orientation: 'horizontal', position: y, start: 190, end: 800, thickness: 3 });
    // Between the lines (each 40 px tall, 50 px apart from y = 200): y = 245, 295, …
    const between = [245, 295, 345, 395].map(rule);
    assert.equal(detect(monoWords(lines), { horizontalRules: between, excludeBoxes: [] }).rows[0].length, 5);
    // Through the middle of every line: gridlines of a chart with its tick labels.
    const through = [220, 270, 320, 370, 420].map(rule);
    assert.equal(detectWordTables(monoWords(lines), PAGE, { horizontalRules: through, excludeBoxes: [] }).length, 0);
  });

  it('reads a statement whose totals are underlined column by column (rules across part of it, each under one column)', () => {
    const lines = [
      'Item                 2024        2023',
      'Deposits           86,110     208,783',
      'Borrowings        447,877     467,791',
      'Liabilities       533,987     676,574',
      'Capital            19,406      19,406',
      'Reserves           69,948      69,944',
      'Equity             89,354      89,350',
      'Notes              10,781      10,781',
      'Provisions         68,262      67,917',
      'Other              79,043      78,698',
      'Total             702,384     844,622',
    ];
    const words = monoWords(lines);
    // A rule under each number column above each total line (columns from the words' extents).
    const columnSpan = (text: string) => {
      const ofColumn = words.filter((w) => w.text === text);
      return { start: Math.min(...ofColumn.map((w) => w.box.left)) - 4, end: Math.max(...ofColumn.map((w) => w.box.right)) + 4 };
    };
    const underlines = ['Liabilities', 'Equity', 'Other', 'Total'].map((label) => words.find((w) => w.text === label)!).flatMap((total) =>
      ['702,384', '844,622'].map((text) => {
        const column = words.find((w) => w.text === text)!;
        const span = columnSpan(text);
        return { orientation: 'horizontal' as const, position: total.box.top - 4, start: Math.min(span.start, column.box.left - 40), end: span.end, thickness: 3 };
      }));
    const { rows } = detect(words, { horizontalRules: underlines, excludeBoxes: [] });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].length, 11);
  });

  it('ignores words inside the boxes of ruled tables', () => {
    const words = monoWords([
      'Region         2019      2020      2021',
      'North         1,234     2,345     3,456',
      'South           987     1,002    12,345',
      'West         10,000     9,500     9,999',
    ]);
    const { grids } = detect(words, { horizontalRules: [], excludeBoxes: [{ left: 150, top: 150, right: 1200, bottom: 450 }] });
    assert.equal(grids.length, 0);
  });

  it('finds nothing in paragraphs, lists, key: value lines or two-column prose', () => {
    const cases: Record<string, string[]> = {
      paragraphs: [...PROSE, '', ...PROSE, '', ...PROSE],
      'numbered list': [
        '1.  The committee reviewed the annual figures in detail',
        '    and found that growth was driven by new contracts.',
        '2.  Costs rose less than expected because the price of',
        '    raw materials stayed flat.',
        '3.  The board expects moderate growth next year.',
        '4.  A breakdown by region is given in the appendix.',
      ],
      'key: value': ['Name:              Jane Doe', 'Customer number:   4711-0815', 'Date:              12 March 2024'],
      'two-column prose': PROSE.map((line, i) => `${line.padEnd(66)}${PROSE[(i + 2) % 4]}`),
      'aligned pair of lines': ['Prepared by       Checked by', 'J. Smith          A. Jones'],
      'address blocks side by side': [
        'ACME Inc.                              Megan J. Stark',
        '1918 Tanglewood Road                   828 Pearcy Avenue',
        'Jackson, MS 39201                      North Manchester, IN 46942',
        'United States                          United States',
        'Phone 555-0101                         Phone 555-0199',
      ],
      'form with two label: value pairs a line': [
        'Name:     John Smith          Date:     2021-01-01',
        'Street:   12 High Street      Phone:    555 0101',
        'City:     Leeds               Email:    js@example.com',
      ],
      'chart axis labels and legend': [
        '1200',
        '                Greece     Spain',
        '1000',
        '                Ireland    Italy',
        ' 800',
        '                Portugal   UK',
        ' 600',
        ' 400',
        '   0',
        '      1-Sep-08     1-Mar-09     1-Sep-09     1-Mar-10',
      ],
    };
    for (const [name, lines] of Object.entries(cases)) {
      assert.equal(detectWordTables(monoWords(lines), PAGE, NO_HINTS).length, 0, name);
    }
  });

  it('reads a Chinese statement whose OCR returns a word per character, but not a hex dump', () => {
    // chi_sim gives nearly every ideograph as its own word: five or more one-character words a
    // line are a label, not a listing's tokens.
    const statement = monoWords([
      '项 目                         2024年度      2023年度',
      '工 资 奖 金 津 贴 和 补 贴      13,568        15,540',
      '社 会 保 险 及 职 工 福 利       3,898         3,642',
      '住 房 公 积 金 缴 存 额         1,285         1,269',
      '工 会 经 费 及 培 训 费           375           458',
      '小 计 员 工 费 用 合 计        19,126        20,909',
    ]);
    const { grids, rows } = detect(statement);
    assert.equal(grids.length, 1);
    assert.equal(rows[0].length, 6);
    assert.deepEqual(rows[0][1], ['工资奖金津贴和补贴', '13,568', '15,540']);
    const hexDump = monoWords([
      '0000:  4f 6e 65 20 74 77 6f 20      One two',
      '0008:  74 68 72 65 65 20 66 6f      three fo',
      '0010:  75 72 20 66 69 76 65 20      ur five ',
      '0018:  73 69 78 20 73 65 76 65      six seve',
      '0020:  6e 20 65 69 67 68 74 2e      n eight.',
    ]);
    assert.equal(detectWordTables(hexDump, PAGE, NO_HINTS).length, 0);
  });

  it('joins a header wrapped over lines into one header row', () => {
    const { rows } = detect(monoWords([
      '                       Percent of     Percent of',
      'Benefit                Districts      Schools',
      '                       Agreeing       Agreeing',
      'Gives us a picture        69%            65%',
      'Results in confusion      46%            37%',
      'Reduces support           23%            24%',
    ]));
    assert.deepEqual(rows, [[
      ['Benefit', 'Percent of\nDistricts\nAgreeing', 'Percent of\nSchools\nAgreeing'],
      ['Gives us a picture', '69%', '65%'],
      ['Results in confusion', '46%', '37%'],
      ['Reduces support', '23%', '24%'],
    ]]);
  });

  it('ends a table at a long note that fits in its wide first column', () => {
    const { rows } = detect(monoWords([
      'Region                                       Q1      Q2',
      'North                                      1204    1350',
      'South                                       987    1002',
      'West                                       2100    2050',
      '',
      'Notes: figures in thousands of euros; Q4 is preliminary.',
    ]));
    assert.deepEqual(rows, [[
      ['Region', 'Q1', 'Q2'],
      ['North', '1204', '1350'],
      ['South', '987', '1002'],
      ['West', '2100', '2050'],
    ]]);
  });

  it('reads a table through OCR-like noise: jittered boxes, a slight slope, specks', () => {
    const lines = [
      ...PROSE.slice(0, 3),
      '',
      'Region          2019       2020       2021',
      'North          1,234      2,345      3,456',
      'South            987      1,002     12,345',
      'East Coast        45         67         89',
      'West          10,000      9,500      9,999',
      '',
      ...PROSE.slice(1),
    ];
    for (let seed = 1; seed <= 25; seed++) {
      const random = mulberry32(seed);
      const slope = (random() - 0.5) * 0.01; // up to ±0.3°
      const jitter = () => Math.round((random() - 0.5) * 8);
      const words = monoWords(lines).map((w) => {
        const drift = Math.round(w.box.left * slope);
        return { ...w, confidence: 60 + random() * 40, box: { left: w.box.left + jitter(), right: w.box.right + jitter(), top: w.box.top + drift + jitter(), bottom: w.box.bottom + drift + jitter() } };
      });
      for (let k = 0; k < 6; k++) {
        const x = 150 + random() * 1000;
        const y = 150 + random() * 900;
        words.push({ text: random() < 0.5 ? '.' : "'", confidence: random() * 40, box: { left: x, top: y, right: x + 6, bottom: y + 6 } });
      }
      const grids = detectWordTables(words, PAGE, NO_HINTS);
      assert.equal(grids.length, 1, `seed ${seed}`);
      const clean = words.filter((w) => /\w/.test(w.text));
      const inside = clean.filter((w) => (w.box.top + w.box.bottom) / 2 > grids[0].box.top && (w.box.top + w.box.bottom) / 2 < grids[0].box.bottom);
      assert.deepEqual(rowsOf(buildTable(grids[0], inside, { pageNumber: 1, tableIndex: 0, dpi: 300, source: 'ocr', lowConfidence: 60 })), [
        ['Region', '2019', '2020', '2021'],
        ['North', '1,234', '2,345', '3,456'],
        ['South', '987', '1,002', '12,345'],
        ['East Coast', '45', '67', '89'],
        ['West', '10,000', '9,500', '9,999'],
      ], `seed ${seed}`);
    }
  });

  it('does not let a zebra band edge read as a tall mark, or an unsure word with a speck-quote, close a column gap', () => {
    const lines = [
      'Code     Item          Qty',
      '29719    Office chair   31',
      '46146    Ball bearing  489',
      '91539    Hex bolt       14',
      '66767    Panel light   290',
    ];
    const clean = monoWords(lines);
    const gapLeft = 200 + 5 * CHAR_PX; // the gap between Code and Item: characters 5-8
    const noisy = clean.map((w) => (w.text === 'Hex' ? { ...w, text: '\u201dHex', confidence: 31, box: { ...w.box, left: gapLeft + CHAR_PX } } : w));
    // a stroke read as '。' across two lines, in the same gap
    noisy.push({ text: '\u3002', confidence: 67, box: { left: gapLeft + CHAR_PX, right: gapLeft + 2 * CHAR_PX, top: 200 + LINE_PX, bottom: 200 + 2 * LINE_PX + WORD_HEIGHT_PX } });
    for (const words of [clean, noisy]) {
      const grids = detectWordTables(words, PAGE, NO_HINTS);
      assert.equal(grids.length, 1);
      assert.equal(grids[0].columnEdges.length - 1, 3, JSON.stringify(grids[0].columnEdges));
    }
  });

  it('returns stacked tables in reading order', () => {
    const words = monoWords([
      'City          Pop.     Area',
      'Amsterdam      921      219',
      'Rotterdam      655      324',
      'Utrecht        361       99',
      '',
      ...PROSE,
      '',
      'Team       Won    Lost   Points',
      'Ajax        25       3       81',
      'PSV         24       4       78',
      'Twente      18       9       61',
    ]);
    const { grids, rows } = detect(words);
    assert.equal(grids.length, 2);
    assert.ok(grids[0].box.bottom <= grids[1].box.top);
    assert.deepEqual(rows.map((r) => r[0][0]), ['City', 'Team']);
  });

  it('takes a few milliseconds for a dense page', () => {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) lines.push(`Item ${String(i).padStart(3, "0")}    ${String((i * 7) % 100).padStart(3)}    ${String((i * 13) % 1000).padStart(4)}    ${(i * 3) % 10}.5    ${i % 2 ? "yes" : "no "}    ${1000 + i}`);
    const words = [...monoWords(PROSE.concat(PROSE, PROSE)), ...monoWords(lines, { top: 900 })];
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const started = performance.now();
      const grids = detectWordTables(words, PAGE, NO_HINTS);
      times.push(performance.now() - started);
      assert.equal(grids.length, 1);
      assert.equal(grids[0].rowEdges.length - 1, 60);
      assert.equal(grids[0].columnEdges.length - 1, 6);
    }
    // The median run: the first ones pay for JIT compilation (a pool thread pays once).
    const ms = times.sort((a, b) => a - b)[3];
    assert.ok(ms < 40, `${ms.toFixed(1)} ms for ${words.length} words`);
  });
});
