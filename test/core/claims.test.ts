import type { ClaimRowState, MallClaimState, TodoInput } from '../../src/core/claims';
import {
  ANSWER_WITHIN_MS,
  callsMall,
  claimRecords,
  claimStatusLabel,
  claimTodo,
  effectShown,
  isLate,
  lateFrom,
  nextCommand,
  nextTodoChange,
  todoText,
} from '../../src/core/claims';
import type { OrderLine } from '../../src/core/order';

/**
 * Claims as the manufacturer works them (DOMAIN; issue "Claims"): which lines are claims, what
 * staff must do first, and the next step of each claim row.
 */
const H = 3_600_000;
const M = 60_000;
const REQUESTED = Date.parse('2026-11-23T10:00:00+09:00');
const ANSWER_BY = REQUESTED + 24 * H;

function line(over: Partial<OrderLine> = {}): OrderLine {
  return {
    channel: 'cafe24',
    partnerId: 'PNR002',
    orderId: '20261120-0000001',
    itemId: '20261120-0000001-01',
    orderedAt: REQUESTED - 3 * 24 * H,
    paidAt: REQUESTED - 3 * 24 * H,
    sku: 'NJ-MUG',
    productName: '수제 도자기 머그컵',
    optionText: '',
    quantity: 2,
    unitPrice: 19_500,
    amount: 39_000,
    buyerName: '최유나',
    receiverName: '최유나',
    receiverPhone: '010-0000-0000',
    receiverZip: '06236',
    receiverAddress1: '서울',
    receiverAddress2: '1호',
    message: '',
    status: 'returnRequested',
    claim: 'return',
    claimCode: 'C20261123-0000001',
    claimReason: '마음이 바뀜',
    claimRequestedAt: REQUESTED,
    replacement: false,
    rawStatus: 'R00',
    carrier: { code: '0006', name: 'CJ대한통운' },
    trackingNo: '680012345678',
    shippedAt: REQUESTED - 2 * 24 * H,
    channelProductId: '102',
    channelVariantId: 'P00000A2000A',
    channelShipmentId: 'D-20261120-0000001-00',
    ...over,
  };
}

const mall = (claim: 'cancel' | 'return' | 'exchange', phase: 'requested' | 'accepted' | 'done' | 'rejected'): MallClaimState => ({ claim, phase });
const WITHDRAWN: MallClaimState = { claim: null, phase: 'none' };
const requested = mall('return', 'requested');

describe('claim records from order lines', () => {
  const stateOf = (l: OrderLine): MallClaimState => (l.claim === null ? WITHDRAWN : { claim: l.claim, phase: 'requested' });

  it('makes one record per claim item, and none for lines without a claim or for an exchange\'s replacement', () => {
    const records = claimRecords(
      [
        line(),
        line({ itemId: 'x-02', claim: null, claimCode: null, status: 'delivered', rawStatus: 'N40' }),
        line({ itemId: 'x-03', claim: 'exchange', claimCode: 'C2', status: 'exchangeRequested', rawStatus: 'N01', replacement: true }),
        // Collected twice in a run (the pay-date read and the claim-date read): one record.
        line({ rawStatus: 'R10' }),
      ],
      stateOf,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      partnerId: 'PNR002',
      claimId: 'C20261123-0000001',
      orderId: '20261120-0000001',
      itemId: '20261120-0000001-01',
      sku: 'NJ-MUG',
      quantity: 2,
      type: 'return',
      cancelAfterShipping: false,
      reason: '마음이 바뀜',
      requestedAt: REQUESTED,
      rawStatus: 'R10',
    });
  });

  it('gives 24 hours to answer (the CS rule), or no deadline when the mall gave no request time', () => {
    const [r] = claimRecords([line()], stateOf);
    expect(r!.answerBy).toBe(REQUESTED + ANSWER_WITHIN_MS);
    expect(ANSWER_WITHIN_MS).toBe(24 * H);
    expect(claimRecords([line({ claimRequestedAt: null })], stateOf)[0]!.answerBy).toBeNull();
  });

  it('records a cancel of goods already shipped as a return (no cancel after "in transit"), with a note', () => {
    const cancel = { claim: 'cancel' as const, status: 'cancelRequested' as const, rawStatus: 'C00' };
    expect(claimRecords([line({ ...cancel, shippedAt: null, trackingNo: null, carrier: null })], stateOf)[0]).toMatchObject({ type: 'cancel', cancelAfterShipping: false });
    expect(claimRecords([line({ ...cancel, trackingNo: null })], stateOf)[0]).toMatchObject({ type: 'return', cancelAfterShipping: true });
    expect(claimRecords([line({ ...cancel, shippedAt: null })], stateOf)[0]).toMatchObject({ type: 'return', cancelAfterShipping: true });
  });

  it('labels the mall state in Korean with the mall\'s own code, as the orders tab does', () => {
    expect(claimStatusLabel(requested, 'R00')).toBe('반품요청 (R00)');
    expect(claimStatusLabel(mall('cancel', 'done'), 'C41')).toBe('취소완료 (C41)');
    expect(claimStatusLabel(mall('exchange', 'accepted'), 'E10')).toBe('교환처리중 (E10)');
    expect(claimStatusLabel(mall('return', 'rejected'), 'R11')).toBe('반품거부 (R11)');
    expect(claimStatusLabel(WITHDRAWN, 'N40')).toBe('요청철회 (N40)');
    expect(claimStatusLabel(requested, 'R00', 'en')).toBe('Return requested (R00)');
  });
});

