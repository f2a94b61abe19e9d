import { createHash } from 'node:crypto';

/**
 * The print style of the 调解协议书: A4 with official-document margins (GB/T 9704), a Song/serif
 * Chinese stack that uses what the reader's machine has (宋体/SimSun on Windows, 宋体-简 on macOS,
 * Noto Serif CJK / Source Han Serif on Linux) — no font files are shipped. On screen the page is
 * shown as a sheet; printed, only the sheet's content remains. Its hash goes into the CSP, so the
 * page runs no script and takes no other style.
 */
export const AGREEMENT_STYLE = `
@page { size: A4; margin: 30mm 26mm 25mm 28mm;
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
:root { --song: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Source Han Serif CN", serif; }
* { box-sizing: border-box; }
html { background: #e8e8e8; }
body { margin: 0; font-family: var(--song); font-size: 14pt; line-height: 1.75; color: #000; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 30mm 26mm 25mm 28mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
h1 { font-size: 22pt; font-weight: bold; text-align: center; letter-spacing: .3em; margin: 0 0 4mm; }
.no { text-align: right; margin: 0 0 6mm; }
h2 { font-size: 14pt; font-weight: bold; margin: 5mm 0 1mm; }
p { margin: 0; text-align: justify; }
.text { text-indent: 2em; }
.party { margin: 0 0 1.5mm; text-align: left; }
.party b { font-weight: bold; }
ol.terms { list-style: none; margin: 0; padding: 0; }
ol.terms li { margin: 0 0 2mm; text-indent: 2em; }
.how { display: block; text-indent: 2em; }
.clauses p { text-indent: 2em; margin-bottom: 1mm; }
.sign { break-inside: avoid; page-break-inside: avoid; margin-top: 8mm; }
.sign table { width: 100%; border-collapse: collapse; }
.sign > p { text-indent: 2em; }
.sign td { padding: 4mm 4mm 2mm 0; vertical-align: top; width: 50%; }
.how-sign { font-size: 10.5pt; }
.line { display: block; width: 60mm; border-bottom: 1px solid #000; height: 12mm; }
.seal { position: relative; margin: 10mm 0 0 auto; width: 80mm; text-align: center; }
.seal .ring { position: absolute; left: 50%; top: -12mm; width: 42mm; height: 42mm; margin-left: -21mm; border: 1px dashed #c44; border-radius: 50%; color: #c44; font-size: 9pt; line-height: 42mm; }
.note { margin-top: 24mm; font-size: 9pt; color: #444; line-height: 1.5; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .seal .ring { border-color: transparent; color: transparent; }
}
`;

export const AGREEMENT_STYLE_HASH = `sha256-${createHash('sha256').update(AGREEMENT_STYLE).digest('base64')}`;

/** No script, no fetch, no form, no plugin: the page is text and its one stylesheet. */
export const AGREEMENT_CSP = [
  "default-src 'none'", "script-src 'none'", `style-src '${AGREEMENT_STYLE_HASH}'`, "img-src 'none'", "font-src 'none'",
  "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'",
].join('; ');
