import { useTranslation } from 'react-i18next';
import type { CommandAnswer } from '../../api/types';
import { CommandForm } from '../../components/CommandForm';
import type { FieldSpec, FormValues } from '../../components/form-fields';
import { sendCommand } from './commands/issue-commands';

/** One command behind a disclosure button: open it, fill it in, send it. */
export function CommandDisclosure({
  id,
  path,
  fields,
  initial,
  onDone,
}: {
  id: string;
  path: string;
  fields: FieldSpec[];
  initial: FormValues;
  onDone: (answer: CommandAnswer) => void;
}) {
  const { t } = useTranslation();
  return (
    <details className="command" data-command={id}>
      <summary>{t(`commands.${id}.title`)}</summary>
      <CommandForm
        id={`command-${id}`}
        fields={fields}
        initial={initial}
        submitLabel={t(`commands.${id}.submit`)}
        send={sendCommand(path)}
        onDone={onDone}
        doneMessage={t('commands.done')}
      />
    </details>
  );
}
