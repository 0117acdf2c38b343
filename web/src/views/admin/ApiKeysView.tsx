import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listApiKeys } from '../../api/admin';
import { ApiError, post, request } from '../../api/http';
import { DISTRICTS, ROLES } from '../../api/vocabulary';
import { CommandForm } from '../../components/CommandForm';
import type { FieldSpec } from '../../components/form-fields';
import { PageTitle } from '../../components/PageTitle';
import { Loaded } from '../../components/Status';
import { formatDateTime } from '../../format/time';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';

type CreatedKey = { id: string; key: string; position?: number };

/** API keys for machine clients (admin): the key is shown once, when it is created. */
export default function ApiKeysView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const keys = useLoad((signal) => listApiKeys(signal), []);
  const { reload } = keys;
  const [created, setCreated] = useState<{ id: string; key: string } | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const fields = useMemo<FieldSpec[]>(
    () => [
      { name: 'name', kind: 'text', required: true },
      { name: 'role', kind: 'select', required: true, options: ROLES, optionLabel: labels.role },
      {
        name: 'district',
        kind: 'select',
        options: DISTRICTS,
        optionLabel: labels.district,
        hint: 'hints.districtRoles',
      },
    ],
    [labels],
  );
  const create = useCallback(
    (body: Record<string, unknown>, key: string) => post<CreatedKey>('/api-keys', body, key),
    [],
  );
  const onCreated = useCallback(
    (answer: CreatedKey) => {
      setCreated(answer);
      reload();
    },
    [reload],
  );
  const revoke = async (id: string) => {
    if (!window.confirm(t('apiKeys.confirmRevoke'))) return;
    setRevokeError(null);
    try {
      await request<null>('DELETE', `/api-keys/${encodeURIComponent(id)}`);
      reload();
    } catch (error) {
      setRevokeError(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <section>
      <PageTitle>{t('apiKeys.title')}</PageTitle>
      <details className="command panel">
        <summary>{t('apiKeys.create')}</summary>
        <CommandForm<CreatedKey>
          id="create-key"
          fields={fields}
          submitLabel={t('apiKeys.createSubmit')}
          send={create}
          onDone={onCreated}
        />
      </details>
      {created && (
        <div className="notice notice-ok" role="status">
          <p>{t('apiKeys.shownOnce')}</p>
          <p>
            <code className="secret">{created.key}</code>
          </p>
        </div>
      )}
      {revokeError && (
        <p className="notice notice-error" role="alert">
          {revokeError}
        </p>
      )}
      <Loaded state={keys}>
        {(items) => (
          <table className="responsive-table">
            <caption className="sr-only">{t('apiKeys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('fields.district')}</th>
                <th scope="col">{t('apiKeys.createdAt')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td data-label={t('fields.name')}>{k.name}</td>
                  <td data-label={t('fields.role')}>{labels.role(k.role)}</td>
                  <td data-label={t('fields.district')}>{labels.district(k.district)}</td>
                  <td data-label={t('apiKeys.createdAt')}>{formatDateTime(k.createdAt)}</td>
                  <td data-label={t('users.actions')}>
                    {k.revokedAt ? (
                      t('apiKeys.revoked')
                    ) : (
                      <button type="button" onClick={() => void revoke(k.id)}>
                        {t('apiKeys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
