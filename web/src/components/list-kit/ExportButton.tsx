import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { listQueryString } from './listParams.ts';

type Props = {
  /** The list's export endpoint, e.g. `/api/issues/export.xlsx`. */
  url: string;
  /** The very filters the list query sends (no page): the export holds what the list shows. */
  filters: Parameters<typeof listQueryString>[0];
  /** The file name if the server names none (it does: 收稿箱-2026-03-05.xlsx). */
  fileName: string;
  /** The list's total: nothing to export at 0. */
  total?: number;
};

/**
 * 导出Excel of a list page: downloads the list's export under its current filters; a refusal
 * (too many rows, a filter the server rejects) shows the server's Chinese message.
 */
export function ExportButton({ url, filters, fileName, total }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(`${url}?${listQueryString(filters)}`, `${fileName}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  const empty = total === 0;
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={empty}
      title={empty ? '没有可导出的记录' : '按当前查询条件导出全部记录（不分页，至多 10000 条）'}
      onClick={() => void run()}
    >
      导出Excel
    </Button>
  );
}
