import { checkPassword } from '../../src/identity/domain';
import { generatePassword } from '../../src/identity/auth/passwords';
import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';

describe('the password rule (10 characters, three of four kinds)', () => {
  it.each(['Abcdefghi1', 'abcdefgh1!', 'ABCDEFGH1!', '思明区Gongzuo2023', 'correct horse Battery7'])(
    'accepts %s',
    (password) => {
      expect(() => checkPassword(password)).not.toThrow();
    },
  );

  it.each([
    ['Abc1!', 'must be 10 to 200 characters long'],
    ['abcdefghijkl', 'missing: upper case, digits, symbols'],
    ['abcdefgh12', 'missing: upper case, symbols'],
    ['x'.repeat(201), 'must be 10 to 200'],
  ])('refuses %s', (password, message) => {
    expect(() => checkPassword(password)).toThrow(InvalidCommandError);
    expect(() => checkPassword(password)).toThrow(message);
  });

  it('the generated passwords meet it', () => {
    for (let i = 0; i < 50; i++) expect(() => checkPassword(generatePassword())).not.toThrow();
  });
});
