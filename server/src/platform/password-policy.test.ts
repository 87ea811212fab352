import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

const owner = { name: 'Olivia Martinez', email: 'olivia.martinez@clinic.example' };

describe('passwordProblem', () => {
  it.each([
    ['password12', /common password/],
    ['qwertyuiop', /common password/],
    ['iloveyou123', /common password/],
    ['Summer2024!', /common password|easy to guess/],
    ['aaaaaaaaaaaa', /easy to guess|common/],
    ['Martinez-2026!', /your name or email/],
    ['olivia.martinez', /your name or email/],
    ['Clinic Olivia 77', /your name or email/],
  ])('refuses %s', async (password, reason) => {
    expect(await passwordProblem(password, owner)).toMatch(reason);
  });

  it.each(['correct horse battery staple', 'violet anchor kettle 93', 'Kx8#mQ2vLp!w'])(
    'accepts %s',
    async (password) => {
      expect(await passwordProblem(password, owner)).toBeNull();
    },
  );
});
