import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../../api/admin';
import { post, request } from '../../api/http';
import type { CommandAnswer, UserRecord } from '../../api/types';
import { DISTRICTS, ROLES } from '../../api/vocabulary';
import { CommandForm } from '../../components/CommandForm';
import type { FieldSpec } from '../../components/form-fields';
import { PageTitle } from '../../components/PageTitle';
import { Loaded } from '../../components/Status';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';

/** Accounts (admin): create, change role, district or name, disable, set a password. */
export default function UsersView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const users = useLoad((signal) => listUsers(signal), []);
  const { reload } = users;
  const onDone = useCallback(() => reload(), [reload]);
  const createFields = useMemo<FieldSpec[]>(
    () => [
      { name: 'username', kind: 'text', required: true },
      { name: 'displayName', kind: 'text', required: true },
      { name: 'role', kind: 'select', required: true, options: ROLES, optionLabel: labels.role },
      {
        name: 'district',
        kind: 'select',
        options: DISTRICTS,
        optionLabel: labels.district,
        hint: 'hints.districtRoles',
      },
      { name: 'password', kind: 'password', required: true, hint: 'hints.password' },
    ],
    [labels],
  );
  const create = useCallback(
    (body: Record<string, unknown>, key: string) => post<CommandAnswer>('/users', body, key),
    [],
  );

  return (
    <section>
      <PageTitle>{t('users.title')}</PageTitle>
      <details className="command panel">
        <summary>{t('users.create')}</summary>
        <CommandForm
          id="create-user"
          fields={createFields}
          submitLabel={t('users.createSubmit')}
          send={create}
          onDone={onDone}
          doneMessage={t('users.created')}
        />
      </details>
      <Loaded state={users}>
        {(items) => (
          <table className="responsive-table">
            <caption className="sr-only">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.username')}</th>
                <th scope="col">{t('fields.displayName')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('fields.district')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <UserRow key={user.username} user={user} onDone={onDone} />
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}

function UserRow({ user, onDone }: { user: UserRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const path = `/users/${encodeURIComponent(user.username)}`;
  const editFields = useMemo<FieldSpec[]>(
    () => [
      { name: 'displayName', kind: 'text' },
      { name: 'role', kind: 'select', options: ROLES, optionLabel: labels.role },
      { name: 'district', kind: 'select', options: DISTRICTS, optionLabel: labels.district },
      { name: 'disabled', kind: 'checkbox' },
    ],
    [labels],
  );
  const initial = useMemo(
    () => ({
      displayName: user.displayName,
      role: user.role,
      district: user.district ?? '',
      disabled: user.disabled === true,
    }),
    [user],
  );
  return (
    <tr>
      <td data-label={t('fields.username')}>{user.username}</td>
      <td data-label={t('fields.displayName')}>{user.displayName}</td>
      <td data-label={t('fields.role')}>{labels.role(user.role)}</td>
      <td data-label={t('fields.district')}>{labels.district(user.district)}</td>
      <td data-label={t('users.state')}>{user.disabled ? t('users.disabled') : t('users.active')}</td>
      <td data-label={t('users.actions')}>
        <details className="command">
          <summary>{t('users.edit')}</summary>
          <CommandForm
            id={`edit-${user.username}`}
            fields={editFields}
            initial={initial}
            keepValues
            submitLabel={t('users.editSubmit')}
            send={(body, key) => request<CommandAnswer>('PATCH', path, { body, idempotencyKey: key })}
            onDone={onDone}
            doneMessage={t('users.saved')}
          />
        </details>
        <details className="command">
          <summary>{t('users.setPassword')}</summary>
          <CommandForm
            id={`password-${user.username}`}
            fields={[{ name: 'password', kind: 'password', required: true, hint: 'hints.password' }]}
            submitLabel={t('users.setPasswordSubmit')}
            send={(body, key) => post<null>(`${path}/password`, body, key)}
            doneMessage={t('users.saved')}
          />
        </details>
      </td>
    </tr>
  );
}
