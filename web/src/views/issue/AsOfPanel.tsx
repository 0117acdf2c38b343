import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getStateAsOf } from '../../api/issues';
import type { IssueView } from '../../api/types';
import { LoadError, Loading } from '../../components/Status';
import { fromShanghaiInput, toShanghaiInput } from '../../format/time';
import { IssueFacts } from './IssueFacts';
import { Remediations } from './Remediations';

/** The issue as it stood at a chosen (recorded) moment: GET /issues/:id/state?asOf=. */
export function AsOfPanel({ issueId, initial }: { issueId: string; initial: string }) {
  const { t } = useTranslation();
  const [moment, setMoment] = useState(initial ? toShanghaiInput(initial) : toShanghaiInput(new Date()));
  const [state, setState] = useState<{ view?: IssueView; error?: unknown; loading?: boolean; at?: string }>(
    {},
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const at = fromShanghaiInput(moment);
    setState({ loading: true, at });
    try {
      setState({ view: await getStateAsOf(issueId, at), at });
    } catch (error) {
      setState({ error, at });
    }
  };

  return (
    <div className="as-of">
      <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field field-inline">
          <label htmlFor="as-of-moment">{t('asOf.moment')}</label>
          <input
            id="as-of-moment"
            type="datetime-local"
            value={moment}
            onChange={(e) => setMoment(e.target.value)}
          />
        </div>
        <button type="submit">{t('asOf.show')}</button>
      </form>
      {state.loading && <Loading />}
      {state.error !== undefined && <LoadError error={state.error} />}
      {state.view && (
        <div className="snapshot" aria-live="polite">
          <p className="muted">{t('asOf.showing', { time: moment.replace('T', ' ') })}</p>
          <IssueFacts issue={state.view} />
          <h4>{t('issue.items')}</h4>
          <Remediations issue={state.view} />
        </div>
      )}
    </div>
  );
}
