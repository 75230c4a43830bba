// Byte-identical workbooks for the same input: exceljs's zip (JSZip) stamps every entry with the
// time it was added. This sets those stamps, in the local headers and the central directory, to
// one fixed DOS date, in place. (The document dates inside are fixed by the writer.)

/** ZIP record signatures (little-endian), shared with complete-output.ts, which reads the directory back. */
export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of up to 65535 bytes. */
export const END_RECORD_MAX_DISTANCE = 22 + 0xffff;

/** DOS date and time fields for a date (local fields; 1980 is the earliest DOS date). */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Sets every entry's modification time in a zip archive to `date`; throws on a malformed archive. */
export function setZipEntryDates(zip: Uint8Array, date: Date): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const stamp = dosDateTime(date);
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - END_RECORD_MAX_DISTANCE); offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end of central directory record');
  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let entry = 0; entry < entryCount; entry++) {
    if (view.getUint32(offset, true) !== CENTRAL_HEADER) throw new Error('zip: bad central directory entry');
    view.setUint16(offset + 12, stamp.time, true);
    view.setUint16(offset + 14, stamp.date, true);
    const localOffset = view.getUint32(offset + 42, true);
    if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new Error('zip: bad local file header');
    view.setUint16(localOffset + 10, stamp.time, true);
    view.setUint16(localOffset + 12, stamp.date, true);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
}
