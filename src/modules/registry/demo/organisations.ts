// Organisations 非公经济组织和社会组织 of a grid: enterprises by GB/T 4754 section, individual
// businesses 个体工商户 (most numerous), social organisations 社会组织 (≈5%) and public institutions,
// each with a valid unified social credit code (GB 32100) registered in the district.
import { CREDIT_CHARS, makeCreditCode } from '../../../kernel/validators/credit-code.ts';
import { Weighted, type Draw } from './random.ts';

export type OrgKind = 'enterprise' | 'individual_business' | 'social_org' | 'public_institution';

export const ORG_KIND = new Weighted<OrgKind>([['individual_business', 57], ['enterprise', 35], ['social_org', 5], ['public_institution', 3]]);

const ENTERPRISE_SECTION = new Weighted([
  ['F', 30], ['L', 12], ['C', 8], ['E', 8], ['I', 6], ['M', 6], ['H', 5], ['K', 5], ['G', 5], ['O', 4], ['R', 3], ['A', 2], ['N', 2], ['P', 1.5], ['Q', 1], ['D', 0.5], ['B', 0.5], ['J', 0.5],
] as const);
const INDIVIDUAL_SECTION = new Weighted([['F', 50], ['H', 25], ['O', 20], ['L', 2], ['Q', 2], ['P', 1]] as const);

/** Words that end an enterprise name, by section. */
const ENTERPRISE_WORDS: Record<string, string[]> = {
  A: ['农牧业', '农业科技', '牧业'], B: ['矿业', '矿产品'], C: ['机械制造', '钢结构', '稀土新材料', '食品', '乳业', '建材'],
  D: ['热力', '燃气', '新能源'], E: ['建筑工程', '建筑安装', '市政工程', '装饰工程'], F: ['商贸', '贸易', '商行', '物资'],
  G: ['物流', '运输', '汽车运输'], H: ['餐饮管理', '酒店管理', '餐饮'], I: ['网络科技', '信息技术', '软件'],
  J: ['小额贷款', '融资担保'], K: ['房地产开发', '物业服务', '物业管理'], L: ['商务咨询', '劳务', '人力资源', '广告'],
  M: ['工程技术', '检测', '工程设计'], N: ['环保科技', '园林绿化', '环境工程'], O: ['家政服务', '汽车维修', '保洁服务'],
  P: ['教育咨询', '培训'], Q: ['医疗管理', '健康管理'], R: ['文化传媒', '体育发展', '文化发展'],
};
const SHOPS: Record<string, string[]> = {
  F: ['便利店', '超市', '五金店', '粮油店', '水果店', '烟酒店', '服装店', '手机店', '建材店', '日杂店'],
  H: ['面馆', '饭店', '烧烤店', '火锅店', '奶茶店', '早餐店', '烧麦馆', '手把肉馆'],
  O: ['理发店', '洗衣店', '汽车修理部', '家电维修部', '美容店', '开锁部', '洗车行'],
  L: ['打字复印部', '广告部'], Q: ['诊所', '药店'], P: ['培训部', '托管班'],
};
const TRADE_CHARS = '鑫恒宏金瑞华德正天永隆万佳兴盛信和泰博中新达广东汇源丰嘉凯荣昌祥富成锦益通利亿众鹿蒙钢北';
const ASSOCIATIONS = ['个体劳动者协会', '书法家协会', '老年体育协会', '志愿者协会', '餐饮行业协会', '物业管理协会', '象棋协会', '摄影家协会', '慈善协会', '民族团结促进会'];
const NON_PROFITS: [string, string][] = [['幼儿园', 'P'], ['养老服务中心', 'Q'], ['职业培训学校', 'P'], ['社会工作服务中心', 'S'], ['康复中心', 'Q']];
const INSTITUTIONS: [string, string][] = [['小学', 'P'], ['中学', 'P'], ['卫生服务站', 'Q'], ['综合文化站', 'R'], ['便民服务中心', 'S']];

export interface GeneratedOrg {
  kind: OrgKind;
  name: string;
  creditCode: string;
  industry: string;
  employees: number;
  registeredCapital: number | null;
  established: number; // years before the reference date
  status: 'active' | 'suspended' | 'closed';
  hasPartyOrg: boolean;
}

const N6 = 31 ** 6;

/** Makes organisations of one district: names not repeated, credit codes never repeated. */
export class OrgMaker {
  private readonly names = new Set<string>();
  private readonly codes: Set<string>;
  private counter = 0;
  private readonly offset: number;
  constructor(private readonly cityName: string, private readonly districtName: string, private readonly districtCode: string, seedHash: number, existingCodes: Iterable<string> = []) {
    this.codes = new Set(existingCodes);
    this.offset = seedHash % N6;
  }

