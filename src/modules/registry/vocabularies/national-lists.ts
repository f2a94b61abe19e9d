// National code lists (国家标准代码表) as used on registry forms. Codes are the standards' own; names
// are the standard names, shortened the way forms print them where the standard's are long.
export interface CodeItem { code: string; name: string }

const items = (pairs: string): CodeItem[] => pairs.trim().split(/\s+/).map((p) => {
  const i = p.indexOf(':');
  return { code: p.slice(0, i), name: p.slice(i + 1) };
});

/** GB/T 2261.1-2003 人的性别代码 (only 1 and 2 are stored for a person). */
export const SEX = items('1:男 2:女');

/** GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: the 56 ethnic groups, 97 other, 98 foreign origin. */
export const ETHNICITY = items(`
01:汉族 02:蒙古族 03:回族 04:藏族 05:维吾尔族 06:苗族 07:彝族 08:壮族 09:布依族 10:朝鲜族
11:满族 12:侗族 13:瑶族 14:白族 15:土家族 16:哈尼族 17:哈萨克族 18:傣族 19:黎族 20:傈僳族
21:佤族 22:畲族 23:高山族 24:拉祜族 25:水族 26:东乡族 27:纳西族 28:景颇族 29:柯尔克孜族 30:土族
31:达斡尔族 32:仫佬族 33:羌族 34:布朗族 35:撒拉族 36:毛南族 37:仡佬族 38:锡伯族 39:阿昌族 40:普米族
41:塔吉克族 42:怒族 43:乌孜别克族 44:俄罗斯族 45:鄂温克族 46:德昂族 47:保安族 48:裕固族 49:京族 50:塔塔尔族
51:独龙族 52:鄂伦春族 53:赫哲族 54:门巴族 55:珞巴族 56:基诺族 97:其他 98:外国血统中国籍人士`);

/** GB/T 4762-1984 政治面貌代码. */
export const POLITICAL_STATUS = items(`
01:中共党员 02:中共预备党员 03:共青团员 04:民革党员 05:民盟盟员 06:民建会员 07:民进会员
08:农工党党员 09:致公党党员 10:九三学社社员 11:台盟盟员 12:无党派人士 13:群众`);

/** GB/T 4658-2006 学历代码, the top-level codes that forms use. */
export const EDUCATION = items(`
10:研究生教育 20:大学本科 30:大学专科 40:中等职业教育 60:普通高中 70:初中 80:小学 90:其他`);

/** GB/T 4761-2008 家庭关系代码, the codes household forms use (relation to the 户主 head). */
export const RELATION = items(`
02:户主 10:配偶 11:夫 12:妻 20:子 27:养子或继子 28:女婿 30:女 37:养女或继女 38:儿媳
40:孙子女或外孙子女 41:孙子 42:孙女 43:外孙子 44:外孙女 50:父母 51:父亲 52:母亲 53:公公 54:婆婆
55:岳父 56:岳母 60:祖父母或外祖父母 61:祖父 62:祖母 63:外祖父 64:外祖母
70:兄弟姐妹 71:兄 72:嫂 73:弟 74:弟媳 75:姐姐 76:姐夫 77:妹妹 78:妹夫 97:其他亲属 99:非亲属`);

/** GB/T 4754-2017 国民经济行业分类, the 20 sections 门类. */
export const INDUSTRY = items(`
A:农、林、牧、渔业 B:采矿业 C:制造业 D:电力、热力、燃气及水生产和供应业 E:建筑业 F:批发和零售业
G:交通运输、仓储和邮政业 H:住宿和餐饮业 I:信息传输、软件和信息技术服务业 J:金融业 K:房地产业
L:租赁和商务服务业 M:科学研究和技术服务业 N:水利、环境和公共设施管理业 O:居民服务、修理和其他服务业
P:教育 Q:卫生和社会工作 R:文化、体育和娱乐业 S:公共管理、社会保障和社会组织 T:国际组织`);
