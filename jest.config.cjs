/**
 * Jest runs the specifications in test/ (TypeScript through esbuild), then the channels' end-to-end
 * specifications again under the other readings of each fake where the reference is silent
 * (local/fakes/<channel>/options.ts): the product must not depend on the fake's choice.
 * `npx jest FILE --selectProjects default` runs the first pass only (paths before the option).
 */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '\\.ts$': '<rootDir>/test/transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json', 'cjs', 'mjs'],
  globalSetup: '<rootDir>/test/global-setup.cjs',
};

/** Specs that run the product against the fake: the built bundle end to end, or jobs over the in-process fake. */
const CAFE24_E2E = [
  '**/test/channels/cafe24-e2e.test.ts',
  '**/test/channels/cafe24-against-fake.test.ts',
  '**/test/jobs/ship-orders.test.ts',
  '**/test/jobs/claim-actions.test.ts',
  '**/test/jobs/token-refresh-readings.test.ts',
  '**/test/shipping/**/*.test.ts',
  '**/test/claims/**/*.test.ts',
  '**/test/sync/**/*.test.ts',
  '**/test/settlement/**/*.test.ts',
  '**/test/sandbox/demo.test.ts',
  // The archive pass touches no channel: once, under the defaults, is enough.
  '!**/test/sync/order-archive-e2e.test.ts',
];

/**
 * A month of the demo (test/sandbox/demo-month.test.ts, about 4½ minutes): `npm run test:month`
 * (PM_MONTH=1), kept out of `npm test` so the suite stays well under 15 minutes.
 */
const MONTH = ['**/test/sandbox/demo-month.test.ts'];

/**
 * The fake's defaults are the first pass. Each value the defaults leave out is in a reading
 * below; `undocumentedCommaList: 'accept'` only on the Cafe24 connector's own specs, since under
 * the default 'reject' any comma list the product sent would already have failed the first pass.
 */
const READINGS = [
  {
    name: 'cafe24: first value of a list, access token dies at refresh, undocumented parameters refused, a lone bulk request read; triggers spread in their minute',
    testMatch: CAFE24_E2E,
    strict: { undocumentedCommaList: 'first', revokeAccessOnRefresh: true, unknownQueryParams: 'reject', bulkLoneRequest: 'accept' },
    timing: { mode: 'spread', seed: 1 },
  },
  {
    name: 'naver: re-confirm refused, wide windows cut, cancels wait for approval, Retry-After sent, undated dispatch filled in',
    testMatch: ['**/test/channels/naver-against-fake.test.ts', '**/test/channels/naver-e2e.test.ts'],
    naver: { reconfirm: 'fail', lastChangedWindow: 'clamp', buyerCancelBeforeConfirm: 'request', sendRetryAfter: true, dispatchDateRequired: false },
  },
  {
    name: 'coupang: split boxes keep their id, invoices accepted before acknowledgement and twice, acknowledging an INSTRUCT box succeeds; inquiry windows of 7 calendar days, second answers appended, vendorItemId a number, any open agent message answered',
    testMatch: ['**/test/channels/coupang-against-fake.test.ts', '**/test/channels/coupang-e2e.test.ts', '**/test/inquiries/coupang-inquiries-e2e.test.ts'],
    coupang: { splitKeepsBox: true, invoiceBeforeAck: 'accept', ackWhenInstruct: 'ok', duplicateInvoice: 'allow', inquiryWindow: 'calendarDays', secondOnlineReply: 'append', ccVendorItemId: 'number', parentAnswerId: 'anyTransfer', replyByVendorId: true },
  },
  {
    name: 'coupang: ordersheets dated at ordering, refused calls count against the rate, PATCH refused',
    testMatch: ['**/test/channels/coupang-against-fake.test.ts', '**/test/channels/coupang-e2e.test.ts'],
    coupang: { createdAtIs: 'orderedAt', refusedCallsCount: true, acceptPatch: false },
  },
  {
    name: 'cafe24: comma lists read as lists',
    testMatch: ['**/test/channels/cafe24-e2e.test.ts', '**/test/channels/cafe24-against-fake.test.ts'],
    strict: { undocumentedCommaList: 'accept' },
  },
];

module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
  projects: [
    { ...base, displayName: 'default', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/test/sandbox/demo-month\\.test\\.ts$'] },
    ...(process.env.PM_MONTH ? [{ ...base, displayName: 'month', testMatch: MONTH }] : []),
    ...READINGS.map((r) => ({
      ...base,
      displayName: r.name,
      testMatch: r.testMatch,
      setupFiles: ['<rootDir>/test/fake-reading.cjs'],
      globals: { ...(r.strict ? { CAFE24_FAKE_STRICT: r.strict } : {}), ...(r.naver ? { NAVER_FAKE_STRICT: r.naver } : {}), ...(r.coupang ? { COUPANG_FAKE_OPTIONS: r.coupang } : {}), ...(r.timing ? { GAS_TRIGGER_TIMING: r.timing } : {}) },
    })),
  ],
};
