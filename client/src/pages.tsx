/**
 * The app's pages, one chunk each (the wall display loads only its own and the views it rotates through), and
 * the one place that maps an address to a page.
 *
 * The page of the address the app opens on is loaded while the session is read (`loadPage`), and a loaded page
 * renders without suspending. Suspending costs more than the chunk: once a Suspense boundary has shown its
 * fallback, React holds back the content until 300 ms after the fallback appeared (its fallback throttle), which
 * cost the wall display ≈ 250 ms before its first figures.
 */
import { lazy, type ComponentType } from 'react';
import { loadCharts } from './components/LazyCharts.js';
import type { Credential } from './lib/api.js';
import { loadOnce } from './lib/loadOnce.js';

export type Route =
  | { name: 'display' }
  | { name: 'present' }
  | { name: 'overview' }
  | { name: 'rankings' }
  | { name: 'procedures' }
  | { name: 'procedure'; code: string }
  | { name: 'unit'; code: string }
  | { name: 'admin' }
  | { name: 'notFound'; path: string };

export function routeOf(pathname: string): Route {
  const unit = /^\/unit\/([^/]+)\/?$/.exec(pathname);
  const procedure = /^\/procedures\/([^/]+)\/?$/.exec(pathname);
  if (pathname === '/display') return { name: 'display' };
  if (pathname === '/present') return { name: 'present' };
  if (pathname === '/rankings') return { name: 'rankings' };
  if (pathname === '/procedures') return { name: 'procedures' };
  if (pathname === '/admin') return { name: 'admin' };
  // A code that does not decode (a stray `%` in a mistyped link) names no unit or procedure.
  const code = decoded(unit?.[1] ?? procedure?.[1]);
  if (code !== null) return unit ? { name: 'unit', code } : { name: 'procedure', code };
  // Any other address says so: showing the city's figures at a mistyped unit address would pass them off as the unit's.
  if (pathname === '/' || pathname === '/index.html') return { name: 'overview' };
  return { name: 'notFound', path: pathname };
}

function decoded(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

interface Page<P extends object> {
  /** The page itself once loaded, else a lazy stand-in that suspends until it is. */
  Component: ComponentType<P>;
  load: () => Promise<unknown>;
}

function page<P extends object>(importPage: () => Promise<ComponentType<P>>): Page<P> {
  // A failed import is tried again by a later attempt (the retry button).
  const chunk = loadOnce(importPage);
  const Lazy = lazy(() => chunk.load().then((component) => ({ default: component })));
  function Component(props: P) {
    const Loaded = chunk.loaded();
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Component, load: chunk.load };
}

// The dashboard and the presenter draw their charts with their figures (they print and export them): the charts'
// chunk loads with them. The wall display shows its figures first and loads the charts after (LazyCharts).
const dashboard = () => Promise.all([import('./views/DashboardPages.js'), loadCharts()]).then(([m]) => m);
const pages = {
  display: page(() => import('./views/DisplayPage.js').then((m) => m.default)),
  present: page(() => Promise.all([import('./views/PresentPage.js'), loadCharts()]).then(([m]) => m.default)),
  overview: page(() => dashboard().then((m) => m.OverviewPage)),
  rankings: page(() => dashboard().then((m) => m.RankingsPage)),
  procedures: page(() => dashboard().then((m) => m.ProceduresPage)),
  procedure: page(() => dashboard().then((m) => m.ProcedurePage)),
  unit: page(() => dashboard().then((m) => m.UnitPage)),
  admin: page(() => import('./admin/AdminPage.js').then((m) => m.default)),
  notFound: page(() => dashboard().then((m) => m.NotFoundPage)),
};

/** Starts loading a route's page (once); resolves when it can render without suspending. */
export function loadPage(route: Route): Promise<unknown> {
  return pages[route.name].load();
}

export function RoutePage({ route, credential }: { route: Route; credential: Credential }) {
  switch (route.name) {
    case 'display': return <pages.display.Component />;
    case 'present': return <pages.present.Component />;
    case 'overview': return <pages.overview.Component />;
    case 'rankings': return <pages.rankings.Component />;
    case 'procedures': return <pages.procedures.Component />;
    case 'procedure': return <pages.procedure.Component code={route.code} />;
    case 'unit': return <pages.unit.Component code={route.code} />;
    case 'admin': return <pages.admin.Component credential={credential} />;
    case 'notFound': return <pages.notFound.Component path={route.path} />;
  }
}
