import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExperimentOutlined,
  ReloadOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Flex, Form, Grid, Row, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../format.ts';
import { errorMessage, isStaleVersion } from '../../orgs/formErrors.ts';
import { type RuleSetDetail, type RuleSetInput, useAssessmentOffices, useRuleSetMutations } from '../api.ts';
import { type RuleSetFormValues, toInput } from './formModel.ts';
import { periodText, RuleSetStatusTag } from './labels.tsx';
import { PreviewDrawer } from './PreviewDrawer.tsx';
import { RuleSetForm } from './RuleSetForm.tsx';
import { RuleExplanation, RuleProblems, VersionHistory } from './RuleSetSide.tsx';

/** Why 启用 is not possible now, or null when it is. */
function activateBlock(detail: RuleSetDetail, dirty: boolean): string | null {
  if (dirty) return '有未保存的修改，请先保存草稿';
  if (detail.problems.length) return `还有 ${detail.problems.length} 处问题，改正并保存后才能启用`;
  const latest = Math.max(...detail.versions.map((v) => v.versionNo));
  if (detail.versionNo !== latest) return '只能启用该考核办法的最新版本';
  if (!detail.canActivate) return '您不是本办公室信息科人员，不能启用';
  return null;
}

/**
 * One 考核办法 on screen — a saved version (`detail`) or a new one — with the editor, the
 * server's 规则说明 and 问题, the versions, and the steps its status allows: 保存草稿, 启用,
 * 删除草稿 for a draft; 新建版本 and 重新计算 for an active one; 模拟测算 for all.
 */
