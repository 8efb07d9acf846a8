import type { ReactNode } from 'react';
import type { Capability } from '@xlgl/schema';
import { useCurrentUser } from '../auth/CurrentUserContext.js';
import { Forbidden } from './StatusPages.js';

/** Renders its children only for users holding `capability`; everyone else sees the 403 page. */
export function RequireCapability({ capability, what, children }: { capability: Capability; what: string; children: ReactNode }) {
  const user = useCurrentUser();
  return user.capabilities.includes(capability) ? children : <Forbidden what={what} />;
}
