/**
 * The preview page: the workbook's tabs as read-only tables beside the real built sidebar, with
 * the simulated clock and a test-order control above. Static markup only: the tables and every
 * value in them are filled in by /preview.js with textContent.
 */
export const PAGE_HTML = `<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8" />
<title>분양몰 시트 — 로컬 미리보기</title>
<style>
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 13px/1.4 'Noto Sans KR', 'NanumGothic', Arial, sans-serif; color: #202124; display: grid; grid-template-columns: 1fr 300px; grid-template-rows: auto 1fr; height: 100vh; }
  #bar { grid-column: 1 / 3; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 6px 10px; background: #f1f3f4; border-bottom: 1px solid #dadce0; }
  #bar .group { display: flex; gap: 4px; align-items: center; }
  #bar button { font: inherit; padding: 3px 8px; }
  #bar button[aria-pressed='true'] { background: #1a73e8; color: #fff; border: 1px solid #1a73e8; }
  #clock { font-weight: bold; min-width: 14em; }
  #workbook { overflow: auto; display: flex; flex-direction: column; min-width: 0; }
  #tabs { display: flex; gap: 2px; padding: 4px 6px 0; border-bottom: 1px solid #dadce0; position: sticky; top: 0; background: #fff; z-index: 1; flex-wrap: wrap; }
  #tabs button { font: inherit; border: 1px solid #dadce0; border-bottom: 0; background: #f8f9fa; padding: 4px 10px; border-radius: 4px 4px 0 0; cursor: pointer; }
  #tabs button[aria-selected='true'] { background: #fff; font-weight: bold; color: #188038; }
  #grid { padding: 6px; overflow: auto; }
  .filter-note { margin: 0 0 4px; color: #1a73e8; font-size: 12px; }
  table { border-collapse: collapse; font-size: 12px; }
  th, td { border: 1px solid #e0e0e0; padding: 2px 6px; white-space: pre; max-width: 28em; overflow: hidden; text-overflow: ellipsis; text-align: left; vertical-align: top; }
  thead th { background: #f8f9fa; position: sticky; top: 0; }
  td.n { text-align: right; }
  tbody th { color: #5f6368; background: #f8f9fa; font-weight: normal; }
  #sidebar { width: 300px; height: 100%; border: 0; border-left: 1px solid #dadce0; }
  #toast { position: fixed; left: 12px; bottom: 12px; background: #323232; color: #fff; padding: 8px 12px; border-radius: 4px; max-width: 50vw; }
  #dialog { position: fixed; inset: 0; background: rgba(0,0,0,.4); display: flex; align-items: center; justify-content: center; }
  #dialog .box { background: #fff; border-radius: 6px; display: flex; flex-direction: column; max-width: 95vw; max-height: 95vh; }
  #dialog .head { display: flex; justify-content: space-between; padding: 6px 10px; font-weight: bold; }
  #dialog iframe { border: 0; flex: none; }
  .muted { color: #5f6368; }
</style>
</head>
<body>
  <div id="bar">
    <span id="clock">시계</span>
    <span class="group" id="speeds" aria-label="시계 속도"></span>
    <span class="group" id="steps" aria-label="시계 앞당기기"></span>
    <span class="group">
      <label>테스트 주문: <select id="order-mall" aria-label="몰"></select></label>
      <select id="order-product" aria-label="상품"></select>
      <input id="order-qty" type="number" min="1" value="1" style="width:4em" aria-label="수량" />
      <button id="add-order" type="button">테스트 주문 추가</button>
    </span>
    <span id="bar-status" class="muted" role="status"></span>
  </div>
  <main id="workbook">
    <nav id="tabs" role="tablist" aria-label="시트 탭"></nav>
    <div id="grid"></div>
  </main>
  <iframe id="sidebar" src="/sidebar" title="분양몰 관리 사이드바"></iframe>
  <div id="toast" hidden role="status"></div>
  <div id="dialog" hidden><div class="box"><div class="head"><span id="dialog-title"></span><button id="dialog-close" type="button">닫기</button></div><iframe id="dialog-frame" sandbox="allow-scripts allow-modals" title="대화상자"></iframe></div></div>
  <script src="/preview.js"></script>
</body>
</html>
`;
