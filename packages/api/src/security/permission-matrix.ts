/**
 * The declared permission matrix: for every API procedure, which roles may call it (procedure ×
 * role), and where a further scope applies (own case, own stage, own department, own region and
 * below) what it is. `permission-matrix.test.ts` walks the real router: a procedure missing here
 * fails the test, every allow and every deny is checked through the real API for every role, and the
 * scope scenarios below are played on real cases.
 *
 * Adding a procedure: add one line here with the roles that may call it (usually one of the groups).
 * Roles are those shipped in metadata/roles; each has a demo account holding only that role.
 */

export const matrixRoles = [
  'role-configurator',
  'role-reviewer',
  'role-window',
  'role-approver',
  'role-leader',
  'role-supervisor',
  'role-admin',
] as const;
export type MatrixRole = (typeof matrixRoles)[number];

/** The demo account (shipped metadata) that holds exactly this role, at the league centre. */
export const matrixAccounts: Record<MatrixRole, string> = {
  'role-configurator': 'lg.config',
  'role-reviewer': 'lg.review',
  'role-window': 'lg.window',
  'role-approver': 'lg.approver',
  'role-leader': 'lg.leader',
  'role-supervisor': 'lg.super',
  'role-admin': 'admin',
};

/** `anyone` includes callers without a session; `signed-in` is every role. */
export type MatrixAllow = 'anyone' | 'signed-in' | readonly MatrixRole[];
export type MatrixEntry = {
  allow: MatrixAllow;
  /** The scope the service enforces on top of the role (see `scopeScenarios`). */
  scope?: string;
};

const studioStaff = ['role-configurator', 'role-reviewer'] as const;
const configurators = ['role-configurator'] as const;
const reviewers = ['role-reviewer'] as const;
const reportDesigners = ['role-configurator', 'role-supervisor'] as const;
const reportViewers = ['role-configurator', 'role-reviewer', 'role-leader', 'role-supervisor', 'role-admin'] as const;
const deskStaff = ['role-window', 'role-approver', 'role-leader'] as const;
const windows = ['role-window'] as const;
const leaders = ['role-leader'] as const;
const supervisors = ['role-supervisor'] as const;
const admins = ['role-admin'] as const;

