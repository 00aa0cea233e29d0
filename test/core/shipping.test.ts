/**
 * Shipping rules: a tracking number is digits only, spaces and hyphens removed, with a length its
 * carrier uses (우체국택배 13; CJ대한통운 10 or 12; 롯데택배 12 — shared/reference/marketplaces-api.md
 * §D2). Only paid / preparing / standby items ship; a cancel request holds the item. One number
 * may carry several items of the same receiver (묶음배송), never two receivers' parcels.
 */
import { CJ, DAY_ONE_CARRIERS, EPOST, LOTTE, carrierByChannelCode, carrierByName, carrierRuleFromSettings, channelCarrier } from '../../src/core/carriers';
import { ORDER_LINE_STATUSES, type OrderLineStatus } from '../../src/core/order';
import {
  checkTrackingNumber,
  planShipments,
  receiverKey,
  shipVerdict,
  type ShipLine,
  type ShipmentDecision,
  type ShipmentRequest,
} from '../../src/core/shipping';

describe('carriers: the three day-one carriers, found by any of their names', () => {
  test.each([
    ['우체국', 'epost'],
    ['우체국택배', 'epost'],
    ['우체국 택배', 'epost'],
    ['Korea Post', 'epost'],
    ['koreapost', 'epost'],
    ['CJ대한통운', 'cj'],
    ['cj 대한통운', 'cj'],
    ['대한통운', 'cj'],
    ['CJ', 'cj'],
    ['ｃｊ', 'cj'],
    ['롯데', 'lotte'],
    ['롯데택배', 'lotte'],
    ['롯데글로벌로지스', 'lotte'],
    [' 롯데 글로벌 로지스 ', 'lotte'],
    ['현대택배', 'lotte'],
    ['lotte', 'lotte'],
  ])('"%s" is %s', (name, key) => {
    expect(carrierByName(name)?.key).toBe(key);
  });

  test.each(['한진택배', '로젠', '', '   ', 'CJ택배사'])('"%s" is not a day-one carrier', (name) => {
    expect(carrierByName(name)).toBeNull();
  });

  test('channel codes: Cafe24 0012 / 0006 / 0079, Naver and Coupang EPOST / CJGLS / HYUNDAI', () => {
    expect(carrierByChannelCode('cafe24', '0012')).toBe(EPOST);
    expect(carrierByChannelCode('cafe24', '0006')).toBe(CJ);
    expect(carrierByChannelCode('cafe24', '0079')).toBe(LOTTE);
    expect(carrierByChannelCode('naver', 'cjgls')).toBe(CJ);
    expect(carrierByChannelCode('coupang', 'HYUNDAI')).toBe(LOTTE);
    expect(carrierByChannelCode('cafe24', '0018')).toBeNull();
    expect(channelCarrier(CJ, 'cafe24')).toEqual({ code: '0006', name: 'CJ대한통운' });
  });

  test('another carrier is added from settings and then found by name and checked by its lengths', () => {
    const added = carrierRuleFromSettings({ key: 'hanjin', nameKo: '한진택배', nameEn: 'Hanjin', aliases: '한진', lengths: '10,12', cafe24Code: '0018' });
    if (!added.ok) throw new Error(added.reason);
    const rules = [...DAY_ONE_CARRIERS, added.rule];
    expect(carrierByName('한진', rules)).toBe(added.rule);
    expect(added.rule.trackingLengths).toEqual([10, 12]);
    expect(checkTrackingNumber(added.rule, '1547827315')).toEqual({ ok: true, trackingNo: '1547827315' });
  });

  test('a length range is read, and a settings row is refused with a Korean reason when wrong', () => {
    const kd = carrierRuleFromSettings({ key: 'kdexp', nameKo: '경동택배', lengths: '11-16' });
    expect(kd.ok && kd.rule.trackingLengths).toEqual([11, 12, 13, 14, 15, 16]);
    expect(carrierRuleFromSettings({ key: 'x', nameKo: '엑스', lengths: '열두자리' })).toEqual({ ok: false, reason: expect.stringContaining('자릿수') });
    expect(carrierRuleFromSettings({ key: 'Bad Key', nameKo: '엑스', lengths: '12' })).toEqual({ ok: false, reason: expect.stringContaining('키') });
    expect(carrierRuleFromSettings({ key: 'cj2', nameKo: '씨제이 택배', aliases: '대한통운', lengths: '12' })).toEqual({
      ok: false,
      reason: expect.stringContaining('이미 CJ대한통운'),
    });
  });
});

