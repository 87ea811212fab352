import { describe, expect, it } from 'vitest';
import {
  CreatePlanRequest,
  PlanDto,
  PlanTemplatesResponse,
  TransitionPlanRequest,
  UpdatePlanRequest,
} from '../contracts/plans';
import { createPlanFromTemplate, planProgress, transitionPlan, planServiceTypeId } from './plan';
import { planSources } from './sources';
import { planTemplates } from './templates';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('plan contracts', () => {
  it('a plan from every template, with its progress, is a valid PlanDto', () => {
    for (const [i, template] of planTemplates.entries()) {
      const plan = transitionPlan(
        createPlanFromTemplate(template, { id: uuid(i), patientId: uuid(99), at: '2026-03-01T10:00:00Z' }),
        'active',
        null,
        '2026-03-01T10:05:00Z',
      );
      const progress = planProgress(plan, [], '2026-03-02T10:00:00Z', 'Europe/London');
      const serviceTypeId = planServiceTypeId(plan);
      expect(() => PlanDto.parse({ ...plan, serviceTypeId, progress }), template.id).not.toThrow();
      // A template that uses PRP books its sessions as the PRP service.
      expect(serviceTypeId, template.id).toBe(
        template.adjuncts.some((a) => a.kind === 'prp') ? 'microneedling-prp' : 'microneedling',
      );
    }
  });

  it('lists templates with their sources', () => {
    const body = { templates: planTemplates.map((t) => ({ ...t, builtIn: true })), sources: planSources };
    expect(PlanTemplatesResponse.safeParse(body).success).toBe(true);
  });

  it.each([
    [{ to: 'active' }, true],
    [{ to: 'completed' }, true],
    [{ to: 'paused' }, true],
    [{ to: 'paused', reason: '  ' }, true],
    [{ to: 'paused', reason: 'Holiday' }, true],
    [{ to: 'cancelled', reason: 'Moved away' }, true],
    [{ to: 'draft' }, false],
    [{ to: 'active', extra: 1 }, false],
  ])('TransitionPlanRequest %j -> %s', (body, ok) => {
    expect(TransitionPlanRequest.safeParse(body).success).toBe(ok);
  });

  it.each([
    [{ patientId: uuid(1), templateId: 'acne-scars' }, true],
    [{ patientId: uuid(1), templateId: 'acne-scars', adjustments: { sessions: 5, modality: 'rf' } }, true],
    [{ patientId: uuid(1), templateId: 'acne-scars', adjustments: { sessions: 0 } }, false],
    [{ patientId: 'nope', templateId: 'acne-scars' }, false],
  ])('CreatePlanRequest %j -> %s', (body, ok) => {
    expect(CreatePlanRequest.safeParse(body).success).toBe(ok);
  });

  it('UpdatePlanRequest is strict', () => {
    expect(UpdatePlanRequest.safeParse({ status: 'active' }).success).toBe(false);
    expect(UpdatePlanRequest.safeParse({ adjuncts: ['prp'], notes: 'x' }).success).toBe(true);
  });
});