export const permissionMatrix: Record<string, MatrixEntry> = {
  'auth.signIn': { allow: 'anyone' },
  'auth.signOut': { allow: 'signed-in' },
  'auth.me': { allow: 'anyone' },
  'auth.changePassword': { allow: 'signed-in' },

  'supervision.summary': { allow: supervisors },
  'supervision.filterOptions': { allow: supervisors },
  'supervision.board': { allow: supervisors },
  'supervision.case': { allow: supervisors },
  'supervision.cards': { allow: supervisors },
  'supervision.rules': { allow: supervisors },
  'supervision.urge': { allow: supervisors },
  'supervision.myUrges': { allow: 'signed-in' },
  'supervision.respondUrge': { allow: 'signed-in' },
  'supervision.markKeyProject': { allow: supervisors },
  'supervision.markKeyBundle': { allow: supervisors },
  'supervision.removeKeyBundle': { allow: supervisors },
  'supervision.keyProjects': { allow: supervisors },
  'supervision.outbox': { allow: supervisors },
  'supervision.fireDueTimers': { allow: supervisors },

  'reports.catalogue': { allow: reportViewers },
  'reports.formSources': { allow: reportViewers },
  'reports.list': { allow: reportViewers },
  'reports.get': { allow: reportViewers },
  'reports.run': { allow: reportViewers },
  'reports.cases': { allow: reportViewers },
  'reports.exportExcel': { allow: reportViewers },
  'reports.save': { allow: reportDesigners },
  'reports.remove': { allow: reportDesigners, scope: 'refused while a dashboard still shows the report' },

  'certificates.list': { allow: deskStaff },
  'certificates.get': { allow: deskStaff },
  'certificates.pdf': { allow: deskStaff },
  'certificates.holderValid': { allow: deskStaff },
  'certificates.issue': { allow: deskStaff },
  'certificates.forCase': { allow: deskStaff, scope: 'as desk.case: only viewers of the case see its certificates' },
  'certificates.issueForCase': { allow: deskStaff, scope: 'as desk.case, and only at the case print gate (a copy also after it)' },
  'certificates.retryAutomatic': { allow: deskStaff, scope: 'as desk.case' },
  'certificates.print': { allow: windows },
  'certificates.revoke': { allow: leaders },
  'certificates.printOffset': { allow: deskStaff },
  'certificates.setPrintOffset': { allow: windows },
  'certificates.seals.list': { allow: 'signed-in' },
  'certificates.seals.create': { allow: 'signed-in' },

  'verify.byToken': { allow: 'anyone' },
  'verify.upload': { allow: 'anyone' },
  'progress.lookup': { allow: 'anyone' },

  'templates.list': { allow: studioStaff },
  'templates.get': { allow: studioStaff },
  'templates.choices': { allow: studioStaff },
  'templates.bindings': { allow: studioStaff },
  'templates.saveDraft': { allow: configurators },
  'templates.discardDraft': { allow: configurators },
  'templates.publish': { allow: configurators },
  'templates.preview': { allow: studioStaff },
  'templates.uploadImage': { allow: configurators },
  'templates.image': { allow: studioStaff },

  'desk.items': { allow: windows },
  'desk.acceptance': { allow: windows },
  'desk.lookupApplicant': { allow: windows },
  'desk.accept': { allow: windows },
  'desk.inbox': { allow: deskStaff },
  'desk.case': {
    allow: deskStaff,
    scope:
      'viewer: acceptor, holder or former handler of a task, P3 handler; superior (desk.lead) for the own region and cases escalated to it',
  },
  'desk.act': {
    allow: deskStaff,
    scope: 'the task holder only: assignee rule, region; P3 own-case: the first handler of the department; superiors cannot act for others',
  },
  'desk.deliver': { allow: windows, scope: 'windows of the centre that accepted the case, once its result came back from the centre that handled it (P3 as desk.act)' },
  'desk.reassign': { allow: leaders, scope: 'superior of the department, own region only' },
  'desk.recordPayment': { allow: windows },
  'desk.requestWaiver': { allow: windows },
  'desk.decideWaiver': { allow: leaders },
  'desk.watch': { allow: deskStaff },
  'desk.notice': { allow: deskStaff },
  'desk.events': { allow: deskStaff },
  'desk.rendererServices': { allow: deskStaff },
  'desk.summary': { allow: deskStaff },
  'desk.feeReport': { allow: reportViewers },
  'desk.feeExport': { allow: reportViewers },
  'desk.materials.limits': { allow: deskStaff },
  'desk.materials.offers': { allow: windows },
  'desk.materials.ofCase': { allow: deskStaff, scope: 'as desk.case: only viewers of the case see its material files' },
  'desk.materials.supplements': { allow: deskStaff, scope: 'as desk.case: only viewers of the case see what it waits for' },
  'desk.materials.receiveSupplement': { allow: windows, scope: 'windows of the centre that accepted the case who may see it, while a step waits for supplements' },

  'admin.documents.list': { allow: admins },
  'admin.documents.get': { allow: admins },
  'admin.documents.save': { allow: admins },
  'admin.documents.remove': { allow: admins },
  'admin.regions.tree': { allow: admins },
  'admin.organizations.tree': { allow: admins },
  'admin.users.resetPassword': { allow: admins },
  'admin.users.unlock': { allow: admins },
  'admin.backup.settings': { allow: admins },
  'admin.backup.saveSettings': { allow: admins },
  'admin.backup.list': { allow: admins },
  'admin.backup.runNow': { allow: admins },
  'admin.backup.download': { allow: admins },

  'studio.flows.list': { allow: configurators },
  'studio.flows.context': { allow: configurators },
  'studio.flows.get': { allow: configurators },
  'studio.flows.version': { allow: configurators },
  'studio.flows.history': { allow: configurators },
  'studio.flows.saveDraft': { allow: configurators },
  'studio.flows.discardDraft': { allow: configurators },
  'studio.flows.review': { allow: configurators },
  'studio.flows.publish': { allow: configurators },
  'studio.forms.list': { allow: configurators },
  'studio.forms.context': { allow: configurators },
  'studio.forms.get': { allow: configurators },
  'studio.forms.version': { allow: configurators },
  'studio.forms.history': { allow: configurators },
  'studio.forms.saveDraft': { allow: configurators },
  'studio.forms.discardDraft': { allow: configurators },
  'studio.forms.review': { allow: configurators },
  'studio.forms.publish': { allow: configurators },
  'studio.forms.table': { allow: configurators },
  'studio.forms.records.list': { allow: configurators },
  'studio.forms.records.insert': { allow: configurators },
  'studio.items.list': { allow: studioStaff },
  'studio.items.get': { allow: studioStaff },
  'studio.items.create': { allow: configurators },
  'studio.items.save': { allow: configurators },
  'studio.items.submit': { allow: configurators },
  'studio.items.withdraw': { allow: configurators },
  'studio.items.discard': { allow: configurators },
  'studio.items.requestChange': { allow: configurators },
  'studio.items.requestAbolish': { allow: configurators },
  'studio.items.versions': { allow: studioStaff },
  'studio.items.version': { allow: studioStaff },
  'studio.items.diff': { allow: studioStaff },
  'studio.items.options': { allow: studioStaff },
  'studio.items.review.inbox': { allow: reviewers },
  'studio.items.review.approve': { allow: reviewers },
  'studio.items.review.return': { allow: reviewers },
  'studio.items.review.detail': { allow: studioStaff },
  'studio.items.review.act': { allow: reviewers },
  'studio.items.reviewFlow.get': { allow: studioStaff },
  'studio.items.reviewFlow.set': { allow: reviewers },
  'studio.items.catalogue': { allow: studioStaff },
  'studio.items.announcements.list': { allow: studioStaff },
  'studio.items.announcements.templates': { allow: studioStaff },
  'studio.items.announcements.saveTemplate': { allow: reviewers },
  'studio.items.statistics': { allow: studioStaff },
  'studio.summary': { allow: studioStaff },
  'studio.items.codingRule': { allow: studioStaff },
  'studio.items.grants.list': { allow: studioStaff },
  'studio.items.grants.grant': { allow: reviewers },
  'studio.items.grants.revoke': { allow: reviewers },
};

