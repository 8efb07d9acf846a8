import { Spin } from 'antd';

/** Placeholder while an area's code is being fetched. */
export function PageLoading() {
  return (
    <div style={{ padding: 80, display: 'grid', placeItems: 'center' }}>
      <Spin tip="正在加载…">
        <div style={{ width: 160, height: 60 }} />
      </Spin>
    </div>
  );
}
