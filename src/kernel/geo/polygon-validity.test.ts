import { describe, it, expect } from 'vitest';
import { findValidityProblem, segmentContact } from './polygon-validity.ts';
import type { MultiPolygonCoords, Ring } from './geojson-utils.ts';

const sq = (x: number, y: number, s: number): Ring => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('findValidityProblem', () => {
  it('accepts squares, holes and parts touching at a point', () => {
    expect(findValidityProblem([[sq(0, 0, 4), sq(1, 1, 1).reverse()]])).toBeNull();
    expect(findValidityProblem([[sq(0, 0, 1)], [sq(1, 1, 1)]])).toBeNull();
    // An island inside a part's hole is fine.
    expect(findValidityProblem([[sq(0, 0, 10), sq(2, 2, 6)], [sq(4, 4, 1)]])).toBeNull();
  });
  it('finds a bow-tie and says where', () => {
    const p = findValidityProblem([[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]]);
    expect(p?.kind).toBe('self-intersection');
    expect(p?.at[0]).toBeCloseTo(1);
    expect(p?.at[1]).toBeCloseTo(1);
  });
  it('finds a ring that touches itself and a spike', () => {
    expect(findValidityProblem([[[[0, 0], [4, 0], [2, 2], [4, 4], [0, 4], [2, 2], [0, 0]]]])?.kind).toBe('self-intersection');
    expect(findValidityProblem([[[[0, 0], [4, 0], [6, 0], [4, 0], [4, 4], [0, 0]]]])?.kind).toBe('self-intersection');
  });
  it('finds flat rings, holes outside and overlapping parts', () => {
    expect(findValidityProblem([[[[0, 0], [1, 1], [2, 2], [0, 0]]]])?.kind).toBe('degenerate-ring');
    expect(findValidityProblem([[sq(0, 0, 1), sq(5, 5, 1)]])?.kind).toBe('hole-outside-shell');
    expect(findValidityProblem([[sq(0, 0, 4)], [sq(1, 1, 1)]])?.kind).toBe('parts-overlap');
    const sharedEdge: MultiPolygonCoords = [[sq(0, 0, 1)], [sq(1, 0, 1)]];
    expect(findValidityProblem(sharedEdge)?.kind).toBe('self-intersection');
  });
});

describe('segmentContact', () => {
  it('tells crossings, touches and overlaps apart', () => {
    expect(segmentContact(0, 0, 2, 2, 0, 2, 2, 0).kind).toBe('cross');
    expect(segmentContact(0, 0, 1, 0, 1, 0, 2, 1).kind).toBe('touch');
    expect(segmentContact(0, 0, 2, 0, 1, 0, 3, 0).kind).toBe('overlap');
    expect(segmentContact(0, 0, 1, 0, 2, 0, 3, 0).kind).toBe('none');
    expect(segmentContact(0, 0, 1, 1, 0, 1, 1, 2).kind).toBe('none');
  });
});
