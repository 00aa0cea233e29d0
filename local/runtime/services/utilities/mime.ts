/**
 * Content types guessed from a file name, for Blob.setContentTypeFromExtension() and for the
 * blobs Utilities.unzip() returns ("unzip keeps the names and types", fidelity §1.2 row 53:
 * the zip format stores no type, so Apps Script must infer it from the name).
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  xml: 'text/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/x-gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ics: 'text/calendar',
};

/** null when the name has no known extension, as Java's guessContentTypeFromName does. */
export function contentTypeFromName(name: string | null): string | null {
  if (!name) return null;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}
