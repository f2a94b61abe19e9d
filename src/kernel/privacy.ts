/** Personal data is masked in every response unless revealed with permission (PIPL). */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  return id.length >= 10 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '****';
}

const MOBILE = /^1[3-9][0-9]{9}$/;
const LANDLINE = /^0[0-9]{2,3}-?[0-9]{7,8}$/;
export function isPhoneNumber(s: string): boolean {
  return MOBILE.test(s) || LANDLINE.test(s);
}
