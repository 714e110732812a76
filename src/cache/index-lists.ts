// Lists of indices (a post's categories, a term's posts), end to end in one typed array: what the
// model snapshot stores instead of an array per item, which v8.deserialize reads back element by element.

/** Item i's list is values[starts[i]] up to values[starts[i + 1]]. */
export interface IndexLists {
  readonly values: Int32Array;
  readonly starts: Int32Array;
}

/** The lists, end to end. */
export function indexLists(lists: readonly (readonly number[])[]): IndexLists {
  const starts = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, i) => {
    starts[i] = total;
    total += list.length;
  });
  starts[lists.length] = total;
  const values = new Int32Array(total);
  lists.forEach((list, i) => values.set(list, starts[i]!));
  return { values, starts };
}

/** Item i's list, as a plain array (templates loop over it). */
export function listAt(lists: IndexLists, i: number): number[] {
  const list: number[] = [];
  for (let at = lists.starts[i]!, end = lists.starts[i + 1]!; at < end; at++) list.push(lists.values[at]!);
  return list;
}

/** Whether a value read back is index lists. */
export const isIndexLists = (value: unknown): value is IndexLists =>
  (value as IndexLists | undefined)?.values instanceof Int32Array && (value as IndexLists).starts instanceof Int32Array;
