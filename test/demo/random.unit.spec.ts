import { seededRandom } from '../../src/demo/random';

describe('seededRandom', () => {
  const draw = (seed: number, n = 20) => {
    const rnd = seededRandom(seed);
    return Array.from({ length: n }, () => rnd.next());
  };

  it('gives the same sequence for the same seed, so the demo is the same on every load', () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it('gives a different sequence for another seed', () => {
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in [0, 1) and spreads over the range', () => {
    const values = draw(7, 2000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(0.05);
    expect(Math.max(...values)).toBeGreaterThan(0.95);
  });

  it('int covers both ends, pick and weighted choose only what they are given', () => {
    const rnd = seededRandom(1);
    const ints = new Set(Array.from({ length: 500 }, () => rnd.int(1, 3)));
    expect([...ints].sort()).toEqual([1, 2, 3]);
    const picks = new Set(Array.from({ length: 200 }, () => rnd.pick(['a', 'b'])));
    expect([...picks].sort()).toEqual(['a', 'b']);
    const weighted = Array.from({ length: 1000 }, () =>
      rnd.weighted([
        ['often', 9],
        ['rarely', 1],
      ] as const),
    );
    const often = weighted.filter((w) => w === 'often').length;
    expect(often).toBeGreaterThan(800);
    expect(often).toBeLessThan(1000);
    expect(() => rnd.pick([])).toThrow();
  });
});
