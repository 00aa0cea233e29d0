/**
 * Spreadsheet error texts that are not in ../../errors.ts (the reference, §1.4, does not list
 * them). Each is the wording Apps Script or the Sheets UI is commonly reported to use; the
 * comment says how sure that is. The §1.4 texts themselves come from `gasMessages`.
 */
export const sheetMessages = {
  // Commonly reported for getRange(0, 1) / getRange(1, 0).
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  // Commonly reported for insertSheet/setName with a taken name.
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  // Commonly reported for deleting or hiding the last sheet.
  cannotRemoveAllSheets: "You can't remove all the sheets in a document.",
  cannotHideAllSheets: "You can't hide all the sheets in a document.",
  // openById with an unknown or deleted id (commonly reported wording of the current runtime; the
  // reference, §1.4, has no text for it). A trashed file opens unless the Drive switch says not.
  openByIdFailed: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  openByUrlFailed: 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  invalidUrl: 'Invalid argument: url',
  // openById on a file the user cannot see (not in the reference; commonly reported, also as
  // "You do not have access to the requested document.").
  noAccess: 'You do not have permission to access the requested document.',
  // Reference apps-script-platform §1.5 (50,000 characters per cell).
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  // Commonly reported for growing a workbook past the cell limit (§1.5: 10,000,000 cells).
  tooManyCells: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  // [R] Growing a sheet past column ZZZ (§1.5: 18,278 columns); Sheets' wording is similar.
  tooManyColumns: 'This action would increase the number of columns in the sheet above the limit of 18278.',
  // [R] setNamedRange with a name Sheets would refuse.
  namedRangeInvalid: (name: string) => `The named range "${name}" is invalid.`,
  invalidArgument: (what: string) => `Invalid argument: ${what}`,
  // [R] Sheets' dialog when a merge or unmerge takes part of a merged cell; scripts' wording assumed the same.
  partialMerge: 'You must select all cells in a merged range to merge or unmerge them.',
  // Reference §1.2 row 38.
  filterExists: "You can't create a filter in a sheet that already has a filter.",
  // Commonly reported for deleteRows/insertRowsAfter past the sheet's last row.
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  // [R] deleting rows or columns so that none would be left.
  cannotDeleteAllRows: "You can't delete all the rows on the sheet.",
  cannotDeleteAllColumns: "You can't delete all the columns on the sheet.",
  // [R] Range.setFrozenRows beyond what the sheet can hold.
  frozenTooMany: "Sorry, it is not possible to freeze this many rows or columns. Please try unfreezing some rows or columns instead.",
  // A script whose user is not an editor of a protected range writes into it (commonly reported;
  // the same text as the Sheets UI dialog).
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
} as const;

/**
 * What Sheets shows a person whose typed value breaks a rejecting validation rule. The UI speaks
 * the user's language; we use the spreadsheet's locale as a stand-in for it.
 * English (observed): "There was a problem: The data you entered in cell X violates the data
 * validation rules set on this cell." Korean: the UI's translation of the same sentence, as the
 * brief gives it, without the cell reference [R].
 */
export function validationRejected(locale: string, a1: string, helpText: string | null): string {
  if (helpText) return locale.toLowerCase().startsWith('ko') ? `문제가 발생했습니다: ${helpText}` : `There was a problem: ${helpText}`;
  if (locale.toLowerCase().startsWith('ko')) return '입력한 데이터가 이 셀에 설정된 데이터 확인 규칙을 위반합니다';
  return `There was a problem: The data you entered in cell ${a1} violates the data validation rules set on this cell.`;
}

/** What Sheets shows a person editing a range protected against them. */
export function protectedRangeMessage(locale: string): string {
  // English: the Sheets UI dialog text. Korean: [R] the UI's translation.
  return locale.toLowerCase().startsWith('ko')
    ? '보호된 셀 또는 객체를 수정하려고 합니다. 수정하려면 스프레드시트 소유자에게 보호 설정 해제를 요청하세요.'
    : 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
}
