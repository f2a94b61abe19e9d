import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/kernel/validators/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, agreementBody, caseAt, caseBody, companyParty, createCase, demo, get, ok, post, session, type Demo } from './mediation-fixtures.ts';

/** 调解协议书 as a print-ready page: every item of the form, escaped, masked unless revealed (audited), only for those involved. */

let t: TestApp;
let d: Demo;
let caseId: number;
let caseNumber: string;
const EVIL = '<script>alert("x")</script>王&小\'明';
const APPLICANT_ID = makeIdNumber('150203', '1980-06-15', 23); // a man (odd sequence) born 1980-06-15
const FACTS = '被申请人家卫生间漏水<img src=x onerror=alert(1)>，致申请人家天花板受损。\n双方多次协商未果。';

beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  const body = caseBody(d.street.id, d.kdlGrid, {
    parties: [
      { kind: 'person', role: 'applicant', name: EVIL, idNumber: APPLICANT_ID, phone: '13947200011', address: '少先路街道某小区3号楼<b>2单元</b>401' },
      companyParty('respondent'),
    ],
  });
  const c = ok(await createCase(t, 'kdl.street', body), 201);
  caseId = c.id; caseNumber = c.number;
  ok(await act(t, 'kdl.street', caseId, { action: 'accept' }));
  ok(await act(t, 'kdl.street', caseId, { action: 'assign', mediatorIds: [d.me, d.colleague], chosenBy: 'committee' }));
  ok(await post(t, 'mediator', `/api/mediation/cases/${caseId}/sessions`, session()), 201);
  const ps = (await t.tdb.db.selectFrom('mediation_party').select('id').where('case_id', '=', caseId).orderBy('id').execute()).map((p) => p.id);
  ok(await post(t, 'mediator', `/api/mediation/cases/${caseId}/agreement`, agreementBody(ps, [d.me, d.colleague], { facts: FACTS })), 201);
});
afterAll(async () => { await t?.close(); });

const page = (who: string, query = '') => get(t, who, `/api/mediation/cases/${caseId}/agreement.html${query}`);
/** The page's text without tags (what the reader sees), spaces squeezed. */
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<\/?b>/g, '').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const cn = (day: string) => { const [y, m, dd] = day.split('-').map(Number); return `${y}年${m}月${dd}日`; };

