// The mail viewer's document: a headers table, then the sanitised HTML part or the text part escaped in a
// <pre>. Meant for a sandboxed iframe of the web UI; its CSP (the shared contract) runs no script and
// loads nothing but data: images, even opened on its own.
import type { FastifyReply } from 'fastify';
import type { RenderedMessage } from '../../app/mail-log/render-message.ts';

export const MAIL_VIEWER_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = [
  'body{font:14px/1.5 system-ui,sans-serif;color:#222;margin:0;padding:1rem;word-wrap:break-word}',
  'table.headers{border-collapse:collapse;margin-bottom:1rem}',
  'table.headers th{text-align:left;padding:.1rem 1rem .1rem 0;color:#555;font-weight:600;vertical-align:top}',
  'table.headers td{padding:.1rem 0}',
  'pre{white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace}',
  '.remote-image{display:inline-block;border:1px dashed #999;color:#555;padding:0 .3rem;font-size:12px}',
  'main{border-top:1px solid #ddd;padding-top:1rem}',
].join('');

const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function mailPage(message: RenderedMessage): string {
  const rows = message.headers.map((h) => `<tr><th scope="row">${escapeHtml(h.name)}</th><td>${escapeHtml(h.value)}</td></tr>`);
  if (message.attachments.length)
    rows.push(
      `<tr><th scope="row">Attachments</th><td>${message.attachments
        .map((a) => `${escapeHtml(a.filename)} (${escapeHtml(a.contentType)}, ${formatSize(a.size)})`)
        .join('<br>')}</td></tr>`,
    );
  // `html` is sanitised by the use case; everything else is text and escaped here.
  const body = message.html ?? `<pre>${escapeHtml(message.text ?? '')}</pre>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(message.title)}</title>
<style>${STYLE}</style>
</head><body>
<table class="headers">${rows.join('')}</table>
<main>${body}</main>
</body></html>
`;
}

export function sendMailPage(reply: FastifyReply, message: RenderedMessage): FastifyReply {
  return reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', MAIL_VIEWER_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'SAMEORIGIN')
    .header('Cache-Control', 'private, no-store')
    .send(mailPage(message));
}
