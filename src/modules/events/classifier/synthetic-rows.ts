import { seededRandom } from './random.ts';
import type { LabelledText } from './tsv.ts';

/** A small labelled set for tests: each category has its own words, mixed with shared filler words. */
const WORDS: Record<string, string[]> = {
  城乡建设: ['小区', '物业', '垃圾', '路灯', '下水道', '违章', '建筑', '供暖'],
  教育文体: ['学校', '老师', '学生', '学费', '招生', '考试', '幼儿园', '课程'],
  劳动和社会保障: ['工资', '拖欠', '社保', '养老金', '劳动', '合同', '工伤', '退休'],
};
const FILLER = ['请问', '希望', '领导', '解决', '问题', '我们', '一下', '反映'];

export function syntheticRows(perLabel: number, seed: number): LabelledText[] {
  const random = seededRandom(seed);
  const pick = (a: string[]) => a[Math.floor(random() * a.length)];
  const rows: LabelledText[] = [];
  for (let i = 0; i < perLabel; i++) {
    for (const [label, words] of Object.entries(WORDS)) {
      const text = Array.from({ length: 8 }, (_, k) => (k % 2 ? pick(FILLER) : pick(words))).join(' ');
      rows.push({ label, text });
    }
  }
  return rows;
}
