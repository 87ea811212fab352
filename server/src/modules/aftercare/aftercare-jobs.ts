/** Job names of the aftercare module: the tasks in server/src/jobs/tasks.ts handle them. */
export const aftercareJobs = {
  checkInPrompt: 'aftercare-check-in-prompt',
  urgentAlert: 'aftercare-urgent-alert',
} as const;
