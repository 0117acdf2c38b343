import { DeadlineList } from './DeadlineList';

/** 超期: past a due time; most days over first. */
export default function OverdueView() {
  return <DeadlineList light="red" />;
}
