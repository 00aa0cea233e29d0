/**
 * The control operations a scenario's `channel` events may name, per channel fake. Kept apart
 * from the fakes so the scenario parser can check them without loading a fake.
 */
export const CHANNEL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  cafe24: [
    'addOrder',
    'payOrder',
    'requestCancel',
    'requestReturn',
    'requestExchange',
    'adminCancel',
    'withdrawRequest',
    'markDelivered',
    'expireUnpaid',
    'setStock',
    'askQuestion',
    'answerInAdmin',
    'deleteArticle',
    'revokeTokens',
    'clearFaults',
    'loseWebhooks',
  ],
  // local/fakes/naver: (clientId, …) as its Controls take them.
  naver: ['placeOrder', 'pay', 'expireUnpaid', 'requestCancel', 'requestReturn', 'requestExchange', 'collect', 'markDelivered', 'purchaseDecide', 'setStock', 'askProductQuestion', 'askInquiry', 'answerInSellerCenter', 'deleteInquiry', 'revokeTokens', 'advanceTime', 'clearFaults'],
  // local/fakes/coupang: (vendorId, …) as its Controls take them.
  coupang: ['addOrder', 'payOrder', 'changeAddress', 'requestCancel', 'requestReturn', 'requestExchange', 'advanceDelivery', 'completeReturn', 'setStock', 'askProductQuestion', 'buyerFollowUp', 'addCallCenterInquiry', 'answerInWing', 'advanceTime', 'clearFaults'],
};
