import { createWorld } from '../../local/runtime/world';
import { SheetHost } from '../../local/sandbox/sheet-host';

/** The sandbox's "person at the sheet": an editRow with no `where` types a new entry. */
describe('editRow', () => {
  const header = ['전표번호', '일시', '파트너ID', '구분', '금액', '근거'];
  const host = (values: unknown[][]) => {
    const h = new SheetHost(createWorld(), 'Asia/Seoul');
    h.create('분양몰 운영', [{ name: '원장', values }], 'owner@example.com');
    return h;
  };
  const grid = (h: SheetHost) => h.snapshot().find((t) => t.name === '원장')!.values;

  it('with no where, types on the first empty row below the last row with content, cell by cell', () => {
    const h = host([header, ['E1', '', 'PNR001', '입금', 1000, 'A'], ['', '', '', '', '', ''], ['E3', '', 'PNR003', '입금', 3000, 'C']]);
    const edits = h.editRow('원장', undefined, { 파트너ID: 'PNR002', 구분: '입금', 금액: 500000 });
    expect(edits.map((e) => [e.range, e.value])).toEqual([
      ['C5', 'PNR002'],
      ['D5', '입금'],
      ['E5', '500000'],
    ]);
    expect(grid(h)[4]).toEqual(['', '', 'PNR002', '입금', 500000, '']);
    expect(grid(h)).toHaveLength(5);
  });

  it('with no where on a tab that has only its header, types on row 2', () => {
    const h = host([header]);
    expect(h.editRow('원장', undefined, { 근거: 'BANK-1', 파트너ID: 'PNR002' }).map((e) => e.range)).toEqual(['F2', 'C2']);
  });

  it('with where, still types on the first matching row', () => {
    const h = host([header, ['E1', '', 'PNR001', '입금', 1000, 'A'], ['E2', '', 'PNR002', '입금', 2000, 'B']]);
    expect(h.editRow('원장', { 파트너ID: 'PNR002' }, { 근거: 'fixed' }).map((e) => e.range)).toEqual(['F3']);
  });

  it('names an unknown column', () => {
    const h = host([header]);
    expect(() => h.editRow('원장', undefined, { 메모: 'x' })).toThrow('tab "원장" has no column "메모"');
  });
});
