import { useEffect, useState, type RefObject } from 'react';

/** The box's size, as a string that changes when it does (a window resized, a banner taking room). */
export function useBoxSize(box: RefObject<HTMLElement | null>): string {
  const [size, setSize] = useState('');
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setSize(`${element.clientWidth}×${element.clientHeight}`));
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  return size;
}
