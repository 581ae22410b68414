import { Alert, App, DatePicker, Flex, Modal, Segmented, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../orgs/formErrors.ts';
import { periodTitle, rangeOf } from '../periods.ts';
import { type NoticePeriod, useNoticeMutations } from './api.ts';
import { NOTICE_PERIOD_LABELS } from './labels.tsx';

const PERIODS = (['month', 'quarter', 'year'] as const).map((value) => ({
  value,
  label: NOTICE_PERIOD_LABELS[value],
}));

/** The last finished period of each kind: last month, last quarter, last year. */
export function lastPeriod(period: NoticePeriod, today: Dayjs): Dayjs {
  if (period === 'year') return today.subtract(1, 'year').startOf('year');
  if (period === 'quarter') {
    const firstOfQuarter = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
    return firstOfQuarter.subtract(3, 'month');
  }
  return today.subtract(1, 'month').startOf('month');
}

/** How the server names a period: 2026-11, 2026-Q3, 2026. */
export function periodAt(period: NoticePeriod, d: Dayjs): string {
  if (period === 'year') return d.format('YYYY');
  if (period === 'quarter') return `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}`;
  return d.format('YYYY-MM');
}

/**
 * 起草通报: a month, quarter or year (the last finished one by default); the server takes the
 * figures from the ledger and writes the texts, and the new draft opens. A period not begun or
 * with nothing reported is refused with the server's message, shown here.
 */
export function DraftNoticeModal({
  open,
  officeId,
  officeName,
  onClose,
}: {
  open: boolean;
  officeId: string;
  officeName?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { create } = useNoticeMutations();
  const [period, setPeriod] = useState<NoticePeriod>('month');
  const [day, setDay] = useState<Dayjs>(() => lastPeriod('month', dayjs()));
  const [error, setError] = useState<string | null>(null);
  const at = periodAt(period, day);
  const range = rangeOf({ period, at });

  const submit = () => {
    setError(null);
    create.mutate(
      { period, at, officeId },
      {
        onSuccess: (n) => {
          message.success('通报草稿已生成，请核对正文和附件后印发');
          onClose();
          navigate(`/assessment/notices/${n.id}`);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="起草通报"
      okText="生成草稿"
      onOk={submit}
      confirmLoading={create.isPending}
      onCancel={onClose}
      afterClose={() => {
        setError(null);
        setPeriod('month');
        setDay(lastPeriod('month', dayjs()));
      }}
      width={520}
    >
      <Typography.Paragraph type="secondary">
        按所选期间{officeName ? `${officeName}的` : '的'}
        考评数据生成通报草稿，正文由数据写成、可修改，附得分情况和采用信息目录。草稿各单位看不到，印发后各单位可在首页查看。
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <Segmented
            aria-label="通报周期"
            options={PERIODS}
            value={period}
            onChange={(v) => {
              const p = v as NoticePeriod;
              setPeriod(p);
              setDay(lastPeriod(p, dayjs()));
              setError(null);
            }}
          />
          <DatePicker
            key={period}
            picker={period}
            allowClear={false}
            value={day}
            onChange={(d) => {
              if (d) setDay(d);
              setError(null);
            }}
            aria-label="通报期间"
            style={{ width: 160 }}
          />
        </Flex>
        {range && (
          <Typography.Text>
            通报期间：{periodTitle({ period, at })}（{dayjs(range.from).format('YYYY年M月D日')}至
            {dayjs(range.to).format('M月D日')}）
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="draft-error" />}
      </Flex>
    </Modal>
  );
}
