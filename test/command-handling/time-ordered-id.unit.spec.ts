import { timeOrderedId } from '../../src/command-handling/time-ordered-id';

describe('timeOrderedId (the ids of new events and new things)', () => {
  it('sorts in the order the ids were made, so a batch of appends shares the indexes’ last pages', () => {
    const made = Array.from({ length: 5000 }, () => timeOrderedId());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('is a well-formed version 7 UUID, which the EventStoreDB mapping takes as the event id', () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
