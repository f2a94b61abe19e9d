import { describe, expect, it } from 'vitest';
import { scores, type LinearModel } from './linear.ts';
import { seededRandom } from './random.ts';

describe('scores', () => {
  it('are bias + weights · x, class by class, whatever the layout used to read the weights', () => {
    const rnd = seededRandom(7);
    const model: LinearModel = { classes: 5, features: 40, weights: Float64Array.from({ length: 200 }, () => rnd() - 0.5), bias: Float64Array.from({ length: 5 }, () => rnd()) };
    const x = { index: Int32Array.from([0, 3, 17, 39]), value: Float64Array.from([0.5, 0.25, 0.75, 0.35]) };
    const expected = Array.from({ length: 5 }, (_, c) => model.bias[c] + [...x.index].reduce((z, f, i) => z + model.weights[c * 40 + f] * x.value[i], 0));
    [...scores(model, x)].forEach((z, c) => expect(z).toBeCloseTo(expected[c], 12));
  });
});
