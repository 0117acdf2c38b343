import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http';
import { useSubmission } from '../hooks/useSubmission';
import { initialValues, toBody, type FieldSpec, type FormValues } from './form-fields';

export interface CommandFormProps<A> {
  /** Distinguishes forms in the page (ids, test hooks). */
  id: string;
  fields: FieldSpec[];
  initial?: FormValues;
  submitLabel: string;
  /** Sends the body with this submission's Idempotency-Key. */
  send: (body: Record<string, unknown>, idempotencyKey: string) => Promise<A>;
  onDone?: (answer: A) => void;
  /** What to say once it went through. */
  doneMessage?: string | ((answer: A) => ReactNode);
  /** Keep the values after success (e.g. a search); cleared otherwise. */
  keepValues?: boolean;
  children?: ReactNode;
}

/**
 * A command as a form: labelled fields, the engine's field errors beside the fields they name
 * (`fields: [{ field, messages }]`), the rest above the button, and one Idempotency-Key per
 * submission. The browser's own validation is off on purpose: the engine's rules are the
 * rules, and its messages say what to fix.
 */
export function CommandForm<A extends { position?: unknown } | null>(props: CommandFormProps<A>) {
  const { t } = useTranslation();
  const baseId = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(props.fields, props.initial));
  const { fields, send, onDone, keepValues, initial } = props;

  const afterDone = useCallback(
    (answer: A) => {
      if (!keepValues) setValues(initialValues(fields, initial));
      onDone?.(answer);
    },
    [fields, initial, keepValues, onDone],
  );
  const sendValues = useCallback((key: string) => send(toBody(fields, values), key), [send, fields, values]);
  const submission = useSubmission(sendValues, afterDone);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submission.submit();
  };
  const set = (name: string, value: string | boolean) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (submission.done) submission.reset();
  };

  const shown = fields.filter((f) => !f.when || f.when(values));
  const error = submission.error;
  const placed = new Set(shown.map((f) => f.name));
  const unplaced = error ? error.fields.filter((f) => !placed.has(f.field.split(/[.[]/)[0])) : [];

  return (
    <form
      className="command-form"
      id={props.id}
      onSubmit={onSubmit}
      noValidate
      aria-busy={submission.pending}
    >
      {props.children}
      {shown.map((field) => (
        <FieldInput
          key={field.name}
          id={`${baseId}-${field.name}`}
          field={field}
          value={values[field.name]}
          onChange={(v) => set(field.name, v)}
          error={error}
        />
      ))}
      {error && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>
              {t(
                error.status === 400
                  ? 'errors.fixFields'
                  : error.status === 0
                    ? 'errors.unreachable'
                    : 'errors.refused',
                { status: error.status },
              )}
            </strong>{' '}
            {error.fields.length === 0 || unplaced.length > 0 ? error.message : null}
          </p>
          {error.status === 0 && <p>{t('errors.retrySafe')}</p>}
        </div>
      )}
      {submission.done !== null && !error && props.doneMessage && (
        <p className="notice notice-ok" role="status">
          {typeof props.doneMessage === 'function' ? props.doneMessage(submission.done) : props.doneMessage}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          {submission.pending ? t('common.sending') : props.submitLabel}
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  id,
  field,
  value,
  onChange,
  error,
}: {
  id: string;
  field: FieldSpec;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error: ApiError | null;
}) {
  const { t } = useTranslation();
  const messages = error?.messagesFor(field.name) ?? [];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [field.hint ? hintId : null, messages.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  const label = t(field.label ?? `fields.${field.name}`);
  const common = {
    id,
    name: field.name,
    'aria-invalid': messages.length > 0 || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' ? value : '';

  let input: ReactNode;
  switch (field.kind) {
    case 'textarea':
    case 'list':
      input = (
        <textarea
          {...common}
          rows={3}
          value={text}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'select':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {(field.blank || !field.required || text === '') && <option value="">{t('common.choose')}</option>}
          {field.options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {field.optionLabel(String(option))}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      return (
        <div className="field field-checkbox">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label htmlFor={id}>{label}</label>
          {field.hint && (
            <p className="hint" id={hintId}>
              {t(field.hint)}
            </p>
          )}
          <FieldMessages id={errorId} messages={messages} />
        </div>
      );
    case 'yesno':
      return (
        <fieldset
          className={`field field-yesno${messages.length ? ' field-invalid' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={messages.length > 0 || undefined}
        >
          <legend>
            {label}
            {field.required && (
              <span className="required" aria-hidden="true">
                {' '}
                *
              </span>
            )}
          </legend>
          {(['true', 'false'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name={`${id}-${field.name}`}
                value={choice}
                checked={text === choice}
                onChange={() => onChange(choice)}
              />
              {t(choice === 'true' ? field.yes : field.no)}
            </label>
          ))}
          {field.hint && (
            <p className="hint" id={hintId}>
              {t(field.hint)}
            </p>
          )}
          <FieldMessages id={errorId} messages={messages} />
        </fieldset>
      );
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step={field.step}
          min={field.min}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'datetime':
      input = (
        <input {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'date':
    case 'month':
    case 'password':
      input = (
        <input
          {...common}
          type={field.kind}
          value={text}
          autoComplete={field.kind === 'password' ? 'new-password' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'text':
      input = (
        <input
          {...common}
          type="text"
          value={text}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default: {
      const unexpected: never = field;
      throw new Error(`unknown field kind ${JSON.stringify(unexpected)}`);
    }
  }
  return (
    <div className={`field${messages.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {field.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {input}
      {field.hint && (
        <p className="hint" id={hintId}>
          {t(field.hint)}
        </p>
      )}
      <FieldMessages id={errorId} messages={messages} />
    </div>
  );
}

function FieldMessages({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="field-error" id={id}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
