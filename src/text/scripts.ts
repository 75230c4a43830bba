// Which writing system a piece of text is in, where stages must treat CJK text differently:
// OCR language choice, joining words, and telling a table's words from a listing's tokens.

/** A Han, kana or Hangul character. */
export const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Chinese and Japanese are written without spaces: Han, kana, the prolonged-sound mark, CJK
 * punctuation and full-width forms. (Not Hangul: Korean puts spaces between words.)
 */
export const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff01-\uff60]/u;

/** A letter or a digit of any script: text, as opposed to punctuation, specks and rules read as marks. */
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
