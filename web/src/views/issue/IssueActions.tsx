import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandAnswer, IssueView } from '../../api/types';
import { actsFor, may } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { CommandDisclosure } from './CommandDisclosure';
import { ISSUE_COMMANDS } from './commands/issue-commands';

/** The issue-level commands this principal may send now (role, district and the issue's state). */
export function IssueActions({
  issue,
  onDone,
}: {
  issue: IssueView;
  onDone: (answer: CommandAnswer) => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const commands = useMemo(
    () =>
      ISSUE_COMMANDS.filter(
        (c) => may(user, c.action) && actsFor(user, issue.district) && c.available(issue),
      ),
    [user, issue],
  );
  if (commands.length === 0) return <p className="muted">{t('issue.noActions')}</p>;
  return (
    <div className="commands">
      {commands.map((command) => (
        <CommandDisclosure
          key={command.id}
          id={command.id}
          path={command.path(issue)}
          fields={command.fields(t, user)}
          initial={command.initial(user)}
          onDone={onDone}
        />
      ))}
    </div>
  );
}
