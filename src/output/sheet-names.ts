// Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or
// ending with an apostrophe, not blank, and unique regardless of case.

const MAX_SHEET_NAME_LENGTH = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;

/** Hands out valid, unique sheet names: `name`, then `name (2)`, `name (3)`… */
export class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let base = wanted.replace(FORBIDDEN, '_').replace(/[\u0000-\u001f]/g, ' ').trim();
    base = base.replace(/^'+|'+$/g, '').trim() || 'Sheet';
    for (let copy = 1; ; copy++) {
      const suffix = copy === 1 ? '' : ` (${copy})`;
      const name = truncate(base, MAX_SHEET_NAME_LENGTH - suffix.length).replace(/'+$/, '') + suffix;
      if (!this.used.has(name.toLowerCase())) {
        this.used.add(name.toLowerCase());
        return name;
      }
    }
  }
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
