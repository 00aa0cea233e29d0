/**
 * Errors as Apps Script throws them. Scripts see `e.name === "Exception"` and the message text
 * below; the texts are the observed ones listed in shared/reference/fidelity-and-marketplaces.md
 * §1.4 (row numbers in comments). Where the reference gives none, the comment says so.
 */
export class GasException extends Error {
  override readonly name = 'Exception';
  constructor(message: string) {
    super(message);
  }
}

/** What the script sees of an error a service threw: its Exception, or a fake's own bug, never passed off as Apps Script's. */
export function errorOf(e: unknown): { name: string; message: string } {
  if (e instanceof GasException) return { name: 'Exception', message: e.message };
  const err = e as Error;
  return { name: 'InternalError', message: `${err?.name ?? 'Error'} in the local runtime: ${err?.message ?? String(e)}` };
}

/** Thrown by the kernel when the simulated clock passes the execution's time limit. */
export class ExecutionTimeExceeded extends GasException {
  constructor() {
    super(gasMessages.executionTime);
  }
}

export const gasMessages = {
  // §1.4 row 1 and 2
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  // row 3
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  columnsAtLeastOne: 'The number of columns in the range must be at least 1.',
  // row 4
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  // row 6
  rangeNotFound: 'Range not found',
  // row 7
  cellOutOfRange: 'Cell reference out of range',
  // row 8
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  // row 10
  executionTime: 'Exceeded maximum execution time',
  // row 11
  triggerRuntimeQuota: 'Service using too much computer time for one day',
  // row 12 (and the same shape for the other daily quotas)
  dailyQuota: (service: string) => `Service invoked too many times for one day: ${service}.`,
  // row 13
  rateQuota: (service: string) =>
    `Service invoked too many times in a short time: ${service}. Try Utilities.sleep(1000) between calls.`,
  // row 15
  propertyWrites: 'Service invoked too many times for one day: graphite property writes.',
  // row 16
  propertyStorage: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  // row 18
  signature: (types: string, method: string) =>
    `The parameters (${types}) don't match the method signature for ${method}.`,
  // row 19: the URL shown is scheme and host only.
  httpFailure: (origin: string, code: number, body: string) =>
    `Request failed for ${origin} returned code ${code}. Truncated server response: ${body} (use muteHttpExceptions option to examine full response)`,
  // row 20
  fetchTimeout: (url: string) => `Timeout: ${url}`,
  addressUnavailable: (url: string) => `Address unavailable: ${url}`,
  // row 22
  noPermission: (method: string, scope: string) =>
    `You do not have permission to call ${method}. Required permissions: ${scope}`,
  // row 23
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  // Not in the reference; the wording Apps Script is commonly reported to use.
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
} as const;

/**
 * The type names Apps Script prints in signature errors: `(String,number)`, `(null)`…
 * Apps Script's own list prints JavaScript strings as String and numbers as number.
 */
export function signatureTypes(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (a === null || a === undefined) return 'null';
      if (typeof a === 'string') return 'String';
      if (typeof a === 'number') return 'number';
      if (typeof a === 'boolean') return 'Boolean';
      if (Array.isArray(a)) return 'Object[]';
      if (a instanceof Date) return 'Date';
      return 'Object';
    })
    .join(',');
}
