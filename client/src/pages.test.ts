import { describe, expect, it } from 'vitest';
import { routeOf } from './pages.js';

describe('routeOf', () => {
  it('maps each page address to its page', () => {
    expect(routeOf('/')).toEqual({ name: 'overview' });
    expect(routeOf('/rankings')).toEqual({ name: 'rankings' });
    expect(routeOf('/procedures')).toEqual({ name: 'procedures' });
    expect(routeOf('/unit/HN-HK')).toEqual({ name: 'unit', code: 'HN-HK' });
    expect(routeOf('/unit/S%E1%BB%9F-TP/')).toEqual({ name: 'unit', code: 'Sở-TP' });
    expect(routeOf('/procedures/DD-GCN')).toEqual({ name: 'procedure', code: 'DD-GCN' });
    expect(routeOf('/display')).toEqual({ name: 'display' });
    expect(routeOf('/present')).toEqual({ name: 'present' });
    expect(routeOf('/admin')).toEqual({ name: 'admin' });
  });

  it('names any other address as not found instead of falling back to the overview', () => {
    expect(routeOf('/units/HN-HK')).toEqual({ name: 'notFound', path: '/units/HN-HK' });
    expect(routeOf('/unit/')).toEqual({ name: 'notFound', path: '/unit/' });
    expect(routeOf('/rankings/district')).toEqual({ name: 'notFound', path: '/rankings/district' });
    expect(routeOf('/procedures/DD-GCN/units')).toEqual({ name: 'notFound', path: '/procedures/DD-GCN/units' });
  });

  it('names a code that does not decode (a stray % in a mistyped link) as not found instead of failing', () => {
    expect(routeOf('/unit/%E0')).toEqual({ name: 'notFound', path: '/unit/%E0' });
    expect(routeOf('/procedures/50%')).toEqual({ name: 'notFound', path: '/procedures/50%' });
  });
});