describe('what staff must do first', () => {
  const todo = (over: Partial<TodoInput>, now: number) => todoText(claimTodo({ type: 'return', mall: requested, answerBy: ANSWER_BY, completedAt: null, ...over }, now));

  it('is late only once the answer-by time has passed: at 24 h exactly it is not, a minute later it is', () => {
    const row: TodoInput = { type: 'return', mall: requested, answerBy: ANSWER_BY, completedAt: null };
    expect(isLate(row, ANSWER_BY)).toBe(false);
    expect(todo({}, ANSWER_BY)).toBe('2 답변 필요 (0분 남음)');
    expect(isLate(row, ANSWER_BY + M)).toBe(true);
    expect(todo({}, ANSWER_BY + M)).toBe('1 답변기한 초과');
    expect(lateFrom(row)).toBe(ANSWER_BY + 1);
  });

  it('counts the time left in whole hours, then in minutes', () => {
    expect(todo({}, REQUESTED)).toBe('2 답변 필요 (24시간 남음)');
    expect(todo({}, ANSWER_BY - 5.5 * H)).toBe('2 답변 필요 (5시간 남음)');
    expect(todo({}, ANSWER_BY - H)).toBe('2 답변 필요 (1시간 남음)');
    expect(todo({}, ANSWER_BY - H + 1)).toBe('2 답변 필요 (59분 남음)');
    expect(todo({ answerBy: null }, REQUESTED)).toBe('2 답변 필요');
    expect(todoText(claimTodo({ type: 'return', mall: requested, answerBy: ANSWER_BY, completedAt: null }, ANSWER_BY + M), 'en')).toBe('1 Answer overdue');
  });

  it('asks for the goods\' receipt once a return or exchange is accepted, or done at the mall but not yet received', () => {
    expect(todo({ mall: mall('return', 'accepted') }, ANSWER_BY + M)).toBe('3 입고 확인 필요');
    expect(todo({ mall: mall('return', 'done') }, REQUESTED)).toBe('3 입고 확인 필요');
    expect(todo({ type: 'exchange', mall: mall('exchange', 'accepted') }, REQUESTED)).toBe('3 입고 확인 필요');
    // A cancel after shipping: cancelled at the mall, the parcel still has to come back.
    expect(todo({ mall: mall('cancel', 'done') }, REQUESTED)).toBe('3 입고 확인 필요');
  });

  it('asks nothing of finished, rejected or withdrawn claims, nor of a cancel the mall has done', () => {
    expect(todo({ mall: mall('return', 'done'), completedAt: REQUESTED }, REQUESTED)).toBe('');
    expect(todo({ mall: mall('return', 'rejected') }, ANSWER_BY + H)).toBe('');
    expect(todo({ mall: WITHDRAWN }, ANSWER_BY + H)).toBe('');
    expect(todo({ type: 'cancel', mall: mall('cancel', 'done') }, REQUESTED)).toBe('');
    expect(todo({ type: 'cancel', mall: mall('cancel', 'accepted') }, ANSWER_BY + H)).toBe('2 답변 필요');
  });

  it('sorts urgent first: late, then the least time left, then receipts, then nothing', () => {
    const texts = [todo({ mall: mall('return', 'accepted') }, REQUESTED), '', todo({}, ANSWER_BY - 3 * H), todo({}, ANSWER_BY + M)];
    const sorted = [...texts].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1));
    expect(sorted).toEqual(['1 답변기한 초과', '2 답변 필요 (3시간 남음)', '3 입고 확인 필요', '']);
  });

  it('says when the text changes by itself next, so the sheet is looked at then and not before', () => {
    const row: TodoInput = { type: 'return', mall: requested, answerBy: ANSWER_BY, completedAt: null };
    // 5 h 30 min left shows "5시간": it becomes "4시간" once less than 5 h are left.
    expect(nextTodoChange(row, ANSWER_BY - 5.5 * H)).toBe(ANSWER_BY - 5 * H + 1);
    expect(todo({}, ANSWER_BY - 5 * H + 1)).toBe('2 답변 필요 (4시간 남음)');
    expect(nextTodoChange(row, ANSWER_BY - 90 * 1000)).toBe(ANSWER_BY - M + 1);
    expect(nextTodoChange({ ...row, mall: mall('return', 'accepted') }, REQUESTED)).toBeNull();
    expect(nextTodoChange(row, ANSWER_BY + M)).toBeNull();
    expect(lateFrom({ ...row, completedAt: REQUESTED })).toBeNull();
  });
});

