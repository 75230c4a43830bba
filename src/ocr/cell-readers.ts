// Which engine reads a cell when the languages mix scripts (`--lang chi_sim+eng`). One engine
// loaded with both lets Tesseract choose per word, and on small or blurred Chinese it often
// chooses the English model's guess ("STE td" for a line of Han). Here each script has its own
// engine. When the languages put a Latin one first (`eng+chi_sim`), a cell is read by the Latin
// engine (fast, and best at digits and separators) and, unless that reading is sure, by the CJK
// one, whose reading wins when it holds any Han. When they put CJK first (`chi_sim+eng`, and
// `--lang auto` on a Chinese page), the CJK engine reads first and its reading stands when it
// holds Han, or when the CJK model is sure of it; otherwise (numbers, codes, Latin words read
// unsurely) the Latin engine reads it too and the surer reading wins. So a Han cell, and most
// number cells, are read once on a Chinese page.
import type { Word } from '../types.js';
import type { LanguageSource } from './language-data.js';
import type { OcrEngine } from './ocr-engine.js';
import { CJK_CHARACTER } from '../text/scripts.js';

/** Languages written in CJK scripts (Tesseract codes); their models read Latin and digits too. */
const CJK_LANGUAGE = /^(chi_sim|chi_tra|jpn|kor)(_vert)?$/;
// A Latin-model reading this sure is kept without asking the CJK model: on Han text the English
// model's guesses score well below it.
const SURE_LATIN_CONFIDENCE = 85;
// A CJK-model reading without Han this sure is kept without asking the Latin model: reading every
// number cell twice doubled the OCR time of a Chinese price list.
const SURE_CJK_CONFIDENCE = 90;

export interface LanguageGroups {
  /** CJK languages, or empty. */
  cjk: LanguageSource[];
  /** The others (eng, ...), or empty. */
  latin: LanguageSource[];
}

export function groupLanguagesByScript(languages: LanguageSource[]): LanguageGroups {
  return {
    cjk: languages.filter((language) => CJK_LANGUAGE.test(language.code)),
    latin: languages.filter((language) => !CJK_LANGUAGE.test(language.code)),
  };
}

/** The engines a table crop is read with: one for every language, or one per script. */
export type CellEngines =
  | { kind: 'single'; engine: OcrEngine }
  | { kind: 'by-script'; latin: OcrEngine; cjk: OcrEngine; cjkFirst: boolean };

export const enginesOf = (engines: CellEngines): OcrEngine[] => (engines.kind === 'single' ? [engines.engine] : [engines.latin, engines.cjk]);

const meanConfidence = (words: Word[]) => (words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length);

/** Reads one prepared cell image (PSM already set on every engine). */
export async function recognizeCell(engines: CellEngines, width: number, height: number, gray: Uint8Array): Promise<Word[]> {
  if (engines.kind === 'single') return engines.engine.recognize(width, height, gray);
  const holdsCjk = (words: Word[]) => words.some((word) => CJK_CHARACTER.test(word.text));
  if (engines.cjkFirst) {
    const cjk = await engines.cjk.recognize(width, height, gray);
    if (holdsCjk(cjk) || (cjk.length > 0 && meanConfidence(cjk) >= SURE_CJK_CONFIDENCE)) return cjk;
    const latin = await engines.latin.recognize(width, height, gray);
    return meanConfidence(latin) >= meanConfidence(cjk) ? latin : cjk;
  }
  const latin = await engines.latin.recognize(width, height, gray);
  if (latin.length > 0 && meanConfidence(latin) >= SURE_LATIN_CONFIDENCE) return latin;
  const cjk = await engines.cjk.recognize(width, height, gray);
  if (holdsCjk(cjk)) return cjk;
  return meanConfidence(cjk) > meanConfidence(latin) ? cjk : latin;
}
