/**
 * The tabs as data (src/sheet/tabs.ts). Apps Script runs that module at the start of every
 * execution, so a tab's columns are built the first time they are read, and each column is built
 * as one object; what a column says is unchanged by either.
 */
import { INQUIRIES, LEDGER, PARTNERS, TABS } from '../../src/sheet/tabs';

describe('tab specs', () => {
  it("builds a tab's columns on first read and hands out the same array after", () => {
    for (const tab of TABS) {
      expect(Object.getOwnPropertyDescriptor(tab, 'columns')?.get).toBeInstanceOf(Function);
      expect(tab.columns).toBe(tab.columns);
    }
  });

  it('keeps every field a column was given, and no empty ones', () => {
    const col = (tab: typeof PARTNERS, key: string) => tab.columns.find((c) => c.key === key);
    expect(col(PARTNERS, 'partnerId')).toEqual({ key: 'partnerId', label: { ko: '파트너ID', en: 'Partner ID' }, editable: true, required: true, type: 'id' });
    expect(col(PARTNERS, 'defaultRatio')).toEqual({ key: 'defaultRatio', label: { ko: '기본 연동재고율(%)', en: 'Default stock ratio (%)' }, editable: true, required: false, type: 'percent', min: 0, max: 100 });
    expect(col(PARTNERS, 'shopNo')).toMatchObject({ type: 'integer', min: 1, formerLabels: ['쇼핑몰번호', 'Shop no.'] });
    expect(col(PARTNERS, 'status')).toEqual({ key: 'status', label: { ko: '처리결과', en: 'Status' }, editable: false, required: false, width: 260, type: 'text' });
    expect(col(PARTNERS, 'role')).toMatchObject({ type: 'enum', options: [{ ko: '자사몰', en: 'Own mall' }, { ko: '위탁판매', en: 'Reseller' }] });
    expect(col(INQUIRIES, 'template')).toMatchObject({ editable: true, width: 120, optionsFrom: { ko: '답변템플릿', en: 'Answer templates' } });
    expect(col(LEDGER, 'entryId')).toMatchObject({ type: 'id', formerLabels: ['전표번호', 'Entry ID'] });
    for (const tab of TABS) for (const c of tab.columns) for (const v of Object.values(c)) expect(v).not.toBeUndefined();
  });
});