  /** An 8-character organisation code body: a fixed pair of letters and six characters counted in a scrambled order. */
  private body(pair: string): string {
    // k ↦ k·3¹⁸ + offset is a bijection mod 31⁶ (3 and 31 are coprime), so numbers never repeat.
    let n = (this.counter++ * 387_420_489 + this.offset) % N6;
    let s = '';
    for (let i = 0; i < 6; i++) { s = CREDIT_CHARS[n % 31] + s; n = Math.floor(n / 31); }
    return pair + s;
  }

  private code(prefix: string, pair: string): string {
    for (;;) {
      const c = makeCreditCode(prefix, this.districtCode, this.body(pair));
      if (!this.codes.has(c)) { this.codes.add(c); return c; }
    }
  }

  private unique(make: () => string): string {
    for (let i = 0; i < 20; i++) {
      const n = make();
      if (!this.names.has(n)) { this.names.add(n); return n; }
    }
    // Many shops share a trade name; registries add the place or a branch number.
    for (let i = 2; ; i++) {
      const n = `${make()}（${i}店）`;
      if (!this.names.has(n)) { this.names.add(n); return n; }
    }
  }

  private trade(d: Draw): string {
    const a = TRADE_CHARS[d.int(0, TRADE_CHARS.length - 1)];
    let b = TRADE_CHARS[d.int(0, TRADE_CHARS.length - 1)];
    while (b === a) b = TRADE_CHARS[d.int(0, TRADE_CHARS.length - 1)];
    return a + b;
  }

  make(d: Draw, communityName: string, streetName: string): GeneratedOrg {
    const kind = ORG_KIND.draw(d);
    const city = this.cityName, district = this.districtName;
    let name: string, industry: string, code: string, employees: number, capital: number | null;
    switch (kind) {
      case 'enterprise': {
        industry = ENTERPRISE_SECTION.draw(d);
        const words = ENTERPRISE_WORDS[industry];
        name = this.unique(() => `${city}${this.trade(d)}${d.pick(words)}${d.chance(0.8) ? '有限公司' : '有限责任公司'}`);
        code = this.code('91', 'MA');
        employees = Math.max(1, Math.round(Math.exp(1.5 + Math.abs(d.normal()) * 1.4)));
        capital = Math.round(Math.exp(12 + d.normal() * 1.3) / 10_000) * 10_000 || 10_000;
        break;
      }
      case 'individual_business': {
        industry = INDIVIDUAL_SECTION.draw(d);
        name = this.unique(() => `${district}${d.chance(0.5) ? this.trade(d) : communityName.replace(/(社区|村|嘎查)$/, '')}${d.pick(SHOPS[industry])}`);
        code = this.code('92', 'MA');
        employees = d.int(1, 8);
        capital = d.int(1, 50) * 10_000;
        break;
      }
      case 'social_org': {
        if (d.chance(0.5)) {
          industry = 'S';
          name = this.unique(() => (d.chance(0.7) ? `${city}${district}${d.pick(ASSOCIATIONS)}` : `${district}${communityName}${d.pick(['老年协会', '文体协会', '志愿服务队'])}`));
          code = this.code('51', 'MJ');
        } else {
          const [what, section] = d.pick(NON_PROFITS);
          industry = section;
          name = this.unique(() => `${district}${this.trade(d)}${what}`);
          code = this.code('52', 'MJ');
        }
        employees = d.int(2, 30);
        capital = null;
        break;
      }
      default: {
        const [what, section] = d.pick(INSTITUTIONS);
        industry = section;
        name = this.unique(() => (what === '小学' || what === '中学' ? `${city}${district}第${d.int(1, 60)}${what}` : `${what === '卫生服务站' ? communityName : streetName}${what}`));
        code = this.code('12', 'MB');
        employees = d.int(8, 160);
        capital = null;
      }
    }
    const x = d.next();
    const status = x < 0.92 ? 'active' : x < 0.97 ? 'suspended' : 'closed';
    const hasPartyOrg = kind === 'public_institution' ? d.chance(0.9) : kind === 'enterprise' ? d.chance(employees >= 50 ? 0.6 : 0.05) : kind === 'social_org' ? d.chance(0.2) : false;
    return { kind, name, creditCode: code, industry, employees, registeredCapital: capital, established: Math.floor(Math.pow(d.next(), 1.6) * 30), status, hasPartyOrg };
  }
}
