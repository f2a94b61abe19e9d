// Phone numbers as written on Chinese forms: mobile 1[3-9]xxxxxxxxx (11 digits, +86 allowed), landline
// 区号 0xx or 0xxx + 7–8 digit number, with or without a hyphen, optional extension (转/-/ext).
export type PhoneCheck =
  | { ok: true; phone: string; kind: 'mobile' | 'landline' }
  | { ok: false; reason: string };

const MOBILE = /^1[3-9][0-9]{9}$/;
// Three-digit area codes are 010 and 02x; the rest have four (0472 包头, 0470 呼伦贝尔).
const LANDLINE = /^(0(?:10|2[0-9])|0[3-9][0-9]{2})-?([2-9][0-9]{6,7})(?:(?:-|转|ext\.?)([0-9]{1,6}))?$/i;

/** Checks a phone number and returns it in one form: 13912345678 or 0472-5123456(-123). */
export function checkPhone(input: string): PhoneCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, reason: '电话号码为空 / phone number is empty' };
  let s = input.replace(/[\s()（）]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/－/g, '-');
  if (/^(\+|00)86/.test(s)) s = s.replace(/^(\+|00)86-?/, '');
  if (MOBILE.test(s)) return { ok: true, phone: s, kind: 'mobile' };
  const m = LANDLINE.exec(s);
  if (m) {
    return { ok: true, phone: `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`, kind: 'landline' };
  }
  return { ok: false, reason: '电话号码格式不对：手机为1开头的11位数字，固话为区号加7–8位号码 / not a phone number: a mobile has 11 digits starting 13–19, a landline is an area code and 7–8 digits' };
}
