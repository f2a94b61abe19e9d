import type { SparseVector } from './features.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/**
 * Multinomial logistic regression (softmax) with an L2 penalty, trained by stochastic gradient
 * descent over shuffled epochs. The penalty is applied lazily through one scale factor so that a
 * step costs only the non-zeros of the text, not the whole weight matrix.
 */

export interface LinearOptions {
  epochs: number;
  /** L2 strength. */
  lambda: number;
  /** Step size at the start; it decays as 1 / (1 + lambda · eta0 · t). */
  eta0: number;
  seed: number;
}

export interface LinearModel {
  classes: number;
  features: number;
  /** classes × features, row by row. */
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * The weights feature by feature (each feature's class weights side by side): a text's few hundred
 * features then read a few hundred short runs instead of one scattered read per class and feature —
 * scoring is bound by memory, not arithmetic. Built once per trained model; the model is not changed after training.
 */
const byFeature = new WeakMap<LinearModel, Float64Array>();
function weightsByFeature(model: LinearModel): Float64Array {
  let t = byFeature.get(model);
  if (!t) {
    t = new Float64Array(model.weights.length);
    for (let c = 0; c < model.classes; c++) for (let f = 0; f < model.features; f++) t[f * model.classes + c] = model.weights[c * model.features + f];
    byFeature.set(model, t);
  }
  return t;
}

export function scores(model: LinearModel, x: SparseVector): Float64Array {
  const out = Float64Array.from(model.bias);
  const w = weightsByFeature(model);
  const k = model.classes;
  for (let i = 0; i < x.index.length; i++) {
    const base = x.index[i] * k;
    const v = x.value[i];
    for (let c = 0; c < k; c++) out[c] += w[base + c] * v;
  }
  return out;
}

/** Softmax in place, stable for large scores. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) { z[i] = Math.exp(z[i] - max); sum += z[i]; }
  for (let i = 0; i < z.length; i++) z[i] /= sum;
  return z;
}

export function trainLinear(xs: SparseVector[], ys: ArrayLike<number>, classes: number, features: number, options: LinearOptions): LinearModel {
  const v = new Float64Array(classes * features);
  const bias = new Float64Array(classes);
  let scale = 1; // true weights = scale · v
  const random = seededRandom(options.seed);
  const order = Array.from(xs.keys());
  const z = new Float64Array(classes);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const n of order) {
      const x = xs[n];
      const eta = options.eta0 / (1 + options.lambda * options.eta0 * t++);
      for (let c = 0; c < classes; c++) {
        const row = c * features;
        let dot = 0;
        for (let i = 0; i < x.index.length; i++) dot += v[row + x.index[i]] * x.value[i];
        z[c] = scale * dot + bias[c];
      }
      softmax(z);
      scale *= 1 - eta * options.lambda;
      for (let c = 0; c < classes; c++) {
        const g = z[c] - (ys[n] === c ? 1 : 0);
        if (g === 0) continue;
        const row = c * features;
        const step = (eta * g) / scale;
        for (let i = 0; i < x.index.length; i++) v[row + x.index[i]] -= step * x.value[i];
        bias[c] -= eta * g * 0.1; // the bias learns slowly: classes are unbalanced, words should decide
      }
      if (scale < 1e-6) { for (let i = 0; i < v.length; i++) v[i] *= scale; scale = 1; }
    }
  }
  for (let i = 0; i < v.length; i++) v[i] *= scale;
  return { classes, features, weights: v, bias };
}
