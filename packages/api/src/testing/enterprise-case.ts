/**
 * The shipped 企业设立登记 (item-enterprise-registration) as sample data: a valid registration form, the
 * enterprise applying and its materials, all provided. Accepted by a league window this starts the
 * shipped flow; tests override single values with a spread.
 */
export const enterpriseCase = {
  itemId: 'item-enterprise-registration',
  applicant: {
    kind: 'enterprise' as const,
    creditCode: '91330102MA28NBU477',
    name: '锡林郭勒草原牧业有限公司',
    legalRepresentative: '巴图',
  },
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
  decision: 'accept' as const,
};
