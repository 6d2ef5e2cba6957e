import { createContext, useContext } from 'react';
import type { Me, PublicConfig } from '../../shared/api.js';
import type { Api } from './lib/api.js';
import type { LiveConnection } from './live/connection.js';

export interface AppContextValue {
  api: Api;
  live: LiveConnection;
  config: PublicConfig;
  me: Me;
  signOut: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
