import { Button, Result, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { type RuleSetDetail, useAssessmentOffices, useRuleSet } from '../../features/assessment/api.ts';
import { templateValues, valuesOf } from '../../features/assessment/rules/formModel.ts';
import {
  useHasLowerOffices,
  useRuleDictionaries,
  useRulePublications,
} from '../../features/assessment/rules/options.ts';
import { RuleSetEditor } from '../../features/assessment/rules/RuleSetEditor.tsx';

const backToList = (
  <Link to="/assessment/rules">
    <Button type="primary">返回考核办法</Button>
  </Link>
);

/** A saved version: the form starts from its rules; 刷新 reloads them after another editor's save. */
function SavedRuleSet({ id }: { id: string }) {
  const query = useRuleSet(id);
  const [generation, setGeneration] = useState(0);
  // Kept data wins over a failed refetch (e.g. the draft just deleted while navigating away).
  if (query.data)
    return (
      <Loaded
        detail={query.data}
        generation={generation}
        onReload={async () => {
          await query.refetch();
          setGeneration((g) => g + 1);
        }}
      />
    );
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
    return <Result status="404" title="考核办法不存在或您无权查看" extra={backToList} />;
  return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
}

function Loaded({
  detail,
  generation,
  onReload,
}: {
  detail: RuleSetDetail;
  generation: number;
  onReload: () => void;
}) {
  // The form's starting values are taken when the version (or a reload) is first shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed per version and reload only
  const initial = useMemo(() => valuesOf(detail), [detail.id, generation]);
  return (
    <RuleSetEditor
      key={`${detail.id}:${generation}`}
      detail={detail}
      initialValues={initial}
      onReload={onReload}
    />
  );
}

/** /assessment/rules/new: a template from the office's publications and the 考核分组 dictionary. */
function NewRuleSet() {
  const offices = useAssessmentOffices();
  const office = offices.data?.find((o) => o.relation === 'staff');
  const publications = useRulePublications();
  const dicts = useRuleDictionaries();
  const lower = useHasLowerOffices(office?.id);
  const ready = !offices.isPending && !publications.isPending && !dicts.isPending && !lower.isPending;
  const initial = useMemo(
    () =>
      ready
        ? templateValues({
            year: new Date().getFullYear(),
            officeName: office?.name,
            assessmentGroups: (dicts.assessmentGroups ?? []).filter((g) => g.active),
            ownPublications: (publications.own ?? []).filter((p) => p.active),
            hasLowerOffices: lower.value,
          })
        : null,
    [ready, office?.name, dicts.assessmentGroups, publications.own, lower.value],
  );
  if (offices.error) return <QueryError error={offices.error} onRetry={() => void offices.refetch()} />;
  if (offices.data && !office)
    return <Result status="403" title="您不是办公室信息科人员，不能制定考核办法" extra={backToList} />;
  if (publications.error) return <QueryError error={publications.error} />;
  if (!initial) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <RuleSetEditor detail={null} initialValues={initial} />;
}

/**
 * 考核办法 (/assessment/rules/:id): one version of the office's rule set — the editor for a
 * draft, the same form read-only for an active or old one — and /assessment/rules/new.
 */
export function RuleSetPage() {
  const { id } = useParams();
  if (!id || id === 'new') return <NewRuleSet />;
  return <SavedRuleSet key={id} id={id} />;
}
