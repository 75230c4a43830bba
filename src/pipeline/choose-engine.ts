// Which OCR engine reads the scans of a run (--engine): PP-OCR where the languages are Chinese and
// English and it is installed, else tesseract.js; and the languages tesseract.js is given.
import { OcrError } from '../errors.js';
import { checkTessdataDir, findLanguageData, resolveLanguageData, type LanguageSource } from '../ocr/language-data.js';
import { disableRuntimeTelemetry, findPaddleModels, PADDLE_INSTALL_HINT, type PaddleAvailability, type PaddleModelFiles } from '../ocr/paddle/model-files.js';
import { AUTO_CJK_LANGUAGES, PADDLE_LANGUAGES, type Options } from '../options.js';

export interface EngineChoice {
  /** PP-OCR's files when it reads the scans, else null. */
  paddle: PaddleModelFiles | null;
  /** tesseract.js's languages: what reads the scans without PP-OCR, and where PP-OCR fails to start. */
  languages: LanguageSource[];
  /** `--lang auto` with tesseract.js and chi_sim data: added on pages that read as Chinese; else null. */
  autoCjkLanguages: LanguageSource[] | null;
  /** `--lang auto` with tesseract.js and no CJK data: a page the Latin model reads unsurely gets a warning. */
  warnIfNotLatin: boolean;
  /** Why PP-OCR is not used although it was wanted (said once, when a page needs OCR), or null. */
  fallbackWarning: string | null;
}

/** Decides before any page is read; `--engine paddle` without PP-OCR fails here (exit 6). `findPaddle` and `cjkLanguages` are for the tests. */
export function chooseEngine(
  options: Pick<Options, 'engine' | 'languages' | 'autoLanguage' | 'tessdataDir'>,
  findPaddle: () => PaddleAvailability = findPaddleModels,
  cjkLanguages: readonly string[] = AUTO_CJK_LANGUAGES,
): EngineChoice {
  const paddleReads = options.engine !== 'tesseract' && options.languages.every((code) => PADDLE_LANGUAGES.includes(code));
  const found = paddleReads ? findPaddle() : null;
  if (found?.available) {
    checkTessdataDir(options.tessdataDir);
    disableRuntimeTelemetry();
    // PP-OCR reads Chinese and English in one pass: no language probe. tesseract.js is only the
    // fallback of a thread where PP-OCR fails to start, so languages it lacks data for are left out.
    const languages = findLanguageData(options.languages, options.tessdataDir) ?? resolveLanguageData(['eng'], null);
    return { paddle: found.files, languages, autoCjkLanguages: null, warnIfNotLatin: false, fallbackWarning: null };
  }
  if (found && options.engine === 'paddle') throw new OcrError(`option --engine paddle: ${found.reason}`, PADDLE_INSTALL_HINT);
  // --lang auto: CJK pages need chi_sim data; without it every page is read in the base languages,
  // and a page they read unsurely (Chinese, likely) is named in a warning rather than passed silently.
  const autoCjkLanguages = options.autoLanguage ? findLanguageData(cjkLanguages, options.tessdataDir) : null;
  return {
    paddle: null,
    languages: resolveLanguageData(options.languages, options.tessdataDir),
    autoCjkLanguages,
    warnIfNotLatin: options.autoLanguage && autoCjkLanguages === null,
    fallbackWarning: found ? `PP-OCR is not available (${found.reason}), so scans are read with tesseract.js: ${PADDLE_INSTALL_HINT}` : null,
  };
}