describe('GET /api/mediation/cases/:id/agreement.html', () => {
  it('prints every item of the form: title, number, parties, facts, disputes, responsibilities, terms, the law’s clauses, signatures, seal, date', async () => {
    const res = await page('mediator');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const agreement = ok(await get(t, 'mediator', `/api/mediation/cases/${caseId}/agreement`));
    const text = textOf(res.body);
    const [year, seq] = caseNumber.replace('TJ', '').split('-');
    expect(text).toContain('人民调解协议书');
    expect(text).toContain(`〔${year}〕昆调字第${seq}号`); // 昆都仑区's committee: 简称 昆, the case's year and sequence
    expect(text).toContain(`案件编号：${caseNumber}`);
    // Parties: role, name, sex and age from the ID number (age on the signing day), masked number, address; the company with its 法定代表人.
    const signed: string = agreement.signedOn; // the day beforeAll signed it: today() may be the next day by now
    const age = Number(signed.slice(0, 4)) - 1980 - (signed.slice(5) < '06-15' ? 1 : 0);
    expect(text).toContain(`申请人：${EVIL}，男，${age}岁，公民身份号码：${APPLICANT_ID.slice(0, 6)}********${APPLICANT_ID.slice(-4)}，住址：少先路街道某小区3号楼<b>2单元</b>401，联系方式：139****0011。`);
    expect(text).toMatch(/被申请人：包头市某物业服务有限公司，统一社会信用代码：\w{6}\*{8}\w{4}，住所：昆都仑区某路 8 号，法定代表人（负责人）：孙经理，联系方式：\S+。/);
    expect(res.body).not.toContain(APPLICANT_ID);
    for (const heading of ['当事人', '纠纷主要事实、争议事项', '各方当事人的责任', '协议内容']) expect(res.body).toContain(`<h2>${heading}</h2>`);
    expect(text).toContain('被申请人家卫生间漏水<img src=x onerror=alert(1)>，致申请人家天花板受损。 双方多次协商未果。');
    expect(text).toContain(`争议事项：${agreement.disputes}`);
    expect(text).toContain(agreement.responsibilities);
    expect(text).toContain(`经${d.street.name}主持调解，当事人自愿达成如下协议：`);
    expect(text).toContain(`一、被申请人赔偿申请人维修费 2500 元。 履行方式：一次性银行转账；履行期限：${cn(agreement.terms[0].deadline)}前。`);
    expect(text).toContain(`二、被申请人重做卫生间防水。 履行方式：自行委托施工单位；履行期限：${cn(agreement.terms[1].deadline)}前。`);
    // The clauses the law requires: effect (29), binding force (31), suit (32), 司法确认 within 30 days to its last day (33), copies.
    for (const art of ['第二十九条', '第三十一条', '第三十二条', '第三十三条']) expect(text).toContain(art);
    expect(text).toContain('具有法律约束力，当事人应当按照约定履行');
    expect(text).toContain(`自本协议生效之日起三十日内，即至${cn(agreement.judicialDueOn)}止，共同向人民法院申请司法确认`);
    expect(text).toContain('本协议书一式三份，当事人各执一份，人民调解委员会留存一份。（以下无正文）');
    // The last clause stays with the signatures: no signature page without text of the agreement on it.
    expect(res.body).toMatch(/<section class="sign">\s*<p>本协议书一式/);
    // A signature line for each party and each mediator, the committee with its seal place, the date.
    expect(text).toContain(`申请人：${EVIL} （签名、盖章或按指印）`);
    expect(text).toContain('被申请人：包头市某物业服务有限公司（法定代表人 孙经理） （盖章，法定代表人或负责人签名）');
    for (const m of agreement.signedBy.mediators) expect(text).toContain(`人民调解员：${m.name} （签名）`);
    expect(agreement.signedBy.mediators).toHaveLength(2);
    expect((res.body.match(/class="line"/g) ?? []).length).toBe(4);
    expect(text).toContain(`${d.street.name}（印章） ${cn(agreement.signedOn)}`);
    expect(text).toContain('已脱敏');
  });

  it('escapes every value: no markup from names, addresses or facts; the CSP allows no script and only the page’s own style', async () => {
    const res = await page('kdl.street');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    expect(res.body).not.toContain('<img');
    expect(res.body).not.toContain('<b>2单元');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王&amp;小&#39;明');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1];
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(res.body.match(/<style>/g)).toHaveLength(1);
    expect(res.body).not.toMatch(/ style="/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Print set-up: A4, margins, a Song/serif stack with no font shipped.
    expect(style).toContain('size: A4');
    expect(style).toContain('@media print');
    expect(style).toMatch(/"SimSun", "宋体".*"Noto Serif CJK SC".*serif/);
    expect(style).not.toContain('@font-face');
  });

  it('prints the clear numbers only with reveal and a reason, audited; the dispatcher may read but not reveal', async () => {
    const before = await t.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'mediation.agreement.reveal').execute();
    const masked = await page('dispatcher');
    expect(masked.statusCode, masked.body).toBe(200); // the command centre supervises the street's committee
    expect(masked.body).not.toContain(APPLICANT_ID);
    const noReason = await page('mediator', '?reveal=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.field).toBe('reason');
    expect((await page('mediator', '?reveal=true&reason=%20ab%20')).json().error.details.field).toBe('reason');
    const dispatcher = await page('dispatcher', `?reveal=true&reason=${encodeURIComponent('核对当事人身份')}`);
    expect(dispatcher.statusCode).toBe(403);
    expect(dispatcher.json().error.details.field).toBe('reveal');
    expect(await t.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'mediation.agreement.reveal').execute()).toHaveLength(before.length);

    const clear = await page('mediator', `?reveal=true&reason=${encodeURIComponent('打印供当事人签署的协议书')}`);
    expect(clear.statusCode, clear.body).toBe(200);
    expect(clear.body).toContain(`公民身份号码：${APPLICANT_ID}`);
    expect(clear.body).toContain('联系方式：13947200011');
    expect(clear.body).not.toContain('已脱敏');
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'mediation.agreement.reveal').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_type: 'mediation_case', target_id: String(caseId), actor_name: '街道人民调解员' });
    expect(audit.detail).toMatchObject({ caseId, reason: '打印供当事人签署的协议书' });
    expect((audit.detail as { parties: number[] }).parties).toHaveLength(2);
    expect(JSON.stringify(audit.detail)).not.toContain(APPLICANT_ID);
  });

  it('is 404 to anyone not involved, for a case without an agreement and for another city; 403 to the police', async () => {
    const seeing = await get(t, 'kdl.community', `/api/mediation/cases/${caseId}`);
    expect(seeing.statusCode).toBe(200); // the community sees the case placed in its area …
    expect((await page('kdl.community')).statusCode).toBe(404); // … but is not involved in its agreement
    expect((await page('kdl.community', `?reveal=true&reason=${encodeURIComponent('想看看完整号码')}`)).statusCode).toBe(404);
    expect((await page('hlbe.admin')).statusCode).toBe(404);
    expect((await page('police')).statusCode).toBe(403);
    const open = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const none = await get(t, 'kdl.street', `/api/mediation/cases/${open.id}/agreement.html`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('not_found');
    expect((await get(t, 'kdl.street', '/api/mediation/cases/99999999/agreement.html')).statusCode).toBe(404);
    expect((await get(t, 'kdl.street', `/api/mediation/cases/${caseId}/agreement.html?reveal=maybe`)).statusCode).toBe(400);
  });
});