/**
 * Scope scenarios on a real case accepted at the league centre (盟市场监督管理局's enterprise
 * registration): who may view it, act on its approval step and reassign it. Accounts are demo accounts
 * of the shipped metadata (`xl.*` work at the 锡林浩特市 centre, a lower level).
 */
export type ScopeScenario = {
  name: string;
  procedure: 'desk.case' | 'desk.act' | 'desk.reassign' | 'desk.inbox' | 'studio.items.requestChange';
  account: string;
  expect: 'allow' | 'deny';
  /** Before the call, the league reviewer (lg.review) grants the caller's organisation this item (revoked after). */
  grantedItemId?: string;
  /** The refusal must say this (the rule that refused, not some other check). */
  denial?: RegExp;
};

/**
 * A league-level item (set by the league) implemented by 锡林浩特市市场监督管理局: the banner's own
 * department, so only the level rule stands between the banner configurator and its text (P3).
 * The matrix test writes it as published before the scenarios.
 */
export const leagueSetBannerItemId = 'item-matrix-league-set';

export const scopeScenarios: ScopeScenario[] = [
  { name: '受理人查看本人受理的办件', procedure: 'desk.case', account: 'lg.window', expect: 'allow' },
  { name: '承办环节的审批人员查看办件', procedure: 'desk.case', account: 'lg.approver', expect: 'allow' },
  { name: '部门负责人查看本级本部门办件', procedure: 'desk.case', account: 'lg.leader', expect: 'allow' },
  { name: '下级中心窗口人员不能查看上级办件', procedure: 'desk.case', account: 'xl.window', expect: 'deny' },
  { name: '下级中心审批人员不能查看上级办件', procedure: 'desk.case', account: 'xl.approver', expect: 'deny' },
  { name: '下级中心部门负责人不能查看上级办件', procedure: 'desk.case', account: 'xl.leader', expect: 'deny' },
  { name: '承办环节的审批人员办理本环节', procedure: 'desk.act', account: 'lg.approver', expect: 'allow' },
  { name: '下级中心审批人员不能办理上级环节', procedure: 'desk.act', account: 'xl.approver', expect: 'deny' },
  { name: '部门负责人不能代为办理审批人员的环节', procedure: 'desk.act', account: 'lg.leader', expect: 'deny' },
  { name: '受理窗口不能办理审批环节', procedure: 'desk.act', account: 'lg.window', expect: 'deny' },
  { name: '部门负责人改派本部门办件', procedure: 'desk.reassign', account: 'lg.leader', expect: 'allow' },
  { name: '下级中心部门负责人不能改派上级办件', procedure: 'desk.reassign', account: 'xl.leader', expect: 'deny' },
  {
    name: '旗县配置员不能修改盟级设定的事项',
    procedure: 'studio.items.requestChange',
    account: 'xl.config',
    expect: 'deny',
    denial: /旗县（市）级用户不能修改盟级事项，须经盟级授权/,
  },
  {
    name: '盟级授权后旗县配置员可以修改该事项',
    procedure: 'studio.items.requestChange',
    account: 'xl.config',
    expect: 'allow',
    grantedItemId: leagueSetBannerItemId,
  },
];
