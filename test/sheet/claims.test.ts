import { claimRowValues, rawStatusOf, readClaims } from '../../src/sheet/claims';
import { CLAIMS } from '../../src/sheet/tabs';

/** The claims tab read back into values: staff cells as typed, problems in Korean. */
const header = CLAIMS.columns.map((c) => c.label.ko);
const cellsOf = (values: Record<string, unknown>) => CLAIMS.columns.map((c) => values[c.key] ?? '');
const base = { partnerId: 'PNR002', claimId: 'C1', orderId: 'O1', itemId: 'O1-01', sku: 'NJ-MUG', quantity: 2, type: '반품', claimStatus: '반품처리중 (R10)' };

describe('claims tab rows', () => {
  it('reads the mall code from the claim status, and the staff cells as values', () => {
    const [read] = readClaims([header, cellsOf({ ...base, action: '입고확인', receivedAt: new Date('2026-11-23T01:30:00Z'), classification: '정품', quantityToStock: '1' })]);
    expect(read!.problems).toEqual([]);
    expect(read!.cells).toMatchObject({ type: 'return', rawStatus: 'R10', quantity: 2, action: 'receive', classification: 'good', quantityToStock: 1, receivedAt: Date.parse('2026-11-23T01:30:00Z') });
  });

  it('reads a date typed as text in Seoul time, a date alone as its start', () => {
    const [a, b] = readClaims([header, cellsOf({ ...base, receivedAt: '2026-11-23 10:30' }), cellsOf({ ...base, itemId: 'O1-02', receivedAt: '2026.11.23' })]);
    expect(a!.cells.receivedAt).toBe(Date.parse('2026-11-23T10:30:00+09:00'));
    expect(b!.cells.receivedAt).toBe(Date.parse('2026-11-23T00:00:00+09:00'));
  });

  it('says what is wrong with a staff cell (pasted past the dropdown)', () => {
    const [read] = readClaims([header, cellsOf({ ...base, action: '확인', classification: '좋음', quantityToStock: '두 개', receivedAt: '어제' })]);
    expect(read!.problems).toEqual([
      expect.stringMatching(/^처리요청 값이 올바르지 않습니다: "확인" \(승인, 거부, 입고확인 중 하나\)$/),
      expect.stringMatching(/^입고일시: 날짜\/시각이 아닙니다/),
      expect.stringMatching(/^분류 값이 올바르지 않습니다/),
      expect.stringMatching(/^재입고수량: 숫자가 아닙니다/),
    ]);
  });

  it('writes the add-on\'s cells only, the reason noted for a cancel after shipping', () => {
    const values = claimRowValues(
      {
        partnerId: 'PNR002', claimId: 'C1', orderId: 'O1', itemId: 'O1-01', sku: null, productName: '머그', quantity: 1, type: 'return', cancelAfterShipping: true,
        reason: '단순 변심', requestedAt: 0, answerBy: 86_400_000, mall: { claim: 'cancel', phase: 'requested' }, rawStatus: 'C00',
      },
      'ko',
    );
    expect(values).toMatchObject({ type: '반품', sku: '', reason: '[출고 후 취소요청 → 반품으로 처리] 단순 변심', claimStatus: '취소요청 (C00)' });
    const staff = CLAIMS.columns.filter((c) => c.editable).map((c) => c.key);
    expect(Object.keys(values).filter((k) => staff.includes(k))).toEqual([]);
    expect(rawStatusOf('취소요청 (C00)')).toBe('C00');
    // Marketplaces' codes: Coupang's receipt status and Naver's status with its claim step.
    expect(rawStatusOf('취소요청 (CANCEL/RELEASE_STOP_UNCHECKED)')).toBe('CANCEL/RELEASE_STOP_UNCHECKED');
    expect(rawStatusOf('반품요청 (DELIVERED RETURN:COLLECT_DONE)')).toBe('DELIVERED RETURN:COLLECT_DONE');
    expect(rawStatusOf('')).toBeNull();
  });
});