export function RuleSetEditor({
  detail,
  initialValues,
  onReload,
}: {
  detail: RuleSetDetail | null;
  initialValues: RuleSetFormValues;
  /** Reloads the saved version into the form (after another editor's change). */
  onReload?: () => void;
}) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleSetFormValues>();
  const m = useRuleSetMutations();
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const period = Form.useWatch('period', form) as RuleSetFormValues['period'] | undefined;
  const editable = detail ? detail.canEdit : true;
  const isNew = detail === null;
  const wide = Grid.useBreakpoint().xl === true;
  const offices = useAssessmentOffices();
  const staff = Boolean(
    detail && offices.data?.some((o) => o.id === detail.officeId && o.relation === 'staff'),
  );

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** The form as the API takes it, or null (with the first wrong field in view) when it does not validate. */
  const collect = async (): Promise<RuleSetInput | null> => {
    try {
      await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return null;
    }
    return toInput(form.getFieldsValue(true) as RuleSetFormValues);
  };

  const save = async () => {
    const input = await collect();
    if (!input) {
      message.error('表单中有需要改正的内容（已标红），改正后再保存');
      return;
    }
    if (isNew) {
      m.create.mutate(input, {
        onSuccess: (created) => {
          setDirty(false);
          message.success('已创建考核办法草稿');
          navigate(`/assessment/rules/${created.id}`, { replace: true });
        },
        onError: (e) => message.error(errorMessage(e)),
      });
      return;
    }
    m.update.mutate(
      { id: detail.id, version: detail.version, ...input },
      {
        onSuccess: (saved) => {
          qc.setQueryData(['assessment', 'rule-set', saved.id], saved);
          setDirty(false);
          message.success(
            saved.problems.length ? `草稿已保存，还有 ${saved.problems.length} 处问题` : '草稿已保存',
          );
        },
        onError: (e) => {
          if (isStaleVersion(e)) setStale(true);
          message.error(errorMessage(e));
        },
      },
    );
  };

  const activate = () => {
    if (!detail) return;
    const active = detail.versions.find((v) => v.status === 'active');
    modal.confirm({
      title: `启用第${detail.versionNo}版？`,
      content: (
        <>
          {active ? `启用后，现行的第${active.versionNo}版将停用（保留其计分记录），` : '启用后，'}
          考核期间（{periodText(detail)}）的得分将按本版本重新计算，各单位的排名随之更新。启用后不能再修改。
        </>
      ),
      okText: '启用',
      cancelText: '取消',
      onOk: () =>
        m.activate
          .mutateAsync({ id: detail.id, version: detail.version })
          .then((d) => {
            qc.setQueryData(['assessment', 'rule-set', d.id], d);
            message.success(`已启用第${d.versionNo}版，得分已重新计算`);
          })
          .catch((e) => {
            message.error(errorMessage(e));
          }),
    });
  };

  const remove = () => {
    if (!detail) return;
    modal.confirm({
      title: `删除第${detail.versionNo}版草稿？`,
      content: '草稿删除后不能恢复；已启用的版本不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        m.remove
          .mutateAsync({ id: detail.id, version: detail.version })
          .then(() => {
            setDirty(false);
            message.success('草稿已删除');
            const other = detail.versions.find((v) => v.id !== detail.id);
            navigate(other ? `/assessment/rules/${other.id}` : '/assessment/rules', { replace: true });
          })
          .catch((e) => {
            message.error(errorMessage(e));
          }),
    });
  };

  const newVersion = () => {
    if (!detail) return;
    m.newVersion.mutate(detail.id, {
      onSuccess: (d) => {
        message.success(`已新建第${d.versionNo}版草稿，修改后保存并启用`);
        navigate(`/assessment/rules/${d.id}`);
      },
      onError: (e) => message.error(errorMessage(e)),
    });
  };

  const recompute = () => {
    if (!detail) return;
    m.recompute.mutate(detail.id, {
      onSuccess: (d) => {
        qc.setQueryData(['assessment', 'rule-set', d.id], d);
        message.success(`已重新计算${d.computedAt ? `（${formatDateTime(d.computedAt)}）` : ''}`);
      },
      onError: (e) => message.error(errorMessage(e)),
    });
  };

  const block = detail && detail.status === 'draft' ? activateBlock(detail, dirty) : null;
  const draftOfSeries = detail?.versions.find((v) => v.status === 'draft' && v.id !== detail.id);
  const buttons: ReactNode[] = [];
  if (isNew)
    buttons.push(
      <Button key="create" type="primary" icon={<SaveOutlined />} loading={m.create.isPending} onClick={save}>
        创建
      </Button>,
    );
  if (detail?.canEdit) {
    buttons.push(
      <Button key="save" type="primary" icon={<SaveOutlined />} loading={m.update.isPending} onClick={save}>
        保存草稿
      </Button>,
      <Tooltip key="activate" title={block}>
        <Button icon={<CheckCircleOutlined />} disabled={Boolean(block)} onClick={activate}>
          启用
        </Button>
      </Tooltip>,
    );
  }
  if (detail?.canNewVersion)
    buttons.push(
      <Button
        key="version"
        type="primary"
        icon={<CopyOutlined />}
        loading={m.newVersion.isPending}
        onClick={newVersion}
      >
        新建版本
      </Button>,
    );
  // 模拟测算 is the office staff's (the server refuses others).
  if (isNew || staff)
    buttons.push(
      <Button key="preview" icon={<ExperimentOutlined />} onClick={() => setPreviewing(true)}>
        模拟测算
      </Button>,
    );
  if (detail?.status === 'active' && staff) {
    buttons.push(
      <Tooltip key="recompute" title="事实变化后系统会自动重算；如刚调整了单位分组，可手动重新计算">
        <Button icon={<ReloadOutlined />} loading={m.recompute.isPending} onClick={recompute}>
          重新计算
        </Button>
      </Tooltip>,
    );
  }
  if (detail?.canEdit)
    buttons.push(
      <Button key="delete" danger icon={<DeleteOutlined />} onClick={remove}>
        删除草稿
      </Button>,
    );

  const meta = detail
    ? [
        `考核期间 ${periodText(detail)}`,
        `${detail.createdByName} 创建于 ${formatDateTime(detail.createdAt)}`,
        ...(detail.activatedAt
          ? [`${detail.activatedByName ?? ''} 启用于 ${formatDateTime(detail.activatedAt)}`]
          : []),
        ...(detail.status === 'active'
          ? [detail.computedAt ? `计算于 ${formatDateTime(detail.computedAt)}` : '尚未计算']
          : []),
      ]
    : ['新建考核办法：保存后为第1版草稿，检查无误并模拟测算后再启用'];

  const from = period?.[0]?.format('YYYY-MM-DD');
  const to = period?.[1]?.format('YYYY-MM-DD');
  const periodRange = useMemo(() => (from && to ? { from, to } : null), [from, to]);

  return (
    <>
      <Link to="/assessment/rules" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> 考核办法
      </Link>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {detail?.name ?? '新建考核办法'}
            </Typography.Title>
            {detail && (
              <>
                <Tag style={{ marginInlineEnd: 0 }}>第{detail.versionNo}版</Tag>
                <RuleSetStatusTag status={detail.status} />
              </>
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {meta.join(' · ')}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap>
          {buttons}
        </Flex>
      </Flex>

      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该考核办法已被他人修改，您本次的修改尚未保存"
          description="请刷新后重新修改（刷新将载入最新保存的内容）。"
          action={
            <Button size="small" onClick={onReload}>
              刷新
            </Button>
          }
        />
      )}
      {detail && detail.status !== 'draft' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            detail.status === 'active'
              ? '已启用的考核办法不能修改；如需调整，请新建版本'
              : '这是已停用的旧版本，不能修改；如需恢复，请以它为底稿新建版本'
          }
          description={
            draftOfSeries ? (
              <>
                该考核办法已有草稿：
                <Link to={`/assessment/rules/${draftOfSeries.id}`}>第{draftOfSeries.versionNo}版</Link>
                ，请在草稿中修改。
              </>
            ) : undefined
          }
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <RuleSetForm
            form={form}
            initialValues={initialValues}
            editable={editable}
            onChange={() => setDirty(true)}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Flex
            vertical
            gap={16}
            // Beside the form (wide screens) the side stays in view under the app's 56 px header.
            style={
              wide
                ? { position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' }
                : undefined
            }
          >
            {detail && detail.status === 'draft' && <RuleProblems problems={detail.problems} />}
            <RuleExplanation explanation={detail?.explanation ?? []} dirty={dirty && editable} />
            {detail && <VersionHistory detail={detail} />}
          </Flex>
        </Col>
      </Row>
      <PreviewDrawer
        open={previewing}
        onClose={() => setPreviewing(false)}
        period={periodRange}
        collect={collect}
      />
    </>
  );
}
