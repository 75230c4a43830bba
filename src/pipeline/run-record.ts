// What a run keeps while its pages come back in any order: the warnings and failures the user
// hears of, the page that ends the run, and each page's geometry (for the join across pages).
import { InputError } from '../errors.js';
import type { ProgressReporter } from '../report/progress.js';
import type { PageGeometry } from '../types.js';

export class RunRecord {
  readonly warnings: string[] = [];
  /** Pages skipped and tables left empty: the run exits 7 with these. */
  readonly failures: string[] = [];
  // A page that ends the run (--ocr never); the lowest such page is the one reported, whichever
  // thread got there first, and pages after it are not started.
  private fatalPage: { pageNumber: number; error: string } | null = null;
  private readonly geometry = new Map<number, PageGeometry>();
  private readonly empty = new Set<number>();

  constructor(
    private readonly progress: ProgressReporter,
    readonly log: (message: string) => void,
  ) {}

  warn(message: string): void {
    this.warnings.push(message);
    this.progress.warn(message);
  }

  fail(message: string): void {
    this.failures.push(message);
    this.warn(message);
  }

  endRunAt(pageNumber: number, error: string): void {
    if (!this.fatalPage || pageNumber < this.fatalPage.pageNumber) this.fatalPage = { pageNumber, error };
  }

  /** Whether a page ending the run comes before this one, which then need not be read. */
  endsBefore(pageNumber: number): boolean {
    return this.fatalPage !== null && this.fatalPage.pageNumber < pageNumber;
  }

  throwIfEnded(): void {
    if (this.fatalPage) throw new InputError(this.fatalPage.error, 'use --ocr auto to OCR such pages');
  }

  notePage(geometry: PageGeometry, empty: boolean): void {
    this.geometry.set(geometry.pageNumber, geometry);
    if (empty) this.empty.add(geometry.pageNumber);
  }

  /** The geometry of the pages read, in the order given. */
  pagesOf(pageNumbers: number[]): PageGeometry[] {
    return pageNumbers.flatMap((pageNumber) => this.geometry.get(pageNumber) ?? []);
  }

  emptyOf(pageNumbers: number[]): number[] {
    return pageNumbers.filter((pageNumber) => this.empty.has(pageNumber));
  }
}
