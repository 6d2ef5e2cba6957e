import { describe, expect, it } from 'vitest';
import { loadOnce } from './loadOnce.js';

describe('loadOnce', () => {
  it('imports once, then answers synchronously', async () => {
    let imports = 0;
    const chunk = loadOnce(async () => ({ n: ++imports }));
    expect(chunk.loaded()).toBeNull();
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect(a).toBe(b);
    expect(imports).toBe(1);
    expect(chunk.loaded()).toBe(a);
  });

  it('tries again after a failed import', async () => {
    let attempts = 0;
    const chunk = loadOnce(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(chunk.load()).rejects.toThrow('offline');
    expect(chunk.loaded()).toBeNull();
    await expect(chunk.load()).resolves.toBe('ok');
    expect(attempts).toBe(2);
  });
});
