/** An id as messages show it: an over-long one is cut, so a 404 never echoes kilobytes back. */
export const shownId = (id: string): string => (id.length > 100 ? `${id.slice(0, 100)}…` : id);

/**
 * The one answer to reading an issue that does not exist, or that exists outside the
 * reader's district: the two must not be told apart.
 */
export const unknownIssue = (issueId: string): string => `issue ${shownId(issueId)} does not exist`;
