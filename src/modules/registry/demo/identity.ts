// Unique, valid ID numbers (GB 11643) for generated people: the address code says where the
// person's household was first registered, the sequence is the next free one of that code and
// birth date with the person's sex parity.
import { idCheckDigit } from '../../../kernel/validators/id-number.ts';
import { Weighted, type Draw } from './random.ts';

/** Where 流动人口 come from: neighbouring provinces and other cities of Inner Mongolia. */
export const FLOATING_ORIGINS = new Weighted([
  ['150102', 8], ['150602', 7], ['150802', 6], ['150902', 6], ['150402', 4], ['152502', 2], // 呼和浩特, 鄂尔多斯, 巴彦淖尔, 乌兰察布, 赤峰, 锡林浩特
  ['140102', 9], ['140602', 5], ['140202', 4], // 山西 太原, 朔州, 大同
  ['130102', 5], ['130702', 3], ['610102', 6], ['610802', 4], ['620102', 5], ['640104', 5], // 河北, 陕西 西安/榆林, 甘肃, 宁夏
  ['410102', 5], ['370102', 3], ['230102', 3], ['220102', 2], ['210102', 2], ['510104', 2], ['340102', 2],
] as const);

/** 港澳台 residents living here hold residence permits numbered 810000/820000/830000. */
export const OVERSEAS_ORIGINS = new Weighted([['810000', 3], ['820000', 1], ['830000', 4]] as const);

export class IdAllocator {
  private readonly existing: Set<string>;
  /** Per address code + birth date + sex: where its sequence started (×1000) plus how many were given. */
  private readonly state = new Map<number, number>();
  constructor(existing: Iterable<string> = []) {
    this.existing = new Set(existing);
  }

  /** A new number for this address code, birth date (YYYY-MM-DD) and sex, never one already used. */
  allocate(d: Draw, areaCode: string, birthDate: string, sex: '1' | '2'): string {
    const ymd = birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
    const odd = sex === '1' ? 1 : 0;
    const slot = (Number(areaCode) * 1e8 + Number(ymd)) * 2 + odd;
    // Sequences of one slot start at a random point, then step through the 500 numbers of the sex.
    let st = this.state.get(slot) ?? d.int(0, 499) * 1000;
    for (;;) {
      const given = st % 1000;
      if (given >= 500) throw new Error(`no free ID sequence left for ${areaCode} ${birthDate} (${sex === '1' ? 'male' : 'female'})`);
      const seq = ((Math.floor(st / 1000) + given) % 500) * 2 + odd;
      st++;
      const first17 = areaCode + ymd + (seq < 10 ? '00' : seq < 100 ? '0' : '') + seq;
      const id = first17 + idCheckDigit(first17);
      if (this.existing.size && this.existing.has(id)) continue;
      this.state.set(slot, st);
      return id;
    }
  }
}
