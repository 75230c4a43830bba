// The command line of a corpus tool: its own flags before `--`, pdf2xlsx options after it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (tools/ is one level below it). */
export const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

/** `flag(name, fallback)` reads `--name value` among the tool's own flags; `extra` is what follows `--`. */
export function toolArgs(argv = process.argv.slice(2)) {
  const dashDash = argv.indexOf('--');
  const extra = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const flag = (name, fallback) => (own.includes(name) ? own[own.indexOf(name) + 1] : fallback);
  return { extra, flag };
}
