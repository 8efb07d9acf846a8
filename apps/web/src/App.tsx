import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { areaKeys, areas } from './areas/areas.js';
import { lazyAreas } from './areas/lazyAreas.js';
import { LoginPage } from './auth/LoginPage.js';
import { RequireSession } from './auth/RequireSession.js';
import { AppShell } from './shell/AppShell.js';
import { HomeRedirect } from './shell/HomeRedirect.js';
import { RequireCapability } from './shell/RequireCapability.js';
import { NotFound } from './shell/StatusPages.js';

const VerifyPage = lazy(() => import('./public/verify/VerifyPage.js').then((module) => ({ default: module.VerifyPage })));
const ProgressPage = lazy(() => import('./public/progress/ProgressPage.js').then((module) => ({ default: module.ProgressPage })));

/** Routes: sign-in outside the session guard; every other page inside it, areas gated by capability. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/verify" element={<Suspense fallback={null}><VerifyPage /></Suspense>} />
      <Route path="/progress" element={<Suspense fallback={null}><ProgressPage /></Suspense>} />
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<HomeRedirect />} />
          {areaKeys.map((key) => {
            const area = areas[key];
            const AreaRoutes = lazyAreas[key];
            return (
              <Route
                key={key}
                path={`${area.path}/*`}
                element={
                  <RequireCapability capability={area.capability} what={area.label}>
                    <AreaRoutes />
                  </RequireCapability>
                }
              />
            );
          })}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
