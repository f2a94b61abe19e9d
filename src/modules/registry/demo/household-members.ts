// Who lives together: a household of 1–5 people built from a few family shapes, with ages that
// fit (children 23–35 years younger than their parents) and relations to the head 户主 coded by
// GB/T 4761 (02 户主, 10 配偶, 20 子, 30 女, 28 女婿, 38 儿媳, 41 孙子, 42 孙女, 51 父亲, 52 母亲).
import type { Draw } from './random.ts';

export interface Member {
  relation: string;
  sex: '1' | '2';
  age: number;
  /** Index of the member whose surname this one takes (the head's line), or -1 for their own. */
  surnameFrom: number;
}

const other = (s: '1' | '2'): '1' | '2' => (s === '1' ? '2' : '1');
const randomSex = (d: Draw): '1' | '2' => (d.chance(0.515) ? '1' : '2');
const clampAge = (a: number) => Math.max(0, Math.min(98, Math.round(a)));

/** Age of an elderly person living alone or as a grandparent: many in their 60s, few past 90. */
const elderAge = (d: Draw) => clampAge(60 + Math.abs(d.normal()) * 12);

function couple(d: Draw, headAge: number): Member[] {
  const headSex: '1' | '2' = d.chance(0.75) ? '1' : '2';
  // Husbands are on average two years older than their wives.
  const spouseAge = clampAge(Math.max(20, headAge + (headSex === '1' ? -2 : 2) + d.normal() * 3));
  return [
    { relation: '02', sex: headSex, age: headAge, surnameFrom: -1 },
    { relation: '10', sex: other(headSex), age: spouseAge, surnameFrom: -1 },
  ];
}

function child(d: Draw, parentAge: number, maxAge = 98): Member {
  const sex = randomSex(d);
  return { relation: sex === '1' ? '20' : '30', sex, age: clampAge(Math.min(maxAge, parentAge - d.int(23, 35))), surnameFrom: 0 };
}

function parentsOf(d: Draw, headAge: number, both: boolean): Member[] {
  const age = clampAge(Math.min(96, headAge + d.int(24, 33)));
  if (both) {
    return [
      { relation: '51', sex: '1', age, surnameFrom: 0 },
      { relation: '52', sex: '2', age: clampAge(Math.min(96, age - 2 + d.normal() * 2)), surnameFrom: -1 },
    ];
  }
  // A parent living with a grown child is more often a widowed mother.
  return d.chance(0.62) ? [{ relation: '52', sex: '2', age, surnameFrom: -1 }] : [{ relation: '51', sex: '1', age, surnameFrom: 0 }];
}

/** Surnames follow the husband where the head is a woman with a husband. */
function fixSurnames(members: Member[]): Member[] {
  const head = members[0];
  const husband = head.sex === '2' ? members.findIndex((m) => m.relation === '10') : -1;
  if (husband > 0) for (const m of members) if (m.relation === '20' || m.relation === '30') m.surnameFrom = husband;
  return members;
}

/** An ordinary household of `size` people. `elderlySingle` is the chance a one-person household is 60+. */
export function composeHousehold(d: Draw, size: number, elderlySingle = 0.17): Member[] {
  switch (size) {
    case 1: {
      if (d.chance(elderlySingle)) return [{ relation: '02', sex: d.chance(0.64) ? '2' : '1', age: elderAge(d), surnameFrom: -1 }];
      return [{ relation: '02', sex: d.chance(0.56) ? '1' : '2', age: clampAge(21 + d.next() * 39), surnameFrom: -1 }];
    }
    case 2: {
      const x = d.next();
      // Young couples and empty nests 空巢 whose children have left.
      if (x < 0.62) return couple(d, d.chance(0.3) ? d.int(24, 36) : d.int(48, 84));
      if (x < 0.85) {
        const headAge = d.int(36, 72);
        const head: Member = { relation: '02', sex: d.chance(0.6) ? '2' : '1', age: headAge, surnameFrom: -1 };
        return [head, child(d, headAge)];
      }
      const headAge = d.int(26, 52);
      return [{ relation: '02', sex: randomSex(d), age: headAge, surnameFrom: -1 }, ...parentsOf(d, headAge, false)];
    }
    case 3: {
      if (d.chance(0.8)) {
        const headAge = d.int(32, 64);
        return fixSurnames([...couple(d, headAge), child(d, headAge)]);
      }
      const headAge = d.int(30, 54);
      return [...couple(d, headAge), ...parentsOf(d, headAge, false)];
    }
    case 4: {
      const headAge = d.int(33, 56);
      if (d.chance(0.55)) {
        const first = child(d, headAge);
        const second = child(d, headAge, Math.max(0, first.age - 1));
        return fixSurnames([...couple(d, headAge), first, second]);
      }
      return fixSurnames([...couple(d, headAge), child(d, headAge), ...parentsOf(d, headAge, false)]);
    }
    default: {
      const x = d.next();
      if (x < 0.45) {
        const headAge = d.int(34, 52);
        const first = child(d, headAge);
        return fixSurnames([...couple(d, headAge), first, child(d, headAge, Math.max(0, first.age - 1)), ...parentsOf(d, headAge, false)]);
      }
      if (x < 0.8) {
        const headAge = d.int(32, 50);
        return fixSurnames([...couple(d, headAge), child(d, headAge), ...parentsOf(d, headAge, true)]);
      }
      // 三代同堂 with the grown child's own family: head 55–72, a married son or daughter, a grandchild.
      const headAge = d.int(55, 72);
      const head = couple(d, headAge);
      const c = child(d, headAge);
      c.age = Math.max(c.age, 25);
      const inLaw: Member = { relation: c.sex === '1' ? '38' : '28', sex: other(c.sex), age: clampAge(c.age + d.normal() * 2), surnameFrom: -1 };
      const gsex = randomSex(d);
      const grandchild: Member = { relation: gsex === '1' ? '41' : '42', sex: gsex, age: clampAge(Math.max(0, c.age - d.int(24, 32))), surnameFrom: c.sex === '1' ? 2 : 3 };
      return fixSurnames([...head, c, inLaw, grandchild]);
    }
  }
}

/**
 * A 留守 household of a village: grandparents (or one) raising grandchildren whose parents work in
 * town. One person alone is a 留守老人.
 */
export function composeLeftBehind(d: Draw, size: number): Member[] {
  if (size === 1) return [{ relation: '02', sex: d.chance(0.55) ? '2' : '1', age: elderAge(d), surnameFrom: -1 }];
  const elders: Member[] = size >= 3 && d.chance(0.6) ? couple(d, elderAge(d)) : [{ relation: '02', sex: d.chance(0.55) ? '2' : '1', age: elderAge(d), surnameFrom: -1 }];
  const out = [...elders];
  while (out.length < size) {
    const sex = randomSex(d);
    out.push({ relation: sex === '1' ? '41' : '42', sex, age: d.int(2, 15), surnameFrom: elders[0].sex === '1' ? 0 : elders.length > 1 ? 1 : 0 });
  }
  return out;
}
