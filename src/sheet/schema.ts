/**
 * The tabs as data. Each tab names its columns once: a stable key used by code, a label per
 * language shown in the header, a type that decides validation, number format and how a cell
 * is read, and who may edit it. Code finds columns by header and rows by key, never by position.
 */
export type Lang = 'ko' | 'en';
export type Label = Readonly<Record<Lang, string>>;

interface ColumnBase {
  readonly key: string;
  readonly label: Label;
  /** Staff edit it; otherwise the add-on owns it (protected with a warning, grey header). */
  readonly editable: boolean;
  readonly required?: boolean;
  readonly width?: number;
  /**
   * Headers the column had in earlier versions: it is found by one of them while its current
   * label is absent (a sheet set up before the rename), and setup writes the current label.
   */
  readonly formerLabels?: readonly string[];
  /** A dropdown over the first column of this tab (its rows as they are: staff add their own). */
  readonly optionsFrom?: Label;
}

export type ColumnSpec =
  | (ColumnBase & { readonly type: 'text' | 'email' | 'id' })
  | (ColumnBase & { readonly type: 'integer' | 'krw'; readonly min?: number; readonly max?: number })
  | (ColumnBase & { readonly type: 'percent'; readonly min: number; readonly max: number })
  | (ColumnBase & { readonly type: 'boolean' })
  | (ColumnBase & { readonly type: 'datetime' | 'date' })
  | (ColumnBase & { readonly type: 'enum'; readonly options: readonly Label[] });

export type ColumnType = ColumnSpec['type'];

export interface TabSpec {
  readonly key: string;
  readonly title: Label;
  /** Column keys that together identify a row. */
  readonly rowKey: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /**
   * What the tab holds and when it fills, for a person who finds it empty: the note on the
   * header's first cell (a note, not a row, so no reader can take it for data).
   */
  readonly about?: Label;
  /** Rows a newly created tab starts with (by column key), for staff to adjust. */
  readonly seed?: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** Number formats by type. Text-like columns are plain text ("@") so a value from a channel
 * such as "=HYPERLINK(...)" or "00123" is stored exactly as it came, never as a formula. */
export function numberFormatOf(c: ColumnSpec): string {
  switch (c.type) {
    case 'integer':
      return '#,##0';
    case 'krw':
      return '#,##0';
    case 'percent':
      return '0';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'date':
      return 'yyyy-mm-dd';
    case 'boolean':
      return '0.###############';
    default:
      return '@';
  }
}

export function labelOf(l: Label, lang: Lang): string {
  return l[lang];
}

/** Every spelling a header may have (any language), for finding a column by header. */
export function headerNames(c: ColumnSpec): string[] {
  return [c.label.ko, c.label.en, c.key];
}
