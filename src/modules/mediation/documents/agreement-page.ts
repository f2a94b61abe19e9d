import type { Day } from '../../../kernel/calendar/shanghai-time.ts';
import { AGREEMENT_STYLE } from './agreement-style.ts';
import { Html, html, paragraphs } from './html.ts';
import { chineseDate, chineseOrdinal } from './particulars.ts';

/**
 * 人民调解协议书 laid out as the Ministry of Justice's form (人民调解文书格式): title, number, the
 * parties, 纠纷主要事实、争议事项, 各方责任, the terms with 履行方式与期限, the clauses of 人民调解法
 * 第二十九、三十一至三十三条, the signatures of every party and mediator, the committee and its seal, the date.
 */

export interface PrintedParty {
  roleName: string;
  kind: 'person' | 'organisation';
  name: string;
  sex: string | null;
  age: number | null;
  /** The 公民身份号码 or 统一社会信用代码, masked unless revealed. */
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  legalRep: string | null;
}

export interface AgreementDocument {
  docNumber: string;
  caseNumber: string;
  committee: string;
  parties: PrintedParty[];
  facts: string;
  disputes: string;
  responsibilities: string;
  terms: { content: string; manner: string; deadline: Day }[];
  signedOn: Day;
  judicialDueOn: Day;
  mediators: string[];
  /** Whether the numbers are in clear (an audited reveal) or masked. */
  revealed: boolean;
  printedAt: string;
}

function partyLine(p: PrintedParty): Html {
  const bits: (string | Html)[] = [];
  if (p.kind === 'person') {
    if (p.sex) bits.push(p.sex);
    if (p.age !== null) bits.push(`${p.age}岁`);
    if (p.idNumber) bits.push(`公民身份号码：${p.idNumber}`);
    if (p.address) bits.push(`住址：${p.address}`);
  } else {
    if (p.idNumber) bits.push(`统一社会信用代码：${p.idNumber}`);
    if (p.address) bits.push(`住所：${p.address}`);
    if (p.legalRep) bits.push(`法定代表人（负责人）：${p.legalRep}`);
  }
  if (p.phone) bits.push(`联系方式：${p.phone}`);
  return html`<p class="party"><b>${p.roleName}：</b>${p.name}${bits.map((b) => html`，${b}`)}。</p>`;
}

function signature(label: string, name: string, how: string): Html {
  return html`<td>${label}${name}<br><span class="how-sign">（${how}）</span><span class="line"></span></td>`;
}

/** A term's content ends as a sentence (the form reads 一、…。). */
const sentence = (s: string) => (/[。；！？.;!?]$/.test(s) ? s : `${s}。`);

/** Pairs of cells per table row. */
const rows = (cells: Html[]) => {
  const out: Html[] = [];
  for (let i = 0; i < cells.length; i += 2) out.push(html`<tr>${cells[i]}${cells[i + 1] ?? html`<td></td>`}</tr>`);
  return out;
};

/** The constant stylesheet goes in as it is: its hash is in the CSP and it holds no value from a request. */
const STYLE = new Html(AGREEMENT_STYLE);

export function agreementHtml(d: AgreementDocument): string {
  const copies = d.parties.length + 1;
  const partySigns = d.parties.map((p) => p.kind === 'person'
    ? signature(`${p.roleName}：`, p.name, '签名、盖章或按指印')
    : signature(`${p.roleName}：`, `${p.name}${p.legalRep ? `（法定代表人 ${p.legalRep}）` : ''}`, '盖章，法定代表人或负责人签名'));
  const mediatorSigns = d.mediators.map((m) => signature('人民调解员：', m, '签名'));
  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>人民调解协议书 ${d.docNumber}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
<h1>人民调解协议书</h1>
<p class="no">${d.docNumber}</p>
<h2>当事人</h2>
${d.parties.map(partyLine)}
<h2>纠纷主要事实、争议事项</h2>
${paragraphs(d.facts)}
<p class="text">争议事项：${d.disputes}</p>
<h2>各方当事人的责任</h2>
${paragraphs(d.responsibilities)}
<h2>协议内容</h2>
<p class="text">经${d.committee}主持调解，当事人自愿达成如下协议：</p>
<ol class="terms">
${d.terms.map((t, i) => html`<li>${chineseOrdinal(i + 1)}、${sentence(t.content)}<span class="how">履行方式：${t.manner}；履行期限：${chineseDate(t.deadline)}前。</span></li>`)}
</ol>
<div class="clauses">
<p>本协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（《中华人民共和国人民调解法》第二十九条）。</p>
<p>经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行；人民调解委员会对协议的履行情况进行监督，督促当事人履行约定的义务（第三十一条）。</p>
<p>当事人之间就本协议的履行或者内容发生争议的，一方当事人可以向人民法院提起诉讼（第三十二条）。</p>
<p>双方当事人认为有必要的，可以自本协议生效之日起三十日内，即至${chineseDate(d.judicialDueOn)}止，共同向人民法院申请司法确认；人民法院依法确认本协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行；人民法院依法确认本协议无效的，当事人可以通过人民调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼（第三十三条）。</p>
</div>
<section class="sign">
<p>本协议书一式${chineseOrdinal(copies)}份，当事人各执一份，人民调解委员会留存一份。（以下无正文）</p>
<table>
${rows(partySigns)}
${rows(mediatorSigns)}
</table>
<div class="seal"><span class="ring">印章处</span>
<p>${d.committee}（印章）</p>
<p>${chineseDate(d.signedOn)}</p>
</div>
</section>
<p class="note">案件编号：${d.caseNumber}　打印时间：${d.printedAt}${d.revealed ? '' : '　注：公民身份号码、统一社会信用代码和联系方式已脱敏；供当事人签署的文本须由经办人说明理由后打印完整号码。'}</p>
</main>
</body>
</html>
`;
  return page.text;
}