describe('the next step of a claim row', () => {
  const row = (over: Partial<ClaimRowState> = {}): ClaimRowState => ({
    type: 'return',
    mall: requested,
    quantity: 2,
    action: null,
    memo: '',
    receivedAt: null,
    classification: null,
    quantityToStock: null,
    completedAt: null,
    wholesalePrice: 7_000,
    ...over,
  });
  const receipt = { action: 'receive' as const, receivedAt: REQUESTED + H, classification: 'good' as const };
  const AUTO_OFF = { autoAcceptCancel: false };

  describe('a cancel before shipping', () => {
    const cancel = (over: Partial<ClaimRowState> = {}) => row({ type: 'cancel', mall: mall('cancel', 'requested'), ...over });

    it('is accepted by itself when the setting is on (the default), and waits for 승인 when it is off', () => {
      expect(nextCommand(cancel())).toEqual({ kind: 'acceptCancel', auto: true });
      expect(nextCommand(cancel(), AUTO_OFF)).toEqual({ kind: 'none' });
      expect(nextCommand(cancel({ action: 'accept' }), AUTO_OFF)).toEqual({ kind: 'acceptCancel', auto: false });
      // A cancel the mall has started but not finished is finished.
      expect(nextCommand(cancel({ mall: mall('cancel', 'accepted') }))).toEqual({ kind: 'acceptCancel', auto: true });
    });

    it('is done once the mall says cancelled', () => {
      expect(nextCommand(cancel({ mall: mall('cancel', 'done') }))).toEqual({ kind: 'none' });
      expect(nextCommand(cancel({ mall: mall('cancel', 'done'), action: 'accept' }))).toEqual({ kind: 'none' });
    });

    it('has no receipt to confirm: nothing comes back', () => {
      expect(nextCommand(cancel(receipt))).toEqual({ kind: 'refuse', reason: expect.stringMatching(/취소에는 입고확인이 없습니다/) });
    });

    it('is rejected on 거부 only with a memo, which the buyer reads; staff\'s 거부 wins over auto-accept', () => {
      expect(nextCommand(cancel({ action: 'reject' }))).toEqual({ kind: 'refuse', reason: expect.stringMatching(/메모\(거부 사유\)/) });
      expect(nextCommand(cancel({ action: 'reject', memo: '   ' }))).toEqual({ kind: 'refuse', reason: expect.stringMatching(/메모/) });
      expect(nextCommand(cancel({ action: 'reject', memo: ' 이미 포장을 마쳤습니다 ' }))).toEqual({ kind: 'reject', claim: 'cancel', reason: '이미 포장을 마쳤습니다' });
      expect(nextCommand(cancel({ action: 'reject', memo: '늦음', mall: mall('cancel', 'accepted') }))).toEqual({ kind: 'refuse', reason: expect.stringMatching(/이미 승인된 취소/) });
    });
  });

  describe('a return', () => {
    it('is accepted at the mall on 승인, once', () => {
      expect(nextCommand(row({ action: 'accept' }))).toEqual({ kind: 'acceptReturn' });
      expect(nextCommand(row({ action: 'accept', mall: mall('return', 'accepted') }))).toEqual({ kind: 'none' });
      expect(nextCommand(row())).toEqual({ kind: 'none' });
    });

    it('is never accepted by itself', () => {
      expect(nextCommand(row(), { autoAcceptCancel: true })).toEqual({ kind: 'none' });
    });

    it('needs the time received and a classification for 입고확인', () => {
      expect(nextCommand(row({ action: 'receive', mall: mall('return', 'accepted') }))).toEqual({
        kind: 'refuse',
        reason: '입고확인 불가: 입고일시를 입력하세요, 분류(정품/불량/수선)를 선택하세요',
      });
      expect(nextCommand(row({ ...receipt, classification: null, mall: mall('return', 'accepted') }))).toEqual({ kind: 'refuse', reason: '입고확인 불가: 분류(정품/불량/수선)를 선택하세요' });
    });

    it('completes on 입고확인: good units back on the shelf, every returned unit credited at wholesale', () => {
      const accepted = mall('return', 'accepted');
      expect(nextCommand(row({ ...receipt, mall: accepted }))).toEqual({ kind: 'completeReturn', callMall: true, restock: 2, credit: 14_000 });
      expect(nextCommand(row({ ...receipt, classification: 'defective', mall: accepted }))).toEqual({ kind: 'completeReturn', callMall: true, restock: 0, credit: 14_000 });
      expect(nextCommand(row({ ...receipt, classification: 'repairable', mall: accepted }))).toEqual({ kind: 'completeReturn', callMall: true, restock: 0, credit: 14_000 });
    });

    it('takes the units to restock from the row when given: whole, not negative, not more than came back', () => {
      const accepted = mall('return', 'accepted');
      expect(nextCommand(row({ ...receipt, quantityToStock: 1, mall: accepted }))).toMatchObject({ restock: 1, credit: 14_000 });
      expect(nextCommand(row({ ...receipt, quantityToStock: 0, mall: accepted }))).toMatchObject({ restock: 0 });
      expect(nextCommand(row({ ...receipt, classification: 'repairable', quantityToStock: 2, mall: accepted }))).toMatchObject({ restock: 2 });
      expect(nextCommand(row({ ...receipt, quantityToStock: 2, mall: accepted }))).toMatchObject({ restock: 2 });
      expect(nextCommand(row({ ...receipt, quantityToStock: 3, mall: accepted }))).toEqual({ kind: 'refuse', reason: '재입고수량 3개가 클레임 수량 2개보다 많습니다' });
      expect(nextCommand(row({ ...receipt, quantityToStock: 1.5, mall: accepted }))).toEqual({ kind: 'refuse', reason: '재입고수량은 정수여야 합니다 (1.5)' });
      expect(nextCommand(row({ ...receipt, quantityToStock: -1, mall: accepted }))).toEqual({ kind: 'refuse', reason: '재입고수량은 0 이상이어야 합니다 (-1)' });
    });

    it('cannot be credited without the SKU\'s wholesale price', () => {
      expect(nextCommand(row({ ...receipt, wholesalePrice: null, mall: mall('return', 'accepted') }))).toEqual({ kind: 'refuse', reason: expect.stringMatching(/상품 탭에서 이 SKU를 찾을 수 없어/) });
    });

    it('is accepted first when 입고확인 comes before 승인 (the next run completes it)', () => {
      expect(nextCommand(row(receipt))).toEqual({ kind: 'acceptReturn' });
      // …but not with a receipt that could not complete it.
      expect(nextCommand(row({ ...receipt, receivedAt: null }))).toMatchObject({ kind: 'refuse' });
    });

    it('is finished on the sheet only when the mall already shows it complete (a run died after the call)', () => {
      expect(nextCommand(row({ ...receipt, mall: mall('return', 'done') }))).toEqual({ kind: 'completeReturn', callMall: false, restock: 2, credit: 14_000 });
      expect(callsMall({ kind: 'completeReturn', callMall: false, restock: 2, credit: 14_000 })).toBe(false);
      expect(nextCommand(row({ mall: mall('return', 'done') }))).toEqual({ kind: 'none' });
    });

    it('does nothing again once completed (completedAt is the guard)', () => {
      expect(nextCommand(row({ ...receipt, mall: mall('return', 'done'), completedAt: REQUESTED + 2 * H }))).toEqual({ kind: 'none' });
      expect(nextCommand(row({ ...receipt, mall: mall('return', 'accepted'), completedAt: REQUESTED + 2 * H }))).toEqual({ kind: 'none' });
    });

    it('is rejected with a memo while requested, and not once accepted or done', () => {
      expect(nextCommand(row({ action: 'reject', memo: '사용 흔적' }))).toEqual({ kind: 'reject', claim: 'return', reason: '사용 흔적' });
      expect(nextCommand(row({ action: 'reject', memo: '사용 흔적', mall: mall('return', 'accepted') }))).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/이미 승인된 반품/) });
      expect(nextCommand(row({ action: 'reject', memo: '사용 흔적', mall: mall('return', 'done') }))).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/이미 완료된 반품/) });
    });

    it('stays as the mall left it once rejected or withdrawn', () => {
      expect(nextCommand(row({ action: 'reject', memo: '사용 흔적', mall: mall('return', 'rejected') }))).toEqual({ kind: 'none' });
      expect(nextCommand(row({ action: 'accept', mall: mall('return', 'rejected') }))).toEqual({ kind: 'refuse', reason: '이미 거부된 반품 요청입니다' });
      expect(nextCommand(row({ action: 'accept', mall: WITHDRAWN }))).toEqual({ kind: 'none' });
      expect(nextCommand(row({ ...receipt, mall: WITHDRAWN }))).toEqual({ kind: 'none' });
    });
  });

  describe('an exchange', () => {
    const exchange = (over: Partial<ClaimRowState> = {}) => row({ type: 'exchange', mall: mall('exchange', 'requested'), quantity: 1, ...over });

    it('is accepted on 승인, and completed on 입고확인 (only then may the replacement ship): good units back, no credit', () => {
      expect(nextCommand(exchange({ action: 'accept' }))).toEqual({ kind: 'acceptExchange' });
      expect(nextCommand(exchange({ ...receipt, mall: mall('exchange', 'accepted') }))).toEqual({ kind: 'completeExchange', callMall: true, restock: 1 });
      expect(nextCommand(exchange({ ...receipt, classification: 'defective', mall: mall('exchange', 'accepted') }))).toEqual({ kind: 'completeExchange', callMall: true, restock: 0 });
      expect(nextCommand(exchange(receipt))).toEqual({ kind: 'acceptExchange' });
      expect(nextCommand(exchange({ ...receipt, mall: mall('exchange', 'done') }))).toEqual({ kind: 'completeExchange', callMall: false, restock: 1 });
    });

    it('needs no price when nothing goes back on the shelf', () => {
      expect(nextCommand(exchange({ ...receipt, classification: 'defective', wholesalePrice: null, mall: mall('exchange', 'accepted') }))).toEqual({ kind: 'completeExchange', callMall: true, restock: 0 });
      expect(nextCommand(exchange({ ...receipt, wholesalePrice: null, mall: mall('exchange', 'accepted') }))).toMatchObject({ kind: 'refuse' });
    });
  });

  describe('a cancel on goods already shipped (worked as a return)', () => {
    const shipped = (over: Partial<ClaimRowState> = {}) => row({ type: 'return', mall: mall('cancel', 'requested'), ...over });

    it('is not accepted by itself: the parcel is on its way', () => {
      expect(nextCommand(shipped())).toEqual({ kind: 'none' });
    });

    it('cancels at the mall on 승인 (or 입고확인), and is finished on the sheet on 입고확인 once cancelled', () => {
      expect(nextCommand(shipped({ action: 'accept' }))).toEqual({ kind: 'acceptCancel', auto: false });
      expect(nextCommand(shipped(receipt))).toEqual({ kind: 'acceptCancel', auto: false });
      expect(nextCommand(shipped({ ...receipt, mall: mall('cancel', 'done') }))).toEqual({ kind: 'completeReturn', callMall: false, restock: 2, credit: 14_000 });
      expect(nextCommand(shipped({ action: 'reject', memo: '배송 중' }))).toEqual({ kind: 'reject', claim: 'cancel', reason: '배송 중' });
    });
  });
});