describe('tracking numbers: digits only, with a length the carrier uses', () => {
  test.each([
    [EPOST, '6900004147609'],
    [EPOST, '7000000000001'],
    [CJ, '1234567890'],
    [CJ, '680405450931'],
    [LOTTE, '200016500003'],
  ])('%s: %s is valid', (carrier, number) => {
    expect(checkTrackingNumber(carrier, number)).toEqual({ ok: true, trackingNo: number });
  });

  test.each([
    [EPOST, '690000414760', '13자리'],
    [EPOST, '69000041476090', '13자리'],
    [CJ, '12345678901', '10자리 또는 12자리'],
    [CJ, '123456789', '10자리 또는 12자리'],
    [CJ, '6804054509311', '10자리 또는 12자리'],
    [LOTTE, '2000165000', '12자리'],
    [LOTTE, '2000165000031', '12자리'],
  ])('%s: %s has the wrong length', (carrier, number, expected) => {
    const result = checkTrackingNumber(carrier, number);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(expected) });
    expect(result.ok || result.reason).toContain(`${carrier.nameKo} 송장번호는`);
    expect(result.ok || result.reason).toContain(`${number.length}자리`);
  });

  test('spaces and hyphens are removed (also full-width ones and non-breaking spaces)', () => {
    expect(checkTrackingNumber(CJ, '6804-0545-0931')).toEqual({ ok: true, trackingNo: '680405450931' });
    expect(checkTrackingNumber(CJ, ' 6804 0545 0931 ')).toEqual({ ok: true, trackingNo: '680405450931' });
    expect(checkTrackingNumber(EPOST, '69000\u00a004147－609')).toEqual({ ok: true, trackingNo: '6900004147609' });
    expect(checkTrackingNumber(LOTTE, '２０００１６５０００03')).toEqual({ ok: true, trackingNo: '200016500003' });
  });

  test('letters are refused with their own reason (an EMS-style number is not a parcel number)', () => {
    expect(checkTrackingNumber(EPOST, 'RA151630799KR')).toEqual({ ok: false, reason: expect.stringContaining('문자가 들어 있습니다') });
    expect(checkTrackingNumber(CJ, '68040545O931')).toEqual({ ok: false, reason: expect.stringContaining('문자가 들어 있습니다') });
    expect(checkTrackingNumber(CJ, '송장680405450931')).toEqual({ ok: false, reason: expect.stringContaining('숫자만') });
  });

  test('other symbols and blanks are refused', () => {
    expect(checkTrackingNumber(CJ, '680405.450931')).toEqual({ ok: false, reason: expect.stringContaining('기호') });
    expect(checkTrackingNumber(CJ, ' - ')).toEqual({ ok: false, reason: '송장번호가 비어 있습니다' });
  });

  test('a number cell from the sheet is accepted when whole; a mangled one is refused', () => {
    expect(checkTrackingNumber(EPOST, 6900004147609)).toEqual({ ok: true, trackingNo: '6900004147609' });
    expect(checkTrackingNumber(EPOST, 6.9e12 + 0.5)).toEqual({ ok: false, reason: expect.stringContaining('텍스트 형식') });
  });
});

const KIM = { receiverName: '김철수', receiverPhone: '010-1234-5678', receiverZip: '06236', receiverAddress1: '서울 강남구 테헤란로 152', receiverAddress2: '10층' };
const LEE = { receiverName: '이영희', receiverPhone: '010-9876-5432', receiverZip: '48058', receiverAddress1: '부산 해운대구 센텀중앙로 55', receiverAddress2: '' };

