// Error classes with their exit codes. cli/main.ts is the only place they become messages and
// exit codes; stages throw them. The table is documented in README.md ("Exit codes"); the codes
// are stable: scripts depend on them.

export const EXIT_CODES = {
  success: 0,
  internal: 1, // a bug: an error this table does not describe
  usage: 2, // bad option or argument, page spec beyond the document
  inputUnreadable: 3, // missing, not a PDF, damaged beyond repair, encrypted without the right password
  outputNotWritable: 4, // output folder missing, not writable, or output path = input path
  noTables: 5, // --fail-on-empty and no table was found
  ocrFailure: 6, // the OCR engine could not start (language data missing or broken)
  partial: 7, // finished, but some pages or tables could not be read (each named in a warning)
  someInputsFailed: 8, // a batch (several inputs) in which some inputs could not be converted
  interrupted: 130, // SIGINT (128 + 2)
  terminated: 143, // SIGTERM (128 + 15)
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code of a run that finished: success, or partial when some pages or tables could not be read. */
export function exitCodeOf(result: { readonly failures: readonly string[] }): ExitCode {
  return result.failures.length > 0 ? EXIT_CODES.partial : EXIT_CODES.success;
}

/** Base class: an expected failure with a one-line message for the user. */
export class Pdf2XlsxError extends Error {
  readonly exitCode: ExitCode;
  /** What the user can do about it, printed as a second clause. */
  readonly hint: string | undefined;
  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export class UsageError extends Pdf2XlsxError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_CODES.usage, hint);
  }
}

export class InputError extends Pdf2XlsxError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_CODES.inputUnreadable, hint);
  }
}

export class OutputError extends Pdf2XlsxError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_CODES.outputNotWritable, hint);
  }
}

export class OcrError extends Pdf2XlsxError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_CODES.ocrFailure, hint);
  }
}

export class InterruptedError extends Pdf2XlsxError {
  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`, signal === 'SIGINT' ? EXIT_CODES.interrupted : EXIT_CODES.terminated);
  }
}

/** The text of any thrown value, for messages. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The line the user reads for a failed run: `message; hint` for our errors (`message` may be
 * given reworded, e.g. a spooled input's name put back), `internal error: …` for anything else.
 */
export function errorLine(error: unknown, message = error instanceof Error ? error.message : String(error)): string {
  if (error instanceof Pdf2XlsxError) return `${message}${error.hint ? `; ${error.hint}` : ''}`;
  return `internal error: ${errorText(error)}`;
}

export class NoTablesError extends Pdf2XlsxError {
  constructor(message: string) {
    super(message, EXIT_CODES.noTables);
  }
}

/** A task stopped for running past --timeout. */
export class TaskTimeoutError extends Error {
  constructor(seconds: number) {
    super(`it took longer than ${seconds} s (--timeout)`);
    this.name = 'TaskTimeoutError';
  }
}
