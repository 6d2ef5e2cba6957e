import { useRef, type CSSProperties, type ReactNode } from 'react';
import { useFitScale } from '../hooks/useFitScale.js';

/**
 * A presenter's table in full screen, or the wall's procedures: every row on the one screen, whatever its size (a
 * city's 30 districts with every score component ran past the foot of a 1366×768 projector), the text shrunk as the
 * wall's rankings when it must be. `fitKey` names what changes the rows' widths and so their wrapping.
 */
export function FittedBox({ fitKey, children }: { fitKey: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const scale = useFitScale(box, fitKey);
  return <div className="table-scroll slide-fit" ref={box} style={{ '--fit': scale } as CSSProperties}>{children}</div>;
}
