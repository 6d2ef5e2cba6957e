/** Series colours (Okabe–Ito, readable with colour blindness), shared by the charts and their legends. */
export const COLORS = {
  received: '#56B4E9',
  resolved: '#009E73',
  progress: '#E69F00',
  onTime: '#CC79A7',
  online: '#56B4E9',
  offline: '#999999',
} as const;
