// Error classes with their exit codes. cli/main.ts is the only place they become messages and
// exit codes; stages throw them. The table is documented in README.md ("Exit codes").

export const EXIT_CODES = {
  success: 0,
  internal: 1, // a bug: an error this table does not describe
  usage: 2, // bad option or argument
  inputUnreadable: 3, // missing, not a PDF, damaged, encrypted without the right password, page out of range
  outputNotWritable: 4, // output folder missing, not writable, or output path = input path
  ocrFailure: 6, // the OCR engine or the worker pool failed (language data missing, worker crash)
  interrupted: 130, // SIGINT (128 + 2)
  terminated: 143, // SIGTERM (128 + 15)
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

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
