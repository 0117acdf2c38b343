import { fromShanghaiInput } from '../format/time';

/** One field of a form, declared once: its input, how its value goes into the body, when it shows. */
export type FieldSpec = {
  name: string;
  /** The i18n key of its label; `fields.<name>` unless given. */
  label?: string;
  /** An i18n key of a hint under the field. */
  hint?: string;
  required?: boolean;
  /** Shown only when this holds for the current values (e.g. `days` for on-site records only). */
  when?: (values: FormValues) => boolean;
  placeholder?: string;
} & (
  | { kind: 'text' | 'textarea' | 'password' | 'date' | 'datetime' | 'month' }
  | { kind: 'number'; step?: number; min?: number }
  | {
      kind: 'select';
      options: readonly (string | number)[];
      optionLabel: (value: string) => string;
      blank?: boolean;
    }
  | { kind: 'checkbox' }
  /** Two radio buttons, sent as true or false; the i18n keys of their labels. */
  | { kind: 'yesno'; yes: string; no: string }
  /** One entry per line, sent as a list (of strings, or of what `parseLine` makes of each line). */
  | { kind: 'list'; parseLine?: (line: string) => unknown }
);

export type FormValues = Record<string, string | boolean>;

export function initialValues(fields: FieldSpec[], initial: FormValues = {}): FormValues {
  return Object.fromEntries(
    fields.map((f) => [f.name, initial[f.name] ?? (f.kind === 'checkbox' ? false : '')]),
  );
}

/**
 * The request body: empty optional fields left out (the engine applies its defaults), lists
 * split by line, times as ISO-8601 with the Shanghai offset, numbers as numbers. Required
 * fields go as typed, empty or not, so the engine names what is missing.
 */
export function toBody(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.when && !field.when(values)) continue;
    const raw = values[field.name];
    if (field.kind === 'checkbox') {
      body[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '' && !field.required) continue;
    if (field.kind === 'yesno') {
      // Unanswered goes as missing, so the engine names the field.
      if (text !== '') body[field.name] = text === 'true';
      continue;
    }
    switch (field.kind) {
      case 'list': {
        const lines = text
          .split(field.parseLine ? /\n/ : /\n|；|;/)
          .map((s) => s.trim())
          .filter(Boolean);
        body[field.name] = field.parseLine ? lines.map(field.parseLine) : lines;
        break;
      }
      case 'number':
        body[field.name] = text === '' ? null : Number(text);
        break;
      case 'datetime':
        body[field.name] = fromShanghaiInput(text);
        break;
      case 'select':
        body[field.name] =
          field.options.some((o) => typeof o === 'number') && text !== '' ? Number(text) : text;
        break;
      default:
        body[field.name] = text;
    }
  }
  return body;
}