const item = (orderId: string, itemId: string, status: OrderLineStatus = 'preparing', receiver = KIM, partnerId = 'PNR002'): ShipLine => ({
  partnerId,
  orderId,
  itemId,
  status,
  ...receiver,
});
const req = (line: ShipLine, trackingNo: string, carrierName = 'CJ대한통운'): ShipmentRequest => ({ line, carrierName, trackingNo });
const plan = (requests: ShipmentRequest[], used: ReadonlyMap<string, string> = new Map()) => planShipments(requests, used);
const kinds = (ds: readonly ShipmentDecision[]) => ds.map((d) => d.kind);
const reasonOf = (d: ShipmentDecision | undefined) => (d && d.kind !== 'ok' ? d.reason : undefined);

describe('receiver key: who a parcel goes to', () => {
  test('spaces, hyphens in the phone, case and where the address is split do not matter', () => {
    const a = receiverKey(KIM);
    expect(receiverKey({ ...KIM, receiverPhone: '01012345678' })).toBe(a);
    expect(receiverKey({ ...KIM, receiverPhone: '010 1234 5678', receiverName: ' 김 철수' })).toBe(a);
    expect(receiverKey({ ...KIM, receiverAddress1: '서울 강남구 테헤란로 152 10층', receiverAddress2: '' })).toBe(a);
  });

  test('a different name, phone or address is a different receiver', () => {
    const a = receiverKey(KIM);
    expect(receiverKey({ ...KIM, receiverName: '김철민' })).not.toBe(a);
    expect(receiverKey({ ...KIM, receiverPhone: '010-1234-5679' })).not.toBe(a);
    expect(receiverKey({ ...KIM, receiverAddress2: '11층' })).not.toBe(a);
  });
});

describe('which items may ship', () => {
  test.each(['paid', 'preparing', 'standby'] as const)('a %s item ships', (status) => {
    expect(kinds(plan([req(item('O1', 'O1-01', status), '680405450931')]).decisions)).toEqual(['ok']);
  });

  test('a cancel-requested item is held, not refused', () => {
    const [d] = plan([req(item('O1', 'O1-01', 'cancelRequested'), '680405450931')]).decisions;
    expect(d).toMatchObject({ kind: 'held', reason: '취소 요청이 있어 출고 보류' });
  });

  test.each(['shipping', 'delivered'] as const)('a %s item has already shipped: refused', (status) => {
    const [d] = plan([req(item('O1', 'O1-01', status), '680405450931')]).decisions;
    expect(d?.kind).toBe('refused');
    expect(reasonOf(d)).toMatch(/이미/);
  });

  test.each(['cancelled', 'returnRequested', 'returned', 'exchangeRequested', 'exchanged', 'refunded'] as const)('a %s item (claim) is refused', (status) => {
    expect(plan([req(item('O1', 'O1-01', status), '680405450931')]).decisions[0]?.kind).toBe('refused');
  });

  test('every status is decided', () => {
    for (const s of ORDER_LINE_STATUSES) expect(['ship', 'hold', 'refuse']).toContain(shipVerdict(s).verdict);
  });

  test('an unknown or blank carrier is refused', () => {
    const { decisions } = plan([req(item('O1', 'O1-01'), '1547827315', '한진택배'), req(item('O2', 'O2-01'), '1547827315', ' ')]);
    expect(reasonOf(decisions[0])).toContain('알 수 없는 택배사입니다: "한진택배"');
    expect(reasonOf(decisions[1])).toBe('택배사가 비어 있습니다');
  });

  test('an invalid number is refused with the carrier’s rule', () => {
    const { decisions, orders } = plan([req(item('O1', 'O1-01'), '6804054509', '우체국')]);
    expect(reasonOf(decisions[0])).toContain('우체국택배 송장번호는 13자리');
    expect(orders).toEqual([]);
  });

  test('the same item twice in one batch: the second is refused', () => {
    const { decisions } = plan([req(item('O1', 'O1-01'), '680405450931'), req(item('O1', 'O1-01'), '680405450932')]);
    expect(kinds(decisions)).toEqual(['ok', 'refused']);
  });
});

