import { DeadlineList } from './DeadlineList';

/** 临期: a warning stands, nothing overdue yet; least time left first. */
export default function DueSoonView() {
  return <DeadlineList light="yellow" />;
}