describe('a refused call whose effect the mall shows is not an error', () => {
  it('knows each command\'s effect', () => {
    expect(effectShown({ kind: 'acceptCancel', auto: true }, mall('cancel', 'done'))).toBe(true);
    expect(effectShown({ kind: 'acceptCancel', auto: true }, mall('cancel', 'requested'))).toBe(false);
    expect(effectShown({ kind: 'acceptReturn' }, mall('return', 'accepted'))).toBe(true);
    expect(effectShown({ kind: 'acceptReturn' }, mall('return', 'requested'))).toBe(false);
    expect(effectShown({ kind: 'completeReturn', callMall: true, restock: 1, credit: 7_000 }, mall('return', 'done'))).toBe(true);
    expect(effectShown({ kind: 'completeReturn', callMall: true, restock: 1, credit: 7_000 }, mall('return', 'accepted'))).toBe(false);
    expect(effectShown({ kind: 'completeExchange', callMall: true, restock: 1 }, mall('exchange', 'done'))).toBe(true);
    expect(effectShown({ kind: 'acceptExchange' }, mall('exchange', 'done'))).toBe(true);
    expect(effectShown({ kind: 'reject', claim: 'return', reason: 'x' }, mall('return', 'rejected'))).toBe(true);
    expect(effectShown({ kind: 'reject', claim: 'return', reason: 'x' }, mall('return', 'requested'))).toBe(false);
  });
});
