import { useTranslation } from 'react-i18next';
import type { Light as LightValue } from '../api/vocabulary';

/** The traffic light with its word beside it, so colour is never the only signal. */
export function Light({ light }: { light: LightValue }) {
  const { t } = useTranslation();
  return (
    <span className={`light light-${light}`}>
      <span className="light-dot" aria-hidden="true">
        {light === 'red' ? '●' : light === 'yellow' ? '▲' : '■'}
      </span>
      {t(`light.${light}`)}
    </span>
  );
}
