// Chinese names: surnames weighted by their frequency (national ranking, a little more weight on
// names common in the north), given names of one or two characters in the fashion of the birth
// decade; some Mongol people carry a Mongolian name without a surname.
import { Weighted, type Draw } from './random.ts';

const SURNAME_TABLE = `
王7.4 李7.1 张6.9 刘5.6 陈3.8 杨3.2 赵2.6 黄1.6 周1.8 吴1.6 徐1.4 孙1.6 马1.6 朱1.2 胡1.2 郭1.4 何1.0
高1.4 林0.8 罗0.8 郑0.8 梁0.8 谢0.7 宋0.8 唐0.6 许0.7 韩0.9 冯0.7 邓0.5 曹0.7 彭0.4 曾0.3 肖0.4
田0.6 董0.7 袁0.5 潘0.4 于0.8 蒋0.3 蔡0.3 余0.3 杜0.5 叶0.3 程0.4 苏0.5 魏0.5 吕0.5 丁0.4 任0.5
沈0.3 姚0.3 卢0.3 姜0.4 崔0.4 钟0.2 谭0.2 陆0.2 汪0.2 范0.3 金0.3 石0.3 廖0.2 贾0.5 夏0.2 付0.3
方0.2 白0.5 邹0.2 孟0.4 熊0.2 秦0.3 邱0.2 江0.2 尹0.3 薛0.3 闫0.5 段0.3 雷0.2 侯0.4 龙0.1 史0.3
陶0.2 贺0.3 顾0.2 毛0.2 郝0.5 龚0.1 邵0.2 万0.2 钱0.2 严0.2 武0.4 戴0.2 孔0.2 汤0.1 乔0.4 温0.2
康0.2 牛0.3 樊0.2 兰0.1 安0.2 常0.3 申0.1 杭0.1 云0.1 包0.1 霍0.2 祁0.1 岳0.2 赫0.05 敖0.05`;

const SURNAMES = new Weighted(SURNAME_TABLE.trim().split(/\s+/).map((t) => [t[0], Number(t.slice(1))] as const));

// Characters by sex, and two-character names typical of those born before about 1970.
const MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文海东亮成晨博阳轩睿泽然宏兵彬毅锋振春雷虎山利胜金福忠贵永瑞嘉豪铭';
const FEMALE = '芳娜敏静丽艳娟霞秀英燕玲桂丹萍红玉兰梅琳雪婷慧颖倩洁佳欣悦怡晶莉璐蕾瑶楠琪涵萱雨诗梓思月晓美凤云荣淑珍琴华茹薇';
const OLD_MALE = ['建国', '建华', '国庆', '志强', '建军', '卫东', '永强', '振华', '德明', '文明', '国华', '福林', '玉山', '宝山', '金柱', '俊峰', '海军', '红军', '立新', '学军'];
const OLD_FEMALE = ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '淑华', '淑珍', '凤英', '玉梅', '秀珍', '桂芳', '丽华', '玉珍', '翠兰', '美兰', '素芬', '红梅', '凤兰', '金凤', '秀云'];
const YOUNG_MALE = ['子轩', '浩然', '宇轩', '梓豪', '一鸣', '俊熙', '宇航', '博文', '子墨', '浩宇', '睿泽', '梓睿', '皓轩', '沐阳', '铭泽'];
const YOUNG_FEMALE = ['梓涵', '一诺', '欣怡', '梓萱', '诗涵', '雨桐', '可馨', '若汐', '语嫣', '思彤', '子涵', '紫萱', '雨涵', '佳怡', '梦瑶'];
const MONGOL_MALE = ['巴特尔', '额尔敦', '宝音', '那日苏', '阿拉坦', '苏和', '朝鲁', '巴图', '孟和', '特木尔', '布和', '毕力格', '乌力吉', '吉日嘎拉', '图门'];
const MONGOL_FEMALE = ['其其格', '乌云', '斯琴', '苏日娜', '图雅', '萨仁', '敖登', '娜仁', '高娃', '塔娜', '琪琪格', '乌兰', '格日勒', '托娅', '阿茹娜'];

export function surname(d: Draw): string {
  return SURNAMES.draw(d);
}

/** A given name for someone of `sex` ('1' male) born in `birthYear`. */
export function givenName(d: Draw, sex: '1' | '2', birthYear: number): string {
  const male = sex === '1';
  const x = d.next();
  if (birthYear < 1970 && x < 0.35) return d.pick(male ? OLD_MALE : OLD_FEMALE);
  if (birthYear >= 2005 && x < 0.3) return d.pick(male ? YOUNG_MALE : YOUNG_FEMALE);
  const chars = male ? MALE : FEMALE;
  // One-character given names were common up to the 1990s and are rarer since.
  const single = birthYear < 1995 ? 0.3 : 0.12;
  const a = chars[d.int(0, chars.length - 1)];
  if (d.next() < single) return a;
  let b = chars[d.int(0, chars.length - 1)];
  if (b === a && d.next() < 0.7) b = chars[d.int(0, chars.length - 1)];
  return a + b;
}

/** A full name; `familyName` keeps a child's surname the father's (or the mother's). */
export function personName(d: Draw, sex: '1' | '2', birthYear: number, ethnicity: string, familyName?: string): string {
  if (ethnicity === '02' && d.next() < 0.45) return d.pick(sex === '1' ? MONGOL_MALE : MONGOL_FEMALE);
  return (familyName ?? surname(d)) + givenName(d, sex, birthYear);
}
