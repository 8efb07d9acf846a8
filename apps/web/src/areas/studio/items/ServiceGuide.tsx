import { Descriptions, Table, Tag, Typography } from 'antd';
import { caseTypes, handlingAreas, itemCategories, serviceObjects, type ItemDocument } from '@xlgl/schema';
import { handlingFormLabels, materialFormLabels, materialMediumLabels, materialSourceLabels, resultTypeLabels } from './itemLabels.js';

/**
 * 办事指南: the item as an applicant reads it on the portal and at the kiosk. Renders only what the
 * document says; a draft shows exactly what publication would show.
 */
export function ServiceGuide({ item, departmentName }: { item: ItemDocument; departmentName?: string }) {
  return (
    <div className="service-guide" aria-label="办事指南">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {item.name} 办事指南
      </Typography.Title>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 140 } }}>
        <Descriptions.Item label="事项类型">{itemCategories[item.category]}</Descriptions.Item>
        <Descriptions.Item label="办件类型">{caseTypes[item.caseType]}</Descriptions.Item>
        <Descriptions.Item label="实施主体">{departmentName ?? item.departmentId}</Descriptions.Item>
        <Descriptions.Item label="基本编码">{item.codes?.basic ?? '审核通过后自动赋码'}</Descriptions.Item>
        {(item.subItems ?? []).length > 0 && (
          <Descriptions.Item label="办理项" span={2}>
            {(item.subItems ?? [])
              .map((sub) => {
                const code = item.codes?.subItems?.find((entry) => entry.subItemId === sub.id)?.basic;
                return code ? `${sub.name}（${code}）` : sub.name;
              })
              .join('；')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="服务对象">{item.serviceObjects.map((key) => serviceObjects[key]).join('、')}</Descriptions.Item>
        <Descriptions.Item label="通办范围">{handlingAreas[item.handlingArea]}</Descriptions.Item>
        <Descriptions.Item label="法定办结时限">{item.timeLimit.statutory}个工作日</Descriptions.Item>
        <Descriptions.Item label="承诺办结时限">
          {item.timeLimit.promised === 0 ? '即办（当场办结）' : `${item.timeLimit.promised}个工作日`}
        </Descriptions.Item>
        {item.timeLimit.note && (
          <Descriptions.Item label="时限说明" span={2}>
            {item.timeLimit.note}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="受理条件" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{item.conditions}</span>
        </Descriptions.Item>
        {item.process && (
          <Descriptions.Item label="办理流程" span={2}>
            {item.process}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="办理形式">{handlingFormLabels[item.handlingForm]}</Descriptions.Item>
        <Descriptions.Item label="是否收费">{item.charges ? '收费' : '不收费'}</Descriptions.Item>
        <Descriptions.Item label="办理结果">
          {item.result.type === 'none' ? '无' : `${resultTypeLabels[item.result.type]}：${item.result.name ?? ''}`}
        </Descriptions.Item>
        <Descriptions.Item label="快递送达">{item.postalDelivery ? '支持' : '不支持'}</Descriptions.Item>
        {item.place && <Descriptions.Item label="办理地点">{item.place}</Descriptions.Item>}
        {item.hours && <Descriptions.Item label="办理时间">{item.hours}</Descriptions.Item>}
        {item.consultPhone && <Descriptions.Item label="咨询电话">{item.consultPhone}</Descriptions.Item>}
        {item.complaintPhone && <Descriptions.Item label="监督投诉电话">{item.complaintPhone}</Descriptions.Item>}
        {item.remedy && (
          <Descriptions.Item label="行政复议与诉讼" span={2}>
            {item.remedy}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>申请材料</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={item.materials}
        locale={{ emptyText: '无需提交材料' }}
        columns={[
          { title: '序号', width: 60, render: (_value, _row, index) => index + 1 },
          {
            title: '材料名称',
            width: '32%',
            dataIndex: 'name',
            render: (name: string, row) =>
              row.required ? (
                name
              ) : (
                <>
                  {name} <Tag>非必需</Tag>
                </>
              ),
          },
          { title: '份数', dataIndex: 'copies', width: 60 },
          { title: '原件/复印件', dataIndex: 'form', width: 100, render: (value: string) => materialFormLabels[value] },
          { title: '纸质/电子', dataIndex: 'medium', width: 100, render: (value: string) => materialMediumLabels[value] },
          { title: '来源', dataIndex: 'source', width: 100, render: (value: string) => materialSourceLabels[value] },
          { title: '备注', dataIndex: 'notes' },
        ]}
      />
      {item.charges && (
        <>
          <Typography.Title level={5}>收费标准</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={item.fees}
            columns={[
              { title: '收费项目', dataIndex: 'name' },
              {
                title: '收费标准',
                dataIndex: 'amountFen',
                width: 140,
                render: (fen: number, row) => `${(fen / 100).toFixed(2)}元/${row.unit}`,
              },
              { title: '收费依据', dataIndex: 'basis' },
              { title: '可减免', dataIndex: 'waivable', width: 80, render: (value: boolean) => (value ? '是' : '否') },
            ]}
          />
        </>
      )}
      <Typography.Title level={5}>设定依据</Typography.Title>
      <ol style={{ paddingLeft: 20 }}>
        {item.legalBases.map((basis) => (
          <li key={basis.id}>
            {basis.title}
            {basis.article ? ` ${basis.article}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
