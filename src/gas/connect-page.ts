/**
 * The page the mall's operator lands on after Cafe24's consent (the /usercallback): titled, what
 * happened, and what to do now, since this tab has nothing more to offer: close it and go back to
 * the sheet, whose panel notices the connection by itself.
 */
import { escapeHtml } from '../sheet/html';

export function connectResultPage(ok: boolean, text: string): GoogleAppsScript.HTML.HtmlOutput {
  const title = ok ? '카페24 연결 완료' : '카페24 연결 실패';
  const next = ok
    ? '이 창을 닫고 스프레드시트로 돌아가세요. 관리 패널이 잠시 후 저절로 "연결됨"으로 바뀝니다.'
    : '이 창을 닫고 스프레드시트의 관리 패널에서 카페24 연결을 다시 누르세요.';
  const body = `<h1 style="font:bold 18px sans-serif">${escapeHtml(title)}</h1><p style="font:14px sans-serif">${escapeHtml(text)}</p><p style="font:14px sans-serif">${escapeHtml(next)}</p>`;
  return HtmlService.createHtmlOutput(body).setTitle(title);
}
