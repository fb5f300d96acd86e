import { selectImpression } from '../../src/react/selectImpression';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `i${i}`);
const all = { has: () => true };

describe('selectImpression', () => {
  it('returns the seen items in list order, with the interacted item even when it was not seen', () => {
    const seen = new Set(['i4', 'i1']);
    expect(selectImpression(ids(6), 2, seen)).toEqual(['i1', 'i2', 'i4']);
  });

  it('keeps at most 25, those nearest the interacted item', () => {
    expect(selectImpression(ids(100), 50, all)).toEqual(ids(100).slice(38, 63));
    expect(selectImpression(ids(100), 0, all)).toEqual(ids(25));
    expect(selectImpression(ids(100), 99, all)).toEqual(ids(100).slice(75));
  });

  it('measures nearness in seen items, skipping unseen ones', () => {
    const seen = { has: (id: string) => Number(id.slice(1)) % 2 === 0 };
    const impression = selectImpression(ids(100), 50, seen);
    expect(impression).toHaveLength(25);
    expect(impression[0]).toBe('i26');
    expect(impression.at(-1)).toBe('i74');
  });

  it('prefers the earlier item on a tie', () => {
    expect(selectImpression(ids(30), 15, all, 4)).toEqual(['i13', 'i14', 'i15', 'i16']);
  });

  it('leaves out IDs PutEvents would refuse, so a neighbour cannot make the event invalid', () => {
    const long = 'z'.repeat(257);
    expect(selectImpression(['a', long, '', 'b', 'y'.repeat(256)], 3, all)).toEqual(['a', 'b', 'y'.repeat(256)]);
    // Characters as the model counts them: 200 emoji are fine; a lone surrogate is not.
    const emoji = '😀'.repeat(200);
    expect(selectImpression(['a', 'x\uD800', emoji], 0, all)).toEqual(['a', emoji]);
  });

  it('lists a repeated item once, at its occurrence nearest the interacted item', () => {
    expect(selectImpression(['a', 'b', 'a', 'c'], 3, all)).toEqual(['b', 'a', 'c']);
  });
});