describe('bundle shipping: one number, one receiver', () => {
  test('the same number on items of the same receiver (across orders) is one parcel', () => {
    const { decisions } = plan([
      req(item('O1', 'O1-01'), '6804-0545-0931'),
      req(item('O1', 'O1-02', 'paid', { ...KIM, receiverPhone: '01012345678' }), '680405450931', 'cj'),
      req(item('O2', 'O2-01'), '680405450931'),
      req(item('O3', 'O3-01', 'preparing', LEE), '1234567890'),
    ]);
    expect(kinds(decisions)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const [a, , c, d] = decisions;
    if (a?.kind !== 'ok' || c?.kind !== 'ok' || d?.kind !== 'ok') throw new Error('expected ok');
    expect(a.parcel).toBe(c.parcel);
    expect(a.parcel).toMatchObject({ trackingNo: '680405450931', carrierKey: 'cj', bundled: true, multiOrder: true });
    expect(a.parcel.items.map((i) => i.itemId)).toEqual(['O1-01', 'O1-02', 'O2-01']);
    expect(d.parcel).toMatchObject({ bundled: false, multiOrder: false, items: [{ partnerId: 'PNR002', orderId: 'O3', itemId: 'O3-01' }] });
  });

  test('the same number for two receivers in one batch: every one of them is refused', () => {
    const { decisions, orders } = plan([req(item('O1', 'O1-01'), '680405450931'), req(item('O2', 'O2-01', 'paid', LEE), '680405450931')]);
    expect(kinds(decisions)).toEqual(['refused', 'refused']);
    expect(reasonOf(decisions[0])).toContain('서로 다른 수령인(김철수, 이영희)');
    expect(orders).toEqual([]);
  });

  test('a number already on another receiver’s parcel is refused; on the same receiver’s it joins the bundle', () => {
    const used = new Map([['6804-0545-0931', receiverKey(LEE)], ['1234567890', receiverKey(KIM)]]);
    const { decisions } = plan([req(item('O1', 'O1-01'), '680405450931'), req(item('O2', 'O2-01'), '1234567890')], used);
    expect(kinds(decisions)).toEqual(['refused', 'ok']);
    expect(reasonOf(decisions[0])).toBe('송장번호 680405450931은(는) 이미 다른 수령인의 택배에 쓰였습니다');
  });

  test('one number entered under two carriers is refused', () => {
    const { decisions } = plan([req(item('O1', 'O1-01'), '200016500003', 'CJ'), req(item('O1', 'O1-02'), '200016500003', '롯데')]);
    expect(kinds(decisions)).toEqual(['refused', 'refused']);
  });
});

describe('accepted items grouped per order for the channel’s bulk shipment call', () => {
  test('per (partner, order), one shipment per parcel, sorted; held and refused items left out', () => {
    const { orders } = plan([
      req(item('O2', 'O2-02'), '680405450931'),
      req(item('O2', 'O2-01'), '680405450931'),
      req(item('O1', 'O1-01', 'paid', LEE), '6900004147609', '우체국'),
      req(item('O1', 'O1-02', 'paid', LEE), '6900004147616', '우체국'), // split shipping: two boxes, one order
      req(item('O9', 'O9-01', 'preparing', KIM, 'PNR001'), '200016500003', '롯데택배'),
      req(item('O3', 'O3-01', 'cancelRequested'), '680405450931'),
      req(item('O4', 'O4-01', 'shipping'), '1234567890'),
    ]);
    expect(orders.map((o) => ({ ...o, shipments: o.shipments.map((s) => ({ carrier: s.carrier.key, trackingNo: s.trackingNo, itemIds: s.itemIds })) }))).toEqual([
      { partnerId: 'PNR001', orderId: 'O9', shipments: [{ carrier: 'lotte', trackingNo: '200016500003', itemIds: ['O9-01'] }] },
      {
        partnerId: 'PNR002',
        orderId: 'O1',
        shipments: [
          { carrier: 'epost', trackingNo: '6900004147609', itemIds: ['O1-01'] },
          { carrier: 'epost', trackingNo: '6900004147616', itemIds: ['O1-02'] },
        ],
      },
      { partnerId: 'PNR002', orderId: 'O2', shipments: [{ carrier: 'cj', trackingNo: '680405450931', itemIds: ['O2-01', 'O2-02'] }] },
    ]);
  });

  test('the plan is the same whatever Map order or call: deterministic', () => {
    const requests = [req(item('O2', 'O2-01'), '680405450931'), req(item('O1', 'O1-01', 'paid', LEE), '1234567890')];
    expect(plan(requests)).toEqual(plan(requests));
  });
});
