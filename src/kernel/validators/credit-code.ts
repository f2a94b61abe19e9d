// 统一社会信用代码 unified social credit code, GB 32100-2015: 登记管理部门 registration authority (1)
// + 机构类别 entity type (1) + area code GB/T 2260 (6) + 主体标识码 organisation code GB 11714 (8 + its
// own check character) + a MOD 31 check character. Characters: 0-9 and A–Y without I O S V Z.
import { normaliseCode } from './normalise.ts';
import { PROVINCE_CODES } from './id-number.ts';

export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714 counts letters over the whole alphabet (A=10 … Z=35), unlike GB 32100.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authorities and the entity types each may issue (GB 32100 and later additions). */
export const CREDIT_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  'A': { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  'N': { name: '农业农村', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  'Y': { name: '其他', types: { '1': '其他' } },
};

export type CreditCheck =
  | { ok: true; code: string; authority: string; entityType: string; entityTypeName: string; areaCode: string; orgCode: string }
  | { ok: false; reason: string };

const orgValue = (ch: string) => (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);

/** GB 11714 check character (0–9 or X) of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 characters. */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a credit code character: ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

const fail = (reason: string): CreditCheck => ({ ok: false, reason });

/** Checks a unified social credit code; spaces, hyphens, lower case and full-width characters are normalised. */
export function checkCreditCode(input: string): CreditCheck {
  if (typeof input !== 'string' || !input.trim()) return fail('统一社会信用代码为空 / credit code is empty');
  const code = normaliseCode(input);
  if (code.length !== 18) return fail(`统一社会信用代码应为18位，实为${code.length}位 / credit code must have 18 characters, got ${code.length}`);
  const bad = [...code].find((c) => !CREDIT_CHARS.includes(c));
  if (bad) return fail(`统一社会信用代码不能含字符“${bad}”（不用I、O、S、V、Z）/ credit code may not contain "${bad}" (I, O, S, V, Z are not used)`);
  const authority = CREDIT_AUTHORITIES[code[0]];
  if (!authority) return fail(`登记管理部门代码“${code[0]}”不存在 / no registration authority "${code[0]}"`);
  const typeName = authority.types[code[1]];
  if (!typeName) return fail(`${authority.name}没有机构类别“${code[1]}” / registration authority ${code[0]} has no entity type "${code[1]}"`);
  const area = code.slice(2, 8);
  if (!/^[0-9]{6}$/.test(area) || !(PROVINCE_CODES.has(area.slice(0, 2)) || area === '100000')) {
    return fail(`登记管理机关行政区划码“${area}”无效 / registration area code "${area}" is not a division code`);
  }
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgExpected) return fail(`主体标识码（组织机构代码）校验位错误，第17位应为${orgExpected} / organisation code check wrong: the 17th character should be ${orgExpected}`);
  const expected = creditCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return fail(`校验码错误，第18位应为${expected} / wrong check character: the 18th should be ${expected}`);
  return { ok: true, code, authority: code[0], entityType: code.slice(0, 2), entityTypeName: typeName, areaCode: area, orgCode: code.slice(8, 17) };
}

/**
 * Builds a valid code from the authority+type prefix (e.g. '91' enterprise, '92' individual business,
 * '52' 民办非企业单位), a 6-digit area code and an 8-character organisation code body.
 */
export function makeCreditCode(prefix: string, areaCode: string, orgBody: string): string {
  if (!/^[0-9]{6}$/.test(areaCode)) throw new Error(`area code must have 6 digits: ${areaCode}`);
  if (orgBody.length !== 8 || [...orgBody].some((c) => !CREDIT_CHARS.includes(c))) throw new Error(`organisation code body must be 8 credit-code characters: ${orgBody}`);
  if (!CREDIT_AUTHORITIES[prefix[0]]?.types[prefix[1]] || prefix.length !== 2) throw new Error(`unknown authority/type prefix: ${prefix}`);
  const first17 = prefix + areaCode + orgBody + orgCodeCheckChar(orgBody);
  return first17 + creditCheckChar(first17);
}
