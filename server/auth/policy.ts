/**
 * The one authorization module: REST routes and Socket.IO subscriptions both ask it.
 * admin: everything. leader: reads everything. presenter: like leader, plus exports.
 * unit_head: city figures and rankings, but detail views only of its own units.
 * display: reads figures for its wall. ingest: only posts events (for its units, when limited).
 */
import { mayOpenUnit, type Role } from '../../shared/api.js';
import type { Principal } from './tokens.js';

export type Action =
  | { kind: 'ingest' }
  | { kind: 'readCity' }
  | { kind: 'readUnitDetail'; unitCode: string }
  | { kind: 'readCatalog' }
  | { kind: 'export' }
  | { kind: 'administer' };

const READERS: readonly Role[] = ['admin', 'leader', 'unit_head', 'presenter', 'display'];

export function can(principal: Principal, action: Action): boolean {
  const { role } = principal;
  if (role === 'admin') return true;
  switch (action.kind) {
    case 'ingest':
      return role === 'ingest';
    case 'readCity':
    case 'readCatalog':
      return READERS.includes(role);
    case 'readUnitDetail':
      return READERS.includes(role) && mayOpenUnit(principal, action.unitCode);
    case 'export':
      return role === 'presenter' || role === 'leader';
    case 'administer':
      return false;
  }
}
