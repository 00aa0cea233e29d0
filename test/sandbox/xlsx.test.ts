/**
 * The XLSX writer, checked without LibreOffice: unzip with readZip, parse every part with a strict
 * XML parser, and read the cells back the way a spreadsheet would.
 */
import {
  cellRef,
  columnName,
  readZip,
  sanitizeSheetName,
  sanitizeSheetNames,
  writeXlsx,
  type CellValue,
  type WorkbookInput,
} from '../../local/sandbox/xlsx/index';
import { childElements, findAll, parseXml, textContent, type XmlElement } from '../../local/sandbox/xlsx/xml-parse';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

interface Cell {
  t: string;
  s: number;
  v: string;
  /** Inline-string text with Excel's _xHHHH_ escapes decoded, as Excel shows it. */
  text?: string;
}

function parts(wb: WorkbookInput, timeZone?: string): Map<string, Buffer> {
  return readZip(writeXlsx(wb, timeZone ? { timeZone } : {}));
}

function xml(files: Map<string, Buffer>, name: string): XmlElement {
  const buf = files.get(name);
  if (!buf) throw new Error(`missing part ${name}`);
  return parseXml(buf.toString('utf8'));
}

/** Excel's reading of ST_Xstring: `_xHHHH_` is one UTF-16 unit. */
function decodeXstring(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function cells(files: Map<string, Buffer>, sheet = 1): Map<string, Cell> {
  const root = xml(files, `xl/worksheets/sheet${sheet}.xml`);
  const out = new Map<string, Cell>();
  for (const c of findAll(root, 'c')) {
    const is = childElements(c, 'is')[0];
    const v = childElements(c, 'v')[0];
    out.set(c.attrs.r!, {
      t: c.attrs.t ?? 'n',
      s: Number(c.attrs.s ?? 0),
      v: v ? textContent(v) : '',
      ...(is ? { text: decodeXstring(textContent(is)) } : {}),
    });
  }
  return out;
}

function sheetNames(files: Map<string, Buffer>): string[] {
  return findAll(xml(files, 'xl/workbook.xml'), 'sheet').map((s) => s.attrs.name!);
}

const sample: WorkbookInput = {
  sheets: [
    {
      name: '주문',
      frozenRows: 1,
      columnWidths: [12, 0, 40.5],
      values: [
        ['id', 'name', 'when', 'ok'],
        [1, '사과', new Date('2024-01-01T00:00:00Z'), true],
        [2.5, '=SUM(A1)', null, false],
      ],
      notes: [[null, '상품명 설명 & <주의>']],
    },
    { name: 'Second', values: [['only']] },
  ],
};

describe('the test XML parser', () => {
  // The well-formedness checks below are only as good as this parser's refusals.
  it.each([
    ['unclosed element', '<a><b></b>'],
    ['mismatched end tag', '<a><b></a></b>'],
    ['bare ampersand', '<a>x & y</a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['raw < in an attribute', '<a x="<"/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['undeclared prefix', '<a><p:b/></a>'],
    ['two roots', '<a/><b/>'],
    ['text outside root', '<a/>tail'],
    ['illegal character', '<a>\u0001</a>'],
    ['reference to an illegal character', '<a>&#1;</a>'],
  ])('rejects %s', (_, src) => {
    expect(() => parseXml(src)).toThrow(/XML:/);
  });

  it('accepts and decodes a well-formed document', () => {
    const root = parseXml('<?xml version="1.0"?>\n<r xmlns:p="urn:p" a="1 &amp; &#x41;"><p:c>x &lt; y&#13;</p:c><!-- c --><d/></r>');
    expect(root.attrs.a).toBe('1 & A');
    expect(childElements(root).map((e) => e.name)).toEqual(['p:c', 'd']);
    expect(textContent(root)).toBe('x < y\r');
  });
});

describe('writeXlsx: package structure', () => {
  const files = parts(sample);

  it('contains every required part, and every part is well-formed XML', () => {
    for (const p of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/comments1.xml',
      'xl/drawings/vmlDrawing1.vml',
      'xl/worksheets/_rels/sheet1.xml.rels',
    ]) {
      expect(files.has(p)).toBe(true);
    }
    for (const [name, data] of files) {
      expect(() => parseXml(data.toString('utf8'))).not.toThrow();
      expect(data.toString('utf8').startsWith('<?xml version="1.0" encoding="UTF-8"') || name.endsWith('.vml')).toBe(true);
    }
    expect([...files.keys()][0]).toBe('[Content_Types].xml');
  });

  it('declares a content type for every part and every override names a real part', () => {
    const types = xml(files, '[Content_Types].xml');
    const defaults = new Map(childElements(types, 'Default').map((d) => [d.attrs.Extension!, d.attrs.ContentType!]));
    const overrides = new Map(childElements(types, 'Override').map((o) => [o.attrs.PartName!, o.attrs.ContentType!]));
    for (const name of overrides.keys()) expect(files.has(name.slice(1))).toBe(true);
    for (const name of files.keys()) {
      if (name === '[Content_Types].xml') continue;
      const ext = name.slice(name.lastIndexOf('.') + 1);
      expect(overrides.has(`/${name}`) || defaults.has(ext)).toBe(true);
    }
    expect(overrides.get('/xl/workbook.xml')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
    expect(overrides.get('/xl/worksheets/sheet1.xml')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml');
    expect(overrides.get('/xl/comments1.xml')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml');
  });

  it('resolves every relationship target to a part', () => {
    const resolve = (base: string, target: string): string => {
      const segs = base.split('/').filter(Boolean);
      for (const t of target.split('/')) {
        if (t === '..') segs.pop();
        else segs.push(t);
      }
      return segs.join('/');
    };
    for (const [name, data] of files) {
      if (!name.endsWith('.rels')) continue;
      const sourceDir = name.replace(/_rels\/[^/]*\.rels$/, '');
      for (const rel of childElements(parseXml(data.toString('utf8')), 'Relationship')) {
        expect(files.has(resolve(sourceDir, rel.attrs.Target!))).toBe(true);
      }
    }
    // Workbook sheets point at worksheet relationships.
    const rels = new Map(childElements(xml(files, 'xl/_rels/workbook.xml.rels'), 'Relationship').map((r) => [r.attrs.Id!, r.attrs.Target!]));
    const sheets = findAll(xml(files, 'xl/workbook.xml'), 'sheet');
    expect(sheets.map((s) => rels.get(s.attrs['r:id']!))).toEqual(['worksheets/sheet1.xml', 'worksheets/sheet2.xml']);
    expect(sheets.map((s) => s.attrs.sheetId)).toEqual(['1', '2']);
  });

  it('uses the SpreadsheetML namespace and never writes a formula', () => {
    expect(xml(files, 'xl/worksheets/sheet1.xml').attrs.xmlns).toBe(NS_MAIN);
    for (const [name, data] of files) {
      if (name.startsWith('xl/worksheets/') && name.endsWith('.xml')) expect(findAll(parseXml(data.toString()), 'f')).toHaveLength(0);
    }
  });
});

describe('writeXlsx: cells', () => {
  it('writes strings inline, numbers as n, booleans as b, and omits empty cells', () => {
    const files = parts({ sheets: [{ name: 'S', values: [['h'], ['text', 42, true, false, null, '', -0.5]] }] });
    const c = cells(files);
    expect(c.get('A2')).toEqual({ t: 'inlineStr', s: 0, v: '', text: 'text' });
    expect(c.get('B2')).toMatchObject({ t: 'n', v: '42' });
    expect(c.get('C2')).toMatchObject({ t: 'b', v: '1' });
    expect(c.get('D2')).toMatchObject({ t: 'b', v: '0' });
    expect(c.has('E2')).toBe(false); // null
    expect(c.has('F2')).toBe(false); // ''
    expect(c.get('G2')).toMatchObject({ t: 'n', v: '-0.5' });
    expect(findAll(xml(files, 'xl/worksheets/sheet1.xml'), 'dimension')[0]!.attrs.ref).toBe('A1:G2');
  });

  it('keeps numbers exact and turns NaN/Infinity into #NUM! error cells', () => {
    const nums = [0.1 + 0.2, 1e21, 1e-7, -0, Number.MAX_SAFE_INTEGER, 123456789.123];
    const c = cells(parts({ sheets: [{ name: 'S', values: [[], nums, [NaN, Infinity]] }] }));
    nums.forEach((n, i) => expect(Number(c.get(cellRef(1, i))!.v)).toBe(n === 0 ? 0 : n));
    expect(c.get('A3')).toMatchObject({ t: 'e', v: '#NUM!' });
    expect(c.get('B3')).toMatchObject({ t: 'e', v: '#NUM!' });
  });

  it('computes column letters and references (A1, Z, AA10, XFD)', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(cellRef(0, 0)).toBe('A1');
    expect(cellRef(9, 26)).toBe('AA10');
    const row10: CellValue[] = [];
    row10[26] = 'here';
    const values: CellValue[][] = Array.from({ length: 9 }, () => []);
    values[0] = ['x'];
    values.push(row10);
    const files = parts({ sheets: [{ name: 'S', values }] });
    const c = cells(files);
    expect([...c.keys()]).toEqual(['A1', 'AA10']);
    expect(c.get('AA10')!.text).toBe('here');
    const rows = findAll(xml(files, 'xl/worksheets/sheet1.xml'), 'row');
    expect(rows.map((r) => r.attrs.r)).toEqual(['1', '10']); // empty rows are not written
  });

  it("keeps '=SUM(A1)' as an inline string", () => {
    const files = parts({ sheets: [{ name: 'S', values: [['h'], ['=SUM(A1)', '+1', '-1', '@x']] }] });
    const c = cells(files);
    expect(c.get('A2')).toEqual({ t: 'inlineStr', s: 0, v: '', text: '=SUM(A1)' });
    expect(c.get('B2')!.text).toBe('+1');
    expect(files.get('xl/worksheets/sheet1.xml')!.toString()).not.toMatch(/<f[ >]/);
  });

  it('round-trips Korean and other non-ASCII text as UTF-8', () => {
    const text = '한글 상품명 — 가격 ₩12,000 😀 日本語';
    const files = parts({ sheets: [{ name: '상품 목록', values: [[text]], notes: [['메모: 한글']] }] });
    expect(cells(files).get('A1')!.text).toBe(text);
    expect(sheetNames(files)).toEqual(['상품 목록']);
    expect(textContent(findAll(xml(files, 'xl/comments1.xml'), 'comment')[0]!)).toBe('메모: 한글');
    expect(files.get('xl/worksheets/sheet1.xml')!.includes(Buffer.from('한글 상품명', 'utf8'))).toBe(true);
  });

  it('escapes markup, keeps whitespace, CR and literal _xHHHH_, and strips characters XML forbids', () => {
    const tricky = [
      'a & b < c > d " e \' f',
      '</t></is></c><c r="Z9"><f>1+1</f>',
      '  padded  ',
      'line1\r\nline2\rline3\n',
      'tab\there',
      '_x0041_ stays literal',
      ']]> and &amp; literally',
      'ctrl\u0000\u0001\u0008\u000B\u001F gone \uFFFE\uFFFF',
      'lone \uD800 high, lone \uDC00 low, pair 😀',
    ];
    const c = cells(parts({ sheets: [{ name: 'S', values: [[], tricky] }] }));
    const got = tricky.map((_, i) => c.get(cellRef(1, i))!.text);
    expect(got).toEqual([
      'a & b < c > d " e \' f',
      '</t></is></c><c r="Z9"><f>1+1</f>',
      '  padded  ',
      'line1\r\nline2\rline3\n',
      'tab\there',
      '_x0041_ stays literal',
      ']]> and &amp; literally',
      'ctrl gone ',
      'lone  high, lone  low, pair 😀',
    ]);
    expect(c.has('Z9')).toBe(false);
  });

  it('clamps text to Excel\u2019s 32,767 characters without splitting a surrogate pair', () => {
    const long = `${'가'.repeat(32_766)}😀tail`;
    const text = cells(parts({ sheets: [{ name: 'S', values: [[long]] }] })).get('A1')!.text!;
    expect(text.length).toBe(32_766); // the emoji would straddle the limit, so it goes whole
    expect(text).toBe('가'.repeat(32_766));
  });
});

describe('writeXlsx: dates', () => {
  const instant = new Date('2024-01-01T00:00:00Z'); // 09:00 in Seoul

  it('writes a Date as the Asia/Seoul wall-clock serial by default, with the date style', () => {
    const files = parts({ sheets: [{ name: 'S', values: [['when'], [instant]] }] });
    const c = cells(files).get('A2')!;
    expect(c.t).toBe('n');
    expect(Number(c.v)).toBe(45292.375); // 2024-01-01 is serial 45292; 09:00 is 0.375 day
    const styles = xml(files, 'xl/styles.xml');
    const xf = childElements(findAll(styles, 'cellXfs')[0]!, 'xf')[c.s]!;
    const fmt = findAll(styles, 'numFmt').find((f) => f.attrs.numFmtId === xf.attrs.numFmtId)!;
    expect(fmt.attrs.formatCode).toBe('yyyy-mm-dd hh:mm:ss');
    expect(xf.attrs.applyNumberFormat).toBe('1');
  });

  it('follows the timeZone option, not the process TZ, including DST and seconds', () => {
    const serial = (d: Date, tz?: string) => Number(cells(parts({ sheets: [{ name: 'S', values: [[], [d]] }] }, tz)).get('A2')!.v);
    expect(serial(instant, 'UTC')).toBe(45292);
    expect(serial(instant, 'Asia/Seoul')).toBe(45292.375);
    // New York: EST (UTC-5) in January, EDT (UTC-4) in July.
    expect(serial(new Date('2024-01-15T17:00:00Z'), 'America/New_York')).toBe(45306 + 12 / 24);
    expect(serial(new Date('2024-07-15T16:00:00Z'), 'America/New_York')).toBe(45488 + 12 / 24);
    const s = serial(new Date('2024-03-10T14:30:45.500Z'));
    expect(Math.round((s - Math.floor(s)) * 86_400_000)).toBe((23 * 3600 + 30 * 60 + 45.5) * 1000);
    expect(Math.floor(s)).toBe(45361);
  });

  it('marks a Date in the header row bold as well as date-formatted, and an invalid Date as #NUM!', () => {
    const files = parts({ sheets: [{ name: 'S', values: [[instant], [new Date(NaN)]] }] });
    const c = cells(files);
    const xfs = childElements(findAll(xml(files, 'xl/styles.xml'), 'cellXfs')[0]!, 'xf');
    const fonts = childElements(findAll(xml(files, 'xl/styles.xml'), 'fonts')[0]!, 'font');
    const header = xfs[c.get('A1')!.s]!;
    expect(header.attrs.numFmtId).toBe('164');
    expect(childElements(fonts[Number(header.attrs.fontId)]!, 'b')).toHaveLength(1);
    expect(c.get('A2')).toMatchObject({ t: 'e', v: '#NUM!' });
  });

  it('rejects an unknown time zone', () => {
    expect(() => writeXlsx(sample, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('writeXlsx: sheet features', () => {
  const files = parts(sample);

  it('bolds row 1 only', () => {
    const c = cells(files);
    const styles = xml(files, 'xl/styles.xml');
    const xfs = childElements(findAll(styles, 'cellXfs')[0]!, 'xf');
    const fonts = childElements(findAll(styles, 'fonts')[0]!, 'font');
    const bold = (ref: string) => childElements(fonts[Number(xfs[c.get(ref)!.s]!.attrs.fontId)]!, 'b').length === 1;
    expect(['A1', 'B1', 'C1', 'D1'].every(bold)).toBe(true);
    expect(['A2', 'B2', 'C2', 'D2', 'A3', 'B3'].some(bold)).toBe(false);
    expect(findAll(styles, 'cellXfs')[0]!.attrs.count).toBe(String(xfs.length));
  });

  it('freezes header rows with a frozen pane, and only when asked', () => {
    const pane = findAll(xml(files, 'xl/worksheets/sheet1.xml'), 'pane')[0]!;
    expect(pane.attrs).toEqual({ ySplit: '1', topLeftCell: 'A2', activePane: 'bottomLeft', state: 'frozen' });
    expect(findAll(xml(files, 'xl/worksheets/sheet2.xml'), 'pane')).toHaveLength(0);
    const three = parts({ sheets: [{ name: 'S', values: [['a']], frozenRows: 3 }] });
    expect(findAll(xml(three, 'xl/worksheets/sheet1.xml'), 'pane')[0]!.attrs).toMatchObject({ ySplit: '3', topLeftCell: 'A4' });
    expect(() => writeXlsx({ sheets: [{ name: 'S', values: [], frozenRows: 1.5 }] })).toThrow(RangeError);
  });

  it('sets custom column widths, skipping non-positive entries', () => {
    const cols = findAll(xml(files, 'xl/worksheets/sheet1.xml'), 'col').map((c) => c.attrs);
    expect(cols).toEqual([
      { min: '1', max: '1', width: '12', customWidth: '1' },
      { min: '3', max: '3', width: '40.5', customWidth: '1' },
    ]);
  });

  it('writes notes as comments with the VML drawing Excel needs', () => {
    const comments = findAll(xml(files, 'xl/comments1.xml'), 'comment');
    expect(comments.map((c) => [c.attrs.ref, textContent(c)])).toEqual([['B1', '상품명 설명 & <주의>']]);
    const sheet = xml(files, 'xl/worksheets/sheet1.xml');
    expect(childElements(sheet).map((e) => e.name).at(-1)).toBe('legacyDrawing');
    const rels = childElements(xml(files, 'xl/worksheets/_rels/sheet1.xml.rels'), 'Relationship');
    const rid = findAll(sheet, 'legacyDrawing')[0]!.attrs['r:id'];
    expect(rels.find((r) => r.attrs.Id === rid)!.attrs.Target).toBe('../drawings/vmlDrawing1.vml');
    const vml = xml(files, 'xl/drawings/vmlDrawing1.vml');
    expect(findAll(vml, 'x:ClientData')[0]!.attrs.ObjectType).toBe('Note');
    expect(textContent(findAll(vml, 'x:Row')[0]!)).toBe('0');
    expect(textContent(findAll(vml, 'x:Column')[0]!)).toBe('1');
    expect(files.has('xl/comments2.xml')).toBe(false); // a sheet without notes gets no comment parts
  });

  it('gives each notes sheet its own VML shape-id blocks', () => {
    const many = Array.from({ length: 1100 }, () => ['n']);
    const f = parts({ sheets: [{ name: 'A', values: [], notes: many }, { name: 'B', values: [], notes: [['x']] }] });
    const ids = (n: number) => findAll(xml(f, `xl/drawings/vmlDrawing${n}.vml`), 'o:idmap')[0]!.attrs.data;
    expect(ids(1)).toBe('1,2');
    expect(ids(2)).toBe('3');
    const shapeIds = findAll(xml(f, 'xl/drawings/vmlDrawing1.vml'), 'v:shape').map((s) => s.attrs.id);
    expect(new Set(shapeIds).size).toBe(1100);
  });
});

describe('sheet names', () => {
  it('replaces forbidden characters, trims apostrophes, avoids History and fills in empty names', () => {
    expect(sanitizeSheetName('a/b\\c:d*e?f[g]h', 0)).toBe('a_b_c_d_e_f_g_h');
    expect(sanitizeSheetName("'quoted'", 0)).toBe('quoted');
    expect(sanitizeSheetName('', 2)).toBe('Sheet3');
    expect(sanitizeSheetName("''", 0)).toBe('Sheet1');
    expect(sanitizeSheetName('history', 0)).toBe('history_');
    expect(sanitizeSheetName('tab\there\u0000', 0)).toBe('tab_here_');
  });

  it('truncates to 31 UTF-16 units without splitting a surrogate pair', () => {
    expect(sanitizeSheetName('x'.repeat(40), 0)).toBe('x'.repeat(31));
    expect(sanitizeSheetName('가'.repeat(40), 0)).toBe('가'.repeat(31));
    expect(sanitizeSheetName(`${'x'.repeat(30)}😀`, 0)).toBe('x'.repeat(30));
  });

  it('makes names unique ignoring case, deterministically, within 31 characters', () => {
    const input = ['Data', 'data', 'DATA', 'a/b', 'a_b', 'y'.repeat(40), 'y'.repeat(35), '', ''];
    const out = sanitizeSheetNames(input);
    expect(out).toEqual(['Data', 'data (2)', 'DATA (3)', 'a_b', 'a_b (2)', 'y'.repeat(31), `${'y'.repeat(27)} (2)`, 'Sheet8', 'Sheet9']);
    expect(sanitizeSheetNames(input)).toEqual(out);
    expect(new Set(out.map((s) => s.toUpperCase())).size).toBe(out.length);
    expect(out.every((s) => s.length >= 1 && s.length <= 31)).toBe(true);
  });

  it('writes the sanitised names into workbook.xml, escaped', () => {
    const f = parts({ sheets: [{ name: 'R&D <2024>', values: [] }, { name: 'r&d <2024>', values: [] }, { name: 'Q1/Q2', values: [] }] });
    expect(sheetNames(f)).toEqual(['R&D <2024>', 'r&d <2024> (2)', 'Q1_Q2']);
  });
});

describe('writeXlsx: determinism, limits and scale', () => {
  it('produces byte-identical output for the same input', () => {
    const build = (): WorkbookInput => ({
      sheets: [
        { name: '주문', values: [['a', 1, true, new Date('2024-05-05T05:05:05Z')], ['b', null, 2.5]], frozenRows: 1, notes: [['n']] },
        { name: 'x', values: [[1]] },
      ],
    });
    expect(writeXlsx(build()).equals(writeXlsx(build()))).toBe(true);
    expect(writeXlsx(build()).equals(writeXlsx(build(), { timeZone: 'UTC' }))).toBe(false);
  });

  it('refuses what Excel cannot hold', () => {
    expect(() => writeXlsx({ sheets: [] })).toThrow(/at least one sheet/);
    const wide: CellValue[] = [];
    wide[16_384] = 'too far';
    expect(() => writeXlsx({ sheets: [{ name: 'S', values: [wide] }] })).toThrow(/columns/);
  });

  it('writes 100,000 rows × 20 columns whole', () => {
    const base = Date.UTC(2024, 0, 1);
    const values: CellValue[][] = [];
    for (let r = 0; r < 100_000; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < 20; c++) {
        const k = c % 4;
        row.push(k === 0 ? `상품-${r}-${c}` : k === 1 ? r + c / 10 : k === 2 ? new Date(base + r * 60_000) : r % 2 === 0);
      }
      values.push(row);
    }
    // Speed is the bench's business, never a timed assertion: a busy machine must not fail this.
    const buf = writeXlsx({ sheets: [{ name: 'big', values, frozenRows: 1 }] });

    const sheet = readZip(buf).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet.length).toBeGreaterThan(50_000_000);
    expect(sheet).toContain('<dimension ref="A1:T100000"/>');
    expect(sheet.match(/<row /g)).toHaveLength(100_000);
    expect(sheet).toContain('<c r="T100000" t="b"><v>0</v></c>');
    expect(sheet).toContain('<c r="A100000" t="inlineStr"><is><t>상품-99999-0</t></is></c>');
    expect(sheet.endsWith('</sheetData></worksheet>')).toBe(true);
  });
});
