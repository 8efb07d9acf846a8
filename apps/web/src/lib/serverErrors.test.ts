import { describe, expect, it } from 'vitest';
import { errorMessage, issuesFromError, placeIssues } from './serverErrors.js';

describe('issuesFromError', () => {
  it('reads issues the API attaches to error data', () => {
    const error = { message: '保存失败', data: { code: 'BAD_REQUEST', issues: [{ path: ['name'], message: '姓名不能为空' }] } };
    expect(issuesFromError(error)).toEqual([{ path: ['name'], message: '姓名不能为空' }]);
  });

  it('reads a flattened zodError', () => {
    const error = { message: 'x', data: { zodError: { formErrors: ['整体错误'], fieldErrors: { 'document.account': ['账号格式不正确'] } } } };
    expect(issuesFromError(error)).toEqual([
      { path: [], message: '整体错误' },
      { path: ['document', 'account'], message: '账号格式不正确' },
    ]);
  });

  it('reads the JSON issue list tRPC puts in the message of an input validation error', () => {
    const message = JSON.stringify([{ code: 'custom', path: ['document', 'mobile'], message: '手机号码格式不正确' }], null, 2);
    expect(issuesFromError({ message, data: { code: 'BAD_REQUEST' } })).toEqual([
      { code: 'custom', path: ['document', 'mobile'], message: '手机号码格式不正确' },
    ]);
  });

  it('finds nothing in a plain message', () => {
    expect(issuesFromError({ message: '[警告] 不是JSON' })).toEqual([]);
    expect(issuesFromError(null)).toEqual([]);
  });
});

describe('errorMessage', () => {
  it('prefers the issues, joined', () => {
    expect(errorMessage({ message: 'x', data: { issues: [{ path: [], message: '甲' }, { path: ['b'], message: '乙' }] } })).toBe('甲；乙');
  });

  it('puts the place in words in front of each issue, unless the message names it already', () => {
    const error = {
      message: '文档校验未通过：…',
      data: {
        issues: [
          { path: ['document', 'sections', 0, 'fields', 3, 'options', 0, 'value'], where: '字段“法定代表人”的选项第1项的值', message: '选项值不能为空' },
          { path: ['document', 'nodes', 2, 'settings', 'timeLimitDays'], where: '节点“审核登记”的办理时限', message: '节点“审核登记”的设置有误：时限必须是整数个工作日' },
        ],
      },
    };
    expect(errorMessage(error)).toBe('字段“法定代表人”的选项第1项的值：选项值不能为空；节点“审核登记”的设置有误：时限必须是整数个工作日');
    expect(errorMessage(error)).not.toMatch(/fields|\.\d|\$\./);
  });

  it('translates a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
  });

  it('falls back when the error says nothing', () => {
    expect(errorMessage(undefined, '保存失败')).toBe('保存失败');
  });
});

describe('placeIssues', () => {
  const fields = [['name'], ['roleIds'], ['centre', 'yellowRatio'], ['centre']];

  it('keeps the message on a field bare but names the place of one that fits no field', () => {
    const issues = [
      { path: ['document', 'roleIds', 1], where: '角色第2项', message: '引用的角色“role-x”不存在' },
      { path: ['document', 'postIds', 0], where: '岗位第1项', message: '引用的岗位“post-x”不存在' },
    ];
    expect(placeIssues(issues, fields)).toEqual({ fields: [{ name: ['roleIds'], errors: ['引用的角色“role-x”不存在'] }], unplaced: ['岗位第1项：引用的岗位“post-x”不存在'] });
  });

  it('puts an issue on the field its path names, dropping the document prefix', () => {
    expect(placeIssues([{ path: ['document', 'name'], message: '姓名不能为空' }], fields)).toEqual({
      fields: [{ name: ['name'], errors: ['姓名不能为空'] }],
      unplaced: [],
    });
  });

  it('uses the longest matching field and maps list elements to the list field', () => {
    const result = placeIssues(
      [
        { path: ['centre', 'yellowRatio'], message: '比例过小' },
        { path: ['roleIds', 1], message: '未知的角色' },
      ],
      fields,
    );
    expect(result.fields).toEqual([
      { name: ['centre', 'yellowRatio'], errors: ['比例过小'] },
      { name: ['roleIds'], errors: ['未知的角色'] },
    ]);
  });

  it('returns issues without a matching field as messages', () => {
    expect(placeIssues([{ path: ['document', 'id'], message: '标识已存在' }, { path: [], message: '被引用' }], fields).unplaced).toEqual([
      '标识已存在',
      '被引用',
    ]);
  });
});
