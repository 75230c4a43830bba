#!/usr/bin/env node
// Prints every sheet of a workbook as rows of JSON values (for comparing with an expected CSV).
//   node tools/show-xlsx.mjs out.xlsx [maxRows]
import ExcelJS from 'exceljs';
const [file, maxRows = '60'] = process.argv.slice(2);
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.readFile(file);
for (const sheet of workbook.worksheets) {
  console.log(`# ${sheet.name}`);
  let count = 0;
  sheet.eachRow((row) => { if (count++ < Number(maxRows)) console.log(JSON.stringify(row.values.slice(1).map((v) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v)))); });
}
