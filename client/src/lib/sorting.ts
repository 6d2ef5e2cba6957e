/** A table's rows sorted by a clicked column: missing values last whatever the direction, text in the language's order. */
export type SortValue = number | string | null;

/** Sorts a copy by `value`; ties keep the order the rows came in (Array.prototype.sort is stable). */
export function sortByColumn<Row>(rows: readonly Row[], value: (row: Row) => SortValue, descending: boolean, lang: string): Row[] {
  const collator = new Intl.Collator(lang);
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' || typeof y === 'string' ? collator.compare(String(x), String(y)) : x - y;
    return order * direction;
  });
}
