import { measureInTurn } from './bench-client';

describe('measureInTurn', () => {
  it('runs each piece of work once per round, each round starting one further along, after three warm-up runs each', async () => {
    const calls: string[] = [];
    const work = (name: string) => async () => void calls.push(name);
    const timings = await measureInTurn(3, [work('a'), work('b'), work('c')]);
    expect(calls.slice(0, 9)).toEqual(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c']);
    expect(calls.slice(9)).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(timings).toHaveLength(3);
  });

});
