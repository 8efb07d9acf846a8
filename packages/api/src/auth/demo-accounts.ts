import { readAllDocuments, readDocuments, type Db } from '@xlgl/db';

export type DemoAccount = { account: string; name: string; organizationName: string; roleNames: string[] };

/** Users marked `demo: true`, for the start-up message. */
export async function listDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const users = (await readAllDocuments(db, ['user'])).filter((row) => row.body.demo === true && row.body.active !== false);
  const roles = new Map((await readAllDocuments(db, ['role'])).map((row) => [row.id, String(row.body.name)]));
  const organizationIds = [...new Set(users.map((row) => String(row.body.organizationId)))];
  const organizations = new Map((await readDocuments(db, 'organization', organizationIds)).map((row) => [row.id, String(row.body.name)]));
  return users.map((row) => ({
    account: String(row.body.account),
    name: String(row.body.name),
    organizationName: organizations.get(String(row.body.organizationId)) ?? '',
    roleNames: (row.body.roleIds as string[]).map((id) => roles.get(id) ?? id),
  }));
}
