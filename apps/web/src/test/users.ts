import type { CurrentUser } from '../trpc.js';

/** The league's demo configurator (lg.config) as `auth.me` gives it; tests widen the capabilities they need. */
export const leagueConfigurer: CurrentUser = {
  id: 'user-lg-config',
  account: 'lg.config',
  name: '其其格',
  organizationId: 'org-lg-samr',
  organizationName: '盟市场监督管理局',
  centreId: 'org-lg-centre',
  centreName: '锡林郭勒盟政务服务中心',
  regionCode: '152500',
  regionName: '锡林郭勒盟',
  regionLevel: 'league',
  roleIds: ['role-config'],
  roleNames: ['事项配置员'],
  capabilities: ['studio.access', 'studio.item.edit'],
};
