import { createContext, useContext } from 'react';

/** What a page's figures are compared with: the period before, or the same period a year before ("cùng kỳ"). */
export type Versus = 'previous' | 'yearAgo';

const VersusContext = createContext<Versus>('previous');

/** Set by the page from its period choice (`?compare=year`); read where a change or a rank move is described. */
export const ComparedWith = VersusContext.Provider;

export function useVersus(): Versus {
  return useContext(VersusContext);
}
