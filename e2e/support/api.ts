import { expect, request as playwrightRequest, type Page } from '@playwright/test';
import { demoPassword } from './session';

/** A signed-in API client (tRPC over plain JSON, CSRF header from the cookie) for test setup. */
export async function apiAs(baseURL: string, account: string) {
  const context = await playwrightRequest.newContext({ baseURL });
  const csrf = async () => (await context.storageState()).cookies.find((cookie) => cookie.name === 'xlgl_csrf')?.value ?? '';
  const call = async (kind: 'query' | 'mutation', path: string, input: unknown = {}) => {
    const response =
      kind === 'query'
        ? await context.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
        : await context.post(`/trpc/${path}`, { data: input, headers: { 'x-csrf-token': await csrf() } });
    const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
    if (body.error) throw new Error(`${path}: ${body.error.message}`);
    return body.result!.data as never;
  };
  await call('query', 'auth.me');
  await call('mutation', 'auth.signIn', { account, password: demoPassword });
  return {
    context,
    query: <T>(path: string, input?: unknown) => call('query', path, input) as Promise<T>,
    mutate: <T>(path: string, input?: unknown) => call('mutation', path, input) as Promise<T>,
    dispose: () => context.dispose(),
  };
}

/** Calls a tRPC procedure with the page's own session (cookies and CSRF header). */
export async function pageApi<T>(page: Page, path: string, input: unknown, mutation = false): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'xlgl_csrf')?.value ?? '';
  const response = mutation
    ? await page.request.post(`/trpc/${path}`, { data: input, headers: { 'x-csrf-token': csrf } })
    : await page.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = await response.json();
  expect(response.ok(), JSON.stringify(body)).toBe(true);
  return body.result.data as T;
}

/** The shipped 企业设立登记 case used as sample data (league window, materials all provided). */
export const enterpriseCase = {
  itemId: 'item-enterprise-registration',
  applicant: { kind: 'enterprise', creditCode: '91330102MA28NBU477', name: '锡林郭勒草原牧业有限公司', legalRepresentative: '巴图' },
  formValues: {
    f_enterprise_name: '锡林郭勒草原牧业有限公司',
    f_enterprise_type: 'llc-natural',
    f_address: { regionCode: '152502', detail: '锡林浩特市额尔敦路18号' },
    f_registered_capital: 50000000,
    f_legal_rep: '巴图',
    f_legal_rep_id: '11010519491231002X',
    f_mobile: '13904791234',
    f_business_scope: '牛羊肉加工、销售',
    f_delivery_method: 'window',
  },
  materials: ['m-application', 'm-articles', 'm-id', 'm-officers', 'm-premises'].map((materialId) => ({ materialId, provided: true })),
  decision: 'accept',
} as const;
