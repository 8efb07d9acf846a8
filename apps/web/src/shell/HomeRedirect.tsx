import { Navigate } from 'react-router';
import { homePathFor } from '../areas/areas.js';
import { useCurrentUser } from '../auth/CurrentUserContext.js';
import { NoAreas } from './StatusPages.js';

/** `/`: the user's first area. */
export function HomeRedirect() {
  const path = homePathFor(useCurrentUser().capabilities);
  return path ? <Navigate to={path} replace /> : <NoAreas />;
}
