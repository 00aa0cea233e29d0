import {
  answerByOf,
  answerRefusal,
  asBoardHtml,
  inquiryLateFrom,
  inquiryTodo,
  inquiryTodoText,
  isInquiryLate,
  plainText,
  responseRates,
} from '../../src/core/inquiries';

const HOUR = 3_600_000;
const ASKED = Date.parse('2026-12-04T09:30:00+09:00');
const open = { askedAt: ASKED, answeredAt: null, answered: false };

describe('answer-by and lateness', () => {
  test('a question must be answered within 24 hours of being asked', () => {
    expect(answerByOf(ASKED)).toBe(ASKED + 24 * HOUR);
  });

  test('at the answer-by minute itself it is not late; a millisecond after, it is', () => {
    expect(isInquiryLate(open, ASKED + 24 * HOUR)).toBe(false);
    expect(isInquiryLate(open, ASKED + 24 * HOUR + 1)).toBe(true);
    expect(inquiryLateFrom(open)).toBe(ASKED + 24 * HOUR + 1);
  });

  test('an answered question is never late and asks nothing, however long it took', () => {
    const answered = { askedAt: ASKED, answeredAt: ASKED + 30 * HOUR, answered: true };
    expect(inquiryTodo(answered, ASKED + 40 * HOUR)).toBeNull();
    expect(inquiryLateFrom(answered)).toBeNull();
  });
});

describe('조치필요, ranked like the claims tab', () => {
  test('late ranks 1, to answer ranks 2 with its deadline in Seoul time, nothing is blank', () => {
    expect(inquiryTodoText(inquiryTodo(open, ASKED + HOUR))).toBe('2 답변 필요 (12-05 09:30까지)');
    expect(inquiryTodoText(inquiryTodo(open, ASKED + 25 * HOUR))).toBe('1 답변기한 초과');
    expect(inquiryTodoText(null)).toBe('');
    // Sorting the column A→Z puts late first.
    expect(['2 답변 필요 (12-05 09:30까지)', '', '1 답변기한 초과'].sort()).toEqual(['', '1 답변기한 초과', '2 답변 필요 (12-05 09:30까지)']);
  });
});

describe('the 7-day response rate per channel', () => {
  const now = ASKED + 3 * 24 * HOUR;
  test('answered within 24 hours ÷ asked, over the last 7 days, per channel, rounded down', () => {
    const rows = [
      { channel: 'cafe24' as const, askedAt: ASKED, answeredAt: ASKED + HOUR, answered: true },
      { channel: 'cafe24' as const, askedAt: ASKED, answeredAt: ASKED + 25 * HOUR, answered: true },
      { channel: 'cafe24' as const, askedAt: ASKED, answeredAt: ASKED + 2 * HOUR, answered: true },
      { channel: 'naver' as const, askedAt: ASKED, answeredAt: null, answered: false },
    ];
    expect(responseRates(rows, now)).toEqual([
      { channel: 'cafe24', asked: 3, answeredInTime: 2, percent: 66 },
      { channel: 'naver', asked: 1, answeredInTime: 0, percent: 0 },
    ]);
  });

  test('a question still inside its 24 hours and unanswered is not counted yet; one older than 7 days is out', () => {
    const rows = [
      { channel: 'cafe24' as const, askedAt: now - HOUR, answeredAt: null, answered: false },
      { channel: 'cafe24' as const, askedAt: now - 8 * 24 * HOUR, answeredAt: null, answered: false },
      { channel: 'cafe24' as const, askedAt: now - 2 * HOUR, answeredAt: now - HOUR, answered: true },
    ];
    expect(responseRates(rows, now)).toEqual([{ channel: 'cafe24', asked: 1, answeredInTime: 1, percent: 100 }]);
  });

  test('an answer without a time counts as late: nothing shows it was in time', () => {
    expect(responseRates([{ channel: 'cafe24', askedAt: ASKED, answeredAt: null, answered: true }], now)[0]!.percent).toBe(0);
  });
});

describe('answers and questions as text', () => {
  test('3,000 characters pass; over 4,000 or blank are refused with the reason', () => {
    expect(answerRefusal('가'.repeat(3000))).toBeNull();
    expect(answerRefusal('가'.repeat(4001))).toBe('답변이 너무 깁니다 (4,001자, 최대 4,000자)');
    expect(answerRefusal('  \n')).toBe('답변이 비어 있습니다');
  });

  test('markup staff type is sent escaped and comes back as typed', () => {
    const typed = '<b>굵게</b> & "인용"\n둘째 줄 =SUM(A1)';
    expect(asBoardHtml(typed)).toBe('&lt;b&gt;굵게&lt;/b&gt; &amp; &quot;인용&quot;<br>둘째 줄 =SUM(A1)');
    expect(plainText(asBoardHtml(typed))).toBe(typed);
  });

  test("a board's HTML question reads as plain text", () => {
    expect(plainText('<p>사이즈 문의</p><p>M 있나요?<br/>급해요&nbsp;!</p><script>x</script>')).toBe('사이즈 문의\nM 있나요?\n급해요 !');
  });
});
