import { createContext, useContext } from 'react';
import type { CurrentUser } from '../trpc.js';

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only valid below `RequireSession`. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser 只能在已登录的页面中使用');
  return user;
}

/** Whether the signed-in user holds a capability. */
export function useCan(capability: CurrentUser['capabilities'][number]): boolean {
  return useCurrentUser().capabilities.includes(capability);
}
